#!/usr/bin/env bash
# `crossbuild image assemble` alone for the seven sample images, as ./build.sh Publish --daemonless assembles them (its
# binaries in artifacts/daemonless/bin, its bases in artifacts/bases, its verdict record), into artifacts/bench-assemble/
# (so the Publish layouts stay as they are). Run after `./build.sh Publish --daemonless`. The CLI has no binary-directory
# option: the binary lands in /usr/local/bin instead of / (the same work). Prints each image's milliseconds, their sum,
# and the sum of seven `crossbuild --version` starts (the .NET start-up each process pays, not the library's cost).
# usage: bench/assemble-alone.sh [CLI]   (default: dotnet src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild.dll)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
a=$PWD/artifacts
if [ $# -gt 0 ]; then cli=("$1"); else cli=(dotnet src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild.dll); fi
now() { date +%s%N; }

# id, sample folder, platforms, base (scratch: none), static
images=(
  "01-cross-compile linux/amd64,linux/arm64,linux/arm/v7,linux/s390x static static"
  "02-armv6-armv7 linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6 musl static"
  "03-scratch-six-platforms linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/ppc64le,linux/s390x scratch static"
  "04-cgo-static linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/riscv64 scratch static"
  "05-cgo-decision-static linux/amd64,linux/arm64,linux/arm/v7 static static"
  "05-cgo-decision-glibc linux/amd64,linux/arm64,linux/arm/v7 glibc dynamic"
  "05-cgo-decision-musl linux/amd64,linux/arm64,linux/arm/v7 musl dynamic"
)

total=0
for line in "${images[@]}"; do
  read -r id platforms base linkage <<<"$line"
  args=(image assemble "$a/daemonless/bin/$id/{os}_{arch}[_{variant}]/app" --platforms "$platforms" --name app --user 65532:65532
        --oci "$a/bench-assemble/$id" --tag "crossbuild/samples/$id:latest" --verdict-record "$a/verdicts")
  [ "$linkage" = static ] && args+=(--static)
  if [ "$base" = scratch ]; then args+=(--file "$a/rootfs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt"); else args+=(--base "$a/bases/$base"); fi
  t0=$(now); "${cli[@]}" "${args[@]}" >/dev/null; t1=$(now)
  ms=$(( (t1 - t0) / 1000000 )); total=$(( total + ms ))
  printf '%-26s %6d ms\n' "$id" "$ms"
done

t0=$(now); for _ in 1 2 3 4 5 6 7; do "${cli[@]}" --version >/dev/null; done; t1=$(now)
starts=$(( (t1 - t0) / 1000000 ))
echo "image assemble, seven images: ${total} ms (goal <= 2000); seven 'crossbuild --version' starts: ${starts} ms; difference (the library's share): $(( total - starts )) ms"

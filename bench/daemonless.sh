#!/usr/bin/env bash
# Benchmark, one run, same machine: the daemonless path (crossbuild go build + crossbuild image assemble) vs BuildKit
# (docker buildx build of the sample's own Dockerfile) for the same image, written as an OCI tarball by both:
#  1. cold: empty Go build cache on the host, `docker buildx prune -af` (no layer cache, no cache mounts)   goal: <= 1/3
#  2. after a one-line source change, everything warm (same ratio)                                       goal: <= 1/10
# Samples: 03-scratch-six-platforms (scratch, 6 platforms) and 01-cross-compile (on the static:12 base, 4 platforms;
# the assembler reads that base from the local registry, BuildKit pulls it from there too).
# Usage: bench/daemonless.sh   (needs eng/services.sh start and eng/base-images.sh for the BuildKit side and the base)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REG=${CROSSBUILD_REGISTRY:-127.0.0.1:5000}; DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}
go=${CROSSBUILD_GO:-/usr/lib/go-1.23/bin/go}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CROSSBUILD_GO="$go"
dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
cli=$PWD/src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

bench() { # sample platforms base(scratch|static:12) extra-assemble-args...
  local sample=$1 platforms=$2 base=$3; shift 3
  local app="$work/$sample"; cp -r "samples/$sample" "$app"
  local args=(--build-arg "GO_IMAGE=$REG/crossbuild/golang:1.23" --provenance=false --progress=quiet --platform "$platforms")
  [ "$base" = scratch ] || args+=(--build-arg "RUNTIME_IMAGE=$REG/crossbuild/$base")
  local assemble=("$cli" image assemble "$app/bin/{os}_{arch}[_{variant}]/{name}" --platforms "$platforms" --user 65532:65532 --epoch 0 --static --tar "$work/$sample-assembled.tar" "$@")
  [ "$base" = scratch ] || assemble+=(--base "$REG/crossbuild/$base")
  daemonless() {
    "$cli" go build -C "$app" --platforms "$platforms" --static --strip --name app -o "$app/bin/{os}_{arch}[_{variant}]/{name}" >/dev/null 2>&1
    "${assemble[@]}" >/dev/null
  }
  buildkit() { "$DOCKER" buildx build "${args[@]}" --output "type=oci,dest=$work/$sample-buildx.tar" "$app" >/dev/null; }

  echo "== $sample ($platforms, base $base)"
  "$DOCKER" buildx prune -af >/dev/null 2>&1
  local t0 t1 t2 t3 t4
  t0=$(now); buildkit; t1=$(now)
  rm -rf "$work/gocache" "$app/bin"; export GOCACHE="$work/gocache"
  daemonless; t2=$(now)
  sed -i 's/hello from /hello again from /' "$app/main.go"
  buildkit; t3=$(now)
  daemonless; t4=$(now)
  local bc dc bw dw; bc=$(ms "$t0" "$t1"); dc=$(ms "$t1" "$t2"); bw=$(ms "$t2" "$t3"); dw=$(ms "$t3" "$t4")
  echo "cold:                 buildx ${bc} ms   daemonless ${dc} ms   daemonless/buildx $(ratio "$dc" "$bc") (goal <= 0.33)"
  echo "one-line change:      buildx ${bw} ms   daemonless ${dw} ms   daemonless/buildx $(ratio "$dw" "$bw") (goal <= 0.10)"
  echo "change vs cold:       buildx $(ratio "$bw" "$bc")   daemonless $(ratio "$dw" "$dc")"
  "$cli" image verify "$work/$sample-assembled.tar" --platforms "$platforms" --static >/dev/null
}

bench 03-scratch-six-platforms linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/ppc64le,linux/s390x scratch \
  --file /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt --entrypoint /usr/local/bin/app
bench 01-cross-compile linux/amd64,linux/arm64,linux/arm/v7,linux/s390x static:12

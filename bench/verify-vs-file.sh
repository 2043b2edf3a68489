#!/usr/bin/env bash
# Benchmark: `crossbuild verify` on a set of real Go binaries vs a loop of `file -L -b` (what xx-verify runs
# per file), measured in the same run. Prints both times and the ratio.
# Usage: bench/verify-vs-file.sh [copies-per-platform]   (needs Go 1.23 and `file`; eng/provision-debian.sh installs them)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
copies=${1:-8}
go=${CROSSBUILD_GO:-/usr/lib/go-1.23/bin/go}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
platforms="amd64: arm64: arm:6 arm:7 386: ppc64le: s390x: riscv64:"

dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
cli=src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
files=()
for p in $platforms; do
  arch=${p%%:*}; arm=${p#*:}
  out="$work/hello-$arch$arm"
  (cd tests/Nuke.CrossBuild.Tests/Assets/hello && CGO_ENABLED=0 GOOS=linux GOARCH=$arch GOARM=$arm GOTOOLCHAIN=local GOFLAGS=-buildvcs=false "$go" build -trimpath -o "$out" .)
  for i in $(seq 1 "$copies"); do cp "$out" "$out.$i"; files+=("$out.$i"); done
done
echo "binaries: ${#files[@]} ($copies copies x 8 platforms, $(du -sh "$work" | cut -f1))"

now() { date +%s%N; }
# xx-verify: one `file -L -b` per binary plus a grep on its output.
t0=$(now)
for f in "${files[@]}"; do file -L -b "$f" | grep -q 'ELF' ; done
t1=$(now)
# crossbuild verify: one process per platform, all that platform's files at once (as a build step would call it).
for p in $platforms; do
  arch=${p%%:*}; arm=${p#*:}; plat="linux/$arch${arm:+/v$arm}"
  "$cli" verify --static --platform "$plat" "$work"/hello-"$arch$arm".* >/dev/null
done
t2=$(now)
# crossbuild verify: one process for every file of one platform, repeated per file (the worst case: a call per binary).
for f in "${files[@]:0:$copies}"; do "$cli" verify --static --platform linux/amd64 "$f" >/dev/null; done
t3=$(now)
# crossbuild verify: one process for all files (their platforms differ, so most report a mismatch; every file is read).
"$cli" verify --static --platform linux/amd64 "${files[@]}" >/dev/null 2>&1 || true
t4=$(now)
"$cli" --version >/dev/null
t5=$(now)

ms() { echo $(( ($2 - $1) / 1000000 )); }
file_ms=$(ms "$t0" "$t1"); cb_ms=$(ms "$t1" "$t2"); single_ms=$(ms "$t2" "$t3")
echo "file -L -b loop:                      ${file_ms} ms for ${#files[@]} files ($(( file_ms * 1000 / ${#files[@]} )) us/file)"
echo "crossbuild verify (per platform):     ${cb_ms} ms for ${#files[@]} files, 8 processes"
echo "crossbuild verify (one call per file): ${single_ms} ms for $copies files ($(( single_ms / copies )) ms/call, mostly .NET start-up)"
all_ms=$(ms "$t3" "$t4"); startup_ms=$(ms "$t4" "$t5")
echo "crossbuild verify (one call, all):    ${all_ms} ms for ${#files[@]} files, 1 process (start-up alone: ${startup_ms} ms)"
awk -v a="$file_ms" -v b="$cb_ms" 'BEGIN { printf "ratio file-loop / crossbuild verify per platform: %.2fx\n", a / b }'
awk -v a="$file_ms" -v b="$all_ms" 'BEGIN { printf "ratio file-loop / crossbuild verify one call:    %.2fx\n", a / b }'
awk -v a="$file_ms" -v b="$all_ms" -v s="$startup_ms" -v n="${#files[@]}" 'BEGIN { printf "per-file cost after start-up: file %.2f ms, crossbuild %.2f ms\n", a / n, (b - s) / n }'

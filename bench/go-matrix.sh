#!/usr/bin/env bash
# Benchmark, one run, cold Go caches on both sides of each comparison:
#  1. the 8-platform matrix (`all`) with `crossbuild go build` vs the same go build commands one after another;
#  2. cross-compiling for arm64 on the host vs running the arm64 Go toolchain under QEMU (what an emulated build stage does).
# Usage: bench/go-matrix.sh   (needs eng/provision-debian.sh and eng/services.sh start for binfmt)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
go=${CROSSBUILD_GO:-/usr/lib/go-1.23/bin/go}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
app=tests/Nuke.CrossBuild.Tests/Assets/hello
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false
dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
cli=$PWD/src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

echo "== 1. matrix 'all' (8 platforms), cold cache each"
t0=$(now)
GOCACHE="$work/cache-task" CROSSBUILD_GO="$go" "$cli" go build -C "$app" --platforms all --static -o "$work/task/{platform}/{name}" 2>/dev/null
t1=$(now)
"$cli" go build --platforms all --name hello -o "$work/seq/{platform}/{name}" --dry-run > "$work/commands.sh"
(cd "$app" && while read -r line; do env GOCACHE="$work/cache-seq" ${line/ go / $go } >/dev/null; done < "$work/commands.sh")
t2=$(now)
task=$(secs "$t0" "$t1"); seq=$(secs "$t1" "$t2")
echo "crossbuild go build (jobs $("$cli" go build --help | grep -o 'default here: [0-9]*' | grep -o '[0-9]*')): ${task} s"
echo "same go build commands, one after another: ${seq} s"
awk -v a="$seq" -v b="$task" 'BEGIN { printf "ratio sequential / crossbuild: %.2fx\n", a / b }'

echo "== 2. arm64: cross-compiled on the host vs the arm64 Go toolchain under QEMU, cold cache each"
goarm64="${CROSSBUILD_STATE:-/var/lib/crossbuild}/go-arm64"
if [ ! -x "$goarm64/usr/lib/go-1.23/bin/go" ]; then
  bash eng/fetch-debs.sh arm64 "$work/debs" golang-1.23-go/bookworm-backports golang-1.23-src/bookworm-backports
  mkdir -p "$goarm64"; for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$goarm64"; done
fi
t3=$(now)
(cd "$app" && GOCACHE="$work/cache-cross" CGO_ENABLED=0 GOOS=linux GOARCH=arm64 "$go" build -o "$work/cross-arm64" .)
t4=$(now)
(cd "$app" && GOCACHE="$work/cache-emu" CGO_ENABLED=0 GOROOT="$goarm64/usr/lib/go-1.23" "$goarm64/usr/lib/go-1.23/bin/go" build -o "$work/emu-arm64" .)
t5=$(now)
cross=$(secs "$t3" "$t4"); emu=$(secs "$t4" "$t5")
echo "cross-compiled on the host: ${cross} s"
echo "arm64 toolchain under QEMU: ${emu} s"
awk -v a="$emu" -v b="$cross" 'BEGIN { printf "ratio emulated / cross: %.1fx\n", a / b }'
"$cli" verify --platform linux/arm64 --static "$work/cross-arm64" "$work/emu-arm64"

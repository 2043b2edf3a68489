#!/usr/bin/env bash
# Benchmark, one run: the Native AOT crossbuild executable.
#  1. start-up: median wall time of 20 runs of `platform linux/arm64 --json` and of `verify` on one binary
#     (goal: <= 20 ms each), with the managed `crossbuild` (framework-dependent apphost) beside it for comparison;
#  2. the 24-file mixed set (8 linux platforms x {plain, -s -w}, 4 windows PE, 2 darwin Mach-O x {plain, -s -w})
#     verified in one call with --pattern vs a `file -L -b` loop over the same files (xx-verify's engine; goal >= 5x).
# Usage: bench/aot-start.sh   (needs Go 1.23, `file` and clang; eng/provision-debian.sh installs them)
#        CROSSBUILD_EXE=artifacts/tools/linux-x64/crossbuild bench/aot-start.sh   reuses a published executable
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
go=${CROSSBUILD_GO:-/usr/lib/go-1.23/bin/go}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0
runs=20

aot=${CROSSBUILD_EXE:-}
if [ -z "$aot" ]; then
  dotnet publish src/Nuke.CrossBuild.Cli -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:ArtifactsPath="$PWD/artifacts/aot-build" -v q -nologo -o "$work/aot" >/dev/null
  aot="$work/aot/crossbuild"
fi
dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
managed=src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild

# The mixed set, laid out the way `crossbuild go build -o` writes it.
pattern="$work/dist/{os}_{arch}[_{variant}]/{name}[.exe]"
build() { # os arch arm name ldflags
  local dir="$work/dist/$1_$2${3:+_v$3}" ext=""; [ "$1" = windows ] && ext=.exe
  mkdir -p "$dir"
  (cd tests/Nuke.CrossBuild.Tests/Assets/hello && GOOS=$1 GOARCH=$2 GOARM=$3 "$go" build -trimpath -ldflags="$5" -o "$dir/$4$ext" .)
}
for p in amd64: arm64: arm:6 arm:7 386: ppc64le: s390x: riscv64:; do
  build linux "${p%%:*}" "${p#*:}" hello ""
  build linux "${p%%:*}" "${p#*:}" hello-sw "-s -w"
done
for a in amd64 386 arm64 arm:7; do build windows "${a%%:*}" "$([ "$a" = arm:7 ] && echo 7)" hello ""; done
for a in amd64 arm64; do build darwin "$a" "" hello ""; build darwin "$a" "" hello-sw "-s -w"; done
files=("$work"/dist/*/*)
echo "mixed set: ${#files[@]} files ($(du -sh "$work/dist" | cut -f1))"

# Median wall time of $runs runs of a command, in ms (EPOCHREALTIME: no fork to read the clock).
median() {
  local times=() i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1 || true; t1=$EPOCHREALTIME
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
one="$work/dist/linux_arm64/hello"
"$aot" verify --platform linux/arm64 "$one" >/dev/null   # fail loudly here, not silently inside median

echo "== 1. start-up, median of $runs runs (goal: <= 20 ms with the AOT executable)"
printf '%-48s %8s ms   %8s ms\n' "" "AOT" "managed"
printf '%-48s %8s ms   %8s ms\n' "crossbuild platform linux/arm64 --json" \
  "$(median "$aot" platform linux/arm64 --json)" "$(median "$managed" platform linux/arm64 --json)"
printf '%-48s %8s ms   %8s ms\n' "crossbuild verify --platform linux/arm64 <one>" \
  "$(median "$aot" verify --platform linux/arm64 "$one")" "$(median "$managed" verify --platform linux/arm64 "$one")"
printf '%-48s %8s ms\n' "/bin/true (the cost of starting any process)" "$(median /bin/true)"

echo "== 2. the ${#files[@]}-file mixed set, median of $runs runs (goal: crossbuild >= 5x faster)"
file_loop() { for f in "${files[@]}"; do file -L -b "$f" | grep -q -e ELF -e PE32 -e Mach-O; done; }
"$aot" verify --pattern "$pattern" "${files[@]}" >/dev/null   # every file must verify, or the timing means nothing
loop=$(median file_loop)
cb=$(median "$aot" verify --pattern "$pattern" "${files[@]}")
echo "file -L -b loop:                          $loop ms"
echo "crossbuild verify --pattern (one call):   $cb ms"
awk -v a="$loop" -v b="$cb" 'BEGIN { printf "ratio file loop / crossbuild verify: %.1fx\n", a / b }'

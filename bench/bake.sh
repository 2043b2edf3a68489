#!/usr/bin/env bash
# Benchmark, one run, same machine: ./build.sh Publish's engine path for the seven sample images (28 platform images)
# image by image (--image-by-image: one `buildx build` after another) vs ONE `docker buildx bake`, each end to end as
# users run it after Compile (`--exclusive`: plan, build, verification, OCI layouts, load, one container run per
# platform; Compile and the Engine task run once before, outside the figures):
#  1. cold: `docker buildx prune -af` before each path (no layer cache, no Go cache mounts)    goal: bake <= 0.6 x
#  2. after a one-line change in every sample's main.go (its own change before each path, so both rebuild the Go
#     stage of all seven samples)                                                              goal: bake <= 0.5 x
# Needs the engine, the local registry and the base images running already (eng/services.sh start; eng/base-images.sh);
# starts and stops nothing. Usage: bench/bake.sh   (restores samples/)
# Each path also prints the machine's CPU seconds while it ran (/proc/stat: user+nice+system+irq+softirq+steal; run it
# on an otherwise idle machine) and the cores that kept busy on average: a path cannot end sooner than its CPU seconds
# divided by the cores, so "floor" is what even a perfectly parallel bake of the same work would take.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}
work=$(mktemp -d)
restore() { git checkout -q -- samples; rm -rf "$work"; }
trap restore EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cores=$(nproc); tick=$(getconf CLK_TCK)
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
cpu() { awk -v a="$1" -v b="$2" -v t="$tick" 'BEGIN { printf "%.0f", (b - a) / t }'; }
usage() { # label, busy0, busy1, ms
  local s; s=$(cpu "$2" "$3")
  echo "  $1: cpu ${s} s, busy cores $(awk -v c="$s" -v m="$4" 'BEGIN { printf "%.2f", c / (m / 1000) }') of $cores, floor $(awk -v c="$s" -v n="$cores" 'BEGIN { printf "%.0f", c / n }') s"
}
run() { "$@" > "$work/last.log" 2>&1 || { tail -30 "$work/last.log"; exit 1; }; }

./build.sh Compile >/dev/null
echo "== 1. cold"
"$DOCKER" buildx prune -af >/dev/null 2>&1
c0=$(busy); t0=$(now); run ./build.sh Publish --exclusive --image-by-image; t1=$(now); c1=$(busy)
"$DOCKER" buildx prune -af >/dev/null 2>&1
c2=$(busy); t2=$(now); run ./build.sh Publish --exclusive; t3=$(now); c3=$(busy)
grep -q "one bake: " "$work/last.log" || { echo "the bake path did not bake" >&2; exit 1; }
ic=$(ms "$t0" "$t1"); bc=$(ms "$t2" "$t3")
echo "image-by-image ${ic} ms   bake ${bc} ms   bake/image-by-image $(ratio "$bc" "$ic") (goal <= 0.6)"
usage image-by-image "$c0" "$c1" "$ic"; usage bake "$c2" "$c3" "$bc"

echo "== 2. one-line change in every sample"
# Texts no earlier run built (a text built before comes back from BuildKit's layer cache: no rebuild to measure).
first="hello $(date +%s%N) from "; second="hello $(date +%s%N)-2 from "
sed -i "s/hello from /$first/" samples/*/main.go
c0=$(busy); t0=$(now); run ./build.sh Publish --exclusive --image-by-image; t1=$(now); c1=$(busy)
sed -i "s/$first/$second/" samples/*/main.go
c2=$(busy); t2=$(now); run ./build.sh Publish --exclusive; t3=$(now); c3=$(busy)
grep -q "${second}linux/riscv64" "$work/last.log" || { echo "the change did not reach the baked images' smoke runs" >&2; exit 1; }
iw=$(ms "$t0" "$t1"); bw=$(ms "$t2" "$t3")
echo "image-by-image ${iw} ms   bake ${bw} ms   bake/image-by-image $(ratio "$bw" "$iw") (goal <= 0.5)"
usage image-by-image "$c0" "$c1" "$iw"; usage bake "$c2" "$c3" "$bw"

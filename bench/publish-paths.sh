#!/usr/bin/env bash
# Benchmark, one run, same machine: the repository's main job for the seven sample images (28 platform images) by the
# two paths, each end to end as users run it (./build.sh Publish: Compile, plan, buildx, verification, OCI layouts,
# load, one container run per platform; ./build.sh Publish --daemonless: Compile, Go matrix on the host with a smoke
# run per binary, bases and images assembled, verified, OCI layouts):
#  1. cold: `docker buildx prune -af` (no layer cache, no Go cache mounts) vs an empty host GOCACHE  goal: <= 1/3
#  2. after a one-line change in every sample's main.go, everything warm                          goal: <= 1/10
#  3. set-up: what each path needs before its first image, measured here from installed packages (the Debian
#     downloads of eng/provision-debian.sh are not repeated): runtime bases (eng/base-images.sh into an empty private
#     registry vs eng/base-images.sh --rootfs into an empty directory) and starting the engine (eng/services.sh start).
# Usage: bench/publish-paths.sh [sections, default 123]   (as root; the engine path starts and stops its own services;
# restores samples/). Section 2 alone first runs each path once, untimed, so both start warm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}
work=$(mktemp -d)
restore() { git checkout -q -- samples; [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap restore EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
run() { "$@" > "$work/last.log" 2>&1 || { tail -30 "$work/last.log"; exit 1; }; }

sections=${1:-123}
bash eng/services.sh start >/dev/null
./build.sh Compile >/dev/null
if [[ $sections == *1* ]]; then
echo "== 1. cold"
"$DOCKER" buildx prune -af >/dev/null 2>&1
t0=$(now); run ./build.sh Publish; t1=$(now)
export GOCACHE="$work/gocache"
t2=$(now); run ./build.sh Publish --daemonless; t3=$(now)
bc=$(ms "$t0" "$t1"); dc=$(ms "$t2" "$t3")
echo "buildx ${bc} ms   daemonless ${dc} ms   daemonless/buildx $(ratio "$dc" "$bc") (goal <= 0.33)"
else
  run ./build.sh Publish; run ./build.sh Publish --daemonless  # warm both paths, untimed
fi

if [[ $sections == *2* ]]; then
echo "== 2. one-line change in every sample"
# A text no earlier run built (BuildKit's layer cache, the host's Go cache and the verdict record would otherwise hand
# back a program built before under the same text, as they did once after bench/bake.sh's "hello again").
change="hello $(date +%s%N) from "
sed -i "s/hello from /$change/" samples/*/main.go
t0=$(now); run ./build.sh Publish; t1=$(now)
t2=$(now); run ./build.sh Publish --daemonless; t3=$(now)
bw=$(ms "$t0" "$t1"); dw=$(ms "$t2" "$t3")
echo "buildx ${bw} ms   daemonless ${dw} ms   daemonless/buildx $(ratio "$dw" "$bw") (goal <= 0.20, issue #25; <= 0.10 before)"
grep -q "${change}linux/riscv64" "$work/last.log" || { echo "the change did not reach the daemonless images' smoke runs" >&2; exit 1; }
fi

[[ $sections == *3* ]] || exit 0
echo "== 3. set-up before the first image (packages already installed)"
mkdir -p "$work/registry"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:5099\n' "$work/registry/data" > "$work/registry/config.yml"
/usr/bin/docker-registry serve "$work/registry/config.yml" >/dev/null 2>&1 & reg_pid=$!
sleep 1
t0=$(now); run env CROSSBUILD_STATE="$work/state-engine" bash eng/base-images.sh 127.0.0.1:5099; t1=$(now)
t2=$(now); run env CROSSBUILD_STATE="$work/state-rootfs" bash eng/base-images.sh --rootfs "$work/rootfs"; t3=$(now)
bash eng/services.sh stop >/dev/null
t4=$(now); run bash eng/services.sh start; t5=$(now)
be=$(ms "$t0" "$t1"); br=$(ms "$t2" "$t3"); se=$(ms "$t4" "$t5")
echo "bases: engine path ${be} ms (5 images built by buildx, pushed)   daemonless ${br} ms (rootfs tarballs)   ratio $(ratio "$br" "$be")"
echo "engine start (dockerd, registry, binfmt): ${se} ms; the daemonless path starts nothing"
bash eng/services.sh stop >/dev/null

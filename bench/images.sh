#!/usr/bin/env bash
# Image benchmarks, one run, same sample (samples/01-cross-compile), same engine, base images from eng/base-images.sh:
#  1. emulated build stage vs cross build stage, 3 platforms, cold (--no-cache)       goal: >= 10x
#  2. 5 platforms vs 1 platform, cold, cross                                           goal: <= 2.5x
#  3. one-line source change rebuild vs cold, with the Go cache mounts                 goal: <= 1/20
#  4. `crossbuild image build` (the add-in) vs the bare `docker buildx build` it runs, warm, repeated, without and with
#     --verdict-record   goal: cold <= 3 %, warm no-op with the record <= 10 %
# Usage: [CROSSBUILD_CLI=path] bench/images.sh [repeats-for-4] [sections, default 1234]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REG=${CROSSBUILD_REGISTRY:-127.0.0.1:5000}; DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}; repeats=${1:-5}; sections=${2:-1234}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r samples/01-cross-compile "$work/app"
sed 's|FROM --platform=\$BUILDPLATFORM \${GO_IMAGE} AS build|FROM ${GO_IMAGE} AS build|' samples/01-cross-compile/Dockerfile > "$work/app/Dockerfile.emulated"
args=(--build-arg "GO_IMAGE=$REG/crossbuild/golang:1.23" --build-arg "RUNTIME_IMAGE=$REG/crossbuild/static:12" --provenance=false --progress=quiet)
now() { date +%s%N; }
timed() { local t0; t0=$(now); "$@" >/dev/null; echo $(( ($(now) - t0) / 1000000 )); }
cold() { "$DOCKER" buildx prune -af >/dev/null 2>&1; }  # no layer cache and no cache mounts: really cold
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
bash eng/base-images.sh "$REG" >/dev/null
# CROSSBUILD_CLI: the crossbuild to time in section 4, e.g. the Native AOT executable users run in CI
# (artifacts/tools/linux-x64/crossbuild after ./build.sh Executables); default: the JIT build of this tree.
if [ -n "${CROSSBUILD_CLI:-}" ]; then cli=$CROSSBUILD_CLI; else
  dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
  cli=src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
fi
echo "crossbuild: $cli ($("$cli" --version))"
three=linux/amd64,linux/arm64,linux/arm/v7

if [[ $sections == *1* ]]; then
echo "== 1. emulated vs cross build stage, 3 platforms ($three), cold"
cold; cross=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$three" --output type=cacheonly "$work/app")
cold; emu=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$three" --output type=cacheonly -f "$work/app/Dockerfile.emulated" "$work/app")
echo "cross: ${cross} ms   emulated: ${emu} ms   ratio emulated/cross: $(ratio "$emu" "$cross")x"

fi
if [[ $sections == *2* ]]; then
echo "== 2. 5 platforms vs 1, cold, cross"
cold; one=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform linux/amd64 --output type=cacheonly "$work/app")
cold; five=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform linux/amd64,linux/arm64,linux/arm/v7,linux/ppc64le,linux/s390x --output type=cacheonly "$work/app")
echo "1 platform: ${one} ms   5 platforms: ${five} ms   ratio: $(ratio "$five" "$one")x"

fi
if [[ $sections == *3* ]]; then
echo "== 3. one-line source change vs cold, 3 platforms, cache mounts"
cold; coldms=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$three" --output type=cacheonly "$work/app")
sed -i 's/hello from /hello again from /' "$work/app/main.go"
warm=$(timed "$DOCKER" buildx build "${args[@]}" --platform "$three" --output type=cacheonly "$work/app")
echo "cold: ${coldms} ms   after a one-line change: ${warm} ms   ratio: $(ratio "$warm" "$coldms") (1/$(ratio "$coldms" "$warm"))"

fi
if [[ $sections == *4* ]]; then
echo "== 4. add-in overhead: crossbuild image build vs bare docker buildx build, warm, ${repeats} runs each, 3 platforms"
img="$REG/bench/app:overhead"
"$DOCKER" buildx build "${args[@]}" --platform "$three" -t "$img" --push "$work/app" >/dev/null
bare=0; addin=0; recorded=0
cbargs=(--platforms "$three" -t "$img" --push --build-arg "GO_IMAGE=$REG/crossbuild/golang:1.23" --build-arg "RUNTIME_IMAGE=$REG/crossbuild/static:12")
"$cli" image build "$work/app" "${cbargs[@]}" --verdict-record "$work/verdicts" >/dev/null  # the record's first pass
for i in $(seq 1 "$repeats"); do
  bare=$(( bare + $(timed "$DOCKER" buildx build "${args[@]}" --platform "$three" -t "$img" --push "$work/app") ))
  addin=$(( addin + $(timed "$cli" image build "$work/app" "${cbargs[@]}") ))
  recorded=$(( recorded + $(timed "$cli" image build "$work/app" "${cbargs[@]}" --verdict-record "$work/verdicts") ))
done
echo "bare buildx: $(( bare / repeats )) ms/run   crossbuild image build (doctor, plan, builder check, build, verify every platform): $(( addin / repeats )) ms/run"
echo "overhead warm: $(awk -v a="$addin" -v b="$bare" 'BEGIN { printf "%.1f", (a - b) * 100 / b }') %  ($(( (addin - bare) / repeats )) ms/run)"
echo "with --verdict-record (platforms verified before are not read again): $(( recorded / repeats )) ms/run   overhead warm: $(awk -v a="$recorded" -v b="$bare" 'BEGIN { printf "%.1f", (a - b) * 100 / b }') %  ($(( (recorded - bare) / repeats )) ms/run)   goal: <= 10 %"
sed -i 's/hello again from /hello once more from /' "$work/app/main.go"
cold; cbare=$(timed "$DOCKER" buildx build "${args[@]}" --platform "$three" -t "$img" --push "$work/app")
cold; caddin=$(timed "$cli" image build "$work/app" --platforms "$three" -t "$img" --push --build-arg "GO_IMAGE=$REG/crossbuild/golang:1.23" --build-arg "RUNTIME_IMAGE=$REG/crossbuild/static:12")
echo "cold: bare buildx ${cbare} ms   crossbuild image build ${caddin} ms   overhead: $(awk -v a="$caddin" -v b="$cbare" 'BEGIN { printf "%.1f", (a - b) * 100 / b }') %"
fi

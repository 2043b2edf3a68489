#!/usr/bin/env bash
# Image benchmarks on a real Go program that is not a sample: gofmt, built from the Go toolchain's own source tree
# (cmd/gofmt in GOROOT of the project's golang:1.23 base image: go/ast, go/parser, go/printer, its vendored
# golang.org/x/sync; nothing from the network). One run, same engine, base images from eng/base-images.sh:
#  1. emulated build stage vs cross build stage, 3 platforms, cold (--no-cache, cache pruned)   goal: >= 10x
#  2. 5 platforms vs 1 platform, cold, cross                                                   goal: <= 2.5x
#  3. the CPU a single-platform cross build keeps busy (user+sys / wall of `go build` on this machine), which bounds 2.
#  4. emulated vs cross build stage, the 2 foreign platforms of section 1 only (linux/arm64,linux/arm/v7), cold: the cost
#     of emulation per platform that needs it (section 1 also counts linux/amd64, native on both sides here)
# Usage: bench/real-program.sh [sections]   (e.g. "34"; default: 123)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REG=${CROSSBUILD_REGISTRY:-127.0.0.1:5000}; DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app"
# The cross Dockerfile follows samples/01's pattern (build stage on $BUILDPLATFORM, GOARM from TARGETVARIANT); the emulated
# one differs only in the build stage's FROM line, as in bench/images.sh.
cat > "$work/app/Dockerfile" <<'DF'
ARG GO_IMAGE
ARG RUNTIME_IMAGE
FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build
ARG TARGETOS TARGETARCH TARGETVARIANT
RUN --mount=type=cache,target=/root/.cache/go-build \
    export CGO_ENABLED=0 GOOS="$TARGETOS" GOARCH="$TARGETARCH" && \
    case "$TARGETARCH/$TARGETVARIANT" in arm/v6) export GOARM=6 ;; arm/*) export GOARM=7 ;; esac && \
    go build -trimpath -ldflags "-s -w" -o /out/app cmd/gofmt

FROM ${RUNTIME_IMAGE}
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
DF
sed 's|FROM --platform=\$BUILDPLATFORM \${GO_IMAGE} AS build|FROM ${GO_IMAGE} AS build|' "$work/app/Dockerfile" > "$work/app/Dockerfile.emulated"
args=(--build-arg "GO_IMAGE=$REG/crossbuild/golang:1.23" --build-arg "RUNTIME_IMAGE=$REG/crossbuild/static:12" --provenance=false --progress=quiet)
now() { date +%s%N; }
timed() { local t0; t0=$(now); "$@" >/dev/null; echo $(( ($(now) - t0) / 1000000 )); }
cold() { "$DOCKER" buildx prune -af >/dev/null 2>&1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
bash eng/base-images.sh "$REG" >/dev/null
three=linux/amd64,linux/arm64,linux/arm/v7
five=linux/amd64,linux/arm64,linux/arm/v7,linux/ppc64le,linux/s390x
echo "program: cmd/gofmt from GOROOT (Go $("$DOCKER" run --rm "$REG/crossbuild/golang:1.23" go env GOVERSION 2>/dev/null || echo 1.23)), $(nproc) cores"

sections=${1:-123}
want() { [[ $sections == *"$1"* ]]; }
if want 1; then
echo "== 1. emulated vs cross build stage, 3 platforms ($three), cold"
cold; cross=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$three" --output type=cacheonly "$work/app")
cold; emu=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$three" --output type=cacheonly -f "$work/app/Dockerfile.emulated" "$work/app")
echo "cross: ${cross} ms   emulated: ${emu} ms   ratio emulated/cross: $(ratio "$emu" "$cross")x"

fi

if want 2; then
echo "== 2. 5 platforms vs 1, cold, cross"
cold; one=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform linux/amd64 --output type=cacheonly "$work/app")
cold; many=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$five" --output type=cacheonly "$work/app")
echo "1 platform: ${one} ms   5 platforms: ${many} ms   ratio: $(ratio "$many" "$one")x"

fi

if want 3; then
echo "== 3. cores one cold cross build keeps busy (go build of cmd/gofmt for linux/arm64, empty GOCACHE, in the golang image)"
usage=$("$DOCKER" run --rm -e GOCACHE=/tmp/gocache -e GOOS=linux -e GOARCH=arm64 -e CGO_ENABLED=0 "$REG/crossbuild/golang:1.23" \
  sh -c 'start=$(date +%s%N); go build -o /tmp/app cmd/gofmt; end=$(date +%s%N); set -- $(cut -d" " -f16,17 /proc/$$/stat); echo "$(( (end - start) / 1000000 )) $1 $2"')
read -r wall cu cs <<<"$usage"
tick=$(getconf CLK_TCK)
cpu=$(( (cu + cs) * 1000 / tick ))
echo "wall: ${wall} ms   cpu (children's user+sys): ${cpu} ms   busy cores: $(ratio "$cpu" "$wall") of $(nproc)"
echo "arithmetic: with c busy cores of $(nproc), n platforms of equal compile work take about n*cpu/$(nproc) once the cores are full;"
echo "            5 platforms / 1 platform >= 5*${cpu}/($(nproc)*${wall}) = $(awk -v c="$cpu" -v w="$wall" -v p="$(nproc)" 'BEGIN { printf "%.2f", 5 * c / (p * w) }')x before any fixed cost is shared"
fi

if want 4; then
foreign=linux/arm64,linux/arm/v7
echo "== 4. emulated vs cross build stage, foreign platforms only ($foreign), cold"
cold; cross=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$foreign" --output type=cacheonly "$work/app")
cold; emu=$(timed "$DOCKER" buildx build "${args[@]}" --no-cache --platform "$foreign" --output type=cacheonly -f "$work/app/Dockerfile.emulated" "$work/app")
echo "cross: ${cross} ms   emulated: ${emu} ms   ratio emulated/cross: $(ratio "$emu" "$cross")x (goal >= 10x)"
echo "arithmetic for section 1: with amd64 native on both sides and r this ratio, 3 platforms give about (1 + 2r) / 3 = $(awk -v c="$cross" -v e="$emu" 'BEGIN { r = e / c; printf "%.2f", (1 + 2 * r) / 3 }')x"
fi

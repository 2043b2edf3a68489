#!/usr/bin/env bash
# Builds, from Debian packages, the base images the samples use (no container registry is reachable here) and pushes
# them to the local registry. Cached: an image is rebuilt only when this script changes or the registry lacks it.
#   $REG/crossbuild/golang:1.23   linux/amd64: Go 1.23 + gcc cross toolchains with glibc and musl for the sample platforms
#                                 linux/arm64, linux/arm/v7: Go on busybox only (for the emulated-build-stage benchmark)
#   $REG/crossbuild/static:12     CA certificates, tzdata, /etc/passwd with nonroot (65532), /tmp — distroless/static-like
#   $REG/crossbuild/glibc:12      static + libc6 — distroless/base-like, for dynamically linked glibc binaries
#   $REG/crossbuild/musl:1.2      static + musl (the Alpine libc) — for musl-linked binaries
#   $REG/crossbuild/busybox:1.37  static + busybox-static with its applets — a debug base with a shell
# Runtime bases cover linux/amd64, arm64, arm/v7, arm/v6, 386, ppc64le, s390x, riscv64.
# Usage: eng/base-images.sh [registry]   (default 127.0.0.1:5000; needs eng/services.sh start)
#        eng/base-images.sh --rootfs DIR  no engine, no registry: only the runtime bases' root file system tarballs, for
#                                         `crossbuild image assemble --base-only --layer` (the daemonless path):
#                                         DIR/static.tar, DIR/{glibc,musl,busybox}-<arch><variant>.tar (armv7, armv6, ...)
#                                         and DIR/ca-certificates.crt (the static base's CA bundle, for scratch images)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOTFS=
if [ "${1:-}" = --rootfs ]; then
  [ -n "${2:-}" ] || { echo "usage: eng/base-images.sh --rootfs DIR" >&2; exit 2; }
  mkdir -p "$2"; ROOTFS=$(cd "$2" && pwd); shift 2
fi
REG=${1:-${CROSSBUILD_REGISTRY:-127.0.0.1:5000}}
DOCKER=${CROSSBUILD_DOCKER:-/usr/bin/docker}
STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
HASH=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
WORK="$STATE/base-images/$HASH"
start=$(date +%s)
step() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# debian arch -> OCI platform
declare -A PLATFORM=([amd64]=linux/amd64 [arm64]=linux/arm64 [armhf]=linux/arm/v7 [armel]=linux/arm/v6 [i386]=linux/386 [ppc64el]=linux/ppc64le [s390x]=linux/s390x [riscv64]=linux/riscv64)
# debian arch -> the TARGETARCH+TARGETVARIANT of that platform (file name suffix)
declare -A SUFFIX=([amd64]=amd64 [arm64]=arm64 [armhf]=armv7 [armel]=armv6 [i386]=386 [ppc64el]=ppc64le [s390x]=s390x [riscv64]=riscv64)
ARCHES=(amd64 arm64 armhf armel i386 ppc64el s390x riscv64)

if [ -n "$ROOTFS" ] && [ "$(cat "$ROOTFS/.base-images" 2>/dev/null)" = "$HASH" ]; then
  step "rootfs tarballs $HASH already in $ROOTFS"; exit 0
fi
have() { curl -fs -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json' "http://$REG/v2/crossbuild/$1/manifests/$2-$HASH"; }
if [ -z "$ROOTFS" ] && have golang 1.23 && have static 12 && have glibc 12 && have musl 1.2 && have busybox 1.37; then
  step "base images $HASH already in $REG"; exit 0
fi
mkdir -p "$WORK"

# apt-get with a private state: an empty dpkg status makes it download the whole dependency closure.
closure() { # arch dest packages...
  local arch=$1 dest=$2; shift 2
  local view="$WORK/apt-$arch"
  mkdir -p "$view/lists/partial" "$dest/partial"; : > "$view/status"
  # riscv64 is an official Debian port only from trixie on.
  local suites=(bookworm bookworm-backports); [ "$arch" = riscv64 ] && suites=(trixie)
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian %s main\n' "${suites[@]}" > "$view/sources.list"
  local o=(-o "Dir::Etc::SourceList=$view/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$view/lists"
           -o "Dir::State::Status=$view/status" -o "Dir::Cache::Archives=$dest" -o "APT::Architecture=$arch"
           -o "APT::Architectures::=$arch" -o Debug::NoLocking=1)
  [ -n "$(ls "$view/lists" 2>/dev/null | grep Packages)" ] || apt-get "${o[@]}" update -qq
  apt-get "${o[@]}" install --download-only -y -qq --no-install-recommends "$@" >/dev/null
}
unpack() { # dest debs...
  local dest=$1; shift; mkdir -p "$dest"; local d; for d in "$@"; do dpkg-deb -x "$d" "$dest"; done
  rm -rf "$dest/usr/share/doc" "$dest/usr/share/man" "$dest/usr/share/info" "$dest/usr/share/locale" "$dest/usr/share/lintian"
  # Merge /usr as dpkg does on bookworm and trixie: /bin, /sbin, /lib, /lib64 become links into /usr (musl's gcc specs
  # and trixie's loaders use the /usr paths, bookworm's packages ship the top-level ones).
  for l in bin sbin lib lib64; do
    if [ -d "$dest/$l" ] && [ ! -L "$dest/$l" ]; then mkdir -p "$dest/usr/$l"; cp -a "$dest/$l/." "$dest/usr/$l/"; rm -rf "${dest:?}/$l"; fi
    [ -e "$dest/$l" ] || [ ! -d "$dest/usr/$l" ] || ln -s "usr/$l" "$dest/$l"
  done
}
base_files() { # dest: the distroless/static-like files
  local dest=$1; mkdir -p "$dest/etc/ssl/certs" "$dest/tmp" "$dest/home/nonroot"; chmod 1777 "$dest/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$dest/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' > "$dest/etc/group"
  find "$dest/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat > "$dest/etc/ssl/certs/ca-certificates.crt"
  chown 65532:65532 "$dest/home/nonroot"
}
build() { # name tag dockerfile-dir platforms
  step "building $REG/crossbuild/$1:$2 for $4"
  local try
  for try in 1 2 3; do  # registry 2.8 can answer 500 to concurrent manifest writes: retry
    "$DOCKER" buildx build -q --provenance=false --platform "$4" --output "type=image,name=$REG/crossbuild/$1:$2-$HASH,push=true,oci-mediatypes=true" "$3" >/dev/null && break
    [ "$try" = 3 ] && return 1; sleep 2
  done
  "$DOCKER" buildx imagetools create -t "$REG/crossbuild/$1:$2" "$REG/crossbuild/$1:$2-$HASH" >/dev/null 2>&1
  # A copy of an older build in the engine's image store would shadow the registry's: drop it.
  "$DOCKER" image rm -f "$REG/crossbuild/$1:$2" >/dev/null 2>&1 || true
}

step "downloading runtime packages for ${#ARCHES[@]} architectures"
pids=(); for a in "${ARCHES[@]}"; do closure "$a" "$WORK/debs-$a" libc6 musl busybox-static ca-certificates tzdata & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done  # wait per PID so a failed download stops the script

ctx="$WORK/runtime"; rm -rf "$ctx"; mkdir -p "$ctx"
step "assembling rootfs tarballs"
unpack "$ctx/static" "$WORK"/debs-amd64/ca-certificates_*.deb "$WORK"/debs-amd64/tzdata_*.deb
base_files "$ctx/static"; rm -rf "$ctx/static/usr/sbin" "$ctx/static/etc/ca-certificates.conf"
tar -C "$ctx/static" -cf "$ctx/static.tar" .
applets=$(dpkg-deb --fsys-tarfile "$WORK"/debs-amd64/busybox-static_*.deb | tar -xO ./bin/busybox > "$WORK/busybox-amd64" && chmod +x "$WORK/busybox-amd64" && "$WORK/busybox-amd64" --list)
for a in "${ARCHES[@]}"; do
  s=${SUFFIX[$a]}
  ls "$WORK"/debs-$a/libc6_*_"$a".deb >/dev/null  # the right architecture, or stop
  unpack "$ctx/glibc-$s" "$WORK"/debs-$a/libc6_*.deb "$WORK"/debs-$a/libgcc-s1_*.deb
  unpack "$ctx/musl-$s" "$WORK"/debs-$a/musl_*.deb
  unpack "$ctx/busybox-$s" "$WORK"/debs-$a/busybox-static_*.deb
  mkdir -p "$ctx/busybox-$s/usr/bin"; for app in $applets; do [ -e "$ctx/busybox-$s/bin/$app" ] || ln -s /bin/busybox "$ctx/busybox-$s/bin/$app"; done
  for k in glibc musl busybox; do tar -C "$ctx/$k-$s" -cf "$ctx/$k-$s.tar" .; rm -rf "${ctx:?}/$k-$s"; done
done
if [ -n "$ROOTFS" ]; then
  rm -f "$ROOTFS"/*.tar; mv "$ctx"/*.tar "$ROOTFS/"; cp "$ctx/static/etc/ssl/certs/ca-certificates.crt" "$ROOTFS/"
  echo "$HASH" > "$ROOTFS/.base-images"
  rm -rf "$WORK"/debs-* "$ctx"
  step "rootfs tarballs ready in $ROOTFS ($(ls "$ROOTFS"/*.tar | wc -l) files; no engine used)"; exit 0
fi
for k in static glibc musl busybox; do
  { echo "FROM scratch"; echo "ARG TARGETARCH TARGETVARIANT"; echo "ADD static.tar /";
    [ "$k" = static ] || echo "ADD $k-\${TARGETARCH}\${TARGETVARIANT}.tar /";
    [ "$k" = busybox ] && echo 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' && echo 'CMD ["sh"]';
    echo "USER 65532:65532"; } > "$ctx/Dockerfile.$k"
done
all=$(printf '%s,' "${PLATFORM[@]}"); all=${all%,}
for k in static glibc musl busybox; do cp "$ctx/Dockerfile.$k" "$ctx/Dockerfile"; build "$k" "$(case $k in static|glibc) echo 12;; musl) echo 1.2;; busybox) echo 1.37;; esac)" "$ctx" "$all"; done

step "downloading the Go builder (Go 1.23, gcc cross toolchains, musl for every target)"
cross=(gcc libc6-dev musl-tools)
for a in "${ARCHES[@]}"; do
  [ "$a" = amd64 ] && continue
  t=$(case $a in arm64) echo aarch64-linux-gnu;; armhf) echo arm-linux-gnueabihf;; armel) echo arm-linux-gnueabi;; i386) echo i686-linux-gnu;; ppc64el) echo powerpc64le-linux-gnu;; s390x) echo s390x-linux-gnu;; riscv64) echo riscv64-linux-gnu;; esac)
  cross+=("gcc-$t" "libc6-dev-$a-cross")
done
closure amd64 "$WORK/debs-builder" dash coreutils grep sed findutils ca-certificates golang-1.23-go/bookworm-backports golang-1.23-src/bookworm-backports "${cross[@]}"
for a in "${ARCHES[@]}"; do [ "$a" = amd64 ] || closure "$a" "$WORK/debs-musl-$a" musl-dev; done
for a in arm64 armhf; do closure "$a" "$WORK/debs-go-$a" golang-1.23-go/bookworm-backports golang-1.23-src/bookworm-backports busybox-static; done

bctx="$WORK/builder"; rm -rf "$bctx"; mkdir -p "$bctx"
step "assembling the builder rootfs"
unpack "$bctx/amd64" "$WORK"/debs-builder/*.deb "$WORK"/debs-musl-*/musl*.deb
base_files "$bctx/amd64"
ln -sf dash "$bctx/amd64/bin/sh"; mkdir -p "$bctx/amd64/root" "$bctx/amd64/usr/local/bin"
ln -sf /usr/lib/go-1.23/bin/go "$bctx/amd64/usr/bin/go"; ln -sf /usr/lib/go-1.23/bin/gofmt "$bctx/amd64/usr/bin/gofmt"
tar -C "$bctx/amd64" -cf "$bctx/builder-amd64.tar" . && rm -rf "$bctx/amd64"
for a in arm64 armhf; do
  s=${SUFFIX[$a]}
  unpack "$bctx/$s" "$WORK"/debs-go-$a/*.deb
  mkdir -p "$bctx/$s/root" "$bctx/$s/tmp" "$bctx/$s/usr/bin"; chmod 1777 "$bctx/$s/tmp"
  for app in $applets; do [ -e "$bctx/$s/bin/$app" ] || ln -s /bin/busybox "$bctx/$s/bin/$app"; done
  ln -sf /usr/lib/go-1.23/bin/go "$bctx/$s/usr/bin/go"
  tar -C "$bctx/$s" -cf "$bctx/builder-$s.tar" . && rm -rf "${bctx:?}/$s"
done
cat > "$bctx/Dockerfile" <<'DF'
FROM scratch
ARG TARGETARCH TARGETVARIANT
ADD builder-${TARGETARCH}${TARGETVARIANT}.tar /
ENV PATH=/usr/lib/go-1.23/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin GOTOOLCHAIN=local GOFLAGS=-buildvcs=false
DF
build golang 1.23 "$bctx" linux/amd64,linux/arm64,linux/arm/v7
rm -rf "$WORK"/debs-* "$ctx" "$bctx"
step "base images ready in $REG/crossbuild/"

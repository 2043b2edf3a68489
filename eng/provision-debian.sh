#!/usr/bin/env bash
# Installs what the integration tests need on a Debian 12 (bookworm) x86_64 machine:
# QEMU user emulation, Go 1.23, C cross compilers with their libc, clang (Native AOT links), Docker 26 + buildx +
# containerd, and a local registry. Idempotent: packages already present are not fetched again.
# Starting and stopping the engine is eng/services.sh's job.
# --no-engine: only what the daemonless path needs (Go, the cross compilers, musl, QEMU user emulation, clang) — no
# Docker, buildx, containerd or registry (./build.sh Publish --daemonless).
set -euo pipefail
ENGINE=1; [ "${1:-}" = --no-engine ] && ENGINE=0

if [ "$(id -u)" != 0 ]; then echo "provision: run as root (apt-get and dpkg need it)" >&2; exit 2; fi

export DEBIAN_FRONTEND=noninteractive
STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
VIEW="$STATE/apt-view"
mkdir -p "$VIEW/lists/partial" "$VIEW/debs"
start=$(date +%s)
step() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# Packages from bookworm itself.
BOOKWORM_PACKAGES=(
  binfmt-support file iptables docker-registry skopeo zstd
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-arm-linux-gnueabi libc6-dev-armel-cross
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
  gcc-s390x-linux-gnu libc6-dev-s390x-cross
  gcc-i686-linux-gnu libc6-dev-i386-cross
  musl-tools
  clang  # links the Native AOT crossbuild (linux-arm64 too, through the aarch64 cross binutils and libc above)
)
# Packages taken from newer suites as .debs (bookworm's Go is 1.19 and it has no buildx). QEMU comes from backports
# (10.0): bookworm's 7.2 crashes on Go linux/386 binaries, and a kernel without IA-32 emulation needs it for 386.
BACKPORTS_PACKAGES=(golang-1.23-go golang-1.23-src qemu-user qemu-user-binfmt qemu-user-static)
TRIXIE_PACKAGES=(docker.io docker-cli docker-buildx containerd)
ENGINE_ONLY=(binfmt-support iptables docker-registry skopeo)
if [ "$ENGINE" = 0 ]; then
  TRIXIE_PACKAGES=(); kept=()
  for p in "${BOOKWORM_PACKAGES[@]}"; do [[ " ${ENGINE_ONLY[*]} " == *" $p "* ]] || kept+=("$p"); done
  BOOKWORM_PACKAGES=("${kept[@]}"); BACKPORTS_PACKAGES=(golang-1.23-go golang-1.23-src qemu-user qemu-user-static)
fi

missing() { local p; for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }
# QEMU older than 10 (bookworm's 7.2) counts as missing: it is replaced by the backports build.
qemu_current() { dpkg-query -W -f='${Version}' qemu-user 2>/dev/null | grep -q '^1:1[0-9]\.'; }

mapfile -t need_bookworm < <(missing "${BOOKWORM_PACKAGES[@]}")
mapfile -t need_newer < <(missing "${BACKPORTS_PACKAGES[@]}" "${TRIXIE_PACKAGES[@]}")
qemu_current || [[ " ${need_newer[*]} " == *" qemu-user "* ]] || need_newer+=(qemu-user)

if [ ${#need_bookworm[@]} -eq 0 ] && [ ${#need_newer[@]} -eq 0 ]; then
  step "all packages already installed"
else
  step "apt-get update (system sources)"
  apt-get update -qq || step "apt-get update reported errors for some sources; continuing with the lists it has"

  if [ ${#need_newer[@]} -gt 0 ]; then
    step "fetching ${need_newer[*]} from bookworm-backports/trixie through a private apt view"
    cat > "$VIEW/sources.list" <<'LIST'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
LIST
    apt_view=(-o "Dir::Etc::SourceList=$VIEW/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$VIEW/lists")
    apt-get "${apt_view[@]}" update -qq
    rm -f "$VIEW"/debs/*.deb
    (cd "$VIEW/debs" && apt-get "${apt_view[@]}" download -qq "${BACKPORTS_PACKAGES[@]/%//bookworm-backports}" ${TRIXIE_PACKAGES[@]+"${TRIXIE_PACKAGES[@]/%//trixie}"})
  fi

  step "installing ${#need_bookworm[@]} bookworm packages and the fetched .debs (never trixie's runc/tini/libc6)"
  debs=()
  [ ${#need_newer[@]} -gt 0 ] && debs=("$VIEW"/debs/*.deb)
  engine_extra=(); [ "$ENGINE" = 1 ] && engine_extra=(runc tini)
  apt-get install -y -qq --no-install-recommends ${need_bookworm[@]+"${need_bookworm[@]}"} ${debs[@]+"${debs[@]}"} ${engine_extra[@]+"${engine_extra[@]}"} >/dev/null
  apt-mark manual qemu-user-static >/dev/null
fi

# musl for the targets bookworm has: Debian's musl-dev:<arch> carries a gcc specs file that makes the glibc cross gcc
# link musl (bookworm has no riscv64 port, so no musl-dev:riscv64).
FOREIGN=(arm64 armhf armel i386 ppc64el s390x)
missing_musl=()
for a in "${FOREIGN[@]}"; do
  dpkg --print-foreign-architectures | grep -qx "$a" || dpkg --add-architecture "$a"
  dpkg-query -W -f='${Status}' "musl-dev:$a" 2>/dev/null | grep -q 'install ok installed' || missing_musl+=("musl-dev:$a")
done
if [ ${#missing_musl[@]} -gt 0 ]; then
  step "installing ${missing_musl[*]}"
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends "${missing_musl[@]}" >/dev/null
fi

# The registry package ships a service config that listens everywhere with auth; ours is loopback only.
mkdir -p "$STATE/registry"
cat > "$STATE/registry/config.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
CFG

# dockerd needs the containerd image store for multi-platform builds and the OCI exporter.
mkdir -p "$STATE/docker"
cat > "$STATE/docker/daemon.json" <<'CFG'
{
  "features": { "containerd-snapshotter": true },
  "log-level": "warn"
}
CFG

step "versions"
/usr/lib/go-1.23/bin/go version
if [ "$ENGINE" = 1 ]; then
  /usr/bin/docker --version
  /usr/bin/docker buildx version 2>/dev/null || /usr/libexec/docker/cli-plugins/docker-buildx version
fi
qemu-aarch64-static --version | head -n 1
for t in aarch64-linux-gnu arm-linux-gnueabihf arm-linux-gnueabi riscv64-linux-gnu powerpc64le-linux-gnu s390x-linux-gnu i686-linux-gnu; do
  command -v "$t-gcc" >/dev/null || { echo "provision: $t-gcc is missing after install" >&2; exit 1; }
done
step "provisioned"

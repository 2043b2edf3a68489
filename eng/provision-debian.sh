#!/usr/bin/env bash
# Installs what the integration tests need on a Debian 12 (bookworm) x86_64 machine:
# QEMU user emulation, Go 1.23, C cross compilers with their libc and musl, clang (Native AOT links), Docker 26 +
# buildx + containerd, a local registry, cosign and oras. Idempotent: packages already present are not fetched again.
# Starting and stopping the engine is eng/services.sh's job.
#
#   eng/provision-debian.sh [--no-engine] [--simulate STATUS]
#   --no-engine  only what the daemonless path needs (Go, the cross compilers, musl, QEMU user emulation, clang): no
#                Docker, buildx, containerd, registry, cosign or oras (./build.sh Publish --daemonless).
#   --simulate STATUS  solve the same install against the dpkg status file STATUS (an empty file is a fresh root)
#                without installing or changing anything, print what apt would take from where, and fail naming the
#                package when the solve fails or would take libc6/runc/tini from a newer suite. CI runs this for both
#                modes against an empty status (tests/…/Eng/ProvisionSolveSpecs), so a suite that moves fails CI, not
#                a new user. eng/fresh-root.sh runs the whole provisioning in a fresh bookworm root on demand.
#
# Nothing is hand-picked by version: apt resolves every package with its dependencies from one private view of
# bookworm, bookworm-updates, bookworm-backports and trixie (the system's own sources and lists are not changed).
# Pins decide the suites: trixie only for the packages named below (never its libc6, runc or tini: they need glibc
# 2.38, bookworm has 2.36), backports for the named ones and for what only backports has.
set -euo pipefail
ENGINE=1 SIMULATE=
while [ $# -gt 0 ]; do
  case "$1" in
    --no-engine) ENGINE=0 ;;
    --simulate) [ $# -gt 1 ] || { echo "provision: --simulate needs a dpkg status file (an empty one is a fresh root)" >&2; exit 2; }
                SIMULATE=$(realpath "$2"); shift ;;
    *) echo "provision: unknown argument '$1': expected --no-engine or --simulate STATUS" >&2; exit 2 ;;
  esac
  shift
done
if [ "$(id -u)" != 0 ]; then echo "provision: run as root (apt-get and dpkg need it)" >&2; exit 2; fi
[ -z "$SIMULATE" ] || [ -f "$SIMULATE" ] || { echo "provision: --simulate $SIMULATE: expected a dpkg status file, found none" >&2; exit 2; }

export DEBIAN_FRONTEND=noninteractive
STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
MIRROR=${CROSSBUILD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# One view per mode: the daemonless one has no trixie lists to fetch and read.
VIEW="$STATE/apt-view-$([ "$ENGINE" = 1 ] && echo engine || echo daemonless)"
start=$(date +%s)
step() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# Debian architectures whose musl-dev/libc cross packages are installed (musl for the targets bookworm has: Debian's
# musl-dev:<arch> carries a gcc specs file that makes the glibc cross gcc link musl; bookworm has no riscv64 port).
FOREIGN=(arm64 armhf armel i386 ppc64el s390x)
BOOKWORM=(
  file zstd musl-tools
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-arm-linux-gnueabi libc6-dev-armel-cross
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
  gcc-s390x-linux-gnu libc6-dev-s390x-cross
  gcc-i686-linux-gnu libc6-dev-i386-cross
  clang  # links the Native AOT crossbuild (linux-arm64 too, through the aarch64 cross binutils and libc above)
)
for a in "${FOREIGN[@]}"; do BOOKWORM+=("musl-dev:$a"); done
# From bookworm-backports (bookworm's Go is 1.19; bookworm's QEMU 7.2 crashes on Go linux/386 binaries, and a kernel
# without IA-32 emulation needs QEMU for 386). Their dependencies come from wherever apt finds them.
BACKPORTS=(golang-1.23-go golang-1.23-src qemu-user qemu-user-static)
BACKPORT_SOURCES=(golang-1.23 qemu)
# From trixie (bookworm has no buildx; cosign and oras are the independent judges of what the project pushes).
TRIXIE=()
if [ "$ENGINE" = 1 ]; then
  BOOKWORM+=(binfmt-support iptables docker-registry skopeo runc tini python3-yaml)  # python3-yaml: the tests' YAML 1.1 reader
  TRIXIE=(docker.io docker-cli docker-buildx containerd cosign oras)
fi
# Never from a newer suite, whatever asks for it.
BOOKWORM_ONLY=(libc6 libc-bin runc tini)

mkdir -p "$VIEW/lists/partial" "$VIEW/preferences.d"
foreign_list=$(IFS=,; echo "${FOREIGN[*]}")
cat > "$VIEW/sources.list" <<LIST
deb [arch=amd64,$foreign_list signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR bookworm main
deb [arch=amd64,$foreign_list signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR bookworm-updates main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR bookworm-backports main
LIST
[ "$ENGINE" = 0 ] || echo "deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" >> "$VIEW/sources.list"
{
  printf 'Package: %s\nPin: release n=trixie\nPin-Priority: 990\n\n' "${TRIXIE[*]:-none-from-trixie}"
  # By source package: what the named packages' sources build (qemu-user-binfmt next to qemu-user-static) comes along.
  printf 'Package: %s\nPin: release n=bookworm-backports\nPin-Priority: 990\n\n' "${BACKPORT_SOURCES[*]/#/src:}"
  printf 'Package: %s\nPin: release n=bookworm-backports\nPin-Priority: -1\n\n' "${BOOKWORM_ONLY[*]}"
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: -1\n'
} > "$VIEW/preferences"
apt_view=(-o "Dir::Etc::SourceList=$VIEW/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$VIEW/lists" -o "Dir::Etc::Preferences=$VIEW/preferences"
          -o "Dir::Etc::PreferencesParts=$VIEW/preferences.d" -o Acquire::Languages=none
          -o APT::Architecture=amd64 -o APT::Architectures::=amd64)
for a in "${FOREIGN[@]}"; do apt_view+=(-o "APT::Architectures::=$a"); done

wanted=("${BOOKWORM[@]}" "${BACKPORTS[@]}" ${TRIXIE[@]+"${TRIXIE[@]}"})
missing() { local p; for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }
# QEMU older than 10 (bookworm's 7.2) counts as missing: it is replaced by the backports build.
qemu_current() { dpkg-query -W -f='${Version}' qemu-user 2>/dev/null | grep -q '^1:1[0-9]\.'; }
if [ -n "$SIMULATE" ]; then
  need=("${wanted[@]}")
else
  mapfile -t need < <(missing "${wanted[@]}")
  qemu_current || [[ " ${need[*]} " == *" qemu-user "* ]] || need+=(qemu-user qemu-user-static)
fi

# The view's lists are refreshed when older than an hour (or when the view's sources changed).
refresh_view() {
  local stamp="$VIEW/lists/.sources"
  if [ -n "$(find "$VIEW/lists" -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null | head -n 1)" ] \
     && cmp -s "$VIEW/sources.list" "$stamp"; then return; fi
  step "apt-get update (private view: $(awk '{print $(NF-1)}' "$VIEW/sources.list" | paste -sd' '))"
  apt-get "${apt_view[@]}" update -qq
  cp "$VIEW/sources.list" "$stamp"
}

# Fails naming the package when the solve takes a bookworm-only package from a newer suite.
check_solve() { # apt-get -s output
  local p bad=0
  for p in "${BOOKWORM_ONLY[@]}"; do
    # apt names the release by label: "Debian:12.x/oldstable" is bookworm, "Debian:13.x/stable" is trixie.
    if grep -E "^Inst $p(:[a-z0-9]+)? .*(Backports|Debian:1[3-9]|trixie)" <<<"$1" >/dev/null; then
      echo "provision: the solve takes $p from a newer suite: $(grep -E "^Inst $p(:[a-z0-9]+)? " <<<"$1" | head -n 1)" >&2; bad=1
    fi
  done
  return $bad
}

unsolvable() { # apt-get output
  echo "$1" | grep -E '^ |^E:' >&2 || echo "$1" >&2
  echo "provision: apt cannot install ${need[*]} (a suite moved? the lines above name the package)" >&2
  exit 1
}

if [ ${#need[@]} -eq 0 ]; then
  step "all packages already installed"
else
  refresh_view
  if [ -n "$SIMULATE" ]; then
    step "solving ${#need[@]} packages against $SIMULATE"
    solve=$(apt-get "${apt_view[@]}" -s -o "Dir::State::Status=$SIMULATE" -o Debug::NoLocking=1 install -y --no-install-recommends "${need[@]}" 2>&1) \
      || unsolvable "$solve"
    check_solve "$solve"
    echo "$solve" | grep '^Inst ' | sed -E 's/^Inst ([^ ]+) (\[[^]]*\] )?\(([^ ]+) ([^)]*)\).*/\1 \3 \4/' | sort
    step "solve OK: $(grep -c '^Inst ' <<<"$solve") packages for a root with status $SIMULATE"
    exit 0
  fi
  for a in "${FOREIGN[@]}"; do dpkg --print-foreign-architectures | grep -qx "$a" || dpkg --add-architecture "$a"; done
  step "installing ${need[*]}"
  # The pins keep trixie's libc6/runc/tini out of any solve; a failing solve names the package.
  # No fsync per file (a machine being provisioned has nothing to lose): dpkg's unpacking is most of the time.
  out=$(apt-get "${apt_view[@]}" -o Dpkg::Options::=--force-unsafe-io install -y -qq --no-install-recommends "${need[@]}" 2>&1) \
    || unsolvable "$out"
fi

if [ "$ENGINE" = 1 ]; then
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
fi

step "versions"
/usr/lib/go-1.23/bin/go version
qemu-aarch64-static --version | sed -n 1p  # sed reads to the end: head would SIGPIPE the writer, and pipefail fail the step
if [ "$ENGINE" = 1 ]; then
  /usr/bin/docker --version
  /usr/bin/docker buildx version 2>/dev/null || /usr/libexec/docker/cli-plugins/docker-buildx version
  cosign version 2>/dev/null | awk '/GitVersion/ && !n++ { print } END { exit !n }' || { echo "provision: cosign is missing after install" >&2; exit 1; }
  oras version | sed -n 1p
fi
for t in aarch64-linux-gnu arm-linux-gnueabihf arm-linux-gnueabi riscv64-linux-gnu powerpc64le-linux-gnu s390x-linux-gnu i686-linux-gnu; do
  command -v "$t-gcc" >/dev/null || { echo "provision: $t-gcc is missing after install" >&2; exit 1; }
done
step "provisioned"

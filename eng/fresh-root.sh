#!/usr/bin/env bash
# The from-zero check of the provisioning, on demand (./build.sh FreshRoot): a fresh bookworm root made with mmdebstrap
# (nothing but Debian's minbase), eng/provision-debian.sh run inside it for real, then the tools it promises asked for
# their versions. Times each mode from zero. Needs root and the Debian mirror; leaves nothing behind.
#   eng/fresh-root.sh [--no-engine|--engine|--both]   (default --both: daemonless first, then the engine in the same root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MODE=${1:---both}
case "$MODE" in --no-engine|--engine|--both) ;; *) echo "fresh-root: unknown mode '$MODE': expected --no-engine, --engine or --both" >&2; exit 2 ;; esac
if [ "$(id -u)" != 0 ]; then echo "fresh-root: run as root (mmdebstrap and chroot need it)" >&2; exit 2; fi
MIRROR=${CROSSBUILD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
export DEBIAN_FRONTEND=noninteractive
command -v mmdebstrap >/dev/null || { apt-get update -qq || true; apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null; }

root=$(mktemp -d /tmp/crossbuild-fresh-root.XXXXXX)
cleanup() { for m in proc sys dev/pts dev; do umount -l "$root/$m" 2>/dev/null || true; done; rm -rf "$root"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start=$(date +%s)
say() { printf '==> [%3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }
say "mmdebstrap bookworm minbase into $root"
mmdebstrap --quiet --variant=minbase --include=debian-archive-keyring,ca-certificates bookworm "$root" "$MIRROR" >/dev/null
mkdir -p "$root/src/eng"
cp eng/provision-debian.sh "$root/src/eng/"
mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --rbind /dev "$root/dev"

run_mode() { # provision-debian.sh arguments
  local t0; t0=$(date +%s)
  say "provision-debian.sh $* in the fresh root"
  chroot "$root" env CROSSBUILD_DEBIAN_MIRROR="$MIRROR" PATH=/usr/sbin:/usr/bin:/sbin:/bin bash /src/eng/provision-debian.sh "$@"
  say "provision-debian.sh $* took $(( $(date +%s) - t0 )) s from its start"
}
case "$MODE" in
  --no-engine) run_mode --no-engine ;;
  --engine) run_mode ;;
  --both) run_mode --no-engine; run_mode ;;
esac
chroot "$root" bash -c 'for t in go file qemu-arm-static aarch64-linux-gnu-gcc musl-gcc clang; do command -v $t >/dev/null || [ -x /usr/lib/go-1.23/bin/$t ] || { echo "fresh-root: $t missing" >&2; exit 1; }; done'
say "fresh root provisioned ($MODE)"

#!/usr/bin/env bash
# Downloads Debian packages for one architecture into a directory, without touching the system's apt setup.
# Usage: eng/fetch-debs.sh <debian-arch> <dest-dir> <package>[/<suite>] ...
# Suites: bookworm (default), bookworm-backports, trixie. Used for base images and the emulated-toolchain benchmark.
set -euo pipefail
arch=$1; dest=$2; shift 2
STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
view="$STATE/apt-view-$arch"
mkdir -p "$view/lists/partial" "$dest"
cat > "$view/sources.list" <<'LIST'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
LIST
opts=(-o "Dir::Etc::SourceList=$view/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$view/lists"
      -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch" -o Dir::State::Status=/dev/null)
# Refresh the lists at most once a day.
if [ -z "$(find "$view/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
  apt-get "${opts[@]}" update -qq
fi
pkgs=()
for p in "$@"; do
  case "$p" in */*) pkgs+=("${p%%/*}:$arch/${p#*/}") ;; *) pkgs+=("$p:$arch") ;; esac
done
(cd "$dest" && apt-get "${opts[@]}" download -qq "${pkgs[@]}" 2>&1 | grep -v 'unsandboxed' || true)
ls "$dest"/*.deb >/dev/null

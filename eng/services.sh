#!/usr/bin/env bash
# Starts or stops what the integration tests use: QEMU binfmt registrations (F flag), dockerd with the containerd
# image store, and a registry on 127.0.0.1:5000.
#   eng/services.sh start [--record FILE]   start what is not running; with --record, append what this call started to FILE
#   eng/services.sh stop [--recorded FILE]  stop the services (with --recorded, only those FILE lists; then delete FILE)
#   eng/services.sh status                  exit 0 when dockerd and the registry run, 3 when one does not (binfmt entries are listed, not judged)
# PID files live under /run/crossbuild (gone at reboot) and count only while /proc/<pid>/exe is the service's binary, so a
# stale file never makes this script skip a start or signal an unrelated process that reused the PID.
set -euo pipefail

STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
RUN=${CROSSBUILD_RUN:-/run/crossbuild}
BINFMT=/proc/sys/fs/binfmt_misc
# The binaries' paths and the stop wait can be changed for the script's own tests only.
declare -A EXE=([dockerd]=${CROSSBUILD_DOCKERD_EXE:-/usr/sbin/dockerd} [registry]=${CROSSBUILD_REGISTRY_EXE:-/usr/bin/docker-registry})
STOP_WAIT=${CROSSBUILD_STOP_WAIT:-15}
mkdir -p "$RUN"
say() { printf '==> %s\n' "$*"; }

# Registers the QEMU entries Debian ships that are missing or stale, never leaving a platform without one: a stale
# entry is replaced by registering the same line under the other of two names (NAME, NAME-crossbuild; the kernel uses
# the newest matching entry) before the stale one is removed.
register_binfmt() {
  if [ ! -e "$BINFMT/register" ]; then
    say "mounting binfmt_misc"
    mount -t binfmt_misc binfmt_misc "$BINFMT"
  fi
  local conf line name entry interp current fresh=0 kept=0
  for conf in /usr/lib/binfmt.d/qemu-*.conf; do
    [ -e "$conf" ] || continue
    line=$(grep '^:' "$conf" | head -n 1) || continue
    name=$(printf '%s' "$line" | cut -d: -f2)
    case "${line##*:}" in *F*) ;; *) line="${line}F" ;; esac  # F: the interpreter is opened now, so it works in containers
    interp=$(printf '%s' "$line" | awk -F: '{print $(NF-1)}')
    current=""
    for entry in "$name" "$name-crossbuild"; do
      [ -e "$BINFMT/$entry" ] || continue
      if grep -qx enabled "$BINFMT/$entry" && grep -q '^flags:.*F' "$BINFMT/$entry" && [ -e "$interp" ] \
         && [ "$(stat -L -c %Y "$interp")" -le "$(stat -c %Y "$BINFMT/$entry")" ]; then
        current=$entry
      fi
    done
    if [ -n "$current" ]; then kept=$((kept + 1)); continue; fi
    local target=$name old=""
    [ -e "$BINFMT/$name" ] && { target="$name-crossbuild"; old=$name; }
    [ -e "$BINFMT/$name-crossbuild" ] && [ "$target" = "$name" ] && old="$name-crossbuild"
    [ -e "$BINFMT/$target" ] && echo -1 > "$BINFMT/$target"   # both stale: the other keeps an emulator meanwhile
    printf '%s' "${line/:$name:/:$target:}" > "$BINFMT/register"
    [ -n "$old" ] && [ -e "$BINFMT/$old" ] && echo -1 > "$BINFMT/$old"
    fresh=$((fresh + 1))
  done
  say "binfmt: $fresh QEMU entries registered, $kept current ones kept (F flag)"
}

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "services: $what did not become ready in ${limit}s" >&2; return 1
}

# The PID of a service if its PID file names a live process running that service's binary; a stale file is removed.
pid_of() {
  local name=$1 pid exe
  [ -f "$RUN/$name.pid" ] || return 1
  pid=$(cat "$RUN/$name.pid")
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && [ "${exe% (deleted)}" = "${EXE[$name]}" ]; then echo "$pid"; return 0; fi
  rm -f "$RUN/$name.pid"
  return 1
}

start() {
  local record=${1:-}
  register_binfmt
  if pid=$(pid_of dockerd); then say "dockerd already running (pid $pid)"; else
    say "starting dockerd (containerd image store)"
    rm -f "$RUN/dockerd.pid.docker"  # dockerd refuses to start over its own stale PID file
    /usr/sbin/dockerd --config-file "$STATE/docker/daemon.json" --pidfile "$RUN/dockerd.pid.docker" >"$RUN/dockerd.log" 2>&1 &
    echo $! > "$RUN/dockerd.pid"
    [ -n "$record" ] && echo dockerd >> "$record"
    wait_for 30 dockerd /usr/bin/docker version || { tail -n 20 "$RUN/dockerd.log" >&2; exit 1; }
  fi
  if pid=$(pid_of registry); then say "registry already running (pid $pid)"; else
    say "starting registry on 127.0.0.1:5000"
    /usr/bin/docker-registry serve "$STATE/registry/config.yml" >"$RUN/registry.log" 2>&1 &
    echo $! > "$RUN/registry.pid"
    [ -n "$record" ] && echo registry >> "$record"
    wait_for 15 registry curl -fsS http://127.0.0.1:5000/v2/ || { tail -n 20 "$RUN/registry.log" >&2; exit 1; }
  fi
  say "engine: $(/usr/bin/docker version --format '{{.Server.Version}}'), driver store: $(/usr/bin/docker info --format '{{.DriverStatus}}' 2>/dev/null | head -c 80)"
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  say "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((STOP_WAIT * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  # Check again before SIGKILL: the service may have exited and its PID been reused (or the program replaced) meanwhile.
  if kill -0 "$pid" 2>/dev/null; then
    if [ "$(pid_of "$name" || true)" = "$pid" ]; then kill -9 "$pid" 2>/dev/null || true
    else say "$name: pid $pid now runs another program; not killed"; fi
  fi
  rm -f "$RUN/$name.pid"
}

stop() {
  local recorded=${1:-} names=(registry dockerd)
  if [ -n "$recorded" ]; then
    [ -f "$recorded" ] || { say "nothing was started by this run"; return 0; }
    names=(); for n in registry dockerd; do grep -qx "$n" "$recorded" && names+=("$n"); done
    rm -f "$recorded"
  fi
  for n in "${names[@]}"; do stop_one "$n"; done
}

status() {
  local code=0 n pid
  for n in dockerd registry; do
    if pid=$(pid_of "$n"); then echo "$n: running (pid $pid)"; else echo "$n: stopped"; code=3; fi
  done
  echo "binfmt: $( (ls "$BINFMT" 2>/dev/null || true) | grep '^qemu-' | tr '\n' ' ' || true)"
  return $code
}

usage() { echo "usage: eng/services.sh start [--record FILE] | stop [--recorded FILE] | status" >&2; exit 2; }
command=${1:-}
case "$command $#" in
  "start 1") start ;;
  "start 3") [ "$2" = --record ] || usage; start "$3" ;;
  "stop 1") stop ;;
  "stop 3") [ "$2" = --recorded ] || usage; stop "$3" ;;
  "status 1") status ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# Starts or stops what the integration tests use: QEMU binfmt registrations (F flag), dockerd with the
# containerd image store, and a registry on 127.0.0.1:5000. Everything started is recorded by PID and
# stopped by PID. Usage: eng/services.sh start|stop|status
set -euo pipefail

STATE=${CROSSBUILD_STATE:-/var/lib/crossbuild}
RUN="$STATE/run"
BINFMT=/proc/sys/fs/binfmt_misc
mkdir -p "$RUN"
say() { printf '==> %s\n' "$*"; }

register_binfmt() {
  if [ ! -e "$BINFMT/register" ]; then
    say "mounting binfmt_misc"
    mount -t binfmt_misc binfmt_misc "$BINFMT"
  fi
  local conf line name count=0
  for conf in /usr/lib/binfmt.d/qemu-*.conf; do
    [ -e "$conf" ] || continue
    line=$(grep '^:' "$conf" | head -n 1) || continue
    name=$(printf '%s' "$line" | cut -d: -f2)
    # Re-register every time: after a qemu upgrade an old entry keeps running the deleted binary.
    [ -e "$BINFMT/$name" ] && echo -1 > "$BINFMT/$name"
    # F opens the (static) interpreter now, so it also works inside containers and chroots.
    case "${line##*:}" in *F*) ;; *) line="${line}F" ;; esac
    printf '%s' "$line" > "$BINFMT/register"
    count=$((count + 1))
  done
  say "registered $count QEMU binfmt entries with the F flag"
}

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "services: $what did not become ready in ${limit}s" >&2; return 1
}

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

start() {
  register_binfmt
  if alive dockerd; then say "dockerd already running (pid $(cat "$RUN/dockerd.pid"))"; else
    say "starting dockerd (containerd image store)"
    /usr/sbin/dockerd --config-file "$STATE/docker/daemon.json" --pidfile "$RUN/dockerd.pid.docker" \
      >"$RUN/dockerd.log" 2>&1 &
    echo $! > "$RUN/dockerd.pid"
    wait_for 30 dockerd /usr/bin/docker version || { tail -n 20 "$RUN/dockerd.log" >&2; exit 1; }
  fi
  if alive registry; then say "registry already running (pid $(cat "$RUN/registry.pid"))"; else
    say "starting registry on 127.0.0.1:5000"
    /usr/bin/docker-registry serve "$STATE/registry/config.yml" >"$RUN/registry.log" 2>&1 &
    echo $! > "$RUN/registry.pid"
    wait_for 15 registry curl -fsS http://127.0.0.1:5000/v2/ || { tail -n 20 "$RUN/registry.log" >&2; exit 1; }
  fi
  say "engine: $(/usr/bin/docker version --format '{{.Server.Version}}'), driver store: $(/usr/bin/docker info --format '{{.DriverStatus}}' 2>/dev/null | head -c 80)"
}

stop_one() {
  local name=$1 pid
  [ -f "$RUN/$name.pid" ] || return 0
  pid=$(cat "$RUN/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$RUN/$name.pid"
}

stop() { stop_one registry; stop_one dockerd; }

status() {
  for n in dockerd registry; do
    if alive "$n"; then echo "$n: running (pid $(cat "$RUN/$n.pid"))"; else echo "$n: stopped"; fi
  done
  ls "$BINFMT" 2>/dev/null | grep '^qemu-' | tr '\n' ' '; echo
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: eng/services.sh start|stop|status" >&2; exit 2 ;;
esac

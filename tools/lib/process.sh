# shellcheck shell=bash
# Process and port helpers shared by tools/*/run.sh (sourced; the caller defines log and die).

pid_alive() { # running and not a zombie
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [ "$state" != "Z" ]
}

# terminate PID GRACE_S POLL_S: SIGTERM (the server's clean shutdown), then SIGKILL after GRACE_S.
terminate() {
  local pid="$1" grace="$2" poll="$3" t0=$SECONDS
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid" && [ $((SECONDS - t0)) -lt "$grace" ]; do sleep "$poll"; done
  if pid_alive "$pid"; then
    log "pid $pid still alive after $grace s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep "$poll"; done
  fi
  if pid_alive "$pid"; then die "pid $pid survived SIGKILL"; fi
}

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

port_in_use() { # exit 0 if something already holds 127.0.0.1:$1
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
EOF
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

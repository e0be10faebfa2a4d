# shellcheck shell=bash
# Process helpers shared by tools/*/run.sh (sourced; the caller defines log and die).

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

#!/usr/bin/env bash
# Run a single-node Apache Cassandra 5.0.x (from the jars on Maven Central) for tests and local dev.
# See tools/README.md. Subcommands:
#   fetch                      download the jars into the cache (idempotent)
#   start <dir>                start a node whose conf/data/logs/tmp live under <dir> (background)
#   wait  <dir> [timeout_s]    block until the node answers CQL (default 120 s)
#   stop  <dir>                SIGTERM, wait up to CASSANDRA_STOP_TIMEOUT (30 s), then SIGKILL
#   status <dir>               say whether the node in <dir> runs, and on which ports
#   cql <dir> "<statement>"    run one CQL statement with the dependency-free tools/cassandra/cql.py
#   nodetool <dir> [args...]   run nodetool against the node's JMX port
#   free-port [n]              print n (default 1) free TCP ports on 127.0.0.1
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# default version = <cassandra.version> in pom.xml (single source of truth); override with CASSANDRA_VERSION
POM_VERSION="$(sed -n 's:.*<cassandra\.version>\(.*\)</cassandra\.version>.*:\1:p' "$HERE/pom.xml" | head -n1)"
CASSANDRA_VERSION="${CASSANDRA_VERSION:-${POM_VERSION:-5.0.9}}"
CACHE_ROOT="${TIDINGS_CACHE:-$HOME/.cache/tidings}"
VERSION_DIR="$CACHE_ROOT/cassandra-$CASSANDRA_VERSION"
LIB_DIR="$VERSION_DIR/lib"
MARKER="$VERSION_DIR/.fetch-complete"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

log() { printf 'cassandra/run.sh: %s\n' "$*" >&2; }
die() { printf 'cassandra/run.sh: ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=SCRIPTDIR/../lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
# shellcheck source=SCRIPTDIR/../lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- helpers

java_spec_version() { # $1 = java binary -> prints e.g. 17
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java\.specification\.version/ {print $2; exit}'
}

# Cassandra 5.0 runs on JDK 11 or 17 only (JDK 24+ breaks on its SecurityManager call).
# CASSANDRA_JAVA_HOME overrides; otherwise OpenJDK 17 from Debian, installed if missing.
find_java_home() {
  local jh
  if [ -n "${CASSANDRA_JAVA_HOME:-}" ]; then
    [ -x "$CASSANDRA_JAVA_HOME/bin/java" ] || die "CASSANDRA_JAVA_HOME=$CASSANDRA_JAVA_HOME has no bin/java"
    jh="$CASSANDRA_JAVA_HOME"
  else
    for jh in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-*; do
      [ -x "$jh/bin/java" ] && break
    done
    if [ ! -x "$jh/bin/java" ]; then
      apt_install openjdk-17-jre-headless
      for jh in /usr/lib/jvm/java-17-openjdk-*; do [ -x "$jh/bin/java" ] && break; done
      [ -x "$jh/bin/java" ] || die "OpenJDK 17 still not found under /usr/lib/jvm after apt-get install"
    fi
  fi
  local v
  v="$(java_spec_version "$jh/bin/java")"
  case "$v" in
    11|17) ;;
    *) die "$jh/bin/java is Java '$v'; Cassandra $CASSANDRA_VERSION needs Java 11 or 17 (set CASSANDRA_JAVA_HOME)" ;;
  esac
  printf '%s\n' "$jh"
}

abs_dir() { # create and canonicalise a node dir
  [ -n "${1:-}" ] || die "missing <dir> argument"
  mkdir -p "$1" || die "cannot create directory $1"
  (cd "$1" && pwd -P)
}

existing_dir() {
  [ -n "${1:-}" ] || die "missing <dir> argument"
  [ -d "$1" ] || die "no such node directory: $1"
  (cd "$1" && pwd -P)
}

# the pid must really be the Cassandra of this dir (guards against a recycled pid)
pid_is_ours() {
  local pid="$1" dir="$2" cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *org.apache.cassandra.service.CassandraDaemon* && "$cmdline" == *"$dir/conf/cassandra.yaml"* ]]
}

read_pid() { # prints pid from <dir>/cassandra.pid, or nothing
  local f="$1/cassandra.pid" pid
  [ -f "$f" ] || return 0
  pid="$(tr -dc '0-9' <"$f")"
  printf '%s' "$pid"
}

node_env() { # $1 dir, $2 key -> value from <dir>/node.env
  local f="$1/node.env"
  [ -f "$f" ] || die "$f not found (was the node started with run.sh start?)"
  awk -F= -v k="$2" '$1 == k {sub(/^[^=]*=/, ""); print; exit}' "$f"
}

show_logs() { # $1 dir, $2 lines
  local dir="$1" n="${2:-40}"
  if [ -f "$dir/logs/system.log" ]; then
    echo "----- tail -n $n $dir/logs/system.log -----" >&2
    tail -n "$n" "$dir/logs/system.log" >&2
  fi
  if [ -s "$dir/logs/stdout.log" ]; then
    echo "----- tail -n 20 $dir/logs/stdout.log -----" >&2
    tail -n 20 "$dir/logs/stdout.log" >&2
  fi
}

# ---------------------------------------------------------------- fetch

fetch_complete() {
  [ -f "$MARKER" ] && [ -f "$LIB_DIR/cassandra-all-$CASSANDRA_VERSION.jar" ] || return 1
  local want have
  want="$(awk -F= '$1 == "jars" {print $2}' "$MARKER")"
  have="$(find "$LIB_DIR" -maxdepth 1 -name '*.jar' | wc -l)"
  [ -n "$want" ] && [ "$want" -eq "$have" ]
}

cmd_fetch() {
  if fetch_complete; then
    log "jars already fetched: $LIB_DIR"
    return 0
  fi
  local jh
  jh="$(find_java_home)"
  command -v mvn >/dev/null 2>&1 || apt_install maven
  mkdir -p "$VERSION_DIR"
  # Serialise concurrent fetches (e.g. parallel CI jobs sharing a cache). The lock fd lives only
  # in this subshell, so it is never inherited by a Cassandra process started afterwards.
  (
    if command -v flock >/dev/null 2>&1; then
      flock -w 900 9 || die "timed out waiting for another fetch (lock $VERSION_DIR/.lock)"
      if fetch_complete; then
        log "jars already fetched (by a concurrent run): $LIB_DIR"
        exit 0
      fi
    fi
    download_jars "$jh"
  ) 9>"$VERSION_DIR/.lock"
}

download_jars() { # $1 JAVA_HOME for mvn
  local tmp="$VERSION_DIR/lib.tmp.$$" t0=$SECONDS
  rm -rf "$tmp"
  log "fetching cassandra-all $CASSANDRA_VERSION and its runtime dependencies from Maven Central..."
  # mvn -B still prints bare ANSI reset codes on stdout; strip them (pipefail keeps mvn's status)
  # shellcheck disable=SC2086
  if ! JAVA_HOME="$1" mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" ${CASSANDRA_MVN_ARGS:-} \
        -Dcassandra.version="$CASSANDRA_VERSION" \
        "$DEP_PLUGIN:copy-dependencies" \
        -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 \
        | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
    rm -rf "$tmp"
    die "mvn copy-dependencies failed (network to Maven Central? does version $CASSANDRA_VERSION exist?)"
  fi
  [ -f "$tmp/cassandra-all-$CASSANDRA_VERSION.jar" ] || { rm -rf "$tmp"; die "cassandra-all-$CASSANDRA_VERSION.jar missing after mvn"; }
  compgen -G "$tmp/jamm-*.jar" >/dev/null || { rm -rf "$tmp"; die "jamm agent jar missing after mvn"; }
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  local n
  n="$(find "$LIB_DIR" -maxdepth 1 -name '*.jar' | wc -l)"
  printf 'version=%s\njars=%s\nfetched=%s\n' "$CASSANDRA_VERSION" "$n" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$MARKER"
  log "fetched $n jars ($(du -sh "$LIB_DIR" | cut -f1)) into $LIB_DIR in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- start

cmd_start() {
  [ $# -eq 1 ] || die "usage: run.sh start <dir>"
  case "$1" in *[:\#\&\|\\]*|*$'\n'*) die "node dir must not contain ':', '#', '&', '|', '\\' or newlines: $1" ;; esac
  local native="${CASSANDRA_NATIVE_PORT:-9042}" storage="${CASSANDRA_STORAGE_PORT:-7000}" jmx="${CASSANDRA_JMX_PORT:-7199}"
  local heap="${CASSANDRA_HEAP:-1g}"
  local p
  for p in "$native" "$storage" "$jmx"; do is_port "$p" || die "invalid port '$p'"; done
  if [ "$native" = "$storage" ] || [ "$native" = "$jmx" ] || [ "$storage" = "$jmx" ]; then
    die "CASSANDRA_NATIVE_PORT ($native), CASSANDRA_STORAGE_PORT ($storage) and CASSANDRA_JMX_PORT ($jmx) must differ"
  fi
  [[ "$heap" =~ ^[0-9]+[kKmMgG]$ ]] || die "CASSANDRA_HEAP must look like 512m or 1g, got '$heap'"

  local dir
  dir="$(abs_dir "$1")"

  local old
  old="$(read_pid "$dir")"
  if [ -n "$old" ] && pid_alive "$old"; then
    die "a process ($old) from $dir/cassandra.pid is still running; run 'run.sh stop $dir' first"
  fi
  rm -f "$dir/cassandra.pid"

  for p in "$native" "$storage" "$jmx"; do
    if port_in_use "$p"; then
      die "port $p on 127.0.0.1 is already in use; choose others via CASSANDRA_NATIVE_PORT / CASSANDRA_STORAGE_PORT / CASSANDRA_JMX_PORT (see 'run.sh free-port 3')"
    fi
  done

  fetch_complete || cmd_fetch
  local jh
  jh="$(find_java_home)"

  local tmpdir="${CASSANDRA_TMPDIR:-$dir/tmp}"
  mkdir -p "$dir"/{conf/triggers,data,logs} "$tmpdir"
  # keep one previous log so 'wait' never matches a line from an earlier run on the same dir
  local f
  for f in system.log stdout.log; do
    [ -f "$dir/logs/$f" ] && mv -f "$dir/logs/$f" "$dir/logs/$f.prev"
  done
  sed -e "s#@ROOT@#$dir#g" -e "s#@NATIVE_PORT@#$native#g" -e "s#@STORAGE_PORT@#$storage#g" \
    "$HERE/cassandra.yaml.tpl" >"$dir/conf/cassandra.yaml"
  cp "$HERE/logback.xml" "$dir/conf/logback.xml"
  cat >"$dir/node.env" <<EOF
NATIVE_PORT=$native
STORAGE_PORT=$storage
JMX_PORT=$jmx
HEAP=$heap
CASSANDRA_VERSION=$CASSANDRA_VERSION
LIB_DIR=$LIB_DIR
JAVA_HOME=$jh
EOF

  local jamm
  jamm="$(compgen -G "$LIB_DIR/jamm-*.jar" | head -n1)"
  local args=(
    "@$HERE/jvm17.args"
    "-Xms$heap" "-Xmx$heap"
    "-javaagent:$jamm"
    "-XX:HeapDumpPath=$dir/logs"
    "-XX:ErrorFile=$dir/logs/hs_err_pid%p.log"
    "-Dcassandra.config=file://$dir/conf/cassandra.yaml"
    "-Dcassandra.storagedir=$dir/data"
    "-Dcassandra.logdir=$dir/logs"
    "-Dcassandra.triggers_dir=$dir/conf/triggers"
    "-Dlogback.configurationFile=$dir/conf/logback.xml"
    "-Djava.io.tmpdir=$tmpdir" "-Djna.tmpdir=$tmpdir"
    "-Dcassandra.jmx.local.port=$jmx"
    "-Dcom.sun.management.jmxremote.rmi.port=$jmx"
  )
  if [ "${CI:-}" = "true" ] || [ "${CASSANDRA_FAST:-}" = "1" ]; then
    args+=("-Dcassandra.unsafesystem=true")
  fi
  if [ -n "${CASSANDRA_JVM_OPTS:-}" ]; then
    # shellcheck disable=SC2206
    args+=($CASSANDRA_JVM_OPTS)
  fi
  args+=(-cp "$dir/conf:$LIB_DIR/*" org.apache.cassandra.service.CassandraDaemon)

  # New session (setsid) so the node survives the caller's Ctrl-C / job-control signals.
  # The inner bash writes its own pid and then execs java, so the pidfile holds java's pid.
  # As root, Cassandra's mlockall() succeeds (CAP_IPC_LOCK bypasses RLIMIT_MEMLOCK) and faults in the
  # whole heap: ~2.5 s of startup and a fully resident heap for no benefit on a test node. Drop that one
  # capability so root behaves like an ordinary user (mlockall fails softly). CASSANDRA_MLOCKALL=1 keeps it.
  local wrap=()
  if [ "$(id -u)" -eq 0 ] && [ "${CASSANDRA_MLOCKALL:-0}" != "1" ] && command -v setpriv >/dev/null 2>&1; then
    wrap=(setpriv --bounding-set=-ipc_lock --inh-caps=-ipc_lock)
  fi
  (
    cd "$dir"
    # shellcheck disable=SC2016  # \$\$ and \$@ must expand in the inner bash
    exec setsid "${wrap[@]}" bash -c 'echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' \
      "$dir/cassandra.pid" "$jh/bin/java" "${args[@]}" \
      </dev/null >>"$dir/logs/stdout.log" 2>&1
  ) &
  local pid=""
  for _ in $(seq 1 50); do
    pid="$(read_pid "$dir")"
    [ -n "$pid" ] && break
    sleep 0.1
  done
  [ -n "$pid" ] || { show_logs "$dir" 20; die "node did not write $dir/cassandra.pid"; }
  sleep 1
  if ! pid_alive "$pid"; then
    show_logs "$dir" 40
    die "Cassandra exited right after launch (see logs above)"
  fi
  log "started Cassandra $CASSANDRA_VERSION pid $pid (dir $dir, CQL 127.0.0.1:$native, storage $storage, JMX $jmx, heap $heap)"
}

# ---------------------------------------------------------------- wait

cql_ping() { # $1 port
  if command -v python3 >/dev/null 2>&1; then
    python3 "$HERE/cql.py" ping --port "$1" --timeout 3 >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

cmd_wait() {
  if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: run.sh wait <dir> [timeout_s]"; fi
  local dir timeout="${2:-120}"
  dir="$(existing_dir "$1")"
  [[ "$timeout" =~ ^[0-9]+$ ]] || die "timeout must be whole seconds, got '$timeout'"
  local port pid
  port="$(node_env "$dir" NATIVE_PORT)"
  pid="$(read_pid "$dir")"
  [ -n "$pid" ] || die "no $dir/cassandra.pid; start the node first"
  local t0=$SECONDS
  while :; do
    if ! pid_alive "$pid"; then
      show_logs "$dir" 60
      die "Cassandra (pid $pid) died before becoming ready"
    fi
    if grep -qE 'Starting listening for CQL clients|Startup complete' "$dir/logs/system.log" 2>/dev/null \
       && cql_ping "$port"; then
      log "CQL ready on 127.0.0.1:$port after $((SECONDS - t0)) s of waiting"
      return 0
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      show_logs "$dir" 60
      die "timed out after $timeout s waiting for CQL on 127.0.0.1:$port (pid $pid still running)"
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------- stop

cmd_stop() {
  [ $# -eq 1 ] || die "usage: run.sh stop <dir>"
  local dir pid
  if [ ! -d "$1" ]; then
    log "no directory $1; nothing to stop"
    return 0
  fi
  dir="$(existing_dir "$1")"
  pid="$(read_pid "$dir")"
  if [ -z "$pid" ]; then
    log "no $dir/cassandra.pid; nothing to stop"
    return 0
  fi
  if ! pid_alive "$pid"; then
    log "pid $pid is not running; removing stale pidfile"
    rm -f "$dir/cassandra.pid"
    return 0
  fi
  if ! pid_is_ours "$pid" "$dir"; then
    rm -f "$dir/cassandra.pid"
    die "pid $pid is not the Cassandra of $dir (recycled pid?); not killing it, removed the pidfile"
  fi
  local t0=$SECONDS
  terminate "$pid" "${CASSANDRA_STOP_TIMEOUT:-30}" 0.2
  rm -f "$dir/cassandra.pid"
  log "stopped Cassandra pid $pid after $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- extras

cmd_status() {
  [ $# -eq 1 ] || die "usage: run.sh status <dir>"
  local dir pid
  dir="$(existing_dir "$1")"
  pid="$(read_pid "$dir")"
  if [ -n "$pid" ] && pid_alive "$pid"; then
    echo "running pid=$pid native=$(node_env "$dir" NATIVE_PORT) storage=$(node_env "$dir" STORAGE_PORT) jmx=$(node_env "$dir" JMX_PORT)"
  else
    echo "stopped"
    return 3
  fi
}

cmd_cql() {
  [ $# -eq 2 ] || die "usage: run.sh cql <dir> \"<CQL statement>\""
  local dir
  dir="$(existing_dir "$1")"
  command -v python3 >/dev/null 2>&1 || die "python3 is needed for 'cql'"
  python3 "$HERE/cql.py" query --port "$(node_env "$dir" NATIVE_PORT)" "$2"
}

cmd_nodetool() {
  [ $# -ge 1 ] || die "usage: run.sh nodetool <dir> [nodetool args...]"
  local dir
  dir="$(existing_dir "$1")"
  shift
  local jh lib
  jh="$(node_env "$dir" JAVA_HOME)"
  lib="$(node_env "$dir" LIB_DIR)"
  "$jh/bin/java" "@$HERE/jvm17.args" -Xmx256m -Dlogback.configurationFile="$HERE/logback.xml" \
    -Dcassandra.logdir="$dir/logs/nodetool" -cp "$lib/*" org.apache.cassandra.tools.NodeTool \
    -h 127.0.0.1 -p "$(node_env "$dir" JMX_PORT)" "$@"
}

cmd_free_port() {
  local n="${1:-1}"
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then die "usage: run.sh free-port [count]"; fi
  command -v python3 >/dev/null 2>&1 || die "python3 is needed for 'free-port'"
  # all sockets stay open until every port is chosen, so the ports are distinct
  python3 - "$n" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# ---------------------------------------------------------------- main

[ $# -ge 1 ] || usage
cmd="$1"
shift
case "$cmd" in
  fetch) [ $# -eq 0 ] || die "usage: run.sh fetch"; cmd_fetch ;;
  start) cmd_start "$@" ;;
  wait) cmd_wait "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  cql) cmd_cql "$@" ;;
  nodetool) cmd_nodetool "$@" ;;
  free-port) cmd_free_port "$@" ;;
  -h|--help|help) usage ;;
  *) log "unknown command: $cmd"; usage ;;
esac

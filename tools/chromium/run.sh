#!/usr/bin/env bash
# Debian's Chromium for the web client's browser tests (driven headless by playwright-core). See tools/README.md.
#   ensure    install the chromium package with apt-get if missing
#   path      ensure, then print the executable's path (the one line on stdout)
set -euo pipefail

log() { printf 'chromium/run.sh: %s\n' "$*" >&2; }
die() { printf 'chromium/run.sh: ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=SCRIPTDIR/../lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"

# Debian's launcher script: it reads /etc/chromium.d and execs /usr/lib/chromium/chromium.
CHROMIUM="${CHROMIUM_BIN:-/usr/bin/chromium}"

cmd_ensure() {
  [ -x "$CHROMIUM" ] && return 0
  # Test files may start in parallel: one apt-get at a time (dpkg's own lock would fail the second).
  local lock="${TMPDIR:-/tmp}/tidings-chromium-install.lock"
  exec 9>"$lock"
  flock 9
  if [ ! -x "$CHROMIUM" ]; then
    apt_install chromium
    [ -x "$CHROMIUM" ] || die "$CHROMIUM still missing after apt-get install chromium"
    log "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
  fi
  flock -u 9
}

[ $# -ge 1 ] || { sed -n '2,4p' "${BASH_SOURCE[0]}" >&2; exit 2; }
cmd="$1"
shift
[ $# -eq 0 ] || die "usage: run.sh $cmd"
case "$cmd" in
  ensure) cmd_ensure ;;
  path) cmd_ensure; printf '%s\n' "$CHROMIUM" ;;
  *) die "unknown command: $cmd" ;;
esac

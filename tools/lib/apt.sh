# shellcheck shell=bash
# apt_install PKG...: install Debian packages (as root, or with sudo -n) without starting the
# services they ship (a temporary policy-rc.d), so no system-wide server appears on a default
# port. Sourced by tools/*/run.sh; the caller defines log and die.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "$* missing and apt-get not available; install it manually"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo=(sudo -n)
  fi
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod 755 "$policy" && added_policy=1
  fi
  log "installing $* with apt-get..."
  local rc=0
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; } >&2 || rc=$?
  [ "$added_policy" = 1 ] && "${sudo[@]}" rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get install $* failed (exit $rc)"
}

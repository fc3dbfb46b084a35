#!/bin/sh
# deps.sh - installs those of the Debian packages named that are missing,
# with apt-get (through sudo when not root), and leaves the system
# otherwise as it found it.  The tests start Dovecot, OpenSMTPD and
# dnsmasq by hand, in a namespace of their own, so their system services
# must neither start nor stay enabled:
# - while apt-get runs, /usr/sbin/policy-rc.d refuses every start (exit
#   101, see invoke-rc.d(8)); this script writes it only if there is none,
#   and removes it when it ends, however it ends;
# - the services of the packages installed here, which Debian enables at
#   boot, are disabled again (systemctl disable, or update-rc.d disable
#   where there is no systemctl) and stopped if they run all the same.
# Nothing is installed when nothing is missing, and apt-get update runs
# only before an install.
#
# Usage: tools/deps.sh PACKAGE... (through make deps and make ci-deps)
set -u

[ $# -gt 0 ] || { echo "usage: deps.sh PACKAGE..." >&2; exit 2; }
policy=/usr/sbin/policy-rc.d

missing=
for package in "$@"; do
	dpkg-query -W -f='${db:Status-Status}\n' "$package" 2>/dev/null |
		grep -qx installed || missing="$missing $package"
done
if [ -z "$missing" ]; then
	echo "deps: already installed: $*"
	exit 0
fi
if ! command -v apt-get >/dev/null; then
	echo "deps: no apt-get here; install by hand:$missing" >&2
	exit 1
fi
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

# installed: the packages installed now, one a line, sorted.
installed() {
	dpkg-query -W -f='${db:Status-Status} ${Package}\n' 2>/dev/null |
		sed -n 's/^installed //p' | sort
}

# quiet: disables and stops the services of the packages installed since
# $tmp/before was written, dependencies too: their systemd services and
# sockets (not templates) and their init scripts; systemctl passes an init
# script on to update-rc.d.  Sets status to 1 when one stays enabled or
# running.
quiet() {
	installed | comm -13 "$tmp/before" - | xargs -r dpkg-query -L 2>/dev/null |
		sed -n 's#^/\(usr/\)\{0,1\}lib/systemd/system/\([^/@]*\.\(service\|socket\)\)$#\2#p
			s#^/etc/init\.d/\([^/]*\)$#\1.service#p' | sort -u >"$tmp/units"
	rm -f "$tmp/before"
	while read -r unit; do
		name=${unit%.*}
		if command -v systemctl >/dev/null; then
			if systemctl is-enabled --quiet "$unit" 2>/dev/null &&
				! $sudo systemctl disable --quiet "$unit" 2>/dev/null; then
				echo "deps: could not disable $unit" >&2
				status=1
			fi
			if [ -d /run/systemd/system ] &&
				systemctl is-active --quiet "$unit" &&
				! $sudo systemctl stop "$unit"; then
				echo "deps: could not stop $unit" >&2
				status=1
			fi
		elif [ -x "/etc/init.d/$name" ]; then
			if ! $sudo update-rc.d "$name" disable >/dev/null 2>&1; then
				echo "deps: could not disable $name" >&2
				status=1
			fi
			if "/etc/init.d/$name" status >/dev/null 2>&1 &&
				! $sudo "/etc/init.d/$name" stop; then
				echo "deps: could not stop $name" >&2
				status=1
			fi
		else
			continue
		fi
		echo "deps: $unit is installed, disabled and not running"
	done <"$tmp/units"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-deps.XXXXXX") || exit 1
held=
status=0
# However the script ends, after an install has begun: its services are
# quieted, our policy-rc.d is removed.  An interruption exits, and so runs
# this.
cleanup() {
	[ -f "$tmp/before" ] && quiet
	[ -n "$held" ] && $sudo rm -f "$policy"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

echo "deps: installing with apt-get:$missing"
$sudo apt-get update -q || exit 1
installed >"$tmp/before"
# noclobber: a policy-rc.d that appears meanwhile is not ours to replace,
# nor to remove.
if [ ! -e "$policy" ] &&
	printf '#!/bin/sh\n# mailports tools/deps.sh: no service starts while it installs.\nexit 101\n' |
	$sudo sh -c "set -C && cat >$policy" 2>/dev/null; then
	held=1
	$sudo chmod 755 "$policy" || exit 1
fi
[ -x "$policy" ] || { echo "deps: no $policy to keep services from starting" >&2; exit 1; }
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends $missing || status=$?
quiet
exit $status

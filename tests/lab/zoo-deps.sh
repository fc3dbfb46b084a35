#!/usr/bin/env bash
# zoo-deps.sh - fetches the servers of tests/lab/zoo.sh and unpacks them into a
# directory, without installing them: Postfix and Exim would each remove the
# lab's OpenSMTPD (Debian's MTAs conflict, all being mail-transport-agent),
# and Cyrus's and Courier's IMAP and POP3 servers the lab's Dovecot
# (imap-server, pop3-server).  The libraries they link against conflict with
# nothing and are installed as usual: this script prints their names, one
# line, on standard output (everything else goes to standard error), or
# installs them itself with --install.
#
# Usage: tests/lab/zoo-deps.sh [--install] [--force] [DIR]
#   DIR      where to unpack (default $ZOO_ROOT, else
#            /var/cache/mailports/zoo-root, where tests/lab/zoo.sh looks)
#   --install  apt-get install the libraries too, after checking that doing
#            so removes no package
#   --force  fetch and unpack again even if DIR is complete
# Idempotent and quick when done: a DIR holding the same package versions
# is left as it is, and installed libraries are not asked for again.
# Works on a fresh machine: apt-get update runs when the package lists do
# not know the packages or name versions the archive no longer has.
# Needs apt-get, and root (or sudo) for apt-get update and --install; only
# Debian's archive is reached.
set -u

install=
force=
dir=
for arg; do
	case $arg in
	--install) install=1 ;;
	--force) force=1 ;;
	-*) echo "usage: zoo-deps.sh [--install] [--force] [DIR]" >&2; exit 2 ;;
	*) dir=$arg ;;
	esac
done
dir=$(realpath -m "${dir:-${ZOO_ROOT:-/var/cache/mailports/zoo-root}}")

# Unpacked, never installed.
unpacked="postfix exim4-daemon-light cyrus-common cyrus-imapd cyrus-pop3d
	courier-base courier-authlib courier-imap courier-pop sasl2-bin"
# Depended on, but only by programs the zoo never runs (cyr_virusscan,
# notifyd): not installed.
unneeded="libclamav12 libzephyr4"
# What zoo.sh runs, relative to DIR.
programs="usr/lib/postfix/sbin/master usr/lib/postfix/sbin/smtpd
	usr/lib/postfix/sbin/postscreen usr/sbin/exim4
	usr/lib/cyrus/bin/master usr/lib/cyrus/bin/imapd usr/lib/cyrus/bin/pop3d
	usr/lib/cyrus/bin/timsieved usr/sbin/couriertcpd usr/bin/couriertls
	usr/bin/imapd usr/lib/courier/courier/imaplogin
	usr/lib/courier/courier/courierpop3login
	usr/lib/courier/courier/courierpop3d usr/sbin/saslpasswd2"

say() { echo "zoo-deps: $*" >&2; }

# Not root: through sudo, for --install or a DIR that only root may make
# (the default).
if [ "$(id -u)" -ne 0 ]; then
	parent=$(dirname "$dir")
	while [ ! -e "$parent" ]; do parent=$(dirname "$parent"); done
	if [ -n "$install" ] || [ ! -w "$parent" ] ||
		{ [ -e "$dir" ] && [ ! -w "$dir" ]; }; then
		exec sudo "$0" ${install:+--install} ${force:+--force} "$dir"
	fi
fi

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
updated=
# update: apt-get update, once.
update() {
	[ -z "$updated" ] || return 1
	updated=1
	say "apt-get update"
	$sudo apt-get update -q >&2 || { say "apt-get update failed"; exit 1; }
}

# versions: "name=version" of each package to unpack, as apt would fetch it.
versions() {
	local out
	# shellcheck disable=SC2086
	out=$(apt-cache policy $unpacked 2>/dev/null | awk '
		/^[^ ]/ { sub(":$", ""); p = $1 }
		$1 == "Candidate:" && $2 != "(none)" { print p "=" $2 }') || return 1
	[ "$(wc -l <<<"$out")" -eq "$(wc -w <<<"$unpacked")" ] || return 1
	echo "$out"
}

if ! want=$(versions); then
	say "no package list knows them all"
	update
	want=$(versions) || { say "not in the archive: $unpacked"; exit 1; }
fi

complete() {
	local f
	[ "$(cat "$dir/.zoo-packages" 2>/dev/null)" = "$want" ] || return 1
	for f in $programs; do
		[ -e "$dir/$f" ] || return 1
	done
}

if [ -n "$force" ] || ! complete; then
	mkdir -p "$(dirname "$dir")" || exit 1
	tmp=$(mktemp -d "$dir.tmp.XXXXXX") || exit 1
	# The packages are fetched into a directory of their own under /tmp:
	# apt-get download fetches as _apt, who must reach and write it, and
	# may not reach $dir (under /root, say).
	debs=$(mktemp -d "${TMPDIR:-/tmp}/zoo-debs.XXXXXX") || exit 1
	trap 'rm -rf "$tmp" "$debs"' EXIT
	mkdir "$tmp/root"
	chmod 755 "$debs"
	[ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1 && chown _apt "$debs"
	# shellcheck disable=SC2086
	say "fetching" $unpacked
	# Lists older than the archive name versions it no longer has.
	# shellcheck disable=SC2086
	until (cd "$debs" && apt-get download -q $want >&2); do
		update || { say "apt-get download failed"; exit 1; }
		want=$(versions) || { say "not in the archive: $unpacked"; exit 1; }
		rm -f "$debs"/*.deb
	done
	for deb in "$debs"/*.deb; do
		dpkg-deb -x "$deb" "$tmp/root" || { say "cannot unpack $deb"; exit 1; }
		dpkg-deb -f "$deb" Depends >>"$tmp/root/.zoo-depends"
	done
	echo "$want" >"$tmp/root/.zoo-packages"
	# Unprivileged server processes run programs from here.
	chmod -R go+rX "$tmp/root"
	rm -rf "$dir"
	mv "$tmp/root" "$dir" || exit 1
	say "unpacked into $dir"
else
	say "$dir is complete"
fi

# The libraries: every lib* (and zlib1g) the unpacked packages depend on,
# first alternative, less those unpacked and those not needed.
libs=$(tr ',' '\n' <"$dir/.zoo-depends" | sed 's/|.*//; s/(.*//; s/:any//' |
	awk '{ print $1 }' | grep -E '^(lib|zlib1g$)' | sort -u |
	grep -vxF -f <(tr -s ' \t\n' '\n' <<<"$unpacked $unneeded"))
libs=$(tr '\n' ' ' <<<"$libs")
libs=${libs% }

if [ -n "$install" ]; then
	missing=
	for p in $libs; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086
		removes=$(apt-get install -s --no-install-recommends $missing 2>&1 |
			awk '$1 == "Remv" { print $2 }')
		[ -z "$removes" ] ||
			{ say "installing$missing would remove: $(tr '\n' ' ' <<<"$removes")"; exit 1; }
		say "installing$missing"
		# shellcheck disable=SC2086
		until $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $missing >&2; do
			update || { say "apt-get install failed"; exit 1; }
		done
	fi
	# Each program finds its libraries, from the system or from DIR.
	bad=
	for f in $programs; do
		m=$(LD_LIBRARY_PATH=$dir/usr/lib/postfix:$dir/usr/lib:$dir/usr/lib/x86_64-linux-gnu:$dir/usr/lib/courier-authlib \
			ldd "$dir/$f" 2>/dev/null | awk '/not found/ { print $1 }' | tr '\n' ' ')
		[ -n "$m" ] && { say "$f: missing $m"; bad=1; }
	done
	[ -z "$bad" ] || exit 1
fi
echo "$libs"

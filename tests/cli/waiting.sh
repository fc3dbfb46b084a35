#!/usr/bin/env bash
# waiting.sh - waiting costs nothing: --discover, --probe and --check
# against a peer that says nothing and against one that refuses spend
# almost no CPU time, however long they wait.  Every wait is a poll for
# the time left; a loop that polls with no time left, or a socket in error
# left in the poll set, spins a core until the deadline.
#
# Each run's CPU time (user and system, by /usr/bin/time) must stay under
# an absolute bound, 0.15 s for a run of up to 3 s, that is 5% of the
# wall time: the program's own work is a few milliseconds, and a bound in
# seconds, not a ratio, holds on a loaded machine too.  The runs go all at
# once, so the script takes about one timeout.
#
# The fetches of discovery (src/http_get.c) are measured through
# tests/helpers/http_fetch.c, when it is given: against a web server
# that says nothing, and a name server that says nothing.
#
# Usage: tests/cli/waiting.sh ./mailports build/probe_server [build/http_fetch]
set -u

usage="usage: waiting.sh MAILPORTS PROBE_SERVER [HTTP_FETCH]"
bin=${1:?$usage}
server=${2:?$usage}
fetch=${3:-}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-waiting.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../helpers/lib.sh"

# The bound on CPU seconds, and the timeout every run is given.
cpu_max=0.15
seconds=3

if [ ! -x /usr/bin/time ]; then
	skip "CPU time of every wait" "no /usr/bin/time"
	summary
	exit
fi

serve "$server" silent dnsmute
silent=$(port silent)
mute=$(port dnsmute)
closed=$(closed_port "$server")
if [ -z "$silent" ] || [ -z "$mute" ] || [ -z "$closed" ]; then
	echo "the test server did not start" >&2
	exit 1
fi

# Two name servers, as resolv.conf lists them (mailports reads a port
# after the address): the first says nothing, the second refuses.  The
# first try waits on the silent one; the refusal of the second makes the
# third go at once, and its retry time comes before the deadline.
printf 'nameserver 127.0.0.1:%s\nnameserver 127.0.0.1:%s\n' "$mute" "$closed" \
	>"$tmp/resolv.conf"
# A mount namespace of the test's own holds that resolv.conf: as root,
# or as a user where user namespaces are allowed.
namespace=
if unshare -m true 2>/dev/null; then
	namespace="unshare -m"
elif unshare -rm true 2>/dev/null; then
	namespace="unshare -rm"
fi

# measure NAME ARGS...: runs the program in the background with a timeout
# of $seconds, its CPU and wall seconds to $tmp/NAME.time.
names=
runs=
measure() {
	local name=$1
	shift
	names="$names $name"
	/usr/bin/time -o "$tmp/$name.time" -f '%U %S %e' \
		timeout 30 "$bin" --timeout "$seconds" "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err" &
	runs="$runs $!"
}

# The same, with resolv.conf the two name servers above, in the mount
# namespace.
measure_resolv() {
	local name=$1
	shift
	names="$names $name"
	# shellcheck disable=SC2016,SC2086
	/usr/bin/time -o "$tmp/$name.time" -f '%U %S %e' \
		$namespace sh -c 'mount --bind "$1" /etc/resolv.conf &&
			shift && exec timeout 30 "$@"' sh "$tmp/resolv.conf" \
		"$bin" --timeout "$seconds" "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err" &
	runs="$runs $!"
}

measure discover-silent --discover alice@example.test \
	--dns-server "127.0.0.1:$mute"
measure discover-refused --discover alice@example.test \
	--dns-server "127.0.0.1:$closed"
measure verify-silent --discover alice@example.test --verify \
	--dns-server "127.0.0.1:$mute"
[ -n "$namespace" ] && measure_resolv discover-both --discover alice@example.test
measure probe-silent --probe "127.0.0.1:$silent"
measure probe-silent-imap --probe "127.0.0.1:$silent" imap
measure probe-refused --probe "127.0.0.1:$closed"
measure probe-all-refused --probe 127.0.0.1
measure check-silent --check "127.0.0.1:$silent" imap starttls
measure check-refused --check "127.0.0.1:$closed" smtp starttls
# measure_fetch NAME URL WHERE: one fetch of http_fetch, in $seconds.
measure_fetch() {
	names="$names $1"
	/usr/bin/time -o "$tmp/$1.time" -f '%U %S %e' \
		timeout 30 "$fetch" "$2" "$3" $((seconds * 1000)) \
		>"$tmp/$1.out" 2>"$tmp/$1.err" &
	runs="$runs $!"
}
if [ -n "$fetch" ]; then
	measure_fetch fetch-silent "http://127.0.0.1:$silent/" "127.0.0.1:$silent"
	measure_fetch fetch-refused "http://127.0.0.1:$closed/" "127.0.0.1:$closed"
	measure_fetch fetch-silent-dns http://example.test/ "@127.0.0.1:$mute"
fi
# shellcheck disable=SC2086
wait $runs

# cpu NAME: the run's user and system seconds, added; wall NAME: its wall
# seconds.  They are the last line of time's output: a line saying the
# exit status may come first.
cpu() { awk 'END { printf "%.2f", $1 + $2 }' "$tmp/$1.time"; }
wall() { awk 'END { print $3 }' "$tmp/$1.time"; }

# The runs against a silent peer wait the whole timeout; those against a
# refusing one end at once.
for name in $names; do
	if [ ! -s "$tmp/$name.time" ] ||
	    ! awk 'END { exit NF != 3 }' "$tmp/$name.time"; then
		problem "no time measured: $(cat "$tmp/$name.time" "$tmp/$name.err" 2>/dev/null)"
		try "$name: waiting spends no CPU"
		continue
	fi
	c=$(cpu "$name") w=$(wall "$name")
	awk -v c="$c" -v m="$cpu_max" 'BEGIN { exit !(c <= m) }' ||
		problem "$c s of CPU in $w s (at most $cpu_max s)"
	case $name in
	*-silent*|discover-both)
		awk -v w="$w" -v s="$seconds" 'BEGIN { exit !(w >= s * 0.9) }' ||
			problem "took $w s: the silent peer was not waited for" ;;
	esac
	try "$name: waiting spends no CPU ($c s of CPU in $w s)"
done
[ -z "$fetch" ] &&
	skip "fetches: waiting spends no CPU" "no http_fetch given"
[ -z "$namespace" ] &&
	skip "discover-both: waiting spends no CPU" "no mount namespace (unshare -m)"

summary

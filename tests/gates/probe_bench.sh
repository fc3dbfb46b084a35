#!/usr/bin/env bash
# probe_bench.sh - how long a probe takes against the lab of tests/lab/lab.sh
# (Dovecot and OpenSMTPD on loopback, in a network namespace of its own),
# in wall-clock milliseconds, next to nmap -sV on the same ports; and how
# long discovery takes against dnsmasq there.  Then, given the delay proxy,
# how many round trips the probe spends on each kind of port.
#
# Usage: tests/gates/probe_bench.sh ./mailports [DELAY_PROXY [RTT_MS [LIMIT]]]
# (RTT_MS 200 and LIMIT 1.15 by default)
#
# The round-trip table.  tests/helpers/delay_proxy.c stands on 127.0.0.2, on the
# lab's port numbers, for a path of RTT_MS round-trip time (RTT_MS / 2 each
# way) to the lab's servers on 127.0.0.1; each port is probed through it
# as 127.0.0.2:PORT, so that the probe takes the port's meaning from the
# table as on a real network.  The proxy makes the costs those of a real
# path: connect() done after one RTT, the server seeing the connection
# half an RTT later, every byte half an RTT to cross.  So, counted from
# the connect() call:
#   connect                          1 RTT
#   a greeting the server sends      1 RTT more (half for the client's
#     on accept                      ACK to arrive, half for the greeting)
#   each request and its answer      1 RTT more
# and the fewest round trips each protocol allows are
#   implicit TLS (993, 995, 465)     2: connect, ClientHello and the flight
#                                       that carries the certificates
#   IMAP (143), capabilities in the  2: connect, greeting
#     greeting; else 3 (CAPABILITY)
#   ManageSieve (4190)               2: connect, greeting (RFC 5804: the
#                                       capabilities are the greeting)
#   POP3 (110), SMTP (587, 25)       3: connect, greeting, CAPA or EHLO
# and, where STARTTLS is offered (every plaintext port of the lab), 2 more
# to read the certificate: STARTTLS and its answer (the client must wait
# for it before TLS: RFC 3207 section 4, RFC 2595 section 4, RFC 9051
# section 6.2.1, RFC 5804 section 2.2), then the ClientHello and the
# flight.  A QUIT or LOGOUT the probe sends without waiting costs nothing.  A row
# gives the probe's wall time (the best of three runs, the process's start
# included), the round trips, their cost, and the ratio of the two; a
# ratio over LIMIT means a round trip more than needed (that is a ratio
# of 1.33 or 1.5), and one under 0.95 a path faster than it should be:
# either is a FAIL line, and the exit status is 1.  A probe whose answer
# is not what the lab serves is a FAIL too, whatever its time.
set -u

usage='usage: probe_bench.sh MAILPORTS [DELAY_PROXY [RTT_MS [LIMIT]]]'
bin=${1:?$usage}
proxy=${2:-}
rtt=${3:-200}
limit=${4:-1.15}
runs=3
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $proxy in /* | '') ;; *) proxy=$PWD/$proxy ;; esac
if ! [[ $rtt =~ ^[0-9]+$ ]] || [ "$rtt" -eq 0 ] || [ $((rtt % 2)) -ne 0 ] ||
	[ "$rtt" -gt 2000 ]; then
	echo "probe_bench: RTT '$rtt' is not an even number of ms from 2 to 2000" >&2
	exit 2
fi
if ! awk -v l="$limit" 'BEGIN { exit !(l ~ /^[0-9]+(\.[0-9]+)?$/ && l >= 1) }'; then
	echo "probe_bench: limit '$limit' is not a number of at least 1" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../helpers/lib.sh"
. "$here/../lab/lab.sh"
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-bench.XXXXXX")
trap 'lab_stop; [ -n "${proxy_pid:-}" ] && kill "$proxy_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
lab_start "$tmp" >/dev/null || exit 1
lab_dns || exit 1

# row LABEL CMD...: the command's wall-clock time.
row() {
	local label=$1 start end
	shift
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1
	end=$(date +%s%N)
	printf '%-58s %8d ms\n' "$label" $(((end - start) / 1000000))
}

printf '%-58s %11s\n' command time
row "mailports --timeout 2 --probe 127.0.0.1 (2525 filtered)" \
	"$bin" --timeout 2 --probe 127.0.0.1
nft flush ruleset
row "mailports --probe 127.0.0.1 (10 ports)" "$bin" --probe 127.0.0.1
row "mailports --probe ::1 (10 ports)" "$bin" --probe ::1
row "mailports --probe localhost imap" "$bin" --probe localhost imap
row "mailports --discover full.test (7 DNS questions)" \
	"$bin" --dns-server 127.0.0.1 --discover full.test
row "mailports --discover big.test (one answer over TCP)" \
	"$bin" --dns-server 127.0.0.1 --discover big.test
row "mailports --verify --discover full.test" \
	"$bin" --dns-server 127.0.0.1 --verify --discover full.test
ports=25,110,143,465,587,993,995,4190
if command -v nmap >/dev/null; then
	row "nmap -sV -p $ports 127.0.0.1" nmap -sV -p "$ports" 127.0.0.1
else
	echo "nmap: not installed (make ci-deps installs it)"
fi

[ -n "$proxy" ] || exit 0

# The lab's IMAP greeting decides how few round trips IMAP needs.
greeting=$(timeout 2 bash -c \
	'exec 3<>/dev/tcp/127.0.0.1/143 && read -r line <&3 && printf %s "$line"')
case $greeting in
'* OK [CAPABILITY '*) imap_trips=4 ;;
*) imap_trips=5 ;;
esac

# PORT TRIPS TLS PROTOCOL LABEL, one mode a line: what the lab serves.
modes="993 2 implicit imap implicit TLS, IMAP
995 2 implicit pop3 implicit TLS, POP3
465 2 implicit smtp implicit TLS, SMTP submission
143 $imap_trips starttls imap IMAP
110 5 starttls pop3 POP3
587 5 starttls smtp SMTP submission
25 5 starttls smtp SMTP
4190 4 starttls managesieve ManageSieve"

set --
while read -r port _; do
	set -- "$@" 127.0.0.2 "$port" 127.0.0.1 "$port"
done <<<"$modes"
# Alive long enough for every run, at six round trips each at most.
"$proxy" -l $((60 + 8 * runs * 6 * rtt / 1000)) $((rtt / 2)) "$@" >"$tmp/proxy.out" 2>"$tmp/proxy.err" &
proxy_pid=$!
for _ in $(seq 50); do
	grep -qx ready "$tmp/proxy.out" 2>/dev/null && break
	sleep 0.1
done
if ! grep -qx ready "$tmp/proxy.out"; then
	echo "probe_bench: the delay proxy did not start: $(cat "$tmp/proxy.err")" >&2
	exit 1
fi

echo
printf 'round trips at %d ms RTT through tests/helpers/delay_proxy.c (best of %d); limit: %s\n' \
	"$rtt" "$runs" "$limit"
printf '%-30s %5s %8s %6s %9s %6s\n' mode port measured trips 'trips*RTT' ratio
fails=()
while read -r port trips tls protocol label; do
	best=
	for _ in $(seq "$runs"); do
		start=$(date +%s%N)
		timeout 30 "$bin" --tsv --probe "127.0.0.2:$port" </dev/null \
			>"$tmp/rtt.out" 2>&1
		end=$(date +%s%N)
		ms=$(((end - start) / 1000000))
		got=$(awk -F '\t' -v p="$port" '$2 == p { print $3, $4, $5 }' "$tmp/rtt.out")
		if [ "$got" != "open $tls $protocol" ]; then
			fails+=("FAIL: port $port: the probe found '$got', not 'open $tls $protocol'")
			best=
			break
		fi
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
	done
	[ -n "$best" ] || continue
	awk -v l="$label" -v p="$port" -v m="$best" -v t="$trips" -v r="$rtt" \
		'BEGIN { printf "%-30s %5d %5d ms %6d %6d ms %6.2f\n", l, p, m, t, t * r, m / (t * r) }'
	verdict=$(awk -v l="$label" -v p="$port" -v m="$best" -v t="$trips" -v r="$rtt" \
		-v max="$limit" 'BEGIN {
		ratio = m / (t * r)
		if (ratio > max)
			printf "FAIL: %s on port %d takes %.2f times %d round trips, over the limit of %s", l, p, ratio, t, max
		else if (ratio < 0.95)
			printf "FAIL: %s on port %d takes %.2f times %d round trips: the path is faster than it should be", l, p, ratio, t
	}')
	[ -z "$verdict" ] || fails+=("$verdict")
done <<<"$modes"
kill "$proxy_pid" 2>/dev/null
wait "$proxy_pid" 2>/dev/null
proxy_pid=
if [ ${#fails[@]} -gt 0 ]; then
	printf '%s\n' "${fails[@]}"
	exit 1
fi
echo "probe_bench: every port within $limit times its fewest round trips"

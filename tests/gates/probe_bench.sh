#!/usr/bin/env bash
# probe_bench.sh - how long a probe takes against the lab of tests/lab/lab.sh
# (Dovecot and OpenSMTPD on loopback, in a network namespace of its own),
# in wall-clock milliseconds, next to nmap -sV on the same ports; and how
# long discovery takes against dnsmasq there.  Then, given the delay proxy,
# how many round trips the probe spends on each kind of port, and
# discovery on a domain that serves its own configuration over HTTP and on
# one that publishes only SRV records.
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
#
# The discovery table.  A dnsmasq of its own on 127.0.0.1 port 5300 (the
# lab's holds port 53) and a web server on 127.0.0.1 port 80 (nginx, or
# Python's http.server where nginx is missing) stand behind the proxy,
# which relays UDP and TCP on 127.0.0.2 port 53 to the first and TCP on
# 127.0.0.2 port 80 to the second; discovery asks 127.0.0.2 as its name
# server.  bench-auto.test has an address for autoconfig.bench-auto.test,
# the proxy's, which serves its clientConfig file, and no other name;
# bench-dns.test has SRV records and no address for
# autoconfig.bench-dns.test nor for itself.  A datagram crosses the proxy
# in half an RTT, either way, so, counted from the start:
#   the one batch of DNS questions   1 RTT (all of them at once)
#   connect to the autoconfig host   1 RTT
#   the GET and the file             1 RTT
# and the fewest round trips are 3 with autoconfig and 1 without HTTP.
# The HTTP client sends its request as soon as connect() returns, which
# through the proxy is at once: the proxy reads the request then, holds it
# until it has connected to the server 1.5 RTT later, and hands the answer,
# sent at once, back half an RTT after that, 2 RTT after connect(), with
# the end of the stream (Connection: close) behind it.  On a real path
# connect() returns after 1 RTT, the request lands half an RTT later and
# the answer half an RTT after that: the same 2.  Rows and FAIL lines as
# the probe's; a discovery whose answer does not come from the source
# served (autoconfig, srv) is a FAIL too, whatever its time.
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
cleanup() {
	local pid
	lab_stop
	for pid in ${proxy_pid:-} ${web_pid:-} ${dns_pid:-}; do
		kill "$pid" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
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
row "mailports --discover full.test (21 DNS questions)" \
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

# start_proxy LIFETIME GROUP...: the delay proxy, alive for LIFETIME
# seconds at most, relaying each group; false if it did not start.
start_proxy() {
	local lifetime=$1
	shift
	"$proxy" -l "$lifetime" $((rtt / 2)) "$@" >"$tmp/proxy.out" 2>"$tmp/proxy.err" &
	proxy_pid=$!
	for _ in $(seq 50); do
		grep -qx ready "$tmp/proxy.out" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "probe_bench: the delay proxy did not start: $(cat "$tmp/proxy.err")" >&2
	return 1
}

stop_proxy() {
	kill "$proxy_pid" 2>/dev/null
	wait "$proxy_pid" 2>/dev/null
	proxy_pid=
}

# judge WHAT MS TRIPS: a FAIL line in fails if MS is not within the limit
# of TRIPS round trips; WHAT names the case in it.
judge() {
	local verdict
	verdict=$(awk -v l="$1" -v m="$2" -v t="$3" -v r="$rtt" -v max="$limit" 'BEGIN {
		ratio = m / (t * r)
		if (ratio > max)
			printf "FAIL: %s takes %.2f times %d round trips, over the limit of %s", l, ratio, t, max
		else if (ratio < 0.95)
			printf "FAIL: %s takes %.2f times %d round trips: the path is faster than it should be", l, ratio, t
	}')
	[ -z "$verdict" ] || fails+=("$verdict")
}

set --
while read -r port _; do
	set -- "$@" 127.0.0.2 "$port" 127.0.0.1 "$port"
done <<<"$modes"
# Alive long enough for every run, at six round trips each at most.
start_proxy $((60 + 8 * runs * 6 * rtt / 1000)) "$@" || exit 1

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
	judge "$label on port $port" "$best" "$trips"
done <<<"$modes"
stop_proxy

# The discovery table's servers: a name server and a web server.
mkdir -p "$tmp/www/mail"
cat >"$tmp/www/mail/config-v1.1.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="bench-auto.test">
    <domain>bench-auto.test</domain>
    <displayName>The benchmark's own domain</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.%EMAILDOMAIN%</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
EOF
# The web server's workers run as nobody.
chmod -R a+rX "$tmp/www"
# local=/test/: every other name of the two domains is NXDOMAIN, not
# REFUSED, as a domain's own name server answers.
dnsmasq --no-daemon --port 5300 --listen-address 127.0.0.1 \
	--bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null \
	--user=nobody --pid-file="$tmp/bench-dns.pid" --local=/test/ \
	--host-record=autoconfig.bench-auto.test,127.0.0.2 \
	--srv-host=_imaps._tcp.bench-dns.test,mail.bench-dns.test,993,0,1 \
	--srv-host=_submissions._tcp.bench-dns.test,mail.bench-dns.test,465,0,1 \
	--host-record=mail.bench-dns.test,127.0.0.1 \
	>"$tmp/bench-dns.log" 2>&1 &
dns_pid=$!
if command -v nginx >/dev/null; then
	web=nginx
	web_errors=$tmp/nginx/error.log
	mkdir -p "$tmp/nginx"
	cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $web_errors;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { application/xml xml; }
	server {
		listen 127.0.0.1:80;
		root $tmp/www;
	}
}
EOF
	nginx -p "$tmp/nginx" -e "$web_errors" \
		-c "$tmp/nginx/nginx.conf" >"$tmp/web.log" 2>&1 &
else
	web='python3 -m http.server'
	web_errors=
	python3 -m http.server --bind 127.0.0.1 80 --directory "$tmp/www" \
		>"$tmp/web.log" 2>&1 &
fi
web_pid=$!
listening() {
	ss -lun 2>/dev/null | grep -q '127.0.0.1:5300 ' &&
		ss -ltn 2>/dev/null | grep -q '127.0.0.1:80 '
}
for _ in $(seq 50); do
	listening && break
	sleep 0.1
done
if ! listening; then
	echo "probe_bench: dnsmasq or $web did not start:" >&2
	tail -n 5 "$tmp/bench-dns.log" "$tmp/web.log" \
		${web_errors:+"$web_errors"} >&2
	exit 1
fi
# DNS over TCP too, should an answer not fit in a datagram.
start_proxy $((60 + runs * 4 * rtt / 1000)) udp:127.0.0.2 53 127.0.0.1 5300 \
	127.0.0.2 53 127.0.0.1 5300 127.0.0.2 80 127.0.0.1 80 || exit 1

# ADDRESS TRIPS SOURCE LABEL, one discovery a line.
discoveries="alice@bench-auto.test 3 autoconfig autoconfig over HTTP
alice@bench-dns.test 1 srv SRV records, no HTTP"

echo
printf 'discovery round trips at %d ms RTT through the proxy, HTTP by %s (best of %d); limit: %s\n' \
	"$rtt" "$web" "$runs" "$limit"
printf '%-44s %8s %6s %9s %6s\n' 'mailports --discover' measured trips \
	'trips*RTT' ratio
while read -r address trips source label; do
	best=
	for _ in $(seq "$runs"); do
		start=$(date +%s%N)
		timeout 30 "$bin" --tsv --dns-server 127.0.0.2 \
			--discover "$address" </dev/null >"$tmp/rtt.out" \
			2>"$tmp/rtt.err"
		end=$(date +%s%N)
		ms=$(((end - start) / 1000000))
		# The sources of the settings, from the column so named.
		got=$(awk -F '\t' 'NR == 1 {
				for (i = 1; i <= NF; i++) if ($i == "source") c = i
				next
			} c && !seen[$c]++ { printf "%s%s", n++ ? "," : "", $c }' \
			"$tmp/rtt.out")
		case ,$got, in
		*,"$source",*) ;;
		*)
			err=$(head -n 1 "$tmp/rtt.err")
			fails+=("FAIL: --discover $address: ${got:+settings from }${got:-no setting}, none from $source${err:+ ($err)}")
			best=
			break
			;;
		esac
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
	done
	[ -n "$best" ] || continue
	awk -v l="$address ($label)" -v m="$best" -v t="$trips" -v r="$rtt" \
		'BEGIN { printf "%-44s %5d ms %6d %6d ms %6.2f\n", l, m, t, t * r, m / (t * r) }'
	judge "--discover $address ($label)" "$best" "$trips"
done <<<"$discoveries"
stop_proxy

if [ ${#fails[@]} -gt 0 ]; then
	printf '%s\n' "${fails[@]}"
	exit 1
fi
echo "probe_bench: every port within $limit times its fewest round trips"
echo "probe_bench: every discovery within $limit times its fewest round trips"

# shellcheck shell=bash disable=SC2034
# (the variables set here are the sourcing script's to read)
# batch_net.sh - the network of the tests of many domains in one run,
# sourced by tests/lab/batch_lab.sh and tests/gates/batch_bench.sh, which
# run in a network namespace of their own (lab_enter of lab.sh).
#
# N test domains, d00001.test to dNNNNN.test, their kind by their number
# modulo 10:
#   0  autoconfig: autoconfig.D has an address of its own in 127.64.0.0/10
#      (one a domain, as hosters give each customer a name and many share
#      an address: the client's cap of connections to one address is not
#      what is measured), where nginx serves a clientConfig file of
#      imap.D port 993 and smtp.D port 465
#   1  its MX is aspmx.l.google.com: Google's settings, from the table
#   2  only mail.D has an address: a guess
#   3-9 SRV records, _imaps._tcp.D (imap.D port 993) and
#      _submission._tcp.D (smtp.D port 587), an MX of its own (mx.D) and
#      addresses for imap.D and smtp.D
# A discovery asks every question at once, so it takes one round trip,
# and three where autoconfig.D has an address (the questions, the
# connection, the request).
#
# tests/helpers/name_server.c answers the zone on 127.0.0.1 port 5300
# (dnsmasq walks its lists of MX and SRV records on every question and
# answers about a thousand a second with ten thousand domains); nginx
# serves the file on 127.0.0.1 port 80; tests/helpers/delay_proxy.c
# stands on 127.0.0.2, relaying port 53 (UDP and TCP) to the name server
# and port 80 to nginx at a round trip of BATCH_RTT ms; nftables sends
# every connection to port 80 of 127.64.0.0/10 to 127.0.0.2 (slow) or
# straight to nginx (fast).
#
#   batch_start DIR NAME_SERVER DELAY_PROXY N   starts it all, in DIR
#   batch_path slow|fast          where the autoconfig hosts lead
#   batch_stop                    stops it all
#   batch_list N [TIMES]          the domains, one a line, TIMES over
#   batch_trips N                 the round trips N domains take in all
#   batch_dropped                 datagrams the kernel has dropped
#   batch_run LIST OUT SECONDS ARGS...  runs the command ARGS on LIST, for
#                                 at most SECONDS, its output in OUT and
#                                 OUT.err; sets took (ms), rss (its peak
#                                 resident set, KiB) and status
# The name server for mailports is 127.0.0.2 (slow) or 127.0.0.1:5300
# (fast), in batch_slow and batch_fast.

BATCH_RTT=${BATCH_RTT:-50}
batch_slow=127.0.0.2
batch_fast=127.0.0.1:5300

batch_zone() {
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++) {
			d = sprintf("d%05d.test", i)
			k = i % 10
			if (k == 0) {
				printf "autoconfig.%s A 127.%d.%d.%d\n", d,
				    64 + int(i / 65536), int(i / 256) % 256, i % 256
			} else if (k == 1) {
				printf "%s MX 10 aspmx.l.google.com\n", d
			} else if (k == 2) {
				printf "mail.%s A 127.0.0.1\n", d
			} else {
				printf "_imaps._tcp.%s SRV 0 1 993 imap.%s\n", d, d
				printf "_submission._tcp.%s SRV 0 1 587 smtp.%s\n", d, d
				printf "%s MX 10 mx.%s\n", d, d
				printf "imap.%s A 127.0.0.1\n", d
				printf "smtp.%s A 127.0.0.1\n", d
			}
		}
	}'
}

batch_list() {
	awk -v n="$1" -v times="${2:-1}" 'BEGIN {
		for (t = 0; t < times; t++)
			for (i = 1; i <= n; i++)
				printf "d%05d.test\n", i
	}'
}

batch_trips() {
	echo $(($1 + 2 * ($1 / 10)))
}

# The RcvbufErrors of UDP in this namespace: datagrams that found their
# socket's buffer full.
batch_dropped() {
	awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $6 }' /proc/net/snmp
}

batch_start() {
	local dir=$1 server=$2 proxy=$3 n=$4 lifetime=3600 port
	ip link set lo up
	batch_zone "$n" >"$dir/zone"
	"$server" -l "$lifetime" -p 5300 "$dir/zone" >"$dir/ns.out" \
		2>"$dir/ns.err" &
	batch_ns=$!
	mkdir -p "$dir/www/mail" "$dir/nginx"
	cat >"$dir/www/mail/config-v1.1.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="%EMAILDOMAIN%">
    <domain>%EMAILDOMAIN%</domain>
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
	# nginx's workers run as nobody.
	chmod -R a+rX "$dir/www"
	chmod 755 "$dir"
	cat >"$dir/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $dir/nginx/body;
	proxy_temp_path $dir/nginx/proxy;
	fastcgi_temp_path $dir/nginx/fastcgi;
	uwsgi_temp_path $dir/nginx/uwsgi;
	scgi_temp_path $dir/nginx/scgi;
	types { application/xml xml; }
	server {
		listen 127.0.0.1:80 backlog=4096;
		root $dir/www;
	}
}
EOF
	nginx -p "$dir/nginx" -e "$dir/nginx/error.log" \
		-c "$dir/nginx/nginx.conf" >"$dir/nginx.out" 2>&1 &
	batch_nginx=$!
	"$proxy" -l "$lifetime" $((BATCH_RTT / 2)) \
		udp:127.0.0.2 53 127.0.0.1 5300 127.0.0.2 53 127.0.0.1 5300 \
		127.0.0.2 80 127.0.0.1 80 >"$dir/proxy.out" 2>"$dir/proxy.err" &
	batch_proxy=$!
	for _ in $(seq 100); do
		port=$(cat "$dir/ns.out" 2>/dev/null)
		[ "$port" = 5300 ] && grep -qx ready "$dir/proxy.out" &&
			ss -ltn 2>/dev/null | grep -q '127.0.0.1:80 ' && break
		sleep 0.1
	done
	if [ "$port" != 5300 ] || ! grep -qx ready "$dir/proxy.out" ||
		! ss -ltn 2>/dev/null | grep -q '127.0.0.1:80 '; then
		echo "lab: the name server, the proxy or nginx did not start:" >&2
		tail -n 3 "$dir/ns.err" "$dir/proxy.err" "$dir/nginx.out" \
			"$dir/nginx/error.log" >&2 2>/dev/null
		return 1
	fi
	nft add table ip batch &&
		nft 'add chain ip batch out { type nat hook output priority -100; }' &&
		batch_path slow
}

batch_path() {
	local to=127.0.0.2
	[ "$1" = fast ] && to=127.0.0.1
	nft flush chain ip batch out &&
		nft add rule ip batch out ip daddr 127.64.0.0/10 tcp dport 80 \
			dnat to "$to:80"
}

batch_stop() {
	local pid
	for pid in ${batch_proxy:-} ${batch_nginx:-} ${batch_ns:-}; do
		kill "$pid" 2>/dev/null
	done
	wait 2>/dev/null
}

# time inside timeout: what it measures is the command's, not timeout's.
batch_run() {
	local list=$1 out=$2 seconds=$3 start
	shift 3
	start=${EPOCHREALTIME/./}
	timeout "$seconds" /usr/bin/time -f %M -o "$out.rss" "$@" <"$list" \
		>"$out" 2>"$out.err"
	status=$?
	took=$(((${EPOCHREALTIME/./} - start) / 1000))
	# Nothing when the command was killed.
	rss=$(tail -n 1 "$out.rss" 2>/dev/null | grep -x '[0-9][0-9]*')
}

# batch_verify LIST OUT: what is wrong with OUT, the JSON lines of
# --discover - --json on LIST, at most five lines of it; nothing when
# there is one valid JSON object a line of input, in input order, its
# "input" the line, its settings those its domain's kind serves.
batch_verify() {
	python3 - "$1" "$2" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "rb") as f:
    out = f.read().split(b"\n")
if out and out[-1] == b"":
    out.pop()
else:
    print("the output does not end with a newline")
bad = []
if len(out) != len(lines):
    bad.append("%d lines in, %d out" % (len(lines), len(out)))

def want(domain):
    n = int(domain[1:6])
    k = n % 10
    if k == 0:
        return {("imap", "imap." + domain, 993, "implicit", "autoconfig"),
                ("smtp", "smtp." + domain, 465, "implicit", "autoconfig")}, True
    if k == 1:
        return {("imap", "imap.gmail.com", 993, "implicit", "mx")}, False
    if k == 2:
        return {("imap", "mail." + domain, 993, "implicit", "guess")}, False
    return {("imap", "imap." + domain, 993, "implicit", "srv"),
            ("smtp", "smtp." + domain, 587, "starttls", "srv")}, True

for i, (line, raw) in enumerate(zip(lines, out), 1):
    try:
        d = json.loads(raw.decode("utf-8"))
    except Exception as e:
        bad.append("line %d is not JSON (%s): %r" % (i, e, raw[:200]))
        continue
    if d.get("input") != line:
        bad.append("line %d: input %r, wanted %r" % (i, d.get("input"), line))
        continue
    domain = line.split("@")[-1]
    if d.get("domain") != domain:
        bad.append("line %d: domain %r, wanted %r" % (i, d.get("domain"), domain))
        continue
    got = {(s.get("protocol"), s.get("host"), s.get("port"), s.get("tls"),
            s.get("source")) for s in d.get("settings") or []}
    w, exact = want(domain)
    if (got != w) if exact else not w <= got:
        bad.append("line %d (%s): settings %s, wanted %s%s" % (
            i, line, sorted(got), "" if exact else "at least ", sorted(w)))
for b in bad[:5]:
    print(b)
if len(bad) > 5:
    print("... and %d more" % (len(bad) - 5))
PY
}

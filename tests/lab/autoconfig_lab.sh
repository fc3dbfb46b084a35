#!/usr/bin/env bash
# autoconfig_lab.sh - discovery of a domain's own autoconfig file against
# a real web server: nginx (its configuration tests/autoconfig/nginx.conf.in,
# one server block a host name) and dnsmasq, both on loopback in a network
# namespace of their own, started and stopped here.  Each case's answer is
# compared with the one Thunderbird's account wizard picks, and why, in a
# comment before it; then hostile files and hostile HTTP answers, each of
# which must give a step that says why, no setting, no hang and no raw
# control byte.
#
# Thunderbird's order, as its account setup modules have it
# (mozilla/releases-comm-central, mail/components/accountcreation/modules/):
# - FindConfig.sys.mjs, parallelAutoDiscovery: the lookups fromDisk,
#   fromISP, fromDB and forMX start at once, "in order of importance", and
#   the highest-priority one that succeeds wins, the others cancelled.
#   Exchange AutoDiscover (ExchangeAutoDiscover.sys.mjs) runs beside them,
#   outside that order: it adds an Exchange alternative, or answers alone
#   when they all fail.
# - FetchConfig.sys.mjs, fromISP: the URLs in decreasing priority are
#   https://autoconfig.D/mail/config-v1.1.xml,
#   https://D/.well-known/autoconfig/mail/config-v1.1.xml, then the same
#   two over plain http (unless the preference sslOnly is set), all
#   fetched at once, each with the query ?emailaddress=ADDRESS, through
#   XMLHttpRequest (FetchHTTP.sys.mjs: redirects followed, 5 s timeout);
#   the first in that order that gives a file wins.
# - FetchConfig.sys.mjs, forMX: the most preferred MX host; its base
#   domain (the registrable domain, by the public suffix list) and, when
#   different, the name one label longer, each looked up (the longer
#   first) in the online ISP database and at its own autoconfig over
#   HTTPS; nothing when the base domain is the address's own domain.
# - readFromXML.sys.mjs: a file needs a <domain>, a usable incoming and a
#   usable outgoing server; each server's hostname is checked (a host name
#   or a placeholder), its port must be 1 to 65535, its socketType SSL,
#   STARTTLS or plain; the first usable server of each kind is the
#   setting, the others alternatives.  AccountConfig.sys.mjs fills in
#   %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% in user and host
#   names afterwards.
# - The guesser (GuessConfig.sys.mjs) runs only when all the above found
#   nothing: incoming host names imap.D, pop3.D, pop.D, mail.D, D and
#   outgoing smtp.D, mail.D, D, tried in parallel; a secure connection
#   before a plain one, IMAP before POP3, SSL/TLS before STARTTLS, then
#   the names' order.
# mailports has the provider table where Thunderbird has its ISP database,
# reads SRV records (RFC 6186, RFC 8314) where Thunderbird reads none, and
# fetches plain HTTP only, having no TLS library.
#
# Usage: tests/lab/autoconfig_lab.sh ./mailports
set -u

bin=${1:?usage: autoconfig_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
files=$here/../autoconfig
. "$here/../helpers/lib.sh"
. "$here/lab.sh"
if [ -z "${MAILPORTS_LAB:-}" ] && [ "$(id -u)" -eq 0 ]; then
	if ! command -v nginx >/dev/null; then
		skip "$(basename "$0")" "nginx is missing (make deps)"
		summary
		exit 0
	fi
	for tool in dnsmasq python3; do
		command -v "$tool" >/dev/null ||
			{ echo "lab: $tool is missing (make deps)" >&2; exit 1; }
	done
fi
lab_enter "$0" "$@"

# The lab's directory is read by nginx's workers, which run as nobody.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-autoconfig.XXXXXX") || exit 1
chmod 755 "$tmp"
ac_dnsmasq=
ac_nginx=
ac_stop() {
	[ -n "$ac_nginx" ] && kill "$ac_nginx" 2>/dev/null
	[ -n "$ac_dnsmasq" ] && kill "$ac_dnsmasq" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap ac_stop EXIT

ip link set lo up
v6=
ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1/' && v6=1

# ac_files: the files nginx serves, in $tmp/www: those of tests/autoconfig/
# and those made here, which hold what a file in a repository should not
# (raw control bytes, invalid UTF-8) or is too big to keep.
ac_files() {
	local www=$tmp/www
	mkdir -p "$www"
	cp "$files"/*.xml "$www/" || return 1
	# A valid start, then what breaks it.
	local head='<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="NAME.test">
    <domain>NAME.test</domain>'
	local server='    <incomingServer type="imap">
      <hostname>HOST</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>'
	local tail='  </emailProvider>
</clientConfig>'
	# Elements nested 1,000 deep inside a server.
	{
		printf '%s\n' "${head//NAME/deep}"
		for _ in $(seq 1000); do printf '<x>'; done
		for _ in $(seq 1000); do printf '</x>'; done
		printf '\n%s\n%s\n' "${server//HOST/mail.deep.test}" "$tail"
	} >"$www/deep.test.xml"
	# Bytes that are no UTF-8 (a lone continuation byte, an overlong
	# form) in a host name.
	{
		printf '%s\n' "${head//NAME/utf8}"
		printf '%s\n%s\n' "${server//HOST/mail.utf8.test$'\x80'$'\xc0'$'\xaf'}" "$tail"
	} >"$www/utf8.test.xml"
	# An escape sequence (ESC [ 2 J clears a terminal) and a bell in a
	# host name.
	{
		printf '%s\n' "${head//NAME/ctrl}"
		printf '%s\n%s\n' "${server//HOST/mail$'\x1b'[2J$'\x07'.ctrl.test}" "$tail"
	} >"$www/ctrl.test.xml"
	# 10,000 server elements, within the 256 KiB a body may have: none has
	# a host name, so none is a setting, yet each must be counted.
	{
		printf '%s\n' "${head//NAME/many}"
		for _ in $(seq 10000); do printf '<incomingServer/>\n'; done
		printf '%s\n' "$tail"
	} >"$www/many.test.xml"
	# 10 MiB: a valid file, then a comment that does not end.
	{
		printf '%s\n%s\n<!-- ' "${head//NAME/big}" "${server//HOST/mail.big.test}"
		head -c $((10 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
	} >"$www/big.test.xml"
	# 2 KB, valid, for the drip.
	{
		printf '%s\n%s\n' "${head//NAME/drip}" "${server//HOST/mail.drip.test}"
		for _ in $(seq 20); do
			printf '    <!-- %090d -->\n' 0
		done
		printf '%s\n' "$tail"
	} >"$www/drip.test.xml"
	chmod 755 "$www" && chmod 644 "$www"/*
}

# ac_web: nginx, with the configuration of tests/autoconfig/nginx.conf.in,
# checked with nginx -t first; its error log is the lab's from the start.
ac_web() {
	{
		echo 'listen 127.0.0.1:80;'
		[ -n "$v6" ] && echo 'listen [::1]:80;'
	} >"$tmp/listen.conf"
	sed -e "s|@TMP@|$tmp|g" -e "s|@WWW@|$tmp/www|g" \
		"$files/nginx.conf.in" >"$tmp/nginx.conf" || return 1
	nginx -t -q -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" ||
		{ echo "lab: nginx refuses its configuration" >&2; return 1; }
	nginx -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
	ac_nginx=$!
	for _ in $(seq 50); do
		ss -ltn 2>/dev/null | grep -q '127.0.0.1:80 ' && return 0
		kill -0 "$ac_nginx" 2>/dev/null || break
		sleep 0.1
	done
	echo "lab: nginx did not start:" >&2
	tail -n 5 "$tmp/nginx-error.log" >&2
	return 1
}

# ac_host NAME ADDRESS: a dnsmasq option giving NAME the address, and ::1
# too when the namespace has it and the address is 127.0.0.1.
ac_host() {
	if [ -n "$v6" ] && [ "$2" = 127.0.0.1 ]; then
		echo "--host-record=$1,$2,::1"
	else
		echo "--host-record=$1,$2"
	fi
}

# ac_dns: dnsmasq on port 53 of 127.0.0.1, authoritative for .test (a
# name it does not hold is answered NXDOMAIN, as a real zone's would be).
ac_dns() {
	local name args=()
	for name in autoconfig.ac.test wk.test autoconfig.two.test two.test \
		autoconfig.both.test \
		mail.both.test autoconfig.https.test autoconfig.ph.test \
		imap.guessonly.test smtp.guessonly.test mail.guessonly.test; do
		args+=("$(ac_host "$name" 127.0.0.1)")
	done
	for name in entity doctype deep utf8 ctrl many iplit tdot port big \
		drip loop nf; do
		args+=("$(ac_host "autoconfig.$name.test" 127.0.0.1)")
	done
	args+=("$(ac_host autoconfig.refused.test 127.0.0.3)")
	dnsmasq --no-daemon --port 53 --listen-address 127.0.0.1 \
		--bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null \
		--user=nobody --pid-file="$tmp/dnsmasq.pid" --local=/test/ \
		--srv-host=_submission._tcp.both.test,mail.both.test,587,0,1 \
		--mx-host=mxhosted.test,mx01.mail.icloud.com,10 \
		--mx-host=mxposteo.test,mx01.posteo.de,10 \
		--srv-host=_imaps._tcp.https.test,mail.https.test,993,0,1 \
		--srv-host=_submissions._tcp.https.test,mail.https.test,465,0,1 \
		"${args[@]}" >"$tmp/dnsmasq.log" 2>&1 &
	ac_dnsmasq=$!
	lab_dns_ready
}

ac_files || { echo "lab: could not write the files served" >&2; exit 1; }
ac_dns || exit 1
ac_web || exit 1
# The system's resolver, in this mount namespace, asks dnsmasq: for
# python3's own fetches, which check the lab before the program is tried.
printf 'nameserver 127.0.0.1\n' >"$tmp/resolv.conf"
mount --bind "$tmp/resolv.conf" /etc/resolv.conf ||
	{ echo "lab: no resolv.conf of its own" >&2; exit 1; }

# The queries on the program's JSON, in python3 (one of the test
# dependencies), which also refuses a document that is not JSON or not
# UTF-8:
#   found SOURCE QUERY       the found of that step, or "(no step)"
#   sources                  the sources of the steps, one a line
#   steps                    each step as "source query: found"
#   other P HOST PORT TLS SOURCE    "yes" if "others" holds that setting
#   taken SOURCE             how many settings and others have that source
#   authenticated            the settings' authenticated values
cat >"$tmp/q.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
op, a = sys.argv[2], sys.argv[3:]
steps = d.get("steps") or []
every = (d.get("settings") or []) + (d.get("others") or [])
if op == "found":
    print(next((s.get("found") for s in steps
                if s.get("source") == a[0] and s.get("query") == a[1]),
               "(no step)"))
elif op == "sources":
    for s in steps:
        print(s.get("source"))
elif op == "steps":
    for s in steps:
        print("%s %s: %s" % (s.get("source"), s.get("query"), s.get("found")))
elif op == "other":
    print("yes" if any(o.get("protocol") == a[0] and o.get("host") == a[1]
                       and str(o.get("port")) == a[2] and o.get("tls") == a[3]
                       and o.get("source") == a[4]
                       for o in d.get("others") or []) else "no")
elif op == "taken":
    print(sum(1 for s in every if s.get("source") == a[0]))
elif op == "authenticated":
    for s in d.get("settings") or []:
        print(json.dumps(s.get("authenticated")))
EOF

# ac_discover ADDRESS: discovery of ADDRESS through dnsmasq, as TSV in
# $tmp/out and as JSON in $tmp/json, with its status and, in elapsed, the
# longer of the two runs' times in milliseconds.
ac_discover() {
	local start took error
	start=${EPOCHREALTIME/./}
	timeout 15 "$bin" --tsv --timeout 2 --dns-server 127.0.0.1 \
		--discover "$1" >"$tmp/out" 2>"$tmp/err"
	status=$?
	elapsed=$(((${EPOCHREALTIME/./} - start) / 1000))
	start=${EPOCHREALTIME/./}
	timeout 15 "$bin" --json --timeout 2 --dns-server 127.0.0.1 \
		--discover "$1" >"$tmp/json" 2>"$tmp/jerr"
	jstatus=$?
	took=$(((${EPOCHREALTIME/./} - start) / 1000))
	[ "$took" -gt "$elapsed" ] && elapsed=$took
	[ "$status" = "$jstatus" ] ||
		problem "TSV exits $status, JSON $jstatus: $(cat "$tmp/jerr")"
	error=$(python3 "$tmp/q.py" "$tmp/json" sources 2>&1 >/dev/null | tail -n 1)
	[ -z "$error" ] || problem "the JSON does not read: $error"
}
ac_q() { python3 "$tmp/q.py" "$tmp/json" "$@" 2>&1; }
# The settings: protocol, host, port, tls, username, source and via.
ac_rows() { tail -n +2 "$tmp/out" | cut -f 1-7 | tr '\t' ' '; }
# The autoconfig URLs of alice@DOMAIN, as the program asks them.
ac_url1() { echo "http://autoconfig.$1/mail/config-v1.1.xml?emailaddress=alice%40$1"; }
ac_url2() { echo "http://$1/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice%40$1"; }
# ac_clean FILE...: a problem if a file holds a control byte other than
# tab and newline, or bytes that are not UTF-8: the program must escape
# what a server sent.
ac_clean() {
	local f
	for f in "$@"; do
		LC_ALL=C tr -d '\t\n' <"$f" | LC_ALL=C grep -q '[[:cntrl:]]' &&
			problem "a raw control byte in $(basename "$f"): $(head -c 300 "$f" | od -c | head -5)"
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 ||
			problem "$(basename "$f") is not UTF-8"
	done
}
# ac_steps: what the steps said, for a problem's text.
ac_steps() { ac_q steps | head -20 | tr '\n' ';'; }

# ac_get URL: what python3's HTTP client gets at URL, without following
# a redirect: "STATUS LOCATION LENGTH", or the exception's name.
ac_get() {
	python3 - "$1" <<'EOF' 2>&1
import http.client, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
try:
    c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=5)
    c.request("GET", u.path + ("?" + u.query if u.query else ""))
    r = c.getresponse()
    print(r.status, r.getheader("Location") or "-", len(r.read()))
except Exception as e:
    print(type(e).__name__)
EOF
}

# The lab itself first: the names resolve through dnsmasq and nginx
# serves each file, redirect and error as set up.
for pair in "$(ac_url1 ac.test) ac.test.xml" "$(ac_url2 wk.test) wk.test.xml" \
	"$(ac_url1 two.test) ac.test.xml" "$(ac_url2 two.test) wk.test.xml" \
	"$(ac_url1 both.test) both.test.xml" "$(ac_url1 ph.test) ph.test.xml" \
	"$(ac_url1 entity.test) entity.test.xml" "$(ac_url1 many.test) many.test.xml" \
	"$(ac_url1 big.test) big.test.xml"; do
	url=${pair% *}
	want="200 - $(wc -c <"$tmp/www/${pair#* }")"
	got=$(ac_get "$url")
	[ "$got" = "$want" ] || problem "$url: $got, wanted $want"
done
case $(ac_get "$(ac_url1 https.test)") in
"301 https://autoconfig.https.test/mail/config-v1.1.xml?emailaddress=alice%40https.test "*) ;;
*) problem "https: $(ac_get "$(ac_url1 https.test)")" ;;
esac
case $(ac_get "$(ac_url1 loop.test)") in
"302 http://autoconfig.loop.test/mail/config-v1.1.xml?emailaddress=alice%40loop.test "*) ;;
*) problem "loop: $(ac_get "$(ac_url1 loop.test)")" ;;
esac
case $(ac_get "$(ac_url1 nf.test)") in "404 - "*) ;; *) problem "404: $(ac_get "$(ac_url1 nf.test)")" ;; esac
[ "$(ac_get "$(ac_url1 refused.test)")" = ConnectionRefusedError ] ||
	problem "refused: $(ac_get "$(ac_url1 refused.test)")"
[ "$(ac_get "$(ac_url1 none.test)")" = gaierror ] ||
	problem "none.test resolves: $(ac_get "$(ac_url1 none.test)")"
[ "$(ac_get "$(ac_url1 wk.test)")" = gaierror ] ||
	problem "autoconfig.wk.test resolves: $(ac_get "$(ac_url1 wk.test)")"
try "the lab serves each case's file, redirect and error (python3's client)"

# 1. The file at autoconfig.D alone.  Thunderbird: fromISP's plain-HTTP
# autoconfig URL is the only one that answers (the HTTPS ones find no TLS
# server, .well-known no address), no ISP database entry and no MX; so
# the file, its first IMAP server as the setting and the rest as
# alternatives.  mailports: every server of the file, in its order, with
# the URL it came from; not authenticated (plain HTTP).
ac_discover alice@ac.test
url=$(ac_url1 ac.test)
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(head -n 1 "$tmp/out")" = "$(printf 'protocol\thost\tport\ttls\tusername\tsource\tvia\tverified\tcert_findings\tmatched\tinstead_of\tauthenticated\tusername_template')" ] ||
	problem "header: $(head -n 1 "$tmp/out")"
[ "$(ac_rows)" = "imap mail.ac.test 993 implicit address autoconfig $url
imap mail.ac.test 143 starttls address autoconfig $url
pop3 mail.ac.test 995 implicit address autoconfig $url
smtp mail.ac.test 465 implicit address autoconfig $url
smtp mail.ac.test 587 starttls address autoconfig $url" ] ||
	problem "settings: $(ac_rows)"
[ "$(tail -n +2 "$tmp/out" | cut -f 12 | sort -u)" = no ] ||
	problem "authenticated: $(tail -n +2 "$tmp/out" | cut -f 12)"
[ "$(ac_q authenticated | sort -u)" = false ] ||
	problem "JSON authenticated: $(ac_q authenticated)"
case $(ac_q found autoconfig "$url") in
*5\ server*) ;;
*) problem "step: $(ac_steps)" ;;
esac
grep -q '^autoconfig.ac.test "GET /mail/config-v1.1.xml?emailaddress=alice%40ac.test HTTP/1.1" 200 "mailports/[^"]*" "close"$' \
	"$tmp/nginx-access.log" ||
	problem "request: $(grep '^autoconfig.ac.test ' "$tmp/nginx-access.log" | tail -n 2)"
try "1. autoconfig.D alone: its file's settings, not authenticated"

# 2. The file at D/.well-known alone.  Thunderbird: fromISP's last URL,
# http://D/.well-known/..., is the one that answers; D itself is also a
# name the guesser would try, but the guesser runs only when nothing
# else answered.  mailports: the file's settings, the well-known URL in
# via; the guess of wk.test is among the others.
ac_discover alice@wk.test
url=$(ac_url2 wk.test)
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows)" = "imap imap.mailhost.test 993 implicit address autoconfig $url
smtp smtp.mailhost.test 587 starttls address autoconfig $url" ] ||
	problem "settings: $(ac_rows)"
[ "$(ac_q found autoconfig "$(ac_url1 wk.test)")" != "(no step)" ] ||
	problem "no step for autoconfig.wk.test: $(ac_steps)"
try "2. D/.well-known alone: its file's settings, via the well-known URL"

# Both URLs give a file.  Thunderbird ranks http://autoconfig.D above
# http://D/.well-known (FetchConfig's list "sorted by decreasing
# priority"): the first file.  mailports the same; the second URL's step
# still says what it found.
ac_discover alice@two.test
url=$(ac_url1 two.test)
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows | head -n 1)" = "imap mail.ac.test 993 implicit address autoconfig $url" ] ||
	problem "settings: $(ac_rows)"
ac_rows | grep -q mailhost && problem "the well-known file's settings: $(ac_rows)"
case $(ac_q found autoconfig "$(ac_url2 two.test)") in
"(no step)" | "") problem "no step for the well-known URL: $(ac_steps)" ;;
esac
try "2b. both URLs answer: autoconfig.D's file first"

# 3. The file says SMTP on 465 with TLS, SRV _submission._tcp says 587
# with STARTTLS.  Thunderbird reads no SRV record: the file.  mailports
# ranks the domain's own file above SRV too, and shows the SRV setting
# among the others and in its step, so the disagreement is not hidden.
ac_discover alice@both.test
url=$(ac_url1 both.test)
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows)" = "imap mail.both.test 993 implicit address autoconfig $url
smtp mail.both.test 465 implicit address autoconfig $url" ] ||
	problem "settings: $(ac_rows)"
[ "$(ac_q other smtp mail.both.test 587 starttls srv)" = yes ] ||
	problem "SRV's setting not among the others: $(head -c 1500 "$tmp/json")"
case $(ac_q found srv _submission._tcp.both.test) in
*mail.both.test*587*) ;;
*) problem "SRV step: $(ac_steps)" ;;
esac
try "3. autoconfig and SRV disagree: autoconfig wins, SRV's 587 is shown"

# 4. MX mx01.mail.icloud.com, a provider the table knows by its domain
# icloud.com alone (no MX row for it; data/providers.def).  Thunderbird:
# no autoconfig, so forMX: the base domain icloud.com and the name one
# label longer, mail.icloud.com, are looked up in the ISP database, whose
# me.com file lists icloud.com: iCloud's servers.  mailports walks the MX
# host down, mail.icloud.com then icloud.com, to the same provider.
ac_discover alice@mxhosted.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows)" = "imap imap.mail.me.com 993 implicit localpart mx mx01.mail.icloud.com
smtp smtp.mail.me.com 587 starttls address mx mx01.mail.icloud.com" ] ||
	problem "settings: $(ac_rows)"
try "4. an MX host under a provider's domain: the provider's settings"

# MX mx01.posteo.de: one label less is posteo.de, a domain of Posteo's
# addresses (DOMAIN row, no MX row).  Thunderbird: base domain posteo.de,
# the ISP database's posteo.de file.  mailports: Posteo's settings.
ac_discover alice@mxposteo.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows | head -n 1)" = "imap posteo.de 993 implicit address mx mx01.posteo.de" ] ||
	problem "settings: $(ac_rows)"
ac_rows | grep -qv ' mx mx01.posteo.de$' && problem "settings: $(ac_rows)"
try "4b. an MX host one label under a provider's domain"

# 5. autoconfig.D sends plain HTTP to HTTPS.  Thunderbird asks the HTTPS
# URL first anyway and, XMLHttpRequest following redirects, would read
# the file over HTTPS either way.  mailports has no TLS library: its step gives the
# HTTPS URL to fetch with curl, and the answer comes from the next source
# that found something, SRV.
ac_discover alice@https.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows)" = "imap mail.https.test 993 implicit address srv _imaps._tcp.https.test
smtp mail.https.test 465 implicit address srv _submissions._tcp.https.test" ] ||
	problem "settings: $(ac_rows)"
case $(ac_q found autoconfig "$(ac_url1 https.test)") in
*https://autoconfig.https.test/mail/config-v1.1.xml*curl*) ;;
*) problem "step: $(ac_steps)" ;;
esac
[ "$(ac_q taken autoconfig)" = 0 ] || problem "a setting from the redirect"
try "5. a redirect to HTTPS: the URL for curl, the answer from SRV"

# 6. Every placeholder.  Thunderbird keeps them from the file and fills
# them in (AccountConfig.replaceVariables) with the address: imap.ph.test,
# ph.test, smtp.ph.test; alice@ph.test, alice, alice.ph.test; and a user
# name of another form as it is written.  mailports gives the form's word,
# none for another.
ac_discover alice@ph.test
url=$(ac_url1 ph.test)
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows)" = "imap imap.ph.test 993 implicit address autoconfig $url
pop3 ph.test 995 implicit localpart autoconfig $url
smtp smtp.ph.test 465 implicit localpart.domain autoconfig $url
smtp smtp.ph.test 587 starttls none autoconfig $url" ] ||
	problem "settings: $(ac_rows)"
try "6. %EMAILDOMAIN% in host names, every user name form"

# 7. Only imap.D, mail.D and smtp.D resolve.  Thunderbird: no file, no
# database entry, no MX, so the guesser: imap.D first for incoming (IMAP,
# SSL/TLS on 993 before STARTTLS), smtp.D before mail.D for outgoing
# (SSL/TLS on 465 before STARTTLS on 587).  mailports without --verify
# reports each protocol's first name that resolves, in that order.
ac_discover alice@guessonly.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(ac_rows | head -n 1)" = "imap imap.guessonly.test 993 implicit address guess imap.guessonly.test" ] ||
	problem "settings: $(ac_rows)"
[ "$(ac_rows | grep -m 1 '^smtp ')" = "smtp smtp.guessonly.test 465 implicit address guess smtp.guessonly.test" ] ||
	problem "settings: $(ac_rows)"
ac_rows | grep -qv ' guess ' && problem "settings: $(ac_rows)"
[ "$(ac_rows | grep -c 'mail.guessonly.test')" = 2 ] ||
	problem "POP3 on mail.D, the first of its names: $(ac_rows)"
try "7. found only by the guesser: imap.D, smtp.D before mail.D"

# 8. Nothing at all.  Thunderbird: every lookup fails, the guesser finds
# no server, and the wizard asks for the settings by hand.  mailports:
# no settings, exit 1 (the manual's EXIT STATUS: "1 that none were"), and
# a step for every source, each saying why.
ac_discover alice@none.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/err")"
[ -z "$(ac_rows)" ] || problem "settings: $(ac_rows)"
for url in "$(ac_url1 none.test)" "$(ac_url2 none.test)"; do
	case $(ac_q found autoconfig "$url") in
	"(no step)" | "") problem "no step for $url: $(ac_steps)" ;;
	esac
done
for source in mx srv guess; do
	ac_q sources | grep -qx "$source" || problem "no $source step: $(ac_steps)"
done
ac_q steps | grep -q ': $' && problem "a step without a why: $(ac_steps)"
try "8. nothing: no settings, exit 1, every step says why"

# The hostile answers, each at autoconfig.NAME.test with nothing else in
# the domain: a step for the URL says why (the words it must hold, as an
# extended regular expression, case ignored), no setting comes from it,
# the program exits 1 within its timeout, and nothing it prints, as TSV,
# JSON or for people, holds a raw control byte.  Thunderbird's
# readFromXML refuses a port outside 1 to 65535 and a host name of other
# than letters, digits, hyphens and dots (Sanitizer.sys.mjs, and
# isLegalHostNameOrIP of mailnews/base/src/hostnameUtils.sys.mjs), but
# takes an IP address and a trailing dot; mailports takes neither, a
# setting naming a host that a certificate can match.  Thunderbird's
# fetch ends at its own timeout, 5 s.
hostile() {
	local name=$1 words=$2 why=$3 found
	ac_discover "alice@$name.test"
	timeout 15 "$bin" --timeout 2 --dns-server 127.0.0.1 \
		--discover "alice@$name.test" >"$tmp/human" 2>&1
	[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/err")"
	[ -z "$(ac_rows)" ] || problem "settings: $(ac_rows)"
	[ "$(ac_q taken autoconfig)" = 0 ] ||
		problem "a setting taken: $(head -c 600 "$tmp/json")"
	found=$(ac_q found autoconfig "$(ac_url1 "$name.test")")
	if [ "$found" = "(no step)" ] || ! printf '%s\n' "$found" | grep -qiE "$words"; then
		problem "step says '$found', wanted /$words/"
	fi
	[ "$elapsed" -lt 8000 ] || problem "took $elapsed ms with --timeout 2"
	ac_clean "$tmp/out" "$tmp/json" "$tmp/human" "$tmp/err" "$tmp/jerr"
	try "hostile: $why"
}
# The README's session, which has no times in it, exactly.
readme=$here/../../README.md
awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	awk '/^\$ mailports --dns-server 127.0.0.1 --discover alice@both.test$/ { on = 1; next }
		/^\$ / { on = 0 } on' >"$tmp/wanted"
[ -s "$tmp/wanted" ] || problem "no autoconfig session in the README"
timeout 30 "$bin" --dns-server 127.0.0.1 --discover alice@both.test \
	>"$tmp/got" 2>&1
diff "$tmp/wanted" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
try "the README's discovery session prints what it shows"

hostile entity 'entit|doctype|dtd' "entity definitions (a billion laughs)"
hostile doctype 'doctype|dtd|document type' "a DOCTYPE naming an external DTD"
hostile deep 'deep|nest|depth' "elements nested 1,000 deep"
hostile utf8 'utf-8|encoding' "bytes that are not UTF-8 in a host name"
hostile ctrl 'control|host ?name|not allowed' "an escape sequence in a host name"
hostile many 'server|host ?name' "10,000 server elements, none usable"
hostile iplit 'address|host ?name' "a host name that is an IP address"
hostile tdot 'dot|host ?name' "a host name with a trailing dot"
hostile port 'port|70000|range' "port 70000 (and 0)"
hostile big 'large|too|bytes|KiB|MiB' "a 10 MiB body"
hostile drip 'time|unfinished after' "a drip of one byte a second, ended by --timeout"
hostile loop 'redirect' "a redirect loop"
hostile nf '404' "HTTP 404"
hostile refused 'refused.*curl -sS .https:' "nothing listening on port 80 of the host's address"

summary

#!/usr/bin/env bash
# discover_lab.sh - discovery against a real name server: dnsmasq on
# 127.0.0.1 serves test domains (full SRV records, "." targets, only MX
# records pointing at a known provider, nothing at all, usual host names,
# answers too long for UDP; lab_dns of tests/lab/lab.sh), beside the mail lab,
# all in a network namespace of its own; a hostile server answers
# malformed.  The certificates are those of a test CA made here
# (tests/lab/certs.sh), which the probes trust through SSL_CERT_FILE:
# Dovecot presents, by SNI, one for each name discovery finds it by; and
# openssl s_server presents, on addresses of their own that a second
# dnsmasq names, certificates that match, that name another host, that
# name another host of the same provider, and that name only a host found
# in DNS outside the domain (or one the provider table holds), each
# verdict checked against openssl s_client's.
#
# Usage: tests/lab/discover_lab.sh ./mailports build/probe_server
set -u

bin=${1:?usage: discover_lab.sh MAILPORTS PROBE_SERVER}
server=${2:?usage: discover_lab.sh MAILPORTS PROBE_SERVER}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $server in /*) ;; *) server=$PWD/$server ;; esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../helpers/lib.sh"
. "$here/lab.sh"
. "$here/certs.sh"
command -v dnsmasq >/dev/null ||
	{ [ -n "${MAILPORTS_LAB:-}" ] || [ "$(id -u)" -ne 0 ] ||
	{ echo "lab: dnsmasq is missing (make deps)" >&2; exit 1; }; }
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-discover.XXXXXX")
junk_pid=
dns_pid=
stop() {
	[ -n "$junk_pid" ] && kill "$junk_pid" 2>/dev/null
	[ -n "$dns_pid" ] && kill "$dns_pid" 2>/dev/null
	certs_stop
	lab_stop
	rm -rf "$tmp"
}
trap stop EXIT

# Dovecot presents a certificate of the test CA for each name discovery
# finds it by, as a provider's servers do; the probes trust that CA alone.
mkdir -p "$tmp/certs"
certs_ca "$tmp/certs" || exit 1
lab_dovecot_extra=
for name in mail.full.test mail.guess.test mail.xn--bcher-kva.test; do
	certs_leaf "$name" "$name" || exit 1
	lab_dovecot_extra="$lab_dovecot_extra
local_name $name {
  ssl_cert = <$tmp/certs/$name.pem
  ssl_key = <$tmp/certs/$name.key
}"
done
export SSL_CERT_FILE=$tmp/certs/ca.pem
lab_start "$tmp" || exit 1

lab_dns || exit 1
"$server" dns >"$tmp/junk" &
junk_pid=$!
for _ in $(seq 50); do
	[ -s "$tmp/junk" ] && break
	sleep 0.1
done
junk_port=$(awk '{ print $2 }' "$tmp/junk")

# discover ARGS...: TSV of a discovery through dnsmasq.
discover() {
	timeout 30 "$bin" --tsv --timeout 2 --dns-server 127.0.0.1 \
		--discover "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}
settings() { tail -n +2 "$tmp/out" | cut -f 1-6 | tr '\t' ' '; }

discover alice@full.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(settings)" = "imap mail.full.test 993 implicit address srv
imap mail.full.test 143 starttls address srv
pop3 mail.full.test 995 implicit address srv
smtp mail.full.test 465 implicit address srv
smtp mail.full.test 587 starttls address srv" ] || problem "settings: $(settings)"
try "full SRV records give every setting, by priority"

timeout 30 "$bin" --timeout 2 --dns-server 127.0.0.1 --discover full.test \
	>"$tmp/out" 2>&1
grep -q '^DNS SRV *_pop3._tcp.full.test *".": not offered$' "$tmp/out" ||
	problem "no '.' step: $(cat "$tmp/out")"
grep -q '^DNS SRV *_imaps._tcp.full.test *mail.full.test port 993, priority 0, weight 1$' \
	"$tmp/out" || problem "no SRV step: $(cat "$tmp/out")"
try "each step says what it found, and a '.' target means not offered"

# An address typed in UTF-8 is asked for by its ASCII form (IDNA A-label),
# and the server it finds is probed under that name.
timeout 30 "$bin" --tsv --timeout 2 --dns-server 127.0.0.1 --verify \
	--discover alice@bücher.test imap >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(settings)" = "imap mail.xn--bcher-kva.test 993 implicit address srv" ] ||
	problem "settings: $(settings)"
[ "$(tail -n +2 "$tmp/out" | cut -f 8)" = yes ] ||
	problem "not verified: $(cat "$tmp/out")"
try "alice@bücher.test is discovered by its A-label, and verified"

discover dot.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
[ -z "$(settings)" ] || problem "settings: $(settings)"
try "'.' targets everywhere: no settings, and no guesses"

discover bob@hosted.test
[ "$status" -eq 0 ] || problem "exit $status"
[ "$(settings | head -1)" = "imap imap.gmail.com 993 implicit address mx" ] ||
	problem "settings: $(settings)"
try "MX records at a known provider give its settings"

discover own.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
timeout 30 "$bin" --dns-server 127.0.0.1 --discover own.test >"$tmp/out" 2>&1
grep -q 'mx.own.test (no provider known to run it)' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
try "MX records at an unknown host give nothing, and say so"

discover nothing.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
try "a domain with nothing at all exits 1"

discover guess.test
[ "$status" -eq 0 ] || problem "exit $status"
settings | grep -q '^imap mail.guess.test 993 implicit address guess$' ||
	problem "settings: $(settings)"
try "with nothing else, the usual names that resolve are guessed"

timeout 30 "$bin" --json --timeout 2 --dns-server 127.0.0.1 --discover big.test \
	>"$tmp/out" 2>"$tmp/err"
grep -q '(over TCP)' "$tmp/out" || problem "no TCP: $(head -c 600 "$tmp/out")"
[ "$(grep -o '"host":"a-rather-long' "$tmp/out" | wc -l)" -eq 16 ] ||
	problem "want 16 records kept: $(head -c 300 "$tmp/out")"
grep -q '"found":"a-rather-long-name-for-a-mail-server-20.big.test port 993, priority 0, weight 20 and 19 more (over TCP)"' \
	"$tmp/out" || problem "want the heaviest and 19 more: $(head -c 600 "$tmp/out")"
try "an answer too long for UDP is asked again over TCP, every record counted"

timeout 30 "$bin" --tsv --timeout 2 --dns-server "127.0.0.1:$junk_port" \
	--discover full.test >"$tmp/out" 2>&1
timeout 30 "$bin" --json --timeout 2 --dns-server "127.0.0.1:$junk_port" \
	--discover full.test >"$tmp/out" 2>&1
grep -q '"found":"a malformed answer"' "$tmp/out" || problem "$(head -c 400 "$tmp/out")"
try "a malformed answer is named, and nothing is taken from it"

timeout 30 "$bin" --timeout 2 --dns-server 127.0.0.1 --verify \
	--discover alice@full.test >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
grep -qE '^IMAP +mail.full.test +993 +SSL/TLS +alice@full.test +srv _imaps._tcp.full.test +yes$' \
	"$tmp/out" || problem "$(cat "$tmp/out")"
grep -qE '^SMTP +mail.full.test +587 +STARTTLS .* yes$' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
try "--verify probes what SRV found: Dovecot answers"

timeout 30 "$bin" --timeout 2 --dns-server 127.0.0.2 --discover full.test \
	>"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
grep -q 'no name server answered' "$tmp/out" || problem "$(cat "$tmp/out")"
try "with no name server, discovery fails fast and says so"

timeout 30 "$bin" --discover alice@gmail.com --dns-server 127.0.0.2 \
	>"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || problem "the provider table needs no DNS"
grep -q '^provider table  *gmail.com  *Gmail (gmail)$' "$tmp/out" || problem "$(cat "$tmp/out")"
try "a known provider answers from the table, offline"

timeout 30 "$bin" -p --dns-server '[::1]:53' --discover full.test imap \
	>"$tmp/out" 2>"$tmp/err"
[ "$(tr '\n' ' ' <"$tmp/out")" = "993 143 " ] || problem "over IPv6: $(cat "$tmp/out" "$tmp/err")"
timeout 30 "$bin" -p --dns-server 127.0.0.1 --discover full.test send implicit \
	>"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = 465 ] || problem "send implicit: $(cat "$tmp/out" "$tmp/err")"
timeout 30 "$bin" --json --timeout 2 --dns-server 127.0.0.1 --verify \
	--discover guess.test >"$tmp/out" 2>"$tmp/err"
grep -q '"host":"mail.guess.test","port":993,"tls":"implicit","username":"address","source":"guess","via":"mail.guess.test","verified":true' \
	"$tmp/out" || problem "guess verified: $(head -c 600 "$tmp/out")"
try "a name server over IPv6, words that narrow, and guesses verified"

# resolv.conf's servers in turn: the first refuses, the second answers.
printf 'search example.invalid\nnameserver 127.0.0.2\nnameserver ::1 # dnsmasq\n' \
	>"$tmp/resolv.conf"
mount --bind "$tmp/resolv.conf" /etc/resolv.conf
timeout 30 "$bin" -p --timeout 3 --discover full.test pop3 >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = 995 ] || problem "resolv.conf: $(cat "$tmp/out" "$tmp/err")"
umount /etc/resolv.conf
try "the name servers of /etc/resolv.conf are asked in turn"

# The certificates' cases: openssl s_server on 127.0.0.2x, port 993, and
# a name server of their own on 127.0.0.53 for their domains, each with
# the one SRV record _imaps._tcp.
certs_leaf mail.good.test mail.good.test &&
	certs_leaf mail.wrong.test www.unrelated.test &&
	certs_leaf imap.shared.test imap.shared.test &&
	certs_leaf mail.hoster.test mail.hoster.test &&
	certs_leaf mail.hoster2.test mail.hoster2.test vouched.test &&
	certs_leaf imap.gmail.com imap.gmail.com &&
	certs_serve 127.0.0.21 mail.good.test &&
	certs_serve 127.0.0.22 mail.wrong.test &&
	certs_serve 127.0.0.23 imap.shared.test &&
	certs_serve 127.0.0.24 imap.shared.test &&
	certs_serve 127.0.0.25 mail.hoster.test &&
	certs_serve 127.0.0.26 mail.hoster2.test &&
	certs_serve 127.0.0.27 imap.gmail.com || exit 1
dnsmasq --no-daemon --port 53 --listen-address 127.0.0.53 \
	--bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null \
	--user=nobody --pid-file="$tmp/certs-dnsmasq.pid" \
	--srv-host=_imaps._tcp.good.test,mail.good.test,993,0,1 \
	--host-record=mail.good.test,127.0.0.21 \
	--srv-host=_imaps._tcp.wrong.test,mail.wrong.test,993,0,1 \
	--host-record=mail.wrong.test,127.0.0.22 \
	--srv-host=_imaps._tcp.shared.test,mail.shared.test,993,0,1 \
	--host-record=mail.shared.test,127.0.0.23 \
	--host-record=imap.shared.test,127.0.0.24 \
	--srv-host=_imaps._tcp.away.test,mail.hoster.test,993,0,1 \
	--host-record=mail.hoster.test,127.0.0.25 \
	--srv-host=_imaps._tcp.vouched.test,mail.hoster2.test,993,0,1 \
	--host-record=mail.hoster2.test,127.0.0.26 \
	--srv-host=_imaps._tcp.tabled.test,imap.gmail.com,993,0,1 \
	--host-record=imap.gmail.com,127.0.0.27 \
	>"$tmp/certs-dnsmasq.log" 2>&1 &
dns_pid=$!
for _ in $(seq 50); do
	ss -lun 2>/dev/null | grep -q '127.0.0.53:53 ' && break
	sleep 0.1
done

# verify DOMAIN [OPTION]: a discovery of DOMAIN with --verify through the
# second name server, as TSV unless OPTION says otherwise.
verify() {
	timeout 30 "$bin" "${2:---tsv}" --timeout 3 --dns-server 127.0.0.53 \
		--verify --discover "alice@$1" >"$tmp/out" 2>"$tmp/err"
	status=$?
}
# The host, verified, cert_findings, matched and instead_of of the IMAP row.
verdict() { awk -F '\t' '$1 == "imap" { print $2 "|" $8 "|" $9 "|" $10 "|" $11 }' "$tmp/out"; }
# s_client HOST ADDRESS NAME: openssl's verification of the certificate at
# ADDRESS port 993, asked for HOST by SNI and matched against NAME.
s_client() {
	openssl s_client -connect "$2:993" -servername "$1" \
		-verify_hostname "$3" -CAfile "$SSL_CERT_FILE" \
		-verify_return_error </dev/null >"$tmp/openssl" 2>&1
}

verify good.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(verdict)" = "mail.good.test|yes||mail.good.test|" ] ||
	problem "verdict: $(verdict)"
s_client mail.good.test 127.0.0.21 mail.good.test ||
	problem "openssl refuses: $(cat "$tmp/openssl")"
try "a setting whose certificate matches is verified, as openssl agrees"

verify wrong.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
[ "$(verdict)" = "mail.wrong.test|no|cert-name|mail.wrong.test|" ] ||
	problem "verdict: $(verdict)"
verify wrong.test --json
grep -q '"verified":false,"matched":"mail.wrong.test","instead_of":null,"probe":{"address":"127.0.0.22","state":"open","tls":"implicit","cert_findings":\["cert-name"\],"tls13":' \
	"$tmp/out" || problem "json: $(head -c 800 "$tmp/out")"
grep -q '"names":\["www.unrelated.test"\]' "$tmp/out" ||
	problem "json names: $(head -c 800 "$tmp/out")"
timeout 30 "$bin" --timeout 3 --dns-server 127.0.0.53 --verify \
	--discover alice@wrong.test >"$tmp/out" 2>&1
grep -qE '^IMAP +mail.wrong.test +993 +SSL/TLS +alice@wrong.test +srv _imaps._tcp.wrong.test +no: another name$' \
	"$tmp/out" || problem "table: $(cat "$tmp/out")"
grep -q '^mail.wrong.test port 993: not verified: the certificate is made out to another name$' \
	"$tmp/out" || problem "why: $(cat "$tmp/out")"
grep -q '^  certificate: for www.unrelated.test; from CN=mailports test CA,O=mailports tests;' \
	"$tmp/out" || problem "certificate: $(cat "$tmp/out")"
s_client mail.wrong.test 127.0.0.22 mail.wrong.test &&
	problem "openssl accepts: $(cat "$tmp/openssl")"
grep -q 'verify error:num=62:hostname mismatch' "$tmp/openssl" ||
	problem "openssl: $(cat "$tmp/openssl")"
try "a certificate for another name: not verified, and why, as openssl's 62"

verify shared.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(verdict)" = "imap.shared.test|yes||imap.shared.test|mail.shared.test" ] ||
	problem "verdict: $(verdict) $(cat "$tmp/out")"
timeout 30 "$bin" --timeout 3 --dns-server 127.0.0.53 --verify \
	--discover alice@shared.test >"$tmp/out" 2>&1
grep -qE '^IMAP +imap.shared.test +993 +SSL/TLS +alice@shared.test +srv _imaps._tcp.shared.test +yes$' \
	"$tmp/out" || problem "table: $(cat "$tmp/out")"
grep -q '^imap.shared.test port 993: the certificate of mail.shared.test is made out to imap.shared.test, whose own a mail client takes: it is the server to use$' \
	"$tmp/out" || problem "why: $(cat "$tmp/out")"
s_client mail.shared.test 127.0.0.23 mail.shared.test &&
	problem "openssl accepts mail.shared.test: $(cat "$tmp/openssl")"
s_client imap.shared.test 127.0.0.24 imap.shared.test ||
	problem "openssl refuses imap.shared.test: $(cat "$tmp/openssl")"
try "the provider's other host on the certificate is probed, and chosen"

verify away.test
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
[ "$(verdict)" = "mail.hoster.test|no|cert-name|away.test|" ] ||
	problem "verdict: $(verdict)"
timeout 30 "$bin" --timeout 3 --dns-server 127.0.0.53 --verify \
	--discover alice@away.test >"$tmp/out" 2>&1
tr '\n' ' ' <"$tmp/out" | grep -q 'mail.hoster.test was found in DNS alone, outside away.test, so a mail client matches the certificate against away.test (RFC 7817, section 3)' ||
	problem "why: $(cat "$tmp/out")"
s_client mail.hoster.test 127.0.0.25 away.test &&
	problem "openssl accepts: $(cat "$tmp/openssl")"
grep -q 'verify error:num=62:hostname mismatch' "$tmp/openssl" ||
	problem "openssl: $(cat "$tmp/openssl")"
verify vouched.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(verdict)" = "mail.hoster2.test|yes||vouched.test|" ] ||
	problem "verdict: $(verdict)"
s_client mail.hoster2.test 127.0.0.26 vouched.test ||
	problem "openssl refuses: $(cat "$tmp/openssl")"
try "an SRV target outside the domain must show a certificate for the domain"

verify tabled.test
[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
[ "$(verdict)" = "imap.gmail.com|yes||imap.gmail.com|" ] ||
	problem "verdict: $(verdict)"
try "an SRV target the provider table holds is matched itself"

summary

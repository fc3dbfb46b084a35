#!/usr/bin/env bash
# discover_lab.sh - discovery against a real name server: dnsmasq on
# 127.0.0.1 serves test domains (full SRV records, "." targets, only MX
# records pointing at a known provider, nothing at all, usual host names,
# answers too long for UDP; lab_dns of tests/lab/lab.sh), beside the mail lab,
# all in a network namespace of its own; a hostile server answers
# malformed.
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
command -v dnsmasq >/dev/null ||
	{ [ -n "${MAILPORTS_LAB:-}" ] || [ "$(id -u)" -ne 0 ] ||
	{ echo "lab: dnsmasq is missing (make deps)" >&2; exit 1; }; }
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-discover.XXXXXX")
junk_pid=
stop() {
	[ -n "$junk_pid" ] && kill "$junk_pid" 2>/dev/null
	lab_stop
	rm -rf "$tmp"
}
trap stop EXIT
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

# The README's session, which has no times in it, exactly.
readme=$here/../../README.md
awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	awk '/^\$ mailports --dns-server 127.0.0.1 --verify --discover alice@full.test$/ { on = 1; next }
		/^\$ / { on = 0 } on' >"$tmp/wanted"
[ -s "$tmp/wanted" ] || problem "no discovery session in the README"
timeout 30 "$bin" --dns-server 127.0.0.1 --verify --discover alice@full.test \
	>"$tmp/got" 2>&1
diff "$tmp/wanted" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
try "the README's discovery session prints what it shows"

summary

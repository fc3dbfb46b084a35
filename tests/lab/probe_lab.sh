#!/usr/bin/env bash
# probe_lab.sh - the probe against real servers: Dovecot (IMAP, POP3,
# submission, ManageSieve) and OpenSMTPD (SMTP) on the standard ports of
# 127.0.0.1 and ::1, in the lab of tests/lab/lab.sh inside a private network
# namespace.  Nothing outside the namespace is touched; the servers are
# stopped at the end.
#
# Usage: tests/lab/probe_lab.sh ./mailports
# Needs root (for the namespace and the standard ports), dovecot-imapd,
# dovecot-pop3d, dovecot-submissiond, dovecot-managesieved, opensmtpd,
# openssl and nftables: make deps installs them.
set -u

bin=${1:?usage: probe_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-lab.XXXXXX")
trap 'lab_stop; rm -rf "$tmp"' EXIT
lab_start "$tmp" || exit 1

# expect_row ADDRESS PORT STATE TLS PROTOCOL: the TSV row of the last probe.
expect_row() {
	awk -F '\t' -v a="$1" -v p="$2" '$1 == a && $2 == p { print $3, $4, $5 }' \
		"$tmp/out" >"$tmp/row"
	[ "$(cat "$tmp/row")" = "$3 $4 $5" ] ||
		problem "$1 port $2: '$(cat "$tmp/row")', wanted '$3 $4 $5'"
}

for address in 127.0.0.1 ::1; do
	timeout 30 "$bin" --tsv --timeout 2 --probe "$address" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
	expect_row "$address" 25 open starttls smtp
	expect_row "$address" 465 open implicit smtp
	expect_row "$address" 587 open starttls smtp
	expect_row "$address" 110 open starttls pop3
	expect_row "$address" 995 open implicit pop3
	expect_row "$address" 143 open starttls imap
	expect_row "$address" 993 open implicit imap
	expect_row "$address" 4190 open starttls managesieve
	expect_row "$address" 2525 timeout unknown ""
	expect_row "$address" 26 closed unknown ""
	grep -q $'\tOpenSMTPD\|ESMTP OpenSMTPD' "$tmp/out" ||
		problem "no OpenSMTPD greeting on 25"
	try "every port of Dovecot and OpenSMTPD, over $address"
done

timeout 30 "$bin" --probe ::1 imap >"$tmp/out" 2>"$tmp/err"
grep -q '^use: IMAP on port 993, SSL/TLS$' "$tmp/out" ||
	problem "verdict: $(cat "$tmp/out")"
[ "$(grep -c '^::1 ' "$tmp/out")" -eq 2 ] || problem "imap should probe 993 and 143"
try "the words pick the ports, and the verdict names the best"

timeout 30 "$bin" --probe 127.0.0.1 send >"$tmp/out" 2>"$tmp/err"
grep -q '^use: SMTP on port 587, STARTTLS (set the client to require it)$' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q 'port 587: takes a password before TLS' "$tmp/out" ||
	problem "Dovecot offers AUTH before TLS on loopback: no warning"
try "sending: 587 with STARTTLS, and the cleartext login is warned about"

timeout 30 "$bin" -p --probe 127.0.0.1:25 >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || problem "port 25 alone: exit $status, wanted 1"
[ -s "$tmp/out" ] && problem "-p lists the relay port: $(cat "$tmp/out")"
timeout 30 "$bin" --json --probe 127.0.0.1:25 >"$tmp/out" 2>"$tmp/err"
grep -q '"tls":"starttls".*"verdict":\[\],"secure":false}$' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
timeout 30 "$bin" --probe 127.0.0.1:25 >"$tmp/out" 2>"$tmp/err"
grep -qx 'port 25 offers STARTTLS, but 25 is for servers: a mail client sends on 587 or 465 (mailports --probe 127.0.0.1 send)' \
	"$tmp/out" || problem "$(cat "$tmp/out")"
try "port 25 is reported, and never counted as a secure way in"

timeout 30 "$bin" -p --probe '[::1]:4190' >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = 4190 ] || problem "got $(cat "$tmp/out")"
timeout 30 "$bin" --tsv --probe 127.0.0.1:993 pop3 >"$tmp/out" 2>"$tmp/err"
expect_row 127.0.0.1 993 open implicit imap
grep -q 'other-port' "$tmp/out" || problem "no other-port warning: $(cat "$tmp/out")"
try "an explicit port, with and without words"

# Behind TLS the probe cannot see the protocol: it goes by the port, and
# words that name another are a warning, never the verdict.
timeout 30 "$bin" --probe 127.0.0.1:993 smtp >"$tmp/out" 2>"$tmp/err"
grep -q 'use: SMTP on port 993' "$tmp/out" && problem "$(cat "$tmp/out")"
grep -q '^use: IMAP on port 993, SSL/TLS$' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q 'port 993: is the port of another protocol than the one asked for' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
try "probe words against an IMAP server's port 993 warn, and the verdict is IMAP's"

timeout 30 "$bin" --tsv --probe 127.0.0.1:143 implicit >"$tmp/out" 2>"$tmp/err"
grep -q 'plaintext-on-tls-port' "$tmp/out" || problem "$(cat "$tmp/out")"
try "plaintext where the words expect implicit TLS is warned about"

# Resolved here, in the namespace, no name server can be reached: a name
# that resolves nowhere never sends a question off this machine.
timeout 30 "$bin" --probe nonexistent.invalid >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || problem "an unresolvable host should exit 2"
grep -q "cannot resolve 'nonexistent.invalid'" "$tmp/err" || problem "$(cat "$tmp/err")"
try "an unresolvable host exits 2"

# The README's example, but for the times and the certificate's expiry,
# which differ from run to run.
normalize() {
	awk '/^ADDRESS / { ms = index($0, " MS ") + 1; g = index($0, "GREETING") }
		g && /^(::1|127\.0\.0\.1) / { $0 = substr($0, 1, ms - 1) "N " substr($0, g) }
		{ sub(/; until [0-9-]+;/, "; until DATE;"); $1 = $1; print }'
}
readme=$here/../../README.md
awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	awk '/^\$ mailports --probe ::1 imap$/ { on = 1; next } /^\$ / { on = 0 } on' |
	normalize >"$tmp/wanted"
[ -s "$tmp/wanted" ] || problem "no probe example in the README"
timeout 30 "$bin" --probe ::1 imap 2>&1 | normalize >"$tmp/got"
diff "$tmp/wanted" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
try "the README's probe example prints what it shows"

# On a terminal of 80 columns the probe's table, warnings and verdict fit,
# with no word broken: the words are those of the piped output (the
# milliseconds aside, which differ from run to run).
if command -v script >/dev/null 2>&1; then
	timeout 30 "$bin" --probe 127.0.0.1 2>&1 | tr -s ' \n' '\n\n' |
		grep -v '^[0-9]*$' >"$tmp/pipe.words"
	NO_COLOR=1 timeout 30 script -qec "stty cols 80 rows 50 && exec \
		$(printf '%q' "$bin") --probe 127.0.0.1" /dev/null </dev/null 2>&1 |
		tr -d '\r' >"$tmp/tty"
	awk 'length > 80 { print "longer than 80: " $0 }' "$tmp/tty" >"$tmp/long"
	[ -s "$tmp/long" ] && problem "$(cat "$tmp/long")"
	tr -s ' \n' '\n\n' <"$tmp/tty" | grep -v '^[0-9]*$' >"$tmp/tty.words"
	cmp -s "$tmp/pipe.words" "$tmp/tty.words" ||
		problem "words differ: $(diff "$tmp/pipe.words" "$tmp/tty.words" | head -5)"
	try "the probe fits a terminal of 80 columns, no word broken"
else
	skip "the probe on a terminal" "script(1) of util-linux is not installed"
fi

summary

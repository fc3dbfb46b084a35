#!/usr/bin/env bash
# zoo_lab.sh - the probe against the zoo of real servers (tests/lab/zoo.sh):
# Postfix, Exim, Cyrus IMAP and Courier IMAP/POP3, each in the variants
# that matter, on every port they serve, inside the lab's namespace.  Each
# row of the table below is one server and port, and says what the
# server's configuration in zoo.sh makes it offer there: the state, the TLS
# mode, the protocol, the login mechanisms offered before TLS, whether a
# password may go in cleartext before TLS, and the verdict; the probe
# (--json, one port at a time) must report just that.  openssl s_client
# confirms, once per family, that the implicit TLS ports do TLS and then
# speak their protocol.
#
# Usage: tests/lab/zoo_lab.sh ./mailports
# Needs root (else it counts as skipped), what tests/lab/lab.sh needs, and the
# servers unpacked by tests/lab/zoo-deps.sh (make deps): without them it fails.
set -u

bin=${1:?usage: zoo_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"

# Postscreen's final 220 comes this long after its 220-: the probe of
# 127.0.0.10:25 waits 5 s, and one of 1 s must say the greeting was cut.
# Both are 2 s away from it, so that a loaded machine, which may read a
# socket late, still tells the two apart.
export ZOO_POSTSCREEN_WAIT=3s
. "$here/zoo.sh"

if [ ! -s "$ZOO_ROOT/.zoo-packages" ]; then
	problem "no servers unpacked in $ZOO_ROOT: run make deps" \
		"(tests/lab/zoo-deps.sh --install)"
	try "the zoo is there"
	summary
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-zoo.XXXXXX")
trap 'zoo_stop; lab_stop; rm -rf "$tmp"' EXIT
# The lab's certificate, and its Dovecot and OpenSMTPD on 127.0.0.1 and
# ::1 beside the zoo, as in a full lab.
lab_start "$tmp" || exit 1
if ! zoo_start "$tmp/zoo"; then
	problem "see above"
	try "the zoo starts"
	summary
	exit 1
fi

# The table, from zoo.sh's configuration, one row a server and port:
#   name address port timeout tls protocol auth cleartext verdict
# timeout  --timeout for the probe: 2 s, more where the server is slow
#          on purpose (postscreen's 3 s: 5 s; Exim's 2 s greeting delay:
#          3 s): more than the delay and less than twice it, so that a
#          probe that stops waiting for a greeting at half its timeout is
#          caught
# auth     the SASL mechanisms offered before TLS: "none", "=A,B" exactly
#          these (in any order), "+A,B" at least these, "-A,B" none of
#          these (Cyrus's list depends on the SASL plugins installed)
# cleartext  "warn": a password may go in cleartext before TLS (PLAIN,
#          LOGIN, IMAP LOGIN without LOGINDISABLED, POP3 USER accepted),
#          so cleartext-login is warned about; "quiet": it may not
# verdict  "use": exit 0, "secure":true, and the verdict names this port
#          and its TLS; "agree" (port 25, for relaying between servers):
#          the exit status, "secure" and the verdict say the same (exit 0,
#          true and this port, or exit 1, false and no port)
# Courier with POP3_TLS_REQUIRED=1 still lists USER in its answer to CAPA
# before TLS (RFC 2449 section 6.8: USER/PASS is supported) and refuses
# the USER command only when it comes; the probe, which never sends a user
# name, reports what the server offers, so that row warns.
# Each address also has an fd00::N twin; the rows with [fd00::N] probe
# one port of each family over IPv6.
mechs="PLAIN,LOGIN,CRAM-MD5,DIGEST-MD5,SCRAM-SHA-1,SCRAM-SHA-256"
cram="CRAM-MD5,DIGEST-MD5,SCRAM-SHA-1,SCRAM-SHA-256"
cat >"$tmp/table" <<EOF
postfix         127.0.0.10    25   5 starttls smtp        none          quiet agree
postfix         [fd00::10]    25   4 starttls smtp        none          quiet agree
postfix         127.0.0.10    465  2 implicit smtp        none          quiet use
postfix         127.0.0.10    587  2 starttls smtp        none          quiet use
postfix-auth    127.0.0.11    25   2 starttls smtp        =$mechs       warn  agree
postfix-auth    127.0.0.11    465  2 implicit smtp        none          quiet use
postfix-auth    127.0.0.11    587  2 starttls smtp        =$mechs       warn  use
postfix-auth    [fd00::11]    587  2 starttls smtp        =$mechs       warn  use
postfix-cram    127.0.0.12    25   2 starttls smtp        =$cram        quiet agree
postfix-cram    127.0.0.12    465  2 implicit smtp        none          quiet use
postfix-cram    127.0.0.12    587  2 starttls smtp        =$cram        quiet use
exim            127.0.0.20    25   2 starttls smtp        none          quiet agree
exim            127.0.0.20    465  2 implicit smtp        none          quiet use
exim            [fd00::20]    465  2 implicit smtp        none          quiet use
exim            127.0.0.20    587  2 starttls smtp        none          quiet use
exim-slow       127.0.0.21    25   3 starttls smtp        none          quiet agree
exim-slow       127.0.0.21    465  3 implicit smtp        none          quiet use
exim-slow       127.0.0.21    587  3 starttls smtp        none          quiet use
exim-slow       [fd00::21]    587  3 starttls smtp        none          quiet use
cyrus           127.0.0.30    110  2 starttls pop3        +PLAIN,LOGIN  warn  use
cyrus           127.0.0.30    143  2 starttls imap        +PLAIN,LOGIN  warn  use
cyrus           [fd00::30]    143  2 starttls imap        +PLAIN,LOGIN  warn  use
cyrus           127.0.0.30    993  2 implicit imap        none          quiet use
cyrus           127.0.0.30    995  2 implicit pop3        none          quiet use
cyrus           127.0.0.30    4190 2 starttls managesieve +PLAIN,LOGIN  warn  use
cyrus-strict    127.0.0.31    110  2 starttls pop3        -PLAIN,LOGIN  quiet use
cyrus-strict    127.0.0.31    143  2 starttls imap        -PLAIN,LOGIN  quiet use
cyrus-strict    127.0.0.31    993  2 implicit imap        none          quiet use
cyrus-strict    127.0.0.31    995  2 implicit pop3        none          quiet use
cyrus-strict    127.0.0.31    4190 2 starttls managesieve -PLAIN,LOGIN  quiet use
cyrus-strict    [fd00::31]    4190 2 starttls managesieve -PLAIN,LOGIN  quiet use
courier         127.0.0.40    110  2 starttls pop3        none          warn  use
courier         [fd00::40]    110  2 starttls pop3        none          warn  use
courier         127.0.0.40    143  2 starttls imap        none          warn  use
courier         127.0.0.40    993  2 implicit imap        none          quiet use
courier         127.0.0.40    995  2 implicit pop3        none          quiet use
courier-strict  127.0.0.41    110  2 starttls pop3        none          warn  use
courier-strict  127.0.0.41    143  2 starttls imap        none          quiet use
courier-strict  [fd00::41]    143  2 starttls imap        none          quiet use
courier-strict  127.0.0.41    993  2 implicit imap        none          quiet use
courier-strict  127.0.0.41    995  2 implicit pop3        none          quiet use
EOF

# Warnings that no server of the zoo deserves on any port: each is a
# misreading of a server configured as its distribution ships it.
wrong="plaintext-on-tls-port tls-on-plaintext-port not-mail other-protocol
	silent flood not-tls unfinished slow-greeting no-answer malformed \
	refused closed-early tls-refused"

# A file name for a row.
key() { tr -c 'a-z0-9\n' _ <<<"$1-$2-$3"; }

# First, while the machine is quiet, postscreen's greeting cut short by
# the timeout.
{
	timeout 30 "$bin" --json --timeout 1 --probe 127.0.0.10:25 \
		>"$tmp/short.json" 2>"$tmp/short.err"
	echo $? >"$tmp/short.status"
} &
jobs=$!

# Every probe at once: each waits on its own server only.  (The servers
# are this shell's jobs too: the probes are waited for by their ids.)
while read -r name address port timeout rest; do
	k=$(key "$name" "$address" "$port")
	{
		timeout 30 "$bin" --json --timeout "$timeout" \
			--probe "$address:$port" >"$tmp/$k.json" 2>"$tmp/$k.err"
		echo $? >"$tmp/$k.status"
	} &
	jobs="$jobs $!"
done <"$tmp/table"

# begins TEXT: a line of standard input begins with TEXT.
begins() { awk -v t="$1" 'index($0, t) == 1 { f = 1 } END { exit !f }'; }

# s_client NAME ADDRESS PORT GREETING COMMAND: the implicit TLS port as
# openssl sees it: the handshake, then the server's greeting (a line that
# begins with GREETING), answered with COMMAND, after which the server
# hangs up.
s_client() {
	local out=$tmp/s-$1-$3.out
	# shellcheck disable=SC2094 # the command waits for what s_client writes
	{
		for _ in $(seq 100); do
			begins "$4" 2>/dev/null <"$out" && break
			sleep 0.1
		done
		printf '%s\r\n' "$5"
	} | timeout 10 openssl s_client -connect "$2:$3" -servername zoo.invalid \
		-brief -ign_eof >"$out" 2>"$tmp/s-$1-$3.err"
}
# One implicit TLS port of each family's protocols: name, address, port,
# how the greeting begins (_ for a space), and the command that ends the
# conversation.
cat >"$tmp/tls" <<EOF
postfix  127.0.0.10  465  220_          QUIT
exim     127.0.0.20  465  220_          QUIT
cyrus    127.0.0.30  993  *_OK_         a LOGOUT
cyrus    127.0.0.30  995  +OK_          QUIT
courier  127.0.0.40  993  *_OK_         a LOGOUT
courier  127.0.0.40  995  +OK_          QUIT
EOF
while read -r name address port greeting command; do
	s_client "$name" "$address" "$port" "${greeting//_/ }" "$command" &
	jobs="$jobs $!"
done <"$tmp/tls"
# shellcheck disable=SC2086
wait $jobs

# The one result of a probe of one port, and the rest of its JSON.
result() { sed -n 's/^{"host":.*,"results":\[{\(.*\)}\],"verdict":.*$/\1/p' "$1"; }
verdict() { sed -n 's/^.*}\],"verdict":\[\(.*\)\],"secure":[a-z]*}$/\1/p' "$1"; }
secure() { sed -n 's/^.*\],"secure":\([a-z]*\)}$/\1/p' "$1"; }
# field RESULT KEY: a string, null, true or false
field() {
	grep -oE "\"$2\":(\"[^\"]*\"|null|true|false)" <<<"$1" | head -n 1 |
		sed 's/^[^:]*://; s/^"//; s/"$//'
}
# list RESULT KEY: a list of words, one a line, sorted
list() {
	grep -oE "\"$2\":\[[^]]*\]" <<<"$1" | head -n 1 |
		sed 's/^[^[]*\[//; s/\]$//' | tr ',' '\n' | tr -d '"' | sed '/^$/d' |
		sort
}
words() { tr ',' '\n' <<<"$1" | sed '/^$/d' | sort; }

while read -r name address port timeout tls protocol auth cleartext want; do
	k=$(key "$name" "$address" "$port")
	r=$(result "$tmp/$k.json")
	status=$(cat "$tmp/$k.status")
	if [ -z "$r" ]; then
		problem "exit $status, no result in: $(head -c 300 "$tmp/$k.json")" \
			"$(head -c 300 "$tmp/$k.err")"
		try "$name $address:$port"
		continue
	fi
	got=$(field "$r" state)
	[ "$got" = open ] || problem "state $got, wanted open"
	got=$(field "$r" tls)
	[ "$got" = "$tls" ] || problem "tls $got, wanted $tls"
	got=$(field "$r" protocol)
	[ "$got" = "$protocol" ] || problem "protocol $got, wanted $protocol"
	mechanisms=$(list "$r" auth)
	shown=$(tr '\n' ' ' <<<"$mechanisms")
	case $auth in
	none)
		[ -z "$mechanisms" ] ||
			problem "login mechanisms before TLS: $shown, wanted none" ;;
	=*)
		[ "$mechanisms" = "$(words "${auth#=}")" ] ||
			problem "login mechanisms before TLS: ${shown:-none}," \
				"wanted exactly ${auth#=}" ;;
	+*)
		for m in $(words "${auth#+}"); do
			grep -qxF "$m" <<<"$mechanisms" ||
				problem "no $m among the login mechanisms before TLS: ${shown:-none}"
		done ;;
	-*)
		for m in $(words "${auth#-}"); do
			grep -qxF "$m" <<<"$mechanisms" &&
				problem "$m among the login mechanisms before TLS: $shown"
		done ;;
	esac
	warnings=$(list "$r" warnings)
	if [ "$cleartext" = warn ]; then
		grep -qxF cleartext-login <<<"$warnings" ||
			problem "no cleartext-login warning: a password may go before TLS"
	else
		grep -qxF cleartext-login <<<"$warnings" &&
			problem "cleartext-login warned about, but no password may go before TLS"
	fi
	for w in $wrong; do
		grep -qxF "$w" <<<"$warnings" && problem "warning $w"
	done
	v=$(verdict "$tmp/$k.json")
	s=$(secure "$tmp/$k.json")
	if [ "$want" = use ]; then
		[ "$status" -eq 0 ] || problem "exit $status, wanted 0"
		[ "$s" = true ] || problem "\"secure\":$s, wanted true"
		this="{\"protocol\":\"$protocol\",\"address\":\"${address//[][]/}\",\"port\":$port,\"tls\":\"$tls\"}"
		[ "$v" = "$this" ] || problem "verdict [$v], wanted [$this]"
	else
		# Port 25: the exit status, "secure" and the verdict agree.
		[ "$s" = true ] || [ "$s" = false ] || problem "\"secure\":$s"
		[ "$s" = true ] && [ "$status" -ne 0 ] &&
			problem "\"secure\":true, but exit $status"
		[ "$s" = false ] && [ "$status" -eq 0 ] &&
			problem "\"secure\":false, but exit 0"
		[ "$s" = true ] && [ -z "$v" ] &&
			problem "\"secure\":true, but the verdict names no port"
		[ "$s" = false ] && [ -n "$v" ] &&
			problem "\"secure\":false, but the verdict names [$v]"
	fi
	try "$name $address:$port: $tls $protocol, login before TLS $auth, $cleartext"
done <"$tmp/table"

# Postscreen's 220- came, its final 220 not before the timeout: an SMTP
# greeting, unfinished, not a silent server nor a plaintext one.
r=$(result "$tmp/short.json")
[ -n "$r" ] || problem "no result: $(cat "$tmp/short.json" "$tmp/short.err")"
got=$(field "$r" state)
[ "$got" = open ] || problem "state $got, wanted open"
got=$(field "$r" protocol)
[ "$got" = smtp ] || problem "protocol $got, wanted smtp (a 220- greeting came)"
warnings=$(list "$r" warnings)
grep -qxF slow-greeting <<<"$warnings" ||
	problem "no slow-greeting warning: $(tr '\n' ' ' <<<"$warnings")"
for w in silent not-tls plaintext-on-tls-port not-mail; do
	grep -qxF "$w" <<<"$warnings" && problem "warning $w"
done
try "postfix 127.0.0.10:25 with --timeout 1, shorter than postscreen's 3 s: an unfinished SMTP greeting"

# What openssl saw.
while read -r name address port greeting command; do
	out=$tmp/s-$name-$port.out
	err=$tmp/s-$name-$port.err
	grep -q '^CONNECTION ESTABLISHED' "$err" ||
		problem "no TLS connection: $(head -c 300 "$err")"
	grep -q '^Protocol version: TLSv1\.[23]$' "$err" ||
		problem "not TLS 1.2 or 1.3: $(grep -a '^Protocol' "$err")"
	head -n 1 "$out" | begins "${greeting//_/ }" ||
		problem "no '${greeting//_/ }' greeting after the handshake: $(head -c 300 "$out")"
	try "openssl s_client: $name $address:$port does TLS, then greets"
done <"$tmp/tls"

summary

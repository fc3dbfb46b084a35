#!/usr/bin/env bash
# check_lab.sh - --check against real servers: every cell of what a port
# speaks by what the client is set to, in the lab of tests/lab/lab.sh inside a
# private network namespace.  Dovecot serves implicit TLS (993, 995, 465)
# and STARTTLS (143, 110, 587), OpenSMTPD STARTTLS on 25 and, on
# 127.0.0.3, plaintext without STARTTLS on 587 beside implicit TLS on 465.
# nftables drops 2525 (as in every lab), 25 of ::1 (as an ISP blocks 25)
# and everything to 127.0.0.5 (a network that reaches nothing); nothing
# listens on 26 nor on 127.0.0.6.  Where no real server misbehaves so,
# the hostile server of tests/helpers/probe_server.c stands in: a TLS of old
# versions only, a ServerHello on a port the table does not know, IMAP
# without STARTTLS that takes a password, SSH.  When the zoo of
# tests/lab/zoo.sh is unpacked, Postfix, Exim, Cyrus and Courier add rows of
# their own (else they count as one skipped case).  Each row asserts the
# verdict, the cause, the fix and the exit status; then the whole check
# must take about one timeout, and the README's session must print what it
# shows.
#
# Usage: tests/lab/check_lab.sh ./mailports build/probe_server
# Needs root (else it counts as skipped) and what tests/lab/lab.sh needs.
set -u

usage="usage: check_lab.sh MAILPORTS PROBE_SERVER"
bin=${1:?$usage}
server=${2:?$usage}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $server in /*) ;; *) server=$PWD/$server ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-check.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; lab_stop; rm -rf "$tmp"' EXIT
lab_smtpd_extra="listen on 127.0.0.3 port 587 hostname plain.invalid
listen on 127.0.0.3 port 465 smtps pki lab.invalid hostname plain.invalid"
lab_listeners=18
lab_start "$tmp" || exit 1
nft add rule inet lab input ip6 daddr ::1 tcp dport 25 drop
nft add rule inet lab input ip daddr 127.0.0.5 drop

# The zoo of tests/lab/zoo.sh, when it is there: Postfix, Exim, Cyrus and
# Courier, each on loopback addresses of its own.
. "$here/zoo.sh"
zoo=
if [ -s "$ZOO_ROOT/.zoo-packages" ] && zoo_start "$tmp/zoo"; then
	zoo=yes
	trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; zoo_stop; lab_stop; rm -rf "$tmp"' EXIT
else
	skip "--check against the zoo" "no servers unpacked in $ZOO_ROOT (make deps)"
fi

modes="oldtls hello cleartext notmail"
# shellcheck disable=SC2086
serve "$server" $modes
oldtls=$(port oldtls) hello=$(port hello) cleartext=$(port cleartext)
notmail=$(port notmail)

# One row a check: the setting, its words (joined by +), the timeout, the
# verdict, the fix's port and security (- for none), the exit status, and
# words the cause must hold.  Every SMTP row probes the other SMTP ports
# of its host too, and OpenSMTPD listens with a backlog of 5: on a loaded
# machine the rows' connections to 127.0.0.1 outrun its accept(2), the
# kernel drops the surplus SYNs and the client sends them again after a
# second.  The rows of OpenSMTPD's ports wait 3 s, so that a slow accept
# is not read as a filtered port.
cat >"$tmp/table" <<EOF
127.0.0.1:993 ssl 1 works - - 0 speaks TLS from the first byte on port 993
127.0.0.1:993 starttls 1 wrong-mode 993 implicit 1 a client set to STARTTLS waits for a greeting that never comes
127.0.0.1:993 none 1 wrong-mode 993 implicit 1 a client set to None waits for a greeting
127.0.0.1:465 ssl 3 works - - 0 on port 465, as a client set to SSL/TLS expects
127.0.0.1:465 starttls 3 wrong-mode 465 implicit 1 speaks TLS from the first byte on port 465
[::1]:995 none 1 wrong-mode 995 implicit 1 a client set to None waits
127.0.0.1:587 ssl 3 wrong-mode 587 starttls 1 sends a plaintext greeting on port 587, so a client set to SSL/TLS fails its handshake
127.0.0.1:587 starttls 3 works-starttls - - 0 takes a password before TLS too
127.0.0.1:587 none 3 insecure 587 starttls 1 takes a password before TLS on port 587, so a client set to None sends it in cleartext
127.0.0.1:143 ssl 1 wrong-mode 143 starttls 1 plaintext greeting on port 143
[::1]:143 starttls 1 works-starttls - - 0 offers STARTTLS on port 143
127.0.0.1:110 none 1 insecure 110 starttls 1 before TLS on port 110
127.0.0.1:4190 starttls 1 works-starttls - - 0 offers STARTTLS on port 4190
127.0.0.3:587 ssl 1 wrong-mode 465 implicit 1 plaintext greeting on port 587
127.0.0.3:587 starttls 1 no-starttls 465 implicit 1 does not offer STARTTLS on port 587, so a client set to STARTTLS gives up
127.0.0.3:587 none 1 insecure 465 implicit 1 greets in plaintext on port 587 and offers no TLS there
127.0.0.1:25 starttls 3 relay-port 587 starttls 1 port 25 is for servers relaying mail
127.0.0.1:25 none 3 insecure 587 starttls 1 offers STARTTLS on port 25, which a client set to None never uses
[::1]:25 starttls 1 timeout 587 starttls 1 port 25 does not answer from this network: it is filtered, as many ISPs do
127.0.0.1:2525 starttls 1 timeout 587 starttls 1 port 2525 does not answer from this network
127.0.0.1:26 starttls 1 refused 587 starttls 1 refuses connections on port 26: nothing listens there
127.0.0.1:26 ssl 1 refused 587 starttls 1 port 26
127.0.0.5:587 starttls 1 timeout - - 1 port 587 does not answer
127.0.0.6:465 ssl 1 refused - - 1 refuses connections on port 465
127.0.0.1:$oldtls imap+ssl 1 tls-refused 993 implicit 1 refused the handshake (protocol_version)
127.0.0.1:$oldtls imap+starttls 1 tls-refused 993 implicit 1 speaks TLS from the first byte on port $oldtls but refused
127.0.0.1:$oldtls imap+none 1 tls-refused 993 implicit 1 protocol_version
127.0.0.1:$hello imap+ssl 1 works - - 0 speaks TLS from the first byte on port $hello
127.0.0.1:$hello imap+starttls 1 wrong-mode $hello implicit 1 a client set to STARTTLS waits for a greeting
127.0.0.1:$cleartext imap+ssl 1 wrong-mode 993 implicit 1 plaintext greeting on port $cleartext
127.0.0.1:$cleartext imap+starttls 1 no-starttls 993 implicit 1 does not offer STARTTLS on port $cleartext
127.0.0.1:$cleartext imap+none 1 insecure 993 implicit 1 takes a password before TLS on port $cleartext and offers no TLS there
127.0.0.1:$notmail send+starttls 1 not-mail 587 starttls 1 port $notmail answers, but it is no SMTP server
127.0.0.1:$notmail smtp+ssl 1 not-mail 587 starttls 1 it is no SMTP server
EOF
# The zoo's servers as they come configured (tests/lab/zoo.sh).  Their
# checks wait 3 s: Exim's on 127.0.0.21 greets after 2 s; the others
# answer at once, but a check opens several connections to one server at
# the same moment, Postfix starts an smtpd for each one its running
# processes cannot take, and all the rows run together, on a loaded
# machine too.  The table takes as long as its slowest row all the same.
[ -n "$zoo" ] && cat >>"$tmp/table" <<EOF
127.0.0.10:465 starttls 3 wrong-mode 465 implicit 1 speaks TLS from the first byte on port 465, so a client set to STARTTLS waits
127.0.0.10:587 ssl 3 wrong-mode 587 starttls 1 sends a plaintext greeting on port 587, so a client set to SSL/TLS fails
127.0.0.11:587 none 3 insecure 587 starttls 1 takes a password before TLS on port 587, so a client set to None sends it in cleartext
127.0.0.12:587 none 3 insecure 587 starttls 1 offers STARTTLS on port 587, which a client set to None never uses
127.0.0.20:587 starttls 3 works-starttls - - 0 and a client set to STARTTLS upgrades before it logs in
127.0.0.20:465 none 3 wrong-mode 465 implicit 1 a client set to None waits for a greeting
127.0.0.21:587 starttls 3 works-starttls - - 0 offers STARTTLS on port 587
127.0.0.30:993 starttls 3 wrong-mode 993 implicit 1 speaks TLS from the first byte on port 993
127.0.0.30:4190 ssl 3 wrong-mode 4190 starttls 1 plaintext greeting on port 4190
127.0.0.31:143 none 3 insecure 143 starttls 1 offers STARTTLS on port 143, which a client set to None never uses
127.0.0.40:110 ssl 3 wrong-mode 110 starttls 1 plaintext greeting on port 110
127.0.0.41:995 ssl 3 works - - 0 speaks TLS from the first byte on port 995
EOF

# The fixes in the dialog's words, by the fix's port and security.
fix_text() {
	local label=$1 port=$2 tls=$3
	case $tls in
	implicit) tls=SSL/TLS ;;
	starttls) tls=STARTTLS ;;
	esac
	echo "$label: port $port, Connection security: $tls"
}

# Every check at once, each waiting on its own ports only.
n=0
jobs=
while read -r setting words seconds rest; do
	n=$((n + 1))
	{
		# shellcheck disable=SC2086
		timeout 20 "$bin" --tsv --timeout "$seconds" --check "$setting" \
			${words//+/ } \
			>"$tmp/$n.tsv" 2>"$tmp/$n.err"
		echo $? >"$tmp/$n.status"
	} &
	jobs="$jobs $!"
done <"$tmp/table"
# shellcheck disable=SC2086
wait $jobs

# field FILE NAME: the field of the record under that header.
field() {
	awk -F '\t' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
		NR == 2 { print $c }' "$1"
}

n=0
while read -r setting words seconds verdict fix_port fix_tls status cause; do
	n=$((n + 1))
	f=$tmp/$n.tsv
	got=$(cat "$tmp/$n.status")
	[ "$got" = "$status" ] || problem "exit $got, wanted $status: $(cat "$tmp/$n.err")"
	[ "$(wc -l <"$f")" -eq 2 ] || problem "not one record: $(cat "$f")"
	got=$(field "$f" verdict)
	[ "$got" = "$verdict" ] || problem "verdict $got, wanted $verdict"
	got=$(field "$f" cause)
	case $got in *"$cause"*) ;; *) problem "cause '$got', wanted '$cause'" ;; esac
	[ "$fix_port" = - ] && fix_port= fix_tls=
	got=$(field "$f" fix_port)
	[ "$got" = "$fix_port" ] || problem "fix_port '$got', wanted '$fix_port'"
	got=$(field "$f" fix_tls)
	[ "$got" = "$fix_tls" ] || problem "fix_tls '$got', wanted '$fix_tls'"
	got=$(field "$f" fix)
	if [ -n "$fix_port" ]; then
		case $(field "$f" protocol) in
		smtp) label="Outgoing server" ;;
		managesieve) label="Sieve server" ;;
		*) label="Incoming server" ;;
		esac
		want=$(fix_text "$label" "$fix_port" "$fix_tls")
		[ "$got" = "$want" ] || problem "fix '$got', wanted '$want'"
	elif [ "$status" -eq 0 ]; then
		[ "$got" = "nothing to change" ] || problem "fix '$got'"
	elif [ "$verdict" = timeout ]; then
		case $got in "nothing on this network reaches the server: try another network"*) ;;
		*) problem "fix '$got', wanted: nothing reaches" ;; esac
	else
		case $got in "no mail port of this server takes connections"*) ;;
		*) problem "fix '$got', wanted: no port takes connections" ;; esac
	fi
	try "--check $setting ${words//+/ }: $verdict"
done <"$tmp/table"

# The whole check takes about one timeout, filtered ports and all: the
# setting and the protocol's other ports are probed at once.
for setting in '[::1]:25 starttls' '127.0.0.5:587 starttls' '127.0.0.1:993 none'; do
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	timeout 20 "$bin" --timeout 1 --check $setting >"$tmp/out" 2>&1
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$ms" -lt 1800 ] || problem "took $ms ms with --timeout 1"
	[ "$ms" -ge 950 ] || problem "took $ms ms: a filtered port was not waited for"
	try "--check $setting takes about one timeout ($ms ms)"
done

# The JSON record carries the same fields.
timeout 20 "$bin" --json --timeout 1 --check '[::1]:25' starttls >"$tmp/out" 2>"$tmp/err"
want='[{"host":"::1","port":25,"protocol":"smtp","direction":"outgoing","tls":"starttls","verdict":"timeout","secure":false,"cause":"port 25 does not answer from this network: it is filtered, as many ISPs do to keep their customers off it","fix":"Outgoing server: port 587, Connection security: STARTTLS","fix_port":587,"fix_tls":"starttls"}]'
[ "$(cat "$tmp/out")" = "$want" ] || problem "got $(cat "$tmp/out")"
try "--json carries verdict, cause and fix"

# An address: the provider's preferred server of each protocol, here the
# lab's, by a hosts file of the namespace's own.
cat /etc/hosts >"$tmp/hosts" 2>/dev/null
echo "127.0.0.1 imap.gmail.com pop.gmail.com smtp.gmail.com" >>"$tmp/hosts"
if mount --bind "$tmp/hosts" /etc/hosts; then
	timeout 20 "$bin" --tsv --timeout 1 --check alice@gmail.com >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
	cut -f 1-6 "$tmp/out" | tail -n +2 >"$tmp/got"
	printf '%s\t%s\t%s\t%s\t%s\tworks\n' \
		imap.gmail.com 993 imap incoming implicit \
		pop.gmail.com 995 pop3 incoming implicit \
		smtp.gmail.com 465 smtp outgoing implicit >"$tmp/want"
	diff "$tmp/want" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
	timeout 20 "$bin" --timeout 1 --check alice@gmail.com send >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] || problem "send: exit $status: $(cat "$tmp/err")"
	[ "$(head -n 1 "$tmp/out")" = "setting: Outgoing server smtp.gmail.com, port 465, Connection security: SSL/TLS" ] ||
		problem "send: $(cat "$tmp/out")"
	[ "$(wc -l <"$tmp/out")" -eq 4 ] || problem "send: not one setting: $(cat "$tmp/out")"
	umount /etc/hosts
	try "--check an address checks its provider's servers, both directions"
else
	skip "--check an address" "no hosts file of the namespace's own"
fi

# A domain no provider is known for: what discovery finds in the lab's
# name server (full.test: SRV records to mail.full.test, the lab's
# Dovecot), checked as a mail client would be set by its wizard.
if lab_dns; then
	echo "nameserver 127.0.0.1" >"$tmp/resolv.conf"
	mount --bind "$tmp/resolv.conf" /etc/resolv.conf
	timeout 20 "$bin" --tsv --timeout 1 --check alice@full.test >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
	for row in "mail.full.test	465	smtp	outgoing	implicit	works" \
	    "mail.full.test	993	imap	incoming	implicit	works" \
	    "mail.full.test	995	pop3	incoming	implicit	works"; do
		grep -qF "$row" "$tmp/out" || problem "no '$row': $(cat "$tmp/out")"
	done
	[ "$(wc -l <"$tmp/out")" -eq 4 ] || problem "not 3 settings: $(cat "$tmp/out")"
	timeout 20 "$bin" --timeout 1 --check alice@nothing.test >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "nothing.test: exit $status"
	grep -q "discovery finds no server" "$tmp/err" || problem "nothing.test: $(cat "$tmp/err")"
	umount /etc/resolv.conf
	try "--check of an unknown domain checks what discovery finds"
else
	skip "--check of an unknown domain" "no name server in the lab"
fi

timeout 20 "$bin" --timeout 1 --check nonexistent.invalid:587 starttls >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || problem "exit $status, wanted 2"
grep -q "^mailports: cannot resolve 'nonexistent.invalid'" "$tmp/err" ||
	problem "$(cat "$tmp/err")"
try "--check of a host that does not resolve exits 2"

# The README's session, word for word.
readme=$here/../../README.md
awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	awk '/^\$ mailports .*--check/ { on = 1 } /^\$ / && !/--check/ { on = 0 } on' \
	>"$tmp/session"
[ -s "$tmp/session" ] || problem "no --check session in the README"
grep '^\$ ' "$tmp/session" | sed 's/^\$ mailports //' >"$tmp/commands"
: >"$tmp/got"
while IFS= read -r command; do
	echo "\$ mailports $command" >>"$tmp/got"
	# shellcheck disable=SC2086
	timeout 20 "$bin" $command >>"$tmp/got" 2>&1
done <"$tmp/commands"
diff "$tmp/session" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
try "the README's --check session prints what it shows"

# The manual's session, as a terminal of 75 columns shows it.
if command -v script >/dev/null 2>&1; then
	sed -n '/^\.Sh TROUBLESHOOTING/,/^\.Sh /p' "$here/../../man/mailports.1.in" |
		awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0 } on' \
		>"$tmp/man-session"
	[ -s "$tmp/man-session" ] || problem "no --check session in the manual"
	grep '^\$ ' "$tmp/man-session" | sed 's/^\$ mailports //' >"$tmp/commands"
	: >"$tmp/got"
	while IFS= read -r command; do
		echo "\$ mailports $command" >>"$tmp/got"
		NO_COLOR=1 timeout 20 script -qec "stty cols 75 rows 50 && exec \
			$(printf '%q' "$bin") $command" /dev/null </dev/null 2>&1 |
			tr -d '\r' >>"$tmp/got"
	done <"$tmp/commands"
	diff "$tmp/man-session" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
	try "the manual's --check session prints what it shows on a terminal"
else
	skip "the manual's --check session" "script(1) of util-linux is not installed"
fi

summary

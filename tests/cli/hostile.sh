#!/usr/bin/env bash
# hostile.sh - every class of hostile input tried on the built binary, and
# what each must give.  Nothing may crash, hang, lose an answer, or print
# a raw control byte.
#
# Usage: tests/cli/hostile.sh ./mailports
set -u

bin=${1:?usage: hostile.sh path/to/mailports}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export bin tmp
passed=0
failed=0

# Inputs too big or odd to write inline.
head -c 102400 /dev/zero | tr '\0' x >"$tmp/100k"
{ head -c 10000000 /dev/zero | tr '\0' a; printf ' imap\n993'; } >"$tmp/10m-line"
yes 587 | head -n 1000000 >"$tmp/million"
printf 'imap\0x\n993\n' >"$tmp/nul"
printf 'imap secure' >"$tmp/no-newline"
printf '\033[2J\033]0;title\007\n' >"$tmp/escapes"

# The table: exit status | stdout, exactly ("*": not checked) | a piece of
# stderr ("": stderr must be empty) | the command, run by bash with pipefail.
# "\n" in stdout stands for a newline.
table=$(cat <<'TABLE'
2 |  | mailports: empty word | "$bin" ""
2 |  | mailports: empty word | "$bin" imap ""
2 |  | word too long 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' | "$bin" "$(cat "$tmp/100k")"
2 |  | unknown word 'café' | "$bin" "$(printf 'caf\303\251')"
2 |  | unknown word 'caf\xe9' | "$bin" "$(printf 'caf\351')"
2 |  | unknown word 'a\xc2\x9bb' | "$bin" "$(printf 'a\302\233b')"
2 |  | unknown word 'a\xe2\x80\xaeb' | "$bin" "$(printf 'a\342\200\256b')"
2 |  | unknown word 'a\xc0\xafb' | "$bin" "$(printf 'a\300\257b')"
2 |  | unknown word '\xff\xfe' | "$bin" "$(printf '\377\376')"
2 |  | unknown word '\x1b[31mred' | "$bin" "$(printf '\033[31mred')"
2 |  | unknown word 'a\x07b\x08c' | "$bin" "$(printf 'a\007b\010c')"
2 |  | unknown word 'tab\x09bed' | "$bin" "$(printf 'tab\tbed')"
2 |  | unknown word 'line\x0afeed' | "$bin" "$(printf 'line\nfeed')"
2 |  | invalid port number '+25' | "$bin" +25
2 |  | invalid port number '-25' | "$bin" -- -25
2 |  | invalid port number '0x19' | "$bin" 0x19
2 |  | invalid port number '25a' | "$bin" 25a
1 |  | no port matches '2 5' | "$bin" -p "2 5"
0 | 25 |  | "$bin" -p " 25"
0 | 25 |  | "$bin" -p "25 "
2 |  | invalid port number '1e3' | "$bin" 1e3
2 |  | mailports: port 0 is out of range 1-65535 | "$bin" 0
2 |  | mailports: port 000 is out of range 1-65535 | "$bin" 000
2 |  | mailports: port 65536 is out of range 1-65535 | "$bin" 65536
2 |  | mailports: port 99999999999999999999 is out of range 1-65535 | "$bin" 99999999999999999999
2 |  | mailports: port 18446744073709551617 is out of range 1-65535 | "$bin" 18446744073709551617
0 | 25 |  | "$bin" -p 0025
0 | 993 |  | "$bin" -p 00000000000000000000000000000993
2 |  | mailports: invalid email address '@' (such as alice@example.com) | "$bin" @
2 |  | invalid email address '@@' | "$bin" @@
2 |  | invalid email address 'alice@gmail.com@' | "$bin" alice@gmail.com@
0 | 993 |  | "$bin" -p a@b@gmail.com imap
2 |  | invalid email address 'al ice@gmail.com' | "$bin" "al ice@gmail.com"
0 | 993 |  | "$bin" -p "$(printf 'caf\303\251@gmail.com')" imap
2 |  | invalid email address 'caf\xe9@gmail.com' | "$bin" "$(printf 'caf\351@gmail.com')"
2 |  | invalid email address 'a\xc2\x9bb@gmail.com' | "$bin" "$(printf 'a\302\233b@gmail.com')"
1 |  | no provider known for 'gémail.com' | "$bin" "$(printf 'alice@g\303\251mail.com')"
2 |  | invalid email address 'alice@g\xe9mail.com' | "$bin" "$(printf 'alice@g\351mail.com')"
2 |  | invalid email address 'alice@gmail.com\x1b[2J' | "$bin" "$(printf 'alice@gmail.com\033[2J')"
2 |  | word too long 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' | "$bin" "$(head -c 250 /dev/zero | tr '\0' a)@gmail.com"
1 |  | no provider known for 'x.example.' | "$bin" alice@x.example.
1 |  | no provider known for 'gmail.com.evil.example' | "$bin" alice@gmail.com.evil.example
2 |  | invalid email address 'alice@-.-' | "$bin" alice@-.-
2 |  | invalid email address 'alice@-bad-.com' | "$bin" alice@-bad-.com
2 |  | invalid email address '@gmail.com' | "$bin" @gmail.com
2 |  | unknown word '-bad-.com' | "$bin" -- -bad-.com
2 |  | mailports: invalid address or domain '@gmail.com' (such as alice@example.com or example.com) | "$bin" --discover @gmail.com
2 |  | mailports: invalid address or domain 'alice@-bad-.com' (such as alice@example.com or example.com) | "$bin" --dns-server 127.0.0.1:1 --discover alice@-bad-.com
2 |  | mailports: invalid address or domain 'alice@-.-' | "$bin" --dns-server 127.0.0.1:1 --discover alice@-.-
2 |  | mailports: invalid address or domain 'x@_imaps._tcp.example.com' | "$bin" --dns-server 127.0.0.1:1 --discover x@_imaps._tcp.example.com
2 |  | mailports: invalid address or domain 'x@caf\xe9.example' | "$bin" --dns-server 127.0.0.1:1 --discover "$(printf 'x@caf\351.example')"
2 |  | mailports: invalid address or domain 'x@-café.example' | "$bin" --dns-server 127.0.0.1:1 --discover "$(printf 'x@-caf\303\251.example')"
2 |  | mailports: invalid host '-bad-.com' | "$bin" --probe -bad-.com
2 |  | mailports: invalid host 'mail.-bad.com:993' | "$bin" --probe mail.-bad.com:993
2 |  | mailports: invalid host '192.0.2.300' | "$bin" --probe 192.0.2.300
2 |  | mailports: invalid host '[mail.example.com]:25' | "$bin" --probe '[mail.example.com]:25'
2 |  | mailports: port 99999999999999999999 is out of range 1-65535 | "$bin" --probe mail.example.com:99999999999999999999
2 |  | mailports: invalid host 'mail.example.com:25\x1b[2J' | "$bin" --probe "$(printf 'mail.example.com:25\033[2J')"
2 |  | mailports: invalid host 'caf\xe9.example' | "$bin" --probe "$(printf 'caf\351.example')"
2 |  | mailports: invalid host 'caf\xc2\x9b.example' | "$bin" --probe "$(printf 'caf\302\233.example')"
2 |  | mailports: invalid name server 'ns.example.com' (an address | "$bin" --dns-server ns.example.com --discover example.com
2 |  | mailports: invalid name server '-bad-.com' | "$bin" --dns-server -bad-.com --discover example.com
2 |  | mailports: invalid setting 'xxxxxxxxxxxxxxxxxxxx | "$bin" --check "$(cat "$tmp/100k"):25" ssl
2 |  | mailports: invalid setting 'mail.example.com:25\x1b[2J' | "$bin" --check "$(printf 'mail.example.com:25\033[2J')" starttls
2 |  | mailports: invalid setting '-bad-.com:587' | "$bin" --check -bad-.com:587 starttls
2 |  | mailports: invalid email address 'al\x1bice@gmail.com' | "$bin" --check "$(printf 'al\033ice@gmail.com')"
2 |  | mailports: unknown word 'ssl\x1b' | "$bin" --check mail.example.com:587 "$(printf 'ssl\033')"
2 |  | mailports: word too long 'aaaa | "$bin" --check "$(head -c 300 /dev/zero | tr '\0' a)@gmail.com"
2 |  | mailports: invalid name server '192.0.2.1:0' | "$bin" --dns-server 192.0.2.1:0 --discover example.com
0 | 993 |  | "$bin" -p ALICE@GMAIL.COM. imap
2 |  | invalid argument '\x1b[0m' for --color | "$bin" --color="$(printf '\033[0m')"
2 |  | mailports: invalid option '--port-only=1' | "$bin" --port-only=1
2 |  | mailports: invalid option '-x' | "$bin" -1x
2 |  | mailports: invalid option '-\x1b' | "$bin" "$(printf -- '-\033')"
2 | \n993 | line 1: unknown word 'imap\x00x' | "$bin" -p - <"$tmp/nul"
0 | 993 |  | "$bin" -p - <"$tmp/no-newline"
2 | \n993 | line 1: word too long 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' | "$bin" -p - <"$tmp/10m-line"
2 | \n | line 1: unknown word '\x1b[2J\x1b]0;title\x07' | "$bin" -p - <"$tmp/escapes"
0 | 1000000 |  | "$bin" -p - <"$tmp/million" | wc -l
2 |  | read error on standard input | "$bin" - <&-
2 |  | mailports: write error: Bad file descriptor | "$bin" >&-
2 |  | mailports: write error: No space left on device | "$bin" >/dev/full
2 |  | mailports: write error: No space left on device | "$bin" -p - <"$tmp/million" >/dev/full
141 | 993 143 |  | yes imap | "$bin" -p - | head -1
2 |  | unknown format 'ms\x1b[2Jmtp' for --config | "$bin" --config "$(printf 'ms\033[2Jmtp')" alice@gmail.com
2 |  | invalid address or domain 'alice@exa;mple.com' | "$bin" --config srv 'alice@exa;mple.com'
2 |  | invalid address or domain 'ex<a>mple.com' | "$bin" --config autoconfig 'ex<a>mple.com'
2 |  | invalid address or domain 'alice@exa\x0ample.com' | "$bin" --config mbsync "$(printf 'alice@exa\nmple.com')"
2 |  | invalid address or domain 'al\x0aice@gmail.com' | "$bin" --config neomutt "$(printf 'al\nice@gmail.com')"
2 |  | invalid server 'mail.example.com;rm' | "$bin" --config msmtp --server 'mail.example.com;rm' alice@example.com
2 |  | invalid server 'mail\x0a.example.com' | "$bin" --config msmtp --server "$(printf 'mail\n.example.com')" alice@example.com
2 |  | the name holds a control character | "$bin" --config msmtp --name "$(printf 'Eve\nauth off')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config mbsync --name "$(printf 'Eve\rX')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config fetchmail --name "$(printf 'Eve\033[2J')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config neomutt --name "$(printf 'Eve"\nset imap_pass=x')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config aerc --name "$(printf 'Eve\n[evil]')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config autoconfig --name "$(printf 'Eve\177')" gmail.com
2 |  | the name holds a control character | "$bin" --config mobileconfig --name "$(printf 'Eve\t')" alice@gmail.com
2 |  | the name holds a control character | "$bin" --config srv --name "$(printf 'Eve\n_x IN TXT y')" gmail.com
2 |  | the name is too long | "$bin" --config neomutt --name "$(cat "$tmp/100k")" alice@gmail.com
2 |  | the name for aerc cannot hold any of ';#' | "$bin" --config aerc --name 'Eve # x' alice@gmail.com
0 | * |  | "$bin" --config neomutt --name 'Eve"; `id` $(id) \' alice@gmail.com | grep -qxF 'set real_name = "Eve\"; \`id\` \$(id) \\"'
0 | * |  | "$bin" --config autoconfig --name 'E<v>&"e' gmail.com | grep -qxF '    <displayName>E&lt;v&gt;&amp;&quot;e</displayName>'
TABLE
)

while IFS= read -r row; do
	IFS='|' read -r status out err command <<<"$row"
	status=${status// /}
	out=${out# }; out=${out% }
	err=${err# }; err=${err% }
	command=${command# }
	timeout "${E2E_TIMEOUT:-60}" bash -o pipefail -c "$command" \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	problems=
	[ "$got" -eq "$status" ] || problems="$problems exit $got, wanted $status;"
	if [ "$out" != "*" ]; then
		[ "$(cat "$tmp/out")" = "$(printf '%b' "$out")" ] ||
			problems="$problems stdout: $(head -c 100 "$tmp/out" | od -c | head -2 | tr -s ' ');"
	fi
	if [ -z "$err" ]; then
		[ ! -s "$tmp/err" ] || problems="$problems stderr: $(head -c 200 "$tmp/err");"
	else
		grep -qF -- "$err" "$tmp/err" || problems="$problems stderr lacks $err: $(head -c 200 "$tmp/err");"
	fi
	# Nothing from outside reaches a terminal raw.
	LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <"$tmp/err") &&
		problems="$problems raw control byte on stderr;"
	if [ -z "$problems" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL: %s\n   %s\n' "$command" "$problems"
	fi
done <<<"$table"

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

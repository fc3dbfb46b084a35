#!/usr/bin/env bash
# e2e.sh - end-to-end tests of the built binary: one case per behaviour,
# each asserting standard output, standard error and the exit status.
#
# Usage: tests/cli/e2e.sh ./mailports
set -u

bin=${1:?usage: e2e.sh path/to/mailports}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"
esc=$(printf '\033')

# run [--in FILE] CMD...: runs with a time limit, capturing out, err, status.
run() {
	local in=/dev/null
	if [ "$1" = --in ]; then in=$2; shift 2; fi
	timeout "${E2E_TIMEOUT:-20}" "$@" <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# sh_run SCRIPT: runs a shell pipeline the same way; $bin is exported.
sh_run() {
	timeout "${E2E_TIMEOUT:-20}" bash -o pipefail -c "$1" </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
}
export bin

expect_status() { [ "$status" -eq "$1" ] || problem "exit status $status, wanted $1"; }
expect_out() {
	[ "$(cat "$tmp/out")" = "$1" ] ||
		problem "stdout was: $(head -c 300 "$tmp/out")"
}
expect_out_has() { grep -qF -- "$1" "$tmp/out" || problem "stdout lacks: $1"; }
expect_out_lacks() { ! grep -qF -- "$1" "$tmp/out" || problem "stdout has: $1"; }
expect_err() {
	[ "$(cat "$tmp/err")" = "$1" ] ||
		problem "stderr was: $(head -c 300 "$tmp/err")"
}
expect_err_has() { grep -qF -- "$1" "$tmp/err" || problem "stderr lacks: $1 (was: $(head -c 300 "$tmp/err"))"; }
expect_no_err() { [ ! -s "$tmp/err" ] || problem "stderr: $(head -c 300 "$tmp/err")"; }
expect_no_out() { [ ! -s "$tmp/out" ] || problem "stdout: $(head -c 300 "$tmp/out")"; }

# Answers ----------------------------------------------------------------

run "$bin" imap secure
expect_status 0; expect_no_err
expect_out_has 'PORT  PROTOCOL  ROLE      ENCRYPTION  SECURE  STATUS       NOTE'
expect_out_has '993   IMAP      Incoming  SSL/TLS     yes     recommended  '
[ "$(wc -l <"$tmp/out")" -eq 2 ] || problem "want a header and one row"
try "imap secure answers 993, implicit TLS, in a table"

run "$bin" -p imap secure
expect_status 0; expect_out "993"; expect_no_err
try "-p imap secure prints just 993"

run "$bin" --port-only IMAP Secure
expect_status 0; expect_out "993"
try "--port-only and words in any case"

run "$bin" -p smtp
expect_status 0; expect_out $'587\n465\n25\n2525\n26'
try "smtp lists every SMTP port, recommended first"

run "$bin" smtp
expect_status 0
for p in 587 465 25 2525 26; do grep -qE "^$p +SMTP " "$tmp/out" || problem "no row for $p"; done
expect_out_has '25    SMTP      Relay     STARTTLS    no      standard'
try "smtp table says what each port is for"

run "$bin" -1p send
expect_status 0; expect_out "587"
try "-1 picks 587 as the one port for sending"

run "$bin" --best --port-only receive
expect_status 0; expect_out "993"
try "--best picks 993 for receiving"

run "$bin" -p 587
expect_status 0; expect_out "587"
try "reverse lookup by number"

run "$bin" --tsv 465
expect_status 0; expect_no_err
expect_out $'port\tprotocol\trole\ttls\tsecure\tstatus\tiana\trfcs\tnote\n465\tsmtp\tsubmission\timplicit\tyes\trecommended\tsubmissions\tRFC 8314\tSending over TLS from the first byte (once called smtps); RFC 8314 prefers it, and it is as good as 587 wherever the provider offers it'
try "--tsv prints a header and one record a line"

run "$bin" --json imap
expect_status 0; expect_no_err
expect_out_has '[{"port":993,"protocol":"imap","role":"access","tls":"implicit","secure":true,"status":"recommended","iana":"imaps","rfcs":["RFC 8314","RFC 9051"],"note":"'
expect_out_has '},{"port":143,'
[ "$(wc -l <"$tmp/out")" -eq 1 ] || problem "want one line"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; d=json.load(sys.stdin); assert [r["port"] for r in d]==[993,143]' <"$tmp/out" ||
		problem "not the JSON wanted"
fi
try "--json prints one valid JSON array"

run "$bin"
expect_status 0
[ "$(wc -l <"$tmp/out")" -eq 12 ] || problem "want a header and 11 ports"
expect_out_lacks '585 '; expect_out_lacks '109 '
try "no words prints the whole table but historic ports"

run "$bin" -p historic
expect_status 0; expect_out $'585\n109\n220\n2000'
try "historic ports answer when asked for"

run "$bin" -p pop2
expect_status 0; expect_out "109"
try "a service name reaches a historic port"

run "$bin" imap -p secure
expect_status 0; expect_out "993"
try "options after words"

run "$bin" -p -- 993
expect_status 0; expect_out "993"
try "-- ends the options"

# Forgiving queries: words of one kind are alternatives -------------------

run "$bin" -p 993 995
expect_status 0; expect_out $'993\n995'; expect_no_err
try "two port numbers are alternatives, as getent services takes them"

run "$bin" -p imap pop3
expect_status 0; expect_out $'993\n995\n143\n110'; expect_no_err
try "two protocols are alternatives"

run "$bin" -p send receive secure
expect_status 0; expect_out $'587\n465\n993\n995'; expect_no_err
try "two roles are alternatives, and secure narrows both"

run "$bin" -p 993 995 imap
expect_status 0; expect_out "993"; expect_no_err
try "words of different kinds narrow each other"

run "$bin" gmail outlook
expect_status 2; expect_no_out
expect_err "mailports: one provider at a time, not also 'outlook'"
try "two providers are one error line naming the second"

run "$bin" -p gmail google imap
expect_status 0; expect_out "993"; expect_no_err
try "a provider's word and its alias are one provider"

run "$bin" -p imap secure port
expect_status 0; expect_out "993"; expect_no_err
try "filler words are ignored: imap secure port"

run "$bin" -p smtp ports
expect_status 0; expect_out $'587\n465\n25\n2525\n26'; expect_no_err
try "filler words are ignored: smtp ports"

run "$bin" -p gmail smtp server
expect_status 0; expect_out $'465\n587'; expect_no_err
try "filler words are ignored: gmail smtp server"

run "$bin" -p the mail server settings
expect_status 0; expect_no_err
[ "$(cat "$tmp/out")" = "$("$bin" -p)" ] || problem "not the answer to no words"
try "filler words alone answer as no words do"

run "$bin" -p imap servr
expect_status 2; expect_out $'993\n143'; expect_err "mailports: unknown word 'servr'"
try "a mistyped filler word is an unknown word, with no filler suggested; the rest is answered"

run "$bin" -p ssl/tls
expect_status 0; expect_out $'465\n993\n995'; expect_no_err
try "the dialog's ssl/tls is a query word: implicit TLS"

run "$bin" -p None
expect_status 0; expect_out "366"; expect_no_err
try "the dialog's None is a query word: no TLS at all"

run "$bin" -p smtp tls
expect_status 0; expect_out $'587\n465'; expect_no_err
try "tls alone means a secure port, STARTTLS or SSL/TLS"

run "$bin" -p imap unencrypted
expect_status 0; expect_out "143"; expect_no_err
try "unencrypted is the guides' word: imap unencrypted is 143, which starts in plaintext"

run "$bin" -p insecure
expect_status 0; expect_out $'25\n4190\n366\n143\n110\n2525\n26'; expect_no_err
try "insecure means the ports not counted as secure, STARTTLS ones too"

# The manual's sentence for each encryption and security word lists the
# ports it selects, then those it selects with historic, as the lookup does.
page=$(dirname "$0")/../../man/mailports.1
for word in secure insecure ssl/tls starttls none; do
	# The generated sentence may be folded over several source lines.
	said=$(awk -v w="$word" 'on && /^\./ { exit }
		on { text = text (text == "" ? "" : " ") $0 }
		$0 == ".It Cm " w || index($0, ".It Cm " w " ,") == 1 { on = 1 }
		END { print text }' "$page")
	listed=$(printf '%s\n' "$said" | sed -n 's/^[^:]*: \([0-9, ]*\).*/\1/p')
	historic=$(printf '%s\n' "$said" | sed -n 's/.*; with historic, \([0-9, ]*\) too\.$/\1/p')
	[ -n "$listed" ] || problem "$word: no ports in '$said'"
	[ "$listed" = "$("$bin" -p "$word" | paste -sd, | sed 's/,/, /g')" ] ||
		problem "$word: the manual says '$listed'"
	[ "$historic" = "$("$bin" -p "$word" historic | paste -sd, | sed 's/,/, /g')" ] ||
		problem "$word historic: the manual says '$historic'"
done
try "the manual lists the very ports each security word selects"

printf 'imap ssl/tls\nsmtp starttls port\n' >"$tmp/in"
run --in "$tmp/in" "$bin" -p -
expect_status 0; expect_out $'993\n587 25 2525 26'; expect_no_err
try "batch: dialog and filler words, one answer line a query"

# Nothing found ------------------------------------------------------------

run "$bin" 8080
expect_status 1; expect_no_out
expect_err "mailports: no port matches '8080'"
try "an unknown port exits 1"

run "$bin" -p imap 995
expect_status 1; expect_no_out
expect_err "mailports: no port matches 'imap 995'"
try "contradicting words exit 1"

run "$bin" --json 8080
expect_status 1; expect_out "[]"
expect_err "mailports: no port matches '8080'"
try "--json prints an empty array when no port matches"

run "$bin" --tsv 8080
expect_status 1; expect_out $'port\tprotocol\trole\ttls\tsecure\tstatus\tiana\trfcs\tnote'
expect_err "mailports: no port matches '8080'"
try "--tsv prints its header when no port matches"

run "$bin" --json gmail none
expect_status 1; expect_out "[]"
run "$bin" --tsv gmail none
expect_status 1
expect_out $'provider\tname\tprotocol\thost\tport\ttls\tsecure\tusername\tlogin\tnotes\tsource\tsignin\tenable'
expect_err "mailports: no server of Gmail matches 'gmail none'"
run "$bin" --json alice@example.com
expect_status 1; expect_out "[]"
expect_err_has "mailports: no provider known for 'example.com'"
run "$bin" --tsv example.com
expect_status 1
expect_out $'provider\tname\tprotocol\thost\tport\ttls\tsecure\tusername\tlogin\tnotes\tsource\tsignin\tenable'
try "--json and --tsv answer a miss among servers and an unknown domain whole"

# Bad input (the full table of hostile input is tests/cli/hostile.sh) --------

run "$bin" imapp
expect_status 2; expect_no_out
expect_err "mailports: unknown word 'imapp' (did you mean 'imap'?)"
try "an unknown word is named, with a suggestion"

run "$bin" ""
expect_status 2; expect_no_out; expect_err "mailports: empty word"
try "an empty word is an error"

run "$bin" 0
expect_status 2; expect_err "mailports: port 0 is out of range 1-65535"
try "port 0 is out of range"

run "$bin" 70000
expect_status 2; expect_no_out; expect_err "mailports: port 70000 is out of range 1-65535"
try "port 70000 is out of range"

run "$bin" imapp "$(printf 'a\033[31mb')" 0
expect_status 2; expect_no_out
expect_err_has "unknown word 'imapp'"
expect_err_has "unknown word 'a\\x1b[31mb'"
expect_err_has "port 0 is out of range 1-65535"
grep -q "$esc" "$tmp/err" && problem "raw escape byte on stderr"
try "every bad word is reported, escape sequences escaped"

run "$bin" -x
expect_status 2; expect_no_out
expect_err $'mailports: invalid option \'-x\'\nTry \'mailports --help\'.'
try "an unknown option is one line, then where to look, and exits 2"

# Every usage error: one line naming it, then the pointer to --help.
while IFS='|' read -r want args; do
	# shellcheck disable=SC2086
	run "$bin" $args
	expect_status 2; expect_no_out
	expect_err "mailports: $want"$'\n'"Try 'mailports --help'."
done <<'USAGE'
option '--probe' needs an argument|--probe
invalid timeout 'abc' (seconds, from 0.001 to 3600)|--timeout abc --probe localhost
invalid argument 'bad' for --color (one of: auto always never)|--color=bad imap
--timeout is for --probe, --discover and --check|--timeout 3 993
--verify is for --discover|--verify imap
--discover takes neither --probe, --providers nor -|--discover example.com --providers
--probe takes neither --providers nor -|--probe localhost -
--providers takes no words|--providers imap
'-' (read queries from standard input) must be the only word|imap -
ambiguous option '--p' (--port-only, --providers, --probe, --parallel or --per-address?)|--p imap
invalid option '--jsn' (did you mean '--json'?)|--jsn imap
invalid option '--porbe=::1' (did you mean '--probe'?)|--porbe=::1
invalid option '--nonsense'|--nonsense
USAGE
try "a usage error is one line and a pointer to --help, not the synopsis"

# --config without a format lists the formats, with what each writes: one
# line for each row of data/configs.def.
formats=$(sed -n 's/^CONFIG([a-z]*, *"\([a-z]*\)".*/\1/p' \
	"$(dirname "$0")/../../data/configs.def")
for args in "--config" "--config alice@gmail.com"; do
	# shellcheck disable=SC2086
	run "$bin" $args
	expect_status 2; expect_no_out
	head -n 1 "$tmp/err" | grep -q "^mailports: .*needs a format.*, one of:$" ||
		problem "$args: $(head -n 1 "$tmp/err")"
	[ "$(sed -n 's/^  \([a-z]*\)  .*/\1/p' "$tmp/err")" = "$formats" ] ||
		problem "$args: the formats listed differ from configs.def"
	[ "$(tail -n 1 "$tmp/err")" = "Try 'mailports --help'." ] ||
		problem "$args: no pointer to --help"
done
try "--config without a format lists the formats"

while IFS='|' read -r want args; do
	# shellcheck disable=SC2086
	run "$bin" $args 993
	expect_status 2; expect_no_out
	expect_err "mailports: $want exclude each other"$'\n'"Try 'mailports --help'."
done <<'FORMATS'
--json and --tsv|--json --tsv
--tsv and --json|--tsv --json
-p and --json|-p --json
--json and -p|--json -p
-p and --tsv|-p --tsv
-p and --tsv|--port-only --tsv
-p and --json|-1p --json
FORMATS
run "$bin" --json --json 993
expect_status 0; expect_out_has '[{"port":993,'
run "$bin" -pp 993
expect_status 0; expect_out "993"
try "two different output formats are an error naming both; one twice is not"

run "$bin" --color=sometimes imap
expect_status 2; expect_no_out
expect_err_has "invalid argument 'sometimes' for --color"
try "a bad --color value is named"

run "$bin" imap -
expect_status 2; expect_err_has "'-' (read queries from standard input) must be the only word"
try "- among other words is an error"

# Providers ----------------------------------------------------------------

run "$bin" gmail
expect_status 0; expect_no_err
expect_out_has 'Gmail (gmail)'
expect_out_has 'DIRECTION  PROTOCOL  SERVER          PORT  ENCRYPTION  USER NAME'
expect_out_has 'Incoming   IMAP      imap.gmail.com  993   SSL/TLS     whole address'
expect_out_has 'Outgoing   SMTP      smtp.gmail.com  587   STARTTLS    whole address'
expect_out_has 'note: '
expect_out_has 'source: Mozilla ISP database ispdb/googlemail.com.xml'
try "gmail prints a block for the account dialog"

run "$bin" alice@Hotmail.CO.UK
expect_status 0; expect_no_err
expect_out_has 'Incoming   IMAP      outlook.office365.com  993   SSL/TLS     alice@Hotmail.CO.UK'
expect_out_has 'Outgoing   SMTP      smtp-mail.outlook.com  587   STARTTLS    alice@Hotmail.CO.UK'
try "an address names its provider, case ignored, with the user name"

run "$bin" -p gmail imap
expect_status 0; expect_out "993"; expect_no_err
try "-p gmail imap prints 993"

run "$bin" -p outlook smtp
expect_status 0; expect_out "587"
try "outlook smtp"

run "$bin" -1p gmx
expect_status 0; expect_out $'993\n995\n465'
try "-1 gives the preferred server of each protocol"

for alias in hotmail live msn googlemail icloud me.com o365; do
	run "$bin" -p "$alias"
	[ "$status" -eq 0 ] && [ -s "$tmp/out" ] || problem "$alias: status $status"
done
try "aliases a person would type"

run "$bin" --json yahoo
expect_status 0; expect_no_err
expect_out_has '[{"provider":"yahoo","name":"Yahoo Mail","protocol":"imap","direction":"incoming","host":"imap.mail.yahoo.com","port":993,"tls":"implicit","secure":true,"username":"address","login":null,"notes":["'
[ "$(wc -l <"$tmp/out")" -eq 1 ] || problem "want one line"
try "--json yahoo: one record a server, with the documented keys"

run "$bin" --tsv bob@web.de
expect_status 0
expect_out_has $'provider\tname\tprotocol\thost\tport\ttls\tsecure\tusername\tlogin\tnotes\tsource'
expect_out_has $'webde\tWEB.DE\timap\timap.web.de\t993\timplicit\tyes\tlocalpart\tbob\t'
try "--tsv: a header, then one record a server"

run "$bin" alice@example.com
expect_status 1; expect_no_out
expect_err_has "mailports: no provider known for 'example.com'"
expect_err_has "mailports: try 'mailports --discover alice@example.com'"
awk 'length > 80 { exit 1 }' "$tmp/err" || problem "a line of stderr over 80 columns"
try "an unknown domain exits 1 and says where to look"

run "$bin" alice@
awk 'length > 80 { exit 1 }' "$tmp/err" || problem "a line of stderr over 80 columns"
try "the message for a bad address fits 80 columns"

run "$bin" alice@gmial.com
expect_status 1
expect_err_has "no provider known for 'gmial.com' (did you mean 'gmail.com'?)"
try "a mistyped domain gets a suggestion"

run "$bin" gmail.com.evil.example
expect_status 1; expect_no_out
try "a domain under a provider's domain is not the provider"

run "$bin" 'alice@'
expect_status 2; expect_err "mailports: invalid email address 'alice@' (such as alice@example.com)"
try "an address without a domain is an error"

run "$bin" "$(printf 'al\033ce@gmail.com')"
expect_status 2; expect_err "mailports: invalid email address 'al\\x1bce@gmail.com' (such as alice@example.com)"
try "an address with a control character is refused, escaped"

run "$bin" gmail none
expect_status 1; expect_err "mailports: no server of Gmail matches 'gmail none'"
try "a provider and a contradiction match nothing"

run "$bin" gmal
expect_status 2; expect_err "mailports: unknown word 'gmal' (did you mean 'gmail'?)"
try "a mistyped provider gets a suggestion"

run "$bin" --providers
expect_status 0; expect_no_err
expect_out_has 'PROVIDER'
expect_out_has 'gmail.com google.com googlemail.com'
# A name ends its line, in any script; the domains wrap under it.
[ "$(awk '/^ / && length > 79' "$tmp/out" | wc -l)" -eq 0 ] || problem "lines past 79 columns"
try "--providers lists every provider with its domains"

run "$bin" alice@dd.iij4u.or.jp
expect_status 0
expect_out_has "Incoming   POP3      mbox.iij4u.or.jp  110   STARTTLS    alice.dd.iij4u.or.jp"
expect_out_has "sign in: an encrypted password"
expect_out_has "source: Mozilla ISP database ispdb/dd.iij4u.or.jp.xml, commit c6ad79659b5f of 2026-03-12"
try "a provider of the ISP database alone answers, its user name form filled in"

run "$bin" alice@bb-niigata.jp
expect_status 0
expect_out_has "warning: no server here has encryption"
run "$bin" --tsv alice@bb-niigata.jp
[ "$(cut -f7 "$tmp/out" | sort -u | tr '\n' ' ')" = "no secure " ] ||
	problem "secure: $(cut -f7 "$tmp/out" | tr '\n' ' ')"
try "a provider with only unencrypted servers says so, and none is secure"

run "$bin" --tsv alice@inbox.lv imap
expect_status 0
[ "$(cut -f4 "$tmp/out" | tail -n 1)" = mail.inbox.lv ] || problem "host: $(cut -f4 "$tmp/out")"
run "$bin" -p inbox.lt smtp
expect_out "465"
run "$bin" --json inbox.lt smtp
expect_out_has '"host":"mail.inbox.lt"'
try "a host made of the address's domain is filled in from the address or the domain"

run "$bin" alice@kundenserver.de
expect_status 1
expect_err_has "no provider known for 'kundenserver.de'"
try "a mail exchanger's name is no address domain"

run "$bin" -p oauth2
expect_status 0
expect_out_has "gmail"
expect_out_has "outlook"
expect_out_has "office365"
run "$bin" -p app-password
expect_out_has "icloud"
grep -qx outlook "$tmp/out" && problem "outlook takes no app password"
run "$bin" --tsv oauth2
expect_out_has $'\toauth2'
run "$bin" oauth2 imap
expect_status 2
expect_err "mailports: a sign-in word alone lists providers; with a provider it narrows its servers (mailports gmail oauth2)
Try 'mailports --help'."
run "$bin" -p gmail oauth2
expect_out "993
995
465
587"
run "$bin" --json -1 outlook
expect_out_has '"signin":["oauth2"]'
try "oauth2 and app-password list the providers whose servers take them"

run "$bin" --providers --tsv
expect_out_has $'\tsource\torigin\tsignin\tprefers'
for origin in curated database both; do
	awk -F'\t' -v o="$origin" '$6 == o { n++ } END { exit !n }' "$tmp/out" ||
		problem "no provider from $origin"
done
run "$bin" --version
expect_out_has "providers"
n=$("$bin" -p --providers | wc -l)
[ "$(sed -n 's/.* \([0-9]*\) providers.*/\1/p' "$tmp/out")" = "$n" ] || problem "--version counts not $n providers"
try "--providers says where each provider's rows come from; --version counts them"

run "$bin" -p --providers
expect_status 0
[ "$(wc -l <"$tmp/out")" -ge 40 ] || problem "too few providers"
while read -r word; do
	"$bin" -p "$word" >/dev/null 2>&1 || problem "$word does not answer"
done <"$tmp/out"
try "every word --providers -p lists answers"

"$bin" --providers --tsv | tail -n +2 | cut -f 4 | tr ' ' '\n' | grep -v '^\.' | grep . >"$tmp/domains"
[ "$(wc -l <"$tmp/domains")" -ge 300 ] || problem "too few domains"
run --in "$tmp/domains" "$bin" -p -
expect_status 0; expect_no_err
[ "$(grep -c . "$tmp/out")" -eq "$(wc -l <"$tmp/domains")" ] || problem "a domain did not answer"
try "every domain listed answers, in one batch"

run "$bin" --providers gmail
expect_status 2; expect_err_has "--providers takes no words"
try "--providers takes no words"

run --in <(printf 'gmail imap\nimap secure\nbob@example.com\n') "$bin" -p -
expect_status 1
expect_out $'993\n993'
[ "$(wc -l <"$tmp/out")" -eq 3 ] || problem "want three answer lines"
expect_err "mailports: line 3: no provider known for 'example.com'"
try "batch: providers, ports and unknown domains, one line each"

run --in <(printf 'imap secure\ngmail imap\n') "$bin" --tsv -
expect_status 0
[ "$(grep -c '^port' "$tmp/out")" -eq 1 ] || problem "want one port header"
[ "$(grep -c '^provider' "$tmp/out")" -eq 1 ] || problem "want one server header"
try "batch: --tsv writes a header where the kind of record changes"

# Discovery without the network ---------------------------------------------
# The DNS steps run against a real name server in tests/discover_lab.sh.

run "$bin" --discover alice@gmail.com --dns-server 127.0.0.1:1
expect_status 0; expect_no_err
expect_out_has 'provider table  gmail.com  Gmail (gmail)'
expect_out_has 'IMAP      imap.gmail.com  993   SSL/TLS     alice@gmail.com  provider gmail'
try "--discover: a known provider answers from the table, with no DNS"

run "$bin" -p --discover Bob@GoogleMail.COM. imap
expect_status 0; expect_out "993"
try "--discover: an address in any case, narrowed by words"

run "$bin" --json --discover x@outlook.com smtp
expect_status 0
expect_out_has '{"domain":"outlook.com","steps":[{"source":"provider","query":"outlook.com","found":"Outlook.com (outlook)"}],"settings":[{"protocol":"smtp","host":"smtp-mail.outlook.com","port":587,"tls":"starttls","username":"address","source":"provider","via":"outlook","verified":null,"authenticated":true}],"others":[],"dns_failed":false}'
try "--discover --json has the documented keys"

run "$bin" --timeout 1 --dns-server 127.0.0.1:1 --discover nobody.invalid
expect_status 1
expect_out_has 'no name server answered'
try "--discover: no name server, so the DNS steps fail fast and say so"

run "$bin" --color=always --timeout 0.3 --dns-server 127.0.0.1:1 --verify \
	--discover bob@fastmail.com imap
expect_status 1
expect_out_has 'VERIFIED'
expect_out_has "$esc[31mno address$esc[0m"
try "--discover --verify: a host that does not resolve is not verified"

run "$bin" --providers --discover example.com
expect_status 2
run "$bin" --probe 127.0.0.1 --providers
expect_status 2
run "$bin" --probe 127.0.0.1 -
expect_status 2
run "$bin" --timeout=1x --probe 127.0.0.1
expect_status 2; expect_err_has "invalid timeout '1x'"
run "$bin" --probe '[::1]x'
expect_status 2
run "$bin" --probe 'ho st'
expect_status 2; expect_err_has "invalid host 'ho st'"
run "$bin" --best=1 imap
expect_status 2; expect_err_has "invalid option '--best=1'"
run "$bin" --nonsense imap
expect_status 2; expect_err_has "invalid option '--nonsense'"
try "--probe and --discover with options that do not go with them"

run "$bin" --tsv --timeout 0.3 --dns-server '[::1]:1' --discover x.invalid
expect_status 1
expect_out 'protocol	host	port	tls	username	source	via	verified	cert_findings	matched	instead_of	authenticated	username_template'
try "--discover --tsv with nothing found prints the header alone"

for bad in 'alice@' 'no_dot' 'a..b' '@' "$(printf 'x@\033.com')" \
	'@gmail.com' 'alice@-bad-.com' '-bad-.com' 'alice@example.com-'; do
	run "$bin" --dns-server 127.0.0.1:1 --discover "$bad"
	[ "$status" -eq 2 ] || problem "'$bad': exit $status"
	[ ! -s "$tmp/out" ] || problem "'$bad': asked: $(head -c 200 "$tmp/out")"
	grep -q 'invalid address or domain .* (such as alice@example.com or example.com)$' \
		"$tmp/err" || problem "'$bad': $(cat "$tmp/err")"
done
run "$bin" --dns-server nowhere --discover example.com
expect_status 2; expect_err_has "invalid name server 'nowhere'"
run "$bin" --verify imap
expect_status 2; expect_err_has "--verify is for --discover"
run "$bin" --dns-server 127.0.0.1 imap
expect_status 2; expect_err_has "--dns-server is for --probe, --discover and --check"
run "$bin" --discover example.com gmail
expect_status 2; expect_err_has "--discover takes the words of ports"
run "$bin" --discover example.com --probe example.com
expect_status 2
try "--discover: bad arguments exit 2"

run "$bin" --discover notanaddress
expect_status 2; expect_no_out
expect_err "mailports: invalid address or domain 'notanaddress' (such as alice@example.com or example.com)"
try "--discover names the forms it takes"

# Every mistake in a setting for --check, before anything is resolved or
# probed: one line naming it and the form expected, then where to look.
while IFS='|' read -r want args; do
	# shellcheck disable=SC2086
	run "$bin" $args
	expect_status 2; expect_no_out
	expect_err "mailports: $want"$'\n'"Try 'mailports --help'."
done <<'CHECK'
option '--check' needs an argument|--check
no connection security: say ssl/tls, starttls or none|--check mail.example.com:587
'tls' may mean SSL/TLS or STARTTLS: say ssl/tls, starttls or none|--check mail.example.com:587 tls smtp
'SECURE' may mean SSL/TLS or STARTTLS: say ssl/tls, starttls or none|--check mail.example.com:587 SECURE
one connection security at a time: ssl/tls, starttls or none|--check mail.example.com:587 ssl none
no port in 'mail.example.com' (HOST:PORT, or [ADDRESS]:PORT for IPv6)|--check mail.example.com starttls
invalid setting 'x:70000' (HOST:PORT, or [ADDRESS]:PORT for IPv6)|--check x:70000 ssl
which protocol is port 8080 for? say smtp, imap, pop3 or sieve|--check mail.example.com:8080 ssl
which protocol is port 8080 for? say smtp, imap, pop3 or sieve|--check mail.example.com:8080 receive ssl
which protocol is port 587 for? say smtp, imap, pop3 or sieve|--check mail.example.com:587 imap pop3 ssl
a provider goes in --check as an address, not after HOST:PORT|--check mail.example.com:587 gmail starttls
the port of --check goes with its host, as HOST:PORT|--check mail.example.com:587 465 starttls
unknown word 'imapp' (did you mean 'imap'?)|--check mail.example.com:587 imapp
invalid email address 'alice@' (such as alice@example.com)|--check alice@ ssl
unknown word 'ftp'|--check alice@gmail.com ftp
no server of the provider matches 'sieve'|--check alice@gmail.com sieve
one provider at a time, not also 'bob@gmx.de'|--check alice@gmail.com bob@gmx.de
--check takes --json or --tsv, not -p|-p --check mail.example.com:587 ssl
--check takes neither --probe, --discover, --providers nor -|--check mail.example.com:587 ssl --probe x
--check takes neither --probe, --discover, --providers nor -|--providers --check mail.example.com:587 ssl
--verify is for --discover|--verify --check mail.example.com:587 ssl
CHECK
run "$bin" --dns-server 127.0.0.1:9 --timeout 0.2 --check bob@example.com
expect_status 1; expect_no_out
expect_err "mailports: no provider known for 'bob@example.com', and discovery finds no server (no name server answered): give HOST:PORT and the security"
try "--check of an unknown domain asks discovery, and says when it finds nothing"

run "$bin" --check "$(printf 'a\033[31m:1')" ssl
expect_status 2; expect_no_out
expect_err_has "invalid setting 'a\\x1b[31m:1'"
grep -q "$esc" "$tmp/err" && problem "raw escape byte on stderr"
try "--check: a bad setting is one line naming it, escaped, and exits 2"

# Configuration files (the real clients read them in tests/lab/config_lab.sh)

for format in msmtp mbsync fetchmail neomutt aerc autoconfig mobileconfig srv; do
	run "$bin" --config "$format" alice@gmail.com
	[ "$status" -eq 0 ] || problem "$format: exit $status: $(cat "$tmp/err")"
	expect_no_err
	[ -s "$tmp/out" ] || problem "$format: nothing written"
	grep -q 'imap.gmail.com\|smtp.gmail.com\|pop.gmail.com' "$tmp/out" ||
		problem "$format: no Gmail server"
	grep -qiE '^ *(password[ =]|set [a-z]*_pass = "[^`])' "$tmp/out" &&
		problem "$format: a password in the file"
	try "--config $format writes a file for alice@gmail.com"
done

run "$bin" --config msmtp --server mail.example.com alice@example.com 465
expect_status 0; expect_no_err
expect_out_has 'host mail.example.com'
expect_out_has 'port 465'
expect_out_has 'tls_starttls off'
try "--config msmtp --server takes the host, and the words the port"

run "$bin" --config srv --server mail.example.com example.com
expect_status 0
expect_out_has '_imaps._tcp.example.com. 3600 IN SRV 0 1 993 mail.example.com.'
expect_out_has '_imap._tcp.example.com. 3600 IN SRV 0 0 0 .'
try "--config srv for a domain: every label, '.' where nothing is offered"

run "$bin" --config msmtp alice@gmail.com.
expect_status 0
expect_out_has 'from "alice@gmail.com"'
grep -q 'gmail\.com\.' "$tmp/out" && problem "the root's dot is in the file"
try "--config leaves the root's dot of an address out of the file"

run "$bin" --config mutt alice@gmail.com
expect_status 2; expect_no_out
expect_err "mailports: unknown format 'mutt' for --config (one of: msmtp mbsync fetchmail neomutt aerc autoconfig mobileconfig srv)"
try "an unknown format is one line, with the formats known, exit 2"

run "$bin" --config msmtp bob@example.com
expect_status 1; expect_no_out
expect_err "mailports: no provider known for 'example.com' (try --discover, or --server HOST)"
try "an unknown provider is one line, exit 1"

run "$bin" --config msmtp gmail.com
expect_status 2; expect_no_out
expect_err "mailports: msmtp needs an address, such as alice@gmail.com"
try "a client's file needs an address"

run "$bin" --config neomutt --name "$(printf 'Eve\nset imap_pass=x')" alice@gmail.com
expect_status 2; expect_no_out
expect_err "mailports: the name holds a control character (one line of at most 128 bytes is expected)"
try "a name with a newline is refused, exit 2"

run "$bin" --config aerc --name 'Eve; x' alice@gmail.com
expect_status 2; expect_no_out
expect_err_has "the name for aerc cannot hold any of ';#'"
try "aerc refuses what its INI syntax cannot hold"

run "$bin" --config msmtp --server 'bad host;' alice@example.com
expect_status 2; expect_no_out
expect_err "mailports: invalid server 'bad host;' (a host name, such as mail.example.com)"
try "--server takes a host name only"

run "$bin" --config msmtp --server mail.example.com alice@example.com none
expect_status 1; expect_no_out
expect_err_has "msmtp needs an SMTP server, and none with TLS was found"
try "words that leave no port with TLS find nothing, exit 1"

run "$bin" --config mbsync alice@gmail.com smtp
expect_status 1
expect_err_has "mbsync needs an IMAP server"
try "words narrow a provider's servers"

run "$bin" --server mail.example.com alice@example.com
expect_status 2
expect_err_has "--server is for --config"
run "$bin" --server mail.example.com --name Alice alice@example.com
expect_status 2
expect_err_has "--server and --name are for --config"
run "$bin" --config msmtp --json alice@gmail.com
expect_status 2
expect_err_has "--config takes none of"
run "$bin" --config msmtp --server mail.example.com --discover alice@example.com
expect_status 2
expect_err_has "--server, --probe and --discover exclude each other"
run "$bin" --config msmtp
expect_status 2
expect_err "mailports: --config needs an address, such as alice@example.com"
try "--config's options go together as the synopsis says"

run "$bin" --config msmtp --dns-server bogus --discover alice@example.com
expect_status 2; expect_no_out
expect_err_has "invalid name server 'bogus'"
run "$bin" --config msmtp 'alice@'
expect_status 2; expect_no_out
expect_err_has "invalid address or domain 'alice@'"
run "$bin" --config msmtp alice@gmail.com imapp
expect_status 2; expect_no_out
expect_err_has "unknown word 'imapp'"
for server in mail.example.com:25 192.0.2.1 '[2001:db8::1]'; do
	run "$bin" --config msmtp --server "$server" alice@example.com
	expect_status 2; expect_no_out
	expect_err_has "invalid server '$server' (a host name, such as mail.example.com)"
done
try "bad name servers, addresses, words and servers are each one line, exit 2"

run "$bin" --config msmtp --discover alice@gmail.com --dns-server 127.0.0.1:1
expect_status 0; expect_no_err
expect_out_has 'host smtp.gmail.com'
try "--config --discover takes a known provider from the table, offline"

run "$bin" --config srv --timeout 0.3 --dns-server 127.0.0.1:1 --discover alice@example.com
expect_status 1; expect_no_out
expect_err "mailports: srv needs a server, and none with TLS was found for example.com"
try "--config --discover with nothing found writes nothing, exit 1"

run "$bin" --config mobileconfig alice@gmail.com
a=$(cat "$tmp/out")
run "$bin" --config mobileconfig alice@gmail.com
[ "$a" = "$(cat "$tmp/out")" ] || problem "two runs differ"
grep -qE '<string>[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}</string>' \
	"$tmp/out" || problem "no UUID"
try "the profile's UUIDs are the same from run to run"

# What the output says of itself is true ------------------------------------

run "$bin" gmx
expect_status 0
[ "$(head -n 1 "$tmp/out")" = "GMX (gmx.net; gmx)" ] ||
	problem "title: $(head -n 1 "$tmp/out")"
# Every provider, or every E2E_EVERY-th: the memcheck gate, where a run
# costs a few tenths of a second, samples them.
"$bin" -p --providers | awk -v n="${E2E_EVERY:-1}" 'NR % n == 1 || n == 1' \
	>"$tmp/words"
while read -r word; do
	"$bin" "$word" | head -n 1
done <"$tmp/words" >"$tmp/titles"
[ "$(wc -l <"$tmp/titles")" -eq "$(wc -l <"$tmp/words")" ] ||
	problem "a provider without a title"
grep -E '\) \(' "$tmp/titles" && problem "a title with two parentheses"
try "a provider's title has one parenthesis, its word in it"

# A source that names a provider's SMTP port names the one -1 chooses.
"$bin" --providers --tsv | tail -n +2 | cut -f 1,5 |
	sed -n 's/^\([^\t]*\)\t.*SMTP on \([0-9]*\).*/\1 \2/p' >"$tmp/cited"
[ -s "$tmp/cited" ] || problem "no source names an SMTP port"
while read -r word port; do
	[ "$("$bin" -1p "$word" smtp)" = "$port" ] ||
		problem "$word: its source cites $port, -1 gives $("$bin" -1p "$word" smtp)"
done <"$tmp/cited"
try "a source that cites an SMTP port cites the one listed first"

# The placeholders a file's comments tell the user to replace are those
# it holds, and each it holds is named.
for format in msmtp mbsync neomutt aerc; do
	for address in alice@outlook.com alice@gmail.com alice@example.com; do
		if [ "$address" = alice@example.com ]; then
			"$bin" --config "$format" --server mail.example.com "$address"
		else
			"$bin" --config "$format" "$address"
		fi >"$tmp/file" 2>&1
		for placeholder in PASSWORD-COMMAND TOKEN-COMMAND; do
			held=$(grep -v '^#' "$tmp/file" | grep -c "$placeholder")
			named=$(grep '^#' "$tmp/file" | grep -c "replace.*$placeholder\|^# $placeholder")
			if [ "$held" -gt 0 ] && [ "$named" -eq 0 ]; then
				problem "$format $address holds $placeholder, says nothing of it"
			elif [ "$held" -eq 0 ] && [ "$named" -gt 0 ]; then
				problem "$format $address says to replace $placeholder, which it lacks"
			fi
		done
	done
done
try "a file's comments name the placeholders it holds, and no other"

# Every comment line of every file, for every provider, fits 80 columns,
# but for a single word longer than that (a host name, a URL): those of
# "#" and ";", and XML's, whose lines after the first start with blanks.
"$bin" --providers --tsv | awk -F'\t' 'NR > 1 { split($4, d, " "); print $1, d[1] }' \
	>"$tmp/domains"
for format in msmtp mbsync fetchmail neomutt aerc autoconfig mobileconfig srv; do
	while read -r word; do
		"$bin" --config "$format" "$word.invalid" --server \
			"a-rather-long-host-name-for-mail.$word.example" 2>/dev/null
		domain=$(awk -v w="$word" '$1 == w { print $2 }' "$tmp/domains")
		[ -n "$domain" ] && "$bin" --config "$format" "alice@$domain" 2>/dev/null
	done <"$tmp/words" |
		awk '(/^[#;] / || /^<!-- / || /^     [^ <]/) && length > 80 && NF > 2' \
		>"$tmp/wide"
	[ -s "$tmp/wide" ] && problem "$format: $(head -n 3 "$tmp/wide")"
done
try "every comment line --config writes fits 80 columns"

# Help and version ---------------------------------------------------------

run "$bin" -h
expect_status 0; expect_no_err
expect_out_has "usage: mailports [-1hV]"
[ "$(tail -n 1 "$tmp/out")" = "The manual, mailports(1), has every word and option, the port table, the rest." ] ||
	problem "last line: $(tail -n 1 "$tmp/out")"
try "-h prints usage on stdout and points to the manual for the rest"

run "$bin" --help
# 22 lines: the command above them and the prompt below fit too.
[ "$(wc -l <"$tmp/out")" -le 22 ] || problem "$(wc -l <"$tmp/out") lines, over 22"
[ "$(awk 'length > 80' "$tmp/out" | wc -l)" -eq 0 ] ||
	problem "over 80 columns: $(awk 'length > 80' "$tmp/out")"
grep -q "$(printf '\t')" "$tmp/out" && problem "a tab, of no known width"
try "--help fits a terminal of 80x24"

run "$bin" --help
expect_status 0; expect_out_has "--port-only"
try "--help works too"

run "$bin" -V
expect_status 0; expect_no_err
head -n 1 "$tmp/out" | grep -qxE 'mailports [0-9]+\.[0-9]+\.[0-9]+' || problem "no version first"
try "-V prints the version first"

# The facts' date, and counts that agree with what the program lists.
run "$bin" --version
# Every row of the table: those shown without words, then the historic.
ports=$({ "$bin" --tsv | tail -n +2; "$bin" --tsv historic | tail -n +2; } | wc -l)
providers=$("$bin" -p --providers | wc -l)
domains=$("$bin" --providers --tsv | tail -n +2 | cut -f4 | tr ' ' '\n' | grep -c .)
[ "$(sed -n 2p "$tmp/out")" = "data revised $(sed -n 's/^REVISION("\(.*\)")$/\1/p' \
	"$(dirname "$0")/../../data/revision.def"): $ports ports, $providers providers, $domains domains" ] ||
	problem "second line: $(sed -n 2p "$tmp/out"), wanted $ports ports, $providers providers, $domains domains"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || problem "not two lines"
try "--version dates the data and counts its ports, providers and domains"

run "$bin" --help
names=$(sed -n 's/^OPTION("\([^"]*\)".*/\1/p' "$(dirname "$0")/../../data/options.def")
[ "$(echo "$names" | wc -l)" -gt 10 ] || problem "too few options in options.def"
for name in $names; do
	# An option that goes with another one is the manual's to describe.
	if grep -A1 "^OPTION(\"$name\"" "$(dirname "$0")/../../data/options.def" |
		grep -q '^    "with --'; then
		grep -qE -- "^  (-., |    )--$name( |\[)" "$tmp/out" &&
			problem "--help lists --$name, which goes with another option"
		continue
	fi
	grep -qE -- "^  (-., |    )--$name( |\[)" "$tmp/out" || problem "--help lacks --$name"
done
grep -qxF '      --color[=WHEN]  colour the table: auto (the default), always or never' "$tmp/out" ||
	problem "--help does not show --color's argument as optional"
try "--help lists every option but those that go with another, with its argument"

# Its examples: a word, an address and a setting to check, each run as
# written but for the network, and saying what the program answers.
run "$bin" --help
sed -n 's/^  e\.g\. /       /; s/^       mailports \(.*[^ ]\)   *\([^ ].*\)$/\1\t\2/p' \
	"$tmp/out" >"$tmp/examples"
[ "$(wc -l <"$tmp/examples")" -eq 3 ] || problem "want three examples: $(cat "$tmp/examples")"
grep -q $'^[a-z ]*\t' "$tmp/examples" || problem "no example of a word"
grep -q $'^[a-z]*@[a-z.]*\t' "$tmp/examples" || problem "no example of an address"
grep -q $'^--check [^ ]* [a-z/]*\t' "$tmp/examples" || problem "no example of --check"
while IFS=$'\t' read -r args says; do
	# shellcheck disable=SC2086
	case $args in
	--check*) "$bin" --timeout 0.001 $args >/dev/null 2>"$tmp/example"
		# Without the network the name may not resolve, which is no
		# mistake in the words.
		[ $? -le 1 ] || grep -q 'resolve' "$tmp/example" ||
			problem "$args: $(cat "$tmp/example")" ;;
	*@*) "$bin" $args >"$tmp/example" 2>&1 ||
		problem "$args: exit status $?"
		grep -q 'SERVER' "$tmp/example" || problem "$args: no servers" ;;
	*) port=$("$bin" -p $args)
		case $says in *"$port"*) ;; *) problem "$args says '$says', answers $port" ;; esac ;;
	esac
done <"$tmp/examples"
try "--help shows a word, an address and --check, each as the program answers"

run "$bin" --color=sometimes imap
expect_status 2
expect_err_has "invalid argument 'sometimes' for --color (one of: auto always never)"
try "a bad --color value is named, with the values it takes"

run "$bin" --color='auto always' imap
expect_status 2
expect_err_has "invalid argument 'auto always' for --color"
try "--color takes one value, not a list of them"

# A closed pipe ----------------------------------------------------------
# Full disks, closed descriptors and other hostile input: tests/hostile.sh.

sh_run '"$bin" | head -1; echo "status ${PIPESTATUS[0]}"'
expect_out $'PORT  PROTOCOL     ROLE      ENCRYPTION  SECURE  STATUS       NOTE\nstatus 0'
expect_no_err
try "| head -1 ends quietly"

sh_run 'yes imap | "$bin" -p - | head -1; echo "status ${PIPESTATUS[1]}"'
expect_out $'993 143\nstatus 141'
expect_no_err
try "an endless batch into head -1 ends quietly by SIGPIPE"

# Queries on standard input ------------------------------------------------

printf 'imap secure\nsmtp send\n\nfoo\n8080\n  25  ' >"$tmp/in"
run --in "$tmp/in" "$bin" -p -
expect_status 2
expect_out $'993\n587 465 2525 26\n\n\n25'
expect_err $'mailports: line 4: unknown word \'foo\'\nmailports: line 5: no port matches the query'
try "batch: one answer line a query, blank lines skipped, errors named"

printf '70000\nbad@\n993\n' >"$tmp/in"
run --in "$tmp/in" "$bin" -p -
expect_status 2; expect_out $'\n\n993'
expect_err $'mailports: line 1: port 70000 is out of range 1-65535\nmailports: line 2: invalid email address \'bad@\' (such as alice@example.com)'
try "batch: a port out of range and a bad address say what is wrong, by line"

printf '993\r\nsubmission\r\n' >"$tmp/in"
run --in "$tmp/in" "$bin" -p -
expect_status 0; expect_out $'993\n587'; expect_no_err
try "batch: CRLF line ends"

printf '993\n8080\n' >"$tmp/in"
run --in "$tmp/in" "$bin" -p -
expect_status 1; expect_out "993"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || problem "want an empty line for 8080"
try "batch: a query without answer exits 1"

printf 'imap secure\n8080\nbogus\n' >"$tmp/in"
run --in "$tmp/in" "$bin" --json -
expect_status 2
expect_out_has '[{"port":993,'
[ "$(sed -n '2,3p' "$tmp/out")" = $'[]\n[]' ] || problem "want [] for lines 2 and 3"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || problem "want one line a query"
try "batch: --json answers each query on its line"

printf '993\n995\n' >"$tmp/in"
run --in "$tmp/in" "$bin" --tsv -
expect_status 0
[ "$(grep -c '^port' "$tmp/out")" -eq 1 ] || problem "want one header"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || problem "want three lines"
try "batch: --tsv prints the header once"

printf '993\n995\n' >"$tmp/in"
run --in "$tmp/in" "$bin" -
expect_status 0
[ "$(grep -c '^PORT' "$tmp/out")" -eq 2 ] || problem "want two tables"
[ "$(sed -n 3p "$tmp/out")" = "" ] || problem "want a blank line between tables"
try "batch: tables for people, a blank line apart"

# Colour -------------------------------------------------------------------

run "$bin" --color=always imap
expect_out_has "${esc}[32mSSL/TLS${esc}[0m"
expect_out_has "${esc}[31mSTARTTLS${esc}[0m"
try "--color=always colours secure green and the rest red"

run "$bin" --color imap
expect_out_has "${esc}[32m"
try "a bare --color means always"

run "$bin" imap
grep -q "$esc" "$tmp/out" && problem "colour into a pipe"
try "no colour when stdout is not a terminal"

run "$bin" --color=always -p imap
expect_out $'993\n143'
try "no colour in script formats"

if ! script -qec true /dev/null >/dev/null 2>&1; then
	echo "skipped: the terminal colour cases (no script(1) here)"
else
	sh_run 'script -qec "\"$bin\" imap" /dev/null'
	expect_out_has "${esc}[32m"
	try "colour on a terminal"

	sh_run 'NO_COLOR=1 script -qec "\"$bin\" imap" /dev/null'
	grep -q "${esc}\[3" "$tmp/out" && problem "colour despite NO_COLOR"
	try "NO_COLOR turns colour off"

	sh_run 'TERM=dumb script -qec "\"$bin\" --color=auto imap" /dev/null'
	grep -q "${esc}\[3" "$tmp/out" && problem "colour on a dumb terminal"
	try "TERM=dumb turns colour off"

	sh_run 'NO_COLOR=1 script -qec "\"$bin\" --color=always imap" /dev/null'
	expect_out_has "${esc}[32m"
	try "--color=always wins over NO_COLOR"
fi

# A host two providers list is the one's whose domain it is under.
run "$bin" outlook.office365.com
expect_status 0
expect_out_has 'Microsoft 365 (office365)'
run "$bin" smtp-mail.outlook.com
expect_status 0
expect_out_has 'Outlook.com (outlook)'
try "a server host name shared by providers answers for its domain's"

summary

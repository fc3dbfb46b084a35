#!/usr/bin/env bash
# questions.sh - questions as people type them, from the port guides'
# headings and troubleshooting sections and from forum titles, and the
# ports each must give (with -p), its exit status and a piece of its
# stderr; then the cheat sheet's answers to the troubleshooting phrases,
# and the manual's sentence for each plain-text word against the program.
#
# Usage: tests/cli/questions.sh ./mailports [man/mailports.1]
set -u

here=$(dirname "$0")
. "$here/../helpers/lib.sh"

bin=${1:?usage: questions.sh MAILPORTS [MANUAL]}
manual=${2:-$here/../../man/mailports.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# exit status | the ports of mailports -p, one line, in order | a piece of
# stderr ("": none) | the question as typed at a shell prompt.
table=$(cat <<'TABLE'
0 | 993 |  | what is port 993
0 | 143 |  | imap not secure
0 | 465 587 |  | "smtp port for alice@gmail.com"
0 | 465 587 |  | "alice@gmail.com cannot send?"
0 | 993 995 465 587 |  | alice@gmail.com?
2 |  | invalid email address | "al ice@gmail.com"
2 |  | at most 4 things side by side | imap vs pop3 vs smtp vs sieve vs odmr
0 | 587 25 2525 26 |  | smtp without ssl
0 | 993 143 465 |  | imap vs 465
0 | 995 110 993 |  | pop3 vs imaps
0 | 587 465 |  | smtp tls vs ssl
0 | 587 25 4190 143 110 2525 26 465 |  | starttls vs 465
0 | 995 110 993 143 |  | pop3 vs imap
0 | 993 143 995 110 |  | imap vs pop3
0 | 587 465 2525 26 |  | which port to send mail
0 | 587 465 2525 26 |  | can receive but not send
0 | 465 587 |  | "smtp port for gmail"
0 | 587 |  | office 365 smtp
0 | 993 995 587 |  | microsoft 365
0 | 993 995 587 |  | exchange
0 | 143 |  | imap plaintext
0 | 110 |  | pop3 plain
0 | 587 25 2525 26 |  | smtp plaintext
0 | 465 587 |  | smtp.gmail.com
0 | 993 |  | imap.gmail.com
0 | 993 995 |  | outlook.office365.com
0 | 993 |  | imap.mail.me.com
0 | 993 995 465 |  | mail.inbox.lt
0 | 587 |  | smtp.gmail.com 587
0 | 993 995 465 587 |  | john.jacob.jingleheimer.schmidt.the.third.of.that.name.from.xyz@gmail.com
0 | 993 995 465 587 |  | '"quoted local"@gmail.com'
1 |  | no provider known for 'nowhere.example' | alice@nowhere.example
0 | 25 587 |  | is smtp port 25 or 587
0 | 587 465 |  | what is the difference between ports 465 and 587
0 | 587 465 993 995 |  | which email ports are secure
0 | 587 465 993 995 25 4190 366 143 110 2525 26 |  | what are the main email servers and which ports do they use
0 | 993 143 |  | imap port number
0 | 995 110 |  | pop3 port number
0 | 587 465 25 2525 26 |  | smtp port number
0 | 993 143 |  | default imap port
0 | 993 |  | secure imap port
0 | 993 |  | imap ssl port
0 | 995 |  | pop3 ssl port
0 | 465 |  | smtp ssl port
0 | 587 465 |  | smtp tls port
0 | 587 25 2525 26 |  | smtp starttls port
0 | 993 |  | gmail imap settings
0 | 465 587 |  | gmail smtp server settings
0 | 587 |  | outlook.com smtp
0 | 587 |  | hotmail smtp
0 | 993 |  | yahoo mail imap
0 | 587 |  | icloud smtp
0 | 993 |  | me.com imap
0 | 465 587 |  | google workspace smtp
0 | 993 |  | g suite imap
0 | 587 |  | o365 smtp
0 | 993 |  | exchange online imap
0 | 587 |  | live smtp
0 | 587 25 2525 26 |  | unencrypted smtp port
0 | 110 |  | non-ssl pop3
0 | 143 |  | cleartext imap
0 | 143 |  | plain-text imap
0 | 110 |  | non-encrypted pop3 port
0 | 587 465 2525 26 |  | cannot send email
0 | 993 143 |  | "can't connect to imap server"
0 |  |  | certificate error
0 | 587 465 25 2525 26 |  | connection refused smtp
0 | 587 465 25 2525 26 |  | smtp timed out
0 | 587 |  | outlook cannot send
0 | 587 465 2525 26 |  | port 25 blocked
0 | 2525 |  | smtp port 2525
0 | 465 |  | what is port 465
0 | 465 993 995 587 25 4190 143 110 2525 26 |  | ssl vs starttls
0 | 993 143 995 110 |  | imap or pop3
0 | 993 143 |  | which port does imap use
0 | 587 465 25 2525 26 |  | what port is smtp
2 | 465 587 | unknown word 'prot' | smtp prot for gmail
2 |  | unknown word 'imapp' (did you mean 'imap'?) | imapp server
2 | 587 465 25 2525 26 | unknown word 'gmial' (did you mean 'gmail'?) | gmial smtp
0 | 465 587 |  | alice@gmail.com cannot send
0 | 587 465 25 2525 26 |  | "what is the smtp port?"
0 | 993 143 |  | "what's the imap port"
0 | 995 |  | secure pop3 port
0 | 993 995 143 110 |  | incoming mail server port
0 | 587 465 2525 26 |  | outgoing mail server port
0 | 993 993 |  | gmail vs outlook imap
0 | 465 587 |  | 465 or 587
2 |  | (at most 64 bytes before the @, 254 in all) | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@gmail.com
0 | 993 |  | alice@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.onmicrosoft.com imap
0 | 587 |  | "outlook smtp port?"
0 | 993 995 465 587 |  | Alice.Smith+lists@gmail.com
0 | 993 |  | la poste imap
0 | 993 |  | zoho eu imap
0 | 465 587 |  | "t online smtp"
0 | 587 |  | windows live smtp
TABLE
)

while IFS= read -r row; do
	IFS='|' read -r status ports err question <<<"$row"
	status=${status// /}
	ports=${ports# }; ports=${ports% }
	err=${err# }; err=${err% }
	question=${question# }
	eval "set -- $question"
	"$bin" -p "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	[ "$got" -eq "$status" ] || problem "exit $got, wanted $status"
	[ "$(tr '\n' ' ' <"$tmp/out" | sed 's/ $//')" = "$ports" ] ||
		problem "ports: $(tr '\n' ' ' <"$tmp/out"), wanted $ports"
	if [ -z "$err" ]; then
		[ ! -s "$tmp/err" ] || problem "stderr: $(head -c 200 "$tmp/err")"
	else
		grep -qF -- "$err" "$tmp/err" ||
			problem "stderr lacks '$err': $(head -c 200 "$tmp/err")"
	fi
	try "mailports $question"
done <<<"$table"

[ "$(grep -c . <<<"$table")" -ge 60 ] ||
	{ problem "fewer than 60 questions"; try "the table holds 60 questions or more"; }

# A troubleshooting phrase answers with its entry of the cheat sheet, the
# manual's very lines, and the --check command that tests it.
box=$(sed -n '/^\.Bd -literal$/,/^\.Ed$/p' "$manual" | sed -n '2,/^\.Ed$/p' |
	sed '$d')
topic() {
	local first=$1 check=$2
	shift 2
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 0 ] || problem "exit status $?"
	grep -qxF -- "$first" "$tmp/out" || problem "no line '$first': $(head -3 "$tmp/out")"
	grep -qxF -- "$first" <<<"$box" || problem "'$first' is not in the manual's cheat sheet"
	grep -qxF -- "Test it: mailports --check $check" "$tmp/out" ||
		problem "no --check $check: $(cat "$tmp/out")"
	[ ! -s "$tmp/err" ] || problem "stderr: $(cat "$tmp/err")"
	try "mailports $* answers with its topic"
}
topic "Can receive, cannot send?  Port 25 is blocked on many networks: 587 or 465." \
	"ADDRESS send" can receive but not send
topic "Can receive, cannot send?  Port 25 is blocked on many networks: 587 or 465." \
	"alice@gmail.com send" alice@gmail.com "can't send"
topic "Can receive, cannot send?  Port 25 is blocked on many networks: 587 or 465." \
	"ADDRESS send" "I can receive mail but not send it"
topic "Cannot connect?  Port and encryption do not match (993 with None, 465 with" \
	"ADDRESS" "can't connect"
topic "Cannot connect?  Port and encryption do not match (993 with None, 465 with" \
	"ADDRESS" cannot connect to imap
topic "Certificate error?  Use the server name on the certificate, the one the" \
	"ADDRESS" certificate error
topic "Refused or timed out?  Nothing listens there, or a firewall drops the port:" \
	"ADDRESS" connection refused
topic "Refused or timed out?  Nothing listens there, or a firewall drops the port:" \
	"ADDRESS" smtp timed out
topic "Send      SMTP 587 STARTTLS or 465 SSL/TLS; 25 is for servers (relay)" \
	"ADDRESS send" which port to send mail
topic "Certificate error?  Use the server name on the certificate, the one the" \
	"'\"quoted local\"@gmail.com'" '"quoted local"@gmail.com' certificate error
topic "Can receive, cannot send?  Port 25 is blocked on many networks: 587 or 465." \
	"smtp.gmail.com:465 SSL/TLS send" smtp.gmail.com cannot send
topic "Cannot connect?  Port and encryption do not match (993 with None, 465 with" \
	"mail.inbox.lt:993 SSL/TLS" "mail.inbox.lt can't connect"

# Two providers side by side: a table each, for scripts a JSON line each
# and TSV records under one header.
"$bin" --json gmail vs outlook imap >"$tmp/out" 2>"$tmp/err" ||
	problem "--json exit status $?"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || problem "--json: $(cat "$tmp/out")"
grep -q '^\[{"provider":"outlook"' "$tmp/out" || problem "--json lacks Outlook.com"
"$bin" --tsv gmail vs outlook imap >"$tmp/out" 2>"$tmp/err" ||
	problem "--tsv exit status $?"
[ "$(grep -c '^provider' "$tmp/out")" -eq 1 ] || problem "--tsv headers: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || problem "--tsv: $(cat "$tmp/out")"
"$bin" gmail vs outlook imap >"$tmp/out" 2>"$tmp/err" || problem "exit status $?"
[ "$(grep -c '^DIRECTION' "$tmp/out")" -eq 2 ] || problem "not two tables"
try "two providers side by side: a table each, a JSON line each, one TSV header"

# Every line of the topic's answer fits 80 columns, as the manual's box
# does; the table after it is a pipe's, unwrapped.
"$bin" can receive but not send | sed '/^$/q' | awk 'length > 80 { exit 1 }' ||
	problem "a line over 80 columns"
try "a topic's answer fits 80 columns"

# The manual's sentence for each plain-text word lists the ports the
# program gives for it, historic ones after "with historic".
words=$(sed -n 's/^WORD("\([^"]*\)", *PLAIN,.*/\1/p' "$here/../../data/words.def")
[ "$(grep -c . <<<"$words")" -ge 7 ] || problem "too few plain-text words"
for word in $words; do
	grep -q "^\.It Cm .*$word" "$manual" || problem "the manual has no $word"
done
# The sentence may run over lines of the source: up to the next item.
line=$(sed -n '/^\.It Cm plain ,/,/^\.It/p' "$manual" | sed '1d;$d' | tr '\n' ' ')
listed=$(sed 's/[^:]*: \([0-9, ]*\);.*/\1/; s/,//g; s/ *$//' <<<"$line")
for word in $words; do
	got=$("$bin" -p "$word" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$listed" ] || problem "$word gives $got, the manual says $listed"
done
historic=$(sed 's/.*with historic, \([0-9, ]*\) too.*/\1/; s/,//g; s/ *$//' <<<"$line")
got=$("$bin" -p plain historic | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$historic" ] || problem "plain historic gives $got, the manual says $historic"
try "the manual says exactly which ports each plain-text word selects"

summary

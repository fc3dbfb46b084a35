#!/usr/bin/env bash
# man.sh - the manual is clean mdoc, opens with the cheat sheet, holds
# every port and word the program knows, and its examples, like the
# README's, print what the program prints and fit 80 columns; the
# providers' page lists every provider.
#
# Usage: tests/cli/man.sh man/mailports.1 man/mailports-providers.7 README.md ./mailports
set -u

usage="usage: man.sh PAGE PROVIDERS-PAGE README BINARY"
page=${1:?$usage}
providers=${2:?$usage}
readme=${3:?$usage}
bin=${4:?$usage}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"

mandoc -Tlint -Wwarning "$page" >"$tmp/lint" 2>&1 || problem "$(cat "$tmp/lint")"
try "mandoc -Tlint -Wwarning is clean"

# The style checks too, for both pages.  They look up every Xr, so the
# pages sit in a manual tree of their own, searched first: each must find
# the other.  Whether another package's page is installed says nothing of
# ours, so only a missing mailports page counts, and mandoc's notes about
# an outdated database are not about the page.
mkdir -p "$tmp/man/man1" "$tmp/man/man7"
cp "$page" "$tmp/man/man1/mailports.1"
cp "$providers" "$tmp/man/man7/mailports-providers.7"
for p in "$page" "$providers"; do
	MANPATH="$tmp/man:$(manpath 2>/dev/null || echo /usr/share/man)" \
		mandoc -Tlint -Wstyle "$p" 2>&1 |
		awk '/outdated mandoc\.db/ { next }
			/referenced manual not found: Xr / && !/Xr mailports/ { next }
			{ print }' >"$tmp/style"
	[ -s "$tmp/style" ] && problem "$(cat "$tmp/style")"
done
try "mandoc -Tlint -Wstyle is clean for both pages"

# Without the overstrikes of bold and underline, to read as text.
mandoc -Tascii "$page" >"$tmp/rendered.raw" 2>&1 || problem "does not render"
sed 's/.\x08//g' "$tmp/rendered.raw" >"$tmp/rendered"
grep -q 'PORT TABLE' "$tmp/rendered" || problem "no port table"
try "the page renders"

# render WIDTH: the page as man shows it at WIDTH columns, by mandoc and,
# where man(1) formats with groff, by man too, each followed by "@@".
render() {
	mandoc -Tascii -Owidth="$1" "$page" | sed 's/.\x08//g' | expand
	echo @@
	if command -v man >/dev/null && command -v groff >/dev/null; then
		MANWIDTH=$1 man -l "$page" 2>/dev/null | sed 's/.\x08//g' | expand
		echo @@
	fi
}

# The header of each page, as man shows it at 80 columns, holds its title
# whole: groff's mdoc cuts a long one to "TITLE...".
for p in "$page" "$providers"; do
	title=$(sed -n 's/^\.Dt \([^ ]*\) \([0-9]\).*/\1(\2)/p' "$p")
	[ -n "$title" ] || problem "$p has no .Dt"
	{
		mandoc -Tascii -Owidth=80 "$p"
		if command -v man >/dev/null && command -v groff >/dev/null; then
			MANWIDTH=80 man -l "$p" 2>/dev/null
		fi
	} | sed 's/.\x08//g' | grep -F "$title" | head -n 1 >"$tmp/header"
	[ -s "$tmp/header" ] || problem "$p: no header with $title"
	grep -q '\.\.\.' "$tmp/header" && problem "$p: header cut: $(cat "$tmp/header")"
	if command -v man >/dev/null && command -v groff >/dev/null; then
		MANWIDTH=80 man -l "$p" 2>/dev/null | sed 's/.\x08//g' | head -n 1 |
			grep -qF "$title" || problem "$p: man's header lacks $title"
	fi
done
try "each page's header holds its title whole at 80 columns"

# The first screen at 80 columns, right under DESCRIPTION, is the cheat
# sheet: the ports to set, what the dialog's words mean, the two checks.
render 80 | awk '/^@@$/ { n = 0; print; next } ++n <= 24' >"$tmp/first"
while IFS= read -r want; do
	# Each renderer's screen must hold every line.
	awk -v want="$want" '/^@@$/ { if (!found) bad = 1; found = 0; next }
		$0 ~ want { found = 1 } END { exit bad }' "$tmp/first" ||
		problem "the first 24 lines lack /$want/"
done <<'LINES'
^DESCRIPTION$
^     Send  .*SMTP 587 STARTTLS or 465 SSL/TLS
25 is for servers
^     Receive  .*IMAP 993 SSL/TLS or POP3 995 SSL/TLS
Connection security .*Encrypted connection
^       SSL/TLS  .*TLS from the first byte, implicit TLS
^       STARTTLS  .*plaintext greeting, then TLS.*require it.*None: never
^     Can receive, cannot send[?]  Port 25 is blocked .*587 or 465
^     Cannot connect[?]  Port and encryption do not match .*993 with None, 465 with
STARTTLS, 587 with SSL/TLS.*other port.*TROUBLESHOOTING
LINES
awk '/^@@$/ { after = 0; next } after == 1 && !/^     Send / { bad = 1 }
	after == 1 { after = 2 } /^DESCRIPTION$/ { after = 1 } END { exit bad }' \
	"$tmp/first" || problem "the cheat sheet does not open DESCRIPTION"
awk 'length > 80' "$tmp/first" | grep . && problem "the first screen is wider than 80 columns"
try "the first 24 lines at 80 columns hold the cheat sheet"

# Every line of EXAMPLES fits an 80-column terminal.
render 80 >"$tmp/rendered80"
grep -q '^EXAMPLES$' "$tmp/rendered80" || problem "no EXAMPLES"
awk '/^EXAMPLES$/ { on = 1; next } /^[A-Z@]/ { on = 0 } on && length > 80' \
	"$tmp/rendered80" >"$tmp/wide"
[ -s "$tmp/wide" ] && problem "lines wider than 80 columns: $(cat "$tmp/wide")"
try "every line of EXAMPLES fits 80 columns"

# Every port the program knows, with its note, is in the page's table.
# Tabs become unit separators: read would merge empty tab-separated fields.
# The page's text lines are joined, one line for each run between macros,
# since the notes are folded to keep its lines within 80 bytes.
awk '/^\./ { if (text != "") print text; text = ""; print; next }
	{ text = text == "" ? $0 : text " " $0 }
	END { if (text != "") print text }' "$page" >"$tmp/joined"
{ "$bin" --tsv; "$bin" --tsv historic | tail -n +2; } | tail -n +2 |
	tr '\t' '\037' >"$tmp/ports"
[ "$(wc -l <"$tmp/ports")" -gt 10 ] || problem "too few ports from $bin"
while IFS=$'\037' read -r port protocol role tls secure status iana rfcs note; do
	grep -qE "^\.It $port Ta " "$page" || problem "no table row for $port"
	awk -v note="$note." 'index($0, note) == 1 { found = 1 } END { exit !found }' \
		"$tmp/joined" || problem "no note for $port"
	IFS=, read -ra list <<<"${rfcs//, /,}"
	for rfc in "${list[@]}"; do
		grep -qxF ".%R $rfc" "$page" || problem "STANDARDS lacks $rfc"
	done
done <"$tmp/ports"
try "every port, note and RFC is in the page"

# Every word the program knows is described in the page: those of
# data/words.def that select ports, and the ports' IANA service names.
{
	sed -n 's/^WORD("\([^"]*\)", *\(PROTO\|ROLE\|SECURE\|TLS\|STATUS\|PORT\),.*/\1/p' \
		"$(dirname "$0")/../../data/words.def"
	{ "$bin" --tsv; "$bin" --tsv historic; } | awk -F'\t' 'FNR > 1 && $7 != "" && $7 != "iana" { print $7 }'
} | sort -u >"$tmp/words"
[ "$(wc -l <"$tmp/words")" -gt 30 ] || problem "too few words from words.def"
while read -r word; do
	grep -qE "^\.It Cm (.* , Cm )?$word( |$)" "$page" ||
		problem "no entry for the word $word"
done <"$tmp/words"
try "every word is in the page"

# Every option is described in the page: those --help lists, and those
# of data/options.def that it leaves to the manual.
{
	"$bin" --help | sed -n 's/^  \(-., \|    \)--\([a-z-]*\).*/\2/p'
	sed -n 's/^OPTION("\([^"]*\)".*/\1/p' \
		"$(dirname "$0")/../../data/options.def"
} | sort -u >"$tmp/options"
[ "$(wc -l <"$tmp/options")" -gt 10 ] || problem "too few options"
while read -r option; do
	grep -qE "^\.It (Fl . , )?Fl -$option( |$)" "$page" ||
		problem "no entry for the option --$option"
done <"$tmp/options"
try "every option is in the page"

# The SYNOPSIS is what usage prints.
# Long forms wrap: a line that does not start with the name continues one.
join_forms() {
	awk '{ sub(/^ +/, "") } /^mailports / { if (form != "") print form; form = $0; next }
		/./ && form != "" { form = form " " $0 } END { if (form != "") print form }' |
		tr -s ' '
}
# --help prints it first, up to the examples.
"$bin" --help | sed -n '/^usage:/,/^  [-e]/p' | sed '$d; s/^usage: //' | join_forms >"$tmp/usage"
[ "$(wc -l <"$tmp/usage")" -ge 4 ] || problem "too few forms from --help"
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$tmp/rendered" | sed '1d;$d' | join_forms >"$tmp/synopsis"
diff "$tmp/usage" "$tmp/synopsis" >/dev/null ||
	problem "usage and SYNOPSIS differ: $(diff "$tmp/usage" "$tmp/synopsis")"
try "usage prints the SYNOPSIS"

# Every provider the program knows is in the providers' page: its word
# heads an entry, with its name and where its rows come from, and every
# domain of its addresses is there.  A line ending in \c goes on with the
# next, without a space; a character beyond ASCII is written \[uXXXX].
awk '/^\./ { if (text != "") print text; text = ""; print; next }
	{ line = $0; glue = sub(/\\c$/, "", line)
	  text = text == "" || joined ? text line : text " " line; joined = glue }
	END { if (text != "") print text }' "$providers" >"$tmp/providers-joined"
"$bin" --providers --tsv | tail -n +2 |
	perl -CS -pe 's/([^\x00-\x7f])/sprintf("\\[u%04X]", ord($1))/ge' |
	tr '\t' '\037' >"$tmp/providers"
[ "$(wc -l <"$tmp/providers")" -gt 10 ] || problem "too few providers from $bin"
# Not a tab between fields for read: a run of tabs would be one, and a
# provider known by its mail exchangers alone has no domain.
while IFS=$'\037' read -r word name words domains source origin signin; do
	grep -qE "^\.It Cm $word( |$)" "$providers" || problem "no entry for $word"
	case $origin in
	curated) from="curated" ;;
	database) from="from the ISP database" ;;
	*) from="from the ISP database with curated changes" ;;
	esac
	grep -qxF -- "$name, $from:" "$tmp/providers-joined" ||
		problem "no name for $word"
	for domain in $domains; do
		grep -qF -e ": ${domain/#./*.}," -e ": ${domain/#./*.}." \
			-e ", ${domain/#./*.}," -e ", ${domain/#./*.}." \
			"$tmp/providers-joined" || problem "no domain $domain for $word"
	done
done <"$tmp/providers"
grep -qx '\.Xr mailports-providers 7' "$page" ||
	problem "$page does not name the providers' page"
try "the providers' page lists every provider and domain"

# run_examples FILE: runs each "$ mailports ..." example in FILE (already
# cut to example blocks, one "@@" line between blocks) and compares what
# it prints, on standard output and error, with what the example shows.
run_examples() {
	local command= expected= count=0 line
	flush() {
		if [ -n "$command" ]; then
			count=$((count + 1))
			got=$(cd "$tmp" && PATH="$(dirname "$bin"):$PATH" \
				bash -o pipefail -c "$command" 2>&1)
			[ "$got" = "$expected" ] ||
				problem "\$ $command"$'\n'"wanted: $expected"$'\n'"got: $got"
		fi
		command= expected=
	}
	while IFS= read -r line; do
		case $line in
		'$ '*) flush; command=${line#\$ } ;;
		@@) flush ;;
		*) [ -n "$command" ] && expected=${expected:+$expected$'\n'}$line ;;
		esac
	done <"$1"
	flush
	[ "$count" -gt 0 ] || problem "no examples found"
}

sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p; /^\.Sh CONFIGURATION FILES/,/^\.Sh /p' "$page" |
	awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0; print "@@"; next } on' |
	sed 's/\\e/\\/g' >"$tmp/man-examples"
run_examples "$tmp/man-examples"
try "the manual's examples, those of EXAMPLES and CONFIGURATION FILES, print what they show"

# The README's examples, and the maintainers' guide's beside it.
for doc in "$readme" "$(dirname "$readme")/HACKING.md"; do
	awk '/^```console/ { on = 1; next } /^```/ { if (on) print "@@"; on = 0; next } on' \
		"$doc" >"$tmp/readme-examples"
	run_examples "$tmp/readme-examples"
	try "the examples of $(basename "$doc") print what they show"
done

# The README is for people starting out: short, its counts the program's.
[ "$(wc -l <"$readme")" -le 250 ] || problem "$(wc -l <"$readme") lines, over 250"
counts=$("$bin" --version | sed -n 's/.*, \([0-9]*\) providers, \([0-9]*\) domains$/\1 \2/p')
read -r nproviders ndomains <<<"$counts"
[ -n "$ndomains" ] || problem "no counts from --version"
tr '\n' ' ' <"$readme" | grep -oE '[0-9][0-9,]* (address )?(providers|domains)' |
	tr -d , >"$tmp/counts"
[ -s "$tmp/counts" ] || problem "the README counts nothing"
while read -r n what; do
	case $what in
	providers) [ "$n" = "$nproviders" ] ||
		problem "the README says $n providers, the program $nproviders" ;;
	*) [ "$n" = "$ndomains" ] ||
		problem "the README says $n domains, the program $ndomains" ;;
	esac
done <"$tmp/counts"
try "the README fits 250 lines, and its counts are the program's"

summary

#!/usr/bin/env bash
# man.sh - the manual is clean mdoc, holds every port and word the program
# knows, and its examples, like the README's, print what the program prints.
#
# Usage: tests/man.sh man/mailports.1 README.md ./mailports
set -u

page=${1:?usage: man.sh PAGE README BINARY}
readme=${2:?usage: man.sh PAGE README BINARY}
bin=${3:?usage: man.sh PAGE README BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

mandoc -Tlint -Wwarning "$page" >"$tmp/lint" 2>&1 || problem "$(cat "$tmp/lint")"
try "mandoc -Tlint -Wwarning is clean"

# Without the overstrikes of bold and underline, to read as text.
mandoc -Tascii "$page" >"$tmp/rendered.raw" 2>&1 || problem "does not render"
sed 's/.\x08//g' "$tmp/rendered.raw" >"$tmp/rendered"
grep -q 'PORT TABLE' "$tmp/rendered" || problem "no port table"
try "the page renders"

# Every port the program knows, with its note, is in the page's table.
# Tabs become unit separators: read would merge empty tab-separated fields.
{ "$bin" --tsv; "$bin" --tsv historic | tail -n +2; } | tail -n +2 |
	tr '\t' '\037' >"$tmp/ports"
[ "$(wc -l <"$tmp/ports")" -gt 10 ] || problem "too few ports from $bin"
while IFS=$'\037' read -r port protocol role tls secure status iana rfcs note; do
	grep -qE "^\.It $port Ta " "$page" || problem "no table row for $port"
	grep -qxF "$note." "$page" || problem "no note for $port"
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
		"$(dirname "$0")/../data/words.def"
	{ "$bin" --tsv; "$bin" --tsv historic; } | awk -F'\t' 'FNR > 1 && $7 != "" && $7 != "iana" { print $7 }'
} | sort -u >"$tmp/words"
[ "$(wc -l <"$tmp/words")" -gt 30 ] || problem "too few words from words.def"
while read -r word; do
	grep -qE "^\.It Cm (.* , Cm )?$word( |$)" "$page" ||
		problem "no entry for the word $word"
done <"$tmp/words"
try "every word is in the page"

# Every option --help lists is described in the page.
"$bin" --help | sed -n 's/^  \(-., \|    \)--\([a-z-]*\).*/\2/p' >"$tmp/options"
[ "$(wc -l <"$tmp/options")" -gt 10 ] || problem "too few options from --help"
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
# --help prints it first, up to the first blank line.
"$bin" --help | sed -n '/^usage:/,/^$/p' | sed 's/^usage: //' | join_forms >"$tmp/usage"
[ "$(wc -l <"$tmp/usage")" -ge 4 ] || problem "too few forms from --help"
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$tmp/rendered" | sed '1d;$d' | join_forms >"$tmp/synopsis"
diff "$tmp/usage" "$tmp/synopsis" >/dev/null ||
	problem "usage and SYNOPSIS differ: $(diff "$tmp/usage" "$tmp/synopsis")"
try "usage prints the SYNOPSIS"

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

sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$page" |
	awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0; print "@@"; next } on' |
	sed 's/\\e/\\/g' >"$tmp/man-examples"
run_examples "$tmp/man-examples"
try "the manual's examples print what they show"

awk '/^```console/ { on = 1; next } /^```/ { if (on) print "@@"; on = 0; next } on' \
	"$readme" >"$tmp/readme-examples"
run_examples "$tmp/readme-examples"
try "the README's examples print what they show"

summary

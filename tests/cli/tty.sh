#!/usr/bin/env bash
# tty.sh - on a terminal the tables fit its width, and in a pipe they do
# not wrap at all.  Each command runs in a pseudo-terminal of script(1)
# (util-linux) set to 80 and to 120 columns, and again into a pipe.
#
# Usage: tests/cli/tty.sh ./mailports
set -u

bin=${1:?usage: tty.sh path/to/mailports}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-tty.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"

# Colour is beside the point here, and its escapes are not columns.
export NO_COLOR=1
unset COLUMNS

# on_tty COLUMNS ARGS...: what mailports ARGS writes to a terminal that
# wide, into $tmp/tty, without the carriage returns the terminal adds.
on_tty() {
	local columns=$1 command
	shift
	command="stty cols $columns rows 50 && exec $(printf '%q ' "$bin" "$@")"
	timeout 20 script -qec "$command" /dev/null </dev/null 2>&1 |
		tr -d '\r' >"$tmp/tty"
}

# piped ARGS...: the same into a pipe, into $tmp/pipe.
piped() {
	timeout 20 "$bin" "$@" </dev/null 2>&1 | cat >"$tmp/pipe"
}

# words FILE: the words of FILE, one a line, in their order.
words() { tr -s ' \n' '\n\n' <"$1" | sed '/^$/d'; }

longest() { awk '{ if (length > m) m = length } END { print m + 0 }' "$1"; }

if ! command -v script >/dev/null 2>&1; then
	skip "tables on a terminal" "script(1) of util-linux is not installed"
	summary
	exit
fi

# With no words, on a terminal of 80x24: the whole table, a line a port,
# and the way to the notes, in 22 lines, so that the command above and the
# prompt below show with it; into a pipe, the whole table with its notes.
piped
on_tty 80
[ "$(wc -l <"$tmp/tty")" -le 22 ] ||
	problem "$(wc -l <"$tmp/tty") lines on a terminal, over 22"
[ "$(longest "$tmp/tty")" -le 80 ] || problem "wider than 80 columns"
head -n 1 "$tmp/tty" | grep -qx 'PORT  PROTOCOL *ROLE *ENCRYPTION  SECURE  STATUS' ||
	problem "header: $(head -n 1 "$tmp/tty")"
# Each row of the pipe's table, less its note, is a line of the screen.
cut -c 1-"$(head -n 1 "$tmp/pipe" | awk '{ print index($0, "NOTE") - 1 }')" \
	"$tmp/pipe" | sed 's/ *$//' >"$tmp/rows"
[ "$(wc -l <"$tmp/rows")" -gt 10 ] || problem "too few rows in the pipe"
head -n "$(wc -l <"$tmp/rows")" "$tmp/tty" | cmp -s - "$tmp/rows" ||
	problem "the rows differ from the pipe's: $(head -n "$(wc -l <"$tmp/rows")" "$tmp/tty" | diff - "$tmp/rows" | head -5)"
grep -qF 'mailports | less' "$tmp/tty" || problem "no way to see the notes"
grep -qF 'mailports --help' "$tmp/tty" || problem "no way to --help"
grep -q ' NOTE$' <(head -n 1 "$tmp/pipe") || problem "the pipe lost the notes"
[ "$(wc -l <"$tmp/pipe")" -eq "$(("$(wc -l <"$tmp/rows")"))" ] ||
	problem "the pipe has more than the table"
cp "$tmp/pipe" "$tmp/pipe.keep"
COLUMNS=40 piped
cmp -s "$tmp/pipe" "$tmp/pipe.keep" || problem "COLUMNS changed the piped output"
try "mailports on a terminal of 80x24 fits it, and says where the notes are"

# Each command the screen suggests runs, and answers.
for suggested in "587" "imap secure" "alice@gmail.com" "--help"; do
	# shellcheck disable=SC2086
	"$bin" $suggested >/dev/null 2>&1 || problem "mailports $suggested fails"
	grep -qF "mailports $suggested" "$tmp/tty" || problem "no mailports $suggested"
done
try "the first screen's suggestions work"

for args in smtp alice@gmail.com; do
	piped $args
	cp "$tmp/pipe" "$tmp/pipe.keep"
	for columns in 80 120; do
		on_tty "$columns" $args
		[ -s "$tmp/tty" ] || problem "nothing on the terminal"
		[ "$(longest "$tmp/tty")" -le "$columns" ] ||
			problem "a line is longer than $columns columns:" \
				"$(awk -v c="$columns" 'length > c' "$tmp/tty")"
		# The same words in the same order: none is broken, none
		# lost, every word of each NOTE whole.
		words "$tmp/pipe" >"$tmp/pipe.words"
		words "$tmp/tty" >"$tmp/tty.words"
		cmp -s "$tmp/pipe.words" "$tmp/tty.words" ||
			problem "the words differ from the piped output's:" \
				"$(diff "$tmp/pipe.words" "$tmp/tty.words" |
					head -5)"
	done
	try "mailports $args fits 80 and 120 columns, no word broken"

	# Scripts never see wrapping, whatever COLUMNS says.
	COLUMNS=40 piped $args
	cmp -s "$tmp/pipe" "$tmp/pipe.keep" ||
		problem "COLUMNS changed the piped output"
	try "mailports $args into a pipe ignores COLUMNS"
done

# Into a pipe each port is one line, its note whole.
piped smtp
[ "$(wc -l <"$tmp/pipe")" -eq "$(($("$bin" -p smtp | wc -l) + 1))" ] ||
	problem "want a header and a line a port: $(cat "$tmp/pipe")"
grep -q '^587 .* set the client to insist on STARTTLS$' "$tmp/pipe" ||
	problem "587's note is not on its line"
try "mailports smtp into a pipe writes one line a port"

# At 120 columns a note wraps under NOTE; at 80 it has lines of its own.
on_tty 120 smtp
note=$(head -1 "$tmp/tty" | awk '{ print index($0, "NOTE") - 1 }')
indent=$(sed -n 3p "$tmp/tty" | awk '{ match($0, /^ */); print RLENGTH }')
[ "$indent" -eq "$note" ] ||
	problem "the second line of a note does not start under NOTE"
on_tty 80 smtp
sed -n 3p "$tmp/tty" | grep -q '^    The usual port for sending' ||
	problem "at 80 columns a note goes on its own indented line"
try "a note wraps under its column, or below its row when narrow"

# The window's size wins over COLUMNS, which is for a terminal that
# tells none.
COLUMNS=40 on_tty 120 smtp
[ "$(longest "$tmp/tty")" -gt 80 ] || problem "COLUMNS overrode the window"
on_tty 0 smtp
[ "$(longest "$tmp/tty")" -le 80 ] || problem "no window size is 80 columns"
COLUMNS=100 on_tty 0 smtp
[ "$(longest "$tmp/tty")" -gt 80 ] && [ "$(longest "$tmp/tty")" -le 100 ] ||
	problem "COLUMNS=100 without a window size: $(longest "$tmp/tty")"
try "the width is the window's, else COLUMNS, else 80"

# --help is not a table: it fits the terminal by being short.
piped --help
if [ "$(longest "$tmp/pipe")" -gt 80 ]; then
	skip "--help fits 80 columns" \
		"--help has lines of $(longest "$tmp/pipe") columns"
else
	for columns in 80 120; do
		on_tty "$columns" --help
		[ "$(longest "$tmp/tty")" -le "$columns" ] ||
			problem "--help is wider than $columns columns"
		cmp -s "$tmp/tty" "$tmp/pipe" ||
			problem "--help on a terminal differs from the pipe's"
	done
	try "--help fits 80 and 120 columns"
fi

summary

#!/usr/bin/env bash
# bench.sh - what a lookup costs, in instructions counted by callgrind
# (repeatable, unlike seconds), next to an empty C program and getent.
#
# Usage: tests/bench.sh ./mailports build/empty
set -u

bin=${1:?usage: bench.sh MAILPORTS EMPTY}
empty=${2:?usage: bench.sh MAILPORTS EMPTY}
if ! command -v valgrind >/dev/null; then
	echo "bench: valgrind is needed (make deps installs it)" >&2
	exit 2
fi

# instructions CMD...: the instructions the whole process executes.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		2>&1 >/dev/null | sed -n 's/^==[0-9]*== Collected : //p'
}

base=$(instructions "$empty")
[ -n "$base" ] || { echo "bench: callgrind gave no count" >&2; exit 2; }
printf '%-36s %12s %7s\n' command instructions ratio
row() {
	local label=$1 count
	shift
	count=$(instructions "$@")
	awk -v l="$label" -v c="$count" -v b="$base" \
		'BEGIN { printf "%-36s %12d %7.2f\n", l, c, c / b }'
}
row "empty C program" "$empty"
row "mailports imap secure" "$bin" imap secure
row "mailports -p imap secure" "$bin" -p imap secure
row "mailports 993" "$bin" 993
row "mailports alice@hotmail.co.uk" "$bin" alice@hotmail.co.uk
row "mailports -p gmail imap" "$bin" -p gmail imap
row "mailports (whole table)" "$bin"
if command -v getent >/dev/null; then
	row "getent services 993" getent services 993
fi

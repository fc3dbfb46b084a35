#!/usr/bin/env bash
# bench.sh - what a lookup costs, in instructions counted by callgrind
# (repeatable, unlike seconds), next to an empty C program built the same
# way and getent.  The lookups marked in the last column must cost at most
# LIMIT times the empty program, and the misses (an unknown domain, with
# "did you mean") MISS_LIMIT times; a row over its limit is a FAIL line,
# and the exit status is 1.  The other rows are for comparison.  Beside
# each row, for information only, its wall-clock time over that of
# getent services 993: seconds vary with the machine and its load, so
# they hold nothing to a limit.
#
# Usage: tests/gates/bench.sh ./mailports build/empty [LIMIT [MISS_LIMIT]]
# (defaults 1.6 and 2.0)
set -u

usage="usage: bench.sh MAILPORTS EMPTY [LIMIT [MISS_LIMIT]]"
bin=${1:?$usage}
empty=${2:?$usage}
limit=${3:-1.6}
miss_limit=${4:-2.0}
for l in "$limit" "$miss_limit"; do
	if ! awk -v l="$l" 'BEGIN { exit !(l ~ /^[0-9]+(\.[0-9]+)?$/ && l > 0) }'; then
		echo "bench: limit '$l' is not a positive number" >&2
		exit 2
	fi
done
if ! command -v valgrind >/dev/null; then
	echo "bench: valgrind is needed (make deps installs it)" >&2
	exit 2
fi

# instructions CMD...: the instructions the whole process executes.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		2>&1 >/dev/null | sed -n 's/^==[0-9]*== Collected : //p'
}

# wall CMD...: the microseconds of its fastest run of thirty, the least
# disturbed by whatever else the machine is doing.
wall() {
	local best='' start t _
	for _ in $(seq 30); do
		start=${EPOCHREALTIME/./}
		"$@" >/dev/null 2>&1
		t=$((${EPOCHREALTIME/./} - start))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

base=$(instructions "$empty")
[ -n "$base" ] || { echo "bench: callgrind gave no count" >&2; exit 2; }
getent_us=
command -v getent >/dev/null && getent_us=$(wall getent services 993)
printf 'limit: %s times the instructions of the empty program, %s for a miss, on the rows marked limit\n' \
	"$limit" "$miss_limit"
printf 'time: the wall clock over that of getent services 993 (%s us), for information\n' \
	"${getent_us:-?}"
printf '%-36s %12s %7s %7s\n' command instructions ratio time
fails=()
# row [--limited | --miss] LABEL CMD...: the command's row; --limited
# holds it to the limit, --miss to the limit for a miss.
row() {
	local limited='' label count us
	[ "$1" = --limited ] && { limited=$limit; shift; }
	[ "$1" = --miss ] && { limited=$miss_limit; shift; }
	label=$1
	shift
	count=$(instructions "$@")
	[ -n "$count" ] || { echo "bench: callgrind gave no count for $label" >&2; exit 2; }
	us=
	[ -n "$getent_us" ] && us=$(wall "$@")
	awk -v l="$label" -v c="$count" -v b="$base" -v m="${limited:+limit $limited}" \
		-v us="$us" -v g="$getent_us" \
		'BEGIN { printf "%-36s %12d %7.2f %7s  %s\n", l, c, c / b,
			(g > 0 ? sprintf("%.2f", us / g) : "-"), m }' | sed 's/ *$//'
	[ -n "$limited" ] || return 0
	if awk -v c="$count" -v b="$base" -v m="$limited" 'BEGIN { exit !(c > b * m) }'; then
		fails+=("$(awk -v l="$label" -v c="$count" -v b="$base" -v m="$limited" \
			'BEGIN { printf "FAIL: %s costs %.3f times the empty program (%d instructions), over the limit of %s", l, c / b, c, m }')")
	fi
}
row "empty C program" "$empty"
row --limited "mailports imap secure" "$bin" imap secure
row "mailports -p imap secure" "$bin" -p imap secure
row --limited "mailports 993" "$bin" 993
row --limited "mailports alice@hotmail.co.uk" "$bin" alice@hotmail.co.uk
row --limited "mailports alice@jubii.dk" "$bin" alice@jubii.dk
row --miss "mailports alice@hotmial.co.uk" "$bin" alice@hotmial.co.uk
row --miss "mailports alice@nowhere.example" "$bin" alice@nowhere.example
row "mailports -p gmail imap" "$bin" -p gmail imap
row --limited "mailports (whole table)" "$bin"
if command -v getent >/dev/null; then
	row "getent services 993" getent services 993
fi
if [ ${#fails[@]} -gt 0 ]; then
	printf '%s\n' "${fails[@]}"
	exit 1
fi
echo "bench: every limited lookup within $limit times the empty program, every miss within $miss_limit"

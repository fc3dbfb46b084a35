#!/usr/bin/env bash
# tools.sh - the build's own programs: mkman fills in the manual's date
# and version from SOURCE_DATE_EPOCH or the data and refuses a date it
# cannot read; mkcomp writes a completion for each shell it knows and
# refuses others; both report a failed write.
#
# Usage: tests/cli/tools.sh BUILD-DIR (holding mkman and mkcomp)
set -u

dir=${1:?usage: tools.sh BUILD-DIR}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-tools.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

# run CMD...: captures out, err and status, with a time limit.
run() { timeout 20 "$@" >"$tmp/out" 2>"$tmp/err"; status=$?; }

run "$dir/mkcomp"
[ "$status" -eq 1 ] && grep -qx 'usage: mkcomp bash|zsh|fish' "$tmp/err" ||
	problem "status $status, stderr: $(cat "$tmp/err")"
try "mkcomp without a shell prints its usage"

run "$dir/mkcomp" tcsh
[ "$status" -eq 1 ] && grep -qx "mkcomp: unknown shell 'tcsh'" "$tmp/err" ||
	problem "status $status, stderr: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && problem "wrote: $(head -c 100 "$tmp/out")"
try "mkcomp names a shell it does not know"

for shell in bash zsh fish; do
	run "$dir/mkcomp" $shell
	[ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] || problem "$shell: status $status, $(cat "$tmp/err")"
	head -n 2 "$tmp/out" | grep -q "^# $shell completion for mailports(1)" ||
		problem "$shell: no header"
	$shell -n "$tmp/out" 2>"$tmp/syntax" || problem "$shell -n: $(cat "$tmp/syntax")"
done
try "mkcomp writes a completion each shell parses"

if [ -w /dev/full ]; then
	timeout 20 "$dir/mkcomp" bash >/dev/full 2>"$tmp/err"; status=$?
	[ "$status" -eq 1 ] && grep -q '^mkcomp: No space left on device' "$tmp/err" ||
		problem "mkcomp: status $status, $(cat "$tmp/err")"
	timeout 20 "$dir/mkman" <"$top/man/mailports.1.in" >/dev/full 2>"$tmp/err"; status=$?
	[ "$status" -eq 1 ] && grep -q '^mkman: No space left on device' "$tmp/err" ||
		problem "mkman: status $status, $(cat "$tmp/err")"
	timeout 20 "$dir/mkproviders" >/dev/full 2>"$tmp/err"; status=$?
	[ "$status" -eq 1 ] && grep -q '^mkproviders: No space left on device' "$tmp/err" ||
		problem "mkproviders: status $status, $(cat "$tmp/err")"
	try "mkcomp, mkman and mkproviders report a full disk"
else
	skip "mkcomp, mkman and mkproviders report a full disk" "no writable /dev/full"
fi

run "$dir/mkproviders" extra
[ "$status" -eq 2 ] && grep -qx 'usage: mkproviders >providers_table.c' "$tmp/err" ||
	problem "status $status, stderr: $(cat "$tmp/err")"
try "mkproviders takes no arguments"

# The domains come sorted, for the binary search, and the same each time.
run "$dir/mkproviders"
[ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] || problem "status $status, $(cat "$tmp/err")"
sed -n '/^const struct mp_domain mp_domains/,/^};/p' "$tmp/out" |
	sed -n 's/^\t{ [0-9]*, [0-9]*, 0x[0-9a-f]*, "\(.*\)" },$/\1/p' >"$tmp/sorted"
[ "$(wc -l <"$tmp/sorted")" -gt 900 ] || problem "only $(wc -l <"$tmp/sorted") domains"
LC_ALL=C sort -c "$tmp/sorted" 2>/dev/null || problem "the domains are not sorted"
LC_ALL=C sort -u -c "$tmp/sorted" 2>/dev/null || problem "a domain is there twice"
"$dir/mkproviders" | cmp -s - "$tmp/out" || problem "two runs differ"
try "mkproviders writes the domains sorted, once each, the same every time"

printf '.Dd @DATE@\n.Os x @VERSION@\nalice@example.com @ @DAT\n' >"$tmp/template"
run env SOURCE_DATE_EPOCH=0 "$dir/mkman" <"$tmp/template"
version=$(sed -n 's/^VERSION = //p' "$top/Makefile")
printf '.Dd January 1, 1970\n.Os x %s\nalice@example.com @ @DAT\n' "$version" >"$tmp/want"
[ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/out" ||
	problem "status $status, wrote: $(cat "$tmp/out")"
try "mkman fills in the date of SOURCE_DATE_EPOCH and the version, and leaves other @ alone"

for epoch in '' x 12x -1 99999999999999999999999; do
	run env SOURCE_DATE_EPOCH="$epoch" "$dir/mkman" <"$tmp/template"
	[ "$status" -eq 1 ] && grep -qF "mkman: SOURCE_DATE_EPOCH '$epoch' is not a number of seconds" "$tmp/err" ||
		problem "'$epoch': status $status, $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && problem "'$epoch': wrote $(head -c 100 "$tmp/out")"
done
try "mkman refuses a SOURCE_DATE_EPOCH that is not a number of seconds"

summary

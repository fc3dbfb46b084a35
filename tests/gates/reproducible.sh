#!/usr/bin/env bash
# reproducible.sh - two builds of the same source, in two directories of
# different paths, with files of different dates and modes, make the same
# bytes: the program, the manuals, the completions and the release tarball.
# The manual's date comes from SOURCE_DATE_EPOCH when it is set and from
# data/revision.def when it is not, never from the clock.
#
# Usage: tests/gates/reproducible.sh (through make reproducible, from the top)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-reproducible.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/../helpers/lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL

# The source as make dist packs it, without anything built.
version=$(sed -n 's/^VERSION = //p' "$top/Makefile")
files=$(make -s -C "$top" --no-print-directory -f - print-dist-files <<EOF
include Makefile
print-dist-files:
	@echo \$(DIST_FILES)
EOF
)
[ -n "$version" ] && [ -n "$files" ] || { echo "reproducible.sh: no version or files" >&2; exit 1; }

# One copy as checked out; the other deeper, with a umask that leaves
# files unreadable to others and every file dated now.
a=$tmp/a/mailports
b=$tmp/second/build/tree/of/mailports-src
mkdir -p "$a" "$b"
(cd "$top" && tar -cf - $files) | (cd "$a" && tar -xpf -)
(umask 077 && cd "$top" && tar -cf - $files | (cd "$b" && tar -xf - --no-same-permissions --touch))

epoch=1700000000
for dir in "$a" "$b"; do
	(cd "$dir" && SOURCE_DATE_EPOCH=$epoch make all dist) >"$dir.log" 2>&1 ||
		problem "the build in $dir failed: $(tail -n 20 "$dir.log")"
done
for file in mailports man/mailports.1 man/mailports-providers.7 \
	build/completions/mailports.bash \
	build/completions/_mailports build/completions/mailports.fish \
	"mailports-$version.tar.gz"; do
	[ -s "$a/$file" ] || problem "no $file"
	cmp -s "$a/$file" "$b/$file" || problem "$file differs"
done
try "two directories build the same program, manuals, completions and tarball"

# The check has teeth: a path that leaks makes the programs differ.
(cd "$b" && SOURCE_DATE_EPOCH=$epoch make B=build/leaky BIN=build/leaky/mailports \
	REPRODUCIBLE_CFLAGS= build/leaky/mailports) >"$b.leaky.log" 2>&1 ||
	problem "the build without -ffile-prefix-map failed"
grep -q "$b" "$b/build/leaky/mailports" || problem "no path in a build without -ffile-prefix-map"
grep -q "$b" "$b/mailports" && problem "the build directory's path is in the program"
cmp -s "$a/mailports" "$b/build/leaky/mailports" && problem "a leaked path went unnoticed"
try "without -ffile-prefix-map the build directory would show"

wanted=$(LC_ALL=C date -u -d "@$epoch" '+%B %-d, %Y')
grep -qx ".Dd $wanted" "$a/man/mailports.1" || problem "the manual's date is not $wanted"
grep -qx ".Dd $wanted" "$a/man/mailports-providers.7" ||
	problem "the providers' page's date is not $wanted"
revision=$(sed -n 's/^REVISION("\(.*\)")$/\1/p' "$a/data/revision.def")
wanted=$(LC_ALL=C date -u -d "$revision" '+%B %-d, %Y')
(cd "$a" && rm -f man/mailports.1 && env -u SOURCE_DATE_EPOCH make man/mailports.1) >/dev/null 2>&1
grep -qx ".Dd $wanted" "$a/man/mailports.1" || problem "without SOURCE_DATE_EPOCH the manual's date is not $wanted"
grep -qx ".Os mailports $version" "$a/man/mailports.1" || problem "the manual does not carry version $version"
"$a/mailports" --version | head -n 1 | grep -qx "mailports $version" || problem "--version does not begin with mailports $version"
"$a/mailports" --version | grep -q "^data revised $revision: " || problem "--version does not say revised $revision"
try "the manual's date and the version come from the source or SOURCE_DATE_EPOCH"

summary

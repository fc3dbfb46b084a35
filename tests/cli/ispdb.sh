#!/usr/bin/env bash
# ispdb.sh - the importer of Mozilla's ISP database, end to end: each
# folder of tests/ispdb/ gives the .def and the report beside it, for one
# oddity of the database each; its options, the errors of a folder as a
# whole and a failed write; the .def it writes compiles; the README lists
# the files data/ispdb.def skips; and, when a copy of the database's folder
# is at hand, data/ispdb.def is what the importer makes of it.
#
# Usage: tests/cli/ispdb.sh path/to/import-ispdb [SNAPSHOT-DIR]
# Set UPDATE=1 to write the expected outputs afresh (then read the diff).
set -u

tool=${1:?usage: ispdb.sh path/to/import-ispdb [SNAPSHOT-DIR]}
snapshot=${2:-}
case $tool in /*) ;; *) tool=$PWD/$tool ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-ispdb.XXXXXX")
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$top/tests/ispdb

# run ARGS...: the importer, with out, err and status captured; valgrind
# (tests/gates/valgrind.sh) makes it slow.
run() { timeout "${ISPDB_TIMEOUT:-60}" "$tool" "$@" >"$tmp/out" 2>"$tmp/err"; status=$?; }

# The fixtures, each with what it shows.
declare -A about=(
	[basic]="a file with a byte order mark, a declaration and CRLF, prose left out, files in strcmp order, LICENSE and other files not read"
	[entities]="entities, character references and CDATA decoded, quotes, backslashes and '??' escaped, UTF-8 kept as it is, ids of any file name"
	[names]="the name: blanks collapsed, displayShortName or the file's name instead of a placeholder, an empty, absent or markup name, or a control character, never cut"
	[mx]="MX names: comments that head them, those that name an MX host of their own or have no word MX, and where a run of them ends"
	[domains]="domains in lower case, those no host name left out, A-labels kept, each domain once across files and kinds, a file left with none skipped"
	[servers]="servers: types, hosts with %EMAILDOMAIN%, ports, socket types, usernames, the %EMAILADDRESS typo, sign-in methods, duplicates, prefers"
	[enable]="enable pages: http and https only, printable ASCII, each once, also after the emailProvider, no instruction copied"
	[skipped]="files that give no provider, each with its reason, after the providers"
)

for dir in "$fixtures"/*/; do
	name=$(basename "$dir")
	if [ -z "${about[$name]:-}" ]; then
		problem "tests/ispdb/$name/ has no entry in tests/cli/ispdb.sh"
		try "fixture $name is described"
		continue
	fi
	run -c 0123456789ab -d 2026-01-01 "$dir"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$fixtures/$name.def"
		cp "$tmp/err" "$fixtures/$name.err"
	fi
	[ "$status" -eq 0 ] || problem "status $status: $(tail -n 3 "$tmp/err")"
	diff -u "$fixtures/$name.def" "$tmp/out" >"$tmp/diff" ||
		problem "the .def differs: $(head -n 30 "$tmp/diff")"
	diff -u "$fixtures/$name.err" "$tmp/err" >"$tmp/diff" ||
		problem "the report differs: $(head -n 30 "$tmp/diff")"
	try "fixture $name: ${about[$name]}"
done

# Every fixture's .def, and data/ispdb.def, compiles with any one of its
# macros defined, and stops the build with none.
cc=${CC:-cc}
if command -v "$cc" >/dev/null 2>&1; then
	for def in "$fixtures"/*.def "$top/data/ispdb.def"; do
		for macro in 'ISPDB(id, file, name, prefers) { #id, file, name, #prefers },' \
		    'ISPDB_DOMAIN(id, domain) { #id, domain },' \
		    'ISPDB_MX(id, domain) { #id, domain },' \
		    'ISPDB_SERVER(id, protocol, host, port, tls, username, signin) { #protocol, host, #port, #tls, #username, signin },' \
		    'ISPDB_ENABLE(id, url) { #id, url },' \
		    'ISPDB_SKIPPED(file, reason) { file, reason },'; do
			printf 'struct row { const char *a, *b, *c, *d, *e, *f; };\nconst struct row rows[] = {\n{ 0 },\n#define %s\n#include "%s"\n};\n' \
			    "$macro" "$def" >"$tmp/consumer.c"
			"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror \
			    -Wno-missing-field-initializers -c \
			    -o "$tmp/consumer.o" "$tmp/consumer.c" 2>"$tmp/cc" ||
				problem "$(basename "$def") with ${macro%%(*}: $(head -n 5 "$tmp/cc")"
		done
		printf '#include "%s"\n' "$def" >"$tmp/none.c"
		"$cc" -std=c11 -c -o "$tmp/none.o" "$tmp/none.c" 2>"$tmp/cc" &&
			problem "$(basename "$def") builds with no macro defined"
		grep -q '#error "define one of ISPDB' "$tmp/cc" ||
			problem "$(basename "$def") without a macro: $(head -n 3 "$tmp/cc")"
	done
	try "each .def compiles with any one macro defined, and stops with none"
else
	skip "each .def compiles with any one macro defined, and stops with none" "no $cc"
fi

run
[ "$status" -eq 2 ] && grep -qx 'usage: import-ispdb \[-c commit\] \[-d date\] \[-o file\] dir' "$tmp/err" ||
	problem "no folder: status $status, $(cat "$tmp/err")"
run "$fixtures/basic" "$fixtures/mx"
[ "$status" -eq 2 ] || problem "two folders: status $status"
run -x "$fixtures/basic"
[ "$status" -eq 2 ] || problem "-x: status $status"
[ -s "$tmp/out" ] && problem "wrote: $(head -c 100 "$tmp/out")"
try "a usage error prints the usage, status 2"

for bad in xyz 012345 0123456789abcdef0123456789abcdef012345678 ABCDEF0; do
	run -c "$bad" "$fixtures/basic"
	[ "$status" -eq 2 ] && grep -q "commit '$bad' is not 7 to 40 hex digits" "$tmp/err" ||
		problem "-c $bad: status $status, $(cat "$tmp/err")"
done
for bad in 2026-1-01 2026-01-011 2026/01/01 20260101xx 2026-01-0a; do
	run -d "$bad" "$fixtures/basic"
	[ "$status" -eq 2 ] && grep -q "date '$bad' is not YYYY-MM-DD" "$tmp/err" ||
		problem "-d $bad: status $status, $(cat "$tmp/err")"
done
run "$fixtures/basic"
grep -q 'at commit (unknown) of (unknown) (MPL-2.0)' "$tmp/out" ||
	problem "without -c and -d: $(grep 'at commit' "$tmp/out")"
try "-c takes 7 to 40 hex digits, -d a date, both only what a comment can hold"

run "$tmp/nowhere"
[ "$status" -eq 1 ] && grep -q 'nowhere: No such file or directory' "$tmp/err" ||
	problem "no folder: status $status, $(cat "$tmp/err")"
mkdir "$tmp/empty"
: >"$tmp/empty/LICENSE"
run "$tmp/empty"
[ "$status" -eq 1 ] && grep -q 'empty: no .xml file' "$tmp/err" ||
	problem "no .xml file: status $status, $(cat "$tmp/err")"
mkdir "$tmp/dangling"
ln -s "$tmp/absent.xml" "$tmp/dangling/gone.xml"
run "$tmp/dangling"
[ "$status" -eq 1 ] && grep -q 'gone.xml: No such file or directory' "$tmp/err" ||
	problem "a dangling link: status $status, $(cat "$tmp/err")"
mkdir "$tmp/ids"
cp "$fixtures/basic/example.org.xml" "$tmp/ids/a-b.xml"
cp "$fixtures/basic/example.org.xml" "$tmp/ids/a.b.xml"
run "$tmp/ids"
[ "$status" -eq 1 ] && grep -q 'a-b.xml and a.b.xml give one id, isp_a_b' "$tmp/err" ||
	problem "one id: status $status, $(cat "$tmp/err")"
[ -s "$tmp/out" ] && problem "one id: wrote $(head -c 100 "$tmp/out")"
try "a folder that cannot be read, holds no .xml file, or gives one id twice is an error, status 1"

mkdir "$tmp/odd"
cp "$fixtures/basic/example.org.xml" "$tmp/odd/"
sed 's/zebra/quote/g' "$fixtures/basic/Zebra.example.xml" >"$tmp/odd/quote\"back\\slash??(.xml"
cp "$fixtures/basic/example.org.xml" "$tmp/odd/$(printf 'tab\t.xml')"
cp "$fixtures/basic/example.org.xml" "$tmp/odd/$(printf 'latin\351.xml')"
mkdir "$tmp/odd/folder.xml"
mkfifo "$tmp/odd/fifo.xml"
head -c 1048577 /dev/zero >"$tmp/odd/big.xml"
run "$tmp/odd"
[ "$status" -eq 0 ] || problem "status $status, $(cat "$tmp/err")"
grep -qF 'ISPDB(isp_quote_back_slash___, "quote\"back\\slash?\?(", "Zebra", IMAP)' "$tmp/out" ||
	problem "quote and backslash: $(grep 'isp_quote' "$tmp/out" | head -n 1)"
for row in 'ISPDB_SKIPPED("big.xml", "larger than 1 MiB")' \
    'ISPDB_SKIPPED("fifo.xml", "not a regular file")' \
    'ISPDB_SKIPPED("folder.xml", "not a regular file")' \
    'ISPDB_SKIPPED("latin\351.xml", "file name not printable UTF-8")' \
    'ISPDB_SKIPPED("tab\011.xml", "file name not printable UTF-8")'; do
	grep -qxF "$row" "$tmp/out" || problem "no row $row"
done
grep -qF "import-ispdb: latin\\xe9.xml: skipped: file name not printable UTF-8" "$tmp/err" ||
	problem "the report shows a byte of a file name raw: $(grep latin "$tmp/err")"
try "odd file names are escaped, and a FIFO, a folder or a file over 1 MiB is skipped, not read"

printf 'old\n' >"$tmp/kept.def"
run -o "$tmp/kept.def" "$tmp/ids"
[ "$status" -eq 1 ] && [ "$(cat "$tmp/kept.def")" = old ] ||
	problem "a failed run: status $status, file: $(head -c 100 "$tmp/kept.def")"
run -c 0123456789ab -d 2026-01-01 -o "$tmp/kept.def" "$fixtures/basic"
[ "$status" -eq 0 ] && cmp -s "$fixtures/basic.def" "$tmp/kept.def" ||
	problem "-o: status $status, $(diff "$fixtures/basic.def" "$tmp/kept.def" | head -n 5)"
[ -s "$tmp/out" ] && problem "-o wrote to stdout too"
[ "$(stat -c %a "$tmp/kept.def")" = 644 ] ||
	problem "-o: mode $(stat -c %a "$tmp/kept.def")"
[ "$(ls "$tmp" | grep -c '^kept\.def')" -eq 1 ] ||
	problem "left behind: $(ls "$tmp" | grep '^kept')"
run -o "$tmp/nowhere/x.def" "$fixtures/basic"
[ "$status" -eq 1 ] && grep -q 'nowhere/x.def: No such file or directory' "$tmp/err" ||
	problem "-o in no folder: status $status, $(cat "$tmp/err")"
run -o "$tmp/$(printf 'x%.0s' $(seq 4100))" "$fixtures/basic"
[ "$status" -eq 1 ] && grep -q 'name too long' "$tmp/err" ||
	problem "-o with a long name: status $status, $(head -c 200 "$tmp/err")"
mkdir "$tmp/adir"
run -o "$tmp/adir" "$fixtures/basic"
[ "$status" -eq 1 ] && [ -d "$tmp/adir" ] && grep -q 'adir: Is a directory' "$tmp/err" ||
	problem "-o onto a folder: status $status, $(cat "$tmp/err")"
[ "$(ls "$tmp" | grep -c '^adir')" -eq 1 ] ||
	problem "left behind: $(ls "$tmp" | grep '^adir')"
# A file size limit makes the write fail, as a full disk would.  A build
# for coverage writes its counts elsewhere, where the limit cannot cut them.
(ulimit -f 1; trap '' XFSZ
	GCOV_PREFIX=$tmp/gcov exec "$tool" -o "$tmp/kept.def" "$fixtures/basic") \
	>"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] && cmp -s "$fixtures/basic.def" "$tmp/kept.def" &&
	grep -q 'File too large' "$tmp/err" ||
	problem "-o past a size limit: status $status, $(tail -n 1 "$tmp/err")"
[ "$(ls "$tmp" | grep -c '^kept\.def')" -eq 1 ] ||
	problem "left behind: $(ls "$tmp" | grep '^kept')"
mkdir "$tmp/readonly"
chmod 555 "$tmp/readonly"
if [ ! -w "$tmp/readonly" ]; then
	run -o "$tmp/readonly/x.def" "$fixtures/basic"
	[ "$status" -eq 1 ] || problem "-o in a read-only folder: status $status"
fi
try "-o replaces the file only when all went well, through a temporary file"

if [ -w /dev/full ]; then
	timeout 60 "$tool" "$fixtures/basic" >/dev/full 2>"$tmp/err"; status=$?
	[ "$status" -eq 1 ] && grep -q 'write error: No space left on device' "$tmp/err" ||
		problem "stdout /dev/full: status $status, $(cat "$tmp/err")"
	try "a full disk is an error, status 1"
else
	skip "a full disk is an error, status 1" "no writable /dev/full"
fi

# The maintainers' guide's list of the files the import skips, "- `FILE`: REASON",
# or its sentence that it skips none, against data/ispdb.def.
sed -n '/^## Provider data from the ISP database/,/^## /p' "$top/HACKING.md" |
	sed -n 's/^- `\(.*\)`: \(.*\)$/ISPDB_SKIPPED("\1", "\2")/p' >"$tmp/readme"
grep '^ISPDB_SKIPPED(' "$top/data/ispdb.def" >"$tmp/skipped"
if [ -s "$tmp/skipped" ]; then
	diff -u "$tmp/skipped" "$tmp/readme" >"$tmp/diff" ||
		problem "README and data/ispdb.def differ: $(cat "$tmp/diff")"
else
	[ -s "$tmp/readme" ] && problem "README lists skipped files: $(cat "$tmp/readme")"
	sed -n '/^## Provider data from the ISP database/,/^## /p' "$top/HACKING.md" |
		grep -q 'no file of the snapshot is skipped' ||
		problem "README does not say that no file is skipped"
fi
grep -q 'at commit [0-9a-f]* of [0-9-]* (MPL-2.0)' "$top/data/ispdb.def" ||
	problem "data/ispdb.def names no commit and date"
try "the README lists the files data/ispdb.def skips, with their reasons"

if [ -n "$snapshot" ] && [ -d "$snapshot" ]; then
	commit=$(sed -n 's/^ \* folder ispdb\/ at commit \([0-9a-f]*\) of \([0-9-]*\) .*/\1/p' "$top/data/ispdb.def")
	date=$(sed -n 's/^ \* folder ispdb\/ at commit \([0-9a-f]*\) of \([0-9-]*\) .*/\2/p' "$top/data/ispdb.def")
	run -c "$commit" -d "$date" "$snapshot"
	[ "$status" -eq 0 ] || problem "status $status: $(tail -n 3 "$tmp/err")"
	diff -u "$top/data/ispdb.def" "$tmp/out" >"$tmp/diff" ||
		problem "data/ispdb.def is not what the snapshot gives: $(head -n 30 "$tmp/diff")"
	try "data/ispdb.def is what the importer makes of $snapshot"
else
	skip "data/ispdb.def is what the importer makes of the snapshot" \
		"no copy of the ISP database at '${snapshot:-}' (ISPDB_SNAPSHOT)"
fi

summary

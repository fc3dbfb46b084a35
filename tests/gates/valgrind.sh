#!/usr/bin/env bash
# valgrind.sh - the end-to-end and hostile-input tests again, with every run of the binary
# under valgrind's memcheck, and the ISP database importer's tests, on its
# fixtures and the snapshot, with the importer under it too; any error it
# finds is exit status 99.
#
# Usage: tests/gates/valgrind.sh ./mailports [path/to/import-ispdb [SNAPSHOT-DIR]]
set -eu

bin=${1:?usage: valgrind.sh path/to/mailports [path/to/import-ispdb [SNAPSHOT-DIR]]}
importer=${2:-}
snapshot=${3:-}
dir=$(mktemp -d "${TMPDIR:-/tmp}/mailports-valgrind.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# wrap NAME BINARY: a script NAME in dir that runs BINARY under memcheck.
wrap() {
	local target=$2
	case $target in /*) ;; *) target=$PWD/$target ;; esac
	cat >"$dir/$1" <<WRAPPER
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite,indirect,possible "$target" "\$@"
WRAPPER
	chmod +x "$dir/$1"
}

wrap mailports "$bin"
# valgrind runs the binary some thirty times slower: the end-to-end tests'
# loops over every provider take every fifteenth.
status=0
E2E_TIMEOUT=300 E2E_EVERY=15 tests/cli/e2e.sh "$dir/mailports" || status=1
E2E_TIMEOUT=300 tests/cli/hostile.sh "$dir/mailports" || status=1
if [ -n "$importer" ]; then
	wrap import-ispdb "$importer"
	ISPDB_TIMEOUT=600 tests/cli/ispdb.sh "$dir/import-ispdb" "$snapshot" || status=1
fi
exit $status

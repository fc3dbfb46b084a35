#!/usr/bin/env bash
# valgrind.sh - the end-to-end and hostile-input tests again, with every run of the binary
# under valgrind's memcheck; any error it finds is exit status 99.
#
# Usage: tests/valgrind.sh ./mailports
set -eu

bin=${1:?usage: valgrind.sh path/to/mailports}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/mailports-valgrind.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cat >"$dir/mailports" <<WRAPPER
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite,indirect,possible "$bin" "\$@"
WRAPPER
chmod +x "$dir/mailports"
# valgrind runs the binary some thirty times slower.
status=0
E2E_TIMEOUT=300 tests/e2e.sh "$dir/mailports" || status=1
E2E_TIMEOUT=300 tests/hostile.sh "$dir/mailports" || status=1
exit $status

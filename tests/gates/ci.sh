#!/usr/bin/env bash
# ci.sh - runs every quality gate, each logged to build/ci/GATE.log, and
# ends with one summary line per gate.  Exits 1 if any gate failed.
#
# Usage: tests/gates/ci.sh (through make ci; FUZZ_SECONDS sets the fuzzing time)
set -u

logs=build/ci
mkdir -p "$logs"
summary=()
status=0

# gate NAME FIGURE-COMMAND MAKE-ARGS...: runs make, then FIGURE-COMMAND on
# the log for the summary's figure.
gate() {
	local name=$1 figure=$2 log=$logs/$1.log start=$SECONDS result
	shift 2
	echo "== $name: make $*"
	if make "$@" >"$log" 2>&1; then result=ok; else result=FAILED; status=1; fi
	summary+=("$(printf '%-15s %-6s %4ss  %s' "$name" "$result" \
		$((SECONDS - start)) "$(eval "$figure" <"$log")")")
	[ "$result" = ok ] || tail -n 30 "$log"
}

# The tallies: cmocka's "[  PASSED  ] N test(s)" and "[  SKIPPED ] N
# test(s)", and the shell tests' "N passed, N failed, N skipped".
tests="awk '/^\\[  PASSED  \\]/ { u += \$4 } /^\\[  SKIPPED \\]/ { s += \$4 } / passed, [0-9]+ failed/ { e += \$1; f += \$3; s += \$5 } END { printf \"%d unit, %d end-to-end passed, %d failed, %d skipped\", u, e, f, s }'"

gate check "$tests" check
gate check-lab "$tests" check-lab
gate check-clang "$tests" check-clang
gate check-asan "$tests" check-asan
gate check-valgrind "awk '/ passed, [0-9]+ failed/ { p += \$1; f += \$3; s += \$5 } END { printf \"%d runs under memcheck passed, %d failed, %d skipped\", p, f, s }'" check-valgrind
gate fuzz "grep -E '^fuzz ' | paste -sd ';'" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
gate coverage "grep -E '^(lines|branches):' | paste -sd ' '" coverage
gate distcheck "grep -E ' passed, ' | tail -n 1" distcheck
gate reproducible "grep -E ' passed, ' | tail -n 1" reproducible
gate analyze "grep -cE '(warning|error|style|performance|portability):' | sed 's/\$/ findings (cppcheck, clang-tidy, scan-build)/'" analyze

echo
printf '%s\n' "${summary[@]}"
exit $status

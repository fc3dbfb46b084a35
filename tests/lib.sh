# lib.sh - what the shell tests share: a case collects its problems with
# problem, try ends it, and summary prints the count and sets the status.
# Sourced by e2e.sh and man.sh.

passed=0
failed=0
problems=

problem() { problems="$problems    $*"$'\n'; }

# try NAME: ends a case, reporting what it found.
try() {
	if [ -z "$problems" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL: %s\n%s' "$1" "$problems"
	fi
	problems=
}

summary() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}

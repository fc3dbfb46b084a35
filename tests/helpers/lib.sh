# lib.sh - what the shell tests share: a case collects its problems with
# problem, try ends it, skip counts a case that cannot run here, and
# summary prints the tally and sets the status.
# Sourced by the shell tests.

passed=0
failed=0
skipped=0
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

# skip NAME WHY: a case that cannot run here; the tally says so, so that
# a run that skipped some does not look like a full pass.
skip() {
	skipped=$((skipped + 1))
	printf 'SKIP: %s: %s\n' "$1" "$2"
}

# The closing tally, one line: "N passed, N failed, N skipped".
summary() {
	printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
	[ "$failed" -eq 0 ]
}

# serve SERVER MODE...: starts the test server (tests/helpers/probe_server.c)
# in the background, listening for each MODE, and waits until all listen;
# its process id is left in pid, for the script to kill on exit.
serve() {
	local server=$1
	shift
	"$server" "$@" >"$tmp/ports" &
	pid=$!
	for _ in $(seq 50); do
		[ "$(wc -l 2>/dev/null <"$tmp/ports")" = "$#" ] && break
		sleep 0.1
	done
}

# port MODE: the port the server of serve listens on for MODE.
port() { awk -v m="$1" '$1 == m { print $2 }' "$tmp/ports"; }

#!/usr/bin/env bash
# fuzz.sh - replays each harness's corpus and saved crashes, then fuzzes it
# for a bounded time.  A crash fails, and its input is kept under
# tests/fuzz/regressions/HARNESS/ to be replayed from then on.
#
# Usage: tests/gates/fuzz.sh DIR SECONDS HARNESS...
# DIR holds the harnesses, built as DIR/fuzz_HARNESS; each works there too.
set -u

usage="usage: fuzz.sh DIR SECONDS HARNESS..."
dir=${1:?$usage}
seconds=${2:?$usage}
shift 2
status=0
for name in "$@"; do
	harness=$dir/fuzz_$name
	work=$dir/$name
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/crashes" "tests/fuzz/regressions/$name"
	cp tests/fuzz/corpus/"$name"/* "$work/corpus/"
	saved=$(find "tests/fuzz/regressions/$name" -type f | sort)
	if [ -n "$saved" ] && ! $harness $saved >"$work/replay.log" 2>&1; then
		echo "fuzz $name: a saved crash crashes again"
		tail -n 20 "$work/replay.log"
		status=1
		continue
	fi
	$harness -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$work/crashes/" "$work/corpus" \
		tests/fuzz/corpus/"$name" >"$work/fuzz.log" 2>&1
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
	crashes=$(find "$work/crashes" -type f | wc -l)
	if [ "$crashes" -gt 0 ]; then
		cp "$work"/crashes/* "tests/fuzz/regressions/$name/"
		echo "fuzz $name: $crashes crash(es) in ${runs:-?} runs; kept in tests/fuzz/regressions/$name"
		grep -m 5 -E 'ERROR|SUMMARY' "$work/fuzz.log"
		status=1
	else
		echo "fuzz $name: ${runs:-?} runs in ${seconds} s, no crash"
	fi
done
exit $status

#!/usr/bin/env bash
# batch.sh - lists of targets on standard input (--discover -, --probe -,
# --check -) that a careless or hostile user may give: empty lines, CRLF
# line ends, a line of 100 KiB, NUL bytes, bytes that are not UTF-8,
# duplicates; a name server that answers some questions and drops the
# others; a server that holds every connection open and says nothing.
# Whatever the list, the results are one JSON line a line of input, in
# the order of the input, each echoing its line as "input" (or the error
# that line is), every one valid JSON in UTF-8; a blank line (nothing,
# spaces or a CR alone) is no target and has no result, as in the lists
# of zdns and massdns; stderr stays empty when it
# is not a terminal, and a progress line shows when it is; the run ends
# within its bound; `| head -1` and SIGINT end the run at once, with
# whole lines.  And the list's options: --unordered, --summary --json,
# --rate and --per-address.
#
# Everything is on loopback, no root needed: tests/helpers/name_server.c
# answers a zone of test domains on a port of its own, and
# tests/helpers/probe_server.c holds connections open (its mode silent).
#
# Usage: tests/cli/batch.sh ./mailports NAME_SERVER PROBE_SERVER
set -u

usage='usage: batch.sh MAILPORTS NAME_SERVER PROBE_SERVER'
bin=${1:?$usage}
name_server=${2:?$usage}
server=${3:?$usage}
for f in bin name_server server; do
	case ${!f} in /*) ;; *) printf -v "$f" '%s' "$PWD/${!f}" ;; esac
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-batch.XXXXXX")
pid=
ns_pids=
cleanup() {
	local p
	for p in $pid $ns_pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../helpers/lib.sh"

# Before the program has the batch forms, none of this can run.
"$bin" --discover - </dev/null >"$tmp/probe.out" 2>&1
if grep -q "invalid address or domain '-'" "$tmp/probe.out"; then
	skip "lists on standard input" "this mailports has no --discover -"
	summary
	exit
fi

# The zone: d00001.test to d00300.test, each with an SRV record for IMAP
# over TLS at imap.D and its address.
awk 'BEGIN {
	for (i = 1; i <= 300; i++) {
		d = sprintf("d%05d.test", i)
		printf "_imaps._tcp.%s SRV 0 1 993 imap.%s\n", d, d
		printf "imap.%s A 127.0.0.1\n", d
	}
}' >"$tmp/zone"

# name_server OPTIONS...: a name server on the zone, its port in ns_port.
name_server() {
	"$name_server" -l 120 "$@" "$tmp/zone" >"$tmp/ns.port" &
	ns_pids="$ns_pids $!"
	for _ in $(seq 50); do
		[ -s "$tmp/ns.port" ] && break
		sleep 0.1
	done
	ns_port=$(cat "$tmp/ns.port")
	rm -f "$tmp/ns.port"
}
name_server
good=127.0.0.1:$ns_port
# Every other question dropped: a discovery waits for its timeout.
name_server -d 2
lossy=127.0.0.1:$ns_port
if [ -z "${good#127.0.0.1:}" ] || [ -z "${lossy#127.0.0.1:}" ]; then
	echo "batch.sh: the name server did not start" >&2
	exit 1
fi

# run SECONDS LIST ARGS...: mailports ARGS with LIST on stdin, for at most
# SECONDS; its output in $tmp/out and $tmp/err, its exit status in status,
# its time in took (ms).
run() {
	local seconds=$1 list=$2 start
	shift 2
	start=${EPOCHREALTIME/./}
	timeout "$seconds" "$bin" "$@" <"$list" >"$tmp/out" 2>"$tmp/err"
	status=$?
	took=$(((${EPOCHREALTIME/./} - start) / 1000))
}

# lines LIST ERRORS: what is wrong with $tmp/out as the JSON lines of LIST,
# one problem a line, at most five: one line out a line of LIST that is
# not blank, each a JSON object in UTF-8, in order; "input" the line
# where the line is UTF-8 without a control byte (its CR end aside) and
# shorter than 1,000 bytes; "error" on the lines of ERRORS (numbers in
# LIST, comma-separated) and on no other.
lines() {
	python3 - "$1" "$tmp/out" "$2" <<'PY'
import json, sys
with open(sys.argv[1], "rb") as f:
    ins = f.read().split(b"\n")
if ins and ins[-1] == b"":
    ins.pop()
# Numbered as in the list, blank lines left out.
ins = [(n, l) for n, l in enumerate(ins, 1) if l.strip(b" \t\r") != b""]
with open(sys.argv[2], "rb") as f:
    outs = f.read().split(b"\n")
errors = {int(n) for n in sys.argv[3].split(",") if n}
bad = []
if outs and outs[-1] == b"":
    outs.pop()
elif outs != [b""]:
    bad.append("the last line has no newline")
if len(outs) != len(ins):
    bad.append("%d lines in, %d out" % (len(ins), len(outs)))
for (i, line), raw in zip(ins, outs):
    try:
        d = json.loads(raw.decode("utf-8"))
    except Exception as e:
        bad.append("the result of line %d is not JSON in UTF-8 (%s): %r" %
                   (i, e, raw[:120]))
        continue
    if not isinstance(d, dict) or not isinstance(d.get("input"), str):
        bad.append("the result of line %d has no \"input\": %r" % (i, raw[:120]))
        continue
    if line.endswith(b"\r"):
        line = line[:-1]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and len(line) < 1000 and \
            not any(ord(c) < 32 or ord(c) == 127 for c in text) and \
            d["input"] != text:
        bad.append("line %d: input %r, wanted %r" % (i, d["input"], text))
    if (i in errors) != ("error" in d):
        bad.append("line %d (%r): %s" % (i, line[:40],
            "no error" if i in errors else "error " + repr(d.get("error"))))
for b in bad[:5]:
    print(b)
if len(bad) > 5:
    print("... and %d more" % (len(bad) - 5))
PY
}

# check_lines LIST ERRORS: lines, each problem a problem of the case.
check_lines() {
	local what
	what=$(lines "$@")
	[ -z "$what" ] || problem "$what"
}

# quiet: stderr, not a terminal, is empty.
quiet() {
	[ -s "$tmp/err" ] && problem "stderr: $(head -c 300 "$tmp/err")"
}

# The hostile list: line numbers in comments.
{
	printf 'd00001.test\n'			# 1
	printf '\n'				# 2 empty
	printf 'd00002.test\r\n'		# 3 CRLF
	head -c 102400 /dev/zero | tr '\0' a	# 4 100 KiB
	printf '.test\n'
	printf 'd00003.test\n'			# 5
	printf 'a\0b.test\n'			# 6 a NUL
	printf 'caf\351.test\n'			# 7 not UTF-8
	printf 'd00004.test\n'			# 8
	printf 'd00004.test\n'			# 9 twice
	printf 'alice@d00005.test\n'		# 10
	printf '   \n'				# 11 blanks
	printf '\r\n'				# 12 a CR alone
	printf 'd00006.test\n'			# 13
} >"$tmp/hostile"
hostile_errors=4,6,7
run 30 "$tmp/hostile" --discover - --dns-server "$good" --timeout 2
check_lines "$tmp/hostile" "$hostile_errors"
[ "$status" -eq 2 ] || problem "exit $status, wanted 2 (lines that are errors)"
quiet
try "a hostile list: one JSON line each, in order, an error for each bad line"

# The same lines discovered give the same answers: the duplicates, and a
# CRLF line as its line.
python3 - "$tmp/out" >"$tmp/same" <<'PY'
import json, sys
d = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
def of(line):
    return [r for r in d if r.get("input") == line]
def settings(r):
    return [(s["host"], s["port"]) for s in r.get("settings", [])]
twice = of("d00004.test")
if len(twice) != 2 or settings(twice[0]) != settings(twice[1]) or \
        settings(twice[0]) != [("imap.d00004.test", 993)]:
    print("duplicates: %r" % [settings(r) for r in twice])
crlf = of("d00002.test")
if len(crlf) != 1 or settings(crlf[0]) != [("imap.d00002.test", 993)]:
    print("the CRLF line: %r" % [settings(r) for r in crlf])
address = of("alice@d00005.test")
if len(address) != 1 or address[0].get("domain") != "d00005.test":
    print("the address: %r" % [r.get("domain") for r in address])
PY
[ -s "$tmp/same" ] && problem "$(cat "$tmp/same")"
try "duplicates answered alike; a CRLF line and an address discovered"

# TSV: one header, then a row a line, the input first.
run 30 "$tmp/hostile" --discover - --dns-server "$good" --timeout 2 --tsv
rows=$(awk -F '\t' 'NR > 1 && $1 == "d00003.test"' "$tmp/out" | wc -l)
[ "$(head -n 1 "$tmp/out" | cut -f 1)" = input ] ||
	problem "the header: $(head -n 1 "$tmp/out")"
[ "$rows" -ge 1 ] || problem "no row of d00003.test: $(head -c 300 "$tmp/out")"
LC_ALL=C grep -q "$(printf '\r')" "$tmp/out" && problem "a raw CR in the TSV"
quiet
try "--tsv: a header, the input first in each row, no raw CR"

# A name server that drops every other question: every line still
# answered, in order, within the timeout's rounds (the lines over the
# parallelism, each round the timeout at most), with some slack.
awk 'BEGIN { for (i = 1; i <= 200; i++) printf "d%05d.test\n", i }' >"$tmp/list200"
run 60 "$tmp/list200" --discover - --dns-server "$lossy" --timeout 1 --parallel 64
check_lines "$tmp/list200" ""
quiet
bound=$(((200 / 64 + 1) * 1000 * 2 + 2000))
[ "$took" -le "$bound" ] || problem "took $took ms, over $bound"
try "a lossy name server: 200 lines, each answered in order, in $took ms (bound $bound)"

# --unordered: the same results, in whatever order they came.
run 30 "$tmp/list200" --discover - --dns-server "$good" --unordered
python3 - "$tmp/list200" "$tmp/out" >"$tmp/same" <<'PY'
import json, sys
want = sorted(open(sys.argv[1], encoding="utf-8").read().split())
try:
    got = sorted(json.loads(l)["input"] for l in open(sys.argv[2], "rb"))
except Exception as e:
    print("not JSON lines with an input: %s" % e)
else:
    if got != want:
        print("%d results for %d lines, or other inputs" % (len(got), len(want)))
PY
[ -s "$tmp/same" ] && problem "$(cat "$tmp/same")"
quiet
try "--unordered: a result for each line, each once"

# --summary --json: instead of the results, one JSON object.
run 30 "$tmp/list200" --discover - --dns-server "$good" --summary --json
python3 -c 'import json, sys; d = json.load(open(sys.argv[1], "rb")); assert isinstance(d, dict)' \
	"$tmp/out" 2>"$tmp/why" || problem "not one JSON object: $(tail -n 1 "$tmp/why"): $(head -c 200 "$tmp/out")"
quiet
try "--summary --json: one JSON object"

# --check - and --probe - of names the zone answers, or not, and lines
# that are wrong: a setting whose host resolves is probed (nothing listens
# on 993: refused), one whose host does not is no-such-host, an address is
# its provider's settings or what discovery finds; bad words, a missing
# security and a domain where discovery finds nothing are error lines.
cat >"$tmp/checks" <<'LIST'
imap.d00001.test:993 ssl
imap.d00002.test:993 starttls imap
nohost.d00001.test:587 starttls
postmaster@d00003.test
alice@gmail.com
127.0.0.1:993 bogusword
127.0.0.1:993
127.0.0.1:993 ssl gmail
postmaster@nothing.invalid
LIST
run 30 "$tmp/checks" --check - --dns-server "$good" --timeout 1
check_lines "$tmp/checks" "6,7,8,9"
[ "$status" -eq 2 ] || problem "exit $status for lines in error, not 2"
python3 - "$tmp/out" >"$tmp/why" <<'PY'
import json, sys
want = ["refused", "refused", "no-such-host", "refused", "no-such-host"]
got = [json.loads(l)["checks"][0]["verdict"]
       for l in open(sys.argv[1]) if '"checks"' in l]
if got != want:
    print("verdicts %s, not %s" % (got, want))
PY
[ -s "$tmp/why" ] && problem "$(cat "$tmp/why")"
try "--check -: settings, addresses and wrong lines, each its result"

run 30 "$tmp/checks" --check - --dns-server "$good" --timeout 1 --summary
grep -q '^Targets  *9 in' "$tmp/out" || problem "no count of targets: $(head -n 3 "$tmp/out")"
grep -q '^  refused  *3$' "$tmp/out" || problem "no count of refused: $(cat "$tmp/out")"
grep -q '^  error  *3$' "$tmp/out" || problem "no count of errors: $(cat "$tmp/out")"
awk 'length > 80' "$tmp/out" | grep -q . && problem "over 80 columns: $(awk 'length > 80' "$tmp/out")"
try "--check - --summary: a table of the verdicts, 80 columns"

run 30 "$tmp/checks" --check - --dns-server "$good" --timeout 1 --tsv
# A row a setting: the address of a provider has one for each protocol.
awk -F '\t' 'NR == 1 { n = NF; if ($1 != "input" || $NF != "error") bad = 1 }
	NF != n { bad = 1 } END { exit bad || NR < 10 }' "$tmp/out" ||
	problem "not a header and rows of as many columns: $(head -c 300 "$tmp/out")"
[ "$(cut -f1 "$tmp/out" | sort -u | wc -l)" -eq 10 ] ||
	problem "not every line's input in a row: $(cut -f1 "$tmp/out" | sort -u)"
try "--check - --tsv: a header and each line's rows"

cat >"$tmp/probes" <<'LIST'
imap.d00001.test imap
nohost.d00001.test
127.0.0.1 bogus
127.0.0.1 gmail
[::1]:995
LIST
run 30 "$tmp/probes" --probe - --dns-server "$good" --timeout 1
check_lines "$tmp/probes" "2,3,4"
run 30 "$tmp/probes" --probe - --dns-server "$good" --timeout 1 --summary --json
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["targets"] == 5 and d["errors"] == 3 and d["by"]["unreachable"] == 2, d' \
	"$tmp/out" 2>"$tmp/why" || problem "$(tail -n 1 "$tmp/why")"
run 10 "$tmp/probes" --probe - -p
[ "$status" -eq 2 ] && grep -q 'is for one target' "$tmp/err" ||
	problem "-p with a list: exit $status, $(cat "$tmp/err")"
try "--probe -: names resolved, wrong lines in error, a summary; -p refused"

# The probe's servers live a minute: they are started for these cases
# alone.
serve "$server" silent notmail

# --rate: at most so many new connections a second.  Twenty probes of a
# server that greets as SSH and is done with at once, at 10 a second:
# a second at least, however full the allowance is at the start.
for _ in $(seq 20); do printf '127.0.0.1:%s imap\n' "$(port notmail)"; done >"$tmp/rate"
run 60 "$tmp/rate" --probe - --timeout 2 --per-address 20 --rate 10 --json
check_lines "$tmp/rate" ""
[ "$took" -ge 900 ] || problem "20 connections in $took ms at --rate 10"
[ "$took" -le 5000 ] || problem "20 connections took $took ms at --rate 10"
quiet
try "--rate 10: 20 connections in $took ms, not at once"

# A server that holds connections open: --probe - and --check - give up
# each at the timeout, at most --per-address at once, and go on.
silent=127.0.0.1:$(port silent)
for _ in $(seq 12); do printf '%s imap\n' "$silent"; done >"$tmp/silent.probe"
for _ in $(seq 12); do printf '%s imap ssl\n' "$silent"; done >"$tmp/silent.check"
for mode in probe check; do
	run 60 "$tmp/silent.$mode" "--$mode" - --timeout 1 --per-address 4 --json
	check_lines "$tmp/silent.$mode" ""
	quiet
	# Three rounds of four, a second each; the slack of a loaded machine.
	[ "$took" -le 6500 ] || problem "took $took ms, over 6500"
	[ "$took" -ge 2900 ] || problem "took $took ms: more than 4 at once to one address?"
	try "--$mode - of a server that says nothing: 12 lines in $took ms"
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=

# | head -1: the first line, and the run ends then, not when the list
# would: 2,000 lines on the lossy name server would take 32 rounds of a
# second.
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "d%05d.test\n", i % 300 + 1 }' >"$tmp/list2000"
start=${EPOCHREALTIME/./}
timeout 60 "$bin" --discover - --dns-server "$lossy" --timeout 1 \
	<"$tmp/list2000" 2>"$tmp/err" | head -n 1 >"$tmp/first"
took=$(((${EPOCHREALTIME/./} - start) / 1000))
[ "$(wc -l <"$tmp/first")" -eq 1 ] || problem "no first line"
python3 -c 'import json, sys; json.loads(open(sys.argv[1]).read())' \
	"$tmp/first" 2>/dev/null || problem "not JSON: $(head -c 200 "$tmp/first")"
[ "$took" -le 5000 ] || problem "| head -1 returned after $took ms"
try "| head -1 returns after the first line ($took ms, of 32 s)"

# SIGINT: the run ends at once, with exit status 130 and whole lines
# only, each a result of the list in its order.
"$bin" --discover - --dns-server "$lossy" --timeout 1 <"$tmp/list2000" \
	>"$tmp/out" 2>"$tmp/err" &
run_pid=$!
sleep 1.5
start=${EPOCHREALTIME/./}
kill -INT "$run_pid"
wait "$run_pid"
status=$?
took=$(((${EPOCHREALTIME/./} - start) / 1000))
[ "$status" -eq 130 ] || problem "exit $status, wanted 130"
[ "$took" -le 1000 ] || problem "ended $took ms after SIGINT"
[ -s "$tmp/out" ] || problem "no result in 1.5 s"
python3 - "$tmp/list2000" "$tmp/out" >"$tmp/same" <<'PY'
import json, sys
want = open(sys.argv[1], encoding="utf-8").read().split()
raw = open(sys.argv[2], "rb").read()
if raw and not raw.endswith(b"\n"):
    print("a line cut short: %r" % raw[-80:])
for i, line in enumerate(raw.split(b"\n")[:-1]):
    try:
        if json.loads(line)["input"] != want[i]:
            print("line %d is not the result of line %d" % (i + 1, i + 1))
            break
    except Exception as e:
        print("line %d: %s" % (i + 1, e))
        break
PY
[ -s "$tmp/same" ] && problem "$(cat "$tmp/same")"
try "SIGINT: exit 130 at once, whole lines in order"

# Progress: on a terminal (script(1) gives stderr a pseudo-terminal,
# stdout goes to a file), a line that is drawn again and again; with
# stderr a file, nothing (quiet, above).
if command -v script >/dev/null 2>&1; then
	command="exec $(printf '%q ' "$bin" --discover - --dns-server "$lossy" \
		--timeout 0.5) <$tmp/list200 >$tmp/out"
	timeout 60 script -qec "$command" "$tmp/typescript" </dev/null \
		>/dev/null 2>&1
	tr -d '\r' <"$tmp/typescript" | LC_ALL=C sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' |
		grep -v '^Script \(started\|done\)' >"$tmp/progress"
	[ -s "$tmp/progress" ] || problem "no progress on the terminal"
	grep -q '[0-9]' "$tmp/progress" || problem "progress without a number: $(head -c 200 "$tmp/progress")"
	grep -q '"input"' "$tmp/progress" && problem "results on stderr"
	check_lines "$tmp/list200" ""
	try "progress on a terminal, results on stdout"
else
	skip "progress on a terminal" "script(1) of util-linux is not installed"
fi

summary

#!/usr/bin/env bash
# batch_lab.sh - many domains discovered in one run, through a path of
# 50 ms round-trip time: the network of tests/lab/batch_net.sh (DOMAINS
# test domains of four kinds, a name server and nginx behind
# tests/helpers/delay_proxy.c), in a network namespace of its own, as root.
#
# What must hold, for mailports --discover - --json at its default
# parallelism (64 targets in flight):
# - one JSON line a line of input, in input order, each echoing its line
#   as "input", each the discovery of its own domain (every line is
#   checked against its domain's kind), nothing on stderr (not a terminal);
# - a wall time within LIMIT (1.3) times the ideal: the round trips the
#   domains take in all (one each; three where autoconfig.D has an
#   address), times the RTT, over the parallelism;
# - at least 50 times faster than a loop of one mailports a domain, as
#   measured on the first SAMPLE (50) domains and scaled to all;
# - a peak resident set (/usr/bin/time) that does not grow from 1,000
#   lines to RSS_LINES (100,000: the domains over and over) by more than
#   10% or 256 KiB, whichever is more; these two runs ask the name server
#   and nginx directly, without the delay, so that they take seconds;
# each run is given some times what it should take, so that a slow
# program fails in minutes: the batch 4 times its ideal and 10 s more,
# 1,000 lines 60 s, RSS_LINES three times as long a line as those took and
# 30 s more (not run when 1,000 lines failed);
# and the lab itself: the proxy relays a burst of 64 domains' questions
# (1,344) without losing one, at one round trip; a bare client, keeping
# 64 domains' questions in flight and nothing else (Python), gets 3,000
# domains through within LIMIT times their ideal, or a failure would be
# the lab's (it takes 1.1 to 1.25 on a loaded machine of two cores, most
# of the rest being Python's own time: the same client with no delay
# takes a third of the ideal straight to the name server, half through
# the proxy); the lab's own sockets drop nothing.
# The figures are printed, one line each.
#
# Usage: tests/lab/batch_lab.sh ./mailports NAME_SERVER DELAY_PROXY
#            [DOMAINS [RSS_LINES]]
# (DOMAINS 10000 and RSS_LINES 100000 by default)
set -u

usage='usage: batch_lab.sh MAILPORTS NAME_SERVER DELAY_PROXY [DOMAINS [RSS_LINES]]'
bin=${1:?$usage}
server=${2:?$usage}
proxy=${3:?$usage}
domains=${4:-10000}
rss_lines=${5:-100000}
parallel=64
limit=1.3
speedup=50
sample=50
for f in bin server proxy; do
	case ${!f} in /*) ;; *) printf -v "$f" '%s' "$PWD/${!f}" ;; esac
done
if ! [[ $domains =~ ^[1-9][0-9]*$ ]] || [ "$domains" -gt 99999 ] ||
	[ "$domains" -lt "$sample" ] || ! [[ $rss_lines =~ ^[1-9][0-9]*$ ]]; then
	echo "$usage (DOMAINS $sample to 99999)" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../helpers/lib.sh"
. "$here/lab.sh"
. "$here/batch_net.sh"
if [ -z "${MAILPORTS_LAB:-}" ] && [ "$(id -u)" -eq 0 ]; then
	for tool in nginx python3 /usr/bin/time; do
		if ! command -v "$tool" >/dev/null; then
			skip "$(basename "$0")" "$tool is missing (make deps)"
			summary
			exit 0
		fi
	done
fi
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-batch.XXXXXX") || exit 1
trap 'batch_stop; rm -rf "$tmp"' EXIT
batch_start "$tmp" "$server" "$proxy" "$domains" || exit 1

# figure TEXT: one line of what was measured.
figure() { printf 'batch_lab: %s\n' "$*"; }

# The lab first: one domain's questions, and 64 domains' at once, cross
# the proxy in one round trip each, answered and none lost ("burst"
# lines); then the bare client: 64 domains in flight, each done when its
# 21 answers are in, the next one started then, no HTTP (the "bare" line).
python3 - "$BATCH_RTT" >"$tmp/lab" 2>&1 <<'PY'
import socket, struct, sys, time
rtt, total, parallel = int(sys.argv[1]), 3000, 64
labels = ["_submissions._tcp.", "_submission._tcp.", "_imaps._tcp.",
          "_imap._tcp.", "_pop3s._tcp.", "_pop3._tcp."]
qid = 0
def questions(n):
    """The questions of a discovery of domain n, as datagrams."""
    global qid
    d = "d%05d.test" % n
    names = [(l + d, 33) for l in labels] + [(d, 15)]
    for h in ["autoconfig.", "imap.", "pop3.", "pop.", "mail.", "smtp.", ""]:
        names += [(h + d, 1), (h + d, 28)]
    for name, qtype in names:
        qid = (qid + 1) & 0xffff
        wire = b"".join(bytes([len(l)]) + l.encode() for l in name.split("."))
        yield qid, struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + wire + \
            b"\0" + struct.pack(">HH", qtype, 1)
def client():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.connect(("127.0.0.2", 53))
    s.settimeout(1 + 4 * rtt / 1000)
    return s
for domains in (1, 64):
    s = client()
    qs = [q for n in range(1, domains + 1) for _, q in questions(n)]
    begin = time.monotonic()
    for q in qs:
        s.send(q)
    got = 0
    try:
        while got < len(qs):
            s.recv(4096)
            got += 1
    except socket.timeout:
        pass
    print("burst %d %d %d" % (len(qs), got, (time.monotonic() - begin) * 1000))
    s.close()
s = client()
slot_of, left, started, done = {}, {}, 0, 0
def start(slot):
    global started
    started += 1
    left[slot] = 0
    for i, q in questions(started):
        slot_of[i] = slot
        left[slot] += 1
        s.send(q)
begin = time.monotonic()
for slot in range(parallel):
    start(slot)
try:
    while done < total:
        slot = slot_of.pop(struct.unpack(">H", s.recv(4096)[:2])[0])
        left[slot] -= 1
        if left[slot] == 0:
            done += 1
            if started < total:
                start(slot)
except socket.timeout:
    pass
print("bare %d %d %d" % (done, (time.monotonic() - begin) * 1000,
                         total * rtt // parallel))
PY
while read -r asked answered took; do
	[ "$answered" = "$asked" ] ||
		problem "$answered of $asked questions answered through the proxy"
	# One round trip, give or take the scheduling of a loaded machine.
	if [ "$took" -lt $((BATCH_RTT - 2)) ] || [ "$took" -gt $((BATCH_RTT * 3)) ]; then
		problem "$asked questions took $took ms through the proxy, not about $BATCH_RTT"
	fi
	figure "the lab answers $answered of $asked questions at once in $took ms"
done < <(sed -n 's/^burst //p' "$tmp/lab")
grep -q '^burst ' "$tmp/lab" || problem "the burst did not run: $(cat "$tmp/lab")"
try "the lab relays a burst of 64 domains' questions in one round trip"
read -r bare_done bare_took bare_ideal < <(sed -n 's/^bare //p' "$tmp/lab")
if [[ ${bare_ideal:-} =~ ^[0-9]+$ ]]; then
	bare=$(awk -v t="$bare_took" -v i="$bare_ideal" 'BEGIN { printf "%.2f", t / i }')
	figure "a bare client: $bare_done domains of 3000 in $bare_took ms, ideal $bare_ideal ms: $bare times"
	[ "$bare_done" = 3000 ] || problem "the bare client got $bare_done domains of 3000 through"
else
	problem "the bare client did not run: $(cat "$tmp/lab")"
fi
try "a bare client gets 3000 domains through the lab"

# Before the program has the batch forms, what needs them cannot run.
"$bin" --discover - </dev/null >"$tmp/probe.out" 2>&1
if grep -q "invalid address or domain '-'" "$tmp/probe.out"; then
	skip "batch discovery" "this mailports has no --discover -"
	summary
	exit
fi

# The lab's own sockets, by their port: the proxy's and the name server's.
lab_drops() {
	ss -uanmH 2>/dev/null | awk '
		/^[A-Z]/ { ours = $4 ~ /:(53|5300)$/ || $5 ~ /:5300$/ }
		/skmem/ && ours { if (match($0, /,d[0-9]+/))
			n += substr($0, RSTART + 2, RLENGTH - 2) }
		END { print n + 0 }'
}

batch_list "$domains" >"$tmp/list"
trips=$(batch_trips "$domains")
ideal=$((trips * BATCH_RTT / parallel))
dropped=$(batch_dropped)
batch_run "$tmp/list" "$tmp/out" $((ideal * 4 / 1000 + 10)) \
	"$bin" --discover - --dns-server "$batch_slow" --json
dropped=$(($(batch_dropped) - dropped))
[ "$status" -eq 0 ] || problem "exit $status: $(head -c 300 "$tmp/out.err")"
[ -s "$tmp/out.err" ] && problem "stderr: $(head -c 300 "$tmp/out.err")"
batch_verify "$tmp/list" "$tmp/out" >"$tmp/verify"
[ -s "$tmp/verify" ] && problem "$(cat "$tmp/verify")"
try "$domains domains: one JSON line each, in order, each its domain's settings"

ratio=$(awk -v t="$took" -v i="$ideal" 'BEGIN { printf "%.2f", t / i }')
figure "$domains domains in $took ms; ideal $ideal ms ($trips round trips of $BATCH_RTT ms over $parallel): $ratio times; peak RSS $rss KiB"
figure "datagrams dropped by the kernel, their socket's buffer full: $dropped (of them by the lab's own sockets: $(lab_drops); the rest by mailports's)"
# A machine busy with other work slows the lab itself, and the bare
# client says how much: the program is held to the limit, or to a fifth
# more than the bare client takes, whichever is more (on a quiet machine
# the bare client takes 1.09 times the ideal and the program 1.22).
awk -v r="$ratio" -v l="$limit" -v b="${bare:-0}" \
    'BEGIN { exit !(r <= l || r <= b * 1.2) }' ||
	problem "$took ms is $ratio times the ideal $ideal ms, over $limit (a bare client: ${bare:-?} times)"
try "$domains domains within $limit times the ideal (or, on a busy machine, a fifth more than a bare client)"
[ "$(lab_drops)" -eq 0 ] || problem "the lab's own sockets dropped $(lab_drops) datagrams"
try "the lab drops no datagram"

# The loop of one run a domain, on the first domains, scaled to all.
head -n "$sample" "$tmp/list" >"$tmp/sample"
start=${EPOCHREALTIME/./}
while read -r domain; do
	"$bin" --discover "$domain" --dns-server "$batch_slow" --json \
		>/dev/null 2>&1 </dev/null
done <"$tmp/sample"
loop=$(((${EPOCHREALTIME/./} - start) / 1000))
scaled=$((loop * domains / sample))
faster=$(awk -v s="$scaled" -v t="$took" 'BEGIN { printf "%.1f", s / t }')
figure "a loop of mailports: $loop ms for $sample domains, $scaled ms for $domains: the batch is $faster times faster"
awk -v f="$faster" -v l="$speedup" 'BEGIN { exit !(f >= l) }' ||
	problem "only $faster times faster than a loop, not $speedup"
try "at least $speedup times faster than a loop of mailports"

# The peak resident set, 1,000 lines and RSS_LINES, without the delay.
batch_path fast || exit 1
batch_list "$domains" $(((rss_lines + domains - 1) / domains)) |
	head -n "$rss_lines" >"$tmp/long"
head -n 1000 "$tmp/long" >"$tmp/short"
rss_short='' rss_long='' took_short='' took_long=''
for size in short long; do
	if [ "$size" = long ] && [ -n "$problems" ]; then
		problem "$rss_lines lines not tried"
		break
	fi
	# The long list: three times the short one's pace, and 30 s.
	seconds=60
	[ "$size" = long ] && seconds=$((took_short * rss_lines * 3 / 1000000 + 30))
	batch_run "$tmp/$size" "$tmp/$size.out" "$seconds" \
		"$bin" --discover - --dns-server "$batch_fast" --json
	[ "$status" -eq 0 ] || problem "$size list: exit $status: $(head -c 300 "$tmp/$size.out.err")"
	if [ "$size" = short ]; then
		rss_short=$rss took_short=$took
	else
		rss_long=$rss took_long=$took
	fi
	batch_verify "$tmp/$size" "$tmp/$size.out" >"$tmp/verify"
	[ -s "$tmp/verify" ] && problem "$size list: $(cat "$tmp/verify")"
done
figure "peak RSS: $rss_short KiB for 1000 lines ($took_short ms), $rss_long KiB for $rss_lines lines ($took_long ms), without the delay"
allowed=$((${rss_short:-0} / 10 > 256 ? ${rss_short:-0} / 10 : 256))
[ -n "$rss_short" ] && [ -n "$rss_long" ] &&
	[ $((rss_long - rss_short)) -gt "$allowed" ] &&
	problem "the peak RSS grows from $rss_short KiB to $rss_long KiB, more than $allowed KiB"
try "the peak RSS does not grow from 1000 lines to $rss_lines"

summary

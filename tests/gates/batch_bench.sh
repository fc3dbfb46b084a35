#!/usr/bin/env bash
# batch_bench.sh - how long mailports --discover - takes over 1,000 and
# 10,000 domains at 50 ms of round-trip time, in the network of
# tests/lab/batch_net.sh (a network namespace of its own, as root), next to
# the ideal and to the loops a user would write otherwise; and its peak
# resident set at 1,000 and 100,000 lines.  Each run is given some times
# what it should take (a batch 4 times its ideal and 10 s more, 1,000
# lines 60 s, 100,000 lines three times as long a line as those took and
# 30 s more), so that a slow program fails in minutes.
#
# Usage: tests/gates/batch_bench.sh ./mailports NAME_SERVER DELAY_PROXY [LIMIT]
# (LIMIT 1.3 by default)
#
# A row for each size gives the batch's wall time (one run, the
# process's start included); the ideal, the round trips the domains take
# in all (one each, three where autoconfig.D has an address: see
# batch_net.sh) times the RTT over the parallelism (64, the default); the
# ratio of the two; and the time of two loops over the same domains,
# measured on the first of them and scaled:
#   mailports  one mailports --discover D a domain (SAMPLE_LOOP, 50)
#   dig        one dig a domain asking the questions a discovery asks
#              (the six SRV labels, MX, A and AAAA of autoconfig.D, D,
#              imap.D, pop3.D, pop.D, mail.D and smtp.D: src/discover_dns.c),
#              which dig asks one after another (SAMPLE_DIG, 10); it fetches
#              no autoconfig file
# and how many times faster the batch is than each.  Then the peak RSS
# (/usr/bin/time -f %M) of 1,000 and 100,000 lines (the 10,000 domains ten
# times over), asking the name server and nginx without the delay.
# The bench fails when a batch takes more than LIMIT times its ideal, is
# less than 50 times faster than the loop of mailports, or grows its peak
# RSS by more than 10% (or 256 KiB) from 1,000 lines to 100,000.
set -u

usage='usage: batch_bench.sh MAILPORTS NAME_SERVER DELAY_PROXY [LIMIT]'
bin=${1:?$usage}
server=${2:?$usage}
proxy=${3:?$usage}
limit=${4:-1.3}
parallel=64
speedup=50
sample_loop=50
sample_dig=10
for f in bin server proxy; do
	case ${!f} in /*) ;; *) printf -v "$f" '%s' "$PWD/${!f}" ;; esac
done
if ! awk -v l="$limit" 'BEGIN { exit !(l ~ /^[0-9]+(\.[0-9]+)?$/ && l >= 1) }'; then
	echo "batch_bench: limit '$limit' is not a number of at least 1" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../helpers/lib.sh"
. "$here/../lab/lab.sh"
. "$here/../lab/batch_net.sh"
if [ -z "${MAILPORTS_LAB:-}" ] && [ "$(id -u)" -eq 0 ]; then
	for tool in nginx dig /usr/bin/time; do
		if ! command -v "$tool" >/dev/null; then
			skip "$(basename "$0")" "$tool is missing (make deps)"
			summary
			exit 0
		fi
	done
fi
lab_enter "$0" "$@"

if "$bin" --discover - </dev/null 2>&1 | grep -q "invalid address or domain '-'"; then
	skip "$(basename "$0")" "this mailports has no --discover -"
	summary
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-batch-bench.XXXXXX") || exit 1
trap 'batch_stop; rm -rf "$tmp"' EXIT
batch_start "$tmp" "$server" "$proxy" 10000 || exit 1
fails=()

# loop FILE CMD...: the time (ms) of CMD D for each line D of FILE.
loop() {
	local file=$1 start domain
	shift
	start=${EPOCHREALTIME/./}
	while read -r domain; do
		"$@" "$domain" >/dev/null 2>&1 </dev/null
	done <"$file"
	echo $(((${EPOCHREALTIME/./} - start) / 1000))
}

# dig_domain D: the questions of one discovery of D, one dig.
dig_domain() {
	local d=$1 label host args=()
	for label in _submissions._tcp _submission._tcp _imaps._tcp _imap._tcp \
		_pop3s._tcp _pop3._tcp; do
		args+=("$label.$d" SRV)
	done
	args+=("$d" MX)
	for host in autoconfig. imap. pop3. pop. mail. smtp. ''; do
		args+=("$host$d" A "$host$d" AAAA)
	done
	dig @127.0.0.2 +tries=1 +time=2 +noall +answer "${args[@]}"
}

batch_list 10000 >"$tmp/list"
head -n "$sample_loop" "$tmp/list" >"$tmp/sample.loop"
head -n "$sample_dig" "$tmp/list" >"$tmp/sample.dig"
loop_ms=$(loop "$tmp/sample.loop" "$bin" --dns-server "$batch_slow" --json --discover)
dig_ms=$(loop "$tmp/sample.dig" dig_domain)

echo
printf 'mailports --discover - at %d ms RTT through tests/helpers/delay_proxy.c, %d in flight; limit: %s\n' \
	"$BATCH_RTT" "$parallel" "$limit"
printf 'loops scaled from the first %d domains (mailports, %d ms) and %d (dig, %d ms)\n' \
	"$sample_loop" "$loop_ms" "$sample_dig" "$dig_ms"
printf '%8s %9s %9s %6s %11s %7s %11s %7s\n' domains batch ideal ratio \
	'mp loop' faster 'dig loop' faster
for n in 1000 10000; do
	head -n "$n" "$tmp/list" >"$tmp/list.$n"
	ideal=$(($(batch_trips "$n") * BATCH_RTT / parallel))
	batch_run "$tmp/list.$n" "$tmp/out.$n" $((ideal * 4 / 1000 + 10)) \
		"$bin" --discover - --dns-server "$batch_slow" --json
	if [ "$status" -ne 0 ] || [ "$(wc -l <"$tmp/out.$n")" -ne "$n" ]; then
		fails+=("FAIL: $n domains: exit $status, $(wc -l <"$tmp/out.$n") lines: $(head -c 200 "$tmp/out.$n.err")")
		continue
	fi
	awk -v n="$n" -v t="$took" -v i="$ideal" -v l="$loop_ms" -v sl="$sample_loop" \
		-v g="$dig_ms" -v sg="$sample_dig" 'BEGIN {
		lm = l * n / sl; gm = g * n / sg
		printf "%8d %6d ms %6d ms %6.2f %8d ms %6.1fx %8d ms %6.1fx\n",
		    n, t, i, t / i, lm, lm / t, gm, gm / t
	}'
	awk -v t="$took" -v i="$ideal" -v max="$limit" 'BEGIN { exit !(t / i > max) }' &&
		fails+=("FAIL: $n domains take $took ms, over $limit times the ideal $ideal ms")
	awk -v t="$took" -v l="$loop_ms" -v n="$n" -v s="$sample_loop" -v f="$speedup" \
		'BEGIN { exit !(l * n / s / t < f) }' &&
		fails+=("FAIL: $n domains: less than $speedup times faster than a loop of mailports")
done

batch_path fast || exit 1
batch_list 10000 10 >"$tmp/long"
head -n 1000 "$tmp/long" >"$tmp/short"
echo
printf 'peak RSS, the name server and nginx without the delay\n'
printf '%8s %9s %11s\n' lines time 'peak RSS'
rss_short='' rss_long=''
for size in short long; do
	# The long list: three times the pace of the short one, whose time
	# took still holds, and 30 s.
	seconds=60
	[ "$size" = long ] && seconds=$((took * 100 * 3 / 1000 + 30))
	batch_run "$tmp/$size" "$tmp/$size.out" "$seconds" \
		"$bin" --discover - --dns-server "$batch_fast" --json
	printf '%8d %6d ms %7s KiB\n' "$(wc -l <"$tmp/$size")" "$took" "${rss:--}"
	if [ "$status" -ne 0 ] || [ -z "$rss" ]; then
		fails+=("FAIL: $(wc -l <"$tmp/$size") lines: exit $status: $(head -c 200 "$tmp/$size.out.err")")
		break
	fi
	if [ "$size" = short ]; then rss_short=$rss; else rss_long=$rss; fi
done
allowed=$((${rss_short:-0} / 10 > 256 ? ${rss_short:-0} / 10 : 256))
[ -n "$rss_short" ] && [ -n "$rss_long" ] &&
	[ $((rss_long - rss_short)) -gt "$allowed" ] &&
	fails+=("FAIL: the peak RSS grows from $rss_short KiB (1,000 lines) to $rss_long KiB (100,000)")
echo "datagrams dropped in the namespace: $(batch_dropped)"

if [ ${#fails[@]} -gt 0 ]; then
	printf '%s\n' "${fails[@]}"
	exit 1
fi
echo "batch_bench: within $limit times the ideal, $speedup times a loop, the peak RSS flat"

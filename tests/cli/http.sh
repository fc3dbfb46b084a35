#!/usr/bin/env bash
# http.sh - the HTTP fetch against a web server written for the tests, on
# loopback (tests/helpers/http_server.c), through tests/helpers/http_fetch.c:
# honest answers give their body byte for byte, and every hostile one ends
# in time, with a status and a reason in plain ASCII; waiting costs no CPU.
#
# Usage: tests/cli/http.sh BUILD-DIR/http_server BUILD-DIR/http_fetch
set -u

usage="usage: http.sh HTTP_SERVER HTTP_FETCH"
server=${1:?$usage}
fetcher=${2:?$usage}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-http.XXXXXX")
pids=
cleanup() {
	# shellcheck disable=SC2086
	[ -n "$pids" ] && kill $pids 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../helpers/lib.sh"

# start NAME MODE [ARGUMENT]: a server for 30 s; its port in $NAME.
start() {
	local name=$1
	shift
	"$server" -t 30 "$@" >"$tmp/$name.port" 2>"$tmp/$name.requests" &
	pids="$pids $!"
	for _ in $(seq 50); do
		[ -s "$tmp/$name.port" ] && break
		sleep 0.1
	done
	printf -v "$name" '%s' "$(cat "$tmp/$name.port")"
}

# fetch URL [TIMEOUT_MS]: the fetch of URL from 127.0.0.1, timed; its
# lines in $tmp/out, the body in $tmp/body, wall and CPU seconds in
# $tmp/time.
fetch() {
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" \
		timeout 20 "$fetcher" "$1" 127.0.0.1 "${2:-2000}" "$tmp/body" \
		>"$tmp/out" 2>"$tmp/err"
	status=$?
	# time(1) says first when the command failed: the figures are last.
	sed -i '$!d' "$tmp/time"
}
# field NAME: a line of the fetch's output, without its name.
field() { sed -n "s/^$1 //p" "$tmp/out"; }
expect() {
	local got
	got=$(field "$1")
	[ "$got" = "$2" ] || problem "$1 is '$got', wanted '$2'"
}
# The reason is one line of printable ASCII, whatever the server sent.
plain() {
	LC_ALL=C grep -q '[^ -~]' "$tmp/out" &&
		problem "a byte that is not printable ASCII: $(od -c "$tmp/out" | head -3)"
	[ "$(wc -l <"$tmp/out")" -eq 6 ] || problem "not 6 lines: $(cat "$tmp/out")"
	[ -s "$tmp/err" ] && problem "stderr: $(cat "$tmp/err")"
	[ "$status" -eq 124 ] && problem "hung until timeout(1)"
}
# within SECONDS: the fetch took at most that long.
within() {
	awk -v limit="$1" '{ exit !($1 <= limit) }' "$tmp/time" ||
		problem "took $(cut -d' ' -f1 "$tmp/time") s, more than $1 s"
}
# idle: the CPU time is under 5% of the wall time (a wait is a poll, not
# a spin).
idle() {
	awk '{ exit !(($2 + $3) < 0.05 * $1) }' "$tmp/time" ||
		problem "CPU $(cut -d' ' -f2,3 "$tmp/time") s in $(cut -d' ' -f1 "$tmp/time") s of wall time"
}

# An autoconfig file, and one of 100 KB for the bodies read in pieces.
cat >"$tmp/config.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
  </emailProvider>
</clientConfig>
EOF
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "line %05d of a long body, in pieces\n", i }' \
	>"$tmp/long.txt"

start file file "$tmp/config.xml"
path="/mail/config-v1.1.xml?emailaddress=user%40example.com"
fetch "http://127.0.0.1:$file$path"
expect status ok; expect code 200; expect redirects 0
expect length "$(wc -c <"$tmp/config.xml")"
expect final_url "http://127.0.0.1:$file$path"
cmp -s "$tmp/body" "$tmp/config.xml" || problem "the body differs from the file"
[ "$status" -eq 0 ] || problem "exit $status"
plain
try "a file with its Content-Length comes whole"

tr -d '\r' <"$tmp/file.requests" >"$tmp/request"
printf '%s\n' "GET $path HTTP/1.1" "Host: 127.0.0.1:$file" \
	"User-Agent: mailports/0.1.0" "Accept: */*" "Connection: close" "" \
	>"$tmp/wanted"
cmp -s "$tmp/request" "$tmp/wanted" ||
	problem "request: $(cat -A "$tmp/request")"
grep -q $'\r\n\r\n$' "$tmp/file.requests" 2>/dev/null ||
	LC_ALL=C awk 'END { exit !(/\r$/) }' "$tmp/file.requests" ||
	problem "the request's lines do not end in CRLF"
try "the request is a plain GET with Host and its port, User-Agent, Accept and Connection: close"

for mode in chunked close; do
	start served "$mode" "$tmp/long.txt"
	# shellcheck disable=SC2154
	fetch "http://127.0.0.1:$served/long.txt"
	expect status ok; expect length "$(wc -c <"$tmp/long.txt")"
	cmp -s "$tmp/body" "$tmp/long.txt" ||
		problem "the body differs from the file"
	plain
	try "a body served by mode $mode comes whole, in pieces"
done

start moved redirect "http://127.0.0.1:$file/other/config.xml"
fetch "http://127.0.0.1:$moved/mail/config-v1.1.xml"
expect status ok; expect code 200; expect redirects 1
expect final_url "http://127.0.0.1:$file/other/config.xml"
cmp -s "$tmp/body" "$tmp/config.xml" || problem "the body differs from the file"
grep -q "^GET /other/config.xml HTTP/1.1" "$tmp/file.requests" ||
	problem "no request for the new path"
plain
try "a redirect to another port given in its URL is followed"

start tohttps redirect "https://autoconfig.example.com/mail/config-v1.1.xml"
fetch "http://127.0.0.1:$tohttps/mail/config-v1.1.xml"
expect status https; expect code 301; expect redirects 1
expect final_url "https://autoconfig.example.com/mail/config-v1.1.xml"
grep -q "^reason .*curl" "$tmp/out" || problem "no word of curl: $(field reason)"
plain
try "a redirect to https ends with the https URL to open elsewhere"

fetch "https://127.0.0.1:$file/mail/config-v1.1.xml"
expect status https; expect redirects 0
plain
try "an https URL is not fetched"

start loop redirectloop
fetch "http://127.0.0.1:$loop/a"
expect status too-many-redirects; expect redirects 5; expect code 302
plain; within 2
try "a redirect loop ends at 5 redirects"

fetch "http://localhost:$loop/a"
expect status too-many-redirects; expect redirects 5
expect final_url "http://localhost:$loop/a"
grep -q "^Host: localhost:$loop" "$tmp/loop.requests" ||
	problem "no Host header with the name"
plain; within 2
try "a redirect on the same host name goes to the addresses it had"

start silent silent
start tosilent redirect "http://127.0.0.1:$silent/never"
fetch "http://127.0.0.1:$tosilent/" 1500
expect status timeout; expect redirects 1
plain; within 1.9; idle
try "the timeout bounds the whole fetch, its redirects included"

fetch "http://127.0.0.1:$silent/" 1500
expect status timeout; expect code 0
plain; within 1.9; idle
try "a server that says nothing: a timeout, waiting without spinning"

start drip drip
fetch "http://127.0.0.1:$drip/" 2500
expect status timeout
grep -q '^reason the answer was unfinished' "$tmp/out" ||
	problem "reason: $(field reason)"
plain; within 2.9; idle
try "a server dripping a byte a second: a timeout, waiting without spinning"

/usr/bin/time -f '%e %U %S' -o "$tmp/time" timeout 20 "$fetcher" \
	"http://127.0.0.1:$file$path" 127.0.0.1 1500 "$tmp/body" \
	"http://127.0.0.1:$silent/" "http://127.0.0.1:$drip/" \
	>"$tmp/out" 2>"$tmp/err"
sed -i '$!d' "$tmp/time"
[ "$(sed -n 's/^status //p' "$tmp/out" | tr '\n' ' ')" = "ok timeout timeout " ] ||
	problem "statuses: $(sed -n 's/^status //p' "$tmp/out" | tr '\n' ' ')"
cmp -s "$tmp/body" "$tmp/config.xml" || problem "the body differs from the file"
# One after the other, the two that wait would take 3 s.
within 1.9; idle
try "three fetches at once, each in its own time"

start endless endless
fetch "http://127.0.0.1:$endless/" 5000
expect status too-large; expect length 0
plain; within 2
try "a body that never ends is cut at 256 KiB"

start big big
fetch "http://127.0.0.1:$big/" 5000
expect status too-large
grep -q '^reason a body of 10485760 bytes' "$tmp/out" ||
	problem "reason: $(field reason)"
plain; within 1
try "a body of 10 MiB is refused from its Content-Length, not read"

start lie chunklie
fetch "http://127.0.0.1:$lie/"
expect status malformed
grep -q 'chunked body' "$tmp/out" || problem "reason: $(field reason)"
plain
try "a chunk that ends short is malformed"

start overflow chunkoverflow
fetch "http://127.0.0.1:$overflow/"
expect status malformed
grep -q "^reason chunk size 'f*' is too large" "$tmp/out" ||
	problem "reason: $(field reason)"
plain
try "a chunk size beyond 64 bits is malformed"

start notfound status 404
fetch "http://127.0.0.1:$notfound/mail/config-v1.1.xml"
expect status error-status; expect code 404; expect length 0
plain
try "a 404 is an error status, its reason phrase not shown"

start garbage garbage
fetch "http://127.0.0.1:$garbage/"
expect status malformed; expect code 0
grep -q 'x1b' "$tmp/out" || problem "escapes not shown escaped: $(field reason)"
plain
try "bytes that are not HTTP are malformed, shown escaped"

start gone file "$tmp/config.xml"
kill "${pids##* }" 2>/dev/null
wait "${pids##* }" 2>/dev/null
fetch "http://127.0.0.1:$gone/"
expect status refused
expect reason "connection refused by 127.0.0.1 port $gone"
plain
try "a port that refuses the connection"

start noplace redirect ""
fetch "http://127.0.0.1:$noplace/"
expect status bad-redirect; expect code 301
expect reason "a redirect (301) without a Location"
plain
try "a redirect without a Location"

start toftp redirect "ftp://example.com/config.xml"
fetch "http://127.0.0.1:$toftp/"
expect status bad-redirect; expect redirects 0
expect reason "a redirect to 'ftp://example.com/config.xml', which is no URL mailports follows"
plain
try "a redirect to another scheme is not followed"

fetch "ftp://127.0.0.1:$file/"
expect status bad-url
plain
try "a URL that is not http is not fetched"

"$fetcher" "http://two.test:$file/" 127.0.0.2,127.0.0.1 2000 \
	>"$tmp/out" 2>"$tmp/err"
expect status ok
"$fetcher" "http://two.test:$gone/" 127.0.0.2,127.0.0.1 2000 \
	>"$tmp/out" 2>"$tmp/err"
expect status refused
expect reason "connection refused by every address of the host port $gone"
try "the second address is tried when the first refuses"

start reset reset
fetch "http://127.0.0.1:$reset/"
expect status net-error
expect reason "connection reset by the server"
plain
try "a connection reset within the body"

urls=
for _ in 1 2 3 4 5 6 7 8; do urls="$urls http://127.0.0.1:$served/long.txt"; done
# shellcheck disable=SC2086
"$fetcher" "http://127.0.0.1:$file$path" 127.0.0.1 5000 "$tmp/body" $urls \
	>"$tmp/out" 2>"$tmp/err"
[ "$(sed -n 's/^status //p' "$tmp/out" | sort | uniq -c | tr -s ' ')" = " 9 ok" ] ||
	problem "statuses: $(sed -n 's/^status //p' "$tmp/out" | tr '\n' ' ')"
[ "$(grep -c "^length $(wc -c <"$tmp/long.txt")\$" "$tmp/out")" -eq 8 ] ||
	problem "lengths: $(grep '^length' "$tmp/out" | tr '\n' ' ')"
try "nine fetches, more than are made at a time, all made"

start v6 -6 file "$tmp/config.xml"
if [ -n "$v6" ]; then
	fetch "http://[::1]:$v6/a"
	expect status ok
	grep -q "^Host: \[::1\]:$v6" "$tmp/v6.requests" ||
		problem "Host: $(grep '^Host' "$tmp/v6.requests")"
	"$fetcher" "http://v6.test:$v6/b" ::1 2000 >"$tmp/out" 2>"$tmp/err"
	expect status ok
	grep -q "^Host: v6.test:$v6" "$tmp/v6.requests" ||
		problem "Host: $(grep '^Host' "$tmp/v6.requests")"
	try "IPv6: an address in brackets, and a name at an address given"
else
	skip "IPv6" "no ::1 to listen on"
fi

# Names through a name server: dnsmasq on loopback, if it is here.
dns_port=$((20000 + $$ % 20000))
dns_pid=
if command -v dnsmasq >/dev/null 2>&1; then
	dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv \
		--no-hosts --bind-interfaces --listen-address=127.0.0.1 \
		--port="$dns_port" --pid-file= --user="$(id -un)" \
		--address=/autoconfig.test/127.0.0.1 \
		--address=/moved.test/127.0.0.1 >"$tmp/dnsmasq.log" 2>&1 &
	dns_pid=$!
	pids="$pids $dns_pid"
	sleep 0.3
fi
if [ -n "$dns_pid" ] && kill -0 "$dns_pid" 2>/dev/null; then
	start toname redirect "http://moved.test:$file/other.xml"
	"$fetcher" "http://autoconfig.test:$toname/mail/config-v1.1.xml" \
		"@127.0.0.1:$dns_port" 2000 "$tmp/body" >"$tmp/out" 2>"$tmp/err"
	status=$?
	expect status ok; expect redirects 1
	expect final_url "http://moved.test:$file/other.xml"
	grep -q "^Host: autoconfig.test:$toname" "$tmp/toname.requests" ||
		problem "no request to autoconfig.test"
	grep -q "^Host: moved.test:$file" "$tmp/file.requests" ||
		problem "no request to moved.test"
	cmp -s "$tmp/body" "$tmp/config.xml" ||
		problem "the body differs from the file"
	"$fetcher" "http://nowhere.test:$file/" "@127.0.0.1:$dns_port" 2000 \
		>"$tmp/out" 2>"$tmp/err"
	expect status no-address
	expect reason "no address for nowhere.test"
	try "host names, the first and a redirect's, through the name server"
else
	skip "host names through the name server" \
		"dnsmasq is not installed or did not start"
fi

summary

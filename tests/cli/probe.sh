#!/usr/bin/env bash
# probe.sh - the probe against a hostile server written for the tests, on
# loopback: every kind of misbehaviour ends in time, with a warning, and
# nothing raw reaches the terminal.  tests/lab/probe_lab.sh tries real servers.
#
# Usage: tests/cli/probe.sh ./mailports build/probe_server
set -u

bin=${1:?usage: probe.sh MAILPORTS PROBE_SERVER}
server=${2:?usage: probe.sh MAILPORTS PROBE_SERVER}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-probe.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../helpers/lib.sh"
# The test server's certificates (tests/x509/probe-*) are issued under
# probe-root.pem: the trust store, whatever the machine's.
SSL_CERT_FILE=$(cd "$(dirname "$0")/../x509" && pwd)/probe-root.pem
export SSL_CERT_FILE
unset SSL_CERT_DIR

modes="flood drip nonewline reset silent plaintext tls junk notmail escapes cleartext
	ehlomixed greetmixed hangup cyrus challenge sieve imapcaps imapmute
	late exim hello oldtls postscreen sni longline pop3 smtprefuse imaprefuse
	pop3refuse plainafter closeafter cutafter badcert nulcert starttls13 tlsflight
	tlscut tlsoverflow tls100 tlsbig tlssplit tlsdowngrade tls13only
	tlsgarbage chainsplit chain100 chaindowngrade chainbig"
# shellcheck disable=SC2086
serve "$server" $modes

# probe MODE WORDS...: probes the mode's port as TSV, with a 1 s timeout.
probe() {
	local mode=$1
	shift
	timeout 20 "$bin" --tsv --timeout 1 --probe "127.0.0.1:$(port "$mode")" "$@" \
		>"$tmp/out" 2>"$tmp/err"
	status=$?
	row=$(sed -n 2p "$tmp/out")
}
# column NAME: the field of the probed row under that header.
column() {
	awk -F '\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
		NR == 2 { print $c }' "$tmp/out"
}
expect() {
	local got
	got=$(column "$1")
	[ "$got" = "$2" ] || problem "$1 is '$got', wanted '$2'"
}

probe flood imap
expect state open; expect tls unknown; expect warnings flood
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
try "a flood is cut off at a bounded size"

probe drip imap
expect state open; expect warnings unfinished
[ "$(column ms)" -ge 900 ] || problem "gave up before the timeout"
try "a server dripping a byte a second is given up at the timeout"

probe nonewline imap
expect warnings unfinished
expect greeting "220 no line end"
try "a greeting without a line end is given up at the timeout"

probe reset imap --timeout 3
expect state open; expect warnings unfinished
expect greeting "* OK half"
try "a reset halfway keeps what was said"

probe silent imap
expect state open; expect tls unknown; expect warnings silent
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port silent)" imap >"$tmp/out" 2>&1
grep -q 'said nothing within the timeout (1000 ms)' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q 'to wait longer, try --timeout 2' "$tmp/out" || problem "$(cat "$tmp/out")"
grep -q 'accepts connections but says nothing' "$tmp/out" &&
	problem "says more than was seen: $(cat "$tmp/out")"
try "a port that accepts and says nothing: within the timeout, and how to wait longer"

# A greeting after 600 ms, waited for half a second: silence within the
# timeout, which is all that was seen.
timeout 20 "$bin" --timeout 0.5 --probe "127.0.0.1:$(port late)" smtp >"$tmp/out" 2>&1
grep -q 'said nothing within the timeout (500 ms).*--timeout 1' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
try "a late greeting past a short timeout: said nothing within it, try a longer one"

closed=$(closed_port "$server")
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$closed" smtp >"$tmp/out" 2>&1
status=$?
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
grep -qx "nothing listens on 127.0.0.1's port $closed: check the host name and the port" "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q 'firewall' "$tmp/out" && problem "a refusal is no firewall: $(cat "$tmp/out")"
try "one port that refuses: nothing listens there"

# Every mail port closed: a network namespace of the test's own, where
# nothing listens at all.
if unshare -rn true 2>/dev/null; then
	timeout 20 unshare -rn sh -c 'ip link set lo up 2>/dev/null ||
		/sbin/ip link set lo up; exec "$@"' sh "$bin" --timeout 1 \
		--probe 127.0.0.1 >"$tmp/out" 2>&1
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
	grep -qx "nothing listens on 127.0.0.1's mail ports: check the host name, and that its mail server runs" \
		"$tmp/out" || problem "$(cat "$tmp/out")"
	try "every mail port refuses: nothing listens on the host's mail ports"
else
	skip "every mail port refuses" "no network namespace (unshare -rn)"
fi

# --check of a name that does not resolve, offline: a mount namespace
# whose nsswitch.conf looks host names up in the hosts file alone.
printf 'hosts: files\n' >"$tmp/nsswitch.conf"
# hosts_only ARGS...: the program, where only the hosts file has names.
hosts_only() {
	# shellcheck disable=SC2016
	timeout 20 unshare -rm sh -c 'mount --bind "$1" /etc/nsswitch.conf &&
		shift && exec "$@"' sh "$tmp/nsswitch.conf" "$bin" "$@"
}
if unshare -rm true 2>/dev/null; then
	hosts_only --tsv --timeout 1 --check smpt.gmail.com:587 starttls \
		>"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/err")"
	[ -s "$tmp/err" ] && problem "stderr: $(cat "$tmp/err")"
	expect verdict no-such-host; expect secure no; expect fix_host smtp.gmail.com
	expect fix "check the spelling of the server name: Gmail gives Outgoing server smtp.gmail.com"
	case $(column cause) in
	"no address is known for smpt.gmail.com ("*"): the name is misspelt, or does not exist") ;;
	*) problem "cause: $(column cause)" ;;
	esac
	hosts_only --json --timeout 1 --check smpt.gmail.com:587 starttls >"$tmp/out"
	grep -qF '"verdict":"no-such-host","secure":false,' "$tmp/out" ||
		problem "JSON: $(cat "$tmp/out")"
	grep -qF '"fix_port":null,"fix_tls":null,"tls13":null,"certificate":null,"cert_findings":[],"fix_host":"smtp.gmail.com"}]' \
		"$tmp/out" || problem "JSON: $(cat "$tmp/out")"
	try "--check of a misspelt server of a known provider: no-such-host, and its server"

	hosts_only --timeout 1 --check alice@gmail.com >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/err")"
	[ "$(grep -c '^verdict: the server name does not resolve (no-such-host)$' "$tmp/out")" -eq 3 ] ||
		problem "not three settings with no-such-host: $(cat "$tmp/out")"
	grep -q '^fix:     check the spelling of the server name, as the provider gives it$' \
		"$tmp/out" || problem "$(cat "$tmp/out")"
	try "--check of an address whose servers do not resolve: a verdict for each"
else
	skip "--check of a name that does not resolve" "no mount namespace (unshare -rm)"
fi

probe plaintext imap implicit
expect tls none; expect protocol imap; expect warnings plaintext-on-tls-port
try "plaintext on a port for implicit TLS"

probe late smtp
expect tls starttls; expect protocol smtp; expect warnings ""
[ "$status" -eq 0 ] || problem "exit $status, wanted 0"
try "a greeting after 60% of the timeout is waited for, not talked over"

probe exim smtp
expect tls starttls; expect protocol smtp; expect warnings ""
expect greeting "220 mx ESMTP"
try "nothing is sent before the greeting, so Exim does not hang up"

probe postscreen
expect state open; expect protocol smtp; expect tls unknown
expect warnings slow-greeting; expect greeting "220-mx ESMTP"
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port postscreen)" >"$tmp/out" 2>&1
grep -q 'try a longer --timeout' "$tmp/out" || problem "$(cat "$tmp/out")"
try "a greeting begun but not ended in time is SMTP, and a longer timeout is advised"

probe hello
expect tls implicit; expect warnings hello-after-silence
[ "$status" -eq 1 ] || problem "TLS of no known protocol: exit $status, wanted 1"
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port hello)" >"$tmp/out" 2>&1
grep -q 'a TLS ClientHello was sent' "$tmp/out" || problem "$(cat "$tmp/out")"
try "on a port of no known protocol, a ClientHello after silence, and it says so"

probe hello imap
expect tls unknown; expect warnings silent
try "on a port for a protocol that greets, no ClientHello ever"

probe hello imap implicit
expect tls implicit; expect protocol imap; expect warnings ""
[ "$status" -eq 0 ] || problem "exit $status, wanted 0"
try "a ServerHello on a port for implicit TLS works securely"

timeout 20 "$bin" --tsv --timeout 1 --probe "localhost:$(port sni)" imap implicit \
	>"$tmp/out" 2>&1
status=$?
# The row of 127.0.0.1 (localhost may be ::1 too, where nothing listens).
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	$1 == "127.0.0.1" { print $c["state"], $c["tls"], $c["protocol"],
		"[" $c["warnings"] "]", "[" $c["tls_alert"] "]", $c["cert_matches"] }' \
	"$tmp/out" | grep -qx 'open implicit imap \[\] \[\] yes' || problem "$(cat "$tmp/out")"
[ "$status" -eq 0 ] || problem "exit $status, wanted 0"
probe sni imap implicit
expect tls implicit; expect tls_alert unrecognized_name
try "the host's name goes in the ClientHello for SNI, an address does not"

probe tls imap implicit
expect tls implicit; expect warnings "tls-refused cert-unread"
expect tls_alert handshake_failure
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
try "a handshake_failure alert is TLS refused, not TLS working"

timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port oldtls)" imap implicit >"$tmp/out" 2>&1
status=$?
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
grep -q 'port [0-9]*: refused the TLS handshake: protocol_version' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q '^use: IMAP: no secure port found' "$tmp/out" || problem "$(cat "$tmp/out")"
timeout 20 "$bin" -p --timeout 1 --probe "127.0.0.1:$(port oldtls)" imap implicit >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && problem "-p lists $(cat "$tmp/out")"
timeout 20 "$bin" --json --timeout 1 --probe "127.0.0.1:$(port oldtls)" imap implicit >"$tmp/out" 2>&1
for key in '"tls":"implicit"' '"tls_alert":"protocol_version"' '"verdict":[]' \
	'"secure":false'; do
	grep -qF -- "$key" "$tmp/out" || problem "JSON lacks $key: $(cat "$tmp/out")"
done
try "a protocol_version alert is named, warned of and not secure anywhere"

probe junk imap ssl
expect tls unknown; expect warnings not-tls
try "nonsense in answer to a ClientHello"

probe notmail imap
expect warnings not-mail
expect greeting "SSH-2.0-OpenSSH_9.2"
try "a port that greets, but not as a mail server"

probe escapes smtp
expect protocol smtp
expect greeting '220 \x1b[2J\x1b]0;owned\x07 mail.example ESMTP'
try "escape sequences in a greeting are escaped"

timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port escapes)" smtp >"$tmp/out" 2>&1
LC_ALL=C grep -q $'\033' "$tmp/out" && problem "a raw escape reached the table"
grep -qF '220 \x1b[2J' "$tmp/out" || problem "the table lacks the escaped greeting"
try "the table for people escapes the greeting too"

probe cleartext imap
expect tls none; expect auth PLAIN; expect warnings cleartext-login
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
try "a password taken without any TLS is warned about"

probe ehlomixed smtp
expect tls unknown; expect starttls no; expect warnings malformed
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
try "a 250-STARTTLS line inside a 550 answer to EHLO is no offer"

probe greetmixed smtp
expect protocol smtp; expect tls unknown; expect warnings malformed
try "a 250-STARTTLS line inside a 220 greeting is no offer"

probe hangup smtp
expect protocol smtp; expect tls unknown; expect warnings closed-early
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port hangup)" smtp >"$tmp/out" 2>&1
grep -q 'closed the connection before answering EHLO' "$tmp/out" || problem "$(cat "$tmp/out")"
try "a server that hangs up instead of answering EHLO is no 'none'"

probe cyrus imap
expect tls starttls; expect warnings cleartext-login
expect auth "SCRAM-SHA-256-PLUS SCRAM-SHA-256 SCRAM-SHA-1-PLUS SCRAM-SHA-1 DIGEST-MD5 CRAM-MD5 NTLM GSS-SPNEGO GSSAPI OTP PLAIN LOGIN"
timeout 20 "$bin" --json --timeout 1 --probe "127.0.0.1:$(port cyrus)" imap >"$tmp/out" 2>&1
grep -qF '"GSSAPI","OTP","PLAIN","LOGIN"],"auth_cut":false,' "$tmp/out" || problem "$(cat "$tmp/out")"
try "a dozen login mechanisms are all kept"

probe challenge smtp
expect tls starttls; expect auth "CRAM-MD5 SCRAM-SHA-256 DIGEST-MD5"; expect warnings ""
try "challenge-response mechanisms before TLS are no cleartext login"

probe sieve sieve
expect protocol managesieve; expect tls starttls; expect auth "PLAIN LOGIN"
expect warnings cleartext-login
try "ManageSieve literals are read, and one saying NO does not end the list"

probe imapcaps imap
expect tls starttls; expect auth SCRAM-SHA-256; expect warnings ""
[ "$(column ms)" -lt 500 ] || problem "waited $(column ms) ms for an answer it needs not"
try "IMAP capabilities in the greeting: no CAPABILITY asked"

probe imapmute imap
expect protocol imap; expect tls unknown; expect warnings no-answer
expect greeting "* OK ready"
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port imapmute)" imap >"$tmp/out" 2>&1
grep -q 'did not answer CAPABILITY before the timeout' "$tmp/out" || problem "$(cat "$tmp/out")"
try "CAPABILITY unanswered: what the greeting said is kept"

timeout 20 "$bin" --json --timeout 1 --probe "127.0.0.1:$(port cleartext)" imap \
	>"$tmp/out" 2>"$tmp/err"
for key in '"host":"127.0.0.1"' '"address":"127.0.0.1"' '"state":"open"' \
	'"tls":"none"' '"protocol":"imap"' '"starttls":false' '"auth":["PLAIN"]' \
	'"banner":"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready"' '"ms":' \
	'"warnings":["cleartext-login"]' '"verdict":[]' '"secure":false'; do
	grep -qF -- "$key" "$tmp/out" || problem "JSON lacks $key"
done
try "--json has the documented keys"

timeout 20 "$bin" --json --timeout 1 --probe "127.0.0.1:$(port longline)" smtp \
	>"$tmp/out" 2>"$tmp/err"
grep -q '"banner":"220 x\{508\}","banner_cut":true,' "$tmp/out" || problem "$(cat "$tmp/out")"
probe longline smtp
[ "$(column greeting | wc -c)" -eq 513 ] || problem "greeting: $(column greeting)"
try "a first line longer than is kept is cut at 512 bytes, and JSON says so"

# json MODE WORDS...: probes the mode's port as JSON, with a 1 s timeout;
# has KEY...: the JSON holds each.
json() {
	local mode=$1
	shift
	timeout 20 "$bin" --json --timeout 1 --probe "127.0.0.1:$(port "$mode")" "$@" \
		>"$tmp/out" 2>"$tmp/err"
	status=$?
}
has() {
	local key
	for key in "$@"; do
		grep -qF -- "$key" "$tmp/out" || problem "JSON lacks $key: $(cat "$tmp/out")"
	done
}
# The certificate of hello and of every STARTTLS mode, as openssl x509 shows
# tests/x509/probe-leaf.der.
good_cert='"tls13":false,"certificate":{"subject":"CN=localhost","issuer":"O=Probe Test,CN=Probe Test Intermediate","names":["localhost","127.0.0.1"],"names_total":2,"not_before":"2026-01-01T00:00:00Z","not_after":"2040-12-31T00:00:00Z","sha256":"4953362f2f076d503320b415f43978f8b8b0a80087a0a080f895bce0da6a2cf0","key":"EC P-256","signature":"sha256WithRSAEncryption","self_signed":false,"chain":2,"matches":true,"issuer_known":true}'

for run in "late smtp" "imapcaps imap" "cyrus imap" "pop3 pop3" "sieve sieve" \
	"hello imap implicit"; do
	# shellcheck disable=SC2086
	json $run
	has "$good_cert" '"secure":true'
	# shellcheck disable=SC2086
	probe $run
	expect cert_chain 2; expect cert_names "localhost 127.0.0.1"
	expect cert_issuer_known yes
	[ "$status" -eq 0 ] || problem "$run: exit $status, wanted 0"
	# Nothing waited for past the flight (late greets after 600 ms).
	[ "$(column ms)" -lt 900 ] || problem "$run: waited $(column ms) ms"
	[ "$(head -1 "$tmp/out" | tr '\t' '\n' | wc -l)" -eq \
		"$(sed -n 2p "$tmp/out" | tr '\t' '\n' | wc -l)" ] ||
		problem "$run: the row's cells are not the header's"
done
try "STARTTLS (SMTP, IMAP, POP3, ManageSieve) and implicit TLS: the chain read and judged good"

for run in "smtprefuse smtp" "imaprefuse imap" "pop3refuse pop3"; do
	# shellcheck disable=SC2086
	probe $run
	expect tls starttls; expect warnings "starttls-refused cert-unread"
	[ "$status" -eq 1 ] || problem "$run: exit $status, wanted 1"
	# shellcheck disable=SC2086
	json $run
	has '"tls13":null,"certificate":null' '"verdict":[]' '"secure":false'
	timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port "${run% *}")" "${run#* }" \
		>"$tmp/out" 2>&1
	grep -q '^use: .*: no secure port found' "$tmp/out" || problem "$run: $(cat "$tmp/out")"
done
try "STARTTLS refused (SMTP 454, IMAP NO, POP3 -ERR): starttls-refused, not secure"

for mode in plainafter closeafter cutafter; do
	probe "$mode" smtp
	expect tls starttls; expect warnings "tls-failed cert-unread"
	[ "$status" -eq 1 ] || problem "$mode: exit $status, wanted 1"
	[ "$(column ms)" -lt 900 ] || problem "$mode: waited $(column ms) ms"
	json "$mode" smtp
	has '"certificate":null' '"secure":false'
done
try "STARTTLS accepted, then plaintext, a hang-up, or a flight cut short: tls-failed, not secure"

probe badcert smtp
expect tls starttls; expect warnings "cert-name cert-self-signed"
expect cert_subject 'CN=mail.example.com,O=Example Mail\, Inc.,C=DE'
expect cert_names "mail.example.com *.example.net 192.0.2.1 2001:db8::1"
expect cert_matches no; expect cert_self_signed yes
[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
json badcert smtp
has '"sha256":"33485fe6f834e8f5e5d94946a9a1b6605cc2d3767b9f0cfcafa4c4096f5ef0ac"' \
	'"chain":1,"matches":false,"issuer_known":false' '"secure":false'
timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port badcert)" smtp >"$tmp/out" 2>&1
grep -q 'a mail client refuses it (another name, self-signed)' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
grep -q 'openssl s_client -connect 127.0.0.1:[0-9]* -starttls smtp' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
try "STARTTLS, then a certificate a client refuses: read, named, not secure"

for run in "starttls13 smtp" "tls13only imap implicit"; do
	# shellcheck disable=SC2086
	json $run
	has '"tls_alert":"protocol_version"' '"warnings":["tls12-refused","cert-unread"],"tls13":true,"certificate":null' '"secure":true'
	[ "$status" -eq 0 ] || problem "$run: exit $status, wanted 0"
	# shellcheck disable=SC2086
	timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port "${run%% *}")" ${run#* } \
		>"$tmp/out" 2>&1
	grep -q 'speaks TLS 1.3 alone' "$tmp/out" || problem "$run: $(cat "$tmp/out")"
done
try "TLS 1.3 alone, after STARTTLS or not: TLS 1.2 refused, tls13, the certificate unread, secure"

json nulcert imap implicit
has '"subject":"CN=mail.bank.example\\00.evil.example"' \
	'"names":["mail.bank.example\\x00.evil.example"]' '"matches":false' \
	'"warnings":["cert-name","cert-self-signed"]' '"secure":false'
timeout 20 "$bin" --timeout 1 --probe "localhost:$(port nulcert)" imap implicit \
	>"$tmp/out" 2>&1
grep -qF 'for mail.bank.example\x00.evil.example; self-signed' "$tmp/out" ||
	problem "$(cat "$tmp/out")"
tr -d '\n' <"$tmp/out" | LC_ALL=C grep -q '[[:cntrl:]]' && problem "a raw control byte"
try "a NUL inside a certificate's name is shown escaped, and the name matches nothing"

# The hostile flights of tests/helpers/flight.h, and the chain of hello
# framed as they are, through the program: each ends within the timeout,
# says what it read, and prints no raw byte.  The keys hold brackets: no
# globbing.
set -f
while read -r mode keys; do
	start=$(date +%s%N)
	json "$mode" imap implicit
	elapsed=$((($(date +%s%N) - start) / 1000000))
	[ "$status" -le 1 ] || problem "$mode: exit $status"
	[ -s "$tmp/err" ] && problem "$mode: $(cat "$tmp/err")"
	[ "$elapsed" -lt 3000 ] || problem "$mode: took $elapsed ms"
	for key in $keys; do
		has "$key"
	done
	timeout 20 "$bin" --timeout 1 --probe "127.0.0.1:$(port "$mode")" imap implicit \
		>"$tmp/out" 2>&1
	status=$?
	[ "$status" -le 1 ] || problem "$mode: the table's exit $status"
	tr -d '\n' <"$tmp/out" | LC_ALL=C grep -q '[[:cntrl:]]' &&
		problem "$mode: a raw control byte"
	try "a hostile flight ($mode) ends in time, and says what it read"
done <<'EOF'
tlsflight "warnings":["cert-unread"],"tls13":false,"certificate":null
tlscut "tls":"implicit" "cert-unread" "tls13":false,"certificate":null
tlsoverflow "warnings":["tls-malformed","cert-unread"],"tls13":false,"certificate":null
tls100 "warnings":["cert-unread"],"tls13":false,"certificate":null
tlsbig "warnings":["cert-unread"],"tls13":false,"certificate":null
tlssplit "warnings":["cert-unread"],"tls13":false,"certificate":null
tlsdowngrade "warnings":["cert-unread"],"tls13":true,"certificate":null
tlsgarbage "warnings":["tls-malformed","cert-unread"],"tls13":false,"certificate":null
chainsplit "warnings":[],"tls13":false "subject":"CN=localhost" "chain":2,"matches":true,"issuer_known":true "secure":true
chain100 "warnings":[],"tls13":false "subject":"CN=localhost" "chain":100,"matches":true,"issuer_known":true "secure":true
chaindowngrade "warnings":[],"tls13":true "subject":"CN=localhost" "chain":2,"matches":true "secure":true
chainbig "names_total":3302 "sha256":"3818ca5c7c016e882652a9a78af33e2bf46c7515328b64cfe90979bcdfd611b1" "chain":2,"matches":true,"issuer_known":true "secure":true
EOF
set +f

# Every hostile port at once: the whole probe takes one timeout, not one each.
start=$(date +%s%N)
probes=
for mode in $modes; do
	timeout 20 "$bin" -p --timeout 1 --probe "127.0.0.1:$(port "$mode")" imap \
		>/dev/null 2>&1 &
	probes="$probes $!"
done
# shellcheck disable=SC2086
wait $probes
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$elapsed" -lt 10000 ] || problem "took $elapsed ms"
try "no hostile server hangs the probe"

timeout 20 "$bin" --probe 127.0.0.1:1 imap >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || problem "a closed port should exit 1"
grep -q '^127.0.0.1  1     closed' "$tmp/out" || problem "closed: $(head -3 "$tmp/out")"
try "a closed port is closed, and nothing secure exits 1"

for bad in 'no such host!' '[::1' '[::1]:x' 'host:x' 'host:' ''; do
	timeout 20 "$bin" --probe "$bad" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 2 ] || problem "'$bad' should exit 2"
	grep -q "invalid host" "$tmp/err" || problem "'$bad': $(cat "$tmp/err")"
done
try "a bad host is named, and exits 2"

for bad in host:0 host:65536 localhost:70000 '[::1]:70000' 127.0.0.1:000; do
	timeout 20 "$bin" --probe "$bad" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 2 ] || problem "'$bad' should exit 2"
	[ "$(cat "$tmp/err")" = "mailports: port ${bad##*:} is out of range 1-65535" ] ||
		problem "'$bad': $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && problem "'$bad' printed: $(cat "$tmp/out")"
done
try "a port out of range in the host says so, and exits 2"

# The forms of a host and port, and what the words expect there.
for args in "127.0.0.1:1" "[127.0.0.1]:1" "[::1]:1" "::1" "127.0.0.1:1 starttls" \
	"127.0.0.1:1 imap pop3" "127.0.0.1:1 implicit" "localhost:1 smtp"; do
	# shellcheck disable=SC2086
	timeout 20 "$bin" --tsv --timeout 0.5 --probe $args >"$tmp/out" 2>"$tmp/err"
	status=$?
	case $args in
	::1) [ "$status" -le 1 ] || problem "$args: exit $status: $(cat "$tmp/err")" ;;
	*) [ "$status" -eq 1 ] || problem "$args: exit $status: $(cat "$tmp/err")" ;;
	esac
	[ -s "$tmp/err" ] && problem "$args: $(cat "$tmp/err")"
done
timeout 20 "$bin" --tsv --timeout 0.25 --probe 127.0.0.1:993 >"$tmp/out" 2>&1
[ "$(cut -f 2,5 "$tmp/out" | tail -1)" = $'993\t' ] || problem "$(cat "$tmp/out")"
timeout 20 "$bin" --probe 127.0.0.1:1 993 >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || problem "two ports should exit 2"
grep -q "two ports asked for: 1 in the host, 993 in the words" "$tmp/err" ||
	problem "$(cat "$tmp/err")"
timeout 20 "$bin" --timeout 0.25 --probe 127.0.0.1:995 993 995 >/dev/null \
	2>"$tmp/err"
[ $? -ne 2 ] || problem "a host's port among the words' ports: $(cat "$tmp/err")"
timeout 20 "$bin" --timeout 1.23456 --probe 127.0.0.1:1 >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || problem "a timeout with many decimals: $(cat "$tmp/err")"
timeout 20 "$bin" --probe 127.0.0.1 imapp >/dev/null 2>"$tmp/err"
grep -q "unknown word 'imapp' (did you mean 'imap'?)" "$tmp/err" || problem "$(cat "$tmp/err")"
try "host and port forms, and words with a port"

for args in "--timeout 0" "--timeout x" "--timeout 3601" "--timeout -1"; do
	# shellcheck disable=SC2086
	timeout 20 "$bin" $args --probe 127.0.0.1 >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 2 ] || problem "$args should exit 2"
	grep -q "invalid timeout" "$tmp/err" || problem "$args: $(cat "$tmp/err")"
done
"$bin" --timeout 2 imap >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || problem "--timeout without --probe should exit 2"
"$bin" --probe 127.0.0.1 gmail >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || problem "a provider word with --probe should exit 2"
"$bin" --probe 127.0.0.1 odmr >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || problem "no client port to probe should exit 2"
"$bin" --probe >/dev/null 2>"$tmp/err"
grep -q "option '--probe' needs an argument" "$tmp/err" || problem "$(cat "$tmp/err")"
try "bad arguments to --probe and --timeout exit 2"

summary

#!/usr/bin/env bash
# tls.sh - the server's first flight to the TLS 1.2 ClientHello, read by
# the probe's reader (through tests/helpers/tls_flight.c): each hostile
# TLS server of tests/helpers/flight.h ends in the verdict it deserves,
# the test server's chain of tests/x509/ certificates is read byte for
# byte however it is cut, and OpenSSL's own server, on loopback, answers
# the hello with TLS 1.2 and the very certificate it was given.
#
# Usage: tests/cli/tls.sh BUILD-DIR/probe_server BUILD-DIR/tls_flight
set -u

server=${1:?usage: tls.sh PROBE_SERVER TLS_FLIGHT}
reader=${2:?usage: tls.sh PROBE_SERVER TLS_FLIGHT}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-tls.XXXXXX")
pid= openssl_pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "$openssl_pid" ] && kill "$openssl_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../helpers/lib.sh"

modes="tlsflight tlscut tlsoverflow tls100 tlsbig tlssplit tlsdowngrade
	tls13only tlsgarbage chainsplit chainbig"
# shellcheck disable=SC2086
serve "$server" $modes

# flight MODE WANT...: the reader's lines for MODE hold each WANT line.
flight() {
	local mode=$1 want
	shift
	timeout 20 "$reader" "$(port "$mode")" localhost >"$tmp/out" 2>&1 ||
		problem "tls_flight exit $?"
	for want in "$@"; do
		grep -qxF "$want" "$tmp/out" ||
			problem "no '$want' in: $(tr '\n' ' ' <"$tmp/out")"
	done
}

flight tlsflight 'state done' 'version 0303' 'cipher c02f' 'tls13 no' \
	'certs 3' 'cert 2 300'
try "a flight of three certificates is read whole"
flight tlscut 'state more'
try "a record cut short asks for more, and no more comes"
flight tlsoverflow 'state malformed' \
	"reason a certificate's length overruns its list"
grep -q '^cert ' "$tmp/out" && problem "a certificate kept: $(cat "$tmp/out")"
try "a certificate whose length overruns its list is malformed"
flight tls100 'state done' 'certs 100' 'cert 9 100'
grep -q '^cert 10 ' "$tmp/out" && problem "an eleventh certificate kept"
try "a hundred certificates: ten kept, all counted"
flight tlsbig 'state done' 'certs 1' 'cert 0 65536'
try "a certificate of 64 KiB is read"
flight tlssplit 'state done' 'certs 1' 'cert 0 2000'
try "a certificate split over 20 records is put together"
flight tlsdowngrade 'state done' 'version 0303' 'tls13 yes' 'certs 3'
try "the downgrade sentinel says TLS 1.3 too"
flight tls13only 'state alert' 'alert 70'
try "a server of TLS 1.3 alone refuses the hello with protocol_version"
flight tlsgarbage 'state malformed' 'version 0303'
try "bytes that are no record after a ServerHello are malformed"

# The test server's chain of X.509 certificates, kept byte for byte.
x509=$(dirname "$0")/../x509
for mode in chainsplit chainbig; do
	rm -rf "$tmp/chain"
	mkdir "$tmp/chain"
	timeout 20 "$reader" "$(port "$mode")" localhost "$tmp/chain" >"$tmp/out" 2>&1
	for want in 'state done' 'certs 2' 'tls13 no'; do
		grep -qxF "$want" "$tmp/out" ||
			problem "$mode: no '$want' in: $(tr '\n' ' ' <"$tmp/out")"
	done
	leaf=probe-leaf.der
	[ "$mode" = chainbig ] && leaf=probe-many.der
	cmp -s "$x509/$leaf" "$tmp/chain/0.der" || problem "$mode: not $leaf"
	cmp -s "$x509/probe-inter.der" "$tmp/chain/1.der" ||
		problem "$mode: not probe-inter.der"
done
try "a chain in records of 100 bytes, and a leaf of 60 KB, kept byte for byte"

# OpenSSL's server: TLS 1.2, the suite of an ECDHE-RSA client, and the
# certificate it was given, byte for byte.
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" \
	-out "$tmp/cert.pem" -days 30 -subj /CN=mail.test >/dev/null 2>&1
then
	# s_server ends its connection when its input ends: a pipe held open
	# till the end keeps it.
	mkfifo "$tmp/input"
	openssl s_server -accept 127.0.0.1:0 -cert "$tmp/cert.pem" \
		-key "$tmp/key.pem" -naccept 1 <"$tmp/input" >"$tmp/s_server" \
		2>&1 &
	openssl_pid=$!
	exec 3>"$tmp/input"
	for _ in $(seq 50); do
		grep -q '^ACCEPT' "$tmp/s_server" && break
		sleep 0.1
	done
	mkdir "$tmp/certs"
	timeout 20 "$reader" "$(sed -n 's/^ACCEPT .*://p' "$tmp/s_server")" \
		mail.test "$tmp/certs" >"$tmp/out" 2>&1
	for want in 'state done' 'version 0303' 'tls13 yes' 'certs 1'; do
		grep -qxF "$want" "$tmp/out" ||
			problem "no '$want' in: $(tr '\n' ' ' <"$tmp/out")"
	done
	openssl x509 -in "$tmp/cert.pem" -outform DER |
		cmp -s - "$tmp/certs/0.der" ||
		problem "not the certificate sent"
	try "openssl s_server answers with TLS 1.2 and its certificate"
else
	skip "openssl s_server answers the hello" "openssl is not installed"
fi

summary

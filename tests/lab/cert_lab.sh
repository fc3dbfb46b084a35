#!/usr/bin/env bash
# cert_lab.sh - the certificate a server sends, as the probe reads and
# judges it, against openssl.  The certificates are made at each run by
# tests/lab/cert_make.sh: a test root CA, the one certificate of the trust
# store given to the probe through SSL_CERT_FILE, an intermediate it
# issued, and a leaf for each case.  The servers: openssl s_server on port
# 993 of an address of its own for each case (implicit TLS); the lab's
# Dovecot (tests/lab/lab.sh, IMAP, POP3, submission and ManageSieve, its
# self-signed certificate chosen by SNI), OpenSMTPD (465 and 587 of
# 127.0.0.3, the same) and the zoo of tests/lab/zoo.sh (Postfix, Exim,
# Cyrus, Courier; started twice: with the CA's certificate, then with a
# self-signed one), on their implicit TLS and STARTTLS ports.  OpenSMTPD
# 6.8 with OpenSSL 3.0 (Debian 12) sends its certificate, then ends every
# handshake, TLS 1.2 or 1.3, with an internal_error alert ("EVP lib" in
# its log): no client gets in, and openssl still verifies the certificate
# it saw.
#
# Each row probes one host and port (--json) and runs openssl s_client
# -showcerts -verify_return_error -CAfile on the same port, with the same
# name (-verify_hostname, or -verify_ip for an address), and asserts:
# - the certificate the probe reports is the one openssl saw: subject,
#   issuer, names, dates, SHA-256, key, signature, self-signed and the
#   length of the chain equal what openssl x509 -noout -subject -issuer
#   -dates -fingerprint -sha256 -ext subjectAltName -nameopt RFC2253 (and
#   -text) prints of it (tests/lab/cert_fields.sh puts both in one form),
#   and it is the leaf the case serves;
# - the verdicts agree: openssl's verify code 0 when and only when the
#   probe finds nothing a client refuses ("secure" true); else the code's
#   finding is among the probe's warnings: 18 cert-self-signed, 19
#   cert-unknown-issuer, 20 cert-incomplete-chain, 62 cert-name, 10
#   cert-expired, 9 cert-not-yet-valid;
# - the case is what it says: openssl's code and the probe's cert-*
#   warnings are those the row names.
#
# Usage: tests/lab/cert_lab.sh ./mailports
# Needs root (else it counts as skipped), what tests/lab/lab.sh needs and
# python3; without the zoo unpacked (make deps) its rows count as skipped.
set -u

bin=${1:?usage: cert_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"
. "$here/cert_make.sh"
. "$here/cert_fields.sh"
. "$here/zoo.sh"
command -v python3 >/dev/null || {
	skip "$(basename "$0")" "python3 is not installed"
	summary
	exit 0
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-cert.XXXXXX")
# The servers' unprivileged processes must reach their files below.
chmod 755 "$tmp"
out=$tmp/out
mkdir -p "$out"
if ! cert_make "$tmp/certs"; then
	problem "see above"
	try "openssl makes the lab's certificates"
	summary
	rm -rf "$tmp"
	exit 1
fi

# Dovecot and OpenSMTPD with the CA's certificate, and its self-signed
# twin for the name self.<server>.zoo.test (SNI).
lab_dovecot_extra="ssl_cert = <$certs/zoo.chain
ssl_key = <$certs/zoo.key
local_name self.dovecot.zoo.test {
  ssl_cert = <$certs/zooself.chain
  ssl_key = <$certs/zooself.key
}"
lab_smtpd_extra="pki smtpd.zoo.test cert \"$certs/zoo.chain\"
pki smtpd.zoo.test key \"$certs/zoo.key\"
pki self.smtpd.zoo.test cert \"$certs/zooself.chain\"
pki self.smtpd.zoo.test key \"$certs/zooself.key\"
listen on 127.0.0.3 port 465 smtps pki smtpd.zoo.test hostname smtpd.zoo.test
listen on 127.0.0.3 port 587 tls pki smtpd.zoo.test hostname smtpd.zoo.test"
lab_listeners=18
sservers=
stop_all() {
	local p
	for p in $sservers; do
		kill "$p" 2>/dev/null
	done
	zoo_stop
	umount /etc/hosts 2>/dev/null
	lab_stop
	rm -rf "$tmp"
}
trap stop_all EXIT
mkdir -p "$tmp/lab"
lab_start "$tmp/lab" || exit 1

# bracket ADDRESS: an IPv6 address in brackets, for ADDRESS:PORT.
bracket() {
	case $1 in
	*:*) echo "[$1]" ;;
	*) echo "$1" ;;
	esac
}

# The names of the rows, by a hosts file of the namespace's own.
{
	cat /etc/hosts
	echo "127.0.1.1 imap.hoster.test mail.customer.test"
	echo "127.0.1.2 mail.wild.test a.mail.wild.test"
	echo "127.0.1.3 imap.x.notleft.test"
	echo "127.0.1.4 cnonly.test"
	echo "127.0.1.5 cn.sannocn.test san.sannocn.test"
	echo "127.0.1.6 mail.partial.test"
	echo "127.0.1.8 address.test"
	echo "127.0.1.9 expired.test"
	echo "127.0.1.10 notyet.test"
	echo "127.0.1.11 soon.test"
	echo "127.0.1.12 selfsigned.test"
	echo "127.0.1.13 alone.hoster.test"
	echo "127.0.1.14 unknown.test"
	echo "127.0.1.15 weak.test"
	echo "127.0.1.16 sni-a.test sni-b.test"
	echo "127.0.1.17 tls13.hoster.test"
	echo "127.0.0.1 dovecot.zoo.test self.dovecot.zoo.test mail.dovecot-customer.test"
	echo "127.0.0.3 smtpd.zoo.test self.smtpd.zoo.test mail.smtpd-customer.test"
	echo "127.0.0.10 postfix.zoo.test mail.postfix-customer.test"
	echo "127.0.0.20 exim.zoo.test mail.exim-customer.test"
	echo "127.0.0.30 cyrus.zoo.test mail.cyrus-customer.test"
	echo "127.0.0.40 courier.zoo.test mail.courier-customer.test"
} >"$tmp/hosts"
if ! mount --bind "$tmp/hosts" /etc/hosts; then
	problem "cannot bind a hosts file over /etc/hosts"
	try "the lab's names resolve"
	summary
	exit 1
fi

# The servers of openssl s_server, one an address, each on port 993:
#   address leaf options
# The weak key's server lowers its security level (OpenSSL 3.0 refuses
# to load a 1024-bit RSA key at the default level); the SNI server sends
# sni-b.test's certificate (issued by the root itself) to a client that
# asks for that name, sni-a.test's to any other.
cat >"$tmp/sservers" <<EOF
127.0.1.1  hoster
127.0.1.2  wild
127.0.1.3  notleft
127.0.1.6  partial
127.0.1.4  cnonly
127.0.1.5  sannocn
127.0.1.8  ip
fd00::99   ip
127.0.1.9  expired
127.0.1.10 notyet
127.0.1.11 soon
127.0.1.12 self
127.0.1.13 alone
127.0.1.14 unknown
127.0.1.15 weak     -cipher DEFAULT@SECLEVEL=0
127.0.1.16 snia     -servername sni-b.test -cert2 $certs/snib.pem -key2 $certs/snib.key
127.0.1.17 tls13    -tls1_3
EOF
ip addr add fd00::99/128 dev lo nodad
while read -r address leaf options; do
	[ -s "$certs/$leaf.above" ] &&
		options="-cert_chain $certs/$leaf.above $options"
	# shellcheck disable=SC2086 # options are words
	timeout 120 openssl s_server -quiet -accept "$(bracket "$address"):993" \
		-cert "$certs/$leaf.pem" -key "$certs/$leaf.key" $options \
		</dev/null >"$out/s_server-$address.log" 2>&1 &
	sservers="$sservers $!"
done <"$tmp/sservers"

# The rows of s_server: a name, the server's address, the name asked (-
# for the address), the leaf served, openssl's verify code and the
# probe's cert-* warnings (- for none), all of them, in any order.
# Each row wants openssl's verdict, where the defaults of OpenSSL 3.0 go
# beyond RFC 9525 too: s_client matches the common name of a certificate
# whose subjectAltName holds addresses only (no DNS entry).  A code
# marked ! is one the probe departs from on purpose, and the row says
# what the probe says instead: s_client matches a wildcard inside the
# leftmost label (m*.partial.test for mail.partial.test: it sets no
# X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS), which RFC 9525 section 6.3
# forbids; at the security level of Debian's OpenSSL (2) it refuses a
# 1024-bit RSA key (66, "EE certificate key too weak"), which the probe
# warns about (cert-weak) and lets pass, as a client at another level
# does.
cat >"$tmp/cases" <<EOF
good                 127.0.1.1  imap.hoster.test    hoster  0  -
hoster-name          127.0.1.1  mail.customer.test  hoster  62 cert-name
wildcard             127.0.1.2  mail.wild.test      wild    0  -
wildcard-too-deep    127.0.1.2  a.mail.wild.test    wild    62 cert-name
wildcard-not-leftmost 127.0.1.3 imap.x.notleft.test notleft 62 cert-name
wildcard-partial     127.0.1.6  mail.partial.test   partial !0 cert-name
cn-only              127.0.1.4  cnonly.test         cnonly  0  -
san-without-cn       127.0.1.5  cn.sannocn.test     sannocn 62 cert-name
san-not-cn           127.0.1.5  san.sannocn.test    sannocn 0  -
ip-san               127.0.1.8  -                   ip      0  -
ip-san-v6            fd00::99   -                   ip      0  -
ip-san-by-cn         127.0.1.8  address.test        ip      0  -
expired              127.0.1.9  expired.test        expired 10 cert-expired
not-yet-valid        127.0.1.10 notyet.test         notyet  9  cert-not-yet-valid
expires-soon         127.0.1.11 soon.test           soon    0  cert-expires-soon
self-signed          127.0.1.12 selfsigned.test     self    18 cert-self-signed
missing-intermediate 127.0.1.13 alone.hoster.test   alone   20 cert-incomplete-chain
unknown-issuer       127.0.1.14 unknown.test        unknown 19 cert-unknown-issuer
weak-key             127.0.1.15 weak.test           weak    !66 cert-weak
sni-default          127.0.1.16 sni-a.test          snia    0  -
sni-selected         127.0.1.16 sni-b.test          snib    0  -
EOF

# The ports of the real servers: a server, its address, a port and the
# word of openssl s_client -starttls there (- for implicit TLS).  The
# zoo's certificate is the CA's in the first round, self-signed in the
# second; Dovecot's and OpenSMTPD's are the CA's, and the self-signed one
# for self.<server>.zoo.test, in the first.
cat >"$tmp/ports" <<EOF2
dovecot 127.0.0.1  993  -
dovecot 127.0.0.1  143  imap
dovecot 127.0.0.1  995  -
dovecot 127.0.0.1  110  pop3
dovecot 127.0.0.1  465  -
dovecot 127.0.0.1  587  smtp
dovecot 127.0.0.1  4190 sieve
smtpd   127.0.0.3  465  -
smtpd   127.0.0.3  587  smtp
postfix 127.0.0.10 465  -
postfix 127.0.0.10 587  smtp
exim    127.0.0.20 465  -
exim    127.0.0.20 587  smtp
cyrus   127.0.0.30 993  -
cyrus   127.0.0.30 143  imap
cyrus   127.0.0.30 995  -
cyrus   127.0.0.30 110  pop3
cyrus   127.0.0.30 4190 sieve
courier 127.0.0.40 993  -
courier 127.0.0.40 143  imap
courier 127.0.0.40 995  -
courier 127.0.0.40 110  pop3
EOF2

# rows ROUND: the rows of the real servers for a round, as the cases'
# table has them, the STARTTLS word added:
#   name address host leaf code warnings port starttls
rows() {
	local server address port starttls
	while read -r server address port starttls; do
		case $1-$server in
		1-*)
			echo "$server-$port-good $address $server.zoo.test zoo 0 - $port $starttls"
			echo "$server-$port-name $address mail.$server-customer.test zoo 62 cert-name $port $starttls" ;;&
		1-dovecot | 1-smtpd)
			echo "$server-$port-self-signed $address self.$server.zoo.test zooself 18 cert-self-signed $port $starttls" ;;
		2-dovecot | 2-smtpd) ;;
		2-*)
			echo "$server-$port-self-signed $address $server.zoo.test zooself 18 cert-self-signed $port $starttls" ;;
		esac
	done <"$tmp/ports"
}

# launch NAME ADDRESS HOST PORT STARTTLS: the probe of HOST:PORT (HOST -
# for the address) and openssl s_client on the same, in the background;
# their process ids join jobs.
jobs=
launch() {
	local k=$1 address=$2 host=$3 port=$4 starttls=$5 target
	local -a verify tls=()
	if [ "$host" = - ]; then
		target=$(bracket "$address")
		verify=(-verify_ip "$address")
	else
		target=$host
		verify=(-servername "$host" -verify_hostname "$host")
	fi
	[ "$starttls" = - ] || tls=(-starttls "$starttls")
	{
		SSL_CERT_FILE=$certs/bundle.pem timeout 30 "$bin" --json \
			--timeout 3 --probe "$target:$port" >"$out/$k.json" \
			2>"$out/$k.err"
		echo $? >"$out/$k.status"
	} &
	jobs="$jobs $!"
	timeout 10 openssl s_client -showcerts \
		-connect "$(bracket "$address"):$port" "${tls[@]}" \
		"${verify[@]}" -verify_return_error -CAfile "$certs/bundle.pem" \
		</dev/null >"$out/$k.openssl" 2>&1 &
	jobs="$jobs $!"
}

# launch_rows FILE: launch for each row of a table.
launch_rows() {
	local name address host leaf code keys port starttls
	while read -r name address host leaf code keys port starttls; do
		launch "$name" "$address" "$host" "${port:-993}" "${starttls:--}"
	done <"$1"
}

# Until every s_server listens, for at most 5 s.
for _ in $(seq 50); do
	[ "$(ss -ltnH 2>/dev/null | grep -c ':993 ')" -ge \
		$(($(wc -l <"$tmp/sservers") + 2)) ] && break
	sleep 0.1
done
launch_rows "$tmp/cases"
launch tls13-only 127.0.1.17 tls13.hoster.test 993 -

# zoo_round ROUND LEAF: starts the zoo with the certificate LEAF and
# writes the rows of the round; without the zoo unpacked, its rows are
# written to be counted as skipped.
zoo_round() {
	if [ ! -s "$ZOO_ROOT/.zoo-packages" ]; then
		rows "$1" | grep -vE '^(dovecot|smtpd)-' >"$tmp/skipped-$1"
		rows "$1" | grep -E '^(dovecot|smtpd)-' >"$tmp/rows-$1"
		return
	fi
	if ZOO_CERT=$certs/$2.chain ZOO_KEY=$certs/$2.key \
		zoo_start "$tmp/zoo-$1"; then
		rows "$1" >"$tmp/rows-$1"
	else
		problem "see above"
		try "the zoo starts with the certificate $2"
		rows "$1" | grep -E '^(dovecot|smtpd)-' >"$tmp/rows-$1"
	fi
}

# waits: for the jobs launched (a wait with none waits for the servers).
waits() {
	# shellcheck disable=SC2086
	[ -z "$jobs" ] || wait $jobs
	jobs=
}

# The s_server rows run while the zoo starts; then the first round, with
# the rows of Dovecot and OpenSMTPD, and the second.
zoo_round 1 zoo
launch_rows "$tmp/rows-1"
waits
zoo_stop
zoo_round 2 zooself
launch_rows "$tmp/rows-2"
waits
zoo_stop

refusing="cert-name cert-expired cert-not-yet-valid cert-self-signed
	cert-incomplete-chain cert-unknown-issuer"
# finding CODE: the probe's warning for openssl's verify code.
finding() {
	case $1 in
	18) echo cert-self-signed ;;
	19) echo cert-unknown-issuer ;;
	20) echo cert-incomplete-chain ;;
	62) echo cert-name ;;
	10) echo cert-expired ;;
	9) echo cert-not-yet-valid ;;
	esac
}
# sorted WORDS: comma-separated words, sorted, - for none.
sorted() { tr ',' '\n' <<<"$1" | sed '/^-\{0,1\}$/d' | sort | paste -sd, | sed 's/^$/-/'; }

# judge NAME LEAF CODE WARNINGS: the assertions of a row.
judge() {
	local k=$1 leaf=$2 want_code=$3 want=$4 code got secure n f alert
	local o=$out/$k departs=
	case $want_code in !*) departs=yes want_code=${want_code#!} ;; esac
	if ! cert_fields verdict "$o.json" >"$o.verdict" 2>&1; then
		problem "no result: $(head -c 300 "$o.json") $(head -c 300 "$o.err")"
		return
	fi
	secure=$(sed -n 's/^secure=//p' "$o.verdict")
	got=$(sed -n 's/^warnings=//p' "$o.verdict")
	code=$(sed -n 's/^Verify return code: \([0-9]*\).*/\1/p' "$o.openssl" | head -n 1)
	if [ -z "$code" ]; then
		problem "openssl s_client gave no verify code: $(head -c 300 "$o.openssl")"
		return
	fi
	[ "$code" = "$want_code" ] ||
		problem "openssl's verify code $code, the row wants $want_code:" \
			"$(grep -m 1 '^verify error' "$o.openssl")"
	[ "$got" = "$(sorted "$want")" ] ||
		problem "the probe's certificate warnings: $got, the row wants $(sorted "$want")"
	# The verdicts agree.  A server that ends the handshake with an
	# alert of its own (after its Certificate message, which openssl
	# verifies all the same) lets no client in.
	alert=$(sed -n 's/^.*SSL alert number \([0-9]*\)$/\1/p' "$o.openssl" | head -n 1)
	if [ -n "$alert" ] && [ "$secure" != false ]; then
		problem "openssl's handshake ends with the server's alert $alert," \
			"the probe says \"secure\":$secure"
	fi
	if [ -n "$departs" ]; then
		# The probe's own rule: secure unless a warning refuses.
		f=true
		for n in $refusing; do
			grep -qw -- "$n" <<<"$got" && f=false
		done
		[ "$secure" = "$f" ] ||
			problem "the probe says \"secure\":$secure with $got"
	elif [ "$code" = 0 ]; then
		[ -n "$alert" ] || [ "$secure" = true ] ||
			problem "openssl verifies it (0), the probe says \"secure\":$secure ($got)"
		for f in $refusing; do
			grep -qw -- "$f" <<<"$got" &&
				problem "openssl verifies it (0), the probe says $f"
		done
	else
		f=$(finding "$code")
		if [ -z "$f" ]; then
			problem "openssl refuses it: $(grep -m 1 '^verify error' "$o.openssl");" \
				"the probe says \"secure\":$secure, warnings $got"
		else
			grep -qw -- "$f" <<<"$got" ||
				problem "openssl's $code is $f, the probe's warnings: $got"
			[ "$secure" = false ] ||
				problem "openssl refuses it ($code), the probe says \"secure\":$secure"
		fi
	fi
	# The certificate's fields are those openssl prints of it.
	awk '/-----BEGIN CERTIFICATE-----/ { n++ } n == 1 { print }
		/-----END CERTIFICATE-----/ && n == 1 { exit }' "$o.openssl" >"$o.leaf"
	n=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$o.openssl")
	if [ ! -s "$o.leaf" ]; then
		problem "openssl s_client saw no certificate"
		return
	fi
	openssl x509 -in "$o.leaf" -noout -subject -issuer -dates -fingerprint \
		-sha256 -ext subjectAltName -nameopt RFC2253 >"$o.x509" 2>&1
	openssl x509 -in "$o.leaf" -noout -text >"$o.text" 2>&1
	cert_fields openssl "$o.x509" "$o.text" "$n" >"$o.want" 2>&1
	cert_fields probe "$o.json" >"$o.got" 2>&1
	if grep -qx 'certificate=null' "$o.got"; then
		problem "the probe read no certificate ($(sed -n 's/^.*"warnings":\[\([^]]*\)\].*$/\1/p' "$o.json"));" \
			"openssl saw $(sed -n 's/^subject=//p' "$o.want"), $n sent"
	elif ! diff "$o.want" "$o.got" >"$o.diff"; then
		problem "fields differ (< openssl, > the probe):" \
			"$(grep '^[<>]' "$o.diff" | tr '\n' ' ')"
	fi
	[ "$(openssl x509 -in "$o.leaf" -noout -fingerprint -sha256)" = \
		"$(openssl x509 -in "$certs/$leaf.pem" -noout -fingerprint -sha256)" ] ||
		problem "the server sent $(sed -n 's/^subject=//p' "$o.x509"), not the row's $leaf"
}

while read -r name address host leaf code keys; do
	judge "$name" "$leaf" "$code" "$keys"
	try "s_server $name: $host on $address:993"
done <"$tmp/cases"

# Only TLS 1.3: the probe tells it, and reads no certificate.
o=$out/tls13-only
cert_fields verdict "$o.json" >"$o.verdict" 2>&1 ||
	problem "no result: $(head -c 300 "$o.json")"
grep -qx 'tls13=true' "$o.verdict" || problem "$(cat "$o.verdict")"
grep -qx 'certificate=null' "$o.verdict" || problem "$(cat "$o.verdict")"
grep -qx 'warnings=cert-unread' "$o.verdict" || problem "$(cat "$o.verdict")"
grep -q '^New, TLSv1\.3,' "$o.openssl" ||
	problem "openssl s_client: $(grep -m 1 '^New' "$o.openssl")"
grep -q '^Verify return code: 0 ' "$o.openssl" ||
	problem "openssl s_client: $(grep -m 1 '^Verify return' "$o.openssl")"
try "s_server -tls1_3: tls13 true, certificate null, cert-unread"

for round in 1 2; do
	while read -r name address host leaf code keys port starttls; do
		judge "$name" "$leaf" "$code" "$keys"
		if [ "$starttls" = - ]; then
			try "$name: $host on $address:$port, SSL/TLS"
		else
			try "$name: $host on $address:$port, STARTTLS ($starttls)"
		fi
	done <"$tmp/rows-$round"
	[ -s "$tmp/skipped-$round" ] || continue
	while read -r name address host rest; do
		skip "$name" "no servers unpacked in $ZOO_ROOT (make deps)"
	done <"$tmp/skipped-$round"
done

summary

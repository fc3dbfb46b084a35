#!/usr/bin/env bash
# check_lab.sh - --check against real servers: every cell of what a port
# speaks by what the client is set to, in the lab of tests/lab/lab.sh inside a
# private network namespace.  Dovecot serves implicit TLS (993, 995, 465)
# and STARTTLS (143, 110, 587), OpenSMTPD STARTTLS on 25 and, on
# 127.0.0.3, plaintext without STARTTLS on 587 beside implicit TLS on 465.
# nftables drops 2525 (as in every lab), 25 of ::1 (as an ISP blocks 25)
# and everything to 127.0.0.5 (a network that reaches nothing); nothing
# listens on 26 nor on 127.0.0.6.  Where no real server misbehaves so,
# the hostile server of tests/helpers/probe_server.c stands in: a TLS of old
# versions only, a ServerHello on a port the table does not know, IMAP
# without STARTTLS that takes a password, SSH.  When the zoo of
# tests/lab/zoo.sh is unpacked, Postfix, Exim, Cyrus and Courier add rows of
# their own (else they count as one skipped case).  Each row asserts the
# verdict, the cause, the fix and the exit status; then the whole check
# must take about one timeout.  The lab's certificates come from the
# tests' authority (SSL_CERT_FILE), made out to the lab's addresses: a
# name they lack gives cert-name, and the name to type.  Then each
# certificate verdict, against openssl s_server serving certificates made
# here, beside openssl s_client's verify code; and the README's session
# must print what it shows.
#
# Usage: tests/lab/check_lab.sh ./mailports build/probe_server
# Needs root (else it counts as skipped) and what tests/lab/lab.sh needs.
set -u

usage="usage: check_lab.sh MAILPORTS PROBE_SERVER"
bin=${1:?$usage}
server=${2:?$usage}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $server in /*) ;; *) server=$PWD/$server ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-check.XXXXXX")
pid= servers=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$servers" ] && kill $servers 2>/dev/null; lab_stop; rm -rf "$tmp"' EXIT
lab_smtpd_extra="listen on 127.0.0.3 port 587 hostname plain.invalid
listen on 127.0.0.3 port 465 smtps pki lab.invalid hostname plain.invalid"
lab_listeners=18
lab_start "$tmp" || exit 1
nft add rule inet lab input ip6 daddr ::1 tcp dport 25 drop
nft add rule inet lab input ip daddr 127.0.0.5 drop

# The zoo of tests/lab/zoo.sh, when it is there: Postfix, Exim, Cyrus and
# Courier, each on loopback addresses of its own.
. "$here/zoo.sh"
zoo=
if [ -s "$ZOO_ROOT/.zoo-packages" ] && zoo_start "$tmp/zoo"; then
	zoo=yes
	trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$servers" ] && kill $servers 2>/dev/null; zoo_stop; lab_stop; rm -rf "$tmp"' EXIT
else
	skip "--check against the zoo" "no servers unpacked in $ZOO_ROOT (make deps)"
fi

# The test server's chain comes from the root of tests/x509: trusted too.
cat "$SSL_CERT_FILE" "$here/../x509/probe-root.pem" >"$tmp/trusted.pem"
export SSL_CERT_FILE=$tmp/trusted.pem
modes="oldtls hello cleartext notmail"
# shellcheck disable=SC2086
serve "$server" $modes
oldtls=$(port oldtls) hello=$(port hello) cleartext=$(port cleartext)
notmail=$(port notmail)

# One row a check: the setting, its words (joined by +), the timeout, the
# verdict, the fix's port and security (- for none), the exit status, and
# words the cause must hold.  Every SMTP row probes the other SMTP ports
# of its host too, and OpenSMTPD listens with a backlog of 5: on a loaded
# machine the rows' connections to 127.0.0.1 outrun its accept(2), the
# kernel drops the surplus SYNs and the client sends them again after a
# second.  The rows of OpenSMTPD's ports wait 3 s, so that a slow accept
# is not read as a filtered port.
cat >"$tmp/table" <<EOF
127.0.0.1:993 ssl 1 works - - 0 speaks TLS from the first byte on port 993
127.0.0.1:993 starttls 1 wrong-mode 993 implicit 1 a client set to STARTTLS waits for a greeting that never comes
127.0.0.1:993 none 1 wrong-mode 993 implicit 1 a client set to None waits for a greeting
127.0.0.1:465 ssl 3 works - - 0 on port 465, as a client set to SSL/TLS expects
127.0.0.1:465 starttls 3 wrong-mode 465 implicit 1 speaks TLS from the first byte on port 465
[::1]:995 none 1 wrong-mode 995 implicit 1 a client set to None waits
127.0.0.1:587 ssl 3 wrong-mode 587 starttls 1 sends a plaintext greeting on port 587, so a client set to SSL/TLS fails its handshake
127.0.0.1:587 starttls 3 works-starttls - - 0 takes a password before TLS too
127.0.0.1:587 none 3 insecure 587 starttls 1 takes a password before TLS on port 587, so a client set to None sends it in cleartext
127.0.0.1:143 ssl 1 wrong-mode 143 starttls 1 plaintext greeting on port 143
[::1]:143 starttls 1 works-starttls - - 0 offers STARTTLS on port 143
127.0.0.1:110 none 1 insecure 110 starttls 1 before TLS on port 110
127.0.0.1:4190 starttls 1 works-starttls - - 0 offers STARTTLS on port 4190
127.0.0.3:587 ssl 1 wrong-mode 465 implicit 1 plaintext greeting on port 587
127.0.0.3:587 starttls 1 no-starttls 465 implicit 1 does not offer STARTTLS on port 587, so a client set to STARTTLS gives up
127.0.0.3:587 none 1 insecure 465 implicit 1 greets in plaintext on port 587 and offers no TLS there
127.0.0.1:25 starttls 3 relay-port 587 starttls 1 port 25 is for servers relaying mail
127.0.0.1:25 none 3 insecure 587 starttls 1 offers STARTTLS on port 25, which a client set to None never uses
[::1]:25 starttls 1 timeout 587 starttls 1 port 25 does not answer from this network: it is filtered, as many ISPs do
127.0.0.1:2525 starttls 1 timeout 587 starttls 1 port 2525 does not answer from this network
127.0.0.1:26 starttls 1 refused 587 starttls 1 refuses connections on port 26: nothing listens there
127.0.0.1:26 ssl 1 refused 587 starttls 1 port 26
127.0.0.5:587 starttls 1 timeout - - 1 port 587 does not answer
127.0.0.6:465 ssl 1 refused - - 1 refuses connections on port 465
127.0.0.1:$oldtls imap+ssl 1 tls-refused 993 implicit 1 refused the handshake (protocol_version)
127.0.0.1:$oldtls imap+starttls 1 tls-refused 993 implicit 1 speaks TLS from the first byte on port $oldtls but refused
127.0.0.1:$oldtls imap+none 1 tls-refused 993 implicit 1 protocol_version
127.0.0.1:$hello imap+ssl 1 works - - 0 speaks TLS from the first byte on port $hello
127.0.0.1:$hello imap+starttls 1 wrong-mode $hello implicit 1 a client set to STARTTLS waits for a greeting
127.0.0.1:$cleartext imap+ssl 1 wrong-mode 993 implicit 1 plaintext greeting on port $cleartext
127.0.0.1:$cleartext imap+starttls 1 no-starttls 993 implicit 1 does not offer STARTTLS on port $cleartext
127.0.0.1:$cleartext imap+none 1 insecure 993 implicit 1 takes a password before TLS on port $cleartext and offers no TLS there
127.0.0.1:$notmail send+starttls 1 not-mail 587 starttls 1 port $notmail answers, but it is no SMTP server
127.0.0.1:$notmail smtp+ssl 1 not-mail 587 starttls 1 it is no SMTP server
EOF
# The zoo's servers as they come configured (tests/lab/zoo.sh).  Their
# checks wait 3 s: Exim's on 127.0.0.21 greets after 2 s; the others
# answer at once, but a check opens several connections to one server at
# the same moment, Postfix starts an smtpd for each one its running
# processes cannot take, and all the rows run together, on a loaded
# machine too.  The table takes as long as its slowest row all the same.
[ -n "$zoo" ] && cat >>"$tmp/table" <<EOF
127.0.0.10:465 starttls 3 wrong-mode 465 implicit 1 speaks TLS from the first byte on port 465, so a client set to STARTTLS waits
127.0.0.10:587 ssl 3 wrong-mode 587 starttls 1 sends a plaintext greeting on port 587, so a client set to SSL/TLS fails
127.0.0.11:587 none 3 insecure 587 starttls 1 takes a password before TLS on port 587, so a client set to None sends it in cleartext
127.0.0.12:587 none 3 insecure 587 starttls 1 offers STARTTLS on port 587, which a client set to None never uses
127.0.0.20:587 starttls 3 works-starttls - - 0 and a client set to STARTTLS upgrades before it logs in
127.0.0.20:465 none 3 wrong-mode 465 implicit 1 a client set to None waits for a greeting
127.0.0.21:587 starttls 3 works-starttls - - 0 offers STARTTLS on port 587
127.0.0.30:993 starttls 3 wrong-mode 993 implicit 1 speaks TLS from the first byte on port 993
127.0.0.30:4190 ssl 3 wrong-mode 4190 starttls 1 plaintext greeting on port 4190
127.0.0.31:143 none 3 insecure 143 starttls 1 offers STARTTLS on port 143, which a client set to None never uses
127.0.0.40:110 ssl 3 wrong-mode 110 starttls 1 plaintext greeting on port 110
127.0.0.41:995 ssl 3 works - - 0 speaks TLS from the first byte on port 995
EOF

# The rows of 127.0.0.3 have their fix on OpenSMTPD's 465, which must
# answer the probe's ClientHello, of TLS 1.2 alone: where it refuses TLS
# 1.2 (openssl s_client -tls1_2 is refused too), those rows cannot run.
smtps12=
timeout 10 openssl s_client -connect 127.0.0.3:465 -tls1_2 -noservername \
	</dev/null 2>&1 | grep -q '^New, TLSv1.2' && smtps12=yes

# The fixes in the dialog's words, by the fix's port and security.
fix_text() {
	local label=$1 port=$2 tls=$3
	case $tls in
	implicit) tls=SSL/TLS ;;
	starttls) tls=STARTTLS ;;
	esac
	echo "$label: port $port, Connection security: $tls"
}

# Every check at once, each waiting on its own ports only.
n=0
jobs=
while read -r setting words seconds rest; do
	n=$((n + 1))
	{
		# shellcheck disable=SC2086
		timeout 20 "$bin" --tsv --timeout "$seconds" --check "$setting" \
			${words//+/ } \
			>"$tmp/$n.tsv" 2>"$tmp/$n.err"
		echo $? >"$tmp/$n.status"
	} &
	jobs="$jobs $!"
done <"$tmp/table"
# shellcheck disable=SC2086
wait $jobs

# field FILE NAME: the field of the record under that header.
field() {
	awk -F '\t' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
		NR == 2 { print $c }' "$1"
}

n=0
while read -r setting words seconds verdict fix_port fix_tls status cause; do
	n=$((n + 1))
	f=$tmp/$n.tsv
	if [ "${setting%%:*}" = 127.0.0.3 ] && [ -z "$smtps12" ]; then
		skip "--check $setting ${words//+/ }: $verdict" \
			"OpenSMTPD on 127.0.0.3:465 refuses a TLS 1.2 handshake"
		continue
	fi
	got=$(cat "$tmp/$n.status")
	[ "$got" = "$status" ] || problem "exit $got, wanted $status: $(cat "$tmp/$n.err")"
	[ "$(wc -l <"$f")" -eq 2 ] || problem "not one record: $(cat "$f")"
	got=$(field "$f" verdict)
	[ "$got" = "$verdict" ] || problem "verdict $got, wanted $verdict"
	got=$(field "$f" cause)
	case $got in *"$cause"*) ;; *) problem "cause '$got', wanted '$cause'" ;; esac
	[ "$fix_port" = - ] && fix_port= fix_tls=
	got=$(field "$f" fix_port)
	[ "$got" = "$fix_port" ] || problem "fix_port '$got', wanted '$fix_port'"
	got=$(field "$f" fix_tls)
	[ "$got" = "$fix_tls" ] || problem "fix_tls '$got', wanted '$fix_tls'"
	got=$(field "$f" fix)
	if [ -n "$fix_port" ]; then
		case $(field "$f" protocol) in
		smtp) label="Outgoing server" ;;
		managesieve) label="Sieve server" ;;
		*) label="Incoming server" ;;
		esac
		want=$(fix_text "$label" "$fix_port" "$fix_tls")
		[ "$got" = "$want" ] || problem "fix '$got', wanted '$want'"
	elif [ "$status" -eq 0 ]; then
		[ "$got" = "nothing to change" ] || problem "fix '$got'"
	elif [ "$verdict" = timeout ]; then
		case $got in "nothing on this network reaches the server: try another network"*) ;;
		*) problem "fix '$got', wanted: nothing reaches" ;; esac
	else
		case $got in "no mail port of this server takes connections"*) ;;
		*) problem "fix '$got', wanted: no port takes connections" ;; esac
	fi
	try "--check $setting ${words//+/ }: $verdict"
done <"$tmp/table"

# The whole check takes about one timeout, filtered ports and all: the
# setting and the protocol's other ports are probed at once.
for setting in '[::1]:25 starttls' '127.0.0.5:587 starttls' '127.0.0.1:993 none'; do
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	timeout 20 "$bin" --timeout 1 --check $setting >"$tmp/out" 2>&1
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$ms" -lt 1800 ] || problem "took $ms ms with --timeout 1"
	[ "$ms" -ge 950 ] || problem "took $ms ms: a filtered port was not waited for"
	try "--check $setting takes about one timeout ($ms ms)"
done

# The JSON record carries the same fields.
timeout 20 "$bin" --json --timeout 1 --check '[::1]:25' starttls >"$tmp/out" 2>"$tmp/err"
want='[{"host":"::1","port":25,"protocol":"smtp","direction":"outgoing","tls":"starttls","verdict":"timeout","secure":false,"cause":"port 25 does not answer from this network: it is filtered, as many ISPs do to keep their customers off it","fix":"Outgoing server: port 587, Connection security: STARTTLS","fix_port":587,"fix_tls":"starttls","tls13":null,"certificate":null,"cert_findings":[],"fix_host":null}]'
[ "$(cat "$tmp/out")" = "$want" ] || problem "got $(cat "$tmp/out")"
try "--json carries verdict, cause and fix"

# named FILE: each record of the TSV FILE has the verdict cert-name and,
# as the server name to type, one of its certificate's names (the lab's
# certificate is made out to lab.invalid and localhost, not to the
# names the lab's hosts file and name server give it).
named() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ ok = $c["verdict"] == "cert-name" && $c["secure"] == "no" &&
		    $c["fix_host"] != "" && $c["fix_port"] == $c["port"]
		  n = split($c["cert_names"], names, " ")
		  found = 0
		  for (i = 1; i <= n; i++) if (names[i] == $c["fix_host"]) found = 1
		  if (!ok || !found) { print "record " NR - 1 ": " $0; bad = 1 } }
		END { exit bad }' "$1"
}

# An address: the provider's preferred server of each protocol, here the
# lab's, by a hosts file of the namespace's own.
cat /etc/hosts >"$tmp/hosts" 2>/dev/null
echo "127.0.0.1 imap.gmail.com pop.gmail.com smtp.gmail.com" >>"$tmp/hosts"
if mount --bind "$tmp/hosts" /etc/hosts; then
	timeout 20 "$bin" --tsv --timeout 1 --check alice@gmail.com >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status: $(cat "$tmp/err")"
	cut -f 1-6 "$tmp/out" | tail -n +2 >"$tmp/got"
	printf '%s\t%s\t%s\t%s\t%s\tcert-name\n' \
		imap.gmail.com 993 imap incoming implicit \
		pop.gmail.com 995 pop3 incoming implicit \
		smtp.gmail.com 465 smtp outgoing implicit >"$tmp/want"
	diff "$tmp/want" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
	named "$tmp/out" >"$tmp/bad" || problem "$(cat "$tmp/bad")"
	timeout 20 "$bin" --timeout 1 --check alice@gmail.com send >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "send: exit $status: $(cat "$tmp/err")"
	[ "$(head -n 1 "$tmp/out")" = "setting: Outgoing server smtp.gmail.com, port 465, Connection security: SSL/TLS" ] ||
		problem "send: $(cat "$tmp/out")"
	[ "$(grep -c '^setting: ' "$tmp/out")" -eq 1 ] || problem "send: not one setting: $(cat "$tmp/out")"
	umount /etc/hosts
	try "--check an address checks its provider's servers, both directions"
else
	skip "--check an address" "no hosts file of the namespace's own"
fi

# A domain no provider is known for: what discovery finds in the lab's
# name server (full.test: SRV records to mail.full.test, the lab's
# Dovecot), checked as a mail client would be set by its wizard.
if lab_dns; then
	echo "nameserver 127.0.0.1" >"$tmp/resolv.conf"
	mount --bind "$tmp/resolv.conf" /etc/resolv.conf
	timeout 20 "$bin" --tsv --timeout 1 --check alice@full.test >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status: $(cat "$tmp/err")"
	named "$tmp/out" >"$tmp/bad" || problem "$(cat "$tmp/bad")"
	for row in "mail.full.test	465	smtp	outgoing	implicit	cert-name" \
	    "mail.full.test	993	imap	incoming	implicit	cert-name" \
	    "mail.full.test	995	pop3	incoming	implicit	cert-name"; do
		grep -qF "$row" "$tmp/out" || problem "no '$row': $(cat "$tmp/out")"
	done
	[ "$(wc -l <"$tmp/out")" -eq 4 ] || problem "not 3 settings: $(cat "$tmp/out")"
	timeout 20 "$bin" --timeout 1 --check alice@nothing.test >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "nothing.test: exit $status"
	grep -q "discovery finds no server" "$tmp/err" || problem "nothing.test: $(cat "$tmp/err")"
	umount /etc/resolv.conf
	try "--check of an unknown domain checks what discovery finds"
else
	skip "--check of an unknown domain" "no name server in the lab"
fi

# A server name that does not resolve: the verdict no-such-host, exit 1.
# Names are looked up in the hosts file alone, so that the answer does
# not hang on a name server out of the namespace's reach.
printf 'hosts: files\n' >"$tmp/nsswitch.conf"
if mount --bind "$tmp/nsswitch.conf" /etc/nsswitch.conf; then
	while read -r setting words fix_host; do
		timeout 20 "$bin" --tsv --timeout 1 --check "$setting" "$words" \
			>"$tmp/out" 2>"$tmp/err"
		status=$?
		[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/err")"
		[ "$(field "$tmp/out" verdict)" = no-such-host ] ||
			problem "$(cat "$tmp/out" "$tmp/err")"
		[ "$fix_host" = - ] && fix_host=
		[ "$(field "$tmp/out" fix_host)" = "$fix_host" ] ||
			problem "fix_host '$(field "$tmp/out" fix_host)', wanted '$fix_host'"
		case $(field "$tmp/out" fix) in
		"check the spelling of the server name"*) ;;
		*) problem "fix '$(field "$tmp/out" fix)'" ;;
		esac
		try "--check $setting $words: no-such-host"
	done <<-ROWS
	nonexistent.invalid:587 starttls -
	smpt.gmail.com:587 starttls smtp.gmail.com
	imap.gmial.com:993 ssl -
	mail.outlook.com:993 ssl outlook.office365.com
	ROWS
	umount /etc/nsswitch.conf
else
	skip "--check of a host that does not resolve" "no nsswitch.conf of the namespace's own"
fi

# Certificates, judged as a mail client and openssl judge them.  The
# certificates are made here: a CA of this test's own, given by
# SSL_CERT_FILE (and to openssl by -CAfile), an intermediate it signs, and
# a private root it does not know; openssl s_server serves each on port
# 993 of an address of its own, where a hosts file of the namespace's own
# gives the names.  s_server answers implicit TLS only: one more case
# asks the lab's Dovecot after STARTTLS by a name its certificate lacks.
certs=$tmp/certs
mkdir -p "$certs/db"
: >"$certs/db/index"
echo 1000 >"$certs/db/serial"
cat >"$certs/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $certs
database = $certs/db/index
serial = $certs/db/serial
new_certs_dir = $certs/db
certificate = $certs/ca.pem
private_key = $certs/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[any]
commonName = supplied
[inter]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
CNF

# root NAME SUBJECT: a self-signed authority, NAME.pem and NAME.key.
root() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "$2" \
		-addext basicConstraints=critical,CA:true \
		-addext keyUsage=critical,keyCertSign,cRLSign \
		-keyout "$certs/$1.key" -out "$certs/$1.pem" 2>/dev/null
}

# request NAME CN SAN: a key and a request carrying the subjectAltName.
request() {
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" \
		-addext "subjectAltName=$3" -keyout "$certs/$1.key" \
		-out "$certs/$1.csr" 2>/dev/null
}

# issue NAME CA [openssl ca options]: NAME.pem signed by CA (ca.pem and
# ca.key, or inter.pem and inter.key), for 30 days unless told.
issue() {
	local name=$1 ca=$2
	shift 2
	openssl ca -batch -config "$certs/ca.cnf" -cert "$certs/$ca.pem" \
		-keyfile "$certs/$ca.key" -days 30 -notext "$@" \
		-in "$certs/$name.csr" -out "$certs/$name.pem" 2>/dev/null
}

made=yes
root ca "/O=mailports tests/CN=mailports check CA" || made=
root stranger "/O=Stranger/CN=Stranger Root" || made=
# The intermediate, and one leaf each issuer below.
request inter "mailports check intermediate" DNS:inter.invalid &&
	issue inter ca -extensions inter || made=
request good good.lab.test DNS:good.lab.test && issue good ca || made=
request hoster imap.hoster.test 'DNS:*.hoster.test,DNS:imap.hoster.test' &&
	issue hoster ca || made=
request nohost nowhere.invalid \
	'DNS:*.wild.test,DNS:nowhere.invalid,DNS:decoy.lab.test' &&
	issue nohost ca || made=
request old old.lab.test DNS:old.lab.test &&
	issue old ca -startdate 20200101000000Z -enddate 20200201000000Z || made=
request new new.lab.test DNS:new.lab.test &&
	issue new ca -startdate 20990101000000Z -enddate 20991231000000Z || made=
request mixed elsewhere.test DNS:elsewhere.test &&
	issue mixed ca -startdate 20200101000000Z -enddate 20200201000000Z || made=
request chain chain.lab.test DNS:chain.lab.test && issue chain inter || made=
request private private.lab.test DNS:private.lab.test &&
	issue private stranger || made=
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=self.lab.test \
	-addext subjectAltName=DNS:self.lab.test -keyout "$certs/self.key" \
	-out "$certs/self.pem" 2>/dev/null || made=

# One case a line: the name typed, the address, the certificate served,
# what the server sends above it (- for nothing), openssl's verify code
# and the verdict.
cat >"$certs/cases" <<CASES
good.lab.test 127.0.0.60 good - 0 works
mail.customer.test 127.0.0.61 hoster - 62 cert-name
mail.nohost.test 127.0.0.62 nohost - 62 cert-name
self.lab.test 127.0.0.63 self - 18 cert-self-signed
old.lab.test 127.0.0.64 old - 10 cert-expired
new.lab.test 127.0.0.65 new - 9 cert-not-yet-valid
mixed.lab.test 127.0.0.66 mixed - 62 cert-name
chain.lab.test 127.0.0.67 chain - 20 cert-incomplete-chain
private.lab.test 127.0.0.68 private stranger 19 cert-unknown-issuer
CASES
{
	cat /etc/hosts 2>/dev/null
	while read -r host address rest; do
		echo "$address $host"
	done <"$certs/cases"
	echo "127.0.0.61 imap.hoster.test"
	echo "127.0.0.60 decoy.lab.test"
	echo "127.0.0.1 starttls.customer.test"
} >"$certs/hosts"

# verify_code HOST ADDRESS:PORT [s_client options]: openssl's verify code
# for HOST, as a client that trusts the test's CA alone sees it.
verify_code() {
	local host=$1 where=$2 out code
	shift 2
	out=$(SSL_CERT_FILE=$ca_file timeout 10 openssl s_client \
		-connect "$where" -servername "$host" -verify_hostname "$host" \
		-verify_return_error -CAfile "$ca_file" "$@" </dev/null 2>&1)
	code=$(printf '%s\n' "$out" | sed -n 's/.*verify error:num=\([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$code" ] || code=$(printf '%s\n' "$out" |
		sed -n 's/.*Verify return code: \([0-9]*\).*/\1/p' | head -n 1)
	echo "${code:-none}"
}

ca_file=$certs/ca.pem
if [ -z "$made" ]; then
	skip "--check and certificates" "openssl could not make them"
elif ! mount --bind "$certs/hosts" /etc/hosts; then
	skip "--check and certificates" "no hosts file of the namespace's own"
else
	while read -r host address cert above code verdict; do
		chain=()
		[ "$above" = - ] || chain=(-cert_chain "$certs/$above.pem")
		openssl s_server -quiet -accept "$address:993" \
			-cert "$certs/$cert.pem" -key "$certs/$cert.key" \
			"${chain[@]}" </dev/null >/dev/null 2>&1 &
		servers="$servers $!"
	done <"$certs/cases"
	for i in $(seq 50); do
		[ "$(ss -ltnH | grep -cE '127\.0\.0\.6[0-8]:993 ')" -ge 9 ] && break
		sleep 0.1
	done

	# Every case: openssl's code, then the verdict and what goes with it.
	while read -r host address cert above code verdict; do
		got=$(verify_code "$host" "$address:993")
		[ "$got" = "$code" ] || problem "openssl says $got, wanted $code"
		SSL_CERT_FILE=$ca_file timeout 20 "$bin" --tsv --timeout 2 \
			--check "$host:993" ssl >"$certs/out" 2>"$certs/err"
		status=$?
		f=$certs/out
		want=1
		[ "$verdict" = works ] && want=0
		[ "$status" -eq "$want" ] || problem "exit $status, wanted $want: $(cat "$certs/err")"
		got=$(field "$f" verdict)
		[ "$got" = "$verdict" ] || problem "verdict $got, wanted $verdict"
		fix=$(field "$f" fix)
		cause=$(field "$f" cause)
		case $host in
		mail.customer.test)
			# A wildcard is skipped; the name that resolves and works is typed.
			[ "$(field "$f" fix_host)" = imap.hoster.test ] ||
				problem "fix_host '$(field "$f" fix_host)'"
			[ "$fix" = "Incoming server: imap.hoster.test, port 993, Connection security: SSL/TLS, the name its certificate is made out to" ] ||
				problem "fix '$fix'"
			[ "$(field "$f" fix_port)/$(field "$f" fix_tls)" = 993/implicit ] ||
				problem "fix_port and fix_tls '$(field "$f" fix_port)/$(field "$f" fix_tls)'" ;;
		mail.nohost.test|mixed.lab.test)
			# Nothing to type: a wildcard, a name that does not resolve, a
			# name whose server's certificate is another's.
			[ -z "$(field "$f" fix_host)" ] || problem "fix_host '$(field "$f" fix_host)'"
			case $fix in "the provider's certificate does not cover $host: "*"an exception in the client is no fix"*) ;;
			*) problem "fix '$fix'" ;; esac ;;
		old.lab.test)
			[ "$fix" = "the provider must renew it; tell them: \"the certificate of old.lab.test on port 993 expired on 2020-02-01\"; an exception in the client is no fix" ] ||
				problem "fix '$fix'" ;;
		new.lab.test)
			case $cause in *"is valid only from 2099-01-01"*) ;; *) problem "cause '$cause'" ;; esac ;;
		self.lab.test|private.lab.test)
			case $fix in "ask the provider for a certificate from a public certificate authority"*"an exception in the client trusts whoever answers"*) ;;
			*) problem "fix '$fix'" ;; esac ;;
		chain.lab.test)
			case $fix in *'"on port 993 the server does not send its intermediate certificate"'*) ;;
			*) problem "fix '$fix'" ;; esac ;;
		good.lab.test)
			[ "$fix" = "nothing to change" ] || problem "fix '$fix'" ;;
		esac
		keys=$(field "$f" cert_findings)
		case $verdict,$keys, in works,,|*",$verdict,"*) ;;
		*) problem "cert_findings '$keys'" ;; esac
		# On a terminal of 80 columns, every line fits.
		if command -v script >/dev/null 2>&1; then
			SSL_CERT_FILE=$ca_file NO_COLOR=1 timeout 20 script -qec \
				"stty cols 80 rows 50 && exec $(printf '%q' "$bin") --timeout 2 --check $host:993 ssl" \
				/dev/null </dev/null 2>&1 | tr -d '\r' >"$certs/tty"
			grep -q "($verdict)\$" "$certs/tty" || problem "tty: $(cat "$certs/tty")"
			wide=$(awk 'length > 80' "$certs/tty")
			[ -z "$wide" ] || problem "wider than 80 columns: $wide"
		fi
		try "--check $host:993 ssl: $verdict, as openssl's $code"
	done <"$certs/cases"

	# After STARTTLS, on the lab's Dovecot, by a name its certificate
	# lacks: the name to type is one of the certificate's that works.
	got=$(ca_file=$SSL_CERT_FILE verify_code starttls.customer.test \
		127.0.0.1:143 -starttls imap)
	[ "$got" = 62 ] || problem "openssl says $got, wanted 62"
	timeout 20 "$bin" --tsv --timeout 2 \
		--check starttls.customer.test:143 starttls >"$certs/out" 2>&1
	[ "$(field "$certs/out" verdict)" = cert-name ] ||
		problem "verdict $(field "$certs/out" verdict): $(cat "$certs/out")"
	named "$certs/out" >"$certs/bad" || problem "$(cat "$certs/bad")"
	[ "$(field "$certs/out" fix_tls)" = starttls ] || problem "fix_tls $(field "$certs/out" fix_tls)"
	case $(field "$certs/out" cause) in "the certificate sent after STARTTLS on port 143 is made out to "*) ;;
	*) problem "cause $(field "$certs/out" cause)" ;; esac
	try "--check starttls.customer.test:143 starttls: cert-name, as openssl's $got"

	# No trust store: the issuer is not judged, and the output says so;
	# name and dates still are.
	SSL_CERT_FILE=/nonexistent timeout 20 "$bin" --timeout 2 \
		--check chain.lab.test:993 ssl >"$certs/out" 2>"$certs/err"
	status=$?
	[ "$status" -eq 0 ] || problem "exit $status: $(cat "$certs/out")"
	grep -q '^verdict: the setting works securely (works)$' "$certs/out" ||
		problem "$(cat "$certs/out")"
	grep -q 'the issuer of its certificate is not judged$' "$certs/out" ||
		problem "no cause saying the issuer was not judged: $(cat "$certs/out")"
	grep -q '^note: no trust store was found' "$certs/out" ||
		problem "no note: $(cat "$certs/out")"
	SSL_CERT_FILE=/nonexistent timeout 20 "$bin" --json --timeout 2 \
		--check chain.lab.test:993 ssl >"$certs/out" 2>"$certs/err"
	grep -q '"issuer_known":null},"cert_findings":\["cert-issuer-not-judged"\],"fix_host":null}\]$' "$certs/out" ||
		problem "json: $(cat "$certs/out")"
	SSL_CERT_FILE=/nonexistent timeout 20 "$bin" --tsv --timeout 2 \
		--check old.lab.test:993 ssl >"$certs/out" 2>"$certs/err"
	[ "$(field "$certs/out" verdict)" = cert-expired ] ||
		problem "old.lab.test: $(field "$certs/out" verdict)"
	try "--check with no trust store: the issuer is not judged, and it says so"

	# shellcheck disable=SC2086
	kill $servers 2>/dev/null
	wait $servers 2>/dev/null
	servers=
	umount /etc/hosts
fi

# The README's session, word for word.
readme=$here/../../README.md
awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	awk '/^\$ mailports .*--check/ { on = 1 } /^\$ / && !/--check/ { on = 0 } on' \
	>"$tmp/session"
[ -s "$tmp/session" ] || problem "no --check session in the README"
grep '^\$ ' "$tmp/session" | sed 's/^\$ mailports //' >"$tmp/commands"
: >"$tmp/got"
while IFS= read -r command; do
	echo "\$ mailports $command" >>"$tmp/got"
	# shellcheck disable=SC2086
	timeout 20 "$bin" $command >>"$tmp/got" 2>&1
done <"$tmp/commands"
# The certificates of the lab are made at its start: their dates differ.
undated() { sed -E 's/until [0-9]{4}-[0-9]{2}-[0-9]{2}/until DATE/' "$1"; }
diff <(undated "$tmp/session") <(undated "$tmp/got") >"$tmp/diff" ||
	problem "$(cat "$tmp/diff")"
try "the README's --check session prints what it shows"

# The manual's session, as a terminal of 75 columns shows it.
if command -v script >/dev/null 2>&1; then
	sed -n '/^\.Sh TROUBLESHOOTING/,/^\.Sh /p' "$here/../../man/mailports.1.in" |
		awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0 } on' \
		>"$tmp/man-session"
	[ -s "$tmp/man-session" ] || problem "no --check session in the manual"
	grep '^\$ ' "$tmp/man-session" | sed 's/^\$ mailports //' >"$tmp/commands"
	: >"$tmp/got"
	while IFS= read -r command; do
		echo "\$ mailports $command" >>"$tmp/got"
		NO_COLOR=1 timeout 20 script -qec "stty cols 75 rows 50 && exec \
			$(printf '%q' "$bin") $command" /dev/null </dev/null 2>&1 |
			tr -d '\r' >>"$tmp/got"
	done <"$tmp/commands"
	diff "$tmp/man-session" "$tmp/got" >"$tmp/diff" || problem "$(cat "$tmp/diff")"
	try "the manual's --check session prints what it shows on a terminal"
else
	skip "the manual's --check session" "script(1) of util-linux is not installed"
fi

summary

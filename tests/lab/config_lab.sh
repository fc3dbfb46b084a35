#!/usr/bin/env bash
# config_lab.sh - the files of --config, used by the real programs against
# the lab of tests/lab/lab.sh (Dovecot for IMAP, POP3 and submission, which
# relays to OpenSMTPD; OpenSMTPD delivers alice@lab.invalid's mail to her
# Maildir, which Dovecot serves), in a network namespace of its own:
# msmtp sends through 587 and 465 and the mail arrives; mbsync syncs over
# 993 and over 143 with STARTTLS, and with the file of what --probe found;
# fetchmail fetches over 995; NeoMutt sends
# in batch mode; aerc reads its account and signs in to IMAP.  The SRV
# lines load into dnsmasq, and --discover finds the same settings back;
# the autoconfig file parses with xmllint, the profile with plistlib.
#
# Each file is used as written but for two substitutions, made here with
# sed: the trust anchor (the system's CA certificates) becomes the
# authority that issued the lab's certificate, and the placeholder PASSWORD-COMMAND a command that prints
# the lab's password ("unused", that of Dovecot's static passdb).  aerc,
# which names no trust anchor and uses the system's, is pointed at that
# authority by SSL_CERT_FILE; fetchmail, which runs no password
# command, reads the password from ~/.netrc, as its manual says.
# The host lab.invalid is 127.0.0.1, by an /etc/hosts of the namespace's.
#
# Usage: tests/lab/config_lab.sh ./mailports
# Needs root, the lab's servers and msmtp, isync, fetchmail, neomutt,
# aerc, dnsmasq, libxml2-utils and python3 (make deps).
set -u

bin=${1:?usage: config_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../helpers/lib.sh"
. "$here/lab.sh"
. "$here/certs.sh"
if [ -z "${MAILPORTS_LAB:-}" ] && [ "$(id -u)" -eq 0 ]; then
	for tool in msmtp mbsync fetchmail neomutt aerc dnsmasq xmllint python3 script; do
		command -v "$tool" >/dev/null ||
			{ echo "lab: $tool is missing (make deps)" >&2; exit 1; }
	done
fi
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-config.XXXXXX")
dns_pid=
stop() {
	[ -n "$dns_pid" ] && kill "$dns_pid" 2>/dev/null
	certs_stop
	lab_stop
	umount /etc/hosts 2>/dev/null
	rm -rf "$tmp"
}
trap stop EXIT
maildir=$tmp/home/alice@lab.invalid/Maildir
# OpenSMTPD delivers lab.invalid's mail, as nobody (Dovecot's user too),
# into the Maildir Dovecot serves for alice@lab.invalid.
lab_smtpd_extra="action \"mailbox\" maildir \"$maildir\" user nobody virtual { \"@lab.invalid\" = nobody }
match from any for domain \"lab.invalid\" action \"mailbox\""
mkdir -p "$tmp/home" && lab_start "$tmp" || exit 1
mkdir -p "$maildir/new" "$maildir/cur" "$maildir/tmp"
chown -R nobody:nogroup "$tmp/home"
printf '127.0.0.1 lab.invalid\n' >"$tmp/hosts"
mount --bind "$tmp/hosts" /etc/hosts
cert=$tmp/ca.pem

# config FORMAT FILE [WORD...]: the file of FORMAT for alice@lab.invalid
# at lab.invalid, with the two substitutions of the lab.
config() {
	local format=$1 file=$2
	shift 2
	"$bin" --config "$format" --server lab.invalid alice@lab.invalid "$@" \
		>"$file.orig" 2>"$tmp/err" || problem "--config $format: $(cat "$tmp/err")"
	sed -e "s|^tls_trust_file system$|tls_trust_file $cert|" \
		-e "s|^SystemCertificates yes$|SystemCertificates no\nCertificateFile $cert|" \
		-e "s|/etc/ssl/certs/ca-certificates.crt|$cert|" \
		-e 's|PASSWORD-COMMAND|echo unused|' "$file.orig" >"$file"
	chmod 600 "$file"
}

# fresh: a new, empty home directory for the next client.
fresh() {
	HOME=$(mktemp -d "$tmp/client.XXXXXX")
	export HOME
}

# arrived SUBJECT: waits up to 10 s for mail with the subject in the Maildir.
arrived() {
	for _ in $(seq 100); do
		grep -rqs "^Subject: $1\$" "$maildir/new" "$maildir/cur" && return 0
		sleep 0.1
	done
	return 1
}

for port in 587 465; do
	fresh
	config msmtp "$HOME/msmtprc" "$port"
	grep -q "^port $port\$" "$HOME/msmtprc" || problem "no port $port: $(cat "$HOME/msmtprc")"
	printf 'From: alice@lab.invalid\nSubject: msmtp %s\n\nHello.\n' "$port" |
		timeout 20 msmtp -C "$HOME/msmtprc" alice@lab.invalid >"$tmp/out" 2>&1 ||
		problem "msmtp: $(cat "$tmp/out")"
	arrived "msmtp $port" || problem "the mail sent through $port did not arrive"
	try "msmtp sends through $port with its file, and the mail arrives"
done

for words in "993" "imap starttls"; do
	fresh
	config mbsync "$HOME/mbsyncrc" $words
	mkdir -p "$HOME/Mail/lab.invalid"
	timeout 30 mbsync -c "$HOME/mbsyncrc" -a >"$tmp/out" 2>&1 ||
		problem "mbsync: $(cat "$tmp/out")"
	grep -rqs '^Subject: msmtp 587$' "$HOME/Mail/lab.invalid/INBOX" ||
		problem "nothing synced: $(find "$HOME/Mail" | head; cat "$tmp/out")"
	try "mbsync syncs the mailbox with its file ($(grep '^SSLType' "$HOME/mbsyncrc"), $(grep '^Port' "$HOME/mbsyncrc"))"
done
grep -q '^Port 143$' "$HOME/mbsyncrc" && grep -q '^SSLType STARTTLS$' "$HOME/mbsyncrc" ||
	problem "imap starttls: $(cat "$HOME/mbsyncrc")"
try "the words 'imap starttls' give IMAP on 143 with STARTTLS"

fresh
config fetchmail "$HOME/fetchmailrc"
printf 'machine lab.invalid\nlogin alice@lab.invalid\npassword unused\n' >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
timeout 30 fetchmail -f "$HOME/fetchmailrc" --nosyslog --mda "cat >>$HOME/fetched" \
	>"$tmp/out" 2>&1
status=$?
[ "$status" -eq 0 ] || problem "fetchmail exit $status: $(cat "$tmp/out")"
grep -q '^poll lab.invalid protocol POP3 service 995$' "$HOME/fetchmailrc" ||
	problem "not POP3 on 995: $(cat "$HOME/fetchmailrc")"
grep -q '^Subject: msmtp 465$' "$HOME/fetched" 2>/dev/null || problem "nothing fetched"
try "fetchmail fetches over 995 with its file"

fresh
config neomutt "$HOME/neomuttrc"
printf 'Hello from NeoMutt.\n' |
	timeout 30 neomutt -n -F "$HOME/neomuttrc" -s "neomutt batch" alice@lab.invalid \
	>"$tmp/out" 2>&1 || problem "neomutt: $(cat "$tmp/out")"
arrived "neomutt batch" || problem "NeoMutt's mail did not arrive: $(cat "$tmp/out")"
[ "$(timeout 10 neomutt -n -F "$HOME/neomuttrc" -Q folder 2>&1)" = \
	'set folder = "imaps://lab.invalid:993/"' ] || problem "folder: $(neomutt -n -F "$HOME/neomuttrc" -Q folder 2>&1)"
try "NeoMutt reads its file and sends through SMTP in batch mode"

# aerc needs a terminal: in one of script(1)'s, for 8 s, then stopped.
# Dovecot's log shows that it signed in to IMAP with the account's URL.
fresh
mkdir -p "$HOME/.config/aerc"
config aerc "$HOME/.config/aerc/accounts.conf"
logins=$(grep -c 'imap-login: Info: Login: user=<alice@lab.invalid>' "$tmp/dovecot.log")
SSL_CERT_FILE=$cert TERM=xterm timeout 8 script -qec aerc /dev/null \
	>"$tmp/out" 2>&1 </dev/null
grep -qi 'failed to load\|error' "$tmp/out" && problem "aerc: $(tr -d '\033' <"$tmp/out" | head -c 400)"
[ "$(grep -c 'imap-login: Info: Login: user=<alice@lab.invalid>' "$tmp/dovecot.log")" -gt "$logins" ] ||
	problem "aerc did not sign in: $(tr -cd '[:print:]\n' <"$tmp/out" | tail -c 400)"
try "aerc reads its account and signs in to IMAP over TLS"

# With --probe, what the server is found to offer securely: Dovecot's
# six ports with TLS, and mbsync syncs with the file of what was found.
# The lab's certificate is self-signed: the probe trusts it as mbsync does,
# as the one certificate of its trust store.
export SSL_CERT_FILE=$cert
timeout 30 "$bin" --config srv --timeout 2 --probe lab.invalid lab.invalid \
	>"$tmp/out" 2>"$tmp/err" || problem "--probe: $(cat "$tmp/err")"
[ "$(grep -v '^;' "$tmp/out" | awk '{ print $1, $5, $7 }')" = "_submissions._tcp.lab.invalid. 0 465
_submission._tcp.lab.invalid. 10 587
_imaps._tcp.lab.invalid. 0 993
_imap._tcp.lab.invalid. 10 143
_pop3s._tcp.lab.invalid. 0 995
_pop3._tcp.lab.invalid. 10 110" ] || problem "probed: $(cat "$tmp/out")"
fresh
"$bin" --config mbsync --timeout 2 --probe lab.invalid alice@lab.invalid |
	sed -e "s|^SystemCertificates yes$|SystemCertificates no\nCertificateFile $cert|" \
	-e 's|PASSWORD-COMMAND|echo unused|' >"$HOME/mbsyncrc"
mkdir -p "$HOME/Mail/lab.invalid"
grep -q '^Port 993$' "$HOME/mbsyncrc" || problem "not 993: $(cat "$HOME/mbsyncrc")"
timeout 30 mbsync -c "$HOME/mbsyncrc" -a >"$tmp/out" 2>&1 || problem "mbsync: $(cat "$tmp/out")"
grep -rqs '^Subject: msmtp 587$' "$HOME/Mail/lab.invalid/INBOX" || problem "nothing synced"
try "--probe takes what the server offers securely, and mbsync syncs with it"

# --probe of a host whose certificate a client refuses: not written, and
# stderr says why; when the certificate names another host of the same
# provider, whose own certificate is good, that host is written instead.
# openssl s_server presents certificates of a test CA (tests/lab/certs.sh).
mkdir -p "$tmp/certs"
certs_ca "$tmp/certs" &&
	certs_leaf imap.shared.test imap.shared.test &&
	certs_leaf mail.wrong.test www.unrelated.test &&
	certs_serve 127.0.0.22 mail.wrong.test &&
	certs_serve 127.0.0.23 imap.shared.test &&
	certs_serve 127.0.0.24 imap.shared.test || exit 1
printf '127.0.0.22 mail.wrong.test\n127.0.0.23 mail.shared.test\n127.0.0.24 imap.shared.test\n' \
	>>"$tmp/hosts"
SSL_CERT_FILE=$tmp/certs/ca.pem timeout 30 "$bin" --config srv --timeout 2 \
	--probe mail.shared.test shared.test imap implicit >"$tmp/out" 2>"$tmp/err" ||
	problem "exit $?: $(cat "$tmp/err")"
[ "$(grep -v '^;' "$tmp/out" | awk '$8 != "." { print $1, $7, $8 }')" = \
	"_imaps._tcp.shared.test. 993 imap.shared.test." ] ||
	problem "written: $(cat "$tmp/out")"
[ "$(cat "$tmp/err")" = "mailports: mail.shared.test port 993 (127.0.0.23): not written, as a mail client refuses its certificate: the certificate is made out to another name
mailports: imap.shared.test port 993: written instead of mail.shared.test, whose certificate is made out to it" ] ||
	problem "said: $(cat "$tmp/err")"
try "--probe: the provider's other host on the certificate is written instead"

SSL_CERT_FILE=$tmp/certs/ca.pem timeout 30 "$bin" --config srv --timeout 2 \
	--probe mail.wrong.test wrong.test imap implicit >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || problem "exit $status, wanted 1: $(cat "$tmp/out")"
[ "$(cat "$tmp/err")" = "mailports: mail.wrong.test port 993 (127.0.0.22): not written, as a mail client refuses its certificate: the certificate is made out to another name
mailports: srv needs a server, and none with TLS was found for wrong.test" ] ||
	problem "said: $(cat "$tmp/err")"
try "--probe: a certificate for another name is not written, and stderr says why"

# The SRV lines, as dnsmasq's options, in a name server of their own.
"$bin" --config srv --server lab.invalid alice@lab.invalid >"$tmp/zone" ||
	problem "--config srv"
awk '/^;/ { next }
	$8 == "." { sub(/\.$/, "", $1); print "--srv-host=" $1; next }
	{ sub(/\.$/, "", $1); sub(/\.$/, "", $8)
	  print "--srv-host=" $1 "," $8 "," $7 "," $5 "," $6 }' "$tmp/zone" >"$tmp/srv-options"
[ "$(wc -l <"$tmp/srv-options")" -eq 6 ] || problem "six records wanted: $(cat "$tmp/zone")"
# shellcheck disable=SC2046
dnsmasq --no-daemon --port 5300 --listen-address 127.0.0.1 --bind-interfaces \
	--no-resolv --no-hosts --conf-file=/dev/null --user=nobody \
	--pid-file="$tmp/dns.pid" $(cat "$tmp/srv-options") >"$tmp/dns.log" 2>&1 &
dns_pid=$!
for _ in $(seq 50); do
	ss -lun 2>/dev/null | grep -q '127.0.0.1:5300 ' && break
	sleep 0.1
done
timeout 30 "$bin" --tsv --timeout 2 --dns-server 127.0.0.1:5300 \
	--discover alice@lab.invalid >"$tmp/out" 2>"$tmp/err"
[ "$(tail -n +2 "$tmp/out" | cut -f 1-4 | tr '\t' ' ')" = "imap lab.invalid 993 implicit
pop3 lab.invalid 995 implicit
smtp lab.invalid 465 implicit
smtp lab.invalid 587 starttls" ] || problem "discovered: $(cat "$tmp/out" "$tmp/err")"
timeout 30 "$bin" --config srv --timeout 2 --dns-server 127.0.0.1:5300 \
	--discover alice@lab.invalid >"$tmp/zone2" 2>"$tmp/err"
cmp -s "$tmp/zone" "$tmp/zone2" || problem "round trip: $(diff "$tmp/zone" "$tmp/zone2")"
try "the SRV lines load into dnsmasq, and --discover finds the same settings"

"$bin" --config autoconfig --server lab.invalid lab.invalid >"$tmp/config-v1.1.xml"
xmllint --noout "$tmp/config-v1.1.xml" 2>"$tmp/err" || problem "xmllint: $(cat "$tmp/err")"
servers=$(xmllint --xpath '//incomingServer|//outgoingServer' "$tmp/config-v1.1.xml" |
	xmllint --xpath 'count(//hostname)' - 2>/dev/null)
got=$(for n in $(seq 4); do
	xmllint --xpath "concat(//*[self::incomingServer or self::outgoingServer][$n]/@type,' ',//*[self::incomingServer or self::outgoingServer][$n]/hostname,' ',//*[self::incomingServer or self::outgoingServer][$n]/port,' ',//*[self::incomingServer or self::outgoingServer][$n]/socketType)" \
		"$tmp/config-v1.1.xml" | sed '$a\\'
done | grep . | sort)
[ "$got" = "imap lab.invalid 993 SSL
pop3 lab.invalid 995 SSL
smtp lab.invalid 465 SSL
smtp lab.invalid 587 STARTTLS" ] || problem "servers: $got"
[ "$(xmllint --xpath 'count(//incomingServer|//outgoingServer)' "$tmp/config-v1.1.xml")" = 4 ] ||
	problem "not exactly 4 servers (${servers:-})"
try "the autoconfig file parses with xmllint and holds exactly the servers given"

"$bin" --config mobileconfig --server lab.invalid --name 'Alice' alice@lab.invalid \
	>"$tmp/lab.mobileconfig"
python3 - "$tmp/lab.mobileconfig" >"$tmp/out" 2>&1 <<'EOF' || problem "plistlib: $(cat "$tmp/out")"
import plistlib, sys
p = plistlib.load(open(sys.argv[1], 'rb'))
m = p['PayloadContent'][0]
assert p['PayloadType'] == 'Configuration', p
assert m['PayloadType'] == 'com.apple.mail.managed', m
got = (m['EmailAccountType'], m['IncomingMailServerHostName'],
       m['IncomingMailServerPortNumber'], m['OutgoingMailServerPortNumber'],
       m['IncomingMailServerUsername'], m['EmailAccountName'])
assert got == ('EmailTypeIMAP', 'lab.invalid', 993, 587, 'alice@lab.invalid', 'Alice'), got
EOF
try "the Apple profile parses as a property list, with the settings given"

# Hostile names and addresses: what a client reads back is what was given.
hostile='Eve"; echo pwned; `id` $(id) \ <b>&amp; #x'
fresh
"$bin" --config neomutt --server lab.invalid --name "$hostile" \
	'e$(id)`id`"\x@lab.invalid' >"$HOME/neomuttrc" 2>"$tmp/err" ||
	problem "neomutt: $(cat "$tmp/err")"
sed -i 's/PASSWORD-COMMAND/echo unused/' "$HOME/neomuttrc"
# NeoMutt shows a string as it would read it, '"' and '\' escaped.
quoted=${hostile//\\/\\\\}
quoted=${quoted//\"/\\\"}
[ "$(neomutt -n -F "$HOME/neomuttrc" -Q real_name 2>&1)" = \
	"set real_name = \"$quoted\"" ] ||
	problem "real_name: $(neomutt -n -F "$HOME/neomuttrc" -Q real_name 2>&1)"
[ "$(neomutt -n -F "$HOME/neomuttrc" -Q imap_user 2>&1)" = \
	'set imap_user = "e$(id)`id`\"\\x@lab.invalid"' ] ||
	problem "imap_user: $(neomutt -n -F "$HOME/neomuttrc" -Q imap_user 2>&1)"
"$bin" --config msmtp --server lab.invalid 'e"v\il;$(id)@lab.invalid' |
	sed 's/PASSWORD-COMMAND/echo unused/' >"$HOME/msmtprc"
chmod 600 "$HOME/msmtprc"
msmtp -C "$HOME/msmtprc" -P >"$tmp/out" 2>&1
grep -qxF 'user = e"v\il;$(id)@lab.invalid' "$tmp/out" || problem "msmtp: $(cat "$tmp/out")"
"$bin" --config autoconfig --server lab.invalid --name "$hostile" lab.invalid \
	>"$tmp/hostile.xml"
[ "$(xmllint --xpath 'string(//displayName)' "$tmp/hostile.xml")" = "$hostile" ] ||
	problem "autoconfig: $(xmllint --xpath 'string(//displayName)' "$tmp/hostile.xml" 2>&1)"
"$bin" --config mobileconfig --server lab.invalid --name "$hostile" \
	'e<v>&"@lab.invalid' >"$tmp/hostile.mobileconfig"
python3 -c 'import plistlib, sys; m = plistlib.load(open(sys.argv[1], "rb"))["PayloadContent"][0]; print(m["EmailAccountName"]); print(m["EmailAddress"])' \
	"$tmp/hostile.mobileconfig" >"$tmp/out" 2>&1
[ "$(cat "$tmp/out")" = "$hostile"$'\n''e<v>&"@lab.invalid' ] || problem "profile: $(cat "$tmp/out")"
try "hostile names and addresses read back as given: NeoMutt, msmtp, xmllint, plistlib"

summary

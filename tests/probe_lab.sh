#!/usr/bin/env bash
# probe_lab.sh - the probe against real servers: Dovecot (IMAP, POP3,
# submission, ManageSieve) and OpenSMTPD (SMTP), on the standard ports of
# 127.0.0.1 and ::1 in a private network namespace, with a certificate made
# here, and port 2525 filtered with nftables.  Nothing outside the
# namespace is touched; the servers are stopped at the end.
#
# Usage: tests/probe_lab.sh ./mailports
# Needs root (for the namespace and the standard ports), dovecot-imapd,
# dovecot-pop3d, dovecot-submissiond, dovecot-managesieved, opensmtpd,
# openssl and nftables: make deps installs them.
set -u

bin=${1:?usage: probe_lab.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "${MAILPORTS_LAB:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "probe_lab: SKIPPED: needs root for a network namespace"
		exit 0
	fi
	for tool in dovecot smtpd openssl nft unshare ip; do
		command -v "$tool" >/dev/null ||
			{ echo "probe_lab: $tool is missing (make deps)" >&2; exit 1; }
	done
	MAILPORTS_LAB=1 exec unshare --net "$0" "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-lab.XXXXXX")
# Dovecot's unprivileged login processes must reach its directories.
chmod 755 "$tmp"
stop() {
	[ -f "$tmp/run/master.pid" ] && kill "$(cat "$tmp/run/master.pid")" 2>/dev/null
	[ -n "${smtpd_pid:-}" ] && kill "$smtpd_pid" 2>/dev/null
	sleep 0.2
	rm -rf "$tmp"
}
trap stop EXIT
. "$here/lib.sh"

ip link set lo up
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=lab.invalid \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null ||
	{ echo "probe_lab: openssl failed" >&2; exit 1; }
chmod 600 "$tmp/key.pem"
mkdir -p "$tmp/run" "$tmp/state" "$tmp/home"

cat >"$tmp/dovecot.conf" <<EOF
base_dir = $tmp/run
state_dir = $tmp/state
log_path = $tmp/dovecot.log
protocols = imap pop3 submission sieve
listen = 127.0.0.1, ::1
ssl = yes
ssl_cert = <$tmp/cert.pem
ssl_key = <$tmp/key.pem
auth_mechanisms = plain login
passdb {
  driver = static
  args = password=unused
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$tmp/home/%u
}
mail_location = maildir:~/Maildir
hostname = lab.invalid
submission_relay_host = 127.0.0.1
submission_relay_port = 25
service imap-login {
  inet_listener imap {
    port = 143
  }
  inet_listener imaps {
    port = 993
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 110
  }
  inet_listener pop3s {
    port = 995
    ssl = yes
  }
}
service submission-login {
  inet_listener submission {
    port = 587
  }
  inet_listener submissions {
    port = 465
    ssl = yes
  }
}
service managesieve-login {
  inet_listener sieve {
    port = 4190
  }
}
EOF

cat >"$tmp/smtpd.conf" <<EOF
pki lab.invalid cert "$tmp/cert.pem"
pki lab.invalid key "$tmp/key.pem"
listen on 127.0.0.1 port 25 tls pki lab.invalid hostname lab.invalid
listen on ::1 port 25 tls pki lab.invalid hostname lab.invalid
action "local" mbox
match from any for local action "local"
EOF

dovecot -c "$tmp/dovecot.conf" || { echo "probe_lab: dovecot failed" >&2; exit 1; }
smtpd -d -f "$tmp/smtpd.conf" >"$tmp/smtpd.log" 2>&1 &
smtpd_pid=$!
# A filtered port: the connection is dropped, never refused.
nft add table inet lab
nft 'add chain inet lab input { type filter hook input priority 0; }'
nft add rule inet lab input tcp dport 2525 drop

# Wait until every server listens, for at most 10 s.
for _ in $(seq 100); do
	n=$(ss -ltn 2>/dev/null | grep -cE ':(25|110|143|465|587|993|995|4190) ')
	[ "$n" -ge 16 ] && break
	sleep 0.1
done

# expect_row ADDRESS PORT STATE TLS PROTOCOL: the TSV row of the last probe.
expect_row() {
	awk -F '\t' -v a="$1" -v p="$2" '$1 == a && $2 == p { print $3, $4, $5 }' \
		"$tmp/out" >"$tmp/row"
	[ "$(cat "$tmp/row")" = "$3 $4 $5" ] ||
		problem "$1 port $2: '$(cat "$tmp/row")', wanted '$3 $4 $5'"
}

for address in 127.0.0.1 ::1; do
	timeout 30 "$bin" --tsv --timeout 2 --probe "$address" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] || problem "exit $status: $(cat "$tmp/err")"
	expect_row "$address" 25 open starttls smtp
	expect_row "$address" 465 open implicit smtp
	expect_row "$address" 587 open starttls smtp
	expect_row "$address" 110 open starttls pop3
	expect_row "$address" 995 open implicit pop3
	expect_row "$address" 143 open starttls imap
	expect_row "$address" 993 open implicit imap
	expect_row "$address" 4190 open starttls managesieve
	expect_row "$address" 2525 timeout unknown ""
	expect_row "$address" 26 closed unknown ""
	grep -q $'\tOpenSMTPD\|ESMTP OpenSMTPD' "$tmp/out" ||
		problem "no OpenSMTPD greeting on 25"
	try "every port of Dovecot and OpenSMTPD, over $address"
done

timeout 30 "$bin" --probe ::1 imap >"$tmp/out" 2>"$tmp/err"
grep -q '^use: IMAP on port 993, implicit TLS (SSL/TLS)$' "$tmp/out" ||
	problem "verdict: $(cat "$tmp/out")"
[ "$(grep -c '^::1 ' "$tmp/out")" -eq 2 ] || problem "imap should probe 993 and 143"
try "the words pick the ports, and the verdict names the best"

timeout 30 "$bin" --probe 127.0.0.1 send >"$tmp/out" 2>"$tmp/err"
grep -q '^use: SMTP on port 587, STARTTLS$' "$tmp/out" || problem "$(cat "$tmp/out")"
grep -q 'port 587: takes a password before TLS' "$tmp/out" ||
	problem "Dovecot offers AUTH before TLS on loopback: no warning"
try "sending: 587 with STARTTLS, and the cleartext login is warned about"

timeout 30 "$bin" -p --probe '[::1]:4190' >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = 4190 ] || problem "got $(cat "$tmp/out")"
timeout 30 "$bin" --tsv --probe 127.0.0.1:993 pop3 >"$tmp/out" 2>"$tmp/err"
expect_row 127.0.0.1 993 open implicit pop3
try "an explicit port, with and without words"

timeout 30 "$bin" --tsv --probe 127.0.0.1:143 implicit >"$tmp/out" 2>"$tmp/err"
grep -q 'plaintext-on-tls-port' "$tmp/out" || problem "$(cat "$tmp/out")"
try "plaintext where the words expect implicit TLS is warned about"

summary

# lab.sh - a mail lab on loopback, sourced by the probe's tests and its
# benchmark, which run in private network and mount namespaces of their own
# (unshare --net --mount, as root): Dovecot serving IMAP, POP3, submission and ManageSieve
# and OpenSMTPD serving SMTP, each on its standard ports of 127.0.0.1 and
# ::1, with a certificate made here; port 2525 is filtered by nftables, so
# that connections to it are dropped rather than refused.
#
# lab_enter SCRIPT ARGS... runs the script again in a namespace of its own;
# then lab_start DIR starts the lab, keeping its files in DIR, and lab_stop
# stops it.

lab_enter() {
	[ -n "${MAILPORTS_LAB:-}" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "lab: SKIPPED: needs root for a network namespace"
		exit 0
	fi
	for tool in dovecot smtpd openssl nft unshare ip ss; do
		command -v "$tool" >/dev/null ||
			{ echo "lab: $tool is missing (make deps)" >&2; exit 1; }
	done
	# A mount namespace too, so a test may put its own resolv.conf in place.
	MAILPORTS_LAB=1 exec unshare --net --mount "$@"
}

lab_start() {
	lab=$1
	# Dovecot's unprivileged login processes must reach its directories.
	chmod 755 "$lab"
	ip link set lo up
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=lab.invalid \
		-keyout "$lab/key.pem" -out "$lab/cert.pem" 2>/dev/null ||
		{ echo "lab: openssl failed" >&2; return 1; }
	chmod 600 "$lab/key.pem"
	mkdir -p "$lab/run" "$lab/state" "$lab/home"
	lab_dovecot_conf >"$lab/dovecot.conf"
	lab_smtpd_conf >"$lab/smtpd.conf"
	dovecot -c "$lab/dovecot.conf" ||
		{ echo "lab: dovecot failed" >&2; return 1; }
	smtpd -d -f "$lab/smtpd.conf" >"$lab/smtpd.log" 2>&1 &
	lab_smtpd=$!
	nft add table inet lab
	nft 'add chain inet lab input { type filter hook input priority 0; }'
	nft add rule inet lab input tcp dport 2525 drop
	# Until every server listens, for at most 10 s.
	for _ in $(seq 100); do
		[ "$(ss -ltn 2>/dev/null |
			grep -cE ':(25|110|143|465|587|993|995|4190) ')" -ge 16 ] &&
			return 0
		sleep 0.1
	done
	echo "lab: the servers did not start" >&2
	return 1
}

lab_stop() {
	[ -f "$lab/run/master.pid" ] && kill "$(cat "$lab/run/master.pid")" 2>/dev/null
	[ -n "${lab_smtpd:-}" ] && kill "$lab_smtpd" 2>/dev/null
	sleep 0.2
}

lab_dovecot_conf() {
	cat <<EOF
base_dir = $lab/run
state_dir = $lab/state
log_path = $lab/dovecot.log
protocols = imap pop3 submission sieve
listen = 127.0.0.1, ::1
ssl = yes
ssl_cert = <$lab/cert.pem
ssl_key = <$lab/key.pem
auth_mechanisms = plain login
passdb {
  driver = static
  args = password=unused
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$lab/home/%u
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
}

lab_smtpd_conf() {
	cat <<EOF
pki lab.invalid cert "$lab/cert.pem"
pki lab.invalid key "$lab/key.pem"
listen on 127.0.0.1 port 25 tls pki lab.invalid hostname lab.invalid
listen on ::1 port 25 tls pki lab.invalid hostname lab.invalid
action "local" mbox
match from any for local action "local"
EOF
}

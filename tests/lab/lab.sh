# lab.sh - a mail lab on loopback, sourced by the probe's tests and its
# benchmark, which run in private network and mount namespaces of their own
# (unshare --net --mount, as root): Dovecot serving IMAP, POP3, submission and ManageSieve
# and OpenSMTPD serving SMTP, each on its standard ports of 127.0.0.1 and
# ::1, with a certificate made here; port 2525 is filtered by nftables, so
# that connections to it are dropped rather than refused.
#
# lab_enter SCRIPT ARGS... runs the script again in a namespace of its own,
# or, when not root, counts the script as one skipped case (skip and
# summary of tests/helpers/lib.sh, sourced before) and exits 0; then lab_start DIR
# starts the lab, keeping its files in DIR, lab_dns starts a name server
# for the test domains, and lab_stop stops them all.
#
# A test may set, before lab_start: lab_smtpd_extra, lines for
# OpenSMTPD's configuration, put before its last rule (match ... for
# local), so they may hold listeners, actions and rules; lab_listeners (16
# by default), how many listeners on the standard ports to wait for; and
# lab_dovecot_extra, lines added at the end of Dovecot's.  The
# certificate names lab.invalid, as its subject and as its one
# subjectAltName (which clients in Go require).

lab_enter() {
	[ -n "${MAILPORTS_LAB:-}" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		skip "$(basename "$1")" "needs root for a network namespace"
		summary
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
	# OpenSMTPD's control socket, /run/smtpd.sock, is one for the machine;
	# a /run of the lab's own, in its mount namespace, lets labs run side
	# by side.
	mount -t tmpfs -o mode=755 lab-run /run ||
		{ echo "lab: no /run of its own" >&2; return 1; }
	ip link set lo up
	# A certificate a mail client accepts for every name and address the
	# labs ask by: issued by the tests' own authority, which the program
	# under test trusts through SSL_CERT_FILE.
	{ cert_ca "$lab" && cert_issue "$lab" lab.invalid \
		DNS:lab.invalid,DNS:localhost,IP:127.0.0.1,IP:127.0.0.2,IP:127.0.0.3,IP:::1 cert; } ||
		{ echo "lab: openssl failed" >&2; return 1; }
	chmod 600 "$lab/cert.key"
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
			grep -cE ':(25|110|143|465|587|993|995|4190) ')" -ge \
			"${lab_listeners:-16}" ] &&
			return 0
		kill -0 "$lab_smtpd" 2>/dev/null || break
		sleep 0.1
	done
	echo "lab: the servers did not start:" >&2
	tail -n 5 "$lab/smtpd.log" "$lab/dovecot.log" >&2
	return 1
}

# lab_dns: dnsmasq on port 53 of 127.0.0.1 and ::1, serving the test
# domains: full.test (every SRV label; "." for _pop3), dot.test (all "."),
# hosted.test (MX at Google), own.test (MX at its own host), guess.test
# (only mail.guess.test), xn--bcher-kva.test (bücher.test: IMAP over TLS
# at mail.xn--bcher-kva.test), big.test (twenty long SRV targets, more than a
# UDP answer holds); nothing.test has nothing.
lab_dns() {
	local big= i
	for i in $(seq 20); do
		big="$big --srv-host=_imaps._tcp.big.test,a-rather-long-name-for-a-mail-server-$i.big.test,993,0,$i"
	done
	# shellcheck disable=SC2086
	dnsmasq --no-daemon --port 53 --listen-address 127.0.0.1,::1 \
		--bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null \
		--user=nobody --pid-file="$lab/dnsmasq.pid" \
		--srv-host=_submissions._tcp.full.test,mail.full.test,465,0,1 \
		--srv-host=_submission._tcp.full.test,mail.full.test,587,10,1 \
		--srv-host=_imaps._tcp.full.test,mail.full.test,993,0,1 \
		--srv-host=_imap._tcp.full.test,mail.full.test,143,10,1 \
		--srv-host=_pop3s._tcp.full.test,mail.full.test,995,0,1 \
		--srv-host=_pop3._tcp.full.test \
		--host-record=mail.full.test,127.0.0.1,::1 \
		--srv-host=_submissions._tcp.dot.test \
		--srv-host=_submission._tcp.dot.test \
		--srv-host=_imaps._tcp.dot.test --srv-host=_imap._tcp.dot.test \
		--srv-host=_pop3s._tcp.dot.test --srv-host=_pop3._tcp.dot.test \
		--mx-host=hosted.test,aspmx.l.google.com,10 \
		--mx-host=own.test,mx.own.test,10 \
		--host-record=mail.guess.test,127.0.0.1 \
		--srv-host=_imaps._tcp.xn--bcher-kva.test,mail.xn--bcher-kva.test,993,0,1 \
		--host-record=mail.xn--bcher-kva.test,127.0.0.1,::1 \
		$big >"$lab/dnsmasq.log" 2>&1 &
	lab_dnsmasq=$!
	lab_dns_ready
}

# lab_dns_ready: waits up to 5 s for a name server on 127.0.0.1:53.
lab_dns_ready() {
	for _ in $(seq 50); do
		ss -lun 2>/dev/null | grep -q '127.0.0.1:53 ' && return 0
		sleep 0.1
	done
	echo "lab: dnsmasq did not start" >&2
	return 1
}

lab_stop() {
	[ -n "${lab_dnsmasq:-}" ] && kill "$lab_dnsmasq" 2>/dev/null
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
ssl_key = <$lab/cert.key
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
${lab_dovecot_extra:-}
EOF
}

lab_smtpd_conf() {
	cat <<EOF
pki lab.invalid cert "$lab/cert.pem"
pki lab.invalid key "$lab/cert.key"
listen on 127.0.0.1 port 25 tls pki lab.invalid hostname lab.invalid
listen on ::1 port 25 tls pki lab.invalid hostname lab.invalid
action "local" mbox
${lab_smtpd_extra:-}
match from any for local action "local"
EOF
}

# shellcheck shell=bash
# zoo.sh - more real mail servers for the lab, beside tests/lab/lab.sh's Dovecot
# and OpenSMTPD: Postfix, Exim, Cyrus IMAP and Courier IMAP/POP3, each
# family on a loopback address pair of its own (127.0.0.N and fd00::N on
# lo), so that all of them hold the standard ports at once.  Sourced by lab
# tests after lab_enter has put them in a network and mount namespace of
# their own, as root; nothing outside the namespace is touched.
#
# zoo_start DIR starts them all, keeping configuration, state and logs in
# DIR, and returns once every port has greeted; zoo_stop stops everything
# zoo_start started.  The servers run from
# packages unpacked by tests/lab/zoo-deps.sh into $ZOO_ROOT, not installed:
# Debian's MTAs conflict with each other and with the lab's OpenSMTPD, and
# Courier's and Cyrus's IMAP servers with Dovecot.  $ZOO_ROOT is
# /var/cache/mailports/zoo-root unless set: one for the machine, as the
# packages make deps installs are, so that make clean, other build
# directories and make distcheck's unpacked tarball find it.
#
# Who is where (the variables name the IPv4 address; fd00::N is the same N):
#   zoo_postfix        127.0.0.10  Postfix: 25 postscreen (220- at once, the
#                      final 220 after $ZOO_POSTSCREEN_WAIT, 6s by default),
#                      587 STARTTLS with AUTH only after TLS, 465 implicit
#   zoo_postfix_auth   127.0.0.11  Postfix: 25 and 587 STARTTLS offering AUTH
#                      PLAIN LOGIN (and more) before TLS, 465 implicit
#   zoo_postfix_cram   127.0.0.12  Postfix: 25 and 587 STARTTLS offering only
#                      challenge-response AUTH before TLS (noplaintext),
#                      PLAIN and LOGIN after it; 465 implicit
#   zoo_exim           127.0.0.20  Exim: 25 and 587 STARTTLS (AUTH PLAIN LOGIN
#                      after TLS only), 465 implicit (tls_on_connect_ports)
#   zoo_exim_slow      127.0.0.21  the same Exim, its greeting after 2 s
#                      (acl_smtp_connect delay)
#   zoo_cyrus          127.0.0.30  Cyrus IMAP: 143, 993, 110, 995, 4190,
#                      allowplaintext: yes
#   zoo_cyrus_strict   127.0.0.31  the same, allowplaintext: no
#   zoo_courier        127.0.0.40  Courier: IMAP 143/993, POP3 110/995
#   zoo_courier_strict 127.0.0.41  the same, IMAP_TLS_REQUIRED=1 and
#                      POP3_TLS_REQUIRED=1
#
# ZOO_FAMILIES (default "postfix exim cyrus courier") picks the families to
# start.  The certificate (CN=zoo.invalid, naming every address of the
# zoo) comes from the tests' authority (cert_ca of tests/helpers/lib.sh),
# the lab's when lab_start has made one; or ZOO_CERT (a chain) and
# ZOO_KEY name the files to serve.

ZOO_ROOT=${ZOO_ROOT:-/var/cache/mailports/zoo-root}
ZOO_POSTSCREEN_WAIT=${ZOO_POSTSCREEN_WAIT:-6s}
ZOO_FAMILIES=${ZOO_FAMILIES:-postfix exim cyrus courier}

zoo_postfix=127.0.0.10
zoo_postfix_auth=127.0.0.11
zoo_postfix_cram=127.0.0.12
zoo_exim=127.0.0.20
zoo_exim_slow=127.0.0.21
zoo_cyrus=127.0.0.30
zoo_cyrus_strict=127.0.0.31
zoo_courier=127.0.0.40
zoo_courier_strict=127.0.0.41

# zoo_v6 127.0.0.N: prints fd00::N.
zoo_v6() { echo "fd00::${1##*.}"; }

# zoo_servers: one line per server: its name, IPv4 and IPv6 address and
# ports, for the families started.
zoo_servers() {
	local f
	for f in $ZOO_FAMILIES; do
		case $f in
		postfix)
			echo "postfix $zoo_postfix $(zoo_v6 $zoo_postfix) 25 465 587"
			echo "postfix-auth $zoo_postfix_auth $(zoo_v6 $zoo_postfix_auth) 25 465 587"
			echo "postfix-cram $zoo_postfix_cram $(zoo_v6 $zoo_postfix_cram) 25 465 587" ;;
		exim)
			echo "exim $zoo_exim $(zoo_v6 $zoo_exim) 25 465 587"
			echo "exim-slow $zoo_exim_slow $(zoo_v6 $zoo_exim_slow) 25 465 587" ;;
		cyrus)
			echo "cyrus $zoo_cyrus $(zoo_v6 $zoo_cyrus) 110 143 993 995 4190"
			echo "cyrus-strict $zoo_cyrus_strict $(zoo_v6 $zoo_cyrus_strict) 110 143 993 995 4190" ;;
		courier)
			echo "courier $zoo_courier $(zoo_v6 $zoo_courier) 110 143 993 995"
			echo "courier-strict $zoo_courier_strict $(zoo_v6 $zoo_courier_strict) 110 143 993 995" ;;
		esac
	done
}

zoo_start() {
	zoo=$1
	zoo_pids=
	zoo_mounts=
	local root f name a4 a6 ports want
	root=$(cd "$ZOO_ROOT" 2>/dev/null && pwd) ||
		{ echo "zoo: no $ZOO_ROOT (tests/lab/zoo-deps.sh unpacks it)" >&2; return 1; }
	zoo_root=$root
	mkdir -p "$zoo"
	# The servers' unprivileged processes must reach their files.
	chmod 755 "$zoo"
	ip link set lo up
	while read -r name a4 a6 ports; do
		ip addr add "$a4/32" dev lo 2>/dev/null
		ip addr add "$a6/128" dev lo nodad 2>/dev/null
	done < <(zoo_servers)
	# Each server's certificate names all the zoo's addresses, so that one
	# file serves them all; issued by the tests' own authority, unless
	# ZOO_CERT and ZOO_KEY give the chain and key to serve.
	local sans=DNS:zoo.invalid
	while read -r name a4 a6 ports; do
		sans=$sans,IP:$a4,IP:$a6
	done < <(zoo_servers)
	if [ -n "${ZOO_CERT:-}" ]; then
		cp "$ZOO_CERT" "$zoo/cert.pem" && cp "$ZOO_KEY" "$zoo/cert.key"
	else
		cert_ca "$zoo" && cert_issue "$zoo" zoo.invalid "$sans" cert
	fi || { echo "zoo: no certificate" >&2; return 1; }
	cat "$zoo/cert.key" "$zoo/cert.pem" >"$zoo/both.pem"
	chmod 644 "$zoo/cert.pem"
	chmod 640 "$zoo/cert.key" "$zoo/both.pem"
	chgrp mail "$zoo/cert.key" "$zoo/both.pem"
	zoo_users || return 1
	for f in $ZOO_FAMILIES; do
		"zoo_${f}_start" ||
			{ echo "zoo: $f failed to start" >&2; zoo_stop; return 1; }
	done
	# Until every port listens, for at most 20 s.
	want=0
	while read -r name a4 a6 ports; do
		want=$((want + 2 * $(wc -w <<<"$ports")))
	done < <(zoo_servers)
	for _ in $(seq 200); do
		[ "$(zoo_listening)" -ge "$want" ] && break
		sleep 0.1
	done
	if [ "$(zoo_listening)" -lt "$want" ]; then
		echo "zoo: $(zoo_listening) of $want ports listen after 20 s:" >&2
		zoo_missing >&2
		tail -n 5 "$zoo"/*.log >&2 2>/dev/null
		zoo_stop
		return 1
	fi
	# A port that listens may not greet yet: Postfix's master listens
	# before any smtpd runs, and the first connection to each service
	# waits for one to start, load its libraries and set up TLS and SASL,
	# longer than a test's timeout on a slower machine.  Until every
	# port has greeted once, for at most 30 s; then each server has its
	# processes running, as a server long up has.
	zoo_greeted && return 0
	tail -n 5 "$zoo"/*.log >&2 2>/dev/null
	zoo_stop
	return 1
}

# zoo_greeted: waits until every port of the zoo has sent its first line,
# through TLS on the implicit TLS ports (465, 993, 995); says which did
# not within 30 s.
zoo_greeted() {
	local name a4 a6 ports
	while read -r name a4 a6 ports; do
		echo "$a4 $ports"
		echo "$a6 $ports"
	done < <(zoo_servers) | python3 -c '
import socket, ssl, sys, threading, time

deadline = time.monotonic() + 30
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
tls.check_hostname = False
tls.verify_mode = ssl.CERT_NONE
missing = []

def greet(address, port):
	while time.monotonic() < deadline:
		try:
			with socket.create_connection((address, port), timeout=1) as s:
				s.settimeout(max(deadline - time.monotonic(), 0.1))
				if port in (465, 993, 995):
					s = tls.wrap_socket(s)
				if s.recv(1):
					return
		except OSError:
			time.sleep(0.1)
	missing.append("%s port %d" % (address, port))

threads = [threading.Thread(target=greet, args=(words[0], int(port)))
	for words in (line.split() for line in sys.stdin)
	for port in words[1:]]
for t in threads:
	t.start()
for t in threads:
	t.join()
for m in sorted(missing):
	print("zoo: no greeting from %s after 30 s" % m, file=sys.stderr)
sys.exit(1 if missing else 0)
'
}

# zoo_users: Exim looks up its compiled-in user, Debian-exim, before it
# reads its configuration, and Courier's STARTTLS its own, courier:
# /etc/passwd and /etc/group gain them, in this
# mount namespace only (a copy bound over each, refused where mounts would
# propagate out of the namespace).
zoo_users() {
	local f
	grep -q '^Debian-exim:' /etc/passwd && return 0
	case $(findmnt -n -o PROPAGATION / 2>/dev/null) in
	private) ;;
	*) echo "zoo: / is not private to this mount namespace (lab_enter)" >&2
		return 1 ;;
	esac
	for f in passwd group; do
		cp "/etc/$f" "$zoo/etc-$f"
	done
	echo "Debian-exim:x:64990:64990:zoo:/nonexistent:/usr/sbin/nologin" >>"$zoo/etc-passwd"
	echo "Debian-exim:x:64990:" >>"$zoo/etc-group"
	if ! grep -q '^courier:' /etc/passwd; then
		echo "courier:x:64991:64991:zoo:/nonexistent:/usr/sbin/nologin" >>"$zoo/etc-passwd"
		echo "courier:x:64991:" >>"$zoo/etc-group"
	fi
	for f in passwd group; do
		chmod 644 "$zoo/etc-$f"
		mount --bind "$zoo/etc-$f" "/etc/$f" ||
			{ echo "zoo: cannot bind over /etc/$f" >&2; return 1; }
		zoo_mounts="$zoo_mounts /etc/$f"
	done
}

# zoo_listening: how many of the zoo's address-port pairs listen.
zoo_listening() {
	local name a4 a6 ports p n=0 have
	have=$(ss -ltnH 2>/dev/null | awk '{print $4}')
	while read -r name a4 a6 ports; do
		for p in $ports; do
			grep -qxF "$a4:$p" <<<"$have" && n=$((n + 1))
			grep -qxF "[$a6]:$p" <<<"$have" && n=$((n + 1))
		done
	done < <(zoo_servers)
	echo "$n"
}

zoo_missing() {
	local name a4 a6 ports p have
	have=$(ss -ltnH 2>/dev/null | awk '{print $4}')
	while read -r name a4 a6 ports; do
		for p in $ports; do
			grep -qxF "$a4:$p" <<<"$have" || echo "  $name $a4:$p not listening"
			grep -qxF "[$a6]:$p" <<<"$have" || echo "  $name [$a6]:$p not listening"
		done
	done < <(zoo_servers)
}

zoo_stop() {
	local pid f
	[ -n "${zoo:-}" ] || return 0
	# Postfix's master stops its children on SIGTERM; Cyrus's too.
	for pid in ${zoo_pids:-}; do
		kill "$pid" 2>/dev/null
	done
	[ -f "$zoo/exim/exim.pid" ] && kill "$(cat "$zoo/exim/exim.pid")" 2>/dev/null
	for _ in $(seq 30); do
		local alive=
		for pid in ${zoo_pids:-}; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.1
	done
	for pid in ${zoo_pids:-}; do
		kill -9 "$pid" 2>/dev/null
	done
	zoo_pids=
	for f in ${zoo_mounts:-}; do
		umount "$f" 2>/dev/null
	done
	zoo_mounts=
}

# zoo_need FILE...: each file of the unpacked packages is there.
zoo_need() {
	local f
	for f; do
		[ -e "$zoo_root/$f" ] ||
			{ echo "zoo: $zoo_root/$f is missing (tests/lab/zoo-deps.sh)" >&2; return 1; }
	done
}

# ---------------------------------------------------------------- Postfix
# One master for the three Postfix servers, each address's services with
# their own -o overrides; no chroot, mail as mail_owner (a Postfix user is
# not there to be had without touching /etc), Cyrus SASL with a sasldb of
# its own for AUTH.

zoo_postfix_start() {
	local d=$zoo/postfix r=$zoo_root q
	zoo_need usr/lib/postfix/sbin/master usr/sbin/postconf || return 1
	# Debian's Postfix reads its SASL settings from $config_directory/sasl.
	mkdir -p "$d/conf/sasl" "$d/spool" "$d/data"
	for q in active bounce corrupt defer deferred flush hold incoming \
		private saved trace; do
		mkdir -p "$d/spool/$q"
		chown mail "$d/spool/$q"
		chmod 700 "$d/spool/$q"
	done
	mkdir -p "$d/spool/pid" "$d/spool/public" "$d/spool/maildrop"
	chown mail:daemon "$d/spool/public" "$d/spool/maildrop"
	chmod 710 "$d/spool/public"
	chmod 730 "$d/spool/maildrop"
	chown mail "$d/data"
	zoo_postfix_main >"$d/conf/main.cf"
	zoo_postfix_master >"$d/conf/master.cf"
	cat >"$d/conf/sasl/smtpd.conf" <<EOF
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $d/sasldb2
mech_list: PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256
EOF
	zoo_sasldb "$d/sasldb2" || return 1
	LD_LIBRARY_PATH=$r/usr/lib/postfix \
		"$r/usr/lib/postfix/sbin/master" -c "$d/conf" -d \
		>"$zoo/postfix-master.log" 2>&1 &
	zoo_pids="$zoo_pids $!"
}

# zoo_sasldb FILE: a sasldb with one user, zoo (password zoo), readable by
# mail; made with the unpacked saslpasswd2 where it runs, else left empty
# (the mechanisms are offered all the same).
zoo_sasldb() {
	if [ -x "$zoo_root/usr/sbin/saslpasswd2" ]; then
		echo zoo | "$zoo_root/usr/sbin/saslpasswd2" -p -c -f "$1" \
			-u zoo.invalid zoo 2>/dev/null
	fi
	touch "$1"
	chgrp mail "$1"
	chmod 640 "$1"
}

zoo_postfix_main() {
	local d=$zoo/postfix r=$zoo_root
	cat <<EOF
compatibility_level = 3.6
myhostname = postfix.zoo.invalid
mydestination = localhost
inet_protocols = all
mynetworks = 127.0.0.1/32
queue_directory = $d/spool
data_directory = $d/data
daemon_directory = $r/usr/lib/postfix/sbin
command_directory = $r/usr/sbin
shlib_directory = $r/usr/lib/postfix
meta_directory = $r/etc/postfix
mail_owner = mail
setgid_group = daemon
default_privs = nobody
maillog_file = $zoo/postfix.log
maillog_file_prefixes = $zoo
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C LD_LIBRARY_PATH POSTLOG_SERVICE POSTLOG_HOSTNAME
alias_maps =
alias_database =
smtpd_banner = \$myhostname ESMTP \$mail_name (Debian/GNU)
smtpd_tls_cert_file = $zoo/cert.pem
smtpd_tls_key_file = $zoo/cert.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $d/conf/sasl
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
postscreen_access_list =
postscreen_greet_wait = $ZOO_POSTSCREEN_WAIT
postscreen_greet_action = enforce
postscreen_cache_map =
postscreen_greet_ttl = 1s
EOF
}

zoo_postfix_master() {
	local a
	local submission="-o smtpd_tls_security_level=encrypt"
	local after="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes"
	local before="-o smtpd_sasl_auth_enable=yes"
	local cram="$before -o smtpd_sasl_security_options=noanonymous,noplaintext"
	local wrapper="-o smtpd_tls_wrappermode=yes"
	for a in $zoo_postfix "[$(zoo_v6 $zoo_postfix)]"; do
		echo "$a:25 inet n - n - 1 postscreen"
		echo "$a:587 inet n - n - - smtpd $submission $after"
		echo "$a:465 inet n - n - - smtpd $wrapper $after"
	done
	for a in $zoo_postfix_auth "[$(zoo_v6 $zoo_postfix_auth)]"; do
		echo "$a:25 inet n - n - - smtpd $before"
		echo "$a:587 inet n - n - - smtpd $before"
		echo "$a:465 inet n - n - - smtpd $wrapper $before"
	done
	for a in $zoo_postfix_cram "[$(zoo_v6 $zoo_postfix_cram)]"; do
		echo "$a:25 inet n - n - - smtpd $cram"
		echo "$a:587 inet n - n - - smtpd $cram"
		echo "$a:465 inet n - n - - smtpd $wrapper $cram"
	done
	cat <<EOF
smtpd pass - - n - - smtpd
dnsblog unix - - n - 0 dnsblog
tlsproxy unix - - n - 0 tlsproxy
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
virtual unix - n n - - virtual
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
EOF
}

# ------------------------------------------------------------------- Exim
# One daemon for both Exim servers; the slow one is told apart by the
# address the client reached.

zoo_exim_start() {
	local d=$zoo/exim
	zoo_need usr/sbin/exim4 || return 1
	mkdir -p "$d/spool"
	chown -R mail:mail "$d"
	zoo_exim_conf >"$d/exim.conf"
	"$zoo_root/usr/sbin/exim4" -C "$d/exim.conf" -bdf -oP "$d/exim.pid" \
		>"$zoo/exim-daemon.log" 2>&1 &
	zoo_pids="$zoo_pids $!"
}

zoo_exim_conf() {
	local d=$zoo/exim
	cat <<EOF
primary_hostname = exim.zoo.invalid
exim_user = mail
exim_group = mail
never_users = root
spool_directory = $d/spool
log_file_path = $d/%slog
keep_environment =
pid_file_path = $d/exim.pid
local_interfaces = <; $zoo_exim ; $(zoo_v6 $zoo_exim) ; $zoo_exim_slow ; $(zoo_v6 $zoo_exim_slow)
daemon_smtp_ports = 25 : 465 : 587
tls_on_connect_ports = 465
tls_advertise_hosts = *
tls_certificate = $zoo/cert.pem
tls_privatekey = $zoo/cert.key
host_lookup =
rfc1413_hosts =
auth_advertise_hosts = \${if eq{\$tls_in_cipher}{}{}{*}}
acl_smtp_connect = acl_connect
acl_smtp_rcpt = acl_rcpt

begin acl

acl_connect:
  accept condition = \${if match_ip{\$received_ip_address}{<; $zoo_exim_slow ; $(zoo_v6 $zoo_exim_slow)}}
         delay = 2s
  accept

acl_rcpt:
  deny

begin routers
begin transports
begin authenticators

plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = false

login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = false
EOF
}

# ------------------------------------------------------------------ Cyrus
# One master for both Cyrus servers; each service names the imapd.conf of
# its server with -C.

zoo_cyrus_start() {
	local d=$zoo/cyrus r=$zoo_root v
	zoo_need usr/lib/cyrus/bin/master usr/lib/cyrus/bin/imapd \
		usr/lib/cyrus/bin/pop3d usr/lib/cyrus/bin/timsieved || return 1
	for v in plain strict; do
		mkdir -p "$d/$v/conf" "$d/$v/run" "$d/$v/spool" "$d/$v/sieve" \
			"$d/$v/conf/socket" "$d/$v/conf/proc" "$d/$v/conf/log"
	done
	zoo_sasldb "$d/sasldb2" || return 1
	zoo_cyrus_imapd plain yes >"$d/plain.conf"
	zoo_cyrus_imapd strict no >"$d/strict.conf"
	chown -R mail:mail "$d"
	chown root "$d"
	chgrp mail "$d/sasldb2"
	zoo_cyrus_conf >"$d/cyrus.conf"
	LD_LIBRARY_PATH=$r/usr/lib/x86_64-linux-gnu \
		"$r/usr/lib/cyrus/bin/master" -C "$d/plain.conf" \
		-M "$d/cyrus.conf" -p "$d/master.pid" -D \
		>"$zoo/cyrus-master.log" 2>&1 &
	zoo_pids="$zoo_pids $!"
}

# zoo_cyrus_imapd VARIANT ALLOWPLAINTEXT
zoo_cyrus_imapd() {
	local d=$zoo/cyrus/$1
	cat <<EOF
configdirectory: $d/conf
proc_path: $d/conf/proc
mboxname_lockpath: $d/conf/lock
defaultpartition: default
partition-default: $d/spool
sievedir: $d/sieve
sieveusehomedir: false
servername: cyrus-$1.zoo.invalid
cyrus_user: mail
cyrus_group: mail
allowplaintext: $2
allowanonymouslogin: no
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $zoo/cyrus/sasldb2
tls_server_cert: $zoo/cert.pem
tls_server_key: $zoo/cert.key
lmtpsocket: $d/conf/socket/lmtp
idlesocket: $d/conf/socket/idle
notifysocket: $d/conf/socket/notify
syslog_prefix: zoo-cyrus-$1
EOF
}

zoo_cyrus_conf() {
	local d=$zoo/cyrus b=$zoo_root/usr/lib/cyrus/bin v a conf n
	echo "START {"
	echo "}"
	echo "SERVICES {"
	for v in plain strict; do
		conf=$d/$v.conf
		case $v in plain) a=$zoo_cyrus ;; *) a=$zoo_cyrus_strict ;; esac
		for a in "$a" "[$(zoo_v6 $a)]"; do
			n=$v$(echo "$a" | tr -c 'a-z0-9' x)
			echo "  imap$n cmd=\"$b/imapd -C $conf\" listen=\"$a:143\" prefork=0"
			echo "  imaps$n cmd=\"$b/imapd -s -C $conf\" listen=\"$a:993\" prefork=0"
			echo "  pop3$n cmd=\"$b/pop3d -C $conf\" listen=\"$a:110\" prefork=0"
			echo "  pop3s$n cmd=\"$b/pop3d -s -C $conf\" listen=\"$a:995\" prefork=0"
			echo "  sieve$n cmd=\"$b/timsieved -C $conf\" listen=\"$a:4190\" prefork=0"
		done
	done
	echo "}"
	echo "EVENTS {"
	echo "}"
}

# ---------------------------------------------------------------- Courier
# couriertcpd for each port, as Courier's own start scripts run it, with
# their settings in its environment; couriertls from the unpacked package
# for TLS.  No authdaemond: nobody logs in.

zoo_courier_start() {
	local d=$zoo/courier r=$zoo_root v a req
	zoo_need usr/sbin/couriertcpd usr/bin/couriertls usr/bin/imapd \
		usr/lib/courier/courier/imaplogin \
		usr/lib/courier/courier/courierpop3login \
		usr/lib/courier/courier/courierpop3d || return 1
	mkdir -p "$d"
	# STARTTLS runs couriertls as courier, the implicit ports as root.
	cp "$zoo/both.pem" "$d/both.pem"
	chown courier "$d/both.pem"
	chmod 600 "$d/both.pem"
	for v in plain strict; do
		case $v in plain) a=$zoo_courier; req=0 ;; *) a=$zoo_courier_strict; req=1 ;; esac
		for a in "$a" "$(zoo_v6 $a)"; do
			zoo_courier_run "$v-$a-143" "$a" 143 "$req" \
				"$r/usr/lib/courier/courier/imaplogin" "$r/usr/bin/imapd" Maildir
			zoo_courier_run "$v-$a-993" "$a" 993 "$req" \
				"$r/usr/bin/couriertls" -server -tcpd \
				"$r/usr/lib/courier/courier/imaplogin" "$r/usr/bin/imapd" Maildir
			zoo_courier_run "$v-$a-110" "$a" 110 "$req" \
				"$r/usr/lib/courier/courier/courierpop3login" \
				"$r/usr/lib/courier/courier/courierpop3d" Maildir
			zoo_courier_run "$v-$a-995" "$a" 995 "$req" \
				"$r/usr/bin/couriertls" -server -tcpd \
				"$r/usr/lib/courier/courier/courierpop3login" \
				"$r/usr/lib/courier/courier/courierpop3d" Maildir
		done
	done
}

# zoo_courier_run NAME ADDRESS PORT TLS_REQUIRED PROGRAM ARGS...
zoo_courier_run() {
	local name=$1 address=$2 port=$3 req=$4 r=$zoo_root
	shift 4
	env -i PATH=/usr/bin:/bin \
		LD_LIBRARY_PATH="$r/usr/lib:$r/usr/lib/courier-authlib" \
		IMAP_CAPABILITY="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE" \
		IMAP_CAPABILITY_TLS="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE AUTH=PLAIN" \
		IMAP_KEYWORDS=1 IMAP_ACL=1 IMAP_PROXY=0 IMAP_IDLE_TIMEOUT=60 \
		IMAP_UMASK=022 IMAP_USELOCKS=1 IMAP_STARTTLS=YES \
		IMAP_TLS_REQUIRED="$req" \
		POP3AUTH="" POP3AUTH_TLS="LOGIN PLAIN" POP3_PROXY=0 \
		POP3_STARTTLS=YES POP3_TLS_REQUIRED="$req" \
		COURIERTLS="$r/usr/bin/couriertls" \
		TLS_CERTFILE="$zoo/courier/both.pem" TLS_VERIFYPEER=NONE \
		TLS_PROTOCOL= TLS_STARTTLS_PROTOCOL= \
		MAILDIRPATH=Maildir \
		"$r/usr/sbin/couriertcpd" -address="$address" -maxprocs=40 \
		-maxperip=20 -nodnslookup -noidentlookup \
		"$port" "$@" >"$zoo/courier-$name.log" 2>&1 &
	zoo_pids="$zoo_pids $!"
}

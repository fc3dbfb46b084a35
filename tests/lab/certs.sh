# certs.sh - a test CA and the certificates it issues, made with openssl
# here, and servers that present them, for the labs that judge
# certificates as a mail client does; sourced after tests/lab/lab.sh.
#
# certs_ca DIR puts the tests' CA (cert_ca of tests/helpers/lib.sh) in
# DIR/ca.pem, for the probes to trust through SSL_CERT_FILE, and keeps
# what follows in DIR.  certs_leaf NAME DNS... makes NAME.pem and
# NAME.key, issued by that CA to NAME, with the DNS names as its
# subjectAltName.  certs_serve ADDRESS NAME starts openssl
# s_server on port 993 of ADDRESS with NAME's certificate (implicit TLS,
# as IMAP's port has it: the probe reads the certificate from the
# server's first flight, so no IMAP is spoken); certs_stop stops them.

certs_dir=
certs_ca() {
	certs_dir=$1
	cert_ca "$1"
}

certs_leaf() {
	local name=$1 sans= dns
	shift
	for dns in "$@"; do
		sans="${sans:+$sans,}DNS:$dns"
	done
	cert_issue "$certs_dir" "$name" "$sans"
}

certs_pids=
certs_serve() {
	local address=$1 name=$2
	# -www answers by itself, reading nothing from stdin.
	openssl s_server -quiet -www -accept "$address:993" \
		-cert "$certs_dir/$name.pem" -key "$certs_dir/$name.key" \
		</dev/null >/dev/null 2>&1 &
	certs_pids="$certs_pids $!"
	for _ in $(seq 50); do
		ss -ltn 2>/dev/null | grep -q " $address:993 " && return 0
		sleep 0.1
	done
	echo "lab: openssl s_server did not start on $address" >&2
	return 1
}

certs_stop() {
	local pid
	for pid in $certs_pids; do
		kill "$pid" 2>/dev/null
	done
	certs_pids=
}

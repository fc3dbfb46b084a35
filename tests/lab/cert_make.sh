# shellcheck shell=bash
# cert_make.sh - the certificates of tests/lab/cert_lab.sh, made by openssl
# at each run (no key is ever kept): a test root CA, the one certificate of
# $certs/bundle.pem (the trust store, given through SSL_CERT_FILE), an
# intermediate it issued, and leaves for each case, most issued by the
# intermediate with `openssl ca`, whose -startdate and -enddate set dates
# in the past and the future; a second root the store lacks, and
# self-signed leaves.  Sourced by the lab.
#
# cert_make DIR makes them all in DIR; then for a leaf NAME:
#   DIR/NAME.pem    the leaf alone
#   DIR/NAME.key    its key
#   DIR/NAME.above  the certificates above it that the case sends along
#                   (none, the intermediate, or a root the store lacks)
#   DIR/NAME.chain  what the server sends: the leaf and those above
# cert_make_leaf NAME ISSUER SUBJECT SAN START END [KEY] makes one more.

# cert_conf DIR: a minimal configuration for openssl ca and openssl req,
# so that the system's openssl.cnf adds nothing.
cert_conf() {
	cat <<EOF
[ ca ]
default_ca = lab
[ lab ]
dir = $1
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = optional
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
[ root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

# cert_ext SAN ISSUED: the extensions of a leaf; SAN the subjectAltName
# value (- for none); ISSUED "no" for a self-signed leaf, which has no
# authority key identifier of another's.
cert_ext() {
	echo "basicConstraints = critical, CA:false"
	echo "keyUsage = critical, digitalSignature, keyEncipherment"
	echo "extendedKeyUsage = serverAuth"
	echo "subjectKeyIdentifier = hash"
	[ "$2" = no ] || echo "authorityKeyIdentifier = keyid"
	[ "$1" = - ] || echo "subjectAltName = $1"
}

# cert_date OFFSET: GeneralizedTime form (YYYYMMDDHHMMSSZ) of now plus
# OFFSET, in date(1)'s words ("-1 day", "30 days"), or OFFSET itself when
# it is one already.
cert_date() {
	case $1 in
	*Z) echo "$1" ;;
	*) date -u -d "$1" +%Y%m%d%H%M%SZ ;;
	esac
}

# cert_make_ca NAME SUBJECT [ISSUER]: a CA; a root without ISSUER.
cert_make_ca() {
	local d=$certs n=$1
	openssl req -new -config "$d/openssl.cnf" -newkey rsa:2048 -nodes \
		-subj "$2" -keyout "$d/$n.key" -out "$d/$n.csr" 2>>"$d/log" ||
		return 1
	if [ -z "${3:-}" ]; then
		openssl ca -batch -config "$d/openssl.cnf" -selfsign \
			-keyfile "$d/$n.key" -in "$d/$n.csr" -out "$d/$n.pem" \
			-startdate "$(cert_date '-2 days')" \
			-enddate "$(cert_date '60 days')" -extensions root \
			-preserveDN -notext 2>>"$d/log"
	else
		openssl ca -batch -config "$d/openssl.cnf" -cert "$d/$3.pem" \
			-keyfile "$d/$3.key" -in "$d/$n.csr" -out "$d/$n.pem" \
			-startdate "$(cert_date '-2 days')" \
			-enddate "$(cert_date '50 days')" -extensions intermediate \
			-preserveDN -notext 2>>"$d/log"
	fi
}

# cert_make_leaf NAME ISSUER SUBJECT SAN START END [KEY]: a leaf NAME for
# SUBJECT (openssl's -subj form), subjectAltName SAN (- for none), valid
# from START to END (cert_date's words), issued by the CA ISSUER, or
# self-signed when ISSUER is "self"; its key KEY ("rsa:2048", the
# default, "rsa:1024", "ec:P-256") or, when KEY names a leaf made before,
# that leaf's key.
cert_make_leaf() {
	local d=$certs n=$1 issuer=$2 subj=$3 san=$4 key=${7:-rsa:2048}
	local start end self=no
	start=$(cert_date "$5") end=$(cert_date "$6")
	case $key in
	rsa:*) openssl genpkey -algorithm RSA -pkeyopt \
		"rsa_keygen_bits:${key#rsa:}" -out "$d/$n.key" 2>>"$d/log" ;;
	ec:*) openssl genpkey -algorithm EC -pkeyopt \
		"ec_paramgen_curve:${key#ec:}" -out "$d/$n.key" 2>>"$d/log" ;;
	*) cp "$d/$key.key" "$d/$n.key" ;;
	esac || return 1
	[ "$issuer" = self ] && self=yes
	cert_ext "$san" "$([ "$self" = yes ] && echo no || echo yes)" \
		>"$d/$n.ext"
	openssl req -new -config "$d/openssl.cnf" -key "$d/$n.key" \
		-subj "$subj" -out "$d/$n.csr" 2>>"$d/log" || return 1
	if [ "$self" = yes ]; then
		openssl ca -batch -config "$d/openssl.cnf" -selfsign \
			-keyfile "$d/$n.key" -in "$d/$n.csr" -out "$d/$n.pem" \
			-startdate "$start" -enddate "$end" -extfile "$d/$n.ext" \
			-preserveDN -notext 2>>"$d/log"
	else
		openssl ca -batch -config "$d/openssl.cnf" -cert "$d/$issuer.pem" \
			-keyfile "$d/$issuer.key" -in "$d/$n.csr" -out "$d/$n.pem" \
			-startdate "$start" -enddate "$end" -extfile "$d/$n.ext" \
			-preserveDN -notext 2>>"$d/log"
	fi || return 1
	# The trusted root is not sent; a root the store lacks is.
	case $issuer in
	self | root) : >"$d/$n.above" ;;
	*) cp "$d/$issuer.pem" "$d/$n.above" ;;
	esac
	cat "$d/$n.pem" "$d/$n.above" >"$d/$n.chain"
	chmod 600 "$d/$n.key"
}

# cert_make DIR: the CAs and every leaf of the lab.
cert_make() {
	certs=$1
	local d=$1
	mkdir -p "$d/new"
	: >"$d/index.txt"
	echo 1000 >"$d/serial"
	cert_conf "$d" >"$d/openssl.cnf"
	cert_make_ca root "/O=Mailports Lab/CN=Mailports Lab Root CA" &&
		cert_make_ca inter "/O=Mailports Lab/CN=Mailports Lab Issuing CA 1" root &&
		cert_make_ca other "/O=Elsewhere/CN=Elsewhere Root CA" || return 1
	cp "$d/root.pem" "$d/bundle.pem"
	# The zoo's leaves: a name for each server (the self-signed one also
	# for self.<server>.zoo.test, which Dovecot and OpenSMTPD choose by SNI).
	local name zoo=DNS:mail.zoo.test
	for name in postfix exim cyrus courier dovecot smtpd; do
		zoo=$zoo,DNS:$name.zoo.test
	done
	# One leaf a line: its name, its issuer (a CA, or self), its subject
	# (_ for a space), its subjectAltName (- for none), from and until
	# (cert_date's words, _ for a space) and its key (cert_make_leaf's KEY;
	# most leaves share the hoster's, to spare the time of making keys).
	while read -r n issuer subj san start end key; do
		cert_make_leaf "$n" "$issuer" "${subj//_/ }" "$san" "${start//_/ }" \
			"${end//_/ }" "${key:-}" ||
			{ echo "cert_make: openssl failed for $n:" >&2; tail -n 5 "$d/log" >&2; return 1; }
	done <<EOF
hoster  inter /O=Hoster,_Inc./CN=imap.hoster.test  DNS:imap.hoster.test,DNS:smtp.hoster.test -1_day 30_days
wild    inter /CN=*.wild.test                     DNS:*.wild.test -1_day 30_days hoster
partial inter /CN=m*.partial.test                 DNS:m*.partial.test -1_day 30_days hoster
alone   inter /CN=alone.hoster.test               DNS:alone.hoster.test -1_day 30_days hoster
notleft inter /CN=imap.*.notleft.test             DNS:imap.*.notleft.test -1_day 30_days hoster
cnonly  inter /O=Lab/CN=cnonly.test               - -1_day 30_days hoster
sannocn inter /CN=cn.sannocn.test                 DNS:san.sannocn.test -1_day 30_days hoster
ip      inter /CN=address.test                    IP:127.0.1.8,IP:fd00::99 -1_day 30_days hoster
expired inter /CN=expired.test                    DNS:expired.test 20200101000000Z 20210101000000Z hoster
notyet  inter /CN=notyet.test                     DNS:notyet.test 20510101000000Z 20520101000000Z hoster
soon    inter /CN=soon.test                       DNS:soon.test -1_day 7_days hoster
self    self  /CN=selfsigned.test                 DNS:selfsigned.test -1_day 30_days hoster
unknown other /O=Elsewhere/CN=unknown.test        DNS:unknown.test -1_day 30_days hoster
weak    inter /CN=weak.test                       DNS:weak.test -1_day 30_days rsa:1024
tls13   inter /CN=tls13.hoster.test               DNS:tls13.hoster.test -1_day 30_days hoster
snia    inter /CN=sni-a.test                      DNS:sni-a.test -1_day 30_days hoster
snib    root  /CN=sni-b.test                      DNS:sni-b.test -1_day 30_days ec:P-256
zoo     inter /O=Hoster,_Inc./CN=mail.zoo.test     $zoo -1_day 30_days hoster
zooself self  /CN=mail.zoo.test                   $zoo,DNS:self.dovecot.zoo.test,DNS:self.smtpd.zoo.test -1_day 30_days hoster
EOF
	# The missing intermediate: a leaf sent alone.
	: >"$d/alone.above"
	cp "$d/alone.pem" "$d/alone.chain"
}

#!/usr/bin/env bash
# x509.sh - what mailports reads of a certificate is what openssl reads:
# certificates made here and now by openssl(1), of every usual key and of
# odd names and dates, are read by x509_dump, and each field (subject,
# issuer, dates, SHA-256 fingerprint, DNS and IP names, key, signature
# algorithm) equals what openssl x509 prints of it; which host names
# match is what openssl x509 -checkhost and -checkip say.  Without
# openssl every case is skipped, and counted so.
#
# Usage: tests/cli/x509.sh BUILD-DIR/x509_dump
set -u

dump=${1:?usage: x509.sh path/to/x509_dump}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-x509.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
	skip "certificates compared with openssl x509" \
		"openssl is not installed (Debian package openssl)"
	summary
	exit
fi

# theirs FILE: openssl's fields, a line each, in x509_dump's form.
theirs() {
	local text

	openssl x509 -inform DER -in "$1" -noout -subject -issuer -dates \
		-fingerprint -sha256 -nameopt RFC2253
	openssl x509 -inform DER -in "$1" -noout -ext subjectAltName \
		2>/dev/null | sed -n 's/^    /san=/p'
	text=$(openssl x509 -inform DER -in "$1" -noout -text)
	case $text in
	*'ED25519 Public-Key'*) echo key=Ed25519 ;;
	*'ED448 Public-Key'*) echo key=Ed448 ;;
	*'NIST CURVE: '*)
		echo "key=EC $(sed -n 's/^ *NIST CURVE: //p' <<<"$text")" ;;
	*'Public Key Algorithm: rsaEncryption'*)
		echo "key=RSA $(sed -n 's/^ *Public-Key: (\([0-9]*\) bit)/\1/p' \
			<<<"$text")" ;;
	esac
	sed -n 's/^ *Signature Algorithm: /signature=/p' <<<"$text" | head -n 1
}

# compare NAME FILE [HOST...]: a case; each field of openssl's must be
# x509_dump's, and each host must match or not as openssl says.
compare() {
	local name=$1 file=$2 field ours host want got
	shift 2

	if ! "$dump" "$file" "$@" >"$tmp/ours" 2>&1; then
		problem "x509_dump: $(head -n 1 "$tmp/ours")"
		try "$name"
		return
	fi
	theirs "$file" >"$tmp/theirs"
	[ -s "$tmp/theirs" ] || problem "openssl printed nothing"
	while IFS= read -r field; do
		ours=$(grep -F -x -- "$field" "$tmp/ours")
		[ -n "$ours" ] || problem "openssl: '$field'; ours: '$(grep \
			-F -- "${field%%=*}=" "$tmp/ours" | head -n 1)'"
	done <"$tmp/theirs"
	# No field of ours that openssl lacks (a name openssl did not print).
	for field in subject issuer notBefore notAfter 'sha256 Fingerprint' \
		san key signature; do
		grep -q "^$field=" "$tmp/ours" &&
			! grep -q "^$field=" "$tmp/theirs" &&
			problem "ours has $field, openssl not"
	done
	for host; do
		case $host in
		*:* | [0-9]*.[0-9]*.[0-9]*.[0-9]*) check=-checkip ;;
		*) check=-checkhost ;;
		esac
		want=0
		openssl x509 -inform DER -in "$file" -noout "$check" "$host" |
			grep -q ' does match' && want=1
		got=$(sed -n "s/^match $host=//p" "$tmp/ours")
		[ "$got" = "$want" ] ||
			problem "$host: matches $got, openssl says $want"
	done
	try "$name"
}

# make_cert NAME 'KEY [-pkeyopt OPT]' SUBJECT [openssl req option...]: a
# self-signed certificate in $tmp/NAME.der, its key in $tmp/NAME.key.
make_cert() {
	local name=$1 key=$2 subj=$3
	shift 3

	# shellcheck disable=SC2086 # the key's options are words
	openssl req -x509 -newkey $key -nodes -keyout "$tmp/$name.key" \
		-utf8 -multivalue-rdn -subj "$subj" -days 30 "$@" \
		-outform DER -out "$tmp/$name.der" 2>"$tmp/err"
}

make_cert rsa2048 rsa:2048 '/C=DE/O=Example Mail, Inc./CN=mail.example.com' \
	-addext 'subjectAltName=DNS:mail.example.com,DNS:*.example.net,IP:192.0.2.1,IP:2001:db8::1'
compare "RSA 2048, names and addresses" "$tmp/rsa2048.der" \
	mail.example.com MAIL.Example.COM a.example.net example.net \
	a.b.example.net www.example.com 192.0.2.1 2001:db8::1 192.0.2.2 \
	2001:db8::2

make_cert rsa1024 rsa:1024 /CN=weak.example -sha1
compare "RSA 1024 signed with SHA-1" "$tmp/rsa1024.der" weak.example

make_cert p256 'ec -pkeyopt ec_paramgen_curve:P-256' /CN=mail.test
compare "EC P-256, a common name only" "$tmp/p256.der" mail.test \
	MAIL.TEST localhost 127.0.0.1 test

make_cert p384 'ec -pkeyopt ec_paramgen_curve:P-384' \
	'/O=Test/CN=*.example.org' \
	-sha384
compare "EC P-384, a wildcard common name" "$tmp/p384.der" a.example.org \
	example.org a.b.example.org

if make_cert p521 'ec -pkeyopt ec_paramgen_curve:P-521' /CN=p521 -sha512
then
	compare "EC P-521" "$tmp/p521.der"
else
	skip "EC P-521" "openssl did not make it: $(head -n 1 "$tmp/err")"
fi

make_cert ed25519 ed25519 /CN=ed.example \
	-addext 'subjectAltName=IP:127.0.0.1,IP:::1'
compare "Ed25519, addresses only, the common name unused" \
	"$tmp/ed25519.der" ed.example 127.0.0.1 ::1 0:0:0:0:0:0:0:1 10.0.0.1

make_cert ed448 ed448 /CN=ed448.example \
	-addext 'subjectAltName=DNS:*.com,DNS:*.co.example,DNS:xn--bcher-kva.example'
compare "Ed448, wildcards over one label and A-labels" "$tmp/ed448.der" \
	a.com example.com a.co.example xn--bcher-kva.example \
	XN--BCHER-KVA.EXAMPLE

# Names with every character RFC 4514 escapes, non-ASCII, controls and
# multi-valued RDNs, through a key made once.
openssl genpkey -algorithm ed25519 -out "$tmp/odd.key" 2>/dev/null
n=0
while IFS= read -r subj; do
	n=$((n + 1))
	subj=$(printf '%b' "$subj")
	if openssl req -x509 -key "$tmp/odd.key" -utf8 -multivalue-rdn \
		-subj "$subj" -days 1 -outform DER -out "$tmp/odd$n.der" \
		2>"$tmp/err"; then
		compare "subject $(printf '%q' "$subj")" "$tmp/odd$n.der"
	else
		skip "subject $(printf '%q' "$subj")" \
			"openssl did not make it: $(head -n 1 "$tmp/err")"
	fi
done <<'EOF_SUBJECTS'
/CN=a\\,b
/CN=a\\+b/O=x
/CN=q"uote
/CN=back\\\\slash
/CN=<lt>;semi=eq\\/slash
/CN= lead
/CN=trail 
/CN= 
/CN=#hash
/CN=#
/CN=a#
/CN=caf\xc3\xa9
/CN=\xe4\xbe\x8b.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88
/CN=\xf0\x9f\x98\x80
/CN=ctl\x01x\x7fy\x1f
/CN=tab\there
/CN=a+O=b/OU=c
/O=x+OU=y+CN=z
/DC=com/DC=example/UID=u1/emailAddress=a@b.example
/street=s/postalCode=1/serialNumber=9/title=t/GN=g/SN=s/initials=i
/jurisdictionC=DE/jurisdictionST=B/businessCategory=x/organizationIdentifier=VATDE-1
/C=DE/ST=Berlin/L=Berlin/O=Example/OU=Mail/CN=mail.example
EOF_SUBJECTS

# Dates: past, and about the year 2050, where UTCTime gives way to
# GeneralizedTime (RFC 5280 4.1.2.5); openssl ca writes them as given.
openssl genpkey -algorithm ed25519 -out "$tmp/expired.key" 2>/dev/null
openssl req -new -key "$tmp/expired.key" -subj /CN=expired.example \
	-out "$tmp/expired.csr" 2>/dev/null
if openssl x509 -req -in "$tmp/expired.csr" -key "$tmp/expired.key" \
	-days -1 -outform DER -out "$tmp/expired.der" 2>"$tmp/err"; then
	compare "expired yesterday" "$tmp/expired.der"
else
	skip "expired yesterday" \
		"openssl x509 -days -1 did not make it: $(head -n 1 "$tmp/err")"
fi

mkdir -p "$tmp/ca/new"
: >"$tmp/ca/index"
echo 01 >"$tmp/ca/serial"
cat >"$tmp/ca.cnf" <<EOF_CA
[ca]
default_ca = this
[this]
database = $tmp/ca/index
new_certs_dir = $tmp/ca/new
serial = $tmp/ca/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
EOF_CA
openssl req -new -key "$tmp/odd.key" -subj /CN=dated -out "$tmp/dated.csr" \
	2>/dev/null
for dates in 20200101000000Z:20210101000000Z \
	20491231235959Z:20500101000000Z 19500101000000Z:20491231235959Z \
	20500101000000Z:99991231235959Z; do
	if openssl ca -batch -config "$tmp/ca.cnf" -selfsign \
		-keyfile "$tmp/odd.key" -in "$tmp/dated.csr" \
		-startdate "${dates%:*}" -enddate "${dates#*:}" \
		-out "$tmp/dated.pem" >"$tmp/err" 2>&1 &&
		openssl x509 -in "$tmp/dated.pem" -outform DER \
			-out "$tmp/dated.der"; then
		compare "valid from ${dates%:*} to ${dates#*:}" "$tmp/dated.der"
	else
		skip "valid from ${dates%:*} to ${dates#*:}" \
			"openssl ca did not make it: $(tail -n 1 "$tmp/err")"
	fi
done

# A chain: the leaf's issuer is the CA's subject.
make_cert ca 'ec -pkeyopt ec_paramgen_curve:P-256' '/O=Test CA/CN=Test Root'
openssl req -new -key "$tmp/odd.key" -subj /CN=leaf.example \
	-out "$tmp/leaf.csr" 2>/dev/null
openssl x509 -inform DER -in "$tmp/ca.der" -out "$tmp/ca.pem"
printf 'subjectAltName=DNS:leaf.example\n' >"$tmp/leaf.ext"
openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/ca.pem" \
	-CAkey "$tmp/ca.key" -CAcreateserial -days 30 -extfile "$tmp/leaf.ext" \
	-outform DER -out "$tmp/leaf.der" 2>/dev/null
compare "a leaf signed by a CA" "$tmp/leaf.der" leaf.example
grep -qx 'self_issued=0' "$tmp/ours" || problem "the leaf is self-issued"
"$dump" "$tmp/ca.der" >"$tmp/ours"
grep -qx 'self_issued=1' "$tmp/ours" || problem "the CA is not self-issued"
try "the leaf is issued by another, the CA by itself"

summary

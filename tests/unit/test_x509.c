/*
 * test_x509.c - certificates are read as openssl x509 reads them, names
 * printed as -nameopt RFC2253 prints them, hostile DER refused, and a
 * host matched as RFC 9525 has it.
 *
 * The fixtures of tests/x509/ were made once with OpenSSL 3.0, and the
 * values expected here are what openssl x509 -noout -subject -issuer
 * -dates -fingerprint -sha256 -ext ... -nameopt RFC2253 printed of them:
 *   rsa2048-san.der   openssl req -x509 -newkey rsa:2048 -sha256
 *                     -days 3650 -subj '/C=DE/O=Example Mail, Inc./CN=
 *                     mail.example.com' -addext 'subjectAltName=DNS:
 *                     mail.example.com,DNS:*.example.net,IP:192.0.2.1,
 *                     IP:2001:db8::1'
 *   ec256-cn.der      openssl req -x509 -newkey ec -pkeyopt
 *                     ec_paramgen_curve:P-256 -days 365 -subj /CN=mail.test
 *   rsa1024-sha1.der  openssl req -x509 -newkey rsa:1024 -sha1 -days 30
 *                     -subj /CN=weak.example
 *   ca-p384.der       openssl req -x509 -newkey ec -pkeyopt
 *                     ec_paramgen_curve:P-384 -days 3650
 *                     -subj '/O=Test CA/CN=Test Root'
 *   ed25519-leaf.der  an Ed25519 key's request for /CN=leaf.example,
 *                     signed by that CA with openssl x509 -req
 *                     -set_serial 4660 -days 825 and the extensions
 *                     subjectAltName=DNS:leaf.example,
 *                     basicConstraints=critical,CA:FALSE,
 *                     subjectKeyIdentifier=hash,
 *                     authorityKeyIdentifier=keyid
 * The other certificates are built below, byte by byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "len.h"
#include "x509.h"
#include "x509_name.h"

/* DER written into a buffer, for the certificates built here. */
struct buf {
	uint8_t	b[8192];
	size_t	n;
};

static struct mp_x509 cert;

static void
add(struct buf *out, const void *bytes, size_t len)
{
	assert_true(len <= sizeof out->b - out->n);
	memcpy(out->b + out->n, bytes, len);
	out->n += len;
}

static void
tlv(struct buf *out, unsigned tag, const void *content, size_t len)
{
	uint8_t head[6] = { (uint8_t)tag };
	size_t n = 2;

	if (len < 0x80) {
		head[1] = (uint8_t)len;
	} else if (len < 0x100) {
		head[1] = 0x81;
		head[2] = (uint8_t)len;
		n = 3;
	} else {
		head[1] = 0x82;
		head[2] = (uint8_t)(len >> 8);
		head[3] = (uint8_t)len;
		n = 4;
	}
	add(out, head, n);
	add(out, content, len);
}

/* Wraps what out holds in a value of the tag. */
static void
wrap(struct buf *out, unsigned tag)
{
	static struct buf tmp;

	tmp = *out;
	out->n = 0;
	tlv(out, tag, tmp.b, tmp.n);
}

#define B(s) (s), sizeof (s) - 1

static const uint8_t OID_CN[] = { 0x06, 0x03, 0x55, 0x04, 0x03 };
static const uint8_t ED25519_ALG[] = { 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
	0x70 };
static const uint8_t VALIDITY[] = "\x30\x1e\x17\x0d" "250101000000Z"
    "\x17\x0d" "350101000000Z";

/* A Name of one RDN holding one attribute of the OID and value given. */
static void
name1(struct buf *out, const uint8_t *oid, size_t oidlen, unsigned tag,
    const void *value, size_t len)
{
	out->n = 0;
	add(out, oid, oidlen);
	tlv(out, tag, value, len);
	wrap(out, 0x30);
	wrap(out, 0x31);
	wrap(out, 0x30);
}

static void
ed25519_spki(struct buf *out)
{
	static const uint8_t key[33];

	out->n = 0;
	add(out, ED25519_ALG, sizeof ED25519_ALG);
	tlv(out, 0x03, key, sizeof key);
	wrap(out, 0x30);
}

/*
 * A certificate of the parts given (NULL for the usual one): version
 * (the [0] wrapper and all), name for both issuer and subject, validity,
 * SubjectPublicKeyInfo, the extensions (put in a SEQUENCE in [3]), and
 * the signature algorithm.
 */
struct parts {
	const struct buf	*version;
	const struct buf	*name;
	const struct buf	*validity;
	const struct buf	*spki;
	const struct buf	*exts;
	const struct buf	*sigalg;
	const struct buf	*extra;		/* after the extensions */
};

static void
build(struct buf *out, const struct parts *p)
{
	static const uint8_t v3[] = { 0xa0, 0x03, 0x02, 0x01, 0x02 };
	struct buf name, spki, tail;

	if (p->name == NULL)
		name1(&name, OID_CN, sizeof OID_CN, 0x0c, "x", 1);
	if (p->spki == NULL)
		ed25519_spki(&spki);
	out->n = 0;
	if (p->version)
		add(out, p->version->b, p->version->n);
	else
		add(out, v3, sizeof v3);
	tlv(out, 0x02, "\x01", 1);
	add(out, ED25519_ALG, sizeof ED25519_ALG);
	add(out, p->name ? p->name->b : name.b, p->name ? p->name->n : name.n);
	if (p->validity)
		add(out, p->validity->b, p->validity->n);
	else
		add(out, VALIDITY, sizeof VALIDITY - 1);
	add(out, p->name ? p->name->b : name.b, p->name ? p->name->n : name.n);
	add(out, p->spki ? p->spki->b : spki.b, p->spki ? p->spki->n : spki.n);
	if (p->exts) {
		tail = *p->exts;
		wrap(&tail, 0x30);
		wrap(&tail, 0xa3);
		add(out, tail.b, tail.n);
	}
	if (p->extra)
		add(out, p->extra->b, p->extra->n);
	wrap(out, 0x30);
	if (p->sigalg)
		add(out, p->sigalg->b, p->sigalg->n);
	else
		add(out, ED25519_ALG, sizeof ED25519_ALG);
	tlv(out, 0x03, "\x00\x01\x02", 3);
	wrap(out, 0x30);
}

static bool
parse(const struct buf *der)
{
	size_t used;

	return mp_x509_parse(der->b, der->n, &cert, &used) && used == der->n;
}

/* Whether the certificate of the parts is read, *part holding the bytes. */
static bool
parse_with(const struct parts *p, struct buf *part, const void *bytes,
    size_t len)
{
	static struct buf der;

	part->n = 0;
	add(part, bytes, len);
	build(&der, p);
	return parse(&der);
}

/* An extension of the OID (content bytes) and value given. */
static void
ext(struct buf *exts, const uint8_t *oid, size_t oidlen, bool critical,
    const struct buf *value)
{
	struct buf e = { .n = 0 };

	tlv(&e, 0x06, oid, oidlen);
	if (critical)
		tlv(&e, 0x01, "\xff", 1);
	tlv(&e, 0x04, value->b, value->n);
	wrap(&e, 0x30);
	add(exts, e.b, e.n);
}

static void
load(const char *file, struct buf *out)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "tests/x509/%s", file);
	f = fopen(path, "rb");
	assert_non_null(f);
	out->n = fread(out->b, 1, sizeof out->b, f);
	fclose(f);
	assert_true(out->n > 0);
}

static void
hex_of(const uint8_t *p, size_t len, char *hex)
{
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02X", p[i]);
}

static void
test_parse_reads_an_rsa_certificate_with_names(void **state)
{
	static struct buf der;
	char hex[MP_SHA256_HEX_SIZE], key[MP_X509_KEY_SIZE];
	const uint8_t *p;

	(void)state;
	load("rsa2048-san.der", &der);
	assert_true(parse(&der));
	assert_int_equal(cert.version, 3);
	assert_string_equal(cert.subject,
	    "CN=mail.example.com,O=Example Mail\\, Inc.,C=DE");
	assert_string_equal(cert.issuer, cert.subject);
	assert_true(cert.self_issued);
	assert_string_equal(cert.not_before_iso, "2026-12-04T20:06:54Z");
	assert_string_equal(cert.not_after_iso, "2036-12-01T20:06:54Z");
	assert_true(cert.not_before == 1796414814);
	mp_sha256_hex(cert.sha256, hex);
	assert_string_equal(hex,
	    "33485fe6f834e8f5e5d94946a9a1b6605cc2d3767b9f0cfcafa4c4096f5ef0ac");
	mp_x509_key_text(&cert, key, sizeof key);
	assert_string_equal(key, "RSA 2048");
	assert_string_equal(cert.signature, "sha256WithRSAEncryption");
	assert_true(cert.has_basic_constraints);
	assert_true(cert.ca);
	assert_true(cert.basic_constraints_critical);
	assert_false(cert.san_critical);
	assert_int_equal(cert.nsans, 4);
	assert_int_equal(cert.sans_total, 4);
	assert_int_equal(cert.sans[0].type, MP_X509_SAN_DNS);
	assert_memory_equal(cert.sans[0].bytes, "mail.example.com", 16);
	assert_int_equal(cert.sans[1].len, 13);
	assert_memory_equal(cert.sans[2].bytes, "\xc0\x00\x02\x01", 4);
	assert_int_equal(cert.sans[2].type, MP_X509_SAN_IP);
	assert_int_equal(cert.sans[3].len, 16);
	assert_true(cert.sans[3].usable);
	assert_int_equal(cert.ncns, 1);
	assert_string_equal(cert.cns[0].text, "mail.example.com");
	assert_int_equal(cert.subject_key_id.len, 20);
	p = der.b + cert.subject_key_id.off;
	hex_of(p, 20, hex);
	assert_string_equal(hex, "6629E617228CD41194E00F0A2AC473BF092B0566");
	assert_memory_equal(der.b + cert.authority_key_id.off, p, 20);
	assert_int_equal(cert.der.off, 0);
	assert_int_equal(cert.der.len, der.n);
	assert_memory_equal(der.b + cert.subject_der.off,
	    der.b + cert.issuer_der.off, cert.issuer_der.len);
}

static void
test_parse_reads_each_key_and_signature(void **state)
{
	static const struct {
		const char	*file;
		const char	*key;
		const char	*signature;
		const char	*subject;
		const char	*after;
	} rows[] = {
		{ "ec256-cn.der", "EC P-256", "ecdsa-with-SHA256",
		  "CN=mail.test", "2027-12-04T20:06:54Z" },
		{ "rsa1024-sha1.der", "RSA 1024", "sha1WithRSAEncryption",
		  "CN=weak.example", "2027-01-03T20:06:54Z" },
		{ "ca-p384.der", "EC P-384", "ecdsa-with-SHA256",
		  "CN=Test Root,O=Test CA", "2036-12-01T20:06:54Z" },
		{ "ed25519-leaf.der", "Ed25519", "ecdsa-with-SHA256",
		  "CN=leaf.example", "2029-03-08T20:06:54Z" },
	};
	static struct buf der;
	char key[MP_X509_KEY_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		load(rows[i].file, &der);
		assert_true(parse(&der));
		mp_x509_key_text(&cert, key, sizeof key);
		assert_string_equal(key, rows[i].key);
		assert_string_equal(cert.signature, rows[i].signature);
		assert_string_equal(cert.subject, rows[i].subject);
		assert_string_equal(cert.not_after_iso, rows[i].after);
	}
}

static void
test_parse_links_a_leaf_to_its_issuer(void **state)
{
	static struct buf ca, chain;
	static struct mp_x509 root;
	size_t used;
	char serial[8];

	(void)state;
	load("ca-p384.der", &ca);
	load("ed25519-leaf.der", &chain);
	add(&chain, ca.b, ca.n);
	assert_true(mp_x509_parse(chain.b, chain.n, &cert, &used));
	assert_true(used < chain.n);
	assert_true(mp_x509_parse(chain.b + used, chain.n - used, &root,
	    &used));
	assert_false(cert.self_issued);
	assert_true(root.self_issued);
	assert_false(cert.ca);
	assert_true(cert.basic_constraints_critical);
	assert_string_equal(cert.issuer, root.subject);
	assert_string_equal(cert.issuer, "CN=Test Root,O=Test CA");
	assert_int_equal(cert.issuer_der.len, root.subject_der.len);
	assert_memory_equal(chain.b + cert.issuer_der.off,
	    ca.b + root.subject_der.off, root.subject_der.len);
	assert_int_equal(cert.authority_key_id.len, root.subject_key_id.len);
	assert_memory_equal(chain.b + cert.authority_key_id.off,
	    ca.b + root.subject_key_id.off, root.subject_key_id.len);
	hex_of(chain.b + cert.serial.off, cert.serial.len, serial);
	assert_string_equal(serial, "1234");
	assert_int_equal(cert.nsans, 1);
	assert_true(mp_x509_matches(&cert, "leaf.example"));
}

/* Names of every string type, as openssl x509 -nameopt RFC2253 printed
 * them for the same DER. */
static void
test_name_text_escapes_as_openssl_does(void **state)
{
	static const struct {
		unsigned	 tag;
		const char	*value;
		size_t		 len;
		const char	*text;
	} rows[] = {
		{ 0x0c, B("a,b+c\"d\\e<f>g;h=i/j"),
		  "CN=a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h=i/j" },
		{ 0x0c, B(" lead"), "CN=\\ lead" },
		{ 0x0c, B("trail "), "CN=trail\\ " },
		{ 0x0c, B(" "), "CN=\\ " },
		{ 0x0c, B("  two"), "CN=\\  two" },
		{ 0x0c, B("#hash"), "CN=\\#hash" },
		{ 0x0c, B("#"), "CN=#" },
		{ 0x0c, B("a#"), "CN=a#" },
		{ 0x0c, B("mid dle"), "CN=mid dle" },
		{ 0x0c, B("caf\xc3\xa9"), "CN=caf\\C3\\A9" },
		{ 0x0c, B("\xf0\x9f\x98\x80"), "CN=\\F0\\9F\\98\\80" },
		{ 0x0c, B("ctl\x01x\x7fy\x1f\t"), "CN=ctl\\01x\\7Fy\\1F\\09" },
		{ 0x0c, B("mail.bank.example\0.evil.example"),
		  "CN=mail.bank.example\\00.evil.example" },
		{ 0x0c, B(""), "CN=" },
		{ 0x13, B(" a#"), "CN=\\ a#" },
		{ 0x12, B("123"), "CN=123" },
		{ 0x16, B("x\0y"), "CN=x\\00y" },
		{ 0x14, B("caf\xe9 \x01"), "CN=caf\\C3\\A9 \\01" },
		{ 0x1e, B("\x00\xe9\x4f\x8b\x00,"), "CN=\\C3\\A9\\E4\\BE\\8B\\," },
		{ 0x1e, B("\x00 \x00" "a\x00 "), "CN=\\ a\\ " },
		{ 0x1e, B("\x00#\x00" "a"), "CN=\\#a" },
		{ 0x1c, B("\x00\x00\x00" "a\x00\x01\xf6\x00\x00\x00\x00\xe9"),
		  "CN=a\\F0\\9F\\98\\80\\C3\\A9" },
		{ 0x30, B("\x02\x01\x01"), "CN=#3003020101" },
		{ 0x03, B("\x00\xaa"), "CN=#030200AA" },
		{ 0x07, B("\x01"), "CN=#070101" },
	};
	struct buf name;
	struct mp_der v;
	struct mp_der_reader r;
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		name1(&name, OID_CN, sizeof OID_CN, rows[i].tag, rows[i].value,
		    rows[i].len);
		mp_der_reader(&r, name.b, name.n);
		assert_true(mp_der_next(&r, &v));
		assert_true(mp_x509_name_text(&v, text, sizeof text));
		assert_string_equal(text, rows[i].text);
	}
}

static void
test_name_text_orders_and_names_attributes(void **state)
{
	/* C=DE / O=a+CN=b, and the attributes OpenSSL names, and one it
	 * does not. */
	static const uint8_t mv[] = "\x30\x25"
	    "\x31\x0b\x30\x09\x06\x03\x55\x04\x06\x13\x02" "DE"
	    "\x31\x16\x30\x08\x06\x03\x55\x04\x03\x0c\x01" "b"
	    "\x30\x0a\x06\x03\x55\x04\x0a\x0c\x03" "a+b";
	static const struct {
		const char	*oid;
		size_t		 len;
		const char	*text;
	} rows[] = {
		{ B("\x06\x03\x55\x04\x0b"), "OU=v" },
		{ B("\x06\x03\x55\x04\x08"), "ST=v" },
		{ B("\x06\x03\x55\x04\x07"), "L=v" },
		{ B("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01"),
		  "emailAddress=v" },
		{ B("\x06\x0a\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19"), "DC=v" },
		{ B("\x06\x0b\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03"),
		  "jurisdictionC=v" },
		{ B("\x06\x03\x2a\x03\x04"), "1.2.3.4=#0C0176" },
	};
	struct mp_der_reader r;
	struct buf name;
	struct mp_der v;
	char text[128];
	size_t i;

	(void)state;
	mp_der_reader(&r, mv, sizeof mv - 1);
	assert_true(mp_der_next(&r, &v));
	assert_true(mp_x509_name_text(&v, text, sizeof text));
	assert_string_equal(text, "O=a\\+b+CN=b,C=DE");
	for (i = 0; i < LEN(rows); i++) {
		name1(&name, (const uint8_t *)rows[i].oid, rows[i].len, 0x0c,
		    "v", 1);
		mp_der_reader(&r, name.b, name.n);
		assert_true(mp_der_next(&r, &v));
		assert_true(mp_x509_name_text(&v, text, sizeof text));
		assert_string_equal(text, rows[i].text);
	}
	/* The empty Name. */
	v.tag = 0x30;
	v.len = 0;
	assert_true(mp_x509_name_text(&v, text, sizeof text));
	assert_string_equal(text, "");
}

static void
test_string_utf8_converts_each_type(void **state)
{
	static const struct {
		unsigned	 tag;
		const char	*value;
		size_t		 len;
		const char	*utf8;
	} rows[] = {
		{ 0x0c, B("caf\xc3\xa9"), "caf\xc3\xa9" },
		{ 0x14, B("caf\xe9"), "caf\xc3\xa9" },
		{ 0x13, B("mail.test"), "mail.test" },
		{ 0x1e, B("\x00" "a\x4f\x8b"), "a\xe4\xbe\x8b" },
		{ 0x1c, B("\x00\x01\xf6\x00"), "\xf0\x9f\x98\x80" },
	};
	struct mp_der v;
	char out[16];
	size_t i, len;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v.tag = rows[i].tag;
		v.content = (const uint8_t *)rows[i].value;
		v.len = rows[i].len;
		assert_true(mp_x509_string_utf8(&v, out, sizeof out, &len));
		assert_int_equal(len, strlen(rows[i].utf8));
		assert_memory_equal(out, rows[i].utf8, len);
	}
}

static void
test_parse_reads_dates_about_2050_and_version_1(void **state)
{
	static const struct {
		const char	*validity;
		size_t		 len;
		const char	*before;
		const char	*after;
	} rows[] = {
		{ B("\x30\x1e\x17\x0d" "491231235959Z\x17\x0d" "500101000000Z"),
		  "2049-12-31T23:59:59Z", "1950-01-01T00:00:00Z" },
		{ B("\x30\x22\x18\x0f" "19500101000000Z\x18\x0f" "20500101000000Z"),
		  "1950-01-01T00:00:00Z", "2050-01-01T00:00:00Z" },
		{ B("\x30\x22\x18\x0f" "00010101000000Z\x18\x0f" "99991231235959Z"),
		  "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z" },
	};
	struct buf validity, der, version = { .n = 0 };
	struct parts p = { 0 };
	size_t i;

	(void)state;
	p.validity = &validity;
	for (i = 0; i < LEN(rows); i++) {
		assert_true(parse_with(&p, &validity, rows[i].validity,
		    rows[i].len));
		assert_string_equal(cert.not_before_iso, rows[i].before);
		assert_string_equal(cert.not_after_iso, rows[i].after);
	}
	/* Version 1: no [0], and no extensions. */
	p.validity = NULL;
	p.version = &version;
	build(&der, &p);
	assert_true(parse(&der));
	assert_int_equal(cert.version, 1);
	assert_true(cert.self_issued);
	assert_string_equal(cert.subject, "CN=x");
}

static void
test_parse_reads_alt_names_and_their_flaws(void **state)
{
	static const uint8_t san[] = { 0x55, 0x1d, 0x11 };
	static const uint8_t bc[] = { 0x55, 0x1d, 0x13 };
	static const uint8_t unknown[] = { 0x55, 0x1d, 0x20 };
	struct buf der, exts = { .n = 0 }, v = { .n = 0 }, names = { .n = 0 };
	struct parts p = { 0 };
	uint8_t long_name[300];
	size_t i;

	(void)state;
	memset(long_name, 'a', sizeof long_name);
	tlv(&names, 0x82, "mail.bank.example\0.evil.example", 31);
	tlv(&names, 0x87, "\x01\x02\x03\x04\x05", 5);
	tlv(&names, 0x81, "a@b", 3);
	tlv(&names, 0x82, "ok.example", 10);
	tlv(&names, 0x82, long_name, sizeof long_name);
	tlv(&names, 0x82, "", 0);
	tlv(&names, 0x82, "tab\t.example", 12);
	v = names;
	wrap(&v, 0x30);
	ext(&exts, san, sizeof san, true, &v);
	v.n = 0;
	tlv(&v, 0x30, "\x01\x01\x00\x02\x01\x03", 6);
	ext(&exts, bc, sizeof bc, false, &v);
	ext(&exts, unknown, sizeof unknown, true, &v);
	p.exts = &exts;
	build(&der, &p);
	assert_true(parse(&der));
	assert_true(cert.san_critical);
	assert_true(cert.has_basic_constraints);
	assert_false(cert.ca);
	assert_int_equal(cert.nsans, 6);
	assert_false(cert.sans[0].usable);
	assert_false(cert.sans[1].usable);
	assert_true(cert.sans[2].usable);
	assert_false(cert.sans[3].usable);
	assert_int_equal(cert.sans[3].len, MP_X509_DNS_SIZE);
	assert_false(cert.sans[4].usable);
	assert_false(cert.sans[5].usable);
	assert_false(mp_x509_matches(&cert, "mail.bank.example"));
	assert_false(mp_x509_matches(&cert, "x"));
	assert_true(mp_x509_matches(&cert, "OK.example"));
	/* More entries than kept: counted, and no common name then. */
	names.n = 0;
	for (i = 0; i < MP_X509_SANS_MAX + 3; i++)
		tlv(&names, 0x87, "\x0a\x00\x00\x01", 4);
	v = names;
	wrap(&v, 0x30);
	exts.n = 0;
	ext(&exts, san, sizeof san, false, &v);
	build(&der, &p);
	assert_true(parse(&der));
	assert_int_equal(cert.nsans, MP_X509_SANS_MAX);
	assert_int_equal(cert.sans_total, MP_X509_SANS_MAX + 3);
	assert_true(mp_x509_matches(&cert, "10.0.0.1"));
	assert_false(mp_x509_matches(&cert, "x"));
}

static void
test_parse_reads_each_kind_of_key(void **state)
{
	static const struct {
		const char	*spki;
		size_t		 len;
		const char	*key;
	} rows[] = {
		/* RSA-PSS, a 7-bit modulus. */
		{ B("\x30\x15\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01"
		    "\x0a\x03\x06\x00\x30\x03\x02\x01\x7f"), "RSA-PSS 7" },
		/* DSA, its prime in the parameters: 17 bits. */
		{ B("\x30\x1f\x30\x16\x06\x07\x2a\x86\x48\xce\x38\x04\x01"
		    "\x30\x0b\x02\x03\x01\x00\x01\x02\x01\x01\x02\x01\x01"
		    "\x03\x05\x00\x02\x02\x00\x80"), "DSA 17" },
		/* EC on a curve not in the table, and with no parameters. */
		{ B("\x30\x15\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01"
		    "\x06\x05\x2b\x81\x04\x00\x0a\x03\x01\x00"), "EC" },
		{ B("\x30\x0e\x30\x09\x06\x07\x2a\x86\x48\xce\x3d\x02\x01"
		    "\x03\x01\x00"), "EC" },
		{ B("\x30\x08\x30\x03\x06\x01\x00\x03\x01\x00"), "unknown" },
		{ B("\x30\x0a\x30\x05\x06\x03\x2b\x65\x71\x03\x01\x00"),
		  "Ed448" },
		/* RSA with a modulus of zero: no bits. */
		{ B("\x30\x15\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01"
		    "\x01\x03\x06\x00\x30\x03\x02\x01\x00"), "RSA 0" },
	};
	struct buf spki;
	struct parts p = { 0 };
	char key[MP_X509_KEY_SIZE];
	size_t i;

	(void)state;
	p.spki = &spki;
	for (i = 0; i < LEN(rows); i++) {
		assert_true(parse_with(&p, &spki, rows[i].spki,
		    rows[i].len));
		mp_x509_key_text(&cert, key, sizeof key);
		assert_string_equal(key, rows[i].key);
	}
}

static void
test_parse_names_signature_algorithms(void **state)
{
	static const struct {
		const char	*alg;
		size_t		 len;
		const char	*name;
	} rows[] = {
		{ B("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04\x05\x00"),
		  "md5WithRSAEncryption" },
		{ B("\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"),
		  "rsassaPss" },
		{ B("\x30\x05\x06\x03\x2a\x03\x04"), "1.2.3.4" },
	};
	struct buf alg;
	struct parts p = { 0 };
	size_t i;

	(void)state;
	p.sigalg = &alg;
	for (i = 0; i < LEN(rows); i++) {
		assert_true(parse_with(&p, &alg, rows[i].alg,
		    rows[i].len));
		assert_string_equal(cert.signature, rows[i].name);
	}
}

static void
test_key_text_names_every_type(void **state)
{
	static struct mp_x509 c;
	char key[MP_X509_KEY_SIZE];

	(void)state;
	c.key = MP_X509_KEY_RSA;
	c.key_bits = 4096;
	mp_x509_key_text(&c, key, sizeof key);
	assert_string_equal(key, "RSA 4096");
	c.key = MP_X509_KEY_EC;
	c.curve = "P-521";
	mp_x509_key_text(&c, key, sizeof key);
	assert_string_equal(key, "EC P-521");
	c.key = MP_X509_KEY_ED25519;
	mp_x509_key_text(&c, key, sizeof key);
	assert_string_equal(key, "Ed25519");
}

/* A certificate of the DNS names, IP addresses and common names given. */
static void
names(const char *const *dns, size_t ndns, const char *cn)
{
	size_t i;

	memset(&cert, 0, sizeof cert);
	for (i = 0; i < ndns; i++) {
		struct mp_x509_san *s = &cert.sans[cert.nsans++];

		s->len = strlen(dns[i]);
		memcpy(s->bytes, dns[i], s->len);
		s->usable = true;
		if (strncmp(dns[i], "ip:", 3) == 0) {
			s->type = MP_X509_SAN_IP;
			s->len = dns[i][3] == '6' ? 16 : 4;
			memset(s->bytes, 0, sizeof s->bytes);
			s->bytes[s->len - 1] = 1;
			if (s->len == 4)
				s->bytes[0] = 127;
		}
	}
	cert.sans_total = cert.nsans;
	if (cn != NULL) {
		cert.ncns = cert.cns_total = 1;
		snprintf(cert.cns[0].text, sizeof cert.cns[0].text, "%s", cn);
		cert.cns[0].len = strlen(cn);
		cert.cns[0].usable = true;
	}
}

static void
test_matches_as_rfc_9525_and_openssl(void **state)
{
	static const char *const sans[] = {
		"mail.example.com", "*.example.net", "*.com", "f*.example.org",
		"*.*.example.info", "a.*.example.biz", "*.xn--bcher-kva.de",
		"*.-bad.example", "*.bad-.example", "*..example", "*.trail.",
		"*", "ip:4", "ip:6"
	};
	static const struct {
		const char	*host;
		bool		 match;
	} rows[] = {
		{ "mail.example.com", true },
		{ "MAIL.Example.COM", true },
		{ "a.example.net", true },
		{ "A-1.EXAMPLE.net", true },
		{ "xn--caf-dma.example.net", true },
		{ "127.0.0.1", true },
		{ "::1", true },
		{ "0:0:0:0:0:0:0:1", true },
		{ "example.net", false },
		{ ".example.net", false },
		{ "a.b.example.net", false },
		{ "a_b.example.net", false },
		{ "*.example.net", false },
		{ "example.com", false },
		{ "www.example.com", false },
		{ "a.com", false },
		{ "foo.example.org", false },
		{ "f.example.org", false },
		{ "a.b.example.info", false },
		{ "a.b.example.biz", false },
		{ "x.xn--bcher-kva.de", true },
		{ "x.-bad.example", false },
		{ "x.bad-.example", false },
		{ "x..example", false },
		{ "x.trail.", false },
		{ "x", false },
		{ "", false },
		{ "mail.example.com.", false },
		{ "127.0.0.2", false },
		{ "::2", false },
		{ "mail.example", false },
	};
	size_t i;

	(void)state;
	names(sans, LEN(sans), "cn.example.com");
	for (i = 0; i < LEN(rows); i++)
		if (mp_x509_matches(&cert, rows[i].host) != rows[i].match)
			fail_msg("%s: expected %d", rows[i].host, rows[i].match);
	/* A DNS name present hides the common name. */
	assert_false(mp_x509_matches(&cert, "cn.example.com"));
}

static void
test_matches_the_common_name_only_without_dns_names(void **state)
{
	static const char *const ip[] = { "ip:4" };

	(void)state;
	names(NULL, 0, "mail.test");
	assert_true(mp_x509_matches(&cert, "mail.test"));
	assert_true(mp_x509_matches(&cert, "MAIL.TEST"));
	assert_false(mp_x509_matches(&cert, "localhost"));
	assert_false(mp_x509_matches(&cert, "127.0.0.1"));
	names(ip, LEN(ip), "*.example.com");
	assert_true(mp_x509_matches(&cert, "a.example.com"));
	assert_true(mp_x509_matches(&cert, "127.0.0.1"));
	cert.cns[0].usable = false;
	assert_false(mp_x509_matches(&cert, "a.example.com"));
	/* The IP address is not looked for in the common name. */
	names(NULL, 0, "127.0.0.1");
	assert_false(mp_x509_matches(&cert, "127.0.0.1"));
}

static void
test_parse_keeps_common_names_and_marks_bad_ones(void **state)
{
	/* Five CNs, the second with a NUL, the third a BMPString. */
	struct buf der, name = { .n = 0 }, rdn;
	struct parts p = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++) {
		rdn.n = 0;
		add(&rdn, OID_CN, sizeof OID_CN);
		if (i == 1)
			tlv(&rdn, 0x0c, "a\0b", 3);
		else if (i == 2)
			tlv(&rdn, 0x1e, "\x00m\x00t", 4);
		else
			tlv(&rdn, 0x13, "cn.example", 10);
		wrap(&rdn, 0x30);
		wrap(&rdn, 0x31);
		add(&name, rdn.b, rdn.n);
	}
	wrap(&name, 0x30);
	p.name = &name;
	build(&der, &p);
	assert_true(parse(&der));
	assert_int_equal(cert.ncns, MP_X509_CNS_MAX);
	assert_int_equal(cert.cns_total, 5);
	assert_true(cert.cns[0].usable);
	assert_false(cert.cns[1].usable);
	assert_string_equal(cert.cns[2].text, "mt");
	assert_true(mp_x509_matches(&cert, "mt"));
	assert_false(mp_x509_matches(&cert, "a"));
}

/* Rejected input from here on. */

static void
test_parse_refuses_every_truncation(void **state)
{
	static const char *const files[] = {
		"rsa2048-san.der", "ec256-cn.der", "rsa1024-sha1.der",
		"ca-p384.der", "ed25519-leaf.der"
	};
	static struct buf der;
	size_t i, n, used;

	(void)state;
	for (i = 0; i < LEN(files); i++) {
		load(files[i], &der);
		for (n = 0; n < der.n; n++)
			assert_false(mp_x509_parse(der.b, n, &cert, &used));
		assert_true(mp_x509_parse(der.b, der.n, &cert, &used));
	}
}

/* Each byte of a certificate changed to each of a few values: never a
 * crash, never a read past the end (under the sanitizers). */
static void
test_parse_survives_changed_bytes(void **state)
{
	static const uint8_t values[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0x84,
		0xff };
	static struct buf der;
	size_t i, j, used;
	uint8_t keep;

	(void)state;
	load("ed25519-leaf.der", &der);
	for (i = 0; i < der.n; i++) {
		keep = der.b[i];
		for (j = 0; j < LEN(values); j++) {
			der.b[i] = values[j];
			if (mp_x509_parse(der.b, der.n, &cert, &used))
				assert_true(used <= der.n);
		}
		der.b[i] = keep;
	}
}

static void
test_parse_refuses_bad_names(void **state)
{
	static const struct {
		unsigned	 tag;
		const char	*value;
		size_t		 len;
	} rows[] = {
		{ 0x1e, B("\x00" "a\x00") },		/* odd BMPString */
		{ 0x1e, B("\xd8\x3d\xde\x00") },	/* surrogates */
		{ 0x1c, B("\x00\x11\x00\x00") },	/* past U+10FFFF */
		{ 0x1c, B("\x00\x00\xdc\x00") },
		{ 0x1c, B("\x00\x00\x00") },
		{ 0x0c, B("\xff\xfe") },		/* not UTF-8 */
		{ 0x0c, B("\xc0\xaf") },
		{ 0x1a, B("vis") },			/* VisibleString */
		{ 0x17, B("250101000000Z") },		/* a time */
		{ 0x02, B("\x05") },
		{ 0x04, B("\x01") },
		{ 0x1b, B("g") },
		{ 0xa0, B("") },
	};
	struct buf der, name, big = { .n = 0 };
	struct parts p = { 0 };
	uint8_t filler[300];
	size_t i;

	(void)state;
	p.name = &name;
	for (i = 0; i < LEN(rows); i++) {
		name1(&name, OID_CN, sizeof OID_CN, rows[i].tag, rows[i].value,
		    rows[i].len);
		build(&der, &p);
		assert_false(parse(&der));
	}
	/* An empty RDN, an attribute with no value or two, not a SET. */
	assert_false(parse_with(&p, &name, "\x30\x02\x31\x00",
	    4));
	assert_false(parse_with(&p, &name, "\x30\x09\x31\x07\x30\x05\x06\x03\x55\x04\x03",
	    11));
	assert_false(parse_with(&p, &name, "\x30\x0d\x31\x0b\x30\x09\x06\x03\x55\x04\x03\x05\x00"
	    "\x05\x00",
	    15));
	assert_false(parse_with(&p, &name, "\x30\x02\x30\x00",
	    4));
	/* A huge OID as the type. */
	name1(&name, (const uint8_t *)"\x06\x06\x2a\x90\x80\x80\x80\x00", 8,
	    0x0c, "v", 1);
	build(&der, &p);
	assert_false(parse(&der));
	/* Text past MP_X509_NAME_SIZE: 5 values of 300 bytes. */
	memset(filler, 'a', sizeof filler);
	for (i = 0; i < 5; i++) {
		name1(&name, OID_CN, sizeof OID_CN, 0x0c, filler,
		    sizeof filler);
		add(&big, name.b + 2 + (name.b[1] & 0x80 ? name.b[1] & 0x7f :
		    0), name.n - 2 - (name.b[1] & 0x80 ? name.b[1] & 0x7f : 0));
	}
	wrap(&big, 0x30);
	p.name = &big;
	build(&der, &p);
	assert_false(parse(&der));
	/* More attributes than MP_X509_NAME_ATTRS_MAX. */
	big.n = 0;
	for (i = 0; i < MP_X509_NAME_ATTRS_MAX + 1; i++)
		add(&big, "\x31\x0a\x30\x08\x06\x03\x55\x04\x03\x0c\x01x", 12);
	wrap(&big, 0x30);
	build(&der, &p);
	assert_false(parse(&der));
}

static void
test_name_text_refuses_what_does_not_fit(void **state)
{
	struct buf name;
	struct mp_der v;
	struct mp_der_reader r;
	char text[8], out[4];
	size_t len;

	(void)state;
	name1(&name, OID_CN, sizeof OID_CN, 0x0c, "abcd", 4);
	mp_der_reader(&r, name.b, name.n);
	assert_true(mp_der_next(&r, &v));
	assert_true(mp_x509_name_text(&v, text, 8));
	assert_false(mp_x509_name_text(&v, text, 7));
	assert_false(mp_x509_name_text(&v, text, 0));
	v.tag = 0x31;
	assert_false(mp_x509_name_text(&v, text, sizeof text));
	/* The UTF-8 of a string: too long, not a string, not whole. */
	v.tag = 0x0c;
	v.content = (const uint8_t *)"abcde";
	v.len = 5;
	assert_false(mp_x509_string_utf8(&v, out, sizeof out, &len));
	v.tag = 0x13;
	assert_false(mp_x509_string_utf8(&v, out, sizeof out, &len));
	v.tag = 0x04;
	assert_false(mp_x509_string_utf8(&v, out, sizeof out, &len));
	v.tag = 0x1e;
	assert_false(mp_x509_string_utf8(&v, out, sizeof out, &len));
	v.content = (const uint8_t *)"\xd8\x00";
	v.len = 2;
	assert_false(mp_x509_string_utf8(&v, out, sizeof out, &len));
}

static void
test_parse_refuses_bad_structure(void **state)
{
	static const uint8_t san[] = { 0x55, 0x1d, 0x11 };
	static const uint8_t ski[] = { 0x55, 0x1d, 0x0e };
	static const uint8_t aki[] = { 0x55, 0x1d, 0x23 };
	static const uint8_t bc[] = { 0x55, 0x1d, 0x13 };
	static const struct {
		const char	*bytes;
		size_t		 len;
	} versions[] = {
		{ B("\xa0\x03\x02\x01\x00") },		/* v1 written */
		{ B("\xa0\x03\x02\x01\x03") },		/* v4 */
		{ B("\xa0\x03\x02\x01\xff") },
		{ B("\xa0\x04\x02\x01\x02\x00") },
		{ B("\xa0\x03\x04\x01\x02") },
		{ B("\xa0\x04\x02\x02\x00\x02") },
		{ B("\xa1\x03\x02\x01\x02") },		/* no serial then */
		{ B("\xa0\x03\x02\x01\x02\x02\x02\x00\x01") },	/* padded serial */
	};
	static const struct {
		const char	*bytes;
		size_t		 len;
	} validities[] = {
		{ B("\x30\x1c\x17\x0d" "250101000000Z\x17\x0b" "3501010000Z") },
		{ B("\x30\x0f\x17\x0d" "250101000000Z") },
		{ B("\x30\x21\x17\x0d" "250101000000Z\x17\x0d" "350101000000Z"
		    "\x05\x00") },
		{ B("\x31\x1e\x17\x0d" "250101000000Z\x17\x0d" "350101000000Z") },
	};
	static const struct {
		const uint8_t	*oid;
		const char	*value;
		size_t		 len;
	} exts[] = {
		{ san, B("\x30\x00") },			/* empty */
		{ san, B("\x30\x02\x82\x05") },
		{ san, B("\x30\x00\x05\x00") },
		{ san, B("\x04\x00") },
		{ bc, B("\x30\x03\x01\x01\x01") },	/* not DER */
		{ bc, B("\x30\x00\x05\x00") },
		{ bc, B("\x04\x00") },
		{ ski, B("\x30\x00") },
		{ ski, B("\x04\x00\x05\x00") },
		{ aki, B("\x04\x00") },
		{ aki, B("\x30\x00\x05\x00") },
		{ aki, B("\x30\x02\x80\x05") },
	};
	struct buf der, part, e, v;
	struct parts p = { 0 };
	size_t i;

	(void)state;
	p.version = &part;
	for (i = 0; i < LEN(versions); i++)
		assert_false(parse_with(&p, &part, versions[i].bytes,
		    versions[i].len));
	p.version = NULL;
	p.validity = &part;
	for (i = 0; i < LEN(validities); i++)
		assert_false(parse_with(&p, &part, validities[i].bytes,
		    validities[i].len));
	p.validity = NULL;
	p.exts = &e;
	for (i = 0; i < LEN(exts); i++) {
		e.n = 0;
		v.n = 0;
		add(&v, exts[i].value, exts[i].len);
		ext(&e, exts[i].oid, 3, false, &v);
		build(&der, &p);
		assert_false(parse(&der));
	}
	/* The same extension twice; an extension not in its form. */
	e.n = 0;
	v.n = 0;
	add(&v, "\x04\x01\x01", 3);
	ext(&e, ski, sizeof ski, false, &v);
	ext(&e, ski, sizeof ski, false, &v);
	build(&der, &p);
	assert_false(parse(&der));
	assert_false(parse_with(&p, &e, "\x30\x08\x06\x03\x55\x1d\x0e\x01\x01\x01",
	    10));
	assert_false(parse_with(&p, &e, "\x30\x05\x06\x03\x55\x1d\x0e",
	    7));
	assert_false(parse_with(&p, &e, "\x05\x00",
	    2));
	/* No extension in [3]; extensions in a version 1 certificate. */
	e.n = 0;
	build(&der, &p);
	assert_false(parse(&der));
	v.n = 0;
	p.version = &v;
	assert_false(parse_with(&p, &e, "\x30\x05\x06\x03\x55\x1d\x20\x04\x00",
	    9));
	/* Something after the extensions. */
	p.version = NULL;
	p.exts = NULL;
	part.n = 0;
	add(&part, "\x05\x00", 2);
	p.extra = &part;
	build(&der, &p);
	assert_false(parse(&der));
	/* A unique identifier whose length runs past the end. */
	assert_false(parse_with(&p, &part, "\x81\x05\x00", 3));
	/* v2's unique identifiers are skipped. */
	assert_true(parse_with(&p, &part, "\x81\x01\x00\x82\x01\x00",
	    6));
}

static void
test_parse_refuses_bad_keys_and_signatures(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
	} spkis[] = {
		{ B("\x31\x00") },
		{ B("\x30\x07\x30\x05\x06\x03\x2b\x65\x70") },
		{ B("\x30\x09\x30\x05\x06\x03\x2b\x65\x70\x04\x00") },
		{ B("\x30\x0a\x30\x05\x06\x03\x2b\x65\x70\x03\x01\x01") },
		{ B("\x30\x0b\x30\x05\x06\x03\x2b\x65\x70\x03\x01\x00\x05\x00") },
		{ B("\x30\x09\x30\x03\x02\x01\x00\x03\x02\x00\x00") },
		{ B("\x30\x0a\x30\x05\x06\x01\x00\x05\x00\x05\x00\x03\x01\x00") },
		/* RSA: not a SEQUENCE, something after, a negative modulus. */
		{ B("\x30\x12\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
		    "\x03\x03\x00\x02\x00") },
		{ B("\x30\x16\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
		    "\x03\x07\x00\x30\x03\x02\x01\x01\x00") },
		{ B("\x30\x15\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
		    "\x03\x06\x00\x30\x03\x02\x01\x80") },
		{ B("\x30\x15\x30\x0b\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
		    "\x03\x06\x00\x30\x03\x04\x01\x01") },
		/* DSA without its parameters. */
		{ B("\x30\x0f\x30\x09\x06\x07\x2a\x86\x48\xce\x38\x04\x01"
		    "\x03\x02\x00\x00") },
	};
	static const struct {
		const char	*bytes;
		size_t		 len;
	} algs[] = {
		{ B("\x30\x05\x06\x03\x2a\x90\x80") },
		{ B("\x30\x0a\x06\x08\x2a\x90\x80\x80\x80\x80\x80\x00") },
		{ B("\x30\x02\x05\x00") },
	};
	struct buf part;
	struct parts p = { 0 };
	size_t i;

	(void)state;
	p.spki = &part;
	for (i = 0; i < LEN(spkis); i++)
		assert_false(parse_with(&p, &part, spkis[i].bytes,
		    spkis[i].len));
	p.spki = NULL;
	p.sigalg = &part;
	for (i = 0; i < LEN(algs); i++)
		assert_false(parse_with(&p, &part, algs[i].bytes,
		    algs[i].len));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_reads_an_rsa_certificate_with_names),
		cmocka_unit_test(test_parse_reads_each_key_and_signature),
		cmocka_unit_test(test_parse_links_a_leaf_to_its_issuer),
		cmocka_unit_test(test_name_text_escapes_as_openssl_does),
		cmocka_unit_test(test_name_text_orders_and_names_attributes),
		cmocka_unit_test(test_string_utf8_converts_each_type),
		cmocka_unit_test(test_parse_reads_dates_about_2050_and_version_1),
		cmocka_unit_test(test_parse_reads_alt_names_and_their_flaws),
		cmocka_unit_test(test_parse_reads_each_kind_of_key),
		cmocka_unit_test(test_parse_names_signature_algorithms),
		cmocka_unit_test(test_key_text_names_every_type),
		cmocka_unit_test(test_matches_as_rfc_9525_and_openssl),
		cmocka_unit_test(test_matches_the_common_name_only_without_dns_names),
		cmocka_unit_test(test_parse_keeps_common_names_and_marks_bad_ones),
		cmocka_unit_test(test_parse_refuses_every_truncation),
		cmocka_unit_test(test_parse_survives_changed_bytes),
		cmocka_unit_test(test_parse_refuses_bad_names),
		cmocka_unit_test(test_name_text_refuses_what_does_not_fit),
		cmocka_unit_test(test_parse_refuses_bad_structure),
		cmocka_unit_test(test_parse_refuses_bad_keys_and_signatures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

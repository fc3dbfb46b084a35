/*
 * test_cert_seen.c - what a probe keeps of the certificates of a flight:
 * the leaf's fields as openssl x509 prints them, the names a client
 * matches (the subjectAltName entries, else the common names), the chain
 * counted, the issuer judged with a trust store and without, and a leaf
 * that cannot be parsed left unread.  The flights are those of
 * tests/helpers/flight.h, carrying the DER fixtures of tests/x509/.
 *
 * The probe-* fixtures were made once with OpenSSL 3.0 (the keys thrown
 * away: nothing here checks a signature):
 *   probe-root   openssl req -x509 -newkey rsa:2048 -sha256 -days 7300
 *                -subj '/O=Probe Test/CN=Probe Test Root' -addext
 *                basicConstraints=critical,CA:TRUE -addext
 *                subjectKeyIdentifier=hash  (also as probe-root.pem)
 *   probe-inter  CN=Probe Test Intermediate, O=Probe Test, RSA 2048,
 *                signed by probe-root with openssl ca -startdate
 *                20260101000000Z -enddate 20451231000000Z and
 *                basicConstraints=critical,CA:TRUE, subjectKeyIdentifier=
 *                hash, authorityKeyIdentifier=keyid
 *   probe-leaf   CN=localhost, EC P-256, signed by probe-inter with
 *                -startdate 20260101000000Z -enddate 20401231000000Z and
 *                subjectAltName=DNS:localhost,IP:127.0.0.1 (with the key
 *                identifiers, CA:FALSE)
 *   probe-many   the same as probe-leaf, its subjectAltName followed by
 *                DNS:host0001.example to DNS:host3300.example
 * openssl verify -CAfile probe-root.pem -untrusted probe-inter
 * -verify_hostname localhost (or -verify_ip 127.0.0.1) says OK for both.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cert_seen.h"
#include "flight.h"

/* 2027-06-01T00:00:00Z: within every fixture's validity. */
#define NOW 1811808000
/* 2040-12-31T00:00:00Z: probe-leaf's notAfter. */
#define LEAF_END 2240524800
#define DAY 86400

enum { LEAF, INTER, ROOT, MANY, SAN, CN_ONLY, NUL_CN, NUL_SAN, NFIXTURES };

static const char *const files[NFIXTURES] = {
	"tests/x509/probe-leaf.der", "tests/x509/probe-inter.der",
	"tests/x509/probe-root.der", "tests/x509/probe-many.der",
	"tests/x509/rsa2048-san.der",
	"tests/x509/ec256-cn.der", "tests/fuzz/corpus/x509/nul.der",
	"tests/fuzz/corpus/x509/sannul.der",
};

static unsigned char der[NFIXTURES][65536];
static struct flight_cert fixtures[NFIXTURES];
static unsigned char bytes[FLIGHT_SIZE];
static unsigned char buf[MP_TLS_FLIGHT_SIZE];
static struct mp_tls_reader reader;
static uint8_t storage[65536];
static struct mp_trust store;

static int
setup(void **state)
{
	size_t i;
	FILE *f;

	(void)state;
	for (i = 0; i < NFIXTURES; i++) {
		f = fopen(files[i], "rb");
		assert_non_null(f);
		fixtures[i].len = fread(der[i], 1, sizeof der[i], f);
		fixtures[i].der = der[i];
		fclose(f);
		assert_true(fixtures[i].len > 0);
	}
	mp_trust_init(&store, storage, sizeof storage);
	assert_true(mp_trust_add_file(&store, "tests/x509/probe-root.pem"));
	return 0;
}

/* Reads len bytes of a flight: it must be whole. */
static const struct mp_tls_reader *
read_bytes(size_t len)
{
	mp_tls_reader_init(&reader, buf, sizeof buf);
	assert_int_equal(mp_tls_read(&reader, bytes, len), MP_TLS_FLIGHT_DONE);
	return &reader;
}

/* The flight of a server sending the fixtures named, leaf first. */
static const struct mp_tls_reader *
flight_of(const int *which, size_t n)
{
	struct flight_cert chain[4];
	size_t i;

	for (i = 0; i < n; i++)
		chain[i] = fixtures[which[i]];
	return read_bytes(flight_chain(bytes, chain, n, false, 16384));
}

/* The name at i, as text. */
static const char *
name_at(const struct mp_cert_seen *seen, size_t i)
{
	static char text[MP_X509_DNS_SIZE + 1];

	assert_true(i < seen->nnames);
	mp_cert_name_text(&seen->names[i], text, sizeof text);
	return text;
}

static void
test_leaf_fields_are_openssls(void **state)
{
	static const int chain[] = { LEAF, INTER };
	/* openssl x509 -noout -fingerprint -sha256 of probe-leaf.der */
	static const uint8_t sha256[MP_SHA256_SIZE] = {
		0x49, 0x53, 0x36, 0x2f, 0x2f, 0x07, 0x6d, 0x50, 0x33, 0x20,
		0xb4, 0x15, 0xf4, 0x39, 0x78, 0xf8, 0xb8, 0xb0, 0xa8, 0x00,
		0x87, 0xa0, 0xa0, 0x80, 0xf8, 0x95, 0xbc, 0xe0, 0xda, 0x6a,
		0x2c, 0xf0
	};
	struct mp_cert_seen seen;

	(void)state;
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", &store, NOW);
	assert_true(seen.read);
	assert_int_equal(seen.findings, 0);
	assert_int_equal(seen.chain, 2);
	assert_string_equal(seen.subject, "CN=localhost");
	assert_string_equal(seen.issuer,
	    "O=Probe Test,CN=Probe Test Intermediate");
	assert_string_equal(seen.not_before, "2026-01-01T00:00:00Z");
	assert_string_equal(seen.not_after, "2040-12-31T00:00:00Z");
	assert_int_equal(seen.expires, LEAF_END);
	assert_memory_equal(seen.sha256, sha256, sizeof sha256);
	assert_string_equal(seen.key, "EC P-256");
	assert_string_equal(seen.signature, "sha256WithRSAEncryption");
	assert_false(seen.self_signed);
	assert_true(seen.matches);
	assert_int_equal(seen.issuer_known, MP_ANSWER_YES);
	assert_int_equal(seen.nnames, 2);
	assert_int_equal(seen.names_total, 2);
	assert_int_equal(seen.names[0].type, MP_X509_SAN_DNS);
	assert_string_equal(name_at(&seen, 0), "localhost");
	assert_int_equal(seen.names[1].type, MP_X509_SAN_IP);
	assert_string_equal(name_at(&seen, 1), "127.0.0.1");
	/* The address asked matches the IP entry; another name nothing. */
	mp_cert_seen_read(&seen, flight_of(chain, 2), "127.0.0.1", &store, NOW);
	assert_true(seen.matches);
	assert_int_equal(seen.findings, 0);
	mp_cert_seen_read(&seen, flight_of(chain, 2), "mail.localhost", &store,
	    NOW);
	assert_false(seen.matches);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_NAME));
	assert_true(seen.read);
}

/* The dates against the clock: soon to expire, expired, not yet valid. */
static void
test_dates_are_judged(void **state)
{
	static const int chain[] = { LEAF, INTER };
	struct mp_cert_seen seen;

	(void)state;
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", &store,
	    LEAF_END - 2 * DAY);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_EXPIRES_SOON));
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", &store,
	    LEAF_END + DAY);
	assert_true(seen.findings & MP_CERT_BIT(MP_CERT_EXPIRED));
	assert_true(seen.read);
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", &store,
	    1767225600 - DAY);
	assert_true(seen.findings & MP_CERT_BIT(MP_CERT_NOT_YET_VALID));
}

/* The issuer: known from the store, not judged without one. */
static void
test_issuer_with_and_without_a_store(void **state)
{
	static const int chain[] = { LEAF, INTER };
	static const int leaf_alone[] = { LEAF };
	static const int with_root[] = { LEAF, INTER, ROOT };
	static uint8_t other_storage[65536];
	struct mp_trust other;
	struct mp_cert_seen seen;

	(void)state;
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", NULL, NOW);
	assert_true(seen.read);
	assert_int_equal(seen.issuer_known, MP_ANSWER_UNKNOWN);
	assert_int_equal(seen.findings,
	    MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED));
	assert_false(seen.findings & MP_CERT_REFUSED);
	/*
	 * A store of another root.  The root not sent: openssl verify says
	 * 20, "unable to get local issuer certificate", as for a chain that
	 * lacks its intermediate; sent, 19, "self-signed certificate in
	 * certificate chain", an issuer the store does not know.
	 */
	mp_trust_init(&other, other_storage, sizeof other_storage);
	assert_true(mp_trust_add_file(&other, "tests/x509/chain-root.pem"));
	mp_cert_seen_read(&seen, flight_of(chain, 2), "localhost", &other, NOW);
	assert_int_equal(seen.issuer_known, MP_ANSWER_NO);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_INCOMPLETE_CHAIN));
	mp_cert_seen_read(&seen, flight_of(with_root, 3), "localhost", &other,
	    NOW);
	assert_int_equal(seen.issuer_known, MP_ANSWER_NO);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_UNKNOWN_ISSUER));
	assert_int_equal(seen.chain, 3);
	/* The root sent, and in the store: known. */
	mp_cert_seen_read(&seen, flight_of(with_root, 3), "localhost", &store,
	    NOW);
	assert_int_equal(seen.issuer_known, MP_ANSWER_YES);
	assert_int_equal(seen.findings, 0);
	/* The intermediate not sent: the chain is incomplete (20 too). */
	mp_cert_seen_read(&seen, flight_of(leaf_alone, 1), "localhost", &store,
	    NOW);
	assert_int_equal(seen.chain, 1);
	assert_int_equal(seen.issuer_known, MP_ANSWER_NO);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_INCOMPLETE_CHAIN));
	assert_true(seen.findings & MP_CERT_REFUSED);
}

/* The names: the SAN entries when there are some, else the CNs. */
static void
test_names_from_san_or_else_cn(void **state)
{
	static const int san[] = { SAN };
	static const int cn[] = { CN_ONLY };
	static const int many[] = { MANY, INTER };
	struct mp_cert_seen seen;

	(void)state;
	/* CN=mail.example.com is on it, but only the SAN entries count. */
	mp_cert_seen_read(&seen, flight_of(san, 1), "x.example.net", &store,
	    NOW);
	assert_int_equal(seen.nnames, 4);
	assert_int_equal(seen.names_total, 4);
	assert_string_equal(name_at(&seen, 0), "mail.example.com");
	assert_string_equal(name_at(&seen, 1), "*.example.net");
	assert_string_equal(name_at(&seen, 2), "192.0.2.1");
	assert_string_equal(name_at(&seen, 3), "2001:db8::1");
	assert_true(seen.matches);
	assert_true(seen.self_signed);
	assert_int_equal(seen.issuer_known, MP_ANSWER_NO);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_SELF_SIGNED));
	mp_cert_seen_read(&seen, flight_of(san, 1), "example.net", &store, NOW);
	assert_false(seen.matches);
	mp_cert_seen_read(&seen, flight_of(san, 1), "2001:db8::1", &store, NOW);
	assert_true(seen.matches);
	/* No SAN: the common name is the name. */
	mp_cert_seen_read(&seen, flight_of(cn, 1), "mail.test", NULL, NOW);
	assert_int_equal(seen.nnames, 1);
	assert_int_equal(seen.names_total, 1);
	assert_string_equal(name_at(&seen, 0), "mail.test");
	assert_true(seen.matches);
	assert_string_equal(seen.key, "EC P-256");
	/* Names past those kept are counted. */
	mp_cert_seen_read(&seen, flight_of(many, 2), "host3300.example", &store,
	    NOW);
	assert_int_equal(seen.nnames, MP_CERT_NAMES_MAX);
	assert_int_equal(seen.names_total, 3302);
	assert_string_equal(name_at(&seen, MP_CERT_NAMES_MAX - 1),
	    "host0014.example");
	assert_int_equal(seen.chain, 2);
}

/* A NUL inside a name: kept as its bytes, unusable, matching nothing. */
static void
test_nul_in_a_name_matches_nothing(void **state)
{
	static const int nul_cn[] = { NUL_CN };
	static const int nul_san[] = { NUL_SAN };
	static const char name[] = "mail.bank.example\0.evil.example";
	struct mp_cert_seen seen;

	(void)state;
	mp_cert_seen_read(&seen, flight_of(nul_cn, 1), "mail.bank.example",
	    &store, NOW);
	assert_true(seen.read);
	assert_int_equal(seen.nnames, 1);
	assert_false(seen.names[0].usable);
	assert_int_equal(seen.names[0].len, sizeof name - 1);
	assert_memory_equal(seen.names[0].bytes, name, sizeof name - 1);
	assert_false(seen.matches);
	assert_true(seen.findings & MP_CERT_BIT(MP_CERT_NAME));
	assert_string_equal(seen.subject,
	    "CN=mail.bank.example\\00.evil.example");
	mp_cert_seen_read(&seen, flight_of(nul_cn, 1),
	    "mail.bank.example.evil.example", &store, NOW);
	assert_false(seen.matches);
	mp_cert_seen_read(&seen, flight_of(nul_san, 1), "mail.bank.example",
	    &store, NOW);
	assert_true(seen.read);
	assert_false(seen.matches);
	/* Beside it, an iPAddress of 5 bytes: shown as such, unusable too. */
	assert_int_equal(seen.names_total, 2);
	assert_false(seen.names[0].usable);
	assert_false(seen.names[1].usable);
	assert_string_equal(name_at(&seen, 1), "(an address of 5 bytes)");
}

/*
 * A leaf that cannot be parsed, or has bytes after it: unread, though
 * the chain is counted; a certificate after the leaf that cannot be
 * parsed is passed over.  No Certificate message: unread, no chain.
 */
static void
test_unparsable_leaf_is_unread(void **state)
{
	static unsigned char longer[4096];
	struct flight_cert chain[3];
	struct mp_cert_seen seen;
	size_t len;

	(void)state;
	mp_cert_seen_read(&seen, read_bytes(flight(bytes, "tlsflight", false)),
	    "localhost", &store, NOW);
	assert_false(seen.read);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_UNREAD));
	assert_int_equal(seen.chain, 3);
	assert_string_equal(seen.subject, "");
	assert_int_equal(seen.nnames, 0);
	assert_int_equal(seen.issuer_known, MP_ANSWER_UNKNOWN);
	/* The leaf with a byte after its DER. */
	memcpy(longer, fixtures[LEAF].der, fixtures[LEAF].len);
	longer[fixtures[LEAF].len] = 0;
	chain[0].der = longer;
	chain[0].len = fixtures[LEAF].len + 1;
	chain[1] = fixtures[INTER];
	mp_cert_seen_read(&seen, read_bytes(flight_chain(bytes, chain, 2,
	    false, 16384)), "localhost", &store, NOW);
	assert_false(seen.read);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_UNREAD));
	/* The leaf cut short by a byte. */
	chain[0].len = fixtures[LEAF].len - 1;
	mp_cert_seen_read(&seen, read_bytes(flight_chain(bytes, chain, 2,
	    false, 16384)), "localhost", &store, NOW);
	assert_false(seen.read);
	/* Junk between the leaf and its issuer is passed over. */
	chain[0] = fixtures[LEAF];
	chain[1].der = (const unsigned char *)"\x30\x03\x02\x01";
	chain[1].len = 4;
	chain[2] = fixtures[INTER];
	mp_cert_seen_read(&seen, read_bytes(flight_chain(bytes, chain, 3,
	    false, 16384)), "localhost", &store, NOW);
	assert_true(seen.read);
	assert_int_equal(seen.chain, 3);
	assert_int_equal(seen.issuer_known, MP_ANSWER_YES);
	assert_int_equal(seen.findings, 0);
	/* A server of TLS 1.3 alone: no Certificate message in clear. */
	len = flight(bytes, "tls13only", true);
	mp_cert_seen_read(&seen, read_bytes(len), "localhost", &store, NOW);
	assert_false(seen.read);
	assert_int_equal(seen.chain, 0);
	assert_int_equal(seen.findings, MP_CERT_BIT(MP_CERT_UNREAD));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leaf_fields_are_openssls),
		cmocka_unit_test(test_dates_are_judged),
		cmocka_unit_test(test_issuer_with_and_without_a_store),
		cmocka_unit_test(test_names_from_san_or_else_cn),
		cmocka_unit_test(test_nul_in_a_name_matches_nothing),
		cmocka_unit_test(test_unparsable_leaf_is_unread),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

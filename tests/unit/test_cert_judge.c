/*
 * test_cert_judge.c - a server's certificates are judged as openssl
 * verify judges them: the name, the dates, the chain against the trust
 * store, the strength; and the verify code it would name.
 *
 * The chain-* fixtures of tests/x509/ were made once with OpenSSL 3.0:
 *   chain-root   openssl req -x509 -newkey rsa:2048 -sha256 -days 3650
 *                -subj '/O=Test CA/CN=Test Root R1' -addext
 *                basicConstraints=critical,CA:TRUE -addext
 *                subjectKeyIdentifier=hash  (also as chain-root.pem)
 *   chain-inter  /O=Test CA/CN=Test Intermediate I1, RSA 2048, signed by
 *                chain-root with openssl x509 -req -set_serial 2 -days
 *                1825 -sha256 and basicConstraints=critical,CA:TRUE,
 *                subjectKeyIdentifier=hash, authorityKeyIdentifier=keyid
 *   chain-leaf   /CN=mail.example.org, RSA 2048, signed by chain-inter
 *                with -set_serial 3 -days 90 and subjectAltName=DNS:
 *                mail.example.org,DNS:*.wild.example.org (with the
 *                key identifiers, CA:FALSE)
 *   chain-weak   /CN=weak.example.org, RSA 1024, signed by chain-inter
 *                with -set_serial 4 -days 90
 * rsa1024-sha1.pem is rsa1024-sha1.der as openssl x509 wrote it.
 * The codes expected are what openssl verify -CAfile STORE [-untrusted
 * SENT] -verify_hostname HOST [-attime T] printed for the same chain;
 * each case names its command.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cert_judge.h"
#include "len.h"

enum { ROOT, INTER, LEAF, WEAK, SELF, CA384, WEAK_SHA1, NFIXTURES };

static const char *const files[NFIXTURES] = {
	"chain-root.der", "chain-inter.der", "chain-leaf.der",
	"chain-weak.der", "rsa2048-san.der", "ca-p384.der",
	"rsa1024-sha1.der",
};

static uint8_t der[NFIXTURES][4096];
static struct mp_x509 certs[NFIXTURES];
static uint8_t storage[65536];
static struct mp_trust store;
/* A time within every fixture's validity. */
static int64_t now;

static int
setup(void **state)
{
	char path[256];
	size_t i, len, used;
	FILE *f;

	(void)state;
	for (i = 0; i < NFIXTURES; i++) {
		snprintf(path, sizeof path, "tests/x509/%s", files[i]);
		f = fopen(path, "rb");
		assert_non_null(f);
		len = fread(der[i], 1, sizeof der[i], f);
		fclose(f);
		assert_true(mp_x509_parse(der[i], len, &certs[i], &used));
		assert_int_equal(used, len);
	}
	now = certs[LEAF].not_before + 86400;
	return 0;
}

/* A store holding the fixtures' PEM files named. */
static const struct mp_trust *
store_of(const char *file)
{
	mp_trust_init(&store, storage, sizeof storage);
	assert_true(mp_trust_add_file(&store, file));
	assert_int_equal(store.nanchors, 1);
	return &store;
}

static unsigned
judge(const char *host, const int *which, size_t n,
    const struct mp_trust *trust, int64_t at)
{
	struct mp_cert_sent chain[8];
	size_t i;

	assert_true(n <= LEN(chain));
	for (i = 0; i < n; i++) {
		chain[i].x509 = &certs[which[i]];
		chain[i].der = der[which[i]];
	}
	return mp_cert_judge(host, chain, n, trust, at);
}

#define BIT(f)	MP_CERT_BIT(MP_CERT_##f)

static void
test_judge_accepts_a_chain_to_the_store(void **state)
{
	static const int sent[] = { LEAF, INTER };
	static const int with_root[] = { LEAF, INTER, ROOT };
	static const int shuffled[] = { LEAF, ROOT, INTER };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");

	(void)state;
	/* openssl verify -CAfile chain-root.pem -untrusted chain-inter.pem
	 * -verify_hostname mail.example.org chain-leaf.pem: OK */
	assert_int_equal(judge("mail.example.org", sent, 2, trust, now), 0);
	assert_int_equal(judge("MAIL.example.org", with_root, 3, trust, now),
	    0);
	assert_int_equal(judge("mail.example.org", shuffled, 3, trust, now),
	    0);
	/* -verify_hostname a.wild.example.org: OK */
	assert_int_equal(judge("a.wild.example.org", sent, 2, trust, now), 0);
	assert_int_equal(mp_cert_verify_code(0), 0);
}

static void
test_judge_accepts_a_self_signed_anchor(void **state)
{
	static const int sent[] = { SELF };
	const struct mp_trust *trust = store_of("tests/x509/rsa2048-san.pem");

	(void)state;
	/* openssl verify -CAfile rsa2048-san.pem -verify_hostname
	 * mail.example.com rsa2048-san.pem: OK */
	assert_int_equal(judge("mail.example.com", sent, 1, trust,
	    certs[SELF].not_before), 0);
}

static void
test_judge_finds_another_name(void **state)
{
	static const int sent[] = { LEAF, INTER };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");
	unsigned found;

	(void)state;
	/* -verify_hostname other.example.net, b.a.wild.example.org and
	 * wild.example.org: error 62 hostname mismatch */
	found = judge("other.example.net", sent, 2, trust, now);
	assert_int_equal(found, BIT(NAME));
	assert_int_equal(mp_cert_verify_code(found), 62);
	assert_int_equal(judge("b.a.wild.example.org", sent, 2, trust, now),
	    BIT(NAME));
	assert_int_equal(judge("wild.example.org", sent, 2, trust, now),
	    BIT(NAME));
	assert_int_equal(judge("192.0.2.1", sent, 2, trust, now), BIT(NAME));
}

static void
test_judge_finds_dates(void **state)
{
	static const int sent[] = { LEAF, INTER };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");
	unsigned found;

	(void)state;
	/* -attime notBefore-10: error 9 certificate is not yet valid */
	found = judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_before - 10);
	assert_int_equal(found, BIT(NOT_YET_VALID));
	assert_int_equal(mp_cert_verify_code(found), 9);
	/* -attime notAfter+10: error 10 certificate has expired */
	found = judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after + 10);
	assert_int_equal(found, BIT(EXPIRED));
	assert_int_equal(mp_cert_verify_code(found), 10);
	/* The last second is still valid, as X509_cmp_time has it. */
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after), BIT(EXPIRES_SOON));
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after - MP_CERT_SOON + 1), BIT(EXPIRES_SOON));
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after - MP_CERT_SOON), 0);
	assert_int_equal(mp_cert_verify_code(BIT(EXPIRES_SOON)), 0);
	/* -verify_hostname other.example.org -attime notAfter+10: 62, the
	 * name coming before the dates */
	found = judge("other.example.org", sent, 2, trust,
	    certs[LEAF].not_after + 10);
	assert_int_equal(found, BIT(NAME) | BIT(EXPIRED));
	assert_int_equal(mp_cert_verify_code(found), 62);
	/* An intermediate's dates count too. */
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[INTER].not_after + 10) & BIT(EXPIRED), BIT(EXPIRED));
}

static void
test_judge_finds_an_incomplete_chain(void **state)
{
	static const int sent[] = { LEAF };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");
	unsigned found;

	(void)state;
	/* openssl verify -CAfile chain-root.pem chain-leaf.pem: error 20
	 * unable to get local issuer certificate */
	found = judge("mail.example.org", sent, 1, trust, now);
	assert_int_equal(found, BIT(INCOMPLETE_CHAIN));
	assert_int_equal(mp_cert_verify_code(found), 20);
	/* The same with -verify_hostname other.example.org and -attime
	 * past notAfter: still 20, the chain coming first. */
	found = judge("other.example.org", sent, 1, trust,
	    certs[LEAF].not_after + 10);
	assert_int_equal(found,
	    BIT(INCOMPLETE_CHAIN) | BIT(NAME) | BIT(EXPIRED));
	assert_int_equal(mp_cert_verify_code(found), 20);
}

static void
test_judge_finds_an_unknown_issuer(void **state)
{
	static const int sent[] = { LEAF, INTER, ROOT };
	const struct mp_trust *trust = store_of("tests/x509/ca-p384.pem");
	unsigned found;

	(void)state;
	/* openssl verify -CAfile ca-p384.pem -untrusted chain-root.pem
	 * -untrusted chain-inter.pem -verify_hostname mail.example.org
	 * chain-leaf.pem: error 19 self-signed certificate in certificate
	 * chain */
	found = judge("mail.example.org", sent, 3, trust, now);
	assert_int_equal(found, BIT(UNKNOWN_ISSUER));
	assert_int_equal(mp_cert_verify_code(found), 19);
}

static void
test_judge_finds_self_signed(void **state)
{
	static const int sent[] = { SELF };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");
	unsigned found;

	(void)state;
	/* openssl verify -CAfile chain-root.pem -verify_hostname
	 * mail.example.com rsa2048-san.pem: error 18 self-signed
	 * certificate */
	found = judge("mail.example.com", sent, 1, trust,
	    certs[SELF].not_before);
	assert_int_equal(found, BIT(SELF_SIGNED));
	assert_int_equal(mp_cert_verify_code(found), 18);
	/* Without a store too: nothing vouches for it there. */
	assert_int_equal(judge("mail.example.com", sent, 1, NULL,
	    certs[SELF].not_before), BIT(SELF_SIGNED));
}

static void
test_judge_finds_weak_keys_and_signatures(void **state)
{
	static const int weak[] = { WEAK, INTER };
	static const int sha1[] = { WEAK_SHA1 };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");
	unsigned found;

	(void)state;
	/* openssl verify at its default level accepts RSA 1024 (OK): the
	 * finding is ours, and names no verify code. */
	found = judge("weak.example.org", weak, 2, trust, now);
	assert_int_equal(found, BIT(WEAK));
	assert_int_equal(mp_cert_verify_code(found), 0);
	/* RSA 1024 and sha1WithRSAEncryption, self-signed. */
	found = judge("weak.example", sha1, 1, trust,
	    certs[WEAK_SHA1].not_before);
	assert_int_equal(found, BIT(WEAK) | BIT(SELF_SIGNED));
}

static void
test_judge_spares_an_anchors_signature(void **state)
{
	struct mp_x509 strong = certs[WEAK_SHA1];
	struct mp_cert_sent chain = { &strong, der[WEAK_SHA1] };

	(void)state;
	/* The store holding the certificate itself: its SHA-1 self
	 * signature is never checked, its key still counts. */
	store_of("tests/x509/rsa1024-sha1.pem");
	strong.key_bits = 2048;
	assert_int_equal(mp_cert_judge("weak.example", &chain, 1, &store,
	    strong.not_before), 0);
	strong.key_bits = 1024;
	assert_int_equal(mp_cert_judge("weak.example", &chain, 1, &store,
	    strong.not_before), BIT(WEAK));
	/* Not held: the signature counts. */
	strong.key_bits = 2048;
	assert_int_equal(mp_cert_judge("weak.example", &chain, 1, NULL,
	    strong.not_before), BIT(WEAK) | BIT(SELF_SIGNED));
}

static void
test_judge_without_store_does_not_judge_the_issuer(void **state)
{
	static const int sent[] = { LEAF, INTER };
	static const int with_root[] = { LEAF, INTER, ROOT };
	unsigned found;

	(void)state;
	found = judge("mail.example.org", sent, 2, NULL, now);
	assert_int_equal(found, BIT(ISSUER_NOT_JUDGED));
	assert_int_equal(mp_cert_verify_code(found), -1);
	assert_int_equal(judge("mail.example.org", with_root, 3, NULL, now),
	    BIT(ISSUER_NOT_JUDGED));
	assert_int_equal(judge("other.example.org", sent, 2, NULL, now),
	    BIT(ISSUER_NOT_JUDGED) | BIT(NAME));
}

static void
test_judge_without_certificate_reads_nothing(void **state)
{
	(void)state;
	assert_int_equal(mp_cert_judge("mail.example.org", NULL, 0, NULL, now),
	    BIT(UNREAD));
	assert_int_equal(mp_cert_verify_code(BIT(UNREAD)), -1);
}

static void
test_judge_ends_a_loop_of_issuers(void **state)
{
	struct mp_x509 a = certs[INTER], b = certs[INTER];
	struct mp_cert_sent chain[3];
	const struct mp_trust *trust = store_of("tests/x509/ca-p384.pem");

	(void)state;
	/* Two intermediates naming each other as issuer, neither
	 * self-issued: the walk stops after as many steps as certificates. */
	a.issuer_der = a.subject_der;
	a.authority_key_id.len = 0;
	a.self_issued = false;
	b.issuer_der = b.subject_der;
	b.authority_key_id.len = 0;
	b.self_issued = false;
	chain[0] = (struct mp_cert_sent){ &certs[LEAF], der[LEAF] };
	chain[1] = (struct mp_cert_sent){ &a, der[INTER] };
	chain[2] = (struct mp_cert_sent){ &b, der[INTER] };
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 3, trust,
	    now), BIT(INCOMPLETE_CHAIN));
}

static void
test_finding_keys_and_texts(void **state)
{
	(void)state;
	assert_string_equal(mp_cert_finding_key(MP_CERT_NAME), "cert-name");
	assert_string_equal(mp_cert_finding_key(MP_CERT_INCOMPLETE_CHAIN),
	    "cert-incomplete-chain");
	assert_string_equal(mp_cert_finding_text(MP_CERT_NAME),
	    "the certificate is made out to another name");
	assert_null(mp_cert_finding_key(MP_CERT_NFINDINGS));
	assert_null(mp_cert_finding_text(MP_CERT_NFINDINGS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge_accepts_a_chain_to_the_store),
		cmocka_unit_test(test_judge_accepts_a_self_signed_anchor),
		cmocka_unit_test(test_judge_finds_another_name),
		cmocka_unit_test(test_judge_finds_dates),
		cmocka_unit_test(test_judge_finds_an_incomplete_chain),
		cmocka_unit_test(test_judge_finds_an_unknown_issuer),
		cmocka_unit_test(test_judge_finds_self_signed),
		cmocka_unit_test(test_judge_finds_weak_keys_and_signatures),
		cmocka_unit_test(test_judge_spares_an_anchors_signature),
		cmocka_unit_test(
		    test_judge_without_store_does_not_judge_the_issuer),
		cmocka_unit_test(test_judge_without_certificate_reads_nothing),
		cmocka_unit_test(test_judge_ends_a_loop_of_issuers),
		cmocka_unit_test(test_finding_keys_and_texts),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

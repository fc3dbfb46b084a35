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
 * SENT] -verify_hostname HOST [-attime T] printed for the same chain,
 * as the table of cases gives them.
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

/* The times a case is judged at. */
enum at { NOW, EARLY, LATE, SELF_START, SHA1_START };

static int64_t
time_of(enum at at)
{
	switch (at) {
	case EARLY:
		return certs[LEAF].not_before - 10;
	case LATE:
		return certs[LEAF].not_after + 10;
	case SELF_START:
		return certs[SELF].not_before;
	case SHA1_START:
		return certs[WEAK_SHA1].not_before;
	default:
		return now;
	}
}

/*
 * Each row: the chain sent (leaf first, -1 ends it), the store, the host,
 * the time, and what openssl verify -CAfile STORE -untrusted (the others
 * sent) -verify_hostname HOST [-attime T] LEAF answered, and our findings.
 */
static const struct {
	int		 sent[4];
	const char	*store;
	const char	*host;
	enum at		 at;
	int		 code;
	unsigned	 found;
} cases[] = {
	/* A chain to the store, wildcards, case. */
	{ { LEAF, INTER, -1 }, "chain-root.pem", "mail.example.org", NOW,
	    0, 0 },
	{ { LEAF, INTER, ROOT, -1 }, "chain-root.pem", "MAIL.example.org",
	    NOW, 0, 0 },
	{ { LEAF, ROOT, INTER, -1 }, "chain-root.pem", "mail.example.org",
	    NOW, 0, 0 },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "a.wild.example.org", NOW,
	    0, 0 },
	/* A self-signed certificate the store holds. */
	{ { SELF, -1 }, "rsa2048-san.pem", "mail.example.com", SELF_START,
	    0, 0 },
	/* Another name: a hoster's, a wildcard too deep or not covering the
	 * bare domain, an address. */
	{ { LEAF, INTER, -1 }, "chain-root.pem", "other.example.net", NOW,
	    62, BIT(NAME) },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "b.a.wild.example.org", NOW,
	    62, BIT(NAME) },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "wild.example.org", NOW,
	    62, BIT(NAME) },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "192.0.2.1", NOW,
	    62, BIT(NAME) },
	/* Dates, and the name before them. */
	{ { LEAF, INTER, -1 }, "chain-root.pem", "mail.example.org", EARLY,
	    9, BIT(NOT_YET_VALID) },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "mail.example.org", LATE,
	    10, BIT(EXPIRED) },
	{ { LEAF, INTER, -1 }, "chain-root.pem", "other.example.org", LATE,
	    62, BIT(NAME) | BIT(EXPIRED) },
	/* The intermediate not sent; the chain comes before name and date. */
	{ { LEAF, -1 }, "chain-root.pem", "mail.example.org", NOW,
	    20, BIT(INCOMPLETE_CHAIN) },
	{ { LEAF, -1 }, "chain-root.pem", "other.example.org", LATE,
	    20, BIT(INCOMPLETE_CHAIN) | BIT(NAME) | BIT(EXPIRED) },
	/* A root the store lacks, sent along. */
	{ { LEAF, INTER, ROOT, -1 }, "ca-p384.pem", "mail.example.org", NOW,
	    19, BIT(UNKNOWN_ISSUER) },
	/* Self-signed. */
	{ { SELF, -1 }, "chain-root.pem", "mail.example.com", SELF_START,
	    18, BIT(SELF_SIGNED) },
	/* RSA 1024: openssl verify at its default level accepts it, so the
	 * finding is ours alone; with SHA-1 too, self-signed. */
	{ { WEAK, INTER, -1 }, "chain-root.pem", "weak.example.org", NOW,
	    0, BIT(WEAK) },
	{ { WEAK_SHA1, -1 }, "chain-root.pem", "weak.example", SHA1_START,
	    18, BIT(WEAK) | BIT(SELF_SIGNED) },
};

static void
test_judge_agrees_with_openssl_verify(void **state)
{
	char path[256];
	unsigned found;
	size_t i, n;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		for (n = 0; n < LEN(cases[i].sent) && cases[i].sent[n] >= 0; n++)
			;
		snprintf(path, sizeof path, "tests/x509/%s", cases[i].store);
		found = judge(cases[i].host, cases[i].sent, n, store_of(path),
		    time_of(cases[i].at));
		if (found != cases[i].found ||
		    mp_cert_verify_code(found) != cases[i].code)
			fail_msg("case %zu (%s): findings %#x, code %d", i,
			    cases[i].host, found, mp_cert_verify_code(found));
	}
}

static void
test_judge_finds_dates_at_their_edges(void **state)
{
	static const int sent[] = { LEAF, INTER };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");

	(void)state;
	/* The last second is still valid, as X509_cmp_time has it. */
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after), BIT(EXPIRES_SOON));
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after - MP_CERT_SOON + 1), BIT(EXPIRES_SOON));
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[LEAF].not_after - MP_CERT_SOON), 0);
	assert_int_equal(mp_cert_verify_code(BIT(EXPIRES_SOON)), 0);
	/* An intermediate's dates count too. */
	assert_int_equal(judge("mail.example.org", sent, 2, trust,
	    certs[INTER].not_after + 10) & BIT(EXPIRED), BIT(EXPIRED));
}

static void
test_judge_finds_self_signed_without_store(void **state)
{
	static const int sent[] = { SELF };

	(void)state;
	/* Nothing vouches for it on a machine without a store. */
	assert_int_equal(judge("mail.example.com", sent, 1, NULL,
	    certs[SELF].not_before), BIT(SELF_SIGNED));
}

static void
test_judge_weighs_keys_and_signature_names(void **state)
{
	struct mp_x509 leaf = certs[LEAF];
	struct mp_cert_sent chain[2] = { { &leaf, der[LEAF] },
		{ &certs[INTER], der[INTER] } };
	const struct mp_trust *trust = store_of("tests/x509/chain-root.pem");

	(void)state;
	snprintf(leaf.signature, sizeof leaf.signature, "md5WithRSAEncryption");
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 2, trust,
	    now), BIT(WEAK));
	snprintf(leaf.signature, sizeof leaf.signature, "ecdsa-with-SHA1");
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 2, trust,
	    now), BIT(WEAK));
	memset(leaf.signature, 'a', sizeof leaf.signature - 1);
	leaf.signature[sizeof leaf.signature - 1] = '\0';
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 2, trust,
	    now), 0);
	leaf.key = MP_X509_KEY_RSA_PSS;
	leaf.key_bits = 1024;
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 2, trust,
	    now), BIT(WEAK));
	/* Only RSA keys are weighed by their bits. */
	leaf.key = MP_X509_KEY_EC;
	leaf.key_bits = 256;
	assert_int_equal(mp_cert_judge("mail.example.org", chain, 2, trust,
	    now), 0);
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
		cmocka_unit_test(test_judge_agrees_with_openssl_verify),
		cmocka_unit_test(test_judge_finds_dates_at_their_edges),
		cmocka_unit_test(test_judge_finds_self_signed_without_store),
		cmocka_unit_test(test_judge_weighs_keys_and_signature_names),
		cmocka_unit_test(test_judge_spares_an_anchors_signature),
		cmocka_unit_test(
		    test_judge_without_store_does_not_judge_the_issuer),
		cmocka_unit_test(test_judge_without_certificate_reads_nothing),
		cmocka_unit_test(test_judge_ends_a_loop_of_issuers),
		cmocka_unit_test(test_finding_keys_and_texts),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

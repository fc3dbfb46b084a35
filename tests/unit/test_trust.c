/*
 * test_trust.c - PEM bundles are read strictly and within bounds, the
 * store is found where OpenSSL finds it, and an issuer is looked up by
 * its name and key identifier.
 *
 * The PEM fixtures of tests/x509/ are the DER ones of the same name as
 * openssl x509 -inform DER -in NAME.der -out NAME.pem wrote them
 * (OpenSSL 3.0): ca-p384 is the test CA, ed25519-leaf a certificate it
 * issued, rsa2048-san one that is self-signed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "len.h"
#include "trust.h"

/* Text assembled for a test: blocks, comments, hostile bytes. */
struct text {
	uint8_t	b[1 << 20];
	size_t	n;
};

static struct mp_trust store;
static uint8_t storage[MP_TRUST_FILE_MAX];
static struct text text, ca_pem, leaf_pem, self_pem;
static uint8_t leaf_der[4096], self_der[4096];
static size_t leaf_len, self_len;
static struct mp_x509 leaf, self;

static void
load(const char *file, uint8_t *out, size_t size, size_t *len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "tests/x509/%s", file);
	f = fopen(path, "rb");
	assert_non_null(f);
	*len = fread(out, 1, size, f);
	fclose(f);
	assert_true(*len > 0);
}

static void
put(struct text *t, const void *bytes, size_t len)
{
	assert_true(len <= sizeof t->b - t->n);
	memcpy(t->b + t->n, bytes, len);
	t->n += len;
}

static void
puts_text(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

static int
setup(void **state)
{
	size_t used;

	(void)state;
	load("ca-p384.pem", ca_pem.b, sizeof ca_pem.b, &ca_pem.n);
	load("ed25519-leaf.pem", leaf_pem.b, sizeof leaf_pem.b, &leaf_pem.n);
	load("rsa2048-san.pem", self_pem.b, sizeof self_pem.b, &self_pem.n);
	load("ed25519-leaf.der", leaf_der, sizeof leaf_der, &leaf_len);
	load("rsa2048-san.der", self_der, sizeof self_der, &self_len);
	assert_true(mp_x509_parse(leaf_der, leaf_len, &leaf, &used));
	assert_true(mp_x509_parse(self_der, self_len, &self, &used));
	return 0;
}

static int
fresh(void **state)
{
	(void)state;
	mp_trust_init(&store, storage, sizeof storage);
	text.n = 0;
	return 0;
}

/* The body of a fixture: the lines between its BEGIN and END lines. */
static void
body_of(const struct text *pem, const uint8_t **body, size_t *len)
{
	const uint8_t *start = (const uint8_t *)memchr(pem->b, '\n', pem->n) + 1;
	const char *end = strstr((const char *)start, "-----END");

	assert_non_null(end);
	*body = start;
	*len = (size_t)((const uint8_t *)end - start);
}

/* A block made of the given body, between the markers. */
static void
block(struct text *t, const void *body, size_t len)
{
	puts_text(t, "-----BEGIN CERTIFICATE-----\n");
	put(t, body, len);
	puts_text(t, "-----END CERTIFICATE-----\n");
}

static size_t
add_text(void)
{
	return mp_trust_add_pem(&store, text.b, text.n);
}

static void
test_add_pem_reads_a_certificate(void **state)
{
	(void)state;
	assert_int_equal(mp_trust_add_pem(&store, ca_pem.b, ca_pem.n), 1);
	assert_int_equal(store.nanchors, 1);
	assert_int_equal(store.skipped, 0);
	assert_int_equal(store.anchors[0].der.len, 483);
	assert_true(store.anchors[0].subject_key_id.len > 0);
	assert_non_null(mp_trust_issuer(&store, &leaf, leaf_der));
	assert_null(mp_trust_issuer(&store, &self, self_der));
	assert_false(mp_trust_holds(&store, &leaf, leaf_der));
}

static void
test_add_pem_keeps_blocks_among_other_text(void **state)
{
	(void)state;
	puts_text(&text, "# Test Root\n-----BEGIN PRIVATE KEY-----\nAAAA\n"
	    "-----END PRIVATE KEY-----\n");
	put(&text, ca_pem.b, ca_pem.n);
	puts_text(&text, "\n\n");
	put(&text, self_pem.b, self_pem.n);
	assert_int_equal(add_text(), 2);
	assert_int_equal(store.skipped, 0);
	assert_true(mp_trust_holds(&store, &self, self_der));
	assert_false(mp_trust_holds(&store, &leaf, leaf_der));
	/* A self-signed certificate is its own issuer. */
	assert_ptr_equal(mp_trust_issuer(&store, &self, self_der),
	    &store.anchors[1]);
}

static void
test_add_pem_takes_crlf_lines(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ca_pem.n; i++) {
		if (ca_pem.b[i] == '\n')
			put(&text, "\r", 1);
		put(&text, ca_pem.b + i, 1);
	}
	assert_int_equal(add_text(), 1);
}

static void
test_add_pem_decodes_in_place(void **state)
{
	(void)state;
	memcpy(storage, self_pem.b, self_pem.n);
	memcpy(storage + self_pem.n, ca_pem.b, ca_pem.n);
	assert_int_equal(mp_trust_add_pem(&store, storage,
	    self_pem.n + ca_pem.n), 2);
	assert_true(mp_trust_holds(&store, &self, self_der));
	assert_non_null(mp_trust_issuer(&store, &leaf, leaf_der));
}

static void
test_issuer_needs_the_key_identifier(void **state)
{
	struct mp_x509 other = leaf;

	(void)state;
	assert_int_equal(mp_trust_add_pem(&store, ca_pem.b, ca_pem.n), 1);
	/* Another key identifier of the same length: not this CA. */
	other.authority_key_id.off = other.serial.off;
	other.authority_key_id.len = 2;
	assert_null(mp_trust_issuer(&store, &other, leaf_der));
	other.authority_key_id = leaf.authority_key_id;
	other.authority_key_id.off++;
	assert_null(mp_trust_issuer(&store, &other, leaf_der));
	/* Without one, the name decides. */
	other.authority_key_id.len = 0;
	assert_non_null(mp_trust_issuer(&store, &other, leaf_der));
}

static void
test_add_pem_skips_a_block_without_end(void **state)
{
	const uint8_t *body;
	size_t len;

	(void)state;
	body_of(&ca_pem, &body, &len);
	/* The next BEGIN line ends it, and that block is read. */
	puts_text(&text, "-----BEGIN CERTIFICATE-----\n");
	put(&text, body, len);
	put(&text, ca_pem.b, ca_pem.n);
	assert_int_equal(add_text(), 1);
	assert_int_equal(store.skipped, 1);
	/* At the end of the text. */
	text.n = 0;
	puts_text(&text, "-----BEGIN CERTIFICATE-----\n");
	put(&text, body, len);
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, 2);
	text.n = 0;
	puts_text(&text, "-----BEGIN CERTIFICATE-----");
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, 3);
}

static void
test_add_pem_skips_bad_base64(void **state)
{
	static const char *const bodies[] = {
		"",			/* empty */
		"\n",
		"QUJD!\n",		/* not in the alphabet */
		"QU JD\n",		/* a space */
		"QUJ\n",		/* not a multiple of four */
		"QQ=A\n",		/* data after the padding */
		"Q===\n",		/* too much padding */
		"QUI=QUJD\n",		/* padding inside */
		"QUJ=\n",		/* padded-over bits not zero */
		"QR==\n",
		"QUJD\rQUJD\n",		/* a CR alone */
		"QUI=\n",		/* good base64, not a certificate */
		"QQ==\n",
		"QUJD\r\n",
		"QUJ{\n",		/* just past the alphabet's ranges */
		"QUJ:\n",
		"QU[D\n",
		"+/+/\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(bodies); i++)
		block(&text, bodies[i], strlen(bodies[i]));
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, LEN(bodies));
	assert_int_equal(store.used, 0);
}

static void
test_add_pem_skips_nul_and_damage(void **state)
{
	const uint8_t *body;
	uint8_t copy[2048];
	size_t len;

	(void)state;
	body_of(&ca_pem, &body, &len);
	assert_true(len < sizeof copy);
	memcpy(copy, body, len);
	copy[10] = '\0';
	block(&text, copy, len);
	/* A character changed: base64 still, but no longer a certificate. */
	memcpy(copy, body, len);
	copy[0] = 'A';
	block(&text, copy, len);
	/* The certificate and more bytes after it. */
	memcpy(copy, body, len);
	memcpy(copy + len - 1, "AAAA\n", 5);
	block(&text, copy, len + 4);
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, 3);
}

static void
test_add_pem_skips_a_huge_block(void **state)
{
	size_t i;

	(void)state;
	puts_text(&text, "-----BEGIN CERTIFICATE-----\n");
	for (i = 0; i < MP_TRUST_BLOCK_MAX / 64 + 1; i++)
		puts_text(&text, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
	puts_text(&text, "-----END CERTIFICATE-----\n");
	put(&text, ca_pem.b, ca_pem.n);
	assert_int_equal(add_text(), 1);
	assert_int_equal(store.skipped, 1);
}

static void
test_add_pem_needs_exact_markers(void **state)
{
	(void)state;
	puts_text(&text, "-----BEGIN CERTIFICATE-----X\nQUJD\n"
	    "-----END CERTIFICATE-----\n -----BEGIN CERTIFICATE-----\n");
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, 0);
	text.n = 0;
	/* An END line with more on it does not end the block. */
	puts_text(&text, "-----BEGIN CERTIFICATE-----\nQUJD\n"
	    "-----END CERTIFICATE-----X\n");
	assert_int_equal(add_text(), 0);
	assert_int_equal(store.skipped, 1);
}

static void
test_add_pem_is_bounded_by_count(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < MP_TRUST_ANCHORS_MAX + 2; i++)
		put(&text, ca_pem.b, ca_pem.n);
	assert_int_equal(add_text(), MP_TRUST_ANCHORS_MAX);
	assert_int_equal(store.nanchors, MP_TRUST_ANCHORS_MAX);
	assert_int_equal(store.skipped, 2);
}

static void
test_add_pem_is_bounded_by_room(void **state)
{
	static uint8_t small[600];

	(void)state;
	mp_trust_init(&store, small, sizeof small);
	put(&text, ca_pem.b, ca_pem.n);
	put(&text, ca_pem.b, ca_pem.n);
	assert_int_equal(add_text(), 1);
	assert_int_equal(store.skipped, 1);
	assert_true(store.used <= sizeof small);
}

static void
test_load_follows_ssl_cert_file(void **state)
{
	const char *where;

	(void)state;
	assert_int_equal(mp_trust_load(&store, "tests/x509/ca-p384.pem",
	    "/nonexistent", mp_trust_bundles, &where), MP_TRUST_LOADED);
	assert_string_equal(where, "tests/x509/ca-p384.pem");
	assert_int_equal(store.nanchors, 1);
	assert_non_null(mp_trust_issuer(&store, &leaf, leaf_der));
}

static void
test_load_reads_no_ssl_cert_dir(void **state)
{
	const char *where;

	(void)state;
	assert_int_equal(mp_trust_load(&store, "", "tests/x509",
	    mp_trust_bundles, &where), MP_TRUST_NONE);
	assert_null(where);
	assert_int_equal(store.nanchors, 0);
}

static void
test_load_tries_the_bundles_in_order(void **state)
{
	static const char *const bundles[] = { "/nonexistent/a.crt",
		"tests/x509/rsa2048-san.pem", "tests/x509/ca-p384.pem", NULL };
	const char *where;

	(void)state;
	assert_int_equal(mp_trust_load(&store, NULL, NULL, bundles, &where),
	    MP_TRUST_LOADED);
	assert_string_equal(where, "tests/x509/rsa2048-san.pem");
	assert_int_equal(store.nanchors, 1);
	assert_true(mp_trust_holds(&store, &self, self_der));
}

static void
test_load_needs_a_regular_file(void **state)
{
	const char *where;

	(void)state;
	/* A device is not read (it could be endless); a file is, even
	 * when it holds no certificate. */
	assert_int_equal(mp_trust_load(&store, "/dev/zero", NULL,
	    mp_trust_bundles, &where), MP_TRUST_NONE);
	assert_int_equal(mp_trust_load(&store, "tests/x509/ca-p384.der",
	    NULL, mp_trust_bundles, &where), MP_TRUST_LOADED);
	assert_int_equal(store.nanchors, 0);
}

static void
test_load_finds_no_store(void **state)
{
	static const char *const none[] = { "/nonexistent/a.crt", NULL };
	const char *where = "x";

	(void)state;
	assert_int_equal(mp_trust_load(&store, "/nonexistent/ca.pem",
	    "tests/x509", none, &where), MP_TRUST_NONE);
	assert_null(where);
	assert_int_equal(store.unread, 1);
	assert_int_equal(mp_trust_load(&store, NULL, "/nonexistent", none,
	    &where), MP_TRUST_NONE);
	assert_int_equal(mp_trust_load(&store, NULL, "", none, &where),
	    MP_TRUST_NONE);
	/* A directory named as the file. */
	assert_int_equal(mp_trust_load(&store, "tests/x509", NULL, none,
	    &where), MP_TRUST_NONE);
	assert_null(where);
}

static void
test_add_file_refuses_what_does_not_fit(void **state)
{
	static uint8_t small[1000];

	(void)state;
	mp_trust_init(&store, small, sizeof small);
	assert_false(mp_trust_add_file(&store, "tests/x509/rsa2048-san.pem"));
	assert_int_equal(store.unread, 1);
	assert_true(mp_trust_add_file(&store, "tests/x509/ca-p384.pem"));
	assert_int_equal(store.nanchors, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add_pem_reads_a_certificate, fresh),
		cmocka_unit_test_setup(test_add_pem_keeps_blocks_among_other_text,
		    fresh),
		cmocka_unit_test_setup(test_add_pem_takes_crlf_lines, fresh),
		cmocka_unit_test_setup(test_add_pem_decodes_in_place, fresh),
		cmocka_unit_test_setup(test_issuer_needs_the_key_identifier,
		    fresh),
		cmocka_unit_test_setup(test_load_follows_ssl_cert_file, fresh),
		cmocka_unit_test_setup(
		    test_load_reads_no_ssl_cert_dir, fresh),
		cmocka_unit_test_setup(test_load_tries_the_bundles_in_order,
		    fresh),
		cmocka_unit_test_setup(test_load_needs_a_regular_file, fresh),
		cmocka_unit_test_setup(test_add_pem_skips_a_block_without_end,
		    fresh),
		cmocka_unit_test_setup(test_add_pem_skips_bad_base64, fresh),
		cmocka_unit_test_setup(test_add_pem_skips_nul_and_damage, fresh),
		cmocka_unit_test_setup(test_add_pem_skips_a_huge_block, fresh),
		cmocka_unit_test_setup(test_add_pem_needs_exact_markers, fresh),
		cmocka_unit_test_setup(test_add_pem_is_bounded_by_count, fresh),
		cmocka_unit_test_setup(test_add_pem_is_bounded_by_room, fresh),
		cmocka_unit_test_setup(test_load_finds_no_store, fresh),
		cmocka_unit_test_setup(test_add_file_refuses_what_does_not_fit,
		    fresh),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

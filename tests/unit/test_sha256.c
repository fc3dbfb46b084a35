/*
 * test_sha256.c - SHA-256 gives the digests of FIPS 180-4's examples and
 * of NIST's test vectors (the "SHA-256 ShortMsg" and "LongMsg" sets),
 * whether the bytes come at once or a few at a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "len.h"
#include "sha256.h"

static void
hex_of(const void *data, size_t len, char hex[MP_SHA256_HEX_SIZE])
{
	uint8_t digest[MP_SHA256_SIZE];

	mp_sha256(data, len, digest);
	mp_sha256_hex(digest, hex);
}

static void
test_sha256_gives_the_fips_examples(void **state)
{
	static const struct {
		const char	*text;
		const char	*digest;
	} rows[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[MP_SHA256_HEX_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		hex_of(rows[i].text, strlen(rows[i].text), hex);
		assert_string_equal(hex, rows[i].digest);
	}
}

static void
test_sha256_gives_the_nist_short_vectors(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*digest;
	} rows[] = {
		{ "\xd3", 1, "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1" },
		{ "\x11\xaf", 2, "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98" },
		{ "\x74\xba\x25\x21", 4, "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e" },
	};
	char hex[MP_SHA256_HEX_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		hex_of(rows[i].bytes, rows[i].len, hex);
		assert_string_equal(hex, rows[i].digest);
	}
}

/* Lengths about the block and the padding's edges: 55, 56 and 64 bytes
 * need one, two and two blocks of padding; digests from sha256sum(1). */
static void
test_sha256_pads_at_the_block_edges(void **state)
{
	static const struct {
		size_t		 len;
		const char	*digest;
	} rows[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	};
	static char a[1000000];
	char hex[MP_SHA256_HEX_SIZE];
	size_t i;

	(void)state;
	memset(a, 'a', sizeof a);
	for (i = 0; i < LEN(rows); i++) {
		hex_of(a, rows[i].len, hex);
		assert_string_equal(hex, rows[i].digest);
	}
}

static void
test_sha256_in_pieces_gives_the_same(void **state)
{
	static const char text[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t digest[MP_SHA256_SIZE];
	char hex[MP_SHA256_HEX_SIZE];
	struct mp_sha256 s;
	size_t i, step;

	(void)state;
	for (step = 1; step < sizeof text; step += 6) {
		mp_sha256_init(&s);
		for (i = 0; i < sizeof text - 1; i += step)
			mp_sha256_update(&s, text + i, sizeof text - 1 - i < step ?
			    sizeof text - 1 - i : step);
		mp_sha256_update(&s, text, 0);
		mp_sha256_final(&s, digest);
		mp_sha256_hex(digest, hex);
		assert_string_equal(hex,
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_gives_the_fips_examples),
		cmocka_unit_test(test_sha256_gives_the_nist_short_vectors),
		cmocka_unit_test(test_sha256_pads_at_the_block_edges),
		cmocka_unit_test(test_sha256_in_pieces_gives_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

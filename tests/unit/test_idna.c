/*
 * test_idna.c - UTF-8 is read strictly and domain names get the A-labels
 * that RFC 3492 and RFC 5891 give them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "idna.h"
#include "len.h"

static void
test_utf8_next_reads_well_formed_sequences(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		uint32_t	 cp;
	} rows[] = {
		{ "a", 1, 'a' },
		{ "\xc2\xa0", 2, 0xa0 },
		{ "\xc3\xbc", 2, 0xfc },
		{ "\xdf\xbf", 2, 0x7ff },
		{ "\xe0\xa0\x80", 3, 0x800 },
		{ "\xe4\xbe\x8b", 3, 0x4f8b },
		{ "\xed\x9f\xbf", 3, 0xd7ff },
		{ "\xee\x80\x80", 3, 0xe000 },
		{ "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		uint32_t cp = 0;

		assert_int_equal(mp_utf8_next(rows[i].bytes, rows[i].len, &cp),
		    rows[i].len);
		assert_int_equal(cp, rows[i].cp);
	}
}

static void
test_utf8_next_refuses_ill_formed_sequences(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
	} rows[] = {
		{ "\x80", 1 },			/* a stray continuation */
		{ "\xbf", 1 },
		{ "\xc0\x80", 2 },		/* overlong NUL */
		{ "\xc1\xbf", 2 },		/* overlong DEL */
		{ "\xe0\x80\x80", 3 },		/* overlong, three bytes */
		{ "\xe0\x9f\xbf", 3 },
		{ "\xf0\x80\x80\x80", 4 },	/* overlong, four bytes */
		{ "\xf0\x8f\xbf\xbf", 4 },
		{ "\xed\xa0\x80", 3 },		/* a surrogate, U+D800 */
		{ "\xed\xbf\xbf", 3 },		/* U+DFFF */
		{ "\xf4\x90\x80\x80", 4 },	/* past U+10FFFF */
		{ "\xf5\x80\x80\x80", 4 },
		{ "\xff", 1 },
		{ "\xc3", 1 },			/* cut short */
		{ "\xe4\xbe", 2 },
		{ "\xc3\x41", 2 },		/* no continuation */
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		uint32_t cp = 0;

		assert_int_equal(mp_utf8_next(rows[i].bytes, rows[i].len, &cp),
		    0);
	}
}

static void
test_utf8_printable_refuses_controls_and_invisible_marks(void **state)
{
	(void)state;
	assert_true(mp_utf8_printable('a'));
	assert_true(mp_utf8_printable(0xa0));
	assert_true(mp_utf8_printable(0xfc));
	assert_true(mp_utf8_printable(0x4f8b));
	assert_false(mp_utf8_printable(0x1b));
	assert_false(mp_utf8_printable(0x7f));
	assert_false(mp_utf8_printable(0x80));
	assert_false(mp_utf8_printable(0x9b));
	assert_false(mp_utf8_printable(0x9f));
	assert_false(mp_utf8_printable(0x202e));
	assert_false(mp_utf8_printable(0x2028));
	assert_false(mp_utf8_printable(0x2066));
	assert_false(mp_utf8_printable(0xfeff));
}

/* RFC 3492 section 7.1, samples A, B, L, R and S. */
static void
test_punycode_encode_gives_the_rfc_3492_samples(void **state)
{
	static const uint32_t arabic[] = { 0x0644, 0x064a, 0x0647, 0x0645,
		0x0627, 0x0628, 0x062a, 0x0643, 0x0644, 0x0645, 0x0648,
		0x0634, 0x0639, 0x0631, 0x0628, 0x064a, 0x061f };
	static const uint32_t chinese[] = { 0x4ed6, 0x4eec, 0x4e3a, 0x4ec0,
		0x4e48, 0x4e0d, 0x8bf4, 0x4e2d, 0x6587 };
	static const uint32_t mixed[] = { '3', 0x5e74, 'B', 0x7d44, 0x91d1,
		0x516b, 0x5148, 0x751f };
	static const uint32_t japanese[] = { 0x305d, 0x306e, 0x30b9, 0x30d4,
		0x30fc, 0x30c9, 0x3067 };
	static const uint32_t basic[] = { '-', '>', ' ', '$', '1', '.', '0',
		'0', ' ', '<', '-' };
	char out[64];

	(void)state;
	assert_int_equal(mp_punycode_encode(arabic, LEN(arabic), out,
	    sizeof out), 22);
	assert_string_equal(out, "egbpdaj6bu4bxfgehfvwxn");
	mp_punycode_encode(chinese, LEN(chinese), out, sizeof out);
	assert_string_equal(out, "ihqwcrb4cv8a8dqg056pqjye");
	mp_punycode_encode(mixed, LEN(mixed), out, sizeof out);
	assert_string_equal(out, "3B-ww4c5e180e575a65lsy2b");
	mp_punycode_encode(japanese, LEN(japanese), out, sizeof out);
	assert_string_equal(out, "d9juau41awczczp");
	mp_punycode_encode(basic, LEN(basic), out, sizeof out);
	assert_string_equal(out, "-> $1.00 <--");
}

static void
test_punycode_encode_refuses_what_does_not_fit(void **state)
{
	static const uint32_t chinese[] = { 0x4ed6, 0x4eec, 0x4e3a };
	char out[64];

	(void)state;
	assert_int_equal(mp_punycode_encode(chinese, LEN(chinese), out, 4), 0);
	assert_int_equal(mp_punycode_encode(chinese, LEN(chinese), out, 0), 0);
	assert_int_equal(mp_punycode_encode(chinese, 0, out, 1), 0);
	assert_string_equal(out, "");
}

static const char long_ascii[] =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

static void
test_idna_to_ascii_writes_a_labels(void **state)
{
	static const struct {
		const char	*name;
		const char	*ascii;
	} rows[] = {
		{ "b\xc3\xbc" "cher.de", "xn--bcher-kva.de" },
		{ "B\xc3\xbc" "cher.DE", "xn--bcher-kva.de" },
		{ "m\xc3\xbc" "nchen.de", "xn--mnchen-3ya.de" },
		{ "\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88",
		  "xn--r8jz45g.xn--zckzah" },
		{ "\xe3\x83\x89\xe3\x83\xa1\xe3\x82\xa4\xe3\x83\xb3\xe5\x90\x8d"
		  "\xe4\xbe\x8b.jp", "xn--eckwd4c7cu47r2wf.jp" },
		{ "mail.b\xc3\xbc" "cher.de", "mail.xn--bcher-kva.de" },
		{ "b\xc3\xbc" "cher.de.", "xn--bcher-kva.de." },
		{ "Example.COM", "example.com" },
		{ "xn--bcher-kva.de", "xn--bcher-kva.de" },
		{ "a", "a" },
		{ long_ascii, long_ascii },
	};
	char ascii[MP_IDNA_NAME_SIZE];
	size_t i, len;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		assert_int_equal(mp_idna_to_ascii(rows[i].name,
		    strlen(rows[i].name), ascii, &len), MP_IDNA_OK);
		assert_string_equal(ascii, rows[i].ascii);
		assert_int_equal(len, strlen(rows[i].ascii));
	}
}

static void
test_idna_to_ascii_refuses_bad_names(void **state)
{
	/* 60 ASCII letters and a u-umlaut: 64 bytes as an A-label. */
	static const char long_label[] =
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\xc3\xbc.de";
	char name[400], ascii[MP_IDNA_NAME_SIZE];
	size_t len, i;
	static const struct {
		const char		*name;
		enum mp_idna_error	 error;
	} rows[] = {
		{ "", MP_IDNA_EMPTY },
		{ ".", MP_IDNA_EMPTY },
		{ "b\xc3\xbc" "cher..de", MP_IDNA_EMPTY },
		{ ".b\xc3\xbc" "cher.de", MP_IDNA_EMPTY },
		{ "b\xfc" "cher.de", MP_IDNA_UTF8 },
		{ "b\xc3" "cher.de", MP_IDNA_UTF8 },
		{ "b\xc0\xbc" "cher.de", MP_IDNA_UTF8 },
		{ "b\xed\xa0\x80.de", MP_IDNA_UTF8 },
		{ "b\xc2\x9b" "cher.de", MP_IDNA_CHARACTER },
		{ "b\x1b" "cher.de", MP_IDNA_CHARACTER },
		{ "-b\xc3\xbc" "cher.de", MP_IDNA_HYPHEN },
		{ "b\xc3\xbc" "cher-.de", MP_IDNA_HYPHEN },
		{ long_label, MP_IDNA_LABEL_LONG },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  ".de", MP_IDNA_LABEL_LONG },
	};

	(void)state;
	for (i = 0; i < LEN(rows); i++)
		assert_int_equal(mp_idna_to_ascii(rows[i].name,
		    strlen(rows[i].name), ascii, &len), rows[i].error);
	/* Four labels of 63 and a dot each: 255 bytes, over 253. */
	name[0] = '\0';
	for (i = 0; i < 4; i++) {
		strcat(name, long_ascii);
		strcat(name, i < 3 ? "." : "");
	}
	assert_int_equal(mp_idna_to_ascii(name, strlen(name), ascii, &len),
	    MP_IDNA_NAME_LONG);
	/* Short in UTF-8, long in ASCII: 40 labels of one CJK character. */
	name[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(name, "\xe4\xbe\x8b.");
	strcat(name, "jp");
	assert_int_equal(mp_idna_to_ascii(name, strlen(name), ascii, &len),
	    MP_IDNA_NAME_LONG);
	assert_string_equal(mp_idna_error_text(MP_IDNA_LABEL_LONG),
	    "a label longer than 63 bytes in ASCII");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_next_reads_well_formed_sequences),
		cmocka_unit_test(test_utf8_next_refuses_ill_formed_sequences),
		cmocka_unit_test(test_utf8_printable_refuses_controls_and_invisible_marks),
		cmocka_unit_test(test_punycode_encode_gives_the_rfc_3492_samples),
		cmocka_unit_test(test_punycode_encode_refuses_what_does_not_fit),
		cmocka_unit_test(test_idna_to_ascii_writes_a_labels),
		cmocka_unit_test(test_idna_to_ascii_refuses_bad_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

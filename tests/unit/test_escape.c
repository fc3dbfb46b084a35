/*
 * test_escape.c - untrusted bytes are made safe to show on a terminal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "escape.h"
#include "mailports.h"

static const char *
escape(char *dst, size_t size, const char *src, size_t len)
{
	return mp_escape(dst, size, src, len);
}

static void
test_escape_keeps_printable_ascii(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(escape(buf, sizeof buf, "imap 993", 8), "imap 993");
	assert_string_equal(escape(buf, sizeof buf, "", 0), "");
}

static void
test_escape_escapes_control_bytes_quotes_and_high_bytes(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(escape(buf, sizeof buf, "\033[31mred", 8),
	    "\\x1b[31mred");
	assert_string_equal(escape(buf, sizeof buf, "a\0b", 3), "a\\x00b");
	assert_string_equal(escape(buf, sizeof buf, "it's", 4), "it\\x27s");
	assert_string_equal(escape(buf, sizeof buf, "a\\b", 3), "a\\x5cb");
	assert_string_equal(escape(buf, sizeof buf, "\xc3\xa9\x7f\n", 4),
	    "\\xc3\\xa9\\x7f\\x0a");
}

static void
test_escape_shortens_what_does_not_fit(void **state)
{
	char buf[10];

	(void)state;
	/* Exactly fits: nine bytes and the NUL. */
	assert_string_equal(escape(buf, sizeof buf, "123456789", 9),
	    "123456789");
	assert_string_equal(escape(buf, sizeof buf, "1234567890", 10),
	    "123456...");
	assert_string_equal(escape(buf, sizeof buf, "\001\002\003", 3),
	    "\\x01...");
	assert_string_equal(escape(buf, sizeof buf, "\033\033\033\033", 4),
	    "\\x1b...");
	assert_string_equal(escape(buf, 4, "abc", 3), "");
	/* No room at all: nothing is written. */
	buf[0] = 'x';
	assert_ptr_equal(escape(buf, 0, "abc", 3), buf);
	assert_int_equal(buf[0], 'x');
}

static void
test_escape_utf8_keeps_printable_utf8(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "imap 993", 8),
	    "imap 993");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "j\xc3\xb6rg@b\xc3\xbc" "cher.de", 16),
	    "j\xc3\xb6rg@b\xc3\xbc" "cher.de");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "\xe4\xbe\x8b\xe3\x81\x88", 6), "\xe4\xbe\x8b\xe3\x81\x88");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "\xf0\x9f\x98\x80", 4), "\xf0\x9f\x98\x80");
}

static void
test_escape_utf8_escapes_controls_and_invalid_bytes(void **state)
{
	char buf[64];

	(void)state;
	/* C0, DEL and C1 (U+009B, the CSI of eight-bit terminals). */
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "\033[2J\x7f",
	    5), "\\x1b[2J\\x7f");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "a\xc2\x9b" "b",
	    4), "a\\xc2\\x9bb");
	/* A right-to-left override (U+202E) would reorder what follows. */
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "\xe2\x80\xae",
	    3), "\\xe2\\x80\\xae");
	/* Latin-1, overlong, surrogate, cut short. */
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "caf\xe9", 4),
	    "caf\\xe9");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "\xc0\xaf", 2),
	    "\\xc0\\xaf");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "\xed\xa0\x80",
	    3), "\\xed\\xa0\\x80");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "\xc3", 1),
	    "\\xc3");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf, "it's", 4),
	    "it\\x27s");
}

static void
test_escape_utf8_never_cuts_a_sequence(void **state)
{
	char buf[10];

	(void)state;
	/* Nine bytes fit: three characters of three bytes. */
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "\xe4\xbe\x8b\xe4\xbe\x8b\xe4\xbe\x8b", 9),
	    "\xe4\xbe\x8b\xe4\xbe\x8b\xe4\xbe\x8b");
	/* Four do not: two and the ellipsis, never half of one. */
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "\xe4\xbe\x8b\xe4\xbe\x8b\xe4\xbe\x8b\xe4\xbe\x8b", 12),
	    "\xe4\xbe\x8b\xe4\xbe\x8b...");
	assert_string_equal(mp_escape_utf8(buf, sizeof buf,
	    "abcd\xe4\xbe\x8b\xe4\xbe\x8b", 10), "abcd...");
}

static void
test_escape_keeps_server_text_ascii(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(escape(buf, sizeof buf, "b\xc3\xbc" "cher", 7),
	    "b\\xc3\\xbccher");
}

/* A quote ends nothing: the shell reads the text back whole. */
static void
test_shell_quote_keeps_quotes_inside(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(mp_shell_quote(out, sizeof out, "a b", 3),
	    "'a b'");
	assert_string_equal(mp_shell_quote(out, sizeof out, "x/'$(id)'", 9),
	    "'x/'\\''$(id)'\\'''");
	/* Cut short, it is still one quoted argument. */
	assert_string_equal(mp_shell_quote(out, 8, "abcdefgh", 8), "'a'");
	assert_string_equal(mp_shell_quote(out, sizeof out, "", 0), "''");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_keeps_printable_ascii),
		cmocka_unit_test(test_escape_escapes_control_bytes_quotes_and_high_bytes),
		cmocka_unit_test(test_escape_shortens_what_does_not_fit),
		cmocka_unit_test(test_escape_keeps_server_text_ascii),
		cmocka_unit_test(test_escape_utf8_keeps_printable_utf8),
		cmocka_unit_test(test_escape_utf8_escapes_controls_and_invalid_bytes),
		cmocka_unit_test(test_escape_utf8_never_cuts_a_sequence),
		cmocka_unit_test(test_shell_quote_keeps_quotes_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

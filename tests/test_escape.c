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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_keeps_printable_ascii),
		cmocka_unit_test(test_escape_escapes_control_bytes_quotes_and_high_bytes),
		cmocka_unit_test(test_escape_shortens_what_does_not_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

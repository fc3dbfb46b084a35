/*
 * test_number.c - one reader of bounded decimal numbers: ports and
 * --timeout's seconds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "number.h"

static enum mp_number_error
port(const char *text, unsigned long *value)
{
	return mp_number(text, strlen(text), 0, 1, 65535, value);
}

static enum mp_number_error
seconds(const char *text, unsigned long *value)
{
	return mp_number(text, strlen(text), 3, 1, 3600000, value);
}

static void
test_number_reads_digits_in_bounds(void **state)
{
	unsigned long value = 0;

	(void)state;
	assert_int_equal(port("993", &value), MP_NUMBER_OK);
	assert_int_equal(value, 993);
	assert_int_equal(port("1", &value), MP_NUMBER_OK);
	assert_int_equal(value, 1);
	assert_int_equal(port("65535", &value), MP_NUMBER_OK);
	assert_int_equal(value, 65535);
	assert_int_equal(port("00025", &value), MP_NUMBER_OK);
	assert_int_equal(value, 25);
}

static void
test_number_reads_only_len_bytes(void **state)
{
	unsigned long value = 0;

	(void)state;
	assert_int_equal(mp_number("587 tls", 3, 0, 1, 65535, &value),
	    MP_NUMBER_OK);
	assert_int_equal(value, 587);
}

static void
test_number_reads_decimals_as_smaller_units(void **state)
{
	unsigned long value = 0;

	(void)state;
	assert_int_equal(seconds("3", &value), MP_NUMBER_OK);
	assert_int_equal(value, 3000);
	assert_int_equal(seconds("0.25", &value), MP_NUMBER_OK);
	assert_int_equal(value, 250);
	assert_int_equal(seconds("0.001", &value), MP_NUMBER_OK);
	assert_int_equal(value, 1);
	assert_int_equal(seconds("2.", &value), MP_NUMBER_OK);
	assert_int_equal(value, 2000);
	/* Digits past a millisecond are dropped, not rounded. */
	assert_int_equal(seconds("1.23456", &value), MP_NUMBER_OK);
	assert_int_equal(value, 1234);
	assert_int_equal(seconds("3600", &value), MP_NUMBER_OK);
	assert_int_equal(value, 3600000);
	assert_int_equal(seconds("3600.0009", &value), MP_NUMBER_OK);
	assert_int_equal(value, 3600000);
}

static void
test_number_rejects_what_is_not_digits(void **state)
{
	unsigned long value = 7;

	(void)state;
	assert_int_equal(port("", &value), MP_NUMBER_INVALID);
	assert_int_equal(port("+25", &value), MP_NUMBER_INVALID);
	assert_int_equal(port(" 25", &value), MP_NUMBER_INVALID);
	assert_int_equal(port("25 ", &value), MP_NUMBER_INVALID);
	assert_int_equal(port("0x19", &value), MP_NUMBER_INVALID);
	assert_int_equal(port("2.5", &value), MP_NUMBER_INVALID);
	assert_int_equal(port("-1", &value), MP_NUMBER_INVALID);
	assert_int_equal(seconds(".5", &value), MP_NUMBER_INVALID);
	assert_int_equal(seconds("1.5s", &value), MP_NUMBER_INVALID);
	assert_int_equal(seconds("1..5", &value), MP_NUMBER_INVALID);
	/* A number too long that is not a number at its end is invalid. */
	assert_int_equal(port("99999999999999999999999x", &value),
	    MP_NUMBER_INVALID);
	assert_int_equal(value, 7);
}

static void
test_number_rejects_what_is_out_of_bounds(void **state)
{
	unsigned long value = 7;

	(void)state;
	assert_int_equal(port("0", &value), MP_NUMBER_TOO_SMALL);
	assert_int_equal(port("65536", &value), MP_NUMBER_TOO_LARGE);
	assert_int_equal(port("99999999999999999999999999", &value),
	    MP_NUMBER_TOO_LARGE);
	assert_int_equal(seconds("0", &value), MP_NUMBER_TOO_SMALL);
	assert_int_equal(seconds("0.0009", &value), MP_NUMBER_TOO_SMALL);
	assert_int_equal(seconds("3600.001", &value), MP_NUMBER_TOO_LARGE);
	assert_int_equal(seconds("3601", &value), MP_NUMBER_TOO_LARGE);
	assert_int_equal(seconds("18446744073709551617", &value),
	    MP_NUMBER_TOO_LARGE);
	assert_int_equal(value, 7);
}

static void
test_number_error_text_says_why(void **state)
{
	(void)state;
	assert_string_equal(mp_number_error_text(MP_NUMBER_INVALID), "invalid");
	assert_string_equal(mp_number_error_text(MP_NUMBER_TOO_SMALL),
	    "too small");
	assert_string_equal(mp_number_error_text(MP_NUMBER_TOO_LARGE),
	    "too large");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_reads_digits_in_bounds),
		cmocka_unit_test(test_number_reads_only_len_bytes),
		cmocka_unit_test(test_number_reads_decimals_as_smaller_units),
		cmocka_unit_test(test_number_rejects_what_is_not_digits),
		cmocka_unit_test(test_number_rejects_what_is_out_of_bounds),
		cmocka_unit_test(test_number_error_text_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

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

#include "len.h"
#include "number.h"

/* A text, how it is read, and what comes of it. */
struct row {
	const char		*text;
	unsigned		 decimals;
	unsigned long		 max;
	enum mp_number_error	 error;
	unsigned long		 value;
};

/* Ports: 1 to 65535; seconds: 1 ms to an hour, in milliseconds. */
#define PORT(text, error, value) { text, 0, 65535, error, value }
#define SECONDS(text, error, value) { text, 3, 3600000, error, value }

static void
check_rows(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned long value = 7;

		assert_int_equal(mp_number(rows[i].text, strlen(rows[i].text),
		    rows[i].decimals, 1, rows[i].max, &value), rows[i].error);
		/* A refused text leaves the value alone. */
		assert_int_equal(value, rows[i].error == MP_NUMBER_OK ?
		    rows[i].value : 7);
	}
}

static void
test_number_reads_digits_in_bounds(void **state)
{
	static const struct row rows[] = {
		PORT("993", MP_NUMBER_OK, 993),
		PORT("1", MP_NUMBER_OK, 1),
		PORT("65535", MP_NUMBER_OK, 65535),
		PORT("00025", MP_NUMBER_OK, 25),
	};

	(void)state;
	check_rows(rows, LEN(rows));
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
	static const struct row rows[] = {
		SECONDS("3", MP_NUMBER_OK, 3000),
		SECONDS("0.25", MP_NUMBER_OK, 250),
		SECONDS("0.001", MP_NUMBER_OK, 1),
		SECONDS("2.", MP_NUMBER_OK, 2000),
		/* Digits past a millisecond are dropped, not rounded. */
		SECONDS("1.23456", MP_NUMBER_OK, 1234),
		SECONDS("3600", MP_NUMBER_OK, 3600000),
		SECONDS("3600.0009", MP_NUMBER_OK, 3600000),
	};

	(void)state;
	check_rows(rows, LEN(rows));
}

static void
test_number_rejects_what_is_not_digits(void **state)
{
	static const struct row rows[] = {
		PORT("", MP_NUMBER_INVALID, 0),
		PORT("+25", MP_NUMBER_INVALID, 0),
		PORT(" 25", MP_NUMBER_INVALID, 0),
		PORT("25 ", MP_NUMBER_INVALID, 0),
		PORT("0x19", MP_NUMBER_INVALID, 0),
		PORT("2.5", MP_NUMBER_INVALID, 0),
		PORT("-1", MP_NUMBER_INVALID, 0),
		SECONDS(".5", MP_NUMBER_INVALID, 0),
		SECONDS("1.5s", MP_NUMBER_INVALID, 0),
		SECONDS("1..5", MP_NUMBER_INVALID, 0),
		/* Too long, but not a number at its end: invalid. */
		PORT("99999999999999999999999x", MP_NUMBER_INVALID, 0),
	};

	(void)state;
	check_rows(rows, LEN(rows));
}

static void
test_number_rejects_what_is_out_of_bounds(void **state)
{
	static const struct row rows[] = {
		PORT("0", MP_NUMBER_TOO_SMALL, 0),
		PORT("65536", MP_NUMBER_TOO_LARGE, 0),
		PORT("99999999999999999999999999", MP_NUMBER_TOO_LARGE, 0),
		SECONDS("0", MP_NUMBER_TOO_SMALL, 0),
		SECONDS("0.0009", MP_NUMBER_TOO_SMALL, 0),
		SECONDS("3600.001", MP_NUMBER_TOO_LARGE, 0),
		SECONDS("3601", MP_NUMBER_TOO_LARGE, 0),
		SECONDS("18446744073709551617", MP_NUMBER_TOO_LARGE, 0),
	};

	(void)state;
	check_rows(rows, LEN(rows));
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

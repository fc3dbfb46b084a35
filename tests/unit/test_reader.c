/*
 * test_reader.c - a stream of queries splits into lines and words.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "mailports.h"
#include "reader.h"

/*
 * Reads all of input and writes what the reader saw: each word in
 * brackets with its line number, '|' for each end of line.
 */
static void
read_all(const char *input, size_t len, char *out, size_t size)
{
	struct mp_reader reader;
	enum mp_token token;
	FILE *fp = fmemopen((void *)(uintptr_t)input, len, "r");
	size_t used = 0;

	assert_non_null(fp);
	mp_reader_init(&reader, fp);
	out[0] = '\0';
	while ((token = mp_reader_next(&reader)) != MP_TOKEN_END) {
		if (token == MP_TOKEN_WORD) {
			used += (size_t)snprintf(out + used, size - used,
			    "%lu[", reader.line);
			assert_true(used + reader.len + 2 < size);
			memcpy(out + used, reader.word, reader.len);
			used += reader.len;
			used += (size_t)snprintf(out + used, size - used, "]");
		} else
			used += (size_t)snprintf(out + used, size - used, "|");
		assert_true(used < size);
	}
	assert_false(ferror(fp));
	fclose(fp);
}

#define assert_reads(input, expected) do {				\
	char out_[512];							\
	read_all(input, sizeof input - 1, out_, sizeof out_);		\
	assert_string_equal(out_, expected);				\
} while (0)

static void
test_reader_splits_lines_into_words(void **state)
{
	(void)state;
	assert_reads("imap secure\nsmtp\n", "1[imap]1[secure]|2[smtp]|");
	assert_reads("  imap\t secure  \n", "1[imap]1[secure]|");
	assert_reads("imap\r\n993\r\n", "1[imap]|2[993]|");
	assert_reads("imap\vsecure\f\n", "1[imap]1[secure]|");
}

static void
test_reader_handles_blank_lines_and_missing_newline(void **state)
{
	(void)state;
	assert_reads("", "");
	assert_reads("\n\n", "||");
	assert_reads("imap", "1[imap]|");
	assert_reads("\n \nsmtp", "||3[smtp]|");
}

static void
test_reader_keeps_nul_bytes_in_words(void **state)
{
	char out[64];

	(void)state;
	read_all("im\0ap x\n", 8, out, sizeof out);
	assert_memory_equal(out, "1[im\0ap]1[x]|", 13);
}

static void
test_reader_caps_long_words(void **state)
{
	char input[MP_WORD_MAX * 3 + 8];
	struct mp_reader reader;
	FILE *fp;

	(void)state;
	memset(input, 'a', MP_WORD_MAX * 3);
	memcpy(input + MP_WORD_MAX * 3, " imap\n", 6);
	fp = fmemopen(input, MP_WORD_MAX * 3 + 6, "r");
	assert_non_null(fp);
	mp_reader_init(&reader, fp);
	assert_int_equal(mp_reader_next(&reader), MP_TOKEN_WORD);
	assert_int_equal(reader.len, MP_WORD_MAX + 1);
	assert_int_equal(mp_reader_next(&reader), MP_TOKEN_WORD);
	assert_int_equal(reader.len, 4);
	assert_memory_equal(reader.word, "imap", 4);
	assert_int_equal(mp_reader_next(&reader), MP_TOKEN_LINE_END);
	assert_int_equal(mp_reader_next(&reader), MP_TOKEN_END);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_splits_lines_into_words),
		cmocka_unit_test(test_reader_handles_blank_lines_and_missing_newline),
		cmocka_unit_test(test_reader_keeps_nul_bytes_in_words),
		cmocka_unit_test(test_reader_caps_long_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

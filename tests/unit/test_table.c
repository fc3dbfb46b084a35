/*
 * test_table.c - the tables for people: columns as wide as their widest
 * cell, colour on the tinted cells, the last cell wrapped to the terminal;
 * and the labelled lines of wrapped text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "table.h"

/* The rows of a test, and the colour of every one of them. */
struct rows {
	const char *const (*cell)[MP_TABLE_COLUMNS];
	const char *color;
};

static bool
test_row(void *data, size_t i, struct mp_table_row *row)
{
	const struct rows *rows = data;

	memcpy(row->cell, rows->cell[i], sizeof row->cell);
	row->color = rows->color;
	return true;
}

/* A table of ncolumns columns whose rows come from rows. */
static struct mp_table
table_of(const char *const *header, struct rows *rows, size_t ncolumns)
{
	struct mp_table table = {
		.header = header,
		.ncolumns = ncolumns,
		.row = test_row,
		.data = rows,
	};

	return table;
}

/* Writes n rows of table to a string. */
static char *
print_table(const struct mp_table *table, size_t n)
{
	struct capture c;

	capture_start(&c);
	mp_table_print(c.fp, table, n);
	return capture_end(&c);
}

/* Writes n rows of ncolumns cells, with least widths width, to a string. */
static char *
print(const char *const *header, const char *const (*cell)[MP_TABLE_COLUMNS],
    size_t n, size_t ncolumns, const size_t *width, size_t columns)
{
	struct rows rows = { cell, NULL };
	struct mp_table table = table_of(header, &rows, ncolumns);

	table.columns = columns;
	if (width != NULL)
		memcpy(table.width, width, ncolumns * sizeof width[0]);
	return print_table(&table, n);
}

static void
test_table_print_pads_each_cell_to_its_column(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "a", "bb", "c" }
	};
	static const size_t width[] = { 3, 4, 1 };
	char *text;

	(void)state;
	text = print(NULL, cell, 1, 3, width, 0);
	assert_string_equal(text, "a    bb    c\n");
	free(text);
}

static void
test_table_print_measures_the_widest_cell_header_included(void **state)
{
	static const char *const header[] = { "NUMBER", "X", "TEXT" };
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "1", "wide", "one" },
		{ "22", "w", "two" },
	};
	char *text;

	(void)state;
	text = print(header, cell, 2, 3, NULL, 0);
	assert_string_equal(text, "NUMBER  X     TEXT\n"
	    "1       wide  one\n"
	    "22      w     two\n");
	free(text);
}

static void
test_table_print_aligns_right_when_asked(void **state)
{
	static const char *const header[] = { "PORT", "NAME" };
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "25", "smtp" },
		{ "4190", "sieve" },
	};
	struct rows rows = { cell, NULL };
	struct mp_table table = table_of(header, &rows, 2);
	char *text;

	(void)state;
	table.right = 1u << 0;
	text = print_table(&table, 2);
	assert_string_equal(text, "PORT  NAME\n  25  smtp\n4190  sieve\n");
	free(text);
}

/* Leaves out the rows whose first cell is "-". */
static bool
some_row(void *data, size_t i, struct mp_table_row *row)
{
	test_row(data, i, row);
	return strcmp(row->cell[0], "-") != 0;
}

static void
under_row(FILE *fp, void *data, size_t i)
{
	(void)data;
	fprintf(fp, "    under %zu\n", i);
}

static void
test_table_print_leaves_out_rows_and_writes_under_them(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "a", "one" },
		{ "-", "a cell wider than any shown" },
		{ "bb", "two" },
	};
	struct rows rows = { cell, NULL };
	struct mp_table table = table_of(NULL, &rows, 2);
	char *text;

	(void)state;
	table.row = some_row;
	table.below = under_row;
	text = print_table(&table, 3);
	assert_string_equal(text, "a   one\n    under 0\n"
	    "bb  two\n    under 2\n");
	free(text);
}

static void
test_table_print_leaves_no_blanks_at_the_end(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "a", "b", "" },
		{ "a", "b  ", "  " },
	};
	static const size_t width[] = { 3, 4, 2 };
	char *text;

	(void)state;
	text = print(NULL, cell, 2, 3, width, 0);
	assert_string_equal(text, "a    b\na    b\n");
	free(text);
}

static void
test_table_print_colours_only_the_tinted_cells(void **state)
{
	static const char *const header[] = { "A", "B", "" };
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "a", "b", "" }
	};
	struct rows rows = { cell, MP_RED };
	struct mp_table table = table_of(header, &rows, 3);
	char *red, *plain;

	(void)state;
	table.tinted = 1u << 1 | 1u << 2;
	red = print_table(&table, 1);
	rows.color = NULL;
	plain = print_table(&table, 1);
	assert_string_equal(red, "A  B\n"
	    "a  \033[31mb\033[0m  \033[31m\033[0m\n");
	assert_string_equal(plain, "A  B\na  b\n");
	free(red);
	free(plain);
}

static void
test_table_print_writes_a_line_longer_than_a_buffer(void **state)
{
	static const size_t width[] = { 700, 1 };
	char long_cell[701], expected[1000], *text;
	const char *cell[][MP_TABLE_COLUMNS] = { { long_cell, "z" } };

	(void)state;
	memset(long_cell, 'x', 650);
	long_cell[650] = '\0';
	snprintf(expected, sizeof expected, "%s%52sz\n", long_cell, "");
	text = print(NULL, (const char *const (*)[MP_TABLE_COLUMNS])cell, 1, 2,
	    width, 0);
	assert_string_equal(text, expected);
	free(text);
}

static void
test_table_print_wraps_the_last_cell_at_word_boundaries(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "ab", "one two three four five six seven" }
	};
	char *text;

	(void)state;
	text = print(NULL, cell, 1, 2, NULL, 34);
	assert_string_equal(text, "ab  one two three four five six\n"
	    "    seven\n");
	free(text);
	text = print(NULL, cell, 1, 2, NULL, 80);
	assert_string_equal(text, "ab  one two three four five six seven\n");
	free(text);
	text = print(NULL, cell, 1, 2, NULL, 0);
	assert_string_equal(text, "ab  one two three four five six seven\n");
	free(text);
}

static void
test_table_print_puts_a_narrow_last_cell_on_lines_of_its_own(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "abcdef", "one two three four five six seven" }
	};
	char *text;

	(void)state;
	/* 37 columns leave 29 for the last cell: too few. */
	text = print(NULL, cell, 1, 2, NULL, 37);
	assert_string_equal(text, "abcdef\n    one two three four five six "
	    "seven\n");
	free(text);
}

static void
test_table_print_never_breaks_a_word(void **state)
{
	static const char *const cell[][MP_TABLE_COLUMNS] = {
		{ "ab", "a-word-longer-than-its-thirty-columns x  y" }
	};
	char *text;

	(void)state;
	text = print(NULL, cell, 1, 2, NULL, 34);
	assert_string_equal(text, "ab  a-word-longer-than-its-thirty-columns\n"
	    "    x  y\n");
	free(text);
}

static void
test_put_wrapped_hangs_under_the_prefix(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_put_wrapped(c.fp, "note: ", "one two three four five", 20);
	mp_put_wrapped(c.fp, "note: ", "one two three four five", 0);
	text = capture_end(&c);
	assert_string_equal(text, "note: one two three\n      four five\n"
	    "note: one two three four five\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_print_pads_each_cell_to_its_column),
		cmocka_unit_test(
		    test_table_print_measures_the_widest_cell_header_included),
		cmocka_unit_test(test_table_print_aligns_right_when_asked),
		cmocka_unit_test(
		    test_table_print_leaves_out_rows_and_writes_under_them),
		cmocka_unit_test(test_table_print_leaves_no_blanks_at_the_end),
		cmocka_unit_test(test_table_print_colours_only_the_tinted_cells),
		cmocka_unit_test(
		    test_table_print_writes_a_line_longer_than_a_buffer),
		cmocka_unit_test(
		    test_table_print_wraps_the_last_cell_at_word_boundaries),
		cmocka_unit_test(
		    test_table_print_puts_a_narrow_last_cell_on_lines_of_its_own),
		cmocka_unit_test(test_table_print_never_breaks_a_word),
		cmocka_unit_test(test_put_wrapped_hangs_under_the_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

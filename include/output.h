/*
 * output.h - the writers the formatters share: JSON strings and the
 * lines of aligned tables.
 */
#ifndef MAILPORTS_OUTPUT_H
#define MAILPORTS_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes number, up to 99999, in decimal into buf and returns where it
 * starts.  The tables' cells take their numbers from here: snprintf, at
 * some 600 instructions a call, would take the whole port table past
 * the budget of make bench.
 */
char *mp_format_number(char buf[static 6], unsigned number);

/* A JSON string of len bytes, quoted and escaped. */
void mp_put_json_string(FILE *fp, const char *text, size_t len);
/* The same for a whole string. */
void mp_put_json_text(FILE *fp, const char *text);

/* Colours for the tables, when asked for. */
#define MP_GREEN	"\033[32m"
#define MP_RED		"\033[31m"

/*
 * On a terminal the last cell of a row, free text, wraps at word
 * boundaries under itself; when that would leave it fewer than
 * MP_WRAP_MIN columns, it goes on lines of its own, indented by
 * MP_WRAP_INDENT.  A word longer than its line is never broken: it has
 * a line to itself.
 */
#define MP_WRAP_MIN	30
#define MP_WRAP_INDENT	4

/*
 * Writes a line of a table: n cells, each padded to its column's width
 * and two blanks but the last; the cells whose bit is set in tinted are
 * wrapped in color when color is not NULL.  len holds the cells' lengths,
 * or is NULL for their strlen.  The line ends at its last visible
 * character: an empty last cell leaves no padding behind.  With columns
 * not 0, the last cell wraps to fit that many columns.
 */
void mp_row_cells(FILE *fp, const char *const *cell, const size_t *len,
    const size_t *width, size_t n, unsigned tinted, const char *color,
    size_t columns);

/*
 * Writes prefix and text and ends the line; with columns not 0, text
 * wraps at word boundaries to fit, each line after the first indented by
 * the length of prefix.
 */
void mp_put_wrapped(FILE *fp, const char *prefix, const char *text,
    size_t columns);

#endif

/*
 * output.h - the small writers the formatters share.
 *
 * Nothing here uses printf: formatting was most of a lookup's own cost,
 * and each libc function linked in costs every run (see make bench).
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/* Writes one byte, as putc does. */
void mp_put_byte(int c, FILE *fp);

/* Writes number in decimal into buf and returns where it starts. */
char *mp_format_number(char buf[static 6], unsigned number);
void mp_put_number(FILE *fp, unsigned number);

/* Writes strings one after another, up to a NULL. */
void mp_put_all(FILE *fp, const char *const *strings);

/* A JSON string of len bytes, quoted and escaped. */
void mp_put_json_string(FILE *fp, const char *text, size_t len);

/* Collects a line so that it is written with one call, not one per cell. */
struct mp_row {
	FILE	*fp;
	size_t	 len;
	char	 text[512];
};

void mp_row_begin(struct mp_row *row, FILE *fp);
void mp_row_add(struct mp_row *row, const char *text, size_t len);
void mp_row_add_string(struct mp_row *row, const char *text);
void mp_row_pad(struct mp_row *row, size_t n);
/* Ends the line and writes it. */
void mp_row_end(struct mp_row *row);

/* Colours for the tables, when asked for. */
#define MP_GREEN	"\033[32m"
#define MP_RED		"\033[31m"

/*
 * Writes a line of a table: n cells, each padded to its column's width
 * and two blanks but the last; the cells whose bit is set in tinted are
 * wrapped in color when color is not NULL.  len holds the cells' lengths,
 * or is NULL for their strlen.
 */
void mp_row_cells(FILE *fp, const char *const *cell, const size_t *len,
    const size_t *width, size_t n, unsigned tinted, const char *color);

#endif /* OUTPUT_H */

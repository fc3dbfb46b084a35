/*
 * table.h - the tables for people: a header and rows of cells in columns,
 * each column as wide as its widest cell, measured once for the whole
 * table before a line is written; and the labelled lines of wrapped text
 * that follow a table.
 */
#ifndef MAILPORTS_TABLE_H
#define MAILPORTS_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* The most columns a table has. */
#define MP_TABLE_COLUMNS 8

/* A row as the table's row function gives it. */
struct mp_table_row {
	const char	*cell[MP_TABLE_COLUMNS];
	const char	*color;		/* for the tinted cells, or NULL */
};

/*
 * A table: its columns, and a function that fills row i of nrows, or
 * returns false to leave it out; it is called twice for each row, once
 * to measure and once to write, so the texts it points to need only last
 * until its next call.  A cell's width is its length in bytes.  Columns
 * are separated by two blanks and a line ends at its last visible
 * character.  With columns not 0, the last cell wraps at word boundaries
 * to fit that many columns.  The function below, if any, writes lines
 * under a row.
 */
struct mp_table {
	const char *const *header;	/* the titles, or NULL for none */
	size_t		 ncolumns;
	size_t		 width[MP_TABLE_COLUMNS];	/* the least widths */
	unsigned	 right;		/* bit c: column c aligns right */
	unsigned	 tinted;	/* bit c: column c takes the row's colour */
	size_t		 columns;	/* the terminal's width, or 0 */
	bool		(*row)(void *data, size_t i, struct mp_table_row *row);
	void		(*below)(FILE *fp, void *data, size_t i);
	void		*data;		/* for row and below */
};

void mp_table_print(FILE *fp, const struct mp_table *table, size_t nrows);

/*
 * Writes prefix and text and ends the line; with columns not 0, text
 * wraps at word boundaries to fit, each line after the first indented by
 * the length of prefix.
 */
void mp_put_wrapped(FILE *fp, const char *prefix, const char *text,
    size_t columns);

#endif

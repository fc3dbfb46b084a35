/*
 * table.c - the tables for people and the wrapped lines after them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "table.h"

/*
 * A line of a table is collected before it is written, so that the blanks
 * at its end (the padding before an empty last cell) can be dropped.
 */
struct line {
	FILE	*fp;
	size_t	 len;
	char	 text[512];
};

static void
flush(struct line *line)
{
	fwrite(line->text, 1, line->len, line->fp);
	line->len = 0;
}

/* Adds len bytes of text, or len blanks when text is NULL. */
static void
add(struct line *line, const char *text, size_t len)
{
	while (len > 0) {
		size_t room = sizeof line->text - line->len;
		size_t chunk = len < room ? len : room;

		if (text != NULL) {
			memcpy(line->text + line->len, text, chunk);
			text += chunk;
		} else {
			memset(line->text + line->len, ' ', chunk);
		}
		line->len += chunk;
		len -= chunk;
		if (line->len == sizeof line->text)
			flush(line);
	}
}

/* Ends a line of the table at its last visible character. */
static void
end_line(struct line *line)
{
	while (line->len > 0 && line->text[line->len - 1] == ' ')
		line->len--;
	add(line, "\n", 1);
}

/*
 * Adds len bytes of text from column on, breaking it at blanks so that
 * no line passes columns; each new line starts with indent blanks.
 */
static void
add_wrapped(struct line *line, const char *text, size_t len, size_t column,
    size_t indent, size_t columns)
{
	size_t room = columns > column ? columns - column : 0;

	while (len > room) {
		size_t take = room;

		/* The last blank within the room ends the line. */
		while (take > 0 && text[take] != ' ')
			take--;
		if (take == 0) {
			/* A word longer than the room, whole on its line. */
			while (take < len && text[take] == ' ')
				take++;
			while (take < len && text[take] != ' ')
				take++;
		}
		add(line, text, take);
		while (take < len && text[take] == ' ')
			take++;
		text += take;
		len -= take;
		if (len == 0)
			return;
		end_line(line);
		add(line, NULL, indent);
		room = columns > indent ? columns - indent : 0;
	}
	add(line, text, len);
}

/* Writes a row's cells, each padded to its column's width. */
static void
write_row(FILE *fp, const struct mp_table *table, const size_t *width,
    const char *const *cell, const char *color)
{
	struct line line;
	size_t c, column = 0;

	line.fp = fp;
	line.len = 0;
	for (c = 0; c < table->ncolumns; c++) {
		bool tint = color != NULL && (table->tinted & 1u << c);
		bool right = (table->right & 1u << c) != 0;
		size_t size = strlen(cell[c]);
		bool last = c + 1 == table->ncolumns;

		if (last && table->columns > 0 && size > 0 &&
		    column + size > table->columns &&
		    column + MP_WRAP_MIN > table->columns) {
			end_line(&line);
			add(&line, NULL, MP_WRAP_INDENT);
			column = MP_WRAP_INDENT;
		}
		if (right)
			add(&line, NULL, width[c] - size);
		if (tint)
			add(&line, color, strlen(color));
		if (last && table->columns > 0)
			add_wrapped(&line, cell[c], size, column, column,
			    table->columns);
		else
			add(&line, cell[c], size);
		if (tint)
			add(&line, "\033[0m", 4);
		if (!last) {
			add(&line, NULL, (right ? 0 : width[c] - size) + 2);
			column += width[c] + 2;
		}
	}
	end_line(&line);
	flush(&line);
}

/* Widens the columns to the cells'. */
static void
measure(size_t *width, const char *const *cell, size_t n)
{
	size_t c;

	for (c = 0; c < n; c++)
		if (strlen(cell[c]) > width[c])
			width[c] = strlen(cell[c]);
}

void
mp_table_print(FILE *fp, const struct mp_table *table, size_t nrows)
{
	struct mp_table_row row;
	size_t width[MP_TABLE_COLUMNS], i;

	memcpy(width, table->width, sizeof width);
	if (table->header != NULL)
		measure(width, table->header, table->ncolumns);
	for (i = 0; i < nrows; i++)
		if (table->row(table->data, i, &row))
			measure(width, row.cell, table->ncolumns);
	if (table->header != NULL)
		write_row(fp, table, width, table->header, NULL);
	for (i = 0; i < nrows; i++) {
		if (!table->row(table->data, i, &row))
			continue;
		write_row(fp, table, width, row.cell, row.color);
		if (table->below != NULL)
			table->below(fp, table->data, i);
	}
}

void
mp_put_wrapped(FILE *fp, const char *prefix, const char *text,
    size_t columns)
{
	struct line line;
	size_t indent = strlen(prefix);

	line.fp = fp;
	line.len = 0;
	add(&line, prefix, indent);
	if (columns > 0)
		add_wrapped(&line, text, strlen(text), indent, indent,
		    columns);
	else
		add(&line, text, strlen(text));
	end_line(&line);
	flush(&line);
}

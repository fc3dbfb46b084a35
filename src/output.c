/*
 * output.c - the writers the formatters share.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "output.h"

char *
mp_format_number(char buf[static 6], unsigned number)
{
	char *p = buf + 5;

	*p = '\0';
	do {
		*--p = (char)('0' + number % 10);
		number /= 10;
	} while (number > 0 && p > buf);
	return p;
}

void
mp_put_json_string(FILE *fp, const char *text, size_t len)
{
	size_t i;

	putc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '"' || c == '\\') {
			putc('\\', fp);
			putc(c, fp);
		} else if (c < 0x20) {
			fprintf(fp, "\\u%04x", c);
		} else {
			putc(c, fp);
		}
	}
	putc('"', fp);
}

void
mp_put_json_text(FILE *fp, const char *text)
{
	mp_put_json_string(fp, text, strlen(text));
}

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

void
mp_row_cells(FILE *fp, const char *const *cell, const size_t *len,
    const size_t *width, size_t n, unsigned tinted, const char *color,
    size_t columns)
{
	struct line line;
	size_t c, column = 0;

	line.fp = fp;
	line.len = 0;
	for (c = 0; c < n; c++) {
		bool tint = color != NULL && (tinted & 1u << c);
		size_t size = len != NULL ? len[c] : strlen(cell[c]);
		bool last = c + 1 == n;

		if (last && columns > 0 && size > 0 && column + size > columns &&
		    column + MP_WRAP_MIN > columns) {
			end_line(&line);
			add(&line, NULL, MP_WRAP_INDENT);
			column = MP_WRAP_INDENT;
		}
		if (tint)
			add(&line, color, strlen(color));
		if (last && columns > 0)
			add_wrapped(&line, cell[c], size, column, column,
			    columns);
		else
			add(&line, cell[c], size);
		if (tint)
			add(&line, "\033[0m", 4);
		if (!last) {
			add(&line, NULL, width[c] - size + 2);
			column += width[c] + 2;
		}
	}
	end_line(&line);
	flush(&line);
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

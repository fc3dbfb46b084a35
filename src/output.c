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

void
mp_row_cells(FILE *fp, const char *const *cell, const size_t *len,
    const size_t *width, size_t n, unsigned tinted, const char *color)
{
	struct line line;
	size_t c;

	line.fp = fp;
	line.len = 0;
	for (c = 0; c < n; c++) {
		bool tint = color != NULL && (tinted & 1u << c);
		size_t size = len != NULL ? len[c] : strlen(cell[c]);

		if (tint)
			add(&line, color, strlen(color));
		add(&line, cell[c], size);
		if (tint)
			add(&line, "\033[0m", 4);
		if (c + 1 < n)
			add(&line, NULL, width[c] - size + 2);
	}
	while (line.len > 0 && line.text[line.len - 1] == ' ')
		line.len--;
	add(&line, "\n", 1);
	flush(&line);
}

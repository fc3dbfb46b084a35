/*
 * output.c - the small writers the formatters share.
 */
#include <stdbool.h>
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

/* putc would be one more symbol to look up at every start. */
void
mp_put_byte(int c, FILE *fp)
{
	unsigned char byte = (unsigned char)c;

	fwrite(&byte, 1, 1, fp);
}

void
mp_put_number(FILE *fp, unsigned number)
{
	char buf[6];

	fputs(mp_format_number(buf, number), fp);
}

void
mp_put_all(FILE *fp, const char *const *strings)
{
	for (; *strings != NULL; strings++)
		fputs(*strings, fp);
}

void
mp_put_json_string(FILE *fp, const char *text, size_t len)
{
	size_t i;

	mp_put_byte('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '"' || c == '\\') {
			mp_put_byte('\\', fp);
			mp_put_byte(c, fp);
		} else if (c < 0x20) {
			fputs("\\u00", fp);
			mp_put_byte("0123456789abcdef"[c >> 4], fp);
			mp_put_byte("0123456789abcdef"[c & 0xf], fp);
		} else {
			mp_put_byte(c, fp);
		}
	}
	mp_put_byte('"', fp);
}

void
mp_row_begin(struct mp_row *row, FILE *fp)
{
	row->fp = fp;
	row->len = 0;
}

void
mp_row_add(struct mp_row *row, const char *text, size_t len)
{
	while (len > 0) {
		size_t room = sizeof row->text - row->len;
		size_t chunk = len < room ? len : room;

		memcpy(row->text + row->len, text, chunk);
		row->len += chunk;
		text += chunk;
		len -= chunk;
		if (row->len == sizeof row->text) {
			fwrite(row->text, 1, row->len, row->fp);
			row->len = 0;
		}
	}
}

void
mp_row_add_string(struct mp_row *row, const char *text)
{
	mp_row_add(row, text, strlen(text));
}

void
mp_row_pad(struct mp_row *row, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t chunk = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		mp_row_add(row, spaces, chunk);
		n -= chunk;
	}
}

void
mp_row_end(struct mp_row *row)
{
	/* An empty last cell leaves its padding behind: no trailing blanks. */
	while (row->len > 0 && row->text[row->len - 1] == ' ')
		row->len--;
	mp_row_add(row, "\n", 1);
	fwrite(row->text, 1, row->len, row->fp);
	row->len = 0;
}

void
mp_row_cells(FILE *fp, const char *const *cell, const size_t *len,
    const size_t *width, size_t n, unsigned tinted, const char *color)
{
	struct mp_row row;
	size_t c;

	mp_row_begin(&row, fp);
	for (c = 0; c < n; c++) {
		bool tint = color != NULL && (tinted & 1u << c);
		size_t size = len != NULL ? len[c] : strlen(cell[c]);

		if (tint)
			mp_row_add_string(&row, color);
		mp_row_add(&row, cell[c], size);
		if (tint)
			mp_row_add_string(&row, "\033[0m");
		if (c + 1 < n)
			mp_row_pad(&row, width[c] - size + 2);
	}
	mp_row_end(&row);
}

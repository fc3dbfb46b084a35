/*
 * output.c - the writers the formatters for scripts share.
 */
#include <stdio.h>
#include <string.h>

#include "output.h"

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

/*
 * c_string.c - text written as a C string literal.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "c_string.h"
#include "idna.h"

/*
 * UTF-8 goes as it is: a hex escape would take in the hex digits after
 * it.  Other bytes above ASCII and control characters go as three-digit
 * octal escapes, which end where they should.  A '?' after a '?' is
 * escaped, as "??" might begin a trigraph, which C11 still reads.
 */
void
mp_c_string(FILE *out, const char *text)
{
	size_t len = strlen(text), i, n;
	uint32_t cp;

	putc('"', out);
	for (i = 0; i < len; i += n) {
		unsigned char b = (unsigned char)text[i];

		n = 1;
		if (b == '"' || b == '\\')
			fprintf(out, "\\%c", b);
		else if (b == '?' && i > 0 && text[i - 1] == '?')
			fputs("\\?", out);
		else if (b >= 0x20 && b < 0x7f)
			putc(b, out);
		else if (b >= 0x80 && (n = mp_utf8_next(text + i, len - i,
		    &cp)) > 1)
			fwrite(text + i, 1, n, out);
		else {
			n = 1;
			fprintf(out, "\\%03o", b);
		}
	}
	putc('"', out);
}

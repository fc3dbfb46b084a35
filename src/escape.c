/*
 * escape.c - making untrusted bytes safe to show on a terminal.
 */
#include <string.h>

#include "mailports.h"

char *
mp_escape(char *dst, size_t dstsize, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const char *ellipsis = "...";
	size_t out = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		char piece[4];
		size_t size;

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
			piece[0] = (char)c;
			size = 1;
		} else {
			piece[0] = '\\';
			piece[1] = 'x';
			piece[2] = hex[c >> 4];
			piece[3] = hex[c & 0xf];
			size = 4;
		}
		/* Keep room for the ellipsis unless this is the last byte. */
		if (out + size + (i + 1 < len ? strlen(ellipsis) : 0) + 1 >
		    dstsize) {
			memcpy(dst + out, ellipsis, strlen(ellipsis));
			out += strlen(ellipsis);
			break;
		}
		memcpy(dst + out, piece, size);
		out += size;
	}
	dst[out] = '\0';
	return dst;
}

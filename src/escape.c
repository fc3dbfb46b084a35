/*
 * escape.c - making untrusted bytes safe to show on a terminal.
 */
#include <string.h>

#include "escape.h"
#include "mailports.h"

static size_t
escaped_size(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '\\' && c != '\'' ? 1 : 4;
}

char *
mp_escape(char *dst, size_t dstsize, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	static const char ellipsis[] = "...";
	size_t total = 0, room, out = 0, i;

	if (dstsize < sizeof ellipsis + 1) {
		if (dstsize > 0)
			dst[0] = '\0';
		return dst;
	}
	for (i = 0; i < len && total < dstsize; i++)
		total += escaped_size((unsigned char)src[i]);
	/* When it all does not fit, keep room for the ellipsis. */
	room = total < dstsize ? dstsize - 1 : dstsize - sizeof ellipsis;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (out + escaped_size(c) > room)
			break;
		if (escaped_size(c) == 1) {
			dst[out++] = (char)c;
		} else {
			dst[out++] = '\\';
			dst[out++] = 'x';
			dst[out++] = hex[c >> 4];
			dst[out++] = hex[c & 0xf];
		}
	}
	if (i < len) {
		memcpy(dst + out, ellipsis, sizeof ellipsis - 1);
		out += sizeof ellipsis - 1;
	}
	dst[out] = '\0';
	return dst;
}

/*
 * escape.c - making untrusted bytes safe to show on a terminal.
 */
#include <stdbool.h>
#include <string.h>

#include "escape.h"
#include "idna.h"
#include "mailports.h"

/*
 * The bytes the text at src, of len bytes (len > 0), begins with that go
 * out as they are: one printable ASCII byte, or with utf8 a whole UTF-8
 * sequence of a printable character; 0 when the first byte is escaped.
 */
static size_t
kept(const char *src, size_t len, bool utf8)
{
	unsigned char c = (unsigned char)src[0];
	uint32_t cp;
	size_t n;

	if (c < 0x80)
		return c >= 0x20 && c < 0x7f && c != '\\' && c != '\'';
	if (!utf8 || (n = mp_utf8_next(src, len, &cp)) == 0 ||
	    !mp_utf8_printable(cp))
		return 0;
	return n;
}

static char *
escape(char *dst, size_t dstsize, const char *src, size_t len, bool utf8)
{
	static const char hex[] = "0123456789abcdef";
	static const char ellipsis[] = "...";
	size_t total = 0, room, out = 0, i, n;

	if (dstsize < sizeof ellipsis + 1) {
		if (dstsize > 0)
			dst[0] = '\0';
		return dst;
	}
	for (i = 0; i < len && total < dstsize; i += n > 0 ? n : 1)
		total += (n = kept(src + i, len - i, utf8)) > 0 ? n : 4;
	/* When it all does not fit, keep room for the ellipsis. */
	room = total < dstsize ? dstsize - 1 : dstsize - sizeof ellipsis;
	for (i = 0; i < len; i += n > 0 ? n : 1) {
		unsigned char c = (unsigned char)src[i];

		n = kept(src + i, len - i, utf8);
		if (out + (n > 0 ? n : 4) > room)
			break;
		if (n > 0) {
			memcpy(dst + out, src + i, n);
			out += n;
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

char *
mp_escape(char *dst, size_t dstsize, const char *src, size_t len)
{
	return escape(dst, dstsize, src, len, false);
}

char *
mp_escape_utf8(char *dst, size_t dstsize, const char *src, size_t len)
{
	return escape(dst, dstsize, src, len, true);
}

char *
mp_shell_quote(char *out, size_t size, const char *text, size_t len)
{
	size_t n = 0, i;

	out[n++] = '\'';
	for (i = 0; i < len && n + 6 < size; i++) {
		if (text[i] == '\'') {
			memcpy(out + n, "'\\''", 4);
			n += 4;
		} else {
			out[n++] = text[i];
		}
	}
	out[n++] = '\'';
	out[n] = '\0';
	return out;
}

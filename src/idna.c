/*
 * idna.c - UTF-8 checked and international domain names written in ASCII
 * (RFC 3492 Punycode, RFC 5891 A-labels); the rule for case and
 * normalisation is in include/idna.h.
 */
#include <string.h>

#include "ascii.h"
#include "idna.h"

/* The parameters of Punycode, RFC 3492 section 5. */
enum {
	BASE = 36,
	TMIN = 1,
	TMAX = 26,
	SKEW = 38,
	DAMP = 700,
	INITIAL_BIAS = 72,
	INITIAL_N = 128
};

#define ACE_PREFIX "xn--"
#define ACE_PREFIX_LEN 4

size_t
mp_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t value, min;
	size_t n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		value = p[0] & 0x1fu;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		value = p[0] & 0x0fu;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		value = p[0] & 0x07u;
		min = 0x10000;
	} else {
		/* A continuation byte, or a lead byte of an overlong form. */
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (p[i] & 0x3fu);
	}
	if (value < min || value > 0x10ffff ||
	    (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*cp = value;
	return n;
}

bool
mp_utf8_printable(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return false;
	/* Marks that reorder text or break lines, unseen. */
	return cp != 0x061c && cp != 0x200e && cp != 0x200f &&
	    !(cp >= 0x2028 && cp <= 0x202e) &&
	    !(cp >= 0x2066 && cp <= 0x2069) && cp != 0xfeff;
}

static char
digit(uint32_t d)
{
	return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

/* RFC 3492 section 6.1. */
static uint32_t
adapt(uint32_t delta, uint32_t npoints, bool first)
{
	uint32_t k = 0;

	delta = first ? delta / DAMP : delta / 2;
	delta += delta / npoints;
	while (delta > ((BASE - TMIN) * TMAX) / 2) {
		delta /= BASE - TMIN;
		k += BASE;
	}
	return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

/* RFC 3492 section 6.3, with the overflow checks of its section 6.4. */
size_t
mp_punycode_encode(const uint32_t *input, size_t n, char *out,
    size_t outsize)
{
	uint32_t cp = INITIAL_N, delta = 0, bias = INITIAL_BIAS, h, b;
	size_t used = 0, i;

	if (outsize == 0 || n >= UINT32_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (input[i] < 0x80) {
			if (used + 1 >= outsize)
				return 0;
			out[used++] = (char)input[i];
		}
	h = b = (uint32_t)used;
	if (b > 0) {
		if (used + 1 >= outsize)
			return 0;
		out[used++] = '-';
	}
	while (h < n) {
		uint32_t m = UINT32_MAX;

		for (i = 0; i < n; i++)
			if (input[i] >= cp && input[i] < m)
				m = input[i];
		if (m - cp > (UINT32_MAX - delta) / (h + 1))
			return 0;
		delta += (m - cp) * (h + 1);
		cp = m;
		for (i = 0; i < n; i++) {
			uint32_t q, k;

			if (input[i] < cp) {
				if (delta == UINT32_MAX)
					return 0;
				delta++;
			}
			if (input[i] != cp)
				continue;
			for (q = delta, k = BASE;; k += BASE) {
				uint32_t t = k <= bias ? TMIN :
				    k >= bias + TMAX ? TMAX : k - bias;

				if (q < t)
					break;
				if (used + 1 >= outsize)
					return 0;
				out[used++] = digit(t + (q - t) % (BASE - t));
				q = (q - t) / (BASE - t);
			}
			if (used + 1 >= outsize)
				return 0;
			out[used++] = digit(q);
			bias = adapt(delta, h + 1, h == b);
			delta = 0;
			h++;
		}
		if (delta == UINT32_MAX || cp == UINT32_MAX)
			return 0;
		delta++;
		cp++;
	}
	out[used] = '\0';
	return used;
}

/*
 * One label of len bytes to ASCII at out, which has room for a label
 * and its NUL; sets *out_len.
 */
static enum mp_idna_error
label_to_ascii(const char *label, size_t len, char *out, size_t *out_len)
{
	/* An A-label has a byte for each code point at least. */
	uint32_t points[MP_IDNA_LABEL_MAX + 1];
	size_t n = 0, i, step, written;
	bool ascii = true;

	if (len == 0)
		return MP_IDNA_EMPTY;
	for (i = 0; i < len; i += step) {
		uint32_t cp;

		if ((step = mp_utf8_next(label + i, len - i, &cp)) == 0)
			return MP_IDNA_UTF8;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return MP_IDNA_CHARACTER;
		if (n == MP_IDNA_LABEL_MAX + 1)
			return MP_IDNA_LABEL_LONG;
		if (cp >= 0x80)
			ascii = false;
		points[n++] = cp < 0x80 ?
		    (uint32_t)mp_ascii_lower((char)cp) : cp;
	}
	if (n > MP_IDNA_LABEL_MAX)
		return MP_IDNA_LABEL_LONG;
	if (ascii) {
		for (i = 0; i < n; i++)
			out[i] = (char)points[i];
		out[n] = '\0';
		*out_len = n;
		return MP_IDNA_OK;
	}
	/* RFC 5891 section 4.2.3.1. */
	if (points[0] == '-' || points[n - 1] == '-')
		return MP_IDNA_HYPHEN;
	memcpy(out, ACE_PREFIX, ACE_PREFIX_LEN);
	written = mp_punycode_encode(points, n, out + ACE_PREFIX_LEN,
	    MP_IDNA_LABEL_MAX + 1 - ACE_PREFIX_LEN);
	if (written == 0)
		return MP_IDNA_LABEL_LONG;
	*out_len = ACE_PREFIX_LEN + written;
	return MP_IDNA_OK;
}

enum mp_idna_error
mp_idna_to_ascii(const char *name, size_t len, char ascii[MP_IDNA_NAME_SIZE],
    size_t *ascii_len)
{
	bool root = len > 1 && name[len - 1] == '.';
	size_t used = 0, start, end;

	if (root)
		len--;
	if (len == 0)
		return MP_IDNA_EMPTY;
	for (start = 0; start <= len; start = end + 1) {
		char label[MP_IDNA_LABEL_MAX + 1];
		enum mp_idna_error error;
		size_t label_len;
		const char *dot = memchr(name + start, '.', len - start);

		end = dot != NULL ? (size_t)(dot - name) : len;
		error = label_to_ascii(name + start, end - start, label,
		    &label_len);
		if (error != MP_IDNA_OK)
			return error;
		if (used + (start > 0) + label_len > MP_IDNA_NAME_MAX)
			return MP_IDNA_NAME_LONG;
		if (start > 0)
			ascii[used++] = '.';
		memcpy(ascii + used, label, label_len);
		used += label_len;
	}
	if (root)
		ascii[used++] = '.';
	ascii[used] = '\0';
	*ascii_len = used;
	return MP_IDNA_OK;
}

const char *
mp_idna_error_text(enum mp_idna_error error)
{
	switch (error) {
	case MP_IDNA_OK:
		return "no error";
	case MP_IDNA_UTF8:
		return "bytes that are not UTF-8";
	case MP_IDNA_CHARACTER:
		return "a control character";
	case MP_IDNA_EMPTY:
		return "an empty label";
	case MP_IDNA_HYPHEN:
		return "a label beginning or ending with a hyphen";
	case MP_IDNA_LABEL_LONG:
		return "a label longer than 63 bytes in ASCII";
	case MP_IDNA_NAME_LONG:
		return "longer than 253 bytes in ASCII";
	}
	return "unknown error";
}

/*
 * fuzz_idna.c - libFuzzer harness for the conversion of domain names to
 * ASCII: whatever the bytes, a name converted is ASCII, its labels and the
 * whole within their limits, converting it again changes nothing, and
 * each A-label decodes (by the decoder of RFC 3492 section 6.2 below,
 * kept here as only the test needs it) to the label given, its ASCII
 * letters lowered; and the escaped text is valid UTF-8 with no control.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "idna.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t
adapt(uint32_t delta, uint32_t npoints, int first)
{
	uint32_t k = 0;

	delta = first ? delta / 700 : delta / 2;
	delta += delta / npoints;
	while (delta > 455) {
		delta /= 35;
		k += 36;
	}
	return k + 36 * delta / (delta + 38);
}

/* Decodes the Punycode in, of len bytes; returns the count, or 0. */
static size_t
decode(const char *in, size_t len, uint32_t *out, size_t max)
{
	uint32_t n = 128, i = 0, bias = 72;
	size_t b = 0, count, j, pos;

	for (j = 0; j < len; j++)
		if (in[j] == '-')
			b = j;
	for (count = 0; count < b; count++) {
		if (count == max)
			return 0;
		out[count] = (unsigned char)in[count];
	}
	for (pos = b > 0 ? b + 1 : 0; pos < len; count++) {
		uint32_t oldi = i, w = 1, k, digit;
		size_t m;

		for (k = 36;; k += 36) {
			char c;

			if (pos >= len)
				return 0;
			c = in[pos++];
			if (c >= 'a' && c <= 'z')
				digit = (uint32_t)(c - 'a');
			else if (c >= '0' && c <= '9')
				digit = (uint32_t)(c - '0') + 26;
			else
				return 0;
			if (digit > (UINT32_MAX - i) / w)
				return 0;
			i += digit * w;
			uint32_t t = k <= bias ? 1 : k >= bias + 26 ? 26 :
			    k - bias;

			if (digit < t)
				break;
			if (w > UINT32_MAX / (36 - t))
				return 0;
			w *= 36 - t;
		}
		bias = adapt(i - oldi, (uint32_t)count + 1, oldi == 0);
		n += i / ((uint32_t)count + 1);
		i %= (uint32_t)count + 1;
		if (count == max)
			return 0;
		for (m = count; m > i; m--)
			out[m] = out[m - 1];
		out[i++] = n;
	}
	return count;
}

static void
check_label(const char *given, size_t given_len, const char *ascii,
    size_t len)
{
	uint32_t expected[256], decoded[256], cp;
	size_t n = 0, i, step;

	if (len > MP_IDNA_LABEL_MAX)
		abort();
	for (i = 0; i < given_len; i += step) {
		step = mp_utf8_next(given + i, given_len - i, &cp);
		if (step == 0)
			abort();
		expected[n++] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	}
	if (len < 4 || memcmp(ascii, "xn--", 4) != 0) {
		for (i = 0; i < n; i++)
			if (expected[i] != (unsigned char)ascii[i])
				abort();
		return;
	}
	for (i = 0; i < n && expected[i] < 0x80; i++)
		;
	if (i == n)	/* an A-label typed as such */
		return;
	if (decode(ascii + 4, len - 4, decoded, 256) != n ||
	    memcmp(decoded, expected, n * sizeof expected[0]) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char ascii[MP_IDNA_NAME_SIZE], again[MP_IDNA_NAME_SIZE], shown[128];
	size_t len, len2, start, end, aend, astart, i;
	uint32_t cp;

	mp_escape_utf8(shown, sizeof shown, text, size);
	for (i = 0; shown[i] != '\0'; i += len) {
		if ((len = mp_utf8_next(shown + i, strlen(shown + i), &cp)) ==
		    0 || !mp_utf8_printable(cp))
			abort();
	}
	if (mp_idna_to_ascii(text, size, ascii, &len) != MP_IDNA_OK)
		return 0;
	if (len != strlen(ascii) || len > MP_IDNA_NAME_MAX + 1)
		abort();
	for (i = 0; i < len; i++)
		if ((unsigned char)ascii[i] >= 0x80 ||
		    (ascii[i] >= 'A' && ascii[i] <= 'Z'))
			abort();
	if (mp_idna_to_ascii(ascii, len, again, &len2) != MP_IDNA_OK ||
	    len2 != len || memcmp(again, ascii, len) != 0)
		abort();
	if (size > 1 && text[size - 1] == '.')
		size--;
	if (len > 1 && ascii[len - 1] == '.')
		len--;
	for (start = astart = 0; start <= size; start = end + 1,
	    astart = aend + 1) {
		for (end = start; end < size && text[end] != '.'; end++)
			;
		for (aend = astart; aend < len && ascii[aend] != '.'; aend++)
			;
		check_label(text + start, end - start, ascii + astart,
		    aend - astart);
	}
	return 0;
}

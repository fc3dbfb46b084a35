/*
 * der.c - ASN.1 values in DER (X.690) read from untrusted bytes; what is
 * accepted is in include/der.h.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "der.h"

/* Length octets beyond the first: four give 4 GiB, more than any input. */
#define LENGTH_OCTETS_MAX 4

void
mp_der_reader(struct mp_der_reader *r, const uint8_t *bytes, size_t len)
{
	r->p = bytes;
	r->left = len;
}

void
mp_der_enter(struct mp_der_reader *r, const struct mp_der *value)
{
	mp_der_reader(r, value->content, value->len);
}

bool
mp_der_done(const struct mp_der_reader *r)
{
	return r->left == 0;
}

bool
mp_der_next(struct mp_der_reader *r, struct mp_der *value)
{
	size_t len, head = 2;

	if (r->left < 2)
		return false;
	/* The high-tag-number form (and the end-of-contents octets) are
	 * never needed in a certificate. */
	if ((r->p[0] & 0x1f) == 0x1f || r->p[0] == 0)
		return false;
	len = r->p[1];
	if (len & 0x80) {
		size_t i, n = len & 0x7f;

		/* 0x80 is the indefinite form, which DER forbids. */
		if (n == 0 || n > LENGTH_OCTETS_MAX || r->left - 2 < n)
			return false;
		len = 0;
		for (i = 0; i < n; i++)
			len = len << 8 | r->p[2 + i];
		/* The shortest form only: no leading zero, nothing below 128
		 * in the long form. */
		if (r->p[2] == 0 || len < 0x80)
			return false;
		head += n;
	}
	if (len > r->left - head)
		return false;
	value->tag = r->p[0];
	value->der = r->p;
	value->content = r->p + head;
	value->len = len;
	value->der_len = head + len;
	r->p += value->der_len;
	r->left -= value->der_len;
	return true;
}

bool
mp_der_expect(struct mp_der_reader *r, unsigned tag, struct mp_der *value)
{
	struct mp_der_reader before = *r;

	if (mp_der_next(r, value) && value->tag == tag)
		return true;
	*r = before;
	return false;
}

bool
mp_der_optional(struct mp_der_reader *r, unsigned tag, struct mp_der *value,
    bool *present)
{
	struct mp_der_reader before = *r;

	*present = false;
	if (r->left == 0 || r->p[0] != tag)
		return true;
	if (!mp_der_next(r, value)) {
		*r = before;
		return false;
	}
	*present = true;
	return true;
}

bool
mp_der_boolean(const struct mp_der *value, bool *out)
{
	if (value->tag != MP_DER_BOOLEAN || value->len != 1 ||
	    (value->content[0] != 0 && value->content[0] != 0xff))
		return false;
	*out = value->content[0] != 0;
	return true;
}

/* An INTEGER's content: not empty, and no octet that could be left out. */
static bool
integer_minimal(const struct mp_der *value)
{
	const uint8_t *c = value->content;

	if (value->tag != MP_DER_INTEGER || value->len == 0)
		return false;
	if (value->len > 1 && ((c[0] == 0 && !(c[1] & 0x80)) ||
	    (c[0] == 0xff && (c[1] & 0x80))))
		return false;
	return true;
}

bool
mp_der_integer(const struct mp_der *value, const uint8_t **bytes,
    size_t *len)
{
	if (!integer_minimal(value))
		return false;
	*bytes = value->content;
	*len = value->len;
	return true;
}

bool
mp_der_int64(const struct mp_der *value, int64_t *out)
{
	uint64_t v;
	size_t i;

	if (!integer_minimal(value) || value->len > 8)
		return false;
	v = value->content[0] & 0x80 ? UINT64_MAX : 0;
	for (i = 0; i < value->len; i++)
		v = v << 8 | value->content[i];
	/* Two's complement, read without an implementation-defined cast. */
	*out = v > INT64_MAX ? -(int64_t)(UINT64_MAX - v) - 1 : (int64_t)v;
	return true;
}

bool
mp_der_unsigned(const struct mp_der *value, const uint8_t **bytes,
    size_t *len)
{
	const uint8_t *c = value->content;
	size_t n = value->len;

	if (!integer_minimal(value) || (c[0] & 0x80))
		return false;
	while (n > 0 && c[0] == 0) {
		c++;
		n--;
	}
	*bytes = c;
	*len = n;
	return true;
}

bool
mp_der_bit_string(const struct mp_der *value, const uint8_t **bytes,
    size_t *len)
{
	if (value->tag != MP_DER_BIT_STRING || value->len == 0 ||
	    value->content[0] != 0)
		return false;
	*bytes = value->content + 1;
	*len = value->len - 1;
	return true;
}

bool
mp_der_oid_arcs(const struct mp_der *value, uint32_t *arcs, size_t *narcs)
{
	const uint8_t *c = value->content;
	size_t i, n = 0;
	uint64_t arc = 0;
	bool fresh = true;

	if (value->tag != MP_DER_OID || value->len == 0 ||
	    (c[value->len - 1] & 0x80))
		return false;
	for (i = 0; i < value->len; i++) {
		/* A subidentifier in its shortest form: no leading 0x80. */
		if (fresh && c[i] == 0x80)
			return false;
		arc = arc << 7 | (c[i] & 0x7fu);
		/* The first subidentifier holds two arcs: 80 + 2^32 - 1 at most. */
		if (arc > (n == 0 ? UINT32_MAX + 80ull : UINT32_MAX))
			return false;
		fresh = !(c[i] & 0x80);
		if (!fresh)
			continue;
		if (n == 0) {
			arcs[0] = arc < 80 ? (uint32_t)(arc / 40) : 2;
			arc -= (uint64_t)arcs[0] * 40;
			if (arc > UINT32_MAX)
				return false;
			n = 1;
		}
		if (n == MP_DER_OID_ARCS_MAX)
			return false;
		arcs[n++] = (uint32_t)arc;
		arc = 0;
	}
	*narcs = n;
	return true;
}

bool
mp_der_oid_text(const struct mp_der *value, char *text, size_t size)
{
	uint32_t arcs[MP_DER_OID_ARCS_MAX];
	size_t n, i, used = 0;

	if (!mp_der_oid_arcs(value, arcs, &n))
		return false;
	for (i = 0; i < n; i++) {
		int w = snprintf(text + used, size - used, i ? ".%lu" : "%lu",
		    (unsigned long)arcs[i]);
		if (w < 0 || (size_t)w >= size - used)
			return false;
		used += (size_t)w;
	}
	return true;
}

bool
mp_der_oid_is(const struct mp_der *value, const uint8_t *oid, size_t len)
{
	return value->tag == MP_DER_OID && value->len == len &&
	    memcmp(value->content, oid, len) == 0;
}

unsigned
mp_der_string_width(unsigned tag)
{
	switch (tag) {
	case MP_DER_UTF8_STRING:
	case MP_DER_NUMERIC_STRING:
	case MP_DER_PRINTABLE_STRING:
	case MP_DER_T61_STRING:
	case MP_DER_IA5_STRING:
		return 1;
	case MP_DER_BMP_STRING:
		return 2;
	case MP_DER_UNIVERSAL_STRING:
		return 4;
	default:
		return 0;
	}
}

/* n decimal digits at s, as a number; false if one is not a digit. */
static bool
digits(const uint8_t *s, size_t n, int *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (!mp_ascii_isdigit(s[i]))
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
mp_der_time(const struct mp_der *value, int64_t *out)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	const uint8_t *c = value->content;
	int year, month, day, hour, min, sec, ylen, last;

	if (value->tag == MP_DER_UTC_TIME && value->len == 13)
		ylen = 2;
	else if (value->tag == MP_DER_GENERALIZED_TIME && value->len == 15)
		ylen = 4;
	else
		return false;
	if (c[value->len - 1] != 'Z' || !digits(c, (size_t)ylen, &year) ||
	    !digits(c + ylen, 2, &month) || !digits(c + ylen + 2, 2, &day) ||
	    !digits(c + ylen + 4, 2, &hour) ||
	    !digits(c + ylen + 6, 2, &min) || !digits(c + ylen + 8, 2, &sec))
		return false;
	if (ylen == 2)
		year += year >= 50 ? 1900 : 2000;
	if (month < 1 || month > 12 || hour > 23 || min > 59 || sec > 59)
		return false;
	last = mdays[month - 1];
	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		last = 29;
	if (day < 1 || day > last)
		return false;
	*out = days_from_civil(year, month, day) * 86400 +
	    (int64_t)hour * 3600 + (int64_t)min * 60 + sec;
	return true;
}

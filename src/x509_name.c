/*
 * x509_name.c - an X.509 Name as text by OpenSSL's RFC 2253 rules, which
 * include/x509_name.h lists.
 */
#include <string.h>

#include "idna.h"
#include "oids.h"
#include "x509_name.h"

/* Text written within a buffer of fixed size; overflow sticks. */
struct out {
	char	*p;
	size_t	 size;
	size_t	 used;
	bool	 overflow;
};

/* Whether a character is first or last of its value (last wins, as in
 * OpenSSL, so that a lone "#" is not escaped). */
enum place { MIDDLE, FIRST, LAST };

struct attr {
	struct mp_der	type;
	struct mp_der	value;
	size_t		rdn;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->overflow || n >= o->size - o->used) {
		o->overflow = true;
		return;
	}
	memcpy(o->p + o->used, s, n);
	o->used += n;
	o->p[o->used] = '\0';
}

static void
put_hex(struct out *o, unsigned b)
{
	static const char xdigits[] = "0123456789ABCDEF";
	char hex[2] = { xdigits[b >> 4 & 0xf], xdigits[b & 0xf] };

	put(o, hex, 2);
}

static void
put_escaped(struct out *o, unsigned b, enum place place)
{
	char c = (char)b;

	if (b > 0x7f || b < 0x20 || b == 0x7f) {
		put(o, "\\", 1);
		put_hex(o, b);
		return;
	}
	if (strchr(",+\"\\<>;", c) != NULL ||
	    (c == ' ' && place != MIDDLE) || (c == '#' && place == FIRST))
		put(o, "\\", 1);
	put(o, &c, 1);
}

/* The UTF-8 of a code point into buf; 0 for a surrogate or past U+10FFFF,
 * which OpenSSL's UTF8_putc refuses. */
static size_t
utf8_put(uint32_t c, uint8_t buf[4])
{
	if (c < 0x80) {
		buf[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (uint8_t)(0xc0 | c >> 6);
		buf[1] = (uint8_t)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	if (c < 0x10000) {
		buf[0] = (uint8_t)(0xe0 | c >> 12);
		buf[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
		buf[2] = (uint8_t)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c > 0x10ffff)
		return 0;
	buf[0] = (uint8_t)(0xf0 | c >> 18);
	buf[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
	buf[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
	buf[3] = (uint8_t)(0x80 | (c & 0x3f));
	return 4;
}

/* The bytes per character of a value as OpenSSL prints it, 0 to dump. */
static uint32_t
char_at(const uint8_t *p, unsigned width)
{
	uint32_t c = 0;
	unsigned i;

	for (i = 0; i < width; i++)
		c = c << 8 | p[i];
	return c;
}

static void
put_dump(struct out *o, const struct mp_der *value)
{
	size_t i;

	put(o, "#", 1);
	for (i = 0; i < value->der_len; i++)
		put_hex(o, value->der[i]);
}

/* A value value_valid accepted. */
static void
put_value(struct out *o, const struct mp_der *value, bool known)
{
	unsigned width = mp_der_string_width(value->tag);
	uint8_t utf8[4];
	size_t i, j, n;

	if (!known || width == 0) {
		put_dump(o, value);
		return;
	}
	for (i = 0; i < value->len; i += width) {
		enum place place = i + width == value->len ? LAST : i == 0 ?
		    FIRST : MIDDLE;

		if (value->tag == MP_DER_UTF8_STRING) {
			put_escaped(o, value->content[i], place);
			continue;
		}
		n = utf8_put(char_at(value->content + i, width), utf8);
		for (j = 0; j < n; j++)
			put_escaped(o, utf8[j], place);
	}
}

/*
 * Whether OpenSSL reads a value of an attribute: its types for a Name's
 * values (DirectoryString and a few more, ASN1_PRINTABLE, with the tags
 * it calls unknown), and, for the string types it puts in canonical form
 * to compare names, characters that convert to UTF-8: a UTF8String well
 * formed, a BMPString or a UniversalString of whole characters, no
 * surrogate, nothing past U+10FFFF.  It refuses the certificate
 * otherwise, and so does this reader.
 */
static bool
value_valid(const struct mp_der *value)
{
	unsigned width = mp_der_string_width(value->tag);
	uint32_t c;
	size_t i, n;

	switch (value->tag) {
	case MP_DER_BIT_STRING:
	case 0x07: case 0x08: case 0x09: case 0x0b: case 0x0d: case 0x0e:
	case 0x0f: case 0x1d:
	case MP_DER_SEQUENCE:
	case MP_DER_NUMERIC_STRING:
	case MP_DER_PRINTABLE_STRING:
	case MP_DER_T61_STRING:
	case MP_DER_IA5_STRING:
		return true;
	case MP_DER_UTF8_STRING:
		for (i = 0; i < value->len; i += n)
			if ((n = mp_utf8_next((const char *)value->content + i,
			    value->len - i, &c)) == 0)
				return false;
		return true;
	case MP_DER_BMP_STRING:
	case MP_DER_UNIVERSAL_STRING:
		if (value->len % width != 0)
			return false;
		for (i = 0; i < value->len; i += width) {
			c = char_at(value->content + i, width);
			if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
				return false;
		}
		return true;
	default:
		return false;
	}
}

/* Every attribute of a Name in DER order, with the index of its RDN. */
static bool
read_attrs(const struct mp_der *name, struct attr *attrs, size_t *nattrs)
{
	struct mp_der_reader names, rdns, avas;
	struct mp_der rdn, ava;
	size_t n = 0, nrdn = 0;

	if (name->tag != MP_DER_SEQUENCE)
		return false;
	mp_der_enter(&names, name);
	while (!mp_der_done(&names)) {
		if (!mp_der_expect(&names, MP_DER_SET, &rdn) || rdn.len == 0)
			return false;
		mp_der_enter(&rdns, &rdn);
		while (!mp_der_done(&rdns)) {
			if (n == MP_X509_NAME_ATTRS_MAX ||
			    !mp_der_expect(&rdns, MP_DER_SEQUENCE, &ava))
				return false;
			mp_der_enter(&avas, &ava);
			if (!mp_der_expect(&avas, MP_DER_OID, &attrs[n].type) ||
			    !mp_der_next(&avas, &attrs[n].value) ||
			    !mp_der_done(&avas) ||
			    !value_valid(&attrs[n].value))
				return false;
			attrs[n++].rdn = nrdn;
		}
		nrdn++;
	}
	*nattrs = n;
	return true;
}

bool
mp_x509_name_text(const struct mp_der *name, char *text, size_t size)
{
	struct attr attrs[MP_X509_NAME_ATTRS_MAX];
	struct out o = { text, size, 0, size == 0 };
	char dotted[128];
	size_t n, i;

	if (size > 0)
		text[0] = '\0';
	if (!read_attrs(name, attrs, &n))
		return false;
	for (i = n; i-- > 0;) {
		const struct mp_oid *oid;

		if (i + 1 < n && attrs[i].rdn == attrs[i + 1].rdn)
			put(&o, "+", 1);
		else if (i + 1 < n)
			put(&o, ",", 1);
		oid = mp_oid_find(MP_OID_ATTR, &attrs[i].type);
		if (oid != NULL)
			put(&o, oid->name, strlen(oid->name));
		else if (mp_der_oid_text(&attrs[i].type, dotted, sizeof dotted))
			put(&o, dotted, strlen(dotted));
		else
			return false;
		put(&o, "=", 1);
		put_value(&o, &attrs[i].value, oid != NULL);
	}
	return !o.overflow;
}

bool
mp_x509_name_is_cn(const struct mp_der *type)
{
	static const uint8_t cn[] = { 0x55, 0x04, 0x03 };

	return mp_der_oid_is(type, cn, sizeof cn);
}

bool
mp_x509_string_utf8(const struct mp_der *value, char *out, size_t size,
    size_t *len)
{
	unsigned width = mp_der_string_width(value->tag);
	uint8_t utf8[4];
	size_t i;

	*len = 0;
	if (width == 0 || value->len % width != 0)
		return false;
	if (value->tag == MP_DER_UTF8_STRING) {
		if (value->len > size)
			return false;
		memcpy(out, value->content, value->len);
		*len = value->len;
		return true;
	}
	for (i = 0; i < value->len; i += width) {
		/* The other one-byte types are read as Latin-1, as OpenSSL's
		 * ASN1_STRING_to_UTF8 reads them. */
		size_t n = utf8_put(char_at(value->content + i, width), utf8);

		if (n == 0 || n > size - *len)
			return false;
		memcpy(out + *len, utf8, n);
		*len += n;
	}
	return true;
}

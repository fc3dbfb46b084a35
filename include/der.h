/*
 * der.h - reading ASN.1 values encoded in DER (X.690 section 10) from
 * untrusted bytes: a certificate a server sent.
 *
 * A reader walks the values one after the other within a span of bytes;
 * each value read is a TLV whose content lies wholly within that span.
 * Only what DER allows is read: tags of the low-tag-number form (every
 * tag X.509 uses), definite lengths in their shortest form.  Every
 * function returns false on input it does not accept and never reads
 * past the bytes it was given.  No I/O, no allocation.
 */
#ifndef MAILPORTS_DER_H
#define MAILPORTS_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The identifier octets of the universal types X.509 uses. */
enum {
	MP_DER_BOOLEAN = 0x01,
	MP_DER_INTEGER = 0x02,
	MP_DER_BIT_STRING = 0x03,
	MP_DER_OCTET_STRING = 0x04,
	MP_DER_NULL = 0x05,
	MP_DER_OID = 0x06,
	MP_DER_UTF8_STRING = 0x0c,
	MP_DER_NUMERIC_STRING = 0x12,
	MP_DER_PRINTABLE_STRING = 0x13,
	MP_DER_T61_STRING = 0x14,
	MP_DER_IA5_STRING = 0x16,
	MP_DER_UTC_TIME = 0x17,
	MP_DER_GENERALIZED_TIME = 0x18,
	MP_DER_UNIVERSAL_STRING = 0x1c,
	MP_DER_BMP_STRING = 0x1e,
	MP_DER_SEQUENCE = 0x30,
	MP_DER_SET = 0x31
};

/* The bits of an identifier octet beside the tag number. */
#define MP_DER_CONSTRUCTED	0x20u
#define MP_DER_CONTEXT		0x80u

/* Arcs of an object identifier that mp_der_oid_arcs reads at most. */
#define MP_DER_OID_ARCS_MAX	32

/* One value: its identifier octet, its content and the whole encoding. */
struct mp_der {
	unsigned	 tag;
	const uint8_t	*content;
	size_t		 len;		/* bytes of content */
	const uint8_t	*der;		/* the identifier octet */
	size_t		 der_len;	/* identifier, length and content */
};

/* The values still to read within a span. */
struct mp_der_reader {
	const uint8_t	*p;
	size_t		 left;
};

/* A reader over len bytes; over the content of a constructed value. */
void mp_der_reader(struct mp_der_reader *r, const uint8_t *bytes, size_t len);
void mp_der_enter(struct mp_der_reader *r, const struct mp_der *value);
bool mp_der_done(const struct mp_der_reader *r);

/*
 * Reads the next value into *value.  mp_der_expect reads it only when its
 * identifier octet is tag; mp_der_optional reads it when it is tag and
 * otherwise leaves the reader where it was, setting *present.
 */
bool mp_der_next(struct mp_der_reader *r, struct mp_der *value);
bool mp_der_expect(struct mp_der_reader *r, unsigned tag,
    struct mp_der *value);
bool mp_der_optional(struct mp_der_reader *r, unsigned tag,
    struct mp_der *value, bool *present);

/* BOOLEAN: one octet, 0x00 or 0xff. */
bool mp_der_boolean(const struct mp_der *value, bool *out);
/* INTEGER of any size in its shortest form: its two's complement bytes. */
bool mp_der_integer(const struct mp_der *value, const uint8_t **bytes,
    size_t *len);
/* INTEGER small enough for an int64_t, in its shortest form. */
bool mp_der_int64(const struct mp_der *value, int64_t *out);
/*
 * INTEGER not below zero, of any size: the bytes of its magnitude with no
 * leading zero (none at all for zero).
 */
bool mp_der_unsigned(const struct mp_der *value, const uint8_t **bytes,
    size_t *len);
/* BIT STRING of whole octets, as keys and signatures are. */
bool mp_der_bit_string(const struct mp_der *value, const uint8_t **bytes,
    size_t *len);
/* OBJECT IDENTIFIER: its arcs, each below 2^32, MP_DER_OID_ARCS_MAX at most. */
bool mp_der_oid_arcs(const struct mp_der *value, uint32_t *arcs,
    size_t *narcs);
/* Its dotted form ("2.5.4.3"), NUL-terminated, within size bytes. */
bool mp_der_oid_text(const struct mp_der *value, char *text, size_t size);
/* Whether an OBJECT IDENTIFIER is the one whose content bytes are oid. */
bool mp_der_oid_is(const struct mp_der *value, const uint8_t *oid,
    size_t len);
/*
 * The bytes per character of a string type (1, 2 for BMPString, 4 for
 * UniversalString; 1 for UTF8String, whose characters are read as
 * bytes), or 0 if tag is not one of the string types a name may use.
 */
unsigned mp_der_string_width(unsigned tag);
/*
 * UTCTime or GeneralizedTime, as RFC 5280 section 4.1.2.5 has them: in
 * UTC ("Z"), seconds given, no fraction; a UTCTime year below 50 is
 * 20YY, else 19YY.  *out is the seconds since 1970-01-01T00:00:00Z.
 */
bool mp_der_time(const struct mp_der *value, int64_t *out);

#endif

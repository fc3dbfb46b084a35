/*
 * x509_name.h - an X.509 Name (RFC 5280 section 4.1.2.4) as text, the way
 * openssl x509 -nameopt RFC2253 prints it, for names to compare with
 * OpenSSL's and to show.
 *
 * OpenSSL's rules (crypto/asn1/a_strex.c, do_name_ex and do_buf): the
 * attributes in reverse order of the DER, those within a multi-valued RDN
 * too, "," between RDNs and "+" within one; each type by OpenSSL's short
 * name (CN, C, L, ST, O, OU, emailAddress, ...), a type it does not know
 * by its dotted OID with the value as "#" and the hex of its DER.  A
 * value of a string type is read by characters (a byte each for
 * UTF8String, PrintableString, IA5String, T61String, NumericString; two
 * for BMPString, four for UniversalString) and escaped:
 *  - , + " \ < > ; by a backslash, a space first or last and a # first
 *    (not when it is also last) likewise;
 *  - a control byte (below 0x20, 0x7f) as \XX in upper-case hex;
 *  - every other character above 0x7f in UTF-8, each byte as \XX; a
 *    UTF8String's bytes as they are, so each byte above 0x7f as \XX, and
 *    a T61String's byte as the Latin-1 character of its value;
 *  - a surrogate or a value past U+10FFFF prints nothing.
 * A value of another type is "#" and the hex of its DER, upper case.
 * Pure: no I/O, no allocation.
 */
#ifndef MAILPORTS_X509_NAME_H
#define MAILPORTS_X509_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "der.h"

/* Attributes of a Name read at most; a Name with more is not read. */
#define MP_X509_NAME_ATTRS_MAX	64

/*
 * The text of the Name (a SEQUENCE), NUL-terminated, within size bytes;
 * false if the DER is not a Name or the text does not fit.
 */
bool mp_x509_name_text(const struct mp_der *name, char *text, size_t size);

/* Whether the attribute type (an OBJECT IDENTIFIER) is commonName. */
bool mp_x509_name_is_cn(const struct mp_der *type);

/*
 * The UTF-8 of a value of one of the string types, within size bytes
 * (not NUL-terminated), in *len; false for another type, a value that
 * does not fit, or a character past U+10FFFF or a surrogate.
 */
bool mp_x509_string_utf8(const struct mp_der *value, char *out, size_t size,
    size_t *len);

#endif

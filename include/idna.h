/*
 * idna.h - international domain names written in ASCII: UTF-8 read and
 * checked, and each label of a name turned into its A-label (RFC 5890,
 * RFC 5891) by the Punycode of RFC 3492, for DNS, the provider table and
 * the probe, which only speak ASCII.
 *
 * Without Unicode tables (the program needs only libc) two steps of IDNA
 * cannot be taken: normalising to NFC and mapping non-ASCII letters to
 * lower case.  The rule is therefore to encode a name as typed: ASCII
 * letters are lowered, every other character is encoded as it is, and the
 * name is expected in NFC and in lower case, as people type it and as
 * keyboards and input methods produce it.  "Bücher.de" works; a name
 * typed in upper-case non-ASCII letters ("BÜCHER.de") or decomposed
 * (u and a combining diaeresis) gives a different A-label, which the DNS
 * then does not know.
 *
 * Every function here is pure: no I/O, no allocation, bounded output.
 */
#ifndef MAILPORTS_IDNA_H
#define MAILPORTS_IDNA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MP_IDNA_NAME_SIZE 256	/* 253 bytes, a final dot and a NUL */
#define MP_IDNA_LABEL_MAX 63	/* bytes of a label in ASCII */
#define MP_IDNA_NAME_MAX 253	/* bytes of a name in ASCII, no final dot */

/* Why a name has no ASCII form; mp_idna_error_text says it in words. */
enum mp_idna_error {
	MP_IDNA_OK,
	MP_IDNA_UTF8,		/* bytes that are not UTF-8 */
	MP_IDNA_CHARACTER,	/* a control character (C0, DEL, C1) */
	MP_IDNA_EMPTY,		/* an empty name or label */
	MP_IDNA_HYPHEN,		/* a non-ASCII label begins or ends with '-' */
	MP_IDNA_LABEL_LONG,	/* a label over 63 bytes in ASCII */
	MP_IDNA_NAME_LONG	/* a name over 253 bytes in ASCII */
};

/*
 * Reads the UTF-8 sequence at the start of the len bytes of s (len > 0)
 * into *cp and returns its length, 1 to 4; returns 0 when it is not well
 * formed (RFC 3629): a stray continuation byte, a sequence cut short, an
 * overlong form, a surrogate or a code point past U+10FFFF.
 */
size_t mp_utf8_next(const char *s, size_t len, uint32_t *cp);

/*
 * Whether a code point may reach a terminal as it is: not a control
 * character (C0, DEL, C1) nor one of the invisible ones that reorder or
 * break lines (bidirectional controls, line and paragraph separators,
 * the byte-order mark).
 */
bool mp_utf8_printable(uint32_t cp);

/*
 * Encodes n code points (n > 0) with the Punycode of RFC 3492 (without
 * the "xn--" prefix) into out, of size outsize, NUL-terminated.  Returns
 * the length written, or 0 when it does not fit or would overflow.
 */
size_t mp_punycode_encode(const uint32_t *input, size_t n, char *out,
    size_t outsize);

/*
 * Writes the ASCII form of the domain in the len bytes of name (UTF-8)
 * to ascii: each ASCII label lowered, each other label as "xn--" and its
 * Punycode, a final dot kept.  Sets *ascii_len.  Names are encoded as
 * typed (see above).  Whether the result is a host name is for the
 * caller to check (mp_host_name_valid); this checks the lengths, the
 * encoding and the hyphens of non-ASCII labels.
 */
enum mp_idna_error mp_idna_to_ascii(const char *name, size_t len,
    char ascii[MP_IDNA_NAME_SIZE], size_t *ascii_len);

/* What an error means, for a message: "a label longer than 63 bytes". */
const char *mp_idna_error_text(enum mp_idna_error error);

#endif

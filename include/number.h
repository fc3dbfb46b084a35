/*
 * number.h - a bounded decimal number read from text, as OpenBSD's
 * strtonum(3) reads one: between a least and a greatest value, and a
 * reason when it is not.
 */
#ifndef MAILPORTS_NUMBER_H
#define MAILPORTS_NUMBER_H

#include <stddef.h>

/* Why a text is not a number in bounds. */
enum mp_number_error {
	MP_NUMBER_OK,
	MP_NUMBER_INVALID,	/* not digits, as the form asks */
	MP_NUMBER_TOO_SMALL,
	MP_NUMBER_TOO_LARGE
};

/*
 * Reads the len bytes of text: digits only, no blank nor sign, then, when
 * decimals is not 0, an optional '.' and more digits.  The value is in
 * units of 10^-decimals (decimals 3 reads seconds as milliseconds);
 * digits past those are dropped.  Sets *value only when it is from min to
 * max; a number of any length is too large, never wrapped.
 */
enum mp_number_error mp_number(const char *text, size_t len,
    unsigned decimals, unsigned long min, unsigned long max,
    unsigned long *value);

/* "invalid", "too small" or "too large", as strtonum(3) says them. */
const char *mp_number_error_text(enum mp_number_error error);

#endif

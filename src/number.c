/*
 * number.c - one reader of decimal numbers for every number the program
 * takes: ports in words and hosts, and --timeout.
 */
#include <stddef.h>

#include "ascii.h"
#include "number.h"

/* Adds a digit to *result, or says it would pass max. */
static int
add_digit(unsigned long *result, char c, unsigned long max)
{
	if (*result > max / 10)
		return 0;
	*result = *result * 10 + (unsigned long)(c - '0');
	return 1;
}

enum mp_number_error
mp_number(const char *text, size_t len, unsigned decimals,
    unsigned long min, unsigned long max, unsigned long *value)
{
	unsigned long result = 0, scale = 1;
	size_t i;
	int large = 0;

	if (len == 0 || !mp_ascii_isdigit(text[0]))
		return MP_NUMBER_INVALID;
	for (i = 0; i < decimals; i++)
		scale *= 10;
	/* Past max every longer number is too large alike: read on. */
	for (i = 0; i < len && mp_ascii_isdigit(text[i]); i++)
		large |= !add_digit(&result, text[i], max);
	if (i < len && text[i] == '.' && decimals > 0)
		for (i++; i < len && mp_ascii_isdigit(text[i]); i++)
			if (scale > 1) {
				scale /= 10;
				large |= !add_digit(&result, text[i], max);
			}
	if (i < len)
		return MP_NUMBER_INVALID;
	if (large || result > max / scale)
		return MP_NUMBER_TOO_LARGE;
	if ((result *= scale) < min)
		return MP_NUMBER_TOO_SMALL;
	*value = result;
	return MP_NUMBER_OK;
}

const char *
mp_number_error_text(enum mp_number_error error)
{
	switch (error) {
	case MP_NUMBER_OK:
		break;
	case MP_NUMBER_INVALID:
		return "invalid";
	case MP_NUMBER_TOO_SMALL:
		return "too small";
	case MP_NUMBER_TOO_LARGE:
		return "too large";
	}
	return "";
}

/*
 * ascii.h - case in ASCII, for the words of queries, DNS names and the
 * keywords of mail protocols.
 *
 * These are ASCII by definition, whatever the user's locale; tolower(3)
 * and strncasecmp(3) follow the locale, so they are not used for them.
 */
#ifndef MAILPORTS_ASCII_H
#define MAILPORTS_ASCII_H

#include <stdbool.h>
#include <stddef.h>

static inline char
mp_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static inline char
mp_ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Whether the len bytes of text begin with prefix, in any case. */
static inline bool
mp_ascii_begins(const char *text, size_t len, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (i >= len ||
		    mp_ascii_lower(text[i]) != mp_ascii_lower(prefix[i]))
			return false;
	return true;
}

#endif

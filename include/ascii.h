/*
 * ascii.h - case and classes of characters in ASCII, for the words of
 * queries, DNS names, the keywords of mail protocols and the files the
 * program and its tools read.
 *
 * These are ASCII by definition, whatever the user's locale; tolower(3),
 * isalpha(3) and strncasecmp(3) follow the locale, so they are not used
 * for them.  The classifiers take an int, as the <ctype.h> ones do, so
 * that a char, an unsigned char or EOF may be given; a byte outside ASCII
 * is in no class.
 */
#ifndef MAILPORTS_ASCII_H
#define MAILPORTS_ASCII_H

#include <stdbool.h>
#include <stddef.h>

static inline bool
mp_ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
mp_ascii_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
mp_ascii_isalnum(int c)
{
	return mp_ascii_isalpha(c) || mp_ascii_isdigit(c);
}

/* What isspace(3) takes in the C locale. */
static inline bool
mp_ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

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

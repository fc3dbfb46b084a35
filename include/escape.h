/*
 * escape.h - untrusted bytes made safe to show.
 */
#ifndef MAILPORTS_ESCAPE_H
#define MAILPORTS_ESCAPE_H

#include <stddef.h>

/*
 * Copies len bytes of untrusted text into dst (of size dstsize, at least
 * 8), printable ASCII as it is and every other byte, backslash and quote
 * as an escape such as \x1b, shortened with "..." when it does not fit.
 * The result is safe to print on a terminal.  Returns dst.
 */
char *mp_escape(char *dst, size_t dstsize, const char *src, size_t len);

#endif

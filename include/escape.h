/*
 * escape.h - untrusted bytes made safe to show.
 *
 * Two forms, for two sources.  What the user typed (an address, a host,
 * a word) is shown in UTF-8 as typed, so that "bücher.de" reads as such;
 * what a server sent (a banner, a reason) stays in ASCII: it is the
 * peer's choice of bytes, it is not what the user wrote, and an escape
 * makes a stray or deceptive character visible for what it is.
 */
#ifndef MAILPORTS_ESCAPE_H
#define MAILPORTS_ESCAPE_H

#include <stddef.h>

/*
 * Copies len bytes of untrusted text into dst (of size dstsize, at least
 * 8), printable ASCII as it is and every other byte, backslash and quote
 * as an escape such as \x1b, shortened with "..." when it does not fit.
 * The result is safe to print on a terminal, and ASCII.  Returns dst.
 */
char *mp_escape(char *dst, size_t dstsize, const char *src, size_t len);

/*
 * The same, but a well-formed UTF-8 sequence of a printable character
 * (mp_utf8_printable: not a C1 control nor a bidirectional mark) is kept
 * whole; other bytes are escaped one by one, and a sequence is never cut
 * by the shortening.  For the text the user typed.
 */
char *mp_escape_utf8(char *dst, size_t dstsize, const char *src,
    size_t len);

/*
 * Writes the len bytes of text as one argument of a shell command to
 * paste: in single quotes, each quote it holds as '\'' , so that no byte of
 * it (a server's Location, say) can become a command of its own; cut
 * short, still quoted, to fit size bytes (at least 3).  Text must hold no
 * control byte: escape such text first.  Returns out.
 */
char *mp_shell_quote(char *out, size_t size, const char *text, size_t len);

#endif

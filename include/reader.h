/*
 * reader.h - the words of queries, read from a stream.
 */
#ifndef MAILPORTS_READER_H
#define MAILPORTS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mailports.h"

/*
 * Reads queries from a stream, one a line, as words separated by blanks.
 * A word may hold any byte but a blank or a newline; NUL is not special.
 */
struct mp_reader {
	FILE		*fp;
	unsigned long	 line;			/* the line being read, from 1 */
	size_t		 len;			/* the word's length, at most
						   MP_WORD_MAX + 1 for any
						   longer word */
	char		 word[MP_WORD_MAX + 1];	/* its first len bytes */
	bool		 in_line;		/* a line has begun */
	int		 pending;		/* a byte read too far, or EOF */
	bool		 ended;			/* the stream has ended */
};

enum mp_token {
	MP_TOKEN_WORD,		/* a word is in word and len */
	MP_TOKEN_LINE_END,	/* the line that began has ended */
	MP_TOKEN_END		/* end of input, or a read error (see ferror) */
};

void mp_reader_init(struct mp_reader *reader, FILE *fp);
enum mp_token mp_reader_next(struct mp_reader *reader);

#endif

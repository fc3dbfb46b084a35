/*
 * reader.c - splitting a stream of queries into lines and words.
 */
#include <stdio.h>

#include "ascii.h"
#include "mailports.h"
#include "reader.h"

void
mp_reader_init(struct mp_reader *reader, FILE *fp)
{
	reader->fp = fp;
	reader->line = 0;
	reader->len = 0;
	reader->in_line = false;
	reader->pending = EOF;
	reader->ended = false;
}

enum mp_token
mp_reader_next(struct mp_reader *reader)
{
	int c;

	for (;;) {
		if (reader->pending != EOF) {
			c = reader->pending;
			reader->pending = EOF;
		} else if (reader->ended) {
			c = EOF;
		} else {
			c = getc(reader->fp);
		}
		if (c == EOF) {
			/* Not read again: a terminal would wait for a second ^D. */
			reader->ended = true;
			/* A last line without a newline still ends. */
			if (!reader->in_line)
				return MP_TOKEN_END;
			reader->in_line = false;
			return MP_TOKEN_LINE_END;
		}
		if (!reader->in_line) {
			reader->in_line = true;
			reader->line++;
		}
		if (c == '\n') {
			reader->in_line = false;
			return MP_TOKEN_LINE_END;
		}
		/* Words are parted as isspace(3) parts them in the C locale. */
		if (!mp_ascii_isspace(c))
			break;
	}
	/* Past MP_WORD_MAX bytes a word is only counted as too long. */
	reader->len = 0;
	do {
		if (reader->len < sizeof reader->word)
			reader->word[reader->len++] = (char)c;
		c = getc(reader->fp);
	} while (c != EOF && !mp_ascii_isspace(c));
	/* What ended the word is read again by the next call. */
	reader->pending = c;
	reader->ended = c == EOF;
	return MP_TOKEN_WORD;
}

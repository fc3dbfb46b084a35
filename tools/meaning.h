/*
 * meaning.h - what each query word selects, for the programs that write
 * the manual and the shell completions.
 */
#ifndef MAILPORTS_MEANING_H
#define MAILPORTS_MEANING_H

#include "mailports.h"

/*
 * Writes, in up to size bytes of text, the sentence that says what a word
 * selects ("The IMAP ports"), without a final period; for a word of
 * encryption or security, the sentence lists the ports it selects.
 * Returns the sentence's length, as snprintf does: size or more means
 * that it was cut short.
 */
size_t mp_word_meaning(const struct mp_word *word, char *text, size_t size);

#endif

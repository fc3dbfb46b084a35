/*
 * question.h - the words of a question as people type it: one quoted
 * argument split as the shell would have, the names said in two words
 * joined and the cheat sheet's phrases found.
 */
#ifndef MAILPORTS_QUESTION_H
#define MAILPORTS_QUESTION_H

#include <stdbool.h>

#include "mailports.h"
#include "topics.h"

/* The most words a question holds, and the bytes they may take. */
#define MP_QUESTION_WORDS 64
#define MP_QUESTION_SIZE 2048
struct mp_question {
	struct mp_word_span words[MP_QUESTION_WORDS];
	size_t		 nwords;
	unsigned	 topics;	/* bit (1u << topic) of each topic asked */
	char		 text[MP_QUESTION_SIZE];	/* where split words are */
};

/*
 * Reads the arguments as a question.  An argument with spaces is split
 * into words as a shell splits a line (spaces separate words, double
 * quotes and a leading single quote group them), unless it holds an @ and
 * begins with neither the address nor a known word.  Of a word
 * without an @, quotes, apostrophes ("can't") and a final '?', ',' or
 * '!' are left out.  Two words that are a provider's name ("office 365") become
 * one; the phrases of topics.def become the topics they ask about.
 * Returns false when the question has more words or bytes than it can
 * hold.
 */
bool mp_question_read(struct mp_question *question, char **args, int nargs);

#endif

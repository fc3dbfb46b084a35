/*
 * topics.h - the cheat sheet's topics of data/topics.def, and the phrases
 * of a question that ask about one.
 */
#ifndef MAILPORTS_TOPICS_H
#define MAILPORTS_TOPICS_H

#include <stddef.h>

/*
 * The texts are held in the rows, as the providers' are (providers.h): a
 * pointer would cost a relocation at every start of the program.
 */
struct mp_topic {
	char words[16];		/* the query words it implies, or "" */
	char check[24];		/* the arguments of --check that test it */
	char answer[320];	/* the cheat sheet's lines, each ending in \n */
};

extern const struct mp_topic mp_topics[];
extern const size_t mp_ntopics;

/* One word of a question: len bytes at text, not NUL-terminated. */
struct mp_word_span {
	const char *text;
	size_t len;
};

/*
 * The longest phrase of topics.def that the question's words start with,
 * ASCII case ignored; a filler word (words.def) between two words of a
 * phrase is passed over, as in "can receive mail but not send".  Returns
 * how many of the n words it takes, 0 when none, and sets *topic to its
 * index into mp_topics.
 */
size_t mp_phrase_match(const struct mp_word_span *words, size_t n,
    size_t *topic);

#endif

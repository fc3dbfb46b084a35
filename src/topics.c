/*
 * topics.c - the cheat sheet's topics and the phrases that ask about them,
 * from data/topics.def.
 */
#include <string.h>

#include "ascii.h"
#include "len.h"
#include "mailports.h"
#include "topics.h"

enum topic_id {
#define TOPIC(id, words, check, answer) TOPIC_##id,
#include "topics.def"
};

const struct mp_topic mp_topics[] = {
#define TOPIC(id, words, check, answer) { words, check, answer },
#include "topics.def"
};

const size_t mp_ntopics = LEN(mp_topics);

/* Held in place, as the topics are. */
struct phrase {
	enum topic_id	 topic;
	char		 text[32];
};

static const struct phrase phrases[] = {
#define PHRASE(id, text) { TOPIC_##id, text },
#include "topics.def"
};

/* Whether the word is the next word of the phrase, which advances past it. */
static bool
next_word(const char **phrase, const struct mp_word_span *word)
{
	const char *p = *phrase;
	size_t i;

	for (i = 0; i < word->len; i++)
		if (p[i] == '\0' || p[i] == ' ' ||
		    p[i] != mp_ascii_lower(word->text[i]))
			return false;
	if (p[i] != '\0' && p[i] != ' ')
		return false;
	*phrase = p[i] == ' ' ? p + i + 1 : p + i;
	return true;
}

static bool
is_filler(const struct mp_word_span *word)
{
	return mp_word_is(word->text, word->len, MP_WORD_FILLER);
}

/* How many words the phrase takes from the start of words, or 0. */
static size_t
match(const char *phrase, const struct mp_word_span *words, size_t n)
{
	size_t i = 0;

	if (n == 0 || !next_word(&phrase, &words[0]))
		return 0;
	for (i = 1; *phrase != '\0'; i++) {
		if (i == n)
			return 0;
		if (!next_word(&phrase, &words[i]) && !is_filler(&words[i]))
			return 0;
	}
	return i;
}

size_t
mp_phrase_match(const struct mp_word_span *words, size_t n, size_t *topic)
{
	size_t best = 0, i, taken;

	if (n == 0 || words[0].len == 0)
		return 0;
	for (i = 0; i < LEN(phrases); i++) {
		/* Most phrases differ at the first letter: no call for them. */
		if (phrases[i].text[0] != mp_ascii_lower(words[0].text[0]))
			continue;
		if ((taken = match(phrases[i].text, words, n)) > best) {
			best = taken;
			*topic = phrases[i].topic;
		}
	}
	return best;
}

/*
 * question.c - a question as people type it, read into words a query
 * takes: see question.h.
 */
#include <string.h>

#include "ascii.h"
#include "len.h"
#include "providers.h"
#include "question.h"

/* The UTF-8 of the right single quotation mark, a typed apostrophe. */
#define RIGHT_QUOTE "\342\200\231"

struct reading {
	struct mp_question *q;
	size_t used;
};

static bool
add(struct reading *r, const char *text, size_t len)
{
	struct mp_question *q = r->q;

	if (q->nwords == MP_QUESTION_WORDS)
		return false;
	q->words[q->nwords].text = text;
	q->words[q->nwords].len = len;
	q->nwords++;
	return true;
}

/*
 * Copies a word without its quotes, its apostrophes and its final
 * punctuation: the words of words.def have none of them.
 */
static bool
add_plain(struct reading *r, const char *text, size_t len)
{
	char *out = r->q->text + r->used;
	size_t n = 0, i, typed = len;

	/* An address, or a word too long for any, is taken as it is, but for
	   the mark that ends a question ("alice@gmail.com?"). */
	if (memchr(text, '@', len) != NULL || len > MP_WORD_MAX) {
		while (len > 1 && (text[len - 1] == '?' ||
		    text[len - 1] == '!'))
			len--;
		return add(r, text, len);
	}
	while (len > 0 && (text[len - 1] == '?' || text[len - 1] == ',' ||
	    text[len - 1] == '!'))
		len--;
	if (len > MP_QUESTION_SIZE - r->used)
		return false;
	for (i = 0; i < len; i++) {
		if (text[i] == '\'' || text[i] == '"')
			continue;
		if (len - i >= 3 && memcmp(text + i, RIGHT_QUOTE, 3) == 0) {
			i += 2;
			continue;
		}
		out[n++] = text[i];
	}
	/* A word of punctuation alone is none; an empty argument stays one. */
	if (n == 0 && typed > 0)
		return true;
	r->used += n;
	return add(r, out, n);
}

/*
 * Splits an argument at spaces outside quotes, as a shell would: a
 * double quote groups until the next, a single quote too where it starts
 * a word (within one, it is an apostrophe).
 */
static bool
split(struct reading *r, const char *arg)
{
	size_t i = 0;

	for (;;) {
		size_t start;
		char quote = '\0';

		while (arg[i] == ' ')
			i++;
		if (arg[i] == '\0')
			return true;
		start = i;
		for (; arg[i] != '\0'; i++) {
			if (quote != '\0') {
				if (arg[i] == quote)
					quote = '\0';
			} else if (arg[i] == '"' ||
			    (arg[i] == '\'' && i == start)) {
				quote = arg[i];
			} else if (arg[i] == ' ') {
				break;
			}
		}
		if (!add_plain(r, arg + start, i - start))
			return false;
	}
}

/*
 * A provider people name in two words ("office 365", "google workspace")
 * is one alias of providers.def, the words joined by a hyphen.
 */
static bool
join_names(struct reading *r)
{
	struct mp_question *q = r->q;
	size_t i;

	for (i = 0; i + 1 < q->nwords; i++) {
		struct mp_word_span joined, *a = &q->words[i];
		const struct mp_word_span *b = &q->words[i + 1];
		size_t len = a->len + 1 + b->len;

		if (len > MP_NAME_SIZE - 1 || len > MP_QUESTION_SIZE - r->used)
			continue;
		joined.text = q->text + r->used;
		joined.len = len;
		memcpy(q->text + r->used, a->text, a->len);
		q->text[r->used + a->len] = '-';
		memcpy(q->text + r->used + a->len + 1, b->text, b->len);
		if (mp_provider_word_find(joined.text, joined.len) < 0)
			continue;
		r->used += len;
		*a = joined;
		memmove(&q->words[i + 1], &q->words[i + 2],
		    (q->nwords - i - 2) * sizeof q->words[0]);
		q->nwords--;
	}
	return true;
}

/*
 * "not secure", "without ssl", "no tls" ask for the ports a connection
 * starts unencrypted on, as "plaintext" does: the negation and the word
 * it turns around become that one word, never the word alone.
 */
static void
read_negations(struct mp_question *q)
{
	static const char *const negations[] = { "not", "no", "without",
		"non" };
	size_t i, j;

	for (i = 0; i + 1 < q->nwords; i++) {
		const struct mp_word_span *next = &q->words[i + 1];

		for (j = 0; j < LEN(negations) &&
		    !(q->words[i].len == strlen(negations[j]) &&
		    mp_ascii_begins(q->words[i].text, q->words[i].len,
		    negations[j])); j++)
			;
		if (j == LEN(negations) ||
		    !(mp_word_is(next->text, next->len, MP_WORD_SECURE) ||
		    mp_word_is(next->text, next->len, MP_WORD_TLS)))
			continue;
		q->words[i].text = "plaintext";
		q->words[i].len = strlen("plaintext");
		memmove(&q->words[i + 1], &q->words[i + 2],
		    (q->nwords - i - 2) * sizeof q->words[0]);
		q->nwords--;
	}
}

/* Takes the phrases out of the words, keeping the topics they ask. */
static void
find_phrases(struct mp_question *q)
{
	size_t i = 0, kept = 0;

	while (i < q->nwords) {
		size_t taken, topic;

		if ((taken = mp_phrase_match(q->words + i, q->nwords - i,
		    &topic)) > 0) {
			q->topics |= 1u << topic;
			i += taken;
			continue;
		}
		q->words[kept++] = q->words[i++];
	}
	q->nwords = kept;
}

/*
 * Whether an argument is one address whose quoted local part holds the
 * blanks ("quoted local"@example.com): not a question to split.
 */
static bool
quoted_address(const char *arg)
{
	const char *end;

	if (arg[0] != '"' || (end = strchr(arg + 1, '"')) == NULL)
		return false;
	return end[1] == '@' && strchr(end, ' ') == NULL;
}

/*
 * Whether an argument with blanks is a question to split: one without an
 * @, or one whose first word is the address or a word mailports knows
 * ("smtp port for alice@gmail.com", "alice@gmail.com cannot send"); not an
 * address with a blank in it ("al ice@gmail.com"), which is refused whole,
 * nor one whose quoted local part holds the blanks.
 */
static bool
question_of_words(const char *arg)
{
	size_t first = strcspn(arg, " ");
	struct mp_word meaning;

	if (strchr(arg, '@') == NULL)
		return true;
	if (quoted_address(arg))
		return false;
	return memchr(arg, '@', first) != NULL ||
	    mp_word_find(arg, first, &meaning);
}

bool
mp_question_read(struct mp_question *question, char **args, int nargs)
{
	struct reading r = { question, 0 };
	int i;

	question->nwords = 0;
	question->topics = 0;
	for (i = 0; i < nargs; i++) {
		const char *arg = args[i];
		size_t len = strlen(arg);

		if (strchr(arg, ' ') == NULL || !question_of_words(arg)) {
			if (!add_plain(&r, arg, len))
				return false;
		} else if (!split(&r, arg)) {
			return false;
		}
	}
	join_names(&r);
	read_negations(question);
	find_phrases(question);
	return true;
}

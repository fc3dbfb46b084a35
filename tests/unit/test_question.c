/*
 * test_question.c - a question as typed is read into the words a query
 * takes: split as a shell would, apostrophes and final punctuation left
 * out, two-word names joined, phrases found as topics.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "len.h"
#include "question.h"
#include "topics.h"

static struct mp_question q;

/* Reads the arguments, copied, as main has them: writable strings. */
static bool
read_args(int nargs, const char *const *args)
{
	static char copies[8][160];
	char *argv[8];
	int i;

	assert_true(nargs <= 8);
	for (i = 0; i < nargs; i++) {
		assert_true(strlen(args[i]) < sizeof copies[i]);
		strcpy(copies[i], args[i]);
		argv[i] = copies[i];
	}
	return mp_question_read(&q, argv, nargs);
}

/* The words read, separated by '|'. */
static const char *
words_of(int nargs, const char *const *args)
{
	static char text[512];
	size_t i, used = 0;

	assert_true(read_args(nargs, args));
	text[0] = '\0';
	for (i = 0; i < q.nwords; i++)
		used += (size_t)snprintf(text + used, sizeof text - used,
		    "%s%.*s", i > 0 ? "|" : "", (int)q.words[i].len,
		    q.words[i].text);
	return text;
}

static void
test_quoted_question_is_split_as_the_shell_would(void **state)
{
	const char *args[] = { "smtp port for gmail" };
	const char *quoted[] = { "imap \"port number\"  'for gmail'" };

	(void)state;
	assert_string_equal(words_of(1, args), "smtp|port|for|gmail");
	assert_string_equal(words_of(1, quoted), "imap|port number|for gmail");
}

static void
test_apostrophes_and_final_punctuation_are_left_out(void **state)
{
	const char *args[] = { "what's", "the", "imap", "port?" };
	const char *curly[] = { "can\342\200\231t", "connect!" };

	(void)state;
	assert_string_equal(words_of(4, args), "whats|the|imap|port");
	assert_int_equal(q.topics, 0);
	/* "cant connect" is a phrase: its topic is kept, its words are not. */
	assert_string_equal(words_of(2, curly), "");
	assert_int_not_equal(q.topics, 0);
}

static void
test_addresses_and_empty_words_stay_as_typed(void **state)
{
	const char *address[] = { "\"quoted local\"@example.com", "imap" };
	const char *empty[] = { "" };
	const char *tab[] = { "tab\tbed" };

	(void)state;
	assert_string_equal(words_of(2, address),
	    "\"quoted local\"@example.com|imap");
	assert_string_equal(words_of(1, empty), "");
	assert_int_equal(q.nwords, 1);
	/* Only spaces split: a tab stays in its word, to be refused there. */
	assert_string_equal(words_of(1, tab), "tab\tbed");
}

static void
test_two_word_names_are_joined(void **state)
{
	const char *office[] = { "office", "365", "smtp" };
	const char *google[] = { "Google Workspace imap" };
	const char *none[] = { "imap", "secure" };

	(void)state;
	assert_string_equal(words_of(3, office), "office-365|smtp");
	assert_string_equal(words_of(1, google), "Google-Workspace|imap");
	assert_string_equal(words_of(2, none), "imap|secure");
}

static void
test_phrases_become_topics(void **state)
{
	const char *args[] = { "gmail", "can", "receive", "mail", "but", "not",
	    "send" };
	struct mp_word_span span = { "cannot", 6 };
	size_t topic = 99;

	(void)state;
	assert_string_equal(words_of((int)LEN(args), args), "gmail");
	assert_int_not_equal(q.topics, 0);
	/* A phrase must be whole. */
	assert_int_equal(mp_phrase_match(&span, 1, &topic), 0);
	assert_int_equal(topic, 99);
}

static void
test_too_many_words_are_refused(void **state)
{
	char text[MP_QUESTION_WORDS * 2 + 3];
	char *args[] = { text };
	size_t i;

	(void)state;
	for (i = 0; i < MP_QUESTION_WORDS + 1; i++)
		memcpy(text + 2 * i, "a ", 2);
	text[2 * i] = '\0';
	assert_false(mp_question_read(&q, args, 1));
}

/*
 * Each topic's answer is lines of the cheat sheet: at most 75 columns,
 * each ending in a newline; its --check arguments name what to check.
 */
static void
test_topics_are_well_formed(void **state)
{
	size_t i;

	(void)state;
	assert_true(mp_ntopics > 0);
	for (i = 0; i < mp_ntopics; i++) {
		const char *p = mp_topics[i].answer, *line = p;

		assert_true(strlen(p) > 0);
		assert_int_equal(p[strlen(p) - 1], '\n');
		for (; *p != '\0'; p++)
			if (*p == '\n') {
				assert_true(p - line <= 75);
				line = p + 1;
			}
		assert_true(strncmp(mp_topics[i].check, "ADDRESS", 7) == 0 ||
		    strncmp(mp_topics[i].check, "HOST:PORT", 9) == 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_question_is_split_as_the_shell_would),
		cmocka_unit_test(test_apostrophes_and_final_punctuation_are_left_out),
		cmocka_unit_test(test_addresses_and_empty_words_stay_as_typed),
		cmocka_unit_test(test_two_word_names_are_joined),
		cmocka_unit_test(test_phrases_become_topics),
		cmocka_unit_test(test_too_many_words_are_refused),
		cmocka_unit_test(test_topics_are_well_formed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_words.c - every word of data/words.def and every service name is
 * understood, in any case, and near misses get a suggestion.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "mailports.h"

static bool
find(const char *text, struct mp_word *meaning)
{
	return mp_word_find(text, strlen(text), meaning);
}

static void
test_word_find_accepts_every_listed_word(void **state)
{
	struct mp_word meaning;
	size_t i;

	(void)state;
	for (i = 0; i < mp_nwords; i++) {
		assert_true(find(mp_words[i].text, &meaning));
		assert_int_equal(meaning.kind, mp_words[i].kind);
		assert_int_equal(meaning.value, mp_words[i].value);
	}
}

static void
test_word_find_ignores_case(void **state)
{
	char upper[MP_WORD_MAX + 1];
	struct mp_word meaning;
	size_t i, j;

	(void)state;
	for (i = 0; i < mp_nwords; i++) {
		for (j = 0; mp_words[i].text[j] != '\0'; j++) {
			char c = mp_words[i].text[j];

			upper[j] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
		}
		upper[j] = '\0';
		assert_true(find(upper, &meaning));
		assert_int_equal(meaning.kind, mp_words[i].kind);
		assert_int_equal(meaning.value, mp_words[i].value);
	}
	assert_true(find("SuBmIsSiOnS", &meaning));
	assert_int_equal(meaning.value, 465);
}

static void
test_word_find_accepts_service_names(void **state)
{
	struct mp_word meaning;
	size_t i;

	(void)state;
	for (i = 0; i < mp_nports; i++) {
		if (mp_ports[i].iana == NULL)
			continue;
		assert_true(find(mp_ports[i].iana, &meaning));
		/* A words.def row may give the name a wider meaning. */
		if (meaning.kind == MP_WORD_PORT)
			assert_int_equal(meaning.value, mp_ports[i].number);
	}
	assert_true(find("imaps", &meaning));
	assert_int_equal(meaning.kind, MP_WORD_PORT);
	assert_int_equal(meaning.value, 993);
	assert_true(find("smtp", &meaning));
	assert_int_equal(meaning.kind, MP_WORD_PROTO);
	assert_int_equal(meaning.value, MP_PROTO_SMTP);
}

static void
test_word_list_is_well_formed(void **state)
{
	size_t i, j;
	const char *p;

	(void)state;
	for (i = 0; i < mp_nwords; i++) {
		assert_true(strlen(mp_words[i].text) > 0);
		assert_true(strlen(mp_words[i].text) <= MP_WORD_MAX);
		/* A word starting with a digit would be read as a number. */
		assert_false(mp_words[i].text[0] >= '0' &&
		    mp_words[i].text[0] <= '9');
		/* The completions write the words unquoted. */
		for (p = mp_words[i].text; *p != '\0'; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '/');
		for (j = i + 1; j < mp_nwords; j++)
			assert_string_not_equal(mp_words[i].text,
			    mp_words[j].text);
	}
}

static size_t
fillers(void)
{
	size_t n = 0, i;

	for (i = 0; i < mp_nwords; i++)
		n += mp_words[i].kind == MP_WORD_FILLER;
	return n;
}

static void
test_query_words_lists_every_word_once(void **state)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	size_t n = mp_query_words(words, MP_QUERY_WORDS_MAX), i, j;
	bool imaps = false;

	(void)state;
	/* words.def first, in its order, then the service names, fillers last. */
	assert_true(n > mp_nwords);
	for (i = j = 0; j < mp_nwords; j++)
		if (mp_words[j].kind != MP_WORD_FILLER)
			assert_string_equal(words[i++].text, mp_words[j].text);
	for (i = n - fillers(), j = 0; j < mp_nwords; j++)
		if (mp_words[j].kind == MP_WORD_FILLER)
			assert_string_equal(words[i++].text, mp_words[j].text);
	for (i = 0; i < n; i++) {
		struct mp_word meaning;

		assert_true(find(words[i].text, &meaning));
		assert_int_equal(meaning.kind, words[i].kind);
		assert_int_equal(meaning.value, words[i].value);
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(words[i].text, words[j].text);
		if (strcmp(words[i].text, "imaps") == 0)
			imaps = words[i].kind == MP_WORD_PORT &&
			    words[i].value == 993;
	}
	assert_true(imaps);
}

static void
test_query_words_stops_at_max(void **state)
{
	struct mp_word words[3];

	(void)state;
	assert_int_equal(mp_query_words(words, 3), 3);
	assert_string_equal(words[2].text, mp_words[2].text);
}

static void
test_query_words_stops_among_service_names(void **state)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	size_t meaningful = mp_nwords - fillers();

	(void)state;
	assert_int_equal(mp_query_words(words, meaningful + 1),
	    meaningful + 1);
	assert_int_equal(words[meaningful].kind, MP_WORD_PORT);
}

static void
test_query_words_lists_the_fillers_last(void **state)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	size_t n = mp_query_words(words, MP_QUERY_WORDS_MAX), i;

	(void)state;
	assert_true(fillers() > 0);
	for (i = 0; i < n; i++)
		assert_true((words[i].kind == MP_WORD_FILLER) ==
		    (i >= n - fillers()));
}

static void
test_word_find_rejects_near_misses(void **state)
{
	struct mp_word meaning;

	(void)state;
	assert_false(find("imapp", &meaning));
	assert_false(find("ima", &meaning));
	assert_false(find("", &meaning));
	assert_false(mp_word_find("imap\0x", 6, &meaning));
	assert_false(mp_word_find("imap", 3, &meaning));
}

static void
test_word_suggest_finds_the_nearest_word(void **state)
{
	(void)state;
	assert_string_equal(mp_word_suggest("imapp", 5), "imap");
	assert_string_equal(mp_word_suggest("IMAPP", 5), "imap");
	assert_string_equal(mp_word_suggest("smpt", 4), "smtp");
	assert_string_equal(mp_word_suggest("secur", 5), "secure");
	assert_string_equal(mp_word_suggest("submision", 9), "submission");
	assert_string_equal(mp_word_suggest("starttsl", 8), "starttls");
	/* "mail" is as near, but a filler word is never suggested. */
	assert_string_equal(mp_word_suggest("mailu", 5), "mailru");
}

static void
test_word_suggest_rejects_far_words(void **state)
{
	char long_word[MP_WORD_MAX + 2];

	(void)state;
	memset(long_word, 'a', sizeof long_word);
	assert_null(mp_word_suggest("x", 1));
	assert_null(mp_word_suggest("zzzzzzzz", 8));
	/* Two edits are too many for a word of five letters or fewer. */
	assert_null(mp_word_suggest("imxxp", 5));
	/* Dropping a filler word changes nothing: none is suggested. */
	assert_null(mp_word_suggest("foo", 3));
	assert_null(mp_word_suggest("servr", 5));
	assert_null(mp_word_suggest("", 0));
	assert_null(mp_word_suggest(long_word, sizeof long_word));
	assert_null(mp_word_suggest(long_word, MP_WORD_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_find_accepts_every_listed_word),
		cmocka_unit_test(test_word_find_ignores_case),
		cmocka_unit_test(test_word_find_accepts_service_names),
		cmocka_unit_test(test_word_list_is_well_formed),
		cmocka_unit_test(test_query_words_lists_every_word_once),
		cmocka_unit_test(test_query_words_stops_at_max),
		cmocka_unit_test(test_query_words_stops_among_service_names),
		cmocka_unit_test(test_query_words_lists_the_fillers_last),
		cmocka_unit_test(test_word_find_rejects_near_misses),
		cmocka_unit_test(test_word_suggest_finds_the_nearest_word),
		cmocka_unit_test(test_word_suggest_rejects_far_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

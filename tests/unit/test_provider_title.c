/*
 * test_provider_title.c - a provider's title names it and its word, with
 * one pair of parentheses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "provider_title.h"

static void
test_mp_provider_title_puts_the_word_in_parentheses(void **state)
{
	const struct mp_provider gmail = { .word = "gmail", .name = "Gmail" };
	char text[160];

	(void)state;
	assert_string_equal(mp_provider_title(text, sizeof text, &gmail),
	    "Gmail (gmail)");
}

static void
test_mp_provider_title_joins_a_name_that_has_parentheses(void **state)
{
	const struct mp_provider gmx = { .word = "gmx",
	    .name = "GMX (gmx.net)" };
	char text[160];

	(void)state;
	assert_string_equal(mp_provider_title(text, sizeof text, &gmx),
	    "GMX (gmx.net; gmx)");
}

/* Every provider of the tables: one opening parenthesis after the name. */
static void
test_mp_provider_title_every_provider_has_one_pair(void **state)
{
	char text[160];
	size_t i;

	(void)state;
	for (i = 0; i < mp_nproviders; i++) {
		const char *title = mp_provider_title(text, sizeof text,
		    &mp_providers[i]);
		const char *open = strchr(title, '(');

		assert_non_null(open);
		assert_null(strchr(open + 1, '('));
		assert_int_equal(title[strlen(title) - 1], ')');
	}
}

static void
test_mp_provider_title_cuts_to_its_buffer(void **state)
{
	const struct mp_provider gmail = { .word = "gmail", .name = "Gmail" };
	char text[6];

	(void)state;
	assert_string_equal(mp_provider_title(text, sizeof text, &gmail),
	    "Gmail");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_provider_title_puts_the_word_in_parentheses),
		cmocka_unit_test(test_mp_provider_title_joins_a_name_that_has_parentheses),
		cmocka_unit_test(test_mp_provider_title_every_provider_has_one_pair),
		cmocka_unit_test(test_mp_provider_title_cuts_to_its_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

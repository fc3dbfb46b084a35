/*
 * test_first_screen.c - the table without words fits a terminal of 80x24
 * and says where its notes are.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "first_screen.h"
#include "mailports.h"

static void
test_mp_print_first_screen_fits_22_lines_of_80_columns(void **state)
{
	struct capture c;
	const char *line;
	size_t lines = 0, len;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_first_screen(c.fp, false);
	text = capture_end(&c);
	for (line = text; *line != '\0'; line += len + 1) {
		len = strcspn(line, "\n");
		assert_true(len <= 80);
		lines++;
		if (line[len] == '\0')
			break;
	}
	assert_true(lines <= 22);
	free(text);
}

static void
test_mp_print_first_screen_lists_every_port_without_notes(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	struct capture c;
	char *text, row[16];
	size_t n, i;

	(void)state;
	mp_query_init(&query);
	n = mp_lookup(&query, ports, MP_PORTS_MAX);
	capture_start(&c);
	mp_print_first_screen(c.fp, false);
	text = capture_end(&c);
	assert_true(strncmp(text, "PORT ", 5) == 0);
	assert_null(strstr(text, "NOTE"));
	for (i = 0; i < n; i++) {
		snprintf(row, sizeof row, "\n%u ", ports[i]->number);
		assert_non_null(strstr(text, row));
		assert_null(strstr(text, ports[i]->note));
	}
	assert_non_null(strstr(text, "mailports | less"));
	assert_non_null(strstr(text, "mailports --help"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_print_first_screen_fits_22_lines_of_80_columns),
		cmocka_unit_test(test_mp_print_first_screen_lists_every_port_without_notes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

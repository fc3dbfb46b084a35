/*
 * test_format.c - answers print as an aligned table, port numbers, TSV
 * and JSON.
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
#include "format.h"
#include "mailports.h"
#include "output.h"

static const struct mp_port *
port_numbered(unsigned number)
{
	size_t i;

	for (i = 0; i < mp_nports; i++)
		if (mp_ports[i].number == number)
			return &mp_ports[i];
	fail_msg("no port %u", number);
	return &mp_ports[0];
}

/* Where each column starts, found from the header's words. */
static size_t
column_starts(const char *line, size_t starts[16])
{
	size_t n = 0, i;

	for (i = 0; line[i] != '\0' && line[i] != '\n'; i++)
		if (line[i] != ' ' && (i == 0 || line[i - 1] == ' '))
			starts[n++] = i;
	return n;
}

static void
test_print_table_aligns_columns_under_the_header(void **state)
{
	const struct mp_port *ports[3];
	struct capture c;
	size_t header[16], i, col;
	char *text, *line;

	(void)state;
	ports[0] = port_numbered(993);
	ports[1] = port_numbered(4190);
	ports[2] = port_numbered(25);
	capture_start(&c);
	mp_print_table(c.fp, ports, 3, false, 0);
	text = capture_end(&c);
	assert_int_equal(column_starts(text, header), 7);
	line = text;
	for (i = 0; i < 3; i++) {
		line = strchr(line, '\n') + 1;
		/* Every cell begins where its header does. */
		for (col = 1; col < 7; col++) {
			assert_true(line[header[col] - 1] == ' ');
			assert_true(line[header[col]] != ' ');
		}
	}
	assert_non_null(strstr(text, "993   IMAP         Incoming  SSL/TLS     yes"));
	assert_non_null(strstr(text, "4190  ManageSieve  Filters   STARTTLS    no"));
	assert_non_null(strstr(text, "25    SMTP         Relay     STARTTLS    no"));
	assert_null(strchr(text, '\033'));
	free(text);
}

static void
test_print_table_colours_only_when_asked(void **state)
{
	const struct mp_port *ports[2];
	struct capture c;
	char *text;

	(void)state;
	ports[0] = port_numbered(993);
	ports[1] = port_numbered(143);
	capture_start(&c);
	mp_print_table(c.fp, ports, 2, true, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\033[32mSSL/TLS\033[0m"));
	assert_non_null(strstr(text, "\033[31mSTARTTLS\033[0m"));
	assert_non_null(strstr(text, "\033[31mno\033[0m"));
	free(text);
}

static void
test_print_ports_one_a_line_or_on_one_line(void **state)
{
	const struct mp_port *ports[2];
	struct capture c;
	char *text;

	(void)state;
	ports[0] = port_numbered(587);
	ports[1] = port_numbered(465);
	capture_start(&c);
	mp_print_ports(c.fp, ports, 2, '\n');
	mp_print_ports(c.fp, ports, 2, ' ');
	mp_print_ports(c.fp, ports, 0, ' ');
	text = capture_end(&c);
	assert_string_equal(text, "587\n465\n587 465\n\n");
	free(text);
}

static void
test_print_tsv_has_nine_fields_a_line(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct capture c;
	size_t i, tabs = 0, lines = 0;
	char *text;

	(void)state;
	for (i = 0; i < mp_nports; i++)
		ports[i] = &mp_ports[i];
	capture_start(&c);
	mp_print_tsv_header(c.fp);
	mp_print_tsv(c.fp, ports, mp_nports);
	text = capture_end(&c);
	assert_memory_equal(text, "port\tprotocol\trole\ttls\tsecure\tstatus\t"
	    "iana\trfcs\tnote\n", 45);
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '\t')
			tabs++;
		if (text[i] == '\n') {
			assert_int_equal(tabs, 8);
			tabs = 0;
			lines++;
		}
	}
	assert_int_equal(lines, mp_nports + 1);
	assert_non_null(strstr(text, "\n2525\tsmtp\tsubmission\tstarttls\tno\t"
	    "unofficial\t\t\tNot registered"));
	free(text);
}

static void
test_print_json_writes_the_documented_keys(void **state)
{
	const struct mp_port *ports[2];
	struct capture c;
	char *text;

	(void)state;
	ports[0] = port_numbered(465);
	ports[1] = port_numbered(26);
	capture_start(&c);
	mp_print_json(c.fp, ports, 2);
	mp_print_json(c.fp, ports, 0);
	text = capture_end(&c);
	static const char first[] = "[{\"port\":465,\"protocol\":\"smtp\","
	    "\"role\":\"submission\",\"tls\":\"implicit\",\"secure\":true,"
	    "\"status\":\"recommended\",\"iana\":\"submissions\","
	    "\"rfcs\":[\"RFC 8314\"],\"note\":\"Sending over TLS";

	assert_memory_equal(text, first, sizeof first - 1);
	assert_non_null(strstr(text, "},{\"port\":26,\"protocol\":\"smtp\","
	    "\"role\":\"submission\",\"tls\":\"starttls\",\"secure\":false,"
	    "\"status\":\"unofficial\",\"iana\":null,\"rfcs\":[],\"note\":\""));
	assert_non_null(strstr(text, "\"}]\n[]\n"));
	free(text);
}

static void
test_print_json_escapes_strings(void **state)
{
	static const struct mp_port odd = {
		1, "1", MP_PROTO_SMTP, MP_ROLE_RELAY, MP_TLS_NONE, false,
		MP_STATUS_HISTORIC, "a\"b", "RFC 1, RFC 22",
		"back\\slash \"quoted\"\ttab\001"
	};
	const struct mp_port *ports[1] = { &odd };
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_json(c.fp, ports, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"iana\":\"a\\\"b\""));
	assert_non_null(strstr(text, "\"rfcs\":[\"RFC 1\",\"RFC 22\"]"));
	assert_non_null(strstr(text,
	    "\"note\":\"back\\\\slash \\\"quoted\\\"\\u0009tab\\u0001\""));
	free(text);
}

static void
test_put_json_string_escapes_quotes_backslashes_and_controls(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_put_json_string(c.fp, "a\"b\\c\n\0\037~\177", 10);
	mp_put_json_text(c.fp, "");
	text = capture_end(&c);
	assert_string_equal(text,
	    "\"a\\\"b\\\\c\\u000a\\u0000\\u001f~\177\"\"\"");
	free(text);
}

/* The longest line of text, in bytes. */
static size_t
longest_line(const char *text)
{
	size_t longest = 0, len;

	for (; *text != '\0'; text += len + (text[len] == '\n')) {
		len = strcspn(text, "\n");
		if (len > longest)
			longest = len;
	}
	return longest;
}

/* Whether every word of sentence stands whole in text, between blanks. */
static bool
words_whole(const char *text, const char *sentence)
{
	char word[128];
	size_t len;

	for (; *sentence != '\0'; sentence += len + (sentence[len] == ' ')) {
		const char *at = text;
		bool whole = false;

		len = strcspn(sentence, " ");
		assert_true(len < sizeof word);
		memcpy(word, sentence, len);
		word[len] = '\0';
		while (!whole && (at = strstr(at, word)) != NULL) {
			whole = (at == text || at[-1] == ' ' || at[-1] == '\n') &&
			    (at[len] == ' ' || at[len] == '\n' || at[len] == '\0');
			at++;
		}
		if (!whole)
			return false;
	}
	return true;
}

/* Every port of the table, in its row order. */
static size_t
every_port(const struct mp_port *ports[MP_PORTS_MAX])
{
	size_t i;

	for (i = 0; i < mp_nports; i++)
		ports[i] = &mp_ports[i];
	return mp_nports;
}

static void
test_print_table_wraps_notes_under_their_column_at_120(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = every_port(ports), i;
	struct capture c;
	char *text, *line;

	(void)state;
	capture_start(&c);
	mp_print_table(c.fp, ports, n, false, 120);
	text = capture_end(&c);
	assert_true(longest_line(text) <= 120);
	for (i = 0; i < n; i++)
		assert_true(words_whole(text, ports[i]->note));
	/* A note goes on under NOTE, where its first line began. */
	line = strstr(text, "\n587 ");
	assert_non_null(line);
	line = strchr(line + 1, '\n') + 1;
	assert_int_equal(strspn(line, " "), strstr(text, "NOTE") - text);
	free(text);
}

static void
test_print_table_gives_notes_lines_of_their_own_at_80(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = every_port(ports), i;
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_table(c.fp, ports, n, false, 80);
	text = capture_end(&c);
	assert_true(longest_line(text) <= 80);
	for (i = 0; i < n; i++)
		assert_true(words_whole(text, ports[i]->note));
	assert_non_null(strstr(text, "993   IMAP         Incoming  SSL/TLS     "
	    "yes     recommended\n    The port for reading mail with IMAP: TLS "
	    "from the first byte\n"));
	free(text);
}

static void
test_print_table_keeps_notes_within_40_columns(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = every_port(ports), i;
	struct capture c;
	char *text, *line;

	(void)state;
	capture_start(&c);
	mp_print_table(c.fp, ports, n, false, 40);
	text = capture_end(&c);
	/* The fixed columns are wider than 40; the notes are not. */
	for (line = text; *line != '\0'; line += strcspn(line, "\n") + 1)
		if (line[0] == ' ')
			assert_true(strcspn(line, "\n") <= 40);
	for (i = 0; i < n; i++)
		assert_true(words_whole(text, ports[i]->note));
	free(text);
}

static void
test_print_table_never_wraps_at_width_0(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = every_port(ports), lines = 0;
	struct capture c;
	char *text, *p;

	(void)state;
	capture_start(&c);
	mp_print_table(c.fp, ports, n, false, 0);
	text = capture_end(&c);
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	assert_int_equal(lines, n + 1);
	assert_true(longest_line(text) > 120);
	free(text);
}

static void
test_print_table_says_the_dialog_words(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = every_port(ports);
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_table(c.fp, ports, n, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "465   SMTP         Outgoing  SSL/TLS "));
	assert_non_null(strstr(text, "366   ODMR         Relay     None "));
	assert_null(strstr(text, "implicit"));
	assert_null(strstr(text, "submission "));
	assert_null(strstr(text, "access "));
	free(text);
	/* Scripts keep the documented values. */
	capture_start(&c);
	mp_print_tsv(c.fp, ports, n);
	text = capture_end(&c);
	assert_non_null(strstr(text, "465\tsmtp\tsubmission\timplicit\tyes\t"));
	assert_non_null(strstr(text, "366\todmr\trelay\tnone\tno\t"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_table_aligns_columns_under_the_header),
		cmocka_unit_test(test_print_table_colours_only_when_asked),
		cmocka_unit_test(test_print_ports_one_a_line_or_on_one_line),
		cmocka_unit_test(test_print_tsv_has_nine_fields_a_line),
		cmocka_unit_test(test_print_json_writes_the_documented_keys),
		cmocka_unit_test(test_print_json_escapes_strings),
		cmocka_unit_test(
		    test_put_json_string_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(
		    test_print_table_wraps_notes_under_their_column_at_120),
		cmocka_unit_test(
		    test_print_table_gives_notes_lines_of_their_own_at_80),
		cmocka_unit_test(test_print_table_keeps_notes_within_40_columns),
		cmocka_unit_test(test_print_table_never_wraps_at_width_0),
		cmocka_unit_test(test_print_table_says_the_dialog_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

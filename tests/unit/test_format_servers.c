/*
 * test_format_servers.c - a provider's servers print as a block for an
 * account dialog, port numbers, TSV and JSON; --providers lists them all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "format.h"
#include "mailports.h"
#include "providers.h"
#include "query_of.h"

/* The servers a query of blank-separated words answers with. */
static size_t
servers_for(const char *words, struct mp_query *query,
    const struct mp_server *servers[MP_SERVERS_MAX])
{
	query_of(query, words);
	return mp_lookup_servers(query, servers, MP_SERVERS_MAX, false);
}

static size_t
count(const char *text, const char *needle)
{
	size_t n = 0;

	for (; (text = strstr(text, needle)) != NULL; text++)
		n++;
	return n;
}

static void
test_table_shows_the_user_name_for_the_address(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("alice@icloud.com", &query, servers);
	char *text;

	(void)state;
	assert_int_equal(n, 2);
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, n, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "iCloud Mail (icloud)\n"));
	assert_non_null(strstr(text, "DIRECTION  PROTOCOL  SERVER"));
	/* iCloud's IMAP wants the local part, its SMTP the whole address. */
	assert_non_null(strstr(text, "Incoming   IMAP      imap.mail.me.com  "
	    "993   SSL/TLS     alice\n"));
	assert_non_null(strstr(text, "Outgoing   SMTP      smtp.mail.me.com  "
	    "587   STARTTLS    alice@icloud.com\n"));
	assert_int_equal(count(text, "\nnote: "), 2);
	assert_non_null(strstr(text, "\nsource: Mozilla ISP database"));
	assert_null(strstr(text, "\033["));
	free(text);
}

static void
test_table_without_an_address_names_the_user_name_form(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("icloud", &query, servers);
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, n, true, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "part before @\n"));
	assert_non_null(strstr(text, "whole address\n"));
	assert_int_equal(count(text, "\033[32m"), 2);
	free(text);
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, 0, false, 0);
	text = capture_end(&c);
	assert_string_equal(text, "");
	free(text);
}

static void
test_ports_one_a_line_or_on_one_line(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("gmail", &query, servers);
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_servers_ports(c.fp, servers, n, '\n');
	mp_print_servers_ports(c.fp, servers, n, ' ');
	text = capture_end(&c);
	assert_string_equal(text, "993\n995\n465\n587\n993 995 465 587\n");
	free(text);
}

static void
test_tsv_has_the_header_fields_on_every_line(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("Bob@web.de smtp", &query, servers);
	static const char header[] = "provider\tname\tprotocol\thost\tport\t"
	    "tls\tsecure\tusername\tlogin\tnotes\tsource\tsignin\tenable\n";
	char *text, *line;

	(void)state;
	assert_int_equal(n, 2);
	capture_start(&c);
	mp_print_servers_tsv_header(c.fp);
	mp_print_servers_tsv(c.fp, &query, servers, n);
	text = capture_end(&c);
	assert_true(strncmp(text, header, sizeof header - 1) == 0);
	for (line = text; *line != '\0'; line = strchr(line, '\n') + 1) {
		size_t tabs = 0;
		const char *p;

		for (p = line; *p != '\n'; p++)
			tabs += *p == '\t';
		assert_int_equal(tabs, 12);
	}
	/* WEB.DE wants the local part alone. */
	assert_non_null(strstr(text, "webde\tWEB.DE\tsmtp\tsmtp.web.de\t465\t"
	    "implicit\tyes\tlocalpart\tBob\t"));
	free(text);
}

static void
test_json_has_the_documented_keys(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	static const char start[] = "[{\"provider\":\"outlook\",\"name\":"
	    "\"Outlook.com\",\"protocol\":\"smtp\",\"direction\":\"outgoing\","
	    "\"host\":\"smtp-mail.outlook.com\",\"port\":587,\"tls\":"
	    "\"starttls\",\"secure\":true,\"username\":\"address\","
	    "\"login\":null,\"notes\":[\"";
	struct capture c;
	size_t n = servers_for("outlook smtp", &query, servers);
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_servers_json(c.fp, &query, servers, n);
	text = capture_end(&c);
	assert_true(strncmp(text, start, sizeof start - 1) == 0);
	assert_non_null(strstr(text, "\"],\"source\":\"Mozilla ISP database"));
	/* Outlook.com takes OAuth2 alone; nothing to switch on for SMTP. */
	assert_non_null(strstr(text, ",\"signin\":[\"oauth2\"],\"enable\":["));
	assert_string_equal(text + strlen(text) - 4, "]}]\n");
	free(text);
}

static void
test_json_escapes_the_address(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("\"a\\b\"@gmail.com imap", &query, servers);
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_servers_json(c.fp, &query, servers, n);
	text = capture_end(&c);
	assert_non_null(strstr(text,
	    "\"login\":\"\\\"a\\\\b\\\"@gmail.com\""));
	free(text);
}

static void
test_providers_list_every_provider_in_each_format(void **state)
{
	struct capture c;
	char *text;
	size_t i;

	(void)state;
	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_PORTS, 0, 0);
	text = capture_end(&c);
	assert_int_equal(count(text, "\n"), mp_nproviders);
	assert_true(strncmp(text, "gmail\noutlook\n", 14) == 0);
	free(text);

	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_TABLE, 0, 0);
	text = capture_end(&c);
	assert_true(strncmp(text, "PROVIDER", 8) == 0);
	for (i = 0; i < mp_ndomains; i++)
		assert_non_null(strstr(text, mp_domains[i].name));
	/*
	 * The domains wrap before 80 columns, whatever their number; a name
	 * ends its line, in any script, so is not measured in bytes here.
	 */
	for (char *line = text; *line != '\0'; line = strchr(line, '\n') + 1)
		if (line[0] == ' ')
			assert_true(strchr(line, '\n') - line < 80);
	assert_non_null(strstr(text, " *.onmicrosoft.com"));
	free(text);

	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_TSV, 0, 0);
	text = capture_end(&c);
	assert_int_equal(count(text, "\n"), mp_nproviders + 1);
	/* The domains sorted, as the table holds them. */
	assert_non_null(strstr(text, "\ngmail\tGmail\tgmail google googlemail google-mail "
	    "google-workspace g-suite gsuite\t"
	    "gmail.com google.com googlemail.com "));
	free(text);

	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_JSON, 0, 0);
	text = capture_end(&c);
	assert_int_equal(count(text, "{\"provider\":"), mp_nproviders);
	assert_int_equal(count(text, "{\"text\":"), mp_nnotes);
	assert_non_null(strstr(text, "\"words\":[\"outlook\",\"hotmail\","));
	free(text);
}

/* Whether every line of text fits columns. */
static bool
fits(const char *text, size_t columns)
{
	const char *line;

	for (line = text; *line != '\0'; line += strcspn(line, "\n") + 1)
		if (strcspn(line, "\n") > columns)
			return false;
	return true;
}

static void
test_table_wraps_notes_and_source_to_the_width(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	struct capture c;
	size_t n = servers_for("alice@gmail.com", &query, servers);
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, n, false, 80);
	text = capture_end(&c);
	assert_true(fits(text, 80));
	assert_non_null(strstr(text, "Incoming   IMAP      imap.gmail.com  993"
	    "   SSL/TLS     alice@gmail.com\n"));
	assert_non_null(strstr(text, "note: Sign in with Google (OAuth2), or "
	    "use an app password, which needs 2-Step\n      Verification\n"));
	assert_non_null(strstr(text, "\n        https://developers.google.com/"
	    "workspace/gmail/imap/imap-smtp\n"));
	free(text);
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, n, false, 120);
	text = capture_end(&c);
	assert_true(fits(text, 120));
	assert_non_null(strstr(text, "note: Sign in with Google (OAuth2), or "
	    "use an app password, which needs 2-Step Verification\n"));
	free(text);
	/* Without a terminal, a note is one line however long. */
	capture_start(&c);
	mp_print_servers_table(c.fp, &query, servers, n, false, 0);
	text = capture_end(&c);
	assert_false(fits(text, 120));
	/* The name, the header, the servers, how to sign in, three notes. */
	assert_int_equal(count(text, "\n"), n + 7);
	assert_non_null(strstr(text, "\nsign in: OAuth2 (a browser login) or an "
	    "app password; a normal password is refused\n"));
	free(text);
}

static void
test_providers_table_fits_the_width(void **state)
{
	struct capture c;
	char *text, *line;
	size_t i;

	(void)state;
	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_TABLE, 0, 120);
	text = capture_end(&c);
	for (line = text; *line != '\0'; line += strcspn(line, "\n") + 1)
		if (line[0] == ' ')
			assert_true(strcspn(line, "\n") < 120);
	assert_false(fits(text, 80));
	free(text);
	/* Narrow: still a name a line, and the domains under it. */
	capture_start(&c);
	mp_print_providers(c.fp, MP_FORMAT_TABLE, 0, 40);
	text = capture_end(&c);
	for (i = 0; i < mp_ndomains; i++)
		assert_non_null(strstr(text, mp_domains[i].name));
	for (line = strchr(text, '\n') + 1; *line != '\0';
	    line += strcspn(line, "\n") + 1)
		if (line[0] == ' ')
			assert_true(strcspn(line, "\n") < 40 &&
			    strspn(line, " ") == 4);
	assert_non_null(strstr(text, "\ngmail                both      Gmail\n"
	    "    gmail.com google.com googlemail.com\n    jazztel.es nyu.edu\n"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_shows_the_user_name_for_the_address),
		cmocka_unit_test(test_table_without_an_address_names_the_user_name_form),
		cmocka_unit_test(test_ports_one_a_line_or_on_one_line),
		cmocka_unit_test(test_tsv_has_the_header_fields_on_every_line),
		cmocka_unit_test(test_json_has_the_documented_keys),
		cmocka_unit_test(test_json_escapes_the_address),
		cmocka_unit_test(test_providers_list_every_provider_in_each_format),
		cmocka_unit_test(test_table_wraps_notes_and_source_to_the_width),
		cmocka_unit_test(test_providers_table_fits_the_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

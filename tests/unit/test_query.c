/*
 * test_query.c - words narrow a query, and lookups answer it from the
 * table in order of preference.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "len.h"
#include "mailports.h"
#include "providers.h"
#include "query_of.h"

/* Answers a query of blank-separated words; returns how many matched. */
static size_t
ask(const char *words, unsigned numbers[MP_PORTS_MAX])
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i;

	query_of(&query, words);
	n = mp_lookup(&query, ports, MP_PORTS_MAX);
	for (i = 0; i < n; i++)
		numbers[i] = ports[i]->number;
	return n;
}

#define assert_answer(words, ...) do {					\
	static const unsigned expected[] = { __VA_ARGS__ };		\
	unsigned got[MP_PORTS_MAX];					\
	size_t n_ = ask(words, got);					\
	assert_int_equal(n_, LEN(expected));	\
	assert_memory_equal(got, expected, sizeof expected);		\
} while (0)

static enum mp_error
add(const char *word)
{
	struct mp_query query;

	mp_query_init(&query);
	return mp_query_add(&query, word, strlen(word));
}

static void
test_lookup_imap_secure_is_993(void **state)
{
	(void)state;
	assert_answer("imap secure", 993);
	assert_answer("secure imap", 993);
	assert_answer("IMAP SeCuRe", 993);
	assert_answer("imap tls", 993);
	assert_answer("imaps", 993);
}

static void
test_lookup_protocols_list_every_port_best_first(void **state)
{
	(void)state;
	assert_answer("smtp", 587, 465, 25, 2525, 26);
	assert_answer("imap", 993, 143);
	assert_answer("imap4", 993, 143);
	assert_answer("pop", 995, 110);
	assert_answer("pop3", 995, 110);
	assert_answer("sieve", 4190);
	assert_answer("managesieve", 4190);
	assert_answer("odmr", 366);
}

static void
test_lookup_service_names_and_aliases(void **state)
{
	(void)state;
	assert_answer("submission", 587);
	assert_answer("submissions", 465);
	assert_answer("smtps", 465);
	assert_answer("pop3s", 995);
}

static void
test_lookup_security_words(void **state)
{
	(void)state;
	assert_answer("smtp secure", 587, 465);
	assert_answer("smtp encrypted", 587, 465);
	assert_answer("smtp ssl", 465);
	assert_answer("smtp implicit", 465);
	assert_answer("smtp starttls", 587, 25, 2525, 26);
	assert_answer("pop stls", 110);
	/*
	 * The guides' plain-text words: the ports a connection starts
	 * unencrypted on, STARTTLS ones too; None is no TLS at all.
	 */
	assert_answer("none", 366);
	assert_answer("imap unencrypted", 143);
	assert_answer("pop3 plain", 110);
	assert_answer("smtp plaintext", 587, 25, 2525, 26);
	assert_answer("imap plain-text", 143);
	assert_answer("pop3 non-encrypted", 110);
	assert_answer("imap non-ssl", 143);
	assert_answer("pop3 cleartext", 110);
	assert_answer("plaintext historic", 109, 220, 2000);
	assert_answer("insecure", 25, 4190, 366, 143, 110, 2525, 26);
	assert_answer("imap insecure", 143);
	assert_answer("pop3 insecure", 110);
	assert_answer("unencrypted starttls imap", 143);
}

/* The words of a mail client's account dialog: SSL/TLS, STARTTLS, None. */
static void
test_lookup_dialog_words(void **state)
{
	(void)state;
	assert_answer("ssl/tls", 465, 993, 995);
	assert_answer("SSL/TLS imap", 993);
	assert_answer("smtp ssl/tls", 465);
	assert_answer("smtp starttls", 587, 25, 2525, 26);
	assert_answer("none", 366);
	assert_answer("none historic", 109, 220);
	assert_answer("smtp ssl/tls starttls", 587, 465, 25, 2525, 26);
	/* Guides give 587 "for TLS" and 465 "for SSL": tls is either. */
	assert_answer("smtp tls", 587, 465);
	assert_answer("incoming ssl/tls", 993, 995);
	assert_answer("outgoing ssl/tls", 465);
}

static void
test_lookup_direction_words(void **state)
{
	(void)state;
	assert_answer("send", 587, 465, 2525, 26);
	assert_answer("outgoing secure", 587, 465);
	assert_answer("submit", 587, 465, 2525, 26);
	assert_answer("receive", 993, 995, 143, 110);
	assert_answer("incoming secure", 993, 995);
	assert_answer("relay", 25, 366);
	assert_answer("mx", 25, 366);
	assert_answer("smtp relay", 25);
}

static void
test_lookup_status_words(void **state)
{
	(void)state;
	assert_answer("recommended", 587, 465, 993, 995);
	assert_answer("legacy", 143, 110);
	assert_answer("unofficial", 2525, 26);
	assert_answer("standard", 25, 4190, 366);
	assert_answer("historic", 585, 109, 220, 2000);
	assert_answer("deprecated imap", 585);
}

static void
test_lookup_by_number(void **state)
{
	(void)state;
	assert_answer("587", 587);
	assert_answer("993", 993);
	assert_answer("0993", 993);
	assert_answer("993 imap", 993);
	assert_answer("25 25", 25);
	/* Historic ports answer when asked for by number or name. */
	assert_answer("109", 109);
	assert_answer("pop2", 109);
	assert_answer("2000", 2000);
}

/* As getent answers "services 993 995": either will do. */
static void
test_lookup_words_of_one_kind_are_alternatives(void **state)
{
	(void)state;
	assert_answer("993 995", 993, 995);
	assert_answer("995 993", 993, 995);
	assert_answer("25 587", 587, 25);
	assert_answer("993 993 995", 993, 995);
	assert_answer("imaps pop3s", 993, 995);
	assert_answer("587 submissions", 587, 465);
	assert_answer("imap pop3", 993, 995, 143, 110);
	assert_answer("pop3 imap", 993, 995, 143, 110);
	assert_answer("send receive", 587, 465, 993, 995, 143, 110, 2525, 26);
	assert_answer("smtp implicit starttls", 587, 465, 25, 2525, 26);
	assert_answer("recommended legacy imap", 993, 143);
	assert_answer("legacy historic imap", 143, 585);
	assert_answer("109 993", 993, 109);
}

static void
test_lookup_words_of_different_kinds_narrow_each_other(void **state)
{
	(void)state;
	assert_answer("imap pop3 secure", 993, 995);
	assert_answer("993 995 imap", 993);
	assert_answer("imap smtp 993", 993);
	assert_answer("send receive secure", 587, 465, 993, 995);
	assert_answer("send receive implicit", 465, 993, 995);
	assert_answer("587 465 25 starttls", 587, 25);
}

static void
test_lookup_ignores_filler_words(void **state)
{
	(void)state;
	assert_answer("imap secure port", 993);
	assert_answer("smtp ports", 587, 465, 25, 2525, 26);
	assert_answer("the port number for imap", 993, 143);
	assert_answer("imap or pop3 server", 993, 995, 143, 110);
	assert_answer("E-Mail Server Settings for IMAP with SSL", 993);
}

static void
test_lookup_filler_words_alone_are_no_words(void **state)
{
	const struct mp_port *all[MP_PORTS_MAX], *ports[MP_PORTS_MAX];
	struct mp_query query;
	size_t n;

	(void)state;
	mp_query_init(&query);
	n = mp_lookup(&query, all, MP_PORTS_MAX);
	query_of(&query, "the mail server settings");
	assert_int_equal(mp_lookup(&query, ports, MP_PORTS_MAX), n);
	assert_memory_equal(ports, all, n * sizeof all[0]);
}

static void
test_lookup_servers_ignores_filler_words(void **state)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	size_t n, i;

	(void)state;
	query_of(&query, "gmail smtp server");
	n = mp_lookup_servers(&query, servers, MP_SERVERS_MAX, false);
	assert_true(n > 0);
	for (i = 0; i < n; i++)
		assert_int_equal(servers[i]->protocol, MP_PROTO_SMTP);
}

static void
test_lookup_contradictions_match_nothing(void **state)
{
	unsigned got[MP_PORTS_MAX];

	(void)state;
	assert_int_equal(ask("imap 995", got), 0);
	assert_int_equal(ask("8080", got), 0);
	assert_int_equal(ask("65535", got), 0);
	assert_int_equal(ask("8080 8081", got), 0);
	assert_int_equal(ask("smtp 993 995", got), 0);
	assert_int_equal(ask("sieve secure", got), 0);
	assert_int_equal(ask("imap none", got), 0);
	assert_int_equal(ask("imap plain secure", got), 0);
	assert_int_equal(ask("pop3 none", got), 0);
	assert_int_equal(ask("pop3 plain 995", got), 0);
	assert_int_equal(ask("imaps plain", got), 0);
}

static void
test_lookup_without_words_hides_historic_ports(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i, historic = 0;

	(void)state;
	for (i = 0; i < mp_nports; i++)
		historic += mp_ports[i].status == MP_STATUS_HISTORIC;
	mp_query_init(&query);
	n = mp_lookup(&query, ports, MP_PORTS_MAX);
	assert_int_equal(n, mp_nports - historic);
	for (i = 0; i < n; i++)
		assert_int_not_equal(ports[i]->status, MP_STATUS_HISTORIC);
}

static void
test_lookup_every_port_answers_its_number(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	char number[8];
	size_t i;

	(void)state;
	for (i = 0; i < mp_nports; i++) {
		snprintf(number, sizeof number, "%u", mp_ports[i].number);
		mp_query_init(&query);
		assert_int_equal(mp_query_add(&query, number, strlen(number)),
		    MP_OK);
		assert_int_equal(mp_lookup(&query, ports, MP_PORTS_MAX), 1);
		assert_ptr_equal(ports[0], &mp_ports[i]);
	}
}

/* Whatever a single word asks, answers come by status, then table order. */
static void
test_lookup_orders_every_answer(void **state)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	size_t w, i, n;

	(void)state;
	for (w = 0; w < mp_nwords; w++) {
		mp_query_init(&query);
		assert_int_equal(mp_query_add(&query, mp_words[w].text,
		    strlen(mp_words[w].text)), MP_OK);
		n = mp_lookup(&query, ports, MP_PORTS_MAX);
		assert_true(n > 0);
		for (i = 0; i < n; i++) {
			assert_true(mp_query_matches(&query, ports[i]));
			if (i > 0)
				assert_true(ports[i - 1]->status <
				    ports[i]->status ||
				    (ports[i - 1]->status == ports[i]->status &&
				    ports[i - 1] < ports[i]));
		}
	}
}

/*
 * A server's setting is allowed as the table's port of its number and
 * protocol would be, in the direction of its protocol, secure with TLS;
 * a port the table lacks is unofficial, a historic one counts as legacy.
 */
static void
test_query_allows_a_setting(void **state)
{
	static const struct {
		const char	*words;
		enum mp_protocol protocol;
		enum mp_tls	 tls;
		unsigned	 port;
		bool		 allowed;
	} cases[] = {
		{ "imap", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 993, true },
		{ "outgoing", MP_PROTO_SMTP, MP_TLS_STARTTLS, 587, true },
		{ "secure", MP_PROTO_SMTP, MP_TLS_STARTTLS, 25, true },
		{ "starttls 143", MP_PROTO_IMAP, MP_TLS_STARTTLS, 143, true },
		{ "unofficial", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 10993, true },
		{ "legacy", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 585, true },
		{ "imap", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 585, true },
		{ "filters", MP_PROTO_MANAGESIEVE, MP_TLS_STARTTLS, 4190, true },
		{ "imap", MP_PROTO_SMTP, MP_TLS_IMPLICIT, 465, false },
		{ "outgoing", MP_PROTO_POP3, MP_TLS_IMPLICIT, 995, false },
		{ "secure", MP_PROTO_IMAP, MP_TLS_NONE, 143, false },
		{ "starttls 143", MP_PROTO_IMAP, MP_TLS_STARTTLS, 10143, false },
		{ "starttls 143", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 143, false },
		{ "unofficial", MP_PROTO_IMAP, MP_TLS_IMPLICIT, 993, false },
		{ "filters", MP_PROTO_IMAP, MP_TLS_STARTTLS, 143, false },
	};
	struct mp_query query;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		query_of(&query, cases[i].words);
		assert_int_equal(mp_query_allows(&query, cases[i].protocol,
		    cases[i].tls, cases[i].port), cases[i].allowed);
	}
}

static void
test_lookup_reports_the_count_beyond_max(void **state)
{
	const struct mp_port *ports[2] = { NULL, NULL };
	struct mp_query query;

	(void)state;
	mp_query_init(&query);
	assert_int_equal(mp_query_add(&query, "smtp", 4), MP_OK);
	assert_int_equal(mp_lookup(&query, ports, 1), 5);
	assert_int_equal(ports[0]->number, 587);
	assert_null(ports[1]);
}

static void
test_query_add_takes_one_provider_by_any_of_its_names(void **state)
{
	struct mp_query query;

	(void)state;
	query_of(&query, "gmail google alice@gmail.com googlemail.com");
	assert_int_not_equal(query.provider, 0);
	assert_string_equal(query.address, "alice@gmail.com");
}

/* A query of ports 1 to MP_QUERY_PORTS_MAX, as many as one may name. */
static void
add_the_most_ports(struct mp_query *query)
{
	char number[8];
	unsigned port;

	mp_query_init(query);
	for (port = 1; port <= MP_QUERY_PORTS_MAX; port++) {
		snprintf(number, sizeof number, "%u", port);
		assert_int_equal(mp_query_add(query, number, strlen(number)),
		    MP_OK);
	}
}

static void
test_query_add_takes_up_to_the_most_ports(void **state)
{
	struct mp_query query;

	(void)state;
	add_the_most_ports(&query);
	assert_int_equal(query.nports, MP_QUERY_PORTS_MAX);
	assert_true(mp_query_allows_port(&query, 1));
	assert_false(mp_query_allows_port(&query, MP_QUERY_PORTS_MAX + 1));
	/* A port named again is no new one. */
	assert_int_equal(mp_query_add(&query, "16", 2), MP_OK);
	assert_int_equal(mp_query_add(&query, "tcpmux", 6), MP_ERR_UNKNOWN);
}

static void
test_query_add_rejects_a_second_provider(void **state)
{
	struct mp_query query, before;

	(void)state;
	query_of(&query, "gmail");
	before = query;
	assert_int_equal(mp_query_add(&query, "outlook", 7), MP_ERR_PROVIDERS);
	assert_int_equal(mp_query_add(&query, "hotmail.com", 11),
	    MP_ERR_PROVIDERS);
	assert_int_equal(mp_query_add(&query, "bob@outlook.com", 15),
	    MP_ERR_PROVIDERS);
	assert_memory_equal(&query, &before, sizeof query);
	query_of(&query, "alice@gmail.com");
	before = query;
	assert_int_equal(mp_query_add(&query, "bob@gmx.de", 10),
	    MP_ERR_PROVIDERS);
	assert_memory_equal(&query, &before, sizeof query);
}

static void
test_query_add_rejects_a_port_past_the_most(void **state)
{
	struct mp_query query, before;

	(void)state;
	add_the_most_ports(&query);
	before = query;
	assert_int_equal(mp_query_add(&query, "993", 3), MP_ERR_PORTS);
	assert_int_equal(mp_query_add(&query, "imaps", 5), MP_ERR_PORTS);
	assert_memory_equal(&query, &before, sizeof query);
}

static void
test_query_add_rejects_bad_numbers(void **state)
{
	(void)state;
	assert_int_equal(add("1"), MP_OK);
	assert_int_equal(add("65535"), MP_OK);
	assert_int_equal(add("0"), MP_ERR_RANGE);
	assert_int_equal(add("000"), MP_ERR_RANGE);
	assert_int_equal(add("65536"), MP_ERR_RANGE);
	assert_int_equal(add("70000"), MP_ERR_RANGE);
	assert_int_equal(add("99999999999999999999"), MP_ERR_RANGE);
	assert_int_equal(add("+25"), MP_ERR_NUMBER);
	assert_int_equal(add("-25"), MP_ERR_NUMBER);
	assert_int_equal(add("0x19"), MP_ERR_NUMBER);
	assert_int_equal(add("25a"), MP_ERR_NUMBER);
	assert_int_equal(add("2 5"), MP_ERR_NUMBER);
}

static void
test_query_add_rejects_bad_words(void **state)
{
	char word[MP_WORD_MAX + 1];
	struct mp_query query, before;

	(void)state;
	assert_int_equal(add(""), MP_ERR_EMPTY);
	assert_int_equal(add("imapp"), MP_ERR_UNKNOWN);
	assert_int_equal(add("servr"), MP_ERR_UNKNOWN);
	assert_int_equal(add("port-"), MP_ERR_UNKNOWN);
	assert_int_equal(add("ssl/"), MP_ERR_UNKNOWN);
	assert_int_equal(add("ssl/tls/"), MP_ERR_UNKNOWN);
	assert_int_equal(add("/"), MP_ERR_UNKNOWN);
	assert_int_equal(add("-"), MP_ERR_UNKNOWN);
	assert_int_equal(add("+"), MP_ERR_UNKNOWN);
	assert_int_equal(add("\033[31m"), MP_ERR_UNKNOWN);
	memset(word, 'a', sizeof word);
	mp_query_init(&query);
	assert_int_equal(mp_query_add(&query, word, MP_WORD_MAX),
	    MP_ERR_UNKNOWN);
	assert_int_equal(mp_query_add(&query, word, MP_WORD_MAX + 1),
	    MP_ERR_TOO_LONG);
	/* A rejected word leaves the query as it was. */
	mp_query_init(&query);
	assert_int_equal(mp_query_add(&query, "imap", 4), MP_OK);
	before = query;
	assert_int_equal(mp_query_add(&query, "0", 1), MP_ERR_RANGE);
	assert_int_equal(mp_query_add(&query, "x", 1), MP_ERR_UNKNOWN);
	assert_memory_equal(&query, &before, sizeof query);
}

/* Addresses and domains get the check every mode makes (src/net.c). */
static const struct {
	const char	*word;
	enum mp_error	 error;
} addresses[] = {
	{ "alice@gmail.com", MP_OK },
	{ "Alice@GMail.COM.", MP_OK },
	{ "a@b@gmail.com", MP_OK },
	{ "alice@example.com", MP_ERR_DOMAIN },
	{ "example.com", MP_ERR_DOMAIN },
	{ "1and1.example", MP_ERR_DOMAIN },
	{ "@gmail.com", MP_ERR_ADDRESS },
	{ "alice@-bad-.com", MP_ERR_ADDRESS },
	{ "alice@bad-.com", MP_ERR_ADDRESS },
	{ "alice@-.-", MP_ERR_ADDRESS },
	{ "alice@gmail..com", MP_ERR_ADDRESS },
	{ "alice@gm_ail.com", MP_ERR_ADDRESS },
	{ "-bad-.com", MP_ERR_UNKNOWN },
	{ "1.2", MP_ERR_NUMBER },
};

static void
test_query_add_checks_addresses_and_domains(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < LEN(addresses); i++) {
		print_message("%s\n", addresses[i].word);
		assert_int_equal(add(addresses[i].word), addresses[i].error);
	}
}

static void
test_error_text_names_every_error(void **state)
{
	(void)state;
	assert_string_equal(mp_error_text(MP_ERR_UNKNOWN), "unknown word");
	assert_string_equal(mp_error_text(MP_ERR_EMPTY), "empty word");
	assert_string_equal(mp_error_text(MP_ERR_TOO_LONG), "word too long");
	assert_string_equal(mp_error_text(MP_ERR_NUMBER),
	    "invalid port number");
	assert_string_equal(mp_error_text(MP_ERR_RANGE),
	    "port number out of range");
	assert_string_equal(mp_error_text(MP_ERR_PROVIDERS),
	    "one provider at a time, not also");
	assert_string_equal(mp_error_text(MP_ERR_PORTS),
	    "at most 16 ports at a time, not also");
	assert_string_equal(mp_error_text(MP_OK), "no error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_imap_secure_is_993),
		cmocka_unit_test(test_lookup_protocols_list_every_port_best_first),
		cmocka_unit_test(test_lookup_service_names_and_aliases),
		cmocka_unit_test(test_lookup_security_words),
		cmocka_unit_test(test_lookup_dialog_words),
		cmocka_unit_test(test_lookup_direction_words),
		cmocka_unit_test(test_lookup_status_words),
		cmocka_unit_test(test_lookup_by_number),
		cmocka_unit_test(test_lookup_words_of_one_kind_are_alternatives),
		cmocka_unit_test(test_lookup_words_of_different_kinds_narrow_each_other),
		cmocka_unit_test(test_lookup_ignores_filler_words),
		cmocka_unit_test(test_lookup_filler_words_alone_are_no_words),
		cmocka_unit_test(test_lookup_servers_ignores_filler_words),
		cmocka_unit_test(test_lookup_contradictions_match_nothing),
		cmocka_unit_test(test_lookup_without_words_hides_historic_ports),
		cmocka_unit_test(test_lookup_every_port_answers_its_number),
		cmocka_unit_test(test_lookup_orders_every_answer),
		cmocka_unit_test(test_lookup_reports_the_count_beyond_max),
		cmocka_unit_test(test_query_add_takes_one_provider_by_any_of_its_names),
		cmocka_unit_test(test_query_add_takes_up_to_the_most_ports),
		cmocka_unit_test(test_query_add_rejects_a_second_provider),
		cmocka_unit_test(test_query_add_rejects_a_port_past_the_most),
		cmocka_unit_test(test_query_add_rejects_bad_numbers),
		cmocka_unit_test(test_query_add_rejects_bad_words),
		cmocka_unit_test(test_query_add_checks_addresses_and_domains),
		cmocka_unit_test(test_query_allows_a_setting),
		cmocka_unit_test(test_error_text_names_every_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

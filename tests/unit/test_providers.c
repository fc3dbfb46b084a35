/*
 * test_providers.c - the provider data is consistent, every provider is
 * found by its words and domains, domains match whole, and a query that
 * names a provider answers with its servers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "idna.h"
#include "len.h"
#include "mailports.h"
#include "providers.h"
#include "query_of.h"

static int
provider_named(const char *word)
{
	size_t i;

	for (i = 0; i < mp_nproviders; i++)
		if (strcmp(mp_providers[i].word, word) == 0)
			return (int)i;
	fail_msg("no provider %s", word);
	return -1;
}

static int
find(const char *domain)
{
	return mp_domain_find(domain, strlen(domain));
}

/* The ports of the servers a query answers with, in order, as "993 465". */
static const char *
ask(const char *words, bool best)
{
	static char text[128];
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	size_t n, i;

	query_of(&query, words);
	n = mp_lookup_servers(&query, servers, MP_SERVERS_MAX, best);
	text[0] = '\0';
	for (i = 0; i < n && i < MP_SERVERS_MAX; i++) {
		char port[8];

		snprintf(port, sizeof port, "%s%u", i > 0 ? " " : "",
		    servers[i]->port);
		strcat(text, port);
	}
	return text;
}

static bool
is_lower_dns_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* RFC 1123 host name syntax, in lower case, with at least two labels. */
static bool
valid_dns_name(const char *name)
{
	size_t label = 0, labels = 0, i, len = strlen(name);

	if (len == 0 || len > 253)
		return false;
	for (i = 0; i <= len; i++) {
		if (name[i] == '.' || name[i] == '\0') {
			if (label == 0 || label > 63 || name[i - 1] == '-')
				return false;
			labels++;
			label = 0;
		} else if (!is_lower_dns_char(name[i]) ||
		    (label == 0 && name[i] == '-')) {
			return false;
		} else {
			label++;
		}
	}
	return labels >= 2;
}

static void
test_data_has_enough_providers_and_domains(void **state)
{
	(void)state;
	assert_true(mp_nproviders >= 40);
	assert_true(mp_ndomains >= 300);
}

static void
test_data_hosts_are_dns_names_and_ports_in_range(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < mp_nservers; i++) {
		const struct mp_server *server = &mp_servers[i];

		char host[MP_HOST_SIZE + 16];

		/* A local bridge is reached by address, and only on loopback. */
		if (strcmp(server->host, "127.0.0.1") != 0 &&
		    !valid_dns_name(mp_server_host(server, "example.com", host,
		    sizeof host)))
			fail_msg("bad host name '%s'", server->host);
		assert_true(server->port >= 1);
		assert_true(server->protocol == MP_PROTO_SMTP ||
		    server->protocol == MP_PROTO_IMAP ||
		    server->protocol == MP_PROTO_POP3);
		assert_true(server->provider < mp_nproviders);
	}
}

/*
 * On a port of the table a curated server speaks TLS as the table says
 * the port does (no STARTTLS on 993, no implicit TLS on 587), and never on
 * a historic port.  The ISP database's own providers are as it lists them,
 * even where a server breaks the rule (Charter's implicit TLS on 587).
 */
static void
test_data_tls_agrees_with_the_port_table(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < mp_nservers; i++) {
		const struct mp_server *server = &mp_servers[i];

		if (mp_providers[server->provider].origin == MP_ORIGIN_DATABASE)
			continue;
		for (j = 0; j < mp_nports; j++) {
			const struct mp_port *port = &mp_ports[j];

			if (port->number != server->port)
				continue;
			if (port->status == MP_STATUS_HISTORIC)
				fail_msg("%s uses historic port %u",
				    server->host, server->port);
			if (port->protocol == server->protocol &&
			    port->tls != server->tls && !(port->tls ==
			    MP_TLS_STARTTLS && server->tls == MP_TLS_NONE))
				fail_msg("%s:%u is %s, the table says %s",
				    server->host, server->port,
				    mp_tls_key(server->tls),
				    mp_tls_key(port->tls));
		}
	}
}

static void
test_data_every_provider_is_complete(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < mp_nproviders; i++) {
		size_t servers = 0, domains = 0, first = mp_nservers;

		for (j = 0; j < mp_nservers; j++)
			if (mp_servers[j].provider == i) {
				servers++;
				if (first == mp_nservers)
					first = j;
			}
		/* A hosting company may be known by its mail exchangers alone. */
		for (j = 0; j < mp_ndomains; j++)
			domains += mp_domains[j].provider == i;
		for (j = 0; j < mp_nmxs; j++)
			domains += mp_mxs[j].provider == i;
		if (servers == 0 || servers > MP_SERVERS_MAX || domains == 0)
			fail_msg("%s has %zu servers and %zu domains",
			    mp_providers[i].word, servers, domains);
		/* Its servers come together, where the provider says. */
		assert_int_equal(first, mp_providers[i].first_server);
		assert_int_equal(servers, mp_providers[i].nservers);
		assert_true(strlen(mp_providers[i].name) > 0);
		assert_true(strlen(mp_providers[i].source) > 10);
	}
	for (i = 0; i < mp_nnotes; i++) {
		size_t len = strlen(mp_notes[i].text);

		assert_true(len > 0);
		assert_true(mp_notes[i].text[len - 1] != '.');
		assert_true(strncmp(mp_notes[i].source, "http", 4) == 0 ||
		    (mp_notes[i].kind == MP_NOTE_ENABLE &&
		    strncmp(mp_notes[i].source, "Mozilla ISP database ispdb/",
		    27) == 0));
	}
}

/*
 * Names come from the ISP database in any script: each is UTF-8 that a
 * terminal shows as it is, with no control or bidirectional character.
 */
static void
test_data_names_are_printable_utf8(void **state)
{
	size_t i, at, n;
	uint32_t cp;

	(void)state;
	for (i = 0; i < mp_nproviders; i++) {
		const char *name = mp_providers[i].name;
		size_t len = strlen(name);

		for (at = 0; at < len; at += n)
			if ((n = mp_utf8_next(name + at, len - at, &cp)) == 0 ||
			    !mp_utf8_printable(cp))
				fail_msg("%s: name not printable UTF-8",
				    mp_providers[i].word);
	}
}

static void
test_data_domains_are_lower_case_and_unique(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < mp_ndomains; i++) {
		const char *name = mp_domains[i].name;

		assert_int_equal(strlen(name), mp_domains[i].len);
		if (!valid_dns_name(name[0] == '.' ? name + 1 : name))
			fail_msg("bad domain '%s'", name);
		for (j = 0; j < i; j++)
			if (strcmp(mp_domains[j].name, name) == 0)
				fail_msg("domain %s twice", name);
	}
}

/* Each word means one thing: a provider's word is no other word. */
static void
test_data_words_are_unique_and_not_query_words(void **state)
{
	const char *words[256];
	size_t n = 0, i, j;

	(void)state;
	for (i = 0; i < mp_nproviders; i++)
		words[n++] = mp_providers[i].word;
	for (i = 0; i < mp_naliases; i++)
		words[n++] = mp_aliases[i].word;
	assert_true(n < LEN(words));
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(words[i], words[j]) == 0)
				fail_msg("word %s twice", words[i]);
		for (j = 0; j < mp_nwords; j++)
			if (strcmp(words[i], mp_words[j].text) == 0)
				fail_msg("%s is a word of words.def", words[i]);
		for (j = 0; j < mp_nports; j++)
			if (mp_ports[j].iana != NULL &&
			    strcmp(words[i], mp_ports[j].iana) == 0)
				fail_msg("%s is a service name", words[i]);
		/* A word starting with a digit would be read as a number. */
		assert_false(words[i][0] >= '0' && words[i][0] <= '9');
	}
}

static void
test_every_provider_is_found_by_its_words_and_domains(void **state)
{
	struct mp_word meaning;
	size_t i;

	(void)state;
	for (i = 0; i < mp_nproviders; i++) {
		const char *word = mp_providers[i].word;

		assert_true(mp_word_find(word, strlen(word), &meaning));
		assert_int_equal(meaning.kind, MP_WORD_PROVIDER);
		assert_int_equal(meaning.value, i);
	}
	for (i = 0; i < mp_naliases; i++) {
		const char *word = mp_aliases[i].word;

		assert_true(mp_word_find(word, strlen(word), &meaning));
		assert_int_equal(meaning.kind, MP_WORD_PROVIDER);
		assert_int_equal(meaning.value, mp_aliases[i].provider);
	}
	for (i = 0; i < mp_ndomains; i++) {
		char address[MP_WORD_MAX + 1];
		struct mp_query query;

		if (mp_domains[i].name[0] == '.')
			continue;
		assert_int_equal(find(mp_domains[i].name),
		    mp_domains[i].provider);
		snprintf(address, sizeof address, "alice@%s",
		    mp_domains[i].name);
		mp_query_init(&query);
		assert_int_equal(mp_query_add(&query, address,
		    strlen(address)), MP_OK);
		assert_int_equal(query.provider, mp_domains[i].provider + 1);
	}
}

static void
test_domains_match_whole_ignoring_case_and_a_final_dot(void **state)
{
	int gmail = provider_named("gmail"), outlook = provider_named("outlook");

	(void)state;
	assert_int_equal(find("gmail.com"), gmail);
	assert_int_equal(find("GMail.COM"), gmail);
	assert_int_equal(find("gmail.com."), gmail);
	assert_int_equal(find("hotmail.co.uk"), outlook);
	assert_int_equal(find("gmail.com.evil.example"), -1);
	assert_int_equal(find("evilgmail.com"), -1);
	assert_int_equal(find("mail.gmail.com"), -1);
	assert_int_equal(find("gmail.co"), -1);
	assert_int_equal(find("gmail.com.."), -1);
	assert_int_equal(find(""), -1);
}

static void
test_domains_with_a_leading_dot_match_names_under_them(void **state)
{
	int office365 = provider_named("office365");

	(void)state;
	assert_int_equal(find("contoso.onmicrosoft.com"), office365);
	assert_int_equal(find("a.b.ONMICROSOFT.com"), office365);
	assert_int_equal(find("a-tenant-whose-name-is-longer-than-any-domain-row"
	    ".onmicrosoft.com"), office365);
	/* The ISP database lists the bare name too. */
	assert_int_equal(find("onmicrosoft.com"), office365);
	assert_int_equal(find(".onmicrosoft.com"), -1);
	assert_int_equal(find("contoso.onmicrosoft.com.evil.example"), -1);
	assert_int_equal(find("evilonmicrosoft.com"), -1);
}

static void
test_address_names_its_provider_and_keeps_the_local_part(void **state)
{
	struct mp_query query;

	(void)state;
	query_of(&query, "Alice.B@Hotmail.Co.UK");
	assert_int_equal(query.provider, provider_named("outlook") + 1);
	assert_string_equal(query.address, "Alice.B@Hotmail.Co.UK");
	assert_int_equal(query.local_len, 7);
	/* The last @ divides: a quoted local part may hold another. */
	query_of(&query, "\"a@b\"@gmail.com");
	assert_int_equal(query.provider, provider_named("gmail") + 1);
	assert_int_equal(query.local_len, 5);
}

static enum mp_error
add(const char *word)
{
	struct mp_query query;

	mp_query_init(&query);
	return mp_query_add(&query, word, strlen(word));
}

static void
test_address_and_domain_errors(void **state)
{
	(void)state;
	assert_int_equal(add("alice@"), MP_ERR_ADDRESS);
	assert_int_equal(add("@gmail.com"), MP_ERR_ADDRESS);
	assert_int_equal(add("alice@gmail"), MP_ERR_ADDRESS);
	assert_int_equal(add("alice@gmail..com"), MP_ERR_ADDRESS);
	assert_int_equal(add("alice@.gmail.com"), MP_ERR_ADDRESS);
	assert_int_equal(add("alice@gm_ail.com"), MP_ERR_ADDRESS);
	assert_int_equal(add("al\x1b" "ce@gmail.com"), MP_ERR_ADDRESS);
	assert_int_equal(add("al\x7f" "ce@gmail.com"), MP_ERR_ADDRESS);
	assert_int_equal(add("alice@example.com"), MP_ERR_DOMAIN);
	assert_int_equal(add("example.com"), MP_ERR_DOMAIN);
	assert_int_equal(add("gmail.com.evil.example"), MP_ERR_DOMAIN);
	/* A dotted number is still a bad number, not a domain. */
	assert_int_equal(add("1.5"), MP_ERR_NUMBER);
	assert_int_equal(add("163.com"), MP_OK);
	assert_int_equal(add("exa_mple.com"), MP_ERR_UNKNOWN);
	assert_string_equal(mp_error_text(MP_ERR_ADDRESS),
	    "invalid email address");
	assert_string_equal(mp_error_text(MP_ERR_DOMAIN),
	    "no provider known for");
}

static void
test_suggestions_cover_providers_and_domains(void **state)
{
	(void)state;
	assert_string_equal(mp_word_suggest("gmial.com", 9), "gmail.com");
	assert_string_equal(mp_word_suggest("hotmial.com", 11), "hotmail.com");
	assert_string_equal(mp_word_suggest("gmal", 4), "gmail");
	assert_string_equal(mp_word_suggest("outlok", 6), "outlook");
	/* Words of words.def still win a tie, and domains stay apart. */
	assert_string_equal(mp_word_suggest("smpt", 4), "smtp");
	assert_string_equal(mp_word_suggest("gmial", 5), "gmail");
}

static void
test_servers_answer_in_the_providers_order(void **state)
{
	(void)state;
	assert_string_equal(ask("gmail", false), "993 995 465 587");
	assert_string_equal(ask("gmail imap", false), "993");
	assert_string_equal(ask("gmail smtp", false), "465 587");
	assert_string_equal(ask("gmail send", false), "465 587");
	assert_string_equal(ask("gmail receive", false), "993 995");
	assert_string_equal(ask("gmail starttls", false), "587");
	assert_string_equal(ask("gmail 587", false), "587");
	assert_string_equal(ask("outlook smtp", false), "587");
	assert_string_equal(ask("alice@googlemail.com pop3", false), "995");
	assert_string_equal(ask("GMAIL secure", false), "993 995 465 587");
}

static void
test_servers_best_is_the_first_of_each_protocol(void **state)
{
	(void)state;
	assert_string_equal(ask("gmail", true), "993 995 465");
	assert_string_equal(ask("gmx imap", true), "993");
	assert_string_equal(ask("gmail smtp", true), "465");
}

static void
test_servers_contradictions_match_nothing(void **state)
{
	(void)state;
	assert_string_equal(ask("gmail none", false), "");
	assert_string_equal(ask("gmail filters", false), "");
	assert_string_equal(ask("gmail 25", false), "");
	assert_string_equal(ask("gmail googlemail.com", false),
	    "993 995 465 587");
}

static void
test_plain_words_select_servers_that_start_unencrypted(void **state)
{
	(void)state;
	assert_string_equal(ask("gmail plain", false), "587");
	assert_string_equal(ask("gmail plaintext imap", false), "");
}

static void
test_server_host_names_answer_with_their_rows(void **state)
{
	(void)state;
	assert_string_equal(ask("smtp.gmail.com", false), "465 587");
	assert_string_equal(ask("IMAP.gmail.com.", false), "993");
	assert_string_equal(ask("imap.mail.me.com", false), "993");
	assert_string_equal(ask("mail.inbox.lt", false), "993 995 465");
	assert_string_equal(ask("smtp.gmail.com 587", false), "587");
}

static void
test_server_matching_needs_the_provider(void **state)
{
	struct mp_query query;
	size_t i;

	(void)state;
	query_of(&query, "imap");
	for (i = 0; i < mp_nservers; i++)
		assert_false(mp_query_matches_server(&query, &mp_servers[i]));
}

static void
test_incoming_means_imap_or_pop3(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < mp_nservers; i++)
		assert_int_equal(mp_server_incoming(&mp_servers[i]),
		    mp_servers[i].protocol != MP_PROTO_SMTP);
}

/* An autoconfig file's template, each placeholder filled, cut to fit. */
static void
test_username_template_fills_each_placeholder(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(mp_username_template("box-%EMAILLOCALPART%",
	    "jo@mail.example", buf, sizeof buf), 6);
	assert_string_equal(buf, "box-jo");
	mp_username_template("%EMAILDOMAIN%\\%EMAILLOCALPART%",
	    "jo@mail.example", buf, sizeof buf);
	assert_string_equal(buf, "mail.example\\jo");
	mp_username_template("%EMAILADDRESS%/%EMAILDOMAIN%",
	    "\"a@b\"@mail.example", buf, sizeof buf);
	assert_string_equal(buf, "\"a@b\"@mail.example/mail.example");
	/* A placeholder of another name stays as it is. */
	mp_username_template("%EMAILNAME%", "jo@mail.example", buf, sizeof buf);
	assert_string_equal(buf, "%EMAILNAME%");
	assert_int_equal(mp_username_template("%EMAILADDRESS%",
	    "jo@mail.example", buf, 5), 4);
	assert_string_equal(buf, "jo@m");
	/* With a domain alone there is nothing to fill in. */
	assert_int_equal(mp_username_template("%EMAILLOCALPART%",
	    "mail.example", buf, sizeof buf), 0);
	assert_int_equal(mp_username_template("%EMAILLOCALPART%", NULL, buf,
	    sizeof buf), 0);
}

static void
test_username_fill_gives_each_form(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(mp_username_fill(MP_USER_ADDRESS, "jo@mail.example",
	    buf, sizeof buf), 15);
	assert_string_equal(buf, "jo@mail.example");
	mp_username_fill(MP_USER_LOCALPART, "jo@mail.example", buf, sizeof buf);
	assert_string_equal(buf, "jo");
	/* A quoted local part may hold an @: the domain is after the last. */
	mp_username_fill(MP_USER_LOCALPART, "\"j@o\"@mail.example", buf,
	    sizeof buf);
	assert_string_equal(buf, "\"j@o\"");
	mp_username_fill(MP_USER_LOCALPART_DOMAIN, "jo@mail.example", buf,
	    sizeof buf);
	assert_string_equal(buf, "jo.mail.example");
	assert_int_equal(mp_username_fill(MP_USER_NONE, "jo@mail.example", buf,
	    sizeof buf), 0);
	assert_string_equal(buf, "");
	/* Cut short to fit, and said so by the length. */
	assert_int_equal(mp_username_fill(MP_USER_ADDRESS, "jo@mail.example",
	    buf, 5), 4);
	assert_string_equal(buf, "jo@m");
	/* Without an @, the whole text is the local part. */
	mp_username_fill(MP_USER_LOCALPART_DOMAIN, "jo", buf, sizeof buf);
	assert_string_equal(buf, "jo.");
	assert_string_equal(mp_username_key(MP_USER_LOCALPART_DOMAIN),
	    "localpart.domain");
	assert_string_equal(mp_username_label(MP_USER_LOCALPART),
	    "part before @");
}

static void
test_signin_says_what_a_server_takes(void **state)
{
	char text[MP_TEXT_SIZE];

	(void)state;
	assert_string_equal(mp_signin_key(MP_SIGNIN_BIT_APP_PASSWORD),
	    "app-password");
	assert_null(mp_signin_key(MP_NSIGNINS));
	assert_null(mp_signin_label(MP_NSIGNINS));
	mp_signin_describe(text, sizeof text, MP_SIGNIN_PASSWORD);
	assert_string_equal(text, "a password");
	mp_signin_describe(text, sizeof text, MP_SIGNIN_OAUTH2);
	assert_string_equal(text, "OAuth2 (a browser login); a normal password "
	    "is refused");
	mp_signin_describe(text, sizeof text, MP_SIGNIN_OAUTH2 |
	    MP_SIGNIN_PASSWORD | MP_SIGNIN_ENCRYPTED_PASSWORD);
	assert_string_equal(text, "a password, OAuth2 (a browser login) or an "
	    "encrypted password");
	mp_signin_describe(text, sizeof text, MP_SIGNIN_NONE);
	assert_string_equal(text, "no sign-in");
	/* Cut short, never past its room. */
	mp_signin_describe(text, 12, MP_SIGNIN_OAUTH2 | MP_SIGNIN_APP_PASSWORD);
	assert_int_equal(strlen(text), 11);
	assert_string_equal(mp_origin_key(MP_ORIGIN_BOTH), "both");
}

static void
test_server_host_fills_in_the_domain(void **state)
{
	struct mp_server server = { 0 };
	char buf[64];

	(void)state;
	snprintf(server.host, sizeof server.host, "mail.%%EMAILDOMAIN%%");
	assert_string_equal(mp_server_host(&server, "inbox.lv", buf,
	    sizeof buf), "mail.inbox.lv");
	assert_string_equal(mp_server_host(&server, NULL, buf, sizeof buf),
	    "mail.%EMAILDOMAIN%");
	snprintf(server.host, sizeof server.host, "imap.%%EMAIL%%");
	assert_string_equal(mp_server_host(&server, "inbox.lv", buf,
	    sizeof buf), "imap.%EMAIL%");
	snprintf(server.host, sizeof server.host, "imap.example.com");
	assert_string_equal(mp_server_host(&server, "inbox.lv", buf,
	    sizeof buf), "imap.example.com");
	assert_int_equal(mp_letter_set("a9-", 3),
	    1u << 0 | 1u << 26 | 1u << 27);
	assert_int_equal(mp_letter_set("AB", 2), mp_letter_set("ab", 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_has_enough_providers_and_domains),
		cmocka_unit_test(test_data_hosts_are_dns_names_and_ports_in_range),
		cmocka_unit_test(test_data_tls_agrees_with_the_port_table),
		cmocka_unit_test(test_data_every_provider_is_complete),
		cmocka_unit_test(test_data_names_are_printable_utf8),
		cmocka_unit_test(test_username_fill_gives_each_form),
		cmocka_unit_test(test_username_template_fills_each_placeholder),
		cmocka_unit_test(test_signin_says_what_a_server_takes),
		cmocka_unit_test(test_server_host_fills_in_the_domain),
		cmocka_unit_test(test_data_domains_are_lower_case_and_unique),
		cmocka_unit_test(test_data_words_are_unique_and_not_query_words),
		cmocka_unit_test(test_every_provider_is_found_by_its_words_and_domains),
		cmocka_unit_test(test_domains_match_whole_ignoring_case_and_a_final_dot),
		cmocka_unit_test(test_domains_with_a_leading_dot_match_names_under_them),
		cmocka_unit_test(test_address_names_its_provider_and_keeps_the_local_part),
		cmocka_unit_test(test_address_and_domain_errors),
		cmocka_unit_test(test_suggestions_cover_providers_and_domains),
		cmocka_unit_test(test_servers_answer_in_the_providers_order),
		cmocka_unit_test(test_servers_best_is_the_first_of_each_protocol),
		cmocka_unit_test(test_servers_contradictions_match_nothing),
		cmocka_unit_test(test_plain_words_select_servers_that_start_unencrypted),
		cmocka_unit_test(test_server_host_names_answer_with_their_rows),
		cmocka_unit_test(test_server_matching_needs_the_provider),
		cmocka_unit_test(test_incoming_means_imap_or_pop3),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_format_discover.c - what discovery found prints as steps and a
 * table of settings, with and without a probe, and as ports, TSV and JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "discover.h"
#include "providers.h"

static struct mp_discovery d;

static void
setting(enum mp_protocol protocol, const char *host, unsigned port,
    enum mp_tls tls, enum mp_source source, const char *via)
{
	struct mp_setting *s = &d.settings[d.nsettings++];

	memset(s, 0, sizeof *s);
	s->endpoint.protocol = protocol;
	strcpy(s->endpoint.host, host);
	s->endpoint.port = port;
	s->endpoint.tls = tls;
	s->endpoint.username = source == MP_SOURCE_PROVIDER ?
	    MP_USER_LOCALPART : MP_USER_ADDRESS;
	s->source = source;
	strcpy(s->via, via);
}

static int
setup(void **state)
{
	(void)state;
	memset(&d, 0, sizeof d);
	strcpy(d.domain, "example.com");
	d.nsteps = 2;
	d.steps[0].source = MP_SOURCE_PROVIDER;
	strcpy(d.steps[0].query, "example.com");
	strcpy(d.steps[0].found, "no provider known");
	d.steps[1].source = MP_SOURCE_SRV;
	strcpy(d.steps[1].query, "_imaps._tcp.example.com");
	strcpy(d.steps[1].found, "mail.example.com port 993, priority 0, "
	    "weight 1");
	setting(MP_PROTO_IMAP, "mail.example.com", 993, MP_TLS_IMPLICIT,
	    MP_SOURCE_SRV, "_imaps._tcp.example.com");
	setting(MP_PROTO_SMTP, "mail.example.com", 587, MP_TLS_STARTTLS,
	    MP_SOURCE_GUESS, "mail.example.com");
	setting(MP_PROTO_POP3, "pop.example.com", 993, MP_TLS_IMPLICIT,
	    MP_SOURCE_PROVIDER, "example");
	return 0;
}

static char *
print(void (*printer)(FILE *, const struct mp_discovery *))
{
	struct capture c;

	capture_start(&c);
	printer(c.fp, &d);
	return capture_end(&c);
}

static void
test_table_without_and_with_a_probe(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "provider table  example.com              "
	    "no provider known\nDNS SRV         _imaps._tcp.example.com  "
	    "mail.example.com port 993"));
	assert_non_null(strstr(text, "\n\nPROTOCOL  SERVER            PORT  "
	    "ENCRYPTION  USER NAME      SOURCE\n"));
	assert_non_null(strstr(text, "POP3      pop.example.com   993   "
	    "SSL/TLS     part before @  provider example\n"));
	assert_null(strstr(text, "VERIFIED"));
	free(text);

	d.settings[0].probed = d.settings[1].probed = true;
	d.settings[2].probed = true;
	d.settings[0].verified = true;
	strcpy(d.settings[0].probe.request.address, "192.0.2.1");
	strcpy(d.settings[1].probe.request.address, "192.0.2.1");
	d.settings[1].probe.state = MP_STATE_TIMEOUT;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, true, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "VERIFIED\n"));
	assert_non_null(strstr(text, "\033[32myes\033[0m"));
	assert_non_null(strstr(text, "\033[31mtimeout\033[0m"));
	assert_non_null(strstr(text, "\033[31mno address\033[0m"));
	free(text);
	d.settings[1].probe.state = MP_STATE_OPEN;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "not secure"));
	free(text);
	setup(NULL);
}

static void
test_table_fills_in_the_user_name_of_an_address(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, "alice@example.com", false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "IMAP      mail.example.com  993   "
	    "SSL/TLS     alice@example.com  srv _imaps._tcp.example.com\n"));
	assert_non_null(strstr(text, "POP3      pop.example.com   993   "
	    "SSL/TLS     alice              provider example\n"));
	assert_null(strstr(text, "whole address"));
	free(text);
	/* A domain alone has no user name to fill in. */
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, "example.com", false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "STARTTLS    whole address  guess "));
	free(text);
}

static void
test_table_wraps_what_each_step_found(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 72);
	text = capture_end(&c);
	assert_non_null(strstr(text, "DNS SRV         _imaps._tcp.example.com  "
	    "mail.example.com port 993,\n"
	    "                                         priority 0, weight 1\n"));
	free(text);
	/* Too narrow for the column: what was found goes below. */
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 60);
	text = capture_end(&c);
	assert_non_null(strstr(text, "DNS SRV         _imaps._tcp.example.com\n"
	    "    mail.example.com port 993, priority 0, weight 1\n"));
	free(text);
}

static void
table_without_color(FILE *fp, const struct mp_discovery *discovery)
{
	mp_print_discovery_table(fp, discovery, NULL, false, 0);
}

static void
test_nothing_found_says_what_next(void **state)
{
	char *text;

	(void)state;
	d.nsettings = 0;
	d.dns_failed = true;
	text = print(table_without_color);
	assert_non_null(strstr(text, "no name server answered"));
	assert_non_null(strstr(text, "no settings found"));
	free(text);
	text = print(mp_print_discovery_json);
	assert_non_null(strstr(text, "\"settings\":[],\"others\":[],"
	    "\"dns_failed\":true}\n"));
	free(text);
	setup(NULL);
}

static void
test_ports_tsv_and_json(void **state)
{
	char *text;

	(void)state;
	text = print(mp_print_discovery_ports);
	assert_string_equal(text, "993\n587\n");
	free(text);
	text = print(mp_print_discovery_tsv);
	assert_string_equal(text, "protocol\thost\tport\ttls\tusername\tsource"
	    "\tvia\tverified\tcert_findings\tmatched\tinstead_of"
	    "\tauthenticated\tusername_template\n"
	    "imap\tmail.example.com\t993\timplicit\taddress\tsrv\t"
	    "_imaps._tcp.example.com\t\t\t\t\tno\t\n"
	    "smtp\tmail.example.com\t587\tstarttls\taddress\tguess\t"
	    "mail.example.com\t\t\t\t\tno\t\n"
	    "pop3\tpop.example.com\t993\timplicit\tlocalpart\tprovider\t"
	    "example\t\t\t\t\tyes\t\n");
	free(text);
	d.settings[0].probed = true;
	d.settings[0].verified = true;
	strcpy(d.settings[0].probe.request.address, "192.0.2.1");
	d.settings[0].probe.tls = MP_FOUND_IMPLICIT;
	d.settings[1].probed = true;
	text = print(mp_print_discovery_json);
	assert_non_null(strstr(text, "{\"domain\":\"example.com\",\"steps\":"
	    "[{\"source\":\"provider\",\"query\":\"example.com\",\"found\":"
	    "\"no provider known\"},{\"source\":\"srv\""));
	assert_non_null(strstr(text, "\"verified\":true,\"matched\":null,"
	    "\"instead_of\":null,\"probe\":{\"address\":\"192.0.2.1\","
	    "\"state\":\"open\",\"tls\":\"implicit\",\"cert_findings\":[],"
	    "\"tls13\":null,\"certificate\":null},\"authenticated\":false}"));
	assert_non_null(strstr(text, "\"source\":\"guess\",\"via\":"
	    "\"mail.example.com\",\"verified\":false,\"matched\":null,"
	    "\"instead_of\":null,\"authenticated\":false}"));
	assert_non_null(strstr(text, "\"verified\":null,"
	    "\"authenticated\":true}],\"others\":[],\"dns_failed\":false}"));
	free(text);
	text = print(mp_print_discovery_tsv);
	assert_non_null(strstr(text,
	    "_imaps._tcp.example.com\tyes\t\t\t\tno\t\n"));
	assert_non_null(strstr(text, "mail.example.com\tno\t\t\t\tno\t\n"));
	free(text);
	setup(NULL);
}

/* A setting probed on 192.0.2.1, its certificate read with findings. */
static void
probed(struct mp_setting *s, unsigned findings, const char *matched)
{
	s->probed = true;
	strcpy(s->probe.request.address, "192.0.2.1");
	s->probe.tls = MP_FOUND_IMPLICIT;
	s->probe.cert.read = true;
	s->probe.cert.findings = findings;
	s->probe.cert.nnames = s->probe.cert.names_total = 1;
	s->probe.cert.names[0].usable = true;
	s->probe.cert.names[0].len = strlen("mail.hoster.example");
	memcpy(s->probe.cert.names[0].bytes, "mail.hoster.example",
	    s->probe.cert.names[0].len);
	strcpy(s->matched, matched);
}

static void
test_a_refused_certificate_says_why(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	probed(&d.settings[0], MP_CERT_BIT(MP_CERT_NAME) |
	    MP_CERT_BIT(MP_CERT_EXPIRED), "mail.example.com");
	probed(&d.settings[1], 0, "mail.example.com");
	d.settings[1].verified = true;
	probed(&d.settings[2], 0, "pop.example.com");
	d.settings[2].verified = true;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "srv _imaps._tcp.example.com  "
	    "no: another name\n"));
	assert_non_null(strstr(text, "\nmail.example.com port 993: not "
	    "verified: the certificate is made out to another name; the "
	    "certificate has expired\n  certificate: for "
	    "mail.hoster.example;"));
	assert_null(strstr(text, "RFC 7817"));
	free(text);
	text = print(mp_print_discovery_tsv);
	assert_non_null(strstr(text, "_imaps._tcp.example.com\tno\t"
	    "cert-name,cert-expired\tmail.example.com\t\tno\t\n"));
	free(text);
	text = print(mp_print_discovery_json);
	assert_non_null(strstr(text, "\"verified\":false,\"matched\":"
	    "\"mail.example.com\",\"instead_of\":null,\"probe\":{\"address\":"
	    "\"192.0.2.1\",\"state\":\"open\",\"tls\":\"implicit\","
	    "\"cert_findings\":[\"cert-name\",\"cert-expired\"],\"tls13\":"
	    "null,\"certificate\":{\"subject\":\"\",\"issuer\":\"\",\"names\":"
	    "[\"mail.hoster.example\"]"));
	free(text);
	setup(NULL);
}

static void
test_a_host_from_dns_alone_is_matched_against_the_domain(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	strcpy(d.settings[0].endpoint.host, "mail.hoster.example");
	probed(&d.settings[0], MP_CERT_BIT(MP_CERT_NAME), "example.com");
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "mail.hoster.example port 993: not "
	    "verified: the certificate is made out to another name; "
	    "mail.hoster.example was found in DNS alone, outside "
	    "example.com, so a mail client matches the certificate against "
	    "example.com (RFC 7817, section 3)\n"));
	free(text);
	text = print(mp_print_discovery_tsv);
	assert_non_null(strstr(text, "\tno\tcert-name\texample.com\t\tno\t\n"));
	free(text);
	setup(NULL);
}

static void
test_a_host_named_on_the_certificate_is_taken_and_said(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	strcpy(d.settings[0].endpoint.host, "imap.example.com");
	strcpy(d.settings[0].instead_of, "mail.example.com");
	probed(&d.settings[0], 0, "imap.example.com");
	d.settings[0].verified = true;
	capture_start(&c);
	mp_print_discovery_table(c.fp, &d, NULL, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "imap.example.com port 993: the "
	    "certificate of mail.example.com is made out to imap.example.com, "
	    "whose own a mail client takes: it is the server to use\n"));
	assert_null(strstr(text, "certificate: for"));
	free(text);
	text = print(mp_print_discovery_tsv);
	assert_non_null(strstr(text, "imap\timap.example.com\t993\timplicit"
	    "\taddress\tsrv\t_imaps._tcp.example.com\tyes\t\t"
	    "imap.example.com\tmail.example.com\tno\t\n"));
	free(text);
	text = print(mp_print_discovery_json);
	assert_non_null(strstr(text, "\"matched\":\"imap.example.com\","
	    "\"instead_of\":\"mail.example.com\""));
	free(text);
	setup(NULL);
}

static void
test_source_keys(void **state)
{
	(void)state;
	assert_string_equal(mp_source_key(MP_SOURCE_PROVIDER), "provider");
	assert_string_equal(mp_source_key(MP_SOURCE_SRV), "srv");
	assert_string_equal(mp_source_key(MP_SOURCE_MX), "mx");
	assert_string_equal(mp_source_key(MP_SOURCE_GUESS), "guess");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_without_and_with_a_probe),
		cmocka_unit_test(test_table_fills_in_the_user_name_of_an_address),
		cmocka_unit_test(test_table_wraps_what_each_step_found),
		cmocka_unit_test(test_nothing_found_says_what_next),
		cmocka_unit_test(test_ports_tsv_and_json),
		cmocka_unit_test(test_a_refused_certificate_says_why),
		cmocka_unit_test(
		    test_a_host_from_dns_alone_is_matched_against_the_domain),
		cmocka_unit_test(
		    test_a_host_named_on_the_certificate_is_taken_and_said),
		cmocka_unit_test(test_source_keys),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

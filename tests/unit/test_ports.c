/*
 * test_ports.c - the port table of data/ports.def is consistent and holds
 * the facts its sources give.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "len.h"
#include "mailports.h"

static bool
has_port(unsigned number)
{
	return mp_port_bynumber(number) != NULL;
}

static const struct mp_port *
port_numbered(unsigned number)
{
	static const struct mp_port missing;
	const struct mp_port *port = mp_port_bynumber(number);

	if (port != NULL)
		return port;
	fail_msg("no port %u in the table", number);
	return &missing;
}

static void
test_ports_numbers_are_valid_and_unique(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(mp_nports > 0);
	assert_true(mp_nports <= MP_PORTS_MAX);
	for (i = 0; i < mp_nports; i++) {
		assert_in_range(mp_ports[i].number, 1, 65535);
		for (j = i + 1; j < mp_nports; j++)
			assert_int_not_equal(mp_ports[i].number,
			    mp_ports[j].number);
	}
}

/* Every row is found by its number, and no number outside the table. */
static void
test_port_bynumber_finds_each_row(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < mp_nports; i++)
		assert_ptr_equal(mp_port_bynumber(mp_ports[i].number),
		    &mp_ports[i]);
	assert_null(mp_port_bynumber(0));
	assert_null(mp_port_bynumber(10993));
	assert_null(mp_port_bynumber(65536 + 993));
}

static void
test_ports_secure_only_when_tls_allows(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < mp_nports; i++) {
		if (mp_ports[i].tls == MP_TLS_NONE)
			assert_false(mp_ports[i].secure);
		if (mp_ports[i].tls == MP_TLS_IMPLICIT)
			assert_true(mp_ports[i].secure);
	}
}

static void
test_ports_text_fields_are_clean(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < mp_nports; i++) {
		const struct mp_port *port = &mp_ports[i];
		size_t len = strlen(port->note);
		const char *p;

		assert_true(len > 20);
		assert_true(port->note[len - 1] != '.');
		for (p = port->note; *p != '\0'; p++)
			assert_true(*p >= 0x20 && *p < 0x7f);
		/* rfcs is "" or "RFC n" items joined by ", ". */
		for (p = port->rfcs; *p != '\0';) {
			assert_memory_equal(p, "RFC ", 4);
			p += 4;
			assert_true(*p >= '1' && *p <= '9');
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p != '\0') {
				assert_memory_equal(p, ", ", 2);
				p += 2;
			}
		}
		if (port->iana != NULL) {
			assert_true(strlen(port->iana) <= MP_WORD_MAX);
			for (p = port->iana; *p != '\0'; p++)
				assert_true((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '-');
		}
	}
}

static void
test_ports_names_exist_for_every_value(void **state)
{
	unsigned v;

	(void)state;
	for (v = 0; v < MP_NPROTOCOLS; v++) {
		assert_non_null(mp_protocol_key((enum mp_protocol)v));
		assert_non_null(mp_protocol_label((enum mp_protocol)v));
	}
	for (v = 0; v < MP_NROLES; v++)
		assert_non_null(mp_role_key((enum mp_role)v));
	for (v = 0; v < MP_NTLS; v++) {
		assert_non_null(mp_tls_key((enum mp_tls)v));
		assert_non_null(mp_tls_label((enum mp_tls)v));
	}
	for (v = 0; v < MP_NSTATUSES; v++)
		assert_non_null(mp_status_key((enum mp_status)v));
}

/* Every port the seed articles name, and the other common mail ports. */
static void
test_ports_cover_the_ports_people_ask_about(void **state)
{
	static const unsigned wanted[] = {
		25, 587, 465, 2525, 26, 110, 995, 143, 993, 4190, 366
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(wanted); i++)
		assert_true(has_port(wanted[i]));
}

/* The IANA registry's service names and RFC 8314's implicit TLS ports. */
static void
test_ports_match_the_registry(void **state)
{
	static const struct {
		unsigned number;
		const char *iana;
		enum mp_protocol protocol;
		enum mp_tls tls;
	} facts[] = {
		{ 25, "smtp", MP_PROTO_SMTP, MP_TLS_STARTTLS },
		{ 587, "submission", MP_PROTO_SMTP, MP_TLS_STARTTLS },
		{ 465, "submissions", MP_PROTO_SMTP, MP_TLS_IMPLICIT },
		{ 143, "imap", MP_PROTO_IMAP, MP_TLS_STARTTLS },
		{ 993, "imaps", MP_PROTO_IMAP, MP_TLS_IMPLICIT },
		{ 110, "pop3", MP_PROTO_POP3, MP_TLS_STARTTLS },
		{ 995, "pop3s", MP_PROTO_POP3, MP_TLS_IMPLICIT },
		{ 4190, "sieve", MP_PROTO_MANAGESIEVE, MP_TLS_STARTTLS },
		{ 366, "odmr", MP_PROTO_ODMR, MP_TLS_NONE },
		{ 109, "pop2", MP_PROTO_POP2, MP_TLS_NONE },
		{ 220, "imap3", MP_PROTO_IMAP3, MP_TLS_NONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(facts); i++) {
		const struct mp_port *port = port_numbered(facts[i].number);

		assert_string_equal(port->iana, facts[i].iana);
		assert_int_equal(port->protocol, facts[i].protocol);
		assert_int_equal(port->tls, facts[i].tls);
	}
	/* Not registered for mail: no service name may be claimed. */
	assert_null(port_numbered(2525)->iana);
	assert_null(port_numbered(26)->iana);
	assert_null(port_numbered(585)->iana);
	assert_null(port_numbered(2000)->iana);
}

/* Both submission ports are secure; 587 is the single best for sending. */
static void
test_ports_submission_ports_are_secure_and_recommended(void **state)
{
	(void)state;
	assert_true(port_numbered(587)->secure);
	assert_true(port_numbered(465)->secure);
	assert_int_equal(port_numbered(587)->status, MP_STATUS_RECOMMENDED);
	assert_int_equal(port_numbered(465)->status, MP_STATUS_RECOMMENDED);
	assert_int_equal(port_numbered(587)->role, MP_ROLE_SUBMISSION);
	assert_int_equal(port_numbered(25)->role, MP_ROLE_RELAY);
	assert_false(port_numbered(25)->secure);
	assert_int_equal(port_numbered(2525)->status, MP_STATUS_UNOFFICIAL);
	assert_int_equal(port_numbered(26)->status, MP_STATUS_UNOFFICIAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ports_numbers_are_valid_and_unique),
		cmocka_unit_test(test_port_bynumber_finds_each_row),
		cmocka_unit_test(test_ports_secure_only_when_tls_allows),
		cmocka_unit_test(test_ports_text_fields_are_clean),
		cmocka_unit_test(test_ports_names_exist_for_every_value),
		cmocka_unit_test(test_ports_cover_the_ports_people_ask_about),
		cmocka_unit_test(test_ports_match_the_registry),
		cmocka_unit_test(test_ports_submission_ports_are_secure_and_recommended),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

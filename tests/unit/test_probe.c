/*
 * test_probe.c - the ports to probe follow the words and the table; the
 * requests cross targets and addresses; the verdict picks the best secure
 * port, passing over a refused certificate or STARTTLS; states and
 * warnings have their names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <netinet/in.h>
#include <string.h>

#include "probe.h"
#include "query_of.h"

static void
test_mp_probe_targets_takes_the_port_given(void **state)
{
	struct mp_probe_target targets[4];
	struct mp_query query;

	(void)state;
	query_of(&query, "imap");
	assert_int_equal(mp_probe_targets(&query, 10993, targets, 4), 1);
	assert_int_equal(targets[0].port, 10993);
	assert_int_equal(targets[0].expected, MP_PROTO_IMAP);
	assert_false(targets[0].implicit);
	/* No words: the table says what the port is for. */
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 993, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_IMAP);
	assert_true(targets[0].implicit);
	query_of(&query, "implicit");
	assert_int_equal(mp_probe_targets(&query, 2525, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_SMTP);
	assert_true(targets[0].implicit);
	/* Two protocols asked for: the table's, if it knows the port. */
	query_of(&query, "imap pop3");
	assert_int_equal(mp_probe_targets(&query, 995, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_POP3);
	assert_int_equal(mp_probe_targets(&query, 10995, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_UNKNOWN);
}

/*
 * A client must not speak first where plaintext greets (RFC 5321 section
 * 3.1): only a port of no known protocol may be tried with TLS after
 * silence.
 */
static void
test_mp_probe_targets_guesses_tls_only_where_nothing_is_known(void **state)
{
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i;

	(void)state;
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 10993, targets, 4), 1);
	assert_true(targets[0].guess_tls);
	assert_int_equal(mp_probe_targets(&query, 587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	assert_int_equal(mp_probe_targets(&query, 25, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "smtp");
	assert_int_equal(mp_probe_targets(&query, 10587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "starttls");
	assert_int_equal(mp_probe_targets(&query, 10587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "");
	n = mp_probe_targets(&query, 0, targets, MP_PORTS_MAX);
	for (i = 0; i < n; i++)
		assert_false(targets[i].guess_tls);
}

/* Behind implicit TLS the protocol is the port's, whatever the words say. */
static void
test_mp_port_protocol_is_the_tables(void **state)
{
	(void)state;
	assert_int_equal(mp_port_protocol(993), MP_PROTO_IMAP);
	assert_int_equal(mp_port_protocol(995), MP_PROTO_POP3);
	assert_int_equal(mp_port_protocol(465), MP_PROTO_SMTP);
	assert_int_equal(mp_port_protocol(4190), MP_PROTO_MANAGESIEVE);
	assert_int_equal(mp_port_protocol(10993), MP_PROTO_UNKNOWN);
}

static void
test_mp_probe_targets_picks_the_tables_ports(void **state)
{
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i;

	(void)state;
	query_of(&query, "imap");
	n = mp_probe_targets(&query, 0, targets, MP_PORTS_MAX);
	assert_int_equal(n, 2);
	assert_int_equal(targets[0].port, 993);
	assert_true(targets[0].implicit);
	assert_int_equal(targets[1].port, 143);
	assert_false(targets[1].implicit);
	for (i = 0; i < n; i++)
		assert_int_equal(targets[i].expected, MP_PROTO_IMAP);
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 3), 3);
}

static void
test_mp_probe_targets_refuses_what_a_probe_cannot_speak(void **state)
{
	struct mp_probe_target targets[4];
	struct mp_query query;

	(void)state;
	query_of(&query, "odmr");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 4), 0);
	query_of(&query, "imap");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 0), 0);
	assert_int_equal(mp_probe_targets(&query, 993, targets, 0), 0);
}

static void
test_mp_probe_fill_crosses_targets_and_addresses(void **state)
{
	static const struct mp_probe_target targets[2] = {
		{ 993, MP_PROTO_IMAP, true, false },
		{ 143, MP_PROTO_IMAP, false, false }
	};
	struct mp_probe_result results[4] = { 0 };
	struct mp_address addresses[2];

	(void)state;
	assert_true(mp_parse_address("192.0.2.1", 0, &addresses[0]));
	assert_true(mp_parse_address("2001:db8::1", 0, &addresses[1]));
	assert_int_equal(mp_probe_fill(results, 4, addresses, 2, targets, 2,
	    "mail.example.com"), 4);
	/* Each result carries its own name for SNI. */
	assert_string_equal(results[0].request.server, "mail.example.com");
	assert_string_equal(results[3].request.server, "mail.example.com");
	assert_string_equal(results[0].request.address, "192.0.2.1");
	assert_string_equal(results[1].request.address, "2001:db8::1");
	assert_string_equal(results[2].request.address, "192.0.2.1");
	assert_int_equal(results[1].request.sockaddr.ss_family, AF_INET6);
	assert_int_equal(results[1].request.sockaddr_len,
	    sizeof (struct sockaddr_in6));
	assert_int_equal(results[1].request.target.port, 993);
	assert_true(results[1].request.target.implicit);
	assert_int_equal(results[3].request.target.port, 143);
	assert_int_equal(results[3].request.target.expected, MP_PROTO_IMAP);
	assert_false(results[3].request.target.implicit);
	/* What was seen is the probe's to write: the fill leaves it be. */
	assert_int_equal(results[3].banner_len, 0);
	/* No more than there is room for. */
	assert_int_equal(mp_probe_fill(results, 3, addresses, 2, targets, 2,
	    ""), 3);
	assert_string_equal(results[0].request.server, "");
	assert_int_equal(mp_probe_fill(results, 4, addresses, 0, targets, 2,
	    "mail.example.com"), 0);
}

/*
 * The probe writes what it saw and only reads what it was asked: the
 * request comes back as it went, its address without the port the
 * connection used.
 */
static void
test_mp_probe_run_keeps_the_request(void **state)
{
	static const struct mp_probe_target target = {
		1, MP_PROTO_SMTP, false, false
	};
	struct mp_probe_result r;
	struct mp_address address;
	struct sockaddr_storage sockaddr;

	(void)state;
	assert_true(mp_parse_address("127.0.0.1", 0, &address));
	assert_int_equal(mp_probe_fill(&r, 1, &address, 1, &target, 1,
	    "mail.example.com"), 1);
	r.banner_len = 5;
	r.warnings = MP_WARN_FLOOD;
	r.protocol = MP_PROTO_IMAP;
	sockaddr = r.request.sockaddr;
	mp_probe_run(&r, 1, 2000, NULL);
	assert_string_equal(r.request.server, "mail.example.com");
	assert_string_equal(r.request.address, "127.0.0.1");
	assert_memory_equal(&r.request.sockaddr, &sockaddr, sizeof sockaddr);
	assert_int_equal(r.request.target.port, 1);
	assert_int_equal(r.request.target.expected, MP_PROTO_SMTP);
	assert_false(r.request.target.implicit);
	assert_false(r.request.target.guess_tls);
	/* Nothing listens on port 1: no greeting, no warning, no protocol. */
	assert_int_not_equal(r.state, MP_STATE_OPEN);
	assert_int_equal(r.banner_len, 0);
	assert_int_equal(r.warnings, 0);
	assert_int_equal(r.protocol, MP_PROTO_UNKNOWN);
}

static struct mp_probe_result
result(unsigned port, enum mp_protocol protocol, enum mp_found_tls tls)
{
	struct mp_probe_result r;

	memset(&r, 0, sizeof r);
	r.request.target.port = port;
	r.protocol = protocol;
	r.request.target.expected = protocol;
	r.state = MP_STATE_OPEN;
	r.tls = tls;
	return r;
}

static void
test_verdict_prefers_the_tables_order_and_skips_relays(void **state)
{
	struct mp_probe_result r[6];

	(void)state;
	r[0] = result(25, MP_PROTO_SMTP, MP_FOUND_STARTTLS);
	r[1] = result(465, MP_PROTO_SMTP, MP_FOUND_IMPLICIT);
	r[2] = result(587, MP_PROTO_SMTP, MP_FOUND_STARTTLS);
	r[3] = result(143, MP_PROTO_IMAP, MP_FOUND_NONE);
	r[4] = result(993, MP_PROTO_IMAP, MP_FOUND_UNKNOWN);
	r[5] = result(10993, MP_PROTO_IMAP, MP_FOUND_IMPLICIT);
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_SMTP), &r[2]);
	r[2].state = MP_STATE_TIMEOUT;
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_SMTP), &r[1]);
	r[1].tls = MP_FOUND_NONE;
	assert_null(mp_probe_verdict(r, 6, MP_PROTO_SMTP));
	/* A port outside the table counts after the table's. */
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_IMAP), &r[5]);
	assert_null(mp_probe_verdict(r, 6, MP_PROTO_POP3));
	assert_false(mp_result_secure(&r[3]));
	assert_true(mp_result_secure(&r[5]));
	/* Relay ports and ports of no known protocol never work securely. */
	assert_false(mp_result_secure(&r[0]));
	r[5].protocol = MP_PROTO_UNKNOWN;
	assert_false(mp_result_secure(&r[5]));
	assert_true(mp_relay_port(25));
	assert_false(mp_relay_port(587));
}

/*
 * A certificate a client refuses, or a handshake that failed after
 * STARTTLS, is no way in; a certificate unread, soon to expire, weak or
 * whose issuer is not judged does not change the verdict.
 */
static void
test_secure_weighs_the_certificate_and_starttls(void **state)
{
	static const unsigned refused[] = { MP_CERT_NAME, MP_CERT_EXPIRED,
		MP_CERT_NOT_YET_VALID, MP_CERT_SELF_SIGNED,
		MP_CERT_INCOMPLETE_CHAIN, MP_CERT_UNKNOWN_ISSUER };
	static const unsigned taken[] = { MP_CERT_EXPIRES_SOON, MP_CERT_WEAK,
		MP_CERT_UNREAD, MP_CERT_ISSUER_NOT_JUDGED };
	struct mp_probe_result r[2];
	size_t i, k;

	(void)state;
	r[0] = result(993, MP_PROTO_IMAP, MP_FOUND_IMPLICIT);
	r[1] = result(587, MP_PROTO_SMTP, MP_FOUND_STARTTLS);
	for (k = 0; k < 2; k++) {
		assert_true(mp_result_secure(&r[k]));
		for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
			r[k].cert.findings = MP_CERT_BIT(refused[i]);
			assert_false(mp_result_secure(&r[k]));
		}
		for (i = 0; i < sizeof taken / sizeof taken[0]; i++) {
			r[k].cert.findings = MP_CERT_BIT(taken[i]);
			assert_true(mp_result_secure(&r[k]));
		}
		r[k].warnings = MP_WARN_TLS_REFUSED;
		assert_false(mp_result_secure(&r[k]));
		r[k].warnings = 0;
	}
	r[1].warnings = MP_WARN_STARTTLS_REFUSED;
	assert_false(mp_result_secure(&r[1]));
	r[1].warnings = MP_WARN_TLS_FAILED;
	assert_false(mp_result_secure(&r[1]));
	r[1].warnings = MP_WARN_CLEARTEXT_LOGIN;
	assert_true(mp_result_secure(&r[1]));
	/* The verdict passes over a port whose certificate is refused. */
	r[1].warnings = 0;
	r[0] = result(465, MP_PROTO_SMTP, MP_FOUND_IMPLICIT);
	r[1].cert.findings = MP_CERT_BIT(MP_CERT_NAME);
	assert_ptr_equal(mp_probe_verdict(r, 2, MP_PROTO_SMTP), &r[0]);
	r[0].cert.findings = MP_CERT_BIT(MP_CERT_SELF_SIGNED);
	assert_null(mp_probe_verdict(r, 2, MP_PROTO_SMTP));
}

static void
test_names_of_states_and_warnings(void **state)
{
	unsigned bit;

	(void)state;
	assert_string_equal(mp_state_key(MP_STATE_TIMEOUT), "timeout");
	assert_string_equal(mp_found_tls_key(MP_FOUND_STARTTLS), "starttls");
	assert_string_equal(mp_warning_key(MP_WARN_CLEARTEXT_LOGIN),
	    "cleartext-login");
	assert_string_equal(mp_warning_key(MP_WARN_UNFINISHED), "unfinished");
	for (bit = 0; bit < MP_NWARNINGS; bit++) {
		assert_true(strlen(mp_warning_key(1u << bit)) > 3);
		assert_true(strlen(mp_warning_text(1u << bit)) > 10);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_probe_targets_takes_the_port_given),
		cmocka_unit_test(test_mp_probe_targets_guesses_tls_only_where_nothing_is_known),
		cmocka_unit_test(test_mp_port_protocol_is_the_tables),
		cmocka_unit_test(test_mp_probe_targets_picks_the_tables_ports),
		cmocka_unit_test(test_mp_probe_targets_refuses_what_a_probe_cannot_speak),
		cmocka_unit_test(test_mp_probe_fill_crosses_targets_and_addresses),
		cmocka_unit_test(test_mp_probe_run_keeps_the_request),
		cmocka_unit_test(test_verdict_prefers_the_tables_order_and_skips_relays),
		cmocka_unit_test(test_secure_weighs_the_certificate_and_starttls),
		cmocka_unit_test(test_names_of_states_and_warnings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

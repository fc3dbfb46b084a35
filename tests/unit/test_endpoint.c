/*
 * test_endpoint.c - an endpoint's direction, and the endpoints made from
 * a provider's row and the probe's targets made from an endpoint.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "endpoint.h"
#include "providers.h"

static void
test_endpoint_role_gives_the_direction(void **state)
{
	(void)state;
	assert_int_equal(mp_endpoint_role(MP_PROTO_SMTP), MP_ROLE_SUBMISSION);
	assert_int_equal(mp_endpoint_role(MP_PROTO_IMAP), MP_ROLE_ACCESS);
	assert_int_equal(mp_endpoint_role(MP_PROTO_POP3), MP_ROLE_ACCESS);
	assert_int_equal(mp_endpoint_role(MP_PROTO_MANAGESIEVE),
	    MP_ROLE_FILTERS);
}

static void
test_endpoint_of_server_fills_in_the_domain(void **state)
{
	struct mp_server server = { 0 };
	struct mp_endpoint endpoint;

	(void)state;
	server.port = 993;
	server.protocol = MP_PROTO_IMAP;
	server.tls = MP_TLS_IMPLICIT;
	server.username = MP_USER_LOCALPART;
	server.signin = MP_SIGNIN_PASSWORD | MP_SIGNIN_OAUTH2;
	snprintf(server.host, sizeof server.host, "mail.%%EMAILDOMAIN%%");
	memset(&endpoint, 0xff, sizeof endpoint);
	mp_endpoint_of_server(&endpoint, &server, "inbox.lv");
	assert_string_equal(endpoint.host, "mail.inbox.lv");
	assert_int_equal(endpoint.port, 993);
	assert_int_equal(endpoint.protocol, MP_PROTO_IMAP);
	assert_int_equal(endpoint.tls, MP_TLS_IMPLICIT);
	assert_int_equal(endpoint.username, MP_USER_LOCALPART);
	assert_int_equal(endpoint.signin,
	    MP_SIGNIN_PASSWORD | MP_SIGNIN_OAUTH2);
	mp_endpoint_of_server(&endpoint, &mp_servers[0], NULL);
	assert_string_equal(endpoint.host, mp_servers[0].host);
	assert_int_equal(endpoint.port, mp_servers[0].port);
}

static void
test_endpoint_target_expects_the_protocol(void **state)
{
	struct mp_endpoint endpoint = { .host = "mail.example.com",
	    .port = 465, .protocol = MP_PROTO_SMTP, .tls = MP_TLS_IMPLICIT };
	struct mp_probe_target target;

	(void)state;
	mp_endpoint_target(&endpoint, &target);
	assert_int_equal(target.port, 465);
	assert_int_equal(target.expected, MP_PROTO_SMTP);
	assert_true(target.implicit);
	assert_false(target.guess_tls);
	endpoint.port = 587;
	endpoint.tls = MP_TLS_STARTTLS;
	mp_endpoint_target(&endpoint, &target);
	assert_int_equal(target.port, 587);
	assert_false(target.implicit);
	assert_false(target.guess_tls);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoint_role_gives_the_direction),
		cmocka_unit_test(test_endpoint_of_server_fills_in_the_domain),
		cmocka_unit_test(test_endpoint_target_expects_the_protocol),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_tls.c - TLS replies and alerts are read right and bounded, and the
 * ClientHello is well formed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tls.h"

static void
test_tls_reply(void **state)
{
	static const unsigned char hello[] = { 0x16, 0x03, 0x03, 0x00, 0x7a,
		0x02, 0x00, 0x00, 0x76 };
	static const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	static const unsigned char not_hello[] = { 0x16, 0x03, 0x03, 0x00,
		0x10, 0x01 };
	static const unsigned char long_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x10, 0x02 };
	static const unsigned char huge[] = { 0x16, 0x03, 0x03, 0xff, 0xff, 2 };
	static const unsigned char version[] = { 0x16, 0x02, 0x00 };

	(void)state;
	assert_int_equal(mp_tls_reply(hello, sizeof hello), MP_TLS_REPLY_HELLO);
	assert_int_equal(mp_tls_reply(alert, sizeof alert), MP_TLS_REPLY_ALERT);
	assert_int_equal(mp_tls_reply(hello, 0), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(hello, 2), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(hello, 5), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(not_hello, sizeof not_hello),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(long_alert, sizeof long_alert),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(huge, sizeof huge), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(version, sizeof version),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply((const unsigned char *)"* OK", 4),
	    MP_TLS_REPLY_NOT);
}

/* An alert in answer to the ClientHello: TLS, refused, and why. */
static void
test_tls_alerts_are_named(void **state)
{
	static const unsigned char version[] = { 0x15, 0x03, 0x01, 0x00, 0x02,
		0x02, 0x46 };
	static const unsigned char failure[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	/* A warning that the name is unknown, then the ServerHello anyway. */
	static const unsigned char name_then_hello[] = { 0x15, 0x03, 0x03,
		0x00, 0x02, 0x01, 0x70, 0x16, 0x03, 0x03, 0x00, 0x7a, 0x02 };
	static const unsigned char hello[] = { 0x16, 0x03, 0x03, 0x00, 0x7a,
		0x02 };

	(void)state;
	assert_int_equal(mp_tls_reply(version, sizeof version),
	    MP_TLS_REPLY_ALERT);
	assert_int_equal(mp_tls_alert(version, sizeof version), 70);
	assert_int_equal(mp_tls_alert(failure, sizeof failure), 40);
	assert_int_equal(mp_tls_alert(version, 6), -1);
	assert_int_equal(mp_tls_alert(hello, sizeof hello), -1);
	assert_string_equal(mp_tls_alert_name(70), "protocol_version");
	assert_string_equal(mp_tls_alert_name(40), "handshake_failure");
	assert_string_equal(mp_tls_alert_name(112), "unrecognized_name");
	assert_null(mp_tls_alert_name(255));
	assert_int_equal(mp_tls_reply(name_then_hello, sizeof name_then_hello),
	    MP_TLS_REPLY_HELLO);
	assert_int_equal(mp_tls_reply(name_then_hello, 7), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_alert(name_then_hello, 7), 112);
	assert_int_equal(mp_tls_alert(name_then_hello,
	    sizeof name_then_hello), -1);
}

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Finds an extension of the ClientHello; returns its data or NULL. */
static const unsigned char *
extension(const unsigned char *hello, size_t len, unsigned type,
    unsigned *ext_len)
{
	size_t at = 5 + 4 + 2 + 32;

	at += 1 + hello[at];			/* session id */
	at += 2 + get16(hello + at);		/* cipher suites */
	at += 1 + hello[at];			/* compression */
	assert_int_equal(get16(hello + at), len - at - 2);
	for (at += 2; at + 4 <= len; at += 4 + get16(hello + at + 2))
		if (get16(hello + at) == type) {
			*ext_len = get16(hello + at + 2);
			return hello + at + 4;
		}
	return NULL;
}

static void
test_client_hello_is_well_formed(void **state)
{
	unsigned char hello[MP_HELLO_SIZE];
	size_t len = mp_client_hello(hello, "mail.example.com");
	const unsigned char *sni;
	unsigned sni_len;

	(void)state;
	assert_true(len > 100 && len <= MP_HELLO_SIZE);
	assert_int_equal(hello[0], 0x16);
	assert_int_equal(get16(hello + 3), len - 5);
	assert_int_equal(hello[5], 1);
	assert_int_equal((unsigned)hello[6] << 16 | get16(hello + 7), len - 9);
	assert_int_equal(get16(hello + 9), 0x0303);
	sni = extension(hello, len, 0x0000, &sni_len);
	assert_non_null(sni);
	assert_int_equal(sni_len, 16 + 5);
	assert_memory_equal(sni + 5, "mail.example.com", 16);
	assert_non_null(extension(hello, len, 0x002b, &sni_len));
	assert_non_null(extension(hello, len, 0x0033, &sni_len));
	/* An address is no name for SNI. */
	len = mp_client_hello(hello, "192.0.2.1");
	assert_null(extension(hello, len, 0x0000, &sni_len));
	len = mp_client_hello(hello, "2001:db8::1");
	assert_null(extension(hello, len, 0x0000, &sni_len));
}

/* The corners of the TLS reader and of the ClientHello. */
static void
test_tls_corners(void **state)
{
	static const unsigned char short_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x02, 0x05, 0x28 };
	static const unsigned char empty_record[] = { 0x16, 0x03, 0x03, 0x00,
		0x00, 0x02 };
	static const unsigned char tls10[] = { 0x16, 0x03, 0x01, 0x00, 0x02,
		0x02, 0 };
	static const unsigned char tls99[] = { 0x16, 0x03, 0x09, 0x00, 0x04 };
	static const unsigned char hello3[] = { 0x16, 0x03, 0x03, 0x00, 0x03,
		0x02 };
	unsigned char hello[MP_HELLO_SIZE];
	char name[300];

	(void)state;
	/* TLS records of other versions, sizes and alert levels. */
	assert_int_equal(mp_tls_reply(short_alert, sizeof short_alert),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(empty_record, sizeof empty_record),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls10, sizeof tls10), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls99, sizeof tls99), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(hello3, sizeof hello3), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls99, 4), MP_TLS_REPLY_NOT);
	/* No SNI for an empty name, one too long, or one with odd bytes. */
	memset(name, 'a', 260);
	name[260] = '\0';
	assert_true(mp_client_hello(hello, "") > 0);
	assert_true(mp_client_hello(hello, name) > 0);
	assert_true(mp_client_hello(hello, "MAIL.Example.com") >
	    mp_client_hello(hello, "mail_1.example"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls_reply),
		cmocka_unit_test(test_tls_alerts_are_named),
		cmocka_unit_test(test_client_hello_is_well_formed),
		cmocka_unit_test(test_tls_corners),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

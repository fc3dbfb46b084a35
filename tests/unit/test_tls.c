/*
 * test_tls.c - the ClientHellos are well formed, and the reader of a
 * server's first flight takes every flight of tests/helpers/flight.h, cut
 * anywhere or mutated, without reading past a bound; alerts, and what is
 * no TLS, are told apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "flight.h"
#include "len.h"
#include "tls.h"

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

/* The corners of the ClientHello: the names that go in SNI. */
static void
test_client_hello_names(void **state)
{
	unsigned char hello[MP_HELLO_SIZE];
	char name[300];

	(void)state;
	/* No SNI for an empty name, one too long, or one with odd bytes. */
	memset(name, 'a', 260);
	name[260] = '\0';
	assert_true(mp_client_hello(hello, "") > 0);
	assert_true(mp_client_hello(hello, name) > 0);
	assert_true(mp_client_hello(hello, "MAIL.Example.com") >
	    mp_client_hello(hello, "mail_1.example"));
}

static void
test_client_hello12_offers_tls12_alone(void **state)
{
	unsigned char hello[MP_HELLO_SIZE];
	size_t len = mp_client_hello12(hello, "mail.example.com"), at;
	const unsigned char *ext;
	unsigned ext_len;

	(void)state;
	assert_true(len > 100 && len <= MP_HELLO_SIZE);
	assert_int_equal(get16(hello + 3), len - 5);
	assert_int_equal(hello[5], 1);
	assert_int_equal((unsigned)hello[6] << 16 | get16(hello + 7), len - 9);
	assert_int_equal(get16(hello + 9), 0x0303);
	/* No suite of TLS 1.3, ECDHE-ECDSA-AES128-GCM first. */
	at = 5 + 4 + 2 + 32 + 1 + 32;
	assert_int_equal(get16(hello + at + 2), 0xc02b);
	for (ext_len = get16(hello + at), at += 2; ext_len > 0; ext_len -= 2,
	    at += 2)
		assert_int_not_equal(hello[at], 0x13);
	ext = extension(hello, len, 0x0000, &ext_len);
	assert_non_null(ext);
	assert_memory_equal(ext + 5, "mail.example.com", 16);
	assert_null(extension(hello, len, 0x002b, &ext_len));
	assert_null(extension(hello, len, 0x0033, &ext_len));
	assert_non_null(extension(hello, len, 0x000a, &ext_len));
	assert_non_null(extension(hello, len, 0x000b, &ext_len));
	assert_non_null(extension(hello, len, 0x0017, &ext_len));
	assert_non_null(extension(hello, len, 0xff01, &ext_len));
	/* ECDSA P-256 with SHA-256 first, Ed25519 in, RSA with SHA-1 last. */
	ext = extension(hello, len, 0x000d, &ext_len);
	assert_non_null(ext);
	assert_int_equal(get16(ext), ext_len - 2);
	assert_int_equal(get16(ext + 2), 0x0403);
	assert_int_equal(get16(ext + ext_len - 4), 0x0807);
	assert_int_equal(get16(ext + ext_len - 2), 0x0201);
	len = mp_client_hello12(hello, "192.0.2.1");
	assert_null(extension(hello, len, 0x0000, &ext_len));
}

static unsigned char flight_buf[MP_TLS_FLIGHT_SIZE];

/* Reads len bytes of a flight at once, with a reader of its own. */
static enum mp_tls_flight
read_flight(struct mp_tls_reader *r, const unsigned char *bytes, size_t len)
{
	mp_tls_reader_init(r, flight_buf, sizeof flight_buf);
	return mp_tls_read(r, bytes, len);
}

/* Each certificate kept lies within what the reader filled. */
static void
assert_certs_within(const struct mp_tls_reader *r)
{
	size_t i;

	for (i = 0; i < r->ncerts && i < MP_TLS_MAX_CERTS; i++) {
		assert_true(r->certs[i].len > 0);
		assert_true(r->certs[i].at + r->certs[i].len <= r->filled);
	}
}

/* Every flight of the hostile servers, as the probe would read it. */
/* Reads the flight of a hostile server's mode, whole. */
static enum mp_tls_flight
read_mode(struct mp_tls_reader *r, const char *mode, bool hello13)
{
	static unsigned char bytes[FLIGHT_SIZE];

	return read_flight(r, bytes, flight(bytes, mode, hello13));
}

static void
test_flight_of_each_server(void **state)
{
	static unsigned char bytes[FLIGHT_SIZE];
	struct mp_tls_reader r;
	size_t len, i;

	(void)state;
	len = flight(bytes, "tlsflight", false);
	assert_int_equal(read_flight(&r, bytes, len), MP_TLS_FLIGHT_DONE);
	assert_true(r.hello);
	assert_int_equal(r.version, 0x0303);
	assert_int_equal(r.cipher, 0xc02f);
	assert_false(r.tls13);
	assert_int_equal(r.ncerts, 3);
	assert_int_equal(r.alert, -1);
	assert_null(r.reason);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r.certs[i].len, 300);
		assert_int_equal(flight_buf[r.certs[i].at], i);
		assert_int_equal(flight_buf[r.certs[i].at + 299],
		    (i + 299 * 7) & 0xff);
	}
	assert_int_equal(r.consumed, len);
	assert_int_equal(read_mode(&r, "tlscut", false), MP_TLS_FLIGHT_MORE);
	assert_false(r.certificate);
	assert_int_equal(read_mode(&r, "tlsoverflow", false),
	    MP_TLS_FLIGHT_MALFORMED);
	assert_string_equal(r.reason,
	    "a certificate's length overruns its list");
	assert_int_equal(r.ncerts, 0);
	assert_int_equal(read_mode(&r, "tls100", false), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.ncerts, 100);
	assert_certs_within(&r);
	assert_int_equal(read_mode(&r, "tlsbig", false), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.ncerts, 1);
	assert_int_equal(r.certs[0].len, 65536);
	assert_certs_within(&r);
	len = flight(bytes, "tlssplit", false);
	assert_true(len > 20 * (5 + 100));
	assert_int_equal(read_flight(&r, bytes, len), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.ncerts, 1);
	assert_int_equal(r.certs[0].len, 2000);
	assert_int_equal(flight_buf[r.certs[0].at + 1999], 1999 * 7 & 0xff);
	assert_int_equal(read_mode(&r, "tlsdowngrade", false),
	    MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.version, 0x0303);
	assert_true(r.tls13);
	assert_int_equal(read_mode(&r, "tls13only", false),
	    MP_TLS_FLIGHT_ALERT);
	assert_int_equal(r.alert, MP_TLS_ALERT_PROTOCOL_VERSION);
	assert_false(r.hello);
	assert_int_equal(read_mode(&r, "tls13only", true), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.version, 0x0304);
	assert_false(r.certificate);
	assert_int_equal(read_mode(&r, "tlsgarbage", false),
	    MP_TLS_FLIGHT_MALFORMED);
	assert_true(r.hello);
	assert_int_equal(flight(bytes, "nosuchmode", false), 0);
}

/*
 * A flight cut at any byte asks for more; the same flight given a byte
 * more at each call to one reader reads as it does whole.
 */
static void
test_flight_cut_anywhere(void **state)
{
	static const char *const modes[] = { "tlsflight", "tlssplit",
		"tls100" };
	static unsigned char bytes[FLIGHT_SIZE];
	struct mp_tls_reader r, whole;
	size_t len, n, m;

	(void)state;
	for (m = 0; m < LEN(modes); m++) {
		len = flight(bytes, modes[m], false);
		for (n = 0; n < len; n++)
			assert_int_equal(read_flight(&r, bytes, n),
			    MP_TLS_FLIGHT_MORE);
		assert_int_equal(read_flight(&whole, bytes, len),
		    MP_TLS_FLIGHT_DONE);
		mp_tls_reader_init(&r, flight_buf, sizeof flight_buf);
		for (n = 0; n < len; n++)
			assert_int_equal(mp_tls_read(&r, bytes, n),
			    MP_TLS_FLIGHT_MORE);
		assert_int_equal(mp_tls_read(&r, bytes, len),
		    MP_TLS_FLIGHT_DONE);
		assert_int_equal(r.ncerts, whole.ncerts);
		assert_memory_equal(r.certs, whole.certs, sizeof r.certs);
		/* Done stays done, and fewer bytes change nothing. */
		assert_int_equal(mp_tls_read(&r, bytes, 0), MP_TLS_FLIGHT_DONE);
	}
}

/*
 * A caller whose buffer holds one record drops each record read: the
 * flight reads the same.
 */
static void
test_flight_read_through_a_small_buffer(void **state)
{
	static unsigned char bytes[FLIGHT_SIZE];
	unsigned char window[16384 + 5];
	struct mp_tls_reader r;
	size_t len, at = 0, held = 0, n;

	(void)state;
	len = flight(bytes, "tlsbig", false);
	mp_tls_reader_init(&r, flight_buf, sizeof flight_buf);
	while (mp_tls_read(&r, window, held) == MP_TLS_FLIGHT_MORE) {
		memmove(window, window + r.consumed, held - r.consumed);
		held -= r.consumed;
		r.consumed = 0;
		n = len - at < 1000 ? len - at : 1000;
		if (n > sizeof window - held)
			n = sizeof window - held;
		assert_true(n > 0);
		memcpy(window + held, bytes + at, n);
		held += n;
		at += n;
	}
	assert_int_equal(r.state, MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.certs[0].len, 65536);
	assert_int_equal(r.records, 5);
	/* Garbage past the first record is malformed, not "no TLS". */
	len = flight(bytes, "tlsgarbage", false);
	mp_tls_reader_init(&r, flight_buf, sizeof flight_buf);
	assert_int_equal(mp_tls_read(&r, bytes, len - 28), MP_TLS_FLIGHT_MORE);
	r.consumed = 0;
	assert_int_equal(mp_tls_read(&r, bytes + len - 28, 28),
	    MP_TLS_FLIGHT_MALFORMED);
}

/* Random bytes changed, in a bounded loop: any verdict, in bounds. */
static void
test_flight_mutated(void **state)
{
	static const char *const modes[] = { "tlsflight", "tls100",
		"tlsdowngrade", "tlssplit" };
	static unsigned char bytes[FLIGHT_SIZE];
	unsigned long seed = 22;
	struct mp_tls_reader r;
	size_t len, i, k;

	(void)state;
	for (i = 0; i < 20000; i++) {
		len = flight(bytes, modes[i % LEN(modes)], false);
		for (k = 0; k < 1 + i % 4; k++) {
			seed = seed * 6364136223846793005ul +
			    1442695040888963407ul;
			bytes[(seed >> 33) % len] = (unsigned char)(seed >> 17);
		}
		if (i % 8 == 0)
			len = (seed >> 40) % len;
		switch (read_flight(&r, bytes, len)) {
		case MP_TLS_FLIGHT_DONE:
			assert_true(r.hello);
			assert_certs_within(&r);
			break;
		case MP_TLS_FLIGHT_ALERT:
			assert_in_range(r.alert, 0, 255);
			break;
		case MP_TLS_FLIGHT_NOT:
		case MP_TLS_FLIGHT_MALFORMED:
			assert_non_null(r.reason);
			break;
		case MP_TLS_FLIGHT_MORE:
			break;
		}
		assert_true(r.consumed <= len);
		assert_true(r.parsed <= r.filled && r.filled <= r.size);
	}
}

/* Reads bytes, and says whether the reader found what was wanted. */
static void
assert_flight(const unsigned char *bytes, size_t len,
    enum mp_tls_flight want, const char *reason)
{
	struct mp_tls_reader r;

	assert_int_equal(read_flight(&r, bytes, len), want);
	if (reason != NULL)
		assert_string_equal(r.reason, reason);
}

/* Handshake record of one message: type, then its body of len bytes. */
static size_t
one_message(unsigned char *out, unsigned type, const unsigned char *body,
    size_t len)
{
	unsigned char message[256];

	message[0] = (unsigned char)type;
	flight_put(message + 1, len, 3);
	memcpy(message + 4, body, len);
	return flight_records(out, message, 4 + len, 16384);
}

/* A ServerHello, then a message of type: malformed, for reason. */
static void
assert_after_hello(unsigned type, const unsigned char *body, size_t len,
    const char *reason)
{
	static unsigned char bytes[512];
	unsigned char hello[128];
	size_t n;

	n = flight_records(bytes, hello,
	    (size_t)(flight_hello(hello, false, false) - hello), 16384);
	n += one_message(bytes + n, type, body, len);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED, reason);
}

/* The ways a flight breaks, one by one. */
static void
test_flight_rejects(void **state)
{
	static const unsigned char warning_then_alert[] = { 0x15, 0x03, 0x03,
		0x00, 0x02, 0x01, 0x70, 0x15, 0x03, 0x03, 0x00, 0x02, 0x01,
		0x00 };
	static const unsigned char long_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x03, 0x02, 0x28, 0x00 };
	static const unsigned char short_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x02, 0x05, 0x28 };
	static const unsigned char empty[] = { 0x16, 0x03, 0x03, 0x00, 0x00 };
	static const unsigned char huge[] = { 0x16, 0x03, 0x03, 0x48, 0x01 };
	static const unsigned char ssl2[] = { 0x16, 0x02 };
	static const unsigned char tls99[] = { 0x16, 0x03, 0x09 };
	static const unsigned char done_body[] = { 0 };
	static const unsigned char certs_mismatch[] = { 0, 0, 5, 0, 0, 1, 9 };
	static const unsigned char cert_empty[] = { 0, 0, 3, 0, 0, 0 };
	static const unsigned char cert_cut[] = { 0, 0, 2, 0, 0 };
	static const unsigned char no_certs[] = { 0, 0, 0 };
	static unsigned char bytes[FLIGHT_SIZE];
	unsigned char hello[128], *p;
	struct mp_tls_reader r;
	size_t n, h;

	(void)state;
	assert_flight((const unsigned char *)"* OK", 4, MP_TLS_FLIGHT_NOT,
	    "a record of a type not in a handshake");
	assert_flight(ssl2, sizeof ssl2, MP_TLS_FLIGHT_NOT,
	    "a record of no TLS version");
	assert_flight(tls99, sizeof tls99, MP_TLS_FLIGHT_NOT, NULL);
	assert_flight(empty, sizeof empty, MP_TLS_FLIGHT_NOT,
	    "a record of a length TLS forbids");
	assert_flight(huge, sizeof huge, MP_TLS_FLIGHT_NOT, NULL);
	assert_flight(long_alert, sizeof long_alert, MP_TLS_FLIGHT_NOT,
	    "an alert record of no alert");
	assert_flight(short_alert, sizeof short_alert, MP_TLS_FLIGHT_NOT,
	    "an alert record of no alert");
	/* A warning goes on; close_notify, a warning too, ends the talk. */
	assert_int_equal(read_flight(&r, warning_then_alert,
	    sizeof warning_then_alert), MP_TLS_FLIGHT_ALERT);
	assert_int_equal(r.alert, 0);
	assert_flight(warning_then_alert, 7, MP_TLS_FLIGHT_MORE, NULL);
	/* After a first record, what is not TLS is a broken flight. */
	memcpy(bytes, warning_then_alert, 7);
	memcpy(bytes + 7, empty, sizeof empty);
	assert_flight(bytes, 7 + sizeof empty, MP_TLS_FLIGHT_MALFORMED,
	    "a record of a length TLS forbids");
	/* Messages out of their place. */
	n = one_message(bytes, 14, done_body, 0);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "the flight does not open with a ServerHello");
	h = (size_t)(flight_hello(hello, false, false) - hello);
	n = flight_records(bytes, hello, h, 16384);
	n += flight_records(bytes + n, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a second ServerHello");
	n = flight_records(bytes, hello, h, 16384);
	p = flight_certificates(hello + h, 1, 5);
	p = flight_certificates(p, 1, 5);
	n = flight_records(bytes, hello, (size_t)(p - hello), 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a second Certificate message");
	assert_after_hello(14, done_body, 1,
	    "a ServerHelloDone that is not empty");
	assert_after_hello(11, certs_mismatch, sizeof certs_mismatch,
	    "the certificate list's length is not its message's");
	assert_after_hello(11, cert_empty, 2,
	    "the certificate list's length is not its message's");
	assert_after_hello(11, cert_empty, sizeof cert_empty,
	    "a certificate's length overruns its list");
	assert_after_hello(11, cert_cut, sizeof cert_cut,
	    "a certificate's length overruns its list");
	/* An empty list is a list: no certificate, and the flight goes on. */
	n = flight_records(bytes, hello, h, 16384);
	n += one_message(bytes + n, 11, no_certs, sizeof no_certs);
	n += one_message(bytes + n, 14, done_body, 0);
	assert_int_equal(read_flight(&r, bytes, n), MP_TLS_FLIGHT_DONE);
	assert_true(r.certificate);
	assert_int_equal(r.ncerts, 0);
}

/*
 * An alert in answer to the ClientHello: TLS, refused, and why; a
 * warning goes on, and the ServerHello after it is read.
 */
static void
test_flight_alerts(void **state)
{
	/* A server of TLS 1.0 alone answers in a record of TLS 1.0. */
	static const unsigned char version[] = { 0x15, 0x03, 0x01, 0x00, 0x02,
		0x02, 0x46 };
	static const unsigned char failure[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	static const unsigned char unnamed[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x01, 0x70 };
	static const unsigned char cert[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
	const struct flight_cert chain[] = { { cert, sizeof cert } };
	static unsigned char bytes[FLIGHT_SIZE];
	struct mp_tls_reader r;
	size_t len;

	(void)state;
	assert_int_equal(read_flight(&r, version, sizeof version),
	    MP_TLS_FLIGHT_ALERT);
	assert_int_equal(r.alert, MP_TLS_ALERT_PROTOCOL_VERSION);
	assert_false(r.hello);
	assert_int_equal(read_flight(&r, failure, sizeof failure),
	    MP_TLS_FLIGHT_ALERT);
	assert_int_equal(r.alert, 40);
	assert_int_equal(r.warning, -1);
	/* An alert cut short is no alert yet. */
	assert_int_equal(read_flight(&r, version, 6), MP_TLS_FLIGHT_MORE);
	assert_int_equal(r.alert, -1);
	assert_string_equal(mp_tls_alert_name(70), "protocol_version");
	assert_string_equal(mp_tls_alert_name(40), "handshake_failure");
	assert_string_equal(mp_tls_alert_name(112), "unrecognized_name");
	assert_null(mp_tls_alert_name(255));
	/* A warning that the name is unknown, then the flight anyway. */
	memcpy(bytes, unnamed, sizeof unnamed);
	len = sizeof unnamed + flight_chain(bytes + sizeof unnamed, chain, 1,
	    false, 16384);
	assert_int_equal(read_flight(&r, bytes, sizeof unnamed),
	    MP_TLS_FLIGHT_MORE);
	assert_int_equal(r.warning, 112);
	assert_int_equal(r.alert, -1);
	assert_int_equal(read_flight(&r, bytes, len), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.warning, 112);
	assert_int_equal(r.alert, -1);
	assert_true(r.hello);
	assert_int_equal(r.ncerts, 1);
	assert_memory_equal(flight_buf + r.certs[0].at, cert, sizeof cert);
}

/*
 * What is no answer of a TLS server: a greeting, a record of TLS 1.0
 * with a message cut short, an echo of the ClientHello; and a
 * ServerHello of an old version, which is read and kept.
 */
static void
test_flight_not_answers(void **state)
{
	static const unsigned char tls10[] = { 0x16, 0x03, 0x01, 0x00, 0x02,
		0x02, 0 };
	static const unsigned char hello3[] = { 0x16, 0x03, 0x03, 0x00, 0x03,
		0x02, 0x00, 0x00 };
	static unsigned char bytes[FLIGHT_SIZE];
	unsigned char hello[128];
	struct mp_tls_reader r;
	size_t len, h;

	(void)state;
	assert_flight((const unsigned char *)"220 mx ESMTP\r\n", 14,
	    MP_TLS_FLIGHT_NOT, "a record of a type not in a handshake");
	/* A handshake record too short for the message it begins. */
	assert_flight(tls10, sizeof tls10, MP_TLS_FLIGHT_MORE, NULL);
	assert_flight(hello3, sizeof hello3, MP_TLS_FLIGHT_MORE, NULL);
	/* A server that echoes what it is sent. */
	len = mp_client_hello12(bytes, "mail.example.com");
	assert_flight(bytes, len, MP_TLS_FLIGHT_MALFORMED,
	    "the flight does not open with a ServerHello");
	/* TLS 1.0 chosen: read, and the version kept. */
	h = (size_t)(flight_hello(hello, false, false) - hello);
	flight_put(hello + 4, 0x0301, 2);
	len = flight_records(bytes, hello, h, 16384);
	len += flight_records(bytes + len, (const unsigned char *)"\x0e\0\0\0",
	    4, 16384);
	assert_int_equal(read_flight(&r, bytes, len), MP_TLS_FLIGHT_DONE);
	assert_int_equal(r.version, 0x0301);
	assert_false(r.certificate);
}

/* A ServerHello broken in each of its fields. */
static void
test_flight_rejects_hello(void **state)
{
	static unsigned char bytes[512];
	unsigned char hello[128];
	size_t h, n;

	(void)state;
	h = (size_t)(flight_hello(hello, false, false) - hello);
	/* A session id past 32 bytes, or past the message. */
	hello[4 + 34] = 33;
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello cut short");
	hello[4 + 34] = 32;
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello cut short");
	hello[4 + 34] = 0;
	/* A message of 30 bytes: no room for the random. */
	flight_put(hello + 1, 30, 3);
	n = flight_records(bytes, hello, 34, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello cut short");
	/* No extensions at all is a ServerHello of TLS 1.2 still. */
	flight_put(hello + 1, 38, 3);
	n = flight_records(bytes, hello, 42, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MORE, NULL);
	/* Extensions whose lengths overrun. */
	flight_put(hello + 1, 39, 3);
	n = flight_records(bytes, hello, 43, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "the ServerHello's extensions overrun it");
	flight_put(hello + 1, h - 4, 3);
	hello[h - 3] = 9;
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello extension overruns its list");
	hello[h - 3] = 1;
	flight_put(hello + 42, 4, 2);
	n = flight_records(bytes, hello, h - 1, 16384);
	flight_put(bytes + 5 + 1, h - 5, 3);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello extension overruns its list");
	/* An extension whose header is cut short by its list's end. */
	h = (size_t)(flight_hello(hello, false, false) - hello);
	flight_put(hello + 1, 42, 3);
	flight_put(hello + 42, 2, 2);
	n = flight_records(bytes, hello, 46, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello extension overruns its list");
	/* supported_versions of a length not 2 names no version. */
	h = (size_t)(flight_hello(hello, false, false) - hello);
	flight_put(hello + 44, 0x002b, 2);
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MORE, NULL);
	/* Versions that are no TLS. */
	h = (size_t)(flight_hello(hello, false, false) - hello);
	flight_put(hello + 4, 0x0200, 2);
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello of no TLS version");
	flight_put(hello + 4, 0x0305, 2);
	n = flight_records(bytes, hello, h, 16384);
	assert_flight(bytes, n, MP_TLS_FLIGHT_MALFORMED,
	    "a ServerHello of no TLS version");
}

/* The bounds: of the flight, and of each message. */
static void
test_flight_bounds(void **state)
{
	static unsigned char bytes[FLIGHT_SIZE], messages[FLIGHT_SIZE];
	unsigned char small[1024], *p;
	struct mp_tls_reader r;
	size_t len;

	(void)state;
	/*
	 * A certificate of 64 KiB in small records: its message says it is
	 * past the bound before it comes whole.
	 */
	p = flight_certificates(flight_hello(messages, false, false), 1, 65536);
	len = flight_records(bytes, messages, (size_t)(p - messages), 100);
	mp_tls_reader_init(&r, small, sizeof small);
	assert_int_equal(mp_tls_read(&r, bytes, 3 * 105),
	    MP_TLS_FLIGHT_MALFORMED);
	assert_string_equal(r.reason, "a handshake message past the bound");
	/* In records of 16 KiB, the first record is past it already. */
	len = flight(bytes, "tlsbig", false);
	mp_tls_reader_init(&r, small, sizeof small);
	assert_int_equal(mp_tls_read(&r, bytes, len), MP_TLS_FLIGHT_MALFORMED);
	assert_string_equal(r.reason, "a flight past the bound");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_hello_is_well_formed),
		cmocka_unit_test(test_client_hello_names),
		cmocka_unit_test(test_client_hello12_offers_tls12_alone),
		cmocka_unit_test(test_flight_of_each_server),
		cmocka_unit_test(test_flight_cut_anywhere),
		cmocka_unit_test(test_flight_read_through_a_small_buffer),
		cmocka_unit_test(test_flight_mutated),
		cmocka_unit_test(test_flight_rejects),
		cmocka_unit_test(test_flight_alerts),
		cmocka_unit_test(test_flight_not_answers),
		cmocka_unit_test(test_flight_rejects_hello),
		cmocka_unit_test(test_flight_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

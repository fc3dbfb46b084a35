/*
 * flight.h - the first flights of TLS servers, well formed and hostile,
 * as bytes: tests/helpers/probe_server.c sends them, tests/unit/test_tls.c
 * and tests/unit/test_cert_seen.c read them.  The certificates of the
 * modes are synthetic bytes, not X.509; flight_chain() makes the flight
 * of a real server from certificates given (the DER of tests/x509/).
 *
 * Modes:
 *   tlsflight     ServerHello, three certificates, ServerKeyExchange,
 *                 ServerHelloDone, in two records
 *   tlscut        the same, its last record cut short (the server then
 *                 hangs up)
 *   tlsoverflow   a certificate whose length overruns its list
 *   tls100        a hundred certificates
 *   tlsbig        a certificate of 64 KiB, in records of 16 KiB
 *   tlssplit      a certificate split over 20 records
 *   tlsdowngrade  a ServerHello of TLS 1.2 whose random ends with the
 *                 sentinel of a TLS 1.3 server, then a flight
 *   tls13only     a protocol_version alert to a hello of TLS 1.2, and a
 *                 ServerHello of TLS 1.3 to one that offers it
 *   tlsgarbage    a ServerHello, then bytes that are no record
 * No include guard: each file that sends or reads flights includes it once.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Room for the longest flight, tlsbig's. */
#define FLIGHT_SIZE (70 * 1024 + 1024)

static const char *const flight_modes[] = {
	"tlsflight", "tlscut", "tlsoverflow", "tls100", "tlsbig", "tlssplit",
	"tlsdowngrade", "tls13only", "tlsgarbage"
};

static unsigned char *
flight_put(unsigned char *p, size_t value, size_t bytes)
{
	while (bytes-- > 0)
		*p++ = (unsigned char)(value >> 8 * bytes);
	return p;
}

/* A ServerHello choosing TLS 1.2 (or 1.3, by its extension). */
static unsigned char *
flight_hello(unsigned char *p, bool sentinel, bool tls13)
{
	static const unsigned char downgrade[8] = "DOWNGRD\x01";
	size_t i;

	p = flight_put(p, 2, 1);
	p = flight_put(p, 2 + 32 + 1 + 3 + 2 + 5 + (tls13 ? 6 : 0), 3);
	p = flight_put(p, 0x0303, 2);
	for (i = 0; i < 32; i++)
		*p++ = (unsigned char)(0xa0 + i);
	if (sentinel)
		memcpy(p - 8, downgrade, 8);
	p = flight_put(p, 0, 1);		/* no session id */
	p = flight_put(p, 0xc02f, 2);		/* ECDHE-RSA-AES128-GCM */
	p = flight_put(p, 0, 1);		/* no compression */
	p = flight_put(p, 5 + (tls13 ? 6 : 0), 2);
	p = flight_put(p, 0xff010001, 4);	/* renegotiation_info */
	p = flight_put(p, 0, 1);
	if (tls13)				/* supported_versions */
		p = flight_put(p, 0x002b00020304, 6);
	return p;
}

/* A Certificate message of count certificates of len bytes each. */
static unsigned char *
flight_certificates(unsigned char *p, size_t count, size_t len)
{
	size_t i, k;

	p = flight_put(p, 11, 1);
	p = flight_put(p, 3 + count * (3 + len), 3);
	p = flight_put(p, count * (3 + len), 3);
	for (i = 0; i < count; i++) {
		p = flight_put(p, len, 3);
		for (k = 0; k < len; k++)
			*p++ = (unsigned char)(i + k * 7);
	}
	return p;
}

/* A ServerKeyExchange of synthetic bytes, then ServerHelloDone. */
static unsigned char *
flight_done(unsigned char *p, bool key_exchange)
{
	if (key_exchange) {
		p = flight_put(p, 12, 1);
		p = flight_put(p, 40, 3);
		memset(p, 0x55, 40);
		p += 40;
	}
	return flight_put(p, 0x0e000000, 4);
}

/* One certificate of a chain, as DER. */
struct flight_cert {
	const unsigned char *der;
	size_t len;
};

/* A Certificate message of the n certificates given. */
static unsigned char *
flight_der(unsigned char *p, const struct flight_cert *certs, size_t n)
{
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		total += 3 + certs[i].len;
	p = flight_put(p, 11, 1);
	p = flight_put(p, 3 + total, 3);
	p = flight_put(p, total, 3);
	for (i = 0; i < n; i++) {
		p = flight_put(p, certs[i].len, 3);
		memcpy(p, certs[i].der, certs[i].len);
		p += certs[i].len;
	}
	return p;
}

/* Wraps len bytes of handshake messages in records of at most max. */
static size_t
flight_records(unsigned char *out, const unsigned char *messages, size_t len,
    size_t max)
{
	unsigned char *p = out;
	size_t at, n;

	for (at = 0; at < len; at += n) {
		n = len - at < max ? len - at : max;
		p = flight_put(p, 0x160303, 3);
		p = flight_put(p, n, 2);
		memcpy(p, messages + at, n);
		p += n;
	}
	return (size_t)(p - out);
}

/*
 * Writes into out (FLIGHT_SIZE bytes) what mode sends to a ClientHello
 * that offers TLS 1.3 or not.  Returns its length, 0 for a mode unknown.
 */
static size_t
flight(unsigned char *out, const char *mode, bool hello13)
{
	static unsigned char messages[FLIGHT_SIZE];
	unsigned char *p = messages;
	size_t n;

	if (strcmp(mode, "tls13only") == 0 && !hello13)
		return (size_t)(flight_put(out, 0x15030300020246, 7) - out);
	p = flight_hello(p, strcmp(mode, "tlsdowngrade") == 0,
	    strcmp(mode, "tls13only") == 0);
	n = flight_records(out, messages, (size_t)(p - messages), 16384);
	if (strcmp(mode, "tls13only") == 0)
		return n;
	if (strcmp(mode, "tlsgarbage") == 0) {
		memcpy(out + n, "HTTP/1.1 400 Bad Request\r\n\r\n", 28);
		return n + 28;
	}
	if (strcmp(mode, "tlsflight") == 0 || strcmp(mode, "tlscut") == 0 ||
	    strcmp(mode, "tlsdowngrade") == 0) {
		p = flight_certificates(messages, 3, 300);
		p = flight_done(p, true);
		n += flight_records(out + n, messages, (size_t)(p - messages),
		    16384);
		return strcmp(mode, "tlscut") == 0 ? n - 100 : n;
	}
	if (strcmp(mode, "tlsoverflow") == 0) {
		p = flight_certificates(p, 2, 50);
		/* The second certificate claims 2^24 - 1 bytes. */
		flight_put(p - 53, 0xffffff, 3);
	} else if (strcmp(mode, "tls100") == 0) {
		p = flight_certificates(p, 100, 100);
	} else if (strcmp(mode, "tlsbig") == 0) {
		p = flight_certificates(p, 1, 65536);
	} else if (strcmp(mode, "tlssplit") == 0) {
		p = flight_certificates(p, 1, 2000);
		return flight_records(out, messages,
		    (size_t)(flight_done(p, false) - messages), 100);
	} else {
		return 0;
	}
	return flight_records(out, messages,
	    (size_t)(flight_done(p, false) - messages), 16384);
}

/*
 * Writes into out (FLIGHT_SIZE bytes) the flight of a server of TLS 1.2
 * that sends the n certificates given, leaf first: a ServerHello (its
 * random ending with the downgrade sentinel when the server speaks TLS
 * 1.3 too), Certificate, ServerKeyExchange and ServerHelloDone, in
 * records of max bytes at most.  Returns its length.
 */
static size_t
flight_chain(unsigned char *out, const struct flight_cert *certs, size_t n,
    bool sentinel, size_t max)
{
	static unsigned char messages[FLIGHT_SIZE];
	unsigned char *p = flight_hello(messages, sentinel, false);

	p = flight_done(flight_der(p, certs, n), true);
	return flight_records(out, messages, (size_t)(p - messages), max);
}

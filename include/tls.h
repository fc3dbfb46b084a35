/*
 * tls.h - the first bytes of a TLS handshake, as a probe sees them: the
 * ClientHello it sends and the records that come back.  A server is
 * untrusted: every reader takes a length, reads no further, and copes
 * with any byte.
 */
#ifndef MAILPORTS_TLS_H
#define MAILPORTS_TLS_H

#include <stdbool.h>
#include <stddef.h>

/* The name of an alert's description, such as "protocol_version", or
 * NULL for a number unknown. */
const char *mp_tls_alert_name(unsigned description);
/* Its name, or for a number unknown "alert N" written in buf. */
const char *mp_tls_alert_text(char buf[static 16], unsigned description);
/* The alert of a server that takes none of the TLS versions offered. */
#define MP_TLS_ALERT_PROTOCOL_VERSION 70

/*
 * Writes a TLS ClientHello into out (of size at least MP_HELLO_SIZE),
 * offering TLS 1.2 and 1.3, naming server (when it is a host name, not an
 * address) for SNI.  Returns its length.
 */
#define MP_HELLO_SIZE 512
size_t mp_client_hello(unsigned char *out, const char *server);
/*
 * The same, offering TLS 1.2 alone: a server answers it with its
 * Certificate in clear, in the flight of its ServerHello, and one that
 * speaks TLS 1.3 too says so in its ServerHello's random (RFC 8446 section
 * 4.1.3).
 */
size_t mp_client_hello12(unsigned char *out, const char *server);

/* The largest record TLS 1.2 allows: a plaintext of 2^14, and expansion. */
#define MP_TLS_RECORD_MAX (16384 + 2048)

/* Where the server's flight stands, after the bytes read so far. */
enum mp_tls_flight {
	MP_TLS_FLIGHT_MORE,	/* a record or a message is still incomplete */
	MP_TLS_FLIGHT_DONE,	/* ServerHelloDone, or a TLS 1.3 ServerHello */
	MP_TLS_FLIGHT_ALERT,	/* a fatal alert, or close_notify */
	MP_TLS_FLIGHT_NOT,	/* the first record is not TLS */
	MP_TLS_FLIGHT_MALFORMED	/* TLS, but broken or past the bounds */
};

/* The certificates a flight may list before it is "too many". */
#define MP_TLS_MAX_CERTS 10
/*
 * The handshake bytes a flight may hold: room for a certificate of 64 KiB
 * and the messages around it, far more than a chain of today takes.
 */
#define MP_TLS_FLIGHT_SIZE (65536 + 8192)

/* A certificate's DER, as an offset and a length in the reader's buffer. */
struct mp_tls_cert {
	size_t at;
	size_t len;
};

/*
 * Reads a server's answer to a ClientHello, record by record, and
 * reassembles the handshake messages into buf: a message may span many
 * records, a record may hold many messages.  The caller owns the struct
 * and buf; nothing is allocated, nothing is read or written but them.
 */
struct mp_tls_reader {
	unsigned char *buf;	/* the handshake messages, in a row */
	size_t size;		/* buf's size, the bound of the flight */
	size_t filled;		/* bytes of buf filled from records */
	size_t parsed;		/* bytes of buf read as whole messages */
	size_t consumed;	/* bytes given, read as whole records */
	size_t records;		/* records read */
	enum mp_tls_flight state;
	const char *reason;	/* why MALFORMED or NOT, in words */
	int alert;		/* the alert's description, or -1 */
	int warning;		/* the last warning alert's, or -1 */
	bool hello;		/* a ServerHello came */
	unsigned version;	/* the version it chose: 0x0303 TLS 1.2 */
	unsigned cipher;	/* the cipher suite it chose */
	bool tls13;		/* its random says it speaks TLS 1.3 too (a
				   version of 0x0304 says it speaks it alone) */
	bool certificate;	/* a Certificate message came */
	size_t ncerts;		/* how many it listed: past MP_TLS_MAX_CERTS,
				   too many, and only the first are kept */
	struct mp_tls_cert certs[MP_TLS_MAX_CERTS];	/* the first ones */
};

/* Readies r to read a flight into buf, of size bytes. */
void mp_tls_reader_init(struct mp_tls_reader *r, unsigned char *buf,
    size_t size);
/*
 * Reads bytes, all that came since the ClientHello: each call gives the
 * same bytes as the last and maybe more, and r reads only the records it
 * has not read.  A caller with a small buffer may instead drop the first
 * consumed bytes after a call and set consumed to 0.  Once the state is
 * other than MORE it stays so.
 */
enum mp_tls_flight mp_tls_read(struct mp_tls_reader *r,
    const unsigned char *bytes, size_t len);

#endif

/*
 * tls.c - the first bytes of a TLS handshake: the ClientHellos a probe
 * sends, the names of alerts, and the server's first flight read whole,
 * to its certificates.  Pure functions: the bytes come from src/probe.c.
 */
#include <stdio.h>
#include <string.h>

#include "len.h"
#include "net.h"
#include "tls.h"

/*
 * The TLS alerts of IANA's TLS Alerts registry: RFC 8446 section 6 and
 * RFC 5246 section 7.2, with the older codes of SSL 3.0 (41, RFC 6101),
 * TLS 1.0 (21, 60) and RFC 6066 (111, 113, 114), RFC 7507 (86) and
 * RFC 7301 (120).
 */
static const char *const alert_names[] = {
	[0] = "close_notify", [10] = "unexpected_message",
	[20] = "bad_record_mac", [21] = "decryption_failed",
	[22] = "record_overflow", [30] = "decompression_failure",
	[40] = "handshake_failure", [41] = "no_certificate",
	[42] = "bad_certificate", [43] = "unsupported_certificate",
	[44] = "certificate_revoked", [45] = "certificate_expired",
	[46] = "certificate_unknown", [47] = "illegal_parameter",
	[48] = "unknown_ca", [49] = "access_denied", [50] = "decode_error",
	[51] = "decrypt_error", [60] = "export_restriction",
	[70] = "protocol_version", [71] = "insufficient_security",
	[80] = "internal_error", [86] = "inappropriate_fallback",
	[90] = "user_canceled", [100] = "no_renegotiation",
	[109] = "missing_extension", [110] = "unsupported_extension",
	[111] = "certificate_unobtainable", [112] = "unrecognized_name",
	[113] = "bad_certificate_status_response",
	[114] = "bad_certificate_hash_value", [115] = "unknown_psk_identity",
	[116] = "certificate_required", [120] = "no_application_protocol"
};

const char *
mp_tls_alert_name(unsigned description)
{
	return description < LEN(alert_names) ?
	    alert_names[description] : NULL;
}

const char *
mp_tls_alert_text(char buf[static 16], unsigned description)
{
	const char *name = mp_tls_alert_name(description);

	if (name != NULL)
		return name;
	snprintf(buf, 16, "alert %u", description);
	return buf;
}

/*
 * Writes a ClientHello offering suites and naming server for SNI, with
 * extensions after it.  The hello's random and session id need not be
 * random: nothing is negotiated past the server's first flight.
 */
static size_t
write_hello(unsigned char *out, const char *server,
    const unsigned char *suites, size_t suites_len,
    const unsigned char *extensions, size_t extensions_size)
{
	unsigned char *p = out, *record_len, *handshake, *body, *extensions_len;
	size_t i;

	*p++ = 0x16;				/* handshake record */
	p = mp_put16(p, 0x0301);		/* as TLS 1.0, for old servers */
	record_len = p;
	p += 2;					/* its length, below */
	handshake = p;
	*p++ = 0x01;				/* ClientHello */
	*p++ = 0;				/* its length, 3 bytes, below */
	p += 2;
	body = p;
	p = mp_put16(p, 0x0303);		/* TLS 1.2; 1.3 is an extension */
	for (i = 0; i < 32; i++)		/* random: any bytes will do */
		*p++ = (unsigned char)(0x6d + i);
	*p++ = 32;				/* a session id, as TLS 1.3 */
	for (i = 0; i < 32; i++)		/* clients send for middleboxes */
		*p++ = (unsigned char)(0x70 + i);
	p = mp_put16(p, suites_len);
	memcpy(p, suites, suites_len);
	p += suites_len;
	*p++ = 1;				/* compression: none */
	*p++ = 0;
	extensions_len = p;
	p += 2;
	/* SNI carries host names only, never addresses (RFC 6066). */
	if (mp_is_host_name(server)) {
		size_t name_len = strlen(server);

		p = mp_put16(p, 0x0000);	/* server_name */
		p = mp_put16(p, name_len + 5);
		p = mp_put16(p, name_len + 3);
		*p++ = 0;			/* host_name */
		p = mp_put16(p, name_len);
		memcpy(p, server, name_len);
		p += name_len;
	}
	memcpy(p, extensions, extensions_size);
	p += extensions_size;
	mp_put16(extensions_len, (size_t)(p - extensions_len - 2));
	mp_put16(body - 2, (size_t)(p - body));
	mp_put16(record_len, (size_t)(p - handshake));
	return (size_t)(p - out);
}

/* The extensions both hellos open with, before those of TLS 1.3. */
#define GROUPS_AND_POINTS \
	/* supported_groups: x25519, secp256r1, secp384r1 */ \
	0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, \
	0x00, 0x18, \
	/* ec_point_formats: uncompressed */ \
	0x00, 0x0b, 0x00, 0x02, 0x01, 0x00
/* extended_master_secret, renegotiation_info */
#define EMS_AND_RENEGOTIATION \
	0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00

size_t
mp_client_hello(unsigned char *out, const char *server)
{
	/* TLS 1.3 suites, then ECDHE and RSA ones for TLS 1.2 servers. */
	static const unsigned char suites[] = {
		0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b, 0xc0, 0x2f,
		0xc0, 0x2c, 0xc0, 0x30, 0xcc, 0xa9, 0xcc, 0xa8, 0xc0, 0x13,
		0xc0, 0x14, 0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f, 0x00, 0x35
	};
	static const unsigned char extensions[] = {
		GROUPS_AND_POINTS,
		/* signature_algorithms */
		0x00, 0x0d, 0x00, 0x14, 0x00, 0x12, 0x04, 0x03, 0x08, 0x04,
		0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06,
		0x06, 0x01, 0x02, 0x01,
		EMS_AND_RENEGOTIATION,
		/* supported_versions: TLS 1.3, TLS 1.2 */
		0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03,
		/* psk_key_exchange_modes: psk_dhe_ke */
		0x00, 0x2d, 0x00, 0x02, 0x01, 0x01,
		/*
		 * key_share: an x25519 public key.  Nothing is negotiated,
		 * so the base point (9) serves as well as any key.
		 */
		0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20,
		0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	};

	return write_hello(out, server, suites, sizeof suites, extensions,
	    sizeof extensions);
}

size_t
mp_client_hello12(unsigned char *out, const char *server)
{
	/*
	 * ECDHE with AES-GCM and CHACHA20-POLY1305, then the CBC suites
	 * servers still take, then RSA key exchange, as clients of today.
	 */
	static const unsigned char suites[] = {
		0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30, 0xcc, 0xa9,
		0xcc, 0xa8, 0xc0, 0x09, 0xc0, 0x13, 0xc0, 0x0a, 0xc0, 0x14,
		0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f, 0x00, 0x35
	};
	/* No supported_versions: a legacy_version of 0x0303 caps at 1.2. */
	static const unsigned char extensions[] = {
		GROUPS_AND_POINTS,
		/*
		 * signature_algorithms: ECDSA, RSA-PSS and PKCS #1 with
		 * SHA-256, -384, -512, then Ed25519, and SHA-1 last.
		 */
		0x00, 0x0d, 0x00, 0x18, 0x00, 0x16, 0x04, 0x03, 0x08, 0x04,
		0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x06, 0x03,
		0x08, 0x06, 0x06, 0x01, 0x08, 0x07, 0x02, 0x01,
		EMS_AND_RENEGOTIATION
	};

	return write_hello(out, server, suites, sizeof suites, extensions,
	    sizeof extensions);
}

/* The last bytes of a TLS 1.3 server's random when it agrees to TLS 1.2. */
static const unsigned char downgrade_sentinel[8] = {
	0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01
};

static size_t
get24(const unsigned char *p)
{
	return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2];
}

static enum mp_tls_flight
malformed(struct mp_tls_reader *r, const char *reason)
{
	r->reason = reason;
	return MP_TLS_FLIGHT_MALFORMED;
}

/* Bytes that break TLS: no TLS at all if they come first. */
static enum mp_tls_flight
not_tls(struct mp_tls_reader *r, const char *reason)
{
	r->reason = reason;
	return r->records == 0 ? MP_TLS_FLIGHT_NOT : MP_TLS_FLIGHT_MALFORMED;
}

void
mp_tls_reader_init(struct mp_tls_reader *r, unsigned char *buf, size_t size)
{
	memset(r, 0, sizeof *r);
	r->buf = buf;
	r->size = size;
	r->state = MP_TLS_FLIGHT_MORE;
	r->alert = -1;
	r->warning = -1;
}

/* The extensions of a ServerHello: supported_versions names TLS 1.3. */
static enum mp_tls_flight
read_hello_extensions(struct mp_tls_reader *r, const unsigned char *p,
    size_t len)
{
	size_t at, ext_len;

	if (len < 2 || mp_get16(p) != len - 2)
		return malformed(r, "the ServerHello's extensions overrun it");
	for (at = 2; at < len; at += 4 + ext_len) {
		if (len - at < 4 ||
		    (ext_len = mp_get16(p + at + 2)) > len - at - 4)
			return malformed(r,
			    "a ServerHello extension overruns its list");
		if (mp_get16(p + at) == 0x002b && ext_len == 2)
			r->version = mp_get16(p + at + 4);
	}
	return MP_TLS_FLIGHT_MORE;
}

/*
 * A ServerHello: version, random, session id, cipher suite, compression,
 * extensions.  A TLS 1.3 one ends what can be read: the rest is
 * encrypted.
 */
static enum mp_tls_flight
read_hello(struct mp_tls_reader *r, const unsigned char *p, size_t len)
{
	size_t at = 2 + 32;

	if (r->hello)
		return malformed(r, "a second ServerHello");
	if (len < at + 1 || p[at] > 32 || len - at - 1 < p[at] + 3u)
		return malformed(r, "a ServerHello cut short");
	r->hello = true;
	r->version = mp_get16(p);
	r->tls13 = memcmp(p + at - 8, downgrade_sentinel, 8) == 0;
	at += 1 + p[at];
	r->cipher = mp_get16(p + at);
	at += 3;
	if (at < len && read_hello_extensions(r, p + at, len - at) !=
	    MP_TLS_FLIGHT_MORE)
		return MP_TLS_FLIGHT_MALFORMED;
	if (r->version >> 8 != 3 || r->version > 0x0304)
		return malformed(r, "a ServerHello of no TLS version");
	return r->version == 0x0304 ? MP_TLS_FLIGHT_DONE : MP_TLS_FLIGHT_MORE;
}

/*
 * A Certificate message: certificate_list<0..2^24-1> of
 * ASN.1Cert<1..2^24-1>, every length within its container.  The first
 * MP_TLS_MAX_CERTS are kept, the others counted.
 */
static enum mp_tls_flight
read_certificates(struct mp_tls_reader *r, const unsigned char *p,
    size_t len)
{
	size_t at, cert_len, n = 0;

	if (r->certificate)
		return malformed(r, "a second Certificate message");
	if (len < 3 || get24(p) != len - 3)
		return malformed(r,
		    "the certificate list's length is not its message's");
	for (at = 3; at < len; at += 3 + cert_len) {
		if (len - at < 3 || (cert_len = get24(p + at)) == 0 ||
		    cert_len > len - at - 3)
			return malformed(r,
			    "a certificate's length overruns its list");
		if (n < MP_TLS_MAX_CERTS) {
			r->certs[n].at = (size_t)(p + at + 3 - r->buf);
			r->certs[n].len = cert_len;
		}
		n++;
	}
	r->certificate = true;
	r->ncerts = n;
	return MP_TLS_FLIGHT_MORE;
}

/* One whole handshake message of the server's flight. */
static enum mp_tls_flight
read_message(struct mp_tls_reader *r, unsigned type, const unsigned char *p,
    size_t len)
{
	/* Types: ServerHello 2, Certificate 11, ServerHelloDone 14. */
	if (type == 2)
		return read_hello(r, p, len);
	if (!r->hello)
		return malformed(r,
		    "the flight does not open with a ServerHello");
	if (type == 11)
		return read_certificates(r, p, len);
	if (type == 14)
		return len == 0 ? MP_TLS_FLIGHT_DONE :
		    malformed(r, "a ServerHelloDone that is not empty");
	/* ServerKeyExchange, CertificateRequest, CertificateStatus, ... */
	return MP_TLS_FLIGHT_MORE;
}

/* The handshake messages of buf that are whole and not read yet. */
static enum mp_tls_flight
read_messages(struct mp_tls_reader *r)
{
	enum mp_tls_flight state = MP_TLS_FLIGHT_MORE;

	while (state == MP_TLS_FLIGHT_MORE && r->filled - r->parsed >= 4) {
		const unsigned char *m = r->buf + r->parsed;
		size_t len = get24(m + 1);

		if (len > r->size - r->parsed - 4)
			return malformed(r,
			    "a handshake message past the bound");
		if (len > r->filled - r->parsed - 4)
			break;
		r->parsed += 4 + len;
		state = read_message(r, m[0], m + 4, len);
	}
	return state;
}

/* An alert record: fatal, or a warning that goes on but close_notify. */
static enum mp_tls_flight
read_alert(struct mp_tls_reader *r, const unsigned char *p, size_t len)
{
	/* An alert's level is 1 (warning) or 2 (fatal). */
	if (len != 2 || (p[0] != 1 && p[0] != 2))
		return not_tls(r, "an alert record of no alert");
	if (p[0] == 1 && p[1] != 0) {
		r->warning = p[1];
		return MP_TLS_FLIGHT_MORE;
	}
	r->alert = p[1];
	return MP_TLS_FLIGHT_ALERT;
}

/* The records of bytes past those read. */
static enum mp_tls_flight
read_records(struct mp_tls_reader *r, const unsigned char *bytes, size_t len)
{
	enum mp_tls_flight state = MP_TLS_FLIGHT_MORE;

	while (state == MP_TLS_FLIGHT_MORE && len > r->consumed) {
		const unsigned char *record = bytes + r->consumed;
		size_t avail = len - r->consumed, record_len;

		/* Record types: 0x16 handshake, 0x15 alert. */
		if (record[0] != 0x16 && record[0] != 0x15)
			return not_tls(r,
			    "a record of a type not in a handshake");
		if ((avail >= 2 && record[1] != 3) ||
		    (avail >= 3 && record[2] > 4))
			return not_tls(r, "a record of no TLS version");
		if (avail < 5)
			break;
		record_len = mp_get16(record + 3);
		if (record_len == 0 || record_len > MP_TLS_RECORD_MAX)
			return not_tls(r, "a record of a length TLS forbids");
		if (record_len > avail - 5)
			break;
		if (record[0] == 0x15) {
			state = read_alert(r, record + 5, record_len);
		} else if (record_len > r->size - r->filled) {
			return malformed(r, "a flight past the bound");
		} else {
			memcpy(r->buf + r->filled, record + 5, record_len);
			r->filled += record_len;
			state = read_messages(r);
		}
		r->consumed += 5 + record_len;
		r->records++;
	}
	return state;
}

enum mp_tls_flight
mp_tls_read(struct mp_tls_reader *r, const unsigned char *bytes, size_t len)
{
	if (r->state == MP_TLS_FLIGHT_MORE)
		r->state = read_records(r, bytes, len);
	return r->state;
}

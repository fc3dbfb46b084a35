/*
 * tls.c - the first bytes of a TLS handshake: the ClientHello a probe
 * sends, and what the records that come back say (a ServerHello, an
 * alert, or no TLS at all).  Pure functions: the bytes come from
 * src/probe.c.
 */
#include <stdio.h>
#include <string.h>

#include "len.h"
#include "net.h"
#include "tls.h"

/*
 * Where the record that answers the ClientHello starts: past the warning
 * alerts (unrecognized_name, say) a server may send before its
 * ServerHello, but not past close_notify, which ends the talk.
 */
static size_t
answer_at(const unsigned char *bytes, size_t len)
{
	size_t at = 0;

	while (len - at >= 7 && bytes[at] == 0x15 && bytes[at + 1] == 3 &&
	    mp_get16(bytes + at + 3) == 2 && bytes[at + 5] == 1 &&
	    bytes[at + 6] != 0)
		at += 7;
	return at;
}

/* The first record of bytes. */
static enum mp_tls_reply
tls_record(const unsigned char *bytes, size_t len)
{
	unsigned record_len;

	if (len < 1)
		return MP_TLS_REPLY_MORE;
	/* Record types: 0x16 handshake, 0x15 alert. */
	if (bytes[0] != 0x16 && bytes[0] != 0x15)
		return MP_TLS_REPLY_NOT;
	if (len < 3)
		return MP_TLS_REPLY_MORE;
	if (bytes[1] != 3 || bytes[2] > 4)
		return MP_TLS_REPLY_NOT;
	if (len < 5)
		return MP_TLS_REPLY_MORE;
	record_len = mp_get16(bytes + 3);
	if (record_len == 0 || record_len > 16384 + 2048)
		return MP_TLS_REPLY_NOT;
	if (len < 6)
		return MP_TLS_REPLY_MORE;
	if (bytes[0] == 0x15) {
		/* An alert's level is 1 (warning) or 2 (fatal). */
		if (record_len != 2 || (bytes[5] != 1 && bytes[5] != 2))
			return MP_TLS_REPLY_NOT;
		/* Then its description, which names the reason. */
		return len < 7 ? MP_TLS_REPLY_MORE : MP_TLS_REPLY_ALERT;
	}
	/* Handshake type 2 is ServerHello. */
	return bytes[5] == 2 && record_len >= 4 ? MP_TLS_REPLY_HELLO :
	    MP_TLS_REPLY_NOT;
}

enum mp_tls_reply
mp_tls_reply(const unsigned char *bytes, size_t len)
{
	size_t at = answer_at(bytes, len);

	return tls_record(bytes + at, len - at);
}

int
mp_tls_alert(const unsigned char *bytes, size_t len)
{
	size_t at = answer_at(bytes, len);

	if (at > 0 && at == len)
		return bytes[at - 1];
	if (tls_record(bytes + at, len - at) == MP_TLS_REPLY_ALERT)
		return bytes[at + 6];
	return -1;
}

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
		/* supported_groups: x25519, secp256r1, secp384r1 */
		0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17,
		0x00, 0x18,
		/* ec_point_formats: uncompressed */
		0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
		/* signature_algorithms */
		0x00, 0x0d, 0x00, 0x14, 0x00, 0x12, 0x04, 0x03, 0x08, 0x04,
		0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06,
		0x06, 0x01, 0x02, 0x01,
		/* extended_master_secret, renegotiation_info */
		0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00,
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
	p = mp_put16(p, sizeof suites);
	memcpy(p, suites, sizeof suites);
	p += sizeof suites;
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
	memcpy(p, extensions, sizeof extensions);
	p += sizeof extensions;
	mp_put16(extensions_len, (size_t)(p - extensions_len - 2));
	mp_put16(body - 2, (size_t)(p - body));
	mp_put16(record_len, (size_t)(p - handshake));
	return (size_t)(p - out);
}


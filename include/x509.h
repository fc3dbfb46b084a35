/*
 * x509.h - an X.509 certificate (RFC 5280) read from the DER a server
 * sent, and whether it names a host (RFC 9525).
 *
 * The bytes are untrusted: every field is bounded and fixed in size, the
 * parser reads nothing past the bytes given and allocates nothing.  Spans
 * are offsets into those bytes, which the caller keeps while it uses them.
 * Signatures are not verified here: that needs the issuer's key and the
 * arithmetic of a TLS library.
 */
#ifndef MAILPORTS_X509_H
#define MAILPORTS_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

/* Room for a name as text; a longer one makes the certificate unread. */
#define MP_X509_NAME_SIZE	1024
/* subjectAltName entries kept; those beyond are counted only. */
#define MP_X509_SANS_MAX	64
/* Bytes of a DNS name or a common name kept; longer ones never match. */
#define MP_X509_DNS_SIZE	256
/* Common names of the subject kept; those beyond are counted only. */
#define MP_X509_CNS_MAX		4
/* "2027-01-31T12:00:00Z" and a NUL; a year past 9999 is not read. */
#define MP_X509_ISO_SIZE	21
#define MP_X509_SIGNATURE_SIZE	64
#define MP_X509_KEY_SIZE	32

/* Where a part lies in the certificate's bytes; len 0 if absent. */
struct mp_x509_span {
	size_t	off;
	size_t	len;
};

enum mp_x509_san_type { MP_X509_SAN_DNS, MP_X509_SAN_IP };

/*
 * A subjectAltName entry: a DNS name as its bytes, or an address (4 or
 * 16 bytes).  One that is not usable (a NUL or a control byte in a name,
 * a name too long, an address of another length) is kept, so that it can
 * be shown and so that it still counts as a DNS name present, but it
 * never matches.
 */
struct mp_x509_san {
	enum mp_x509_san_type	 type;
	bool			 usable;
	size_t			 len;
	uint8_t			 bytes[MP_X509_DNS_SIZE];
};

/* A common name of the subject, in UTF-8; the same rule for usable. */
struct mp_x509_cn {
	bool	usable;
	size_t	len;
	char	text[MP_X509_DNS_SIZE];
};

enum mp_x509_key_type {
	MP_X509_KEY_UNKNOWN,
	MP_X509_KEY_RSA,
	MP_X509_KEY_RSA_PSS,
	MP_X509_KEY_DSA,
	MP_X509_KEY_EC,
	MP_X509_KEY_ED25519,
	MP_X509_KEY_ED448
};

struct mp_x509 {
	int			 version;	/* 1, 2 or 3 */
	struct mp_x509_span	 der;		/* the whole certificate */
	struct mp_x509_span	 tbs;
	struct mp_x509_span	 serial;	/* the INTEGER's content */
	/* The names as openssl x509 -nameopt RFC2253 prints them. */
	char			 subject[MP_X509_NAME_SIZE];
	char			 issuer[MP_X509_NAME_SIZE];
	/* Their DER (the whole Name), to find the issuer in a trust store. */
	struct mp_x509_span	 subject_der;
	struct mp_x509_span	 issuer_der;
	bool			 self_issued;	/* subject DER == issuer DER */
	int64_t			 not_before;	/* seconds since the epoch */
	int64_t			 not_after;
	char			 not_before_iso[MP_X509_ISO_SIZE];
	char			 not_after_iso[MP_X509_ISO_SIZE];
	enum mp_x509_key_type	 key;
	unsigned		 key_bits;	/* RSA, DSA modulus; EC field */
	const char		*curve;		/* "P-256"...; NULL: other */
	struct mp_x509_span	 spki;		/* SubjectPublicKeyInfo */
	/* The signature algorithm as OpenSSL names it, or its dotted OID. */
	char			 signature[MP_X509_SIGNATURE_SIZE];
	bool			 has_basic_constraints;
	bool			 ca;
	bool			 basic_constraints_critical;
	bool			 san_critical;
	struct mp_x509_span	 subject_key_id;
	struct mp_x509_span	 authority_key_id;
	size_t			 nsans;		/* kept */
	size_t			 sans_total;	/* DNS and IP entries seen */
	struct mp_x509_san	 sans[MP_X509_SANS_MAX];
	size_t			 ncns;		/* kept */
	size_t			 cns_total;
	struct mp_x509_cn	 cns[MP_X509_CNS_MAX];
	uint8_t			 sha256[MP_SHA256_SIZE];	/* of der */
};

/*
 * Reads the certificate at the start of the len bytes; *used is its
 * length (a chain may follow).  False if they do not begin with a
 * certificate it can read, whose fields are then not to be used.
 */
bool mp_x509_parse(const uint8_t *bytes, size_t len, struct mp_x509 *cert,
    size_t *used);

/*
 * The key as people name it: "RSA 2048", "EC P-256", "Ed25519", "Ed448",
 * "DSA 1024", "EC" for another curve, "unknown".
 */
void mp_x509_key_text(const struct mp_x509 *cert, char *text, size_t size);

/*
 * Whether the certificate names host, as OpenSSL's X509_check_host and
 * X509_check_ip_asc do with their default flags, except that a wildcard
 * counts only as the whole leftmost label (RFC 9525 section 6.3, where
 * OpenSSL also takes "f*"): host is a DNS name in ASCII (A-labels), or an
 * IPv4 or IPv6 address, which then matches only an iPAddress entry of the
 * same bytes.  DNS names compare case-blind; "*.example.com" matches
 * "a.example.com" only, and a wildcard needs two labels after it; the
 * subject's common names count only when there is no DNS name entry.  A
 * name with a NUL or a control byte matches nothing.
 */
bool mp_x509_matches(const struct mp_x509 *cert, const char *host);

#endif

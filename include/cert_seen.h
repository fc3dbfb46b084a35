/*
 * cert_seen.h - what a probe keeps of the certificates a server sent:
 * the leaf's fields as people and scripts are shown them, and the
 * findings of judging the whole chain (cert_judge.h), read from the
 * flight of a TLS handshake (tls.h) before its bytes are gone.
 */
#ifndef MAILPORTS_CERT_SEEN_H
#define MAILPORTS_CERT_SEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cert_judge.h"
#include "tls.h"
#include "trust.h"
#include "x509.h"

/* A question a probe may not be able to answer. */
enum mp_answer {
	MP_ANSWER_UNKNOWN,
	MP_ANSWER_NO,
	MP_ANSWER_YES
};

/* The names of a certificate kept; those beyond are counted only. */
#define MP_CERT_NAMES_MAX 16

/*
 * The names a client matches a host against: the subjectAltName DNS and
 * IP entries, or the subject's common names when there are none (RFC 9525
 * section 6.4.4), each as its bytes: a name may hold a NUL or a control
 * byte (then it is not usable, and it is escaped when shown).
 */
struct mp_cert_seen {
	bool		 read;		/* a leaf certificate was parsed */
	unsigned	 findings;	/* MP_CERT_BIT() bits */
	size_t		 chain;		/* certificates the server sent */
	char		 subject[MP_X509_NAME_SIZE];
	char		 issuer[MP_X509_NAME_SIZE];
	char		 not_before[MP_X509_ISO_SIZE];
	char		 not_after[MP_X509_ISO_SIZE];
	int64_t		 starts;	/* not_before, in epoch seconds */
	int64_t		 expires;	/* not_after, in epoch seconds */
	uint8_t		 sha256[MP_SHA256_SIZE];
	char		 key[MP_X509_KEY_SIZE];
	char		 signature[MP_X509_SIGNATURE_SIZE];
	bool		 self_signed;	/* subject and issuer the same */
	bool		 matches;	/* the host asked is on it */
	enum mp_answer	 issuer_known;	/* UNKNOWN: no trust store */
	size_t		 nnames;	/* kept */
	size_t		 names_total;
	struct mp_x509_san names[MP_CERT_NAMES_MAX];
};

/*
 * Reads the certificates of a flight r (its state DONE, or one that
 * stopped after its Certificate message) and judges them for host (a
 * DNS name in A-labels, or an address) against store (NULL when there
 * is none) at now.  No certificate, or a leaf that cannot be parsed:
 * seen->read is false and the findings are MP_CERT_UNREAD.  Pure, but
 * not reentrant: the parsed chain lives in static storage.
 */
void mp_cert_seen_read(struct mp_cert_seen *seen,
    const struct mp_tls_reader *r, const char *host,
    const struct mp_trust *store, int64_t now);

/* Writes a name of seen as text: an address in its usual form. */
void mp_cert_name_text(const struct mp_x509_san *name, char *text,
    size_t size);

/*
 * The findings that make a client refuse the certificate: name, dates,
 * self-signed, an incomplete chain, an unknown issuer.
 */
#define MP_CERT_REFUSED (MP_CERT_BIT(MP_CERT_NAME) | \
	MP_CERT_BIT(MP_CERT_EXPIRED) | MP_CERT_BIT(MP_CERT_NOT_YET_VALID) | \
	MP_CERT_BIT(MP_CERT_SELF_SIGNED) | \
	MP_CERT_BIT(MP_CERT_INCOMPLETE_CHAIN) | \
	MP_CERT_BIT(MP_CERT_UNKNOWN_ISSUER))

#endif

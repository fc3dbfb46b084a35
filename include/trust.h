/*
 * trust.h - the certificates the system trusts, read from a PEM bundle
 * as OpenSSL finds it, and the lookup of a certificate's issuer there.
 *
 * Where from, as OpenSSL's defaults: the file named by SSL_CERT_FILE if
 * set, else the first of the Debian and Red Hat bundles that exists.  The
 * directory named by SSL_CERT_DIR is not read yet (its files are named by
 * the hashes of their subjects): with it set, and SSL_CERT_FILE not,
 * there is no store.  The caller passes the two variables, so that
 * the choice can be tested without touching the environment.
 *
 * Bounded: a file larger than MP_TRUST_FILE_MAX is not read, at most
 * MP_TRUST_ANCHORS_MAX certificates are kept, and the DER of those kept
 * lives in one buffer the caller provides (the PEM is read into it and
 * decoded in place, since the DER is always shorter than its base64).
 * Nothing is allocated.  The store points into that buffer, which the
 * caller keeps while it uses the store.
 */
#ifndef MAILPORTS_TRUST_H
#define MAILPORTS_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x509.h"

/* The size of a bundle read; Debian's is about 220 KiB. */
#define MP_TRUST_FILE_MAX	(4u << 20)
/* Certificates kept; later ones are counted as skipped. */
#define MP_TRUST_ANCHORS_MAX	1024
/* Base64 characters of one block; a longer block is skipped. */
#define MP_TRUST_BLOCK_MAX	(96u << 10)

/* A trusted certificate: spans into the store's buffer. */
struct mp_trust_anchor {
	struct mp_x509_span	der;
	struct mp_x509_span	subject_der;
	struct mp_x509_span	subject_key_id;	/* len 0: none */
};

enum mp_trust_result {
	MP_TRUST_LOADED,	/* a store was found (it may hold nothing) */
	MP_TRUST_NONE		/* no file or directory to read */
};

struct mp_trust {
	uint8_t			*buf;		/* the caller's */
	size_t			 size;
	size_t			 used;		/* DER kept so far */
	size_t			 nanchors;
	/* PEM blocks not kept: bad base64, no END line, too long, not a
	 * certificate, or beyond MP_TRUST_ANCHORS_MAX. */
	size_t			 skipped;
	/* Files named but not read: unreadable, too large, no room. */
	size_t			 unread;
	struct mp_trust_anchor	 anchors[MP_TRUST_ANCHORS_MAX];
	struct mp_x509		 scratch;	/* spares the stack */
};

/* An empty store over the caller's buffer of size bytes. */
void mp_trust_init(struct mp_trust *store, uint8_t *buf, size_t size);

/*
 * Decodes the PEM certificates of the len bytes at bytes and keeps their
 * DER at store->buf + store->used.  The bytes lie outside store->buf or
 * at or after store->buf + store->used: the DER of a block never
 * overtakes its base64, so a file read into the buffer is decoded in
 * place.  Only CERTIFICATE blocks are read; each is base64 of RFC 4648
 * with LF or CR LF line ends and nothing else, canonical padding, and one
 * whole certificate.  Returns the number of certificates kept.
 */
size_t mp_trust_add_pem(struct mp_trust *store, const uint8_t *bytes,
    size_t len);

/*
 * Reads the PEM file at path into the store; false if it could not be
 * read whole (then counted in store->unread).
 */
bool mp_trust_add_file(struct mp_trust *store, const char *path);

/* The bundles tried when neither variable is set, NULL-terminated. */
extern const char *const mp_trust_bundles[];

/*
 * Finds and reads the trust store as described above: cert_file and
 * cert_dir are the values of SSL_CERT_FILE and SSL_CERT_DIR, or NULL (an
 * empty value counts as unset); bundles is mp_trust_bundles, or another
 * list for the tests.  A variable that is set is followed even when what
 * it names cannot be read, as OpenSSL does: then there is no store.
 * *where is the path read (the caller's string or a constant), or NULL.
 */
enum mp_trust_result mp_trust_load(struct mp_trust *store,
    const char *cert_file, const char *cert_dir,
    const char *const *bundles, const char **where);

/*
 * The anchor that issued cert (whose DER is at der): its subject equals
 * cert's issuer and, when both carry one, its subject key identifier
 * equals cert's authority key identifier.  NULL if none.
 */
const struct mp_trust_anchor *mp_trust_issuer(const struct mp_trust *store,
    const struct mp_x509 *cert, const uint8_t *der);

/*
 * Whether the certificate whose subject name and subject key identifier
 * are the spans subject and key_id of base issued cert (of der): the
 * names are equal and, when both carry one, so are the key identifiers.
 */
bool mp_trust_issued(const uint8_t *base, struct mp_x509_span subject,
    struct mp_x509_span key_id, const struct mp_x509 *cert,
    const uint8_t *der);

/* Whether cert itself (the same DER) is in the store. */
bool mp_trust_holds(const struct mp_trust *store, const struct mp_x509 *cert,
    const uint8_t *der);

#endif

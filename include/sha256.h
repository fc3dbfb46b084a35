/*
 * sha256.h - SHA-256 (FIPS 180-4), for the fingerprint of a certificate.
 * Pure: no I/O, no allocation.
 */
#ifndef MAILPORTS_SHA256_H
#define MAILPORTS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define MP_SHA256_SIZE 32		/* bytes of a digest */
#define MP_SHA256_HEX_SIZE 65		/* its hex digits and a NUL */

struct mp_sha256 {
	uint32_t	h[8];
	uint64_t	bytes;		/* hashed so far */
	uint8_t		block[64];	/* the bytes of a block not yet full */
};

void mp_sha256_init(struct mp_sha256 *s);
void mp_sha256_update(struct mp_sha256 *s, const void *data, size_t len);
void mp_sha256_final(struct mp_sha256 *s, uint8_t digest[MP_SHA256_SIZE]);
/* The digest of len bytes, at once. */
void mp_sha256(const void *data, size_t len, uint8_t digest[MP_SHA256_SIZE]);
/* A digest in 64 lower-case hex digits, as sha256sum(1) prints it. */
void mp_sha256_hex(const uint8_t digest[MP_SHA256_SIZE],
    char hex[MP_SHA256_HEX_SIZE]);

#endif

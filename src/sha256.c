/*
 * sha256.c - SHA-256 as FIPS 180-4 section 6.2 computes it.
 */
#include <string.h>

#include "sha256.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static uint32_t
ror(uint32_t x, unsigned n)
{
	return x >> n | x << (32 - n);
}

/* The functions of FIPS 180-4 section 4.1.2, by their names there. */
static uint32_t
Sigma0(uint32_t x)
{
	return ror(x, 2) ^ ror(x, 13) ^ ror(x, 22);
}

static uint32_t
Sigma1(uint32_t x)
{
	return ror(x, 6) ^ ror(x, 11) ^ ror(x, 25);
}

static uint32_t
sigma0(uint32_t x)
{
	return ror(x, 7) ^ ror(x, 18) ^ x >> 3;
}

static uint32_t
sigma1(uint32_t x)
{
	return ror(x, 17) ^ ror(x, 19) ^ x >> 10;
}

/* One block into the hash value, section 6.2.2; v holds a to h. */
static void
compress(uint32_t h[8], const uint8_t block[64])
{
	uint32_t w[64], v[8];
	size_t i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)block[4 * i] << 24 |
		    (uint32_t)block[4 * i + 1] << 16 |
		    (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = sigma1(w[i - 2]) + w[i - 7] + sigma0(w[i - 15]) +
		    w[i - 16];
	memcpy(v, h, sizeof v);
	for (i = 0; i < 64; i++) {
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
		uint32_t t1 = v[7] + Sigma1(v[4]) + ch + K[i] + w[i];
		uint32_t t2 = Sigma0(v[0]) + maj;

		memmove(v + 1, v, 7 * sizeof v[0]);
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += v[i];
}

void
mp_sha256_init(struct mp_sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(s->h, h0, sizeof s->h);
	s->bytes = 0;
}

void
mp_sha256_update(struct mp_sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len > 0) {
		size_t used = (size_t)(s->bytes % 64);
		size_t take = 64 - used < len ? 64 - used : len;
		memcpy(s->block + used, p, take);
		s->bytes += take;
		p += take;
		len -= take;
		if (used + take == 64)
			compress(s->h, s->block);
	}
}

void
mp_sha256_final(struct mp_sha256 *s, uint8_t digest[MP_SHA256_SIZE])
{
	uint64_t bits = s->bytes * 8;
	uint8_t pad[72] = { 0x80 };
	size_t padlen, i;

	/* A 0x80, zeros up to 56 bytes into a block, the length in bits. */
	padlen = (size_t)((119 - s->bytes % 64) % 64) + 1;
	for (i = 0; i < 8; i++)
		pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
	mp_sha256_update(s, pad, padlen + 8);
	for (i = 0; i < 8; i++) {
		digest[4 * i] = (uint8_t)(s->h[i] >> 24);
		digest[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		digest[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		digest[4 * i + 3] = (uint8_t)s->h[i];
	}
}

void
mp_sha256(const void *data, size_t len, uint8_t digest[MP_SHA256_SIZE])
{
	struct mp_sha256 s;

	mp_sha256_init(&s);
	mp_sha256_update(&s, data, len);
	mp_sha256_final(&s, digest);
}

void
mp_sha256_hex(const uint8_t digest[MP_SHA256_SIZE],
    char hex[MP_SHA256_HEX_SIZE])
{
	static const char xdigits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < MP_SHA256_SIZE; i++) {
		hex[2 * i] = xdigits[digest[i] >> 4];
		hex[2 * i + 1] = xdigits[digest[i] & 0xf];
	}
	hex[MP_SHA256_HEX_SIZE - 1] = '\0';
}

/*
 * fuzz_tls.c - libFuzzer harness for a server's first flight: the input
 * is what came back for the TLS 1.2 ClientHello, read whole, and read
 * again a few bytes more at each call, which must end the same.  Every
 * certificate kept must lie within what the reader filled.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char whole_buf[MP_TLS_FLIGHT_SIZE];
static unsigned char piece_buf[MP_TLS_FLIGHT_SIZE];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_tls_reader whole, pieces;
	size_t i, step = size > 0 ? 1 + data[0] % 64 : 1, n;

	mp_tls_reader_init(&whole, whole_buf, sizeof whole_buf);
	(void)mp_tls_read(&whole, data, size);
	mp_tls_reader_init(&pieces, piece_buf, sizeof piece_buf);
	for (n = 0; n < size; n += step)
		(void)mp_tls_read(&pieces, data, n);
	(void)mp_tls_read(&pieces, data, size);
	if (whole.state != pieces.state || whole.ncerts != pieces.ncerts ||
	    whole.consumed != pieces.consumed || whole.filled > whole.size ||
	    whole.consumed > size || whole.parsed > whole.filled)
		__builtin_trap();
	for (i = 0; i < whole.ncerts && i < MP_TLS_MAX_CERTS; i++)
		if (whole.certs[i].len == 0 || whole.certs[i].at +
		    whole.certs[i].len > whole.filled ||
		    memcmp(whole_buf + whole.certs[i].at,
		    piece_buf + pieces.certs[i].at, whole.certs[i].len) != 0)
			__builtin_trap();
	return 0;
}

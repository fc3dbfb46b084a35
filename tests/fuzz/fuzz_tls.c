/*
 * fuzz_tls.c - libFuzzer harness for a server's first flight: the input
 * is what came back for the TLS 1.2 ClientHello, read whole, and read
 * again a few bytes more at each call, which must end the same.  Every
 * certificate kept must lie within what the reader filled.  Then the
 * certificates are read and judged as the probe does, and written as its
 * output writes them, whose bounds must hold.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cert_seen.h"
#include "format_cert.h"
#include "tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char whole_buf[MP_TLS_FLIGHT_SIZE];
static unsigned char piece_buf[MP_TLS_FLIGHT_SIZE];

/* The certificates judged, and written to nowhere in every form. */
static void
judge(const struct mp_tls_reader *r)
{
	static struct mp_probe_result result;
	static FILE *nowhere;
	size_t i;

	if (nowhere == NULL && (nowhere = fopen("/dev/null", "w")) == NULL)
		__builtin_trap();
	memset(&result, 0, sizeof result);
	snprintf(result.request.server, sizeof result.request.server, "%s",
	    "mail.example.com");
	result.tls = MP_FOUND_IMPLICIT;
	/* 2026-12-04, so that the dates of the corpus are judged. */
	mp_cert_seen_read(&result.cert, r, result.request.server, NULL,
	    INT64_C(1796342400));
	if (result.cert.nnames > MP_CERT_NAMES_MAX ||
	    result.cert.nnames > result.cert.names_total ||
	    (result.cert.read && result.cert.chain == 0))
		__builtin_trap();
	for (i = 0; i < result.cert.nnames; i++)
		if (result.cert.names[i].len > MP_X509_DNS_SIZE)
			__builtin_trap();
	mp_print_cert_line(nowhere, &result, 80);
	mp_print_cert_warnings(nowhere, &result, 80);
	mp_put_cert_json(nowhere, &result);
	mp_put_cert_tsv(nowhere, &result);
}

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
	judge(&whole);
	return 0;
}

/*
 * format_cert.h - writing what a probe saw of a certificate: a line for
 * people under a probe's row, the openssl command that checks what this
 * program does not, and the fields of TSV and JSON for scripts.  Every
 * name a server sent is escaped before it is written.
 */
#ifndef MAILPORTS_FORMAT_CERT_H
#define MAILPORTS_FORMAT_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "probe.h"

/*
 * The line under a TLS row: the names, the issuer, the expiry and what
 * a mail client makes of them, wrapped to columns (0: no wrapping).
 * Nothing for a result that is not TLS.
 */
void mp_print_cert_line(FILE *fp, const struct mp_probe_result *result,
    size_t columns);

/*
 * The certificate findings of result that a person should act on, each
 * a "warning: ADDRESS port N: ..." line; a certificate not read after a
 * refused handshake, and an issuer not judged, are said elsewhere.
 */
void mp_print_cert_warnings(FILE *fp, const struct mp_probe_result *result,
    size_t columns);

/*
 * Once after a table: that there is no trust store, when a certificate
 * was read without one; and the openssl command that verifies the
 * signatures of the first certificate read, which this program does not.
 */
void mp_print_cert_notes(FILE *fp, const struct mp_probe_result *results,
    size_t n, size_t columns);

/* The keys of findings, each after separator but the first; JSON quotes
 * them.  Returns whether any was written. */
bool mp_put_cert_keys(FILE *fp, unsigned findings, const char *separator,
    bool json, bool any);

/* The JSON of result's "tls13" and "certificate" members, comma first. */
void mp_put_cert_json(FILE *fp, const struct mp_probe_result *result);

/* The TSV columns' names, and a result's cells, each tab first. */
#define MP_CERT_TSV_HEADER "\ttls13\tcert_subject\tcert_issuer\tcert_names" \
	"\tcert_not_before\tcert_not_after\tcert_sha256\tcert_key" \
	"\tcert_signature\tcert_self_signed\tcert_chain\tcert_matches" \
	"\tcert_issuer_known"
void mp_put_cert_tsv(FILE *fp, const struct mp_probe_result *result);

#endif

/*
 * cert_names.h - which names a server's certificate is matched against,
 * as a mail client matches them (RFC 7817), for a server found for an
 * address at a domain; and which other hosts of the same provider a
 * certificate names, to try when it is refused for its names.  Pure: no
 * I/O, no heap.
 */
#ifndef MAILPORTS_CERT_NAMES_H
#define MAILPORTS_CERT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"
#include "probe.h"

/* Whether host is domain or a name under it (both lower case). */
bool mp_name_under(const char *host, const char *domain);

/*
 * The name a mail client matches the certificate of host against, for an
 * address at domain: host when the user typed it or the provider table
 * holds it (trusted) or it is under domain; else domain.
 */
const char *mp_reference_name(const char *host, bool trusted,
    const char *domain);

/* The provider whose table holds host for an address at domain, or -1. */
int mp_table_provider(const char *host, const char *domain);

/* Where a provider's own names begin in host: its last two labels, or
 * three under a country's second level (example.co.uk). */
const char *mp_registrable(const char *host);

/*
 * The other hosts of the same provider that the certificate of result
 * names, for a server found at host for an address at domain: DNS names
 * on it, not wildcards, that are host names other than host, under the
 * same registrable domain as host or held by the table for host's
 * provider; at most max, in the certificate's order.
 */
size_t mp_cert_other_hosts(const struct mp_probe_result *result,
    const char *host, const char *domain,
    char (*hosts)[MP_DNS_NAME_SIZE], size_t max);

#endif

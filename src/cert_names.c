/*
 * cert_names.c - the names a server's certificate is matched against,
 * and the other hosts of the same provider that it names; see
 * cert_names.h.
 */
#include <string.h>

#include "ascii.h"
#include "cert_names.h"
#include "endpoint.h"
#include "len.h"
#include "net.h"
#include "providers.h"

bool
mp_name_under(const char *host, const char *domain)
{
	size_t hlen = strlen(host), dlen = strlen(domain);

	return hlen == dlen ? strcmp(host, domain) == 0 :
	    hlen > dlen && host[hlen - dlen - 1] == '.' &&
	    strcmp(host + hlen - dlen, domain) == 0;
}

/*
 * RFC 7817 section 3: a mail client's reference identifiers are (a) the
 * domain of the user's address and (b) the host name it used to open the
 * connection, and it may use (c) a name securely derived from them, as by
 * DNSSEC.  A host name learnt from DNS without DNSSEC, as an SRV target or
 * an MX host, is none of these: RFC 6125 section 6.2.1 has a client build
 * no reference identifier from a name found by such an insecure lookup,
 * and RFC 6186 section 6 has it check that an SRV target is in the domain
 * that was asked about, and otherwise ask the user before connecting or,
 * with TLS, verify the service by RFC 6125 section 6.  So a host is
 * matched itself when the user typed it, when the provider table holds it,
 * or when it is the domain or under it; any other host found through DNS
 * alone must show a certificate for the domain, (a).
 */
const char *
mp_reference_name(const char *host, bool trusted, const char *domain)
{
	return trusted || mp_name_under(host, domain) ? host : domain;
}

int
mp_table_provider(const char *host, const char *domain)
{
	/* Filled at each step; zeroed so that no analyzer doubts it. */
	struct mp_endpoint endpoint = { .port = 0 };
	size_t i;

	for (i = 0; i < mp_nservers; i++) {
		mp_endpoint_of_server(&endpoint, &mp_servers[i], domain);
		if (strcmp(endpoint.host, host) == 0)
			return mp_servers[i].provider;
	}
	return -1;
}

/*
 * Without the Public Suffix List, the usual shapes: a name's last two
 * labels, or three where a country's domain has a second level for
 * companies and the like, as co.uk, com.au or ne.jp.
 */
const char *
mp_registrable(const char *host)
{
	static const char *const second[] = { "ac", "co", "com", "edu",
		"go", "gov", "ne", "net", "or", "org" };
	size_t dots[3] = { 0 }, ndots = 0, len = strlen(host), i;

	for (i = len; i > 0 && ndots < 3; i--)
		if (host[i - 1] == '.')
			dots[ndots++] = i - 1;
	if (ndots < 2)
		return host;
	if (len - dots[0] - 1 == 2)
		for (i = 0; i < LEN(second); i++)
			if (dots[0] - dots[1] - 1 == strlen(second[i]) &&
			    strncmp(host + dots[1] + 1, second[i],
			    strlen(second[i])) == 0)
				return ndots == 3 ? host + dots[2] + 1 : host;
	return host + dots[1] + 1;
}

size_t
mp_cert_other_hosts(const struct mp_probe_result *result, const char *host,
    const char *domain, char (*hosts)[MP_DNS_NAME_SIZE], size_t max)
{
	const struct mp_cert_seen *cert = &result->cert;
	const char *mine = mp_registrable(host);
	int provider = mp_table_provider(host, domain);
	size_t n = 0, i, j;

	for (i = 0; i < cert->nnames && n < max; i++) {
		const struct mp_x509_san *name = &cert->names[i];
		char *other = hosts[n];

		/* A wildcard names no host to connect to. */
		if (name->type != MP_X509_SAN_DNS || !name->usable ||
		    name->len == 0 || name->len >= MP_DNS_NAME_SIZE ||
		    name->bytes[0] == '*')
			continue;
		for (j = 0; j < name->len; j++)
			other[j] = mp_ascii_lower((char)name->bytes[j]);
		other[j] = '\0';
		if (!mp_is_host_name(other) || strcmp(other, host) == 0 ||
		    (strcmp(mp_registrable(other), mine) != 0 &&
		    (provider < 0 ||
		    mp_table_provider(other, domain) != provider)))
			continue;
		for (j = 0; j < n && strcmp(hosts[j], other) != 0; j++)
			;
		if (j == n)
			n++;
	}
	return n;
}

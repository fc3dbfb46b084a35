/*
 * x509_match.c - whether a certificate names a host: RFC 9525 as OpenSSL's
 * X509_check_host applies it by default (include/x509.h has the rules).
 */
#include <arpa/inet.h>
#include <string.h>

#include "ascii.h"
#include "x509.h"

static bool
equal_nocase(const uint8_t *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return false;
	for (i = 0; i < alen; i++)
		if (mp_ascii_lower((char)a[i]) != mp_ascii_lower(b[i]))
			return false;
	return true;
}

/*
 * Whether the labels after a leading "*." are such that the wildcard
 * counts: two labels at least (no "*.com"), of letters, digits and
 * hyphens, none empty nor starting or ending with a hyphen, and no
 * final dot, as OpenSSL's valid_star has them.
 */
static bool
wildcard_valid(const uint8_t *p, size_t len)
{
	size_t i, labels = 1, start = 2;

	if (len < 2 || p[0] != '*' || p[1] != '.')
		return false;
	for (i = 2; i <= len; i++) {
		if (i == len || p[i] == '.') {
			if (i == start || p[start] == '-' || p[i - 1] == '-')
				return false;
			labels++;
			start = i + 1;
		} else if (!mp_ascii_isalnum(p[i]) && p[i] != '-') {
			return false;
		}
	}
	return labels >= 3;
}

static bool
pattern_matches(const uint8_t *p, size_t plen, const char *host, size_t hlen)
{
	size_t first;

	if (memchr(p, '*', plen) == NULL)
		return equal_nocase(p, plen, host, hlen);
	if (!wildcard_valid(p, plen))
		return false;
	/* The wildcard stands for one whole label, of one character or
	 * more, of letters, digits and hyphens. */
	for (first = 0; first < hlen && host[first] != '.'; first++)
		if (!mp_ascii_isalnum(host[first]) && host[first] != '-')
			return false;
	return first > 0 && equal_nocase(p + 1, plen - 1, host + first,
	    hlen - first);
}

static bool
address_matches(const struct mp_x509 *cert, const uint8_t *addr, size_t len)
{
	size_t i;

	for (i = 0; i < cert->nsans; i++)
		if (cert->sans[i].type == MP_X509_SAN_IP &&
		    cert->sans[i].usable && cert->sans[i].len == len &&
		    memcmp(cert->sans[i].bytes, addr, len) == 0)
			return true;
	return false;
}

bool
mp_x509_matches(const struct mp_x509 *cert, const char *host)
{
	uint8_t addr[16];
	size_t i, hlen = strlen(host);
	bool dns = false;

	if (inet_pton(AF_INET, host, addr) == 1)
		return address_matches(cert, addr, 4);
	if (inet_pton(AF_INET6, host, addr) == 1)
		return address_matches(cert, addr, 16);
	if (hlen == 0 || memchr(host, '*', hlen) != NULL)
		return false;
	for (i = 0; i < cert->nsans; i++) {
		if (cert->sans[i].type != MP_X509_SAN_DNS)
			continue;
		dns = true;
		if (cert->sans[i].usable && pattern_matches(cert->sans[i].bytes,
		    cert->sans[i].len, host, hlen))
			return true;
	}
	if (dns || cert->sans_total > cert->nsans)
		return false;
	for (i = 0; i < cert->ncns; i++)
		if (cert->cns[i].usable && pattern_matches(
		    (const uint8_t *)cert->cns[i].text, cert->cns[i].len, host,
		    hlen))
			return true;
	return false;
}

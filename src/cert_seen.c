/*
 * cert_seen.c - the certificates of a server's flight, parsed, judged and
 * kept as a probe's result shows them; see cert_seen.h.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "cert_seen.h"

void
mp_cert_name_text(const struct mp_x509_san *name, char *text, size_t size)
{
	int family = name->len == 4 ? AF_INET : AF_INET6;

	if (size == 0)
		return;
	text[0] = '\0';
	if (name->type == MP_X509_SAN_DNS)
		snprintf(text, size, "%.*s", (int)name->len,
		    (const char *)name->bytes);
	else if (name->len != 4 && name->len != 16)
		snprintf(text, size, "(an address of %zu bytes)", name->len);
	else if (inet_ntop(family, name->bytes, text, (socklen_t)size) == NULL)
		text[0] = '\0';
}

/* The names a client matches: the SAN entries, else the common names. */
static void
keep_names(struct mp_cert_seen *seen, const struct mp_x509 *leaf)
{
	size_t i;

	if (leaf->sans_total > 0) {
		seen->names_total = leaf->sans_total;
		for (i = 0; i < leaf->nsans && i < MP_CERT_NAMES_MAX; i++)
			seen->names[i] = leaf->sans[i];
		seen->nnames = i;
		return;
	}
	seen->names_total = leaf->cns_total;
	for (i = 0; i < leaf->ncns && i < MP_X509_CNS_MAX &&
	    i < MP_CERT_NAMES_MAX; i++) {
		struct mp_x509_san *name = &seen->names[i];

		name->type = MP_X509_SAN_DNS;
		name->usable = leaf->cns[i].usable;
		name->len = leaf->cns[i].len;
		memcpy(name->bytes, leaf->cns[i].text, name->len);
	}
	seen->nnames = i;
}

static void
keep_leaf(struct mp_cert_seen *seen, const struct mp_x509 *leaf)
{
	seen->read = true;
	memcpy(seen->subject, leaf->subject, sizeof seen->subject);
	memcpy(seen->issuer, leaf->issuer, sizeof seen->issuer);
	memcpy(seen->not_before, leaf->not_before_iso,
	    sizeof seen->not_before);
	memcpy(seen->not_after, leaf->not_after_iso, sizeof seen->not_after);
	seen->starts = leaf->not_before;
	seen->expires = leaf->not_after;
	memcpy(seen->sha256, leaf->sha256, sizeof seen->sha256);
	mp_x509_key_text(leaf, seen->key, sizeof seen->key);
	memcpy(seen->signature, leaf->signature, sizeof seen->signature);
	seen->self_signed = leaf->self_issued;
	keep_names(seen, leaf);
}

void
mp_cert_seen_read(struct mp_cert_seen *seen, const struct mp_tls_reader *r,
    const char *host, const struct mp_trust *store, int64_t now)
{
	/* Some 20 KiB each: too much for a stack that probes many ports. */
	static struct mp_x509 parsed[MP_TLS_MAX_CERTS];
	struct mp_cert_sent chain[MP_TLS_MAX_CERTS] = { { NULL, NULL } };
	size_t i, n = 0;

	memset(seen, 0, sizeof *seen);
	seen->chain = r->certificate ? r->ncerts : 0;
	/* A certificate the parser stops short of, or one with bytes after
	 * it, is not one to judge: only the leaf is needed to say anything. */
	for (i = 0; i < r->ncerts && i < MP_TLS_MAX_CERTS; i++) {
		const uint8_t *der = r->buf + r->certs[i].at;
		size_t used = 0;

		if (!mp_x509_parse(der, r->certs[i].len, &parsed[n], &used) ||
		    used != r->certs[i].len) {
			if (i == 0)
				break;
			continue;
		}
		chain[n].x509 = &parsed[n];
		chain[n].der = der;
		n++;
	}
	seen->findings = mp_cert_judge(host, chain, n, store, now);
	if (n == 0)
		return;
	keep_leaf(seen, &parsed[0]);
	seen->matches = !(seen->findings & MP_CERT_BIT(MP_CERT_NAME));
	if (store == NULL)
		seen->issuer_known = MP_ANSWER_UNKNOWN;
	else if ((seen->findings & (MP_CERT_BIT(MP_CERT_SELF_SIGNED) |
	    MP_CERT_BIT(MP_CERT_INCOMPLETE_CHAIN) |
	    MP_CERT_BIT(MP_CERT_UNKNOWN_ISSUER))) != 0)
		seen->issuer_known = MP_ANSWER_NO;
	else
		seen->issuer_known = MP_ANSWER_YES;
}

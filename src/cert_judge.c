/*
 * cert_judge.c - a server's certificates judged as a mail client would
 * judge them; see cert_judge.h for the rules.
 */
#include <string.h>

#include "ascii.h"
#include "cert_judge.h"
#include "len.h"

static const struct {
	const char	*key;
	const char	*text;
	const char	*label;
} findings[] = {
#define FINDING(name, key, text, label) { key, text, label },
#include "cert_findings.def"
};

const char *
mp_cert_finding_key(enum mp_cert_finding finding)
{
	return (size_t)finding < LEN(findings) ? findings[finding].key : NULL;
}

const char *
mp_cert_finding_text(enum mp_cert_finding finding)
{
	return (size_t)finding < LEN(findings) ? findings[finding].text : NULL;
}

const char *
mp_cert_finding_label(enum mp_cert_finding finding)
{
	return (size_t)finding < LEN(findings) ? findings[finding].label : NULL;
}

/*
 * Whether OpenSSL's name of a signature algorithm uses SHA-1 or an MD
 * digest: md2/md4/md5WithRSAEncryption, sha1WithRSAEncryption,
 * ecdsa-with-SHA1 and dsaWithSHA1, as data/oids.def names them.
 */
static bool
weak_signature(const char *name)
{
	size_t	len = strlen(name);

	return mp_ascii_begins(name, len, "md") ||
	    mp_ascii_begins(name, len, "sha1") ||
	    (len >= 4 && strcmp(name + len - 4, "SHA1") == 0);
}

/* The findings of one certificate on the walk: dates and strength. */
static unsigned
judge_one(const struct mp_cert_sent *cert, const struct mp_trust *store,
    int64_t now)
{
	const struct mp_x509	*x = cert->x509;
	unsigned		 found = 0;

	if (now < x->not_before)
		found |= MP_CERT_BIT(MP_CERT_NOT_YET_VALID);
	if (now > x->not_after)
		found |= MP_CERT_BIT(MP_CERT_EXPIRED);
	else if (x->not_after - now < MP_CERT_SOON)
		found |= MP_CERT_BIT(MP_CERT_EXPIRES_SOON);
	if ((x->key == MP_X509_KEY_RSA || x->key == MP_X509_KEY_RSA_PSS) &&
	    x->key_bits < MP_CERT_RSA_BITS_MIN)
		found |= MP_CERT_BIT(MP_CERT_WEAK);
	/* A trust anchor's own signature is never checked by anyone. */
	if (weak_signature(x->signature) &&
	    (store == NULL || !mp_trust_holds(store, x, cert->der)))
		found |= MP_CERT_BIT(MP_CERT_WEAK);
	return found;
}

/* The certificate sent, other than the one at at, that issued it. */
static size_t
sent_issuer(const struct mp_cert_sent *chain, size_t n, size_t at)
{
	const struct mp_x509	*cert = chain[at].x509;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (i != at && mp_trust_issued(chain[i].der,
		    chain[i].x509->subject_der, chain[i].x509->subject_key_id,
		    cert, chain[at].der))
			return i;
	return n;
}

unsigned
mp_cert_judge(const char *host, const struct mp_cert_sent *chain, size_t n,
    const struct mp_trust *store, int64_t now)
{
	unsigned	found = 0;
	size_t		at = 0, steps;

	if (n == 0)
		return MP_CERT_BIT(MP_CERT_UNREAD);
	if (!mp_x509_matches(chain[0].x509, host))
		found |= MP_CERT_BIT(MP_CERT_NAME);
	/* Each step goes one certificate up; n of them end any loop. */
	for (steps = 0;; steps++) {
		found |= judge_one(&chain[at], store, now);
		if (store != NULL &&
		    mp_trust_issuer(store, chain[at].x509, chain[at].der) != NULL)
			break;
		if (chain[at].x509->self_issued) {
			if (at == 0)
				found |= MP_CERT_BIT(MP_CERT_SELF_SIGNED);
			else if (store != NULL)
				found |= MP_CERT_BIT(MP_CERT_UNKNOWN_ISSUER);
			else
				found |= MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED);
			break;
		}
		at = sent_issuer(chain, n, at);
		if (at == n || steps == n) {
			found |= MP_CERT_BIT(store != NULL ?
			    MP_CERT_INCOMPLETE_CHAIN : MP_CERT_ISSUER_NOT_JUDGED);
			break;
		}
	}
	return found;
}

int
mp_cert_verify_code(unsigned found)
{
	static const struct {
		enum mp_cert_finding	finding;
		int			code;
	} order[] = {
		{ MP_CERT_UNREAD,		-1 },
		{ MP_CERT_SELF_SIGNED,		18 },
		{ MP_CERT_UNKNOWN_ISSUER,	19 },
		{ MP_CERT_INCOMPLETE_CHAIN,	20 },
		{ MP_CERT_ISSUER_NOT_JUDGED,	-1 },
		{ MP_CERT_NAME,			62 },
		{ MP_CERT_NOT_YET_VALID,	9 },
		{ MP_CERT_EXPIRED,		10 },
	};
	size_t	i;

	for (i = 0; i < LEN(order); i++)
		if (found & MP_CERT_BIT(order[i].finding))
			return order[i].code;
	return 0;
}

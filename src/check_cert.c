/*
 * check_cert.c - the certificate of a setting that otherwise works: which
 * finding a mail client refuses it for, the cause and the fix in the
 * words of the account dialog; and the server names its certificate
 * offers instead of the host typed.  Pure, as check.c is.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "check.h"
#include "escape.h"
#include "len.h"

/*
 * The findings that make a client refuse a certificate, in the order
 * openssl names them (mp_cert_verify_code: it builds the chain, then
 * checks the name, then the dates), each with its verdict.
 */
static const struct {
	enum mp_cert_finding	finding;
	enum mp_verdict		verdict;
} cert_verdicts[] = {
	{ MP_CERT_SELF_SIGNED,		MP_VERDICT_CERT_SELF_SIGNED },
	{ MP_CERT_UNKNOWN_ISSUER,	MP_VERDICT_CERT_UNKNOWN_ISSUER },
	{ MP_CERT_INCOMPLETE_CHAIN,	MP_VERDICT_CERT_INCOMPLETE_CHAIN },
	{ MP_CERT_NAME,			MP_VERDICT_CERT_NAME },
	{ MP_CERT_NOT_YET_VALID,	MP_VERDICT_CERT_NOT_YET_VALID },
	{ MP_CERT_EXPIRED,		MP_VERDICT_CERT_EXPIRED },
};

/* Whether r reached TLS the way a client set to tls does. */
static bool
in_mode(const struct mp_probe_result *r, enum mp_tls tls)
{
	if (r->state != MP_STATE_OPEN)
		return false;
	if (tls == MP_TLS_IMPLICIT)
		return r->tls == MP_FOUND_IMPLICIT &&
		    !(r->warnings & MP_WARN_TLS_REFUSED);
	return tls == MP_TLS_STARTTLS && r->tls == MP_FOUND_STARTTLS;
}

/*
 * The result whose certificate is judged: of those on r's port in the
 * setting's mode, the first a client refuses, as a client may reach any
 * of the host's addresses; else r.
 */
static const struct mp_probe_result *
judged_result(const struct mp_probe_result *results, size_t n,
    const struct mp_probe_result *r, enum mp_tls tls)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (results[i].request.target.port == r->request.target.port &&
		    in_mode(&results[i], tls) &&
		    (results[i].cert.findings & MP_CERT_REFUSED))
			return &results[i];
	return r;
}

/* Whether the leaf itself begins after now. */
static bool
begins_after(const struct mp_cert_seen *cert, int64_t now)
{
	return cert->starts > now;
}

/* The first name of a certificate as text, escaped; "" when none. */
static void
first_name(const struct mp_cert_seen *cert, char *text, size_t size)
{
	const struct mp_x509_san *name = &cert->names[0];

	text[0] = '\0';
	if (cert->nnames == 0)
		return;
	if (name->type == MP_X509_SAN_IP)
		mp_cert_name_text(name, text, size);
	else
		mp_escape(text, size, (const char *)name->bytes, name->len);
}

/* The certificate is made out to other names than the host typed. */
static void
cert_name(struct mp_check *check, const char *where)
{
	const struct mp_cert_seen *cert = &check->result.cert;
	const char *host = check->setting.host;
	char name[MP_X509_DNS_SIZE * 4], more[48] = "";

	first_name(cert, name, sizeof name);
	if (cert->names_total > 1)
		snprintf(more, sizeof more, " and %zu other name%s",
		    cert->names_total - 1, cert->names_total > 2 ? "s" : "");
	snprintf(check->cause, sizeof check->cause, "the certificate sent %s "
	    "is made out to %.255s%s, not to %s, so a mail client refuses it",
	    where, name[0] != '\0' ? name : "no server name", more, host);
	snprintf(check->fix, sizeof check->fix, "the provider's certificate "
	    "does not cover %s: ask the provider for the server name it is "
	    "made out to; an exception in the client is no fix, as it trusts "
	    "whoever answers", host);
}

/* Expired, or not valid yet: the leaf's dates, or one of its chain. */
static void
cert_dates(struct mp_check *check, const char *where, int64_t now)
{
	const struct mp_cert_seen *cert = &check->result.cert;
	const char *host = check->setting.host;
	unsigned port = check->setting.port;

	if (check->verdict == MP_VERDICT_CERT_EXPIRED &&
	    cert->expires < now) {
		snprintf(check->cause, sizeof check->cause, "the certificate "
		    "sent %s expired on %.10s, so a mail client refuses it",
		    where, cert->not_after);
		snprintf(check->fix, sizeof check->fix, "the provider must "
		    "renew it; tell them: \"the certificate of %s on port %u "
		    "expired on %.10s\"; an exception in the client is no fix",
		    host, port, cert->not_after);
		return;
	}
	if (check->verdict == MP_VERDICT_CERT_EXPIRED) {
		snprintf(check->cause, sizeof check->cause, "a certificate of "
		    "the chain sent %s has expired, so a mail client refuses "
		    "it", where);
		snprintf(check->fix, sizeof check->fix, "the provider must "
		    "replace it; tell them: \"a certificate of the chain of %s "
		    "on port %u has expired\"; an exception in the client is no "
		    "fix", host, port);
		return;
	}
	if (begins_after(cert, now)) {
		snprintf(check->cause, sizeof check->cause, "the certificate "
		    "sent %s is valid only from %.10s, so a mail client refuses "
		    "it", where, cert->not_before);
		snprintf(check->fix, sizeof check->fix, "check the date and "
		    "time of this computer; if they are right, tell the "
		    "provider: \"the certificate of %s on port %u is not valid "
		    "before %.10s\"", host, port, cert->not_before);
		return;
	}
	snprintf(check->cause, sizeof check->cause, "a certificate of the "
	    "chain sent %s is not valid yet, so a mail client refuses it",
	    where);
	snprintf(check->fix, sizeof check->fix, "check the date and time of "
	    "this computer; if they are right, tell the provider: \"a "
	    "certificate of the chain of %s on port %u is not valid yet\"",
	    host, port);
}

/* Who issued it: nobody, nobody known here, or an issuer not sent. */
static void
cert_issuer(struct mp_check *check, const char *where)
{
	unsigned port = check->setting.port;

	switch (check->verdict) {
	case MP_VERDICT_CERT_SELF_SIGNED:
		snprintf(check->cause, sizeof check->cause, "the certificate "
		    "sent %s is self-signed: no issuer a mail client trusts "
		    "vouches for it, so the client refuses it", where);
		snprintf(check->fix, sizeof check->fix, "ask the provider for "
		    "a certificate from a public certificate authority; an "
		    "exception in the client trusts whoever answers on port "
		    "%u, an attacker on the way too", port);
		break;
	case MP_VERDICT_CERT_UNKNOWN_ISSUER:
		snprintf(check->cause, sizeof check->cause, "the certificate "
		    "sent %s comes from an issuer this system does not trust, "
		    "so a mail client refuses it", where);
		snprintf(check->fix, sizeof check->fix, "ask the provider for "
		    "a certificate from a public certificate authority, or for "
		    "its own CA certificate by a way you trust; an exception in "
		    "the client trusts whoever answers");
		break;
	default:
		snprintf(check->cause, sizeof check->cause, "%s, the server "
		    "does not send the intermediate certificate that issued "
		    "its own, so a mail client refuses it", where);
		snprintf(check->fix, sizeof check->fix, "the provider must fix "
		    "its server; tell them: \"on port %u the server does not "
		    "send its intermediate certificate\"; an exception in the "
		    "client is no fix", port);
		break;
	}
}

void
mp_check_certificate(struct mp_check *check, const struct mp_probe_result *r,
    const struct mp_probe_result *results, size_t n, int64_t now)
{
	const struct mp_cert_seen *cert;
	char where[48];
	size_t i;

	check->result = *judged_result(results, n, r, check->setting.tls);
	cert = &check->result.cert;
	for (i = 0; i < LEN(cert_verdicts); i++)
		if (cert->findings & MP_CERT_BIT(cert_verdicts[i].finding))
			break;
	if (i == LEN(cert_verdicts)) {
		size_t len = strlen(check->cause);

		if (cert->findings & MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED))
			snprintf(check->cause + len, sizeof check->cause - len,
			    "; no trust store was found, so the issuer of its "
			    "certificate is not judged");
		return;
	}
	check->verdict = cert_verdicts[i].verdict;
	check->secure = false;
	snprintf(where, sizeof where, check->setting.tls == MP_TLS_IMPLICIT ?
	    "on port %u" : "after STARTTLS on port %u", check->setting.port);
	if (check->verdict == MP_VERDICT_CERT_NAME)
		cert_name(check, where);
	else if (check->verdict == MP_VERDICT_CERT_EXPIRED ||
	    check->verdict == MP_VERDICT_CERT_NOT_YET_VALID)
		cert_dates(check, where, now);
	else
		cert_issuer(check, where);
}

size_t
mp_check_candidates(const struct mp_check *check,
    char names[][MP_HOST_NAME_SIZE], size_t max)
{
	const struct mp_cert_seen *cert = &check->result.cert;
	size_t n = 0, i, j;

	if (check->verdict != MP_VERDICT_CERT_NAME)
		return 0;
	for (i = 0; i < cert->nnames && n < max; i++) {
		const struct mp_x509_san *name = &cert->names[i];

		/* A wildcard's '*' makes it no host name: it is skipped. */
		if (name->type != MP_X509_SAN_DNS || !name->usable ||
		    name->len >= MP_HOST_NAME_SIZE ||
		    !mp_host_name_valid((const char *)name->bytes, name->len))
			continue;
		for (j = 0; j < name->len; j++)
			names[n][j] = mp_ascii_lower((char)name->bytes[j]);
		names[n][j] = '\0';
		for (j = 0; j < n && strcmp(names[j], names[n]) != 0; j++)
			;
		if (j == n && strcmp(names[n], check->setting.host) != 0)
			n++;
	}
	return n;
}

/* Whether name works securely on each of its addresses probed. */
static bool
candidate_works(const struct mp_check *check, const char *name,
    const struct mp_probe_result *results, size_t n)
{
	bool found = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(results[i].request.server, name) != 0)
			continue;
		if (!in_mode(&results[i], check->setting.tls) ||
		    !mp_result_secure(&results[i]))
			return false;
		found = true;
	}
	return found;
}

void
mp_check_suggest(struct mp_check *check,
    const struct mp_probe_result *results, size_t n)
{
	char names[MP_CHECK_CANDIDATES_MAX][MP_HOST_NAME_SIZE];
	const struct mp_endpoint *s = &check->setting;
	size_t count, i;

	count = mp_check_candidates(check, names, MP_CHECK_CANDIDATES_MAX);
	for (i = 0; i < count; i++) {
		if (!candidate_works(check, names[i], results, n))
			continue;
		memcpy(check->fix_host, names[i], sizeof check->fix_host);
		check->fix_port = s->port;
		check->fix_tls = s->tls;
		snprintf(check->fix, sizeof check->fix, "%s: %s, port %u, "
		    "Connection security: %s, the name its certificate is made "
		    "out to", mp_check_server_label(s->protocol), names[i],
		    s->port, mp_tls_label(s->tls));
		return;
	}
}

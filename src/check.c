/*
 * check.c - the diagnosis of a mail client's setting from what a probe
 * found: the verdict, its cause in one sentence, and the setting to
 * change to, in the words of the account dialog.  Pure: the probing is
 * src/cmd_check.c's.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "check.h"
#include "escape.h"
#include "len.h"

static const char *const verdict_keys[MP_NVERDICTS] = {
#define MP_VERDICT_KEY(value, key, label) key,
	MP_VERDICTS(MP_VERDICT_KEY)
#undef MP_VERDICT_KEY
};

static const char *const verdict_labels[MP_NVERDICTS] = {
#define MP_VERDICT_LABEL(value, key, label) label,
	MP_VERDICTS(MP_VERDICT_LABEL)
#undef MP_VERDICT_LABEL
};

const char *
mp_verdict_key(enum mp_verdict verdict)
{
	return verdict_keys[verdict];
}

const char *
mp_verdict_label(enum mp_verdict verdict)
{
	return verdict_labels[verdict];
}

const char *
mp_check_server_label(enum mp_protocol protocol)
{
	if (protocol == MP_PROTO_SMTP)
		return "Outgoing server";
	if (protocol == MP_PROTO_MANAGESIEVE)
		return "Sieve server";
	return "Incoming server";
}

static void
add_target(struct mp_probe_target *targets, size_t *n, size_t max,
    const struct mp_endpoint *setting, bool implicit, bool guess_tls)
{
	if (*n >= max)
		return;
	mp_endpoint_target(setting, &targets[*n]);
	targets[*n].implicit = implicit;
	targets[*n].guess_tls = guess_tls;
	(*n)++;
}

size_t
mp_check_targets(const struct mp_endpoint *setting,
    struct mp_probe_target *targets, size_t max)
{
	bool implicit = setting->tls == MP_TLS_IMPLICIT;
	struct mp_query query;
	size_t n, i;

	mp_query_init(&query);
	query.protocols = 1u << setting->protocol;
	n = mp_probe_targets(&query, 0, targets, max);
	for (i = 0; i < n && targets[i].port != setting->port; i++)
		;
	if (i < n) {
		if (targets[i].implicit != implicit)
			add_target(targets, &n, max, setting, implicit, false);
		return n;
	}
	/*
	 * Nothing is known of the port: a client set to SSL/TLS says hello
	 * at once, and a greeting may come instead; a client set to wait
	 * for a greeting waits, but for TLS after half the timeout.
	 */
	if (implicit)
		add_target(targets, &n, max, setting, true, false);
	add_target(targets, &n, max, setting, false, !implicit);
	return n;
}

/*
 * What a port was found to speak, the more telling last: of several
 * results for one port (both ways, several addresses), the most telling
 * one counts.
 */
enum speaks {
	SPEAKS_NOTHING,		/* no result for the port */
	SPEAKS_FILTERED,	/* no answer to the connection */
	SPEAKS_CLOSED,		/* refused */
	SPEAKS_ERROR,		/* another failure, with a reason */
	SPEAKS_SILENT,		/* connected, nothing to tell from */
	SPEAKS_NOT_MAIL,	/* greets, but not as mail, or not TLS */
	SPEAKS_OTHER,		/* another protocol than the setting's */
	SPEAKS_PLAINTEXT_HELLO,	/* greeted where a ClientHello went */
	SPEAKS_PLAINTEXT,	/* plaintext, no STARTTLS offered */
	SPEAKS_STARTTLS,	/* plaintext, STARTTLS offered */
	SPEAKS_TLS_REFUSED,	/* TLS, with an alert for the hello */
	SPEAKS_TLS		/* TLS from the first byte */
};

static enum speaks
speaks(const struct mp_probe_result *r, enum mp_protocol protocol)
{
	if (r->state == MP_STATE_TIMEOUT)
		return SPEAKS_FILTERED;
	if (r->state == MP_STATE_CLOSED)
		return SPEAKS_CLOSED;
	if (r->state == MP_STATE_ERROR)
		return SPEAKS_ERROR;
	if (r->tls == MP_FOUND_IMPLICIT)
		return r->warnings & MP_WARN_TLS_REFUSED ? SPEAKS_TLS_REFUSED :
		    SPEAKS_TLS;
	if (r->warnings & (MP_WARN_NOT_MAIL | MP_WARN_NOT_TLS))
		return SPEAKS_NOT_MAIL;
	if (r->protocol != MP_PROTO_UNKNOWN && r->protocol != protocol)
		return SPEAKS_OTHER;
	if (r->tls == MP_FOUND_STARTTLS)
		return SPEAKS_STARTTLS;
	if (r->tls == MP_FOUND_NONE)
		return r->request.target.implicit ? SPEAKS_PLAINTEXT_HELLO :
		    SPEAKS_PLAINTEXT;
	return SPEAKS_SILENT;
}

/* The most telling result for port, or NULL when there is none. */
static const struct mp_probe_result *
best_on(const struct mp_probe_result *results, size_t n, unsigned port,
    enum mp_protocol protocol, enum speaks *found)
{
	const struct mp_probe_result *best = NULL;
	size_t i;

	*found = SPEAKS_NOTHING;
	for (i = 0; i < n; i++) {
		enum speaks s;

		if (results[i].request.target.port != port)
			continue;
		s = speaks(&results[i], protocol);
		/* Any result beats none: speaks() never says SPEAKS_NOTHING. */
		if (s > *found) {
			best = &results[i];
			*found = s;
		}
	}
	return best;
}

/* The warning that says best why a server told nothing, or NULL. */
static const char *
silence_text(const struct mp_probe_result *r)
{
	static const unsigned telling[] = {
		MP_WARN_REFUSED, MP_WARN_SLOW_GREETING, MP_WARN_NO_ANSWER,
		MP_WARN_CLOSED_EARLY, MP_WARN_UNFINISHED, MP_WARN_MALFORMED,
		MP_WARN_FLOOD, MP_WARN_SILENT
	};
	size_t i;

	for (i = 0; i < LEN(telling); i++)
		if (r->warnings & telling[i])
			return mp_warning_text(telling[i]);
	return "accepts connections but says nothing";
}

static void
set_fix(struct mp_check *check, unsigned port, enum mp_tls tls)
{
	check->fix_port = port;
	check->fix_tls = tls;
	snprintf(check->fix, sizeof check->fix, "%s: port %u, Connection "
	    "security: %s", mp_check_server_label(check->setting.protocol),
	    port, mp_tls_label(tls));
}

/*
 * The best port that would work securely but for its certificate, when
 * none works securely: the port and the security come first, and a check
 * of that setting then says what is wrong with the certificate.  Copies
 * of the results, one a port, the certificate's refusal taken away, go
 * to the verdict's order of preference.
 */
static const struct mp_probe_result *
best_but_certificate(const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol)
{
	static struct mp_probe_result refused[MP_CHECK_TARGETS_MAX];
	size_t m = 0, i, j;

	for (i = 0; i < n && m < LEN(refused); i++) {
		if (!(results[i].cert.findings & MP_CERT_REFUSED))
			continue;
		for (j = 0; j < m && refused[j].request.target.port !=
		    results[i].request.target.port; j++)
			;
		if (j < m)
			continue;
		refused[m] = results[i];
		refused[m++].cert.findings &= ~MP_CERT_REFUSED;
	}
	return mp_probe_verdict(refused, m, protocol);
}

/*
 * The fix when the port of the setting is of no use: the best port that
 * works securely, by the table's order of preference, or else that works
 * but for its certificate; else what is left to try, by how the server
 * answered on the other ports.
 */
static void
fix_elsewhere(struct mp_check *check, const struct mp_probe_result *results,
    size_t n)
{
	const struct mp_probe_result *best = mp_probe_verdict(results, n,
	    check->setting.protocol);
	bool open = false, closed = false;
	size_t i;

	if (best == NULL)
		best = best_but_certificate(results, n,
		    check->setting.protocol);
	if (best != NULL) {
		set_fix(check, best->request.target.port,
		    best->tls == MP_FOUND_IMPLICIT ? MP_TLS_IMPLICIT :
		    MP_TLS_STARTTLS);
		return;
	}
	for (i = 0; i < n; i++) {
		open = open || results[i].state == MP_STATE_OPEN ||
		    results[i].state == MP_STATE_ERROR;
		closed = closed || results[i].state == MP_STATE_CLOSED;
	}
	if (open)
		snprintf(check->fix, sizeof check->fix, "no port of this "
		    "server works securely: ask the provider for its settings");
	else if (closed)
		snprintf(check->fix, sizeof check->fix, "no mail port of this "
		    "server takes connections: check the server name");
	else
		/* 2525 is the alternative some providers give for sending. */
		snprintf(check->fix, sizeof check->fix, "nothing on this "
		    "network reaches the server: try another network, or %s",
		    check->setting.protocol == MP_PROTO_SMTP ? "the provider's "
		    "alternative port, such as 2525 where the provider "
		    "documents it" : "an alternative port the provider "
		    "documents");
}

/*
 * A client that reaches a relay port such as 25 is still on the wrong
 * port: many networks block it, and providers take a client's mail on
 * the submission ports.
 */
static void
diagnose_relay(struct mp_check *check, const struct mp_probe_result *results,
    size_t n)
{
	check->verdict = MP_VERDICT_RELAY_PORT;
	snprintf(check->cause, sizeof check->cause, "port %u is for servers "
	    "relaying mail to each other: many networks block it, and "
	    "providers take mail from clients on 587 or 465",
	    check->setting.port);
	fix_elsewhere(check, results, n);
}

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

/*
 * Whether the leaf begins after now: its date as x509.h writes it, and
 * now written alike, compare as text.  The remainders tell the compiler
 * the widths it cannot know.
 */
static bool
begins_after(const struct mp_cert_seen *cert, int64_t now)
{
	time_t t = (time_t)now;
	char iso[MP_X509_ISO_SIZE];
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return false;
	snprintf(iso, sizeof iso, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) %
	    100, (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100,
	    (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100);
	return strcmp(cert->not_before, iso) > 0;
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

/*
 * A setting that works as far as the port and the security go: the
 * certificate of r (or of another address, judged_result) decides.
 * With no trust store, the cause says the issuer was not judged.
 */
static void
judge_certificate(struct mp_check *check, const struct mp_probe_result *r,
    const struct mp_probe_result *results, size_t n, int64_t now)
{
	const struct mp_cert_seen *cert;
	char where[48];
	size_t i, len;

	check->result = *judged_result(results, n, r, check->setting.tls);
	cert = &check->result.cert;
	for (i = 0; i < LEN(cert_verdicts); i++)
		if (cert->findings & MP_CERT_BIT(cert_verdicts[i].finding))
			break;
	if (i == LEN(cert_verdicts)) {
		len = strlen(check->cause);
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

/* Where the port speaks TLS from the first byte. */
static void
diagnose_tls(struct mp_check *check, const char *mode,
    const struct mp_probe_result *r, const struct mp_probe_result *results,
    size_t n, int64_t now)
{
	const struct mp_endpoint *s = &check->setting;
	bool relay = mp_relay_port(s->port);

	if (s->tls == MP_TLS_IMPLICIT && relay) {
		diagnose_relay(check, results, n);
		return;
	}
	if (s->tls == MP_TLS_IMPLICIT) {
		check->verdict = MP_VERDICT_WORKS;
		check->secure = true;
		snprintf(check->cause, sizeof check->cause, "the server speaks "
		    "TLS from the first byte on port %u, as a client set to "
		    "SSL/TLS expects", s->port);
		snprintf(check->fix, sizeof check->fix, "nothing to change");
		judge_certificate(check, r, results, n, now);
		return;
	}
	check->verdict = MP_VERDICT_WRONG_MODE;
	snprintf(check->cause, sizeof check->cause, "the server speaks TLS "
	    "from the first byte on port %u, so a client set to %s waits for "
	    "a greeting that never comes", s->port, mode);
	if (relay)
		fix_elsewhere(check, results, n);
	else
		set_fix(check, s->port, MP_TLS_IMPLICIT);
}

/* A client set to SSL/TLS where the server greets in plaintext. */
static void
plaintext_for_tls(struct mp_check *check)
{
	check->verdict = MP_VERDICT_WRONG_MODE;
	snprintf(check->cause, sizeof check->cause, "the server sends a "
	    "plaintext greeting on port %u, so a client set to SSL/TLS fails "
	    "its handshake", check->setting.port);
}

/*
 * STARTTLS offered, and then refused, or a handshake that failed after
 * it: a client set to STARTTLS does not get in.
 */
static bool
starttls_failed(struct mp_check *check, const struct mp_probe_result *r)
{
	static const unsigned failures[] = {
		MP_WARN_STARTTLS_REFUSED, MP_WARN_TLS_REFUSED,
		MP_WARN_TLS_FAILED
	};
	size_t i;

	for (i = 0; i < LEN(failures); i++)
		if (r->warnings & failures[i])
			break;
	if (i == LEN(failures))
		return false;
	check->verdict = MP_VERDICT_TLS_REFUSED;
	snprintf(check->cause, sizeof check->cause, "the server on port %u %s",
	    check->setting.port, mp_warning_text(failures[i]));
	return true;
}

/* Where the port greets in plaintext and offers STARTTLS. */
static void
diagnose_starttls(struct mp_check *check, const struct mp_probe_result *r,
    const struct mp_probe_result *results, size_t n, int64_t now)
{
	const struct mp_endpoint *s = &check->setting;
	bool relay = mp_relay_port(s->port);
	bool cleartext = r->capabilities.cleartext_login;

	if (s->tls == MP_TLS_IMPLICIT) {
		plaintext_for_tls(check);
	} else if (s->tls == MP_TLS_NONE) {
		check->verdict = MP_VERDICT_INSECURE;
		if (cleartext)
			snprintf(check->cause, sizeof check->cause, "the server "
			    "takes a password before TLS on port %u, so a client "
			    "set to None sends it in cleartext", s->port);
		else
			snprintf(check->cause, sizeof check->cause, "the server "
			    "offers STARTTLS on port %u, which a client set to "
			    "None never uses: the mail crosses the network "
			    "unencrypted", s->port);
	} else if (relay) {
		diagnose_relay(check, results, n);
		return;
	} else if (starttls_failed(check, r)) {
		fix_elsewhere(check, results, n);
		return;
	} else {
		check->verdict = MP_VERDICT_WORKS_STARTTLS;
		check->secure = true;
		snprintf(check->cause, sizeof check->cause, "the server offers "
		    "STARTTLS on port %u%s", s->port, cleartext ?
		    ", but takes a password before TLS too: the client must "
		    "insist on STARTTLS, not use it only if available" :
		    ", and a client set to STARTTLS upgrades before it logs in");
		snprintf(check->fix, sizeof check->fix, "nothing to change");
		judge_certificate(check, r, results, n, now);
		return;
	}
	if (relay)
		fix_elsewhere(check, results, n);
	else
		set_fix(check, s->port, MP_TLS_STARTTLS);
}

/* Where the port greets in plaintext and offers no STARTTLS. */
static void
diagnose_plaintext(struct mp_check *check, const struct mp_probe_result *r,
    const char *mode)
{
	const struct mp_endpoint *s = &check->setting;

	if (s->tls == MP_TLS_IMPLICIT) {
		plaintext_for_tls(check);
	} else if (s->tls == MP_TLS_STARTTLS) {
		check->verdict = MP_VERDICT_NO_STARTTLS;
		snprintf(check->cause, sizeof check->cause, "the server does "
		    "not offer STARTTLS on port %u, so a client set to STARTTLS "
		    "gives up before it logs in", s->port);
	} else {
		check->verdict = MP_VERDICT_INSECURE;
		snprintf(check->cause, sizeof check->cause, "the server %s on "
		    "port %u and offers no TLS there: a client set to %s sends "
		    "the password and the mail in cleartext",
		    r->capabilities.cleartext_login ?
		    "takes a password before TLS" : "greets in plaintext",
		    s->port, mode);
	}
}

void
mp_check_diagnose(const struct mp_endpoint *setting,
    const struct mp_probe_result *results, size_t n, int64_t now,
    struct mp_check *check)
{
	const char *mode = mp_tls_label(setting->tls);
	const struct mp_probe_result *r;
	enum speaks found;
	char alert[32];

	memset(check, 0, sizeof *check);
	check->setting = *setting;
	r = best_on(results, n, setting->port, setting->protocol, &found);
	switch (found) {
	case SPEAKS_TLS:
		diagnose_tls(check, mode, r, results, n, now);
		return;
	case SPEAKS_STARTTLS:
		diagnose_starttls(check, r, results, n, now);
		return;
	case SPEAKS_PLAINTEXT:
	case SPEAKS_PLAINTEXT_HELLO:
		if (found == SPEAKS_PLAINTEXT_HELLO &&
		    setting->tls != MP_TLS_IMPLICIT) {
			check->verdict = MP_VERDICT_NO_ANSWER;
			snprintf(check->cause, sizeof check->cause, "the server "
			    "greets in plaintext on port %u, but did not answer "
			    "in time: try a longer --timeout", setting->port);
			break;
		}
		diagnose_plaintext(check, r, mode);
		break;
	case SPEAKS_TLS_REFUSED:
		check->verdict = MP_VERDICT_TLS_REFUSED;
		/* Only protocol_version says which versions were refused. */
		snprintf(check->cause, sizeof check->cause, "the server speaks "
		    "TLS from the first byte on port %u but refused the "
		    "handshake (%s)%s", setting->port,
		    mp_tls_alert_text(alert, r->tls_alert),
		    r->tls_alert == MP_TLS_ALERT_PROTOCOL_VERSION ?
		    ": it does not take TLS 1.2 or 1.3, which current clients "
		    "speak" : "");
		break;
	case SPEAKS_FILTERED:
		check->verdict = MP_VERDICT_TIMEOUT;
		if (mp_relay_port(setting->port))
			snprintf(check->cause, sizeof check->cause, "port %u "
			    "does not answer from this network: it is filtered, "
			    "as many ISPs do to keep their customers off it",
			    setting->port);
		else
			snprintf(check->cause, sizeof check->cause, "port %u "
			    "does not answer from this network: it is filtered, "
			    "by a firewall on the way or at the server",
			    setting->port);
		break;
	case SPEAKS_CLOSED:
		check->verdict = MP_VERDICT_REFUSED;
		snprintf(check->cause, sizeof check->cause, "the server refuses "
		    "connections on port %u: nothing listens there",
		    setting->port);
		break;
	case SPEAKS_NOT_MAIL:
		check->verdict = MP_VERDICT_NOT_MAIL;
		snprintf(check->cause, sizeof check->cause, "port %u answers, "
		    "but it is no %s server", setting->port,
		    mp_protocol_label(setting->protocol));
		break;
	case SPEAKS_OTHER:
		check->verdict = MP_VERDICT_NOT_MAIL;
		snprintf(check->cause, sizeof check->cause, "port %u answers "
		    "as %s, not %s: it is the port of another protocol",
		    setting->port, mp_protocol_label(r->protocol),
		    mp_protocol_label(setting->protocol));
		break;
	case SPEAKS_SILENT:
		check->verdict = MP_VERDICT_NO_ANSWER;
		snprintf(check->cause, sizeof check->cause, "the server on port "
		    "%u %s", setting->port, silence_text(r));
		break;
	case SPEAKS_ERROR:
		check->verdict = MP_VERDICT_NO_ANSWER;
		snprintf(check->cause, sizeof check->cause, "connecting to port "
		    "%u failed: %s", setting->port, r->reason);
		break;
	case SPEAKS_NOTHING:
		check->verdict = MP_VERDICT_NO_ANSWER;
		snprintf(check->cause, sizeof check->cause, "port %u was not "
		    "probed", setting->port);
		break;
	}
	fix_elsewhere(check, results, n);
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

/*
 * check.c - the diagnosis of a mail client's setting from what a probe
 * found: the verdict, its cause in one sentence, and the setting to
 * change to, in the words of the account dialog.  Pure: the probing is
 * src/cmd_check.c's, the judging of the certificate src/check_cert.c's.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "check.h"
#include "len.h"
#include "providers.h"

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

/*
 * The warning that says best why a server told nothing, in buf; with
 * none, that it said nothing within the timeout.
 */
static const char *
silence_text(const struct mp_probe_result *r, char *buf, size_t size)
{
	static const unsigned telling[] = {
		MP_WARN_REFUSED, MP_WARN_SLOW_GREETING, MP_WARN_NO_ANSWER,
		MP_WARN_CLOSED_EARLY, MP_WARN_UNFINISHED, MP_WARN_MALFORMED,
		MP_WARN_FLOOD
	};
	size_t i;

	for (i = 0; i < LEN(telling); i++)
		if (r->warnings & telling[i])
			return mp_warning_text(telling[i]);
	return mp_silent_text(buf, size, r);
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
		mp_check_certificate(check, r, results, n, now);
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
		mp_check_certificate(check, r, results, n, now);
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
	/* A TLS alert's name, or the sentence of a silence. */
	char alert[160];

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
		    "%u %s", setting->port, silence_text(r, alert,
		    sizeof alert));
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

/*
 * The known provider of an address domain that host is, or is under, as
 * an index into mp_providers, and that domain in *domain; -1 if none.
 * A name of one label is no domain of a provider.
 */
static int
provider_of_host(const char *host, const char **domain)
{
	size_t len = strlen(host), i;
	int provider;

	for (i = 0; i < len; i++) {
		if ((i > 0 && host[i - 1] != '.') ||
		    strchr(host + i, '.') == NULL)
			continue;
		if ((provider = mp_domain_find(host + i, len - i)) >= 0) {
			*domain = host + i;
			return provider;
		}
	}
	return -1;
}

/* Whether two host names are one, ASCII case ignored. */
static bool
same_host(const char *a, const char *b)
{
	size_t len = strlen(a);

	return len == strlen(b) && mp_ascii_begins(a, len, b);
}

/*
 * The provider's server names for protocol, other than host, each once,
 * joined by " or " into text; the first in first.  Returns how many.
 */
static size_t
provider_hosts(int provider, const char *domain, enum mp_protocol protocol,
    const char *host, char *text, size_t size, char *first)
{
	const struct mp_provider *p = &mp_providers[provider];
	char names[MP_CHECK_CANDIDATES_MAX][MP_HOST_NAME_SIZE];
	size_t n = 0, used = 0, i, j;

	text[0] = '\0';
	for (i = p->first_server; i < (size_t)p->first_server + p->nservers &&
	    n < LEN(names); i++) {
		const struct mp_server *server = &mp_servers[i];
		const char *name;

		if (server->protocol != protocol)
			continue;
		name = mp_server_host(server, domain, names[n],
		    sizeof names[n]);
		for (j = 0; j < n && !same_host(names[j], name); j++)
			;
		if (j < n || same_host(name, host))
			continue;
		if (name != names[n])
			snprintf(names[n], sizeof names[n], "%s", name);
		used += (size_t)snprintf(text + used, size - used, "%s%s",
		    n > 0 ? " or " : "", names[n]);
		if (used >= size)
			used = size - 1;
		n++;
	}
	if (n > 0)
		snprintf(first, MP_HOST_NAME_SIZE, "%s", names[0]);
	return n;
}

void
mp_check_no_such_host(const struct mp_endpoint *setting, const char *reason,
    struct mp_check *check)
{
	const char *domain = NULL, *parent, *label;
	char names[MP_CHECK_TEXT_SIZE / 2];
	int provider;

	memset(check, 0, sizeof *check);
	check->setting = *setting;
	check->verdict = MP_VERDICT_NO_SUCH_HOST;
	snprintf(check->cause, sizeof check->cause, "no address is known for "
	    "%s (%s): the name is misspelt, or does not exist", setting->host,
	    reason);
	provider = provider_of_host(setting->host, &domain);
	/*
	 * A name under a domain no provider is known for: discovery asks the
	 * domain itself, in case the name was a guess.
	 */
	parent = strchr(setting->host, '.');
	if (provider < 0 && parent != NULL && strchr(parent + 1, '.') != NULL) {
		snprintf(check->fix, sizeof check->fix, "check the spelling of "
		    "the server name, as the provider gives it, or find the "
		    "domain's servers with mailports --discover %s",
		    parent + 1);
		return;
	}
	if (provider < 0 || provider_hosts(provider, domain,
	    setting->protocol, setting->host, names, sizeof names,
	    check->fix_host) == 0) {
		snprintf(check->fix, sizeof check->fix, "check the spelling of "
		    "the server name, as the provider gives it");
		return;
	}
	label = mp_check_server_label(setting->protocol);
	snprintf(check->fix, sizeof check->fix, "check the spelling of the "
	    "server name: %s gives %s %s", mp_providers[provider].name, label,
	    names);
}

/*
 * discover.c - the account wizard: the provider table, SRV records, MX
 * hints and guesses, in that order, each step noted with what it found,
 * and a probe of the settings when asked.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cert_names.h"
#include "discover.h"
#include "endpoint.h"
#include "len.h"
#include "net.h"
#include "providers.h"

/* The SRV labels of RFC 6186 and RFC 8314, implicit TLS first. */
static const char *const srv_labels[6] = {
	"_submissions._tcp", "_submission._tcp", "_imaps._tcp", "_imap._tcp",
	"_pop3s._tcp", "_pop3._tcp"
};

/* What each label offers, in the same order. */
static const enum mp_protocol srv_protocols[6] = {
	MP_PROTO_SMTP, MP_PROTO_SMTP, MP_PROTO_IMAP, MP_PROTO_IMAP,
	MP_PROTO_POP3, MP_PROTO_POP3
};
static const enum mp_tls srv_tls[6] = {
	MP_TLS_IMPLICIT, MP_TLS_STARTTLS, MP_TLS_IMPLICIT, MP_TLS_STARTTLS,
	MP_TLS_IMPLICIT, MP_TLS_STARTTLS
};

static const char *const source_keys[MP_NSOURCES] = {
	[MP_SOURCE_PROVIDER] = "provider",
	[MP_SOURCE_SRV] = "srv",
	[MP_SOURCE_MX] = "mx",
	[MP_SOURCE_GUESS] = "guess",
};

const char *
mp_source_key(enum mp_source source)
{
	return source_keys[source];
}

static void
note(struct mp_discovery *d, enum mp_source source, const char *query,
    const char *found)
{
	struct mp_step *step;

	if (d->nsteps == MP_STEPS_MAX)
		return;
	step = &d->steps[d->nsteps++];
	step->source = source;
	snprintf(step->query, sizeof step->query, "%s", query);
	snprintf(step->found, sizeof step->found, "%s", found);
}

static void
add(struct mp_discovery *d, const struct mp_query *query,
    const struct mp_setting *setting)
{
	const struct mp_endpoint *e = &setting->endpoint;
	size_t i;

	if (d->nsettings == MP_SETTINGS_MAX ||
	    !mp_query_allows(query, e->protocol, e->tls, e->port))
		return;
	for (i = 0; i < d->nsettings; i++)
		if (d->settings[i].endpoint.port == e->port &&
		    d->settings[i].endpoint.protocol == e->protocol &&
		    strcmp(d->settings[i].endpoint.host, e->host) == 0)
			return;
	d->settings[d->nsettings++] = *setting;
}

static void
add_provider(struct mp_discovery *d, const struct mp_query *query,
    size_t provider, enum mp_source source, const char *via)
{
	struct mp_setting setting = { 0 };
	size_t i;

	setting.source = source;
	snprintf(setting.via, sizeof setting.via, "%s", via);
	for (i = mp_providers[provider].first_server;
	    i < (size_t)mp_providers[provider].first_server +
	    mp_providers[provider].nservers; i++) {
		mp_endpoint_of_server(&setting.endpoint, &mp_servers[i],
		    d->domain);
		add(d, query, &setting);
	}
}

/* What a step says of a name it could not ask. */
#define TOO_LONG "name too long to ask"

/*
 * Writes label, dot and domain as one name in name of size bytes, cut
 * short if need be; returns whether it is short enough to ask (253
 * bytes): a long domain leaves no room for a label.
 */
static bool
compose(char *name, size_t size, const char *label, const char *dot,
    const char *domain)
{
	int len = snprintf(name, size, "%s%s%s", label, dot, domain);

	return len >= 0 && len <= 253;
}

static const char *
status_text(const struct mp_dns_question *q)
{
	switch (q->answer.status) {
	case MP_DNS_ANSWERED:
		return "none";
	case MP_DNS_NO_NAME:
		return "none (no such name)";
	case MP_DNS_TRUNCATED:
		return "truncated";
	case MP_DNS_REFUSED:
		/* RFC 1035 4.1.1: 2 is a server failure, 5 a refusal. */
		return q->answer.rcode == 2 ? "the name server failed (SERVFAIL)" :
		    q->answer.rcode == 5 ? "the name server refused (REFUSED)" :
		    "the name server answered with an error";
	case MP_DNS_MALFORMED:
		return "a malformed answer";
	case MP_DNS_NO_ANSWER:
	case MP_DNS_STRAY:
		break;
	}
	return "no answer";
}

/* "mail.example.com port 993, priority 0, weight 1 (over TCP)". */
static void
describe_srv(char *dst, size_t size, const struct mp_dns_question *q)
{
	const struct mp_dns_record *r = &q->answer.records[0];
	char more[32] = "";

	if (q->answer.total > 1)
		snprintf(more, sizeof more, " and %zu more",
		    q->answer.total - 1);
	snprintf(dst, size, "%s port %u, priority %u, weight %u%s%s", r->name,
	    r->port, r->priority, r->weight, more,
	    q->tcp ? " (over TCP)" : "");
}

static void
srv_step(struct mp_discovery *d, const struct mp_query *query,
    const struct mp_dns_question *q, size_t label)
{
	char found[sizeof d->steps[0].found];
	struct mp_setting setting = { 0 };
	size_t i;

	if (q->answer.status != MP_DNS_ANSWERED || q->answer.n == 0) {
		note(d, MP_SOURCE_SRV, q->name, status_text(q));
		return;
	}
	/* RFC 2782: a lone record whose target is "." means "not here". */
	if (q->answer.total == 1 && q->answer.records[0].name[0] == '\0') {
		note(d, MP_SOURCE_SRV, q->name, "\".\": not offered");
		return;
	}
	describe_srv(found, sizeof found, q);
	note(d, MP_SOURCE_SRV, q->name, found);
	setting.source = MP_SOURCE_SRV;
	setting.endpoint.protocol = srv_protocols[label];
	setting.endpoint.tls = srv_tls[label];
	setting.endpoint.username = MP_USER_ADDRESS;
	setting.endpoint.signin = MP_SIGNIN_PASSWORD;
	snprintf(setting.via, sizeof setting.via, "%s", q->name);
	for (i = 0; i < q->answer.n; i++) {
		const struct mp_dns_record *r = &q->answer.records[i];

		if (r->name[0] == '\0' || r->port == 0)
			continue;
		snprintf(setting.endpoint.host, sizeof setting.endpoint.host,
		    "%s", r->name);
		setting.endpoint.port = r->port;
		add(d, query, &setting);
	}
}

/* The provider whose MX rows name host's suffix, or -1. */
static int
mx_provider(const char *host)
{
	size_t len = strlen(host), i;

	for (i = 0; i < mp_nmxs; i++) {
		const char *suffix = mp_mxs[i].suffix;
		size_t n = strlen(suffix);

		if (len == n ? strcmp(host, suffix) == 0 :
		    len > n && host[len - n - 1] == '.' &&
		    strcmp(host + len - n, suffix) == 0)
			return mp_mxs[i].provider;
	}
	return -1;
}

static void
mx_step(struct mp_discovery *d, const struct mp_query *query,
    const struct mp_dns_question *q, bool srv_found)
{
	char found[sizeof d->steps[0].found];
	size_t i;

	if (q->answer.status != MP_DNS_ANSWERED || q->answer.n == 0) {
		note(d, MP_SOURCE_MX, q->name, status_text(q));
		return;
	}
	for (i = 0; i < q->answer.n; i++) {
		int provider = mx_provider(q->answer.records[i].name);

		if (provider < 0)
			continue;
		snprintf(found, sizeof found, "%s: %s%s",
		    q->answer.records[i].name, mp_providers[provider].name,
		    srv_found ? " (SRV records come first)" : "");
		note(d, MP_SOURCE_MX, q->name, found);
		if (!srv_found)
			add_provider(d, query, (size_t)provider, MP_SOURCE_MX,
			    q->answer.records[i].name);
		return;
	}
	snprintf(found, sizeof found, "%s (no provider known to run it)",
	    q->answer.records[0].name);
	note(d, MP_SOURCE_MX, q->name, found);
}

static const char *const guess_labels[4] = { "imap.", "pop.", "smtp.",
	"mail." };

/* What a usual host name is guessed to serve, on the secure ports. */
static void
guess_settings(struct mp_discovery *d, const struct mp_query *query,
    const char *host, size_t label)
{
	static const struct {
		unsigned labels;	/* bits of guess_labels */
		enum mp_protocol protocol;
		unsigned port;
		enum mp_tls tls;
	} guesses[] = {
		{ 1 | 8, MP_PROTO_IMAP, 993, MP_TLS_IMPLICIT },
		{ 2 | 8, MP_PROTO_POP3, 995, MP_TLS_IMPLICIT },
		{ 4 | 8, MP_PROTO_SMTP, 465, MP_TLS_IMPLICIT },
		{ 4 | 8, MP_PROTO_SMTP, 587, MP_TLS_STARTTLS },
	};
	struct mp_setting setting = { 0 };
	size_t i;

	setting.source = MP_SOURCE_GUESS;
	setting.endpoint.username = MP_USER_ADDRESS;
	setting.endpoint.signin = MP_SIGNIN_PASSWORD;
	snprintf(setting.endpoint.host, sizeof setting.endpoint.host, "%s",
	    host);
	snprintf(setting.via, sizeof setting.via, "%s", host);
	for (i = 0; i < LEN(guesses); i++) {
		if (!(guesses[i].labels & 1u << label))
			continue;
		setting.endpoint.protocol = guesses[i].protocol;
		setting.endpoint.port = guesses[i].port;
		setting.endpoint.tls = guesses[i].tls;
		add(d, query, &setting);
	}
}

/* Whether the answer to an A or AAAA question gave an address. */
static bool
has_address(const struct mp_dns_question *q)
{
	return q->answer.status == MP_DNS_ANSWERED && q->answer.n > 0;
}

/*
 * Why a usual name gave no address: it does not resolve only when both
 * questions were answered so; else what went wrong, the A question's
 * trouble first.
 */
static const char *
guess_text(const struct mp_dns_question *a, const struct mp_dns_question *aaaa)
{
	const struct mp_dns_question *q = a;

	if ((a->answer.status == MP_DNS_ANSWERED ||
	    a->answer.status == MP_DNS_NO_NAME) &&
	    (aaaa->answer.status == MP_DNS_ANSWERED ||
	    aaaa->answer.status == MP_DNS_NO_NAME))
		return "does not resolve";
	if (a->answer.status == MP_DNS_ANSWERED ||
	    a->answer.status == MP_DNS_NO_NAME)
		q = aaaa;
	return status_text(q);
}

static void
guess_step(struct mp_discovery *d, const struct mp_query *query,
    const struct mp_address *servers, size_t nservers, unsigned timeout)
{
	static struct mp_dns_question q[8];
	char name[MP_DNS_NAME_SIZE + 16];
	size_t which[4], i, nq = 0;

	for (i = 0; i < 4; i++) {
		which[i] = 4;
		if (!compose(q[nq].name, sizeof q[nq].name, guess_labels[i], "",
		    d->domain))
			continue;
		q[nq].type = MP_DNS_A;
		memcpy(q[nq + 1].name, q[nq].name, sizeof q[nq + 1].name);
		q[nq + 1].type = MP_DNS_AAAA;
		which[i] = nq / 2;
		nq += 2;
	}
	mp_dns_ask(q, nq, servers, nservers, timeout);
	for (i = 0; i < 4; i++) {
		const struct mp_dns_question *a, *aaaa;
		bool resolves;

		if (which[i] == 4) {
			(void)compose(name, sizeof name, guess_labels[i], "",
			    d->domain);
			note(d, MP_SOURCE_GUESS, name, TOO_LONG);
			continue;
		}
		a = &q[2 * which[i]];
		aaaa = &q[2 * which[i] + 1];
		resolves = has_address(a) || has_address(aaaa);
		note(d, MP_SOURCE_GUESS, a->name, resolves ? "resolves" :
		    guess_text(a, aaaa));
		if (resolves)
			guess_settings(d, query, a->name, i);
	}
}

/* SMTP, IMAP, POP3 in the order answers are given; best source first. */
static int
rank(const struct mp_setting *s)
{
	int protocol = s->endpoint.protocol == MP_PROTO_IMAP ? 0 :
	    s->endpoint.protocol == MP_PROTO_POP3 ? 1 : 2;

	return protocol * 16 + (int)s->source;
}

static void
sort_settings(struct mp_discovery *d)
{
	size_t i, j;

	/* Stable: within a rank, settings keep the order they were found in. */
	for (i = 1; i < d->nsettings; i++) {
		struct mp_setting setting = d->settings[i];

		for (j = i; j > 0 && rank(&d->settings[j - 1]) > rank(&setting);
		    j--)
			d->settings[j] = d->settings[j - 1];
		d->settings[j] = setting;
	}
}

/* An A and an AAAA question a host; an address of each probed. */
#define QUESTIONS_MAX ((size_t)2 * MP_SETTINGS_MAX)
#define RESULTS_MAX ((size_t)4 * MP_SETTINGS_MAX)
_Static_assert(QUESTIONS_MAX <= MP_DNS_QUESTIONS_MAX,
    "every host of the settings is asked for at once");

/*
 * Resolves each distinct host of the n settings through the same name
 * servers and probes every setting on every address found, matching its
 * certificate against its matched name; a setting is verified when one
 * of its addresses speaks its protocol securely.
 */
static void
probe_settings(struct mp_setting *settings, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout,
    const struct mp_trust *store)
{
	static struct mp_dns_question q[QUESTIONS_MAX];
	static struct mp_probe_result results[RESULTS_MAX];
	size_t owner[RESULTS_MAX], nq = 0, nr = 0, i, j;

	for (i = 0; i < n && nq + 2 <= QUESTIONS_MAX; i++) {
		const char *host = settings[i].endpoint.host;

		for (j = 0; j < nq && strcmp(q[j].name, host) != 0; j++)
			;
		if (j < nq)
			continue;
		snprintf(q[nq].name, sizeof q[nq].name, "%s", host);
		q[nq++].type = MP_DNS_A;
		snprintf(q[nq].name, sizeof q[nq].name, "%s", host);
		q[nq++].type = MP_DNS_AAAA;
	}
	mp_dns_ask(q, nq, servers, nservers, timeout);
	for (i = 0; i < n; i++) {
		struct mp_setting *s = &settings[i];
		const struct mp_endpoint *e = &s->endpoint;
		struct mp_probe_target target;
		struct mp_address addresses[2];
		size_t na = 0, filled;

		s->probed = true;
		mp_endpoint_target(e, &target);
		/* A host that is an address, as Proton's bridge, is probed as is. */
		if (mp_parse_address(e->host, e->port, &addresses[0])) {
			na = 1;
		} else {
			/* The first address of each family the name has. */
			for (j = 0; j < nq && na < 2; j++)
				if (strcmp(q[j].name, e->host) == 0 &&
				    has_address(&q[j]) &&
				    mp_address_set(&addresses[na],
				    q[j].type == MP_DNS_A ? AF_INET : AF_INET6,
				    q[j].answer.records[0].address, e->port))
					na++;
		}
		filled = mp_probe_fill(results + nr, RESULTS_MAX - nr, addresses,
		    na, &target, 1, e->host);
		for (j = 0; j < filled; j++) {
			if (strcmp(s->matched, e->host) != 0)
				snprintf(results[nr].request.match,
				    sizeof results[nr].request.match, "%s",
				    s->matched);
			owner[nr++] = i;
		}
	}
	mp_probe_run(results, nr, timeout, store);
	for (i = 0; i < nr; i++) {
		struct mp_setting *s = &settings[owner[i]];
		bool good = mp_result_secure(&results[i]) &&
		    results[i].protocol == s->endpoint.protocol;

		/* Keep the first result, or the first that is good. */
		if (!s->verified &&
		    (good || s->probe.request.address[0] == '\0'))
			s->probe = results[i];
		s->verified = s->verified || good;
	}
}

/* The name a setting's certificate is matched against, as a client's. */
static void
set_matched(struct mp_setting *s, bool trusted, const char *domain)
{
	snprintf(s->matched, sizeof s->matched, "%s",
	    mp_reference_name(s->endpoint.host, trusted, domain));
}

/*
 * Probes the settings; then, for each whose certificate is made out to
 * other names, those of the same provider (mp_cert_other_hosts), all in
 * one more run: one that works securely with a certificate for its own
 * name takes the setting's place, as the server a client is to use.
 */
static void
verify(struct mp_discovery *d, const struct mp_address *servers,
    size_t nservers, unsigned timeout, const struct mp_trust *store)
{
	static struct mp_setting other[MP_SETTINGS_MAX];
	char hosts[4][MP_DNS_NAME_SIZE];
	size_t owner[MP_SETTINGS_MAX], nother = 0, i, j, k;

	/* An SRV target may be a host the table holds, as a provider's. */
	for (i = 0; i < d->nsettings; i++)
		set_matched(&d->settings[i],
		    d->settings[i].source == MP_SOURCE_PROVIDER ||
		    d->settings[i].source == MP_SOURCE_MX ||
		    mp_table_provider(d->settings[i].endpoint.host,
		    d->domain) >= 0, d->domain);
	probe_settings(d->settings, d->nsettings, servers, nservers, timeout,
	    store);
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		size_t nhosts;

		if (s->verified ||
		    !(s->probe.cert.findings & MP_CERT_BIT(MP_CERT_NAME)))
			continue;
		nhosts = mp_cert_other_hosts(&s->probe, s->endpoint.host,
		    d->domain, hosts, LEN(hosts));
		for (j = 0; j < nhosts && nother < MP_SETTINGS_MAX; j++) {
			struct mp_setting *o = &other[nother];

			*o = *s;
			o->probe = (struct mp_probe_result){ 0 };
			snprintf(o->endpoint.host, sizeof o->endpoint.host,
			    "%s", hosts[j]);
			snprintf(o->instead_of, sizeof o->instead_of, "%s",
			    s->endpoint.host);
			set_matched(o,
			    mp_table_provider(hosts[j], d->domain) >= 0,
			    d->domain);
			owner[nother++] = i;
		}
	}
	if (nother == 0)
		return;
	probe_settings(other, nother, servers, nservers, timeout, store);
	for (k = 0; k < nother; k++)
		if (other[k].verified && !d->settings[owner[k]].verified)
			d->settings[owner[k]] = other[k];
	/* A host taken instead may be one a setting already had. */
	for (i = k = 0; i < d->nsettings; i++) {
		const struct mp_endpoint *e = &d->settings[i].endpoint;

		for (j = 0; j < k && (d->settings[j].endpoint.port != e->port ||
		    d->settings[j].endpoint.protocol != e->protocol ||
		    strcmp(d->settings[j].endpoint.host, e->host) != 0); j++)
			;
		if (j == k)
			d->settings[k++] = d->settings[i];
	}
	d->nsettings = k;
}

void
mp_discover(struct mp_discovery *d, const char *domain,
    const struct mp_query *query, const struct mp_address *servers,
    size_t nservers, unsigned timeout, bool probe,
    const struct mp_trust *store)
{
	static struct mp_dns_question q[7];
	int provider;

	d->nsettings = 0;
	d->nsteps = 0;
	d->dns_failed = false;
	snprintf(d->domain, sizeof d->domain, "%s", domain);
	provider = mp_domain_find(domain, strlen(domain));
	if (provider >= 0) {
		char found[MP_DNS_NAME_SIZE];

		snprintf(found, sizeof found, "%s (%s)",
		    mp_providers[provider].name, mp_providers[provider].word);
		note(d, MP_SOURCE_PROVIDER, domain, found);
		add_provider(d, query, (size_t)provider, MP_SOURCE_PROVIDER,
		    mp_providers[provider].word);
	} else {
		char name[MP_DNS_NAME_SIZE + 16];
		size_t which[6], i, nq = 0, answered = 0;

		note(d, MP_SOURCE_PROVIDER, domain, "no provider known");
		for (i = 0; i < 6; i++) {
			which[i] = 6;
			if (!compose(q[nq].name, sizeof q[nq].name, srv_labels[i],
			    ".", domain))
				continue;
			q[nq].type = MP_DNS_SRV;
			which[i] = nq++;
		}
		snprintf(q[nq].name, sizeof q[nq].name, "%s", domain);
		q[nq].type = MP_DNS_MX;
		mp_dns_ask(q, nq + 1, servers, nservers, timeout);
		for (i = 0; i <= nq; i++)
			answered += q[i].answer.status != MP_DNS_NO_ANSWER;
		for (i = 0; i < 6; i++)
			if (which[i] < 6) {
				srv_step(d, query, &q[which[i]], i);
			} else {
				(void)compose(name, sizeof name, srv_labels[i],
				    ".", domain);
				note(d, MP_SOURCE_SRV, name, TOO_LONG);
			}
		mx_step(d, query, &q[nq], d->nsettings > 0);
		if (answered == 0)
			d->dns_failed = true;
		else if (d->nsettings == 0)
			guess_step(d, query, servers, nservers, timeout);
	}
	sort_settings(d);
	if (probe && d->nsettings > 0)
		verify(d, servers, nservers, timeout, store);
}

/*
 * The domain of an address or a domain, in its ASCII form (lower case,
 * A-labels), without a final dot; false for what is neither, by the
 * check every mode makes.
 */
bool
mp_discovery_domain(const char *argument, char domain[static MP_DNS_NAME_SIZE])
{
	size_t len = strlen(argument), start, n;

	if ((n = mp_mail_domain(argument, len, &start, domain)) == 0)
		return false;
	if (domain[n - 1] == '.')
		domain[n - 1] = '\0';
	return true;
}

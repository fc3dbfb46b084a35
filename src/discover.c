/*
 * discover.c - the account wizard: every source asked at once, each step
 * noted with what it found, the settings of the first source in order of
 * priority that found any, and a probe of them when asked.
 */
#include <stdio.h>
#include <string.h>

#include "discover_job.h"
#include "len.h"
#include "providers.h"
#include "provider_title.h"

static const char *const source_keys[MP_NSOURCES] = {
	[MP_SOURCE_PROVIDER] = "provider",
	[MP_SOURCE_AUTOCONFIG] = "autoconfig",
	[MP_SOURCE_MX] = "mx",
	[MP_SOURCE_SRV] = "srv",
	[MP_SOURCE_GUESS] = "guess",
};

const char *
mp_source_key(enum mp_source source)
{
	return source_keys[source];
}

/*
 * The table is compiled into the program; a file over plain HTTP, DNS
 * without DNSSEC (mailports does not validate it) and a guess could each
 * have been changed on the way, so a user is to confirm them, as the
 * autoconfig draft (draft-ietf-mailmaint-autoconfig) asks.
 */
bool
mp_source_authenticated(enum mp_source source)
{
	return source == MP_SOURCE_PROVIDER;
}

void
mp_discover_note(struct mp_discovery *d, enum mp_source source,
    const char *query, const char *found)
{
	struct mp_step *step;

	if (d->nsteps == MP_STEPS_MAX)
		return;
	step = &d->steps[d->nsteps++];
	step->source = source;
	snprintf(step->query, sizeof step->query, "%s", query);
	snprintf(step->found, sizeof step->found, "%s", found);
}

static bool
same_server(const struct mp_endpoint *a, const struct mp_endpoint *b)
{
	return a->port == b->port && a->protocol == b->protocol &&
	    strcmp(a->host, b->host) == 0;
}

void
mp_found_add(struct mp_found *found, const struct mp_setting *setting)
{
	const struct mp_endpoint *e = &setting->endpoint;
	size_t i;

	if (found->n == MP_FOUND_MAX ||
	    !mp_query_allows(found->query, e->protocol, e->tls, e->port))
		return;
	for (i = 0; i < found->n; i++)
		if (found->settings[i].source == setting->source &&
		    same_server(&found->settings[i].endpoint, e))
			return;
	found->settings[found->n++] = *setting;
}

void
mp_found_provider(struct mp_found *found, size_t provider,
    enum mp_source source, const char *via, const char *domain)
{
	static struct mp_setting setting;
	size_t i;

	memset(&setting, 0, sizeof setting);
	setting.source = source;
	snprintf(setting.via, sizeof setting.via, "%s", via);
	for (i = mp_providers[provider].first_server;
	    i < (size_t)mp_providers[provider].first_server +
	    mp_providers[provider].nservers; i++) {
		mp_endpoint_of_server(&setting.endpoint, &mp_servers[i],
		    domain);
		mp_found_add(found, &setting);
	}
}

/* SMTP, IMAP, POP3 in the order answers are given. */
static int
rank(const struct mp_setting *s)
{
	return s->endpoint.protocol == MP_PROTO_IMAP ? 0 :
	    s->endpoint.protocol == MP_PROTO_POP3 ? 1 : 2;
}

static void
sort_settings(struct mp_setting *settings, size_t n)
{
	static struct mp_setting setting;
	size_t i, j;

	/* Stable: within a rank, settings keep the order they were found in. */
	for (i = 1; i < n; i++) {
		setting = settings[i];
		for (j = i; j > 0 && rank(&settings[j - 1]) > rank(&setting);
		    j--)
			settings[j] = settings[j - 1];
		settings[j] = setting;
	}
}

/*
 * The answer is the settings of the source of highest priority that found
 * any; the others' are kept beside, for a disagreement to show.
 */
static void
choose(struct mp_discovery *d, const struct mp_found *found)
{
	enum mp_source best = MP_NSOURCES;
	size_t i;

	for (i = 0; i < found->n; i++)
		if (found->settings[i].source < best)
			best = found->settings[i].source;
	for (i = 0; i < found->n; i++) {
		const struct mp_setting *s = &found->settings[i];

		if (s->source == best && d->nsettings < MP_SETTINGS_MAX)
			d->settings[d->nsettings++] = *s;
		else if (s->source != best && d->nothers < MP_SETTINGS_MAX)
			d->others[d->nothers++] = *s;
	}
	sort_settings(d->settings, d->nsettings);
	sort_settings(d->others, d->nothers);
}

/*
 * Of guesses probed, those a probe verified; for a protocol of which none
 * was, those of its first host that resolves, in the guesser's order.
 */
static void
keep_verified(struct mp_discovery *d)
{
	const char *first[MP_NPROTOCOLS] = { 0 };
	bool verified[MP_NPROTOCOLS] = { 0 };
	size_t i, k = 0;

	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];

		if (first[s->endpoint.protocol] == NULL)
			first[s->endpoint.protocol] = s->endpoint.host;
		verified[s->endpoint.protocol] |= s->verified;
	}
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		enum mp_protocol p = s->endpoint.protocol;

		if (verified[p] ? s->verified :
		    strcmp(s->endpoint.host, first[p]) == 0) {
			if (k != i)
				d->settings[k] = *s;
			k++;
		}
	}
	d->nsettings = k;
}

/* Every setting the sources found, the first taken: one decision at a
   time, with no I/O. */
static struct mp_found found;

/* With the settings chosen, the probe if one is asked for. */
static void
chosen(struct mp_discover_job *job, unsigned now)
{
	choose(job->d, &found);
	if (job->verify && job->d->nsettings > 0) {
		mp_verify_start(job->verification, job->d, job->session, now);
		job->phase = MP_DISCOVER_VERIFYING;
	} else
		job->phase = MP_DISCOVER_DONE;
}

/* With the answers and the files in, what each source found. */
static void
decide(struct mp_discover_job *job, unsigned now)
{
	struct mp_discovery *d = job->d;

	found.query = job->query;
	found.n = 0;
	mp_discover_autoconfig(d, &found, &job->autoconfig, &job->q,
	    job->address);
	mp_discover_mx(d, &found, &job->q);
	mp_discover_srv(d, &found, &job->q);
	/* Every guess is probed only when guesses are the answer. */
	mp_discover_guess(d, &found, &job->q, job->verify && found.n == 0);
	chosen(job, now);
}

void
mp_discover_start(struct mp_discover_job *job, struct mp_discovery *d,
    const char *address, const char *domain, const struct mp_query *query,
    const struct mp_session *session, struct mp_verify *verification,
    unsigned now)
{
	int provider;

	job->d = d;
	job->address = address;
	job->query = query;
	job->session = session;
	job->verification = verification;
	job->verify = verification != NULL;
	d->nsettings = 0;
	d->nothers = 0;
	d->nsteps = 0;
	d->dns_failed = false;
	snprintf(d->domain, sizeof d->domain, "%s", domain);
	provider = mp_domain_find(domain, strlen(domain));
	if (provider >= 0) {
		char text[MP_DNS_NAME_SIZE];

		/* The table answers at once; nothing else could win. */
		mp_discover_note(d, MP_SOURCE_PROVIDER, domain,
		    mp_provider_title(text, sizeof text,
		    &mp_providers[provider]));
		found.query = query;
		found.n = 0;
		mp_found_provider(&found, (size_t)provider,
		    MP_SOURCE_PROVIDER, mp_providers[provider].word, domain);
		chosen(job, now);
		return;
	}
	mp_discover_note(d, MP_SOURCE_PROVIDER, domain, "no provider known");
	mp_discover_ask(&job->q, domain, session->resolver,
	    session->timeout_ms, now);
	job->phase = MP_DISCOVER_ASKING;
}

void
mp_discover_want(struct mp_discover_job *job, struct mp_poll_set *set)
{
	switch (job->phase) {
	case MP_DISCOVER_ASKING:
		/* Answered already: it goes on at once. */
		if (mp_discover_asked(&job->q))
			mp_poll_set_due(set, set->now);
		break;
	case MP_DISCOVER_FETCHING:
		mp_http_want(&job->autoconfig.run, set);
		break;
	case MP_DISCOVER_VERIFYING:
		mp_verify_want(job->verification, set);
		break;
	case MP_DISCOVER_DONE:
		break;
	}
}

void
mp_discover_serve(struct mp_discover_job *job, const struct mp_poll_set *set)
{
	const struct mp_session *session = job->session;
	struct mp_discovery *d = job->d;

	switch (job->phase) {
	case MP_DISCOVER_ASKING:
		if (!mp_discover_asked(&job->q))
			break;
		d->dns_failed = !mp_discover_answered(&job->q);
		/* The files as soon as the answers give their hosts. */
		if (mp_autoconfig_prepare(&job->autoconfig, d, &job->q,
		    job->address) > 0) {
			mp_http_start(&job->autoconfig.run,
			    job->autoconfig.fetches, job->autoconfig.n,
			    session->resolver, session->pool,
			    session->timeout_ms, set->now);
			job->phase = MP_DISCOVER_FETCHING;
		} else
			decide(job, set->now);
		break;
	case MP_DISCOVER_FETCHING:
		mp_http_serve(&job->autoconfig.run, set);
		if (mp_http_done(&job->autoconfig.run))
			decide(job, set->now);
		break;
	case MP_DISCOVER_VERIFYING:
		if (!mp_verify_serve(job->verification, d, session, set))
			break;
		if (d->settings[0].source == MP_SOURCE_GUESS)
			keep_verified(d);
		job->phase = MP_DISCOVER_DONE;
		break;
	case MP_DISCOVER_DONE:
		break;
	}
}

bool
mp_discover_done(const struct mp_discover_job *job)
{
	return job->phase == MP_DISCOVER_DONE;
}

void
mp_discover(struct mp_discovery *d, const char *address, const char *domain,
    const struct mp_query *query, const struct mp_address *servers,
    size_t nservers, unsigned timeout, bool verify,
    const struct mp_trust *store)
{
	static struct mp_discover_job job;
	static struct mp_verify verification;
	static struct mp_resolver resolver;
	static struct mp_probe_pool pool;
	static struct pollfd fds[MP_SESSION_FDS];
	/* The job keeps a pointer to it: it lives as long. */
	static struct mp_session session;
	struct mp_poll_set set;

	session = (struct mp_session){ &resolver, &pool, store, timeout };
	mp_resolver_open(&resolver, servers, nservers);
	mp_probe_pool_init(&pool, 0, 0);
	mp_poll_set_init(&set, fds, LEN(fds));
	mp_discover_start(&job, d, address, domain, query, &session,
	    verify ? &verification : NULL, set.now);
	while (!mp_discover_done(&job)) {
		mp_poll_set_begin(&set);
		mp_resolver_want(&resolver, &set);
		mp_discover_want(&job, &set);
		if (!mp_poll_set_wait(&set))
			break;
		mp_resolver_serve(&resolver, &set);
		mp_discover_serve(&job, &set);
	}
	mp_resolver_close(&resolver);
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

/*
 * batch_kinds.c - the modes that take a list, each as a kind of job:
 * --discover - (an address or a domain a line) and --probe - (a host, with
 * a port or words, a line).
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "batch.h"
#include "escape.h"
#include "len.h"
#include "net.h"

static bool
discover_start(union mp_batch_job *job, const struct mp_batch_line *line,
    const struct mp_batch_run *run, unsigned now, char *error, size_t size)
{
	struct mp_batch_discover *j = &job->discover.base;
	char domain[MP_DNS_NAME_SIZE];

	if (line->nwords > 0) {
		snprintf(error, size, "one address or domain a line, such as "
		    "alice@example.com or example.com");
		return false;
	}
	if (!mp_discovery_domain(line->target, domain)) {
		snprintf(error, size, "invalid address or domain (such as "
		    "alice@example.com or example.com)");
		return false;
	}
	j->query = *run->query;
	mp_discover_start(&j->job, &j->d, line->target, domain, &j->query,
	    &run->session, run->cli->verify ? &job->discover.verification :
	    NULL, now);
	return true;
}

static void
discover_want(union mp_batch_job *job, struct mp_poll_set *set)
{
	mp_discover_want(&job->discover.base.job, set);
}

static void
discover_serve(union mp_batch_job *job, const struct mp_batch_run *run,
    const struct mp_poll_set *set)
{
	(void)run;
	mp_discover_serve(&job->discover.base.job, set);
}

static bool
discover_done(const union mp_batch_job *job)
{
	return mp_discover_done(&job->discover.base.job);
}

/* As for one address: found when a setting is, verified if asked. */
static int
discover_found(const union mp_batch_job *job, struct mp_records *records,
    char *error, size_t size)	/* NOLINT(readability-non-const-parameter):
				   the kinds share one signature */
{
	const struct mp_discovery *d = &job->discover.base.d;
	bool verify = job->discover.base.job.verify;
	size_t i;

	(void)error;
	(void)size;
	records->discovery = d;
	records->host = job->discover.base.job.address;
	for (i = 0; i < d->nsettings; i++)
		if (!verify || d->settings[i].verified)
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

/* The source that answered, or why none did. */
static const char *
discover_key(const union mp_batch_job *job)
{
	const struct mp_discovery *d = &job->discover.base.d;

	size_t i;

	if (d->nsettings == 0)
		return d->dns_failed ? "no-name-server" : "nothing-found";
	if (!job->discover.base.job.verify)
		return mp_source_key(d->settings[0].source);
	for (i = 0; i < d->nsettings; i++)
		if (d->settings[i].verified)
			return mp_source_key(d->settings[i].source);
	return "not-verified";
}

const struct mp_batch_kind mp_batch_discover_kind = {
	.records = MP_RECORDS_DISCOVERY,
	.start = discover_start,
	.want = discover_want,
	.serve = discover_serve,
	.done = discover_done,
	.found = discover_found,
	.key = discover_key
};

/* Probes the host at the addresses it has, with the targets set. */
static void
probe_addresses(struct mp_batch_probe *j, const struct mp_address *addresses,
    size_t n, const struct mp_batch_run *run, unsigned now)
{
	j->asking = false;
	j->n = mp_probe_fill(j->results, LEN(j->results), addresses, n,
	    j->targets, j->ntargets, j->host);
	mp_prober_start(&j->prober, run->session.pool, j->results, j->n,
	    run->session.timeout_ms, run->session.store, now);
}

static bool
probe_start(union mp_batch_job *job, const struct mp_batch_line *line,
    const struct mp_batch_run *run, unsigned now, char *error, size_t size)
{
	struct mp_batch_probe *j = &job->probe;
	struct mp_query query = *run->query;
	struct mp_address address;
	char shown[96];
	unsigned port;
	int i;

	j->unresolved[0] = '\0';
	if (!mp_split_host(line->target, j->host, &port)) {
		snprintf(error, size, "invalid host (a name or an address, with "
		    ":port for one port; [address]:port for IPv6)");
		return false;
	}
	for (i = 0; i < line->nwords; i++) {
		enum mp_error e = mp_query_add(&query, line->words[i],
		    strlen(line->words[i]));

		if (e != MP_OK || query.provider != 0) {
			snprintf(error, size, "%s '%s'", e != MP_OK ?
			    mp_error_text(e) : "not a word of ports",
			    mp_escape_utf8(shown, sizeof shown, line->words[i],
			    strlen(line->words[i])));
			return false;
		}
	}
	if ((j->ntargets = mp_probe_targets(&query, port, j->targets,
	    LEN(j->targets))) == 0) {
		snprintf(error, size, "no port a mail client uses matches the "
		    "words");
		return false;
	}
	if (mp_parse_address(j->host, 0, &address)) {
		probe_addresses(j, &address, 1, run, now);
		return true;
	}
	j->asking = true;
	mp_dns_address_questions(j->q, j->host);
	mp_resolver_ask(run->session.resolver, &j->q[0],
	    run->session.timeout_ms, now);
	mp_resolver_ask(run->session.resolver, &j->q[1],
	    run->session.timeout_ms, now);
	return true;
}

static void
probe_want(union mp_batch_job *job, struct mp_poll_set *set)
{
	struct mp_batch_probe *j = &job->probe;

	if (j->asking) {
		if (j->q[0].done && j->q[1].done)
			mp_poll_set_due(set, set->now);
	} else
		mp_prober_want(&j->prober, set);
}

static void
probe_serve(union mp_batch_job *job, const struct mp_batch_run *run,
    const struct mp_poll_set *set)
{
	struct mp_batch_probe *j = &job->probe;
	struct mp_address addresses[2];
	size_t n;

	if (!j->asking) {
		mp_prober_serve(&j->prober, set);
		return;
	}
	if (!j->q[0].done || !j->q[1].done)
		return;
	/* The first address of each family, as discovery probes them. */
	if ((n = mp_question_addresses(j->q, 0, addresses)) == 0)
		snprintf(j->unresolved, sizeof j->unresolved,
		    "cannot resolve the host: %s", mp_discover_no_address(j->q));
	probe_addresses(j, addresses, n, run, set->now);
}

static bool
probe_done(const union mp_batch_job *job)
{
	return !job->probe.asking && mp_prober_done(&job->probe.prober);
}

static int
probe_found(const union mp_batch_job *job, struct mp_records *records,
    char *error, size_t size)
{
	const struct mp_batch_probe *j = &job->probe;
	size_t i;

	if (j->unresolved[0] != '\0') {
		snprintf(error, size, "%s", j->unresolved);
		return MP_EXIT_TROUBLE;
	}
	records->host = j->host;
	records->results = j->results;
	records->n = j->n;
	for (i = 0; i < j->n; i++)
		if (mp_result_secure(&j->results[i]))
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

/* Whether it works securely; else whether anything answered. */
static const char *
probe_key(const union mp_batch_job *job)
{
	const struct mp_batch_probe *j = &job->probe;
	size_t i;
	bool open = false;

	for (i = 0; i < j->n; i++) {
		if (mp_result_secure(&j->results[i]))
			return "secure";
		open |= j->results[i].state == MP_STATE_OPEN;
	}
	return open ? "not-secure" : "unreachable";
}

const struct mp_batch_kind mp_batch_probe_kind = {
	.records = MP_RECORDS_PROBE,
	.start = probe_start,
	.want = probe_want,
	.serve = probe_serve,
	.done = probe_done,
	.found = probe_found,
	.key = probe_key
};

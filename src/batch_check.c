/*
 * batch_check.c - --check - : a line a setting (HOST:PORT and its words)
 * or an address, checked as --check checks one, every host resolved
 * through the run's resolver and every probe in the run's poll loop.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "batch.h"
#include "escape.h"
#include "len.h"
#include "providers.h"

/* The line's words, then the command line's. */
static int
all_words(const struct mp_batch_line *line, const struct mp_batch_run *run,
    char **words, int max)
{
	int n = 0, i;

	for (i = 0; i < line->nwords && n < max; i++)
		words[n++] = line->words[i];
	for (i = 0; i < run->nwords && n < max; i++)
		words[n++] = run->words[i];
	return n;
}

/* Narrows query by the words; false with the first bad one said. */
static bool
add_words(struct mp_query *query, char **words, int nwords, char *error,
    size_t size)
{
	char shown[96];
	int i;

	for (i = 0; i < nwords; i++) {
		enum mp_error e = mp_query_add(query, words[i],
		    strlen(words[i]));

		if (e != MP_OK) {
			snprintf(error, size, "%s '%s'", mp_error_text(e),
			    mp_escape_utf8(shown, sizeof shown, words[i],
			    strlen(words[i])));
			return false;
		}
	}
	return true;
}

/* Asks for the addresses of every setting's host that is a name. */
static void
resolve_settings(struct mp_batch_check *j, const struct mp_batch_run *run,
    unsigned now)
{
	struct mp_address address;
	size_t i, k;

	j->phase = MP_BATCH_RESOLVING;
	for (i = 0; i < j->n; i++) {
		mp_dns_address_questions(j->q[i], j->settings[i].host);
		for (k = 0; k < 2; k++)
			if (mp_parse_address(j->settings[i].host, 0, &address))
				j->q[i][k].done = true;
			else
				mp_resolver_ask(run->session.resolver,
				    &j->q[i][k], run->session.timeout_ms, now);
	}
	j->nq = j->n;
}

static bool
check_start(union mp_batch_job *job, const struct mp_batch_line *line,
    const struct mp_batch_run *run, unsigned now, char *error, size_t size)
{
	struct mp_batch_check *j = &job->check;
	const struct mp_server *servers[MP_SERVERS_MAX];
	char *words[2 * MP_BATCH_WORDS_MAX], domain[MP_DNS_NAME_SIZE];
	int nwords = all_words(line, run, words, (int)LEN(words));
	struct mp_query query;
	enum mp_error e;
	size_t i;

	j->error[0] = '\0';
	j->unanswered = false;
	j->n = 0;
	if (strchr(line->target, '@') == NULL) {
		if (!mp_check_setting(line->target, words, nwords,
		    &j->settings[0], error, size))
			return false;
		j->n = 1;
		resolve_settings(j, run, now);
		return true;
	}
	mp_query_init(&query);
	e = mp_query_add(&query, line->target, strlen(line->target));
	if (e == MP_ERR_DOMAIN && mp_discovery_domain(line->target, domain)) {
		/* No provider known: what discovery finds is checked. */
		mp_query_init(&j->discover.query);
		if (!add_words(&j->discover.query, words, nwords, error, size))
			return false;
		mp_discover_start(&j->discover.job, &j->discover.d,
		    line->target, domain, &j->discover.query, &run->session,
		    NULL, now);
		j->phase = MP_BATCH_DISCOVERING;
		return true;
	}
	if (e != MP_OK) {
		snprintf(error, size, "%s (an address, or HOST:PORT and its "
		    "security)", mp_error_text(e));
		return false;
	}
	if (!add_words(&query, words, nwords, error, size))
		return false;
	j->n = mp_lookup_servers(&query, servers, LEN(servers), true);
	if (j->n == 0) {
		snprintf(error, size, "no server of the provider matches the "
		    "words");
		return false;
	}
	if (j->n > MP_BATCH_CHECKS)
		j->n = MP_BATCH_CHECKS;
	for (i = 0; i < j->n; i++)
		mp_endpoint_of_server(&j->settings[i], servers[i], query.domain);
	resolve_settings(j, run, now);
	return true;
}

/* Whether the first n pairs of questions are done. */
static bool
answered(const struct mp_batch_check *j)
{
	size_t i;

	for (i = 0; i < j->nq; i++)
		if (!j->q[i][0].done || !j->q[i][1].done)
			return false;
	return true;
}

/* The first setting of each protocol discovery found, checked. */
static void
take_discovered(struct mp_batch_check *j, const struct mp_batch_run *run,
    unsigned now)
{
	const struct mp_discovery *d = &j->discover.d;
	unsigned seen = 0;
	size_t i;

	for (i = 0; i < d->nsettings && j->n < MP_BATCH_CHECKS; i++) {
		const struct mp_endpoint *e = &d->settings[i].endpoint;

		if (seen & 1u << e->protocol)
			continue;
		seen |= 1u << e->protocol;
		j->settings[j->n++] = *e;
	}
	if (j->n == 0) {
		snprintf(j->error, sizeof j->error, "no provider known, and "
		    "discovery finds no server%s: give HOST:PORT and the "
		    "security", d->dns_failed ? " (no name server answered)" :
		    "");
		j->phase = MP_BATCH_CHECKED;
		return;
	}
	resolve_settings(j, run, now);
}

/* The addresses of the host of pair i: an address as it is, or those
   the name servers gave, the first of each family. */
static size_t
addresses_of(const struct mp_batch_check *j, size_t i, const char *host,
    struct mp_address addresses[2])
{
	if (mp_parse_address(host, 0, &addresses[0]))
		return 1;
	return mp_question_addresses(j->q[i], 0, addresses);
}

/* Whether an answer says the name has no address, not that none came. */
static bool
no_such_host(const struct mp_dns_question pair[2])
{
	size_t k;

	for (k = 0; k < 2; k++)
		if (pair[k].answer.status != MP_DNS_ANSWERED &&
		    pair[k].answer.status != MP_DNS_NO_NAME)
			return false;
	return true;
}

/* With the hosts' addresses, every setting's targets probed at once. */
static void
probe_settings(struct mp_batch_check *j, const struct mp_batch_run *run,
    unsigned now)
{
	struct mp_probe_target targets[MP_CHECK_TARGETS_MAX];
	struct mp_address addresses[2];
	size_t i;

	j->used = 0;
	for (i = 0; i < j->n; i++) {
		size_t nt, na = addresses_of(j, i, j->settings[i].host,
		    addresses);

		if (na == 0 && !no_such_host(j->q[i])) {
			j->unanswered = true;
			snprintf(j->error, sizeof j->error, "cannot resolve "
			    "the host: %s", mp_discover_no_address(j->q[i]));
			j->phase = MP_BATCH_CHECKED;
			return;
		}
		nt = mp_check_targets(&j->settings[i], targets, LEN(targets));
		j->start[i] = j->used;
		j->count[i] = mp_probe_fill(j->results + j->used,
		    LEN(j->results) - j->used, addresses, na, targets, nt,
		    j->settings[i].host);
		j->used += j->count[i];
	}
	mp_prober_start(&j->prober, run->session.pool, j->results, j->used,
	    run->session.timeout_ms, run->session.store, now);
	j->phase = MP_BATCH_PROBING;
}

/* The diagnosis of each setting, and the names to try instead. */
static void
diagnose(struct mp_batch_check *j, const struct mp_batch_run *run,
    unsigned now)
{
	char names[MP_CHECK_CANDIDATES_MAX][MP_HOST_NAME_SIZE];
	struct timespec wall;
	int64_t seconds;
	size_t i, k;

	seconds = clock_gettime(CLOCK_REALTIME, &wall) == 0 ? wall.tv_sec : 0;
	j->nq = 0;
	for (i = 0; i < j->n; i++) {
		if (j->count[i] == 0)
			mp_check_no_such_host(&j->settings[i],
			    mp_discover_no_address(j->q[i]), &j->checks[i]);
		else
			mp_check_diagnose(&j->settings[i], j->results +
			    j->start[i], j->count[i], seconds, &j->checks[i]);
	}
	for (i = 0; i < j->n; i++) {
		size_t n = mp_check_candidates(&j->checks[i], names,
		    LEN(names));

		for (k = 0; k < n && j->nq < LEN(j->q); k++) {
			memcpy(j->names[j->nq], names[k], sizeof names[k]);
			j->owner[j->nq++] = i;
		}
	}
	if (j->nq == 0) {
		j->phase = MP_BATCH_CHECKED;
		return;
	}
	for (i = 0; i < j->nq; i++) {
		mp_dns_address_questions(j->q[i], j->names[i]);
		for (k = 0; k < 2; k++)
			mp_resolver_ask(run->session.resolver, &j->q[i][k],
			    run->session.timeout_ms, now);
	}
	j->phase = MP_BATCH_SUGGESTING_RESOLVING;
}

/* Each candidate that resolves, on its setting's port in its mode. */
static void
probe_candidates(struct mp_batch_check *j, const struct mp_batch_run *run,
    unsigned now)
{
	struct mp_address addresses[2];
	size_t i, c;

	j->used = 0;
	for (i = 0; i < j->n; i++) {
		struct mp_probe_target target;

		mp_endpoint_target(&j->checks[i].setting, &target);
		target.implicit = j->checks[i].setting.tls == MP_TLS_IMPLICIT;
		target.guess_tls = false;
		j->start[i] = j->used;
		for (c = 0; c < j->nq; c++)
			if (j->owner[c] == i)
				j->used += mp_probe_fill(j->results + j->used,
				    LEN(j->results) - j->used, addresses,
				    addresses_of(j, c, j->names[c], addresses),
				    &target, 1, j->names[c]);
		j->count[i] = j->used - j->start[i];
	}
	mp_prober_start(&j->prober, run->session.pool, j->results, j->used,
	    run->session.timeout_ms, run->session.store, now);
	j->phase = MP_BATCH_SUGGESTING;
}

static void
check_want(union mp_batch_job *job, struct mp_poll_set *set)
{
	struct mp_batch_check *j = &job->check;

	switch (j->phase) {
	case MP_BATCH_DISCOVERING:
		mp_discover_want(&j->discover.job, set);
		if (mp_discover_done(&j->discover.job))
			mp_poll_set_due(set, set->now);
		break;
	case MP_BATCH_RESOLVING:
	case MP_BATCH_SUGGESTING_RESOLVING:
		if (answered(j))
			mp_poll_set_due(set, set->now);
		break;
	case MP_BATCH_PROBING:
	case MP_BATCH_SUGGESTING:
		mp_prober_want(&j->prober, set);
		if (mp_prober_done(&j->prober))
			mp_poll_set_due(set, set->now);
		break;
	case MP_BATCH_CHECKED:
		break;
	}
}

static void
check_serve(union mp_batch_job *job, const struct mp_batch_run *run,
    const struct mp_poll_set *set)
{
	struct mp_batch_check *j = &job->check;
	size_t i;

	switch (j->phase) {
	case MP_BATCH_DISCOVERING:
		mp_discover_serve(&j->discover.job, set);
		if (mp_discover_done(&j->discover.job))
			take_discovered(j, run, set->now);
		break;
	case MP_BATCH_RESOLVING:
		if (answered(j))
			probe_settings(j, run, set->now);
		break;
	case MP_BATCH_PROBING:
		mp_prober_serve(&j->prober, set);
		if (mp_prober_done(&j->prober))
			diagnose(j, run, set->now);
		break;
	case MP_BATCH_SUGGESTING_RESOLVING:
		if (answered(j))
			probe_candidates(j, run, set->now);
		break;
	case MP_BATCH_SUGGESTING:
		mp_prober_serve(&j->prober, set);
		if (!mp_prober_done(&j->prober))
			break;
		for (i = 0; i < j->n; i++)
			mp_check_suggest(&j->checks[i], j->results + j->start[i],
			    j->count[i]);
		j->phase = MP_BATCH_CHECKED;
		break;
	case MP_BATCH_CHECKED:
		break;
	}
}

static bool
check_done(const union mp_batch_job *job)
{
	return job->check.phase == MP_BATCH_CHECKED;
}

static int
check_found(const union mp_batch_job *job, struct mp_records *records,
    char *error, size_t size)
{
	const struct mp_batch_check *j = &job->check;
	size_t i;

	if (j->error[0] != '\0') {
		snprintf(error, size, "%s", j->error);
		/* A domain where discovery finds nothing, as with one. */
		return j->n == 0 && j->phase == MP_BATCH_CHECKED &&
		    !j->unanswered ? MP_EXIT_NOT_FOUND : MP_EXIT_TROUBLE;
	}
	records->checks = j->checks;
	records->n = j->n;
	for (i = 0; i < j->n; i++)
		if (!j->checks[i].secure)
			return MP_EXIT_NOT_FOUND;
	return MP_EXIT_FOUND;
}

/* The verdict of the first setting that does not work, or the first's. */
static const char *
check_key(const union mp_batch_job *job)
{
	const struct mp_batch_check *j = &job->check;
	size_t i;

	if (j->n == 0)
		return "nothing-found";
	for (i = 0; i < j->n && j->checks[i].secure; i++)
		;
	return mp_verdict_key(j->checks[i < j->n ? i : 0].verdict);
}

const struct mp_batch_kind mp_batch_check_kind = {
	.records = MP_RECORDS_CHECK,
	.start = check_start,
	.want = check_want,
	.serve = check_serve,
	.done = check_done,
	.found = check_found,
	.key = check_key
};

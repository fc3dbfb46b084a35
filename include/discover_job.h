/*
 * discover_job.h - a discovery in flight: every source's questions, its
 * fetches and its probes, run by the caller's poll loop beside others.
 * mp_discover runs one to its end; a list runs many at once.
 */
#ifndef MAILPORTS_DISCOVER_JOB_H
#define MAILPORTS_DISCOVER_JOB_H

#include "discover_parts.h"
#include "poll_set.h"
#include "session.h"

enum mp_discover_phase {
	MP_DISCOVER_ASKING,	/* the one batch of DNS questions */
	MP_DISCOVER_FETCHING,	/* the autoconfig files */
	MP_DISCOVER_VERIFYING,	/* the probe of the settings chosen */
	MP_DISCOVER_DONE
};

struct mp_discover_job {
	struct mp_discovery		*d;
	const char			*address;	/* or NULL */
	const struct mp_query		*query;
	const struct mp_session		*session;
	bool				 verify;
	enum mp_discover_phase		 phase;
	struct mp_discover_questions	 q;
	struct mp_autoconfig_fetch	 autoconfig;
	struct mp_verify		*verification;	/* or NULL */
};

/*
 * Starts the discovery of domain (lower case, valid) into d, for
 * address (the address asked about, or NULL), with the settings the
 * query allows; with verification (its state, large), a probe of them,
 * else none.  The address, the query, the session and the verification
 * must live until the job is done.
 */
void mp_discover_start(struct mp_discover_job *job, struct mp_discovery *d,
    const char *address, const char *domain, const struct mp_query *query,
    const struct mp_session *session, struct mp_verify *verification,
    unsigned now);
/* Adds what the job waits for; the session's resolver adds its own. */
void mp_discover_want(struct mp_discover_job *job, struct mp_poll_set *set);
/* Goes on with what came; call after the resolver's serve. */
void mp_discover_serve(struct mp_discover_job *job,
    const struct mp_poll_set *set);
bool mp_discover_done(const struct mp_discover_job *job);

#endif

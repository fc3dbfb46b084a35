/*
 * session.h - what the network modes of one run share: the resolver that
 * asks the name servers, the connections of the probes with their limits,
 * the trust store certificates are judged against, and the time each
 * exchange is given.  One target or thousands, one poll loop serves them.
 */
#ifndef MAILPORTS_SESSION_H
#define MAILPORTS_SESSION_H

#include "dns.h"
#include "probe.h"

/* Descriptors one poll waits on at most: the resolver's, the fetches'
   of every target in flight and the probes' connections. */
#define MP_SESSION_FDS 2048

struct mp_session {
	struct mp_resolver	*resolver;
	struct mp_probe_pool	*pool;
	const struct mp_trust	*store;		/* NULL: issuers not judged */
	unsigned		 timeout_ms;
};

#endif

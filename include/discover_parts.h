/*
 * discover_parts.h - what the parts of discovery share: the steps and the
 * list of settings every source adds to (src/discover.c), the sources
 * that read DNS answers (src/discover_dns.c) and the domain's autoconfig
 * file (src/discover_autoconfig.c), and the probe of the settings chosen
 * (src/discover_verify.c).
 */
#ifndef MAILPORTS_DISCOVER_PARTS_H
#define MAILPORTS_DISCOVER_PARTS_H

#include "discover.h"
#include "session.h"

/* Every setting every source found, before one source is chosen. */
#define MP_FOUND_MAX ((size_t)2 * MP_SETTINGS_MAX)

struct mp_found {
	const struct mp_query	*query;
	size_t			 n;
	struct mp_setting	 settings[MP_FOUND_MAX];
};

/* Notes one step of the discovery: what was asked, what came back. */
void mp_discover_note(struct mp_discovery *d, enum mp_source source,
    const char *query, const char *found);

/*
 * Adds a setting the query allows, unless its source found the same host,
 * port and protocol already.
 */
void mp_found_add(struct mp_found *found, const struct mp_setting *setting);

/* Adds a provider's servers for an address at domain, from source. */
void mp_found_provider(struct mp_found *found, size_t provider,
    enum mp_source source, const char *via, const char *domain);

/*
 * The questions of one discovery, asked at once: the SRV labels, the MX,
 * then an A and an AAAA for each host an HTTP fetch or a guess needs.
 */
#define MP_SRV_LABELS 6
#define MP_GUESS_HOSTS 6	/* imap. pop3. pop. mail. smtp. and the domain */
#define MP_AUTOCONFIG_HOSTS 2	/* autoconfig. and the domain */

struct mp_discover_questions {
	struct mp_dns_question	 srv[MP_SRV_LABELS];
	struct mp_dns_question	 mx;
	/* The A and AAAA questions of autoconfig.D; D's are the guess's
	   last host's. */
	struct mp_dns_question	 autoconfig[2];
	struct mp_dns_question	 guess[MP_GUESS_HOSTS][2];
	bool			 srv_asked[MP_SRV_LABELS];
	bool			 autoconfig_asked;
	bool			 guess_asked[MP_GUESS_HOSTS];
};

#define MP_DISCOVER_QUESTIONS (MP_SRV_LABELS + 3 + 2 * MP_GUESS_HOSTS)

/*
 * Asks every question of a discovery of domain at once, through the
 * resolver: the SRV labels, the MX, and the A and AAAA of autoconfig.D
 * and of each guessed host; a name too long to ask is done at once.
 */
void mp_discover_ask(struct mp_discover_questions *q, const char *domain,
    struct mp_resolver *resolver, unsigned timeout_ms, unsigned now);
/* Whether every question is done. */
bool mp_discover_asked(struct mp_discover_questions *q);
/* Whether a name server answered any. */
bool mp_discover_answered(struct mp_discover_questions *q);

/* The sources that read the answers: each notes its steps and adds
   what it found. */
void mp_discover_srv(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q);
void mp_discover_mx(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q);
/* With all, every guess; else each protocol's first host that resolves. */
void mp_discover_guess(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q, bool all);

/*
 * The domain's own configuration: the two URLs fetched at once, from the
 * addresses the questions found; the first that gives servers is taken.
 */
struct mp_autoconfig_fetch {
	struct mp_http_fetch	 fetches[MP_AUTOCONFIG_HOSTS];
	size_t			 which[MP_AUTOCONFIG_HOSTS];	/* each URL's
						   fetch, or MP_AUTOCONFIG_HOSTS */
	size_t			 n;
	struct mp_http_run	 run;
};
/* Sets the fetches of the URLs whose host has an address; how many. */
size_t mp_autoconfig_prepare(struct mp_autoconfig_fetch *a,
    const struct mp_discovery *d, const struct mp_discover_questions *q,
    const char *address);
/* After the fetches: each URL's step noted, the first file's servers. */
void mp_discover_autoconfig(struct mp_discovery *d, struct mp_found *found,
    const struct mp_autoconfig_fetch *a,
    const struct mp_discover_questions *q, const char *address);

/* The first address of each family the A and AAAA questions give. */
size_t mp_question_addresses(const struct mp_dns_question pair[2],
    unsigned port, struct mp_address addresses[2]);

/* Why a host has no address, from its A and AAAA answers. */
const char *mp_discover_no_address(const struct mp_dns_question pair[2]);

/* What a step says of an answer that gave nothing. */
const char *mp_discover_status_text(const struct mp_dns_question *q);

/*
 * The probe of the settings chosen (src/discover_verify.c): their hosts
 * asked, every setting probed on its addresses; then, for those refused
 * for their certificate's names, the other hosts of the provider the
 * certificate names, in a second round.  Starts with mp_verify_start;
 * each serve goes on as far as what came allows, true when finished.
 */
#define MP_VERIFY_QUESTIONS ((size_t)2 * MP_SETTINGS_MAX)
/* A setting is probed on the first address of each family. */
#define MP_VERIFY_RESULTS ((size_t)2 * MP_SETTINGS_MAX)
struct mp_verify {
	struct mp_setting	*settings;	/* the round's */
	size_t			 n;
	struct mp_dns_question	 q[MP_VERIFY_QUESTIONS];
	size_t			 nq;
	struct mp_probe_result	 results[MP_VERIFY_RESULTS];
	size_t			 owner[MP_VERIFY_RESULTS];	/* settings */
	size_t			 nr;
	struct mp_setting	 other[MP_SETTINGS_MAX];
	size_t			 other_owner[MP_SETTINGS_MAX];
	size_t			 nother;
	bool			 asking;	/* else probing */
	bool			 second;	/* the round of other hosts */
	bool			 finished;
	struct mp_prober	 prober;
};
void mp_verify_start(struct mp_verify *v, struct mp_discovery *d,
    const struct mp_session *session, unsigned now);
void mp_verify_want(struct mp_verify *v, struct mp_poll_set *set);
bool mp_verify_serve(struct mp_verify *v, struct mp_discovery *d,
    const struct mp_session *session, const struct mp_poll_set *set);

#endif

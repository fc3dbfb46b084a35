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

/*
 * Asks every question of a discovery of domain at once; returns whether
 * a name server answered any.
 */
bool mp_discover_ask(struct mp_discover_questions *q, const char *domain,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms);

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
void mp_discover_autoconfig(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q, const char *address,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms);

/* The first address of each family the A and AAAA questions give. */
size_t mp_question_addresses(const struct mp_dns_question pair[2],
    unsigned port, struct mp_address addresses[2]);

/* Why a host has no address, from its A and AAAA answers. */
const char *mp_discover_no_address(const struct mp_dns_question pair[2]);

/* What a step says of an answer that gave nothing. */
const char *mp_discover_status_text(const struct mp_dns_question *q);

/*
 * Probes the settings chosen, and takes for those refused for their
 * certificate's names another host of the provider the certificate
 * names (src/discover_verify.c).
 */
void mp_discover_verify(struct mp_discovery *d,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms,
    const struct mp_trust *store);

#endif

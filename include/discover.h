/*
 * discover.h - finding the servers for an address, as a mail client's
 * account wizard does: every source asked at once, and the answer of the
 * first in this order that found something: the provider table, the
 * domain's own autoconfig file, the provider of its MX hosts, its SRV
 * records (RFC 6186, RFC 8314), the usual host names; and, if asked, a
 * probe of what was found.
 */
#ifndef MAILPORTS_DISCOVER_H
#define MAILPORTS_DISCOVER_H

#include "dns.h"
#include "endpoint.h"
#include "http.h"
#include "mailports.h"
#include "probe.h"
#include "providers.h"

/* The sources, highest priority first. */
enum mp_source {
	MP_SOURCE_PROVIDER,	/* the provider table, by the domain */
	MP_SOURCE_AUTOCONFIG,	/* the domain's own clientConfig file */
	MP_SOURCE_MX,		/* the provider table, by the MX hosts */
	MP_SOURCE_SRV,		/* an SRV record of the domain */
	MP_SOURCE_GUESS,	/* a usual host name that resolves */
	MP_NSOURCES
};

const char *mp_source_key(enum mp_source source);

/* An endpoint as discovery found it: where, and what a probe saw. */
struct mp_setting {
	struct mp_endpoint	 endpoint;	/* the signin is a password
						   where DNS found it */
	enum mp_source		 source;
	/* The row, record, host or URL it comes from. */
	char			 via[MP_URL_SIZE];
	/* The user name's template where an autoconfig file gives one the
	   username's forms do not name (endpoint.username is then
	   MP_USER_NONE), else "". */
	char			 template[128];
	bool			 verified;	/* probed and found secure */
	bool			 probed;
	struct mp_probe_result	 probe;		/* the best address's */
	/* The name its certificate is matched against (mp_reference_name),
	   and the host found first, whose certificate named this one, or
	   "" (mp_cert_other_hosts). */
	char			 matched[MP_DNS_NAME_SIZE];
	char			 instead_of[MP_DNS_NAME_SIZE];
};

/* One line of what a step found, for people and for --json. */
struct mp_step {
	enum mp_source	source;
	char		query[MP_URL_SIZE];	/* what was asked: a name or URL */
	/* What came back: room for a name and the longest words around it
	   ("port 65535, priority 65535, weight 65535 and 65535 more (over
	   TCP)"), or for an https URL twice, once quoted for the shell. */
	char		found[3 * MP_URL_SIZE + 256];
};

#define MP_SETTINGS_MAX 48
#define MP_STEPS_MAX 32

struct mp_discovery {
	char			 domain[MP_DNS_NAME_SIZE];
	/* The settings of the source that won, the one a client uses. */
	size_t			 nsettings;
	struct mp_setting	 settings[MP_SETTINGS_MAX];
	/* Those the sources of lower priority found, never probed. */
	size_t			 nothers;
	struct mp_setting	 others[MP_SETTINGS_MAX];
	size_t			 nsteps;
	struct mp_step		 steps[MP_STEPS_MAX];
	bool			 dns_failed;	/* no name server answered */
};

/*
 * The domain of an address or a domain, in its ASCII form (lower case,
 * A-labels), without a final dot; false for what is neither, by the
 * check every mode makes.
 */
bool mp_discovery_domain(const char *argument,
    char domain[static MP_DNS_NAME_SIZE]);

/* Whether a source's answers are authenticated: only the table's are. */
bool mp_source_authenticated(enum mp_source source);

/*
 * Finds the settings for domain (lower case, valid) that the query
 * allows, asking the servers with the timeout; address, the address
 * asked about or NULL, goes with the autoconfig request as a mail client
 * sends it.  With verify, probes them, judging their certificates against
 * store (NULL: none).
 */
void mp_discover(struct mp_discovery *discovery, const char *address,
    const char *domain,
    const struct mp_query *query, const struct mp_address *servers,
    size_t nservers, unsigned timeout_ms, bool verify,
    const struct mp_trust *store);

/*
 * The table for people; address is the address or domain asked about,
 * whose user name the table fills in, or NULL; the last column wraps to
 * fit columns, unless that is 0.
 */
void mp_print_discovery_table(FILE *fp, const struct mp_discovery *d,
    const char *address, bool color, size_t columns);
/*
 * Writes the sentences of the findings for which a mail client refuses a
 * certificate (MP_CERT_REFUSED), joined by "; ", in text of size bytes.
 */
void mp_refused_text(unsigned findings, char *text, size_t size);

void mp_print_discovery_ports(FILE *fp, const struct mp_discovery *d);
void mp_print_discovery_tsv(FILE *fp, const struct mp_discovery *d);
void mp_print_discovery_json(FILE *fp, const struct mp_discovery *d);
/*
 * For a list of domains, the parts of those: the names of the TSV
 * columns, tab between them; the rows alone, each with tag (the input,
 * escaped) and a tab first and one more column, empty, last, unless tag
 * is NULL; and the members of the JSON object without its braces.
 */
extern const char mp_discovery_tsv_columns[];
void mp_put_discovery_tsv(FILE *fp, const struct mp_discovery *d,
    const char *tag);
void mp_put_discovery_json(FILE *fp, const struct mp_discovery *d);

#endif

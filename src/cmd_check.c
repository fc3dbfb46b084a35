/*
 * cmd_check.c - --check: a setting as a mail client holds it, or a
 * provider's settings for an address, probed with the protocol's other
 * ports at once, and what to change.
 */
#include <err.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "batch.h"
#include "check.h"
#include "cli.h"
#include "cli_net.h"
#include "discover.h"
#include "dns.h"
#include "endpoint.h"
#include "escape.h"
#include "net.h"
#include "print.h"
#include "providers.h"
#include "report.h"

/* The protocols a provider lists: one setting each, at most. */
#define CHECKS_MAX 4
/*
 * As many as one run of the probe takes at once; a setting has seven
 * targets at most, on at most MP_ADDRESSES_MAX addresses.
 */
#define RESULTS_MAX 256
/* The candidates of every setting, one target each, on their addresses. */
#define SUGGEST_MAX \
	((size_t)CHECKS_MAX * MP_CHECK_CANDIDATES_MAX * MP_ADDRESSES_MAX)

/* HOST:PORT and the words: one setting, or what is wrong said. */
static size_t
one_setting(const char *argument, char **words, int nwords,
    struct mp_endpoint *setting)
{
	struct mp_query query;
	char error[MP_CHECK_ERROR_SIZE];

	/* An unknown word is said with the known one nearest it. */
	mp_query_init(&query);
	if (mp_cli_add_words(&query, words, nwords) != MP_EXIT_FOUND)
		return 0;
	if (!mp_check_setting(argument, words, nwords, setting, error,
	    sizeof error)) {
		warnx("%s", error);
		return 0;
	}
	return 1;
}

/*
 * An address no provider is known for: what discovery finds, as a mail
 * client's account wizard would, its first setting of each protocol.
 * When it finds none, *found says so: then nothing can be checked.
 */
static size_t
discovered_settings(const struct mp_cli *cli, const char *address,
    char **words, int nwords, struct mp_endpoint *settings, bool *found)
{
	static struct mp_discovery discovery;
	struct mp_address servers[MP_CLI_NAME_SERVERS_MAX];
	char domain[MP_DNS_NAME_SIZE], shown[96];
	struct mp_query query;
	size_t nservers, n = 0, i;
	unsigned seen = 0;

	mp_escape_utf8(shown, sizeof shown, address, strlen(address));
	/* The query took the address: its domain is one. */
	if (!mp_discovery_domain(address, domain))
		return 0;
	mp_query_init(&query);
	if (mp_cli_add_words(&query, words, nwords) != MP_EXIT_FOUND)
		return 0;
	if ((nservers = mp_cli_name_servers(cli, false, servers)) == 0)
		return 0;
	mp_discover(&discovery, address, domain, &query, servers, nservers,
	    cli->timeout_ms, false, NULL);
	for (i = 0; i < discovery.nsettings && n < CHECKS_MAX; i++) {
		const struct mp_endpoint *e = &discovery.settings[i].endpoint;

		if (seen & 1u << e->protocol)
			continue;
		seen |= 1u << e->protocol;
		settings[n++] = *e;
	}
	if (n == 0) {
		warnx("no provider known for '%s', and discovery finds no "
		    "server%s: give HOST:PORT and the security", shown,
		    discovery.dns_failed ? " (no name server answered)" : "");
		*found = false;
	}
	return n;
}

/*
 * An address: the provider's preferred server of each protocol, or what
 * discovery finds for a domain no provider is known for.
 */
static size_t
provider_settings(const struct mp_cli *cli, const char *address,
    char **words, int nwords, struct mp_endpoint *settings,
    bool *found)
{
	const struct mp_server *servers[MP_SERVERS_MAX];
	struct mp_query query;
	enum mp_error error;
	size_t n, i;

	mp_query_init(&query);
	error = mp_query_add(&query, address, strlen(address));
	if (error == MP_ERR_DOMAIN)
		return discovered_settings(cli, address, words, nwords,
		    settings, found);
	if (error != MP_OK) {
		mp_cli_add_word(&query, address, strlen(address), 0);
		return 0;
	}
	if (mp_cli_add_words(&query, words, nwords) != MP_EXIT_FOUND)
		return 0;
	n = mp_lookup_servers(&query, servers, MP_SERVERS_MAX, true);
	if (n == 0) {
		char asked[160];

		warnx("no server of the provider matches '%s'",
		    mp_cli_join(asked, sizeof asked, words, nwords));
		return 0;
	}
	for (i = 0; i < n && i < CHECKS_MAX; i++)
		mp_endpoint_of_server(&settings[i], servers[i], query.domain);
	return i;
}

/*
 * The server names to type instead, for the checks whose certificate is
 * made out to other names: each name the certificate carries that
 * resolves is probed on the setting's port in its mode, all of them at
 * once, and one that works securely becomes the fix.  A name that does
 * not resolve is no candidate: nothing is said of it.
 */
static void
suggest_names(const struct mp_cli *cli, struct mp_check *checks, size_t n)
{
	static struct mp_probe_result results[SUGGEST_MAX];
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	char names[MP_CHECK_CANDIDATES_MAX][MP_HOST_NAME_SIZE];
	size_t start[CHECKS_MAX], count[CHECKS_MAX];
	size_t used = 0, i, j;

	for (i = 0; i < n; i++) {
		struct mp_probe_target target;
		size_t k;

		start[i] = used;
		k = mp_check_candidates(&checks[i], names,
		    MP_CHECK_CANDIDATES_MAX);
		mp_endpoint_target(&checks[i].setting, &target);
		target.implicit = checks[i].setting.tls == MP_TLS_IMPLICIT;
		target.guess_tls = false;
		for (j = 0; j < k; j++) {
			const char *error = NULL;
			size_t naddresses = mp_resolve(names[j], addresses,
			    MP_ADDRESSES_MAX, &error);

			used += mp_probe_fill(results + used, SUGGEST_MAX - used,
			    addresses, naddresses, &target, 1, names[j]);
		}
		count[i] = used - start[i];
	}
	if (used == 0)
		return;
	mp_probe_run(results, used, cli->timeout_ms, mp_cli_trust());
	for (i = 0; i < n; i++)
		mp_check_suggest(&checks[i], results + start[i], count[i]);
}

/*
 * Whether the resolver's reason for finding no address says that the name
 * has none: not a failure of the name servers or of this system, of which
 * a name can tell nothing.  mp_resolve gives gai_strerror's words.
 */
static bool
no_such_host(const char *reason)
{
	static const int failures[] = {
		EAI_AGAIN, EAI_FAIL, EAI_MEMORY, EAI_SYSTEM
	};
	size_t i;

	for (i = 0; i < sizeof failures / sizeof failures[0]; i++)
		if (strcmp(reason, gai_strerror(failures[i])) == 0)
			return false;
	return true;
}

/*
 * The probe of a setting's targets at each address of its host, at most
 * max, into results; *n is how many.  A host that does not resolve has
 * none, and *reason says why; false after saying that the name servers
 * or this system failed, where nothing can be said of the name.
 */
static bool
fill_setting(const struct mp_endpoint *setting,
    const struct mp_probe_target *targets, size_t ntargets,
    struct mp_probe_result *results, size_t max, size_t *n,
    const char **reason)
{
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	size_t naddresses;

	*reason = NULL;
	naddresses = mp_resolve(setting->host, addresses, MP_ADDRESSES_MAX,
	    reason);
	if (naddresses == 0 && !no_such_host(*reason)) {
		char shown[MP_HOST_NAME_SIZE * 4];

		mp_escape_utf8(shown, sizeof shown, setting->host,
		    strlen(setting->host));
		warnx("cannot resolve '%s': %s", shown, *reason);
		return false;
	}
	*n = mp_probe_fill(results, max, addresses, naddresses, targets,
	    ntargets, setting->host);
	if (naddresses > 0)
		*reason = NULL;
	return true;
}

int
mp_cmd_check(const struct mp_cli *cli, char **words, int nwords)
{
	const char *argument = cli->arg[MP_OPT_CHECK];
	static struct mp_probe_result results[RESULTS_MAX];
	static struct mp_check checks[CHECKS_MAX];
	struct mp_endpoint settings[CHECKS_MAX];
	struct mp_probe_target targets[MP_CHECK_TARGETS_MAX];
	struct mp_records records = { .kind = MP_RECORDS_CHECK };
	size_t start[CHECKS_MAX], count[CHECKS_MAX];
	const char *unresolved[CHECKS_MAX];
	size_t nsettings, used = 0, i;
	int status = MP_EXIT_FOUND;
	bool found = true;
	struct timespec wall;
	int64_t now;

	if (strcmp(argument, "-") == 0) {
		struct mp_query query;

		mp_query_init(&query);
		return mp_batch(cli, &mp_batch_check_kind, &query, words,
		    nwords);
	}
	if (!mp_cli_one_target(cli, "--check"))
		return MP_EXIT_USAGE;
	nsettings = strchr(argument, '@') != NULL ?
	    provider_settings(cli, argument, words, nwords, settings, &found) :
	    one_setting(argument, words, nwords, &settings[0]);
	if (nsettings == 0)
		return found ? MP_EXIT_USAGE : MP_EXIT_NOT_FOUND;
	for (i = 0; i < nsettings; i++) {
		size_t ntargets = mp_check_targets(&settings[i], targets,
		    MP_CHECK_TARGETS_MAX);

		start[i] = used;
		if (!fill_setting(&settings[i], targets, ntargets, results +
		    used, RESULTS_MAX - used, &count[i], &unresolved[i]))
			return MP_EXIT_TROUBLE;
		used += count[i];
	}
	/* The time the probe judges the certificates at, near enough. */
	now = clock_gettime(CLOCK_REALTIME, &wall) == 0 ? wall.tv_sec : 0;
	mp_probe_run(results, used, cli->timeout_ms, mp_cli_trust());
	for (i = 0; i < nsettings; i++) {
		if (unresolved[i] != NULL)
			mp_check_no_such_host(&settings[i], unresolved[i],
			    &checks[i]);
		else
			mp_check_diagnose(&settings[i], results + start[i],
			    count[i], now, &checks[i]);
		if (!checks[i].secure)
			status = MP_EXIT_NOT_FOUND;
	}
	suggest_names(cli, checks, nsettings);
	records.checks = checks;
	records.n = nsettings;
	mp_print_records(stdout, cli, &records, false);
	return status;
}

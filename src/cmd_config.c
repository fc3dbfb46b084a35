/*
 * cmd_config.c - --config: the settings of an address written as a file
 * that a mail client reads, or that a domain publishes.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_net.h"
#include "config.h"
#include "discover.h"
#include "escape.h"
#include "len.h"
#include "net.h"
#include "options.h"
#include "report.h"

/* Fills the account from discovery, as --discover finds the servers. */
static int
discovered(const struct mp_cli *cli, struct mp_account *account,
    const struct mp_query *query)
{
	static struct mp_discovery discovery;
	struct mp_address servers[MP_CLI_NAME_SERVERS_MAX];
	size_t nservers;

	if ((nservers = mp_cli_name_servers(cli, true, servers)) == 0)
		return MP_EXIT_TROUBLE;
	mp_discover(&discovery, account->address, account->domain, query,
	    servers, nservers, cli->timeout_ms, false, NULL);
	mp_account_add_discovery(account, &discovery);
	return MP_EXIT_FOUND;
}

/* Whether text is a host name alone, as --server and --probe take it. */
static bool
host_only(const char *text, char host[static MP_HOST_NAME_SIZE])
{
	unsigned port;

	return mp_split_host(text, host, &port) && port == 0 &&
	    mp_is_host_name(host);
}

/* Says, in a mail client's words, why each certificate is refused. */
static void
say_refused(const char *host, const struct mp_probe_result *results,
    size_t n)
{
	char why[512];
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(results[i].cert.findings & MP_CERT_REFUSED))
			continue;
		mp_refused_text(results[i].cert.findings, why, sizeof why);
		warnx("%s port %u (%s): not written, as a mail client refuses "
		    "its certificate: %s", host, results[i].request.target.port,
		    results[i].request.address, why);
	}
}

/*
 * Fills the account with what a probe of host finds to work securely;
 * where a certificate is refused for its names, the same provider's
 * hosts it names are probed, all in one more run, and the ports they
 * serve securely are written with them instead.
 */
static int
probed(const struct mp_cli *cli, struct mp_account *account,
    const char *host, const struct mp_query *query)
{
	static struct mp_probe_result results[MP_ADDRESSES_MAX * MP_PORTS_MAX];
	struct mp_probe_target targets[MP_PORTS_MAX];
	char others[4][MP_DNS_NAME_SIZE];
	size_t first[LEN(others) + 1], ntargets, n, nothers, i, k;

	ntargets = mp_probe_targets(query, 0, targets, MP_PORTS_MAX);
	/* A host name (host_only): nothing in it to escape. */
	if (!mp_cli_probe_fill(cli, host, host, targets, ntargets, results,
	    LEN(results), &n))
		return MP_EXIT_TROUBLE;
	mp_probe_run(results, n, cli->timeout_ms, mp_cli_trust());
	say_refused(host, results, n);
	mp_account_add_probe(account, host, results, n);
	nothers = mp_account_other_hosts(account, host, results, n, others,
	    LEN(others));
	/* The names come from a certificate's host names: nothing to escape. */
	for (i = n = 0; i < nothers; i++) {
		first[i] = n;
		if (!mp_cli_probe_fill(cli, others[i], others[i], targets,
		    ntargets, results + n, LEN(results) - n, &k))
			k = 0;
		n += k;
	}
	first[nothers] = n;
	if (n > 0)
		mp_probe_run(results, n, cli->timeout_ms, mp_cli_trust());
	for (i = 0; i < nothers; i++) {
		size_t before = account->n;

		mp_account_add_probe(account, others[i], results + first[i],
		    first[i + 1] - first[i]);
		for (k = before; k < account->n; k++)
			warnx("%s port %u: written instead of %s, whose "
			    "certificate is made out to it", others[i],
			    account->servers[k].port, host);
	}
	return MP_EXIT_FOUND;
}

/* What --config was asked for. */
struct mp_config_request {
	const char	*format;	/* --config FORMAT */
	const char	*address;	/* the address or domain */
	const char	*server;	/* --server HOST, or NULL */
	const char	*probe;		/* --probe HOST, or NULL */
	const char	*name;		/* --name NAME, or NULL */
	bool		 discover;	/* the address came with --discover */
};

static int
config(const struct mp_cli *cli, const struct mp_config_request *req,
    char **words, int nwords)
{
	static struct mp_account account;
	struct mp_query query;
	char shown[160], why[256];
	int format, provider, status;

	if ((format = mp_config_find(req->format)) < 0 &&
	    strchr(req->format, '@') != NULL) {
		/* An address where the format goes: the format was left out. */
		warnx("--config needs a format before the address, one of:");
		mp_config_list(stderr);
		return MP_EXIT_USAGE;
	}
	if (format < 0) {
		mp_escape_utf8(shown, sizeof shown, req->format,
		    strlen(req->format));
		warnx("unknown format '%s' for --config (one of: %s)", shown,
		    MP_CONFIG_VALUES);
		return MP_EXIT_TROUBLE;
	}
	if (req->address == NULL) {
		warnx("--config needs an address, such as alice@example.com");
		return MP_EXIT_TROUBLE;
	}
	if (!mp_account_init(&account, req->address, req->name)) {
		mp_escape_utf8(shown, sizeof shown, req->address,
		    strlen(req->address));
		warnx("invalid address or domain '%s' (such as "
		    "alice@example.com or example.com)", shown);
		return MP_EXIT_TROUBLE;
	}
	if (mp_cli_port_words(&query, words, nwords, "--config") !=
	    MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	provider = mp_domain_find(account.domain, strlen(account.domain));
	if (req->server != NULL || req->probe != NULL) {
		const char *given = req->server != NULL ? req->server :
		    req->probe;
		char host[MP_HOST_NAME_SIZE];

		if (!host_only(given, host)) {
			mp_escape_utf8(shown, sizeof shown, given,
			    strlen(given));
			warnx("invalid server '%s' (a host name, such as "
			    "mail.example.com)", shown);
			return MP_EXIT_TROUBLE;
		}
		if (req->server != NULL)
			mp_account_add_host(&account, host, &query);
		else if ((status = probed(cli, &account, host, &query)) !=
		    MP_EXIT_FOUND)
			return status;
	} else if (provider >= 0)
		mp_account_add_provider(&account, (unsigned)provider, &query);
	else if (req->discover) {
		if ((status = discovered(cli, &account, &query)) !=
		    MP_EXIT_FOUND)
			return status;
	} else {
		mp_escape_utf8(shown, sizeof shown, account.domain,
		    strlen(account.domain));
		warnx("no provider known for '%s' (try --discover, or "
		    "--server HOST)", shown);
		return MP_EXIT_NOT_FOUND;
	}
	switch (mp_config_check(&account, (enum mp_config_id)format, why,
	    sizeof why)) {
	case MP_CONFIG_OK:
		break;
	case MP_CONFIG_BAD_TEXT:
		warnx("%s", why);
		return MP_EXIT_TROUBLE;
	default:
		warnx("%s", why);
		return MP_EXIT_NOT_FOUND;
	}
	mp_config_write(stdout, &account, (enum mp_config_id)format);
	return MP_EXIT_FOUND;
}

int
mp_cmd_config(const struct mp_cli *cli, char **words, int nwords)
{
	struct mp_config_request req = { cli->arg[MP_OPT_CONFIG],
	    cli->arg[MP_OPT_DISCOVER], cli->arg[MP_OPT_SERVER],
	    cli->arg[MP_OPT_PROBE], cli->arg[MP_OPT_NAME],
	    cli->arg[MP_OPT_DISCOVER] != NULL };

	/* Without --discover, the first word is the address. */
	if (req.address == NULL && nwords > 0) {
		req.address = words[0];
		words++;
		nwords--;
	}
	return config(cli, &req, words, nwords);
}

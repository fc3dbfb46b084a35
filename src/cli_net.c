/*
 * cli_net.c - a host resolved and filled in for the probe, and the name
 * servers of --dns-server, for every mode alike.
 */
#include <err.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "cli_net.h"
#include "dns.h"
#include "escape.h"

/* The addresses the name server of --dns-server gives host, A first. */
static size_t
ask_name_server(const struct mp_cli *cli, const char *host,
    struct mp_address *addresses, size_t max, const char **error)
{
	struct mp_address servers[MP_CLI_NAME_SERVERS_MAX];
	static struct mp_dns_question q[2];
	size_t nservers, n = 0, i, r;

	if ((nservers = mp_cli_name_servers(cli, true, servers)) == 0) {
		*error = "invalid name server";
		return 0;
	}
	mp_dns_address_questions(q, host);
	mp_dns_ask(q, 2, servers, nservers, cli->timeout_ms);
	for (i = 0; i < 2; i++)
		for (r = 0; r < q[i].answer.n && n < max; r++)
			n += mp_address_set(&addresses[n], i == 0 ? AF_INET :
			    AF_INET6, q[i].answer.records[r].address, 0);
	if (n == 0)
		*error = q[0].answer.status == MP_DNS_NO_NAME ? "no such name" :
		    q[0].answer.status == MP_DNS_ANSWERED ? "no address" :
		    "no answer from the name server";
	return n;
}

bool
mp_cli_probe_fill(const struct mp_cli *cli, const char *host,
    const char *shown, const struct mp_probe_target *targets,
    size_t ntargets, struct mp_probe_result *results, size_t max, size_t *n)
{
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	const char *error = NULL;
	size_t naddresses;

	naddresses = cli->arg[MP_OPT_DNS_SERVER] != NULL &&
	    mp_is_host_name(host) ? ask_name_server(cli, host, addresses,
	    MP_ADDRESSES_MAX, &error) :
	    mp_resolve(host, addresses, MP_ADDRESSES_MAX, &error);
	if (naddresses == 0) {
		warnx("cannot resolve '%s': %s", shown, error);
		return false;
	}
	*n = mp_probe_fill(results, max, addresses, naddresses, targets,
	    ntargets, host);
	return true;
}

const struct mp_trust *
mp_cli_trust(void)
{
	static struct mp_trust store;
	static bool loaded;
	static enum mp_trust_result found;

	if (!loaded) {
		/* The store points into it: it lives as long as the store. */
		static uint8_t buf[MP_TRUST_FILE_MAX];
		const char *where;

		mp_trust_init(&store, buf, sizeof buf);
		found = mp_trust_load(&store, getenv("SSL_CERT_FILE"),
		    getenv("SSL_CERT_DIR"), mp_trust_bundles, &where);
		loaded = true;
	}
	return found == MP_TRUST_LOADED ? &store : NULL;
}

size_t
mp_cli_name_servers(const struct mp_cli *cli, bool named,
    struct mp_address servers[MP_CLI_NAME_SERVERS_MAX])
{
	const char *given = cli->arg[MP_OPT_DNS_SERVER];
	size_t n;
	char shown[96];

	if ((n = mp_dns_name_servers(given, servers,
	    MP_CLI_NAME_SERVERS_MAX)) > 0)
		return n;
	if (!named) {
		warnx("invalid name server (an address, with :port if not 53; "
		    "[address]:port for IPv6)");
		return 0;
	}
	given = given != NULL ? given : "";
	warnx("invalid name server '%s' (an address, with :port if not 53; "
	    "[address]:port for IPv6)",
	    mp_escape(shown, sizeof shown, given, strlen(given)));
	return 0;
}

bool
mp_cli_one_target(const struct mp_cli *cli, const char *option)
{
	if (cli->list_option == NULL)
		return true;
	warnx("--%s is for a list of targets, one a line of standard input: "
	    "%s -", cli->list_option, option);
	return false;
}

/*
 * cmd_discover.c - --discover: the servers for an address, found as a mail
 * client's account wizard finds them.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cli_net.h"
#include "discover.h"
#include "dns.h"
#include "escape.h"
#include "net.h"
#include "print.h"
#include "report.h"

int
mp_cmd_discover(const struct mp_cli *cli, char **words, int nwords)
{
	const char *argument = cli->arg[MP_OPT_DISCOVER];
	static struct mp_discovery discovery;
	struct mp_address servers[MP_CLI_NAME_SERVERS_MAX];
	struct mp_records records = { .kind = MP_RECORDS_DISCOVERY };
	char domain[MP_DNS_NAME_SIZE], shown[96];
	struct mp_query query;
	size_t nservers, i;

	if (strcmp(argument, "-") == 0)
		return mp_batch_ports(cli, &mp_batch_discover_kind, words,
		    nwords, "--discover");
	if (!mp_cli_one_target(cli, "--discover"))
		return MP_EXIT_USAGE;
	mp_escape_utf8(shown, sizeof shown, argument, strlen(argument));
	if (!mp_discovery_domain(argument, domain)) {
		warnx("invalid address or domain '%s' (such as "
		    "alice@example.com or example.com)", shown);
		return MP_EXIT_TROUBLE;
	}
	if (mp_cli_port_words(&query, words, nwords, "--discover") != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	if ((nservers = mp_cli_name_servers(cli, true, servers)) == 0)
		return MP_EXIT_TROUBLE;
	mp_discover(&discovery, argument, domain, &query, servers, nservers,
	    cli->timeout_ms, cli->verify, cli->verify ? mp_cli_trust() : NULL);
	records.discovery = &discovery;
	records.host = argument;
	mp_print_records(stdout, cli, &records, false);
	for (i = 0; i < discovery.nsettings; i++)
		if (!cli->verify || discovery.settings[i].verified)
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

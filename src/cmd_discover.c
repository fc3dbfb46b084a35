/*
 * cmd_discover.c - --discover: the servers for an address, found as a mail
 * client's account wizard finds them.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "cli.h"
#include "discover.h"
#include "dns.h"
#include "escape.h"

/* The domain of an address or a domain, lower case, without a final dot. */
static bool
discovery_domain(const char *argument, char domain[static MP_DNS_NAME_SIZE])
{
	const char *start = argument;
	size_t len, i;

	for (i = 0; argument[i] != '\0'; i++)
		if (argument[i] == '@')
			start = argument + i + 1;
	len = strlen(start);
	if (len > 0 && start[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	for (i = 0; i < len; i++) {
		domain[i] = mp_ascii_lower(start[i]);
	}
	domain[len] = '\0';
	/* A name DNS can carry, with a dot in it. */
	for (i = 0; i < len && domain[i] != '.'; i++)
		;
	return i < len && mp_dns_name_valid(domain);
}

int
mp_cmd_discover(const struct mp_cli *cli, const char *argument, char **words,
    int nwords)
{
	static struct mp_discovery discovery;
	struct mp_address servers[3];
	struct mp_records records = { .kind = MP_RECORDS_DISCOVERY };
	char domain[MP_DNS_NAME_SIZE], shown[96];
	struct mp_query query;
	size_t nservers, i;

	mp_escape(shown, sizeof shown, argument, strlen(argument));
	if (!discovery_domain(argument, domain)) {
		warnx("invalid address or domain '%s'", shown);
		return MP_EXIT_TROUBLE;
	}
	mp_query_init(&query);
	if (mp_cli_add_words(&query, words, nwords) != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	if (query.provider != 0) {
		warnx("--discover takes the words of ports, not of providers");
		return MP_EXIT_TROUBLE;
	}
	if ((nservers = mp_dns_name_servers(cli->dns_server, servers, 3)) == 0) {
		const char *given = cli->dns_server != NULL ?
		    cli->dns_server : "";

		mp_escape(shown, sizeof shown, given, strlen(given));
		warnx("invalid name server '%s' (an address, with :port if "
		    "not 53; [address]:port for IPv6)", shown);
		return MP_EXIT_TROUBLE;
	}
	mp_discover(&discovery, domain, &query, servers, nservers,
	    cli->timeout_ms, cli->verify);
	records.discovery = &discovery;
	mp_print_records(stdout, cli, &records, false);
	for (i = 0; i < discovery.nsettings; i++)
		if (!cli->verify || discovery.settings[i].verified)
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

/*
 * cmd_probe.c - --probe: what a live mail server speaks on each port.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "net.h"
#include "probe.h"

int
mp_cmd_probe(const struct mp_cli *cli, const char *argument, char **words,
    int nwords)
{
	static struct mp_probe_result results[MP_ADDRESSES_MAX * MP_PORTS_MAX];
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	char host[MP_HOST_NAME_SIZE], shown[96];
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_records records = { .kind = MP_RECORDS_PROBE };
	struct mp_query query;
	size_t naddresses, ntargets, n, t;
	const char *error = NULL;
	unsigned port;

	mp_escape_utf8(shown, sizeof shown, argument, strlen(argument));
	if (!mp_split_host(argument, host, &port)) {
		warnx("invalid host '%s' (a name or an address, with :port "
		    "for one port; [address]:port for IPv6)", shown);
		return MP_EXIT_TROUBLE;
	}
	mp_query_init(&query);
	if (mp_cli_add_words(&query, words, nwords) != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	if (query.provider != 0) {
		warnx("--probe takes the words of ports, not of providers");
		return MP_EXIT_TROUBLE;
	}
	if (port != 0 && query.port != 0 && query.port != port) {
		warnx("two ports asked for: %u in the host, %u in the words",
		    port, query.port);
		return MP_EXIT_TROUBLE;
	}
	if ((ntargets = mp_probe_targets(&query, port, targets,
	    MP_PORTS_MAX)) == 0) {
		char asked[160];

		warnx("no port a mail client uses matches '%s'",
		    mp_cli_join(asked, sizeof asked, words, nwords));
		return MP_EXIT_TROUBLE;
	}
	naddresses = mp_probe_resolve(host, addresses, MP_ADDRESSES_MAX,
	    &error);
	if (naddresses == 0) {
		warnx("cannot resolve '%s': %s", shown, error);
		return MP_EXIT_TROUBLE;
	}
	n = mp_probe_fill(results, sizeof results / sizeof results[0],
	    addresses, naddresses, targets, ntargets, host);
	mp_probe_run(results, n, cli->timeout_ms);
	records.host = host;
	records.results = results;
	records.n = n;
	mp_print_records(stdout, cli, &records, false);
	for (t = 0; t < n; t++)
		if (mp_result_secure(&results[t]))
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

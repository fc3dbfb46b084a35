/*
 * cmd_probe.c - --probe: what a live mail server speaks on each port.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cli_net.h"
#include "escape.h"
#include "len.h"
#include "net.h"
#include "number.h"
#include "print.h"
#include "probe.h"
#include "report.h"

/*
 * The port of a HOST:PORT or [ADDRESS]:PORT that mp_split_host refused,
 * when it is a number but none of 1-65535, so that the message can say
 * so; else NULL.
 */
static const char *
port_out_of_range(const char *argument)
{
	const char *port = NULL, *colon, *close;
	enum mp_number_error error;
	unsigned long number;

	if (argument[0] == '[') {
		if ((close = strchr(argument, ']')) != NULL && close[1] == ':')
			port = close + 2;
	} else if ((colon = strchr(argument, ':')) != NULL &&
	    strchr(colon + 1, ':') == NULL)
		port = colon + 1;
	if (port == NULL)
		return NULL;
	error = mp_number(port, strlen(port), 0, 1, 65535, &number);
	return error == MP_NUMBER_TOO_SMALL || error == MP_NUMBER_TOO_LARGE ?
	    port : NULL;
}

int
mp_cmd_probe(const struct mp_cli *cli, char **words, int nwords)
{
	const char *argument = cli->arg[MP_OPT_PROBE];
	static struct mp_probe_result results[MP_ADDRESSES_MAX * MP_PORTS_MAX];
	char host[MP_HOST_NAME_SIZE], shown[96];
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_records records = { .kind = MP_RECORDS_PROBE };
	struct mp_query query;
	size_t ntargets, n, t;
	unsigned port;

	if (strcmp(argument, "-") == 0)
		return mp_batch_ports(cli, &mp_batch_probe_kind, words, nwords,
		    "--probe");
	if (!mp_cli_one_target(cli, "--probe"))
		return MP_EXIT_USAGE;
	mp_escape_utf8(shown, sizeof shown, argument, strlen(argument));
	if (!mp_split_host(argument, host, &port)) {
		const char *number = port_out_of_range(argument);

		if (number != NULL) {
			mp_escape(shown, sizeof shown, number, strlen(number));
			warnx("port %s is out of range 1-65535", shown);
		} else
			warnx("invalid host '%s' (a name or an address, with "
			    ":port for one port; [address]:port for IPv6)",
			    shown);
		return MP_EXIT_TROUBLE;
	}
	if (mp_cli_port_words(&query, words, nwords, "--probe") != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	if (port != 0 && !mp_query_allows_port(&query, port)) {
		char asked[MP_QUERY_PORTS_MAX * 7] = "";
		size_t i, used = 0;

		for (i = 0; i < query.nports; i++)
			used += (size_t)snprintf(asked + used,
			    sizeof asked - used, "%s%u", i > 0 ? ", " : "",
			    query.ports[i]);
		warnx("two ports asked for: %u in the host, %s in the words",
		    port, asked);
		return MP_EXIT_TROUBLE;
	}
	if ((ntargets = mp_probe_targets(&query, port, targets,
	    MP_PORTS_MAX)) == 0) {
		char asked[160];

		warnx("no port a mail client uses matches '%s'",
		    mp_cli_join(asked, sizeof asked, words, nwords));
		return MP_EXIT_TROUBLE;
	}
	if (!mp_cli_probe_fill(cli, host, shown, targets, ntargets, results,
	    LEN(results), &n))
		return MP_EXIT_TROUBLE;
	mp_probe_run(results, n, cli->timeout_ms, mp_cli_trust());
	records.host = host;
	records.results = results;
	records.n = n;
	mp_print_records(stdout, cli, &records, false);
	for (t = 0; t < n; t++)
		if (mp_result_secure(&results[t]))
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

/*
 * cmd_probe.c - --probe: what a live mail server speaks on each port.
 */
#include <err.h>
#include <string.h>

#include "cli.h"
#include "dns.h"
#include "probe.h"

static bool
is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':';
}

/*
 * Splits HOST, HOST:PORT, [IPV6]:PORT or a bare IPv6 address into a host
 * and a port (0 when none is given).
 */
static bool
split_host(const char *argument, char host[static 256], unsigned *port)
{
	const char *end = argument, *colon = NULL;
	size_t colons = 0, len, i;

	*port = 0;
	for (i = 0; argument[i] != '\0'; i++)
		if (argument[i] == ':' && colons++ == 0)
			colon = argument + i;
	if (argument[0] == '[') {
		while (*end != '\0' && *end != ']')
			end++;
		if (*end != ']' || (end[1] != '\0' && (end[1] != ':' ||
		    !mp_parse_port(end + 2, port))))
			return false;
		argument++;
	} else if (colons == 1) {
		/* One colon ends a name or an IPv4 address with a port. */
		end = colon;
		if (!mp_parse_port(colon + 1, port))
			return false;
	} else {
		end = argument + i;
	}
	len = (size_t)(end - argument);
	if (len == 0 || len > 253)
		return false;
	for (i = 0; i < len; i++) {
		if (!is_host_char(argument[i]))
			return false;
		host[i] = argument[i];
	}
	host[len] = '\0';
	return true;
}

/* Seconds, such as 3 or 0.25, to milliseconds: 1 ms to an hour. */

static bool
probed_protocol(enum mp_protocol protocol)
{
	return protocol == MP_PROTO_SMTP || protocol == MP_PROTO_IMAP ||
	    protocol == MP_PROTO_POP3 || protocol == MP_PROTO_MANAGESIEVE;
}

/* The only protocol the words allow, or MP_PROTO_UNKNOWN. */
static enum mp_protocol
only_protocol(const struct mp_query *query, unsigned port)
{
	enum mp_protocol found = MP_PROTO_UNKNOWN;
	size_t i;
	int p;

	for (p = 0; p < MP_NPROTOCOLS; p++) {
		if (!(query->protocols & 1u << p) ||
		    !probed_protocol((enum mp_protocol)p))
			continue;
		if (query->protocols != 1u << p) {
			found = MP_PROTO_UNKNOWN;
			break;
		}
		return (enum mp_protocol)p;
	}
	/* No protocol word: the table's, if it knows the port. */
	for (i = 0; i < mp_nports; i++)
		if (mp_ports[i].number == port &&
		    probed_protocol(mp_ports[i].protocol))
			return mp_ports[i].protocol;
	return found;
}

static bool
implicit_port(const struct mp_query *query, unsigned port)
{
	size_t i;

	if (query->tls == 1u << MP_TLS_IMPLICIT)
		return true;
	if (!(query->tls & 1u << MP_TLS_IMPLICIT))
		return false;
	for (i = 0; i < mp_nports; i++)
		if (mp_ports[i].number == port)
			return mp_ports[i].tls == MP_TLS_IMPLICIT;
	return false;
}

struct target {
	unsigned port;
	enum mp_protocol expected;
	bool implicit;
};

/* The ports to probe: the one given, or those of the table the words pick. */
static size_t
probe_targets(const struct mp_query *query, unsigned port,
    struct target *targets, size_t max)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = 0, found, i, j;

	if (port != 0) {
		targets[0].port = port;
		targets[0].expected = only_protocol(query, port);
		targets[0].implicit = implicit_port(query, port);
		return 1;
	}
	found = mp_lookup(query, ports, MP_PORTS_MAX);
	for (i = 0; i < found && i < MP_PORTS_MAX && n < max; i++) {
		if (!probed_protocol(ports[i]->protocol))
			continue;
		for (j = 0; j < n && targets[j].port != ports[i]->number; j++)
			;
		if (j < n)
			continue;
		targets[n].port = ports[i]->number;
		targets[n].expected = ports[i]->protocol;
		targets[n].implicit = ports[i]->tls == MP_TLS_IMPLICIT;
		n++;
	}
	return n;
}

int
mp_cmd_probe(const struct mp_cli *cli, const char *argument, char **words,
    int nwords)
{
	static struct mp_probe_result results[MP_ADDRESSES_MAX * MP_PORTS_MAX];
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	char host[256], shown[96], asked[160];
	struct target targets[MP_PORTS_MAX];
	struct mp_records records = { .kind = MP_RECORDS_PROBE };
	struct mp_query query;
	size_t naddresses, ntargets, n = 0, t, a;
	const char *error = NULL;
	unsigned port;

	mp_escape(shown, sizeof shown, argument, strlen(argument));
	if (!split_host(argument, host, &port)) {
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
	if ((ntargets = probe_targets(&query, port, targets, MP_PORTS_MAX)) ==
	    0) {
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
	for (t = 0; t < ntargets; t++) {
		for (a = 0; a < naddresses; a++, n++) {
			memcpy(results[n].address, addresses[a].text,
			    sizeof results[n].address);
			memcpy(&results[n].sockaddr, &addresses[a].sockaddr,
			    sizeof results[n].sockaddr);
			results[n].sockaddr_len = addresses[a].len;
			results[n].port = targets[t].port;
			results[n].expected = targets[t].expected;
			results[n].expect_tls = targets[t].implicit;
		}
	}
	mp_probe_run(results, n, cli->timeout_ms, host);
	records.host = host;
	records.results = results;
	records.n = n;
	mp_print_records(stdout, cli, &records, false);
	for (t = 0; t < n; t++)
		if (mp_result_secure(&results[t]))
			return MP_EXIT_FOUND;
	return MP_EXIT_NOT_FOUND;
}

/*
 * cli_net.h - what every mode that goes on the network does the same way:
 * a host to resolve and probe, and the name servers of --dns-server, each
 * with the one message that says what went wrong.
 */
#ifndef MAILPORTS_CLI_NET_H
#define MAILPORTS_CLI_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "net.h"
#include "probe.h"

/* The most name servers a discovery asks. */
#define MP_CLI_NAME_SERVERS_MAX 3

/*
 * Resolves host, through the name server of --dns-server when one is
 * given, else as the system does (its hosts file too), and fills results
 * with a probe of each target at each of its addresses, at most max.
 * Returns false after saying that host does not resolve, named as shown:
 * the host as the user gave it, escaped (mp_escape_utf8) to the length
 * the mode shows it at; else *n is how many results there are.
 */
bool mp_cli_probe_fill(const struct mp_cli *cli, const char *host,
    const char *shown,
    const struct mp_probe_target *targets, size_t ntargets,
    struct mp_probe_result *results, size_t max, size_t *n);

/*
 * The name servers to ask: those of --dns-server, or the system's.
 * Returns how many, or 0 after saying that the option's argument is not
 * an address; named, the message quotes it.
 */
size_t mp_cli_name_servers(const struct mp_cli *cli, bool named,
    struct mp_address servers[MP_CLI_NAME_SERVERS_MAX]);

/*
 * The system's trust store, read once, as trust.h finds it from
 * SSL_CERT_FILE, SSL_CERT_DIR and the usual bundles; NULL when there is
 * none, and the issuer of a certificate is then not judged.
 */
const struct mp_trust *mp_cli_trust(void);

/*
 * Whether the options suit one target: an option of a list (--parallel,
 * --summary, ...) with one target is said, naming the list form of
 * option, such as "--discover".
 */
bool mp_cli_one_target(const struct mp_cli *cli, const char *option);

#endif

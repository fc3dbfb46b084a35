/*
 * endpoint.h - a mail server as a client is set up for it: host, port,
 * protocol, connection security, the form of the user name and how to
 * sign in.  The provider table's rows, discovery's settings, --check's
 * setting and --config's accounts are all endpoints; the probe's targets
 * are made from them.
 */
#ifndef MAILPORTS_ENDPOINT_H
#define MAILPORTS_ENDPOINT_H

#include "mailports.h"
#include "net.h"
#include "probe.h"
#include "providers.h"

struct mp_endpoint {
	char		 host[MP_HOST_NAME_SIZE];	/* ASCII, a name or an
							   address */
	unsigned	 port;
	enum mp_protocol protocol;
	enum mp_tls	 tls;		/* "Connection security" */
	enum mp_username username;	/* the user name's form */
	unsigned	 signin;	/* MP_SIGNIN_ bits, 0 where unknown */
};

/*
 * The role a server of protocol plays for a mail client, which is its
 * direction: SUBMISSION (outgoing), FILTERS (ManageSieve) or ACCESS
 * (incoming).
 */
enum mp_role mp_endpoint_role(enum mp_protocol protocol);

/*
 * The endpoint of a provider table's row, its host name for an address
 * of domain (MP_DOMAIN_PLACEHOLDER replaced, see mp_server_host).
 */
void mp_endpoint_of_server(struct mp_endpoint *endpoint,
    const struct mp_server *server, const char *domain);

/*
 * The probe's target for an endpoint: its port, expecting its protocol,
 * with a ClientHello at once when it is set to SSL/TLS.
 */
void mp_endpoint_target(const struct mp_endpoint *endpoint,
    struct mp_probe_target *target);

#endif

/*
 * endpoint.c - what every kind of endpoint shares: its direction, and how
 * a provider's row and a probe's target are made from one.
 */
#include <stdio.h>

#include "endpoint.h"

enum mp_role
mp_endpoint_role(enum mp_protocol protocol)
{
	if (protocol == MP_PROTO_SMTP)
		return MP_ROLE_SUBMISSION;
	if (protocol == MP_PROTO_MANAGESIEVE)
		return MP_ROLE_FILTERS;
	return MP_ROLE_ACCESS;
}

void
mp_endpoint_of_server(struct mp_endpoint *endpoint,
    const struct mp_server *server, const char *domain)
{
	char host[MP_HOST_NAME_SIZE];

	snprintf(endpoint->host, sizeof endpoint->host, "%s",
	    mp_server_host(server, domain, host, sizeof host));
	endpoint->port = server->port;
	endpoint->protocol = server->protocol;
	endpoint->tls = server->tls;
	endpoint->username = server->username;
	endpoint->signin = server->signin;
}

void
mp_endpoint_target(const struct mp_endpoint *endpoint,
    struct mp_probe_target *target)
{
	target->port = endpoint->port;
	target->expected = endpoint->protocol;
	target->implicit = endpoint->tls == MP_TLS_IMPLICIT;
	target->guess_tls = false;
}

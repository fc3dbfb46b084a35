/*
 * ports.c - the port table, compiled from data/ports.def, and the names
 * of the values in it.
 */
#include "len.h"
#include "mailports.h"

const struct mp_port mp_ports[] = {
#define PORT(number, proto, role, tls, secure, status, iana, rfcs, note) \
	{ number, #number, MP_PROTO_##proto, MP_ROLE_##role, MP_TLS_##tls, \
	    secure, MP_STATUS_##status, iana, rfcs, note },
#include "ports.def"
};

const size_t mp_nports = LEN(mp_ports);

/* A number has one row at most: tests/unit/test_ports.c holds the table to it. */
const struct mp_port *
mp_port_bynumber(unsigned number)
{
	size_t i;

	for (i = 0; i < mp_nports; i++)
		if (mp_ports[i].number == number)
			return &mp_ports[i];
	return NULL;
}

#define KEY(value, key) key,
#define KEY_OF_LABELLED(value, key, label) key,
#define LABEL(value, key, label) label,
static const char *const protocol_keys[] = { MP_PROTOCOLS(KEY_OF_LABELLED) };
static const char *const protocol_labels[] = { MP_PROTOCOLS(LABEL) };
static const char *const role_keys[] = { MP_ROLES(KEY) };
static const char *const tls_keys[] = { MP_TLS_MODES(KEY_OF_LABELLED) };
static const char *const tls_labels[] = { MP_TLS_MODES(LABEL) };
static const char *const status_keys[] = { MP_STATUSES(KEY) };
#undef KEY
#undef KEY_OF_LABELLED
#undef LABEL

const char *
mp_protocol_key(enum mp_protocol protocol)
{
	return protocol_keys[protocol];
}

const char *
mp_protocol_label(enum mp_protocol protocol)
{
	return protocol_labels[protocol];
}

const char *
mp_role_key(enum mp_role role)
{
	return role_keys[role];
}

const char *
mp_tls_key(enum mp_tls tls)
{
	return tls_keys[tls];
}

const char *
mp_tls_label(enum mp_tls tls)
{
	return tls_labels[tls];
}

const char *
mp_status_key(enum mp_status status)
{
	return status_keys[status];
}

_Static_assert(LEN(mp_ports) <= MP_PORTS_MAX,
    "raise MP_PORTS_MAX, the room callers keep for answers");

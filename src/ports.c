/*
 * ports.c - the port table, compiled from data/ports.def, and the names
 * of the values in it.
 */
#include "mailports.h"

const struct mp_port mp_ports[] = {
#define PORT(number, proto, role, tls, secure, status, iana, rfcs, note) \
	{ number, MP_PROTO_##proto, MP_ROLE_##role, MP_TLS_##tls, secure, \
	    MP_STATUS_##status, iana, rfcs, note },
#include "ports.def"
};

const size_t mp_nports = sizeof mp_ports / sizeof mp_ports[0];

static const char *const protocol_keys[MP_NPROTOCOLS] = {
	[MP_PROTO_SMTP] = "smtp",
	[MP_PROTO_IMAP] = "imap",
	[MP_PROTO_POP3] = "pop3",
	[MP_PROTO_MANAGESIEVE] = "managesieve",
	[MP_PROTO_ODMR] = "odmr",
	[MP_PROTO_POP2] = "pop2",
	[MP_PROTO_IMAP3] = "imap3",
};

static const char *const protocol_labels[MP_NPROTOCOLS] = {
	[MP_PROTO_SMTP] = "SMTP",
	[MP_PROTO_IMAP] = "IMAP",
	[MP_PROTO_POP3] = "POP3",
	[MP_PROTO_MANAGESIEVE] = "ManageSieve",
	[MP_PROTO_ODMR] = "ODMR",
	[MP_PROTO_POP2] = "POP2",
	[MP_PROTO_IMAP3] = "IMAP3",
};

static const char *const role_keys[MP_NROLES] = {
	[MP_ROLE_RELAY] = "relay",
	[MP_ROLE_SUBMISSION] = "submission",
	[MP_ROLE_ACCESS] = "access",
	[MP_ROLE_FILTERS] = "filters",
};

static const char *const tls_keys[MP_NTLS] = {
	[MP_TLS_NONE] = "none",
	[MP_TLS_STARTTLS] = "starttls",
	[MP_TLS_IMPLICIT] = "implicit",
};

static const char *const tls_labels[MP_NTLS] = {
	[MP_TLS_NONE] = "none",
	[MP_TLS_STARTTLS] = "STARTTLS",
	[MP_TLS_IMPLICIT] = "implicit TLS",
};

static const char *const status_keys[MP_NSTATUSES] = {
	[MP_STATUS_RECOMMENDED] = "recommended",
	[MP_STATUS_STANDARD] = "standard",
	[MP_STATUS_LEGACY] = "legacy",
	[MP_STATUS_UNOFFICIAL] = "unofficial",
	[MP_STATUS_HISTORIC] = "historic",
};

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

_Static_assert(sizeof mp_ports / sizeof mp_ports[0] <= MP_PORTS_MAX,
    "raise MP_PORTS_MAX, the room callers keep for answers");

/*
 * providers.c - the provider tables, compiled from data/providers.def.
 */
#include "mailports.h"
#include "providers.h"

/* The rows name their provider by an identifier; this numbers them. */
enum provider_id {
#define PROVIDER(id, word, name, source) PROVIDER_##id,
#include "providers.def"
	NPROVIDERS
};

const struct mp_provider mp_providers[] = {
#define PROVIDER(id, word, name, source) { word, name, source },
#include "providers.def"
};

const size_t mp_nproviders = sizeof mp_providers / sizeof mp_providers[0];

const struct mp_server mp_servers[] = {
#define SERVER(id, protocol, host, port, tls, username) \
	{ PROVIDER_##id, port, MP_PROTO_##protocol, MP_TLS_##tls, \
	    MP_USER_##username, host },
#include "providers.def"
};

const size_t mp_nservers = sizeof mp_servers / sizeof mp_servers[0];

const struct mp_domain mp_domains[] = {
#define DOMAIN(id, name) { PROVIDER_##id, sizeof (name) - 1, name },
#include "providers.def"
};

const size_t mp_ndomains = sizeof mp_domains / sizeof mp_domains[0];

const struct mp_alias mp_aliases[] = {
#define ALIAS(id, word) { PROVIDER_##id, word },
#include "providers.def"
};

const size_t mp_naliases = sizeof mp_aliases / sizeof mp_aliases[0];

const struct mp_note mp_notes[] = {
#define NOTE(id, text, source) { PROVIDER_##id, text, source },
#include "providers.def"
};

const size_t mp_nnotes = sizeof mp_notes / sizeof mp_notes[0];

const struct mp_mx mp_mxs[] = {
#define MX(id, suffix) { PROVIDER_##id, suffix },
#include "providers.def"
};

const size_t mp_nmxs = sizeof mp_mxs / sizeof mp_mxs[0];

/* A name or text too long for its row would be cut short without a word. */
#define FITS(text, size) \
	_Static_assert(sizeof (text) <= (size), "raise " #size);
#define PROVIDER(id, word, name, source) \
	FITS(word, MP_NAME_SIZE) FITS(name, MP_NAME_SIZE) \
	FITS(source, MP_SOURCE_SIZE)
#define ALIAS(id, word) FITS(word, MP_NAME_SIZE)
#define SERVER(id, protocol, host, port, tls, username) \
	FITS(host, MP_HOST_SIZE)
#define DOMAIN(id, name) FITS(name, MP_DOMAIN_SIZE)
#define NOTE(id, text, source) \
	FITS(text, MP_TEXT_SIZE) FITS(source, MP_SOURCE_SIZE)
#define MX(id, suffix) FITS(suffix, MP_DOMAIN_SIZE)
#include "providers.def"

bool
mp_server_incoming(const struct mp_server *server)
{
	return server->protocol != MP_PROTO_SMTP;
}

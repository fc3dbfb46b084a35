/*
 * providers.c - the provider tables, compiled from data/providers.def.
 */
#include <stdio.h>
#include <string.h>

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
	    MP_USER_##username, MP_SIGNIN_PASSWORD, host },
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

static const char *const username_keys[MP_NUSERNAMES] = {
#define X(name, key, label) key,
	MP_USERNAMES(X)
#undef X
};

static const char *const username_labels[MP_NUSERNAMES] = {
#define X(name, key, label) label,
	MP_USERNAMES(X)
#undef X
};

const char *
mp_username_key(enum mp_username username)
{
	return username_keys[username];
}

const char *
mp_username_label(enum mp_username username)
{
	return username_labels[username];
}

size_t
mp_username_fill(enum mp_username username, const char *address, char *buf,
    size_t size)
{
	const char *at = strchr(address, '@');
	int local = at != NULL ? (int)(at - address) : (int)strlen(address);
	int len;

	switch (username) {
	case MP_USER_ADDRESS:
		len = snprintf(buf, size, "%s", address);
		break;
	case MP_USER_LOCALPART:
		len = snprintf(buf, size, "%.*s", local, address);
		break;
	case MP_USER_LOCALPART_DOMAIN:
		len = snprintf(buf, size, "%.*s.%s", local, address,
		    at != NULL ? at + 1 : "");
		break;
	default:
		len = snprintf(buf, size, "%s", "");
		break;
	}
	return (size_t)len < size ? (size_t)len : size - 1;
}

static const char *const signin_keys[MP_NSIGNINS] = {
#define X(name, key, label) key,
	MP_SIGNINS(X)
#undef X
};

static const char *const signin_labels[MP_NSIGNINS] = {
#define X(name, key, label) label,
	MP_SIGNINS(X)
#undef X
};

const char *
mp_signin_key(unsigned bit)
{
	return bit < MP_NSIGNINS ? signin_keys[bit] : NULL;
}

const char *
mp_signin_label(unsigned bit)
{
	return bit < MP_NSIGNINS ? signin_labels[bit] : NULL;
}

const char *
mp_server_host(const struct mp_server *server, const char *domain, char *buf,
    size_t size)
{
	const char *mark = strstr(server->host, MP_DOMAIN_PLACEHOLDER);

	if (mark == NULL || domain == NULL)
		return server->host;
	snprintf(buf, size, "%.*s%s%s", (int)(mark - server->host),
	    server->host, domain, mark + strlen(MP_DOMAIN_PLACEHOLDER));
	return buf;
}

/*
 * providers.c - what the provider tables' values mean; the tables
 * themselves are written by tools/mkproviders.
 */
#include <stdio.h>
#include <string.h>

#include "mailports.h"
#include "providers.h"

static const char *const origin_keys[MP_NORIGINS] = {
#define X(name, key) key,
	MP_ORIGINS(X)
#undef X
};

const char *
mp_origin_key(enum mp_origin origin)
{
	return origin_keys[origin];
}

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

/*
 * providers.c - what the provider tables' values mean; the tables
 * themselves are written by tools/mkproviders.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
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

/* The last '@' of an address (a quoted local part may hold one), or NULL. */
static const char *
last_at(const char *address)
{
	const char *at = NULL;

	for (; *address != '\0'; address++)
		if (*address == '@')
			at = address;
	return at;
}

size_t
mp_username_fill(enum mp_username username, const char *address, char *buf,
    size_t size)
{
	const char *at = last_at(address);
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

size_t
mp_username_template(const char *template, const char *address, char *buf,
    size_t size)
{
	static const char *const names[3] = { "%EMAILADDRESS%",
		"%EMAILLOCALPART%", "%EMAILDOMAIN%" };
	const char *at = address != NULL ? last_at(address) : NULL;
	size_t len = 0, i;

	if (at == NULL || size == 0)
		return 0;
	while (*template != '\0' && len + 1 < size) {
		const char *part = NULL;
		int n = 0;

		for (i = 0; i < 3; i++)
			if (strncmp(template, names[i], strlen(names[i])) == 0)
				break;
		if (i == 3) {
			buf[len++] = *template++;
			continue;
		}
		template += strlen(names[i]);
		part = i == 2 ? at + 1 : address;
		n = i == 1 ? (int)(at - address) : (int)strlen(part);
		n = snprintf(buf + len, size - len, "%.*s", n, part);
		len += (size_t)n < size - len ? (size_t)n : size - len - 1;
	}
	buf[len] = '\0';
	return len;
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

/*
 * How to sign in, in words: each way the servers take, and when none of
 * them is the account's password, that it is refused.
 */
void
mp_signin_describe(char *text, size_t size, unsigned signin)
{
	size_t used = 0;
	unsigned bit, left = signin;

	text[0] = '\0';
	for (bit = 0; bit < MP_NSIGNINS; bit++) {
		if (!(signin & 1u << bit))
			continue;
		left &= ~(1u << bit);
		used += (size_t)snprintf(text + used, size - used, "%s%s",
		    used == 0 ? "" : left == 0 ? " or " : ", ",
		    mp_signin_label(bit));
		if (used >= size)
			return;
	}
	if ((signin & (MP_SIGNIN_OAUTH2 | MP_SIGNIN_APP_PASSWORD)) &&
	    !(signin & (MP_SIGNIN_PASSWORD | MP_SIGNIN_ENCRYPTED_PASSWORD)))
		snprintf(text + used, size - used, "; a normal password is "
		    "refused");
}

unsigned
mp_letter_set(const char *text, size_t len)
{
	unsigned set = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		char c = mp_ascii_lower(text[i]);

		set |= 1u << (c >= 'a' && c <= 'z' ? c - 'a' :
		    c >= '0' && c <= '9' ? 26 : 27);
	}
	return set;
}

const char *
mp_server_host(const struct mp_server *server, const char *domain, char *buf,
    size_t size)
{
	/* No host name holds a '%' but where the placeholder is. */
	const char *mark = strchr(server->host, '%');
	size_t len = strlen(MP_DOMAIN_PLACEHOLDER);

	if (mark == NULL || domain == NULL ||
	    strncmp(mark, MP_DOMAIN_PLACEHOLDER, len) != 0)
		return server->host;
	snprintf(buf, size, "%.*s%s%s", (int)(mark - server->host),
	    server->host, domain, mark + len);
	return buf;
}

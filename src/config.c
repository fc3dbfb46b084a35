/*
 * config.c - choosing the settings --config writes: from the provider
 * table, from discovery, or from the port table for a server of one's
 * own; and checking them against what a format can carry.
 */
#include <stdio.h>
#include <string.h>

#include "cert_names.h"
#include "config.h"
#include "endpoint.h"
#include "mailports.h"
#include "net.h"
#include "providers.h"

const struct mp_config_format mp_config_formats[MP_NCONFIGS] = {
#define CONFIG(id, name, kind, needs, oauth2, help) \
	{ name, MP_CONFIG_##kind, MP_NEEDS_##needs, oauth2##_OAUTH2, help },
#define YES_OAUTH2 true
#define NO_OAUTH2 false
#include "configs.def"
#undef YES_OAUTH2
#undef NO_OAUTH2
};

void
mp_config_list(FILE *fp)
{
	size_t i;

	for (i = 0; i < MP_NCONFIGS; i++)
		fprintf(fp, "  %-14s%s\n", mp_config_formats[i].name,
		    mp_config_formats[i].help);
}

int
mp_config_find(const char *name)
{
	int i;

	for (i = 0; i < MP_NCONFIGS; i++)
		if (strcmp(mp_config_formats[i].name, name) == 0)
			return i;
	return -1;
}

bool
mp_account_init(struct mp_account *account, const char *argument,
    const char *name)
{
	size_t start;

	memset(account, 0, sizeof *account);
	if (mp_mail_domain(argument, strlen(argument), &start,
	    account->domain) == 0)
		return false;
	start = strlen(account->domain);
	if (start > 0 && account->domain[start - 1] == '.')
		account->domain[start - 1] = '\0';
	if (strchr(argument, '@') != NULL) {
		/* The root's dot is no part of an address in a client's file. */
		size_t len = strlen(argument);

		if (len > 0 && argument[len - 1] == '.')
			len--;
		if (len >= sizeof account->address_text)
			return false;
		memcpy(account->address_text, argument, len);
		account->address = account->address_text;
	}
	account->name = name;
	account->label = account->domain;
	return true;
}

/* A client file never holds a server without TLS as if it were safe. */
static void
add(struct mp_account *account, const struct mp_endpoint *endpoint)
{
	if (endpoint->tls == MP_TLS_NONE ||
	    account->n == MP_ACCOUNT_SERVERS_MAX)
		return;
	account->servers[account->n++] = *endpoint;
}

/* A server of one's own: a password, and the whole address as the user. */
static void
add_own(struct mp_account *account, const char *host, unsigned port,
    enum mp_protocol protocol, enum mp_tls tls)
{
	struct mp_endpoint endpoint = { .port = port, .protocol = protocol,
	    .tls = tls, .username = MP_USER_ADDRESS,
	    .signin = MP_SIGNIN_PASSWORD };

	snprintf(endpoint.host, sizeof endpoint.host, "%s", host);
	add(account, &endpoint);
}

void
mp_account_add_provider(struct mp_account *account, unsigned provider,
    const struct mp_query *query)
{
	struct mp_query mine = *query;
	struct mp_endpoint endpoint;
	size_t i;

	mine.provider = provider + 1;
	account->label = mp_providers[provider].name;
	for (i = 0; i < mp_nservers; i++) {
		if (!mp_query_matches_server(&mine, &mp_servers[i]))
			continue;
		mp_endpoint_of_server(&endpoint, &mp_servers[i],
		    account->domain);
		add(account, &endpoint);
	}
}

void
mp_account_add_host(struct mp_account *account, const char *host,
    const struct mp_query *query)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n, i;

	n = mp_lookup(query, ports, MP_PORTS_MAX);
	for (i = 0; i < n && i < MP_PORTS_MAX; i++) {
		const struct mp_port *p = ports[i];

		if ((p->protocol != MP_PROTO_IMAP && p->protocol != MP_PROTO_POP3 &&
		    p->protocol != MP_PROTO_SMTP) ||
		    (p->role != MP_ROLE_ACCESS && p->role != MP_ROLE_SUBMISSION) ||
		    (query->kinds == 0 && p->status != MP_STATUS_RECOMMENDED))
			continue;
		add_own(account, host, p->number, p->protocol, p->tls);
	}
}

void
mp_account_add_discovery(struct mp_account *account,
    const struct mp_discovery *discovery)
{
	size_t i;

	for (i = 0; i < discovery->nsettings; i++)
		add(account, &discovery->settings[i].endpoint);
}

void
mp_account_add_probe(struct mp_account *account, const char *host,
    const struct mp_probe_result *results, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct mp_probe_result *r = &results[i];

		if (!mp_result_secure(r) || (r->protocol != MP_PROTO_IMAP &&
		    r->protocol != MP_PROTO_POP3 &&
		    r->protocol != MP_PROTO_SMTP))
			continue;
		for (j = 0; j < account->n && account->servers[j].port !=
		    r->request.target.port; j++)
			;
		if (j < account->n)
			continue;
		add_own(account, host, r->request.target.port, r->protocol,
		    r->tls == MP_FOUND_IMPLICIT ? MP_TLS_IMPLICIT :
		    MP_TLS_STARTTLS);
	}
}

size_t
mp_account_other_hosts(const struct mp_account *account, const char *host,
    const struct mp_probe_result *results, size_t n,
    char (*hosts)[MP_DNS_NAME_SIZE], size_t max)
{
	char found[4][MP_DNS_NAME_SIZE];
	size_t nhosts = 0, nfound, i, j, k;

	for (i = 0; i < n; i++) {
		if (mp_result_secure(&results[i]) ||
		    !(results[i].cert.findings & MP_CERT_BIT(MP_CERT_NAME)))
			continue;
		nfound = mp_cert_other_hosts(&results[i], host,
		    account->domain, found, sizeof found / sizeof found[0]);
		for (j = 0; j < nfound && nhosts < max; j++) {
			for (k = 0; k < nhosts &&
			    strcmp(hosts[k], found[j]) != 0; k++)
				;
			if (k == nhosts)
				memcpy(hosts[nhosts++], found[j],
				    sizeof found[j]);
		}
	}
	return nhosts;
}

const struct mp_endpoint *
mp_account_first(const struct mp_account *account, enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < account->n; i++)
		if (account->servers[i].protocol == protocol)
			return &account->servers[i];
	return NULL;
}

bool
mp_signin_oauth2(unsigned signin)
{
	return (signin & MP_SIGNIN_OAUTH2) != 0;
}

bool
mp_signin_oauth2_only(unsigned signin)
{
	return mp_signin_oauth2(signin) &&
	    (signin & (MP_SIGNIN_PASSWORD | MP_SIGNIN_APP_PASSWORD)) == 0;
}

/*
 * The one check of what every format takes from the user: no control
 * byte (a newline would end a directive and start another), and a length
 * the clients take.  Each writer escapes the rest for its own syntax, or
 * refuses (bad_for) what that syntax cannot carry.
 */
static const char *
bad_text(const char *text, size_t max)
{
	const unsigned char *p;

	if (strlen(text) > max)
		return "is too long";
	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "holds a control character";
	return NULL;
}

/* The bytes a format's syntax cannot carry in a name or address. */
static const char *
forbidden(enum mp_config_id format)
{
	switch (format) {
	case MP_CONFIG_aerc:
		/* accounts.conf is read as INI: ';' and '#' start comments. */
		return ";#";
	default:
		return "";
	}
}

static bool
text_ok(const char *what, const char *text, size_t max,
    enum mp_config_id format, char *why, size_t size)
{
	const char *trouble = bad_text(text, max);
	const char *bytes = forbidden(format);

	if (trouble == NULL && strcspn(text, bytes) != strlen(text)) {
		snprintf(why, size, "%s for %s cannot hold any of '%s' (a "
		    "name or address without them is expected)", what,
		    mp_config_formats[format].name, bytes);
		return false;
	}
	if (trouble != NULL) {
		snprintf(why, size, "%s %s (one line of at most %zu "
		    "bytes is expected)", what, trouble, max);
		return false;
	}
	return true;
}

/* The server a format needs for a protocol, the first that it can use. */
static bool
has(const struct mp_account *account, enum mp_protocol protocol)
{
	return mp_account_first(account, protocol) != NULL;
}

enum mp_config_trouble
mp_config_check(const struct mp_account *account, enum mp_config_id format,
    char *why, size_t size)
{
	const struct mp_config_format *f = &mp_config_formats[format];
	const char *missing = NULL;
	size_t i;

	if (account->address != NULL && !text_ok("the address",
	    account->address, MP_ACCOUNT_ADDRESS_MAX, format, why, size))
		return MP_CONFIG_BAD_TEXT;
	if (account->name != NULL && !text_ok("the name", account->name,
	    MP_ACCOUNT_NAME_MAX, format, why, size))
		return MP_CONFIG_BAD_TEXT;
	if (f->kind == MP_CONFIG_CLIENT && account->address == NULL) {
		snprintf(why, size, "%s needs an address, such as alice@%s",
		    f->name, account->domain);
		return MP_CONFIG_BAD_TEXT;
	}
	if ((f->needs & MP_NEEDS_IMAP) && !has(account, MP_PROTO_IMAP))
		missing = "an IMAP server";
	else if ((f->needs & MP_NEEDS_INCOMING) &&
	    !has(account, MP_PROTO_IMAP) && !has(account, MP_PROTO_POP3))
		missing = "an IMAP or POP3 server";
	else if ((f->needs & MP_NEEDS_SMTP) && !has(account, MP_PROTO_SMTP))
		missing = "an SMTP server";
	else if (account->n == 0)
		missing = "a server";
	if (missing != NULL) {
		snprintf(why, size, "%s needs %s, and none with TLS was found "
		    "for %s", f->name, missing, account->label);
		return MP_CONFIG_MISSING;
	}
	for (i = 0; !f->oauth2 && i < account->n; i++)
		if (mp_signin_oauth2_only(account->servers[i].signin)) {
			char can[128];
			size_t used = 0;
			int c;

			/* The formats of the same kind that can, to use instead. */
			for (c = 0; c < MP_NCONFIGS; c++)
				if (mp_config_formats[c].oauth2 &&
				    mp_config_formats[c].kind == f->kind)
					used += (size_t)snprintf(can + used,
					    sizeof can - used, "%s%s",
					    used > 0 ? " " : "",
					    mp_config_formats[c].name);
			snprintf(why, size, "%s cannot sign in to %s, which "
			    "takes OAuth2 only (use one of: %s)", f->name,
			    account->label, can);
			return MP_CONFIG_OAUTH2;
		}
	return MP_CONFIG_OK;
}

/*
 * FNV-1a of 64 bits, run twice with different offsets for 128: not a
 * cryptographic hash, only a reproducible one, which a profile's
 * identifier needs to be.
 */
static unsigned long long
fnv1a(unsigned long long hash, const char *a, const char *b)
{
	for (; *a != '\0'; a++)
		hash = (hash ^ (unsigned char)*a) * 0x100000001b3ULL;
	hash = (hash ^ 0xffu) * 0x100000001b3ULL;
	for (; *b != '\0'; b++)
		hash = (hash ^ (unsigned char)*b) * 0x100000001b3ULL;
	return hash;
}

void
mp_config_uuid(char out[static 37], const char *text, const char *salt)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char bytes[16];
	unsigned long long h[2];
	size_t i, o = 0;

	h[0] = fnv1a(0xcbf29ce484222325ULL, text, salt);
	h[1] = fnv1a(0x84222325cbf29ce4ULL, salt, text);
	for (i = 0; i < 16; i++)
		bytes[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
	/* Version 8 (RFC 9562, section 5.8) and the variant 10xx. */
	bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x80);
	bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[bytes[i] >> 4];
		out[o++] = hex[bytes[i] & 0xf];
	}
	out[o] = '\0';
}

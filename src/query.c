/*
 * query.c - turning words into a query and answering it from the table.
 */
#include <string.h>

#include "ascii.h"
#include "endpoint.h"
#include "mailports.h"
#include "net.h"
#include "number.h"
#include "providers.h"

#define ALL(n) ((1u << (n)) - 1)

void
mp_query_init(struct mp_query *query)
{
	query->protocols = ALL(MP_NPROTOCOLS);
	query->roles = ALL(MP_NROLES);
	query->tls = ALL(MP_NTLS);
	query->security = ALL(2);
	query->statuses = ALL(MP_NSTATUSES);
	query->kinds = 0;
	query->nports = 0;
	query->historic = false;
	query->provider = 0;
	query->signins = 0;
	query->plain = false;
	query->host = 0;
	query->local_len = 0;
	query->address[0] = '\0';
	query->domain[0] = '\0';
}

/*
 * Anything that starts like a number is read as one, so that "+25", "0x19"
 * and "25a" are reported as bad numbers rather than as unknown words.
 */
static bool
looks_numeric(const char *word, size_t len)
{
	if (mp_ascii_isdigit(word[0]))
		return true;
	return len > 1 && (word[0] == '+' || word[0] == '-') &&
	    mp_ascii_isdigit(word[1]);
}

/*
 * Whether a word without an @ is a domain, as an address has one
 * (src/net.c): two labels or more of a host name, one with a letter, so
 * that a number with a dot is still taken for a bad number.
 */
static bool
looks_like_domain(const char *word, size_t len)
{
	size_t domain;

	return mp_mail_address(word, len, &domain);
}

static enum mp_error
parse_port(const char *word, size_t len, unsigned *port)
{
	unsigned long value;

	switch (mp_number(word, len, 0, 1, 65535, &value)) {
	case MP_NUMBER_OK:
		*port = (unsigned)value;
		return MP_OK;
	case MP_NUMBER_INVALID:
		return MP_ERR_NUMBER;
	default:
		return MP_ERR_RANGE;
	}
}

/*
 * The first word of a kind narrows its set to the word's value; each
 * further word of the kind is an alternative and adds its value.
 */
static void
allow(struct mp_query *query, unsigned *set, enum mp_word_kind kind,
    unsigned value)
{
	if (!(query->kinds & 1u << kind)) {
		query->kinds |= 1u << kind;
		*set = 0;
	}
	*set |= 1u << value;
}

static enum mp_error
allow_port(struct mp_query *query, unsigned port)
{
	size_t i;

	for (i = 0; i < query->nports; i++)
		if (query->ports[i] == port)
			return MP_OK;
	if (query->nports == MP_QUERY_PORTS_MAX)
		return MP_ERR_PORTS;
	query->ports[query->nports++] = port;
	/* A port asked for by number or name answers even if it is historic. */
	query->historic = true;
	return MP_OK;
}

/*
 * One provider a query: the answer is that provider's servers, with its
 * notes, and two providers' would need a table each.
 */
static enum mp_error
allow_provider(struct mp_query *query, unsigned provider)
{
	if (query->provider != 0 && query->provider != provider + 1)
		return MP_ERR_PROVIDERS;
	query->provider = provider + 1;
	return MP_OK;
}

/* A provider's host names may be made of the domain: kept for them. */
static void
keep_domain(struct mp_query *query, const char *domain, size_t len)
{
	size_t i;

	if (len > 0 && domain[len - 1] == '.')
		len--;
	if (len >= sizeof query->domain)
		return;
	for (i = 0; i < len; i++)
		query->domain[i] = mp_ascii_lower(domain[i]);
	query->domain[len] = '\0';
}

/*
 * The local part is kept to show as the user name; mp_mail_address holds
 * it to what prints safely.
 */
static enum mp_error
add_address(struct mp_query *query, const char *word, size_t len,
    size_t at)
{
	char ascii[MP_HOST_NAME_SIZE];
	enum mp_error error;
	size_t domain, ascii_len;
	int provider;

	/* The table's domains are in ASCII, as an international one is sought. */
	if ((ascii_len = mp_mail_domain(word, len, &domain, ascii)) == 0 ||
	    domain != at + 1)
		return MP_ERR_ADDRESS;
	if ((provider = mp_domain_find(ascii, ascii_len)) < 0)
		return MP_ERR_DOMAIN;
	if ((error = allow_provider(query, (unsigned)provider)) != MP_OK)
		return error;
	memcpy(query->address, word, len);
	query->address[len] = '\0';
	query->local_len = at;
	keep_domain(query, ascii, ascii_len);
	return MP_OK;
}

/*
 * A name that is no provider's domain may be one of its servers, as a
 * mail client's settings show it (smtp.gmail.com): the answer is that
 * provider's rows for that server.
 */
static enum mp_error
add_host(struct mp_query *query, const char *word, size_t len)
{
	char ascii[MP_HOST_NAME_SIZE];
	enum mp_error error;
	size_t ascii_len, domain, domain_len;
	unsigned server;

	if ((ascii_len = mp_host_name_ascii(word, len, ascii)) == 0)
		return MP_ERR_DOMAIN;
	if (ascii[ascii_len - 1] == '.')
		ascii[--ascii_len] = '\0';
	if ((server = mp_server_find_host(ascii, ascii_len, &domain,
	    &domain_len)) == 0)
		return MP_ERR_DOMAIN;
	if (query->host != 0 && query->host != server)
		return MP_ERR_PROVIDERS;
	error = allow_provider(query, mp_servers[server - 1].provider);
	if (error != MP_OK)
		return error;
	query->host = server;
	if (domain_len > 0)
		keep_domain(query, ascii + domain, domain_len);
	return MP_OK;
}

/* The last @ divides an address: a quoted local part may hold one too. */
static bool
find_at(const char *word, size_t len, size_t *at)
{
	size_t i = len;

	while (i > 0)
		if (word[--i] == '@') {
			*at = i;
			return true;
		}
	return false;
}

enum mp_error
mp_query_add(struct mp_query *query, const char *word, size_t len)
{
	struct mp_word meaning;
	unsigned port;
	size_t at;

	if (len == 0)
		return MP_ERR_EMPTY;
	if (len > MP_WORD_MAX)
		return MP_ERR_TOO_LONG;
	if (find_at(word, len, &at))
		return add_address(query, word, len, at);
	if (looks_numeric(word, len) && !looks_like_domain(word, len)) {
		enum mp_error error = parse_port(word, len, &port);

		if (error != MP_OK)
			return error;
		return allow_port(query, port);
	}
	if (!mp_word_find(word, len, &meaning))
		return looks_like_domain(word, len) ? add_host(query, word,
		    len) : MP_ERR_UNKNOWN;
	switch (meaning.kind) {
	case MP_WORD_PROTO:
		allow(query, &query->protocols, meaning.kind, meaning.value);
		break;
	case MP_WORD_ROLE:
		allow(query, &query->roles, meaning.kind, meaning.value);
		break;
	case MP_WORD_TLS:
		allow(query, &query->tls, meaning.kind, meaning.value);
		break;
	case MP_WORD_SECURE:
		allow(query, &query->security, meaning.kind, meaning.value);
		break;
	case MP_WORD_PLAIN:
		/* A connection that starts unencrypted: None or STARTTLS. */
		allow(query, &query->tls, MP_WORD_TLS, MP_TLS_NONE);
		query->tls |= 1u << MP_TLS_STARTTLS;
		query->plain = true;
		break;
	case MP_WORD_STATUS:
		allow(query, &query->statuses, meaning.kind, meaning.value);
		if (meaning.value == MP_STATUS_HISTORIC)
			query->historic = true;
		break;
	case MP_WORD_PORT:
		return allow_port(query, meaning.value);
	case MP_WORD_PROVIDER:
		if (allow_provider(query, meaning.value) != MP_OK)
			return MP_ERR_PROVIDERS;
		if (mp_domain_find(word, len) >= 0)
			keep_domain(query, word, len);
		return MP_OK;
	case MP_WORD_SIGNIN:
		query->kinds |= 1u << meaning.kind;
		query->signins |= 1u << meaning.value;
		break;
	case MP_WORD_VERSUS:
		/* Said, for a question of two sides to tell them apart. */
		query->kinds |= 1u << MP_WORD_VERSUS;
		break;
	case MP_WORD_FILLER:
		break;
	}
	return MP_OK;
}

unsigned
mp_query_said(const struct mp_query *query)
{
	unsigned said = query->kinds &
	    ~(1u << MP_WORD_FILLER | 1u << MP_WORD_VERSUS);

	if (query->provider != 0)
		said |= 1u << MP_WORD_PROVIDER;
	if (query->nports != 0)
		said |= 1u << MP_WORD_PORT;
	return said;
}

bool
mp_query_allows_port(const struct mp_query *query, unsigned number)
{
	size_t i;

	if (query->nports == 0)
		return true;
	for (i = 0; i < query->nports; i++)
		if (query->ports[i] == number)
			return true;
	return false;
}

/* The one test of a query against what a port or a server is. */
static bool
matches(const struct mp_query *query, unsigned number,
    enum mp_protocol protocol, enum mp_role role, enum mp_tls tls,
    bool secure, enum mp_status status)
{
	if (!mp_query_allows_port(query, number))
		return false;
	if (status == MP_STATUS_HISTORIC && !query->historic)
		return false;
	return (query->protocols & 1u << protocol) &&
	    (query->roles & 1u << role) &&
	    (query->tls & 1u << tls) &&
	    (query->security & 1u << secure) &&
	    (query->statuses & 1u << status);
}

bool
mp_query_matches(const struct mp_query *query, const struct mp_port *port)
{
	return matches(query, port->number, port->protocol, port->role,
	    port->tls, port->secure, port->status);
}

/*
 * A server counts as the table's port of that number and protocol does,
 * as unofficial where the table has none; a server that runs on a
 * historic port is no record of the past, so it counts as legacy.
 */
static enum mp_status
server_status(enum mp_protocol protocol, unsigned number)
{
	const struct mp_port *port = mp_port_bynumber(number);

	if (port == NULL || port->protocol != protocol)
		return MP_STATUS_UNOFFICIAL;
	return port->status == MP_STATUS_HISTORIC ? MP_STATUS_LEGACY :
	    port->status;
}

/*
 * A server is secure when it uses TLS at all: unlike a port of the table,
 * where STARTTLS may be optional, a server's setting names the TLS mode
 * it expects.
 */
bool
mp_query_allows(const struct mp_query *query, enum mp_protocol protocol,
    enum mp_tls tls, unsigned port)
{
	return matches(query, port, protocol, mp_endpoint_role(protocol), tls,
	    tls != MP_TLS_NONE, server_status(protocol, port));
}

bool
mp_query_matches_server(const struct mp_query *query,
    const struct mp_server *server)
{
	if (query->provider != (unsigned)server->provider + 1)
		return false;
	if (query->signins != 0 && (server->signin & query->signins) == 0)
		return false;
	if (query->host != 0 &&
	    strcmp(server->host, mp_servers[query->host - 1].host) != 0)
		return false;
	return mp_query_allows(query, server->protocol, server->tls,
	    server->port);
}

size_t
mp_lookup_servers(const struct mp_query *query,
    const struct mp_server **results, size_t max, bool best)
{
	const struct mp_provider *provider;
	unsigned seen = 0, secure = 0;
	size_t found = 0, i, end;

	if (query->provider == 0)
		return 0;
	provider = &mp_providers[query->provider - 1];
	end = (size_t)provider->first_server + provider->nservers;
	/* The best of a protocol is its first server with TLS, if any. */
	if (best)
		for (i = provider->first_server; i < end; i++)
			if (mp_servers[i].tls != MP_TLS_NONE &&
			    mp_query_matches_server(query, &mp_servers[i]))
				secure |= 1u << mp_servers[i].protocol;
	for (i = provider->first_server; i < end; i++) {
		const struct mp_server *server = &mp_servers[i];
		unsigned bit = 1u << server->protocol;

		if (!mp_query_matches_server(query, server))
			continue;
		if (best && ((seen & bit) ||
		    ((secure & bit) && server->tls == MP_TLS_NONE)))
			continue;
		seen |= bit;
		if (found < max)
			results[found] = server;
		found++;
	}
	return found;
}

size_t
mp_lookup(const struct mp_query *query, const struct mp_port **results,
    size_t max)
{
	size_t found = 0, i;
	unsigned status;

	/* The table is small: a pass per status sorts without a sort. */
	for (status = 0; status < MP_NSTATUSES; status++) {
		for (i = 0; i < mp_nports; i++) {
			if (mp_ports[i].status != status ||
			    !mp_query_matches(query, &mp_ports[i]))
				continue;
			if (found < max)
				results[found] = &mp_ports[i];
			found++;
		}
	}
	return found;
}

_Static_assert(MP_QUERY_PORTS_MAX == 16, "mp_error_text names 16 ports");

const char *
mp_error_text(enum mp_error error)
{
	switch (error) {
	case MP_OK:
		return "no error";
	case MP_ERR_EMPTY:
		return "empty word";
	case MP_ERR_TOO_LONG:
		return "word too long";
	case MP_ERR_UNKNOWN:
		return "unknown word";
	case MP_ERR_NUMBER:
		return "invalid port number";
	case MP_ERR_RANGE:
		return "port number out of range";
	case MP_ERR_ADDRESS:
		return "invalid email address";
	case MP_ERR_DOMAIN:
		return "no provider known for";
	case MP_ERR_PROVIDERS:
		return "one provider at a time, not also";
	case MP_ERR_PORTS:
		return "at most 16 ports at a time, not also";
	}
	return "unknown error";
}

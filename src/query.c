/*
 * query.c - turning words into a query and answering it from the table.
 */
#include "mailports.h"

#define ALL(n) ((1u << (n)) - 1)

void
mp_query_init(struct mp_query *query)
{
	query->protocols = ALL(MP_NPROTOCOLS);
	query->roles = ALL(MP_NROLES);
	query->tls = ALL(MP_NTLS);
	query->security = ALL(2);
	query->statuses = ALL(MP_NSTATUSES);
	query->port = 0;
	query->empty = false;
	query->historic = false;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Anything that starts like a number is read as one, so that "+25", "0x19"
 * and "25a" are reported as bad numbers rather than as unknown words.
 */
static bool
looks_numeric(const char *word, size_t len)
{
	if (is_digit(word[0]))
		return true;
	return len > 1 && (word[0] == '+' || word[0] == '-') && is_digit(word[1]);
}

static enum mp_error
parse_port(const char *word, size_t len, unsigned *port)
{
	unsigned long value = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!is_digit(word[i]))
			return MP_ERR_NUMBER;
		/* Saturate: every digit string past 65535 is out of range alike. */
		if (value <= 65535)
			value = value * 10 + (unsigned long)(word[i] - '0');
	}
	if (value < 1 || value > 65535)
		return MP_ERR_RANGE;
	*port = (unsigned)value;
	return MP_OK;
}

static void
require_port(struct mp_query *query, unsigned port)
{
	if (query->port != 0 && query->port != port)
		query->empty = true;
	query->port = port;
	/* A port asked for by number or name answers even if it is historic. */
	query->historic = true;
}

enum mp_error
mp_query_add(struct mp_query *query, const char *word, size_t len)
{
	struct mp_word meaning;
	unsigned port;

	if (len == 0)
		return MP_ERR_EMPTY;
	if (len > MP_WORD_MAX)
		return MP_ERR_TOO_LONG;
	if (looks_numeric(word, len)) {
		enum mp_error error = parse_port(word, len, &port);

		if (error != MP_OK)
			return error;
		require_port(query, port);
		return MP_OK;
	}
	if (!mp_word_find(word, len, &meaning))
		return MP_ERR_UNKNOWN;
	switch (meaning.kind) {
	case MP_WORD_PROTO:
		query->protocols &= 1u << meaning.value;
		break;
	case MP_WORD_ROLE:
		query->roles &= 1u << meaning.value;
		break;
	case MP_WORD_TLS:
		query->tls &= 1u << meaning.value;
		break;
	case MP_WORD_SECURE:
		query->security &= 1u << meaning.value;
		break;
	case MP_WORD_STATUS:
		query->statuses &= 1u << meaning.value;
		if (meaning.value == MP_STATUS_HISTORIC)
			query->historic = true;
		break;
	case MP_WORD_PORT:
		require_port(query, meaning.value);
		break;
	}
	return MP_OK;
}

bool
mp_query_matches(const struct mp_query *query, const struct mp_port *port)
{
	if (query->empty)
		return false;
	if (query->port != 0 && query->port != port->number)
		return false;
	if (port->status == MP_STATUS_HISTORIC && !query->historic)
		return false;
	return (query->protocols & 1u << port->protocol) &&
	    (query->roles & 1u << port->role) &&
	    (query->tls & 1u << port->tls) &&
	    (query->security & 1u << port->secure) &&
	    (query->statuses & 1u << port->status);
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
	}
	return "unknown error";
}

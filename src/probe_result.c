/*
 * probe_result.c - what a probe's results mean: the names of its states
 * and warnings, whether a result works securely, and the verdict, the
 * best port for each protocol.
 */
#include <stdio.h>

#include "probe.h"

/* The longest --timeout, in seconds. */
#define TIMEOUT_MAX 3600

static const char *const state_keys[MP_NSTATES] = {
	[MP_STATE_OPEN] = "open",
	[MP_STATE_CLOSED] = "closed",
	[MP_STATE_TIMEOUT] = "timeout",
	[MP_STATE_ERROR] = "error",
};

static const char *const found_tls_keys[MP_NFOUND] = {
	[MP_FOUND_UNKNOWN] = "unknown",
	[MP_FOUND_NONE] = "none",
	[MP_FOUND_STARTTLS] = "starttls",
	[MP_FOUND_IMPLICIT] = "implicit",
};

static const char *const warning_keys[MP_NWARNINGS] = {
#define WARNING(name, key, text, detail) key,
#include "warnings.def"
};

static const char *const warning_texts[MP_NWARNINGS] = {
#define WARNING(name, key, text, detail) text,
#include "warnings.def"
};

const char *
mp_state_key(enum mp_state state)
{
	return state_keys[state];
}

const char *
mp_found_tls_key(enum mp_found_tls tls)
{
	return found_tls_keys[tls];
}

/* The index of the lowest bit set in warning. */
static unsigned
warning_index(unsigned warning)
{
	unsigned i = 0;

	while (i + 1 < MP_NWARNINGS && !(warning & 1u << i))
		i++;
	return i;
}

const char *
mp_warning_key(unsigned warning)
{
	return warning_keys[warning_index(warning)];
}

const char *
mp_warning_text(unsigned warning)
{
	return warning_texts[warning_index(warning)];
}

/* A port the table has for relaying between servers, such as 25. */
bool
mp_relay_port(unsigned number)
{
	const struct mp_port *port = mp_port_bynumber(number);

	return port != NULL && port->role == MP_ROLE_RELAY;
}

char *
mp_silent_text(char *buf, size_t size, const struct mp_probe_result *result)
{
	/* Twice the time, in whole seconds, as --timeout takes it. */
	unsigned longer = (result->timeout_ms * 2 + 999) / 1000;

	if (result->timeout_ms == 0)
		snprintf(buf, size, "%s", mp_warning_text(MP_WARN_SILENT));
	else if (result->timeout_ms >= TIMEOUT_MAX * 1000u)
		snprintf(buf, size, "accepted the connection but said nothing "
		    "within the timeout (%u ms)", result->timeout_ms);
	else
		snprintf(buf, size, "accepted the connection but said nothing "
		    "within the timeout (%u ms): to wait longer, try --timeout "
		    "%u", result->timeout_ms,
		    longer < TIMEOUT_MAX ? longer : TIMEOUT_MAX);
	return buf;
}

bool
mp_result_secure(const struct mp_probe_result *result)
{
	if (result->state != MP_STATE_OPEN ||
	    result->protocol == MP_PROTO_UNKNOWN ||
	    mp_relay_port(result->request.target.port))
		return false;
	/* A certificate a client would refuse is a way in for no one. */
	if (result->cert.findings & MP_CERT_REFUSED)
		return false;
	if (result->tls == MP_FOUND_IMPLICIT)
		return !(result->warnings & (MP_WARN_TLS_REFUSED |
		    MP_WARN_TLS_FAILED));
	return result->tls == MP_FOUND_STARTTLS &&
	    !(result->warnings & (MP_WARN_STARTTLS_REFUSED |
	    MP_WARN_TLS_REFUSED | MP_WARN_TLS_FAILED));
}

static const struct mp_probe_result *
secure_on(const struct mp_probe_result *results, size_t n, unsigned port,
    enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (results[i].request.target.port == port &&
		    results[i].protocol == protocol &&
		    mp_result_secure(&results[i]))
			return &results[i];
	return NULL;
}

const struct mp_probe_result *
mp_probe_verdict(const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol)
{
	const struct mp_probe_result *found;
	unsigned status;
	size_t i;

	for (status = 0; status < MP_NSTATUSES; status++) {
		for (i = 0; i < mp_nports; i++) {
			const struct mp_port *port = &mp_ports[i];

			if (port->status != status ||
			    port->protocol != protocol ||
			    port->role == MP_ROLE_RELAY)
				continue;
			found = secure_on(results, n, port->number, protocol);
			if (found != NULL)
				return found;
		}
	}
	/* Then any other port that was asked for, in the order asked. */
	for (i = 0; i < n; i++)
		if (results[i].protocol == protocol &&
		    mp_result_secure(&results[i]))
			return &results[i];
	return NULL;
}

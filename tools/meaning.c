/*
 * meaning.c - what each query word selects, in a sentence, for the manual
 * and the shell completions.  Only the build tools need these sentences,
 * so mailports does not carry them.
 */
#include <stdio.h>

#include "meaning.h"
#include "providers.h"

static const char *const role_meanings[MP_NROLES] = {
	[MP_ROLE_RELAY] = "relaying between servers",
	[MP_ROLE_SUBMISSION] = "sending from a client",
	[MP_ROLE_ACCESS] = "reading a mailbox",
	[MP_ROLE_FILTERS] = "managing server-side filters",
};

static const char *const tls_meanings[MP_NTLS] = {
	[MP_TLS_NONE] = "no TLS at all",
	[MP_TLS_STARTTLS] = "STARTTLS, plaintext first, then TLS",
	[MP_TLS_IMPLICIT] = "TLS from the first byte (SSL/TLS)",
};

static bool
selects(const struct mp_word *word, const struct mp_port *port)
{
	if (word->kind == MP_WORD_TLS)
		return port->tls == (enum mp_tls)word->value;
	if (word->kind == MP_WORD_PLAIN)
		return port->tls != MP_TLS_IMPLICIT;
	return port->secure == (word->value != 0);
}

/* Appends to text, of size bytes with used taken; returns the new used. */
static size_t
append(char *text, size_t size, size_t used, const char *before,
    unsigned number)
{
	int len;

	if (used >= size)
		return used;
	len = number != 0 ?
	    snprintf(text + used, size - used, "%s%u", before, number) :
	    snprintf(text + used, size - used, "%s", before);
	return len < 0 ? size : used + (size_t)len;
}

/*
 * Appends the ports a TLS or SECURE word selects, the historic ones or
 * the others, in the order mailports answers them: by status, then in
 * table order.
 */
static size_t
append_ports(const struct mp_word *word, bool historic, const char *first,
    char *text, size_t size, size_t used)
{
	const char *before = first;
	unsigned status;
	size_t i;

	for (status = 0; status < MP_NSTATUSES; status++) {
		if ((status == MP_STATUS_HISTORIC) != historic)
			continue;
		for (i = 0; i < mp_nports; i++) {
			if (mp_ports[i].status != status ||
			    !selects(word, &mp_ports[i]))
				continue;
			used = append(text, size, used, before,
			    mp_ports[i].number);
			before = ", ";
		}
	}
	return used;
}

size_t
mp_word_meaning(const struct mp_word *word, char *text, size_t size)
{
	size_t used, all;
	int len = 0;

	switch (word->kind) {
	case MP_WORD_PROTO:
		len = snprintf(text, size, "The %s ports",
		    mp_protocol_label((enum mp_protocol)word->value));
		break;
	case MP_WORD_ROLE:
		len = snprintf(text, size, "Ports for %s",
		    role_meanings[word->value]);
		break;
	case MP_WORD_TLS:
		len = snprintf(text, size, "Ports with %s",
		    tls_meanings[word->value]);
		break;
	case MP_WORD_SECURE:
		len = snprintf(text, size, "%s", word->value ?
		    "Ports that count as secure" :
		    "Ports not counted as secure, STARTTLS ones too");
		break;
	case MP_WORD_PLAIN:
		len = snprintf(text, size, "Ports that start unencrypted, "
		    "%s or %s", mp_tls_label(MP_TLS_NONE),
		    mp_tls_label(MP_TLS_STARTTLS));
		break;
	case MP_WORD_VERSUS:
		len = snprintf(text, size, "Two things side by side "
		    "(pop3 vs imap): a word of a kind one side lacks goes to "
		    "both");
		break;
	case MP_WORD_STATUS:
		len = snprintf(text, size, "Ports of status %s",
		    mp_status_key((enum mp_status)word->value));
		break;
	case MP_WORD_PORT:
		len = snprintf(text, size, "Port %u", word->value);
		break;
	case MP_WORD_PROVIDER:
		len = snprintf(text, size, "The servers of %s",
		    mp_providers[word->value].name);
		break;
	case MP_WORD_SIGNIN:
		len = snprintf(text, size, "The providers whose servers take "
		    "%s, or those servers of the provider named",
		    mp_signin_label(word->value));
		break;
	case MP_WORD_FILLER:
		len = snprintf(text, size, "Ignored, so that a query may be "
		    "typed as it is said (gmail smtp server settings); alone, "
		    "they are a query of no words");
		break;
	}
	if (len < 0)
		return size;
	if (word->kind != MP_WORD_TLS && word->kind != MP_WORD_SECURE &&
	    word->kind != MP_WORD_PLAIN)
		return (size_t)len;
	/* The historic ports answer only with the word historic. */
	used = append_ports(word, false, ": ", text, size, (size_t)len);
	all = append_ports(word, true, "; with historic, ", text, size, used);
	return all > used ? append(text, size, all, " too", 0) : all;
}

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

void
mp_word_meaning(const struct mp_word *word, char *text, size_t size)
{
	switch (word->kind) {
	case MP_WORD_PROTO:
		snprintf(text, size, "The %s ports",
		    mp_protocol_label((enum mp_protocol)word->value));
		break;
	case MP_WORD_ROLE:
		snprintf(text, size, "Ports for %s", role_meanings[word->value]);
		break;
	case MP_WORD_TLS:
		snprintf(text, size, "Ports with %s",
		    mp_tls_label((enum mp_tls)word->value));
		break;
	case MP_WORD_SECURE:
		snprintf(text, size, "Ports that %s as secure",
		    word->value ? "count" : "do not count");
		break;
	case MP_WORD_STATUS:
		snprintf(text, size, "Ports of status %s",
		    mp_status_key((enum mp_status)word->value));
		break;
	case MP_WORD_PORT:
		snprintf(text, size, "Port %u", word->value);
		break;
	case MP_WORD_PROVIDER:
		snprintf(text, size, "The servers of %s",
		    mp_providers[word->value].name);
		break;
	case MP_WORD_FILLER:
		snprintf(text, size, "Ignored, so that a query may be typed as "
		    "it is said (gmail smtp server settings); alone, they are "
		    "a query of no words");
		break;
	}
}

/*
 * check_setting.c - a setting as a mail client holds it, read from
 * HOST:PORT and the words that say its security and its protocol, as
 * --check takes it on the command line and a line of a list.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "escape.h"
#include "net.h"
#include "mailports.h"
#include "probe.h"
#include "protocol.h"

/*
 * The one member of a set of one, of n possible, or n for none or several:
 * the set is compared with each member's bit, as ffs(3) is of the XSI
 * option, outside the POSIX base the program is built for.
 */
static unsigned
only_member(unsigned set, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (set == 1u << i)
			return i;
	return n;
}

/* The one protocol of a set of protocols, or MP_PROTO_UNKNOWN. */
static enum mp_protocol
one_protocol(unsigned set)
{
	unsigned p = only_member(set, MP_NPROTOCOLS);

	if (p == MP_NPROTOCOLS || !mp_probed_protocol((enum mp_protocol)p))
		return MP_PROTO_UNKNOWN;
	return (enum mp_protocol)p;
}

/*
 * The protocol of a setting: the one its words name, or the one their
 * direction gives (sending is SMTP), or else the port's by the table.
 */
static enum mp_protocol
setting_protocol(const struct mp_query *query, unsigned port)
{
	enum mp_protocol by_port = mp_port_protocol(port);

	if (query->kinds & 1u << MP_WORD_PROTO)
		return one_protocol(query->protocols);
	if (!(query->kinds & 1u << MP_WORD_ROLE))
		return by_port;
	if (!(query->roles & ~(1u << MP_ROLE_SUBMISSION | 1u << MP_ROLE_RELAY)))
		return MP_PROTO_SMTP;
	if (query->roles == 1u << MP_ROLE_FILTERS)
		return MP_PROTO_MANAGESIEVE;
	if (query->roles == 1u << MP_ROLE_ACCESS &&
	    (by_port == MP_PROTO_IMAP || by_port == MP_PROTO_POP3))
		return by_port;
	return MP_PROTO_UNKNOWN;
}

/*
 * The first of words that says only whether the connection is secure,
 * such as "tls": dialogs and guides use it for SSL/TLS and for STARTTLS
 * alike.  NULL when there is none.
 */
static const char *
secure_word(char **words, int nwords)
{
	struct mp_word meaning;
	int i;

	for (i = 0; i < nwords; i++)
		if (mp_word_find(words[i], strlen(words[i]), &meaning) &&
		    meaning.kind == MP_WORD_SECURE)
			return words[i];
	return NULL;
}

/* The words of a setting: its connection security, and its protocol. */
static bool
setting_words(struct mp_endpoint *setting, char **words, int nwords,
    char *error, size_t size)
{
	struct mp_query query;
	enum mp_protocol protocol;
	unsigned tls;
	int i;

	mp_query_init(&query);
	for (i = 0; i < nwords; i++) {
		enum mp_error e = mp_query_add(&query, words[i],
		    strlen(words[i]));

		if (e != MP_OK) {
			char shown[96];

			snprintf(error, size, "%s '%s'", mp_error_text(e),
			    mp_escape_utf8(shown, sizeof shown, words[i],
			    strlen(words[i])));
			return false;
		}
	}
	if (query.provider != 0) {
		snprintf(error, size, "a provider goes in --check as an "
		    "address, not after HOST:PORT");
		return false;
	}
	if (query.nports > 0) {
		snprintf(error, size, "the port of --check goes with its host, "
		    "as HOST:PORT");
		return false;
	}
	if (!(query.kinds & 1u << MP_WORD_TLS)) {
		const char *vague = secure_word(words, nwords);

		/* The word was found among the known ones: nothing to escape. */
		if (vague != NULL)
			snprintf(error, size, "'%s' may mean SSL/TLS or "
			    "STARTTLS: say ssl/tls, starttls or none", vague);
		else
			snprintf(error, size, "no connection security: say "
			    "ssl/tls, starttls or none");
		return false;
	}
	/* Of one setting, the plain-text words are the dialog's None. */
	if (query.plain)
		query.tls = 1u << MP_TLS_NONE;
	if ((tls = only_member(query.tls, MP_NTLS)) == MP_NTLS) {
		snprintf(error, size, "one connection security at a time: "
		    "ssl/tls, starttls or none");
		return false;
	}
	setting->tls = (enum mp_tls)tls;
	if ((protocol = setting_protocol(&query, setting->port)) ==
	    MP_PROTO_UNKNOWN) {
		snprintf(error, size, "which protocol is port %u for? say "
		    "smtp, imap, pop3 or sieve", setting->port);
		return false;
	}
	setting->protocol = protocol;
	return true;
}

bool
mp_check_setting(const char *argument, char **words, int nwords,
    struct mp_endpoint *setting, char *error, size_t size)
{
	char shown[96];

	/* A setting typed in says nothing of the user name or the sign-in. */
	memset(setting, 0, sizeof *setting);
	mp_escape_utf8(shown, sizeof shown, argument, strlen(argument));
	if (!mp_split_host(argument, setting->host, &setting->port)) {
		snprintf(error, size, "invalid setting '%s' (HOST:PORT, or "
		    "[ADDRESS]:PORT for IPv6)", shown);
		return false;
	}
	if (setting->port == 0) {
		snprintf(error, size, "no port in '%s' (HOST:PORT, or "
		    "[ADDRESS]:PORT for IPv6)", shown);
		return false;
	}
	return setting_words(setting, words, nwords, error, size);
}


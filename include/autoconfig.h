/*
 * autoconfig.h - the settings a clientConfig file gives (the format of
 * Mozilla's ISP database and of a domain's own autoconfig file, version
 * 1.1): its incoming and outgoing servers as endpoints, read through the
 * XML reader (xml.h), with the rules the ISP database importer applies,
 * so a fetched file and the compiled table never read alike files apart.
 * No I/O, no allocation.
 */
#ifndef MAILPORTS_AUTOCONFIG_H
#define MAILPORTS_AUTOCONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "endpoint.h"

#define MP_AUTOCONFIG_SERVERS_MAX 16	/* kept; the rest are counted */

/* One server of the file, as a setting to type. */
struct mp_autoconfig_server {
	struct mp_endpoint endpoint;	/* host with %EMAILDOMAIN% filled in;
					   username the form the file's
					   template is, MP_USER_NONE for
					   another */
	char		 username[128];	/* the template as the file has it
					   (UTF-8, no control byte), or
					   escaped as mp_escape (escape.h)
					   writes it where it holds one or
					   is too long; "" for none */
	unsigned	 line;		/* of its element */
};

struct mp_autoconfig {
	size_t			 nservers;	/* taken */
	struct mp_autoconfig_server servers[MP_AUTOCONFIG_SERVERS_MAX];
	size_t			 total;		/* server elements seen */
	size_t			 skipped;	/* not taken: total - nservers
						   (Exchange, invalid, past
						   the ones kept) */
	/* Why nothing was taken, or why the first server skipped was, in
	   words for people with the line ("line 12: hostname '10.0.0.1' is
	   an address, not a host name"); "" when all were taken.  ASCII:
	   every byte of the file outside printable ASCII is escaped. */
	char			 reason[160];
};

/*
 * Reads the clientConfig document in the len bytes of body (at most
 * MP_HTTP_BODY_MAX, http.h), filling in domain (ASCII, lower case) for
 * %EMAILDOMAIN% in host names.  Returns whether it is a clientConfig
 * document at all (XML well formed, <clientConfig> the root, one
 * <emailProvider>); config->nservers may still be 0.  When it is not,
 * config->reason says why.  The tree is read into static storage: not
 * for two threads at once.
 */
bool mp_autoconfig_read(struct mp_autoconfig *config, const char *body,
    size_t len, const char *domain);

/*
 * The rules of clientConfig shared with the ISP database's importer
 * (tools/ispdb.c), one place for both.
 */

/* What a server element's type attribute makes of it. */
enum mp_autoconfig_type {
	MP_AUTOCONFIG_MAIL,		/* imap or pop3 incoming, smtp outgoing */
	MP_AUTOCONFIG_MISPLACED,	/* one of those on the other side */
	MP_AUTOCONFIG_EXCHANGE,		/* exchange, ews, graph or owa */
	MP_AUTOCONFIG_OTHER		/* any other, or none */
};

/*
 * The type of an incomingServer (incoming) or outgoingServer element from
 * its type attribute (NULL when it has none); sets *protocol for
 * MP_AUTOCONFIG_MAIL.  Only a mail type is taken: Exchange's protocols
 * (Thunderbird reads them through an add-on) are none a client here
 * speaks.
 */
enum mp_autoconfig_type mp_autoconfig_type(const char *type, bool incoming,
    enum mp_protocol *protocol);

/* A socketType: SSL, STARTTLS or plain, in that case; false for another. */
bool mp_autoconfig_tls(const char *text, enum mp_tls *tls);

/*
 * A port: 1 to 65535 in digits only, five at most ("000025" is refused
 * as a port of six would be); false for another text.
 */
bool mp_autoconfig_port(const char *text, unsigned *port);

/*
 * The form of a username template: "" none, %EMAILADDRESS% the address,
 * %EMAILLOCALPART% the part before the @, %EMAILLOCALPART%.%EMAILDOMAIN%
 * that, a dot and the domain.  The typo %EMAILADDRESS, which Thunderbird
 * takes too, is the address with *repaired set.  False for another.
 */
bool mp_autoconfig_username(const char *text, enum mp_username *username,
    bool *repaired);

/*
 * The sign-in method of an authentication element's text
 * (password-cleartext, password-encrypted, OAuth2, client-IP-address,
 * TLS-client-cert, none), as its MP_SIGNIN_BIT_; MP_NSIGNINS for another.
 * A server with no authentication element signs in with a password.
 */
enum mp_signin_bit mp_autoconfig_signin(const char *text);

#endif

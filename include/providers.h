/*
 * providers.h - the email providers of data/providers.def: their servers,
 * the domains of their addresses, and what trips people up when they set
 * one up.
 */
#ifndef MAILPORTS_PROVIDERS_H
#define MAILPORTS_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "mailports.h"

/*
 * The user name a server wants, as a form of the address: the key is the
 * value scripts read, the label what a person is told to type when no
 * address was given.
 */
#define MP_USERNAMES(X) \
	X(ADDRESS, "address", "whole address") \
	X(LOCALPART, "localpart", "part before @") \
	X(LOCALPART_DOMAIN, "localpart.domain", "part before @, a dot, domain") \
	X(NONE, "none", "none")

enum mp_username {
#define X(name, key, label) MP_USER_##name,
	MP_USERNAMES(X)
#undef X
	MP_NUSERNAMES
};

/*
 * How a server lets a client sign in; a server may allow several, so
 * these are bits.  The key is the value scripts read.  APP_PASSWORD is a
 * password the provider issues for one program, usually after two-factor
 * sign-in, where the account's own password is refused.
 */
#define MP_SIGNINS(X) \
	X(PASSWORD, "password", "a password") \
	X(OAUTH2, "oauth2", "OAuth2 (a browser login)") \
	X(APP_PASSWORD, "app-password", "an app password") \
	X(ENCRYPTED_PASSWORD, "encrypted-password", "an encrypted password") \
	X(CLIENT_CERTIFICATE, "client-certificate", "a TLS client certificate") \
	X(IP_ADDRESS, "ip-address", "none, by the network address") \
	X(NONE, "none", "no sign-in")

enum mp_signin_bit {
#define X(name, key, label) MP_SIGNIN_BIT_##name,
	MP_SIGNINS(X)
#undef X
	MP_NSIGNINS
};

enum mp_signin {
#define X(name, key, label) MP_SIGNIN_##name = 1u << MP_SIGNIN_BIT_##name,
	MP_SIGNINS(X)
#undef X
};

/*
 * Names and texts are held in the rows rather than pointed to: a pointer
 * costs a relocation at every start of the program, and the rows hold
 * over a thousand texts; held in place, they cost nothing until read.
 */
#define MP_NAME_SIZE 64
#define MP_HOST_SIZE 48
#define MP_DOMAIN_SIZE 48
#define MP_TEXT_SIZE 160
#define MP_SOURCE_SIZE 256

/* Which layer of the data a provider's rows come from. */
#define MP_ORIGINS(X) \
	X(CURATED, "curated") \
	X(DATABASE, "database") \
	X(BOTH, "both")

enum mp_origin {
#define X(name, key) MP_ORIGIN_##name,
	MP_ORIGINS(X)
#undef X
	MP_NORIGINS
};

/*
 * The tables are written by tools/mkproviders from data/providers.def
 * and data/ispdb.def: each provider's servers and notes come together,
 * from its first_server and first_note on, and the domains are sorted.
 */
struct mp_provider {
	char word[MP_NAME_SIZE];	/* the query word, such as "gmail" */
	char name[MP_NAME_SIZE];	/* for people, such as "Gmail" */
	char source[MP_SOURCE_SIZE];	/* where the facts come from, dated */
	enum mp_origin	 origin;
	enum mp_protocol prefers;	/* the incoming protocol it proposes
					   first, MP_NPROTOCOLS for none */
	unsigned short	 first_server, nservers;
	unsigned short	 first_note, nnotes;
};

struct mp_server {
	unsigned short	 provider;	/* index into mp_providers */
	unsigned short	 port;
	enum mp_protocol protocol;	/* SMTP, IMAP or POP3 */
	enum mp_tls	 tls;
	enum mp_username username;
	unsigned char	 signin;	/* MP_SIGNIN_ bits */
	char		 host[MP_HOST_SIZE];	/* may hold MP_DOMAIN_PLACEHOLDER */
};

/*
 * Where a host name holds this, the address's domain goes: the ISP
 * database's own placeholder, for providers that serve each domain of
 * theirs from a host named after it.
 */
#define MP_DOMAIN_PLACEHOLDER "%EMAILDOMAIN%"

/* An address domain, or with a leading dot every name under one. */
struct mp_domain {
	unsigned short	 provider;
	unsigned char	 len;
	unsigned	 letters;	/* mp_letter_set() of the name */
	char		 name[MP_DOMAIN_SIZE];
};

/*
 * The set of letters in text of len bytes, a bit each (digits share one,
 * other bytes another), ASCII case ignored: one edit changes at most two
 * bits of it, so two names whose sets differ in more than 2k bits are
 * more than k edits apart, which rules most out at once.
 */
unsigned mp_letter_set(const char *text, size_t len);

struct mp_alias {
	unsigned short	 provider;
	char		 word[MP_NAME_SIZE];
};

enum mp_note_kind {
	MP_NOTE_NOTE,		/* something to know */
	MP_NOTE_ENABLE		/* something to switch on before signing in */
};

struct mp_note {
	unsigned short	 provider;
	enum mp_note_kind kind;
	char		 text[MP_TEXT_SIZE];	/* a sentence, no final period */
	char		 source[MP_SOURCE_SIZE];	/* the page that says so */
};

/* A host name suffix of a provider's mail exchangers (MX records). */
struct mp_mx {
	unsigned short	 provider;
	char		 suffix[MP_DOMAIN_SIZE];
};

extern const struct mp_provider mp_providers[];
extern const size_t mp_nproviders;
extern const struct mp_server mp_servers[];
extern const size_t mp_nservers;
extern const struct mp_domain mp_domains[];
extern const size_t mp_ndomains;
extern const struct mp_alias mp_aliases[];
extern const size_t mp_naliases;
extern const struct mp_note mp_notes[];
extern const size_t mp_nnotes;
extern const struct mp_mx mp_mxs[];
extern const size_t mp_nmxs;

/* Room callers keep for one provider's servers. */
#define MP_SERVERS_MAX 16

/*
 * The provider of an address domain of len bytes, ignoring ASCII case and
 * one trailing dot, as an index into mp_providers; -1 if none is known.
 * Only a row with a leading dot matches names under it.
 */
int mp_domain_find(const char *domain, size_t len);

/*
 * The server whose host name is the len bytes of name (ASCII, lower case,
 * NUL-terminated after them, no trailing dot), or whose host with MP_DOMAIN_PLACEHOLDER in it is
 * name with a domain of the same provider in its place (mail.inbox.lt);
 * then *domain and *domain_len say where that domain is in name, else
 * *domain_len is 0.  Returns 1 + its index into mp_servers, the first
 * such row, or 0 when no server has that name.
 */
unsigned mp_server_find_host(const char *name, size_t len, size_t *domain,
    size_t *domain_len);

/*
 * The provider whose word or alias the text is, ASCII case ignored, as an
 * index into mp_providers; -1 if it is neither.
 */
int mp_provider_word_find(const char *text, size_t len);

/* The key of an origin: "curated", "database" or "both". */
const char *mp_origin_key(enum mp_origin origin);

/* The key and the label of a user-name form. */
const char *mp_username_key(enum mp_username username);
const char *mp_username_label(enum mp_username username);

/*
 * The user name to type for address (NUL-terminated, with an @) in the
 * form given, in buf of size bytes (cut short to fit); returns its length.
 * MP_USER_NONE gives "".
 */
size_t mp_username_fill(enum mp_username username, const char *address,
    char *buf, size_t size);

/*
 * The user name a template of an autoconfig file gives for address, in
 * buf of size bytes: %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN%
 * replaced by the address's parts.  Returns its length, or 0 when there
 * is no address to fill in (NULL, or a domain alone).
 */
size_t mp_username_template(const char *template, const char *address,
    char *buf, size_t size);

/* The key and the label of one MP_SIGNIN_ bit, or NULL for none. */
const char *mp_signin_key(unsigned bit);
const char *mp_signin_label(unsigned bit);

/*
 * How to sign in, in words, in text of size bytes: each way the MP_SIGNIN_
 * bits of signin allow, and when none is a password, that one is refused.
 */
void mp_signin_describe(char *text, size_t size, unsigned signin);

/*
 * A server's host name, with MP_DOMAIN_PLACEHOLDER replaced by domain
 * when domain is not NULL, in buf of size bytes (cut short to fit).
 */
const char *mp_server_host(const struct mp_server *server, const char *domain,
    char *buf, size_t size);

/* Incoming (IMAP, POP3) or outgoing (SMTP). */
bool mp_server_incoming(const struct mp_server *server);

/* Whether a provider's server matches the words of the query. */
bool mp_query_matches_server(const struct mp_query *query,
    const struct mp_server *server);

/*
 * For a query that names a provider: stores up to max of its servers that
 * match in results, in the provider's order of preference, and returns
 * how many matched.  With best, only the first of each protocol counts.
 */
size_t mp_lookup_servers(const struct mp_query *query,
    const struct mp_server **results, size_t max, bool best);

#endif

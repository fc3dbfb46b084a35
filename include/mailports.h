/*
 * mailports.h - the email port table and the query language over it.
 *
 * Everything declared here is pure: no heap, no I/O, no mutable global
 * state, except the formatters, which write to the stream they are given.
 */
#ifndef MAILPORTS_H
#define MAILPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The values of the table's fields, each with its names: the key is lower
 * case and stable, for --tsv, --json and scripts; the label is for people.
 * Each list makes its enum here and its names in src/ports.c.
 */
#define MP_PROTOCOLS(X) \
	X(SMTP,        "smtp",        "SMTP") \
	X(IMAP,        "imap",        "IMAP") \
	X(POP3,        "pop3",        "POP3") \
	X(MANAGESIEVE, "managesieve", "ManageSieve") \
	X(ODMR,        "odmr",        "ODMR") \
	X(POP2,        "pop2",        "POP2") \
	X(IMAP3,       "imap3",       "IMAP3")

#define MP_ROLES(X) \
	X(RELAY,      "relay")		/* server to server */ \
	X(SUBMISSION, "submission")	/* a client sends mail */ \
	X(ACCESS,     "access")		/* a client reads a mailbox */ \
	X(FILTERS,    "filters")	/* a client manages server-side filters */

#define MP_TLS_MODES(X) \
	X(NONE,     "none",     "none") \
	X(STARTTLS, "starttls", "STARTTLS")	/* plaintext, then an upgrade */ \
	X(IMPLICIT, "implicit", "implicit TLS")	/* TLS from the first byte */

/* In order of preference: answers are sorted by it. */
#define MP_STATUSES(X) \
	X(RECOMMENDED, "recommended") \
	X(STANDARD,    "standard") \
	X(LEGACY,      "legacy") \
	X(UNOFFICIAL,  "unofficial") \
	X(HISTORIC,    "historic")

#define MP_ENUM_PROTO(value, key, label) MP_PROTO_##value,
#define MP_ENUM_ROLE(value, key) MP_ROLE_##value,
#define MP_ENUM_TLS(value, key, label) MP_TLS_##value,
#define MP_ENUM_STATUS(value, key) MP_STATUS_##value,
enum mp_protocol { MP_PROTOCOLS(MP_ENUM_PROTO) MP_NPROTOCOLS };
enum mp_role { MP_ROLES(MP_ENUM_ROLE) MP_NROLES };
enum mp_tls { MP_TLS_MODES(MP_ENUM_TLS) MP_NTLS };
enum mp_status { MP_STATUSES(MP_ENUM_STATUS) MP_NSTATUSES };
#undef MP_ENUM_PROTO
#undef MP_ENUM_ROLE
#undef MP_ENUM_TLS
#undef MP_ENUM_STATUS

struct mp_port {
	unsigned	 number;
	enum mp_protocol protocol;
	enum mp_role	 role;
	enum mp_tls	 tls;
	bool		 secure;
	enum mp_status	 status;
	const char	*iana;		/* IANA service name, or NULL */
	const char	*rfcs;		/* "RFC 8314, RFC 9051", or "" */
	const char	*note;		/* one sentence, no final period */
};

/* The table compiled from data/ports.def, in its row order. */
#define MP_PORTS_MAX 64
extern const struct mp_port mp_ports[];
extern const size_t mp_nports;

/* The names of the lists above. */
const char *mp_protocol_key(enum mp_protocol);
const char *mp_protocol_label(enum mp_protocol);
const char *mp_role_key(enum mp_role);
const char *mp_tls_key(enum mp_tls);
const char *mp_tls_label(enum mp_tls);
const char *mp_status_key(enum mp_status);

/*
 * The email providers of data/providers.def: their servers, the domains
 * of their addresses, and what trips people up when they set one up.
 */
enum mp_username {
	MP_USER_ADDRESS,	/* the whole address is the user name */
	MP_USER_LOCALPART	/* only the part before the @ is */
};

/*
 * Names and texts are held in the rows rather than pointed to: a pointer
 * costs a relocation at every start, and there are hundreds of rows.
 */
#define MP_NAME_SIZE 32
#define MP_HOST_SIZE 48
#define MP_DOMAIN_SIZE 32
#define MP_TEXT_SIZE 160
#define MP_SOURCE_SIZE 256

struct mp_provider {
	char word[MP_NAME_SIZE];	/* the query word, such as "gmail" */
	char name[MP_NAME_SIZE];	/* for people, such as "Gmail" */
	char source[MP_SOURCE_SIZE];	/* where the facts come from, dated */
};

struct mp_server {
	unsigned short	 provider;	/* index into mp_providers */
	unsigned short	 port;
	enum mp_protocol protocol;	/* SMTP, IMAP or POP3 */
	enum mp_tls	 tls;
	enum mp_username username;
	char		 host[MP_HOST_SIZE];
};

/* An address domain, or with a leading dot every name under one. */
struct mp_domain {
	unsigned short	 provider;
	unsigned char	 len;
	char		 name[MP_DOMAIN_SIZE];
};

struct mp_alias {
	unsigned short	 provider;
	char		 word[MP_NAME_SIZE];
};

struct mp_note {
	unsigned short	 provider;
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

/* Incoming (IMAP, POP3) or outgoing (SMTP). */
bool mp_server_incoming(const struct mp_server *server);

/* The query words of data/words.def. */
enum mp_word_kind {
	MP_WORD_PROTO,
	MP_WORD_ROLE,
	MP_WORD_TLS,
	MP_WORD_SECURE,
	MP_WORD_STATUS,
	MP_WORD_PORT,
	MP_WORD_PROVIDER	/* value is an index into mp_providers */
};

struct mp_word {
	const char	  *text;
	enum mp_word_kind  kind;
	unsigned	   value;
};

extern const struct mp_word mp_words[];
extern const size_t mp_nwords;

/*
 * Longest word worth reading: no known word comes near it, so longer
 * input is rejected without being scanned further.
 */
#define MP_WORD_MAX 64

/*
 * Finds what a word means: a row of words.def, else an IANA service name
 * of ports.def (as a PORT word), else a provider's word, alias or domain.
 * Case is ignored.  Returns false when the word is unknown.
 */
bool mp_word_find(const char *text, size_t len, struct mp_word *meaning);

/* Room for every word of words.def and every IANA service name. */
#define MP_QUERY_WORDS_MAX ((size_t)MP_PORTS_MAX * 4)

/*
 * Stores the words of words.def, then the IANA service names of ports.def
 * that are words of their own, in up to max words; returns how many.
 * The synonyms of words.def are next to each other; a service name may
 * mean what a word of words.def does ("submissions", "smtps").
 */
size_t mp_query_words(struct mp_word *words, size_t max);

/*
 * The known word nearest to an unknown one, for "did you mean": at most
 * two edits away and close for its length.  A word with a dot in it is
 * compared with the provider domains, any other with the words.  Returns
 * NULL when none is near.
 */
const char *mp_word_suggest(const char *text, size_t len);

/*
 * A query is a conjunction of words.  Each field is the set of values
 * still allowed, as bits (1u << value).
 */
struct mp_query {
	unsigned protocols;
	unsigned roles;
	unsigned tls;
	unsigned security;	/* bit 1: secure, bit 0: not */
	unsigned statuses;
	unsigned port;		/* 0: any port */
	bool	 empty;		/* two different ports or providers asked for */
	bool	 historic;	/* historic ports may answer */
	unsigned provider;	/* 1 + index into mp_providers, 0 for none */
	size_t	 local_len;	/* length of the address's local part */
	char	 address[MP_WORD_MAX + 1];	/* the address given, or "" */
};

enum mp_error {
	MP_OK,
	MP_ERR_EMPTY,		/* "" */
	MP_ERR_TOO_LONG,	/* longer than MP_WORD_MAX */
	MP_ERR_UNKNOWN,		/* not a known word */
	MP_ERR_NUMBER,		/* looks like a number, is not one: 0x19, +25 */
	MP_ERR_RANGE,		/* a number outside 1-65535 */
	MP_ERR_ADDRESS,		/* has an @ but is no address: "alice@" */
	MP_ERR_DOMAIN		/* a domain no provider is known for; this
				   means "not found" rather than a bad word */
};

/* An explanation of an error, such as "unknown word". */
const char *mp_error_text(enum mp_error);

/* A query that every record but the historic ones matches. */
void mp_query_init(struct mp_query *query);

/*
 * Narrows a query by one word of len bytes (it need not be NUL-terminated
 * and may contain any byte; at most MP_WORD_MAX bytes of it are read).
 * On error the query is unchanged.
 */
enum mp_error mp_query_add(struct mp_query *query, const char *word, size_t len);

bool mp_query_matches(const struct mp_query *query, const struct mp_port *port);
bool mp_query_matches_server(const struct mp_query *query,
    const struct mp_server *server);

/*
 * Stores up to max matching records in results, best first: by status,
 * then in table order.  Returns how many matched, which may exceed max.
 */
size_t mp_lookup(const struct mp_query *query, const struct mp_port **results,
    size_t max);

/*
 * For a query that names a provider: stores up to max of its servers that
 * match in results, in the provider's order of preference, and returns
 * how many matched.  With best, only the first of each protocol counts.
 */
size_t mp_lookup_servers(const struct mp_query *query,
    const struct mp_server **results, size_t max, bool best);

/*
 * Output.  Each formatter writes to the stream it is given and leaves error
 * checking to the caller, through ferror().
 */
enum mp_format {
	MP_FORMAT_TABLE,	/* aligned columns with a header, for people */
	MP_FORMAT_PORTS,	/* port numbers only */
	MP_FORMAT_TSV,		/* a header line, then one record a line */
	MP_FORMAT_JSON		/* one JSON array on one line */
};

void mp_print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color);
void mp_print_ports(FILE *fp, const struct mp_port *const *ports, size_t n,
    char separator);
void mp_print_tsv_header(FILE *fp);
void mp_print_tsv(FILE *fp, const struct mp_port *const *ports, size_t n);
void mp_print_json(FILE *fp, const struct mp_port *const *ports, size_t n);

/*
 * A provider's servers, for the provider and address of the query.  The
 * TSV header comes before the first record, as with the ports.
 */
void mp_print_servers_table(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n, bool color);
void mp_print_servers_ports(FILE *fp, const struct mp_server *const *servers,
    size_t n, char separator);
void mp_print_servers_tsv_header(FILE *fp);
void mp_print_servers_tsv(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n);
void mp_print_servers_json(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n);

/* Every provider with its words and domains, for --providers. */
void mp_print_providers(FILE *fp, enum mp_format format);

/*
 * Reads queries from a stream, one a line, as words separated by blanks.
 * A word may hold any byte but a blank or a newline; NUL is not special.
 */
struct mp_reader {
	FILE		*fp;
	unsigned long	 line;			/* the line being read, from 1 */
	size_t		 len;			/* the word's length, at most
						   MP_WORD_MAX + 1 for any
						   longer word */
	char		 word[MP_WORD_MAX + 1];	/* its first len bytes */
	bool		 in_line;		/* a line has begun */
	int		 pending;		/* a byte read too far, or EOF */
	bool		 ended;			/* the stream has ended */
};

enum mp_token {
	MP_TOKEN_WORD,		/* a word is in word and len */
	MP_TOKEN_LINE_END,	/* the line that began has ended */
	MP_TOKEN_END		/* end of input, or a read error (see ferror) */
};

void mp_reader_init(struct mp_reader *reader, FILE *fp);
enum mp_token mp_reader_next(struct mp_reader *reader);

/*
 * Copies len bytes of untrusted text into dst (of size dstsize, at least
 * 8), printable ASCII as it is and every other byte, backslash and quote
 * as an escape such as \x1b, shortened with "..." when it does not fit.
 * The result is safe to print on a terminal.  Returns dst.
 */
char *mp_escape(char *dst, size_t dstsize, const char *src, size_t len);

#endif /* MAILPORTS_H */

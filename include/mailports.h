/*
 * mailports.h - the core: the email port table, the query words, and the
 * query language and lookup over them.
 *
 * Everything declared here is pure: no heap, no I/O, no mutable global
 * state.  The providers are in providers.h, the formatters in format.h.
 */
#ifndef MAILPORTS_MAILPORTS_H
#define MAILPORTS_MAILPORTS_H

#include <stdbool.h>
#include <stddef.h>

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

/* The labels are a mail client's words for "Connection security". */
#define MP_TLS_MODES(X) \
	X(NONE,     "none",     "None") \
	X(STARTTLS, "starttls", "STARTTLS")	/* plaintext, then an upgrade */ \
	X(IMPLICIT, "implicit", "SSL/TLS")	/* TLS from the first byte */

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
	const char	*text;		/* the number as ports.def writes it */
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
/* The table's row for port number, or NULL when it has none. */
const struct mp_port *mp_port_bynumber(unsigned number);

/* The names of the lists above. */
const char *mp_protocol_key(enum mp_protocol);
const char *mp_protocol_label(enum mp_protocol);
const char *mp_role_key(enum mp_role);
const char *mp_tls_key(enum mp_tls);
const char *mp_tls_label(enum mp_tls);
const char *mp_status_key(enum mp_status);

/* The query words of data/words.def. */
enum mp_word_kind {
	MP_WORD_PROTO,
	MP_WORD_ROLE,
	MP_WORD_TLS,
	MP_WORD_SECURE,
	MP_WORD_PLAIN,		/* starts unencrypted: no TLS, or STARTTLS */
	MP_WORD_STATUS,
	MP_WORD_PORT,
	MP_WORD_PROVIDER,	/* value is an index into mp_providers */
	MP_WORD_SIGNIN,		/* value is a bit of enum mp_signin */
	MP_WORD_VERSUS,		/* "vs": two sides of one question */
	MP_WORD_FILLER		/* ignored: "server", "settings", "for" */
};

struct mp_word {
	const char	  *text;
	enum mp_word_kind  kind;
	unsigned	   value;
};

extern const struct mp_word mp_words[];
extern const size_t mp_nwords;

/*
 * Longest word worth reading: the longest email address, 254 bytes (RFC
 * 5321, section 4.5.3.1.3, less the path's angle brackets: RFC 3696,
 * erratum 1690), which is longer than a domain alone may be; longer input
 * is rejected without being scanned further.
 */
#define MP_WORD_MAX 254

/*
 * Finds what a word means: a row of words.def, else an IANA service name
 * of ports.def (as a PORT word), else a provider's word, alias or domain.
 * Case is ignored.  Returns false when the word is unknown.
 */
bool mp_word_find(const char *text, size_t len, struct mp_word *meaning);

/*
 * Whether a word is a row of words.def of that kind, case ignored: cheaper
 * than mp_word_find for a question about one kind.
 */
bool mp_word_is(const char *text, size_t len, enum mp_word_kind kind);

/* Room for every word of words.def and every IANA service name. */
#define MP_QUERY_WORDS_MAX ((size_t)MP_PORTS_MAX * 4)

/*
 * Stores the words of words.def, then the IANA service names of ports.def
 * that are words of their own, then the filler words of words.def, in up
 * to max words; returns how many.  The synonyms of words.def are next to
 * each other; a service name may mean what a word of words.def does
 * ("submissions", "smtps").
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
 * The one of names (n of them) nearest to text, by the same rules, for a
 * "did you mean" of other names than the words (the long options); NULL
 * when none is near.
 */
const char *mp_suggest(const char *text, size_t len, const char *const *names,
    size_t n);

/* The most ports one query may name, by number or by service name. */
#define MP_QUERY_PORTS_MAX 16

/*
 * A query: each field is the set of values still allowed, as bits
 * (1u << value).  Words of one kind are alternatives, so the first word
 * of a kind narrows its set to one value and each further word of that
 * kind adds its value back; words of different kinds narrow each other.
 */
struct mp_query {
	unsigned protocols;
	unsigned roles;
	unsigned tls;
	unsigned security;	/* bit 1: secure, bit 0: not */
	unsigned statuses;
	unsigned kinds;		/* bit (1u << kind): a word of that kind came */
	unsigned ports[MP_QUERY_PORTS_MAX];	/* any of these ports */
	size_t	 nports;	/* 0: any port */
	bool	 historic;	/* historic ports may answer */
	unsigned provider;	/* 1 + index into mp_providers, 0 for none */
	unsigned signins;	/* sign-in bits of which one is asked, or 0 */
	bool	 plain;		/* a plain-text word came: no TLS or STARTTLS */
	unsigned host;		/* 1 + index into mp_servers of the server
				   host name given, 0 for none */
	size_t	 local_len;	/* length of the address's local part */
	char	 address[MP_WORD_MAX + 1];	/* the address given, or "" */
	char	 domain[254];	/* its domain or the domain given, in ASCII
				   lower case, or "" */
};

enum mp_error {
	MP_OK,
	MP_ERR_EMPTY,		/* "" */
	MP_ERR_TOO_LONG,	/* longer than MP_WORD_MAX */
	MP_ERR_UNKNOWN,		/* not a known word */
	MP_ERR_NUMBER,		/* looks like a number, is not one: 0x19, +25 */
	MP_ERR_RANGE,		/* a number outside 1-65535 */
	MP_ERR_ADDRESS,		/* has an @ but is no address: "alice@" */
	MP_ERR_DOMAIN,		/* a domain no provider is known for; this
				   means "not found" rather than a bad word */
	MP_ERR_PROVIDERS,	/* a second provider: one query, one provider */
	MP_ERR_PORTS		/* a port past MP_QUERY_PORTS_MAX of them */
};

/* An explanation of an error, such as "unknown word". */
const char *mp_error_text(enum mp_error);

/* A query that every record but the historic ones matches. */
void mp_query_init(struct mp_query *query);

/*
 * Adds one word of len bytes to a query: the first word of a kind narrows
 * the query, a further one of the same kind widens it again.  The word
 * need not be NUL-terminated and may contain any byte; at most
 * MP_WORD_MAX bytes of it are read.  On error the query is unchanged.
 */
enum mp_error mp_query_add(struct mp_query *query, const char *word, size_t len);

bool mp_query_matches(const struct mp_query *query, const struct mp_port *port);

/*
 * What the query's words said, as bits (1u << kind) of enum mp_word_kind:
 * a provider, ports, and each kind that narrows; 0 when they said nothing
 * (no words, or fillers alone).
 */
unsigned mp_query_said(const struct mp_query *query);

/*
 * Whether the query allows a server of protocol at port with TLS mode
 * tls, as a mail client's setting has one: in the direction its protocol
 * has, secure when it uses TLS at all, of the status the table gives the
 * port (unofficial where it has none, legacy where it is historic).
 */
bool mp_query_allows(const struct mp_query *query, enum mp_protocol protocol,
    enum mp_tls tls, unsigned port);

/* Whether the query allows a port: it names none, or this one among them. */
bool mp_query_allows_port(const struct mp_query *query, unsigned number);

/*
 * Stores up to max matching records in results, best first: by status,
 * then in table order.  Returns how many matched, which may exceed max.
 */
size_t mp_lookup(const struct mp_query *query, const struct mp_port **results,
    size_t max);

#endif

/*
 * probe.h - asking a live mail server what it speaks on each port.
 *
 * The parsers and the verdict are pure functions over bytes a server sent;
 * src/probe.c does the network part and src/format_probe.c the output.
 * A server is untrusted: every parser takes a length, reads no further,
 * and copes with any byte.
 */
#ifndef MAILPORTS_PROBE_H
#define MAILPORTS_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>

#include "mailports.h"
#include "net.h"

/* No protocol recognised: beyond the values of enum mp_protocol. */
#define MP_PROTO_UNKNOWN MP_NPROTOCOLS

/* The protocols a probe can speak: those with a greeting it knows. */
bool mp_probed_protocol(enum mp_protocol protocol);

/* Where a reply stands after the bytes read so far. */
enum mp_reply {
	MP_REPLY_MORE,		/* incomplete: read on */
	MP_REPLY_DONE,		/* complete */
	MP_REPLY_BAD,		/* not what the protocol sends */
	MP_REPLY_REFUSED	/* complete, and it turns the client away */
};

/*
 * The protocol a greeting is in, from its first line: SMTP "220", POP3
 * "+OK", IMAP "* OK", ManageSieve a quoted capability.  Refusals ("554",
 * "-ERR", "* BYE") count too.  MP_PROTO_UNKNOWN for anything else.
 */
enum mp_protocol mp_greeting_protocol(const char *text, size_t len);

/*
 * Whether the greeting of protocol has ended; REFUSED when it turns the
 * client away (SMTP 554 or 421, POP3 -ERR, IMAP BYE).
 */
enum mp_reply mp_greeting_status(enum mp_protocol protocol, const char *text,
    size_t len);

/*
 * Whether the greeting lists the capabilities, as ManageSieve's always
 * does and IMAP's may ("* OK [CAPABILITY ...]"): then there is nothing
 * to ask, and no round trip to spend.
 */
bool mp_greeting_lists_capabilities(enum mp_protocol protocol,
    const char *text, size_t len);

/*
 * The capability command to send after the greeting, or NULL when the
 * protocol has none (ManageSieve); and the command that ends the session.
 */
const char *mp_capability_command(enum mp_protocol protocol);
const char *mp_quit_command(enum mp_protocol protocol);
/* The capability command's name, such as "EHLO", or NULL when there is none. */
const char *mp_capability_name(enum mp_protocol protocol);

/*
 * Whether the answer to the capability command has ended; REFUSED when it
 * is a refusal (SMTP 4xx and 5xx, but 500 and 502: no extensions).
 */
enum mp_reply mp_capability_status(enum mp_protocol protocol,
    const char *text, size_t len);

/*
 * Room for a dozen mechanisms of the longest names (RFC 4422 allows 20
 * bytes); when there are more, the list is cut, but never before PLAIN
 * and LOGIN.
 */
#define MP_AUTH_SIZE 256

/* What a server offers before TLS. */
struct mp_capabilities {
	bool starttls;			/* STARTTLS, or STLS in POP3 */
	bool cleartext_login;		/* the password itself may be sent now:
					   SASL PLAIN or LOGIN, IMAP LOGIN,
					   POP3 USER */
	bool auth_cut;			/* more mechanisms than auth holds */
	char auth[MP_AUTH_SIZE];	/* SASL mechanisms, blank-separated */
};

/*
 * Reads the capabilities from text: the greeting and the answer to the
 * capability command, as the server sent them.
 */
void mp_parse_capabilities(enum mp_protocol protocol, const char *text,
    size_t len, struct mp_capabilities *capabilities);

/* What came back for a TLS ClientHello. */
enum mp_tls_reply {
	MP_TLS_REPLY_MORE,	/* too little to tell */
	MP_TLS_REPLY_HELLO,	/* a TLS handshake record with a ServerHello */
	MP_TLS_REPLY_ALERT,	/* a TLS alert: TLS, though it refused us */
	MP_TLS_REPLY_NOT	/* not TLS */
};

/*
 * What bytes are, past any warning alerts before a ServerHello.  An
 * alert is TLS spoken, but the handshake refused.
 */
enum mp_tls_reply mp_tls_reply(const unsigned char *bytes, size_t len);
/* The description of the alert that ends bytes' handshake, or -1. */
int mp_tls_alert(const unsigned char *bytes, size_t len);
/* Its name, such as "protocol_version", or NULL for a number unknown. */
const char *mp_tls_alert_name(unsigned description);
/* Its name, or for a number unknown "alert N" written in buf. */
const char *mp_tls_alert_text(char buf[static 16], unsigned description);
/* The alert of a server that takes none of the TLS versions offered. */
#define MP_TLS_ALERT_PROTOCOL_VERSION 70

/*
 * Writes a TLS ClientHello into out (of size at least MP_HELLO_SIZE),
 * offering TLS 1.2 and 1.3, naming server (when it is a host name, not an
 * address) for SNI.  Returns its length.
 */
#define MP_HELLO_SIZE 512
size_t mp_client_hello(unsigned char *out, const char *server);

/* What a probe of one address and port found. */
enum mp_state {
	MP_STATE_OPEN,		/* it accepted the connection */
	MP_STATE_CLOSED,	/* it refused it */
	MP_STATE_TIMEOUT,	/* no answer to the connection in time */
	MP_STATE_ERROR,		/* anything else, with a reason */
	MP_NSTATES
};

enum mp_found_tls {
	MP_FOUND_UNKNOWN,	/* nothing to tell from */
	MP_FOUND_NONE,		/* plaintext, and no upgrade offered */
	MP_FOUND_STARTTLS,	/* plaintext, and STARTTLS offered */
	MP_FOUND_IMPLICIT,	/* TLS from the first byte */
	MP_NFOUND
};

/* Things a person should act on, as bits. */
enum mp_warning {
	MP_WARN_CLEARTEXT_LOGIN = 1 << 0,	/* a password may go unencrypted */
	MP_WARN_PLAINTEXT_ON_TLS = 1 << 1,	/* plaintext where TLS belongs */
	MP_WARN_TLS_ON_PLAINTEXT = 1 << 2,	/* TLS where plaintext belongs;
						   no longer found, as no
						   ClientHello goes there */
	MP_WARN_NOT_MAIL = 1 << 3,		/* greets, but not as mail */
	MP_WARN_OTHER_PROTOCOL = 1 << 4,	/* not the protocol expected */
	MP_WARN_SILENT = 1 << 5,		/* accepts, says nothing */
	MP_WARN_FLOOD = 1 << 6,			/* too much before a reply ended */
	MP_WARN_NOT_TLS = 1 << 7,		/* answers TLS with non-TLS */
	MP_WARN_UNFINISHED = 1 << 8,		/* a reply never ended */
	MP_WARN_MALFORMED = 1 << 9,		/* a reply breaks its rules */
	MP_WARN_REFUSED = 1 << 10,		/* turned the probe away */
	MP_WARN_CLOSED_EARLY = 1 << 11,		/* hung up instead of answering */
	MP_WARN_NO_ANSWER = 1 << 12,		/* greeted, then fell silent */
	MP_WARN_HELLO_AFTER_SILENCE = 1 << 13,	/* TLS tried on an unknown port */
	MP_WARN_TLS_REFUSED = 1 << 14,		/* a TLS alert for the hello */
	MP_WARN_SLOW_GREETING = 1 << 15,	/* a greeting begun, not ended */
	MP_WARN_OTHER_PORT = 1 << 16,		/* the words name another
						   protocol than the port's */
	MP_NWARNINGS = 17
};

/* The sentence for a warning bit, such as "offers a password login ...". */
const char *mp_warning_text(unsigned warning);
/* Its stable key for scripts, such as "cleartext-login". */
const char *mp_warning_key(unsigned warning);

const char *mp_state_key(enum mp_state state);
const char *mp_found_tls_key(enum mp_found_tls tls);

/* The first line of a greeting, raw: an SMTP reply line is at most 512
 * bytes with its CR LF (RFC 5321 section 4.5.3.1.5). */
#define MP_BANNER_SIZE 512
#define MP_REASON_SIZE 64

struct mp_probe_result {
	char		  server[MP_HOST_NAME_SIZE];	/* the name for SNI */
	char		  address[MP_ADDRESS_SIZE];
	struct sockaddr_storage sockaddr;	/* its port is set by the probe */
	socklen_t	  sockaddr_len;
	unsigned	  port;
	enum mp_protocol  expected;	/* MP_PROTO_UNKNOWN: no expectation */
	bool		  expect_tls;	/* the port is one for implicit TLS */
	bool		  guess_tls;	/* nothing is known of the port */
	enum mp_state	  state;
	char		  reason[MP_REASON_SIZE];	/* for MP_STATE_ERROR */
	enum mp_found_tls tls;
	unsigned char	  tls_alert;	/* with MP_WARN_TLS_REFUSED: why */
	enum mp_protocol  protocol;	/* as recognised; for implicit TLS,
					   the port's by the table or else
					   the one expected; MP_PROTO_UNKNOWN */
	struct mp_capabilities capabilities;
	size_t		  banner_len;
	bool		  banner_cut;	/* the line went on past banner */
	char		  banner[MP_BANNER_SIZE];	/* raw: escape to show */
	unsigned	  ms;		/* from connecting to the last byte */
	unsigned	  warnings;	/* enum mp_warning bits */
};

/*
 * Whether a result works securely, the one meaning of "secure" that the
 * verdict, -p, the JSON and the exit status share: a port for mail
 * clients (not a relay port such as 25), of a known protocol, with
 * implicit TLS that answered with a ServerHello, or with STARTTLS offered.
 * A STARTTLS port is secure only for a client set to insist on STARTTLS.
 */
bool mp_result_secure(const struct mp_probe_result *result);

/* Whether the table has number for relaying between servers, as 25. */
bool mp_relay_port(unsigned number);

/*
 * The best secure result for protocol, by the port table's order of
 * preference (ports outside the table last), or NULL.
 */
const struct mp_probe_result *mp_probe_verdict(
    const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol);

/*
 * The addresses of host, a name or an address, as text, at most max of
 * them.  Returns how many, or 0 with *error saying why there are none.
 */
#define MP_ADDRESSES_MAX 8
size_t mp_probe_resolve(const char *host, struct mp_address *addresses,
    size_t max, const char **error);

/*
 * A port to probe, and what should answer there.  A client must not speak
 * before a plaintext server greets (RFC 5321 section 3.1), so a probe
 * waits the whole timeout for a greeting; only where nothing is known of
 * the port, neither by the table nor by the words, may it try a
 * ClientHello after half the timeout of silence, and it says so.
 */
struct mp_probe_target {
	unsigned	 port;
	enum mp_protocol expected;	/* MP_PROTO_UNKNOWN: no expectation */
	bool		 implicit;	/* the port is one for implicit TLS */
	bool		 guess_tls;	/* nothing is known of the port */
};

/*
 * The ports to probe for the words of query, at most max: port, when it is
 * not 0, expecting the one protocol the words (or else the table) give it;
 * or every port of the table that the words pick and a probe can speak.
 * Returns how many; 0 when the words pick none.
 */
size_t mp_probe_targets(const struct mp_query *query, unsigned port,
    struct mp_probe_target *targets, size_t max);

/* The protocol the table has for port, if a probe speaks it. */
enum mp_protocol mp_port_protocol(unsigned port);

/*
 * Fills results with each target on each address, target by target, ready
 * for mp_probe_run; server is the host name the addresses are of, for
 * SNI (an address, "" or a name too long sends none).  Returns how many,
 * at most max.
 */
size_t mp_probe_fill(struct mp_probe_result *results, size_t max,
    const struct mp_address *addresses, size_t naddresses,
    const struct mp_probe_target *targets, size_t ntargets,
    const char *server);

/*
 * Probes every result's address and port at once, each for at most
 * timeout_ms, filling in what was found.  Each result needs server,
 * address, sockaddr, port, expected, expect_tls and guess_tls set, as
 * mp_probe_fill sets them.
 */
void mp_probe_run(struct mp_probe_result *results, size_t n,
    unsigned timeout_ms);

/* Output, as for lookups. */
void mp_print_probe_table(FILE *fp, const struct mp_probe_result *results,
    size_t n, bool color, size_t columns);
void mp_print_probe_ports(FILE *fp, const struct mp_probe_result *results,
    size_t n);
void mp_print_probe_tsv(FILE *fp, const struct mp_probe_result *results,
    size_t n);
void mp_print_probe_json(FILE *fp, const char *host,
    const struct mp_probe_result *results, size_t n);

#endif

/*
 * protocol.h - what a probe says to a mail server and how it reads the
 * answers, one handler per protocol it speaks (SMTP, IMAP, POP3 and
 * ManageSieve): adding a protocol adds a row to src/protocol.c, not a case
 * to every function.
 *
 * Every function is pure over bytes a server sent: it takes a length,
 * reads no further, and copes with any byte.
 */
#ifndef MAILPORTS_PROTOCOL_H
#define MAILPORTS_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>

#include "mailports.h"

/* No protocol recognised: beyond the values of enum mp_protocol. */
#define MP_PROTO_UNKNOWN MP_NPROTOCOLS

/* Where a reply stands after the bytes read so far. */
enum mp_reply {
	MP_REPLY_MORE,		/* incomplete: read on */
	MP_REPLY_DONE,		/* complete */
	MP_REPLY_BAD,		/* not what the protocol sends */
	MP_REPLY_REFUSED	/* complete, and it turns the client away */
};

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
 * One protocol as a probe speaks it.  Each text is a whole command with
 * its CR LF, or NULL when the protocol has none; each function reads the
 * bytes a server sent, from the first byte of the reply it is about.
 */
struct mp_protocol_handler {
	enum mp_protocol protocol;
	/* Whether a greeting's first bytes are this protocol's. */
	bool		(*greets)(const char *text, size_t len);
	/*
	 * Whether the greeting has ended; REFUSED when it turns the client
	 * away (SMTP 554 or 421, POP3 -ERR, IMAP BYE).
	 */
	enum mp_reply	(*greeting_status)(const char *text, size_t len);
	/*
	 * Whether the greeting lists the capabilities, as ManageSieve's always
	 * does and IMAP's may ("* OK [CAPABILITY ...]"): then there is nothing
	 * to ask, and no round trip to spend.
	 */
	bool		(*greeting_lists)(const char *text, size_t len);
	const char	*capability_command;	/* sent after the greeting */
	const char	*capability_name;	/* its name, such as "EHLO" */
	/*
	 * Whether the answer to the capability command has ended; REFUSED
	 * when it is a refusal (SMTP 4xx and 5xx, but 500 and 502: no
	 * extensions).
	 */
	enum mp_reply	(*capability_status)(const char *text, size_t len);
	/*
	 * Adds what text offers, greeting and answer, to capabilities; NULL
	 * when nothing is read.
	 */
	void		(*capabilities)(const char *text, size_t len,
			    struct mp_capabilities *capabilities);
	/*
	 * The command that asks to upgrade to TLS, sent when the server
	 * offers it, and whether its answer has come: DONE when the server
	 * waits for the ClientHello, REFUSED when it declines.
	 */
	const char	*starttls_command;
	enum mp_reply	(*starttls_status)(const char *text, size_t len);
	const char	*quit_command;		/* ends the session */
};

/*
 * The handler of protocol; for a protocol a probe does not speak, one
 * that reads a greeting as its first line and sends nothing.
 */
const struct mp_protocol_handler *mp_protocol_handler(
    enum mp_protocol protocol);

/* The protocols a probe can speak: those with a handler of their own. */
bool mp_probed_protocol(enum mp_protocol protocol);

/*
 * The protocol a greeting is in, from its first line: SMTP "220", POP3
 * "+OK", IMAP "* OK", ManageSieve a quoted capability.  Refusals ("554",
 * "-ERR", "* BYE") count too.  MP_PROTO_UNKNOWN for anything else.
 */
enum mp_protocol mp_greeting_protocol(const char *text, size_t len);

/*
 * Reads the capabilities from text: the greeting and the answer to the
 * capability command, as the server sent them.
 */
void mp_parse_capabilities(enum mp_protocol protocol, const char *text,
    size_t len, struct mp_capabilities *capabilities);

#endif

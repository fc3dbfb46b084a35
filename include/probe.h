/*
 * probe.h - asking a live mail server what it speaks on each port: the
 * request and the result of a probe, the engine that runs many at once
 * (src/probe.c) and the verdict over results (src/probe_result.c).
 *
 * What is said to each protocol and how its replies are read is in
 * protocol.h, the TLS records in tls.h, and the output in format_probe.h.
 */
#ifndef MAILPORTS_PROBE_H
#define MAILPORTS_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "cert_seen.h"
#include "mailports.h"
#include "net.h"
#include "protocol.h"
#include "tls.h"

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

/*
 * Things a person should act on, one bit each, from data/warnings.def: a
 * warning's bit is its row's place in the list.
 */
enum mp_warning_bit {
#define WARNING(name, key, text, detail) MP_WARN_BIT_##name,
#include "warnings.def"
	MP_NWARNINGS
};

enum mp_warning {
#define WARNING(name, key, text, detail) \
	MP_WARN_##name = 1 << MP_WARN_BIT_##name,
#include "warnings.def"
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
 * What to ask: a target at one address.  The caller fills it
 * (mp_probe_fill does) and the probe only reads it.
 */
struct mp_probe_request {
	char		  server[MP_HOST_NAME_SIZE];	/* the name for SNI */
	/* The name the certificate is matched against, when it is not
	   server: a client's reference identifier may differ from the
	   host it connects to (RFC 7817 section 3); "" for server. */
	char		  match[MP_HOST_NAME_SIZE];
	char		  address[MP_ADDRESS_SIZE];
	struct sockaddr_storage sockaddr;	/* its port is the target's */
	socklen_t	  sockaddr_len;
	struct mp_probe_target target;
};

/* What a probe of one request found: the request, then what was seen. */
struct mp_probe_result {
	struct mp_probe_request request;
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
	unsigned	  timeout_ms;	/* the time the probe was given */
	unsigned	  warnings;	/* enum mp_warning bits */
	unsigned	  tls_version;	/* the ServerHello's: 0x0303 TLS 1.2 */
	enum mp_answer	  tls13;	/* whether it speaks TLS 1.3 */
	/* Read on implicit TLS and after STARTTLS; else all zero. */
	struct mp_cert_seen cert;
};

/*
 * Whether a result works securely, the one meaning of "secure" that the
 * verdict, -p, the JSON and the exit status share: a port for mail
 * clients (not a relay port such as 25), of a known protocol, with
 * implicit TLS that answered with a ServerHello, or with STARTTLS offered
 * and its handshake begun; and a certificate a client would not refuse
 * (MP_CERT_REFUSED: its name, its dates, its issuer).  A certificate not
 * read, or whose issuer is not judged, refuses nothing.  A STARTTLS port
 * is secure only for a client set to insist on STARTTLS.
 */
bool mp_result_secure(const struct mp_probe_result *result);

/* Whether the table has number for relaying between servers, as 25. */
bool mp_relay_port(unsigned number);

/*
 * The sentence for a port that said nothing (MP_WARN_SILENT), in buf of
 * size bytes: that it said nothing within the timeout it was given, which
 * is all that was seen, and the --timeout that waits longer.  Returns buf.
 */
char *mp_silent_text(char *buf, size_t size,
    const struct mp_probe_result *result);

/*
 * The best secure result for protocol, by the port table's order of
 * preference (ports outside the table last), or NULL.
 */
const struct mp_probe_result *mp_probe_verdict(
    const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol);

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
 * Fills the requests of results with each target on each address, target
 * by target, ready for mp_probe_run; server is the host name the
 * addresses are of, for SNI (an address, "" or a name too long sends
 * none).  Returns how many, at most max.
 */
size_t mp_probe_fill(struct mp_probe_result *results, size_t max,
    const struct mp_address *addresses, size_t naddresses,
    const struct mp_probe_target *targets, size_t ntargets,
    const char *server);

/*
 * Probes every result's request at once, each for at most timeout_ms,
 * and writes what was found beside it; the requests are left as they
 * are.  Certificates are judged against store, or without one when it
 * is NULL (the issuer is then not judged), at the time of the call.
 */
void mp_probe_run(struct mp_probe_result *results, size_t n,
    unsigned timeout_ms, const struct mp_trust *store);

#endif

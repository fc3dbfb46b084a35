/*
 * probe.h - asking a live mail server what it speaks on each port: the
 * request and the result of a probe, the engine that runs many at once
 * (src/probe.c) over a pool of connections (src/probe_pool.c), and the
 * verdict over results (src/probe_result.c).
 *
 * What is said to each protocol and how its replies are read is in
 * protocol.h, the TLS records in tls.h, and the output in format_probe.h.
 */
#ifndef MAILPORTS_PROBE_H
#define MAILPORTS_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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
 * Past MP_PROBE_POOL_MAX requests, the rest wait for a connection to end.
 */
void mp_probe_run(struct mp_probe_result *results, size_t n,
    unsigned timeout_ms, const struct mp_trust *store);

/*
 * Many probe runs in one poll loop (poll_set.h): each run is a prober over
 * its array of results, and the probers of a loop share a pool of
 * connections, whose limits hold across all of them.  A loop calls, in
 * the same order each round, every prober's want, then polls, then every
 * prober's serve; a prober earlier in that order gets free connections
 * first.  mp_probe_run is one prober in a loop of its own.
 */

/* The most connections a pool holds at once: with the other descriptors
   a run needs, well under the usual limit of 1024 open files. */
#define MP_PROBE_POOL_MAX 512
/* Buckets of the pool's connections by address, to count those to one. */
#define MP_PROBE_POOL_BUCKETS 256

struct mp_prober;
struct mp_poll_set;

/*
 * One request's connection, from its connect to its end.  Its fields are
 * the engine's own (src/probe.c); they are here only so that a pool is a
 * complete type, held in the caller's storage.  Most of its bytes are the
 * buffers, which a connection touches only as far as a server fills them.
 */
struct mp_probe_connection {
	struct mp_probe_result *result;
	struct mp_prober *owner;
	struct mp_probe_connection *next_own;	/* the owner's next one */
	struct mp_probe_connection *next_same;	/* next in its bucket */
	size_t		 slot;		/* in the poll set of this round */
	struct sockaddr_storage to;	/* the request's, with its port */
	int		 fd;
	unsigned char	 stage;		/* where it is: enum stage */
	unsigned	 started;	/* ms, on the monotonic clock */
	unsigned	 deadline;	/* ms: give up */
	unsigned	 quiet_until;	/* ms: a silent server may want TLS */
	size_t		 len;		/* bytes read into buffer */
	size_t		 reply_at;	/* where the capability answer starts */
	size_t		 out_len, out_at;	/* bytes to send, and sent */
	bool		 modern;	/* the hello offers TLS 1.3 too */
	bool		 hello_first;	/* TLS known: hello on connecting */
	bool		 refused12;	/* an alert answered the 1.2 hello */
	unsigned char	 out[MP_HELLO_SIZE];
	/* Room for one TLS record of the largest size, and its header. */
	char		 buffer[5 + MP_TLS_RECORD_MAX];
	struct mp_tls_reader reader;
	unsigned char	 flight[MP_TLS_FLIGHT_SIZE];
};

/*
 * The connections every probe in flight shares, in caller storage (about
 * 46 MiB, best static: only what is used is ever touched).  Read used,
 * never write it; the rest is the pool's own.
 */
struct mp_probe_pool {
	size_t		 used;		/* connections open now */
	unsigned	 per_address;	/* at most to one address; 0: no cap */
	unsigned	 rate;		/* new connections a second; 0: any */
	/* The token bucket of the rate, in thousandths of a connection. */
	uint64_t	 credit;
	unsigned	 refilled;	/* ms, when credit was last added */
	bool		 ticking;	/* credit has been counted from then */
	size_t		 nfree;
	struct mp_probe_connection *free[MP_PROBE_POOL_MAX];
	struct mp_probe_connection *buckets[MP_PROBE_POOL_BUCKETS];
	struct mp_probe_connection connections[MP_PROBE_POOL_MAX];
};

/*
 * Readies pool, empty: at most per_address connections open to one
 * address (IP, any port) at once, 0 for no cap; at most rate new
 * connections a second across the pool, 0 for no limit.  A pool is
 * readied once, before any prober uses it, and used by one loop.
 */
void mp_probe_pool_init(struct mp_probe_pool *pool, unsigned per_address,
    unsigned rate);

/* How far past the first waiting request a prober looks for one that
   may start: as many as a pool holds. */
#define MP_PROBER_WINDOW MP_PROBE_POOL_MAX

/*
 * One probe run over an array of results.  Its fields are its own; it
 * lives, in the caller's storage, until mp_prober_done says so.
 */
struct mp_prober {
	struct mp_probe_pool *pool;
	struct mp_probe_result *results;
	size_t		 n;
	size_t		 next;		/* the first request not started */
	/* Which requests from next on have started, request i at bit
	   i % MP_PROBER_WINDOW: one waiting at its address's cap does not
	   hold back those behind it. */
	unsigned char	 started[MP_PROBER_WINDOW / 8];
	struct mp_probe_connection *own;	/* its open connections */
	unsigned	 timeout_ms;
	unsigned	 grace;		/* ms of silence before guessing TLS */
	const struct mp_trust *store;
	int64_t		 wall;		/* seconds: certificates' dates */
};

/*
 * Starts a run over results[0..n): their responses are cleared, nothing
 * is connected yet.  Each request waits for a connection of pool (none
 * free, its address at its cap, or no token of the rate yet), then has
 * timeout_ms from its connect.  Certificates are judged against store
 * (or none, NULL) at the wall-clock time of this call.  now is the poll
 * set's clock (mp_now_ms).
 */
void mp_prober_start(struct mp_prober *p, struct mp_probe_pool *pool,
    struct mp_probe_result *results, size_t n, unsigned timeout_ms,
    const struct mp_trust *store, unsigned now);
/* Adds p's connections to set, and connects those that may at set->now,
   or asks set to wake when the next token of the rate is due. */
void mp_prober_want(struct mp_prober *p, struct mp_poll_set *set);
/* Reads and writes what the poll found on p's connections, ends those
   whose time ran out, and gives their connections back to the pool. */
void mp_prober_serve(struct mp_prober *p, const struct mp_poll_set *set);
/* Whether every request of p has its result. */
bool mp_prober_done(const struct mp_prober *p);

/*
 * The pool's side of a request's connection, for the prober
 * (src/probe_pool.c).
 */
enum mp_probe_admit {
	MP_PROBE_ADMITTED,	/* here is its connection */
	MP_PROBE_POOL_FULL,	/* every connection is in use */
	MP_PROBE_ADDRESS_BUSY,	/* its address is at its cap */
	MP_PROBE_NO_TOKEN	/* the rate allows none yet */
};

/*
 * A connection to address, at now, in *c, with address copied into its
 * to; or why not, and, for MP_PROBE_NO_TOKEN, when the next token comes
 * in *token_at.
 */
enum mp_probe_admit mp_probe_pool_take(struct mp_probe_pool *pool,
    const struct sockaddr_storage *address, unsigned now,
    struct mp_probe_connection **c, unsigned *token_at);
/* Gives an ended connection back (its socket closed). */
void mp_probe_pool_give(struct mp_probe_pool *pool,
    struct mp_probe_connection *c);

#endif

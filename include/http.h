/*
 * http.h - fetching a small file over plain HTTP/1.1, as a mail client
 * fetches a domain's autoconfig file: a GET with Host and
 * "Connection: close", a body delimited by its length, by chunks or by
 * the end of the connection, bounded in size, redirects followed on
 * plain HTTP only.  mailports has no TLS library: an https URL, or a
 * redirect to one, is reported, never fetched.
 *
 * The response reader (mp_http_reader) does no I/O and takes the bytes
 * in any pieces; the fetch engine (mp_http_run) makes many fetches at once
 * from a poll loop that may serve other engines too; mp_http_get runs it
 * in a poll loop of its own.
 */
#ifndef MAILPORTS_HTTP_H
#define MAILPORTS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"
#include "net.h"
#include "poll_set.h"
#include "probe.h"

#define MP_HTTP_BODY_MAX	(256 * 1024)	/* bytes of a body kept */
#define MP_HTTP_HEAD_MAX	8192	/* bytes of the status line and headers */
#define MP_HTTP_REDIRECTS_MAX	5
#define MP_URL_SIZE		1024	/* a URL as text, with its NUL */
#define MP_HTTP_REASON_SIZE	160	/* a reason, for people */

/* How a fetch ended; mp_http_status_key names each for scripts. */
enum mp_http_status {
	MP_HTTP_OK,		/* a 200 answer, its body in full */
	MP_HTTP_ERROR_STATUS,	/* an answer other than 200 or a redirect */
	MP_HTTP_NO_ADDRESS,	/* the host has no address */
	MP_HTTP_REFUSED,	/* every address refused the connection */
	MP_HTTP_TIMEOUT,	/* nothing complete within the timeout */
	MP_HTTP_NET_ERROR,	/* a connection failed otherwise */
	MP_HTTP_MALFORMED,	/* not an HTTP/1.x answer as RFC 9112 has it */
	MP_HTTP_TOO_LARGE,	/* a body, or a head, beyond its bound */
	MP_HTTP_HTTPS,		/* an https URL, or a redirect to one */
	MP_HTTP_TOO_MANY_REDIRECTS,
	MP_HTTP_BAD_REDIRECT,	/* a Location that is no http URL we follow */
	MP_HTTP_BAD_URL,	/* the URL asked for is no http URL */
	MP_NHTTP
};

/* One URL to fetch, and what came of it. */
struct mp_http_fetch {
	/* In: the URL (http://HOST[:PORT]/PATH[?QUERY]) and, when the
	   caller resolved its host already, up to two addresses of it
	   (their ports are ignored); else the host is resolved through the
	   name servers given to mp_http_get, or the resolver given to
	   mp_http_start. */
	char			 url[MP_URL_SIZE];
	struct mp_address	 addresses[2];
	size_t			 naddresses;
	/* Out. */
	enum mp_http_status	 status;
	unsigned		 code;		/* the last HTTP status, or 0 */
	char			 final_url[MP_URL_SIZE];	/* after redirects */
	size_t			 redirects;
	/* Why, in words, for people ("connection refused by 192.0.2.1
	   port 80", "chunk size 'ffffffffffffffffff' is too large"). */
	char			 reason[MP_HTTP_REASON_SIZE];
	char			 body[MP_HTTP_BODY_MAX];
	size_t			 len;		/* of the body, when ok */
};

/*
 * Fetches the n URLs at once, each within timeout_ms through all its
 * redirects; each fetch's outcome is in its own fields.  A host that is
 * a name, with no addresses given, and the new host of a redirect are
 * asked of the name servers (A and AAAA, through a resolver of its own)
 * in the time left, while the other fetches go on.  A redirect on the
 * same host keeps its addresses.  A redirect goes to another port than 80
 * only when the URL it resolves to says so (a relative Location keeps its
 * base's).  Of more than MP_HTTP_RUN_MAX fetches, that many are made at a
 * time, the next one starting, with the whole timeout, when one ends.
 */
void mp_http_get(struct mp_http_fetch *fetches, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms);

/* The key of a status for scripts ("ok", "refused", "https", ...). */
const char *mp_http_status_key(enum mp_http_status status);

/*
 * Whether code is a redirect that a fetch follows to its Location: 301,
 * 302, 303, 307 or 308 (RFC 9110 section 15.4).
 */
bool mp_http_redirect(unsigned code);

/*
 * Splits an http URL into host (a name in lower case or an address,
 * brackets removed), port (80 unless given) and the rest (path and
 * query, "/" when empty, the fragment dropped) of size bytes.  Returns
 * false for anything else: an https URL (*https set then), a URL with a
 * user name, a byte that is not printable ASCII, a host that is no host
 * name nor address, a port out of 1..65535.
 */
bool mp_url_split(const char *url, char host[MP_HOST_NAME_SIZE],
    unsigned *port, char *rest, size_t size, bool *https);

/*
 * The URL a Location header's value points to from base, an absolute
 * http or https URL or a reference relative to base (RFC 3986 section
 * 5.2: "//host/path", "/path", "?query", "path"; "." and ".." segments
 * removed), in out of MP_URL_SIZE bytes; false for another scheme, a byte
 * that is not printable ASCII, or what does not fit.
 */
bool mp_url_resolve(const char *base, const char *location,
    char out[MP_URL_SIZE]);

/*
 * Writes text with every byte but the unreserved ones of RFC 3986
 * section 2.3 percent-encoded, as a query's value; false if it does not
 * fit size bytes.
 */
bool mp_url_encode(const char *text, char *out, size_t size);

/* Where the reader is in an answer. */
enum mp_http_stage {
	MP_HTTP_STAGE_HEAD,	/* the status line and the headers */
	MP_HTTP_STAGE_BODY,	/* the body of a 200 answer */
	MP_HTTP_STAGE_DONE,	/* the answer is whole: nothing more to read */
	MP_HTTP_STAGE_FAILED	/* refused: status and reason say why */
};

/*
 * The response reader, which does no I/O: it takes the bytes of one
 * answer in any pieces.  Only a 200 answer's body is read; of any other
 * answer the head is all mailports uses (a redirect's Location, a
 * status), so the answer is done at the end of its head.  Interim 1xx
 * answers are passed over.  The fields above the line are the reader's
 * results; those below, its own.
 */
struct mp_http_reader {
	enum mp_http_stage	 stage;
	enum mp_http_status	 status;	/* when FAILED: MALFORMED,
						   TOO_LARGE, NET_ERROR (no
						   byte came) or BAD_REDIRECT
						   (a Location too long) */
	unsigned		 code;		/* once the head is read */
	char			 location[MP_URL_SIZE];	/* "" if none */
	char			 reason[MP_HTTP_REASON_SIZE];
	size_t			 len;		/* body bytes kept */
	/* ---- */
	char			*body;
	size_t			 size;		/* the bound of the body */
	size_t			 head_len;	/* bytes in head */
	size_t			 line_len;	/* bytes of a chunk's size line */
	size_t			 total;		/* bytes of heads, interim
						   ones too */
	int			 part;		/* where in the body */
	bool			 chunked;
	bool			 length_known;
	bool			 http10;
	unsigned long long	 left;		/* of the length or chunk */
	char			 head[MP_HTTP_HEAD_MAX];
	char			 line[24];	/* a chunk size, kept to
						   show it */
};

/* Makes reader ready for an answer, its body kept in body, of size bytes. */
void mp_http_reader_init(struct mp_http_reader *reader, char *body,
    size_t size);

/*
 * Takes the next len bytes of the answer; returns the stage it is then
 * in.  Bytes given once it is DONE or FAILED are ignored.
 */
enum mp_http_stage mp_http_reader_feed(struct mp_http_reader *reader,
    const char *bytes, size_t len);

/*
 * The connection ended: a body that runs to the end of the connection is
 * whole, anything else unfinished is FAILED.  Returns the stage.
 */
enum mp_http_stage mp_http_reader_end(struct mp_http_reader *reader);

/*
 * The fetch engine, for a poll loop that serves other engines too
 * (poll_set.h): a run makes n fetches, MP_HTTP_RUN_MAX of them at a time,
 * each within timeout_ms from when it starts, as mp_http_get says.  A
 * loop is
 *
 *	mp_http_start(&run, fetches, n, resolver, timeout_ms, set.now);
 *	while (!mp_http_done(&run)) {
 *		mp_poll_set_begin(&set);
 *		mp_http_want(&run, &set);
 *		mp_resolver_want(resolver, &set);
 *		mp_poll_set_wait(&set);
 *		mp_resolver_serve(resolver, &set);
 *		mp_http_serve(&run, &set);
 *	}
 *
 * with any other engines' calls beside these.  The hosts to resolve are
 * asked of resolver, which the loop serves too (NULL: such a fetch ends
 * with MP_HTTP_NO_ADDRESS); the questions live in the run, which the
 * resolver writes to until each is done, so a run is done only when its
 * fetches have ended and the resolver is through with its questions.
 * The run is caller storage, about 180 KiB, to be kept in static storage;
 * so are the fetches, until the run is done.
 */
#define MP_HTTP_RUN_MAX		8	/* fetches in flight at once */
#define MP_HTTP_REQUEST_SIZE	(MP_URL_SIZE + MP_HOST_NAME_SIZE + 128)

/* Where a fetch in flight is. */
enum mp_http_step {
	MP_HTTP_STEP_IDLE,	/* no fetch here */
	MP_HTTP_STEP_RESOLVING,	/* waiting for the host's addresses */
	MP_HTTP_STEP_READY,	/* addresses known: connect at the next step */
	MP_HTTP_STEP_CONNECTING,
	MP_HTTP_STEP_TALKING,	/* sending the request, reading the answer */
	MP_HTTP_STEP_FINISHED	/* its fetch has ended */
};

/* One fetch in flight, the run's own. */
struct mp_http_flight {
	struct mp_http_fetch	*out;
	enum mp_http_step	 step;
	size_t			 naddresses;
	size_t			 next;		/* the address to try next */
	size_t			 refusals;	/* addresses that refused */
	size_t			 request_len;
	size_t			 sent;
	size_t			 slot;		/* in the poll set */
	int			 fd;
	int			 error;		/* the last connection's */
	unsigned		 deadline;	/* ms: the whole fetch */
	unsigned		 connect_by;	/* ms: try the next address */
	unsigned		 port;
	bool			 asking;	/* questions in the resolver */
	bool			 admitted;	/* a connection was let through */
	unsigned		 token_at;	/* ms: the pool's next token */
	unsigned		 timeout_ms;
	struct mp_probe_pool	*pool;		/* the run's, or NULL */
	struct mp_probe_connection *held;	/* its place in the pool */
	struct mp_address	 addresses[MP_ADDRESSES_MAX];
	struct mp_dns_question	 questions[2];	/* A, AAAA */
	struct mp_http_reader	 reader;
	char			 host[MP_HOST_NAME_SIZE];
	char			 request[MP_HTTP_REQUEST_SIZE];
};

struct mp_http_run {
	struct mp_http_fetch	*fetches;
	size_t			 n;
	size_t			 started;	/* the fetches begun, in order */
	struct mp_resolver	*resolver;
	struct mp_probe_pool	*pool;
	unsigned		 timeout_ms;
	struct mp_http_flight	 flights[MP_HTTP_RUN_MAX];
};

/*
 * Begins a run of the n fetches at now (ms, mp_now_ms's clock): their
 * outcomes set to a timeout until they end, the first hosts to resolve
 * asked of resolver.  No connection is made yet.  With a pool (else
 * NULL), each connection takes its place among the probes' connections,
 * within the pool's caps on connections to one address and a second:
 * a fetch that waits for one has its time from its first connection.
 */
void mp_http_start(struct mp_http_run *run, struct mp_http_fetch *fetches,
    size_t n, struct mp_resolver *resolver, struct mp_probe_pool *pool,
    unsigned timeout_ms, unsigned now);
/*
 * Connects what is ready to, starts the next fetches when others have
 * ended, and adds the sockets and deadlines to set.  Called before
 * mp_resolver_want, the questions it asks go out in the same poll;
 * after it, the loop comes round once more first.
 */
void mp_http_want(struct mp_http_run *run, struct mp_poll_set *set);
/* Sends, reads and follows redirects on the events of set, and ends the
   fetches whose time is up at set->now. */
void mp_http_serve(struct mp_http_run *run, const struct mp_poll_set *set);
/* Whether every fetch has ended, and no question of the run is left. */
bool mp_http_done(const struct mp_http_run *run);

#endif

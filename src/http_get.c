/*
 * http_get.c - fetching URLs over plain HTTP/1.1: non-blocking sockets
 * served from a poll loop that may serve other engines too, each fetch
 * bounded by one deadline through all its redirects, each answer read by
 * src/http.c, each host to resolve asked of a resolver without holding
 * up the other fetches.
 *
 * The request is a plain GET, as a mail client's account wizard sends one
 * for an autoconfig file (Thunderbird's FetchHTTP makes an XMLHttpRequest
 * GET of the URL, its emailaddress argument percent-encoded, and such a
 * request accepts any type): Host, the program's User-Agent, an Accept
 * of any type and "Connection: close", so that each answer ends the
 * connection it came on and a body may be framed by that end; no cookie,
 * no credentials.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dns.h"
#include "escape.h"
#include "http.h"
#include "len.h"
#include "poll_set.h"

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

/*
 * Whether the time at (ms) has come by now.  Times are milliseconds of a
 * clock that wraps after 49 days; as in poll_set.c, their difference as
 * a signed number says which comes first, across the wrap too.
 */
static bool
reached(unsigned now, unsigned at)
{
	return (int)(now - at) >= 0;
}

/* The time from now to at, 0 once it has come. */
static unsigned
left(unsigned now, unsigned at)
{
	return reached(now, at) ? 0 : at - now;
}

/* Closes the flight's connection, and gives its place in the pool back. */
static void
hang_up(struct mp_http_flight *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->held != NULL)
		mp_probe_pool_give(f->pool, f->held);
	f->held = NULL;
}

static void
finish(struct mp_http_flight *f, enum mp_http_status status,
    const char *reason)
{
	hang_up(f);
	f->step = MP_HTTP_STEP_FINISHED;
	f->out->status = status;
	snprintf(f->out->reason, sizeof f->out->reason, "%s", reason);
}

/* The Host header's value: the host, in brackets if an IPv6 address. */
static void
host_field(const struct mp_http_flight *f, char *text, size_t size)
{
	const char *open = strchr(f->host, ':') != NULL ? "[" : "";
	const char *close = open[0] != '\0' ? "]" : "";

	if (f->port == 80)
		snprintf(text, size, "%s%s%s", open, f->host, close);
	else
		snprintf(text, size, "%s%s%s:%u", open, f->host, close,
		    f->port);
}

/* Sets the port of every address to the URL's. */
static void
set_ports(struct mp_http_flight *f)
{
	size_t i;

	for (i = 0; i < f->naddresses; i++) {
		struct sockaddr_storage *s = &f->addresses[i].sockaddr;
		unsigned short port = htons((unsigned short)f->port);

		if (s->ss_family == AF_INET)
			((struct sockaddr_in *)s)->sin_port = port;
		else
			((struct sockaddr_in6 *)s)->sin6_port = port;
	}
}

/*
 * Asks the resolver for the host's A and AAAA in the time left.  The
 * questions are the flight's own: it is not given another fetch until
 * both are done, even if its own ends first.
 */
static void
ask(const struct mp_http_run *run, struct mp_http_flight *f, unsigned now)
{
	static const unsigned types[2] = { MP_DNS_A, MP_DNS_AAAA };
	unsigned ms = left(now, f->deadline);
	size_t i;

	if (run->resolver == NULL) {
		finish(f, MP_HTTP_NO_ADDRESS, "no name server to ask");
		return;
	}
	f->step = MP_HTTP_STEP_RESOLVING;
	f->asking = true;
	for (i = 0; i < LEN(f->questions); i++) {
		struct mp_dns_question *q = &f->questions[i];

		snprintf(q->name, sizeof q->name, "%s", f->host);
		q->type = types[i];
		mp_resolver_ask(run->resolver, q, ms > 0 ? ms : 1, now);
	}
}

/*
 * Starts a fetch of out->final_url: the request written, the addresses
 * found when the host is one or when the caller gave them (first_hop),
 * else asked of the resolver.  It connects at the next step.
 */
static void
begin(const struct mp_http_run *run, struct mp_http_flight *f,
    bool first_hop, unsigned now)
{
	char rest[MP_URL_SIZE], host[MP_HOST_NAME_SIZE + 16];
	char before[MP_HOST_NAME_SIZE];
	size_t known = first_hop ? 0 : f->naddresses;
	bool https;
	int len;

	memcpy(before, f->host, sizeof before);
	f->naddresses = f->next = f->refusals = 0;
	f->error = 0;
	if (!mp_url_split(f->out->final_url, f->host, &f->port, rest,
	    sizeof rest, &https)) {
		if (https)
			finish(f, MP_HTTP_HTTPS, "an https URL: mailports has "
			    "no TLS; open it in a browser or with curl");
		else
			finish(f, f->out->redirects > 0 ? MP_HTTP_BAD_REDIRECT :
			    MP_HTTP_BAD_URL, "not an http URL mailports takes");
		return;
	}
	host_field(f, host, sizeof host);
	len = snprintf(f->request, sizeof f->request, "GET %s HTTP/1.1\r\n"
	    "Host: %s\r\nUser-Agent: mailports/%s\r\nAccept: */*\r\n"
	    "Connection: close\r\n\r\n", rest, host, MP_VERSION);
	if (len < 0 || (size_t)len >= sizeof f->request) {
		finish(f, MP_HTTP_BAD_URL, "a URL too long to ask for");
		return;
	}
	f->request_len = (size_t)len;
	if (mp_parse_address(f->host, f->port, &f->addresses[0])) {
		f->naddresses = 1;
	} else if (known > 0 && strcmp(before, f->host) == 0) {
		/* A redirect on the same host: its addresses are known. */
		f->naddresses = known;
		set_ports(f);
	} else if (first_hop && f->out->naddresses > 0) {
		f->naddresses = f->out->naddresses < 2 ? f->out->naddresses : 2;
		memcpy(f->addresses, f->out->addresses,
		    f->naddresses * sizeof f->addresses[0]);
		set_ports(f);
	}
	if (f->naddresses > 0)
		f->step = MP_HTTP_STEP_READY;
	else
		ask(run, f, now);
}

/* The resolver answered both questions: the addresses, or the end. */
static void
resolved(struct mp_http_flight *f, unsigned now)
{
	char reason[MP_HTTP_REASON_SIZE];
	size_t q, r;

	/* Its A, then its AAAA: IPv4 first, as most hosts have it. */
	for (q = 0; q < LEN(f->questions); q++) {
		const struct mp_dns_answer *a = &f->questions[q].answer;
		int family = f->questions[q].type == MP_DNS_A ? AF_INET :
		    AF_INET6;

		for (r = 0; r < a->n && f->naddresses < MP_ADDRESSES_MAX; r++)
			if (mp_address_set(&f->addresses[f->naddresses], family,
			    a->records[r].address, f->port))
				f->naddresses++;
	}
	if (f->naddresses > 0) {
		f->step = MP_HTTP_STEP_READY;
		return;
	}
	snprintf(reason, sizeof reason, "no address for %.80s", f->host);
	finish(f, reached(now, f->deadline) ? MP_HTTP_TIMEOUT :
	    MP_HTTP_NO_ADDRESS, reason);
}

/*
 * Whether the pool lets a connection to a through now, within its size
 * and its cap to one address (the rate is the probes'); if not, the
 * flight stays ready and waits its turn, its time not yet begun: a
 * connection that ends lets it through at the next look.
 */
static bool
admit(struct mp_http_flight *f, const struct mp_address *a, unsigned now)
{
	if (f->pool == NULL)
		return true;
	if (mp_probe_pool_take(f->pool, &a->sockaddr, now, &f->held, NULL) ==
	    MP_PROBE_ADMITTED) {
		if (!f->admitted)
			f->deadline = now + f->timeout_ms;
		f->admitted = true;
		return true;
	}
	f->held = NULL;
	f->step = MP_HTTP_STEP_READY;
	/* Waiting for its turn is not the server's slowness. */
	if (!f->admitted)
		f->deadline = now + f->timeout_ms;
	return false;
}

/*
 * Connects to the next address, if one is left, in a share of the time;
 * false when the pool holds it back.
 */
static bool
connect_next(struct mp_http_flight *f, unsigned now)
{
	char reason[MP_HTTP_REASON_SIZE];

	while (f->next < f->naddresses) {
		const struct mp_address *a = &f->addresses[f->next];

		hang_up(f);
		if (!admit(f, a, now))
			return false;
		f->next++;
		f->step = MP_HTTP_STEP_CONNECTING;
		/* Each address left has an equal share of the time. */
		f->connect_by = now + left(now, f->deadline) /
		    (unsigned)(f->naddresses - f->next + 1);
		f->fd = socket(a->sockaddr.ss_family, SOCK_STREAM |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (f->fd >= 0 && (connect(f->fd,
		    (const struct sockaddr *)&a->sockaddr, a->len) == 0 ||
		    errno == EINPROGRESS))
			return true;
		f->error = errno;
		if (f->error == ECONNREFUSED)
			f->refusals++;
	}
	if (f->refusals == f->naddresses) {
		snprintf(reason, sizeof reason, "connection refused by %s port "
		    "%u", f->naddresses == 1 ? f->addresses[0].text :
		    "every address of the host", f->port);
		finish(f, MP_HTTP_REFUSED, reason);
	} else if (f->error == ETIMEDOUT) {
		snprintf(reason, sizeof reason, "no connection to %.80s port %u "
		    "in time", f->host, f->port);
		finish(f, MP_HTTP_TIMEOUT, reason);
	} else {
		snprintf(reason, sizeof reason, "%s: %.80s port %u",
		    mp_net_error_text(f->error), f->host, f->port);
		finish(f, MP_HTTP_NET_ERROR, reason);
	}
	return true;
}

static void
on_connected(struct mp_http_flight *f, unsigned now)
{
	int error = 0;
	socklen_t len = sizeof error;

	if (getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0)
		error = errno;
	if (error != 0) {
		f->error = error;
		if (error == ECONNREFUSED)
			f->refusals++;
		connect_next(f, now);
		return;
	}
	f->step = MP_HTTP_STEP_TALKING;
	f->sent = 0;
	mp_http_reader_init(&f->reader, f->out->body, sizeof f->out->body);
}

/* The answer is whole, or refused: done, or off to where it redirects. */
static void
on_answer(const struct mp_http_run *run, struct mp_http_flight *f,
    unsigned now)
{
	const struct mp_http_reader *r = &f->reader;
	char reason[MP_HTTP_REASON_SIZE], next[MP_URL_SIZE];
	unsigned code = r->code;

	f->out->code = code;
	if (r->stage == MP_HTTP_STAGE_FAILED) {
		finish(f, r->status, r->reason);
		return;
	}
	if (code == 200) {
		f->out->len = r->len;
		finish(f, MP_HTTP_OK, "");
		return;
	}
	if (!mp_http_redirect(code)) {
		snprintf(reason, sizeof reason, "the server answered %u", code);
		finish(f, MP_HTTP_ERROR_STATUS, reason);
		return;
	}
	if (r->location[0] == '\0') {
		snprintf(reason, sizeof reason, "a redirect (%u) without a "
		    "Location", code);
		finish(f, MP_HTTP_BAD_REDIRECT, reason);
		return;
	}
	if (!mp_url_resolve(f->out->final_url, r->location, next)) {
		char quoted[64];

		snprintf(reason, sizeof reason, "a redirect to '%s', which is "
		    "no URL mailports follows", mp_escape(quoted, sizeof quoted,
		    r->location, strlen(r->location)));
		finish(f, MP_HTTP_BAD_REDIRECT, reason);
		return;
	}
	if (f->out->redirects == MP_HTTP_REDIRECTS_MAX) {
		snprintf(reason, sizeof reason, "more than %d redirects",
		    MP_HTTP_REDIRECTS_MAX);
		finish(f, MP_HTTP_TOO_MANY_REDIRECTS, reason);
		return;
	}
	hang_up(f);
	f->out->redirects++;
	memcpy(f->out->final_url, next, sizeof next);
	begin(run, f, false, now);
}

static void
on_readable(const struct mp_http_run *run, struct mp_http_flight *f,
    unsigned now)
{
	char buffer[16384];
	ssize_t n = read(f->fd, buffer, sizeof buffer);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			finish(f, MP_HTTP_NET_ERROR, mp_net_error_text(errno));
		return;
	}
	if (n == 0)
		mp_http_reader_end(&f->reader);
	else
		mp_http_reader_feed(&f->reader, buffer, (size_t)n);
	if (f->reader.stage == MP_HTTP_STAGE_DONE ||
	    f->reader.stage == MP_HTTP_STAGE_FAILED)
		on_answer(run, f, now);
}

static void
on_writable(struct mp_http_flight *f)
{
	ssize_t n = send(f->fd, f->request + f->sent, f->request_len -
	    f->sent, MSG_NOSIGNAL);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			finish(f, MP_HTTP_NET_ERROR, mp_net_error_text(errno));
		return;
	}
	f->sent += (size_t)n;
}

/* Out of time: says where the fetch was. */
static void
on_deadline(struct mp_http_flight *f, unsigned timeout_ms)
{
	char reason[MP_HTTP_REASON_SIZE];

	if (f->step == MP_HTTP_STEP_RESOLVING)
		snprintf(reason, sizeof reason, "no address for %.80s within %u "
		    "ms", f->host, timeout_ms);
	else if (f->step != MP_HTTP_STEP_TALKING)
		snprintf(reason, sizeof reason, "no connection to %.80s port %u "
		    "within %u ms", f->host, f->port, timeout_ms);
	else if (f->reader.total == 0)
		snprintf(reason, sizeof reason, "no answer from %.80s port %u "
		    "within %u ms", f->host, f->port, timeout_ms);
	else
		snprintf(reason, sizeof reason, "the answer was unfinished "
		    "after %u ms (%zu bytes)", timeout_ms, f->reader.total +
		    f->reader.len);
	finish(f, MP_HTTP_TIMEOUT, reason);
}

/* Whether the fetch in f is under way (not ended, nor none). */
static bool
live(const struct mp_http_flight *f)
{
	return f->step != MP_HTTP_STEP_IDLE && f->step != MP_HTTP_STEP_FINISHED;
}

/* Whether the resolver still holds a question of f's. */
static bool
asking(const struct mp_http_flight *f)
{
	return f->asking && (!f->questions[0].done || !f->questions[1].done);
}

/* Gives f the next fetch of the run, with the whole time from now. */
static void
take_next(struct mp_http_run *run, struct mp_http_flight *f, unsigned now)
{
	f->out = &run->fetches[run->started++];
	f->fd = -1;
	f->pool = run->pool;
	f->held = NULL;
	f->admitted = false;
	f->timeout_ms = run->timeout_ms;
	f->slot = MP_POLL_NONE;
	f->deadline = now + run->timeout_ms;
	f->asking = false;
	f->host[0] = '\0';
	f->reader.total = 0;
	begin(run, f, true, now);
}

/*
 * Takes f as far as it goes without waiting: its addresses read once the
 * resolver has answered, a connection begun when it is ready, and the
 * next fetch taken once its own has ended.  Returns whether it asked the
 * resolver.
 */
static bool
settle(struct mp_http_run *run, struct mp_http_flight *f, unsigned now)
{
	bool asked = false;

	for (;;) {
		if (f->asking && !asking(f)) {
			f->asking = false;
			if (f->step == MP_HTTP_STEP_RESOLVING)
				resolved(f, now);
		} else if (f->step == MP_HTTP_STEP_READY) {
			if (!connect_next(f, now))
				return asked;
		} else if (!live(f) && !f->asking && run->started < run->n) {
			take_next(run, f, now);
			asked |= f->asking;
		} else {
			return asked;
		}
	}
}

void
mp_http_start(struct mp_http_run *run, struct mp_http_fetch *fetches,
    size_t n, struct mp_resolver *resolver, struct mp_probe_pool *pool,
    unsigned timeout_ms, unsigned now)
{
	size_t i;

	run->fetches = fetches;
	run->n = n;
	run->started = 0;
	run->resolver = resolver;
	run->pool = pool;
	run->timeout_ms = timeout_ms;
	for (i = 0; i < n; i++) {
		struct mp_http_fetch *out = &fetches[i];

		out->status = MP_HTTP_TIMEOUT;
		out->code = 0;
		out->redirects = 0;
		out->reason[0] = '\0';
		out->len = 0;
		memcpy(out->final_url, out->url, sizeof out->url);
		out->final_url[sizeof out->final_url - 1] = '\0';
	}
	for (i = 0; i < LEN(run->flights); i++) {
		struct mp_http_flight *f = &run->flights[i];

		f->step = MP_HTTP_STEP_IDLE;
		f->asking = false;
		f->held = NULL;
		f->fd = -1;
		f->slot = MP_POLL_NONE;
		/* Connections wait for the first step. */
		if (run->started < n)
			take_next(run, f, now);
	}
}

void
mp_http_want(struct mp_http_run *run, struct mp_poll_set *set)
{
	size_t i;

	for (i = 0; i < LEN(run->flights); i++) {
		struct mp_http_flight *f = &run->flights[i];

		/* A question asked now goes out when the resolver's want
		   comes after; if it came before, the loop comes round. */
		if (settle(run, f, set->now))
			mp_poll_set_due(set, set->now);
		f->slot = MP_POLL_NONE;
		if (!live(f))
			continue;
		mp_poll_set_due(set, f->deadline);
		if (f->step == MP_HTTP_STEP_CONNECTING) {
			f->slot = mp_poll_set_add(set, f->fd, POLLOUT);
			mp_poll_set_due(set, f->connect_by);
		} else if (f->step == MP_HTTP_STEP_TALKING) {
			f->slot = mp_poll_set_add(set, f->fd,
			    f->sent < f->request_len ? POLLOUT : POLLIN);
		}
	}
}

void
mp_http_serve(struct mp_http_run *run, const struct mp_poll_set *set)
{
	unsigned now = set->now;
	size_t i;

	for (i = 0; i < LEN(run->flights); i++) {
		struct mp_http_flight *f = &run->flights[i];
		short revents = mp_poll_set_events(set, f->slot);

		f->slot = MP_POLL_NONE;
		if (f->step == MP_HTTP_STEP_CONNECTING && revents != 0)
			on_connected(f, now);
		else if (f->step == MP_HTTP_STEP_TALKING &&
		    (revents & POLLOUT) && f->sent < f->request_len)
			on_writable(f);
		else if (f->step == MP_HTTP_STEP_TALKING &&
		    (revents & (POLLIN | POLLHUP | POLLERR)))
			on_readable(run, f, now);
		if (live(f) && reached(now, f->deadline))
			on_deadline(f, run->timeout_ms);
		else if (f->step == MP_HTTP_STEP_CONNECTING &&
		    reached(now, f->connect_by)) {
			f->error = ETIMEDOUT;
			connect_next(f, now);
		}
		settle(run, f, now);
	}
}

/* Whether every fetch has ended, whatever the resolver still holds. */
static bool
ended(const struct mp_http_run *run)
{
	size_t i;

	if (run->started < run->n)
		return false;
	for (i = 0; i < LEN(run->flights); i++)
		if (live(&run->flights[i]))
			return false;
	return true;
}

bool
mp_http_done(const struct mp_http_run *run)
{
	size_t i;

	if (!ended(run))
		return false;
	for (i = 0; i < LEN(run->flights); i++)
		if (asking(&run->flights[i]))
			return false;
	return true;
}

/* The poll loop failed: every fetch not ended ends now. */
static void
stop(struct mp_http_run *run)
{
	size_t i;

	for (i = 0; i < LEN(run->flights); i++)
		if (live(&run->flights[i]))
			on_deadline(&run->flights[i], run->timeout_ms);
	for (; run->started < run->n; run->started++)
		snprintf(run->fetches[run->started].reason,
		    sizeof run->fetches[run->started].reason,
		    "not fetched: the poll loop failed");
}

void
mp_http_get(struct mp_http_fetch *fetches, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms)
{
	static struct mp_resolver own;
	static struct mp_http_run run;
	struct pollfd fds[MP_HTTP_RUN_MAX + MP_RESOLVER_SERVERS_MAX +
	    MP_RESOLVER_TCP_MAX];
	struct mp_resolver *resolver = nservers > 0 ? &own : NULL;
	struct mp_poll_set set;

	if (n == 0)
		return;
	if (resolver != NULL)
		mp_resolver_open(resolver, servers, nservers);
	mp_poll_set_init(&set, fds, LEN(fds));
	mp_http_start(&run, fetches, n, resolver, NULL, timeout_ms, set.now);
	/* Once every fetch has ended, closing the resolver gives up the
	   questions it still holds: no need to wait for them. */
	while (!ended(&run)) {
		mp_poll_set_begin(&set);
		mp_http_want(&run, &set);
		if (resolver != NULL)
			mp_resolver_want(resolver, &set);
		if (!mp_poll_set_wait(&set)) {
			stop(&run);
			break;
		}
		if (resolver != NULL)
			mp_resolver_serve(resolver, &set);
		mp_http_serve(&run, &set);
	}
	if (resolver != NULL)
		mp_resolver_close(resolver);
}

/*
 * http_get.c - fetching URLs over plain HTTP/1.1: non-blocking sockets and
 * one poll loop for every fetch, each bounded by one deadline through all
 * its redirects, each answer read by src/http.c.
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

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

/* Fetches at once; more are made in turns. */
#define FETCHES_MAX 8
#define REQUEST_SIZE (MP_URL_SIZE + MP_HOST_NAME_SIZE + 128)

enum stage {
	RESOLVING,	/* waiting for the host's addresses */
	CONNECTING,
	TALKING,	/* sending the request, reading the answer */
	FINISHED
};

struct fetch {
	struct mp_http_fetch	*out;
	size_t			 naddresses;
	size_t			 next;		/* the address to try next */
	size_t			 refusals;	/* addresses that refused */
	size_t			 request_len;
	size_t			 sent;
	struct mp_address	 addresses[MP_ADDRESSES_MAX];
	struct mp_http_reader	 reader;
	enum stage		 stage;
	int			 fd;
	int			 error;		/* the last connection's */
	unsigned		 deadline;	/* ms: the whole fetch */
	unsigned		 connect_by;	/* ms: try the next address */
	unsigned		 port;
	char			 host[MP_HOST_NAME_SIZE];
	char			 request[REQUEST_SIZE];
};

static void
finish(struct fetch *f, enum mp_http_status status, const char *reason)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	f->stage = FINISHED;
	f->out->status = status;
	snprintf(f->out->reason, sizeof f->out->reason, "%s", reason);
}

/* The Host header's value: the host, in brackets if an IPv6 address. */
static void
host_field(const struct fetch *f, char *text, size_t size)
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
set_ports(struct fetch *f)
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

static void connect_next(struct fetch *f, unsigned now);

/*
 * Starts a fetch of out->final_url: the request written, the addresses
 * found when the host is one or when the caller gave them (first_hop),
 * else left to the name servers.
 */
static void
begin(struct fetch *f, bool first_hop, unsigned now)
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
	f->stage = RESOLVING;
	if (f->naddresses > 0)
		connect_next(f, now);
}

/* Connects to the next address, if one is left, in a share of the time. */
static void
connect_next(struct fetch *f, unsigned now)
{
	char reason[MP_HTTP_REASON_SIZE];

	while (f->next < f->naddresses) {
		const struct mp_address *a = &f->addresses[f->next++];
		unsigned left = f->deadline > now ? f->deadline - now : 0;

		if (f->fd >= 0)
			close(f->fd);
		f->stage = CONNECTING;
		/* Each address left has an equal share of the time. */
		f->connect_by = now + left / (unsigned)(f->naddresses -
		    f->next + 1);
		f->fd = socket(a->sockaddr.ss_family, SOCK_STREAM |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (f->fd >= 0 && (connect(f->fd,
		    (const struct sockaddr *)&a->sockaddr, a->len) == 0 ||
		    errno == EINPROGRESS))
			return;
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
}

static void
on_connected(struct fetch *f, unsigned now)
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
	f->stage = TALKING;
	f->sent = 0;
	mp_http_reader_init(&f->reader, f->out->body, sizeof f->out->body);
}

/* The answer is whole, or refused: done, or off to where it redirects. */
static void
on_answer(struct fetch *f, unsigned now)
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
	close(f->fd);
	f->fd = -1;
	f->out->redirects++;
	memcpy(f->out->final_url, next, sizeof next);
	begin(f, false, now);
}

static void
on_readable(struct fetch *f, unsigned now)
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
		on_answer(f, now);
}

static void
on_writable(struct fetch *f)
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
on_deadline(struct fetch *f, unsigned timeout_ms)
{
	char reason[MP_HTTP_REASON_SIZE];

	if (f->stage == RESOLVING)
		snprintf(reason, sizeof reason, "no address for %.80s within %u "
		    "ms", f->host, timeout_ms);
	else if (f->stage == CONNECTING)
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

/*
 * The addresses of the hosts that need them, every question at once, in
 * the time left; the other fetches wait meanwhile, within their deadline.
 */
static void
resolve(struct fetch *fetches, size_t n, const struct mp_address *servers,
    size_t nservers, unsigned now)
{
	static struct mp_dns_question questions[2 * FETCHES_MAX];
	size_t asked = 0, i, q, r;
	unsigned deadline = now;

	for (i = 0; i < n; i++) {
		struct fetch *f = &fetches[i];

		if (f->stage != RESOLVING)
			continue;
		if (nservers == 0) {
			finish(f, MP_HTTP_NO_ADDRESS, "no name server to ask");
			continue;
		}
		snprintf(questions[asked].name, sizeof questions[asked].name,
		    "%s", f->host);
		questions[asked++].type = MP_DNS_A;
		snprintf(questions[asked].name, sizeof questions[asked].name,
		    "%s", f->host);
		questions[asked++].type = MP_DNS_AAAA;
		if (f->deadline > deadline)
			deadline = f->deadline;
	}
	if (asked == 0)
		return;
	mp_dns_ask(questions, asked, servers, nservers, deadline - now);
	now = mp_now_ms();
	for (q = 0, i = 0; i < n; i++) {
		struct fetch *f = &fetches[i];

		if (f->stage != RESOLVING)
			continue;
		/* Its A, then its AAAA: IPv4 first, as most hosts have it. */
		for (; q < asked; q++) {
			const struct mp_dns_answer *a = &questions[q].answer;
			int family = questions[q].type == MP_DNS_A ? AF_INET :
			    AF_INET6;

			for (r = 0; r < a->n && f->naddresses <
			    MP_ADDRESSES_MAX; r++)
				if (mp_address_set(&f->addresses[f->naddresses],
				    family, a->records[r].address, f->port))
					f->naddresses++;
			if (questions[q].type == MP_DNS_AAAA) {
				q++;
				break;
			}
		}
		if (f->naddresses == 0) {
			char reason[MP_HTTP_REASON_SIZE];

			snprintf(reason, sizeof reason, "no address for %.80s",
			    f->host);
			finish(f, now >= f->deadline ? MP_HTTP_TIMEOUT :
			    MP_HTTP_NO_ADDRESS, reason);
			continue;
		}
		connect_next(f, now);
	}
}

static short
events(const struct fetch *f)
{
	if (f->stage == CONNECTING || f->sent < f->request_len)
		return POLLOUT;
	return POLLIN;
}

/* The time until the first deadline of a live fetch, for poll. */
static int
wait_ms(const struct fetch *fetches, size_t n, unsigned now)
{
	unsigned soonest = now + 60000;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct fetch *f = &fetches[i];

		if (f->stage == FINISHED)
			continue;
		if (f->deadline < soonest)
			soonest = f->deadline;
		if (f->stage == CONNECTING && f->connect_by < soonest)
			soonest = f->connect_by;
	}
	return soonest > now ? (int)(soonest - now) : 0;
}

static void
run(struct mp_http_fetch *out, size_t n, const struct mp_address *servers,
    size_t nservers, unsigned timeout_ms)
{
	static struct fetch fetches[FETCHES_MAX];
	struct pollfd fds[FETCHES_MAX];
	size_t which[FETCHES_MAX], i, live;
	unsigned now = mp_now_ms();

	for (i = 0; i < n; i++) {
		struct fetch *f = &fetches[i];

		f->out = &out[i];
		f->fd = -1;
		f->deadline = now + timeout_ms;
		f->reader.total = 0;
		out[i].status = MP_HTTP_TIMEOUT;
		out[i].code = 0;
		out[i].redirects = 0;
		out[i].reason[0] = '\0';
		out[i].len = 0;
		memcpy(out[i].final_url, out[i].url, sizeof out[i].url);
		out[i].final_url[sizeof out[i].final_url - 1] = '\0';
		begin(f, true, now);
	}
	for (;;) {
		resolve(fetches, n, servers, nservers, now);
		now = mp_now_ms();
		for (live = 0, i = 0; i < n; i++) {
			if (fetches[i].stage == FINISHED)
				continue;
			fds[live].fd = fetches[i].fd;
			fds[live].events = events(&fetches[i]);
			fds[live].revents = 0;
			which[live++] = i;
		}
		if (live == 0)
			break;
		if (poll(fds, live, wait_ms(fetches, n, now)) < 0 &&
		    errno != EINTR)
			break;
		now = mp_now_ms();
		for (i = 0; i < live; i++) {
			struct fetch *f = &fetches[which[i]];
			short revents = fds[i].revents;

			if (f->stage == CONNECTING && revents != 0)
				on_connected(f, now);
			else if (f->stage == TALKING && (revents & POLLOUT) &&
			    f->sent < f->request_len)
				on_writable(f);
			else if (f->stage == TALKING &&
			    (revents & (POLLIN | POLLHUP | POLLERR)))
				on_readable(f, now);
			if (f->stage == FINISHED || f->stage == RESOLVING)
				continue;
			if (now >= f->deadline)
				on_deadline(f, timeout_ms);
			else if (f->stage == CONNECTING && now >= f->connect_by) {
				f->error = ETIMEDOUT;
				connect_next(f, now);
			}
		}
	}
	/* poll failed: whatever is left ends now. */
	for (i = 0; i < n; i++)
		if (fetches[i].stage != FINISHED)
			on_deadline(&fetches[i], timeout_ms);
}

void
mp_http_get(struct mp_http_fetch *fetches, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms)
{
	/* In turns of FETCHES_MAX, each with the whole time. */
	while (n > 0) {
		size_t turn = n < FETCHES_MAX ? n : FETCHES_MAX;

		run(fetches, turn, servers, nservers, timeout_ms);
		fetches += turn;
		n -= turn;
	}
}

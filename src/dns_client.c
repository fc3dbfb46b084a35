/*
 * dns_client.c - asking name servers: one connected UDP socket for each
 * server and every question in flight on it, the answers matched to their
 * questions by ID and by the question they echo; again over TCP, on a
 * connection of its own, when an answer comes truncated; each question
 * bounded in time and bytes.  And which servers to ask, from resolv.conf.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "dns.h"

#define TRIES MP_DNS_TRIES
/* Bytes for the answers a socket holds: each takes a kilobyte or two of
   the kernel's memory, and 1,024 may be in flight. */
#define RECEIVE_BUFFER (4 << 20)
/* The least wait before asking again, ms, however fast a server was. */
#define RETRY_MIN 200
#define NO_SLOT MP_POLL_NONE

/* Times on mp_now_ms's clock, compared across its wrap. */
static bool
reached(unsigned now, unsigned at)
{
	return (int)(now - at) >= 0;
}

static int
open_socket(const struct mp_address *server, bool tcp)
{
	int fd = socket(server->sockaddr.ss_family,
	    (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	/*
	 * A thousand answers in flight come back faster than a turn of the
	 * loop takes them at times: room for them all, if the system allows
	 * (it caps the size at net.core.rmem_max); else the default, and the
	 * window of questions in flight shrinks to what gets through.
	 */
	if (!tcp) {
		int size = RECEIVE_BUFFER;

		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	}
	/* A connected UDP socket takes answers from that server only. */
	if (connect(fd, (const struct sockaddr *)&server->sockaddr,
	    server->len) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

void
mp_resolver_open(struct mp_resolver *r, const struct mp_address *servers,
    size_t nservers)
{
	size_t i;

	r->servers = servers;
	r->nservers = nservers < MP_RESOLVER_SERVERS_MAX ? nservers :
	    MP_RESOLVER_SERVERS_MAX;
	for (i = 0; i < r->nservers; i++)
		r->udp[i] = open_socket(&servers[i], false);
	r->n = 0;
	r->outstanding = 0;
	r->window = MP_RESOLVER_WINDOW_FIRST;
	r->shrunk_at = mp_now_ms();
	memset(r->srtt, 0, sizeof r->srtt);
	r->nids = 0;
	for (r->nfree = 0; r->nfree < MP_RESOLVER_QUESTIONS_MAX; r->nfree++)
		r->free[r->nfree] = MP_RESOLVER_QUESTIONS_MAX - 1 - r->nfree;
	memset(r->by_id, 0, sizeof r->by_id);
	for (i = 0; i < MP_RESOLVER_TCP_MAX; i++) {
		r->tcp[i].fd = -1;
		r->tcp[i].exchange = SIZE_MAX;
	}
}

/* A random ID, not in use: a forged answer is hard to guess (RFC 5452). */
static unsigned
new_id(struct mp_resolver *r)
{
	unsigned id;

	do {
		if (r->nids == 0) {
			if (getentropy(r->ids, sizeof r->ids) != 0) {
				unsigned seed = mp_now_ms();
				size_t i;

				for (i = 0; i < (sizeof r->ids / sizeof r->ids[0]); i++)
					r->ids[i] = (unsigned short)((seed + i) *
					    2654435761u >> 16);
			}
			r->nids = (sizeof r->ids / sizeof r->ids[0]);
		}
		id = r->ids[--r->nids];
	} while (r->by_id[id] != 0);
	return id;
}

static void
unsend(struct mp_resolver *r, struct mp_dns_exchange *x)
{
	if (!x->sent)
		return;
	x->sent = false;
	r->outstanding--;
}

/* No answer over UDP is taken for x any more: its IDs are free. */
static void
forget_ids(struct mp_resolver *r, struct mp_dns_exchange *x)
{
	while (x->nids > 0)
		r->by_id[x->ids[--x->nids]] = 0;
}

static void
close_tcp(struct mp_resolver *r, struct mp_dns_exchange *x)
{
	struct mp_dns_connection *c;

	if (x->tcp < 0)
		return;
	c = &r->tcp[x->tcp];
	close(c->fd);
	c->fd = -1;
	c->exchange = SIZE_MAX;
	x->tcp = -1;
}

/* Ends the exchange at place k of live. */
static void
finish(struct mp_resolver *r, size_t k, enum mp_dns_status status)
{
	size_t index = r->live[k];
	struct mp_dns_exchange *x = &r->exchanges[index];
	struct mp_dns_question *q = x->question;

	unsend(r, x);
	forget_ids(r, x);
	close_tcp(r, x);
	if (status != MP_DNS_ANSWERED || q->answer.status != MP_DNS_ANSWERED)
		q->answer.status = status;
	q->done = true;
	r->live[k] = r->live[--r->n];
	r->free[r->nfree++] = index;
}

/* Ends it with nothing better than a refusal, if one came. */
static void
give_up(struct mp_resolver *r, size_t k)
{
	finish(r, k, r->exchanges[r->live[k]].refused ? MP_DNS_REFUSED :
	    MP_DNS_NO_ANSWER);
}

/*
 * No route, no network, a server refusing the port: the next server at
 * once, or, after the last try, give up now rather than wait.
 */
static void
failed(struct mp_dns_exchange *x, unsigned now)
{
	if (x->tries < TRIES)
		x->retry_at = now;
	else
		x->deadline = now;
}

/*
 * How long to wait for an answer before asking again.  A datagram lost
 * (a name server drops what overflows its queue) would otherwise cost a
 * third of the timeout: the wait is three times the time the server has
 * been taking, as TCP's retransmission timer tracks a round trip (RFC
 * 6298), at least RETRY_MIN and at most a third of the timeout.  Each try
 * has an ID of its own, so an answer tells which try it answers and its
 * time is measured without ambiguity (Karn's problem).
 */
static unsigned
retry_wait(const struct mp_resolver *r, unsigned server, unsigned timeout)
{
	unsigned most = timeout / TRIES, wait = 3 * r->srtt[server];

	if (r->srtt[server] == 0 || wait > most)
		return most;
	return wait < RETRY_MIN ? (RETRY_MIN < most ? RETRY_MIN : most) :
	    wait;
}

/*
 * When to ask x again: its try's time, as the server's answers have
 * come so far (the first tries of a run go out before any has), or at
 * once after a failure.
 */
static unsigned
retry_time(const struct mp_resolver *r, const struct mp_dns_exchange *x)
{
	unsigned at = x->sent_at + retry_wait(r, x->server, x->timeout_ms);

	return (int)(x->retry_at - at) < 0 ? x->retry_at : at;
}

/*
 * Asks over UDP, of the next server in turn, when fewer than the most
 * allowed are outstanding; else it waits its turn.
 */
static void
ask_udp(struct mp_resolver *r, struct mp_dns_exchange *x, unsigned now)
{
	int fd;

	unsend(r, x);
	/*
	 * A question waits its turn within its own time: a server that
	 * answers nothing ends every question in the time given, however
	 * many were asked.
	 */
	if (r->outstanding >= r->window)
		return;
	x->server = x->tries % (unsigned)r->nservers;
	x->tries++;
	x->sent_at = now;
	x->retry_at = now + x->timeout_ms / TRIES;
	/* The oldest try's answer is given up should there be more. */
	if (x->nids == TRIES) {
		r->by_id[x->ids[0]] = 0;
		memmove(x->ids, x->ids + 1, sizeof x->ids - sizeof x->ids[0]);
		memmove(x->id_server, x->id_server + 1,
		    sizeof x->id_server - sizeof x->id_server[0]);
		x->nids--;
	}
	x->id = new_id(r);
	x->ids[x->nids] = (unsigned short)x->id;
	x->id_server[x->nids++] = (unsigned char)x->server;
	mp_put16(x->query + 2, x->id);
	fd = r->udp[x->server];
	x->sent = true;
	r->by_id[x->id] = (unsigned short)(x - r->exchanges + 1);
	r->outstanding++;
	if (fd < 0 || send(fd, x->query + 2, x->query_len, MSG_NOSIGNAL) < 0)
		failed(x, now);
}

static void
ask_tcp(struct mp_resolver *r, struct mp_dns_exchange *x)
{
	size_t i;

	unsend(r, x);
	forget_ids(r, x);
	x->question->tcp = true;
	for (i = 0; i < MP_RESOLVER_TCP_MAX && r->tcp[i].fd >= 0; i++)
		;
	/* No connection free: it waits for one, within its deadline. */
	if (i == MP_RESOLVER_TCP_MAX)
		return;
	r->tcp[i].fd = open_socket(&r->servers[x->server], true);
	r->tcp[i].exchange = (size_t)(x - r->exchanges);
	r->tcp[i].sent = 0;
	r->tcp[i].reply_len = 0;
	x->tcp = (int)i;
}

void
mp_resolver_ask(struct mp_resolver *r, struct mp_dns_question *q,
    unsigned timeout_ms, unsigned now)
{
	struct mp_dns_exchange *x;
	size_t index;

	q->answer.status = MP_DNS_NO_ANSWER;
	q->answer.n = 0;
	q->answer.total = 0;
	q->tcp = false;
	q->done = false;
	if (r->nservers == 0)
		q->answer.status = MP_DNS_MALFORMED;
	if (r->nfree == 0 || r->nservers == 0) {
		q->done = true;
		return;
	}
	index = r->free[--r->nfree];
	r->live[r->n++] = index;
	x = &r->exchanges[index];
	x->question = q;
	x->tries = 0;
	x->nids = 0;
	x->timeout_ms = timeout_ms;
	x->deadline = now + timeout_ms;
	x->tcp = -1;
	x->sent = false;
	x->refused = false;
	/* The ID is set when it is sent. */
	x->query_len = mp_dns_query(x->query + 2, MP_DNS_QUERY_SIZE, 0, q->name,
	    q->type);
	mp_put16(x->query, x->query_len);
	if (x->query_len == 0)
		finish(r, r->n - 1, MP_DNS_MALFORMED);
	else
		ask_udp(r, x, now);
}

bool
mp_resolver_idle(const struct mp_resolver *r)
{
	return r->n == 0;
}

/* Where the exchange of index is in live. */
static size_t
place(const struct mp_resolver *r, size_t index)
{
	size_t k;

	for (k = 0; k < r->n && r->live[k] != index; k++)
		;
	return k;
}

static void
on_reply(struct mp_resolver *r, size_t index, unsigned id,
    const unsigned char *reply, size_t len, unsigned now)
{
	struct mp_dns_exchange *x = &r->exchanges[index];
	struct mp_dns_question *q = x->question;
	struct mp_dns_answer answer;
	bool tcp = x->tcp >= 0;

	mp_dns_parse(reply, len, id, q->name, q->type, &answer);
	/*
	 * What answers no question of ours (another ID, perhaps a late
	 * answer; a query; another question) may be forged or lost on its
	 * way: over UDP the genuine answer may still come, so wait on.  Over
	 * TCP the server itself sent it, and sends nothing else.
	 */
	if (answer.status == MP_DNS_STRAY) {
		if (tcp)
			finish(r, place(r, index), MP_DNS_MALFORMED);
		return;
	}
	q->answer = answer;
	/* An answer makes room for one more at once (up to the most). */
	if (!tcp && r->window < MP_RESOLVER_OUTSTANDING_MAX)
		r->window++;
	/* Only the last try's time is known (Karn's rule). */
	if (!tcp && id == x->id) {
		unsigned sample = now - x->sent_at, *srtt = &r->srtt[x->server];

		*srtt = *srtt == 0 ? sample + 1 : (7 * *srtt + sample + 1) / 8;
	}
	/*
	 * A refusal or a failure (SERVFAIL) is one server's: the next in
	 * turn is asked at once, the refusal kept should none do better.
	 */
	if (answer.status == MP_DNS_REFUSED && !tcp && r->nservers > 1 &&
	    x->tries < TRIES) {
		x->refused = true;
		ask_udp(r, x, now);
		return;
	}
	if (answer.status == MP_DNS_TRUNCATED && !tcp) {
		ask_tcp(r, x);
		return;
	}
	finish(r, place(r, index), answer.status);
}

/* The server the try with id went to. */
static size_t
sent_to(const struct mp_dns_exchange *x, unsigned id)
{
	size_t k;

	for (k = 0; k < x->nids; k++)
		if (x->ids[k] == id)
			return x->id_server[k];
	return SIZE_MAX;
}

/* Every datagram waiting on a server's socket, each to its question. */
static void
read_udp(struct mp_resolver *r, size_t server, unsigned now)
{
	ssize_t n;

	while ((n = read(r->udp[server], r->reply, sizeof r->reply)) != 0) {
		size_t index;
		unsigned id;

		if (n < 0) {
			size_t k;

			if (errno == EAGAIN || errno == EINTR)
				return;
			/* Refused or unreachable: its questions go on to
			   the next server, or give up now. */
			for (k = 0; k < r->n; k++) {
				struct mp_dns_exchange *x =
				    &r->exchanges[r->live[k]];

				if (x->sent && x->server == server)
					failed(x, now);
			}
			return;
		}
		/* Too short for an ID: no question of ours. */
		if (n < 2 || r->by_id[id = mp_get16(r->reply)] == 0)
			continue;
		index = (size_t)r->by_id[id] - 1;
		/* From the server that try went to, as its socket is. */
		if (sent_to(&r->exchanges[index], id) == server)
			on_reply(r, index, id, r->reply, (size_t)n, now);
	}
}

static void
on_tcp_readable(struct mp_resolver *r, struct mp_dns_connection *c,
    unsigned now)
{
	ssize_t n = read(c->fd, c->reply + c->reply_len,
	    sizeof c->reply - c->reply_len);
	size_t index = c->exchange;

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			finish(r, place(r, index), MP_DNS_NO_ANSWER);
		return;
	}
	c->reply_len += (size_t)n;
	/* Over TCP each message comes after its length, two bytes. */
	if (c->reply_len >= 2) {
		size_t want = mp_get16(c->reply);

		if (want > MP_DNS_REPLY_SIZE)
			finish(r, place(r, index), MP_DNS_MALFORMED);
		else if (c->reply_len >= want + 2)
			on_reply(r, index, r->exchanges[index].id, c->reply + 2,
			    want, now);
	}
}

static void
on_tcp_writable(struct mp_resolver *r, struct mp_dns_connection *c)
{
	struct mp_dns_exchange *x = &r->exchanges[c->exchange];
	int error = 0;
	socklen_t len = sizeof error;
	ssize_t n;

	/* The first chance to write tells whether the connection was made. */
	if (c->sent == 0 && (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error,
	    &len) < 0 || error != 0)) {
		finish(r, place(r, c->exchange), MP_DNS_NO_ANSWER);
		return;
	}
	/* A server gone gives EPIPE, not a SIGPIPE that would end us. */
	n = send(c->fd, x->query + c->sent, x->query_len + 2 - c->sent,
	    MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			finish(r, place(r, c->exchange), MP_DNS_NO_ANSWER);
		return;
	}
	c->sent += (size_t)n;
}

/*
 * A try went unanswered: a server that drops what overflows its queue
 * is sent half as many at once, once a wait for an answer at most.
 */
static void
lost(struct mp_resolver *r, const struct mp_dns_exchange *x, unsigned now)
{
	if (!reached(now, r->shrunk_at + retry_wait(r, x->server,
	    x->timeout_ms)))
		return;
	r->shrunk_at = now;
	r->window = r->window / 2 > MP_RESOLVER_WINDOW_MIN ? r->window / 2 :
	    MP_RESOLVER_WINDOW_MIN;
}

/*
 * The timers: a question out of time is given up, one whose try has gone
 * unanswered is asked again, one waiting for its turn (UDP, or a TCP
 * connection) is sent when there is room.
 */
static void
on_time(struct mp_resolver *r, unsigned now)
{
	size_t k = 0;

	while (k < r->n) {
		struct mp_dns_exchange *x = &r->exchanges[r->live[k]];
		size_t before = r->n;

		if (reached(now, x->deadline))
			give_up(r, k);
		else if (x->question->tcp) {
			if (x->tcp < 0)
				ask_tcp(r, x);
		} else if (!x->sent) {
			ask_udp(r, x, now);
		} else if (x->tries < TRIES && reached(now, retry_time(r, x))) {
			lost(r, x, now);
			ask_udp(r, x, now);
		}
		if (r->n == before)
			k++;
	}
}

static bool
tcp_free(const struct mp_resolver *r)
{
	size_t i;

	for (i = 0; i < MP_RESOLVER_TCP_MAX; i++)
		if (r->tcp[i].fd < 0)
			return true;
	return false;
}

void
mp_resolver_want(struct mp_resolver *r, struct mp_poll_set *set)
{
	bool room_udp = r->outstanding < r->window;
	bool room_tcp = tcp_free(r);
	size_t i, k;

	r->due = set->now + MP_POLL_IDLE_MS;
	for (k = 0; k < r->n; k++) {
		const struct mp_dns_exchange *x = &r->exchanges[r->live[k]];
		unsigned at = x->deadline;

		if (x->question->tcp) {
			if (x->tcp < 0 && room_tcp)
				at = set->now;
		} else if (!x->sent) {
			if (room_udp)
				at = set->now;
		} else if (x->tries < TRIES &&
		    (int)(retry_time(r, x) - at) < 0)
			at = retry_time(r, x);
		if ((int)(at - r->due) < 0)
			r->due = at;
	}
	if (r->n > 0)
		mp_poll_set_due(set, r->due);
	for (i = 0; i < r->nservers; i++)
		r->udp_slot[i] = r->udp[i] >= 0 && r->outstanding > 0 ?
		    mp_poll_set_add(set, r->udp[i], POLLIN) : MP_POLL_NONE;
	for (i = 0; i < MP_RESOLVER_TCP_MAX; i++) {
		struct mp_dns_connection *c = &r->tcp[i];

		if (c->fd < 0)
			continue;
		c->slot = mp_poll_set_add(set, c->fd, (short)(c->sent <
		    r->exchanges[c->exchange].query_len + 2 ? POLLOUT : POLLIN));
	}
}

void
mp_resolver_drain(struct mp_resolver *r, unsigned now)
{
	size_t i;

	for (i = 0; i < r->nservers; i++)
		if (r->udp[i] >= 0 && r->outstanding > 0)
			read_udp(r, i, now);
}

void
mp_resolver_serve(struct mp_resolver *r, const struct mp_poll_set *set)
{
	unsigned now = set->now;
	size_t i;

	for (i = 0; i < r->nservers; i++)
		if (mp_poll_set_events(set, r->udp_slot[i]) != 0)
			read_udp(r, i, now);
	for (i = 0; i < MP_RESOLVER_TCP_MAX; i++) {
		struct mp_dns_connection *c = &r->tcp[i];
		short events;

		if (c->fd < 0)
			continue;
		events = mp_poll_set_events(set, c->slot);
		c->slot = NO_SLOT;
		if (events & POLLOUT)
			on_tcp_writable(r, c);
		else if (events & (POLLIN | POLLHUP | POLLERR))
			on_tcp_readable(r, c, now);
	}
	if (r->n > 0 && reached(now, r->due))
		on_time(r, now);
}

void
mp_resolver_close(struct mp_resolver *r)
{
	size_t i;

	while (r->n > 0)
		give_up(r, 0);
	for (i = 0; i < r->nservers; i++)
		if (r->udp[i] >= 0)
			close(r->udp[i]);
	r->nservers = 0;
}

void
mp_dns_ask(struct mp_dns_question *questions, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms)
{
	static struct mp_resolver resolver;
	struct pollfd fds[MP_RESOLVER_SERVERS_MAX + MP_RESOLVER_TCP_MAX];
	struct mp_poll_set set;
	size_t i;

	mp_poll_set_init(&set, fds, sizeof fds / sizeof fds[0]);
	mp_resolver_open(&resolver, servers, nservers);
	for (i = 0; i < n; i++) {
		/* More than it holds: the rest when there is room. */
		while (resolver.nfree == 0) {
			mp_poll_set_begin(&set);
			mp_resolver_want(&resolver, &set);
			if (!mp_poll_set_wait(&set))
				break;
			mp_resolver_serve(&resolver, &set);
		}
		mp_resolver_ask(&resolver, &questions[i], timeout_ms, set.now);
	}
	while (!mp_resolver_idle(&resolver)) {
		mp_poll_set_begin(&set);
		mp_resolver_want(&resolver, &set);
		if (!mp_poll_set_wait(&set))
			break;
		mp_resolver_serve(&resolver, &set);
	}
	mp_resolver_close(&resolver);
}

size_t
mp_dns_name_servers(const char *given, struct mp_address *servers,
    size_t max)
{
	size_t n = 0;
	int fd;

	if (given != NULL)
		return max > 0 && mp_parse_address(given, 53, &servers[0]) ? 1 : 0;
	if ((fd = open("/etc/resolv.conf", O_RDONLY | O_CLOEXEC)) >= 0) {
		static char conf[8192];
		size_t len = 0;
		ssize_t got;

		while (len < sizeof conf && (got = read(fd, conf + len,
		    sizeof conf - len)) > 0)
			len += (size_t)got;
		close(fd);
		n = mp_dns_servers(conf, len, servers, max);
	}
	/* With none named, resolv.conf(5) says to ask this host. */
	if (n == 0 && max > 0 && mp_parse_address("127.0.0.1", 53, &servers[0]))
		n = 1;
	return n;
}

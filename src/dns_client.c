/*
 * dns_client.c - asking name servers: every question at once over UDP on
 * non-blocking sockets and one poll loop, again over TCP when an answer
 * comes truncated, each bounded in time and bytes; and which servers to
 * ask, from resolv.conf.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "dns.h"

/* Big enough for any answer mailports asks for; larger is malformed. */
#define REPLY_SIZE 16384
#define QUERY_SIZE (MP_DNS_NAME_SIZE + 32)
#define EXCHANGES_MAX MP_DNS_QUESTIONS_MAX
/* A question is asked at most this many times over UDP. */
#define TRIES 3

struct exchange {
	struct mp_dns_question	*question;
	size_t			 server;	/* the one asked last */
	size_t			 query_len;
	size_t			 sent;		/* over TCP, with its length */
	size_t			 reply_len;
	int			 fd;
	unsigned		 id;
	unsigned		 tries;
	unsigned		 retry_at;	/* ms: ask again over UDP */
	unsigned		 deadline;	/* ms: give up */
	bool			 tcp;
	bool			 done;
	bool			 refused;	/* by a server, its answer kept */
	unsigned char		 query[QUERY_SIZE + 2];
	unsigned char		 reply[REPLY_SIZE + 2];
};

static void
finish(struct exchange *x, enum mp_dns_status status)
{
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	x->done = true;
	if (status != MP_DNS_ANSWERED || x->question->answer.status !=
	    MP_DNS_ANSWERED)
		x->question->answer.status = status;
}

static int
open_socket(const struct mp_address *server, bool tcp)
{
	int fd = socket(server->sockaddr.ss_family,
	    (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	/* A connected UDP socket takes answers from that server only. */
	if (connect(fd, (const struct sockaddr *)&server->sockaddr,
	    server->len) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Ends the question with nothing better than a refusal, if one came. */
static void
give_up(struct exchange *x)
{
	finish(x, x->refused ? MP_DNS_REFUSED : MP_DNS_NO_ANSWER);
}

/* Asks over UDP, of the next server in turn. */
static void
ask_udp(struct exchange *x, const struct mp_address *servers,
    size_t nservers, unsigned now, unsigned wait)
{
	if (x->fd >= 0)
		close(x->fd);
	x->server = x->tries % nservers;
	x->tries++;
	x->retry_at = now + wait;
	x->fd = open_socket(&servers[x->server], false);
	if (x->fd < 0 || send(x->fd, x->query + 2, x->query_len,
	    MSG_NOSIGNAL) < 0) {
		/* No route, no network: fail now rather than wait. */
		if (x->tries >= TRIES)
			give_up(x);
	}
}

static void
ask_tcp(struct exchange *x, const struct mp_address *servers)
{
	if (x->fd >= 0)
		close(x->fd);
	x->tcp = true;
	x->question->tcp = true;
	x->sent = 0;
	x->reply_len = 0;
	x->fd = open_socket(&servers[x->server], true);
	if (x->fd < 0)
		finish(x, MP_DNS_NO_ANSWER);
}

static void
on_reply(struct exchange *x, const unsigned char *reply, size_t len,
    const struct mp_address *servers, size_t nservers, unsigned wait)
{
	struct mp_dns_question *q = x->question;
	struct mp_dns_answer answer;

	mp_dns_parse(reply, len, x->id, q->name, q->type, &answer);
	/*
	 * What answers no question of ours (another ID, perhaps a late
	 * answer; a query; another question) may be forged or lost on its
	 * way: over UDP the genuine answer may still come, so wait on.  Over
	 * TCP the server itself sent it, and sends nothing else.
	 */
	if (answer.status == MP_DNS_STRAY) {
		if (x->tcp)
			finish(x, MP_DNS_MALFORMED);
		return;
	}
	q->answer = answer;
	/*
	 * A refusal or a failure (SERVFAIL) is one server's: the next in
	 * turn is asked at once, the refusal kept should none do better.
	 */
	if (q->answer.status == MP_DNS_REFUSED && !x->tcp && nservers > 1 &&
	    x->tries < TRIES) {
		x->refused = true;
		ask_udp(x, servers, nservers, mp_now_ms(), wait);
		return;
	}
	if (q->answer.status == MP_DNS_TRUNCATED && !x->tcp) {
		ask_tcp(x, servers);
		return;
	}
	finish(x, q->answer.status);
}

static void
on_readable(struct exchange *x, const struct mp_address *servers,
    size_t nservers, unsigned wait)
{
	ssize_t n;

	if (!x->tcp) {
		n = read(x->fd, x->reply, REPLY_SIZE);
		if (n > 0)
			on_reply(x, x->reply, (size_t)n, servers, nservers,
			    wait);
		/* Refused or unreachable: the next server, or give up now. */
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			x->retry_at = 0;
		return;
	}
	n = read(x->fd, x->reply + x->reply_len,
	    sizeof x->reply - x->reply_len);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			finish(x, MP_DNS_NO_ANSWER);
		return;
	}
	x->reply_len += (size_t)n;
	/* Over TCP each message comes after its length, two bytes. */
	if (x->reply_len >= 2) {
		size_t want = mp_get16(x->reply);

		if (want > REPLY_SIZE)
			finish(x, MP_DNS_MALFORMED);
		else if (x->reply_len >= want + 2)
			on_reply(x, x->reply + 2, want, servers, nservers,
			    wait);
	}
}

static void
on_writable(struct exchange *x)
{
	int error = 0;
	socklen_t len = sizeof error;
	ssize_t n;

	/* The first chance to write tells whether the connection was made. */
	if (x->sent == 0 && (getsockopt(x->fd, SOL_SOCKET, SO_ERROR, &error,
	    &len) < 0 || error != 0)) {
		finish(x, MP_DNS_NO_ANSWER);
		return;
	}
	/* A server gone gives EPIPE, not a SIGPIPE that would end us. */
	n = send(x->fd, x->query + x->sent, x->query_len + 2 - x->sent,
	    MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			finish(x, MP_DNS_NO_ANSWER);
		return;
	}
	x->sent += (size_t)n;
}

static void
ask(struct mp_dns_question *questions, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms)
{
	static struct exchange exchanges[EXCHANGES_MAX];
	struct pollfd fds[EXCHANGES_MAX];
	unsigned short ids[EXCHANGES_MAX];
	size_t which[EXCHANGES_MAX], i, live;
	unsigned now = mp_now_ms(), wait = timeout_ms / TRIES;

	/* Random IDs make a forged answer hard to guess (RFC 5452). */
	if (getentropy(ids, sizeof ids) != 0)
		for (i = 0; i < n; i++)
			ids[i] = (unsigned short)((now + i) * 2654435761u >> 16);
	for (i = 0; i < n; i++) {
		struct exchange *x = &exchanges[i];

		x->question = &questions[i];
		x->question->answer.status = MP_DNS_NO_ANSWER;
		x->question->answer.n = 0;
		x->question->answer.total = 0;
		x->question->tcp = false;
		x->fd = -1;
		x->tcp = false;
		x->done = false;
		x->refused = false;
		x->tries = 0;
		x->reply_len = 0;
		x->deadline = now + timeout_ms;
		x->id = ids[i];
		x->query_len = mp_dns_query(x->query + 2, QUERY_SIZE, x->id,
		    questions[i].name, questions[i].type);
		mp_put16(x->query, x->query_len);
		if (x->query_len == 0 || nservers == 0)
			finish(x, MP_DNS_MALFORMED);
		else
			ask_udp(x, servers, nservers, now, wait);
	}
	for (;;) {
		unsigned soonest = now + timeout_ms;

		for (live = 0, i = 0; i < n; i++) {
			struct exchange *x = &exchanges[i];

			if (x->done)
				continue;
			if (x->deadline < soonest)
				soonest = x->deadline;
			/*
			 * A retry is a time to wake only while one is left:
			 * after the last try its time has passed, and a poll
			 * that waits for it would not wait at all.
			 */
			if (!x->tcp && x->tries < TRIES && x->retry_at < soonest)
				soonest = x->retry_at;
			if (x->fd < 0)
				continue;
			fds[live].fd = x->fd;
			fds[live].events = (short)(x->tcp &&
			    x->sent < x->query_len + 2 ? POLLOUT : POLLIN);
			fds[live].revents = 0;
			which[live++] = i;
		}
		for (i = 0; i < n && exchanges[i].done; i++)
			;
		if (i == n)
			break;
		if (poll(fds, live, soonest > now ? (int)(soonest - now) : 0) < 0 &&
		    errno != EINTR)
			break;
		now = mp_now_ms();
		for (i = 0; i < live; i++) {
			struct exchange *x = &exchanges[which[i]];

			if (x->done || x->fd != fds[i].fd)
				continue;
			if (fds[i].revents & POLLOUT)
				on_writable(x);
			else if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
				on_readable(x, servers, nservers, wait);
		}
		for (i = 0; i < n; i++) {
			struct exchange *x = &exchanges[i];

			if (x->done)
				continue;
			/* Out of time, or refused by every try. */
			if (now >= x->deadline || (!x->tcp && x->retry_at == 0 &&
			    x->tries >= TRIES))
				give_up(x);
			else if (!x->tcp && now >= x->retry_at &&
			    x->tries < TRIES)
				ask_udp(x, servers, nservers, now, wait);
		}
	}
	for (i = 0; i < n; i++)
		if (!exchanges[i].done)
			give_up(&exchanges[i]);
}

void
mp_dns_ask(struct mp_dns_question *questions, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms)
{
	for (; n > EXCHANGES_MAX; questions += EXCHANGES_MAX, n -= EXCHANGES_MAX)
		ask(questions, EXCHANGES_MAX, servers, nservers, timeout_ms);
	ask(questions, n, servers, nservers, timeout_ms);
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

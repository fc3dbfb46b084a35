/*
 * delay_proxy.c - a slow network on loopback, for the round-trip benchmark
 * (the kernel here has no netem).  Each LISTEN_ADDR LISTEN_PORT
 * TARGET_ADDR TARGET_PORT group on the command line is a listener that
 * forwards to its target, across a path whose one-way delay is DELAY_MS:
 * a round trip (RTT) costs 2 * DELAY_MS.  A group relays TCP, every
 * connection on its own; one whose LISTEN_ADDR starts with "udp:"
 * (udp:127.0.0.2 53 127.0.0.1 5300) relays UDP datagrams.
 *
 * Usage: delay_proxy [-l seconds] DELAY_MS [udp:]LISTEN_ADDR LISTEN_PORT
 *            TARGET_ADDR TARGET_PORT [[udp:]LISTEN_ADDR LISTEN_PORT ...]
 *
 * It prints "ready" once every listener listens, serves until killed and
 * for at most -l seconds (60 by default), then exits 0 by itself.  Only
 * loopback addresses are accepted (127.0.0.0/8 and ::1): this is a test
 * tool, never a relay to elsewhere.
 *
 * The model of TCP.  With D the one-way delay, a client on a real path of
 * RTT 2D sees its connect() complete at 2D (SYN out, SYN-ACK back); the
 * server accepts when the client's ACK arrives, at 3D; from then on every
 * byte takes D to cross, either way.  Here the client's handshake with the
 * proxy is local and instant, so the proxy charges the handshake to the
 * other side: it connects to the target 3D after it accepted, and hands
 * on every chunk it reads D after reading it, and never before the target
 * is connected.  A client that sends at once (a ClientHello) thus reaches
 * the server at 3D and hears back at 4D, two round trips, as on a real
 * path; a greeting sent on accept reaches the client at 4D too.  An end
 * of stream crosses with the same delay as data.  What differs: connect()
 * returns at once, and a target that refuses is seen as a connection
 * closed without a word, not as a refused one.
 *
 * The model of UDP.  Every datagram crosses in D, either way: a question
 * and its answer cost one round trip.  Each client address (address and
 * port) that sends to a listener gets a socket of its own towards the
 * target, so the target's answers go back to the address that asked
 * whatever they hold, and a client that sends many questions at once from
 * one socket is one client.  The proxy remembers the last MAX_PEERS
 * clients; a new one beyond them takes the place of the one heard from
 * least recently, and what was in flight for that one is lost, as a
 * datagram may be.  At most MAX_DATAGRAMS wait to cross: while they are
 * all taken, the proxy reads no more, and the rest wait in the kernel.
 *
 * Throughput.  A client with a thousand questions in flight (the tests of
 * many targets in one run) sends them in bursts, and the proxy hands each
 * burst on at once, a delay later: tens of thousands of datagrams a second.
 * So every UDP socket of the proxy has buffers of BUFFER_BYTES (beyond the
 * system's maximum as root, through SO_RCVBUFFORCE), lest the kernel drop
 * a burst before it is read; MAX_DATAGRAMS is far more than a burst; and
 * a datagram's bytes are held in memory of their own size.  Up to
 * MAX_CONNECTIONS TCP connections are relayed at once, and as many more
 * wait to be accepted.  A target's own socket buffer is its own affair:
 * one that overflows loses datagrams, which the kernel counts (ss -uam,
 * RcvbufErrors in /proc/net/snmp).
 */
/* SO_RCVBUFFORCE and SO_SNDBUFFORCE are Linux's. */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "big_buffers.h"

#define LEN(a) (sizeof (a) / sizeof (a)[0])
#define MAX_PAIRS 16
#define MAX_CONNECTIONS 512
/* Bytes in flight per direction; a source that outruns them waits. */
#define FLOW_SIZE 65536
#define MAX_CHUNKS 64
/* UDP: clients remembered, datagrams in flight and their largest size. */
#define MAX_PEERS 64
#define MAX_DATAGRAMS 65536
#define DATAGRAM_SIZE 65536
#define BUFFER_BYTES (16 << 20)

struct pair {
	struct sockaddr_storage target;
	socklen_t target_len;
	int fd;				/* the listener */
	bool udp;
};

/* What one read brought: the buffer up to end, to go on at due. */
struct chunk {
	size_t end;
	uint64_t due;			/* ms, on the monotonic clock */
};

/* One direction of a connection: what was read and is not yet sent on. */
struct flow {
	unsigned char buf[FLOW_SIZE];
	size_t start, end;		/* bytes not yet sent on */
	struct chunk chunks[MAX_CHUNKS];
	size_t nchunks;
	bool ended;			/* the source ended: pass that on */
	bool broken;			/* ... with an error: end both sides */
	uint64_t end_due;
	bool shut;			/* the end was passed on */
	bool blocked;			/* the destination's socket is full */
};

struct connection {
	bool used;
	int client, target;		/* target is -1 until it is opened */
	bool connecting;		/* the target's connect is in progress */
	bool connected;
	const struct pair *pair;
	uint64_t connect_due;
	struct flow up, down;		/* client to target, target to client */
};

/* A client of a UDP listener, and the socket that speaks for it. */
struct peer {
	const struct pair *pair;	/* NULL when the slot is free */
	struct sockaddr_storage addr;
	socklen_t addr_len;
	int fd;				/* connected to the pair's target */
	uint64_t heard;			/* when it last sent, for eviction */
	unsigned generation;		/* counts the clients of this slot */
};

/* A datagram on its way, to the target (up) or back to the client. */
struct datagram {
	size_t peer;
	unsigned generation;		/* the peer's when it was read */
	bool up;
	uint64_t due;
	size_t len;
	unsigned char *data;		/* malloc'd, len bytes */
};

static struct pair pairs[MAX_PAIRS];
static size_t npairs;
static struct connection connections[MAX_CONNECTIONS];
static struct peer peers[MAX_PEERS];
/*
 * The datagrams in flight, oldest first: each is due a delay after it was
 * read, so the oldest is always the first due.
 */
static struct datagram queue[MAX_DATAGRAMS];
static size_t queue_head, queue_len;
static uint64_t delay;
/* Where a datagram is read, before it is copied to memory of its size. */
static unsigned char scratch[DATAGRAM_SIZE];

static uint64_t
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		err(1, "clock_gettime");
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static unsigned long
number(const char *text, const char *what, unsigned long min,
    unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 ||
	    n < min || n > max)
		errx(2, "bad %s '%s' (%lu to %lu)", what, text, min, max);
	return n;
}

/* A loopback address and a port, or the program ends. */
static socklen_t
address(const char *text, const char *port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	uint16_t n = htons((uint16_t)number(port, "port", 1, 65535));

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		if ((ntohl(in->sin_addr.s_addr) >> 24) != 127)
			errx(2, "not a loopback address: '%s'", text);
		in->sin_family = AF_INET;
		in->sin_port = n;
		return sizeof *in;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		if (!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			errx(2, "not a loopback address: '%s'", text);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = n;
		return sizeof *in6;
	}
	errx(2, "bad address '%s' (IPv4 or IPv6, numeric)", text);
}

static void
nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		err(1, "fcntl");
}

static int
listen_on(const char *text, const char *port, bool udp)
{
	struct sockaddr_storage ss;
	socklen_t len = address(text, port, &ss);
	int fd, one = 1;

	if ((fd = socket(ss.ss_family, udp ? SOCK_DGRAM : SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (udp)
		big_buffers(fd, BUFFER_BYTES);
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 ||
	    (!udp && listen(fd, MAX_CONNECTIONS) < 0))
		err(1, "listen on %s port %s", text, port);
	nonblocking(fd);
	return fd;
}

static void
drop(struct connection *c)
{
	close(c->client);
	if (c->target >= 0)
		close(c->target);
	c->used = false;
}

static void
open_target(struct connection *c)
{
	const struct pair *p = c->pair;

	c->target = socket(p->target.ss_family, SOCK_STREAM, 0);
	if (c->target < 0) {
		warn("socket");
		drop(c);
		return;
	}
	nonblocking(c->target);
	if (connect(c->target, (const struct sockaddr *)&p->target,
	    p->target_len) == 0) {
		c->connected = true;
	} else if (errno == EINPROGRESS) {
		c->connecting = true;
	} else {
		drop(c);
	}
}

static void
on_connected(struct connection *c)
{
	int error = 0;
	socklen_t len = sizeof error;

	if (getsockopt(c->target, SOL_SOCKET, SO_ERROR, &error, &len) < 0 ||
	    error != 0) {
		drop(c);
		return;
	}
	c->connecting = false;
	c->connected = true;
}

/* Reads what src has into the flow, due to go on a delay from now. */
static void
take(struct flow *f, int src, uint64_t now)
{
	ssize_t n;

	if (f->start == f->end) {
		f->start = f->end = 0;
	} else if (f->end == sizeof f->buf && f->start > 0) {
		size_t i;

		memmove(f->buf, f->buf + f->start, f->end - f->start);
		for (i = 0; i < f->nchunks; i++)
			f->chunks[i].end -= f->start;
		f->end -= f->start;
		f->start = 0;
	}
	n = read(src, f->buf + f->end, sizeof f->buf - f->end);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return;
	if (n <= 0) {
		f->ended = true;
		f->broken = n < 0;
		f->end_due = now + delay;
		return;
	}
	f->end += (size_t)n;
	f->chunks[f->nchunks].end = f->end;
	f->chunks[f->nchunks].due = now + delay;
	f->nchunks++;
}

static bool
can_take(const struct flow *f)
{
	return !f->ended && f->nchunks < MAX_CHUNKS &&
	    (f->end < sizeof f->buf || f->start > 0);
}

/*
 * Sends on to dst what is due; false when the connection must end (dst
 * failed, or the source broke and that is now due).
 */
static bool
give(struct flow *f, int dst, uint64_t now)
{
	size_t due = 0;

	while (due < f->nchunks && f->chunks[due].due <= now)
		due++;
	if (due > 0 && !f->blocked) {
		size_t len = f->chunks[due - 1].end - f->start, i;
		ssize_t n = write(dst, f->buf + f->start, len);

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				return false;
			f->blocked = true;
			return true;
		}
		f->start += (size_t)n;
		for (i = 0; i < f->nchunks && f->chunks[i].end <= f->start; i++)
			;
		memmove(f->chunks, f->chunks + i,
		    (f->nchunks - i) * sizeof f->chunks[0]);
		f->nchunks -= i;
	}
	if (f->ended && !f->shut && f->nchunks == 0 && f->end_due <= now) {
		if (f->broken)
			return false;
		shutdown(dst, SHUT_WR);
		f->shut = true;
	}
	return true;
}

/* When the flow next has something to do, or UINT64_MAX. */
static uint64_t
next_due(const struct flow *f)
{
	if (f->blocked)
		return UINT64_MAX;
	if (f->nchunks > 0)
		return f->chunks[0].due;
	if (f->ended && !f->shut)
		return f->end_due;
	return UINT64_MAX;
}

static void
step(struct connection *c, uint64_t now)
{
	if (c->target < 0 && now >= c->connect_due) {
		open_target(c);
		if (!c->used)
			return;
	}
	if (!c->connected)
		return;
	if (!give(&c->up, c->target, now) || !give(&c->down, c->client, now) ||
	    (c->up.shut && c->down.shut))
		drop(c);
}

static void
accept_on(const struct pair *p, uint64_t now)
{
	struct connection *c = NULL;
	size_t i;
	int fd;

	if ((fd = accept(p->fd, NULL, NULL)) < 0)
		return;
	for (i = 0; i < MAX_CONNECTIONS && c == NULL; i++)
		if (!connections[i].used)
			c = &connections[i];
	if (c == NULL) {
		warnx("more than %d connections: one refused", MAX_CONNECTIONS);
		close(fd);
		return;
	}
	nonblocking(fd);
	memset(c, 0, sizeof *c);
	c->used = true;
	c->client = fd;
	c->target = -1;
	c->pair = p;
	/* The client's ACK reaches the server one and a half RTTs in. */
	c->connect_due = now + 3 * delay;
}

/* Whether two socket addresses are the same address and port. */
static bool
same_address(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)a;
	const struct sockaddr_in *b4 = (const struct sockaddr_in *)b;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)a;
	const struct sockaddr_in6 *b6 = (const struct sockaddr_in6 *)b;

	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return a4->sin_port == b4->sin_port &&
		    a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	return a6->sin6_port == b6->sin6_port &&
	    memcmp(&a6->sin6_addr, &b6->sin6_addr, sizeof a6->sin6_addr) == 0;
}

/*
 * The peer of the client at addr on the listener p: the one there is, or
 * a new one with its own socket towards the target, in a free slot or in
 * that of the client heard from least recently; SIZE_MAX if no socket.
 */
static size_t
peer_of(const struct pair *p, const struct sockaddr_storage *addr,
    socklen_t addr_len, uint64_t now)
{
	struct peer *e;
	size_t i, slot = 0;

	for (i = 0; i < MAX_PEERS; i++) {
		if (peers[i].pair == p && same_address(&peers[i].addr, addr))
			return i;
		if (peers[slot].pair != NULL && (peers[i].pair == NULL ||
		    peers[i].heard < peers[slot].heard))
			slot = i;
	}
	e = &peers[slot];
	if (e->pair != NULL)
		close(e->fd);
	e->pair = NULL;
	e->generation++;
	if ((e->fd = socket(p->target.ss_family, SOCK_DGRAM, 0)) < 0) {
		warn("socket");
		return SIZE_MAX;
	}
	nonblocking(e->fd);
	big_buffers(e->fd, BUFFER_BYTES);
	if (connect(e->fd, (const struct sockaddr *)&p->target,
	    p->target_len) < 0) {
		warn("connect");
		close(e->fd);
		return SIZE_MAX;
	}
	e->pair = p;
	e->addr = *addr;
	e->addr_len = addr_len;
	e->heard = now;
	return slot;
}

/*
 * Reads the datagrams waiting on fd, the listener p's (from clients) or
 * the peer's socket (from the target), into the queue, each due a delay
 * from now; stops when none is left or the queue is full.
 */
static void
receive(const struct pair *p, size_t peer, int fd, uint64_t now)
{
	while (queue_len < MAX_DATAGRAMS) {
		struct datagram *d =
		    &queue[(queue_head + queue_len) % MAX_DATAGRAMS];
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		ssize_t n;

		if (p != NULL)
			n = recvfrom(fd, scratch, sizeof scratch, 0,
			    (struct sockaddr *)&from, &from_len);
		else
			n = recv(fd, scratch, sizeof scratch, 0);
		/*
		 * Nothing left; or, on a peer's socket, the target's port
		 * refused an earlier datagram, which is lost as it would be.
		 */
		if (n < 0 && errno != EINTR && errno != EAGAIN &&
		    errno != EWOULDBLOCK && errno != ECONNREFUSED)
			warn("recv");
		if (n < 0)
			return;
		if (p != NULL && (peer = peer_of(p, &from, from_len, now)) ==
		    SIZE_MAX)
			continue;
		d->peer = peer;
		d->generation = peers[peer].generation;
		d->up = p != NULL;
		d->due = now + delay;
		d->len = (size_t)n;
		if ((d->data = malloc(d->len + 1)) == NULL)
			err(1, "malloc");
		memcpy(d->data, scratch, d->len);
		if (d->up)
			peers[peer].heard = now;
		queue_len++;
	}
}

/*
 * Sends on the datagrams that are due: to the target from the client's
 * own socket, or back to the client from the listener it sent to.  One
 * whose client was forgotten meanwhile, or that the kernel will not take,
 * is lost, as on a network.
 */
static void
deliver(uint64_t now)
{
	while (queue_len > 0 && queue[queue_head].due <= now) {
		const struct datagram *d = &queue[queue_head];
		const struct peer *e = &peers[d->peer];

		if (e->pair != NULL && e->generation == d->generation) {
			if (d->up)
				send(e->fd, d->data, d->len, 0);
			else
				sendto(e->pair->fd, d->data, d->len, 0,
				    (const struct sockaddr *)&e->addr,
				    e->addr_len);
		}
		free(d->data);
		queue_head = (queue_head + 1) % MAX_DATAGRAMS;
		queue_len--;
	}
}

/*
 * Polls fd for events; a socket with nothing to wait for is left out, lest
 * a hang-up it reports wake poll again and again.
 */
static void
watch(struct pollfd *pfd, int fd, int events)
{
	pfd->fd = events != 0 ? fd : -1;
	pfd->events = (short)events;
	pfd->revents = 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: delay_proxy [-l seconds] DELAY_MS "
	    "[udp:]LISTEN_ADDR LISTEN_PORT TARGET_ADDR TARGET_PORT ...\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	/* The listeners, then the peers' sockets, then the connections'. */
	struct pollfd fds[MAX_PAIRS + MAX_PEERS + 2 * MAX_CONNECTIONS];
	/* Whose each connection's polled socket is, and which side of it. */
	struct connection *owner[LEN(fds)];
	bool client_side[LEN(fds)];
	uint64_t lifetime = 60, end_of_life;
	size_t i, n;
	int ch, timeout;

	while ((ch = getopt(argc, argv, "l:")) != -1) {
		switch (ch) {
		case 'l':
			lifetime = number(optarg, "lifetime", 1, 3600);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 5 || (argc - 1) % 4 != 0 || (argc - 1) / 4 > MAX_PAIRS)
		usage();
	delay = number(argv[0], "delay", 0, 60000);
	for (i = 1; i + 3 < (size_t)argc; i += 4, npairs++) {
		struct pair *p = &pairs[npairs];
		const char *listen_addr = argv[i];

		if (strncmp(listen_addr, "udp:", 4) == 0) {
			p->udp = true;
			listen_addr += 4;
		}
		p->target_len = address(argv[i + 2], argv[i + 3], &p->target);
		p->fd = listen_on(listen_addr, argv[i + 1], p->udp);
	}
	/* A peer that hangs up makes write fail, not the proxy end. */
	signal(SIGPIPE, SIG_IGN);
	printf("ready\n");
	if (fflush(stdout) == EOF || ferror(stdout))
		err(1, "stdout");
	end_of_life = now_ms() + lifetime * 1000;
	for (;;) {
		uint64_t now = now_ms(), soonest = end_of_life;

		if (now >= end_of_life)
			return 0;
		deliver(now);
		if (queue_len > 0 && queue[queue_head].due < soonest)
			soonest = queue[queue_head].due;
		for (n = 0; n < npairs; n++)
			watch(&fds[n], pairs[n].fd, !pairs[n].udp ||
			    queue_len < MAX_DATAGRAMS ? POLLIN : 0);
		for (i = 0; i < MAX_PEERS; i++, n++)
			watch(&fds[n], peers[i].fd, peers[i].pair != NULL &&
			    queue_len < MAX_DATAGRAMS ? POLLIN : 0);
		for (i = 0; i < MAX_CONNECTIONS; i++) {
			struct connection *c = &connections[i];

			if (c->used)
				step(c, now);
			if (!c->used)
				continue;
			if (c->target < 0 && c->connect_due < soonest)
				soonest = c->connect_due;
			/* Nothing moves before the target is connected. */
			if (c->connected) {
				uint64_t due;

				if ((due = next_due(&c->up)) < soonest)
					soonest = due;
				if ((due = next_due(&c->down)) < soonest)
					soonest = due;
			}
			watch(&fds[n], c->client, (can_take(&c->up) ? POLLIN : 0) |
			    (c->down.blocked ? POLLOUT : 0));
			owner[n] = c;
			client_side[n++] = true;
			if (c->target < 0)
				continue;
			watch(&fds[n], c->target, c->connecting ? POLLOUT :
			    (can_take(&c->down) ? POLLIN : 0) |
			    (c->up.blocked ? POLLOUT : 0));
			owner[n] = c;
			client_side[n++] = false;
		}
		timeout = soonest <= now ? 0 : soonest - now > INT_MAX ?
		    INT_MAX : (int)(soonest - now);
		if (poll(fds, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		now = now_ms();
		for (i = 0; i < npairs; i++)
			if (fds[i].revents != 0 && pairs[i].udp)
				receive(&pairs[i], 0, fds[i].fd, now);
			else if (fds[i].revents & POLLIN)
				accept_on(&pairs[i], now);
		/* A refusal (POLLERR) too: the read takes it away. */
		for (i = 0; i < MAX_PEERS; i++)
			if (fds[npairs + i].revents != 0 &&
			    peers[i].pair != NULL)
				receive(NULL, i, peers[i].fd, now);
		for (i = npairs + MAX_PEERS; i < n; i++) {
			struct connection *c = owner[i];
			short revents = fds[i].revents;
			bool client = client_side[i];

			if (!c->used || revents == 0)
				continue;
			if (!client && c->connecting) {
				on_connected(c);
				continue;
			}
			/* A hang-up too: the next write says what became of it. */
			if (revents & (POLLOUT | POLLHUP | POLLERR))
				(client ? &c->down : &c->up)->blocked = false;
			if (revents & (POLLIN | POLLHUP | POLLERR) &&
			    can_take(client ? &c->up : &c->down))
				take(client ? &c->up : &c->down, fds[i].fd, now);
		}
	}
}

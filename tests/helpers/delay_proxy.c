/*
 * delay_proxy.c - a slow network on loopback, for the probe's round-trip
 * benchmark (the kernel here has no netem).  Each LISTEN_ADDR LISTEN_PORT
 * TARGET_ADDR TARGET_PORT group on the command line is a listener that
 * forwards every connection to its target, across a path whose one-way
 * delay is DELAY_MS: a round trip (RTT) costs 2 * DELAY_MS.
 *
 * Usage: delay_proxy [-l seconds] DELAY_MS LISTEN_ADDR LISTEN_PORT
 *            TARGET_ADDR TARGET_PORT [LISTEN_ADDR LISTEN_PORT ...]
 *
 * It prints "ready" once every listener listens, serves until killed and
 * for at most -l seconds (60 by default), then exits 0 by itself.  Only
 * loopback addresses are accepted (127.0.0.0/8 and ::1): this is a test
 * tool, never a relay to elsewhere.
 *
 * The model.  With D the one-way delay, a client on a real path of RTT
 * 2D sees its connect() complete at 2D (SYN out, SYN-ACK back); the server
 * accepts when the client's ACK arrives, at 3D; from then on every byte
 * takes D to cross, either way.  Here the client's handshake with the
 * proxy is local and instant, so the proxy charges the handshake to the
 * other side: it connects to the target 3D after it accepted, and hands
 * on every chunk it reads D after reading it, and never before the target
 * is connected.  A client that sends at once (a ClientHello) thus reaches
 * the server at 3D and hears back at 4D, two round trips, as on a real
 * path; a greeting sent on accept reaches the client at 4D too.  An end
 * of stream crosses with the same delay as data.  What differs: connect()
 * returns at once, and a target that refuses is seen as a connection
 * closed without a word, not as a refused one.
 */
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

#define MAX_PAIRS 16
#define MAX_CONNECTIONS 64
/* Bytes in flight per direction; a source that outruns them waits. */
#define FLOW_SIZE 65536
#define MAX_CHUNKS 64

struct pair {
	struct sockaddr_storage target;
	socklen_t target_len;
	int fd;				/* the listener */
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

static struct pair pairs[MAX_PAIRS];
static size_t npairs;
static struct connection connections[MAX_CONNECTIONS];
static uint64_t delay;

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
listen_on(const char *text, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t len = address(text, port, &ss);
	int fd, one = 1;

	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 16) < 0)
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
	fprintf(stderr, "usage: delay_proxy [-l seconds] DELAY_MS LISTEN_ADDR "
	    "LISTEN_PORT TARGET_ADDR TARGET_PORT ...\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct pollfd fds[MAX_PAIRS + 2 * MAX_CONNECTIONS];
	/* Whose each polled socket is, and which side of it. */
	struct connection *owner[MAX_PAIRS + 2 * MAX_CONNECTIONS];
	bool client_side[MAX_PAIRS + 2 * MAX_CONNECTIONS];
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

		p->target_len = address(argv[i + 2], argv[i + 3], &p->target);
		p->fd = listen_on(argv[i], argv[i + 1]);
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
		for (n = 0; n < npairs; n++) {
			watch(&fds[n], pairs[n].fd, POLLIN);
			owner[n] = NULL;
		}
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
			if (fds[i].revents & POLLIN)
				accept_on(&pairs[i], now);
		for (i = npairs; i < n; i++) {
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

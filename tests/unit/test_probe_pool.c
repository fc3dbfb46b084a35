/*
 * test_probe_pool.c - probers sharing a pool of connections in one poll
 * loop, against servers of the test's own on loopback: no more than the
 * cap of connections to one address at once, each request's time running
 * from its own connect; new connections no faster than the rate, with the
 * loop asleep between tokens; an address at its cap holds back no other;
 * probers earlier in the loop served first; and mp_probe_run past the
 * pool's size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "poll_set.h"
#include "probe.h"

#define REQUESTS 10
/* Enough for the probes' sockets, a listener and what it accepted. */
#define FDS (MP_PROBE_POOL_MAX + 2 + REQUESTS)

static struct mp_probe_pool pool;

/*
 * A socket bound to host on a free port, listening (a server that
 * accepts and stays silent) or not (a port that refuses: the kernel
 * answers a connection to it with a reset).  Returns the socket and
 * writes its port.
 */
static int
bound(const char *host, bool listening, unsigned *port)
{
	struct sockaddr_in address;
	socklen_t len = sizeof address;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	assert_true(fd >= 0);
	memset(&address, 0, sizeof address);
	address.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, host, &address.sin_addr), 1);
	assert_int_equal(bind(fd, (struct sockaddr *)&address, sizeof address),
	    0);
	if (listening)
		assert_int_equal(listen(fd, 64), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&address, &len),
	    0);
	*port = ntohs(address.sin_port);
	return fd;
}

/* n requests to host:port for an SMTP server, which must greet first. */
static void
fill(struct mp_probe_result *results, size_t n, const char *host,
    unsigned port)
{
	struct mp_probe_target targets[MP_PROBE_POOL_MAX + 100];
	struct mp_address address;
	size_t i;

	assert_true(n <= sizeof targets / sizeof targets[0]);
	for (i = 0; i < n; i++)
		targets[i] = (struct mp_probe_target){
			port, MP_PROTO_SMTP, false, false
		};
	assert_true(mp_parse_address(host, 0, &address));
	assert_int_equal(mp_probe_fill(results, n, &address, 1, targets, n,
	    ""), n);
}

/* What a silent server has seen: connections accepted, and still open. */
struct server {
	int		 listener;
	int		 open[REQUESTS];
	size_t		 nopen;
	size_t		 accepted;
	size_t		 most;		/* the most open at once */
};

/*
 * Accepts what waits, then closes what the probe has closed (a read of
 * 0 bytes): on loopback a close reaches the peer before close returns,
 * so nopen is then how many the probe holds open.
 */
static void
serve_silently(struct server *s)
{
	size_t i = 0;
	int fd;

	while ((fd = accept(s->listener, NULL, NULL)) >= 0) {
		assert_true(s->nopen < REQUESTS);
		s->open[s->nopen++] = fd;
		s->accepted++;
	}
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	while (i < s->nopen) {
		char byte;

		if (recv(s->open[i], &byte, 1, MSG_DONTWAIT) == 0) {
			close(s->open[i]);
			s->open[i] = s->open[--s->nopen];
			continue;
		}
		i++;
	}
	if (s->nopen > s->most)
		s->most = s->nopen;
}

/*
 * Ten requests to a server that accepts and says nothing, at most two to
 * its address at once: two at a time, never three, all ten in the end;
 * each silent for its own timeout from its own connect, not from the
 * start of the run.
 */
static void
test_mp_probe_pool_caps_connections_to_one_address(void **state)
{
	static struct mp_probe_result results[REQUESTS];
	struct pollfd fds[FDS];
	struct mp_poll_set set;
	struct mp_prober prober;
	struct server server = { 0 };
	unsigned port;
	size_t i;

	(void)state;
	server.listener = bound("127.0.0.1", true, &port);
	fill(results, REQUESTS, "127.0.0.1", port);
	mp_probe_pool_init(&pool, 2, 0);
	mp_poll_set_init(&set, fds, FDS);
	mp_prober_start(&prober, &pool, results, REQUESTS, 150, NULL,
	    set.now);
	for (;;) {
		mp_poll_set_begin(&set);
		mp_prober_want(&prober, &set);
		assert_true(pool.used <= 2);
		if (mp_prober_done(&prober))
			break;
		mp_poll_set_add(&set, server.listener, POLLIN);
		assert_true(mp_poll_set_wait(&set));
		mp_prober_serve(&prober, &set);
		serve_silently(&server);
		assert_true(server.nopen <= 2);
	}
	serve_silently(&server);
	assert_int_equal(server.accepted, REQUESTS);
	assert_int_equal(server.most, 2);
	assert_int_equal(server.nopen, 0);
	assert_int_equal(pool.used, 0);
	for (i = 0; i < REQUESTS; i++) {
		assert_int_equal(results[i].state, MP_STATE_OPEN);
		assert_true(results[i].warnings & MP_WARN_SILENT);
		assert_int_equal(results[i].timeout_ms, 150);
		/* Five rounds of 150 ms: the last would be 750 from the start. */
		assert_in_range(results[i].ms, 150, 500);
	}
	close(server.listener);
}

/*
 * Ten requests to a port that refuses, at 20 new connections a second:
 * the first at once, each next a token (50 ms) later, so the last no
 * sooner than 450 ms after the first; and the loop sleeps until each
 * token, rather than spinning (a few turns a request).
 */
static void
test_mp_probe_pool_holds_to_the_rate(void **state)
{
	static struct mp_probe_result results[REQUESTS];
	struct pollfd fds[FDS];
	struct mp_poll_set set;
	struct mp_prober prober;
	unsigned port, began, turns = 0;
	int refusing = bound("127.0.0.1", false, &port);
	size_t i;

	(void)state;
	fill(results, REQUESTS, "127.0.0.1", port);
	mp_probe_pool_init(&pool, 0, 20);
	mp_poll_set_init(&set, fds, FDS);
	began = set.now;
	mp_prober_start(&prober, &pool, results, REQUESTS, 2000, NULL,
	    set.now);
	for (;;) {
		mp_poll_set_begin(&set);
		mp_prober_want(&prober, &set);
		if (mp_prober_done(&prober))
			break;
		assert_true(mp_poll_set_wait(&set));
		mp_prober_serve(&prober, &set);
		turns++;
	}
	/* Generous above: a loaded machine only makes it slower. */
	assert_in_range(set.now - began, 440, 2500);
	assert_true(turns <= 4 * REQUESTS);
	for (i = 0; i < REQUESTS; i++)
		assert_int_equal(results[i].state, MP_STATE_CLOSED);
	close(refusing);
}

/*
 * Two probers of n requests each, the first to hosts[0]:ports[0] and the
 * second to hosts[1]:ports[1], over a pool of one connection an address:
 * runs them, in this order each turn, until both are done, and writes
 * the turn each was done at in done_at.
 */
static void
run_two(struct mp_probe_result *first, struct mp_probe_result *second,
    size_t n, const char *const hosts[2], const unsigned ports[2],
    struct server *server, unsigned done_at[2])
{
	struct mp_probe_result *results[2] = { first, second };
	struct mp_prober probers[2];
	struct pollfd fds[FDS];
	struct mp_poll_set set;
	unsigned turn = 0;
	int i;

	mp_probe_pool_init(&pool, 1, 0);
	mp_poll_set_init(&set, fds, FDS);
	for (i = 0; i < 2; i++) {
		fill(results[i], n, hosts[i], ports[i]);
		mp_prober_start(&probers[i], &pool, results[i], n, 100, NULL,
		    set.now);
		done_at[i] = 0;
	}
	for (;;) {
		mp_poll_set_begin(&set);
		for (i = 0; i < 2; i++)
			mp_prober_want(&probers[i], &set);
		if (mp_prober_done(&probers[0]) && mp_prober_done(&probers[1]))
			break;
		mp_poll_set_add(&set, server->listener, POLLIN);
		assert_true(mp_poll_set_wait(&set));
		turn++;
		for (i = 0; i < 2; i++) {
			mp_prober_serve(&probers[i], &set);
			if (done_at[i] == 0 && mp_prober_done(&probers[i]))
				done_at[i] = turn;
		}
		serve_silently(server);
	}
	close(server->listener);
}

/*
 * Two probers over one pool, to one silent address capped at one
 * connection: the one served first has both its connections before the
 * other gets any, and both finish, each request with its own timeout.
 */
static void
test_mp_prober_two_share_a_pool_in_order(void **state)
{
	static struct mp_probe_result first[2], second[2];
	const char *const hosts[2] = { "127.0.0.1", "127.0.0.1" };
	struct server server = { 0 };
	unsigned ports[2], done_at[2];
	size_t i;

	(void)state;
	server.listener = bound(hosts[0], true, &ports[0]);
	ports[1] = ports[0];
	run_two(first, second, 2, hosts, ports, &server, done_at);
	assert_int_equal(server.accepted, 4);
	assert_int_equal(server.most, 1);
	assert_true(done_at[0] < done_at[1]);
	for (i = 0; i < 2; i++) {
		assert_true(first[i].warnings & MP_WARN_SILENT);
		assert_true(second[i].warnings & MP_WARN_SILENT);
		assert_in_range(second[i].ms, 100, 250);
	}
}

/*
 * An address at its cap holds back only its own requests: a prober to
 * another address (127.0.0.2, a port that refuses) finishes while the
 * first still waits its turns at the silent one.
 */
static void
test_mp_probe_pool_caps_each_address_alone(void **state)
{
	static struct mp_probe_result silent[3], refused[3];
	const char *const hosts[2] = { "127.0.0.1", "127.0.0.2" };
	struct server server = { 0 };
	unsigned ports[2], done_at[2];
	int refusing = bound(hosts[1], false, &ports[1]);
	size_t i;

	(void)state;
	server.listener = bound(hosts[0], true, &ports[0]);
	run_two(silent, refused, 3, hosts, ports, &server, done_at);
	assert_true(done_at[1] < done_at[0]);
	assert_int_equal(server.most, 1);
	for (i = 0; i < 3; i++) {
		assert_true(silent[i].warnings & MP_WARN_SILENT);
		assert_int_equal(refused[i].state, MP_STATE_CLOSED);
	}
	close(refusing);
}

/* More requests than a pool holds: all of them, a pool's worth at once. */
static void
test_mp_probe_run_probes_past_the_pool(void **state)
{
	static struct mp_probe_result results[MP_PROBE_POOL_MAX + 88];
	const size_t n = sizeof results / sizeof results[0];
	unsigned port;
	int refusing = bound("127.0.0.1", false, &port);
	size_t i;

	(void)state;
	fill(results, n, "127.0.0.1", port);
	mp_probe_run(results, n, 2000, NULL);
	for (i = 0; i < n; i++)
		assert_int_equal(results[i].state, MP_STATE_CLOSED);
	close(refusing);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_probe_pool_caps_connections_to_one_address),
		cmocka_unit_test(test_mp_probe_pool_holds_to_the_rate),
		cmocka_unit_test(test_mp_prober_two_share_a_pool_in_order),
		cmocka_unit_test(test_mp_probe_pool_caps_each_address_alone),
		cmocka_unit_test(test_mp_probe_run_probes_past_the_pool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

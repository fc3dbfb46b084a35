/*
 * test_http_run.c - the fetch engine in a poll loop it shares: two runs
 * and the test's own web and name servers in one loop, each fetch in its
 * own time; a host being resolved holds up no other fetch; no more
 * fetches in flight than a run holds; a host to resolve without a
 * resolver; deadlines across the wrap of the millisecond clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dns.h"
#include "http.h"
#include "len.h"
#include "poll_set.h"

#define CONNECTIONS_MAX 16
#define ANSWER "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"

/*
 * A web server in the test's own loop: it answers each request with
 * "hello" and counts the connections it holds at once.  A silent one
 * listens and never accepts: the kernel completes the connections, and
 * nothing answers.
 */
struct web {
	int		 listener;
	unsigned	 port;
	size_t		 listener_slot;
	int		 fds[CONNECTIONS_MAX];
	size_t		 slots[CONNECTIONS_MAX];
	size_t		 got[CONNECTIONS_MAX];
	char		 requests[CONNECTIONS_MAX][1024];
	size_t		 open;
	size_t		 most;		/* connections open at once */
	size_t		 served;
};

/* A name server in the loop: here.test is 127.0.0.1; mute.test, silence. */
struct name_server {
	int			 fd;
	size_t			 slot;
	struct mp_address	 address;
};

static int
listen_on(unsigned *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(listen(fd, CONNECTIONS_MAX), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

static void
web_open(struct web *web)
{
	size_t i;

	memset(web, 0, sizeof *web);
	web->listener = listen_on(&web->port);
	for (i = 0; i < CONNECTIONS_MAX; i++)
		web->fds[i] = -1;
}

static void
web_close(struct web *web)
{
	size_t i;

	for (i = 0; i < CONNECTIONS_MAX; i++)
		if (web->fds[i] >= 0)
			close(web->fds[i]);
	close(web->listener);
}

static void
web_want(struct web *web, struct mp_poll_set *set)
{
	size_t i;

	web->listener_slot = mp_poll_set_add(set, web->listener, POLLIN);
	for (i = 0; i < CONNECTIONS_MAX; i++)
		web->slots[i] = web->fds[i] < 0 ? MP_POLL_NONE :
		    mp_poll_set_add(set, web->fds[i], POLLIN);
}

static void
web_serve(struct web *web, const struct mp_poll_set *set)
{
	size_t i;

	for (i = 0; i < CONNECTIONS_MAX; i++) {
		ssize_t n;

		if (web->fds[i] < 0 ||
		    mp_poll_set_events(set, web->slots[i]) == 0)
			continue;
		n = read(web->fds[i], web->requests[i] + web->got[i],
		    sizeof web->requests[i] - 1 - web->got[i]);
		if (n > 0) {
			web->got[i] += (size_t)n;
			web->requests[i][web->got[i]] = '\0';
			if (strstr(web->requests[i], "\r\n\r\n") == NULL)
				continue;
			assert_int_equal(write(web->fds[i], ANSWER,
			    strlen(ANSWER)), (ssize_t)strlen(ANSWER));
			web->served++;
		}
		close(web->fds[i]);
		web->fds[i] = -1;
		web->open--;
	}
	if (mp_poll_set_events(set, web->listener_slot) & POLLIN) {
		for (i = 0; web->fds[i] >= 0; i++)
			assert_true(i + 1 < CONNECTIONS_MAX);
		web->fds[i] = accept(web->listener, NULL, NULL);
		assert_true(web->fds[i] >= 0);
		web->got[i] = 0;
		if (++web->open > web->most)
			web->most = web->open;
	}
}

static void
name_server_open(struct name_server *ns)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ns->fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(ns->fd >= 0);
	assert_int_equal(bind(ns->fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(getsockname(ns->fd, (struct sockaddr *)&sin, &len),
	    0);
	assert_true(mp_parse_address("127.0.0.1", ntohs(sin.sin_port),
	    &ns->address));
}

/* Answers a query for here.test: its A 127.0.0.1, no AAAA. */
static void
name_server_serve(struct name_server *ns, const struct mp_poll_set *set)
{
	static const unsigned char here[] = "\4here\4test";
	static const unsigned char record[] = {
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 1, 0, 0, 4, 127, 0, 0, 1
	};
	unsigned char packet[600];
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof from;
	size_t question_end = 12 + sizeof here + 4;
	ssize_t n;

	if (!(mp_poll_set_events(set, ns->slot) & POLLIN))
		return;
	n = recvfrom(ns->fd, packet, sizeof packet - sizeof record, 0,
	    (struct sockaddr *)&from, &fromlen);
	if (n < (ssize_t)question_end ||
	    memcmp(packet + 12, here, sizeof here) != 0)
		return;
	packet[2] = 0x81;
	packet[3] = 0x80;
	if (packet[question_end - 3] == MP_DNS_A) {
		packet[7] = 1;
		memcpy(packet + question_end, record, sizeof record);
		question_end += sizeof record;
	}
	sendto(ns->fd, packet, question_end, 0, (struct sockaddr *)&from,
	    fromlen);
}

/*
 * Runs the runs, and the servers, in one poll loop until every run is
 * done; done_ms[i] is when run i was, in ms from start.
 */
static void
loop(struct mp_http_run *runs, size_t n, struct web *web,
    struct name_server *ns, struct mp_resolver *resolver, unsigned start,
    unsigned done_ms[])
{
	struct pollfd fds[64];
	struct mp_poll_set set;
	size_t i, left = n;

	mp_poll_set_init(&set, fds, LEN(fds));
	for (i = 0; i < n; i++)
		done_ms[i] = UINT_MAX;
	while (left > 0) {
		assert_true(set.now - start < 10000);
		mp_poll_set_begin(&set);
		for (i = 0; i < n; i++)
			if (done_ms[i] == UINT_MAX)
				mp_http_want(&runs[i], &set);
		web_want(web, &set);
		if (ns != NULL)
			ns->slot = mp_poll_set_add(&set, ns->fd, POLLIN);
		if (resolver != NULL)
			mp_resolver_want(resolver, &set);
		assert_true(mp_poll_set_wait(&set));
		if (resolver != NULL)
			mp_resolver_serve(resolver, &set);
		if (ns != NULL)
			name_server_serve(ns, &set);
		web_serve(web, &set);
		for (i = 0; i < n; i++) {
			if (done_ms[i] != UINT_MAX)
				continue;
			mp_http_serve(&runs[i], &set);
			if (mp_http_done(&runs[i])) {
				done_ms[i] = set.now - start;
				left--;
			}
		}
	}
}

static void
url(struct mp_http_fetch *f, const char *host, unsigned port)
{
	snprintf(f->url, sizeof f->url, "http://%s:%u/mail/config-v1.1.xml",
	    host, port);
	f->naddresses = 0;
}

static struct mp_http_run runs[2];
static struct mp_http_fetch fetches[12];
static struct mp_resolver resolver;
static struct web web, silent;

static void
test_two_runs_in_one_loop_each_in_its_own_time(void **state)
{
	unsigned start = mp_now_ms(), done_ms[2];
	char wanted[MP_HTTP_REASON_SIZE];

	(void)state;
	web_open(&web);
	web_open(&silent);
	url(&fetches[0], "127.0.0.1", silent.port);
	url(&fetches[1], "127.0.0.1", web.port);
	url(&fetches[2], "127.0.0.1", web.port);
	mp_http_start(&runs[0], &fetches[0], 1, NULL, NULL, 1500, start);
	mp_http_start(&runs[1], &fetches[1], 2, NULL, NULL, 1500, start);
	loop(runs, 2, &web, NULL, NULL, start, done_ms);
	assert_int_equal(fetches[1].status, MP_HTTP_OK);
	assert_int_equal(fetches[2].status, MP_HTTP_OK);
	assert_int_equal(fetches[1].len, 5);
	assert_memory_equal(fetches[2].body, "hello", 5);
	assert_int_equal(web.served, 2);
	assert_int_equal(fetches[0].status, MP_HTTP_TIMEOUT);
	snprintf(wanted, sizeof wanted, "no answer from 127.0.0.1 port %u "
	    "within 1500 ms", silent.port);
	assert_string_equal(fetches[0].reason, wanted);
	/* The honest server's run ended long before the silent one's. */
	assert_true(done_ms[1] < 1000);
	assert_true(done_ms[0] >= 1500);
	web_close(&web);
	web_close(&silent);
}

static void
test_no_more_fetches_in_flight_than_a_run_holds(void **state)
{
	unsigned start = mp_now_ms(), done_ms[1];
	size_t i;

	(void)state;
	web_open(&web);
	for (i = 0; i < LEN(fetches); i++)
		url(&fetches[i], "127.0.0.1", web.port);
	mp_http_start(&runs[0], fetches, LEN(fetches), NULL, NULL, 5000, start);
	loop(runs, 1, &web, NULL, NULL, start, done_ms);
	for (i = 0; i < LEN(fetches); i++)
		assert_int_equal(fetches[i].status, MP_HTTP_OK);
	assert_int_equal(web.served, LEN(fetches));
	assert_true(web.most <= MP_HTTP_RUN_MAX);
	web_close(&web);
}

static void
test_a_name_resolved_holds_up_no_other_fetch(void **state)
{
	struct name_server ns;
	unsigned start, done_ms[2];

	(void)state;
	web_open(&web);
	name_server_open(&ns);
	mp_resolver_open(&resolver, &ns.address, 1);
	start = mp_now_ms();
	url(&fetches[0], "mute.test", web.port);
	url(&fetches[1], "here.test", web.port);
	url(&fetches[2], "127.0.0.1", web.port);
	mp_http_start(&runs[0], &fetches[0], 1, &resolver, NULL, 1500, start);
	mp_http_start(&runs[1], &fetches[1], 2, &resolver, NULL, 1500, start);
	loop(runs, 2, &web, &ns, &resolver, start, done_ms);
	assert_int_equal(fetches[1].status, MP_HTTP_OK);
	assert_string_equal(fetches[1].final_url, fetches[1].url);
	assert_int_equal(fetches[2].status, MP_HTTP_OK);
	assert_int_equal(web.served, 2);
	assert_true(done_ms[1] < 1000);
	assert_int_equal(fetches[0].status, MP_HTTP_TIMEOUT);
	assert_non_null(strstr(fetches[0].reason, "no address for mute.test"));
	assert_true(done_ms[0] >= 1400);
	assert_true(mp_resolver_idle(&resolver));
	mp_resolver_close(&resolver);
	close(ns.fd);
	web_close(&web);
}

static void
test_a_name_without_a_resolver_has_no_address(void **state)
{
	(void)state;
	url(&fetches[0], "autoconfig.example.com", 80);
	mp_http_start(&runs[0], fetches, 1, NULL, NULL, 1000, mp_now_ms());
	assert_true(mp_http_done(&runs[0]));
	assert_int_equal(fetches[0].status, MP_HTTP_NO_ADDRESS);
	assert_string_equal(fetches[0].reason, "no name server to ask");
}

/* The clock wraps during the fetch: its deadline still comes in time. */
static void
test_deadlines_hold_across_the_wrap_of_the_clock(void **state)
{
	struct pollfd fds[4];
	struct mp_poll_set set;
	unsigned start = UINT_MAX - 100, deadline = start + 1000;
	char wanted[MP_HTTP_REASON_SIZE];

	(void)state;
	web_open(&silent);
	url(&fetches[0], "127.0.0.1", silent.port);
	mp_poll_set_init(&set, fds, LEN(fds));
	set.now = start;
	mp_http_start(&runs[0], fetches, 1, NULL, NULL, 1000, start);
	mp_poll_set_begin(&set);
	mp_http_want(&runs[0], &set);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.wake, deadline);
	/* Just before the wrap, and just before the deadline after it:
	   nothing happened, and the fetch goes on. */
	set.now = UINT_MAX - 10;
	mp_http_serve(&runs[0], &set);
	assert_false(mp_http_done(&runs[0]));
	mp_poll_set_begin(&set);
	mp_http_want(&runs[0], &set);
	set.now = deadline - 1;
	mp_http_serve(&runs[0], &set);
	assert_false(mp_http_done(&runs[0]));
	mp_poll_set_begin(&set);
	mp_http_want(&runs[0], &set);
	set.now = deadline;
	mp_http_serve(&runs[0], &set);
	assert_true(mp_http_done(&runs[0]));
	assert_int_equal(fetches[0].status, MP_HTTP_TIMEOUT);
	snprintf(wanted, sizeof wanted, "no connection to 127.0.0.1 port %u "
	    "within 1000 ms", silent.port);
	assert_string_equal(fetches[0].reason, wanted);
	web_close(&silent);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_runs_in_one_loop_each_in_its_own_time),
		cmocka_unit_test(
		    test_no_more_fetches_in_flight_than_a_run_holds),
		cmocka_unit_test(test_a_name_resolved_holds_up_no_other_fetch),
		cmocka_unit_test(test_a_name_without_a_resolver_has_no_address),
		cmocka_unit_test(
		    test_deadlines_hold_across_the_wrap_of_the_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_dns_client.c - the DNS client against a name server of the test's
 * own, forked on loopback: answers over UDP, truncation and the retry over
 * TCP, packets that answer no question of ours before the genuine answer,
 * a malformed answer, silence, a port that refuses, and a server that
 * refuses or fails before one that answers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cert_names.h"
#include "discover.h"
#include "dns.h"

/* Appends an SRV answer for the question at offset 12 of a reply. */
static size_t
add_srv(unsigned char *reply, size_t len)
{
	static const unsigned char srv[] = {
		0xc0, 0x0c, 0, 33, 0, 1, 0, 0, 1, 0, 0, 8, 0, 0, 0, 1, 0x03,
		0xe1, 0xc0, 0x0c
	};

	memcpy(reply + len, srv, sizeof srv);
	reply[7] = 1;
	return len + sizeof srv;
}

/* A reply under construction, for the test zones below. */
struct zone_reply {
	unsigned char	*bytes;
	size_t		 len;
};

static void
put16(struct zone_reply *r, unsigned value)
{
	r->bytes[r->len++] = (unsigned char)(value >> 8);
	r->bytes[r->len++] = (unsigned char)value;
}

static void
put_name(struct zone_reply *r, const char *name)
{
	while (*name != '\0') {
		size_t len = strcspn(name, ".");

		r->bytes[r->len++] = (unsigned char)len;
		memcpy(r->bytes + r->len, name, len);
		r->len += len;
		name += len + (name[len] == '.');
	}
	r->bytes[r->len++] = 0;
}

/* A record for the name asked (a pointer to the question), data to come. */
static size_t
put_record(struct zone_reply *r, unsigned type)
{
	r->bytes[7]++;
	put16(r, 0xc00c);
	put16(r, type);
	put16(r, 1);
	put16(r, 0);
	put16(r, 300);
	put16(r, 0);
	return r->len - 2;
}

static void
end_record(struct zone_reply *r, size_t rdlength_at)
{
	size_t rdlength = r->len - rdlength_at - 2;

	r->bytes[rdlength_at] = (unsigned char)(rdlength >> 8);
	r->bytes[rdlength_at + 1] = (unsigned char)rdlength;
}

/* SRV records to hosts first..last of many.test, all on port 1. */
static void
put_many(struct zone_reply *r, unsigned first, unsigned last)
{
	char host[32];
	unsigned i;

	for (i = first; i <= last; i++) {
		size_t at = put_record(r, 33);

		put16(r, 0);
		put16(r, 1);
		put16(r, 1);
		snprintf(host, sizeof host, "h%u.many.test", i);
		put_name(r, host);
		end_record(r, at);
	}
}

/*
 * The test zones, for discovery, by the name asked:
 *   mal.test   every question fails (SERVFAIL), but mail.mal.test's A
 *              answer holds a good record and a broken one;
 *   many.test  _imaps and _submissions give 16 hosts each, h1 to h32,
 *              each with an A record (127.0.0.1); nothing else;
 *   *.long.test  no such name.
 * Returns the reply's length, or 0 for a name of no test zone.
 */
static size_t
respond_zone(const unsigned char *query, size_t len, unsigned char *reply)
{
	struct zone_reply r = { reply, len };
	char name[300];
	size_t p = 12, used = 0, at;
	unsigned type;

	while (p < len && query[p] != 0 && used + query[p] + 2 < sizeof name) {
		if (used > 0)
			name[used++] = '.';
		memcpy(name + used, query + p + 1, query[p]);
		used += query[p];
		p += 1 + query[p];
	}
	name[used] = '\0';
	if (p + 5 > len)
		return 0;
	type = (unsigned)query[p + 1] << 8 | query[p + 2];
	memcpy(reply, query, len);
	reply[2] = 0x81;
	reply[3] = 0x80;
	if (used >= 8 && strcmp(name + used - 8, "mal.test") == 0) {
		if (strcmp(name, "mail.mal.test") != 0 || type != 1) {
			reply[3] = 0x82;
			return r.len;
		}
		at = put_record(&r, 1);
		put16(&r, 0x7f00);
		put16(&r, 0x0001);
		end_record(&r, at);
		at = put_record(&r, 1);
		put16(&r, 0x7f00);
		end_record(&r, at);
		return r.len;
	}
	if (used >= 9 && strcmp(name + used - 9, "many.test") == 0) {
		if (strcmp(name, "_imaps._tcp.many.test") == 0)
			put_many(&r, 1, 16);
		else if (strcmp(name, "_submissions._tcp.many.test") == 0)
			put_many(&r, 17, 32);
		else if (name[0] == 'h' && type == 1) {
			at = put_record(&r, 1);
			put16(&r, 0x7f00);
			put16(&r, 0x0001);
			end_record(&r, at);
		}
		return r.len;
	}
	if (used >= 9 && strcmp(name + used - 9, "walk.test") == 0) {
		/* The MX host of each domain of walk.test is its first label
		   with its dashes read as dots; "null" a null MX (RFC 7505). */
		char host[64];
		size_t i;

		if (type != 15)
			return r.len;
		snprintf(host, sizeof host, "%.*s", (int)strcspn(name, "."),
		    name);
		for (i = 0; host[i] != '\0'; i++)
			if (host[i] == '-')
				host[i] = '.';
		at = put_record(&r, 15);
		put16(&r, 10);
		put_name(&r, strcmp(host, "null") == 0 ? "" : host);
		end_record(&r, at);
		return r.len;
	}
	if (used >= 9 && strcmp(name + used - 9, "long.test") == 0) {
		reply[3] = 0x83;
		return r.len;
	}
	return 0;
}

/* The reply for a query, by the first label of the name asked. */
static size_t
respond(const unsigned char *query, size_t len, unsigned char *reply,
    bool tcp)
{
	const char *label = (const char *)query + 13;
	size_t zone;

	if ((zone = respond_zone(query, len, reply)) > 0)
		return zone;
	memcpy(reply, query, len);
	reply[2] = 0x81;
	reply[3] = 0x80;
	if (strncmp(label, "ok", 2) == 0 || strncmp(label, "wrongid", 7) == 0 ||
	    strncmp(label, "late", 4) == 0 ||
	    strncmp(label, "query", 5) == 0 || strncmp(label, "otherq", 6) == 0 ||
	    strncmp(label, "forged", 6) == 0 ||
	    strncmp(label, "servfail", 8) == 0)
		return add_srv(reply, len);
	if (strncmp(label, "big", 3) == 0) {
		if (tcp)
			return add_srv(reply, len);
		reply[2] |= 0x02;	/* truncated */
		return len;
	}
	if (strncmp(label, "junk", 4) == 0) {
		/* A record whose name points at itself. */
		reply[7] = 1;
		reply[len] = 0xc0;
		reply[len + 1] = (unsigned char)len;
		memset(reply + len + 2, 0, 10);
		return len + 12;
	}
	return 0;	/* silent */
}

/*
 * Before the genuine reply, what answers no question of the client's,
 * by the first label: someone else's answer (another ID), the query sent
 * back (QR=0), an answer to another question, and an answer with the
 * right ID but from another port, as a forger sends it.  Each claims the
 * SRV record points at port 1.
 */
static void
send_stray(int udp, int forger, const char *label, const unsigned char *reply,
    size_t len, const struct sockaddr_storage *to, socklen_t tolen)
{
	unsigned char stray[700];
	int fd = udp;

	memcpy(stray, reply, len);
	stray[len - 4] = 0;	/* the port of the SRV record: 1 */
	stray[len - 3] = 1;
	if (strncmp(label, "wrongid", 7) == 0)
		stray[1] ^= 1;
	else if (strncmp(label, "query", 5) == 0)
		stray[2] &= 0x7f;
	else if (strncmp(label, "otherq", 6) == 0)
		stray[14] = 'x';
	else if (strncmp(label, "forged", 6) == 0)
		fd = forger;
	else
		return;
	sendto(fd, stray, len, 0, (const struct sockaddr *)to, tolen);
}

static void
serve(int udp, int tcp)
{
	unsigned char query[600], reply[4096], held[4096];
	size_t held_len = 0;
	struct pollfd fds[2] = { { udp, POLLIN, 0 }, { tcp, POLLIN, 0 } };

	int forger = socket(AF_INET, SOCK_DGRAM, 0);

	alarm(10);
	for (;;) {
		if (poll(fds, 2, -1) < 0)
			_exit(1);
		if (fds[0].revents & POLLIN) {
			struct sockaddr_storage from;
			socklen_t fromlen = sizeof from;
			ssize_t n = recvfrom(udp, query, sizeof query, 0,
			    (struct sockaddr *)&from, &fromlen);
			size_t r;

			if (n < 13)
				continue;
			r = respond(query, (size_t)n, reply, false);
			if (r == 0)
				continue;
			send_stray(udp, forger, (const char *)query + 13, reply,
			    r, &from, fromlen);
			/*
			 * A busy server's answer, late: that of the first try
			 * of "late" goes out only when the second try comes,
			 * which is never answered.
			 */
			if (strncmp((const char *)query + 13, "late", 4) == 0) {
				if (held_len == 0) {
					memcpy(held, reply, r);
					held_len = r;
					continue;
				}
				memcpy(reply, held, held_len);
				r = held_len;
			}
			sendto(udp, reply, r, 0, (struct sockaddr *)&from,
			    fromlen);
		}
		if (fds[1].revents & POLLIN) {
			int c = accept(tcp, NULL, NULL);
			ssize_t n;
			size_t r;

			if (c < 0)
				continue;
			n = read(c, query, sizeof query);
			if (n > 14) {
				r = respond(query + 2, (size_t)n - 2, reply + 2,
				    true);
				reply[0] = (unsigned char)(r >> 8);
				reply[1] = (unsigned char)r;
				if (write(c, reply, r + 2) < 0)
					_exit(1);
			}
			close(c);
		}
	}
}

/*
 * A name server that refuses every question, or fails (SERVFAIL) those
 * whose first label is "servfail", as a resolv.conf server may.
 */
static void
refuse(int udp)
{
	unsigned char query[600];

	alarm(10);
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof from;
		ssize_t n = recvfrom(udp, query, sizeof query, 0,
		    (struct sockaddr *)&from, &fromlen);

		if (n < 13)
			continue;
		query[2] = 0x81;
		query[3] = strncmp((const char *)query + 13, "servfail", 8) == 0 ?
		    0x82 : 0x85;
		sendto(udp, query, (size_t)n, 0, (struct sockaddr *)&from,
		    fromlen);
	}
}

static pid_t server, refuser;
static struct mp_address address, refusing;

/* Starts a name server on a port of loopback; returns its pid, or -1. */
static pid_t
start(struct mp_address *at, bool refuses)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int udp, tcp, one = 1;
	pid_t pid;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	tcp = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (udp < 0 || tcp < 0 ||
	    bind(udp, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    getsockname(udp, (struct sockaddr *)&sin, &len) < 0 ||
	    bind(tcp, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    listen(tcp, 8) < 0)
		return -1;
	memcpy(&at->sockaddr, &sin, sizeof sin);
	at->len = sizeof sin;
	strcpy(at->text, "127.0.0.1");
	if ((pid = fork()) == 0) {
		if (refuses)
			refuse(udp);
		serve(udp, tcp);
	}
	close(udp);
	close(tcp);
	return pid;
}

static int
setup(void **state)
{
	(void)state;
	server = start(&address, false);
	refuser = start(&refusing, true);
	return server > 0 && refuser > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	kill(refuser, SIGTERM);
	waitpid(refuser, NULL, 0);
	return 0;
}

static void
question(struct mp_dns_question *q, const char *name)
{
	strcpy(q->name, name);
	q->type = MP_DNS_SRV;
}

static void
test_every_kind_of_answer_at_once(void **state)
{
	struct mp_dns_question q[5];
	unsigned before = mp_now_ms();

	(void)state;
	question(&q[0], "ok.example.com");
	question(&q[1], "big.example.com");
	question(&q[2], "wrongid.example.com");
	question(&q[3], "junk.example.com");
	question(&q[4], "silent.example.com");
	mp_dns_ask(q, 5, &address, 1, 900);
	assert_int_equal(q[0].answer.status, MP_DNS_ANSWERED);
	assert_int_equal(q[0].answer.n, 1);
	assert_int_equal(q[0].answer.records[0].port, 993);
	assert_string_equal(q[0].answer.records[0].name, "ok.example.com");
	assert_false(q[0].tcp);
	assert_int_equal(q[1].answer.status, MP_DNS_ANSWERED);
	assert_true(q[1].tcp);
	assert_int_equal(q[1].answer.n, 1);
	assert_int_equal(q[2].answer.status, MP_DNS_ANSWERED);
	assert_int_equal(q[3].answer.status, MP_DNS_MALFORMED);
	assert_int_equal(q[4].answer.status, MP_DNS_NO_ANSWER);
	/* The silent one is asked three times, within the one timeout. */
	assert_true(mp_now_ms() - before < 2000);
}

/* Whatever came before it, the genuine answer is the one taken. */
static void
test_what_answers_no_question_is_ignored(void **state)
{
	static const char *const names[] = {
		"wrongid.example.com", "query.example.com",
		"otherq.example.com", "forged.example.com"
	};
	struct mp_dns_question q[4];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++)
		question(&q[i], names[i]);
	mp_dns_ask(q, 4, &address, 1, 900);
	for (i = 0; i < 4; i++) {
		print_message("%s\n", names[i]);
		assert_int_equal(q[i].answer.status, MP_DNS_ANSWERED);
		assert_int_equal(q[i].answer.n, 1);
		assert_int_equal(q[i].answer.records[0].port, 993);
	}
}

/* A server that refuses or fails is passed for the next in turn. */
static void
test_a_refusing_server_is_passed_for_the_next(void **state)
{
	const struct mp_address both[2] = { refusing, address };
	const struct mp_address twice[2] = { refusing, refusing };
	struct mp_dns_question q[2];
	unsigned before = mp_now_ms();

	(void)state;
	question(&q[0], "ok.example.com");
	question(&q[1], "servfail.example.com");
	mp_dns_ask(q, 2, both, 2, 3000);
	assert_int_equal(q[0].answer.status, MP_DNS_ANSWERED);
	assert_int_equal(q[0].answer.n, 1);
	assert_int_equal(q[1].answer.status, MP_DNS_ANSWERED);
	assert_int_equal(q[1].answer.n, 1);
	/* The next is asked at once, not after the first's share of time. */
	assert_true(mp_now_ms() - before < 500);
	/* Refused by all, or by the only one: the refusal is the answer. */
	mp_dns_ask(q, 2, twice, 2, 3000);
	assert_int_equal(q[0].answer.status, MP_DNS_REFUSED);
	assert_int_equal(q[0].answer.rcode, 5);
	assert_int_equal(q[1].answer.status, MP_DNS_REFUSED);
	assert_int_equal(q[1].answer.rcode, 2);
	mp_dns_ask(q, 1, &refusing, 1, 3000);
	assert_int_equal(q[0].answer.status, MP_DNS_REFUSED);
	assert_true(mp_now_ms() - before < 1000);
}

/* The step of discovery d that asked name, the DNS step for a domain. */
static const struct mp_step *
step_of(const struct mp_discovery *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nsteps; i++)
		if (d->steps[i].source != MP_SOURCE_PROVIDER &&
		    strcmp(d->steps[i].query, name) == 0)
			return &d->steps[i];
	fail_msg("no step asked '%s'", name);
	return NULL;
}

/* A failure is named as one, and a broken answer gives no setting. */
static void
test_discovery_names_failures_and_takes_nothing_broken(void **state)
{
	static struct mp_discovery d;
	struct mp_query query;

	(void)state;
	mp_query_init(&query);
	mp_discover(&d, NULL, "mal.test", &query, &address, 1, 900, false, NULL);
	assert_int_equal(d.nsettings, 0);
	assert_string_equal(step_of(&d, "_imaps._tcp.mal.test")->found,
	    "the name server failed (SERVFAIL)");
	assert_string_equal(step_of(&d, "imap.mal.test")->found,
	    "the name server failed (SERVFAIL)");
	assert_string_equal(step_of(&d, "mail.mal.test")->found,
	    "a malformed answer");
}

/* --verify asks for the address of every host, however many. */
static void
test_verify_asks_for_every_host(void **state)
{
	static struct mp_discovery d;
	struct mp_query query;
	size_t i;

	(void)state;
	mp_query_init(&query);
	mp_discover(&d, NULL, "many.test", &query, &address, 1, 900, true, NULL);
	assert_int_equal(d.nsettings, 32);
	for (i = 0; i < d.nsettings; i++) {
		print_message("%s\n", d.settings[i].endpoint.host);
		assert_true(d.settings[i].probed);
		assert_string_equal(d.settings[i].probe.request.address,
		    "127.0.0.1");
	}
}

/* Every question is asked, however many are asked at once. */
/* The answer to a try asked again still answers the question. */
static void
test_a_late_answer_to_an_earlier_try_is_taken(void **state)
{
	struct mp_dns_question q;

	(void)state;
	question(&q, "late.test");
	mp_dns_ask(&q, 1, &address, 1, 900);
	assert_int_equal(q.answer.status, MP_DNS_ANSWERED);
	assert_int_equal(q.answer.n, 1);
}

static void
test_many_questions_at_once(void **state)
{
	static struct mp_dns_question q[MP_DNS_QUESTIONS_MAX + 4];
	size_t i;

	(void)state;
	for (i = 0; i < MP_DNS_QUESTIONS_MAX + 4; i++) {
		snprintf(q[i].name, sizeof q[i].name, "h%zu.many.test", i);
		q[i].type = MP_DNS_A;
	}
	mp_dns_ask(q, MP_DNS_QUESTIONS_MAX + 4, &address, 1, 900);
	for (i = 0; i < MP_DNS_QUESTIONS_MAX + 4; i++) {
		assert_int_equal(q[i].answer.status, MP_DNS_ANSWERED);
		assert_int_equal(q[i].answer.n, 1);
	}
}

/* A domain of len bytes under long.test, in labels of at most 63. */
static void
long_domain(char *domain, size_t len)
{
	size_t i;

	memset(domain, 'a', len);
	for (i = 63; i < len; i += 64)
		domain[i] = '.';
	memcpy(domain + len - 10, ".long.test", 11);
}

/* Names too long to ask are not asked, and the steps say so. */
static void
test_discovery_says_which_names_are_too_long_to_ask(void **state)
{
	static struct mp_discovery d;
	char domain[MP_DNS_NAME_SIZE], name[MP_DNS_NAME_SIZE + 64];
	struct mp_query query;

	(void)state;
	mp_query_init(&query);
	/* 240 bytes: _submissions._tcp. and _submission._tcp. do not fit. */
	long_domain(domain, 240);
	mp_discover(&d, NULL, domain, &query, &address, 1, 900, false, NULL);
	snprintf(name, sizeof name, "_submissions._tcp.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "name too long to ask");
	snprintf(name, sizeof name, "_submission._tcp.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "name too long to ask");
	snprintf(name, sizeof name, "_imaps._tcp.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "none (no such name)");
	snprintf(name, sizeof name, "imap.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "does not resolve");
	/* 249 bytes: pop. fits, the other usual names do not. */
	long_domain(domain, 249);
	mp_discover(&d, NULL, domain, &query, &address, 1, 900, false, NULL);
	snprintf(name, sizeof name, "pop.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "does not resolve");
	snprintf(name, sizeof name, "imap.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "name too long to ask");
	/* 253 bytes: no SRV name and no usual name fits; the MX one does. */
	long_domain(domain, 253);
	mp_discover(&d, NULL, domain, &query, &address, 1, 900, false, NULL);
	snprintf(name, sizeof name, "_pop3._tcp.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "name too long to ask");
	assert_string_equal(step_of(&d, domain)->found, "none (no such name)");
	snprintf(name, sizeof name, "mail.%s", domain);
	assert_string_equal(step_of(&d, name)->found, "name too long to ask");
	assert_false(d.dns_failed);
}

/* The settings and the MX step of a discovery of domain. */
static const struct mp_step *
discover_walk(struct mp_discovery *d, const char *domain)
{
	struct mp_query query;

	mp_query_init(&query);
	mp_discover(d, NULL, domain, &query, &address, 1, 900, false, NULL);
	return step_of(d, domain);
}

/*
 * The MX host is walked up to its registrable domain in the table, as the
 * wizard walks it: an MX row matches the host, a domain row a shorter
 * name; never past the registrable domain, and a null MX is said.
 */
static void
test_discovery_walks_the_mx_host_to_its_provider(void **state)
{
	static struct mp_discovery d;
	const struct mp_step *step;

	(void)state;
	step = discover_walk(&d, "aspmx-l-google-com.walk.test");
	assert_string_equal(step->found, "aspmx.l.google.com: Gmail");
	assert_true(d.nsettings > 0);
	assert_int_equal(d.settings[0].source, MP_SOURCE_MX);
	assert_string_equal(d.settings[0].via, "aspmx.l.google.com");
	assert_string_equal(d.settings[0].endpoint.host, "imap.gmail.com");

	step = discover_walk(&d, "mx01-mail-icloud-com.walk.test");
	assert_string_equal(step->found,
	    "mx01.mail.icloud.com, by icloud.com: iCloud Mail");
	assert_int_equal(d.settings[0].source, MP_SOURCE_MX);
	assert_string_equal(d.settings[0].endpoint.host, "imap.mail.me.com");

	/* co.uk is a public suffix: the walk stops at example.co.uk. */
	step = discover_walk(&d, "mx-example-co-uk.walk.test");
	assert_string_equal(step->found,
	    "mx.example.co.uk (no provider known to run it)");
	assert_int_equal(d.nsettings, 0);

	step = discover_walk(&d, "null.walk.test");
	assert_string_equal(step->found,
	    "\".\": the domain takes no mail (null MX, RFC 7505)");
	assert_int_equal(d.nsettings, 0);
	assert_false(mp_source_authenticated(MP_SOURCE_MX));
	assert_true(mp_source_authenticated(MP_SOURCE_PROVIDER));
}

static void
test_a_refusing_port_fails_fast(void **state)
{
	struct mp_dns_question q[2];
	struct mp_address closed;
	unsigned before = mp_now_ms();

	(void)state;
	assert_true(mp_parse_address("127.0.0.1:1", 53, &closed));
	question(&q[0], "ok.example.com");
	question(&q[1], "bad..name");
	mp_dns_ask(q, 2, &closed, 1, 3000);
	assert_int_equal(q[0].answer.status, MP_DNS_NO_ANSWER);
	assert_int_equal(q[1].answer.status, MP_DNS_MALFORMED);
	assert_true(mp_now_ms() - before < 1500);
	/* No servers: nothing to ask. */
	mp_dns_ask(q, 1, &closed, 0, 3000);
	assert_int_equal(q[0].answer.status, MP_DNS_MALFORMED);
}

static void
test_a_name_is_under_its_domain_and_itself(void **state)
{
	(void)state;
	assert_true(mp_name_under("example.com", "example.com"));
	assert_true(mp_name_under("mail.example.com", "example.com"));
	assert_false(mp_name_under("mailexample.com", "example.com"));
	assert_false(mp_name_under("example.com.evil", "example.com"));
	assert_false(mp_name_under("com", "example.com"));
}

static void
test_a_host_from_dns_alone_is_not_matched_itself(void **state)
{
	(void)state;
	/* Typed or held by the table: the host itself. */
	assert_string_equal(mp_reference_name("mail.hoster.example", true,
	    "example.com"), "mail.hoster.example");
	/* Under the domain: the domain vouches for it. */
	assert_string_equal(mp_reference_name("imap.example.com", false,
	    "example.com"), "imap.example.com");
	/* An SRV target elsewhere: the domain, as RFC 7817 section 3 has. */
	assert_string_equal(mp_reference_name("mail.hoster.example", false,
	    "example.com"), "example.com");
}

static void
test_registrable_domains_of_the_usual_shapes(void **state)
{
	(void)state;
	assert_string_equal(mp_registrable("mail.example.com"),
	    "example.com");
	assert_string_equal(mp_registrable("a.b.mail.example.com"),
	    "example.com");
	assert_string_equal(mp_registrable("example.com"), "example.com");
	assert_string_equal(mp_registrable("localhost"), "localhost");
	assert_string_equal(mp_registrable("mail.example.co.uk"),
	    "example.co.uk");
	assert_string_equal(mp_registrable("co.uk"), "co.uk");
	assert_string_equal(mp_registrable("example.co.uk"), "example.co.uk");
	/* Only a country's second level counts so. */
	assert_string_equal(mp_registrable("mail.example.co.com"),
	    "co.com");
	assert_string_equal(mp_registrable("mail.examples.de"),
	    "examples.de");
}

/* A result whose certificate names the n names. */
static void
cert_names(struct mp_probe_result *r, const char *const *names, size_t n)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->cert.read = true;
	r->cert.findings = MP_CERT_BIT(MP_CERT_NAME);
	for (i = 0; i < n; i++) {
		struct mp_x509_san *san = &r->cert.names[i];

		san->type = MP_X509_SAN_DNS;
		san->usable = names[i][0] != '!';
		san->len = strlen(names[i]);
		memcpy(san->bytes, names[i], san->len);
	}
	r->cert.nnames = r->cert.names_total = n;
}

static void
test_other_hosts_of_the_same_provider_on_a_certificate(void **state)
{
	static const char *const names[] = { "*.hoster.example",
		"mail.hoster.example", "IMAP.Hoster.Example", "hoster.example",
		"imap.hoster.example", "mail.other.example",
		"!x.hoster.example", "bad_name.hoster.example", "192.0.2.1" };
	static struct mp_probe_result r;
	char hosts[8][MP_DNS_NAME_SIZE];
	size_t n;

	(void)state;
	cert_names(&r, names, 9);
	r.cert.names[8].type = MP_X509_SAN_IP;
	/* Not a wildcard, not itself, once, in lower case; not another
	   provider's, nor one that cannot be used, nor no host name. */
	n = mp_cert_other_hosts(&r, "mail.hoster.example", "example.com",
	    hosts, 8);
	assert_int_equal(n, 2);
	assert_string_equal(hosts[0], "imap.hoster.example");
	assert_string_equal(hosts[1], "hoster.example");
	/* At most max. */
	assert_int_equal(mp_cert_other_hosts(&r, "mail.hoster.example",
	    "example.com", hosts, 1), 1);
	assert_string_equal(hosts[0], "imap.hoster.example");
}

static void
test_other_hosts_the_table_holds_for_the_provider(void **state)
{
	static const char *const names[] = { "smtp-mail.outlook.com",
		"imap.gmail.com" };
	static struct mp_probe_result r;
	char hosts[4][MP_DNS_NAME_SIZE];

	(void)state;
	assert_true(mp_table_provider("outlook.office365.com", "outlook.com") >=
	    0);
	assert_int_equal(mp_table_provider("mail.hoster.example",
	    "example.com"), -1);
	cert_names(&r, names, 2);
	/* Another registrable domain, but the same provider's by the table;
	   another provider's is not taken. */
	assert_int_equal(mp_cert_other_hosts(&r, "outlook.office365.com",
	    "outlook.com", hosts, 4), 1);
	assert_string_equal(hosts[0], "smtp-mail.outlook.com");
	/* A host the table does not hold has no provider to share. */
	assert_int_equal(mp_cert_other_hosts(&r, "mail.hoster.example",
	    "example.com", hosts, 4), 0);
}

static void
test_dns_name_servers_takes_the_one_given(void **state)
{
	struct mp_address servers[3];

	(void)state;
	assert_int_equal(mp_dns_name_servers("192.0.2.53", servers, 3), 1);
	assert_string_equal(servers[0].text, "192.0.2.53");
	assert_int_equal(ntohs(((struct sockaddr_in *)&servers[0].sockaddr)->
	    sin_port), 53);
	assert_int_equal(mp_dns_name_servers("[2001:db8::53]:5353", servers, 3),
	    1);
	assert_string_equal(servers[0].text, "2001:db8::53");
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&servers[0].sockaddr)->
	    sin6_port), 5353);
}

/* Whatever this host's resolv.conf holds, there is a server to ask. */
static void
test_dns_name_servers_falls_back_to_resolv_conf(void **state)
{
	struct mp_address servers[3];
	size_t n = mp_dns_name_servers(NULL, servers, 3);

	(void)state;
	assert_true(n >= 1 && n <= 3);
	assert_true(servers[0].text[0] != '\0');
}

static void
test_dns_name_servers_rejects_what_is_no_address(void **state)
{
	struct mp_address servers[3];

	(void)state;
	assert_int_equal(mp_dns_name_servers("", servers, 3), 0);
	assert_int_equal(mp_dns_name_servers("ns.example.com", servers, 3), 0);
	assert_int_equal(mp_dns_name_servers("192.0.2.53:0", servers, 3), 0);
	assert_int_equal(mp_dns_name_servers("[::1]", servers, 3), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_of_answer_at_once),
		cmocka_unit_test(test_what_answers_no_question_is_ignored),
		cmocka_unit_test(test_a_refusing_server_is_passed_for_the_next),
		cmocka_unit_test(
		    test_discovery_names_failures_and_takes_nothing_broken),
		cmocka_unit_test(test_verify_asks_for_every_host),
		cmocka_unit_test(test_a_late_answer_to_an_earlier_try_is_taken),
		cmocka_unit_test(test_many_questions_at_once),
		cmocka_unit_test(
		    test_discovery_says_which_names_are_too_long_to_ask),
		cmocka_unit_test(
		    test_discovery_walks_the_mx_host_to_its_provider),
		cmocka_unit_test(test_a_refusing_port_fails_fast),
		cmocka_unit_test(test_a_name_is_under_its_domain_and_itself),
		cmocka_unit_test(
		    test_a_host_from_dns_alone_is_not_matched_itself),
		cmocka_unit_test(test_registrable_domains_of_the_usual_shapes),
		cmocka_unit_test(
		    test_other_hosts_of_the_same_provider_on_a_certificate),
		cmocka_unit_test(
		    test_other_hosts_the_table_holds_for_the_provider),
		cmocka_unit_test(test_dns_name_servers_takes_the_one_given),
		cmocka_unit_test(test_dns_name_servers_falls_back_to_resolv_conf),
		cmocka_unit_test(test_dns_name_servers_rejects_what_is_no_address),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

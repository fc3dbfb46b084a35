/*
 * test_dns.c - DNS queries are well formed, answers are read right and
 * every malformed one is refused without reading past its end; names are
 * checked and resolv.conf is parsed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <netinet/in.h>
#include <string.h>

#include "dns.h"
#include "len.h"

/* A reply under construction. */
struct reply {
	unsigned char bytes[2048];
	size_t len;
};

static void
put8(struct reply *r, unsigned value)
{
	r->bytes[r->len++] = (unsigned char)value;
}

static void
put16(struct reply *r, unsigned value)
{
	put8(r, value >> 8 & 0xff);
	put8(r, value & 0xff);
}

static void
put_name(struct reply *r, const char *name)
{
	while (*name != '\0') {
		const char *dot = strchr(name, '.');
		size_t len = dot != NULL ? (size_t)(dot - name) : strlen(name);

		put8(r, (unsigned)len);
		memcpy(r->bytes + r->len, name, len);
		r->len += len;
		name += len + (dot != NULL);
	}
	put8(r, 0);
}

/* Header and question of a reply to (id, name, type); answers to follow. */
static void
begin(struct reply *r, unsigned id, unsigned flags, unsigned answers,
    const char *name, unsigned type)
{
	r->len = 0;
	put16(r, id);
	put16(r, flags);
	put16(r, 1);
	put16(r, answers);
	put16(r, 0);
	put16(r, 0);
	put_name(r, name);
	put16(r, type);
	put16(r, 1);
}

/* The owner of a record: a pointer to the question's name, or a name. */
static void
put_owner(struct reply *r, const char *owner)
{
	if (owner == NULL)
		put16(r, 0xc00c);
	else
		put_name(r, owner);
}

/* Type, class, TTL and room for RDLENGTH; returns where RDLENGTH goes. */
static size_t
put_header(struct reply *r, unsigned type)
{
	put16(r, type);
	put16(r, 1);
	put16(r, 0);
	put16(r, 300);
	put16(r, 0);
	return r->len - 2;
}

/* Sets RDLENGTH at rdlength_at to what was written since, plus extra. */
static void
end_data(struct reply *r, size_t rdlength_at, int extra)
{
	size_t rdlength = r->len - rdlength_at - 2 + (size_t)extra;

	r->bytes[rdlength_at] = (unsigned char)(rdlength >> 8);
	r->bytes[rdlength_at + 1] = (unsigned char)rdlength;
}

/* An SRV record of owner (NULL: the question's name). */
static void
put_srv_of(struct reply *r, const char *owner, unsigned priority,
    unsigned weight, unsigned port, const char *target)
{
	size_t rdlength_at;

	put_owner(r, owner);
	rdlength_at = put_header(r, MP_DNS_SRV);
	put16(r, priority);
	put16(r, weight);
	put16(r, port);
	put_name(r, target);
	end_data(r, rdlength_at, 0);
}

/* An SRV record, its owner a pointer to the question's name (offset 12). */
static void
put_srv(struct reply *r, unsigned priority, unsigned weight, unsigned port,
    const char *target)
{
	put_srv_of(r, NULL, priority, weight, port, target);
}

static void
put_cname(struct reply *r, const char *owner, const char *target)
{
	size_t rdlength_at;

	put_owner(r, owner);
	rdlength_at = put_header(r, MP_DNS_CNAME);
	put_name(r, target);
	end_data(r, rdlength_at, 0);
}

static void
put_mx(struct reply *r, const char *owner, unsigned preference,
    const char *host)
{
	size_t rdlength_at;

	put_owner(r, owner);
	rdlength_at = put_header(r, MP_DNS_MX);
	put16(r, preference);
	put_name(r, host);
	end_data(r, rdlength_at, 0);
}

static void
parse(const struct reply *r, unsigned id, const char *name, unsigned type,
    struct mp_dns_answer *answer)
{
	mp_dns_parse(r->bytes, r->len, id, name, type, answer);
}

#define NAME "_imaps._tcp.example.com"

static void
test_query_is_well_formed(void **state)
{
	static const unsigned char wanted[] = {
		0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 33, 0, 1
	};
	unsigned char out[300];

	(void)state;
	assert_int_equal(mp_dns_query(out, sizeof out, 0x1234, "example.com",
	    MP_DNS_SRV), sizeof wanted);
	assert_memory_equal(out, wanted, sizeof wanted);
	assert_int_equal(mp_dns_query(out, sizeof out, 0x1234, "example.com.",
	    MP_DNS_SRV), sizeof wanted);
	assert_int_equal(mp_dns_query(out, sizeof out, 1, "a..b", 1), 0);
	assert_int_equal(mp_dns_query(out, sizeof out, 1, ".", 1), 0);
	assert_int_equal(mp_dns_query(out, sizeof out, 1, "", 1), 0);
	assert_int_equal(mp_dns_query(out, sizeof out, 1, "a b.c", 1), 0);
	assert_int_equal(mp_dns_query(out, 20, 1, "example.com", 1), 0);
	assert_int_equal(mp_dns_query(out, sizeof out, 1, "a234567890123456789"
	    "0123456789012345678901234567890123456789012345.com", 1), 0);
}

static void
test_dns_name_valid_accepts_names_a_query_carries(void **state)
{
	(void)state;
	assert_true(mp_dns_name_valid("example.com"));
	assert_true(mp_dns_name_valid("example.com."));
	assert_true(mp_dns_name_valid("_imaps._tcp.Ex-1.com"));
	assert_true(mp_dns_name_valid("localhost"));
	assert_true(mp_dns_name_valid("a23456789012345678901234567890123456789"
	    "012345678901234567890123.com"));
}

static void
test_dns_name_valid_rejects_others(void **state)
{
	char name[300];

	(void)state;
	assert_false(mp_dns_name_valid(""));
	assert_false(mp_dns_name_valid("."));
	assert_false(mp_dns_name_valid("a..b"));
	assert_false(mp_dns_name_valid(".a"));
	assert_false(mp_dns_name_valid("a.b.."));
	assert_false(mp_dns_name_valid("a b.c"));
	assert_false(mp_dns_name_valid("a@b.c"));
	assert_false(mp_dns_name_valid("a234567890123456789012345678901234567890"
	    "1234567890123456789012345.com"));
	/* 254 bytes: one past the longest name. */
	memset(name, 'a', 254);
	for (size_t i = 63; i < 254; i += 64)
		name[i] = '.';
	name[254] = '\0';
	assert_false(mp_dns_name_valid(name));
	name[253] = '\0';
	assert_true(mp_dns_name_valid(name));
}

static void
test_srv_answers_are_read_and_ordered(void **state)
{
	struct mp_dns_answer answer;
	struct reply r;

	(void)state;
	begin(&r, 7, 0x8180, 3, NAME, MP_DNS_SRV);
	put_srv(&r, 10, 0, 993, "backup.example.com");
	put_srv(&r, 0, 1, 993, "Mail.Example.com");
	put_srv(&r, 0, 5, 1993, "heavy.example.com");
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
	assert_int_equal(answer.n, 3);
	/* Priority first, then the heavier weight. */
	assert_string_equal(answer.records[0].name, "heavy.example.com");
	assert_int_equal(answer.records[0].port, 1993);
	assert_string_equal(answer.records[1].name, "mail.example.com");
	assert_string_equal(answer.records[2].name, "backup.example.com");
	assert_int_equal(answer.records[2].priority, 10);
	/* The name asked may differ in case and end in a dot. */
	parse(&r, 7, "_IMAPS._tcp.example.com.", MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
}

static void
test_root_target_and_empty_answers(void **state)
{
	struct mp_dns_answer answer;
	struct reply r;

	(void)state;
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv(&r, 0, 0, 0, "");
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
	assert_int_equal(answer.n, 1);
	assert_string_equal(answer.records[0].name, "");
	begin(&r, 7, 0x8180, 0, NAME, MP_DNS_SRV);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
	assert_int_equal(answer.n, 0);
	begin(&r, 7, 0x8183, 0, NAME, MP_DNS_SRV);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_NO_NAME);
	begin(&r, 7, 0x8182, 0, NAME, MP_DNS_SRV);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_REFUSED);
	assert_int_equal(answer.rcode, 2);
	begin(&r, 7, 0x8380, 0, NAME, MP_DNS_SRV);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_TRUNCATED);
}

static void
test_mx_a_and_aaaa(void **state)
{
	static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct mp_dns_answer answer;
	struct reply r;

	(void)state;
	begin(&r, 9, 0x8180, 2, "example.com", MP_DNS_MX);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_MX);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 2 + 7 + 2);
	put16(&r, 20);
	put8(&r, 6);
	memcpy(r.bytes + r.len, "backup", 6);
	r.len += 6;
	put16(&r, 0xc00c);	/* backup.example.com, compressed */
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_MX);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 2 + 2);
	put16(&r, 10);
	put16(&r, 0xc00c);	/* example.com itself */
	parse(&r, 9, "example.com", MP_DNS_MX, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
	assert_int_equal(answer.n, 2);
	assert_string_equal(answer.records[0].name, "example.com");
	assert_string_equal(answer.records[1].name, "backup.example.com");

	begin(&r, 9, 0x8180, 1, "example.com", MP_DNS_AAAA);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_AAAA);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 16);
	memcpy(r.bytes + r.len, v6, 16);
	r.len += 16;
	parse(&r, 9, "example.com", MP_DNS_AAAA, &answer);
	assert_int_equal(answer.n, 1);
	assert_memory_equal(answer.records[0].address, v6, 16);
	/* An A record of the wrong length is malformed. */
	r.bytes[r.len - 17] = 5;
	parse(&r, 9, "example.com", MP_DNS_AAAA, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
}

static void
test_malformed_answers_are_refused(void **state)
{
	struct mp_dns_answer answer;
	struct reply r, good;
	size_t cut;

	(void)state;
	begin(&good, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv(&good, 0, 1, 993, "mail.example.com");
	/*
	 * Cut anywhere, it is never read past its end: cut before the end of
	 * its question it is no answer to ours, after, a malformed one.
	 */
	for (cut = 0; cut < good.len; cut++) {
		mp_dns_parse(good.bytes, cut, 7, NAME, MP_DNS_SRV, &answer);
		assert_int_equal(answer.status, cut < 12 + sizeof NAME + 1 + 4 ?
		    MP_DNS_STRAY : MP_DNS_MALFORMED);
		assert_int_equal(answer.n, 0);
	}
	/* Another ID, question or type, or a query: not an answer to ours. */
	parse(&good, 8, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	parse(&good, 7, "_imap._tcp.example.com", MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	parse(&good, 7, NAME, MP_DNS_MX, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	r = good;
	r.bytes[2] &= 0x7f;
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	/* A compression pointer to itself, or forwards, would loop. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put16(&r, 0xc000 | (unsigned)r.len);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put16(&r, 0xc000 | (unsigned)(r.len + 4));
	put16(&r, 0xc00c);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* Record data longer than the reply. */
	r = good;
	r.bytes[good.len - 25] = 0xff;
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* A name with a byte no host name has. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv(&r, 0, 1, 993, "ma\x1bil.example.com");
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
}

/* 40 SRV records, the best arriving last: priorities 39 down to 0. */
static void
forty_best_last(struct reply *r)
{
	unsigned i;

	begin(r, 7, 0x8180, 40, NAME, MP_DNS_SRV);
	for (i = 0; i < 40; i++)
		put_srv(r, 39 - i, 0, 1000 + 39 - i, "m.example.com");
}

/* 39 records of one priority, the heaviest in the middle. */
static void
heaviest_in_the_middle(struct reply *r)
{
	unsigned i;

	begin(r, 7, 0x8180, 39, NAME, MP_DNS_SRV);
	for (i = 0; i < 39; i++)
		put_srv(r, 5, i == 20 ? 60 : i % 3, i == 20 ? 2000 : 993,
		    "m.example.com");
}

/* _imap's record offered as an answer to _imaps. */
static void
another_label(struct reply *r)
{
	begin(r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv_of(r, "_imap._tcp.example.com", 0, 1, 143, "m.example.com");
}

/* Another domain's MX, at a provider, beside the domain's own. */
static void
another_domain(struct reply *r)
{
	begin(r, 7, 0x8180, 2, "example.com", MP_DNS_MX);
	put_mx(r, "example.net", 1, "aspmx.l.google.com");
	put_mx(r, NULL, 10, "mx.example.com");
}

/* The name asked is an alias: its target's records answer. */
static void
through_cnames(struct reply *r)
{
	begin(r, 7, 0x8180, 4, NAME, MP_DNS_SRV);
	put_srv_of(r, "_imaps._tcp.example.net", 0, 1, 1, "elsewhere.example");
	put_cname(r, "srv.example.org", "srv2.example.org");
	put_srv_of(r, "srv2.example.org", 0, 1, 993, "m.example.com");
	put_cname(r, NULL, "srv.example.org");
}

/* Aliases in a loop: their records are read, each once. */
static void
cname_loop(struct reply *r)
{
	begin(r, 7, 0x8180, 4, NAME, MP_DNS_SRV);
	put_cname(r, NULL, "a.example.com");
	put_cname(r, "a.example.com", NAME);
	put_srv_of(r, "a.example.com", 0, 1, 993, "m.example.com");
	put_srv_of(r, "b.example.com", 0, 9, 994, "m.example.com");
}

/* An SRV record with two bytes after its target, inside RDLENGTH. */
static void
srv_bytes_after_target(struct reply *r)
{
	size_t rdlength_at;

	begin(r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_SRV);
	put16(r, 0);
	put16(r, 1);
	put16(r, 993);
	put_name(r, "m.example.com");
	put16(r, 0xbeef);
	end_data(r, rdlength_at, 0);
}

/* An MX record whose host ends before its RDLENGTH does. */
static void
mx_bytes_after_host(struct reply *r)
{
	size_t rdlength_at;

	begin(r, 7, 0x8180, 1, "example.com", MP_DNS_MX);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_MX);
	put16(r, 10);
	put16(r, 0xc00c);
	put8(r, 0);
	end_data(r, rdlength_at, 0);
}

/* A and AAAA records one byte longer than their address. */
static void
a_too_long(struct reply *r)
{
	size_t rdlength_at;

	begin(r, 7, 0x8180, 1, "example.com", MP_DNS_A);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_A);
	put16(r, 0xc000);
	put16(r, 0x0201);
	put8(r, 0);
	end_data(r, rdlength_at, 0);
}

static void
aaaa_too_long(struct reply *r)
{
	size_t rdlength_at, i;

	begin(r, 7, 0x8180, 1, "example.com", MP_DNS_AAAA);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_AAAA);
	for (i = 0; i < 17; i++)
		put8(r, 1);
	end_data(r, rdlength_at, 0);
}

/* A good A record, then a broken one: nothing is taken from either. */
static void
a_good_then_broken(struct reply *r)
{
	size_t rdlength_at;

	begin(r, 7, 0x8180, 2, "example.com", MP_DNS_A);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_A);
	put16(r, 0xc000);
	put16(r, 0x0201);
	end_data(r, rdlength_at, 0);
	put16(r, 0xc00c);
	rdlength_at = put_header(r, MP_DNS_A);
	put16(r, 0xc000);
	put8(r, 2);
	end_data(r, rdlength_at, 0);
}

/*
 * A reply built, the question it answers, and what the parser must make
 * of it: the status, the records kept and counted, the first one's port
 * and name.
 */
static const struct {
	const char	*what;
	void		(*build)(struct reply *);
	const char	*name;
	unsigned	 type;
	enum mp_dns_status status;
	size_t		 n;
	size_t		 total;
	unsigned	 first_port;
	const char	*first_name;
} replies[] = {
	{ "of 40 records, the best kept, wherever they come",
	  forty_best_last, NAME, MP_DNS_SRV, MP_DNS_ANSWERED, 16, 40, 1000,
	  "m.example.com" },
	{ "the heaviest of a priority first, all counted",
	  heaviest_in_the_middle, NAME, MP_DNS_SRV, MP_DNS_ANSWERED, 16, 39,
	  2000, "m.example.com" },
	{ "a record of another name is no answer",
	  another_label, NAME, MP_DNS_SRV, MP_DNS_ANSWERED, 0, 0, 0, NULL },
	{ "another domain's MX is passed over",
	  another_domain, "example.com", MP_DNS_MX, MP_DNS_ANSWERED, 1, 1, 0,
	  "mx.example.com" },
	{ "the records of the CNAME chain's target answer",
	  through_cnames, NAME, MP_DNS_SRV, MP_DNS_ANSWERED, 1, 1, 993,
	  "m.example.com" },
	{ "an SRV record with bytes after its target is malformed",
	  srv_bytes_after_target, NAME, MP_DNS_SRV, MP_DNS_MALFORMED, 0, 0, 0,
	  NULL },
	{ "an MX record with bytes after its host is malformed",
	  mx_bytes_after_host, "example.com", MP_DNS_MX, MP_DNS_MALFORMED, 0, 0,
	  0, NULL },
	{ "an A record longer than an address is malformed",
	  a_too_long, "example.com", MP_DNS_A, MP_DNS_MALFORMED, 0, 0, 0, NULL },
	{ "an AAAA record longer than an address is malformed",
	  aaaa_too_long, "example.com", MP_DNS_AAAA, MP_DNS_MALFORMED, 0, 0, 0,
	  NULL },
	{ "a broken answer gives no record, not even its good first one",
	  a_good_then_broken, "example.com", MP_DNS_A, MP_DNS_MALFORMED, 0, 0,
	  0, NULL },
	{ "a CNAME loop ends, its names' records read",
	  cname_loop, NAME, MP_DNS_SRV, MP_DNS_ANSWERED, 1, 1, 993,
	  "m.example.com" },
};

static void
test_replies_are_read_as_the_table_says(void **state)
{
	struct mp_dns_answer answer;
	struct reply r;
	size_t i, j;

	(void)state;
	for (i = 0; i < LEN(replies); i++) {
		print_message("%s\n", replies[i].what);
		replies[i].build(&r);
		parse(&r, 7, replies[i].name, replies[i].type, &answer);
		assert_int_equal(answer.status, replies[i].status);
		assert_int_equal(answer.n, replies[i].n);
		assert_int_equal(answer.total, replies[i].total);
		if (answer.n > 0) {
			assert_int_equal(answer.records[0].port,
			    replies[i].first_port);
			assert_string_equal(answer.records[0].name,
			    replies[i].first_name);
		}
		/* What is kept is in order: never a better one after. */
		for (j = 1; j < answer.n; j++)
			assert_true(answer.records[j - 1].priority <
			    answer.records[j].priority ||
			    (answer.records[j - 1].priority ==
			    answer.records[j].priority &&
			    answer.records[j - 1].weight >=
			    answer.records[j].weight));
	}
}

static void
test_resolv_conf_names_the_servers(void **state)
{
	static const char conf[] = "# comment\nsearch example.com\n"
	    "nameserver 192.0.2.53\nnameserver\t2001:db8::53  # second\n"
	    "nameserver bogus\noptions ndots:1\nnameserver 192.0.2.54\r\n"
	    "nameserver 192.0.2.55";
	struct mp_address servers[3];

	(void)state;
	assert_int_equal(mp_dns_servers(conf, sizeof conf - 1, servers, 3), 3);
	assert_string_equal(servers[0].text, "192.0.2.53");
	assert_string_equal(servers[1].text, "2001:db8::53");
	assert_string_equal(servers[2].text, "192.0.2.54");
	assert_int_equal(mp_dns_servers("", 0, servers, 3), 0);
}


static void
test_odd_replies(void **state)
{
	struct mp_dns_answer answer;
	struct reply r;
	unsigned char out[300];
	size_t i;

	(void)state;
	/* Names may hold capitals and underscores, not only lower case. */
	assert_true(mp_dns_query(out, sizeof out, 1, "_Imaps._TCP.Ex-1.com",
	    MP_DNS_SRV) > 0);
	/* Another opcode, or two questions, is no answer to ours. */
	begin(&r, 7, 0x8980, 0, NAME, MP_DNS_SRV);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	begin(&r, 7, 0x8180, 0, NAME, MP_DNS_SRV);
	r.bytes[5] = 2;
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_STRAY);
	/* A label type other than a length or a pointer. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put8(&r, 0x40);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* A name longer than 253 bytes, by labels of 63. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	for (i = 0; i < 5; i++) {
		put8(&r, 63);
		memset(r.bytes + r.len, 'a', 63);
		r.len += 63;
	}
	put8(&r, 0);
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* Records of another type or class are passed over. */
	begin(&r, 7, 0x8180, 2, NAME, MP_DNS_SRV);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_CNAME);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 2);
	put16(&r, 0xc00c);
	put_srv(&r, 0, 0, 993, "m.example.com");
	r.bytes[r.len - 28] = 3;	/* the SRV record's class: CH */
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_ANSWERED);
	assert_int_equal(answer.n, 0);
	/* Record data too short for its type. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv(&r, 0, 0, 993, "");
	r.bytes[r.len - 9] = 0;		/* rdlength 6, one short */
	r.bytes[r.len - 8] = 6;
	r.len -= 1;
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	begin(&r, 7, 0x8180, 1, "example.com", MP_DNS_MX);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_MX);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 2);
	put16(&r, 10);
	parse(&r, 7, "example.com", MP_DNS_MX, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	begin(&r, 7, 0x8180, 1, "example.com", MP_DNS_A);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_A);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 3);
	put8(&r, 1);
	put8(&r, 2);
	put8(&r, 3);
	parse(&r, 7, "example.com", MP_DNS_A, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* A type mailports never asks for has no reader. */
	begin(&r, 7, 0x8180, 1, "example.com", MP_DNS_CNAME);
	put16(&r, 0xc00c);
	put16(&r, MP_DNS_CNAME);
	put16(&r, 1);
	put16(&r, 0);
	put16(&r, 300);
	put16(&r, 2);
	put16(&r, 0xc00c);
	parse(&r, 7, "example.com", MP_DNS_CNAME, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
	/* An SRV target that runs past its record. */
	begin(&r, 7, 0x8180, 1, NAME, MP_DNS_SRV);
	put_srv(&r, 0, 0, 993, "mail.example.com");
	r.bytes[r.len - 26] = 0;	/* rdlength 8 of 24 */
	r.bytes[r.len - 25] = 8;
	parse(&r, 7, NAME, MP_DNS_SRV, &answer);
	assert_int_equal(answer.status, MP_DNS_MALFORMED);
}

static void
test_resolv_conf_edges(void **state)
{
	static const char conf[] = "nameserver 192.0.2.1#comment\n"
	    "nameserver\t\t192.0.2.2\r\nnameserverx 192.0.2.3\n"
	    "nameserver 1234567890123456789012345678901234567890123456789012"
	    "345678901234567890\nnameserver \nnameserver fe80::1%eth0\n";
	struct mp_address servers[8];

	(void)state;
	assert_int_equal(mp_dns_servers(conf, sizeof conf - 1, servers, 8), 2);
	assert_string_equal(servers[0].text, "192.0.2.1");
	assert_string_equal(servers[1].text, "192.0.2.2");
	assert_int_equal(mp_dns_servers(conf, sizeof conf - 1, servers, 1), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_is_well_formed),
		cmocka_unit_test(test_dns_name_valid_accepts_names_a_query_carries),
		cmocka_unit_test(test_dns_name_valid_rejects_others),
		cmocka_unit_test(test_srv_answers_are_read_and_ordered),
		cmocka_unit_test(test_root_target_and_empty_answers),
		cmocka_unit_test(test_mx_a_and_aaaa),
		cmocka_unit_test(test_malformed_answers_are_refused),
		cmocka_unit_test(test_replies_are_read_as_the_table_says),
		cmocka_unit_test(test_resolv_conf_names_the_servers),
		cmocka_unit_test(test_odd_replies),
		cmocka_unit_test(test_resolv_conf_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * dns.c - DNS queries written and answers read, names checked and
 * resolv.conf parsed: pure functions over bytes, for src/dns_client.c.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "dns.h"

#define CLASS_IN 1
#define FLAG_RESPONSE 0x8000
#define FLAG_TRUNCATED 0x0200
#define FLAG_RECURSE 0x0100
/* Names followed from the one asked, by CNAME, before giving up. */
#define CHAIN_MAX 8

/* The bytes a host name may hold, and what SRV and MX names use. */
static bool
name_char(unsigned char c)
{
	return mp_ascii_isalnum(c) || c == '-' || c == '_';
}

bool
mp_dns_name_valid(const char *name)
{
	size_t len = strlen(name), i, label;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	/* Each label ends at a dot, the last at len: none may be empty. */
	for (i = 0; i <= len; i = label + 1) {
		for (label = i; label < len && name[label] != '.'; label++)
			if (!name_char((unsigned char)name[label]))
				return false;
		if (label == i || label - i > 63)
			return false;
	}
	return true;
}

size_t
mp_dns_query(unsigned char *out, size_t size, unsigned id, const char *name,
    unsigned type)
{
	size_t len = strlen(name), i, label;
	unsigned char *p = out;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (!mp_dns_name_valid(name) || size < 12 + len + 2 + 4)
		return 0;
	p = mp_put16(p, id);
	p = mp_put16(p, FLAG_RECURSE);
	p = mp_put16(p, 1);		/* one question */
	p = mp_put16(p, 0);		/* and no records */
	p = mp_put16(p, 0);
	p = mp_put16(p, 0);
	for (i = 0; i < len; i = label + 1) {
		const char *dot = memchr(name + i, '.', len - i);

		label = dot != NULL ? (size_t)(dot - name) : len;
		*p++ = (unsigned char)(label - i);
		memcpy(p, name + i, label - i);
		p += label - i;
	}
	*p++ = 0;
	p = mp_put16(p, type);
	p = mp_put16(p, CLASS_IN);
	return (size_t)(p - out);
}

/*
 * Reads the name at *pos as text into out: lower case, no final dot, ""
 * for the root.  Compression pointers must point backwards, so that no
 * loop can form; *pos moves past the name where it is, not where its
 * pointers lead.
 */
static bool
read_name(const unsigned char *msg, size_t len, size_t *pos, char *out)
{
	size_t p = *pos, used = 0;
	bool jumped = false;

	for (;;) {
		unsigned c;

		if (p >= len)
			return false;
		c = msg[p];
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (p + 1 >= len)
				return false;
			target = (c & 0x3f) << 8 | msg[p + 1];
			if (!jumped)
				*pos = p + 2;
			jumped = true;
			if (target >= p)
				return false;
			p = target;
			continue;
		}
		if (c & 0xc0)
			return false;
		if (c == 0)
			break;
		if (p + 1 + c > len || used + c + 1 > MP_DNS_NAME_SIZE - 2)
			return false;
		if (used > 0)
			out[used++] = '.';
		for (size_t i = 0; i < c; i++) {
			if (!name_char(msg[p + 1 + i]))
				return false;
			out[used++] = mp_ascii_lower((char)msg[p + 1 + i]);
		}
		p += 1 + c;
	}
	if (!jumped)
		*pos = p + 1;
	out[used] = '\0';
	return used <= 253;
}

/* Whether a name read from a reply is the name asked, with or without dot. */
static bool
same_name(const char *read, const char *asked)
{
	size_t len = strlen(asked), i;

	if (len > 0 && asked[len - 1] == '.')
		len--;
	for (i = 0; i < len; i++)
		if (read[i] != mp_ascii_lower(asked[i]))
			return false;
	return read[len] == '\0';
}

/* Whether a comes before b: RFC 2782's lowest priority, then heaviest. */
static bool
better(const struct mp_dns_record *a, const struct mp_dns_record *b)
{
	return a->priority < b->priority ||
	    (a->priority == b->priority && a->weight > b->weight);
}

/*
 * Adds record to those kept.  SRV and MX records are kept in order,
 * after the equal ones so that those keep their DNS order; once the room
 * is full, a record better than the worst kept takes its place, so the
 * best are kept however many come and in whatever order.
 */
static void
keep(struct mp_dns_answer *answer, const struct mp_dns_record *record,
    bool ordered)
{
	struct mp_dns_record *r = answer->records;
	size_t i;

	if (answer->n < MP_DNS_RECORDS_MAX)
		i = answer->n++;
	else if (ordered && better(record, &r[MP_DNS_RECORDS_MAX - 1]))
		i = MP_DNS_RECORDS_MAX - 1;
	else
		return;
	r[i] = *record;
	/* Down to its place, one swap at a time: few records, no memmove. */
	for (; ordered && i > 0 && better(&r[i], &r[i - 1]); i--) {
		struct mp_dns_record swap = r[i];

		r[i] = r[i - 1];
		r[i - 1] = swap;
	}
}

/* The record data of type at pos, rdlength bytes, into record. */
static bool
read_record(const unsigned char *msg, size_t len, size_t pos,
    size_t rdlength, unsigned type, struct mp_dns_record *record)
{
	size_t end = pos + rdlength;

	*record = (struct mp_dns_record){ .type = type };
	switch (type) {
	case MP_DNS_A:
		if (rdlength != 4)
			return false;
		memcpy(record->address, msg + pos, 4);
		return true;
	case MP_DNS_AAAA:
		if (rdlength != 16)
			return false;
		memcpy(record->address, msg + pos, 16);
		return true;
	case MP_DNS_MX:
		if (rdlength < 3)
			return false;
		record->priority = mp_get16(msg + pos);
		pos += 2;
		break;
	case MP_DNS_SRV:
		if (rdlength < 7)
			return false;
		record->priority = mp_get16(msg + pos);
		record->weight = mp_get16(msg + pos + 2);
		record->port = mp_get16(msg + pos + 4);
		pos += 6;
		break;
	default:
		return false;
	}
	/*
	 * The name must end where the record does, whatever its pointers do:
	 * bytes after it mean RDLENGTH and the data disagree.
	 */
	return read_name(msg, len, &pos, record->name) && pos == end;
}

/* A resource record of the answer section, its data left where it is. */
struct resource {
	char	 owner[MP_DNS_NAME_SIZE];
	unsigned type;
	unsigned class;
	size_t	 data;		/* where its data begins */
	size_t	 length;	/* RDLENGTH */
};

/* Reads the record at *pos and moves *pos past it. */
static bool
next_record(const unsigned char *msg, size_t len, size_t *pos,
    struct resource *rr)
{
	if (!read_name(msg, len, pos, rr->owner) || *pos + 10 > len)
		return false;
	rr->type = mp_get16(msg + *pos);
	rr->class = mp_get16(msg + *pos + 2);
	rr->length = mp_get16(msg + *pos + 8);
	rr->data = *pos + 10;
	if (rr->data + rr->length > len)
		return false;
	*pos = rr->data + rr->length;
	return true;
}

/* Whether name is one of the first n names of chain. */
static bool
on_chain(char chain[][MP_DNS_NAME_SIZE], size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(chain[i], name) == 0)
			return true;
	return false;
}

/*
 * Reads the records of type in the answer section, which begins at pos,
 * into answer; name is the name asked, as read from the question.
 * Returns false if the section is broken.
 */
static bool
read_answers(const unsigned char *reply, size_t len, size_t pos,
    unsigned type, const char name[static MP_DNS_NAME_SIZE],
    struct mp_dns_answer *answer)
{
	char chain[CHAIN_MAX][MP_DNS_NAME_SIZE];
	struct resource rr;
	size_t answers = pos, nchain = 1;
	unsigned count;

	/*
	 * The names the records may be for: the name asked and, in turn, the
	 * target of a CNAME of the last (RFC 1034 section 3.6.2).  Records of
	 * any other name answer no question of ours and are passed over.
	 */
	memcpy(chain[0], name, MP_DNS_NAME_SIZE);
	while (type != MP_DNS_CNAME && nchain < CHAIN_MAX) {
		bool followed = false;

		pos = answers;
		for (count = mp_get16(reply + 6); count > 0; count--) {
			size_t at;

			if (!next_record(reply, len, &pos, &rr))
				return false;
			if (rr.type != MP_DNS_CNAME || rr.class != CLASS_IN ||
			    strcmp(rr.owner, chain[nchain - 1]) != 0)
				continue;
			at = rr.data;
			if (!read_name(reply, len, &at, chain[nchain]) ||
			    at != rr.data + rr.length)
				return false;
			/* A loop ends the chain where it closes. */
			followed = !on_chain(chain, nchain, chain[nchain]);
			break;
		}
		if (!followed)
			break;
		nchain++;
	}
	pos = answers;
	for (count = mp_get16(reply + 6); count > 0; count--) {
		struct mp_dns_record record;

		if (!next_record(reply, len, &pos, &rr))
			return false;
		if (rr.type != type || rr.class != CLASS_IN ||
		    !on_chain(chain, nchain, rr.owner))
			continue;
		if (!read_record(reply, len, rr.data, rr.length, type, &record))
			return false;
		answer->total++;
		keep(answer, &record, type == MP_DNS_SRV || type == MP_DNS_MX);
	}
	return true;
}

void
mp_dns_parse(const unsigned char *reply, size_t len, unsigned id,
    const char *name, unsigned type, struct mp_dns_answer *answer)
{
	char owner[MP_DNS_NAME_SIZE] = "";
	unsigned flags;
	size_t pos = 12;

	answer->n = 0;
	answer->total = 0;
	answer->rcode = 0;
	answer->status = MP_DNS_STRAY;
	if (len < 12 || mp_get16(reply) != id)
		return;
	flags = mp_get16(reply + 2);
	/* A response, to a standard query. */
	if (!(flags & FLAG_RESPONSE) || (flags >> 11 & 0xf) != 0)
		return;
	if (mp_get16(reply + 4) != 1)
		return;
	if (!read_name(reply, len, &pos, owner) || !same_name(owner, name) ||
	    pos + 4 > len || mp_get16(reply + pos) != type ||
	    mp_get16(reply + pos + 2) != CLASS_IN)
		return;
	pos += 4;
	/* The answer to our question, from here on: what is wrong is broken. */
	answer->status = MP_DNS_MALFORMED;
	if (flags & FLAG_TRUNCATED) {
		answer->status = MP_DNS_TRUNCATED;
		return;
	}
	answer->rcode = flags & 0xf;
	if (answer->rcode == 3) {
		answer->status = MP_DNS_NO_NAME;
		return;
	}
	if (answer->rcode != 0) {
		answer->status = MP_DNS_REFUSED;
		return;
	}
	/* Nothing is taken from a broken answer, not even its first records. */
	if (!read_answers(reply, len, pos, type, owner, answer)) {
		answer->n = 0;
		answer->total = 0;
		return;
	}
	answer->status = MP_DNS_ANSWERED;
}

size_t
mp_dns_servers(const char *conf, size_t len, struct mp_address *servers,
    size_t max)
{
	size_t n = 0, pos = 0;

	while (pos < len && n < max) {
		size_t end = pos;

		while (end < len && conf[end] != '\n')
			end++;
		/* "nameserver ADDRESS", blanks around; other lines are not ours. */
		if (end - pos > 11 && strncmp(conf + pos, "nameserver", 10) == 0 &&
		    (conf[pos + 10] == ' ' || conf[pos + 10] == '\t')) {
			char value[64];
			size_t i = pos + 10, used = 0;

			while (i < end && (conf[i] == ' ' || conf[i] == '\t'))
				i++;
			while (i < end && conf[i] != ' ' && conf[i] != '\t' &&
			    conf[i] != '\r' && conf[i] != '#' &&
			    used + 1 < sizeof value)
				value[used++] = conf[i++];
			value[used] = '\0';
			/* A scoped IPv6 address (fe80::1%eth0) keeps its scope
			   out: a probe of it would need the interface. */
			if (used > 0 && mp_parse_address(value, 53, &servers[n]))
				n++;
		}
		pos = end + 1;
	}
	return n;
}

void
mp_dns_address_questions(struct mp_dns_question pair[2], const char *host)
{
	snprintf(pair[0].name, sizeof pair[0].name, "%s", host);
	pair[0].type = MP_DNS_A;
	snprintf(pair[1].name, sizeof pair[1].name, "%s", host);
	pair[1].type = MP_DNS_AAAA;
}

/*
 * dns.c - DNS queries written and answers read, addresses and resolv.conf
 * parsed: pure functions over bytes, for src/dns_client.c.
 */
#include <netinet/in.h>
#include <string.h>

#include "dns.h"

#define CLASS_IN 1
#define FLAG_RESPONSE 0x8000
#define FLAG_TRUNCATED 0x0200
#define FLAG_RECURSE 0x0100

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void
put16(unsigned char *p, unsigned value)
{
	p[0] = (unsigned char)(value >> 8);
	p[1] = (unsigned char)value;
}

static char
lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return "abcdefghijklmnopqrstuvwxyz"[c - 'A'];
	return c;
}

/* The bytes a host name may hold, and what SRV and MX names use. */
static bool
name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

size_t
mp_dns_query(unsigned char *out, size_t size, unsigned id, const char *name,
    unsigned type)
{
	size_t len = strlen(name), at = 12, label, i;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253 || size < 12 + len + 2 + 4)
		return 0;
	put16(out, id);
	put16(out + 2, FLAG_RECURSE);
	put16(out + 4, 1);
	put16(out + 6, 0);
	put16(out + 8, 0);
	put16(out + 10, 0);
	for (i = 0; i <= len; i = label + 1) {
		for (label = i; label < len && name[label] != '.'; label++)
			if (!name_char((unsigned char)name[label]))
				return 0;
		if (label == i || label - i > 63)
			return 0;
		out[at++] = (unsigned char)(label - i);
		memcpy(out + at, name + i, label - i);
		at += label - i;
	}
	out[at++] = 0;
	put16(out + at, type);
	put16(out + at + 2, CLASS_IN);
	return at + 4;
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
			out[used++] = lower((char)msg[p + 1 + i]);
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
		if (read[i] != lower(asked[i]))
			return false;
	return read[len] == '\0';
}

static void
sort_records(struct mp_dns_answer *answer)
{
	size_t i, j;

	/* Few records: insertion sort, stable, so equal ones keep DNS order. */
	for (i = 1; i < answer->n; i++) {
		struct mp_dns_record record = answer->records[i];

		for (j = i; j > 0; j--) {
			const struct mp_dns_record *before =
			    &answer->records[j - 1];

			if (before->priority < record.priority ||
			    (before->priority == record.priority &&
			    before->weight >= record.weight))
				break;
			answer->records[j] = answer->records[j - 1];
		}
		answer->records[j] = record;
	}
}

/* The record data of type at pos, rdlength bytes, into record. */
static bool
read_record(const unsigned char *msg, size_t len, size_t pos,
    size_t rdlength, unsigned type, struct mp_dns_record *record)
{
	static const struct mp_dns_record empty = { 0 };
	size_t end = pos + rdlength;

	*record = empty;
	record->type = type;
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
		record->priority = get16(msg + pos);
		pos += 2;
		break;
	case MP_DNS_SRV:
		if (rdlength < 7)
			return false;
		record->priority = get16(msg + pos);
		record->weight = get16(msg + pos + 2);
		record->port = get16(msg + pos + 4);
		pos += 6;
		break;
	default:
		return false;
	}
	/* The name must end within the record, whatever its pointers do. */
	return read_name(msg, len, &pos, record->name) && pos <= end;
}

void
mp_dns_parse(const unsigned char *reply, size_t len, unsigned id,
    const char *name, unsigned type, struct mp_dns_answer *answer)
{
	char owner[MP_DNS_NAME_SIZE] = "";
	unsigned flags, count;
	size_t pos = 12;

	answer->n = 0;
	answer->rcode = 0;
	answer->status = MP_DNS_MALFORMED;
	if (len < 12 || get16(reply) != id)
		return;
	flags = get16(reply + 2);
	/* A response, to a standard query. */
	if (!(flags & FLAG_RESPONSE) || (flags >> 11 & 0xf) != 0)
		return;
	if (get16(reply + 4) != 1)
		return;
	if (!read_name(reply, len, &pos, owner) || !same_name(owner, name) ||
	    pos + 4 > len || get16(reply + pos) != type ||
	    get16(reply + pos + 2) != CLASS_IN)
		return;
	pos += 4;
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
	for (count = get16(reply + 6); count > 0; count--) {
		unsigned rtype, rclass;
		size_t rdlength;

		if (!read_name(reply, len, &pos, owner) || pos + 10 > len)
			return;
		rtype = get16(reply + pos);
		rclass = get16(reply + pos + 2);
		rdlength = get16(reply + pos + 8);
		pos += 10;
		if (pos + rdlength > len)
			return;
		if (rtype == type && rclass == CLASS_IN) {
			if (answer->n == MP_DNS_RECORDS_MAX)
				;	/* enough: the rest are skipped */
			else if (read_record(reply, len, pos, rdlength, type,
			    &answer->records[answer->n]))
				answer->n++;
			else
				return;
		}
		pos += rdlength;
	}
	if (type == MP_DNS_SRV || type == MP_DNS_MX)
		sort_records(answer);
	answer->status = MP_DNS_ANSWERED;
}

static bool
parse_ipv4(const char *text, size_t len, unsigned char bytes[4])
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned value = 0, digits = 0;

		if (part > 0 && (i >= len || text[i++] != '.'))
			return false;
		while (i < len && text[i] >= '0' && text[i] <= '9' &&
		    digits < 4) {
			value = value * 10 + (unsigned)(text[i++] - '0');
			digits++;
		}
		if (digits == 0 || value > 255 ||
		    (digits > 1 && text[i - digits] == '0'))
			return false;
		bytes[part] = (unsigned char)value;
	}
	return i == len;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* RFC 4291 text: groups of hex, one "::" at most, an IPv4 tail allowed. */
static bool
parse_ipv6(const char *text, size_t len, unsigned char bytes[16])
{
	unsigned groups[8];
	size_t i = 0, n = 0, gap = 8, k;

	if (len >= 2 && text[0] == ':' && text[1] == ':') {
		gap = 0;
		i = 2;
	} else if (len > 0 && text[0] == ':') {
		return false;
	}
	while (i < len) {
		unsigned value = 0, digits = 0;
		size_t start = i;

		while (i < len && hex_digit(text[i]) >= 0 && digits < 5) {
			value = value << 4 | (unsigned)hex_digit(text[i++]);
			digits++;
		}
		if (i < len && text[i] == '.' && n <= 6) {
			unsigned char v4[4];

			if (!parse_ipv4(text + start, len - start, v4))
				return false;
			groups[n++] = (unsigned)v4[0] << 8 | v4[1];
			groups[n++] = (unsigned)v4[2] << 8 | v4[3];
			break;
		}
		if (digits == 0 || digits > 4 || n == 8)
			return false;
		groups[n++] = value;
		if (i == len)
			break;
		if (text[i++] != ':')
			return false;
		if (i < len && text[i] == ':') {
			if (gap != 8)
				return false;
			gap = n;
			i++;
		} else if (i == len) {
			return false;
		}
	}
	if (gap == 8 ? n != 8 : n > 7)
		return false;
	for (k = 0; k < 16; k++)
		bytes[k] = 0;
	for (k = 0; k < n; k++) {
		size_t at = k < gap ? k : 8 - (n - k);

		bytes[2 * at] = (unsigned char)(groups[k] >> 8);
		bytes[2 * at + 1] = (unsigned char)groups[k];
	}
	return true;
}

bool
mp_parse_port(const char *text, unsigned *port)
{
	unsigned long value = 0;

	if (*text == '\0')
		return false;
	for (; *text != '\0'; text++) {
		if (*text < '0' || *text > '9' || value > 65535)
			return false;
		value = value * 10 + (unsigned long)(*text - '0');
	}
	if (value < 1 || value > 65535)
		return false;
	*port = (unsigned)value;
	return true;
}

bool
mp_parse_address(const char *text, unsigned default_port,
    struct mp_address *address)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)&address->sockaddr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address->sockaddr;
	size_t len = strlen(text), colons = 0, i, end = len;
	unsigned port = default_port;
	const char *start = text;

	for (i = 0; i < len; i++)
		colons += text[i] == ':';
	if (text[0] == '[') {
		for (end = 1; end < len && text[end] != ']'; end++)
			;
		if (end == len || (text[end + 1] != '\0' &&
		    (text[end + 1] != ':' || !mp_parse_port(text + end + 2, &port))))
			return false;
		start = text + 1;
		end -= 1;
	} else if (colons == 1) {
		for (end = 0; text[end] != ':'; end++)
			;
		if (!mp_parse_port(text + end + 1, &port))
			return false;
	}
	static const struct sockaddr_storage zero = { 0 };

	address->sockaddr = zero;
	if (parse_ipv4(start, end, (unsigned char *)&v4->sin_addr) &&
	    text[0] != '[') {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((unsigned short)port);
		address->len = sizeof *v4;
	} else if (parse_ipv6(start, end, v6->sin6_addr.s6_addr)) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((unsigned short)port);
		address->len = sizeof *v6;
	} else {
		return false;
	}
	return mp_address_text((struct sockaddr *)&address->sockaddr,
	    address->text);
}

static bool
begins(const char *text, const char *prefix)
{
	while (*prefix != '\0')
		if (*text++ != *prefix++)
			return false;
	return true;
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
		if (end - pos > 11 && begins(conf + pos, "nameserver") &&
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
			if (used > 0 && mp_parse_address(value, 53,
			    &servers[n]) && servers[n].text[0] != '\0')
				n++;
		}
		pos = end + 1;
	}
	return n;
}

/*
 * name_server.c - an authoritative name server for the tests of many
 * targets in one run: it answers from a zone file, over UDP on 127.0.0.1,
 * tens of thousands of questions a second (a hash of its names, where
 * dnsmasq walks a list of its MX and SRV records on every question and
 * answers a thousand a second with ten thousand domains), and it can
 * drop questions on purpose.
 *
 * Usage: name_server [-l seconds] [-p port] [-d N] [-a ADDRESS] ZONE
 *
 * ZONE holds one record a line, "NAME TYPE DATA", fields split by spaces:
 *   imap.d00003.test A 127.0.0.1
 *   imap.d00003.test AAAA ::1
 *   d00001.test MX 10 aspmx.l.google.com
 *   _imaps._tcp.d00003.test SRV 0 1 993 imap.d00003.test
 * (an SRV target "." is the root: "not offered").  Names are matched
 * without regard to case.  A name the zone does not hold is answered
 * NXDOMAIN, a name it holds with no record of the type asked NOERROR with
 * no record; every answer is authoritative, its records' TTL 300.  An
 * answer that does not fit in 512 bytes is cut short and flagged
 * truncated; there is no TCP.
 *
 *   -a ADDRESS  every A question for a name the zone does not hold is
 *               answered with ADDRESS (an IPv4 address), as a wildcard
 *   -d N        every Nth question (the Nth, the 2Nth, ...) is read and
 *               not answered, as a lossy path loses it
 *   -l seconds  serve at most this long (60 by default), then exit 0
 *   -p port     listen on this port (0, the default: one the kernel picks)
 *
 * It prints the port it listens on, one line, once it listens.  Its
 * socket's buffers are made large (SO_RCVBUFFORCE as root, else as large
 * as the system allows), so that bursts of thousands of questions are not
 * dropped before they are read.  Only 127.0.0.1 is listened on: this is a
 * test tool.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "big_buffers.h"

#define TYPE_A 1
#define TYPE_MX 15
#define TYPE_AAAA 28
#define TYPE_SRV 33
#define NAME_SIZE 256
#define UDP_SIZE 512
#define BUFFER_BYTES (16 << 20)

/* One record: its owner's name (lower case), type and data, wire form. */
struct record {
	char *name;
	uint16_t type;
	unsigned char rdata[NAME_SIZE + 8];
	size_t rdlen;
	size_t next;			/* the next of the same bucket, or 0 */
};

static struct record *records;		/* records[0] is unused */
static size_t nrecords, records_size;
static size_t *buckets;
static size_t nbuckets;

static uint32_t
hash(const char *name)
{
	uint32_t h = 2166136261u;

	while (*name != '\0')
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Writes name in wire form to out; its length, or 0 if it is no name. */
static size_t
wire_name(const char *name, unsigned char *out, size_t size)
{
	size_t n = 0;
	const char *label = name;

	if (strcmp(name, ".") == 0) {
		out[0] = 0;
		return 1;
	}
	while (*label != '\0') {
		const char *dot = strchr(label, '.');
		size_t len = dot != NULL ? (size_t)(dot - label) : strlen(label);

		if (len == 0 || len > 63 || n + len + 2 > size)
			return 0;
		out[n++] = (unsigned char)len;
		memcpy(out + n, label, len);
		n += len;
		label += len;
		if (*label == '.')
			label++;
	}
	out[n++] = 0;
	return n;
}

static unsigned long
number(const char *text, const char *what, unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 ||
	    n > max)
		errx(2, "bad %s '%s' (0 to %lu)", what, text, max);
	return n;
}

static void
put16(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* Reads one zone line into a record; false, with a warning, if it is bad. */
static bool
parse_line(char *line, struct record *r, const char *file, size_t lineno)
{
	char *field[8];
	size_t n = 0, len;
	char *save = NULL, *word;

	for (word = strtok_r(line, " \t\r\n", &save); word != NULL && n < 8;
	    word = strtok_r(NULL, " \t\r\n", &save))
		field[n++] = word;
	if (n == 0 || field[0][0] == '#')
		return false;
	if (n < 3)
		errx(2, "%s:%zu: NAME TYPE DATA wanted", file, lineno);
	len = strlen(field[0]);
	if (len > 1 && field[0][len - 1] == '.')
		field[0][len - 1] = '\0';
	lower(field[0]);
	if ((r->name = strdup(field[0])) == NULL)
		err(1, "strdup");
	if (strcmp(field[1], "A") == 0) {
		r->type = TYPE_A;
		r->rdlen = 4;
		if (inet_pton(AF_INET, field[2], r->rdata) != 1)
			errx(2, "%s:%zu: bad address", file, lineno);
	} else if (strcmp(field[1], "AAAA") == 0) {
		r->type = TYPE_AAAA;
		r->rdlen = 16;
		if (inet_pton(AF_INET6, field[2], r->rdata) != 1)
			errx(2, "%s:%zu: bad address", file, lineno);
	} else if (strcmp(field[1], "MX") == 0 && n == 4) {
		r->type = TYPE_MX;
		put16(r->rdata, number(field[2], "preference", 65535));
		r->rdlen = 2 + wire_name(field[3], r->rdata + 2, NAME_SIZE);
		if (r->rdlen == 2)
			errx(2, "%s:%zu: bad name", file, lineno);
	} else if (strcmp(field[1], "SRV") == 0 && n == 6) {
		r->type = TYPE_SRV;
		put16(r->rdata, number(field[2], "priority", 65535));
		put16(r->rdata + 2, number(field[3], "weight", 65535));
		put16(r->rdata + 4, number(field[4], "port", 65535));
		r->rdlen = 6 + wire_name(field[5], r->rdata + 6, NAME_SIZE);
		if (r->rdlen == 6)
			errx(2, "%s:%zu: bad name", file, lineno);
	} else {
		errx(2, "%s:%zu: A, AAAA, MX or SRV wanted", file, lineno);
	}
	return true;
}

static void
load(const char *file)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	size_t lineno = 0, i;

	if (f == NULL)
		err(2, "%s", file);
	nrecords = 1;
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (nrecords >= records_size) {
			records_size = records_size ? 2 * records_size : 4096;
			records = realloc(records, records_size * sizeof *records);
			if (records == NULL)
				err(1, "realloc");
		}
		if (parse_line(line, &records[nrecords], file, lineno))
			nrecords++;
	}
	if (ferror(f))
		err(2, "%s", file);
	fclose(f);
	nbuckets = 2 * nrecords + 1;
	if ((buckets = calloc(nbuckets, sizeof *buckets)) == NULL)
		err(1, "calloc");
	/* Backwards, so that each bucket lists its records in file order. */
	for (i = nrecords - 1; i > 0; i--) {
		size_t b = hash(records[i].name) % nbuckets;

		records[i].next = buckets[b];
		buckets[b] = i;
	}
}

/*
 * Reads the question of a query: its name, lower case and dotted, in name,
 * and where it ends in the packet; 0 if there is no question to answer.
 */
static size_t
question(const unsigned char *p, size_t len, char name[NAME_SIZE],
    uint16_t *type)
{
	size_t at = 12, n = 0;

	if (len < 12 || (p[2] & 0x80) != 0 || p[4] != 0 || p[5] != 1)
		return 0;
	while (at < len && p[at] != 0) {
		size_t l = p[at];

		if (l > 63 || at + 1 + l >= len || n + l + 2 > NAME_SIZE)
			return 0;
		if (n > 0)
			name[n++] = '.';
		memcpy(name + n, p + at + 1, l);
		n += l;
		at += 1 + l;
	}
	if (at + 5 > len)
		return 0;
	name[n] = '\0';
	lower(name);
	*type = (uint16_t)(p[at + 1] << 8 | p[at + 2]);
	return at + 5;
}

/* Adds one record to the answer at *end; false if it does not fit. */
static bool
add(unsigned char *out, size_t *end, uint16_t type, const unsigned char *rdata,
    size_t rdlen)
{
	unsigned char *p = out + *end;

	if (*end + 12 + rdlen > UDP_SIZE)
		return false;
	p[0] = 0xc0;			/* the question's name, at offset 12 */
	p[1] = 12;
	put16(p + 2, type);
	put16(p + 4, 1);
	memset(p + 6, 0, 2);
	put16(p + 8, 300);
	put16(p + 10, rdlen);
	memcpy(p + 12, rdata, rdlen);
	*end += 12 + rdlen;
	return true;
}

/* The answer to the query in p, in out; its length, or 0 for none. */
static size_t
answer(const unsigned char *p, size_t len, unsigned char *out,
    const unsigned char *wildcard)
{
	char name[NAME_SIZE];
	uint16_t type;
	size_t end = question(p, len, name, &type), i, n = 0;
	bool known = false, cut = false;

	if (end == 0 || end > UDP_SIZE)
		return 0;
	memcpy(out, p, end);
	for (i = buckets[hash(name) % nbuckets]; i != 0; i = records[i].next) {
		const struct record *r = &records[i];

		if (strcmp(r->name, name) != 0)
			continue;
		known = true;
		if (r->type != type)
			continue;
		if (!add(out, &end, type, r->rdata, r->rdlen)) {
			cut = true;
			break;
		}
		n++;
	}
	if (!known && wildcard != NULL && type == TYPE_A) {
		known = true;
		add(out, &end, type, wildcard, 4);
		n = 1;
	}
	/* QR, the opcode and RD as asked, AA; no recursion; the rcode. */
	out[2] = (unsigned char)(0x84 | (p[2] & 0x79) | (cut ? 0x02 : 0));
	out[3] = known ? 0 : 3;
	put16(out + 6, n);
	memset(out + 8, 0, 4);
	return end;
}

static void
usage(void)
{
	fprintf(stderr, "usage: name_server [-l seconds] [-p port] [-d N] "
	    "[-a ADDRESS] ZONE\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t sin_len = sizeof sin;
	struct timeval second = { 1, 0 };
	unsigned char in[65536], out[UDP_SIZE], wildcard[4];
	unsigned long lifetime = 60, drop = 0, count = 0;
	bool wild = false;
	time_t end;
	int ch, fd;

	while ((ch = getopt(argc, argv, "a:d:l:p:")) != -1) {
		switch (ch) {
		case 'a':
			if (inet_pton(AF_INET, optarg, wildcard) != 1)
				errx(2, "bad address '%s'", optarg);
			wild = true;
			break;
		case 'd':
			drop = number(optarg, "N", 1000000);
			break;
		case 'l':
			lifetime = number(optarg, "lifetime", 3600);
			break;
		case 'p':
			sin.sin_port = htons((uint16_t)number(optarg, "port",
			    65535));
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	load(argv[optind]);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");
	big_buffers(fd, BUFFER_BYTES);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sin_len) < 0)
		err(1, "bind");
	/* A read wakes at least once a second, to see the time. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof second);
	printf("%u\n", ntohs(sin.sin_port));
	if (fflush(stdout) == EOF)
		err(1, "stdout");
	end = time(NULL) + (time_t)lifetime;
	while (time(NULL) < end) {
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		ssize_t n = recvfrom(fd, in, sizeof in, 0,
		    (struct sockaddr *)&from, &from_len);
		size_t len;

		if (n < 0)
			continue;
		if (drop > 0 && ++count % drop == 0)
			continue;
		if ((len = answer(in, (size_t)n, out, wild ? wildcard : NULL)) > 0)
			sendto(fd, out, len, 0, (struct sockaddr *)&from,
			    from_len);
	}
	return 0;
}

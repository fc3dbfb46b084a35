/*
 * dns.h - DNS questions and answers, built and read by mailports itself
 * (RFC 1035; SRV, RFC 2782; AAAA, RFC 3596), and the client that asks a
 * name server for them over UDP, and over TCP when an answer is truncated.
 *
 * An answer comes from the network and is untrusted: the parser checks the
 * ID, the question echoed, every length and every compression pointer,
 * takes only the records of the name asked (or of its CNAME chain's
 * names), and reads no byte past the end.
 */
#ifndef MAILPORTS_DNS_H
#define MAILPORTS_DNS_H

#include <stdbool.h>
#include <stddef.h>

#include "net.h"

enum mp_dns_type {
	MP_DNS_A = 1,
	MP_DNS_CNAME = 5,
	MP_DNS_MX = 15,
	MP_DNS_AAAA = 28,
	MP_DNS_SRV = 33
};

#define MP_DNS_NAME_SIZE 256	/* a name as text: 253 bytes and a NUL */
#define MP_DNS_RECORDS_MAX 16
#define MP_DNS_UDP_SIZE 512	/* no EDNS: larger answers come truncated */
/* Questions asked at once: an A and an AAAA for each of 48 hosts. */
#define MP_DNS_QUESTIONS_MAX 96

struct mp_dns_record {
	unsigned	 type;
	unsigned	 priority;	/* SRV priority, MX preference */
	unsigned	 weight;	/* SRV */
	unsigned	 port;		/* SRV */
	char		 name[MP_DNS_NAME_SIZE];	/* SRV target, MX host;
							   "" for the root, "." */
	unsigned char	 address[16];	/* A: the first 4 bytes; AAAA */
};

enum mp_dns_status {
	MP_DNS_ANSWERED,	/* NOERROR: records, or none of the type */
	MP_DNS_NO_NAME,		/* NXDOMAIN */
	MP_DNS_TRUNCATED,	/* ask again over TCP */
	MP_DNS_REFUSED,		/* another error code: SERVFAIL, REFUSED, ... */
	MP_DNS_MALFORMED,	/* an answer to the question, but broken */
	MP_DNS_NO_ANSWER,	/* nothing came back in time */
	MP_DNS_STRAY		/* no answer to the question asked: another
				   ID, a query, another question; ignored */
};

struct mp_dns_answer {
	enum mp_dns_status	status;
	unsigned		rcode;
	size_t			n;		/* records kept, the best */
	size_t			total;		/* records of the type, all */
	struct mp_dns_record	records[MP_DNS_RECORDS_MAX];
};

/*
 * Whether name (with or without its final dot) is a domain name a query
 * can carry: 1 to 253 bytes in labels of 1 to 63 letters, digits, hyphens
 * and underscores.
 */
bool mp_dns_name_valid(const char *name);

/*
 * Writes a query for name (with or without its final dot) and type into
 * out, of size bytes.  Returns its length, or 0 if name is not a valid
 * domain name or out is too small.
 */
size_t mp_dns_query(unsigned char *out, size_t size, unsigned id,
    const char *name, unsigned type);

/*
 * Reads a reply of len bytes to the query (id, name, type) into answer:
 * its status and the records of that type in its answer section.  SRV
 * records are ordered as RFC 2782 has them, by priority, lowest first, and
 * then by weight; where RFC 2782 picks by chance among the records of one
 * priority, weighted, a tool that must answer the same each time takes
 * the heaviest first.  MX records go by preference, lowest first.  Of many
 * records the best MP_DNS_RECORDS_MAX are kept and all are counted.
 */
void mp_dns_parse(const unsigned char *reply, size_t len, unsigned id,
    const char *name, unsigned type, struct mp_dns_answer *answer);

/* The name servers of resolv.conf's text, at most max; returns how many. */
size_t mp_dns_servers(const char *conf, size_t len,
    struct mp_address *servers, size_t max);

/*
 * The name servers to ask, at most max: the one given, as ADDRESS[:PORT]
 * (port 53 unless said); else those of /etc/resolv.conf; else this host,
 * 127.0.0.1, as resolv.conf(5) says.  Returns how many, 0 when given is
 * not an address.
 */
size_t mp_dns_name_servers(const char *given, struct mp_address *servers,
    size_t max);

struct mp_dns_question {
	char			name[MP_DNS_NAME_SIZE];
	unsigned		type;
	struct mp_dns_answer	answer;
	bool			tcp;	/* the answer came over TCP */
};

/*
 * Asks every question at once of the servers, in turn, each question for
 * at most timeout_ms, over UDP and, if an answer is truncated, TCP.  Of
 * more than MP_DNS_QUESTIONS_MAX, that many are asked at a time.
 */
void mp_dns_ask(struct mp_dns_question *questions, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms);

#endif

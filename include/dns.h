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
#include "poll_set.h"

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
	bool			done;	/* answered, or given up */
};

/* Sets pair to the A and the AAAA questions of host, not yet asked. */
void mp_dns_address_questions(struct mp_dns_question pair[2],
    const char *host);

/*
 * Asks every question at once of the servers, in turn, each question for
 * at most timeout_ms, over UDP and, if an answer is truncated, TCP.  Of
 * more than MP_DNS_QUESTIONS_MAX, that many are asked at a time.
 */
void mp_dns_ask(struct mp_dns_question *questions, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout_ms);

/*
 * A resolver: one UDP socket for each name server, every question in
 * flight on it, the answers matched to their questions by ID and by the
 * question they echo; a truncated answer is asked again over TCP, on a
 * connection of its own.  Questions are caller storage that must live
 * until they are done.  The resolver itself is caller storage too, large
 * (its questions' queries and the buffers of its TCP connections), to be
 * kept in static storage.
 */
#define MP_RESOLVER_QUESTIONS_MAX 4096	/* in flight or waiting */
#define MP_RESOLVER_OUTSTANDING_MAX 1024	/* sent and not answered */
#define MP_RESOLVER_WINDOW_FIRST 128	/* as many at first */
#define MP_RESOLVER_WINDOW_MIN 16
#define MP_RESOLVER_TCP_MAX 32		/* TCP connections at once */
#define MP_RESOLVER_SERVERS_MAX 3	/* resolv.conf's MAXNS */
#define MP_DNS_QUERY_SIZE (MP_DNS_NAME_SIZE + 32)
#define MP_DNS_TRIES 3		/* over UDP, the servers in turn */
#define MP_DNS_REPLY_SIZE 16384	/* larger is malformed */

struct mp_dns_exchange {
	struct mp_dns_question	*question;
	size_t			 query_len;
	unsigned		 id;		/* the last try's */
	/* Every try's ID and server: an answer to an earlier try, late
	   behind a busy server's queue, still answers the question. */
	unsigned short		 ids[MP_DNS_TRIES];
	unsigned char		 id_server[MP_DNS_TRIES];
	unsigned		 nids;
	unsigned		 server;	/* the one asked last */
	unsigned		 tries;
	unsigned		 sent_at;	/* ms: this try went out */
	unsigned		 retry_at;	/* ms: ask again over UDP */
	unsigned		 deadline;	/* ms: give up */
	unsigned		 timeout_ms;
	int			 tcp;		/* its connection, or -1 */
	bool			 sent;		/* over UDP, and not answered */
	bool			 refused;	/* by a server, its answer kept */
	unsigned char		 query[MP_DNS_QUERY_SIZE + 2];
};

struct mp_dns_connection {
	size_t			 exchange;	/* the index, or SIZE_MAX */
	int			 fd;
	size_t			 slot;		/* in the poll set */
	size_t			 sent;		/* with the length */
	size_t			 reply_len;
	unsigned char		 reply[MP_DNS_REPLY_SIZE + 2];
};

struct mp_resolver {
	const struct mp_address	*servers;
	size_t			 nservers;
	int			 udp[MP_RESOLVER_SERVERS_MAX];
	/* The smoothed time a server takes to answer, ms; 0: not known. */
	unsigned		 srtt[MP_RESOLVER_SERVERS_MAX];
	size_t			 udp_slot[MP_RESOLVER_SERVERS_MAX];
	/* The exchanges in use are the first n of live, by index. */
	size_t			 n;
	size_t			 outstanding;
	/* How many may be outstanding now: more as answers come, half as
	   many when a try goes unanswered, as TCP's window (RFC 5681). */
	size_t			 window;
	unsigned		 shrunk_at;	/* ms */
	unsigned		 due;		/* ms: the soonest timer */
	size_t			 live[MP_RESOLVER_QUESTIONS_MAX];
	size_t			 free[MP_RESOLVER_QUESTIONS_MAX];
	size_t			 nfree;
	/* by_id[ID]: the exchange sent with ID, plus one; 0 for none. */
	unsigned short		 by_id[65536];
	unsigned short		 ids[128];	/* random, drawn ahead */
	size_t			 nids;
	struct mp_dns_exchange	 exchanges[MP_RESOLVER_QUESTIONS_MAX];
	struct mp_dns_connection tcp[MP_RESOLVER_TCP_MAX];
	unsigned char		 reply[MP_DNS_REPLY_SIZE];
};

/* Opens a socket for each server (at most MP_RESOLVER_SERVERS_MAX). */
void mp_resolver_open(struct mp_resolver *r, const struct mp_address *servers,
    size_t nservers);
/* Closes every socket; questions not done are given up. */
void mp_resolver_close(struct mp_resolver *r);
/*
 * Asks q, each server in turn, within timeout_ms from when it is sent:
 * q->done is false until it is answered or given up, q->answer then as
 * mp_dns_ask sets it.  A question beyond MP_RESOLVER_QUESTIONS_MAX is
 * given up at once (MP_DNS_NO_ANSWER).
 */
void mp_resolver_ask(struct mp_resolver *r, struct mp_dns_question *q,
    unsigned timeout_ms, unsigned now);
/* Whether no question is in flight or waiting. */
bool mp_resolver_idle(const struct mp_resolver *r);
void mp_resolver_want(struct mp_resolver *r, struct mp_poll_set *set);
/*
 * Takes every answer waiting on the sockets now, between the serves of
 * a long turn of the loop, before a socket's buffer overflows.
 */
void mp_resolver_drain(struct mp_resolver *r, unsigned now);
void mp_resolver_serve(struct mp_resolver *r, const struct mp_poll_set *set);

#endif

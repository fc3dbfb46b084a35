/*
 * discover_dns.c - the sources of discovery that DNS answers: the SRV
 * records of RFC 6186 and RFC 8314, the provider of the domain's MX host
 * walked up to its registrable domain, and the usual host names, asked
 * all at once with the addresses the autoconfig fetch needs.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cert_names.h"
#include "discover_parts.h"
#include "len.h"
#include "providers.h"

/* The SRV labels of RFC 6186 and RFC 8314, implicit TLS first. */
static const char *const srv_labels[MP_SRV_LABELS] = {
	"_submissions._tcp", "_submission._tcp", "_imaps._tcp", "_imap._tcp",
	"_pop3s._tcp", "_pop3._tcp"
};

/* What each label offers, in the same order. */
static const enum mp_protocol srv_protocols[MP_SRV_LABELS] = {
	MP_PROTO_SMTP, MP_PROTO_SMTP, MP_PROTO_IMAP, MP_PROTO_IMAP,
	MP_PROTO_POP3, MP_PROTO_POP3
};
static const enum mp_tls srv_tls[MP_SRV_LABELS] = {
	MP_TLS_IMPLICIT, MP_TLS_STARTTLS, MP_TLS_IMPLICIT, MP_TLS_STARTTLS,
	MP_TLS_IMPLICIT, MP_TLS_STARTTLS
};

/*
 * The host names Thunderbird's guesser tries, in its order: incoming
 * imap., pop3., pop., mail. and the domain itself; outgoing smtp., mail.
 * and the domain.  The last is the domain (the empty label).
 */
static const char *const guess_labels[MP_GUESS_HOSTS] = {
	"imap.", "pop3.", "pop.", "mail.", "smtp.", ""
};

/* What a step says of a name it could not ask. */
#define TOO_LONG "name too long to ask"

/*
 * Writes label, dot and domain as one name in name of size bytes, cut
 * short if need be; returns whether it is short enough to ask (253
 * bytes): a long domain leaves no room for a label.
 */
static bool
compose(char *name, size_t size, const char *label, const char *dot,
    const char *domain)
{
	int len = snprintf(name, size, "%s%s%s", label, dot, domain);

	return len >= 0 && len <= 253;
}

/* Sets an A and an AAAA question for name; false if it is too long. */
static bool
ask_address(struct mp_dns_question pair[2], const char *label,
    const char *domain)
{
	if (!compose(pair[0].name, sizeof pair[0].name, label, "", domain))
		return false;
	pair[0].type = MP_DNS_A;
	memcpy(pair[1].name, pair[0].name, sizeof pair[1].name);
	pair[1].type = MP_DNS_AAAA;
	return true;
}

/* Every question of a discovery, asked or not. */
static size_t
questions_of(struct mp_discover_questions *q,
    struct mp_dns_question *all[MP_DISCOVER_QUESTIONS])
{
	size_t n = 0, i;

	for (i = 0; i < MP_SRV_LABELS; i++)
		all[n++] = &q->srv[i];
	all[n++] = &q->mx;
	all[n++] = &q->autoconfig[0];
	all[n++] = &q->autoconfig[1];
	for (i = 0; i < MP_GUESS_HOSTS; i++) {
		all[n++] = &q->guess[i][0];
		all[n++] = &q->guess[i][1];
	}
	return n;
}

void
mp_discover_ask(struct mp_discover_questions *q, const char *domain,
    struct mp_resolver *resolver, unsigned timeout, unsigned now)
{
	struct mp_dns_question *all[MP_DISCOVER_QUESTIONS];
	size_t n = questions_of(q, all), i;

	/*
	 * Each question as unasked, its answer empty: not the whole of the
	 * records' room, which a list's memory would then hold for every
	 * target in flight whether its answers fill it or not.
	 */
	for (i = 0; i < n; i++) {
		all[i]->name[0] = '\0';
		all[i]->type = 0;
		all[i]->done = false;
		all[i]->tcp = false;
		all[i]->answer.status = MP_DNS_ANSWERED;
		all[i]->answer.rcode = 0;
		all[i]->answer.n = 0;
		all[i]->answer.total = 0;
	}
	for (i = 0; i < MP_SRV_LABELS; i++)
		if ((q->srv_asked[i] = compose(q->srv[i].name,
		    sizeof q->srv[i].name, srv_labels[i], ".", domain)))
			q->srv[i].type = MP_DNS_SRV;
	snprintf(q->mx.name, sizeof q->mx.name, "%s", domain);
	q->mx.type = MP_DNS_MX;
	q->autoconfig_asked = ask_address(q->autoconfig, "autoconfig.",
	    domain);
	for (i = 0; i < MP_GUESS_HOSTS; i++)
		q->guess_asked[i] = ask_address(q->guess[i], guess_labels[i],
		    domain);
	/* All at once: the SRV labels, the MX and two for each host; a
	   name too long to ask is done, unanswered. */
	for (i = 0; i < n; i++) {
		if (all[i]->type != 0)
			mp_resolver_ask(resolver, all[i], timeout, now);
		else
			all[i]->done = true;
	}
}

bool
mp_discover_asked(struct mp_discover_questions *q)
{
	struct mp_dns_question *all[MP_DISCOVER_QUESTIONS];
	size_t n = questions_of(q, all), i;

	for (i = 0; i < n && all[i]->done; i++)
		;
	return i == n;
}

bool
mp_discover_answered(struct mp_discover_questions *q)
{
	struct mp_dns_question *all[MP_DISCOVER_QUESTIONS];
	size_t n = questions_of(q, all), i;

	for (i = 0; i < n; i++)
		if (all[i]->type != 0 &&
		    all[i]->answer.status != MP_DNS_NO_ANSWER)
			return true;
	return false;
}

const char *
mp_discover_status_text(const struct mp_dns_question *q)
{
	switch (q->answer.status) {
	case MP_DNS_ANSWERED:
		return "none";
	case MP_DNS_NO_NAME:
		return "none (no such name)";
	case MP_DNS_TRUNCATED:
		return "truncated";
	case MP_DNS_REFUSED:
		/* RFC 1035 4.1.1: 2 is a server failure, 5 a refusal. */
		return q->answer.rcode == 2 ? "the name server failed (SERVFAIL)" :
		    q->answer.rcode == 5 ? "the name server refused (REFUSED)" :
		    "the name server answered with an error";
	case MP_DNS_MALFORMED:
		return "a malformed answer";
	case MP_DNS_NO_ANSWER:
	case MP_DNS_STRAY:
		break;
	}
	return "no answer";
}

/* "mail.example.com port 993, priority 0, weight 1 (over TCP)". */
static void
describe_srv(char *dst, size_t size, const struct mp_dns_question *q)
{
	const struct mp_dns_record *r = &q->answer.records[0];
	char more[32] = "";

	if (q->answer.total > 1)
		snprintf(more, sizeof more, " and %zu more",
		    q->answer.total - 1);
	snprintf(dst, size, "%s port %u, priority %u, weight %u%s%s", r->name,
	    r->port, r->priority, r->weight, more,
	    q->tcp ? " (over TCP)" : "");
}

static void
srv_step(struct mp_discovery *d, struct mp_found *found,
    const struct mp_dns_question *q, size_t label)
{
	char text[sizeof d->steps[0].found];
	struct mp_setting setting = { 0 };
	size_t i;

	if (q->answer.status != MP_DNS_ANSWERED || q->answer.n == 0) {
		mp_discover_note(d, MP_SOURCE_SRV, q->name,
		    mp_discover_status_text(q));
		return;
	}
	/* RFC 2782: a lone record whose target is "." means "not here". */
	if (q->answer.total == 1 && q->answer.records[0].name[0] == '\0') {
		mp_discover_note(d, MP_SOURCE_SRV, q->name,
		    "\".\": not offered");
		return;
	}
	describe_srv(text, sizeof text, q);
	mp_discover_note(d, MP_SOURCE_SRV, q->name, text);
	setting.source = MP_SOURCE_SRV;
	setting.endpoint.protocol = srv_protocols[label];
	setting.endpoint.tls = srv_tls[label];
	setting.endpoint.username = MP_USER_ADDRESS;
	setting.endpoint.signin = MP_SIGNIN_PASSWORD;
	snprintf(setting.via, sizeof setting.via, "%s", q->name);
	for (i = 0; i < q->answer.n; i++) {
		const struct mp_dns_record *r = &q->answer.records[i];

		if (r->name[0] == '\0' || r->port == 0)
			continue;
		snprintf(setting.endpoint.host, sizeof setting.endpoint.host,
		    "%s", r->name);
		setting.endpoint.port = r->port;
		mp_found_add(found, &setting);
	}
}

void
mp_discover_srv(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q)
{
	char name[MP_DNS_NAME_SIZE + 32];
	size_t i;

	for (i = 0; i < MP_SRV_LABELS; i++)
		if (q->srv_asked[i]) {
			srv_step(d, found, &q->srv[i], i);
		} else {
			(void)compose(name, sizeof name, srv_labels[i], ".",
			    d->domain);
			mp_discover_note(d, MP_SOURCE_SRV, name, TOO_LONG);
		}
}

/* The provider whose MX rows name host or a name it is under, or -1. */
static int
mx_row(const char *host)
{
	size_t len = strlen(host), i;

	for (i = 0; i < mp_nmxs; i++) {
		const char *suffix = mp_mxs[i].suffix;
		size_t n = strlen(suffix);

		if (len == n ? strcmp(host, suffix) == 0 :
		    len > n && host[len - n - 1] == '.' &&
		    strcmp(host + len - n, suffix) == 0)
			return mp_mxs[i].provider;
	}
	return -1;
}

/*
 * The provider of an MX host, as the wizard finds it: the table's MX rows
 * for the host; else the host less its first label, then each shorter
 * name down to its registrable domain (never a public suffix such as
 * co.uk), looked up among the table's domains.  Sets *at to the name
 * that matched.
 */
static int
mx_provider(const char *host, const char **at)
{
	const char *last = mp_registrable(host), *name = host;
	int provider;

	*at = host;
	if ((provider = mx_row(host)) >= 0)
		return provider;
	while (name != last && (name = strchr(name, '.')) != NULL) {
		name++;
		*at = name;
		if ((provider = mp_domain_find(name, strlen(name))) >= 0)
			return provider;
	}
	return -1;
}

void
mp_discover_mx(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q)
{
	char text[sizeof d->steps[0].found];
	const char *host, *at;
	int provider;

	if (q->mx.answer.status != MP_DNS_ANSWERED || q->mx.answer.n == 0) {
		mp_discover_note(d, MP_SOURCE_MX, q->mx.name,
		    mp_discover_status_text(&q->mx));
		return;
	}
	/* The records come best first: the wizard walks the best alone. */
	host = q->mx.answer.records[0].name;
	if (host[0] == '\0') {
		/* RFC 7505: a null MX, the domain takes no mail. */
		mp_discover_note(d, MP_SOURCE_MX, q->mx.name,
		    "\".\": the domain takes no mail (null MX, RFC 7505)");
		return;
	}
	if ((provider = mx_provider(host, &at)) < 0) {
		snprintf(text, sizeof text, "%s (no provider known to run it)",
		    host);
		mp_discover_note(d, MP_SOURCE_MX, q->mx.name, text);
		return;
	}
	if (at == host)
		snprintf(text, sizeof text, "%s: %s", host,
		    mp_providers[provider].name);
	else
		snprintf(text, sizeof text, "%s, by %s: %s", host, at,
		    mp_providers[provider].name);
	mp_discover_note(d, MP_SOURCE_MX, q->mx.name, text);
	mp_found_provider(found, (size_t)provider, MP_SOURCE_MX, host,
	    d->domain);
}

size_t
mp_question_addresses(const struct mp_dns_question pair[2], unsigned port,
    struct mp_address addresses[2])
{
	size_t n = 0, i;

	for (i = 0; i < 2; i++)
		if (pair[i].answer.status == MP_DNS_ANSWERED &&
		    pair[i].answer.n > 0 &&
		    mp_address_set(&addresses[n],
		    pair[i].type == MP_DNS_A ? AF_INET : AF_INET6,
		    pair[i].answer.records[0].address, port))
			n++;
	return n;
}

/*
 * Why a name gave no address: it does not resolve only when both
 * questions were answered so; else what went wrong, the A question's
 * trouble first.
 */
const char *
mp_discover_no_address(const struct mp_dns_question pair[2])
{
	const struct mp_dns_question *a = &pair[0], *aaaa = &pair[1];

	if ((a->answer.status == MP_DNS_ANSWERED ||
	    a->answer.status == MP_DNS_NO_NAME) &&
	    (aaaa->answer.status == MP_DNS_ANSWERED ||
	    aaaa->answer.status == MP_DNS_NO_NAME))
		return "does not resolve";
	return mp_discover_status_text(a->answer.status == MP_DNS_ANSWERED ||
	    a->answer.status == MP_DNS_NO_NAME ? aaaa : a);
}

/*
 * The indexes of guess_labels each protocol tries, in the guesser's order:
 * imap., mail., the domain; pop3., pop., mail., the domain; smtp., mail.,
 * the domain.
 */
#define GUESS_END MP_GUESS_HOSTS
static const size_t imap_hosts[] = { 0, 3, 5, GUESS_END };
static const size_t pop3_hosts[] = { 1, 2, 3, 5, GUESS_END };
static const size_t smtp_hosts[] = { 4, 3, 5, GUESS_END };

/*
 * What a usual host name is guessed to serve, in the guesser's order:
 * implicit TLS before STARTTLS, IMAP before POP3, each protocol's names in
 * its own order; never port 25, which is for servers.
 */
static const struct {
	const size_t *hosts;
	enum mp_protocol protocol;
	unsigned port;
	enum mp_tls tls;
} guesses[] = {
	{ imap_hosts, MP_PROTO_IMAP, 993, MP_TLS_IMPLICIT },
	{ imap_hosts, MP_PROTO_IMAP, 143, MP_TLS_STARTTLS },
	{ pop3_hosts, MP_PROTO_POP3, 995, MP_TLS_IMPLICIT },
	{ pop3_hosts, MP_PROTO_POP3, 110, MP_TLS_STARTTLS },
	{ smtp_hosts, MP_PROTO_SMTP, 465, MP_TLS_IMPLICIT },
	{ smtp_hosts, MP_PROTO_SMTP, 587, MP_TLS_STARTTLS },
};

void
mp_discover_guess(struct mp_discovery *d, struct mp_found *found,
    const struct mp_discover_questions *q, bool all)
{
	char name[MP_DNS_NAME_SIZE + 16];
	struct mp_setting setting = { 0 };
	size_t host_of[MP_NPROTOCOLS], i, j, k;
	bool resolves[MP_GUESS_HOSTS];

	setting.source = MP_SOURCE_GUESS;
	setting.endpoint.username = MP_USER_ADDRESS;
	setting.endpoint.signin = MP_SIGNIN_PASSWORD;
	/* In the guesser's order of protocols, then of names. */
	for (i = 0; i < MP_GUESS_HOSTS; i++) {
		const struct mp_dns_question *pair = q->guess[i];
		struct mp_address unused[2];

		resolves[i] = q->guess_asked[i] &&
		    mp_question_addresses(pair, 0, unused) > 0;
		if (!q->guess_asked[i]) {
			(void)compose(name, sizeof name, guess_labels[i], "",
			    d->domain);
			mp_discover_note(d, MP_SOURCE_GUESS, name, TOO_LONG);
			continue;
		}
		mp_discover_note(d, MP_SOURCE_GUESS, pair[0].name,
		    resolves[i] ? "resolves" : mp_discover_no_address(pair));
	}
	for (i = 0; i < MP_NPROTOCOLS; i++)
		host_of[i] = MP_GUESS_HOSTS;
	for (j = 0; j < LEN(guesses); j++)
		for (k = 0; (i = guesses[j].hosts[k]) != GUESS_END; k++) {
			size_t *first = &host_of[guesses[j].protocol];

			if (!resolves[i])
				continue;
			/* The ports of one host, unless all are to be tried. */
			if (*first == MP_GUESS_HOSTS)
				*first = i;
			if (!all && i != *first)
				continue;
			snprintf(setting.endpoint.host,
			    sizeof setting.endpoint.host, "%s",
			    q->guess[i][0].name);
			snprintf(setting.via, sizeof setting.via, "%s",
			    q->guess[i][0].name);
			setting.endpoint.protocol = guesses[j].protocol;
			setting.endpoint.port = guesses[j].port;
			setting.endpoint.tls = guesses[j].tls;
			mp_found_add(found, &setting);
		}
}

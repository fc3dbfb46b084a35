/*
 * discover_verify.c - the probe of the settings discovery chose: each
 * host resolved through the same name servers, every setting probed on
 * its addresses at once, its certificate matched as a mail client matches
 * it; and, for a certificate made out to other hosts of the provider, a
 * second run that may take one of them instead.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cert_names.h"
#include "discover_parts.h"
#include "len.h"
#include "net.h"

/* Whether the answer to an A or AAAA question gave an address. */
static bool
has_address(const struct mp_dns_question *q)
{
	return q->answer.status == MP_DNS_ANSWERED && q->answer.n > 0;
}

/*
 * Asks for each distinct host of the round's settings through the
 * session's resolver; a host that is an address needs no question.
 */
static void
ask_hosts(struct mp_verify *v, const struct mp_session *session,
    unsigned now)
{
	size_t i, j;

	v->nq = 0;
	v->asking = true;
	for (i = 0; i < v->n && v->nq + 2 <= MP_VERIFY_QUESTIONS; i++) {
		const char *host = v->settings[i].endpoint.host;

		for (j = 0; j < v->nq && strcmp(v->q[j].name, host) != 0; j++)
			;
		if (j < v->nq)
			continue;
		mp_dns_address_questions(&v->q[v->nq], host);
		v->nq += 2;
	}
	for (i = 0; i < v->nq; i++)
		mp_resolver_ask(session->resolver, &v->q[i], session->timeout_ms,
		    now);
}

/*
 * With the hosts' answers in, probes every setting on every address
 * found, matching its certificate against its matched name.
 */
static void
probe_hosts(struct mp_verify *v, const struct mp_session *session,
    unsigned now)
{
	size_t i, j;

	v->asking = false;
	v->nr = 0;
	for (i = 0; i < v->n; i++) {
		struct mp_setting *s = &v->settings[i];
		const struct mp_endpoint *e = &s->endpoint;
		struct mp_probe_target target;
		struct mp_address addresses[2];
		size_t na = 0, filled;

		s->probed = true;
		mp_endpoint_target(e, &target);
		/* A host that is an address, as Proton's bridge, is probed as is. */
		if (mp_parse_address(e->host, e->port, &addresses[0])) {
			na = 1;
		} else {
			/* The first address of each family the name has. */
			for (j = 0; j < v->nq && na < 2; j++)
				if (strcmp(v->q[j].name, e->host) == 0 &&
				    has_address(&v->q[j]) &&
				    mp_address_set(&addresses[na],
				    v->q[j].type == MP_DNS_A ? AF_INET : AF_INET6,
				    v->q[j].answer.records[0].address, e->port))
					na++;
		}
		filled = mp_probe_fill(v->results + v->nr,
		    MP_VERIFY_RESULTS - v->nr, addresses, na, &target, 1,
		    e->host);
		for (j = 0; j < filled; j++) {
			if (strcmp(s->matched, e->host) != 0)
				snprintf(v->results[v->nr].request.match,
				    sizeof v->results[v->nr].request.match,
				    "%s", s->matched);
			v->owner[v->nr++] = i;
		}
	}
	mp_prober_start(&v->prober, session->pool, v->results, v->nr,
	    session->timeout_ms, session->store, now);
}

/* A setting is verified when one of its addresses speaks its protocol
   securely. */
static void
take_results(struct mp_verify *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++) {
		struct mp_setting *s = &v->settings[v->owner[i]];
		bool good = mp_result_secure(&v->results[i]) &&
		    v->results[i].protocol == s->endpoint.protocol;

		/* Keep the first result, or the first that is good. */
		if (!s->verified &&
		    (good || s->probe.request.address[0] == '\0'))
			s->probe = v->results[i];
		s->verified = s->verified || good;
	}
}

/* The name a setting's certificate is matched against, as a client's. */
static void
set_matched(struct mp_setting *s, bool trusted, const char *domain)
{
	snprintf(s->matched, sizeof s->matched, "%s",
	    mp_reference_name(s->endpoint.host, trusted, domain));
}

/*
 * For each setting whose certificate is made out to other names, those
 * of the same provider (mp_cert_other_hosts), for one more round: one
 * that works securely with a certificate for its own name takes the
 * setting's place, as the server a client is to use.  Returns how many.
 */
static size_t
other_hosts(struct mp_verify *v, const struct mp_discovery *d)
{
	char hosts[4][MP_DNS_NAME_SIZE];
	size_t i, j;

	v->nother = 0;
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		size_t nhosts;

		if (s->verified ||
		    !(s->probe.cert.findings & MP_CERT_BIT(MP_CERT_NAME)))
			continue;
		nhosts = mp_cert_other_hosts(&s->probe, s->endpoint.host,
		    d->domain, hosts, LEN(hosts));
		for (j = 0; j < nhosts && v->nother < MP_SETTINGS_MAX; j++) {
			struct mp_setting *o = &v->other[v->nother];

			*o = *s;
			o->probe = (struct mp_probe_result){ 0 };
			snprintf(o->endpoint.host, sizeof o->endpoint.host,
			    "%s", hosts[j]);
			snprintf(o->instead_of, sizeof o->instead_of, "%s",
			    s->endpoint.host);
			set_matched(o,
			    mp_table_provider(hosts[j], d->domain) >= 0,
			    d->domain);
			v->other_owner[v->nother++] = i;
		}
	}
	return v->nother;
}

/* The other hosts that work take their setting's place, once each. */
static void
take_others(struct mp_verify *v, struct mp_discovery *d)
{
	size_t i, j, k;

	for (k = 0; k < v->nother; k++)
		if (v->other[k].verified &&
		    !d->settings[v->other_owner[k]].verified)
			d->settings[v->other_owner[k]] = v->other[k];
	/* A host taken instead may be one a setting already had. */
	for (i = k = 0; i < d->nsettings; i++) {
		const struct mp_endpoint *e = &d->settings[i].endpoint;

		for (j = 0; j < k && (d->settings[j].endpoint.port != e->port ||
		    d->settings[j].endpoint.protocol != e->protocol ||
		    strcmp(d->settings[j].endpoint.host, e->host) != 0); j++)
			;
		if (j == k)
			d->settings[k++] = d->settings[i];
	}
	d->nsettings = k;
}

void
mp_verify_start(struct mp_verify *v, struct mp_discovery *d,
    const struct mp_session *session, unsigned now)
{
	size_t i;

	/*
	 * An SRV target may be a host the table holds, as a provider's.  A
	 * host an autoconfig file names is matched as the wizard matches it,
	 * against itself: the file fills in the account's server name.
	 */
	for (i = 0; i < d->nsettings; i++)
		set_matched(&d->settings[i],
		    d->settings[i].source == MP_SOURCE_PROVIDER ||
		    d->settings[i].source == MP_SOURCE_MX ||
		    d->settings[i].source == MP_SOURCE_AUTOCONFIG ||
		    mp_table_provider(d->settings[i].endpoint.host,
		    d->domain) >= 0, d->domain);
	v->settings = d->settings;
	v->n = d->nsettings;
	v->second = false;
	v->finished = false;
	ask_hosts(v, session, now);
}

static bool
answered(const struct mp_verify *v)
{
	size_t i;

	for (i = 0; i < v->nq && v->q[i].done; i++)
		;
	return i == v->nq;
}

void
mp_verify_want(struct mp_verify *v, struct mp_poll_set *set)
{
	if (v->finished)
		return;
	/* What is done already goes on at once, with no event to wait for. */
	if (v->asking ? answered(v) : mp_prober_done(&v->prober))
		mp_poll_set_due(set, set->now);
	else if (!v->asking)
		mp_prober_want(&v->prober, set);
}

bool
mp_verify_serve(struct mp_verify *v, struct mp_discovery *d,
    const struct mp_session *session, const struct mp_poll_set *set)
{
	if (v->finished)
		return true;
	if (v->asking) {
		if (answered(v))
			probe_hosts(v, session, set->now);
		return false;
	}
	mp_prober_serve(&v->prober, set);
	if (!mp_prober_done(&v->prober))
		return false;
	take_results(v);
	if (!v->second && other_hosts(v, d) > 0) {
		v->second = true;
		v->settings = v->other;
		v->n = v->nother;
		ask_hosts(v, session, set->now);
		return false;
	}
	if (v->second)
		take_others(v, d);
	v->finished = true;
	return true;
}

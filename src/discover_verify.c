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

/* An A and an AAAA question a host; an address of each probed. */
#define QUESTIONS_MAX ((size_t)2 * MP_SETTINGS_MAX)
#define RESULTS_MAX ((size_t)4 * MP_SETTINGS_MAX)
_Static_assert(QUESTIONS_MAX <= MP_DNS_QUESTIONS_MAX,
    "every host of the settings is asked for at once");

/*
 * Resolves each distinct host of the n settings through the same name
 * servers and probes every setting on every address found, matching its
 * certificate against its matched name; a setting is verified when one
 * of its addresses speaks its protocol securely.
 */
static void
probe_settings(struct mp_setting *settings, size_t n,
    const struct mp_address *servers, size_t nservers, unsigned timeout,
    const struct mp_trust *store)
{
	static struct mp_dns_question q[QUESTIONS_MAX];
	static struct mp_probe_result results[RESULTS_MAX];
	size_t owner[RESULTS_MAX], nq = 0, nr = 0, i, j;

	for (i = 0; i < n && nq + 2 <= QUESTIONS_MAX; i++) {
		const char *host = settings[i].endpoint.host;

		for (j = 0; j < nq && strcmp(q[j].name, host) != 0; j++)
			;
		if (j < nq)
			continue;
		snprintf(q[nq].name, sizeof q[nq].name, "%s", host);
		q[nq++].type = MP_DNS_A;
		snprintf(q[nq].name, sizeof q[nq].name, "%s", host);
		q[nq++].type = MP_DNS_AAAA;
	}
	mp_dns_ask(q, nq, servers, nservers, timeout);
	for (i = 0; i < n; i++) {
		struct mp_setting *s = &settings[i];
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
			for (j = 0; j < nq && na < 2; j++)
				if (strcmp(q[j].name, e->host) == 0 &&
				    has_address(&q[j]) &&
				    mp_address_set(&addresses[na],
				    q[j].type == MP_DNS_A ? AF_INET : AF_INET6,
				    q[j].answer.records[0].address, e->port))
					na++;
		}
		filled = mp_probe_fill(results + nr, RESULTS_MAX - nr, addresses,
		    na, &target, 1, e->host);
		for (j = 0; j < filled; j++) {
			if (strcmp(s->matched, e->host) != 0)
				snprintf(results[nr].request.match,
				    sizeof results[nr].request.match, "%s",
				    s->matched);
			owner[nr++] = i;
		}
	}
	mp_probe_run(results, nr, timeout, store);
	for (i = 0; i < nr; i++) {
		struct mp_setting *s = &settings[owner[i]];
		bool good = mp_result_secure(&results[i]) &&
		    results[i].protocol == s->endpoint.protocol;

		/* Keep the first result, or the first that is good. */
		if (!s->verified &&
		    (good || s->probe.request.address[0] == '\0'))
			s->probe = results[i];
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
 * Probes the settings; then, for each whose certificate is made out to
 * other names, those of the same provider (mp_cert_other_hosts), all in
 * one more run: one that works securely with a certificate for its own
 * name takes the setting's place, as the server a client is to use.
 */
void
mp_discover_verify(struct mp_discovery *d, const struct mp_address *servers,
    size_t nservers, unsigned timeout, const struct mp_trust *store)
{
	static struct mp_setting other[MP_SETTINGS_MAX];
	char hosts[4][MP_DNS_NAME_SIZE];
	size_t owner[MP_SETTINGS_MAX], nother = 0, i, j, k;

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
	probe_settings(d->settings, d->nsettings, servers, nservers, timeout,
	    store);
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		size_t nhosts;

		if (s->verified ||
		    !(s->probe.cert.findings & MP_CERT_BIT(MP_CERT_NAME)))
			continue;
		nhosts = mp_cert_other_hosts(&s->probe, s->endpoint.host,
		    d->domain, hosts, LEN(hosts));
		for (j = 0; j < nhosts && nother < MP_SETTINGS_MAX; j++) {
			struct mp_setting *o = &other[nother];

			*o = *s;
			o->probe = (struct mp_probe_result){ 0 };
			snprintf(o->endpoint.host, sizeof o->endpoint.host,
			    "%s", hosts[j]);
			snprintf(o->instead_of, sizeof o->instead_of, "%s",
			    s->endpoint.host);
			set_matched(o,
			    mp_table_provider(hosts[j], d->domain) >= 0,
			    d->domain);
			owner[nother++] = i;
		}
	}
	if (nother == 0)
		return;
	probe_settings(other, nother, servers, nservers, timeout, store);
	for (k = 0; k < nother; k++)
		if (other[k].verified && !d->settings[owner[k]].verified)
			d->settings[owner[k]] = other[k];
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


/*
 * discover_autoconfig.c - the domain's own configuration, where a mail
 * client's wizard looks first after its database: the clientConfig file
 * at autoconfig.DOMAIN and under DOMAIN's .well-known, both fetched at
 * once over plain HTTP from the addresses the one batch of DNS questions
 * found, so the fetch costs a connection and a request and no other
 * question.
 */
#include <stdio.h>
#include <string.h>

#include "autoconfig.h"
#include "discover_parts.h"
#include "escape.h"
#include "http.h"

/* The paths of the two files, the domain's own subdomain's first. */
static const char *const paths[MP_AUTOCONFIG_HOSTS] = {
	"/mail/config-v1.1.xml",
	"/.well-known/autoconfig/mail/config-v1.1.xml"
};

/*
 * The URL of one file: the address goes with it as the query Thunderbird
 * sends, percent-encoded, when there is one.
 */
static bool
url_of(char url[MP_URL_SIZE], const char *host, const char *path,
    const char *address)
{
	char encoded[MP_URL_SIZE];
	int len;

	if (address == NULL || strchr(address, '@') == NULL)
		len = snprintf(url, MP_URL_SIZE, "http://%s%s", host, path);
	else if (!mp_url_encode(address, encoded, sizeof encoded))
		return false;
	else
		len = snprintf(url, MP_URL_SIZE, "http://%s%s?emailaddress=%s",
		    host, path, encoded);
	return len > 0 && (size_t)len < MP_URL_SIZE;
}

/* What a fetch that gave no file found, in the words of its step. */
static void
fetch_text(const struct mp_http_fetch *f, char *text, size_t size)
{
	char quoted[2 * MP_URL_SIZE];
	char https[MP_URL_SIZE + 8];

	if (f->status == MP_HTTP_ERROR_STATUS) {
		snprintf(text, size, "HTTP %u", f->code);
	} else if (f->status == MP_HTTP_HTTPS) {
		/* The file may be there; mailports cannot say. */
		mp_shell_quote(quoted, sizeof quoted, f->final_url,
		    strlen(f->final_url));
		snprintf(text, size, "redirected to %s, which mailports cannot "
		    "fetch (it has no TLS library): open it in a browser, or "
		    "curl -sS %s", f->final_url, quoted);
	} else if (f->status == MP_HTTP_REFUSED && f->redirects == 0) {
		/* Thunderbird asks HTTPS first: the file may be there. */
		snprintf(https, sizeof https, "https%s", f->url + 4);
		mp_shell_quote(quoted, sizeof quoted, https, strlen(https));
		snprintf(text, size, "%s; over HTTPS, which mailports cannot "
		    "fetch (it has no TLS library), it may be there: curl -sS "
		    "%s", f->reason, quoted);
	} else {
		snprintf(text, size, "%s", f->reason);
	}
}

/* Takes the file's servers as settings; false if it gives none. */
static bool
take(struct mp_discovery *d, struct mp_found *found,
    const struct mp_http_fetch *f, const char *url, char *text, size_t size)
{
	static struct mp_autoconfig config;
	struct mp_setting setting = { 0 };
	char redirected[MP_URL_SIZE + 32] = "";
	size_t i;

	if (f->redirects > 0)
		snprintf(redirected, sizeof redirected, " (redirected to %s)",
		    f->final_url);
	if (!mp_autoconfig_read(&config, f->body, f->len, d->domain)) {
		snprintf(text, size, "not a clientConfig file%s: %s",
		    redirected, config.reason);
		return false;
	}
	setting.source = MP_SOURCE_AUTOCONFIG;
	/* The URL that served the file, after any redirect. */
	snprintf(setting.via, sizeof setting.via, "%s",
	    f->redirects > 0 ? f->final_url : url);
	for (i = 0; i < config.nservers; i++) {
		const struct mp_autoconfig_server *s = &config.servers[i];

		setting.endpoint = s->endpoint;
		if (s->endpoint.username == MP_USER_NONE)
			memcpy(setting.template, s->username,
			    sizeof setting.template);
		else
			setting.template[0] = '\0';
		mp_found_add(found, &setting);
	}
	if (config.nservers == 0) {
		snprintf(text, size, "no server to use%s: %s", redirected,
		    config.reason);
		return false;
	}
	snprintf(text, size, "%zu server%s%s%s%s", config.nservers,
	    config.nservers == 1 ? "" : "s", redirected,
	    config.skipped > 0 ? "; skipped: " : "", config.reason);
	return true;
}

/* The A and AAAA questions of each URL's host, and the host. */
static void
hosts_of(const struct mp_discovery *d, const struct mp_discover_questions *q,
    const struct mp_dns_question *pairs[MP_AUTOCONFIG_HOSTS],
    const char *hosts[MP_AUTOCONFIG_HOSTS])
{
	pairs[0] = q->autoconfig;
	pairs[1] = q->guess[MP_GUESS_HOSTS - 1];
	hosts[0] = q->autoconfig[0].name;
	hosts[1] = d->domain;
}

size_t
mp_autoconfig_prepare(struct mp_autoconfig_fetch *a,
    const struct mp_discovery *d, const struct mp_discover_questions *q,
    const char *address)
{
	const struct mp_dns_question *pairs[MP_AUTOCONFIG_HOSTS];
	const char *hosts[MP_AUTOCONFIG_HOSTS];
	char url[MP_URL_SIZE];
	size_t i;

	hosts_of(d, q, pairs, hosts);
	a->n = 0;
	for (i = 0; i < MP_AUTOCONFIG_HOSTS; i++) {
		struct mp_http_fetch *f = &a->fetches[a->n];

		a->which[i] = MP_AUTOCONFIG_HOSTS;
		if (!url_of(url, hosts[i], paths[i], address) ||
		    (i == 0 && !q->autoconfig_asked) ||
		    (i == 1 && !q->guess_asked[MP_GUESS_HOSTS - 1]))
			continue;
		f->naddresses = mp_question_addresses(pairs[i], 80,
		    f->addresses);
		if (f->naddresses == 0)
			continue;
		memcpy(f->url, url, sizeof f->url);
		a->which[i] = a->n++;
	}
	return a->n;
}

void
mp_discover_autoconfig(struct mp_discovery *d, struct mp_found *found,
    const struct mp_autoconfig_fetch *a,
    const struct mp_discover_questions *q, const char *address)
{
	const struct mp_dns_question *pairs[MP_AUTOCONFIG_HOSTS];
	const char *hosts[MP_AUTOCONFIG_HOSTS];
	char url[MP_URL_SIZE];
	char text[sizeof d->steps[0].found];
	size_t i;
	bool taken = false;

	hosts_of(d, q, pairs, hosts);
	for (i = 0; i < MP_AUTOCONFIG_HOSTS; i++) {
		const struct mp_http_fetch *f = &a->fetches[a->which[i]];
		bool made = url_of(url, hosts[i], paths[i], address);

		if (a->which[i] == MP_AUTOCONFIG_HOSTS) {
			if (!made)
				snprintf(text, sizeof text, "URL too long");
			else
				snprintf(text, sizeof text, "no address: %s",
				    mp_discover_no_address(pairs[i]));
		} else if (f->status != MP_HTTP_OK) {
			fetch_text(f, text, sizeof text);
		} else if (taken) {
			/* The first file that gives servers is the answer. */
			static struct mp_found unused;

			unused.query = found->query;
			unused.n = 0;
			if (take(d, &unused, f, url, text, sizeof text))
				snprintf(text + strlen(text),
				    sizeof text - strlen(text),
				    " (the first file comes first)");
		} else {
			taken = take(d, found, f, url, text, sizeof text);
		}
		mp_discover_note(d, MP_SOURCE_AUTOCONFIG, url, text);
	}
}

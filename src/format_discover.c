/*
 * format_discover.c - writing what discovery found: the steps and the
 * settings, for people and for scripts.  Names from DNS hold only letters,
 * digits, hyphens, underscores and dots (src/dns.c refuses others), so they
 * need no escaping.
 */
#include <stdio.h>
#include <string.h>

#include "discover.h"
#include "escape.h"
#include "format_cert.h"
#include "output.h"
#include "providers.h"
#include "table.h"

static const char *const step_labels[MP_NSOURCES] = {
	[MP_SOURCE_PROVIDER] = "provider table",
	[MP_SOURCE_AUTOCONFIG] = "autoconfig",
	[MP_SOURCE_MX] = "DNS MX",
	[MP_SOURCE_SRV] = "DNS SRV",
	[MP_SOURCE_GUESS] = "guess",
};

/* What each source is, in the sentence that asks to confirm it. */
static const char *const unauthenticated[MP_NSOURCES] = {
	[MP_SOURCE_AUTOCONFIG] = "come from a file fetched over plain HTTP",
	[MP_SOURCE_MX] = "come from MX records, read without DNSSEC",
	[MP_SOURCE_SRV] = "come from SRV records, read without DNSSEC",
	[MP_SOURCE_GUESS] = "are guesses from host names that resolve",
};

/* How a source is named where another source's answer differs. */
static const char *const source_names[MP_NSOURCES] = {
	[MP_SOURCE_PROVIDER] = "the provider table",
	[MP_SOURCE_AUTOCONFIG] = "the autoconfig file",
	[MP_SOURCE_MX] = "the MX host's provider",
	[MP_SOURCE_SRV] = "the SRV records",
	[MP_SOURCE_GUESS] = "the guesses",
};

/* The first finding for which a mail client refuses a certificate. */
static int
refusal(const struct mp_setting *s)
{
	unsigned bit;

	for (bit = 0; bit < MP_CERT_NFINDINGS; bit++)
		if (s->probe.cert.findings & MP_CERT_REFUSED &
		    MP_CERT_BIT(bit))
			return (int)bit;
	return -1;
}

/* Room for "no: " and a finding's few words. */
#define VERIFIED_SIZE 40

static const char *
verified_text(const struct mp_setting *s, char text[static VERIFIED_SIZE])
{
	int why;

	if (!s->probed)
		return "-";
	if (s->verified)
		return "yes";
	if (s->probe.request.address[0] == '\0')
		return "no address";
	if (s->probe.state != MP_STATE_OPEN)
		return mp_state_key(s->probe.state);
	if ((why = refusal(s)) < 0)
		return "not secure";
	snprintf(text, VERIFIED_SIZE, "no: %s",
	    mp_cert_finding_label((enum mp_cert_finding)why));
	return text;
}

/* Room for an address as typed, escaped. */
#define MP_USER_SIZE 1040

enum column { PROTOCOL, HOST, PORT, TLS, USER, SOURCE, VERIFIED, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"PROTOCOL", "SERVER", "PORT", "ENCRYPTION", "USER NAME", "SOURCE",
	"VERIFIED"
};

/*
 * The user name to type, as the lookup of a provider shows it: the address
 * given, or the part before its @; with a domain only, what to type.
 */
static const char *
user_cell(const struct mp_setting *s, const char *address,
    char user[static MP_USER_SIZE])
{
	char login[MP_USER_SIZE];
	size_t len;

	/* A file's template is the server's text: escaped, as a banner is. */
	if (s->template[0] != '\0') {
		const char *shown = login;

		if ((len = mp_username_template(s->template, address, login,
		    sizeof login)) == 0) {
			shown = s->template;
			len = strlen(shown);
		}
		mp_escape(user, MP_USER_SIZE, shown, len);
		return user;
	}
	if (address == NULL || strchr(address, '@') == NULL ||
	    s->endpoint.username == MP_USER_NONE)
		return mp_username_label(s->endpoint.username);
	len = mp_username_fill(s->endpoint.username, address, login,
	    sizeof login);
	mp_escape(user, MP_USER_SIZE, login, len);
	return user;
}

/*
 * An autoconfig file's URL as people are shown it where room is short:
 * its host, and ".well-known" where it was found there; the whole URL is
 * in --json and --tsv.  Anything else as it is.
 */
static const char *
short_url(const char *url, char *out, size_t size)
{
	char host[MP_HOST_NAME_SIZE], rest[MP_URL_SIZE];
	unsigned port;
	bool https;

	if (!mp_url_split(url, host, &port, rest, sizeof rest, &https))
		return url;
	snprintf(out, size, "%s%s", host,
	    strncmp(rest, "/.well-known/", 13) == 0 ? "/.well-known" : "");
	return out;
}

/* The source and the row, record, host or file it came by. */
static void
source_cell(const struct mp_setting *s, char *cell, size_t size)
{
	char shortened[MP_HOST_NAME_SIZE + 16];

	snprintf(cell, size, "%s %s", mp_source_key(s->source),
	    s->source == MP_SOURCE_AUTOCONFIG ? short_url(s->via, shortened,
	    sizeof shortened) : s->via);
}

/* The settings' rows, for the address, in colour or not. */
struct setting_rows {
	const struct mp_setting *settings;
	const char *address;
	bool color;
	char number[8], source[MP_URL_SIZE + 16], user[MP_USER_SIZE];
	char verified[VERIFIED_SIZE];
};

static bool
setting_row(void *data, size_t i, struct mp_table_row *row)
{
	struct setting_rows *rows = data;
	const struct mp_setting *s = &rows->settings[i];

	snprintf(rows->number, sizeof rows->number, "%u", s->endpoint.port);
	source_cell(s, rows->source, sizeof rows->source);
	row->cell[PROTOCOL] = mp_protocol_label(s->endpoint.protocol);
	row->cell[HOST] = s->endpoint.host;
	row->cell[PORT] = rows->number;
	row->cell[TLS] = mp_tls_label(s->endpoint.tls);
	row->cell[USER] = user_cell(s, rows->address, rows->user);
	row->cell[SOURCE] = rows->source;
	row->cell[VERIFIED] = verified_text(s, rows->verified);
	row->color = !rows->color ? NULL : s->verified ? MP_GREEN : MP_RED;
	return true;
}

/* The steps, for a row function, whose data is not const. */
struct step_rows {
	const struct mp_step *steps;
	char query[MP_HOST_NAME_SIZE + 16];
};

static bool
step_row(void *data, size_t i, struct mp_table_row *row)
{
	struct step_rows *rows = data;
	const struct mp_step *step = &rows->steps[i];

	row->cell[0] = step_labels[step->source];
	row->cell[1] = step->source != MP_SOURCE_AUTOCONFIG ? step->query :
	    short_url(step->query, rows->query, sizeof rows->query);
	row->cell[2] = step->found;
	row->color = NULL;
	return true;
}

static void
print_steps(FILE *fp, const struct mp_discovery *d, size_t columns)
{
	struct step_rows rows = { .steps = d->steps };
	struct mp_table table = {
		.ncolumns = 3,
		.columns = columns,
		.row = step_row,
		.data = &rows,
	};
	size_t i;

	/* The labels line up whichever steps were taken. */
	for (i = 0; i < MP_NSOURCES; i++)
		if (strlen(step_labels[i]) > table.width[0])
			table.width[0] = strlen(step_labels[i]);
	mp_table_print(fp, &table, d->nsteps);
}

void
mp_refused_text(unsigned findings, char *text, size_t size)
{
	size_t len = 0;
	unsigned bit;

	if (size > 0)
		text[0] = '\0';
	for (bit = 0; bit < MP_CERT_NFINDINGS && len < size; bit++)
		if (findings & MP_CERT_REFUSED & MP_CERT_BIT(bit))
			len += (size_t)snprintf(text + len, size - len, "%s%s",
			    len > 0 ? "; " : "",
			    mp_cert_finding_text((enum mp_cert_finding)bit));
}

/*
 * Under the table, what the certificates decided: a host taken instead of
 * the one found first, and why a setting whose certificate a mail client
 * refuses is not verified, with the certificate's line.
 */
static void
print_why(FILE *fp, const struct mp_discovery *d, size_t columns)
{
	/* Four names, the reasons and the words around them. */
	char why[512], text[(size_t)4 * MP_DNS_NAME_SIZE + sizeof why + 256];
	size_t i;

	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const struct mp_endpoint *e = &s->endpoint;

		if (s->instead_of[0] != '\0') {
			snprintf(text, sizeof text, "%s port %u: the "
			    "certificate of %s is made out to %s, whose own a "
			    "mail client takes: it is the server to use",
			    e->host, e->port, s->instead_of, e->host);
			mp_put_wrapped(fp, "", text, columns);
			continue;
		}
		if (!s->probed || s->verified || refusal(s) < 0)
			continue;
		mp_refused_text(s->probe.cert.findings, why, sizeof why);
		if (strcmp(s->matched, e->host) != 0)
			snprintf(text, sizeof text, "%s port %u: not "
			    "verified: %s; %s was found in DNS alone, outside "
			    "%s, so a mail client matches the certificate "
			    "against %s (RFC 7817, section 3)", e->host,
			    e->port, why, e->host, d->domain, s->matched);
		else
			snprintf(text, sizeof text, "%s port %u: not verified: "
			    "%s", e->host, e->port, why);
		mp_put_wrapped(fp, "", text, columns);
		mp_print_cert_line(fp, &s->probe, columns);
	}
}

/* Whether the settings chosen hold one for the same server as other. */
static bool
chosen(const struct mp_discovery *d, const struct mp_setting *other)
{
	size_t i;

	for (i = 0; i < d->nsettings; i++) {
		const struct mp_endpoint *e = &d->settings[i].endpoint;

		if (e->protocol == other->endpoint.protocol &&
		    e->port == other->endpoint.port && e->tls ==
		    other->endpoint.tls && strcmp(e->host,
		    other->endpoint.host) == 0)
			return true;
	}
	return false;
}

/*
 * Where a source that lost found a setting the answer does not hold, for
 * a protocol the answer has: two sources disagree, and the user is shown
 * both, not told which is right.
 */
static void
print_others(FILE *fp, const struct mp_discovery *d, size_t columns)
{
	char text[MP_HOST_NAME_SIZE + 256];
	size_t i, j;

	for (i = 0; i < d->nothers; i++) {
		const struct mp_setting *o = &d->others[i];
		const struct mp_endpoint *e = &o->endpoint;

		for (j = 0; j < d->nsettings &&
		    d->settings[j].endpoint.protocol != e->protocol; j++)
			;
		if (j == d->nsettings || o->source == MP_SOURCE_GUESS ||
		    chosen(d, o))
			continue;
		snprintf(text, sizeof text, "But %s say%s %s %s port %u %s: "
		    "%s comes first, as in a mail client's wizard",
		    source_names[o->source],
		    o->source == MP_SOURCE_SRV ? "" : "s",
		    mp_protocol_label(e->protocol), e->host, e->port,
		    mp_tls_label(e->tls), source_names[d->settings[0].source]);
		mp_put_wrapped(fp, "", text, columns);
	}
}

void
mp_print_discovery_table(FILE *fp, const struct mp_discovery *d,
    const char *address, bool color, size_t columns)
{
	bool probed = d->nsettings > 0 && d->settings[0].probed;
	struct setting_rows rows = { .settings = d->settings,
	    .address = address, .color = color && probed };
	const struct mp_table table = {
		.header = headers,
		.ncolumns = probed ? NCOLUMNS : SOURCE + 1,
		.tinted = 1u << VERIFIED,
		.columns = columns,
		.row = setting_row,
		.data = &rows,
	};

	print_steps(fp, d, columns);
	if (d->dns_failed)
		mp_put_wrapped(fp, "", "no name server answered: check the "
		    "network, or name one with --dns-server", columns);
	if (d->nsettings == 0) {
		mp_put_wrapped(fp, "", "no settings found: ask the domain's "
		    "administrator, or probe a server you know with --probe",
		    columns);
		return;
	}
	putc('\n', fp);
	mp_table_print(fp, &table, d->nsettings);
	print_why(fp, d, columns);
	print_others(fp, d, columns);
	if (!mp_source_authenticated(d->settings[0].source)) {
		char text[256];

		snprintf(text, sizeof text, "Not authenticated: these settings "
		    "%s; confirm them with your provider before you type a "
		    "password.", unauthenticated[d->settings[0].source]);
		mp_put_wrapped(fp, "", text, columns);
	}
}

void
mp_print_discovery_ports(FILE *fp, const struct mp_discovery *d)
{
	size_t i, j;

	for (i = 0; i < d->nsettings; i++) {
		for (j = 0; j < i && d->settings[j].endpoint.port !=
		    d->settings[i].endpoint.port; j++)
			;
		if (j < i)
			continue;
		fprintf(fp, "%u\n", d->settings[i].endpoint.port);
	}
}

const char mp_discovery_tsv_columns[] = "protocol\thost\tport\ttls"
    "\tusername\tsource\tvia\tverified\tcert_findings\tmatched\tinstead_of"
    "\tauthenticated\tusername_template";

void
mp_print_discovery_tsv(FILE *fp, const struct mp_discovery *d)
{
	fprintf(fp, "%s\n", mp_discovery_tsv_columns);
	mp_put_discovery_tsv(fp, d, NULL);
}

void
mp_put_discovery_tsv(FILE *fp, const struct mp_discovery *d, const char *tag)
{
	size_t i;

	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const struct mp_endpoint *e = &s->endpoint;

		if (tag != NULL)
			fprintf(fp, "%s\t", tag);
		fprintf(fp, "%s\t%s\t%u\t%s\t%s\t%s\t%s\t%s\t",
		    mp_protocol_key(e->protocol), e->host, e->port,
		    mp_tls_key(e->tls), mp_username_key(e->username),
		    mp_source_key(s->source), s->via,
		    !s->probed ? "" : s->verified ? "yes" : "no");
		if (s->probed)
			(void)mp_put_cert_keys(fp, s->probe.cert.findings, ",",
			    false, false);
		fprintf(fp, "\t%s\t%s\t%s\t%s%s\n", s->matched, s->instead_of,
		    mp_source_authenticated(s->source) ? "yes" : "no",
		    s->template, tag != NULL ? "\t" : "");
	}
}

/* A name, or null where there is none. */
static void
put_json_name(FILE *fp, const char *name)
{
	if (name[0] == '\0')
		fputs("null", fp);
	else
		mp_put_json_text(fp, name);
}

/* One setting as an object of --json, after a comma unless first. */
static void
put_json_setting(FILE *fp, const struct mp_setting *s, bool comma)
{
	const struct mp_endpoint *e = &s->endpoint;

	fprintf(fp, "%s{\"protocol\":\"%s\",\"host\":\"%s\","
	    "\"port\":%u,\"tls\":\"%s\",\"username\":\"%s\","
	    "\"source\":\"%s\",\"via\":", comma ? "," : "",
	    mp_protocol_key(e->protocol), e->host, e->port,
	    mp_tls_key(e->tls), mp_username_key(e->username),
	    mp_source_key(s->source));
	mp_put_json_text(fp, s->via);
	fprintf(fp, ",\"verified\":%s",
	    !s->probed ? "null" : s->verified ? "true" : "false");
	if (s->probed) {
		fputs(",\"matched\":", fp);
		put_json_name(fp, s->matched);
		fputs(",\"instead_of\":", fp);
		put_json_name(fp, s->instead_of);
	}
	if (s->probed && s->probe.request.address[0] != '\0') {
		fputs(",\"probe\":{\"address\":", fp);
		mp_put_json_text(fp, s->probe.request.address);
		fprintf(fp, ",\"state\":\"%s\",\"tls\":\"%s\","
		    "\"cert_findings\":[", mp_state_key(s->probe.state),
		    mp_found_tls_key(s->probe.tls));
		(void)mp_put_cert_keys(fp, s->probe.cert.findings, ",", true,
		    false);
		putc(']', fp);
		mp_put_cert_json(fp, &s->probe);
		putc('}', fp);
	}
	fprintf(fp, ",\"authenticated\":%s",
	    mp_source_authenticated(s->source) ? "true" : "false");
	if (s->template[0] != '\0') {
		fputs(",\"username_template\":", fp);
		mp_put_json_text(fp, s->template);
	}
	putc('}', fp);
}

void
mp_print_discovery_json(FILE *fp, const struct mp_discovery *d)
{
	putc('{', fp);
	mp_put_discovery_json(fp, d);
	fputs("}\n", fp);
}

void
mp_put_discovery_json(FILE *fp, const struct mp_discovery *d)
{
	size_t i;

	fputs("\"domain\":", fp);
	mp_put_json_text(fp, d->domain);
	fputs(",\"steps\":[", fp);
	for (i = 0; i < d->nsteps; i++) {
		fprintf(fp, "%s{\"source\":\"%s\",\"query\":", i > 0 ? "," : "",
		    mp_source_key(d->steps[i].source));
		mp_put_json_text(fp, d->steps[i].query);
		fputs(",\"found\":", fp);
		mp_put_json_text(fp, d->steps[i].found);
		putc('}', fp);
	}
	fputs("],\"settings\":[", fp);
	for (i = 0; i < d->nsettings; i++)
		put_json_setting(fp, &d->settings[i], i > 0);
	fputs("],\"others\":[", fp);
	for (i = 0; i < d->nothers; i++)
		put_json_setting(fp, &d->others[i], i > 0);
	fputs(d->dns_failed ? "],\"dns_failed\":true" :
	    "],\"dns_failed\":false", fp);
}

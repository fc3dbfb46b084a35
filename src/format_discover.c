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
#include "output.h"
#include "providers.h"

static const char *const step_labels[MP_NSOURCES] = {
	[MP_SOURCE_PROVIDER] = "provider table",
	[MP_SOURCE_SRV] = "DNS SRV",
	[MP_SOURCE_MX] = "DNS MX",
	[MP_SOURCE_GUESS] = "guess",
};

static const char *
verified_text(const struct mp_setting *s)
{
	if (!s->probed)
		return "-";
	if (s->verified)
		return "yes";
	if (s->probe.request.address[0] == '\0')
		return "no address";
	if (s->probe.state != MP_STATE_OPEN)
		return mp_state_key(s->probe.state);
	return "not secure";
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

	if (address == NULL || strchr(address, '@') == NULL ||
	    s->endpoint.username == MP_USER_NONE)
		return mp_username_label(s->endpoint.username);
	len = mp_username_fill(s->endpoint.username, address, login,
	    sizeof login);
	mp_escape(user, MP_USER_SIZE, login, len);
	return user;
}

static void
cells(const struct mp_setting *s, const char *address, char number[static 6],
    char source[static MP_DNS_NAME_SIZE + 16], char user[static MP_USER_SIZE],
    const char *cell[NCOLUMNS])
{
	snprintf(source, MP_DNS_NAME_SIZE + 16, "%s %s",
	    mp_source_key(s->source), s->via);
	cell[PROTOCOL] = mp_protocol_label(s->endpoint.protocol);
	cell[HOST] = s->endpoint.host;
	cell[PORT] = mp_format_number(number, s->endpoint.port);
	cell[TLS] = mp_tls_label(s->endpoint.tls);
	cell[USER] = user_cell(s, address, user);
	cell[SOURCE] = source;
	cell[VERIFIED] = verified_text(s);
}

static void
print_steps(FILE *fp, const struct mp_discovery *d, size_t columns)
{
	size_t width[3] = { 0, 0, 0 }, i;

	/* The labels line up whichever steps were taken. */
	for (i = 0; i < MP_NSOURCES; i++)
		if (strlen(step_labels[i]) > width[0])
			width[0] = strlen(step_labels[i]);
	for (i = 0; i < d->nsteps; i++)
		if (strlen(d->steps[i].query) > width[1])
			width[1] = strlen(d->steps[i].query);
	for (i = 0; i < d->nsteps; i++) {
		const struct mp_step *step = &d->steps[i];
		const char *const cell[3] = {
			step_labels[step->source], step->query, step->found
		};

		mp_row_cells(fp, cell, NULL, width, 3, 0, NULL, columns);
	}
}

void
mp_print_discovery_table(FILE *fp, const struct mp_discovery *d,
    const char *address, bool color, size_t columns)
{
	const char *cell[NCOLUMNS];
	size_t width[NCOLUMNS], i;
	char number[6], source[MP_DNS_NAME_SIZE + 16], user[MP_USER_SIZE];
	bool probed = d->nsettings > 0 && d->settings[0].probed;
	int c, last = probed ? VERIFIED : SOURCE;

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
	for (c = 0; c < NCOLUMNS; c++)
		width[c] = strlen(headers[c]);
	for (i = 0; i < d->nsettings; i++) {
		cells(&d->settings[i], address, number, source, user, cell);
		for (c = 0; c < NCOLUMNS; c++)
			if (strlen(cell[c]) > width[c])
				width[c] = strlen(cell[c]);
	}
	mp_row_cells(fp, headers, NULL, width, (size_t)last + 1, 0, NULL,
	    columns);
	for (i = 0; i < d->nsettings; i++) {
		cells(&d->settings[i], address, number, source, user, cell);
		mp_row_cells(fp, cell, NULL, width, (size_t)last + 1,
		    1u << VERIFIED, !color || !probed ? NULL :
		    d->settings[i].verified ? MP_GREEN : MP_RED, columns);
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

void
mp_print_discovery_tsv(FILE *fp, const struct mp_discovery *d)
{
	size_t i;

	fputs("protocol\thost\tport\ttls\tusername\tsource\tvia\tverified\n",
	    fp);
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const struct mp_endpoint *e = &s->endpoint;

		fprintf(fp, "%s\t%s\t%u\t%s\t%s\t%s\t%s\t%s\n",
		    mp_protocol_key(e->protocol), e->host, e->port,
		    mp_tls_key(e->tls), mp_username_key(e->username),
		    mp_source_key(s->source), s->via,
		    !s->probed ? "" : s->verified ? "yes" : "no");
	}
}

void
mp_print_discovery_json(FILE *fp, const struct mp_discovery *d)
{
	size_t i;

	fputs("{\"domain\":", fp);
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
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const struct mp_endpoint *e = &s->endpoint;

		fprintf(fp, "%s{\"protocol\":\"%s\",\"host\":\"%s\","
		    "\"port\":%u,\"tls\":\"%s\",\"username\":\"%s\","
		    "\"source\":\"%s\",\"via\":", i > 0 ? "," : "",
		    mp_protocol_key(e->protocol), e->host, e->port,
		    mp_tls_key(e->tls), mp_username_key(e->username),
		    mp_source_key(s->source));
		mp_put_json_text(fp, s->via);
		fprintf(fp, ",\"verified\":%s",
		    !s->probed ? "null" : s->verified ? "true" : "false");
		if (s->probed && s->probe.request.address[0] != '\0') {
			fputs(",\"probe\":{\"address\":", fp);
			mp_put_json_text(fp, s->probe.request.address);
			fprintf(fp, ",\"state\":\"%s\",\"tls\":\"%s\"}",
			    mp_state_key(s->probe.state),
			    mp_found_tls_key(s->probe.tls));
		}
		putc('}', fp);
	}
	fputs(d->dns_failed ? "],\"dns_failed\":true}\n" :
	    "],\"dns_failed\":false}\n", fp);
}

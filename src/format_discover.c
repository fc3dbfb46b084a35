/*
 * format_discover.c - writing what discovery found: the steps and the
 * settings, for people and for scripts.  Names from DNS hold only letters,
 * digits, hyphens, underscores and dots (src/dns.c refuses others), so they
 * need no escaping.
 */
#include <string.h>

#include "discover.h"
#include "output.h"

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
	if (s->probe.address[0] == '\0')
		return "no address";
	if (s->probe.state != MP_STATE_OPEN)
		return mp_state_key(s->probe.state);
	return "not secure";
}

enum column { PROTOCOL, HOST, PORT, TLS, USER, SOURCE, VERIFIED, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"PROTOCOL", "SERVER", "PORT", "ENCRYPTION", "USER NAME", "SOURCE",
	"VERIFIED"
};

static void
cells(const struct mp_setting *s, char number[static 6],
    char source[static MP_DNS_NAME_SIZE + 16], const char *cell[NCOLUMNS])
{
	const char *const parts[] = {
		mp_source_key(s->source), " ", s->via, NULL
	};
	size_t used = 0;
	const char *const *part;

	for (part = parts; *part != NULL; part++) {
		size_t len = strlen(*part);

		if (used + len >= MP_DNS_NAME_SIZE + 16)
			len = MP_DNS_NAME_SIZE + 15 - used;
		memcpy(source + used, *part, len);
		used += len;
	}
	source[used] = '\0';
	cell[PROTOCOL] = mp_protocol_label(s->protocol);
	cell[HOST] = s->host;
	cell[PORT] = mp_format_number(number, s->port);
	cell[TLS] = mp_tls_label(s->tls);
	cell[USER] = s->username == MP_USER_ADDRESS ? "whole address" :
	    "part before @";
	cell[SOURCE] = source;
	cell[VERIFIED] = verified_text(s);
}

static void
print_steps(FILE *fp, const struct mp_discovery *d)
{
	size_t width = 0, i;
	struct mp_row row;

	for (i = 0; i < d->nsteps; i++)
		if (strlen(d->steps[i].query) > width)
			width = strlen(d->steps[i].query);
	mp_row_begin(&row, fp);
	for (i = 0; i < d->nsteps; i++) {
		const struct mp_step *step = &d->steps[i];

		mp_row_add_string(&row, step_labels[step->source]);
		mp_row_pad(&row, 16 - strlen(step_labels[step->source]));
		mp_row_add_string(&row, step->query);
		mp_row_pad(&row, width - strlen(step->query) + 2);
		mp_row_add_string(&row, step->found);
		mp_row_end(&row);
	}
}

void
mp_print_discovery_table(FILE *fp, const struct mp_discovery *d, bool color)
{
	const char *cell[NCOLUMNS];
	size_t width[NCOLUMNS], i;
	char number[6], source[MP_DNS_NAME_SIZE + 16];
	bool probed = d->nsettings > 0 && d->settings[0].probed;
	int c, last = probed ? VERIFIED : SOURCE;

	print_steps(fp, d);
	if (d->dns_failed)
		fputs("no name server answered: check the network, or name one "
		    "with --dns-server\n", fp);
	if (d->nsettings == 0) {
		fputs("no settings found: ask the domain's administrator, or "
		    "probe a server you know with --probe\n", fp);
		return;
	}
	mp_put_byte('\n', fp);
	for (c = 0; c < NCOLUMNS; c++)
		width[c] = strlen(headers[c]);
	for (i = 0; i < d->nsettings; i++) {
		cells(&d->settings[i], number, source, cell);
		for (c = 0; c < NCOLUMNS; c++)
			if (strlen(cell[c]) > width[c])
				width[c] = strlen(cell[c]);
	}
	mp_row_cells(fp, headers, NULL, width, (size_t)last + 1, 0, NULL);
	for (i = 0; i < d->nsettings; i++) {
		cells(&d->settings[i], number, source, cell);
		mp_row_cells(fp, cell, NULL, width, (size_t)last + 1,
		    1u << VERIFIED, !color || !probed ? NULL :
		    d->settings[i].verified ? MP_GREEN : MP_RED);
	}
}

void
mp_print_discovery_ports(FILE *fp, const struct mp_discovery *d)
{
	size_t i, j;

	for (i = 0; i < d->nsettings; i++) {
		for (j = 0; j < i && d->settings[j].port != d->settings[i].port;
		    j++)
			;
		if (j < i)
			continue;
		mp_put_number(fp, d->settings[i].port);
		mp_put_byte('\n', fp);
	}
}

void
mp_print_discovery_tsv(FILE *fp, const struct mp_discovery *d)
{
	char number[6];
	size_t i;

	fputs("protocol\thost\tport\ttls\tusername\tsource\tvia\tverified\n",
	    fp);
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const char *const fields[] = {
			mp_protocol_key(s->protocol), "\t", s->host, "\t",
			mp_format_number(number, s->port), "\t",
			mp_tls_key(s->tls), "\t",
			s->username == MP_USER_ADDRESS ? "address" : "localpart",
			"\t", mp_source_key(s->source), "\t", s->via, "\t",
			!s->probed ? "" : s->verified ? "yes" : "no", "\n", NULL
		};

		mp_put_all(fp, fields);
	}
}

static void
put_json_text(FILE *fp, const char *text)
{
	mp_put_json_string(fp, text, strlen(text));
}

void
mp_print_discovery_json(FILE *fp, const struct mp_discovery *d)
{
	char number[6];
	size_t i;

	fputs("{\"domain\":", fp);
	put_json_text(fp, d->domain);
	fputs(",\"steps\":[", fp);
	for (i = 0; i < d->nsteps; i++) {
		fputs(i > 0 ? ",{\"source\":\"" : "{\"source\":\"", fp);
		fputs(mp_source_key(d->steps[i].source), fp);
		fputs("\",\"query\":", fp);
		put_json_text(fp, d->steps[i].query);
		fputs(",\"found\":", fp);
		put_json_text(fp, d->steps[i].found);
		mp_put_byte('}', fp);
	}
	fputs("],\"settings\":[", fp);
	for (i = 0; i < d->nsettings; i++) {
		const struct mp_setting *s = &d->settings[i];
		const char *const fields[] = {
			i > 0 ? ",{\"protocol\":\"" : "{\"protocol\":\"",
			mp_protocol_key(s->protocol), "\",\"host\":\"", s->host,
			"\",\"port\":", mp_format_number(number, s->port),
			",\"tls\":\"", mp_tls_key(s->tls), "\",\"username\":\"",
			s->username == MP_USER_ADDRESS ? "address" : "localpart",
			"\",\"source\":\"", mp_source_key(s->source),
			"\",\"via\":", NULL
		};

		mp_put_all(fp, fields);
		put_json_text(fp, s->via);
		fputs(",\"verified\":", fp);
		fputs(!s->probed ? "null" : s->verified ? "true" : "false", fp);
		if (s->probed && s->probe.address[0] != '\0') {
			fputs(",\"probe\":{\"address\":", fp);
			put_json_text(fp, s->probe.address);
			fputs(",\"state\":\"", fp);
			fputs(mp_state_key(s->probe.state), fp);
			fputs("\",\"tls\":\"", fp);
			fputs(mp_found_tls_key(s->probe.tls), fp);
			fputs("\"}", fp);
		}
		mp_put_byte('}', fp);
	}
	fputs(d->dns_failed ? "],\"dns_failed\":true}\n" :
	    "],\"dns_failed\":false}\n", fp);
}

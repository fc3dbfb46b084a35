/*
 * format_servers.c - writing a provider's servers, and the list of
 * providers, for people and for scripts.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "mailports.h"
#include "output.h"
#include "providers.h"

enum column { DIRECTION, PROTOCOL, HOST, PORT, ENCRYPTION, USER, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"DIRECTION", "PROTOCOL", "SERVER", "PORT", "ENCRYPTION", "USER NAME"
};

static const char *
username_key(enum mp_username username)
{
	return username == MP_USER_ADDRESS ? "address" : "localpart";
}

/* What to type as the user name: the address given, or part of it. */
static size_t
login_length(const struct mp_query *query, const struct mp_server *server)
{
	if (server->username == MP_USER_LOCALPART)
		return query->local_len;
	return strlen(query->address);
}

static const char *
user_cell(const struct mp_query *query, const struct mp_server *server,
    size_t *len)
{
	const char *text;

	if (query->address[0] != '\0') {
		*len = login_length(query, server);
		return query->address;
	}
	text = server->username == MP_USER_ADDRESS ? "whole address" :
	    "part before @";
	*len = strlen(text);
	return text;
}

static void
cells(const struct mp_query *query, const struct mp_server *server,
    char number[static 6], const char *cell[NCOLUMNS], size_t len[NCOLUMNS])
{
	int c;

	cell[DIRECTION] = mp_server_incoming(server) ? "Incoming" : "Outgoing";
	cell[PROTOCOL] = mp_protocol_label(server->protocol);
	cell[HOST] = server->host;
	cell[PORT] = mp_format_number(number, server->port);
	cell[ENCRYPTION] = mp_tls_label(server->tls);
	for (c = 0; c < USER; c++)
		len[c] = strlen(cell[c]);
	cell[USER] = user_cell(query, server, &len[USER]);
}

static void
print_notes(FILE *fp, unsigned provider, const char *label, size_t columns)
{
	size_t i;

	for (i = 0; i < mp_nnotes; i++) {
		if (mp_notes[i].provider != provider)
			continue;
		mp_put_wrapped(fp, label, mp_notes[i].text, columns);
	}
}

void
mp_print_servers_table(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n, bool color,
    size_t columns)
{
	const struct mp_provider *provider;
	size_t width[NCOLUMNS], len[NCOLUMNS], i;
	const char *cell[NCOLUMNS];
	char number[6];
	int c;

	if (n == 0)
		return;
	provider = &mp_providers[servers[0]->provider];
	fprintf(fp, "%s (%s)\n", provider->name, provider->word);
	for (c = 0; c < NCOLUMNS; c++)
		width[c] = len[c] = strlen(headers[c]);
	for (i = 0; i < n; i++) {
		cells(query, servers[i], number, cell, len);
		for (c = 0; c < NCOLUMNS; c++)
			if (len[c] > width[c])
				width[c] = len[c];
	}
	for (c = 0; c < NCOLUMNS; c++)
		len[c] = strlen(headers[c]);
	mp_row_cells(fp, headers, len, width, NCOLUMNS, 0, NULL, columns);
	for (i = 0; i < n; i++) {
		cells(query, servers[i], number, cell, len);
		mp_row_cells(fp, cell, len, width, NCOLUMNS, 1u << ENCRYPTION,
		    !color ? NULL : servers[i]->tls != MP_TLS_NONE ? MP_GREEN :
		    MP_RED, columns);
	}
	print_notes(fp, servers[0]->provider, "note: ", columns);
	mp_put_wrapped(fp, "source: ", provider->source, columns);
}

void
mp_print_servers_ports(FILE *fp, const struct mp_server *const *servers,
    size_t n, char separator)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(separator, fp);
		fprintf(fp, "%u", servers[i]->port);
	}
	putc('\n', fp);
}

void
mp_print_servers_tsv_header(FILE *fp)
{
	fputs("provider\tname\tprotocol\thost\tport\ttls\tsecure\tusername"
	    "\tlogin\tnotes\tsource\n", fp);
}

void
mp_print_servers_tsv(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct mp_server *server = servers[i];
		const struct mp_provider *provider =
		    &mp_providers[server->provider];
		const char *separator = "";

		fprintf(fp, "%s\t%s\t%s\t%s\t%u\t%s\t%s\t%s\t%.*s\t",
		    provider->word, provider->name,
		    mp_protocol_key(server->protocol), server->host,
		    server->port, mp_tls_key(server->tls),
		    server->tls != MP_TLS_NONE ? "yes" : "no",
		    username_key(server->username),
		    (int)login_length(query, server), query->address);
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != server->provider)
				continue;
			fprintf(fp, "%s%s", separator, mp_notes[j].text);
			separator = " | ";
		}
		fprintf(fp, "\t%s\n", provider->source);
	}
}

void
mp_print_servers_json(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n)
{
	size_t i, j;

	putc('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_server *server = servers[i];
		const struct mp_provider *provider =
		    &mp_providers[server->provider];
		const char *separator = "";

		fputs(i > 0 ? ",{\"provider\":" : "{\"provider\":", fp);
		mp_put_json_text(fp, provider->word);
		fputs(",\"name\":", fp);
		mp_put_json_text(fp, provider->name);
		fprintf(fp, ",\"protocol\":\"%s\",\"direction\":\"%s\","
		    "\"host\":\"%s\",\"port\":%u,\"tls\":\"%s\",\"secure\":%s,"
		    "\"username\":\"%s\",\"login\":",
		    mp_protocol_key(server->protocol),
		    mp_server_incoming(server) ? "incoming" : "outgoing",
		    server->host, server->port, mp_tls_key(server->tls),
		    server->tls != MP_TLS_NONE ? "true" : "false",
		    username_key(server->username));
		if (query->address[0] != '\0')
			mp_put_json_string(fp, query->address,
			    login_length(query, server));
		else
			fputs("null", fp);
		fputs(",\"notes\":[", fp);
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != server->provider)
				continue;
			fputs(separator, fp);
			mp_put_json_text(fp, mp_notes[j].text);
			separator = ",";
		}
		fputs("],\"source\":", fp);
		mp_put_json_text(fp, provider->source);
		putc('}', fp);
	}
	fputs("]\n", fp);
}

/*
 * A provider's row, for people: its domains fill the last column and
 * wrap before the last column of the terminal, or of 80 columns when
 * there is none, and go on lines of their own when that column would be
 * too narrow; a wildcard shows as a subdomain.
 */
static void
print_provider_row(FILE *fp, unsigned provider, size_t word_width,
    size_t name_width, size_t columns)
{
	const size_t limit = (columns > 0 ? columns : 80) - 1;
	const char *name = mp_providers[provider].name;
	size_t indent = word_width + name_width + 4, column = indent, i;
	bool first = true, own_lines = indent + MP_WRAP_MIN > limit;

	fprintf(fp, "%-*s  %s", (int)word_width, mp_providers[provider].word,
	    name);
	for (i = 0; i < mp_ndomains; i++) {
		const struct mp_domain *domain = &mp_domains[i];
		bool wildcard = domain->name[0] == '.';
		size_t len = domain->len + (wildcard ? 1u : 0u);

		if (domain->provider != provider)
			continue;
		if (first && own_lines) {
			indent = column = MP_WRAP_INDENT;
			fprintf(fp, "\n%*s", (int)indent, "");
		} else if (first) {
			fprintf(fp, "%*s", (int)(name_width - strlen(name) + 2),
			    "");
		} else if (column + 1 + len > limit) {
			fprintf(fp, "\n%*s", (int)indent, "");
			column = indent;
		} else {
			putc(' ', fp);
			column++;
		}
		fprintf(fp, "%s%s", wildcard ? "*" : "", domain->name);
		column += len;
		first = false;
	}
	putc('\n', fp);
}

static void
print_providers_table(FILE *fp, size_t columns)
{
	size_t word_width = strlen("PROVIDER"), name_width = strlen("NAME");
	size_t i;

	for (i = 0; i < mp_nproviders; i++) {
		if (strlen(mp_providers[i].word) > word_width)
			word_width = strlen(mp_providers[i].word);
		if (strlen(mp_providers[i].name) > name_width)
			name_width = strlen(mp_providers[i].name);
	}
	fprintf(fp, "%-*s  %-*s  DOMAINS\n", (int)word_width, "PROVIDER",
	    (int)name_width, "NAME");
	for (i = 0; i < mp_nproviders; i++)
		print_provider_row(fp, (unsigned)i, word_width, name_width,
		    columns);
}

/* Writes text as it is, or as a JSON string. */
static void
put_text(FILE *fp, const char *text, bool json)
{
	if (json)
		mp_put_json_text(fp, text);
	else
		fputs(text, fp);
}

/* The words that name provider, its own first, separated by separator. */
static void
print_provider_words(FILE *fp, unsigned provider, const char *separator,
    bool json)
{
	size_t i;

	put_text(fp, mp_providers[provider].word, json);
	for (i = 0; i < mp_naliases; i++) {
		if (mp_aliases[i].provider != provider)
			continue;
		fputs(separator, fp);
		put_text(fp, mp_aliases[i].word, json);
	}
}

static void
print_provider_domains(FILE *fp, unsigned provider, const char *separator,
    bool json)
{
	const char *between = "";
	size_t i;

	for (i = 0; i < mp_ndomains; i++) {
		if (mp_domains[i].provider != provider)
			continue;
		fputs(between, fp);
		put_text(fp, mp_domains[i].name, json);
		between = separator;
	}
}

static void
print_providers_tsv(FILE *fp)
{
	size_t i;

	fputs("provider\tname\twords\tdomains\tsource\n", fp);
	for (i = 0; i < mp_nproviders; i++) {
		fprintf(fp, "%s\t%s\t", mp_providers[i].word,
		    mp_providers[i].name);
		print_provider_words(fp, (unsigned)i, " ", false);
		putc('\t', fp);
		print_provider_domains(fp, (unsigned)i, " ", false);
		fprintf(fp, "\t%s\n", mp_providers[i].source);
	}
}

static void
print_providers_json(FILE *fp)
{
	size_t i, j;

	putc('[', fp);
	for (i = 0; i < mp_nproviders; i++) {
		const char *separator = "";

		fputs(i > 0 ? ",{\"provider\":" : "{\"provider\":", fp);
		mp_put_json_text(fp, mp_providers[i].word);
		fputs(",\"name\":", fp);
		mp_put_json_text(fp, mp_providers[i].name);
		fputs(",\"words\":[", fp);
		print_provider_words(fp, (unsigned)i, ",", true);
		fputs("],\"domains\":[", fp);
		print_provider_domains(fp, (unsigned)i, ",", true);
		fputs("],\"notes\":[", fp);
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != i)
				continue;
			fprintf(fp, "%s{\"text\":", separator);
			mp_put_json_text(fp, mp_notes[j].text);
			fputs(",\"source\":", fp);
			mp_put_json_text(fp, mp_notes[j].source);
			putc('}', fp);
			separator = ",";
		}
		fputs("],\"source\":", fp);
		mp_put_json_text(fp, mp_providers[i].source);
		putc('}', fp);
	}
	fputs("]\n", fp);
}

void
mp_print_providers(FILE *fp, enum mp_format format, size_t columns)
{
	size_t i;

	switch (format) {
	case MP_FORMAT_TABLE:
		print_providers_table(fp, columns);
		break;
	case MP_FORMAT_PORTS:
		/* The words alone, one a line, for scripts and completion. */
		for (i = 0; i < mp_nproviders; i++)
			fprintf(fp, "%s\n", mp_providers[i].word);
		break;
	case MP_FORMAT_TSV:
		print_providers_tsv(fp);
		break;
	case MP_FORMAT_JSON:
		print_providers_json(fp);
		break;
	}
}

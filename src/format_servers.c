/*
 * format_servers.c - writing a provider's servers, and the list of
 * providers, for people and for scripts.
 */
#include <string.h>

#include "mailports.h"
#include "output.h"

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

	cell[DIRECTION] = mp_server_incoming(server) ? "incoming" : "outgoing";
	cell[PROTOCOL] = mp_protocol_label(server->protocol);
	cell[HOST] = server->host;
	cell[PORT] = mp_format_number(number, server->port);
	cell[ENCRYPTION] = mp_tls_label(server->tls);
	for (c = 0; c < USER; c++)
		len[c] = strlen(cell[c]);
	cell[USER] = user_cell(query, server, &len[USER]);
}

static void
print_notes(FILE *fp, unsigned provider, const char *label)
{
	size_t i;

	for (i = 0; i < mp_nnotes; i++) {
		if (mp_notes[i].provider != provider)
			continue;
		fputs(label, fp);
		fputs(mp_notes[i].text, fp);
		mp_put_byte('\n', fp);
	}
}

void
mp_print_servers_table(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n, bool color)
{
	const struct mp_provider *provider;
	size_t width[NCOLUMNS], len[NCOLUMNS], i;
	const char *cell[NCOLUMNS];
	char number[6];
	int c;

	if (n == 0)
		return;
	provider = &mp_providers[servers[0]->provider];
	const char *const title[] = {
		provider->name, " (", provider->word, ")\n", NULL
	};
	mp_put_all(fp, title);
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
	mp_row_cells(fp, headers, len, width, NCOLUMNS, 0, NULL);
	for (i = 0; i < n; i++) {
		cells(query, servers[i], number, cell, len);
		mp_row_cells(fp, cell, len, width, NCOLUMNS, 1u << ENCRYPTION,
		    !color ? NULL : servers[i]->tls != MP_TLS_NONE ? MP_GREEN :
		    MP_RED);
	}
	print_notes(fp, servers[0]->provider, "note: ");
	const char *const source[] = { "source: ", provider->source, "\n", NULL };
	mp_put_all(fp, source);
}

void
mp_print_servers_ports(FILE *fp, const struct mp_server *const *servers,
    size_t n, char separator)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			mp_put_byte(separator, fp);
		mp_put_number(fp, servers[i]->port);
	}
	mp_put_byte('\n', fp);
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

		const char *const fields[] = {
			provider->word, "\t", provider->name,
			"\t", mp_protocol_key(server->protocol),
			"\t", server->host, "\t", NULL
		};
		const char *const more[] = {
			"\t", mp_tls_key(server->tls),
			"\t", server->tls != MP_TLS_NONE ? "yes" : "no",
			"\t", username_key(server->username), "\t", NULL
		};

		mp_put_all(fp, fields);
		mp_put_number(fp, server->port);
		mp_put_all(fp, more);
		fwrite(query->address, 1, login_length(query, server), fp);
		mp_put_byte('\t', fp);
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != server->provider)
				continue;
			fputs(separator, fp);
			fputs(mp_notes[j].text, fp);
			separator = " | ";
		}
		mp_put_byte('\t', fp);
		fputs(provider->source, fp);
		mp_put_byte('\n', fp);
	}
}

static void
put_json_text(FILE *fp, const char *text)
{
	mp_put_json_string(fp, text, strlen(text));
}

void
mp_print_servers_json(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n)
{
	size_t i, j;

	mp_put_byte('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_server *server = servers[i];
		const struct mp_provider *provider =
		    &mp_providers[server->provider];
		const char *separator = "";

		fputs(i > 0 ? ",{\"provider\":" : "{\"provider\":", fp);
		put_json_text(fp, provider->word);
		fputs(",\"name\":", fp);
		put_json_text(fp, provider->name);
		const char *const fields[] = {
			",\"protocol\":\"", mp_protocol_key(server->protocol),
			"\",\"direction\":\"",
			mp_server_incoming(server) ? "incoming" : "outgoing",
			"\",\"host\":\"", server->host, "\",\"port\":", NULL
		};
		mp_put_all(fp, fields);
		mp_put_number(fp, server->port);
		const char *const more[] = {
			",\"tls\":\"", mp_tls_key(server->tls),
			"\",\"secure\":",
			server->tls != MP_TLS_NONE ? "true" : "false",
			",\"username\":\"", username_key(server->username),
			"\",\"login\":", NULL
		};
		mp_put_all(fp, more);
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
			put_json_text(fp, mp_notes[j].text);
			separator = ",";
		}
		fputs("],\"source\":", fp);
		put_json_text(fp, provider->source);
		mp_put_byte('}', fp);
	}
	fputs("]\n", fp);
}

/* The domains of a provider, for people: a wildcard shows a subdomain row. */
static void
print_domain_lines(struct mp_row *row, unsigned provider, size_t indent)
{
	const size_t limit = 79;
	size_t column = indent, i;

	for (i = 0; i < mp_ndomains; i++) {
		const struct mp_domain *domain = &mp_domains[i];
		size_t len = domain->len + (domain->name[0] == '.' ? 1u : 0u);

		if (domain->provider != provider)
			continue;
		if (column > indent && column + 1 + len > limit) {
			mp_row_end(row);
			mp_row_pad(row, indent);
			column = indent;
		}
		if (column > indent) {
			mp_row_add(row, " ", 1);
			column++;
		}
		if (domain->name[0] == '.')
			mp_row_add(row, "*", 1);
		mp_row_add(row, domain->name, domain->len);
		column += len;
	}
	mp_row_end(row);
}

static void
print_providers_table(FILE *fp)
{
	size_t word_width = strlen("PROVIDER"), name_width = strlen("NAME");
	struct mp_row row;
	size_t i;

	for (i = 0; i < mp_nproviders; i++) {
		if (strlen(mp_providers[i].word) > word_width)
			word_width = strlen(mp_providers[i].word);
		if (strlen(mp_providers[i].name) > name_width)
			name_width = strlen(mp_providers[i].name);
	}
	mp_row_begin(&row, fp);
	mp_row_add_string(&row, "PROVIDER");
	mp_row_pad(&row, word_width - strlen("PROVIDER") + 2);
	mp_row_add_string(&row, "NAME");
	mp_row_pad(&row, name_width - strlen("NAME") + 2);
	mp_row_add_string(&row, "DOMAINS");
	mp_row_end(&row);
	for (i = 0; i < mp_nproviders; i++) {
		const struct mp_provider *provider = &mp_providers[i];

		mp_row_add_string(&row, provider->word);
		mp_row_pad(&row, word_width - strlen(provider->word) + 2);
		mp_row_add_string(&row, provider->name);
		mp_row_pad(&row, name_width - strlen(provider->name) + 2);
		print_domain_lines(&row, (unsigned)i,
		    word_width + name_width + 4);
	}
}

/* The words that name provider, its own first, separated by separator. */
static void
print_provider_words(FILE *fp, unsigned provider, const char *separator,
    bool json)
{
	size_t i;

	if (json)
		put_json_text(fp, mp_providers[provider].word);
	else
		fputs(mp_providers[provider].word, fp);
	for (i = 0; i < mp_naliases; i++) {
		if (mp_aliases[i].provider != provider)
			continue;
		fputs(separator, fp);
		if (json)
			put_json_text(fp, mp_aliases[i].word);
		else
			fputs(mp_aliases[i].word, fp);
	}
}

static void
print_provider_domains(FILE *fp, unsigned provider, const char *separator,
    bool json)
{
	const char *between = "";
	size_t i;

	for (i = 0; i < mp_ndomains; i++) {
		const struct mp_domain *domain = &mp_domains[i];

		if (domain->provider != provider)
			continue;
		fputs(between, fp);
		if (json)
			mp_put_json_string(fp, domain->name, domain->len);
		else
			fwrite(domain->name, 1, domain->len, fp);
		between = separator;
	}
}

static void
print_providers_tsv(FILE *fp)
{
	size_t i;

	fputs("provider\tname\twords\tdomains\tsource\n", fp);
	for (i = 0; i < mp_nproviders; i++) {
		const char *const start[] = {
			mp_providers[i].word, "\t", mp_providers[i].name, "\t",
			NULL
		};

		mp_put_all(fp, start);
		print_provider_words(fp, (unsigned)i, " ", false);
		mp_put_byte('\t', fp);
		print_provider_domains(fp, (unsigned)i, " ", false);
		mp_put_byte('\t', fp);
		fputs(mp_providers[i].source, fp);
		mp_put_byte('\n', fp);
	}
}

static void
print_providers_json(FILE *fp)
{
	size_t i, j;

	mp_put_byte('[', fp);
	for (i = 0; i < mp_nproviders; i++) {
		const char *separator = "";

		fputs(i > 0 ? ",{\"provider\":" : "{\"provider\":", fp);
		put_json_text(fp, mp_providers[i].word);
		fputs(",\"name\":", fp);
		put_json_text(fp, mp_providers[i].name);
		fputs(",\"words\":[", fp);
		print_provider_words(fp, (unsigned)i, ",", true);
		fputs("],\"domains\":[", fp);
		print_provider_domains(fp, (unsigned)i, ",", true);
		fputs("],\"notes\":[", fp);
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != i)
				continue;
			fputs(separator, fp);
			fputs("{\"text\":", fp);
			put_json_text(fp, mp_notes[j].text);
			fputs(",\"source\":", fp);
			put_json_text(fp, mp_notes[j].source);
			mp_put_byte('}', fp);
			separator = ",";
		}
		fputs("],\"source\":", fp);
		put_json_text(fp, mp_providers[i].source);
		mp_put_byte('}', fp);
	}
	fputs("]\n", fp);
}

void
mp_print_providers(FILE *fp, enum mp_format format)
{
	size_t i;

	switch (format) {
	case MP_FORMAT_TABLE:
		print_providers_table(fp);
		break;
	case MP_FORMAT_PORTS:
		/* The words alone, one a line, for scripts and completion. */
		for (i = 0; i < mp_nproviders; i++) {
			fputs(mp_providers[i].word, fp);
			mp_put_byte('\n', fp);
		}
		break;
	case MP_FORMAT_TSV:
		print_providers_tsv(fp);
		break;
	case MP_FORMAT_JSON:
		print_providers_json(fp);
		break;
	}
}

/*
 * format_servers.c - writing a provider's servers, and the list of
 * providers, for people and for scripts.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "mailports.h"
#include "output.h"
#include "table.h"
#include "providers.h"
#include "provider_title.h"

enum column { DIRECTION, PROTOCOL, HOST, PORT, ENCRYPTION, USER, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"DIRECTION", "PROTOCOL", "SERVER", "PORT", "ENCRYPTION", "USER NAME"
};

/* Room for a host name with a domain filled in, and for a user name. */
#define HOST_TEXT_SIZE (MP_HOST_SIZE + 256)
#define USER_TEXT_SIZE (MP_WORD_MAX + 256)

static const char *
domain_of(const struct mp_query *query)
{
	return query->domain[0] != '\0' ? query->domain : NULL;
}

/*
 * What to type as the user name: the address given, or part of it, of
 * *len bytes; the forms that are a part are not copied.
 */
static const char *
user_text(const struct mp_query *query, const struct mp_server *server,
    char user[static USER_TEXT_SIZE], size_t *len)
{
	const char *text = user;

	if (query->address[0] == '\0' || server->username == MP_USER_NONE)
		text = mp_username_label(server->username);
	else if (server->username == MP_USER_ADDRESS)
		text = query->address;
	else if (server->username == MP_USER_LOCALPART) {
		*len = query->local_len;
		return query->address;
	} else
		mp_username_fill(server->username, query->address, user,
		    USER_TEXT_SIZE);
	*len = strlen(text);
	return text;
}

struct row_text {
	char host[HOST_TEXT_SIZE];
	char user[USER_TEXT_SIZE];
};

/* The table's rows: the servers, for the query, in colour or not. */
struct server_rows {
	const struct mp_query *query;
	const struct mp_server *const *servers;
	bool color;
	struct row_text text;
	char number[8];
	char login[USER_TEXT_SIZE];
};

static bool
server_row(void *data, size_t i, struct mp_table_row *row)
{
	struct server_rows *rows = data;
	const struct mp_server *server = rows->servers[i];
	const char *user;
	size_t len;

	snprintf(rows->number, sizeof rows->number, "%u", server->port);
	row->cell[DIRECTION] = mp_server_incoming(server) ? "Incoming" :
	    "Outgoing";
	row->cell[PROTOCOL] = mp_protocol_label(server->protocol);
	row->cell[HOST] = mp_server_host(server, domain_of(rows->query),
	    rows->text.host, sizeof rows->text.host);
	row->cell[PORT] = rows->number;
	row->cell[ENCRYPTION] = mp_tls_label(server->tls);
	/* The user name may be the part of the address before its @. */
	user = user_text(rows->query, server, rows->text.user, &len);
	memcpy(rows->login, user, len);
	rows->login[len] = '\0';
	row->cell[USER] = rows->login;
	row->color = !rows->color ? NULL : server->tls != MP_TLS_NONE ?
	    MP_GREEN : MP_RED;
	return true;
}

static void
print_notes(FILE *fp, unsigned provider, size_t columns)
{
	const struct mp_provider *p = &mp_providers[provider];
	size_t i;

	for (i = p->first_note; i < (size_t)p->first_note + p->nnotes; i++)
		mp_put_wrapped(fp, mp_notes[i].kind == MP_NOTE_ENABLE ?
		    "enable first: " : "note: ", mp_notes[i].text, columns);
}

/*
 * One line for the way the servers shown take a sign-in, or one for
 * each way when they differ, naming the protocols.
 */
static void
print_signin(FILE *fp, const struct mp_server *const *servers, size_t n,
    size_t columns)
{
	unsigned sets[MP_SERVERS_MAX], protocols[MP_SERVERS_MAX];
	size_t nsets = 0, i, j;

	for (i = 0; i < n && i < MP_SERVERS_MAX; i++) {
		j = 0;
		while (j < nsets && sets[j] != servers[i]->signin)
			j++;
		if (j == nsets) {
			sets[nsets] = servers[i]->signin;
			protocols[nsets++] = 0;
		}
		protocols[j] |= 1u << servers[i]->protocol;
	}
	for (j = 0; j < nsets; j++) {
		char label[64] = "sign in: ", text[MP_TEXT_SIZE];

		if (nsets > 1) {
			size_t used = (size_t)snprintf(label, sizeof label,
			    "sign in (");
			enum mp_protocol p;

			for (p = 0; p < MP_NPROTOCOLS; p++)
				if (protocols[j] & 1u << p)
					used += (size_t)snprintf(label + used,
					    sizeof label - used, "%s%s",
					    label[used - 1] == '(' ? "" : ", ",
					    mp_protocol_label(p));
			snprintf(label + used, sizeof label - used, "): ");
		}
		mp_signin_describe(text, sizeof text, sets[j]);
		mp_put_wrapped(fp, label, text, columns);
	}
}

/* Servers without TLS are shown as the provider gives them, with this. */
static void
print_plaintext_warning(FILE *fp, const struct mp_server *const *servers,
    size_t n, size_t columns)
{
	size_t plain = 0, i;

	for (i = 0; i < n; i++)
		if (servers[i]->tls == MP_TLS_NONE)
			plain++;
	if (plain == 0)
		return;
	mp_put_wrapped(fp, "warning: ", plain == n ?
	    "no server here has encryption: the password and the mail cross "
	    "the network readable by anyone on the way" :
	    "a server with encryption None sends the password readable; "
	    "choose one with SSL/TLS or STARTTLS", columns);
}

void
mp_print_servers_table(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n, bool color,
    size_t columns)
{
	const struct mp_provider *provider;
	char title[2 * MP_NAME_SIZE + 4];
	struct server_rows rows = { .query = query, .servers = servers,
	    .color = color };
	const struct mp_table table = {
		.header = headers,
		.ncolumns = NCOLUMNS,
		.tinted = 1u << ENCRYPTION,
		.columns = columns,
		.row = server_row,
		.data = &rows,
	};

	if (n == 0)
		return;
	provider = &mp_providers[servers[0]->provider];
	fprintf(fp, "%s\n", mp_provider_title(title, sizeof title, provider));
	mp_table_print(fp, &table, n);
	print_signin(fp, servers, n, columns);
	print_plaintext_warning(fp, servers, n, columns);
	print_notes(fp, servers[0]->provider, columns);
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
	    "\tlogin\tnotes\tsource\tsignin\tenable\n", fp);
}

/* The sign-in keys of a server, separated by separator. */
static void
put_signin_keys(FILE *fp, unsigned signin, const char *separator, bool json)
{
	const char *between = "";
	unsigned bit;

	for (bit = 0; bit < MP_NSIGNINS; bit++) {
		if (!(signin & 1u << bit))
			continue;
		fprintf(fp, json ? "%s\"%s\"" : "%s%s", between,
		    mp_signin_key(bit));
		between = separator;
	}
}

/* The texts of a provider's notes of one kind, or of all with all. */
static void
put_note_texts(FILE *fp, const struct mp_provider *p, bool all,
    enum mp_note_kind kind, const char *separator, bool json)
{
	const char *between = "";
	size_t i;

	for (i = p->first_note; i < (size_t)p->first_note + p->nnotes; i++) {
		if (!all && mp_notes[i].kind != kind)
			continue;
		fputs(between, fp);
		if (json)
			mp_put_json_text(fp, mp_notes[i].text);
		else
			fputs(mp_notes[i].text, fp);
		between = separator;
	}
}

void
mp_print_servers_tsv(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n)
{
	struct row_text text;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_server *server = servers[i];
		const struct mp_provider *provider =
		    &mp_providers[server->provider];

		size_t login = 0;
		const char *user = query->address[0] == '\0' ||
		    server->username == MP_USER_NONE ? "" :
		    user_text(query, server, text.user, &login);

		fprintf(fp, "%s\t%s\t%s\t%s\t%u\t%s\t%s\t%s\t%.*s\t",
		    provider->word, provider->name,
		    mp_protocol_key(server->protocol),
		    mp_server_host(server, domain_of(query), text.host,
		    sizeof text.host), server->port, mp_tls_key(server->tls),
		    server->tls != MP_TLS_NONE ? "yes" : "no",
		    mp_username_key(server->username), (int)login, user);
		put_note_texts(fp, provider, true, MP_NOTE_NOTE, " | ", false);
		fprintf(fp, "\t%s\t", provider->source);
		put_signin_keys(fp, server->signin, " ", false);
		putc('\t', fp);
		put_note_texts(fp, provider, false, MP_NOTE_ENABLE, " | ",
		    false);
		putc('\n', fp);
	}
}

void
mp_print_servers_json(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n)
{
	struct row_text text;
	size_t i;

	putc('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_server *server = servers[i];
		const struct mp_provider *provider =
		    &mp_providers[server->provider];
		const char *host = mp_server_host(server, domain_of(query),
		    text.host, sizeof text.host);

		fputs(i > 0 ? ",{\"provider\":" : "{\"provider\":", fp);
		mp_put_json_text(fp, provider->word);
		fputs(",\"name\":", fp);
		mp_put_json_text(fp, provider->name);
		fprintf(fp, ",\"protocol\":\"%s\",\"direction\":\"%s\","
		    "\"host\":", mp_protocol_key(server->protocol),
		    mp_server_incoming(server) ? "incoming" : "outgoing");
		mp_put_json_text(fp, host);
		fprintf(fp, ",\"port\":%u,\"tls\":\"%s\",\"secure\":%s,"
		    "\"username\":\"%s\",\"login\":",
		    server->port, mp_tls_key(server->tls),
		    server->tls != MP_TLS_NONE ? "true" : "false",
		    mp_username_key(server->username));
		if (query->address[0] != '\0' &&
		    server->username != MP_USER_NONE) {
			size_t len;
			const char *user = user_text(query, server, text.user,
			    &len);

			mp_put_json_string(fp, user, len);
		} else
			fputs("null", fp);
		fputs(",\"notes\":[", fp);
		put_note_texts(fp, provider, true, MP_NOTE_NOTE, ",", true);
		fputs("],\"source\":", fp);
		mp_put_json_text(fp, provider->source);
		fputs(",\"signin\":[", fp);
		put_signin_keys(fp, server->signin, ",", true);
		fputs("],\"enable\":[", fp);
		put_note_texts(fp, provider, false, MP_NOTE_ENABLE, ",", true);
		fputs("]}", fp);
	}
	fputs("]\n", fp);
}

/* Every way of signing in that one of the provider's servers takes. */
static unsigned
provider_signins(unsigned provider)
{
	const struct mp_provider *p = &mp_providers[provider];
	unsigned bits = 0;
	size_t i;

	for (i = p->first_server; i < (size_t)p->first_server + p->nservers;
	    i++)
		bits |= mp_servers[i].signin;
	return bits;
}

/* The widest origin key, "database". */
#define ORIGIN_WIDTH 8

/* The incoming protocol a provider proposes first, or "" for none. */
static const char *
prefers_key(const struct mp_provider *p)
{
	return p->prefers < MP_NPROTOCOLS ? mp_protocol_key(p->prefers) : "";
}

/* Whether a provider is listed: with signins, one of them must be taken. */
static bool
listed(unsigned provider, unsigned signins)
{
	return signins == 0 || (provider_signins(provider) & signins) != 0;
}

/* The providers' rows: those that take one of signins, or every one. */
struct provider_rows {
	unsigned signins;
	size_t columns;
};

/*
 * A provider's row, for people: its word and where its rows come from
 * in columns, then its name, which may be in any script and so comes
 * last, where no column after it needs aligning.
 */
static bool
provider_row(void *data, size_t i, struct mp_table_row *row)
{
	const struct provider_rows *rows = data;

	if (!listed((unsigned)i, rows->signins))
		return false;
	row->cell[0] = mp_providers[i].word;
	row->cell[1] = mp_origin_key(mp_providers[i].origin);
	row->cell[2] = mp_providers[i].name;
	row->color = NULL;
	return true;
}

/*
 * Under a provider's row, its domains on lines of their own, indented,
 * wrapped before the last column of the terminal, or of 80 columns when
 * there is none.  A wildcard shows as a subdomain.
 */
static void
print_domains_below(FILE *fp, void *data, size_t provider)
{
	const struct provider_rows *rows = data;
	const size_t limit = (rows->columns > 0 ? rows->columns : 80) - 1;
	size_t column = 0, i;

	for (i = 0; i < mp_ndomains; i++) {
		const struct mp_domain *domain = &mp_domains[i];
		bool wildcard = domain->name[0] == '.';
		size_t len = domain->len + (wildcard ? 1u : 0u);

		if (domain->provider != provider)
			continue;
		if (column == 0 || column + 1 + len > limit) {
			fprintf(fp, "%s%*s", column == 0 ? "" : "\n",
			    MP_WRAP_INDENT, "");
			column = MP_WRAP_INDENT;
		} else {
			putc(' ', fp);
			column++;
		}
		fprintf(fp, "%s%s", wildcard ? "*" : "", domain->name);
		column += len;
	}
	if (column > 0)
		putc('\n', fp);
}

static void
print_providers_table(FILE *fp, unsigned signins, size_t columns)
{
	static const char *const provider_headers[] = {
		"PROVIDER", "FROM", "NAME, then DOMAINS"
	};
	struct provider_rows rows = { signins, columns };
	const struct mp_table table = {
		.header = provider_headers,
		.ncolumns = 3,
		/* As wide as the widest origin, whichever are listed. */
		.width = { 0, ORIGIN_WIDTH },
		.row = provider_row,
		.below = print_domains_below,
		.data = &rows,
	};

	mp_table_print(fp, &table, mp_nproviders);
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
print_providers_tsv(FILE *fp, unsigned signins)
{
	size_t i;

	fputs("provider\tname\twords\tdomains\tsource\torigin\tsignin\tprefers\n",
	    fp);
	for (i = 0; i < mp_nproviders; i++) {
		if (!listed((unsigned)i, signins))
			continue;
		fprintf(fp, "%s\t%s\t", mp_providers[i].word,
		    mp_providers[i].name);
		print_provider_words(fp, (unsigned)i, " ", false);
		putc('\t', fp);
		print_provider_domains(fp, (unsigned)i, " ", false);
		fprintf(fp, "\t%s\t%s\t", mp_providers[i].source,
		    mp_origin_key(mp_providers[i].origin));
		put_signin_keys(fp, provider_signins((unsigned)i), " ", false);
		fprintf(fp, "\t%s\n", prefers_key(&mp_providers[i]));
	}
}

static void
print_providers_json(FILE *fp, unsigned signins)
{
	const char *comma = "";
	size_t i, j;

	putc('[', fp);
	for (i = 0; i < mp_nproviders; i++) {
		const struct mp_provider *p = &mp_providers[i];
		const char *separator = "";

		if (!listed((unsigned)i, signins))
			continue;
		fprintf(fp, "%s{\"provider\":", comma);
		comma = ",";
		mp_put_json_text(fp, mp_providers[i].word);
		fputs(",\"name\":", fp);
		mp_put_json_text(fp, mp_providers[i].name);
		fputs(",\"words\":[", fp);
		print_provider_words(fp, (unsigned)i, ",", true);
		fputs("],\"domains\":[", fp);
		print_provider_domains(fp, (unsigned)i, ",", true);
		fputs("],\"notes\":[", fp);
		for (j = p->first_note; j < (size_t)p->first_note + p->nnotes;
		    j++) {
			fprintf(fp, "%s{\"text\":", separator);
			mp_put_json_text(fp, mp_notes[j].text);
			fputs(",\"source\":", fp);
			mp_put_json_text(fp, mp_notes[j].source);
			putc('}', fp);
			separator = ",";
		}
		fputs("],\"source\":", fp);
		mp_put_json_text(fp, p->source);
		fprintf(fp, ",\"origin\":\"%s\",\"signin\":[",
		    mp_origin_key(p->origin));
		put_signin_keys(fp, provider_signins((unsigned)i), ",", true);
		fprintf(fp, "],\"prefers\":\"%s\"}", prefers_key(p));
	}
	fputs("]\n", fp);
}

void
mp_print_providers(FILE *fp, enum mp_format format, unsigned signins,
    size_t columns)
{
	size_t i;

	switch (format) {
	case MP_FORMAT_TABLE:
		print_providers_table(fp, signins, columns);
		break;
	case MP_FORMAT_PORTS:
		/* The words alone, one a line, for scripts and completion. */
		for (i = 0; i < mp_nproviders; i++)
			if (listed((unsigned)i, signins))
				fprintf(fp, "%s\n", mp_providers[i].word);
		break;
	case MP_FORMAT_TSV:
		print_providers_tsv(fp, signins);
		break;
	case MP_FORMAT_JSON:
		print_providers_json(fp, signins);
		break;
	}
}

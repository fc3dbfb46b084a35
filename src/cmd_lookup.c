/*
 * cmd_lookup.c - answering queries from the tables: the words of the
 * command line, or one query a line from standard input.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "print.h"
#include "providers.h"
#include "reader.h"
#include "report.h"

/* An answer: ports of the table, or a provider's servers. */
struct answer {
	struct mp_records	 records;
	const struct mp_port	*port[MP_PORTS_MAX];
	const struct mp_server	*server[MP_SERVERS_MAX];
};

/* Looks the query up; returns how many records answer it. */
static size_t
find_answer(const struct mp_cli *cli, const struct mp_query *query,
    struct answer *answer)
{
	struct mp_records *r = &answer->records;
	size_t n;

	r->query = query;
	r->ports = answer->port;
	r->servers = answer->server;
	if (query->provider != 0) {
		r->kind = MP_RECORDS_SERVERS;
		n = mp_lookup_servers(query, answer->server, MP_SERVERS_MAX,
		    cli->best);
		r->n = n < MP_SERVERS_MAX ? n : MP_SERVERS_MAX;
	} else {
		r->kind = MP_RECORDS_PORTS;
		n = mp_lookup(query, answer->port, MP_PORTS_MAX);
		if (cli->best && n > 1)
			n = 1;
		r->n = n < MP_PORTS_MAX ? n : MP_PORTS_MAX;
	}
	return r->n;
}

/*
 * A query that matched nothing still gets a whole answer in the formats
 * for scripts: an empty JSON array, or the TSV header alone, so that a
 * parser reads a miss as it reads a match.  Of an address or a domain no
 * provider is known for, the servers were asked for.
 */
static void
print_miss(const struct mp_cli *cli, const struct mp_query *query,
    enum mp_records_kind kind)
{
	struct mp_records records = { .kind = kind, .query = query };

	if (cli->format == MP_FORMAT_JSON || cli->format == MP_FORMAT_TSV)
		mp_print_records(stdout, cli, &records, true);
}

/*
 * A way of signing in without a provider asks which providers take it:
 * the answer is the list of providers, so the words that choose ports
 * have nothing to narrow.
 */
static int
list_by_signin(const struct mp_cli *cli, const struct mp_query *query)
{
	unsigned others = query->kinds & ~(1u << MP_WORD_SIGNIN |
	    1u << MP_WORD_FILLER);

	if (others != 0 || query->nports != 0) {
		warnx("a sign-in word alone lists providers; with a provider "
		    "it narrows its servers (mailports gmail oauth2)");
		return MP_EXIT_USAGE;
	}
	mp_print_providers(stdout, cli->format, query->signins, cli->width);
	return MP_EXIT_FOUND;
}

static int
lookup_words(const struct mp_cli *cli, char **words, int nwords)
{
	struct answer answer;
	struct mp_query query;
	int status;

	mp_query_init(&query);
	if ((status = mp_cli_add_words(&query, words, nwords)) !=
	    MP_EXIT_FOUND) {
		if (status == MP_EXIT_NOT_FOUND)
			print_miss(cli, &query, MP_RECORDS_SERVERS);
		return status;
	}
	if (query.signins != 0 && query.provider == 0)
		return list_by_signin(cli, &query);
	if (find_answer(cli, &query, &answer) == 0) {
		char shown[160];

		mp_cli_join(shown, sizeof shown, words, nwords);
		if (query.provider != 0)
			warnx("no server of %s matches '%s'",
			    mp_providers[query.provider - 1].name, shown);
		else
			warnx("no port matches '%s'", shown);
		print_miss(cli, &query, answer.records.kind);
		return MP_EXIT_NOT_FOUND;
	}
	mp_print_records(stdout, cli, &answer.records, true);
	return MP_EXIT_FOUND;
}

/*
 * Every line that has words is answered, so that with -p and --json the
 * nth output line answers the nth query even when it matched nothing or
 * was bad.  TSV has a header before the first record of each kind.
 */
static int
lookup_stream(const struct mp_cli *cli, FILE *in)
{
	struct answer answer;
	struct mp_reader reader;
	struct mp_query query;
	enum mp_records_kind header = MP_RECORDS_PORTS;
	enum mp_error error;
	enum mp_token token;
	bool bad = false, unmatched = false, line_bad = false, answered = false;
	bool line_unknown = false;
	size_t words = 0, n;

	if (cli->format == MP_FORMAT_TSV)
		mp_print_tsv_header(stdout);
	mp_reader_init(&reader, in);
	mp_query_init(&query);
	answer.records.query = &query;
	answer.records.ports = answer.port;
	answer.records.servers = answer.server;
	while ((token = mp_reader_next(&reader)) != MP_TOKEN_END) {
		if (token == MP_TOKEN_WORD) {
			words++;
			error = mp_cli_add_word(&query, reader.word,
			    reader.len, reader.line);
			if (error == MP_ERR_DOMAIN)
				line_unknown = true;
			else if (error != MP_OK)
				line_bad = true;
			continue;
		}
		if (words == 0)
			continue;
		n = 0;
		answer.records.kind = query.provider != 0 ?
		    MP_RECORDS_SERVERS : MP_RECORDS_PORTS;
		if (!line_bad && !line_unknown &&
		    (n = find_answer(cli, &query, &answer)) == 0)
			warnx("line %lu: no %s matches the query", reader.line,
			    answer.records.kind == MP_RECORDS_SERVERS ?
			    "server" : "port");
		unmatched = unmatched || (n == 0 && !line_bad);
		if (cli->format == MP_FORMAT_TABLE && answered && n > 0)
			putchar('\n');
		answer.records.n = n;
		if (n > 0 || cli->format == MP_FORMAT_PORTS ||
		    cli->format == MP_FORMAT_JSON) {
			mp_print_records(stdout, cli, &answer.records,
			    header != answer.records.kind);
			header = answer.records.kind;
		}
		answered = answered || n > 0;
		bad = bad || line_bad;
		/* A program on the other end of pipes waits for each answer. */
		if (!cli->buffered)
			fflush(stdout);
		/* A full disk or a closed pipe makes the rest pointless. */
		if (ferror(stdout))
			break;
		mp_query_init(&query);
		words = 0;
		line_bad = false;
		line_unknown = false;
	}
	if (ferror(in)) {
		warn("read error on standard input");
		return MP_EXIT_TROUBLE;
	}
	return bad ? MP_EXIT_TROUBLE : unmatched ? MP_EXIT_NOT_FOUND :
	    MP_EXIT_FOUND;
}

int
mp_cmd_lookup(const struct mp_cli *cli, char **words, int nwords)
{
	int i;

	if (cli->batch)
		return lookup_stream(cli, stdin);
	for (i = 0; i < nwords; i++)
		if (strcmp(words[i], "-") == 0) {
			warnx("'-' (read queries from standard input) must be "
			    "the only word");
			return MP_EXIT_USAGE;
		}
	return lookup_words(cli, words, nwords);
}

int
mp_cmd_providers(const struct mp_cli *cli, char **words, int nwords)
{
	(void)words;
	(void)nwords;
	mp_print_providers(stdout, cli->format, 0, cli->width);
	return MP_EXIT_FOUND;
}

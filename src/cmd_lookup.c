/*
 * cmd_lookup.c - answering queries from the tables: the words of the
 * command line, or one query a line from standard input.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "net.h"
#include "print.h"
#include "providers.h"
#include "question.h"
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

/* The most sides a "vs" may put side by side. */
#define MP_QUESTION_SIDES 4

/* A question, the side each word is on, and which words were wrong. */
struct sides {
	struct mp_question question;
	unsigned	 side[MP_QUESTION_WORDS];
	bool		 bad[MP_QUESTION_WORDS];
	unsigned	 n;	/* 1 without a "vs" */
};

/* Adds a topic's words where the query does not say their kind yet. */
static void
add_topic_words(struct mp_query *query, const char *words)
{
	while (*words != '\0') {
		const char *end = strchr(words, ' ');
		size_t len = end != NULL ? (size_t)(end - words) : strlen(words);
		struct mp_query one;

		mp_query_init(&one);
		if (mp_query_add(&one, words, len) == MP_OK &&
		    (mp_query_said(&one) & mp_query_said(query)) == 0)
			(void)mp_query_add(query, words, len);
		words += end != NULL ? len + 1 : len;
	}
}

/* The kinds of words that say how a connection is secured: one to share. */
#define SECURITY (1u << MP_WORD_TLS | 1u << MP_WORD_SECURE | \
	1u << MP_WORD_PLAIN)
#define PORT (1u << MP_WORD_PORT)

/* What a query said, its security words counted as one kind. */
static unsigned
said_kinds(const struct mp_query *query)
{
	unsigned said = mp_query_said(query);

	return (said & SECURITY) != 0 ? said | SECURITY : said;
}

/*
 * Shares among a question's sides the words of a kind a side does not say
 * ("imap ssl vs starttls" asks of IMAP on both sides), then adds the words
 * the topics imply.  A port (a number or a service name) names one side
 * whole: it is never shared, nor is anything shared to it.  A word found
 * wrong is left out.
 */
static void
share_words(const struct sides *s, struct mp_query *queries)
{
	const struct mp_question *q = &s->question;
	unsigned said[MP_QUESTION_SIDES], side;
	size_t i, t;

	for (side = 0; side < s->n; side++)
		said[side] = said_kinds(&queries[side]);
	for (i = 0; i < q->nwords && s->n > 1; i++) {
		struct mp_query one;
		unsigned kind;

		mp_query_init(&one);
		if (s->bad[i] || mp_query_add(&one, q->words[i].text,
		    q->words[i].len) != MP_OK)
			continue;
		if ((kind = said_kinds(&one)) & PORT)
			continue;
		for (side = 0; side < s->n; side++)
			if (side != s->side[i] && (kind & said[side]) == 0 &&
			    (said[side] & PORT) == 0)
				(void)mp_query_add(&queries[side],
				    q->words[i].text, q->words[i].len);
	}
	for (side = 0; side < s->n; side++)
		for (t = 0; t < mp_ntopics; t++)
			if (q->topics & 1u << t)
				add_topic_words(&queries[side],
				    mp_topics[t].words);
}

/* The ports of every side in one table, each once, in the sides' order. */
static size_t
find_ports_of_sides(const struct mp_cli *cli, const struct mp_query *queries,
    unsigned nsides, struct answer *answer)
{
	const struct mp_port *found[MP_PORTS_MAX];
	struct mp_records *r = &answer->records;
	size_t n = 0, i, j;
	unsigned side;

	r->query = &queries[0];
	r->ports = answer->port;
	r->servers = answer->server;
	r->kind = MP_RECORDS_PORTS;
	for (side = 0; side < nsides; side++) {
		size_t k = mp_lookup(&queries[side], found, MP_PORTS_MAX);

		if (cli->best && k > 1)
			k = 1;
		for (i = 0; i < k && i < MP_PORTS_MAX; i++) {
			for (j = 0; j < n && answer->port[j] != found[i]; j++)
				;
			if (j == n && n < MP_PORTS_MAX)
				answer->port[n++] = found[i];
		}
	}
	r->n = n;
	return n;
}

/*
 * Of a question about a server by its host name, the setting --check
 * takes for its first server that the question allows, as HOST:PORT and
 * the connection security; else "".
 */
static void
server_setting(const struct mp_query *query, char *setting, size_t size)
{
	const struct mp_server *server[MP_SERVERS_MAX];
	char host[MP_HOST_NAME_SIZE];

	setting[0] = '\0';
	if (query->host == 0 || mp_lookup_servers(query, server, MP_SERVERS_MAX,
	    true) == 0)
		return;
	snprintf(setting, size, "%s:%u %s", mp_server_host(server[0],
	    query->domain[0] != '\0' ? query->domain : NULL, host,
	    sizeof host), server[0]->port, mp_tls_label(server[0]->tls));
}

/* Says that a query matched nothing, with its words as typed. */
static void
report_nothing(const struct mp_query *query, char **words, int nwords)
{
	char shown[160];

	mp_cli_join(shown, sizeof shown, words, nwords);
	if (query->provider != 0)
		warnx("no server of %s matches '%s'",
		    mp_providers[query->provider - 1].name, shown);
	else
		warnx("no port matches '%s'", shown);
}

/*
 * Answers each side in turn, or, when no side names a provider, all
 * their ports in one table.  Returns whether anything matched.
 */
static bool
answer_sides(const struct mp_cli *cli, const struct mp_query *queries,
    unsigned nsides, char **words, int nwords)
{
	struct answer answer;
	bool any = false, providers = false;
	unsigned side;

	for (side = 0; side < nsides; side++)
		providers = providers || queries[side].provider != 0;
	/* One side is one answer, and its records need no merging. */
	if (!providers && nsides > 1) {
		if (find_ports_of_sides(cli, queries, nsides, &answer) == 0) {
			report_nothing(&queries[0], words, nwords);
			print_miss(cli, &queries[0], MP_RECORDS_PORTS);
			return false;
		}
		mp_print_records(stdout, cli, &answer.records, true);
		return true;
	}
	for (side = 0; side < nsides; side++) {
		if (find_answer(cli, &queries[side], &answer) == 0) {
			report_nothing(&queries[side], words, nwords);
			continue;
		}
		if (any && cli->format == MP_FORMAT_TABLE)
			putchar('\n');
		/* TSV has one header; JSON an array a side, a line each. */
		mp_print_records(stdout, cli, &answer.records,
		    !any || cli->format != MP_FORMAT_TSV);
		any = true;
	}
	if (!any)
		print_miss(cli, &queries[0], nsides == 1 && !providers ?
		    MP_RECORDS_PORTS : MP_RECORDS_SERVERS);
	return any;
}

/*
 * A question as typed: a word still unknown is said and left out, and
 * the rest answered when it says enough; the exit status still tells of
 * the unknown word.  Other bad words are errors, as everywhere.
 */
static int
lookup_words(const struct mp_cli *cli, char **words, int nwords)
{
	/* Static: a question is some kilobytes, read afresh each call. */
	static struct sides s;
	const struct mp_question *q = &s.question;
	struct mp_query queries[MP_QUESTION_SIDES];
	bool trouble = false, unknown_domain = false, on_side = false;
	unsigned said = 0, side = 0;
	size_t i, unknown = 0;

	if (!mp_question_read(&s.question, words, nwords)) {
		warnx("too long a question: at most %d words",
		    MP_QUESTION_WORDS);
		return MP_EXIT_TROUBLE;
	}
	mp_query_init(&queries[0]);
	/*
	 * Each word narrows its side; on error, the query is as it was.  A
	 * "vs" after words of a side starts the next.
	 */
	for (i = 0; i < q->nwords; i++) {
		struct mp_query *query = &queries[side];
		enum mp_error error = mp_cli_add_word(query, q->words[i].text,
		    q->words[i].len, 0);

		s.side[i] = side;
		s.bad[i] = error != MP_OK;
		if (error == MP_ERR_UNKNOWN)
			unknown++;
		else if (error == MP_ERR_DOMAIN)
			unknown_domain = true;
		else if (error != MP_OK)
			trouble = true;
		if (error != MP_OK || !(query->kinds & 1u << MP_WORD_VERSUS)) {
			on_side = on_side || error == MP_OK;
			continue;
		}
		query->kinds &= ~(1u << MP_WORD_VERSUS);
		s.bad[i] = true;
		if (on_side && side + 1 == MP_QUESTION_SIDES) {
			warnx("at most %d things side by side, such as 'pop3 "
			    "vs imap'", MP_QUESTION_SIDES);
			return MP_EXIT_TROUBLE;
		}
		if (on_side)
			mp_query_init(&queries[++side]);
		on_side = false;
	}
	s.n = on_side || side == 0 ? side + 1 : side;
	if (trouble)
		return MP_EXIT_TROUBLE;
	share_words(&s, queries);
	if (unknown_domain) {
		print_miss(cli, &queries[0], MP_RECORDS_SERVERS);
		return unknown > 0 ? MP_EXIT_TROUBLE : MP_EXIT_NOT_FOUND;
	}
	for (side = 0; side < s.n; side++)
		said |= mp_query_said(&queries[side]);
	/* Only what the known words say is answered, not a whole table. */
	if (unknown > 0 && said == 0 && q->topics == 0)
		return MP_EXIT_TROUBLE;
	if (cli->format == MP_FORMAT_TABLE) {
		char setting[MP_HOST_NAME_SIZE + 32];

		server_setting(&queries[0], setting, sizeof setting);
		for (i = 0; i < mp_ntopics; i++)
			if (q->topics & 1u << i)
				mp_print_topic(stdout, &mp_topics[i],
				    queries[0].address, setting);
		if (q->topics != 0 && said != 0)
			putchar('\n');
	}
	if (q->topics != 0 && said == 0)
		return unknown > 0 ? MP_EXIT_TROUBLE : MP_EXIT_FOUND;
	if (s.n == 1 && queries[0].signins != 0 &&
	    queries[0].provider == 0)
		return list_by_signin(cli, &queries[0]);
	if (!answer_sides(cli, queries, s.n, words, nwords))
		return unknown > 0 ? MP_EXIT_TROUBLE : MP_EXIT_NOT_FOUND;
	return unknown > 0 ? MP_EXIT_TROUBLE : MP_EXIT_FOUND;
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

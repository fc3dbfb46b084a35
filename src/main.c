/*
 * main.c - the command line: options and words in, answers out.
 */
#include <err.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "mailports.h"
#include "options.h"
#include "output.h"
#include "probe.h"

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

#define REVISION(date) static const char data_revision[] = date;
#include "revision.def"

/* Exit statuses, as grep's. */
enum { FOUND = 0, NOT_FOUND = 1, TROUBLE = 2 };

/* The kind of records a TSV header was last written for. */
enum records { NO_RECORDS, PORT_RECORDS, SERVER_RECORDS };

struct options {
	enum mp_format format;
	bool best;
	bool color;
	bool batch;
	bool buffered;	/* a batch may hold answers back: its input is a file */
	enum records header;
};

/* An answer: ports of the table, or a provider's servers. */
struct answer {
	const struct mp_query *query;
	bool servers;
	size_t n;
	const struct mp_port *port[MP_PORTS_MAX];
	const struct mp_server *server[MP_SERVERS_MAX];
};

/*
 * The options.  getopt_long would do, but it and its four variables cost
 * five symbol lookups at every start (see make bench), so this parses the
 * same way: options and words in any order, clusters of short options,
 * --name=value or --name value, unique prefixes of long names, and --
 * ending the options.
 */
/*
 * The texts are held in the rows, not pointed to: a pointer in a table
 * costs a relocation at every start, as the lookup's budget counts.
 */
struct option {
	char		 name[12];
	char		 letter;	/* its short form, or 0 */
	int		 id;		/* what next_option returns for it */
	enum mp_argument argument;
	char		 metavar[8];	/* what the argument is, for --help */
	char		 values[24];	/* the argument's words, or "" */
	char		 help[128];
};

static const struct option known_options[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
	{ name, letter, id, MP_ARGUMENT_##argument, metavar, values, help },
#include "options.def"
};

/* C lets a text fill its field without the NUL: each must leave room. */
#define FITS(field, text) \
	_Static_assert(sizeof (text) <= sizeof ((struct option *)0)->field, \
	    "options.def: " #text " is too long for " #field);
#define OPTION(n, letter, id, argument, m, complete, v, h) \
	FITS(name, n) FITS(metavar, m) FITS(values, v) FITS(help, h)
#include "options.def"
#undef FITS
#define NOPTIONS (sizeof known_options / sizeof known_options[0])

static const char synopsis[] =
    "usage: mailports [-1hpV] [--color[=when]] [--json | --tsv] [word ...]\n"
    "       mailports [-1hpV] [--color[=when]] [--json | --tsv] -\n"
    "       mailports [-p] [--json | --tsv] --providers\n"
    "       mailports [-p] [--color[=when]] [--json | --tsv] [--timeout seconds]\n"
    "                 --probe host[:port] [word ...]\n"
    "       mailports [-p] [--color[=when]] [--json | --tsv] [--timeout seconds]\n"
    "                 [--dns-server address[:port]] [--verify]\n"
    "                 --discover address-or-domain [word ...]\n";

static int
usage(void)
{
	fputs(synopsis, stderr);
	return TROUBLE;
}

/* Help is printed with fputs alone: each libc function linked costs every run. */
static void
print_words(const char *label, enum mp_word_kind kind)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	size_t n = mp_query_words(words, MP_QUERY_WORDS_MAX), i;

	fputs(label, stdout);
	for (i = 0; i < n; i++) {
		if (words[i].kind == kind) {
			mp_put_byte(' ', stdout);
			fputs(words[i].text, stdout);
		}
	}
	mp_put_byte('\n', stdout);
}

/* The column where --help starts the options' help texts. */
#define HELP_COLUMN 22

/* Each option of options.def, its help text in a column of its own. */
static void
print_options(void)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		const struct option *o = &known_options[i];
		/* "  -1, --" or six blanks and "--", then the name. */
		size_t column = 8 + strlen(o->name);
		const char *c;

		fputs(o->letter != 0 ? "  -" : "      ", stdout);
		if (o->letter != 0) {
			mp_put_byte(o->letter, stdout);
			fputs(", ", stdout);
		}
		fputs("--", stdout);
		fputs(o->name, stdout);
		if (o->metavar[0] != '\0') {
			bool optional = o->argument == MP_ARGUMENT_OPTIONAL;

			fputs(optional ? "[=" : " ", stdout);
			fputs(o->metavar, stdout);
			fputs(optional ? "]" : "", stdout);
			column += strlen(o->metavar) + (optional ? 3 : 1);
		}
		do
			mp_put_byte(' ', stdout);
		while (++column < HELP_COLUMN);
		for (c = o->help; *c != '\0'; c++) {
			mp_put_byte(*c, stdout);
			for (column = 0; *c == '\n' && column < HELP_COLUMN;
			    column++)
				mp_put_byte(' ', stdout);
		}
		mp_put_byte('\n', stdout);
	}
}

/* The version, then how fresh the facts are and how many there are. */
static void
print_version(void)
{
	fputs("mailports " MP_VERSION "\n"
	    "data revised ", stdout);
	fputs(data_revision, stdout);
	fputs(": ", stdout);
	mp_put_number(stdout, (unsigned)mp_nports);
	fputs(" ports, ", stdout);
	mp_put_number(stdout, (unsigned)mp_nproviders);
	fputs(" providers, ", stdout);
	mp_put_number(stdout, (unsigned)mp_ndomains);
	fputs(" domains\n", stdout);
}

static void
help(void)
{
	fputs(synopsis, stdout);
	fputs("\nLook up email ports by protocol, security, role, status or number.\n"
	    "\n", stdout);
	print_options();
	fputs("\n"
	    "Words, in any case and any order, must all hold:\n", stdout);
	print_words("  protocol:  ", MP_WORD_PROTO);
	print_words("  role:      ", MP_WORD_ROLE);
	print_words("  security:  ", MP_WORD_SECURE);
	print_words("  encryption:", MP_WORD_TLS);
	print_words("  status:    ", MP_WORD_STATUS);
	print_words("  service:   ", MP_WORD_PORT);
	fputs("  or a port number from 1 to 65535.\n"
	    "Or a provider's servers: its word (gmail, outlook, ... as\n"
	    "--providers lists), one of its domains, or an email address.\n"
	    "No words: every port but the historic ones.  The single word -\n"
	    "reads one query a line from standard input.\n"
	    "\n"
	    "Exit status: 0 an answer (with --probe, a secure port) was found,\n"
	    "1 none was, 2 an error.\n"
	    "The whole port table and the providers are in mailports(1).\n",
	    stdout);
}

/* Appends src to the string in dst, of size size, as far as it fits. */
static void
append(char *dst, size_t size, const char *src)
{
	size_t used = strlen(dst);

	while (*src != '\0' && used + 1 < size)
		dst[used++] = *src++;
	dst[used] = '\0';
}

/*
 * An unknown domain is not an error, but the person needs a way on: a
 * near domain they may have meant, or where else to look.
 */
static void
report_domain(const char *domain, size_t len, unsigned long line)
{
	const char *suggestion = mp_word_suggest(domain, len);
	char shown[80], hint[64] = "";

	mp_escape(shown, sizeof shown, domain, len);
	if (suggestion != NULL) {
		append(hint, sizeof hint, " (did you mean '");
		append(hint, sizeof hint, suggestion);
		append(hint, sizeof hint, "'?)");
	}
	if (line > 0) {
		warnx("line %lu: no provider known for '%s'%s", line, shown,
		    hint);
		return;
	}
	warnx("no provider known for '%s'%s", shown, hint);
	warnx("the standard ports are in 'mailports send secure' and "
	    "'mailports receive secure'; the providers known in "
	    "'mailports --providers'");
}

/* Reports a bad word; line is 0 for the command line. */
static void
report(enum mp_error error, const char *word, size_t len, unsigned long line)
{
	char shown[100] = "", hint[64] = "";
	const char *suggestion;
	size_t at = len;

	if (error == MP_ERR_DOMAIN) {
		/* Of an address, the domain is what was not known. */
		while (at > 0 && word[at - 1] != '@')
			at--;
		report_domain(word + at, len - at, line);
		return;
	}
	if (error != MP_ERR_EMPTY) {
		/* A word too long is shown by its start, enough to find it. */
		shown[0] = ' ';
		shown[1] = '\'';
		mp_escape(shown + 2, error == MP_ERR_TOO_LONG ? 40 :
		    sizeof shown - 3, word, len);
		append(shown, sizeof shown, "'");
	}
	if (error == MP_ERR_UNKNOWN &&
	    (suggestion = mp_word_suggest(word, len)) != NULL) {
		append(hint, sizeof hint, " (did you mean '");
		append(hint, sizeof hint, suggestion);
		append(hint, sizeof hint, "'?)");
	} else if (error == MP_ERR_RANGE) {
		append(hint, sizeof hint, " (ports run from 1 to 65535)");
	}
	if (line > 0)
		warnx("line %lu: %s%s%s", line, mp_error_text(error), shown,
		    hint);
	else
		warnx("%s%s%s", mp_error_text(error), shown, hint);
}

static void
print_tsv_header(struct options *options, enum records records)
{
	if (options->header == records)
		return;
	if (records == PORT_RECORDS)
		mp_print_tsv_header(stdout);
	else
		mp_print_servers_tsv_header(stdout);
	options->header = records;
}

static void
print_ports(struct options *options, const struct answer *answer)
{
	switch (options->format) {
	case MP_FORMAT_TABLE:
		mp_print_table(stdout, answer->port, answer->n, options->color);
		break;
	case MP_FORMAT_PORTS:
		/* In a batch each query answers on one line, for paste(1). */
		mp_print_ports(stdout, answer->port, answer->n,
		    options->batch ? ' ' : '\n');
		break;
	case MP_FORMAT_TSV:
		print_tsv_header(options, PORT_RECORDS);
		mp_print_tsv(stdout, answer->port, answer->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_json(stdout, answer->port, answer->n);
		break;
	}
}

static void
print_servers(struct options *options, const struct answer *answer)
{
	switch (options->format) {
	case MP_FORMAT_TABLE:
		mp_print_servers_table(stdout, answer->query, answer->server,
		    answer->n, options->color);
		break;
	case MP_FORMAT_PORTS:
		mp_print_servers_ports(stdout, answer->server, answer->n,
		    options->batch ? ' ' : '\n');
		break;
	case MP_FORMAT_TSV:
		print_tsv_header(options, SERVER_RECORDS);
		mp_print_servers_tsv(stdout, answer->query, answer->server,
		    answer->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_servers_json(stdout, answer->query, answer->server,
		    answer->n);
		break;
	}
}

static void
print_answer(struct options *options, const struct answer *answer)
{
	if (answer->servers)
		print_servers(options, answer);
	else
		print_ports(options, answer);
}

/* The words of a query as the user typed them, escaped, for a message. */
static const char *
join_words(char *dst, size_t size, char **words, int nwords)
{
	size_t used = 0;
	int i;

	dst[0] = '\0';
	for (i = 0; i < nwords && used + 8 < size; i++) {
		if (i > 0)
			dst[used++] = ' ';
		mp_escape(dst + used, size - used, words[i], strlen(words[i]));
		used += strlen(dst + used);
	}
	return dst;
}

static size_t
find_answer(const struct options *options, const struct mp_query *query,
    struct answer *answer)
{
	size_t n;

	answer->query = query;
	answer->servers = query->provider != 0;
	if (answer->servers) {
		n = mp_lookup_servers(query, answer->server, MP_SERVERS_MAX,
		    options->best);
		answer->n = n < MP_SERVERS_MAX ? n : MP_SERVERS_MAX;
	} else {
		n = mp_lookup(query, answer->port, MP_PORTS_MAX);
		if (options->best && n > 1)
			n = 1;
		answer->n = n < MP_PORTS_MAX ? n : MP_PORTS_MAX;
	}
	return answer->n;
}

static int
query_arguments(struct options *options, char **words, int nwords)
{
	static struct answer answer;
	struct mp_query query;
	bool bad = false, unknown_domain = false;
	int i;

	mp_query_init(&query);
	for (i = 0; i < nwords; i++) {
		size_t len = strlen(words[i]);
		enum mp_error error = mp_query_add(&query, words[i], len);

		if (error != MP_OK)
			report(error, words[i], len, 0);
		if (error == MP_ERR_DOMAIN)
			unknown_domain = true;
		else if (error != MP_OK)
			bad = true;
	}
	if (bad)
		return TROUBLE;
	if (unknown_domain)
		return NOT_FOUND;
	if (find_answer(options, &query, &answer) == 0) {
		char shown[160];

		join_words(shown, sizeof shown, words, nwords);
		if (query.provider != 0 && !query.empty)
			warnx("no server of %s matches '%s'",
			    mp_providers[query.provider - 1].name, shown);
		else
			warnx("no port matches '%s'", shown);
		return NOT_FOUND;
	}
	print_answer(options, &answer);
	return FOUND;
}

/*
 * Every line that has words is answered, so that with -p and --json the
 * nth output line answers the nth query even when it matched nothing or
 * was bad.
 */
static int
query_stream(struct options *options, FILE *in)
{
	static struct answer answer;
	struct mp_reader reader;
	struct mp_query query;
	enum mp_error error;
	enum mp_token token;
	bool bad = false, unmatched = false, line_bad = false, answered = false;
	bool line_unknown = false;
	size_t words = 0, n;

	if (options->format == MP_FORMAT_TSV)
		print_tsv_header(options, PORT_RECORDS);
	mp_reader_init(&reader, in);
	mp_query_init(&query);
	while ((token = mp_reader_next(&reader)) != MP_TOKEN_END) {
		if (token == MP_TOKEN_WORD) {
			words++;
			error = mp_query_add(&query, reader.word, reader.len);
			if (error != MP_OK)
				report(error, reader.word, reader.len,
				    reader.line);
			if (error == MP_ERR_DOMAIN)
				line_unknown = true;
			else if (error != MP_OK)
				line_bad = true;
			continue;
		}
		if (words == 0)
			continue;
		n = 0;
		answer.servers = query.provider != 0;
		if (!line_bad && !line_unknown &&
		    (n = find_answer(options, &query, &answer)) == 0)
			warnx("line %lu: no %s matches the query", reader.line,
			    answer.servers ? "server" : "port");
		unmatched = unmatched || (n == 0 && !line_bad);
		if (options->format == MP_FORMAT_TABLE && answered && n > 0)
			mp_put_byte('\n', stdout);
		answer.n = n;
		if (n > 0 || options->format == MP_FORMAT_PORTS ||
		    options->format == MP_FORMAT_JSON)
			print_answer(options, &answer);
		answered = answered || n > 0;
		bad = bad || line_bad;
		/* A program on the other end of pipes waits for each answer. */
		if (!options->buffered)
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
		return TROUBLE;
	}
	return bad ? TROUBLE : unmatched ? NOT_FOUND : FOUND;
}

enum {
	END_OF_OPTIONS = 0,
	BAD_OPTION = -1,
	MISSING_ARGUMENT = -2,
	AMBIGUOUS_OPTION = -3
};

struct parser {
	int		 argc;
	char		**argv;
	int		 next;		/* the argument to look at next */
	const char	*cluster;	/* short options still to read */
	bool		 words_only;	/* after -- */
	int		 nwords;	/* words kept, at the start of argv */
	const char	*argument;	/* the option's argument, or NULL */
	char		 bad[96];	/* a bad option as given, escaped */
};

static int
bad_option(struct parser *parser, const char *text, size_t len, bool dash)
{
	parser->bad[0] = '-';
	mp_escape(parser->bad + (dash ? 1 : 0), sizeof parser->bad - 1, text,
	    len);
	return BAD_OPTION;
}

static int
short_option(struct parser *parser)
{
	char letter = *parser->cluster++;
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (known_options[i].letter == letter && letter != 0)
			return known_options[i].id;
	return bad_option(parser, &letter, 1, true);
}

/* A long option's name must match one known name or begin only one. */
static int
long_option(struct parser *parser, char *text)
{
	const struct option *found = NULL;
	size_t len = 0, i, j, matches = 0;

	while (text[2 + len] != '\0' && text[2 + len] != '=')
		len++;
	for (i = 0; i < NOPTIONS; i++) {
		const char *name = known_options[i].name;

		for (j = 0; j < len && name[j] == text[2 + j]; j++)
			;
		if (j < len)
			continue;
		if (name[len] == '\0') {
			found = &known_options[i];
			matches = 1;
			break;
		}
		found = &known_options[i];
		matches++;
	}
	if (matches > 1) {
		bad_option(parser, text, strlen(text), false);
		return AMBIGUOUS_OPTION;
	}
	if (matches == 0 || (text[2 + len] == '=' &&
	    found->argument == MP_ARGUMENT_NONE))
		return bad_option(parser, text, strlen(text), false);
	if (text[2 + len] == '=') {
		parser->argument = text + 3 + len;
	} else if (found->argument == MP_ARGUMENT_REQUIRED) {
		if (parser->next >= parser->argc) {
			parser->bad[0] = '\0';
			append(parser->bad, sizeof parser->bad, "--");
			append(parser->bad, sizeof parser->bad, found->name);
			return MISSING_ARGUMENT;
		}
		parser->argument = parser->argv[parser->next++];
	}
	return found->id;
}

/*
 * The next option's id, or END_OF_OPTIONS once every argument is read;
 * words are moved to the start of argv as they are passed.
 */
static int
next_option(struct parser *parser)
{
	parser->argument = NULL;
	while (parser->cluster == NULL || *parser->cluster == '\0') {
		char *text;

		if (parser->next >= parser->argc)
			return END_OF_OPTIONS;
		text = parser->argv[parser->next++];
		if (parser->words_only || text[0] != '-' || text[1] == '\0') {
			parser->argv[parser->nwords++] = text;
		} else if (text[1] == '-' && text[2] == '\0') {
			parser->words_only = true;
		} else if (text[1] == '-') {
			return long_option(parser, text);
		} else {
			parser->cluster = text + 1;
		}
	}
	return short_option(parser);
}

static bool
input_is_file(void)
{
	struct stat st;

	return fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
}

/* Seconds, such as 3 or 0.25, to milliseconds: 1 ms to an hour. */
static bool
parse_timeout(const char *text, unsigned *ms)
{
	unsigned long whole = 0, fraction = 0;

	if (*text < '0' || *text > '9')
		return false;
	for (; *text >= '0' && *text <= '9'; text++)
		if ((whole = whole * 10 + (unsigned long)(*text - '0')) > 3600)
			return false;
	if (*text == '.') {
		unsigned long scale = 1000;

		for (text++; *text >= '0' && *text <= '9'; text++)
			if (scale > 1) {
				scale /= 10;
				fraction += scale * (unsigned long)(*text - '0');
			}
	}
	if (*text != '\0' || whole * 1000 + fraction < 1 ||
	    whole * 1000 + fraction > 3600000)
		return false;
	*ms = (unsigned)(whole * 1000 + fraction);
	return true;
}

static int
probe(const struct options *options, const char *argument, unsigned timeout,
    char **words, int nwords)
{
	static struct mp_probe_result results[MP_ADDRESSES_MAX * MP_PORTS_MAX];
	static struct mp_address addresses[MP_ADDRESSES_MAX];
	char host[MP_HOST_NAME_SIZE], shown[96];
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_query query;
	size_t naddresses, ntargets, n, t;
	const char *error = NULL;
	unsigned port;
	int i;

	mp_escape(shown, sizeof shown, argument, strlen(argument));
	if (!mp_split_host(argument, host, &port)) {
		warnx("invalid host '%s' (a name or an address, with :port "
		    "for one port; [address]:port for IPv6)", shown);
		return TROUBLE;
	}
	mp_query_init(&query);
	for (i = 0; i < nwords; i++) {
		size_t len = strlen(words[i]);
		enum mp_error werror = mp_query_add(&query, words[i], len);

		if (werror != MP_OK) {
			report(werror, words[i], len, 0);
			return TROUBLE;
		}
	}
	if (query.provider != 0) {
		warnx("--probe takes the words of ports, not of providers");
		return TROUBLE;
	}
	if (port != 0 && query.port != 0 && query.port != port) {
		warnx("two ports asked for: %u in the host, %u in the words",
		    port, query.port);
		return TROUBLE;
	}
	if ((ntargets = mp_probe_targets(&query, port, targets,
	    MP_PORTS_MAX)) == 0) {
		char asked[160];

		warnx("no port a mail client uses matches '%s'",
		    join_words(asked, sizeof asked, words, nwords));
		return TROUBLE;
	}
	naddresses = mp_probe_resolve(host, addresses, MP_ADDRESSES_MAX,
	    &error);
	if (naddresses == 0) {
		warnx("cannot resolve '%s': %s", shown, error);
		return TROUBLE;
	}
	n = mp_probe_fill(results, sizeof results / sizeof results[0],
	    addresses, naddresses, targets, ntargets);
	mp_probe_run(results, n, timeout, host);
	switch (options->format) {
	case MP_FORMAT_TABLE:
		mp_print_probe_table(stdout, results, n, options->color);
		break;
	case MP_FORMAT_PORTS:
		mp_print_probe_ports(stdout, results, n);
		break;
	case MP_FORMAT_TSV:
		mp_print_probe_tsv(stdout, results, n);
		break;
	case MP_FORMAT_JSON:
		mp_print_probe_json(stdout, host, results, n);
		break;
	}
	for (t = 0; t < n; t++)
		if (mp_result_secure(&results[t]))
			return FOUND;
	return NOT_FOUND;
}

/* The domain of an address or a domain, lower case, without a final dot. */
static bool
discovery_domain(const char *argument, char domain[static MP_DNS_NAME_SIZE])
{
	const char *start = argument;
	size_t len, i;

	for (i = 0; argument[i] != '\0'; i++)
		if (argument[i] == '@')
			start = argument + i + 1;
	len = strlen(start);
	if (len > 0 && start[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	for (i = 0; i < len; i++) {
		domain[i] = start[i];
		if (start[i] >= 'A' && start[i] <= 'Z')
			domain[i] = "abcdefghijklmnopqrstuvwxyz"[start[i] - 'A'];
	}
	domain[len] = '\0';
	/* A name DNS can carry, with a dot in it. */
	for (i = 0; i < len && domain[i] != '.'; i++)
		;
	return i < len && mp_dns_name_valid(domain);
}

static int
discover(const struct options *options, const char *argument,
    const char *dns_server, unsigned timeout, bool verify, char **words,
    int nwords)
{
	static struct mp_discovery discovery;
	struct mp_address servers[3];
	char domain[MP_DNS_NAME_SIZE], shown[96];
	struct mp_query query;
	size_t nservers, i;
	int w;

	mp_escape(shown, sizeof shown, argument, strlen(argument));
	if (!discovery_domain(argument, domain)) {
		warnx("invalid address or domain '%s'", shown);
		return TROUBLE;
	}
	mp_query_init(&query);
	for (w = 0; w < nwords; w++) {
		size_t len = strlen(words[w]);
		enum mp_error error = mp_query_add(&query, words[w], len);

		if (error != MP_OK) {
			report(error, words[w], len, 0);
			return TROUBLE;
		}
	}
	if (query.provider != 0) {
		warnx("--discover takes the words of ports, not of providers");
		return TROUBLE;
	}
	if ((nservers = mp_dns_name_servers(dns_server, servers, 3)) == 0) {
		const char *given = dns_server != NULL ? dns_server : "";

		mp_escape(shown, sizeof shown, given, strlen(given));
		warnx("invalid name server '%s' (an address, with :port if "
		    "not 53; [address]:port for IPv6)", shown);
		return TROUBLE;
	}
	mp_discover(&discovery, domain, &query, servers, nservers, timeout,
	    verify);
	switch (options->format) {
	case MP_FORMAT_TABLE:
		mp_print_discovery_table(stdout, &discovery, options->color);
		break;
	case MP_FORMAT_PORTS:
		mp_print_discovery_ports(stdout, &discovery);
		break;
	case MP_FORMAT_TSV:
		mp_print_discovery_tsv(stdout, &discovery);
		break;
	case MP_FORMAT_JSON:
		mp_print_discovery_json(stdout, &discovery);
		break;
	}
	for (i = 0; i < discovery.nsettings; i++)
		if (!verify || discovery.settings[i].verified)
			return FOUND;
	return NOT_FOUND;
}

/* Output is checked once, at the end, as every write goes through stdout. */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		return TROUBLE;
	}
	return status;
}

/* In the order of the values of --color in options.def. */
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER, COLOR_INVALID };

/*
 * The position of word among the space-separated values of an option, or
 * -1 when it is not one of them.
 */
static int
value_index(const char *values, const char *word)
{
	int index = 0;
	size_t i;

	for (;;) {
		for (i = 0; word[i] != '\0' && word[i] != ' ' &&
		    values[i] == word[i]; i++)
			;
		if (word[i] == '\0' && (values[i] == ' ' || values[i] == '\0'))
			return index;
		while (*values != ' ' && *values != '\0')
			values++;
		if (*values++ == '\0')
			return -1;
		index++;
	}
}

static const struct option *
option_of(int id)
{
	size_t i;

	for (i = 0; known_options[i].id != id; i++)
		;
	return &known_options[i];
}

/* A bare --color means always, as with ls(1). */
static enum color
parse_color(const char *when)
{
	int index;

	if (when == NULL)
		return COLOR_ALWAYS;
	index = value_index(option_of('c')->values, when);
	return index < 0 ? COLOR_INVALID : (enum color)index;
}

static bool
color_wanted(enum color color)
{
	const char *no_color, *term;

	if (color != COLOR_AUTO)
		return color == COLOR_ALWAYS;
	if (!isatty(STDOUT_FILENO))
		return false;
	/* https://no-color.org: set and not empty means no colour. */
	no_color = getenv("NO_COLOR");
	term = getenv("TERM");
	return (no_color == NULL || *no_color == '\0') &&
	    (term == NULL || !mp_same(term, "dumb"));
}

int
main(int argc, char *argv[])
{
	/* A buffer of our own spares stdio a malloc on the lookup path. */
	static char output[BUFSIZ];
	struct options options = {
		MP_FORMAT_TABLE, false, false, false, false, NO_RECORDS
	};
	enum color color = COLOR_AUTO;
	bool providers = false;
	const char *probe_host = NULL, *discover_target = NULL;
	const char *dns_server = NULL;
	bool verify = false;
	unsigned timeout = 3000;
	bool timeout_given = false;
	struct parser parser = { argc - 1, argv + 1, 0, NULL, false, 0, NULL,
		"" };
	int ch, status;

	/*
	 * A closed pipe should end us quietly, as it ends cat; a parent that
	 * ignored SIGPIPE would otherwise turn it into a write error.
	 */
	signal(SIGPIPE, SIG_DFL);
	while ((ch = next_option(&parser)) != END_OF_OPTIONS) {
		const char *value = parser.argument;

		switch (ch) {
		case '1':
			options.best = true;
			break;
		case 'c':
			if ((color = parse_color(value)) == COLOR_INVALID) {
				char shown[96];

				mp_escape(shown, sizeof shown, value,
				    strlen(value));
				warnx("invalid argument '%s' for --color "
				    "(one of: %s)", shown, option_of('c')->values);
				return usage();
			}
			break;
		case 'h':
			help();
			return finish(FOUND);
		case 'j':
			options.format = MP_FORMAT_JSON;
			break;
		case 'p':
			options.format = MP_FORMAT_PORTS;
			break;
		case 'P':
			providers = true;
			break;
		case 'R':
			probe_host = value;
			break;
		case 'D':
			discover_target = value;
			break;
		case 'N':
			dns_server = value;
			break;
		case 'v':
			verify = true;
			break;
		case 'T':
			if (value == NULL || !parse_timeout(value, &timeout)) {
				char shown[96];

				mp_escape(shown, sizeof shown, value,
				    value != NULL ? strlen(value) : 0);
				warnx("invalid timeout '%s' (seconds, from "
				    "0.001 to 3600)", shown);
				return usage();
			}
			timeout_given = true;
			break;
		case 't':
			options.format = MP_FORMAT_TSV;
			break;
		case 'V':
			print_version();
			return finish(FOUND);
		case AMBIGUOUS_OPTION:
			warnx("ambiguous option '%s'", parser.bad);
			return usage();
		case MISSING_ARGUMENT:
			warnx("option '%s' needs an argument", parser.bad);
			return usage();
		default:
			warnx("invalid option '%s'", parser.bad);
			return usage();
		}
	}
	argc = parser.nwords;
	argv = parser.argv;

	options.color = options.format == MP_FORMAT_TABLE && color_wanted(color);
	options.batch = argc == 1 && mp_same(argv[0], "-");
	options.buffered = options.batch && input_is_file();
	setvbuf(stdout, output, options.batch && isatty(STDOUT_FILENO) ?
	    _IOLBF : _IOFBF, sizeof output);

	if (timeout_given && probe_host == NULL && discover_target == NULL) {
		warnx("--timeout is for --probe and --discover");
		return usage();
	}
	if ((dns_server != NULL || verify) && discover_target == NULL) {
		warnx("--dns-server and --verify are for --discover");
		return usage();
	}
	if (discover_target != NULL) {
		if (probe_host != NULL || providers || options.batch) {
			warnx("--discover takes neither --probe, --providers "
			    "nor -");
			return usage();
		}
		status = discover(&options, discover_target, dns_server,
		    timeout, verify, argv, argc);
	} else if (probe_host != NULL) {
		if (providers || options.batch) {
			warnx("--probe takes neither --providers nor -");
			return usage();
		}
		status = probe(&options, probe_host, timeout, argv, argc);
	} else if (providers) {
		if (argc > 0) {
			warnx("--providers takes no words");
			return usage();
		}
		mp_print_providers(stdout, options.format);
		status = FOUND;
	} else if (options.batch) {
		status = query_stream(&options, stdin);
	} else {
		for (ch = 0; ch < argc; ch++)
			if (mp_same(argv[ch], "-")) {
				warnx("'-' (read queries from standard input) "
				    "must be the only word");
				return usage();
			}
		status = query_arguments(&options, argv, argc);
	}

	return finish(status);
}

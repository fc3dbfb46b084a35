/*
 * main.c - the command line: options and words in, answers out.
 */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mailports.h"

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

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

static const char synopsis[] =
    "usage: mailports [-1hpV] [--color[=when]] [--json | --tsv] [word ...]\n"
    "       mailports [-1hpV] [--color[=when]] [--json | --tsv] -\n"
    "       mailports [-p] [--json | --tsv] --providers\n";

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
	size_t i;

	fputs(label, stdout);
	for (i = 0; i < mp_nwords; i++) {
		if (mp_words[i].kind == kind) {
			putc(' ', stdout);
			fputs(mp_words[i].text, stdout);
		}
	}
	for (i = 0; kind == MP_WORD_PORT && i < mp_nports; i++) {
		struct mp_word meaning;

		/* A service name that words.def gives a wider meaning is not one. */
		if (mp_ports[i].iana != NULL &&
		    mp_word_find(mp_ports[i].iana, strlen(mp_ports[i].iana),
		    &meaning) && meaning.kind == MP_WORD_PORT) {
			putc(' ', stdout);
			fputs(mp_ports[i].iana, stdout);
		}
	}
	putc('\n', stdout);
}

static void
help(void)
{
	fputs(synopsis, stdout);
	fputs("\nLook up email ports by protocol, security, role, status or number.\n"
	    "\n"
	    "  -1, --best          only the best answer\n"
	    "  -p, --port-only     port numbers only, one a line (with -, one\n"
	    "                      line a query)\n"
	    "      --providers     list the providers known, with their domains\n"
	    "      --tsv           tab-separated values after a header line\n"
	    "      --json          a JSON array of records\n"
	    "      --color[=WHEN]  colour the table: auto (the default), always\n"
	    "                      (a bare --color) or never\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
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
	    "Exit status: 0 an answer was found, 1 none was, 2 an error.\n"
	    "The whole port table and the providers are in mailports(1).\n",
	    stdout);
}

/* strcmp, which costs a libc symbol lookup at every start, would do too. */
static bool
same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
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
			putchar('\n');
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

/*
 * getopt's own messages name the program by its path and print the option
 * raw, so they are turned off and this names it as other errors do.
 */
static void
bad_option(const char *argument)
{
	unsigned char option = (unsigned char)optopt;
	char shown[96];

	if (argument[0] == '-' && argument[1] == '-') {
		mp_escape(shown, sizeof shown, argument, strlen(argument));
	} else {
		shown[0] = '-';
		mp_escape(shown + 1, sizeof shown - 1, (const char *)&option, 1);
	}
	warnx("invalid option '%s'", shown);
}

static bool
input_is_file(void)
{
	struct stat st;

	return fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
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

enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER, COLOR_INVALID };

/* A bare --color means always, as with ls(1). */
static enum color
parse_color(const char *when)
{
	if (when == NULL || same(when, "always"))
		return COLOR_ALWAYS;
	if (same(when, "never"))
		return COLOR_NEVER;
	if (same(when, "auto"))
		return COLOR_AUTO;
	return COLOR_INVALID;
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
	    (term == NULL || !same(term, "dumb"));
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "best",	no_argument,		NULL, '1' },
		{ "color",	optional_argument,	NULL, 'c' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "port-only",	no_argument,		NULL, 'p' },
		{ "providers",	no_argument,		NULL, 'P' },
		{ "tsv",	no_argument,		NULL, 't' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	/* A buffer of our own spares stdio a malloc on the lookup path. */
	static char output[BUFSIZ];
	struct options options = {
		MP_FORMAT_TABLE, false, false, false, false, NO_RECORDS
	};
	enum color color = COLOR_AUTO;
	bool providers = false;
	int ch, status;

	/*
	 * A closed pipe should end us quietly, as it ends cat; a parent that
	 * ignored SIGPIPE would otherwise turn it into a write error.
	 */
	signal(SIGPIPE, SIG_DFL);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "1hpV", longopts, NULL)) != -1) {
		switch (ch) {
		case '1':
			options.best = true;
			break;
		case 'c':
			if ((color = parse_color(optarg)) == COLOR_INVALID) {
				char shown[96];

				mp_escape(shown, sizeof shown, optarg,
				    strlen(optarg));
				warnx("invalid argument '%s' for --color "
				    "(use auto, always or never)", shown);
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
		case 't':
			options.format = MP_FORMAT_TSV;
			break;
		case 'V':
			fputs("mailports " MP_VERSION "\n", stdout);
			return finish(FOUND);
		default:
			bad_option(argv[optind - 1]);
			return usage();
		}
	}
	argc -= optind;
	argv += optind;

	options.color = options.format == MP_FORMAT_TABLE && color_wanted(color);
	options.batch = argc == 1 && same(argv[0], "-");
	options.buffered = options.batch && input_is_file();
	setvbuf(stdout, output, options.batch && isatty(STDOUT_FILENO) ?
	    _IOLBF : _IOFBF, sizeof output);

	if (providers) {
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
			if (same(argv[ch], "-")) {
				warnx("'-' (read queries from standard input) "
				    "must be the only word");
				return usage();
			}
		status = query_arguments(&options, argv, argc);
	}

	return finish(status);
}

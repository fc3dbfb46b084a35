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

struct options {
	enum mp_format format;
	bool best;
	bool color;
	bool batch;
	bool buffered;	/* a batch may hold answers back: its input is a file */
};

static const char synopsis[] =
    "usage: mailports [-1hpV] [--color[=when]] [--json | --tsv] [word ...]\n"
    "       mailports [-1hpV] [--color[=when]] [--json | --tsv] -\n";

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
	    "No words: every port but the historic ones.  The single word -\n"
	    "reads one query a line from standard input.\n"
	    "\n"
	    "Exit status: 0 a port matched, 1 none did, 2 an error.\n"
	    "The whole port table is in mailports(1).\n", stdout);
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

/* Reports a bad word; line is 0 for the command line. */
static void
report(enum mp_error error, const char *word, size_t len, unsigned long line)
{
	char shown[100] = "", hint[64] = "";
	const char *suggestion;

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
print_answer(const struct options *options, const struct mp_port **ports,
    size_t n)
{
	switch (options->format) {
	case MP_FORMAT_TABLE:
		mp_print_table(stdout, ports, n, options->color);
		break;
	case MP_FORMAT_PORTS:
		/* In a batch each query answers on one line, for paste(1). */
		mp_print_ports(stdout, ports, n, options->batch ? ' ' : '\n');
		break;
	case MP_FORMAT_TSV:
		mp_print_tsv(stdout, ports, n);
		break;
	case MP_FORMAT_JSON:
		mp_print_json(stdout, ports, n);
		break;
	}
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
answer(const struct options *options, const struct mp_query *query,
    const struct mp_port **ports)
{
	size_t n = mp_lookup(query, ports, MP_PORTS_MAX);

	if (options->best && n > 1)
		n = 1;
	return n;
}

static int
query_arguments(const struct options *options, char **words, int nwords)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	bool bad = false;
	size_t n;
	int i;

	mp_query_init(&query);
	for (i = 0; i < nwords; i++) {
		size_t len = strlen(words[i]);
		enum mp_error error = mp_query_add(&query, words[i], len);

		if (error != MP_OK) {
			report(error, words[i], len, 0);
			bad = true;
		}
	}
	if (bad)
		return TROUBLE;
	if ((n = answer(options, &query, ports)) == 0) {
		char shown[160];

		warnx("no port matches '%s'", join_words(shown, sizeof shown,
		    words, nwords));
		return NOT_FOUND;
	}
	if (options->format == MP_FORMAT_TSV)
		mp_print_tsv_header(stdout);
	print_answer(options, ports, n);
	return FOUND;
}

/*
 * Every line that has words is answered, so that with -p and --json the
 * nth output line answers the nth query even when it matched nothing or
 * was bad.
 */
static int
query_stream(const struct options *options, FILE *in)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_reader reader;
	struct mp_query query;
	enum mp_error error;
	enum mp_token token;
	bool bad = false, unmatched = false, line_bad = false, answered = false;
	size_t words = 0, n;

	if (options->format == MP_FORMAT_TSV)
		mp_print_tsv_header(stdout);
	mp_reader_init(&reader, in);
	mp_query_init(&query);
	while ((token = mp_reader_next(&reader)) != MP_TOKEN_END) {
		if (token == MP_TOKEN_WORD) {
			words++;
			error = mp_query_add(&query, reader.word, reader.len);
			if (error != MP_OK) {
				report(error, reader.word, reader.len,
				    reader.line);
				line_bad = true;
			}
			continue;
		}
		if (words == 0)
			continue;
		n = line_bad ? 0 : answer(options, &query, ports);
		if (n == 0 && !line_bad) {
			warnx("line %lu: no port matches the query",
			    reader.line);
			unmatched = true;
		}
		if (options->format == MP_FORMAT_TABLE && answered && n > 0)
			putchar('\n');
		if (n > 0 || options->format == MP_FORMAT_PORTS ||
		    options->format == MP_FORMAT_JSON)
			print_answer(options, ports, n);
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
		{ "tsv",	no_argument,		NULL, 't' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	/* A buffer of our own spares stdio a malloc on the lookup path. */
	static char output[BUFSIZ];
	struct options options = { MP_FORMAT_TABLE, false, false, false, false };
	enum color color = COLOR_AUTO;
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

	if (options.batch) {
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

/*
 * usage.c - --help, the synopsis first, and --version, from
 * data/options.def and data/words.def.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "providers.h"

#define REVISION(date) static const char data_revision[] = date;
#include "revision.def"

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

struct help_row {
	const char	*name;
	char		 letter;
	enum mp_argument argument;
	const char	*metavar;
	const char	*help;
};

static const struct help_row help_rows[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
	{ name, letter, MP_ARGUMENT_##argument, metavar, help },
#include "options.def"
};
#define NHELP_ROWS (sizeof help_rows / sizeof help_rows[0])

static const char synopsis[] =
    "usage: mailports [-1hpV] [--color[=when]] [--json | --tsv] [word ...]\n"
    "       mailports [-1hpV] [--color[=when]] [--json | --tsv] -\n"
    "       mailports [-p] [--json | --tsv] --providers\n"
    "       mailports [-p] [--color[=when]] [--json | --tsv] [--timeout seconds]\n"
    "                 --probe host[:port] [word ...]\n"
    "       mailports [-p] [--color[=when]] [--json | --tsv] [--timeout seconds]\n"
    "                 [--dns-server address[:port]] [--verify]\n"
    "                 --discover address-or-domain [word ...]\n";

/* The column where --help starts the options' help texts. */
#define HELP_COLUMN 22

static void
print_words(FILE *fp, const char *label, enum mp_word_kind kind)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	size_t n = mp_query_words(words, MP_QUERY_WORDS_MAX), i;

	fputs(label, fp);
	for (i = 0; i < n; i++)
		if (words[i].kind == kind)
			fprintf(fp, " %s", words[i].text);
	putc('\n', fp);
}

/* Each option of options.def, its help text in a column of its own. */
static void
print_options(FILE *fp)
{
	size_t i;

	for (i = 0; i < NHELP_ROWS; i++) {
		const struct help_row *o = &help_rows[i];
		bool optional = o->argument == MP_ARGUMENT_OPTIONAL;
		char left[64], letter[8] = "    ";
		const char *line;
		size_t len;

		if (o->letter != 0)
			snprintf(letter, sizeof letter, "-%c, ", o->letter);
		snprintf(left, sizeof left, "  %s--%s%s%s%s", letter, o->name,
		    o->metavar[0] == '\0' ? "" : optional ? "[=" : " ",
		    o->metavar, optional && o->metavar[0] != '\0' ? "]" : "");
		/* At least one blank between an option and its help. */
		fprintf(fp, "%-*s ", HELP_COLUMN - 1, left);
		for (line = o->help; ; line += len + 1) {
			len = strcspn(line, "\n");
			fprintf(fp, "%.*s\n", (int)len, line);
			if (line[len] == '\0')
				break;
			fprintf(fp, "%*s", HELP_COLUMN, "");
		}
	}
}

void
mp_help(FILE *fp)
{
	fputs(synopsis, fp);
	fputs("\nLook up email ports by protocol, security, role, status or "
	    "number.\n\n", fp);
	print_options(fp);
	fputs("\nWords, in any case and any order, must all hold:\n", fp);
	print_words(fp, "  protocol:  ", MP_WORD_PROTO);
	print_words(fp, "  role:      ", MP_WORD_ROLE);
	print_words(fp, "  security:  ", MP_WORD_SECURE);
	print_words(fp, "  encryption:", MP_WORD_TLS);
	print_words(fp, "  status:    ", MP_WORD_STATUS);
	print_words(fp, "  service:   ", MP_WORD_PORT);
	fputs("  or a port number from 1 to 65535.\n"
	    "Or a provider's servers: its word (gmail, outlook, ... as\n"
	    "--providers lists), one of its domains, or an email address.\n"
	    "No words: every port but the historic ones.  The single word -\n"
	    "reads one query a line from standard input.\n"
	    "\n"
	    "Exit status: 0 an answer (with --probe, a secure port) was found,\n"
	    "1 none was, 2 an error.\n"
	    "The whole port table and the providers are in mailports(1).\n",
	    fp);
}

/* The version, then how fresh the facts are and how many there are. */
void
mp_version(FILE *fp)
{
	fprintf(fp, "mailports %s\ndata revised %s: %zu ports, %zu providers, "
	    "%zu domains\n", MP_VERSION, data_revision, mp_nports,
	    mp_nproviders, mp_ndomains);
}

/*
 * usage.c - --help, the synopsis first, and --version, from
 * data/options.def.
 */
#include <stdio.h>
#include <string.h>

#include "len.h"
#include "options.h"
#include "providers.h"
#include "usage.h"

#define REVISION(date) static const char data_revision[] = date;
#include "revision.def"

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

/*
 * The rows hold their texts rather than pointers to them: each pointer
 * would cost a relocation at every start of the program, for a table
 * read only by --help.
 */
#define NAME_SIZE 16
#define METAVAR_SIZE 8
#define HELP_SIZE 80
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	_Static_assert(sizeof(name) <= NAME_SIZE && \
	    sizeof(metavar) <= METAVAR_SIZE && sizeof(help) <= HELP_SIZE, \
	    "the texts of --" name " fit a row of --help");
#include "options.def"

struct help_row {
	char		 name[NAME_SIZE];
	char		 letter;
	enum mp_argument argument;
	char		 metavar[METAVAR_SIZE];
	char		 help[HELP_SIZE];
};

static const struct help_row help_rows[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	{ name, letter, MP_ARGUMENT_##argument, metavar, help },
#include "options.def"
};

/*
 * One line a form, so that --help fits 80x24; the options of each mode
 * are those the manual's OPTIONS gives it.  A list (-) shares its mode's
 * line rather than take one of its own, for the same reason.
 */
static const char synopsis[] =
    "usage: mailports [-1hV] [--color[=when]] [-p | --json | --tsv] [word ... | -]\n"
    "       mailports [-p | --json | --tsv] --providers\n"
    "       mailports [options] --probe {host[:port] | -} [word ...]\n"
    "       mailports [options] --discover {address-or-domain | -} [word ...]\n"
    "       mailports [options] --check {setting | -} [word ...]\n"
    "       mailports [options] --config format address-or-domain [word ...]\n";

/*
 * A word, an address and a setting to check, the three ways in; each
 * says what it answers, as the program answers it.
 */
static const char examples[] =
    "  e.g. mailports imap secure          IMAP's secure port, 993\n"
    "       mailports alice@gmail.com      what to type in for an address\n"
    "       mailports --check smtp.gmail.com:465 ssl   does a setting work?\n";

/* The column where --help starts the options' help texts. */
#define HELP_COLUMN 22

/* What an option that goes with another one says first (options.def). */
static const char with[] = "with --";

/*
 * Each option of options.def, its help text in a column of its own; one
 * that goes with another option is the manual's to describe.
 */
static void
print_options(FILE *fp)
{
	size_t i;

	for (i = 0; i < LEN(help_rows); i++) {
		const struct help_row *o = &help_rows[i];
		bool optional = o->argument == MP_ARGUMENT_OPTIONAL;
		char left[64], letter[8] = "    ";
		const char *line;
		size_t len;

		if (strncmp(o->help, with, sizeof with - 1) == 0)
			continue;
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

/*
 * The synopsis, examples, the options, and where the rest is: on a
 * terminal of 80x24 it all shows at once, with the command above it and
 * the prompt below.
 */
void
mp_help(FILE *fp)
{
	fputs(synopsis, fp);
	fputs(examples, fp);
	print_options(fp);
	fputs("The manual, mailports(1), has every word and option, the port "
	    "table, the rest.\n", fp);
}

/* The version, then how fresh the facts are and how many there are. */
void
mp_version(FILE *fp)
{
	fprintf(fp, "mailports %s\ndata revised %s: %zu ports, %zu providers, "
	    "%zu domains\n", MP_VERSION, data_revision, mp_nports,
	    mp_nproviders, mp_ndomains);
}

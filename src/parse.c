/*
 * parse.c - the command line read by getopt_long into struct mp_cli, the
 * options known by the rows of data/options.def.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "config.h"
#include "mailports.h"
#include "number.h"
#include "options.h"
#include "parse.h"
#include "terminal.h"
#include "usage.h"

/*
 * An option with a short form is known to getopt_long by its letter, as
 * usual; one without, by an id above every character's.
 */
#define LONG_ONLY 256

static const struct option long_options[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	{ name, MP_ARGUMENT_##argument == MP_ARGUMENT_NONE ? no_argument : \
	    MP_ARGUMENT_##argument == MP_ARGUMENT_REQUIRED ? \
	    required_argument : optional_argument, NULL, \
	    (letter) != 0 ? (letter) : LONG_ONLY + MP_OPT_##id },
#include "options.def"
	{ NULL, 0, NULL, 0 }
};

static const char letters[MP_NOPTIONS] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	letter,
#include "options.def"
};

static const char *const option_values[MP_NOPTIONS] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	values,
#include "options.def"
};

/* The options that pick an output format, as the synopsis names them. */
static const char *const format_options[] = {
	[MP_FORMAT_PORTS] = "-p",
	[MP_FORMAT_TSV] = "--tsv",
	[MP_FORMAT_JSON] = "--json"
};

/* In the order of the values of --color in options.def. */
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER, COLOR_INVALID };

/* The row of a value getopt_long returned for a known option. */
static enum mp_option_id
option_row(int c)
{
	int i;

	if (c >= LONG_ONLY)
		return (enum mp_option_id)(c - LONG_ONLY);
	for (i = 0; i < MP_NOPTIONS && letters[i] != c; i++)
		;
	return (enum mp_option_id)i;
}

/* The short options for getopt_long, ':' first to tell a missing argument. */
static void
short_options(char text[static 2 * MP_NOPTIONS + 2])
{
	size_t used = 0;
	int i;

	text[used++] = ':';
	for (i = 0; i < MP_NOPTIONS; i++) {
		if (letters[i] == 0)
			continue;
		text[used++] = letters[i];
		if (long_options[i].has_arg == required_argument)
			text[used++] = ':';
	}
	text[used] = '\0';
}

/*
 * Says what was wrong with the option getopt_long just refused, with the
 * option escaped: it comes from outside.  A refused long option is the
 * argument before optind; a short one is in optopt.
 */
static int
bad_option(int c, char **argv)
{
	const char *text = argv[optind - 1], *names[MP_NOPTIONS], *suggestion;
	char shown[96], hint[256] = "", letter;
	size_t len, matches = 0, last = 0;
	int i;

	if (c == ':') {
		if (option_row(optopt) == MP_OPT_CONFIG) {
			warnx("option '--config' needs a format, one of:");
			mp_config_list(stderr);
			return MP_EXIT_USAGE;
		}
		warnx("option '--%s' needs an argument",
		    long_options[option_row(optopt)].name);
		return MP_EXIT_USAGE;
	}
	if (optopt != 0 && optopt < LONG_ONLY &&
	    option_row(optopt) == MP_NOPTIONS) {
		letter = (char)optopt;
		shown[0] = '-';
		mp_escape(shown + 1, sizeof shown - 1, &letter, 1);
		warnx("invalid option '%s'", shown);
		return MP_EXIT_USAGE;
	}
	mp_escape(shown, sizeof shown, text, strlen(text));
	len = strcspn(text + 2, "=");
	for (i = 0; i < MP_NOPTIONS; i++) {
		names[i] = long_options[i].name;
		if (strncmp(names[i], text + 2, len) != 0)
			continue;
		if (names[i][len] == '\0') {
			matches = 1;
			break;
		}
		/* The options it could be, for the message: a, b or c. */
		last = strlen(hint);
		snprintf(hint + last, sizeof hint - last, "%s--%s",
		    matches > 0 ? ", " : " (", names[i]);
		matches++;
	}
	if (matches > 1) {
		warnx("ambiguous option '%s'%.*s or%s?)", shown, (int)last,
		    hint, hint + last + 1);
		return MP_EXIT_USAGE;
	}
	/* A misspelt option gets what a misspelt word gets. */
	hint[0] = '\0';
	if (matches == 0 &&
	    (suggestion = mp_suggest(text + 2, len, names, MP_NOPTIONS)) != NULL)
		snprintf(hint, sizeof hint, " (did you mean '--%s'?)",
		    suggestion);
	warnx("invalid option '%s'%s", shown, hint);
	return MP_EXIT_USAGE;
}

/*
 * Each of -p, --json and --tsv picks the output; two different ones are a
 * mistake to say, not a choice to make silently.
 */
static int
set_format(struct mp_cli *cli, enum mp_format format)
{
	if (cli->format != MP_FORMAT_TABLE && cli->format != format) {
		warnx("%s and %s exclude each other",
		    format_options[cli->format], format_options[format]);
		return MP_EXIT_USAGE;
	}
	cli->format = format;
	return -1;
}

/* A bare --color means always, as with ls(1). */
static enum color
parse_color(const char *when)
{
	const char *values = option_values[MP_OPT_COLOR];
	size_t len;
	int index;

	if (when == NULL)
		return COLOR_ALWAYS;
	len = strlen(when);
	for (index = 0; *values != '\0'; index++) {
		size_t value_len = strcspn(values, " ");

		if (len > 0 && value_len == len &&
		    strncmp(values, when, len) == 0)
			return (enum color)index;
		values += value_len + (values[value_len] == ' ');
	}
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
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/*
 * A count for an option, from min to max: -1 when it is one, else the
 * message that names it and the exit status.
 */
static int
take_count(unsigned *count, const char *what, unsigned long min,
    unsigned long max)
{
	unsigned long value;

	if (mp_number(optarg, strlen(optarg), 0, min, max, &value) !=
	    MP_NUMBER_OK) {
		char shown[96];

		warnx("invalid number of %s '%s' (from %lu to %lu)", what,
		    mp_escape(shown, sizeof shown, optarg, strlen(optarg)),
		    min, max);
		return MP_EXIT_USAGE;
	}
	*count = (unsigned)value;
	return -1;
}

/* One option: its argument stored, or what is wrong with it. */
static int
take_option(struct mp_cli *cli, enum mp_option_id id, enum color *color)
{
	unsigned long ms;
	char shown[96];

	if (id < MP_NOPTIONS)
		cli->arg[id] = optarg;
	if ((id == MP_OPT_PARALLEL || id == MP_OPT_PER_ADDRESS ||
	    id == MP_OPT_RATE || id == MP_OPT_SUMMARY ||
	    id == MP_OPT_UNORDERED) && cli->list_option == NULL)
		cli->list_option = long_options[id].name;
	switch (id) {
	case MP_OPT_BEST:
		cli->best = true;
		break;
	case MP_OPT_COLOR:
		if ((*color = parse_color(optarg)) != COLOR_INVALID)
			break;
		warnx("invalid argument '%s' for --color (one of: %s)",
		    mp_escape(shown, sizeof shown, optarg, strlen(optarg)),
		    option_values[MP_OPT_COLOR]);
		return MP_EXIT_USAGE;
	case MP_OPT_HELP:
		mp_help(stdout);
		return MP_EXIT_FOUND;
	case MP_OPT_JSON:
		return set_format(cli, MP_FORMAT_JSON);
	case MP_OPT_PORT_ONLY:
		return set_format(cli, MP_FORMAT_PORTS);
	case MP_OPT_TIMEOUT:
		/* Seconds, such as 3 or 0.25, in ms: 1 ms to an hour. */
		if (mp_number(optarg, strlen(optarg), 3, 1, 3600000, &ms) !=
		    MP_NUMBER_OK) {
			warnx("invalid timeout '%s' (seconds, from 0.001 to "
			    "3600)", mp_escape(shown, sizeof shown, optarg,
			    strlen(optarg)));
			return MP_EXIT_USAGE;
		}
		cli->timeout_ms = (unsigned)ms;
		break;
	case MP_OPT_TSV:
		return set_format(cli, MP_FORMAT_TSV);
	case MP_OPT_PARALLEL:
		return take_count(&cli->parallel, "targets at once", 1,
		    MP_CLI_PARALLEL_MAX);
	case MP_OPT_PER_ADDRESS:
		return take_count(&cli->per_address,
		    "connections to one address", 1, 1000);
	case MP_OPT_RATE:
		return take_count(&cli->rate, "connections a second", 0,
		    1000000);
	case MP_OPT_SUMMARY:
		cli->summary = true;
		break;
	case MP_OPT_UNORDERED:
		cli->unordered = true;
		break;
	case MP_OPT_VERIFY:
		cli->verify = true;
		break;
	case MP_OPT_VERSION:
		mp_version(stdout);
		return MP_EXIT_FOUND;
	default:
		/* The others are only kept: the modes read them. */
		break;
	}
	return -1;
}

int
mp_cli_parse(int argc, char **argv, struct mp_cli *cli, unsigned long *given)
{
	char shortopts[2 * MP_NOPTIONS + 2];
	enum color color = COLOR_AUTO;
	struct stat st;
	int c;

	short_options(shortopts);
	/* Our own messages escape what they quote; getopt's would not. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, long_options, NULL)) !=
	    -1) {
		int status;

		if (c == '?' || c == ':')
			return bad_option(c, argv);
		if ((status = take_option(cli, option_row(c), &color)) >= 0)
			return status;
		*given |= 1ul << option_row(c);
	}
	cli->color = cli->format == MP_FORMAT_TABLE && color_wanted(color);
	cli->width = cli->format == MP_FORMAT_TABLE ? mp_terminal_width() : 0;
	cli->batch = argc - optind == 1 && strcmp(argv[optind], "-") == 0;
	cli->buffered = cli->batch && fstat(STDIN_FILENO, &st) == 0 &&
	    S_ISREG(st.st_mode);
	return -1;
}

/*
 * main.c - the command line: parses the options and hands the words to
 * one mode (src/cmd_*.c).
 */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "format.h"
#include "options.h"

/* The rows of options.def, in order; getopt_long's ids are made of them. */
enum option_id {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
	OPT_##id,
#include "options.def"
	NOPTIONS
};

/*
 * An option with a short form is known to getopt_long by its letter, as
 * usual; one without, by an id above every character's.
 */
#define LONG_ONLY 256

static const struct option long_options[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
	{ name, MP_ARGUMENT_##argument == MP_ARGUMENT_NONE ? no_argument : \
	    MP_ARGUMENT_##argument == MP_ARGUMENT_REQUIRED ? \
	    required_argument : optional_argument, NULL, \
	    (letter) != 0 ? (letter) : LONG_ONLY + OPT_##id },
#include "options.def"
	{ NULL, 0, NULL, 0 }
};

static const char letters[NOPTIONS] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
	letter,
#include "options.def"
};

static const char *const option_values[NOPTIONS] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help) \
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

/*
 * After the one line that names a usage error: the synopsis is too long to
 * repeat after every mistake, and --help has it.
 */
static int
usage(void)
{
	fputs("Try 'mailports --help'.\n", stderr);
	return MP_EXIT_TROUBLE;
}

/* Output is checked once, at the end, as every write goes through stdout. */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		return MP_EXIT_TROUBLE;
	}
	return status;
}

/* The row of a value getopt_long returned for a known option. */
static enum option_id
option_row(int c)
{
	int i;

	if (c >= LONG_ONLY)
		return (enum option_id)(c - LONG_ONLY);
	for (i = 0; i < NOPTIONS && letters[i] != c; i++)
		;
	return (enum option_id)i;
}

/* The short options for getopt_long, ':' first to tell a missing argument. */
static void
short_options(char text[static 2 * NOPTIONS + 2])
{
	size_t used = 0;
	int i;

	text[used++] = ':';
	for (i = 0; i < NOPTIONS; i++) {
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
	const char *text = argv[optind - 1];
	char shown[96], letter;
	size_t len, matches = 0;
	int i;

	if (c == ':') {
		warnx("option '--%s' needs an argument",
		    long_options[option_row(optopt)].name);
		return usage();
	}
	if (optopt != 0 && optopt < LONG_ONLY &&
	    option_row(optopt) == NOPTIONS) {
		letter = (char)optopt;
		shown[0] = '-';
		mp_escape(shown + 1, sizeof shown - 1, &letter, 1);
		warnx("invalid option '%s'", shown);
		return usage();
	}
	mp_escape(shown, sizeof shown, text, strlen(text));
	len = strcspn(text + 2, "=");
	for (i = 0; i < NOPTIONS; i++) {
		if (strncmp(long_options[i].name, text + 2, len) != 0)
			continue;
		if (long_options[i].name[len] == '\0') {
			matches = 1;
			break;
		}
		matches++;
	}
	if (matches > 1)
		warnx("ambiguous option '%s'", shown);
	else
		warnx("invalid option '%s'", shown);
	return usage();
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

/*
 * Each of -p, --json and --tsv picks the output; two different ones are a
 * mistake to say, not a choice to make silently.
 */
static bool
set_format(struct mp_cli *cli, enum mp_format format)
{
	if (cli->format != MP_FORMAT_TABLE && cli->format != format) {
		warnx("%s and %s exclude each other",
		    format_options[cli->format], format_options[format]);
		return false;
	}
	cli->format = format;
	return true;
}

/* A bare --color means always, as with ls(1). */
static enum color
parse_color(const char *when)
{
	const char *values = option_values[OPT_COLOR];
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

static bool
input_is_file(void)
{
	struct stat st;

	return fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
}

/* Which options go together, as the synopsis has it. */
static bool
options_agree(const struct mp_cli *cli, const char *probe_host,
    const char *discover_target, const char *check_setting, bool providers,
    bool timeout_given, int nwords, const struct mp_config_request *config)
{
	const char *trouble = NULL;

	if ((config->server != NULL || config->name != NULL) &&
	    config->format == NULL)
		trouble = "--server and --name are for --config";
	else if (config->format != NULL && check_setting != NULL)
		trouble = "--config and --check exclude each other";
	else if (config->format != NULL && (providers || cli->batch ||
	    cli->verify || cli->format != MP_FORMAT_TABLE || cli->best))
		trouble = "--config takes none of --providers, --verify, -1, "
		    "-p, --json, --tsv nor -";
	else if (config->format != NULL && (config->server != NULL) +
	    (probe_host != NULL) + (discover_target != NULL) > 1)
		trouble = "--server, --probe and --discover exclude each other";
	else if (timeout_given && probe_host == NULL && discover_target == NULL &&
	    check_setting == NULL)
		trouble = "--timeout is for --probe, --discover and --check";
	else if (cli->verify && discover_target == NULL)
		trouble = "--verify is for --discover";
	else if (cli->dns_server != NULL && discover_target == NULL &&
	    check_setting == NULL)
		trouble = "--dns-server is for --discover and --check";
	else if (discover_target != NULL &&
	    (probe_host != NULL || providers || cli->batch))
		trouble = "--discover takes neither --probe, --providers nor -";
	else if (probe_host != NULL && (providers || cli->batch))
		trouble = "--probe takes neither --providers nor -";
	else if (check_setting != NULL && (probe_host != NULL ||
	    discover_target != NULL || providers || cli->batch))
		trouble = "--check takes neither --probe, --discover, "
		    "--providers nor -";
	else if (check_setting != NULL && cli->format == MP_FORMAT_PORTS)
		trouble = "--check takes --json or --tsv, not -p";
	else if (providers && nwords > 0)
		trouble = "--providers takes no words";
	if (trouble != NULL)
		warnx("%s", trouble);
	return trouble == NULL;
}

int
main(int argc, char *argv[])
{
	struct mp_cli cli = { .format = MP_FORMAT_TABLE, .timeout_ms = 3000 };
	enum color color = COLOR_AUTO;
	const char *probe_host = NULL, *discover_target = NULL;
	const char *check_setting = NULL;
	struct mp_config_request config = { NULL, NULL, NULL, NULL, NULL,
	    false };
	bool providers = false, timeout_given = false;
	char shortopts[2 * NOPTIONS + 2], shown[96];
	char **words;
	int c, nwords, i;

	/*
	 * A closed pipe should end us quietly, as it ends cat; a parent that
	 * ignored SIGPIPE would otherwise turn it into a write error.
	 */
	signal(SIGPIPE, SIG_DFL);
	short_options(shortopts);
	/* Our own messages escape what they quote; getopt's would not. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, long_options, NULL)) !=
	    -1) {
		if (c == '?' || c == ':')
			return bad_option(c, argv);
		switch (option_row(c)) {
		case OPT_BEST:
			cli.best = true;
			break;
		case OPT_COLOR:
			if ((color = parse_color(optarg)) == COLOR_INVALID) {
				mp_escape(shown, sizeof shown, optarg,
				    strlen(optarg));
				warnx("invalid argument '%s' for --color "
				    "(one of: %s)", shown,
				    option_values[OPT_COLOR]);
				return usage();
			}
			break;
		case OPT_CHECK:
			check_setting = optarg;
			break;
		case OPT_CONFIG:
			config.format = optarg;
			break;
		case OPT_SERVER:
			config.server = optarg;
			break;
		case OPT_NAME:
			config.name = optarg;
			break;
		case OPT_DISCOVER:
			discover_target = optarg;
			break;
		case OPT_DNS_SERVER:
			cli.dns_server = optarg;
			break;
		case OPT_HELP:
			mp_help(stdout);
			return finish(MP_EXIT_FOUND);
		case OPT_JSON:
			if (!set_format(&cli, MP_FORMAT_JSON))
				return usage();
			break;
		case OPT_PORT_ONLY:
			if (!set_format(&cli, MP_FORMAT_PORTS))
				return usage();
			break;
		case OPT_PROBE:
			probe_host = optarg;
			break;
		case OPT_PROVIDERS:
			providers = true;
			break;
		case OPT_TIMEOUT:
			if (!parse_timeout(optarg, &cli.timeout_ms)) {
				mp_escape(shown, sizeof shown, optarg,
				    strlen(optarg));
				warnx("invalid timeout '%s' (seconds, from "
				    "0.001 to 3600)", shown);
				return usage();
			}
			timeout_given = true;
			break;
		case OPT_TSV:
			if (!set_format(&cli, MP_FORMAT_TSV))
				return usage();
			break;
		case OPT_VERIFY:
			cli.verify = true;
			break;
		case OPT_VERSION:
			mp_version(stdout);
			return finish(MP_EXIT_FOUND);
		case NOPTIONS:
			break;
		}
	}
	words = argv + optind;
	nwords = argc - optind;

	cli.color = cli.format == MP_FORMAT_TABLE && color_wanted(color);
	cli.width = cli.format == MP_FORMAT_TABLE ? mp_terminal_width() : 0;
	cli.batch = nwords == 1 && strcmp(words[0], "-") == 0;
	cli.buffered = cli.batch && input_is_file();

	if (!options_agree(&cli, probe_host, discover_target, check_setting,
	    providers, timeout_given, nwords, &config))
		return usage();
	if (check_setting != NULL)
		return finish(mp_cmd_check(&cli, check_setting, words, nwords));
	if (config.format != NULL) {
		config.probe = probe_host;
		config.discover = discover_target != NULL;
		config.address = discover_target;
		if (discover_target == NULL && nwords > 0) {
			config.address = words[0];
			words++;
			nwords--;
		}
		return finish(mp_cmd_config(&cli, &config, words, nwords));
	}
	if (discover_target != NULL)
		return finish(mp_cmd_discover(&cli, discover_target, words,
		    nwords));
	if (probe_host != NULL)
		return finish(mp_cmd_probe(&cli, probe_host, words, nwords));
	if (providers) {
		mp_print_providers(stdout, cli.format, 0, cli.width);
		return finish(MP_EXIT_FOUND);
	}
	for (i = 0; i < nwords && !cli.batch; i++)
		if (strcmp(words[i], "-") == 0) {
			warnx("'-' (read queries from standard input) must be "
			    "the only word");
			return usage();
		}
	return finish(mp_cmd_lookup(&cli, words, nwords));
}

/*
 * main.c - the command line: reads the options, picks the mode they ask
 * for from the table of modes, checks that the options go together, and
 * hands the words to the mode (src/cmd_*.c).
 */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "first_screen.h"
#include "options.h"
#include "parse.h"

/* Beside the options, what the words are: the modes refuse them too. */
enum { ARG_WORDS = MP_NOPTIONS, ARG_BATCH, NARGS };

/*
 * What each option is called and which modes it goes with; the name is
 * held in the row, as usage.c holds --help's, to spare a relocation at
 * every start for a table read only when the options disagree.
 */
static const struct {
	char		 name[16];
	unsigned	 modes;
} args[NARGS] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	{ name, modes },
#include "options.def"
	[ARG_WORDS] = { "", MP_IN_ALL & ~MP_IN(PROVIDERS) },
	[ARG_BATCH] = { "", MP_IN(LOOKUP) }
};

/*
 * Each mode, as tmux has a command entry: the option that picks it, what
 * runs it, and what it says of an option it does not go with; also is an
 * option it refuses in words of its own.  A strict mode says all that
 * before anything else is looked at, also first; of its sources, one at
 * most.
 */
static const struct mode {
	int		 option;
	int		(*run)(const struct mp_cli *, char **, int);
	const char	*refusal;
	bool		 strict;
	int		 also;
	const char	*also_text;
	unsigned long	 sources;
	const char	*sources_text;
} modes[MP_NMODES] = {
	[MP_MODE_LOOKUP] = { .option = NARGS, .run = mp_cmd_lookup },
	[MP_MODE_PROVIDERS] = { .option = MP_OPT_PROVIDERS,
	    .run = mp_cmd_providers,
	    .refusal = "--providers takes no words" },
	[MP_MODE_PROBE] = { .option = MP_OPT_PROBE, .run = mp_cmd_probe,
	    .refusal = "--probe takes neither --providers nor -" },
	[MP_MODE_DISCOVER] = { .option = MP_OPT_DISCOVER,
	    .run = mp_cmd_discover,
	    .refusal = "--discover takes neither --probe, --providers nor -" },
	[MP_MODE_CHECK] = { .option = MP_OPT_CHECK, .run = mp_cmd_check,
	    .refusal = "--check takes neither --probe, --discover, "
	    "--providers nor -",
	    .also = MP_OPT_PORT_ONLY,
	    .also_text = "--check takes --json or --tsv, not -p" },
	[MP_MODE_CONFIG] = { .option = MP_OPT_CONFIG, .run = mp_cmd_config,
	    .refusal = "--config takes none of --providers, --verify, -1, -p, "
	    "--json, --tsv nor -",
	    .strict = true,
	    .also = MP_OPT_CHECK,
	    .also_text = "--config and --check exclude each other",
	    .sources = 1ul << MP_OPT_SERVER | 1ul << MP_OPT_PROBE |
	    1ul << MP_OPT_DISCOVER,
	    .sources_text = "--server, --probe and --discover exclude each "
	    "other" }
};

/* The modes an option other than a mode's own is for, or 0: every mode. */
static unsigned
needs(int arg)
{
	unsigned need = args[arg].modes & ~MP_IN(CONFIG);
	int m;

	for (m = 0; m < MP_NMODES; m++)
		if (modes[m].option == arg)
			return 0;
	if (args[arg].modes & MP_IN(LOOKUP))
		return 0;
	/* --config goes along: its --probe or --discover is the mode. */
	return need != 0 ? need : args[arg].modes;
}

/* Names the args, or the modes' options, of a set: --a, --b and --c. */
static void
join(char *text, size_t size, unsigned long set, bool of_modes)
{
	int i, n = of_modes ? MP_NMODES : MP_NOPTIONS, left = 0;

	for (i = 0; i < n; i++)
		left += (int)(set >> i & 1);
	for (i = 0; i < n; i++)
		if (set >> i & 1) {
			left--;
			snprintf(text + strlen(text), size - strlen(text),
			    "--%s%s", args[of_modes ? modes[i].option : i].name,
			    left > 1 ? ", " : left == 1 ? " and " : "");
		}
}

/* The words of mode for its also, if also is given, or NULL. */
static const char *
also(const struct mode *mode, unsigned long given)
{
	return mode->also_text != NULL && (given >> mode->also & 1) ?
	    mode->also_text : NULL;
}

/* Whether mode refuses one of the args given, as its refusal says. */
static bool
refuses(const struct mode *mode, unsigned long given, unsigned bit)
{
	int a;

	for (a = 0; a < NARGS; a++)
		if ((given >> a & 1) && !(args[a].modes & bit) &&
		    (mode->strict || needs(a) == 0) &&
		    also(mode, 1ul << a) == NULL)
			return true;
	return false;
}

/*
 * Sets *m to the mode the options given (bits of args) ask for, the last
 * one picked, and says what is wrong with them for it; NULL when they go
 * together.  An option for other modes goes with those in effect.
 */
static const char *
disagreement(char *text, size_t size, unsigned long given, int *m)
{
	const struct mode *mode;
	unsigned long same = 0, sources;
	unsigned in_effect = MP_IN(LOOKUP), bit;
	int a, b;

	for (a = 0; a < MP_NMODES; a++)
		if (modes[a].option < NARGS && (given >> modes[a].option & 1))
			in_effect = (in_effect & ~MP_IN(LOOKUP)) | 1u << a;
	for (*m = MP_NMODES - 1; !(in_effect >> *m & 1); (*m)--)
		;
	mode = &modes[*m];
	bit = 1u << *m;
	sources = given & mode->sources;
	if (mode->strict && also(mode, given) != NULL)
		return mode->also_text;
	if (mode->strict && refuses(mode, given, bit))
		return mode->refusal;
	if ((sources & (sources - 1)) != 0)
		return mode->sources_text;
	for (a = 0; a < MP_NOPTIONS; a++) {
		if (!(given >> a & 1) || needs(a) == 0 ||
		    (needs(a) & in_effect) != 0)
			continue;
		/* The options given that are for the same modes. */
		for (b = 0; b < MP_NOPTIONS; b++)
			if ((given >> b & 1) && needs(b) == needs(a))
				same |= 1ul << b;
		text[0] = '\0';
		join(text, size, same, false);
		strncat(text, (same & (same - 1)) != 0 ? " are for " :
		    " is for ", size - strlen(text) - 1);
		join(text, size, needs(a), true);
		return text;
	}
	return refuses(mode, given, bit) ? mode->refusal : also(mode, given);
}

/* Output is checked once, at the end, as every write goes through stdout. */
static int
finish(int status)
{
	/*
	 * After the one line that names a usage error: the synopsis is too
	 * long to repeat after every mistake, and --help has it.
	 */
	if (status == MP_EXIT_USAGE) {
		fputs("Try 'mailports --help'.\n", stderr);
		status = MP_EXIT_TROUBLE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		return MP_EXIT_TROUBLE;
	}
	return status;
}

int
main(int argc, char *argv[])
{
	struct mp_cli cli = { .format = MP_FORMAT_TABLE, .timeout_ms = 3000,
	    .parallel = MP_CLI_PARALLEL, .per_address = MP_CLI_PER_ADDRESS,
	    .rate = MP_CLI_RATE };
	unsigned long given = 0;
	const char *trouble;
	char text[160];
	int status, m;

	/*
	 * A closed pipe should end us quietly, as it ends cat; a parent that
	 * ignored SIGPIPE would otherwise turn it into a write error.
	 */
	signal(SIGPIPE, SIG_DFL);
	if ((status = mp_cli_parse(argc, argv, &cli, &given)) >= 0)
		return finish(status);
	given |= (unsigned long)(optind < argc) << ARG_WORDS |
	    (unsigned long)cli.batch << ARG_BATCH;
	if ((trouble = disagreement(text, sizeof text, given, &m)) != NULL) {
		warnx("%s", trouble);
		return finish(MP_EXIT_USAGE);
	}
	/*
	 * No words, at a terminal: the whole table must fit one screen, so
	 * the notes give way to where they are; a pipe gets them all.
	 */
	if (m == MP_MODE_LOOKUP && optind == argc &&
	    cli.format == MP_FORMAT_TABLE && cli.width != 0 && !cli.best) {
		mp_print_first_screen(stdout, cli.color);
		return finish(MP_EXIT_FOUND);
	}
	return finish(modes[m].run(&cli, argv + optind, argc - optind));
}

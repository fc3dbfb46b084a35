/*
 * cli.h - the modes of the command line: the exit statuses they return,
 * the options as parsed, and one entry point each.
 *
 * src/parse.c reads the options; src/main.c picks the mode from its table
 * and calls it.  Each mode lives in a file of its own (src/cmd_lookup.c,
 * src/cmd_probe.c, src/cmd_discover.c, src/cmd_check.c, src/cmd_config.c).
 */
#ifndef MAILPORTS_CLI_H
#define MAILPORTS_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "format.h"
#include "options.h"

/* Exit statuses, as grep's. */
enum mp_exit {
	MP_EXIT_FOUND = 0,
	MP_EXIT_NOT_FOUND = 1,
	MP_EXIT_TROUBLE = 2,
	/*
	 * A mistake in what was asked, said on stderr: main adds where to
	 * look, once, and exits with MP_EXIT_TROUBLE.
	 */
	MP_EXIT_USAGE = 3
};

/*
 * The modes: a lookup when no option picks another, else the last of
 * those picked (--config --probe HOST writes a configuration, and probes
 * HOST for it).  Messages name them in this order.
 */
enum mp_mode {
	MP_MODE_LOOKUP,
	MP_MODE_PROVIDERS,
	MP_MODE_PROBE,
	MP_MODE_DISCOVER,
	MP_MODE_CHECK,
	MP_MODE_CONFIG,
	MP_NMODES
};

/* A set of modes, as data/options.def gives each option's. */
#define MP_IN(mode)	(1u << MP_MODE_##mode)
#define MP_IN_ALL	((1u << MP_NMODES) - 1)

/*
 * A list's defaults: as many targets in flight as keep a name server
 * busy without a burst it would drop; a few connections to one address,
 * as hosters put thousands of domains on one; and new connections a
 * second few enough that no network takes them for an attack.
 */
#define MP_CLI_PARALLEL 64
#define MP_CLI_PARALLEL_MAX 256
#define MP_CLI_PER_ADDRESS 4
#define MP_CLI_RATE 200

struct mp_cli {
	enum mp_format	 format;
	bool		 best;		/* -1 */
	bool		 color;
	size_t		 width;		/* the terminal's columns, which
					   tables fit, or 0: not a terminal */
	bool		 batch;		/* the single word "-" */
	bool		 buffered;	/* a batch may hold answers back: its
					   input is a file */
	unsigned	 timeout_ms;
	bool		 verify;
	/* A list of targets (the argument -): how many in flight at once,
	   connections to one address at once, new connections a second
	   (0: no limit), results as they come, a summary instead. */
	unsigned	 parallel;
	unsigned	 per_address;
	unsigned	 rate;
	bool		 unordered;
	bool		 summary;
	const char	*list_option;	/* the first of these given, or NULL */
	/*
	 * The argument of each option, by its row of options.def
	 * (arg[MP_OPT_PROBE] is --probe's HOST[:PORT]), or NULL.
	 */
	const char	*arg[MP_NOPTIONS];
};

/* The modes, each given the words left after the options. */
int mp_cmd_lookup(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_providers(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_probe(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_discover(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_check(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_config(const struct mp_cli *cli, char **words, int nwords);

#endif

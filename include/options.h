/*
 * options.h - the words the rows of data/options.def are written in, and
 * their ids, for the option parser and the completions' generator.
 */
#ifndef MAILPORTS_OPTIONS_H
#define MAILPORTS_OPTIONS_H

/* How an option takes its argument. */
enum mp_argument {
	MP_ARGUMENT_NONE,
	MP_ARGUMENT_REQUIRED,	/* --name VALUE or --name=VALUE */
	MP_ARGUMENT_OPTIONAL	/* only --name=VALUE */
};

/* What a shell offers for an option's argument. */
enum mp_complete {
	MP_COMPLETE_NOTHING,
	MP_COMPLETE_VALUES,	/* the words of the row's values */
	MP_COMPLETE_HOSTS,	/* the host names the shell knows */
	MP_COMPLETE_SERVERS,	/* those and the providers' mail servers */
	MP_COMPLETE_DOMAINS	/* the providers' address domains */
};

/* The rows of options.def, in order. */
enum mp_option_id {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	MP_OPT_##id,
#include "options.def"
	MP_NOPTIONS
};

/*
 * The names of --config's formats, each after a space, from
 * data/configs.def (src/options.c): options.def's row of --config takes
 * them from the second byte on (MP_CONFIG_VALUES), so that the list is
 * kept in one place.
 */
extern const char mp_config_values[];
#define MP_CONFIG_VALUES (mp_config_values + 1)

#endif

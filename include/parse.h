/*
 * parse.h - the command line read into the options of struct mp_cli, by
 * the rows of data/options.def.
 */
#ifndef MAILPORTS_PARSE_H
#define MAILPORTS_PARSE_H

#include "cli.h"

/*
 * Reads argv's options into cli, and what the words ask of the output
 * (a batch), and sets the bit of each option given (1 << MP_OPT_id) in
 * *given; optind is left at the first word.  Returns
 * -1 when the words are next; else the exit status of --help or
 * --version, written, or MP_EXIT_USAGE after naming a bad option.
 */
int mp_cli_parse(int argc, char **argv, struct mp_cli *cli,
    unsigned long *given);

#endif

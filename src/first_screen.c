/*
 * first_screen.c - the table without words, for a person at a terminal.
 * A pipe gets the whole table, notes and all: a script, or a pager that
 * the last lines here suggest.
 */
#include <stdio.h>

#include "first_screen.h"
#include "format.h"
#include "mailports.h"

/* The way on: a port's note, all of them, words, and the rest. */
static const char way_on[] =
    "\n"
    "A port's note: mailports 587; every note: mailports | less\n"
    "Words narrow it: mailports imap secure; an address: mailports "
    "alice@gmail.com\n"
    "The rest: mailports --help, and the manual: man mailports\n";

void
mp_print_first_screen(FILE *fp, bool color)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_query query;
	size_t n;

	mp_query_init(&query);
	n = mp_lookup(&query, ports, MP_PORTS_MAX);
	mp_print_table_brief(fp, ports, n < MP_PORTS_MAX ? n : MP_PORTS_MAX,
	    color);
	fputs(way_on, fp);
}

/*
 * format.h - writing answers: the ports of the table and the providers'
 * servers, for people and for scripts.  Each formatter writes to the
 * stream it is given and leaves error checking to the caller, through
 * ferror().
 */
#ifndef MAILPORTS_FORMAT_H
#define MAILPORTS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mailports.h"
#include "providers.h"
#include "topics.h"

enum mp_format {
	MP_FORMAT_TABLE,	/* aligned columns with a header, for people */
	MP_FORMAT_PORTS,	/* port numbers only */
	MP_FORMAT_TSV,		/* a header line, then one record a line */
	MP_FORMAT_JSON		/* one JSON array on one line */
};

/*
 * The tables for people take the width of the terminal in columns, which
 * their last column wraps to fit, or 0 for lines that never wrap.
 */
void mp_print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color, size_t columns);
/* The same table without the notes, one line a port, for a first screen. */
void mp_print_table_brief(FILE *fp, const struct mp_port *const *ports,
    size_t n, bool color);
void mp_print_ports(FILE *fp, const struct mp_port *const *ports, size_t n,
    char separator);
void mp_print_tsv_header(FILE *fp);
void mp_print_tsv(FILE *fp, const struct mp_port *const *ports, size_t n);
void mp_print_json(FILE *fp, const struct mp_port *const *ports, size_t n);

/*
 * A provider's servers, for the provider and address of the query.  The
 * TSV header comes before the first record, as with the ports.
 */
void mp_print_servers_table(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n, bool color,
    size_t columns);
void mp_print_servers_ports(FILE *fp, const struct mp_server *const *servers,
    size_t n, char separator);
void mp_print_servers_tsv_header(FILE *fp);
void mp_print_servers_tsv(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n);
void mp_print_servers_json(FILE *fp, const struct mp_query *query,
    const struct mp_server *const *servers, size_t n);

/*
 * Every provider with its words and domains, for --providers; with
 * signins (MP_SIGNIN_ bits), only those whose servers take one of them.
 */
void mp_print_providers(FILE *fp, enum mp_format format, unsigned signins,
    size_t columns);

/*
 * A topic of the cheat sheet: its short answer, and the command of --check
 * that tests it, with address in it when not "", else setting (HOST:PORT
 * and its connection security) when not "".
 */
void mp_print_topic(FILE *fp, const struct mp_topic *topic,
    const char *address, const char *setting);

#endif

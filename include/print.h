/*
 * print.h - what a mode found, of one kind of record, written in the
 * output format the options chose.
 */
#ifndef MAILPORTS_PRINT_H
#define MAILPORTS_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "mailports.h"
#include "providers.h"

enum mp_records_kind {
	MP_RECORDS_PORTS,	/* ports of the table */
	MP_RECORDS_SERVERS,	/* a provider's servers, for query */
	MP_RECORDS_PROBE,	/* what --probe found at host */
	MP_RECORDS_DISCOVERY,	/* what --discover found */
	MP_RECORDS_CHECK	/* what --check made of each setting */
};

struct mp_probe_result;
struct mp_discovery;
struct mp_check;

struct mp_records {
	enum mp_records_kind		 kind;
	size_t				 n;
	const struct mp_query		*query;
	const struct mp_port *const	*ports;
	const struct mp_server *const	*servers;
	const char			*host;
	const struct mp_probe_result	*results;
	const struct mp_discovery	*discovery;
	const struct mp_check		*checks;
};

/*
 * Writes the records in the format of cli; with header, the TSV header of
 * ports or servers comes first (the other kinds always have theirs).
 */
void mp_print_records(FILE *fp, const struct mp_cli *cli,
    const struct mp_records *records, bool header);

#endif

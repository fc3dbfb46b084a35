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
	/*
	 * The line of a list that the records of a probe, a discovery or a
	 * check answer, or NULL for the one target of the command line; not
	 * read for the other kinds.
	 */
	const char			*input;
};

/*
 * Writes the records in the format of cli; with header, the TSV header of
 * ports or servers comes first (the other kinds always have theirs).
 * Records of a list (input set) go as mp_print_list_records writes them.
 */
void mp_print_records(FILE *fp, const struct mp_cli *cli,
    const struct mp_records *records, bool header);

/*
 * A list's forms, for probe, discovery and check records alike, one
 * target after another in a stream (format_list.c).  Every format but TSV
 * is JSON lines: one line a target, the object --json writes for one,
 * "input" first; check's array is its member "checks".  TSV has one header
 * for the whole list, and every row begins with the input, escaped, and
 * ends with the column error, empty; a target with no row has one, with
 * every other column empty, so that each input is seen.
 */
void mp_print_list_records(FILE *fp, enum mp_format format,
    const struct mp_records *records);

/* The TSV header of a list of kind: input, the kind's columns, error. */
void mp_print_records_header(FILE *fp, enum mp_records_kind kind);

/*
 * A target whose line could not be read or run, as error says:
 * {"input":...,"error":...}, or a TSV row of the input, an empty cell for
 * each of the kind's columns, and the error.
 */
void mp_print_error_record(FILE *fp, enum mp_format format,
    enum mp_records_kind kind, const char *input, const char *error);

#endif

/*
 * format_list.c - writing the targets of a list as they finish: one JSON
 * line each, or TSV rows under one header, every one tagged with the line
 * of input it answers; and the targets whose line could not be read or
 * run.  An input is what the user gave, so it is shown as typed, but
 * escaped wherever it could break a line, a row or the JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "discover.h"
#include "escape.h"
#include "format_probe.h"
#include "idna.h"
#include "output.h"
#include "print.h"

/*
 * Room for a cell of TSV: a line of a thousand characters escaped, or
 * more as typed; a longer one is cut, with "...".
 */
#define CELL_SIZE 4096

/* The names of the kind's own columns, tab between them, or NULL. */
static const char *
columns(enum mp_records_kind kind)
{
	switch (kind) {
	case MP_RECORDS_PROBE:
		return mp_probe_tsv_columns;
	case MP_RECORDS_DISCOVERY:
		return mp_discovery_tsv_columns;
	case MP_RECORDS_CHECK:
		return mp_check_tsv_columns;
	case MP_RECORDS_PORTS:
	case MP_RECORDS_SERVERS:
		break;
	}
	return NULL;
}

static size_t
ncolumns(enum mp_records_kind kind)
{
	const char *names = columns(kind);
	size_t n = 1;

	if (names == NULL)
		return 0;
	for (; *names != '\0'; names++)
		n += *names == '\t';
	return n;
}

/*
 * Text as a cell of TSV: printable UTF-8 as it is, every other byte (a
 * tab, a newline, a control byte, a byte of no character) escaped.
 */
static const char *
cell(char out[static CELL_SIZE], const char *text)
{
	return mp_escape_utf8(out, CELL_SIZE, text, strlen(text));
}

/*
 * Text as a JSON string.  JSON is UTF-8: a line that is not is written
 * escaped, as in TSV, for the line to stay one that a reader can parse.
 */
static void
put_json(FILE *fp, const char *text)
{
	char escaped[CELL_SIZE];
	size_t len = strlen(text), i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n)
		if ((n = mp_utf8_next(text + i, len - i, &cp)) == 0) {
			mp_put_json_text(fp, cell(escaped, text));
			return;
		}
	mp_put_json_string(fp, text, len);
}

/* A row of the escaped input, the kind's columns empty, and error. */
static void
put_empty_row(FILE *fp, enum mp_records_kind kind, const char *tag,
    const char *error)
{
	size_t i;

	fputs(tag, fp);
	for (i = 0; i <= ncolumns(kind); i++)
		putc('\t', fp);
	fputs(error, fp);
	putc('\n', fp);
}

static void
print_tsv(FILE *fp, const struct mp_records *r)
{
	char tag[CELL_SIZE];
	size_t rows = r->n;

	cell(tag, r->input);
	switch (r->kind) {
	case MP_RECORDS_PROBE:
		mp_put_probe_tsv(fp, r->results, r->n, tag);
		break;
	case MP_RECORDS_DISCOVERY:
		rows = r->discovery->nsettings;
		mp_put_discovery_tsv(fp, r->discovery, tag);
		break;
	case MP_RECORDS_CHECK:
		mp_put_check_tsv(fp, r->checks, r->n, tag);
		break;
	case MP_RECORDS_PORTS:
	case MP_RECORDS_SERVERS:
		rows = 0;
		break;
	}
	if (rows == 0)
		put_empty_row(fp, r->kind, tag, "");
}

void
mp_print_list_records(FILE *fp, enum mp_format format,
    const struct mp_records *r)
{
	if (format == MP_FORMAT_TSV) {
		print_tsv(fp, r);
		return;
	}
	fputs("{\"input\":", fp);
	put_json(fp, r->input);
	switch (r->kind) {
	case MP_RECORDS_PROBE:
		putc(',', fp);
		mp_put_probe_json(fp, r->host, r->results, r->n);
		break;
	case MP_RECORDS_DISCOVERY:
		putc(',', fp);
		mp_put_discovery_json(fp, r->discovery);
		break;
	case MP_RECORDS_CHECK:
		fputs(",\"checks\":", fp);
		mp_put_check_json(fp, r->checks, r->n);
		break;
	case MP_RECORDS_PORTS:
	case MP_RECORDS_SERVERS:
		break;
	}
	fputs("}\n", fp);
}

void
mp_print_records_header(FILE *fp, enum mp_records_kind kind)
{
	const char *names = columns(kind);

	fputs("input\t", fp);
	if (names != NULL) {
		fputs(names, fp);
		putc('\t', fp);
	}
	fputs("error\n", fp);
}

void
mp_print_error_record(FILE *fp, enum mp_format format,
    enum mp_records_kind kind, const char *input, const char *error)
{
	if (format == MP_FORMAT_TSV) {
		char tag[CELL_SIZE], why[CELL_SIZE];

		put_empty_row(fp, kind, cell(tag, input), cell(why, error));
		return;
	}
	fputs("{\"input\":", fp);
	put_json(fp, input);
	fputs(",\"error\":", fp);
	put_json(fp, error);
	fputs("}\n", fp);
}

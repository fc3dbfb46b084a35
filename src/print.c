/*
 * print.c - the one place that picks the formatter for a kind of record
 * and an output format.
 */
#include <stdio.h>

#include "check.h"
#include "cli.h"
#include "print.h"
#include "discover.h"
#include "format.h"
#include "format_probe.h"

static void
print_ports(FILE *fp, const struct mp_cli *cli, const struct mp_records *r,
    bool header)
{
	switch (cli->format) {
	case MP_FORMAT_TABLE:
		mp_print_table(fp, r->ports, r->n, cli->color, cli->width);
		break;
	case MP_FORMAT_PORTS:
		/* In a batch each query answers on one line, for paste(1). */
		mp_print_ports(fp, r->ports, r->n, cli->batch ? ' ' : '\n');
		break;
	case MP_FORMAT_TSV:
		if (header)
			mp_print_tsv_header(fp);
		mp_print_tsv(fp, r->ports, r->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_json(fp, r->ports, r->n);
		break;
	}
}

static void
print_servers(FILE *fp, const struct mp_cli *cli, const struct mp_records *r,
    bool header)
{
	switch (cli->format) {
	case MP_FORMAT_TABLE:
		mp_print_servers_table(fp, r->query, r->servers, r->n,
		    cli->color, cli->width);
		break;
	case MP_FORMAT_PORTS:
		mp_print_servers_ports(fp, r->servers, r->n,
		    cli->batch ? ' ' : '\n');
		break;
	case MP_FORMAT_TSV:
		if (header)
			mp_print_servers_tsv_header(fp);
		mp_print_servers_tsv(fp, r->query, r->servers, r->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_servers_json(fp, r->query, r->servers, r->n);
		break;
	}
}

static void
print_probe(FILE *fp, const struct mp_cli *cli, const struct mp_records *r)
{
	switch (cli->format) {
	case MP_FORMAT_TABLE:
		mp_print_probe_table(fp, r->results, r->n, cli->color,
		    cli->width);
		break;
	case MP_FORMAT_PORTS:
		mp_print_probe_ports(fp, r->results, r->n);
		break;
	case MP_FORMAT_TSV:
		mp_print_probe_tsv(fp, r->results, r->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_probe_json(fp, r->host, r->results, r->n);
		break;
	}
}

static void
print_discovery(FILE *fp, const struct mp_cli *cli,
    const struct mp_records *r)
{
	switch (cli->format) {
	case MP_FORMAT_TABLE:
		mp_print_discovery_table(fp, r->discovery, r->host,
		    cli->color, cli->width);
		break;
	case MP_FORMAT_PORTS:
		mp_print_discovery_ports(fp, r->discovery);
		break;
	case MP_FORMAT_TSV:
		mp_print_discovery_tsv(fp, r->discovery);
		break;
	case MP_FORMAT_JSON:
		mp_print_discovery_json(fp, r->discovery);
		break;
	}
}

/* A diagnosis has no ports to list: main refuses -p with --check. */
static void
print_checks(FILE *fp, const struct mp_cli *cli, const struct mp_records *r)
{
	switch (cli->format) {
	case MP_FORMAT_TABLE:
	case MP_FORMAT_PORTS:
		mp_print_check_text(fp, r->checks, r->n, cli->width);
		break;
	case MP_FORMAT_TSV:
		mp_print_check_tsv(fp, r->checks, r->n);
		break;
	case MP_FORMAT_JSON:
		mp_print_check_json(fp, r->checks, r->n);
		break;
	}
}

void
mp_print_records(FILE *fp, const struct mp_cli *cli,
    const struct mp_records *records, bool header)
{
	/* A lookup's records may leave input unset: they are never listed. */
	if (records->kind != MP_RECORDS_PORTS &&
	    records->kind != MP_RECORDS_SERVERS && records->input != NULL) {
		mp_print_list_records(fp, cli->format, records);
		return;
	}
	switch (records->kind) {
	case MP_RECORDS_PORTS:
		print_ports(fp, cli, records, header);
		break;
	case MP_RECORDS_SERVERS:
		print_servers(fp, cli, records, header);
		break;
	case MP_RECORDS_PROBE:
		print_probe(fp, cli, records);
		break;
	case MP_RECORDS_DISCOVERY:
		print_discovery(fp, cli, records);
		break;
	case MP_RECORDS_CHECK:
		print_checks(fp, cli, records);
		break;
	}
}

/*
 * format_probe.h - writing what a probe found, as for lookups: a table
 * with warnings and a verdict for people, ports, TSV and JSON for scripts.
 */
#ifndef MAILPORTS_FORMAT_PROBE_H
#define MAILPORTS_FORMAT_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "probe.h"

void mp_print_probe_table(FILE *fp, const struct mp_probe_result *results,
    size_t n, bool color, size_t columns);
void mp_print_probe_ports(FILE *fp, const struct mp_probe_result *results,
    size_t n);
void mp_print_probe_tsv(FILE *fp, const struct mp_probe_result *results,
    size_t n);
void mp_print_probe_json(FILE *fp, const char *host,
    const struct mp_probe_result *results, size_t n);

/*
 * For a list of hosts, the parts of those: the names of the TSV columns,
 * tab between them; the rows alone, each with tag (the input, escaped)
 * and a tab first and one more column, empty, last, unless tag is NULL;
 * and the members of the JSON object without its braces.
 */
extern const char mp_probe_tsv_columns[];
void mp_put_probe_tsv(FILE *fp, const struct mp_probe_result *results,
    size_t n, const char *tag);
void mp_put_probe_json(FILE *fp, const char *host,
    const struct mp_probe_result *results, size_t n);

#endif

/*
 * ispdb_def.h - writes data/ispdb.def from the converted files of the ISP
 * database (ispdb.h).
 */
#ifndef MAILPORTS_ISPDB_DEF_H
#define MAILPORTS_ISPDB_DEF_H

#include <stdio.h>

#include "ispdb.h"

#define MP_ISPDB_ID_SIZE (4 + sizeof ((struct mp_ispdb_provider *)0)->stem)

/* The id of a provider: "isp_" and its stem, all but [A-Za-z0-9] as '_'. */
void mp_ispdb_id(const char *stem, char id[MP_ISPDB_ID_SIZE]);

/*
 * Writes the .def file: its header, naming the folder's commit and date,
 * a block of rows for each provider that is not skipped, in the order
 * given, and then an ISPDB_SKIPPED row for each one that is.  Domains
 * marked dropped are left out.
 */
void mp_ispdb_write(FILE *out, const struct mp_ispdb_provider *providers,
    size_t n, const char *commit, const char *date);

#endif

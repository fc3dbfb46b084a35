/*
 * output.h - the writers the formatters for scripts share: JSON strings.
 */
#ifndef MAILPORTS_OUTPUT_H
#define MAILPORTS_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string of len bytes, quoted and escaped. */
void mp_put_json_string(FILE *fp, const char *text, size_t len);
/* The same for a whole string. */
void mp_put_json_text(FILE *fp, const char *text);

#endif

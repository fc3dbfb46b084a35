/*
 * c_string.h - text written as a C string literal, for the tools that
 * generate C source and .def files.
 */
#ifndef MAILPORTS_C_STRING_H
#define MAILPORTS_C_STRING_H

#include <stdio.h>

/*
 * Writes text to out as a C string literal, in double quotes, that a
 * compiler reads back as the same bytes.
 */
void mp_c_string(FILE *out, const char *text);

#endif

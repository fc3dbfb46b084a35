/*
 * usage.h - --help, which starts with the synopsis, and --version.
 */
#ifndef MAILPORTS_USAGE_H
#define MAILPORTS_USAGE_H

#include <stdio.h>

void mp_help(FILE *fp);
void mp_version(FILE *fp);

#endif

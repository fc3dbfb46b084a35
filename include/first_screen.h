/*
 * first_screen.h - what mailports says with no words on a terminal: the
 * whole table in one screen, and how to see the rest.
 */
#ifndef MAILPORTS_FIRST_SCREEN_H
#define MAILPORTS_FIRST_SCREEN_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Every port of the table but the historic ones, one line each without
 * its note, then where the notes and the rest are: at most 22 lines of
 * at most 80 columns, so that on a terminal of 80x24 the command and the
 * next prompt show with them.
 */
void mp_print_first_screen(FILE *fp, bool color);

#endif

/*
 * terminal.h - the width of the terminal that human output goes to.
 */
#ifndef MAILPORTS_TERMINAL_H
#define MAILPORTS_TERMINAL_H

#include <stddef.h>

/*
 * The columns of the terminal on standard output: its window size, else
 * $COLUMNS, else 80.  0 when standard output is not a terminal, so that
 * pipes and files get lines that never wrap.
 */
size_t mp_terminal_width(void);

#endif

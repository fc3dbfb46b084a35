/*
 * terminal.c - the width of the terminal on standard output.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "number.h"
#include "terminal.h"

/* Wider than any terminal: a larger $COLUMNS is a mistake. */
#define MP_COLUMNS_MAX 1000

size_t
mp_terminal_width(void)
{
	struct winsize size;
	const char *columns;
	unsigned long n;

	/* The request fails on what is not a terminal, which answers both
	   questions with one system call. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0)
		return 0;
	if (size.ws_col > 0)
		return size.ws_col;
	columns = getenv("COLUMNS");
	if (columns != NULL && mp_number(columns, strlen(columns), 0, 1,
	    MP_COLUMNS_MAX, &n) == MP_NUMBER_OK)
		return (size_t)n;
	return 80;
}

/*
 * terminal.c - the width of the terminal on standard output.
 */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "terminal.h"

/* Wider than any terminal: a larger $COLUMNS is a mistake. */
#define MP_COLUMNS_MAX 1000

size_t
mp_terminal_width(void)
{
	struct winsize size;
	const char *columns;

	/* The request fails on what is not a terminal, which answers both
	   questions with one system call. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0)
		return 0;
	if (size.ws_col > 0)
		return size.ws_col;
	columns = getenv("COLUMNS");
	if (columns != NULL && *columns >= '0' && *columns <= '9') {
		char *end;
		unsigned long n = strtoul(columns, &end, 10);

		if (*end == '\0' && n > 0 && n <= MP_COLUMNS_MAX)
			return (size_t)n;
	}
	return 80;
}

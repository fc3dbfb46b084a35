/*
 * idna_ascii.c - prints the ASCII form of each name given, as mailports
 * looks it up, or "error: " and why; for tests/cli/idna.sh, which compares
 * it with idn2(1).
 */
#include <stdio.h>
#include <string.h>

#include "idna.h"

int
main(int argc, char *argv[])
{
	char ascii[MP_IDNA_NAME_SIZE];
	size_t len;
	int i;

	for (i = 1; i < argc; i++) {
		enum mp_idna_error error = mp_idna_to_ascii(argv[i],
		    strlen(argv[i]), ascii, &len);

		if (error == MP_IDNA_OK)
			printf("%s\n", ascii);
		else
			printf("error: %s\n", mp_idna_error_text(error));
	}
	return fflush(stdout) != 0 || ferror(stdout) ? 1 : 0;
}

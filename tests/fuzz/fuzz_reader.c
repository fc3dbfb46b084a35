/*
 * fuzz_reader.c - libFuzzer harness for queries on standard input: the
 * input is a stream of lines, each answered as mailports - answers it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailports.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	struct mp_reader reader;
	struct mp_query query;
	enum mp_token token;
	FILE *fp;
	char *copy;

	/* fmemopen wants a buffer it could write, so it gets a copy. */
	if (size == 0 || (copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	if ((fp = fmemopen(copy, size, "r")) == NULL) {
		free(copy);
		return 0;
	}
	mp_reader_init(&reader, fp);
	mp_query_init(&query);
	while ((token = mp_reader_next(&reader)) != MP_TOKEN_END) {
		if (token == MP_TOKEN_WORD) {
			if (reader.len > sizeof reader.word)
				__builtin_trap();
			(void)mp_query_add(&query, reader.word, reader.len);
			continue;
		}
		(void)mp_lookup(&query, ports, MP_PORTS_MAX);
		mp_query_init(&query);
	}
	fclose(fp);
	free(copy);
	return 0;
}

/*
 * query_of.h - a query built from blank-separated words, for the tests;
 * every word must be one the query language knows.
 */
#ifndef QUERY_OF_H
#define QUERY_OF_H

#include <string.h>

#include "mailports.h"

static inline void
query_of(struct mp_query *query, const char *words)
{
	const char *start = words, *end;

	mp_query_init(query);
	while (*start != '\0') {
		end = strchr(start, ' ');
		if (end == NULL)
			end = start + strlen(start);
		assert_int_equal(mp_query_add(query, start,
		    (size_t)(end - start)), MP_OK);
		start = *end == ' ' ? end + 1 : end;
	}
}

#endif /* QUERY_OF_H */

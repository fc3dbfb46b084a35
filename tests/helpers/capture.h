/*
 * capture.h - what a formatter writes, caught in memory for the tests.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <stdio.h>

struct capture {
	FILE *fp;
	char *text;
	size_t size;
};

static inline void
capture_start(struct capture *c)
{
	c->fp = open_memstream(&c->text, &c->size);
	assert_non_null(c->fp);
}

static inline char *
capture_end(struct capture *c)
{
	assert_int_equal(fclose(c->fp), 0);
	return c->text;
}

#endif /* CAPTURE_H */

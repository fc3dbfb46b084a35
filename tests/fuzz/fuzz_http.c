/*
 * fuzz_http.c - libFuzzer harness for what a web server may send: the
 * input is an answer, read whole and in pieces (the same result either
 * way), with the body's full bound and a small one, and the connection's
 * end after it; and, as text, a URL to split, a Location to resolve
 * against a base and a base to resolve against, and a value to encode.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether text is one line of printable ASCII, as a reason must be. */
static bool
printable(const char *text)
{
	size_t i = 0;

	while (text[i] >= ' ' && text[i] <= '~')
		i++;
	return text[i] == '\0';
}

/* Reads the answer in pieces of step bytes (0: whole). */
static void
read_answer(struct mp_http_reader *r, char *body, size_t bound,
    const char *answer, size_t len, size_t step)
{
	size_t at;

	mp_http_reader_init(r, body, bound);
	if (step == 0)
		mp_http_reader_feed(r, answer, len);
	for (at = 0; step > 0 && at < len; at += step)
		mp_http_reader_feed(r, answer + at, len - at < step ?
		    len - at : step);
	mp_http_reader_end(r);
	if (r->len > bound || !printable(r->reason) ||
	    strlen(r->location) >= sizeof r->location ||
	    (r->stage != MP_HTTP_STAGE_DONE &&
	    r->stage != MP_HTTP_STAGE_FAILED) ||
	    (r->stage == MP_HTTP_STAGE_DONE && r->code != 200 && r->len != 0))
		__builtin_trap();
}

static void
check_urls(const char *text)
{
	static char host[MP_HOST_NAME_SIZE], rest[MP_URL_SIZE],
	    out[MP_URL_SIZE], encoded[3 * MP_URL_SIZE];
	unsigned port;
	bool https;

	if (mp_url_split(text, host, &port, rest, sizeof rest, &https) &&
	    (port == 0 || port > 65535 || rest[0] != '/' || !printable(rest) ||
	    https))
		__builtin_trap();
	if (mp_url_resolve("http://a.example:8080/b/c?d", text, out)) {
		if (strlen(out) >= MP_URL_SIZE || !printable(out))
			__builtin_trap();
		mp_url_split(out, host, &port, rest, sizeof rest, &https);
	}
	if (mp_url_resolve(text, "e/f", out) && strlen(out) >= MP_URL_SIZE)
		__builtin_trap();
	if (mp_url_encode(text, encoded, sizeof encoded)) {
		size_t i;

		for (i = 0; encoded[i] != '\0'; i++)
			if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
			    "rstuvwxyz0123456789-._~%", encoded[i]) == NULL)
				__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mp_http_reader whole, pieces;
	static char body[MP_HTTP_BODY_MAX], body2[MP_HTTP_BODY_MAX];
	static char text[2 * MP_URL_SIZE];
	const char *answer = (const char *)data;
	size_t step = size > 0 ? data[0] % 7 + 1 : 1;
	size_t bound;

	read_answer(&whole, body, sizeof body, answer, size, 0);
	read_answer(&pieces, body2, sizeof body2, answer, size, step);
	if (whole.stage != pieces.stage || whole.code != pieces.code ||
	    whole.len != pieces.len || memcmp(body, body2, whole.len) != 0 ||
	    strcmp(whole.location, pieces.location) != 0 ||
	    (whole.stage == MP_HTTP_STAGE_FAILED &&
	    whole.status != pieces.status))
		__builtin_trap();
	/* A small bound, to reach the body's limits often. */
	bound = size > 1 ? data[1] % 64 : 0;
	read_answer(&whole, body, bound, answer, size, step);
	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	check_urls(text);
	return 0;
}

/*
 * test_http.c - the HTTP response reader, fed each answer whole, byte by
 * byte and cut in two at every place, with the same result each way; and
 * the URLs of a fetch, split, resolved and encoded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "http.h"
#include "len.h"

/* An answer, and what the reader makes of it. */
struct row {
	const char		*answer;
	bool			 end;		/* the connection ends after */
	size_t			 size;		/* the body's bound, 0: default */
	enum mp_http_stage	 stage;
	enum mp_http_status	 status;	/* when FAILED */
	unsigned		 code;
	const char		*body;		/* when DONE */
	const char		*location;
	const char		*reason;	/* a part of it, when FAILED */
};

#define OK_200(answer, end, body) \
	{ answer, end, 0, MP_HTTP_STAGE_DONE, MP_HTTP_OK, 200, body, "", "" }
#define BAD(answer, end, status, reason) \
	{ answer, end, 0, MP_HTTP_STAGE_FAILED, status, 0, "", "", reason }

static const struct row accepted[] = {
	OK_200("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false,
	    "hello"),
	OK_200("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nX-Trailer: y\r\n"
	    "\r\n", false, "hello world"),
	OK_200("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
	    "A\r\n0123456789\r\n000\r\n\r\n", false, "0123456789"),
	OK_200("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<a/>\n",
	    true, "<a/>\n"),
	/* A bare LF ends a line (RFC 9112 section 2.2). */
	OK_200("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", false, "hi"),
	OK_200("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "2\nhi\n0\n\n", false, "hi"),
	/* A folded field reads as one line (section 5.2). */
	OK_200("HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\ncontent-LENGTH: 1\r\n"
	    "\r\nz", false, "z"),
	/* Interim answers come before the real one (RFC 9110 15.2). */
	OK_200("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
	    "Link: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
	    false, "ok"),
	OK_200("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3"
	    "\r\n\r\nabc", false, "abc"),
	OK_200("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, ""),
	OK_200("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\n1", false, "1"),
	OK_200("HTTP/1.2 200 OK\r\nContent-Length: 1\r\n\r\n1", false, "1"),
	OK_200("HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\n"
	    "Content-Length:1\r\n\r\n1", false, "1"),
	OK_200("HTTP/1.1 200 OK\r\n\r\n", true, ""),
	/* Bytes after a whole answer are not read. */
	OK_200("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokmore", false,
	    "ok"),
	/* Of any answer but a 200 the head is enough. */
	{ "HTTP/1.1 301 Moved\r\nLocation:  http://example.com/x \r\n"
	  "Content-Length: 5\r\n\r\nmoved", false, 0, MP_HTTP_STAGE_DONE,
	  MP_HTTP_OK, 301, "", "http://example.com/x", "" },
	{ "HTTP/1.1 308 Permanent Redirect\r\nLocation: /y\r\n\r\n", false,
	  0, MP_HTTP_STAGE_DONE, MP_HTTP_OK, 308, "", "/y", "" },
	{ "HTTP/1.1 404 Not Found\r\nContent-Length: 999999999\r\n\r\nno",
	  false, 0, MP_HTTP_STAGE_DONE, MP_HTTP_OK, 404, "", "", "" },
	{ "HTTP/1.1 500 \x1b[31mOops\r\n\r\n", false, 0, MP_HTTP_STAGE_DONE,
	  MP_HTTP_OK, 500, "", "", "" },
	/* A body that fills its bound exactly is whole. */
	{ "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfull", false, 4,
	  MP_HTTP_STAGE_DONE, MP_HTTP_OK, 200, "full", "", "" },
	{ "HTTP/1.0 200 OK\r\n\r\nfull", true, 4, MP_HTTP_STAGE_DONE,
	  MP_HTTP_OK, 200, "full", "", "" },
};

static const struct row refused[] = {
	/* Status lines. */
	BAD("HTTP/2 200 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "not an HTTP/1.1 status line"),
	BAD("HTTP/1.1 20 OK\r\n\r\n", false, MP_HTTP_MALFORMED, "status line"),
	BAD("HTTP/1.1 2000 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "status line"),
	BAD("HTTP/1.1 099 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "status line"),
	BAD("HTTP/1.1 600 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "status line"),
	BAD("HTTP/1.1 2x0 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "status line"),
	BAD("HTTP/1.1  200 OK\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "status line"),
	BAD("SSH-2.0-OpenSSH\r\n", false, MP_HTTP_MALFORMED,
	    "not an HTTP answer: 'SSH-2.0"),
	BAD("\x1b[2J<html>", false, MP_HTTP_MALFORMED, "'\\x1b"),
	BAD("", true, MP_HTTP_NET_ERROR, "without an answer"),
	BAD("HTTP/1.1 200 OK\r\nContent-", true, MP_HTTP_MALFORMED,
	    "within the head"),
	/* Fields. */
	BAD("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "a header line 'no colon' that is not a field"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\n1", false,
	    MP_HTTP_MALFORMED, "not a field"),
	BAD("HTTP/1.1 200 OK\r\n: empty\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "not a field"),
	BAD("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "not a field"),
	BAD("HTTP/1.1 200 OK\r\n Folded: first\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "a blank before the first header field"),
	/* Content-Length. */
	BAD("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "Content-Length 'abc' is no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 1,\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n"
	    "\r\n", false, MP_HTTP_MALFORMED, "no length"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n"
	    "\r\nabc", false, MP_HTTP_MALFORMED,
	    "two Content-Length headers that differ"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nabc", false,
	    MP_HTTP_MALFORMED, "differ"),
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", true,
	    MP_HTTP_MALFORMED, "after 5 bytes of the 10 of Content-Length"),
	/* Transfer-Encoding. */
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "Content-Length: 5\r\n\r\n0\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "both Transfer-Encoding and Content-Length"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
	    false, MP_HTTP_MALFORMED, "Transfer-Encoding 'gzip, chunked'"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "Transfer-Encoding"),
	BAD("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	    false, MP_HTTP_MALFORMED, "HTTP/1.0"),
	BAD("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "coded as 'gzip'"),
	/* Chunks. */
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "chunk size 'fffffffffffffffff' is too large"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "zz\r\n", false, MP_HTTP_MALFORMED,
	    "a chunk size that is not hexadecimal: 'z'"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    ";x\r\n", false, MP_HTTP_MALFORMED, "not hexadecimal: ';'"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5x\r\n", false, MP_HTTP_MALFORMED, "not hexadecimal: '5x'"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhelloXX\r\n0\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "a chunk followed by 'X' instead of its line end"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\rX\r\n0\r\n\r\n", false, MP_HTTP_MALFORMED,
	    "a chunk followed by 'X'"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "1000\r\n0123456789", true, MP_HTTP_MALFORMED,
	    "within a chunked body, after 10 bytes"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n0\r\n", true, MP_HTTP_MALFORMED,
	    "within a chunked body"),
	BAD("HTTP/1.1 200 OK\r\nLocation: /a\r\nLocation: /b\r\n\r\n", false,
	    MP_HTTP_MALFORMED, "two Location headers"),
};

/* The same answers with a body bound of 16 bytes. */
static const struct row small[] = {
	BAD("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n", false,
	    MP_HTTP_TOO_LARGE, "a body of 17 bytes, more than the 16"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "0000000000000000000000000000011\r\n", false, MP_HTTP_TOO_LARGE,
	    "a chunk of 17 bytes"),
	BAD("HTTP/1.0 200 OK\r\n\r\n0123456789abcdefg", false,
	    MP_HTTP_TOO_LARGE, "a body longer than the 16 bytes"),
	BAD("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "10\r\n0123456789abcdef\r\n1\r\n", false, MP_HTTP_TOO_LARGE,
	    "a chunk of 1 bytes takes the body past the 16"),
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	  "10\r\n0123456789abcdef\r\n0\r\n\r\n", false, 16,
	  MP_HTTP_STAGE_DONE, MP_HTTP_OK, 200, "0123456789abcdef", "", "" },
};

static char body[MP_HTTP_BODY_MAX];

/* Whether text is one line of printable ASCII. */
static bool
printable(const char *text)
{
	for (; *text != '\0'; text++)
		if ((unsigned char)*text < ' ' || (unsigned char)*text > '~')
			return false;
	return true;
}

/* Reads the len bytes of answer cut at each of the cuts (sorted). */
static void
read_in_pieces(struct mp_http_reader *r, const struct row *row, size_t len,
    const size_t *cuts, size_t ncuts)
{
	size_t from = 0, i;

	mp_http_reader_init(r, body, row->size > 0 ? row->size :
	    sizeof body);
	for (i = 0; i <= ncuts; i++) {
		size_t to = i < ncuts ? cuts[i] : len;

		mp_http_reader_feed(r, row->answer + from, to - from);
		from = to;
	}
	if (row->end)
		mp_http_reader_end(r);
}

/*
 * The reader's results are row's; its reason too when whole (in pieces,
 * a reason may quote less of what came).
 */
static void
check(const struct mp_http_reader *r, const struct row *row, bool whole)
{
	if (r->stage != row->stage)
		fail_msg("'%s': stage %d, wanted %d (%s)", row->answer,
		    r->stage, row->stage, r->reason);
	assert_true(printable(r->reason));
	if (row->stage == MP_HTTP_STAGE_FAILED) {
		assert_int_equal(r->status, row->status);
		if (whole && strstr(r->reason, row->reason) == NULL)
			fail_msg("reason '%s', wanted '%s'", r->reason,
			    row->reason);
		return;
	}
	assert_int_equal(r->code, row->code);
	assert_string_equal(r->location, row->location);
	assert_int_equal(r->len, strlen(row->body));
	assert_memory_equal(r->body, row->body, r->len);
}

/* Whole, byte by byte, and in two pieces cut at every place. */
static void
check_answer(const struct row *row, size_t len)
{
	static struct mp_http_reader r;
	static size_t cuts[16384];
	size_t j;

	read_in_pieces(&r, row, len, cuts, 0);
	check(&r, row, true);
	for (j = 0; j + 1 < len && j < LEN(cuts); j++)
		cuts[j] = j + 1;
	read_in_pieces(&r, row, len, cuts, j);
	check(&r, row, false);
	for (j = 1; j < len; j++) {
		read_in_pieces(&r, row, len, &j, 1);
		check(&r, row, false);
	}
}

static void
check_rows(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_answer(&rows[i], strlen(rows[i].answer));
}

static void
test_reader_accepts(void **state)
{
	(void)state;
	check_rows(accepted, LEN(accepted));
}

static void
test_reader_refuses(void **state)
{
	(void)state;
	check_rows(refused, LEN(refused));
}

static void
test_reader_refuses_nul(void **state)
{
	static const struct row row = BAD("HTTP/1.1 200 OK\r\nX-A: a\0b\r\n"
	    "\r\n", false, MP_HTTP_MALFORMED, "a header line 'X-A: a\\x00b'");

	(void)state;
	check_answer(&row, sizeof "HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n" - 1);
}

static void
test_reader_bounds_body(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < LEN(small); i++) {
		struct row row = small[i];

		row.size = 16;
		check_rows(&row, 1);
	}
}

/* Fills text with a head of len bytes: a status line and one field. */
static size_t
long_head(char *text, size_t len)
{
	static const char start[] = "HTTP/1.1 200 OK\r\nX-Long: ";

	memcpy(text, start, sizeof start - 1);
	memset(text + sizeof start - 1, 'a', len - (sizeof start - 1) - 4);
	memcpy(text + len - 4, "\r\n\r\n", 4);
	return len;
}

static void
test_reader_bounds_head(void **state)
{
	static char text[MP_HTTP_HEAD_MAX + 64];
	static struct mp_http_reader r;
	size_t len;

	(void)state;
	len = long_head(text, MP_HTTP_HEAD_MAX);
	mp_http_reader_init(&r, body, sizeof body);
	assert_int_equal(mp_http_reader_feed(&r, text, len),
	    MP_HTTP_STAGE_BODY);
	len = long_head(text, MP_HTTP_HEAD_MAX + 1);
	mp_http_reader_init(&r, body, sizeof body);
	assert_int_equal(mp_http_reader_feed(&r, text, len),
	    MP_HTTP_STAGE_FAILED);
	assert_int_equal(r.status, MP_HTTP_TOO_LARGE);
	assert_non_null(strstr(r.reason, "8192"));
	/* A flood of interim answers counts to the same bound. */
	mp_http_reader_init(&r, body, sizeof body);
	for (len = 0; len < MP_HTTP_HEAD_MAX; len += 25)
		mp_http_reader_feed(&r, "HTTP/1.1 100 Continue\r\n\r\n", 25);
	assert_int_equal(r.stage, MP_HTTP_STAGE_FAILED);
	assert_int_equal(r.status, MP_HTTP_TOO_LARGE);
}

static void
test_reader_bounds_chunk_lines(void **state)
{
	static const char head[] = "HTTP/1.1 200 OK\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n";
	static struct mp_http_reader r;
	static char text[MP_HTTP_HEAD_MAX + 64];
	size_t i;

	(void)state;
	mp_http_reader_init(&r, body, sizeof body);
	mp_http_reader_feed(&r, head, sizeof head - 1);
	mp_http_reader_feed(&r, "5;", 2);
	for (i = 0; i < 1100 && r.stage == MP_HTTP_STAGE_BODY; i++)
		mp_http_reader_feed(&r, "x", 1);
	assert_int_equal(r.stage, MP_HTTP_STAGE_FAILED);
	assert_int_equal(r.status, MP_HTTP_MALFORMED);
	assert_non_null(strstr(r.reason, "longer than 1024"));
	/* Trailer fields are bounded as the head is. */
	mp_http_reader_init(&r, body, sizeof body);
	mp_http_reader_feed(&r, head, sizeof head - 1);
	mp_http_reader_feed(&r, "0\r\n", 3);
	memset(text, 'a', sizeof text);
	mp_http_reader_feed(&r, text, sizeof text);
	assert_int_equal(r.stage, MP_HTTP_STAGE_FAILED);
	assert_int_equal(r.status, MP_HTTP_TOO_LARGE);
}

static void
test_reader_ignores_after_end(void **state)
{
	static struct mp_http_reader r;

	(void)state;
	mp_http_reader_init(&r, body, sizeof body);
	mp_http_reader_feed(&r, "nope", 4);
	assert_int_equal(mp_http_reader_feed(&r, "HTTP/1.1 200 OK\r\n", 17),
	    MP_HTTP_STAGE_FAILED);
	assert_int_equal(mp_http_reader_end(&r), MP_HTTP_STAGE_FAILED);
	assert_int_equal(r.code, 0);
}

static void
test_reader_refuses_long_location(void **state)
{
	static char text[MP_URL_SIZE + 128];
	static struct mp_http_reader r;
	static const char *const codes[] = { "301", "200" };
	size_t i, len;

	(void)state;
	for (i = 0; i < LEN(codes); i++) {
		len = (size_t)snprintf(text, sizeof text, "HTTP/1.1 %s X\r\n"
		    "Location: /", codes[i]);
		memset(text + len, 'a', MP_URL_SIZE);
		memcpy(text + len + MP_URL_SIZE, "\r\n\r\n", 4);
		mp_http_reader_init(&r, body, sizeof body);
		mp_http_reader_feed(&r, text, len + MP_URL_SIZE + 4);
		mp_http_reader_end(&r);
		assert_string_equal(r.location, "");
		if (i == 0) {
			/* A redirect's is refused; another answer's unused. */
			assert_int_equal(r.stage, MP_HTTP_STAGE_FAILED);
			assert_int_equal(r.status, MP_HTTP_BAD_REDIRECT);
		} else {
			assert_int_equal(r.stage, MP_HTTP_STAGE_DONE);
		}
	}
}

static void
test_redirect_codes(void **state)
{
	unsigned code, n = 0;

	(void)state;
	for (code = 100; code < 600; code++)
		n += mp_http_redirect(code);
	assert_int_equal(n, 5);
	assert_true(mp_http_redirect(301));
	assert_true(mp_http_redirect(308));
	assert_false(mp_http_redirect(300));
	assert_false(mp_http_redirect(304));
	assert_false(mp_http_redirect(305));
}

static void
test_status_key_each(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < MP_NHTTP; i++) {
		assert_string_not_equal(mp_http_status_key(
		    (enum mp_http_status)i), "?");
		for (j = 0; j < i; j++)
			assert_string_not_equal(mp_http_status_key(
			    (enum mp_http_status)i), mp_http_status_key(
			    (enum mp_http_status)j));
	}
	assert_string_equal(mp_http_status_key(MP_HTTP_OK), "ok");
	assert_string_equal(mp_http_status_key(MP_HTTP_HTTPS), "https");
	assert_string_equal(mp_http_status_key(MP_NHTTP), "?");
}

static void
test_url_split_accepts(void **state)
{
	static const struct {
		const char	*url, *host;
		unsigned	 port;
		const char	*rest;
	} rows[] = {
		{ "http://Autoconfig.Example.COM/mail/config-v1.1.xml?"
		  "emailaddress=a%40example.com", "autoconfig.example.com", 80,
		  "/mail/config-v1.1.xml?emailaddress=a%40example.com" },
		{ "HTTP://example.com", "example.com", 80, "/" },
		{ "http://example.com:8080/x", "example.com", 8080, "/x" },
		{ "http://example.com:/x", "example.com", 80, "/x" },
		{ "http://example.com?q=1", "example.com", 80, "/?q=1" },
		{ "http://192.0.2.1/x#part", "192.0.2.1", 80, "/x" },
		{ "http://[2001:DB8::1]:8080/", "2001:db8::1", 8080, "/" },
		{ "http://127.0.0.1:65535/a/b/", "127.0.0.1", 65535, "/a/b/" },
	};
	char host[MP_HOST_NAME_SIZE], rest[MP_URL_SIZE];
	unsigned port;
	bool https;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		if (!mp_url_split(rows[i].url, host, &port, rest, sizeof rest,
		    &https))
			fail_msg("%s refused", rows[i].url);
		assert_false(https);
		assert_string_equal(host, rows[i].host);
		assert_int_equal(port, rows[i].port);
		assert_string_equal(rest, rows[i].rest);
	}
}

static void
test_url_split_refuses(void **state)
{
	static const char *const rows[] = {
		"ftp://example.com/", "http://", "http:///x", "http:example.com",
		"http://user:pass@example.com/", "http://example.com:0/",
		"http://example.com:65536/", "http://example.com:8o/",
		"http://exa mple.com/", "http://example.com/a b",
		"http://example.com/\x1b[2J", "http://b\303\274cher.de/",
		"http://2001:db8::1/", "http://[example.com]/",
		"http://-bad-.example/", "//example.com/", "/path", "",
	};
	char host[MP_HOST_NAME_SIZE] = "x", rest[8];
	unsigned port;
	bool https;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		if (mp_url_split(rows[i], host, &port, rest, sizeof rest,
		    &https))
			fail_msg("%s accepted", rows[i]);
		assert_false(https);
	}
	assert_false(mp_url_split("https://example.com/", host, &port, rest,
	    sizeof rest, &https));
	assert_true(https);
	assert_false(mp_url_split("HTTPS://example.com/", host, &port, rest,
	    sizeof rest, &https));
	assert_true(https);
	/* Its rest must fit. */
	assert_true(mp_url_split("http://example.com/123456", host, &port,
	    rest, sizeof rest, &https));
	assert_false(mp_url_split("http://example.com/1234567", host, &port,
	    rest, sizeof rest, &https));
}

static void
test_url_resolve_accepts(void **state)
{
	static const struct {
		const char	*base, *location, *url;
	} rows[] = {
		{ "http://a.example/mail/config.xml", "http://b.example/x",
		  "http://b.example/x" },
		{ "http://a.example/mail/config.xml", "HTTPS://b.example/x",
		  "HTTPS://b.example/x" },
		{ "http://a.example/mail/config.xml", "//c.example/y",
		  "http://c.example/y" },
		{ "http://a.example/mail/config.xml?q", "/z?w",
		  "http://a.example/z?w" },
		{ "http://a.example:8080/m/c", "/n", "http://a.example:8080/n" },
		{ "http://a.example/mail/config.xml?q", "?q2",
		  "http://a.example/mail/config.xml?q2" },
		{ "http://a.example/mail/config.xml?q#f", "#g",
		  "http://a.example/mail/config.xml?q#g" },
		{ "http://a.example/mail/config.xml?x=/y", "other.xml",
		  "http://a.example/mail/other.xml" },
		{ "http://a.example", "x", "http://a.example/x" },
		{ "http://a.example?q", "x", "http://a.example/x" },
		/* Dot segments (RFC 3986 section 5.4's examples). */
		{ "http://a/b/c/d;p?q", "../g", "http://a/b/g" },
		{ "http://a/b/c/d;p?q", "../..", "http://a/" },
		{ "http://a/b/c/d;p?q", "../../../g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "/./g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/" },
		{ "http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h" },
		{ "http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h" },
		{ "http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y" },
		{ "http://a/b/c/d;p?q", ".", "http://a/b/c/" },
		{ "http://a/b/c/d;p?q", "g.", "http://a/b/c/g." },
		{ "http://a/b/c/d;p?q", "..g", "http://a/b/c/..g" },
		{ "http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x" },
		{ "http://a/b/c/d;p?q", "http://b/./x/../y?/../z",
		  "http://b/y?/../z" },
	};
	char out[MP_URL_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		if (!mp_url_resolve(rows[i].base, rows[i].location, out))
			fail_msg("%s from %s refused", rows[i].location,
			    rows[i].base);
		assert_string_equal(out, rows[i].url);
	}
}

static void
test_url_resolve_refuses(void **state)
{
	static char long_location[MP_URL_SIZE + 1];
	static const char *const rows[] = {
		"javascript:alert(1)", "ftp://example.com/", "mailto:a@b",
		"", "a b", "/\x1b[2J", "/caf\xc3\xa9",
	};
	char out[MP_URL_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++)
		if (mp_url_resolve("http://a.example/", rows[i], out))
			fail_msg("%s accepted", rows[i]);
	memset(long_location, 'a', sizeof long_location - 1);
	long_location[0] = '/';
	assert_false(mp_url_resolve("http://a.example/", long_location, out));
	/* One short of the size, with the base: fits exactly. */
	long_location[MP_URL_SIZE - 1 - strlen("http://a.example")] = '\0';
	assert_true(mp_url_resolve("http://a.example/", long_location, out));
	assert_int_equal(strlen(out), MP_URL_SIZE - 1);
	assert_false(mp_url_resolve("mailto:x", "/a", out));
}

static void
test_url_encode(void **state)
{
	char out[64];

	(void)state;
	assert_true(mp_url_encode("user@example.com", out, sizeof out));
	assert_string_equal(out, "user%40example.com");
	assert_true(mp_url_encode("a+b c/\xc3\xa9?&=%", out, sizeof out));
	assert_string_equal(out, "a%2Bb%20c%2F%C3%A9%3F%26%3D%25");
	assert_true(mp_url_encode("AZaz09-._~", out, sizeof out));
	assert_string_equal(out, "AZaz09-._~");
	assert_true(mp_url_encode("", out, 1));
	assert_string_equal(out, "");
	assert_true(mp_url_encode("ab", out, 3));
	assert_false(mp_url_encode("abc", out, 3));
	assert_true(mp_url_encode("@", out, 4));
	assert_false(mp_url_encode("@", out, 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_accepts),
		cmocka_unit_test(test_reader_refuses),
		cmocka_unit_test(test_reader_refuses_nul),
		cmocka_unit_test(test_reader_bounds_body),
		cmocka_unit_test(test_reader_bounds_head),
		cmocka_unit_test(test_reader_bounds_chunk_lines),
		cmocka_unit_test(test_reader_ignores_after_end),
		cmocka_unit_test(test_reader_refuses_long_location),
		cmocka_unit_test(test_redirect_codes),
		cmocka_unit_test(test_status_key_each),
		cmocka_unit_test(test_url_split_accepts),
		cmocka_unit_test(test_url_split_refuses),
		cmocka_unit_test(test_url_resolve_accepts),
		cmocka_unit_test(test_url_resolve_refuses),
		cmocka_unit_test(test_url_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

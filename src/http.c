/*
 * http.c - reading an HTTP/1.1 answer as RFC 9112 frames it, from bytes
 * in any pieces, and the URLs a fetch asks for and is sent to.  No I/O:
 * src/http_get.c brings the bytes.
 *
 * Every byte is the server's choice: the head and the body are bounded,
 * numbers are read without wrapping, two framings that disagree are
 * refused (RFC 9112 section 6.3 calls them a sign of smuggling), and a
 * reason quotes the server only through mp_escape.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "escape.h"
#include "http.h"
#include "len.h"
#include "number.h"

/* A chunk's size line, extensions included; longer is a flood. */
#define CHUNK_LINE_MAX 1024

/* Where a body is, beyond MP_HTTP_STAGE_BODY. */
enum part {
	TO_CLOSE,	/* runs to the end of the connection */
	BY_LENGTH,	/* Content-Length bytes */
	CHUNK_SIZE,	/* the hex digits of a chunk's size */
	CHUNK_EXT,	/* the rest of its line, extensions ignored */
	CHUNK_DATA,
	CHUNK_CR,	/* the CRLF after a chunk's data */
	CHUNK_LF,
	TRAILER		/* the trailer fields after the last chunk */
};

static const char *const status_keys[] = {
	[MP_HTTP_OK] = "ok",
	[MP_HTTP_ERROR_STATUS] = "error-status",
	[MP_HTTP_NO_ADDRESS] = "no-address",
	[MP_HTTP_REFUSED] = "refused",
	[MP_HTTP_TIMEOUT] = "timeout",
	[MP_HTTP_NET_ERROR] = "net-error",
	[MP_HTTP_MALFORMED] = "malformed",
	[MP_HTTP_TOO_LARGE] = "too-large",
	[MP_HTTP_HTTPS] = "https",
	[MP_HTTP_TOO_MANY_REDIRECTS] = "too-many-redirects",
	[MP_HTTP_BAD_REDIRECT] = "bad-redirect",
	[MP_HTTP_BAD_URL] = "bad-url"
};

const char *
mp_http_status_key(enum mp_http_status status)
{
	return (size_t)status < LEN(status_keys) ? status_keys[status] : "?";
}

void
mp_http_reader_init(struct mp_http_reader *reader, char *body, size_t size)
{
	reader->stage = MP_HTTP_STAGE_HEAD;
	reader->status = MP_HTTP_OK;
	reader->code = 0;
	reader->location[0] = '\0';
	reader->reason[0] = '\0';
	reader->len = 0;
	reader->body = body;
	reader->size = size;
	reader->head_len = 0;
	reader->line_len = 0;
	reader->total = 0;
	reader->part = TO_CLOSE;
	reader->chunked = false;
	reader->length_known = false;
	reader->http10 = false;
	reader->left = 0;
}

/* Ends the answer as refused; its reason is written already. */
static enum mp_http_stage
failed(struct mp_http_reader *r, enum mp_http_status status)
{
	r->stage = MP_HTTP_STAGE_FAILED;
	r->status = status;
	return r->stage;
}

/* Ends the answer as refused, for the reason given (one line, ASCII). */
static enum mp_http_stage
refuse(struct mp_http_reader *r, enum mp_http_status status,
    const char *reason)
{
	snprintf(r->reason, sizeof r->reason, "%s", reason);
	return failed(r, status);
}

/* The same, quoting len bytes of what the server sent, escaped. */
static enum mp_http_stage
refuse_quoting(struct mp_http_reader *r, enum mp_http_status status,
    const char *before, const char *text, size_t len, const char *after)
{
	char quoted[64];

	snprintf(r->reason, sizeof r->reason, "%s'%s'%s", before,
	    mp_escape(quoted, sizeof quoted, text, len), after);
	return failed(r, status);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A token's characters, as RFC 9110 section 5.6.2 has them. */
static bool
is_tchar(char c)
{
	return mp_ascii_isalnum(c) || (c != '\0' && strchr("!#$%&'*+-.^_`|~",
	    c) != NULL);
}

/* Whether the len bytes of text are word, in any case. */
static bool
same_word(const char *text, size_t len, const char *word)
{
	return len == strlen(word) && mp_ascii_begins(text, len, word);
}

/*
 * The status line, the head's first line of len bytes (its CR gone):
 * HTTP/1.x, a space, three digits, and a space before a reason, which is
 * not read.  A later minor version reads as 1.1 (RFC 9110 section 2.5).
 */
static bool
status_line(struct mp_http_reader *r, const char *line, size_t len)
{
	unsigned long code;

	if (len < 12 || memcmp(line, "HTTP/1.", 7) != 0 ||
	    !mp_ascii_isdigit(line[7]) || line[8] != ' ' ||
	    (len > 12 && line[12] != ' ') ||
	    mp_number(line + 9, 3, 0, 100, 599, &code) != MP_NUMBER_OK) {
		refuse_quoting(r, MP_HTTP_MALFORMED, "not an HTTP/1.1 status "
		    "line: ", line, len, "");
		return false;
	}
	r->http10 = line[7] == '0';
	r->code = (unsigned)code;
	return true;
}

/* A Content-Length: one number, or a list of the same one. */
static bool
content_length(struct mp_http_reader *r, const char *value, size_t len)
{
	size_t at = 0;

	/* Each element a number, none empty: framing allows no doubt. */
	while (at <= len) {
		const char *comma = memchr(value + at, ',', len - at);
		size_t end = comma != NULL ? (size_t)(comma - value) : len;
		size_t from = at, to = end;
		unsigned long n;

		while (from < to && is_blank(value[from]))
			from++;
		while (to > from && is_blank(value[to - 1]))
			to--;
		if (mp_number(value + from, to - from, 0, 0, ULONG_MAX, &n) !=
		    MP_NUMBER_OK) {
			refuse_quoting(r, MP_HTTP_MALFORMED,
			    "Content-Length ", value, len, " is no length");
			return false;
		}
		if (r->length_known && r->left != n) {
			refuse(r, MP_HTTP_MALFORMED,
			    "two Content-Length headers that differ");
			return false;
		}
		r->length_known = true;
		r->left = n;
		at = end + 1;
	}
	return true;
}

bool
mp_http_redirect(unsigned code)
{
	return code == 301 || code == 302 || code == 303 || code == 307 ||
	    code == 308;
}

/* One header field of the head, name and value (without blanks around). */
static bool
field(struct mp_http_reader *r, const char *name, size_t name_len,
    const char *value, size_t len)
{
	if (same_word(name, name_len, "content-length"))
		return content_length(r, value, len);
	if (same_word(name, name_len, "transfer-encoding")) {
		if (r->chunked || !same_word(value, len, "chunked")) {
			refuse_quoting(r, MP_HTTP_MALFORMED,
			    "Transfer-Encoding ", value, len,
			    " is not one mailports reads");
			return false;
		}
		r->chunked = true;
	} else if (same_word(name, name_len, "content-encoding") &&
	    !same_word(value, len, "identity") && r->code == 200) {
		refuse_quoting(r, MP_HTTP_MALFORMED, "a body coded as ",
		    value, len, ", which mailports does not decode");
		return false;
	} else if (same_word(name, name_len, "location")) {
		if (r->location[0] != '\0') {
			refuse(r, MP_HTTP_MALFORMED, "two Location headers");
			return false;
		}
		if (len >= sizeof r->location) {
			if (!mp_http_redirect(r->code))
				return true;
			refuse(r, MP_HTTP_BAD_REDIRECT,
			    "a Location longer than a URL may be");
			return false;
		}
		if (len == 0)
			return true;
		memcpy(r->location, value, len);
		r->location[len] = '\0';
	}
	return true;
}

/* The framing of a 200 answer's body, once its head is read. */
static enum mp_http_stage
begin_body(struct mp_http_reader *r)
{
	if (r->chunked && r->length_known)
		return refuse(r, MP_HTTP_MALFORMED, "both Transfer-Encoding "
		    "and Content-Length, which RFC 9112 forbids");
	if (r->chunked && r->http10)
		return refuse(r, MP_HTTP_MALFORMED,
		    "Transfer-Encoding in an HTTP/1.0 answer");
	if (r->code != 200)
		return r->stage = MP_HTTP_STAGE_DONE;
	r->stage = MP_HTTP_STAGE_BODY;
	if (r->chunked) {
		r->part = CHUNK_SIZE;
		r->left = 0;
		r->line_len = 0;
	} else if (r->length_known) {
		if (r->left > r->size) {
			snprintf(r->reason, sizeof r->reason, "a body of %llu "
			    "bytes, more than the %zu mailports reads", r->left,
			    r->size);
			return failed(r, MP_HTTP_TOO_LARGE);
		}
		r->part = BY_LENGTH;
		if (r->left == 0)
			r->stage = MP_HTTP_STAGE_DONE;
	} else {
		r->part = TO_CLOSE;
	}
	return r->stage;
}

/*
 * The head is in, up to its empty line: its fields, then the body's
 * framing.  A field folded on lines (obs-fold) reads as one line, as RFC
 * 9112 section 5.2 asks of a user agent.
 */
static enum mp_http_stage
end_head(struct mp_http_reader *r)
{
	char *head = r->head;
	size_t len = r->head_len, at, i;

	at = (size_t)((char *)memchr(head, '\n', len) - head) + 1;
	if (is_blank(head[at]))
		return refuse(r, MP_HTTP_MALFORMED,
		    "a blank before the first header field");
	for (i = at; i + 1 < len; i++) {
		if (head[i] != '\n' || !is_blank(head[i + 1]))
			continue;
		head[i] = ' ';
		if (head[i - 1] == '\r')
			head[i - 1] = ' ';
	}
	for (;;) {
		char *newline = memchr(head + at, '\n', len - at);
		size_t end = (size_t)(newline - head), name, from, to;

		to = end > at && head[end - 1] == '\r' ? end - 1 : end;
		if (to == at)
			break;
		for (name = at; name < to && is_tchar(head[name]); name++)
			;
		if (name == at || name == to || head[name] != ':' ||
		    memchr(head + at, '\0', to - at) != NULL ||
		    memchr(head + at, '\r', to - at) != NULL) {
			refuse_quoting(r, MP_HTTP_MALFORMED, "a header line ",
			    head + at, to - at, " that is not a field");
			return r->stage;
		}
		for (from = name + 1; from < to && is_blank(head[from]); from++)
			;
		while (to > from && is_blank(head[to - 1]))
			to--;
		if (!field(r, head + at, name - at, head + from, to - from))
			return r->stage;
		at = end + 1;
	}
	/* An interim answer (RFC 9110 section 15.2): the real one follows. */
	if (r->code < 200) {
		r->head_len = 0;
		r->code = 0;
		r->length_known = r->chunked = false;
		r->location[0] = '\0';
		return r->stage;
	}
	return begin_body(r);
}

/* Takes the head's bytes; returns how many it used. */
static size_t
feed_head(struct mp_http_reader *r, const char *bytes, size_t len)
{
	size_t i;

	for (i = 0; i < len && r->stage == MP_HTTP_STAGE_HEAD; i++) {
		char *head = r->head;
		char c = bytes[i];
		size_t n;

		/* Every head, interim ones too, counts to the bound. */
		if (r->total >= MP_HTTP_HEAD_MAX) {
			refuse(r, MP_HTTP_TOO_LARGE, "a head longer than the "
			    "8192 bytes mailports reads");
			break;
		}
		head[r->head_len++] = c;
		r->total++;
		n = r->head_len;
		if (n <= 5 && memcmp(head, "HTTP/", n) != 0) {
			/* Quoted with what follows in this piece, some. */
			size_t more = len - i - 1 > 32 ? 32 : len - i - 1;

			memcpy(head + n, bytes + i + 1, more);
			refuse_quoting(r, MP_HTTP_MALFORMED,
			    "not an HTTP answer: ", head, n + more, "");
			break;
		}
		if (c != '\n')
			continue;
		/* No code yet: this line is the status line. */
		if (r->code == 0) {
			if (!status_line(r, head, n >= 2 && head[n - 2] == '\r' ?
			    n - 2 : n - 1))
				break;
		} else if (head[n - 2] == '\n' || (n >= 3 &&
		    head[n - 2] == '\r' && head[n - 3] == '\n')) {
			end_head(r);
		}
	}
	return i;
}

/* A hex digit's value, or -1. */
static int
hex_value(char c)
{
	if (mp_ascii_isdigit(c))
		return c - '0';
	c = mp_ascii_lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The line of a chunk's size, ended: a chunk, or the last one. */
static void
end_size_line(struct mp_http_reader *r)
{
	r->line_len = 0;
	if (r->left == 0) {
		r->part = TRAILER;
		r->head_len = 0;
		return;
	}
	if (r->left > r->size - r->len) {
		snprintf(r->reason, sizeof r->reason, "a chunk of %llu bytes "
		    "takes the body past the %zu mailports reads", r->left,
		    r->size);
		failed(r, MP_HTTP_TOO_LARGE);
		return;
	}
	r->part = CHUNK_DATA;
}

/* A byte of a chunk's size line after its digits: extensions, ignored. */
static void
extension_byte(struct mp_http_reader *r, char c)
{
	r->part = CHUNK_EXT;
	if (c == '\n')
		end_size_line(r);
	else if (++r->line_len > CHUNK_LINE_MAX)
		refuse(r, MP_HTTP_MALFORMED,
		    "a chunk size line longer than 1024 bytes");
}

static void
size_byte(struct mp_http_reader *r, char c)
{
	char size[sizeof r->line + 1];
	size_t n = r->line_len < sizeof r->line ? r->line_len : sizeof r->line;
	int digit = hex_value(c);

	if (digit < 0 && r->line_len > 0 && (c == ';' || c == '\r' ||
	    c == '\n' || is_blank(c))) {
		extension_byte(r, c);
		return;
	}
	memcpy(size, r->line, n);
	size[n++] = c;
	if (digit < 0) {
		refuse_quoting(r, MP_HTTP_MALFORMED,
		    "a chunk size that is not hexadecimal: ", size, n, "");
		return;
	}
	if (r->left > ULLONG_MAX >> 4) {
		refuse_quoting(r, MP_HTTP_MALFORMED, "chunk size ", size, n,
		    " is too large");
		return;
	}
	if (r->line_len < sizeof r->line)
		r->line[r->line_len] = c;
	r->line_len++;
	r->left = r->left << 4 | (unsigned)digit;
}

/* The line end after a chunk's data: CRLF, or a bare LF (RFC 9112 2.2). */
static void
data_end_byte(struct mp_http_reader *r, char c)
{
	if (c == '\r' && r->part == CHUNK_CR) {
		r->part = CHUNK_LF;
		return;
	}
	if (c != '\n') {
		refuse_quoting(r, MP_HTTP_MALFORMED, "a chunk followed by ",
		    &c, 1, " instead of its line end");
		return;
	}
	r->part = CHUNK_SIZE;
	r->left = 0;
	r->line_len = 0;
}

/* The trailer fields: read, not used, and bounded. */
static void
trailer_byte(struct mp_http_reader *r, char c)
{
	if (++r->head_len > MP_HTTP_HEAD_MAX) {
		refuse(r, MP_HTTP_TOO_LARGE, "trailer fields longer than the "
		    "8192 bytes mailports reads");
	} else if (c == '\n') {
		if (r->line_len == 0)
			r->stage = MP_HTTP_STAGE_DONE;
		r->line_len = 0;
	} else if (c != '\r') {
		r->line_len++;
	}
}

/* One byte of a chunked body outside a chunk's data. */
static void
chunk_byte(struct mp_http_reader *r, char c)
{
	if (r->part == CHUNK_SIZE)
		size_byte(r, c);
	else if (r->part == CHUNK_EXT)
		extension_byte(r, c);
	else if (r->part == CHUNK_CR || r->part == CHUNK_LF)
		data_end_byte(r, c);
	else
		trailer_byte(r, c);
}

/* Takes body bytes into the body, up to its bound; returns how many. */
static size_t
keep(struct mp_http_reader *r, const char *bytes, size_t len)
{
	if (len > r->size - r->len) {
		snprintf(r->reason, sizeof r->reason, "a body longer than the "
		    "%zu bytes mailports reads", r->size);
		failed(r, MP_HTTP_TOO_LARGE);
		return 0;
	}
	memcpy(r->body + r->len, bytes, len);
	r->len += len;
	return len;
}

static void
feed_body(struct mp_http_reader *r, const char *bytes, size_t len)
{
	size_t i = 0;

	while (i < len && r->stage == MP_HTTP_STAGE_BODY) {
		size_t n = len - i;

		if (r->part == TO_CLOSE) {
			i += keep(r, bytes + i, n);
		} else if (r->part == BY_LENGTH || r->part == CHUNK_DATA) {
			if (n > r->left)
				n = (size_t)r->left;
			i += keep(r, bytes + i, n);
			r->left -= n;
			if (r->left > 0)
				continue;
			if (r->part == BY_LENGTH)
				r->stage = MP_HTTP_STAGE_DONE;
			else
				r->part = CHUNK_CR;
		} else {
			chunk_byte(r, bytes[i++]);
		}
	}
}

enum mp_http_stage
mp_http_reader_feed(struct mp_http_reader *reader, const char *bytes,
    size_t len)
{
	size_t used = 0;

	if (reader->stage == MP_HTTP_STAGE_HEAD)
		used = feed_head(reader, bytes, len);
	if (reader->stage == MP_HTTP_STAGE_BODY)
		feed_body(reader, bytes + used, len - used);
	return reader->stage;
}

enum mp_http_stage
mp_http_reader_end(struct mp_http_reader *reader)
{
	if (reader->stage == MP_HTTP_STAGE_HEAD)
		return refuse(reader, reader->total == 0 ? MP_HTTP_NET_ERROR :
		    MP_HTTP_MALFORMED, reader->total == 0 ?
		    "connection closed by the server without an answer" :
		    "connection closed by the server within the head");
	if (reader->stage != MP_HTTP_STAGE_BODY)
		return reader->stage;
	if (reader->part == TO_CLOSE)
		return reader->stage = MP_HTTP_STAGE_DONE;
	if (reader->part == BY_LENGTH)
		snprintf(reader->reason, sizeof reader->reason, "connection "
		    "closed by the server after %zu bytes of the %llu of "
		    "Content-Length", reader->len, reader->left + reader->len);
	else
		snprintf(reader->reason, sizeof reader->reason, "connection "
		    "closed by the server within a chunked body, after %zu "
		    "bytes", reader->len);
	return failed(reader, MP_HTTP_MALFORMED);
}

/*
 * URLs.  mailports asks for http URLs it writes itself and follows the
 * Location of a redirect: a URL is taken only when every byte is
 * printable ASCII, as RFC 3986 has URLs, so that what goes in a request
 * line and on a terminal is plain.
 */

/* Whether the len bytes of text all are printable ASCII, no blank. */
static bool
printable(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] <= ' ' ||
		    (unsigned char)text[i] >= 0x7f)
			return false;
	return true;
}

/* The length of the scheme and "://" url begins with, or 0. */
static size_t
scheme_len(const char *url, bool *https)
{
	if (mp_ascii_begins(url, strlen(url), "http://")) {
		*https = false;
		return 7;
	}
	if (mp_ascii_begins(url, strlen(url), "https://")) {
		*https = true;
		return 8;
	}
	return 0;
}

bool
mp_url_split(const char *url, char host[MP_HOST_NAME_SIZE], unsigned *port,
    char *rest, size_t size, bool *https)
{
	char authority[MP_HOST_NAME_SIZE + 8], name[MP_HOST_NAME_SIZE];
	size_t len = strlen(url), at, end, i, path_len;
	const char *colon;
	bool slash;

	*https = false;
	if (!printable(url, len) || (at = scheme_len(url, https)) == 0 ||
	    *https)
		return false;
	end = at + strcspn(url + at, "/?#");
	if (end - at >= sizeof authority || end == at ||
	    memchr(url + at, '@', end - at) != NULL)
		return false;
	memcpy(authority, url + at, end - at);
	authority[end - at] = '\0';
	/* An empty port is the default one (RFC 3986 section 3.2.3). */
	if (authority[end - at - 1] == ':')
		authority[end - at - 1] = '\0';
	colon = strchr(authority, ':');
	/* An IPv6 address in a URL is in brackets. */
	if (colon != NULL && authority[0] != '[' && strchr(colon + 1, ':'))
		return false;
	if (!mp_split_host(authority, name, port))
		return false;
	if (*port == 0)
		*port = 80;
	path_len = strcspn(url + end, "#");
	slash = path_len == 0 || url[end] != '/';
	if (path_len + slash >= size)
		return false;
	if (slash) {
		rest[0] = '/';
		memcpy(rest + 1, url + end, path_len);
		rest[path_len + 1] = '\0';
	} else {
		memcpy(rest, url + end, path_len);
		rest[path_len] = '\0';
	}
	for (i = 0; name[i] != '\0'; i++)
		host[i] = mp_ascii_lower(name[i]);
	host[i] = '\0';
	return true;
}

/* Writes the parts into out; false when they do not fit. */
static bool
join(char out[MP_URL_SIZE], const char *a, size_t a_len, const char *b)
{
	size_t b_len = strlen(b);

	if (a_len + b_len >= MP_URL_SIZE)
		return false;
	memmove(out, a, a_len);
	memcpy(out + a_len, b, b_len + 1);
	return true;
}

/*
 * Removes the "." and ".." segments of the path of url, an absolute URL
 * whose path, when it has one, begins with "/" (RFC 3986 section 5.2.4).
 */
static void
remove_dot_segments(char *url)
{
	char path[MP_URL_SIZE];
	bool https;
	size_t start = scheme_len(url, &https), end, i, n = 0;

	start += strcspn(url + start, "/?#");
	end = start + strcspn(url + start, "?#");
	if (start == end)
		return;
	for (i = start; i < end; ) {
		size_t segment = i + 1, e = segment, len;

		while (e < end && url[e] != '/')
			e++;
		len = e - segment;
		if (len == 2 && url[segment] == '.' && url[segment + 1] == '.')
			while (n > 0 && path[--n] != '/')
				;
		if (len == 0 || len > 2 || url[segment] != '.' ||
		    (len == 2 && url[segment + 1] != '.')) {
			path[n++] = '/';
			memcpy(path + n, url + segment, len);
			n += len;
		} else if (e == end) {
			/* A last "." or ".." leaves the directory. */
			path[n++] = '/';
		}
		i = e;
	}
	memmove(url + start + n, url + end, strlen(url + end) + 1);
	memcpy(url + start, path, n);
}

/* The reference location made absolute from base (section 5.2.2). */
static bool
merge(const char *base, const char *location, char out[MP_URL_SIZE])
{
	size_t len = strlen(location), at, path, query, slash;
	bool https;

	if (len == 0 || !printable(location, len))
		return false;
	if (scheme_len(location, &https) > 0)
		return join(out, "", 0, location);
	/* Any other scheme (RFC 3986 section 3.1) is none we follow. */
	for (at = 0; mp_ascii_isalnum(location[at]) || location[at] == '+' ||
	    location[at] == '-' || location[at] == '.'; at++)
		;
	if (at > 0 && location[at] == ':')
		return false;
	if ((at = scheme_len(base, &https)) == 0)
		return false;
	if (location[0] == '/' && location[1] == '/')
		return join(out, base, at - 2, location);
	path = at + strcspn(base + at, "/?#");
	if (location[0] == '/')
		return join(out, base, path, location);
	query = path + strcspn(base + path, "?#");
	if (location[0] == '?')
		return join(out, base, query, location);
	if (location[0] == '#')
		return join(out, base, path + strcspn(base + path, "#"),
		    location);
	/* A relative path: after the base's last slash (section 5.2.3). */
	for (slash = query; slash > path && base[slash - 1] != '/'; slash--)
		;
	if (slash == path)
		return join(out, base, path, "/") &&
		    join(out, out, strlen(out), location);
	return join(out, base, slash, location);
}

bool
mp_url_resolve(const char *base, const char *location,
    char out[MP_URL_SIZE])
{
	if (!merge(base, location, out))
		return false;
	remove_dot_segments(out);
	return true;
}

bool
mp_url_encode(const char *text, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *text != '\0'; text++) {
		unsigned char c = (unsigned char)*text;

		if (mp_ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			if (n + 1 >= size)
				return false;
			out[n++] = (char)c;
		} else {
			if (n + 3 >= size)
				return false;
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 0xf];
		}
	}
	if (n >= size)
		return false;
	out[n] = '\0';
	return true;
}

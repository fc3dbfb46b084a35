/*
 * trust.c - the trust store: PEM certificates read from a bundle or a
 * directory, and the lookup of an issuer among them.
 */
#include <errno.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trust.h"

const char *const mp_trust_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",	/* Debian, Ubuntu, Alpine */
	"/etc/pki/tls/certs/ca-bundle.crt",	/* Red Hat, Fedora */
	NULL
};

static const char begin_marker[] = "-----BEGIN CERTIFICATE-----";
static const char end_marker[] = "-----END CERTIFICATE-----";

void
mp_trust_init(struct mp_trust *store, uint8_t *buf, size_t size)
{
	store->buf = buf;
	store->size = size;
	store->used = 0;
	store->nanchors = 0;
	store->skipped = 0;
	store->unread = 0;
}

/* The length of the line at p, without its LF; *next is past the LF. */
static size_t
line_at(const uint8_t *p, size_t n, size_t *next)
{
	const uint8_t	*lf = memchr(p, '\n', n);

	if (lf == NULL) {
		*next = n;
		return n;
	}
	*next = (size_t)(lf - p) + 1;
	return (size_t)(lf - p);
}

/* Whether the line (CR LF or LF ended) is exactly text. */
static bool
line_is(const uint8_t *p, size_t n, const char *text)
{
	size_t	len = strlen(text);

	if (n > 0 && p[n - 1] == '\r')
		n--;
	return n == len && memcmp(p, text, len) == 0;
}

static bool
line_starts(const uint8_t *p, size_t n, const char *text)
{
	size_t	len = strlen(text);

	return n >= len && memcmp(p, text, len) == 0;
}

static int
base64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes the base64 lines of n bytes into out, strictly (RFC 4648
 * section 3.5: bits beyond the data must be zero), so that one encoding
 * stands for one certificate.  out may be text itself or lie before it:
 * each output byte is written after the characters it comes from.
 */
static bool
base64_decode(const uint8_t *text, size_t n, uint8_t *out, size_t *outlen)
{
	uint32_t	acc = 0;
	size_t		chars = 0, pad = 0, o = 0;
	size_t		i;
	int		v;

	for (i = 0; i < n; i++) {
		if (text[i] == '\n')
			continue;
		if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')
			continue;
		if (text[i] == '=') {
			v = 0;
			pad++;
		} else if (pad > 0 || (v = base64_value(text[i])) < 0)
			return false;
		if (pad > 2)
			return false;
		acc = acc << 6 | (uint32_t)v;
		if (++chars % 4 != 0)
			continue;
		/* The bits padded over must be zero: one encoding only. */
		if ((pad == 1 && (acc & 0xff) != 0) ||
		    (pad == 2 && (acc & 0xffff) != 0))
			return false;
		out[o++] = (uint8_t)(acc >> 16);
		if (pad < 2)
			out[o++] = (uint8_t)(acc >> 8);
		if (pad < 1)
			out[o++] = (uint8_t)acc;
		acc = 0;
	}
	if (chars == 0 || chars % 4 != 0)
		return false;
	*outlen = o;
	return true;
}

static struct mp_x509_span
moved(struct mp_x509_span span, size_t by)
{
	span.off += by;
	return span;
}

/* Decodes one block's base64 and keeps the certificate; false if not. */
static bool
keep_block(struct mp_trust *store, const uint8_t *text, size_t n)
{
	struct mp_trust_anchor	*anchor;
	struct mp_x509		*cert = &store->scratch;
	uint8_t			*out = store->buf + store->used;
	size_t			 len, used;

	if (n > MP_TRUST_BLOCK_MAX || store->nanchors == MP_TRUST_ANCHORS_MAX)
		return false;
	if (n / 4 * 3 > store->size - store->used)
		return false;
	if (!base64_decode(text, n, out, &len))
		return false;
	if (!mp_x509_parse(out, len, cert, &used) || used != len)
		return false;
	anchor = &store->anchors[store->nanchors++];
	anchor->der.off = store->used;
	anchor->der.len = len;
	anchor->subject_der = moved(cert->subject_der, store->used);
	anchor->subject_key_id = moved(cert->subject_key_id, store->used);
	store->used += len;
	return true;
}

size_t
mp_trust_add_pem(struct mp_trust *store, const uint8_t *bytes, size_t len)
{
	size_t	kept = 0, i = 0, next, body;
	bool	ended;

	while (i < len) {
		size_t	n = line_at(bytes + i, len - i, &next);
		i += next;
		if (!line_is(bytes + i - next, n, begin_marker))
			continue;
		/*
		 * The body runs to the END line; another BEGIN line first
		 * means this block has none, and that line is read again.
		 */
		body = i;
		ended = false;
		while (i < len) {
			n = line_at(bytes + i, len - i, &next);
			if (line_starts(bytes + i, n, "-----BEGIN "))
				break;
			i += next;
			if (line_is(bytes + i - next, n, end_marker)) {
				ended = true;
				break;
			}
		}
		if (ended && keep_block(store, bytes + body, i - next - body))
			kept++;
		else
			store->skipped++;
	}
	return kept;
}

/*
 * Reads the regular file at path whole into buf, at most room bytes and
 * MP_TRUST_FILE_MAX; false if it cannot, or if it is longer.
 */
static bool
read_file(const char *path, uint8_t *buf, size_t room, size_t *len)
{
	struct stat	st;
	uint8_t		extra;
	size_t		limit = room < MP_TRUST_FILE_MAX ? room : MP_TRUST_FILE_MAX;
	size_t		n = 0;
	bool		ok = false;
	int		fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		for (;;) {
			if (n == limit) {
				ok = read(fd, &extra, 1) == 0;
				break;
			}
			ssize_t	r = read(fd, buf + n, limit - n);

			if (r <= 0) {
				ok = r == 0;
				break;
			}
			n += (size_t)r;
		}
	}
	close(fd);
	*len = n;
	return ok;
}

/*
 * Adds the certificates of the file at path; a file that cannot be read
 * is counted as unread, but for one that is not there when that is
 * allowed (a bundle of another system's layout).
 */
static bool
add_file(struct mp_trust *store, const char *path, bool may_be_missing)
{
	size_t	len;

	errno = 0;
	if (!read_file(path, store->buf + store->used,
	    store->size - store->used, &len)) {
		if (!may_be_missing || errno != ENOENT)
			store->unread++;
		return false;
	}
	mp_trust_add_pem(store, store->buf + store->used, len);
	return true;
}

bool
mp_trust_add_file(struct mp_trust *store, const char *path)
{
	return add_file(store, path, false);
}

enum mp_trust_result
mp_trust_load(struct mp_trust *store, const char *cert_file,
    const char *cert_dir, const char *const *bundles, const char **where)
{
	const char	*path = NULL;

	*where = NULL;
	if (cert_file != NULL && *cert_file != '\0') {
		if (mp_trust_add_file(store, cert_file))
			path = cert_file;
	} else if (cert_dir != NULL && *cert_dir != '\0') {
		/*
		 * Not read: a directory's hash names are those of the subjects'
		 * hashes, which are not computed here.  No store, rather than
		 * one OpenSSL would not use.
		 */
	} else {
		for (; *bundles != NULL && path == NULL; bundles++)
			if (add_file(store, *bundles, true))
				path = *bundles;
	}
	*where = path;
	return path != NULL ? MP_TRUST_LOADED : MP_TRUST_NONE;
}

static bool
same_bytes(const uint8_t *a, struct mp_x509_span sa, const uint8_t *b,
    struct mp_x509_span sb)
{
	return sa.len == sb.len && memcmp(a + sa.off, b + sb.off, sa.len) == 0;
}

bool
mp_trust_issued(const uint8_t *base, struct mp_x509_span subject,
    struct mp_x509_span key_id, const struct mp_x509 *cert,
    const uint8_t *der)
{
	if (!same_bytes(base, subject, der, cert->issuer_der))
		return false;
	return key_id.len == 0 || cert->authority_key_id.len == 0 ||
	    same_bytes(base, key_id, der, cert->authority_key_id);
}

const struct mp_trust_anchor *
mp_trust_issuer(const struct mp_trust *store, const struct mp_x509 *cert,
    const uint8_t *der)
{
	size_t	i;

	for (i = 0; i < store->nanchors; i++) {
		const struct mp_trust_anchor	*anchor = &store->anchors[i];

		if (mp_trust_issued(store->buf, anchor->subject_der,
		    anchor->subject_key_id, cert, der))
			return anchor;
	}
	return NULL;
}

bool
mp_trust_holds(const struct mp_trust *store, const struct mp_x509 *cert,
    const uint8_t *der)
{
	size_t	i;

	for (i = 0; i < store->nanchors; i++)
		if (same_bytes(store->buf, store->anchors[i].der, der,
		    cert->der))
			return true;
	return false;
}

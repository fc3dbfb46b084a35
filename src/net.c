/*
 * net.c - addresses, ports and host names read and written with the C
 * library's own parsers, and host names resolved to addresses, for the
 * probe, the DNS client and discovery.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "idna.h"
#include "len.h"
#include "net.h"
#include "number.h"

#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

bool
mp_parse_port(const char *text, unsigned *port)
{
	unsigned long value;

	if (mp_number(text, strlen(text), 0, 1, 65535, &value) != MP_NUMBER_OK)
		return false;
	*port = (unsigned)value;
	return true;
}

bool
mp_parse_address(const char *text, unsigned default_port,
    struct mp_address *address)
{
	const char *colon = strchr(text, ':'), *end = text + strlen(text);
	char host[MP_ADDRESS_SIZE];
	unsigned char bytes[16];
	unsigned port = default_port;
	int family = AF_INET6;

	if (text[0] == '[') {
		/* Brackets hold an IPv6 address, a port may follow them. */
		const char *close = strchr(text, ']');

		if (close == NULL || (close[1] != '\0' && (close[1] != ':' ||
		    !mp_parse_port(close + 2, &port))))
			return false;
		text++;
		end = close;
	} else if (colon == NULL) {
		family = AF_INET;
	} else if (strchr(colon + 1, ':') == NULL) {
		/* One colon: an IPv4 address and a port. */
		if (!mp_parse_port(colon + 1, &port))
			return false;
		family = AF_INET;
		end = colon;
	}
	if ((size_t)(end - text) >= sizeof host)
		return false;
	memcpy(host, text, (size_t)(end - text));
	host[end - text] = '\0';
	return inet_pton(family, host, bytes) == 1 &&
	    mp_address_set(address, family, bytes, port);
}

bool
mp_address_set(struct mp_address *address, int family,
    const unsigned char *bytes, unsigned port)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)&address->sockaddr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address->sockaddr;

	if (family != AF_INET && family != AF_INET6)
		return false;
	*address = (struct mp_address){ 0 };
	if (family == AF_INET) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		memcpy(&v4->sin_addr, bytes, 4);
		address->len = sizeof *v4;
	} else {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		memcpy(&v6->sin6_addr, bytes, 16);
		address->len = sizeof *v6;
	}
	return mp_address_text((struct sockaddr *)&address->sockaddr,
	    address->text);
}

bool
mp_address_text(const struct sockaddr *address, char text[MP_ADDRESS_SIZE])
{
	static const unsigned char zeros[12] = { 0 };
	const unsigned char *bytes;

	if (address->sa_family == AF_INET)
		return inet_ntop(AF_INET,
		    &((const struct sockaddr_in *)address)->sin_addr, text,
		    MP_ADDRESS_SIZE) != NULL;
	if (address->sa_family != AF_INET6)
		return false;
	bytes = ((const struct sockaddr_in6 *)address)->sin6_addr.s6_addr;
	/*
	 * glibc writes an IPv4-compatible address (::192.0.2.1, deprecated
	 * by RFC 4291) dotted; RFC 5952 writes it in hex like any other.
	 */
	if (memcmp(bytes, zeros, sizeof zeros) == 0 &&
	    (bytes[12] != 0 || bytes[13] != 0)) {
		snprintf(text, MP_ADDRESS_SIZE, "::%x:%x", mp_get16(bytes + 12),
		    mp_get16(bytes + 14));
		return true;
	}
	return inet_ntop(AF_INET6, bytes, text, MP_ADDRESS_SIZE) != NULL;
}

bool
mp_host_name_valid(const char *name, size_t len)
{
	bool letter = false;
	size_t i, label;

	if (len > 1 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	/* Each label ends at a dot, the last at len. */
	for (i = 0; i <= len; i = label + 1) {
		for (label = i; label < len && name[label] != '.'; label++) {
			if (mp_ascii_isalpha(name[label]))
				letter = true;
			else if ((name[label] < '0' || name[label] > '9') &&
			    name[label] != '-')
				return false;
		}
		if (label == i || label - i > 63 || name[i] == '-' ||
		    name[label - 1] == '-')
			return false;
	}
	return letter;
}

size_t
mp_host_name_ascii(const char *name, size_t len,
    char ascii[MP_HOST_NAME_SIZE])
{
	char converted[MP_IDNA_NAME_SIZE];
	size_t n;

	/* Most names are ASCII already: they only need checking and lowering. */
	for (n = 0; n < len && (unsigned char)name[n] < 0x80; n++)
		;
	if (n == len) {
		if (!mp_host_name_valid(name, len))
			return 0;
		for (n = 0; n < len; n++)
			ascii[n] = mp_ascii_lower(name[n]);
		ascii[len] = '\0';
		return len;
	}
	if (mp_idna_to_ascii(name, len, converted, &n) != MP_IDNA_OK ||
	    !mp_host_name_valid(converted, n))
		return 0;
	memcpy(ascii, converted, n + 1);
	return n;
}


/*
 * A quoted local part (RFC 5321, section 4.1.2: "Quoted-string") may hold
 * blanks and an @, and a backslash quotes the byte after it; it is kept
 * as typed.  Control bytes stay refused, as the local part is shown.
 */
static bool
quoted_local_part(const char *text, size_t len)
{
	size_t i;

	if (len < 2 || text[0] != '"' || text[len - 1] != '"')
		return false;
	for (i = 1; i + 1 < len; i++) {
		if ((unsigned char)text[i] < ' ' || text[i] == 0x7f ||
		    text[i] == '"')
			return false;
		if (text[i] == '\\' && ++i + 1 >= len)
			return false;
		if ((unsigned char)text[i] < ' ' || text[i] == 0x7f)
			return false;
	}
	return true;
}

size_t
mp_mail_domain(const char *text, size_t len, size_t *domain,
    char ascii[MP_HOST_NAME_SIZE])
{
	size_t at = len, i, step;
	uint32_t cp;
	bool quoted;

	while (at > 0 && text[at - 1] != '@')
		at--;
	quoted = at > 1 && quoted_local_part(text, at - 1);
	if (at > 0 && (at - 1 > MP_LOCAL_PART_MAX ||
	    len > MP_MAIL_ADDRESS_MAX))
		return 0;
	/*
	 * The local part is shown as the user name: it must print safely.
	 * RFC 6531 lets it be UTF-8, which a terminal shows as it is.
	 */
	for (i = 0; !quoted && i + 1 < at; i += step) {
		step = 1;
		if ((unsigned char)text[i] < 0x80) {
			if (text[i] <= ' ' || text[i] == 0x7f)
				return 0;
		} else if ((step = mp_utf8_next(text + i, at - 1 - i,
		    &cp)) == 0 || !mp_utf8_printable(cp)) {
			return 0;
		}
	}
	if (at == 1)
		return 0;
	*domain = at;
	/* A dot within the name, not only the root's at its end. */
	return len - at > 1 && memchr(text + at, '.', len - at - 1) != NULL ?
	    mp_host_name_ascii(text + at, len - at, ascii) : 0;
}

bool
mp_mail_address(const char *text, size_t len, size_t *domain)
{
	char ascii[MP_HOST_NAME_SIZE];

	return mp_mail_domain(text, len, domain, ascii) > 0;
}

bool
mp_split_host(const char *text, char host[MP_HOST_NAME_SIZE], unsigned *port)
{
	const char *colon = strchr(text, ':');
	char name[MP_HOST_NAME_SIZE];
	bool bracketed = text[0] == '[';
	size_t len;

	*port = 0;
	if (bracketed) {
		const char *close = strchr(text, ']');

		if (close == NULL || (close[1] != '\0' && (close[1] != ':' ||
		    !mp_parse_port(close + 2, port))))
			return false;
		text++;
		len = (size_t)(close - text);
	} else if (colon != NULL && strchr(colon + 1, ':') == NULL) {
		/* One colon ends a name or an IPv4 address with a port. */
		if (!mp_parse_port(colon + 1, port))
			return false;
		len = (size_t)(colon - text);
	} else {
		len = strlen(text);
	}
	if (len == 0)
		return false;
	if (len < sizeof name) {
		unsigned char bytes[16];

		memcpy(name, text, len);
		name[len] = '\0';
		if (inet_pton(AF_INET6, name, bytes) == 1 ||
		    inet_pton(AF_INET, name, bytes) == 1) {
			memcpy(host, name, len + 1);
			return true;
		}
	}
	/*
	 * Brackets hold an address; without them, a name will do too, an
	 * ASCII one as given, an international one in its ASCII form.
	 */
	if (bracketed)
		return false;
	if (len < sizeof name && mp_host_name_valid(name, len)) {
		memcpy(host, name, len + 1);
		return true;
	}
	return mp_host_name_ascii(text, len, host) > 0;
}

bool
mp_is_host_name(const char *text)
{
	return mp_host_name_valid(text, strlen(text));
}

unsigned char *
mp_put16(unsigned char *p, size_t value)
{
	p[0] = (unsigned char)(value >> 8);
	p[1] = (unsigned char)value;
	return p + 2;
}

unsigned
mp_get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

unsigned
mp_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (unsigned)((unsigned long long)now.tv_sec * 1000 +
	    (unsigned long long)now.tv_nsec / 1000000);
}

/* The errors a probe meets, in the words of a mail client. */
static const struct {
	int		 error;
	const char	*text;
} error_texts[] = {
	{ ECONNREFUSED,	"connection refused" },
	{ ECONNRESET,	"connection reset by the server" },
	{ ETIMEDOUT,	"connection timed out" },
	{ EHOSTUNREACH,	"host unreachable" },
	{ ENETUNREACH,	"network unreachable" },
	{ EADDRNOTAVAIL, "address not available" },
	{ EAFNOSUPPORT,	"address family not supported" },
	{ EACCES,	"not permitted" },
	{ EPERM,	"not permitted" },
	{ EPIPE,	"connection closed by the server" },
	{ EMFILE,	"too many open files" },
	{ ENFILE,	"too many open files" },
};

const char *
mp_net_error_text(int error)
{
	size_t i;

	for (i = 0; i < LEN(error_texts); i++)
		if (error_texts[i].error == error)
			return error_texts[i].text;
	return strerror(error);
}

size_t
mp_resolve(const char *host, struct mp_address *addresses, size_t max,
    const char **error)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *list, *ai;
	size_t n = 0, i;
	int status;

	hints.ai_family = AF_UNSPEC;
	if ((status = getaddrinfo(host, NULL, &hints, &list)) != 0) {
		*error = gai_strerror(status);
		return 0;
	}
	for (ai = list; ai != NULL && n < max; ai = ai->ai_next) {
		struct mp_address *address = &addresses[n];

		if (ai->ai_addrlen > sizeof address->sockaddr ||
		    !mp_address_text(ai->ai_addr, address->text))
			continue;
		memcpy(&address->sockaddr, ai->ai_addr, ai->ai_addrlen);
		address->len = ai->ai_addrlen;
		/* A name may list an address twice, once per socket type. */
		for (i = 0; i < n && strcmp(addresses[i].text,
		    address->text) != 0; i++)
			;
		if (i == n)
			n++;
	}
	freeaddrinfo(list);
	if (n == 0)
		*error = "no IPv4 or IPv6 address";
	return n;
}

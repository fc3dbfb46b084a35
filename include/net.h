/*
 * net.h - what the network code shares: addresses and ports as people
 * write them and as sockets take them, host names, numbers in network
 * byte order, the clock that bounds every exchange, and the words for the
 * errors a connection meets.
 *
 * Every text here may come from a user or a server: each parser takes a
 * NUL-terminated string, copes with any byte and writes nothing on failure
 * but its result.
 */
#ifndef MAILPORTS_NET_H
#define MAILPORTS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define MP_ADDRESS_SIZE 48	/* an IPv6 address as text, with room */
/*
 * RFC 5321, section 4.5.3.1.1: a local part of at most 64 octets; the
 * path of section 4.5.3.1.3 holds 256 with its angle brackets, so an
 * address is at most 254 (RFC 3696, erratum 1690).  The domain's limits
 * are a host name's (mp_host_name_valid).
 */
#define MP_LOCAL_PART_MAX 64
#define MP_MAIL_ADDRESS_MAX 254
#define MP_HOST_NAME_SIZE 256	/* a host name as text: 253 bytes and a NUL */

/* An address to connect to, and the same as text for people. */
struct mp_address {
	struct sockaddr_storage sockaddr;
	socklen_t	  len;
	char		  text[MP_ADDRESS_SIZE];
};

/* A port number as a word has it: digits only, 1 to 65535. */
bool mp_parse_port(const char *text, unsigned *port);

/*
 * Reads an IPv4 or IPv6 address, optionally with a port (192.0.2.1:53,
 * [2001:db8::1]:53), into address with that port, or default_port.
 * Returns false for anything else, host names included.
 */
bool mp_parse_address(const char *text, unsigned default_port,
    struct mp_address *address);

/*
 * Sets address to the IPv4 (4 bytes) or IPv6 (16 bytes) address in bytes,
 * in network order, with port.  Returns false for other families.
 */
bool mp_address_set(struct mp_address *address, int family,
    const unsigned char *bytes, unsigned port);

/*
 * Writes an IPv4 or IPv6 address as text, IPv6 as RFC 5952 has it (lower
 * case, the longest run of zero groups as "::", IPv4-mapped addresses
 * dotted).  Returns false for other families.
 */
bool mp_address_text(const struct sockaddr *address,
    char text[MP_ADDRESS_SIZE]);

/*
 * Whether the len bytes of name are a host name as RFC 1123 section 2.1
 * and RFC 5321 section 4.1.2 have it: labels of 1 to 63 letters, digits
 * and hyphens, none beginning or ending with a hyphen, joined by dots, at
 * most 253 bytes in all, one final dot (the root) allowed; and a letter
 * somewhere, as a name never has the form of an address (192.0.2.1).
 * Non-ASCII names (IDNA) are not host names until written in A-labels.
 */
bool mp_host_name_valid(const char *name, size_t len);

/*
 * Writes the ASCII form of the host name in the len bytes of name, which
 * may be UTF-8 (bücher.de), to ascii: lower case, non-ASCII labels as
 * A-labels (src/idna.c: a name is encoded as typed, in NFC lower case).
 * Returns its length, or 0 when it is not a host name (mp_host_name_valid)
 * once converted; ascii is then left as it was.
 */
size_t mp_host_name_ascii(const char *name, size_t len,
    char ascii[MP_HOST_NAME_SIZE]);

/*
 * Whether the len bytes of text are an email address or a mail domain:
 * a local part of printable UTF-8 without blanks (RFC 6531), an '@' (the
 * last: a quoted local part may hold one) and a domain, or a domain alone;
 * a domain is a host name of two labels or more, in UTF-8 or ASCII
 * (mp_host_name_ascii).  Sets *domain to where the domain begins.  The one
 * check of addresses and domains, whatever the mode.
 */
bool mp_mail_address(const char *text, size_t len, size_t *domain);

/*
 * The same check, writing the domain's ASCII form (mp_host_name_ascii)
 * to ascii: returns its length, or 0 for what is not an address.
 */
size_t mp_mail_domain(const char *text, size_t len, size_t *domain,
    char ascii[MP_HOST_NAME_SIZE]);

/*
 * Splits HOST, HOST:PORT, [IPV6]:PORT or a bare IPv6 address into a host
 * (a host name, an international one in its ASCII form; an IPv4 or an
 * IPv6 address; brackets hold an address only) and a port, 0 when none is
 * given.  Returns false for
 * anything else.
 */
bool mp_split_host(const char *text, char host[MP_HOST_NAME_SIZE],
    unsigned *port);

/* Whether text is a host name (mp_host_name_valid) rather than an address. */
bool mp_is_host_name(const char *text);

/* Writes the low 16 bits of value at p, high byte first; returns p + 2. */
unsigned char *mp_put16(unsigned char *p, size_t value);
/* The 16-bit number at p, high byte first. */
unsigned mp_get16(const unsigned char *p);

/* Milliseconds on the monotonic clock, for deadlines. */
unsigned mp_now_ms(void);

/*
 * A short explanation of an errno value a connection met, such as
 * "connection reset by the server"; strerror(3)'s for the others.
 */
const char *mp_net_error_text(int error);

/*
 * The addresses of host, a name or an address, as text, at most max of
 * them.  Returns how many, or 0 with *error saying why there are none.
 */
#define MP_ADDRESSES_MAX 8
size_t mp_resolve(const char *host, struct mp_address *addresses, size_t max,
    const char **error);

#endif

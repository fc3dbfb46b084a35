/*
 * tls_flight.c - sends the TLS 1.2 ClientHello to 127.0.0.1:PORT and reads
 * the server's first flight with the probe's reader, for tests/cli/tls.sh
 * and to try the hello on a real server.  Prints what the reader says,
 * one "key value" line each; with a directory, writes each certificate's
 * bytes there as N.der.
 *
 * Usage: tls_flight PORT [SNI [DIR]]
 */
#include <arpa/inet.h>
#include <err.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tls.h"

static const char *const states[] = { "more", "done", "alert", "not",
	"malformed" };

/* Reads into bytes until the reader knows, the peer hangs up, or 5 s. */
static size_t
read_flight(int fd, struct mp_tls_reader *r, unsigned char *bytes,
    size_t size)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;

	while (mp_tls_read(r, bytes, len) == MP_TLS_FLIGHT_MORE &&
	    len < size && poll(&p, 1, 5000) > 0 &&
	    (n = read(fd, bytes + len, size - len)) > 0)
		len += (size_t)n;
	return len;
}

static void
write_certs(const struct mp_tls_reader *r, const char *dir)
{
	size_t i;

	for (i = 0; i < r->ncerts && i < MP_TLS_MAX_CERTS; i++) {
		char path[4096];
		FILE *f;

		snprintf(path, sizeof path, "%s/%zu.der", dir, i);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(r->buf + r->certs[i].at, 1, r->certs[i].len, f) !=
		    r->certs[i].len || fclose(f) != 0)
			err(1, "%s", path);
	}
}

int
main(int argc, char *argv[])
{
	static unsigned char bytes[2 * MP_TLS_FLIGHT_SIZE];
	static unsigned char buf[MP_TLS_FLIGHT_SIZE];
	unsigned char hello[MP_HELLO_SIZE];
	struct sockaddr_in address;
	struct mp_tls_reader r;
	size_t len, i;
	int fd;

	if (argc < 2 || argc > 4)
		errx(2, "usage: tls_flight PORT [SNI [DIR]]");
	memset(&address, 0, sizeof address);
	address.sin_family = AF_INET;
	address.sin_port = htons((unsigned short)atoi(argv[1]));
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&address, sizeof address) < 0)
		err(1, "connect");
	len = mp_client_hello12(hello, argc > 2 ? argv[2] : "127.0.0.1");
	if (write(fd, hello, len) != (ssize_t)len)
		err(1, "write");
	mp_tls_reader_init(&r, buf, sizeof buf);
	len = read_flight(fd, &r, bytes, sizeof bytes);
	printf("state %s\n", states[r.state]);
	if (r.reason != NULL)
		printf("reason %s\n", r.reason);
	if (r.alert >= 0)
		printf("alert %d\n", r.alert);
	if (r.hello)
		printf("version %04x\ncipher %04x\ntls13 %s\n", r.version,
		    r.cipher, r.tls13 ? "yes" : "no");
	if (r.certificate)
		printf("certs %zu\n", r.ncerts);
	for (i = 0; i < r.ncerts && i < MP_TLS_MAX_CERTS; i++)
		printf("cert %zu %zu\n", i, r.certs[i].len);
	printf("read %zu of %zu\n", r.consumed, len);
	if (argc > 3)
		write_certs(&r, argv[3]);
	return 0;
}

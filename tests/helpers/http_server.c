/*
 * http_server.c - a web server for the HTTP fetch's tests, honest or
 * hostile as its mode says.  It listens on 127.0.0.1 (::1 with -6), on a
 * port of its own printed first on stdout, answers each connection in a
 * process of its own, writes each request's head to stderr, and exits
 * after SECONDS (10 unless -t says), or when killed; its children with it.
 *
 * Usage: http_server [-6] [-t SECONDS] MODE [ARGUMENT]
 * Modes:
 *   file PATH      the file, with a Content-Length
 *   chunked PATH   the file in chunks of 100 bytes, one with an
 *                  extension, then a trailer field
 *   close PATH     the file, its end the connection's end
 *   endless        a 200 whose body, framed by the close, never ends
 *   drip           a 200 answer, one byte a second
 *   chunklie       a chunk of 4096 bytes announced, 10 sent, then the close
 *   chunkoverflow  a chunk size of ffffffffffffffffffff
 *   redirectloop   302 to the path asked, again and again
 *   redirect URL   301 to URL
 *   big            a 200 of 10 MiB with its Content-Length
 *   status N       an answer of status N with a short body
 *   garbage        bytes that are no HTTP, terminal escapes among them
 *   silent         reads the request and says nothing
 *   reset          a 200 of 100 bytes, 4 sent, then a reset
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define BIG ((size_t)10 * 1024 * 1024)

static const char *mode, *argument;
static char file[1024 * 1024];
static size_t file_len;

static void
say(int fd, const void *bytes, size_t len)
{
	const char *p = bytes;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			_exit(0);
		p += n;
		len -= (size_t)n;
	}
}

static void
say_text(int fd, const char *text)
{
	say(fd, text, strlen(text));
}

static void
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		err(2, "%s", path);
	file_len = fread(file, 1, sizeof file, f);
	fclose(f);
}

/* Reads the request's head, up to its empty line, and logs it. */
static void
read_request(int fd, char *path, size_t size)
{
	char head[8192];
	size_t len = 0;
	ssize_t n;

	while (len < sizeof head - 1 &&
	    (n = read(fd, head + len, sizeof head - 1 - len)) > 0) {
		len += (size_t)n;
		head[len] = '\0';
		if (strstr(head, "\r\n\r\n") != NULL)
			break;
	}
	head[len] = '\0';
	fputs(head, stderr);
	fflush(stderr);
	if (sscanf(head, "GET %1000s ", path) != 1 || strlen(path) >= size)
		snprintf(path, size, "/");
}

static void
answer(int fd)
{
	char path[1024], text[2048], body[65536];
	size_t i;

	read_request(fd, path, sizeof path);
	if (strcmp(mode, "file") == 0) {
		snprintf(text, sizeof text, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "text/xml\r\nContent-Length: %zu\r\n\r\n", file_len);
		say_text(fd, text);
		say(fd, file, file_len);
	} else if (strcmp(mode, "chunked") == 0) {
		say_text(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		    "\r\n");
		for (i = 0; i < file_len; i += 100) {
			size_t n = file_len - i < 100 ? file_len - i : 100;

			snprintf(text, sizeof text, i == 0 ? "%zx;name=value\r\n"
			    : "%zx\r\n", n);
			say_text(fd, text);
			say(fd, file + i, n);
			say_text(fd, "\r\n");
		}
		say_text(fd, "0\r\nExpires: never\r\n\r\n");
	} else if (strcmp(mode, "close") == 0) {
		say_text(fd, "HTTP/1.0 200 OK\r\n\r\n");
		say(fd, file, file_len);
	} else if (strcmp(mode, "endless") == 0) {
		say_text(fd, "HTTP/1.1 200 OK\r\n\r\n");
		memset(body, 'x', sizeof body);
		for (;;)
			say(fd, body, sizeof body);
	} else if (strcmp(mode, "drip") == 0) {
		static const char drip[] = "HTTP/1.1 200 OK\r\n"
		    "Content-Length: 100\r\n\r\n";

		for (i = 0; ; i++) {
			say(fd, drip + i % (sizeof drip - 1), 1);
			sleep(1);
		}
	} else if (strcmp(mode, "chunklie") == 0) {
		say_text(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		    "\r\n1000\r\n0123456789");
	} else if (strcmp(mode, "chunkoverflow") == 0) {
		say_text(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		    "\r\nffffffffffffffffffff\r\nabc\r\n0\r\n\r\n");
	} else if (strcmp(mode, "redirectloop") == 0) {
		snprintf(text, sizeof text, "HTTP/1.1 302 Found\r\nLocation: "
		    "%s\r\nContent-Length: 0\r\n\r\n", path);
		say_text(fd, text);
	} else if (strcmp(mode, "redirect") == 0) {
		snprintf(text, sizeof text, "HTTP/1.1 301 Moved Permanently\r\n"
		    "Location: %s\r\nContent-Length: 0\r\n\r\n", argument);
		say_text(fd, text);
	} else if (strcmp(mode, "big") == 0) {
		snprintf(text, sizeof text, "HTTP/1.1 200 OK\r\n"
		    "Content-Length: %zu\r\n\r\n", BIG);
		say_text(fd, text);
		memset(body, 'x', sizeof body);
		for (i = 0; i < BIG; i += sizeof body)
			say(fd, body, sizeof body);
	} else if (strcmp(mode, "status") == 0) {
		snprintf(text, sizeof text, "HTTP/1.1 %s \033[31mNope\r\n"
		    "Content-Length: 9\r\n\r\nnot here\n", argument);
		say_text(fd, text);
	} else if (strcmp(mode, "garbage") == 0) {
		say_text(fd, "\033[2J\033]0;owned\007<html>hello</html>\r\n");
	} else if (strcmp(mode, "silent") == 0) {
		pause();
	} else if (strcmp(mode, "reset") == 0) {
		struct linger linger = { 1, 0 };

		say_text(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
		    "part");
		usleep(200000);
		/* Closed with a linger of 0: a reset, not an end. */
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
	}
}

int
main(int argc, char *argv[])
{
	static const char *const modes[] = { "file", "chunked", "close",
		"endless", "drip", "chunklie", "chunkoverflow", "redirectloop",
		"redirect", "big", "status", "garbage", "silent", "reset" };
	struct sockaddr_in6 address6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in address4 = { .sin_family = AF_INET };
	struct sockaddr *address = (struct sockaddr *)&address4;
	socklen_t len = sizeof address4;
	unsigned seconds = 10, port;
	size_t i;
	int fd, one = 1;

	for (; argc > 1 && argv[1][0] == '-'; argv++, argc--) {
		if (strcmp(argv[1], "-6") == 0) {
			address6.sin6_addr = in6addr_loopback;
			address = (struct sockaddr *)&address6;
			len = sizeof address6;
		} else if (strcmp(argv[1], "-t") == 0 && argc > 2) {
			seconds = (unsigned)strtoul(argv[2], NULL, 10);
			argv++;
			argc--;
		} else {
			break;
		}
	}
	if (argc < 2)
		errx(2, "usage: http_server [-6] [-t SECONDS] MODE [ARGUMENT]");
	mode = argv[1];
	argument = argc > 2 ? argv[2] : "";
	for (i = 0; i < sizeof modes / sizeof modes[0] &&
	    strcmp(mode, modes[i]) != 0; i++)
		;
	if (i == sizeof modes / sizeof modes[0])
		errx(2, "unknown mode %s", mode);
	if (strcmp(mode, "file") == 0 || strcmp(mode, "chunked") == 0 ||
	    strcmp(mode, "close") == 0)
		read_file(argument);
	address4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(address->sa_family, SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, address, len) < 0 || listen(fd, 16) < 0 ||
	    getsockname(fd, address, &len) < 0)
		err(1, "listen");
	port = address == (struct sockaddr *)&address6 ?
	    ntohs(address6.sin6_port) : ntohs(address4.sin_port);
	printf("%u\n", port);
	fflush(stdout);
	/* A client hangs up mid-body: that ends the child, not with a signal. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);
	alarm(seconds);
	for (;;) {
		int client = accept(fd, NULL, NULL);
		unsigned left;

		if (client < 0)
			continue;
		/* A child's time ends with its parent's. */
		left = alarm(0);
		alarm(left);
		if (fork() == 0) {
			close(fd);
			/* Killed with the server, or at its time. */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			if (getppid() == 1)
				_exit(0);
			alarm(left > 0 ? left : 1);
			answer(client);
			close(client);
			_exit(0);
		}
		close(client);
	}
}

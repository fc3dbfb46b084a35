/*
 * probe_server.c - a hostile mail server for the probe's tests.  Each mode
 * named on the command line listens on a port of its own on 127.0.0.1,
 * printed as "MODE PORT" lines once all listen; it serves until killed,
 * and for at most a minute.
 *
 * Modes:
 *   flood      sends bytes without a newline, as fast as it can
 *   drip       sends "220 " and then a byte a second
 *   nonewline  sends a greeting without its line end, then nothing
 *   reset      sends half a greeting, then soon resets the connection
 *   silent     accepts and says nothing
 *   plaintext  greets as IMAP at once (put on a port for implicit TLS)
 *   tls        waits, and answers a ClientHello with a TLS alert
 *   junk       waits, and answers a ClientHello with bytes that are not TLS
 *   notmail    greets as SSH
 *   escapes    greets as SMTP with terminal escape sequences
 *   cleartext  IMAP that takes a password with no STARTTLS at all
 *   ehlomixed  SMTP whose answer to EHLO is 550 on its first and last
 *              lines and 250-STARTTLS between
 *   greetmixed SMTP whose 220 greeting has a 250-STARTTLS line inside
 *   hangup     SMTP that hangs up when EHLO comes instead of answering
 *   cyrus      IMAP offering a dozen mechanisms, PLAIN and LOGIN last
 *   challenge  SMTP offering only mechanisms that never send the password
 *   sieve      ManageSieve whose capabilities are literals, one of them
 *              a text that begins with NO
 *   imapcaps   IMAP whose greeting lists its capabilities, and which
 *              never answers CAPABILITY
 *   imapmute   IMAP whose greeting lists none, and which never answers
 *              CAPABILITY
 *   late       SMTP with STARTTLS that greets only after 600 ms, 60% of
 *              the tests' timeout, as greet-pause and postscreen do
 *   exim       the same, but it answers anything sent before its
 *              greeting with 554 and hangs up, as Exim does
 *   hello      waits, and answers a ClientHello with the flight of a
 *              server of TLS 1.2: tests/x509/probe-leaf.der (localhost and
 *              127.0.0.1) and probe-inter.der, issued under probe-root.pem
 *   oldtls     waits, and answers a ClientHello with a protocol_version
 *              alert, as a server of TLS 1.0 alone does
 *   postscreen sends the first line of an SMTP greeting at once and its
 *              last after 6 s, as Postfix's postscreen does
 *   sni        waits, and answers a ClientHello naming "localhost" for
 *              SNI with the flight of hello, any other with
 *              unrecognized_name
 *   longline   greets as SMTP with a first line of 700 bytes
 *   dns        a name server, on UDP, whose every answer is malformed: its
 *              record's name is a compression pointer to itself
 *   dnsmute    a name server, on UDP, that reads every query and answers
 *              none
 *   pop3       POP3 whose CAPA lists STLS
 *   smtprefuse SMTP with STARTTLS that answers it 454, TLS not available
 *   imaprefuse IMAP with STARTTLS in its greeting that answers it NO
 *   pop3refuse POP3 with STLS that answers it -ERR
 *   plainafter SMTP that accepts STARTTLS, then answers the ClientHello
 *              in plaintext, as a server that never began TLS
 *   closeafter SMTP that accepts STARTTLS, then hangs up at the ClientHello
 *   badcert    SMTP with STARTTLS whose flight carries a self-signed
 *              certificate of other names (tests/x509/rsa2048-san.der)
 *   nulcert    waits, and answers a ClientHello with a flight whose one
 *              certificate is named mail.bank.example, a NUL, and
 *              .evil.example (tests/fuzz/corpus/x509/nul.der)
 *   starttls13 SMTP with STARTTLS, then the TLS 1.3 server of tls13only
 *   cutafter   SMTP with STARTTLS, then the flight of tlscut: cut short
 *              mid-record, and the connection closed
 *   chainsplit     waits, and answers a ClientHello with hello's flight in
 *                  records of 100 bytes
 *   chain100       the same in one record, its chain followed by 98
 *                  certificates of synthetic bytes
 *   chaindowngrade hello's flight, its random ending with the downgrade
 *                  sentinel of a server of TLS 1.3
 *   chainbig       hello's flight, its leaf of 60 KB with 3,302 names
 *                  (tests/x509/probe-many.der)
 * and the TLS servers of tests/helpers/flight.h, which wait, and answer a
 * ClientHello with the flight that names them.
 *
 * Every mode that offers STARTTLS (late, exim, challenge, cyrus, sieve,
 * imapcaps, pop3) accepts it, then answers the ClientHello as hello does,
 * unless its name says otherwise.  The certificates are read at start,
 * from paths relative to the source tree's root, where the tests run.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "flight.h"

#define MAX_LISTENERS 64
#define MAX_CLIENTS 128

struct client {
	int fd;
	const char *mode;
	size_t sent;
	time_t dripped;
	long accepted;	/* ms, on the monotonic clock */
	bool greeted;
	bool upgraded;	/* STARTTLS accepted: the next bytes are TLS */
	size_t slot;	/* its entry in the poll array, or 0: not polled */
};

static long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool
is_late(const struct client *c)
{
	return strcmp(c->mode, "late") == 0 || strcmp(c->mode, "exim") == 0;
}

/* The SMTP servers whose answer to EHLO is ehlo, and to STARTTLS theirs. */
static bool
smtp_tls(const struct client *c)
{
	static const char *const smtp[] = { "smtprefuse", "plainafter",
		"closeafter", "badcert", "starttls13", "cutafter" };
	size_t i;

	for (i = 0; i < sizeof smtp / sizeof smtp[0]; i++)
		if (strcmp(c->mode, smtp[i]) == 0)
			return true;
	return false;
}

static const char *const modes[] = {
	"flood", "drip", "nonewline", "reset", "silent", "plaintext", "tls",
	"junk", "notmail", "escapes", "cleartext", "dns", "ehlomixed",
	"greetmixed", "hangup", "cyrus", "challenge", "sieve", "imapcaps",
	"imapmute", "late", "exim", "hello", "oldtls", "postscreen", "sni",
	"longline", "pop3", "smtprefuse", "imaprefuse", "pop3refuse",
	"plainafter", "closeafter", "badcert", "nulcert", "starttls13",
	"cutafter", "chainsplit", "chain100", "chaindowngrade", "chainbig",
	"dnsmute"
};

/*
 * The chains the flights carry, leaf first, read at start: the one of a
 * mode that names its own, else hello's.
 */
static const struct {
	const char *mode;	/* NULL: every mode that has none named */
	const char *files[2];
} chain_files[] = {
	{ "badcert", { "tests/x509/rsa2048-san.der", NULL } },
	{ "nulcert", { "tests/fuzz/corpus/x509/nul.der", NULL } },
	{ "chainbig", { "tests/x509/probe-many.der",
	  "tests/x509/probe-inter.der" } },
	{ NULL, { "tests/x509/probe-leaf.der", "tests/x509/probe-inter.der" } }
};
#define NCHAINS (sizeof chain_files / sizeof chain_files[0])

/* Their certificates, as read. */
static struct chain {
	size_t n;
	struct flight_cert certs[2];
	unsigned char der[2][65536];
} chains[NCHAINS];

static size_t
chain_of(const char *mode)
{
	size_t i;

	for (i = 0; chain_files[i].mode != NULL; i++)
		if (strcmp(mode, chain_files[i].mode) == 0)
			break;
	return i;
}

/* Reads the certificates of mode's chain, once; a file missing ends us. */
static void
load_chain(const char *mode)
{
	size_t which = chain_of(mode), i;
	struct chain *chain = &chains[which];
	const char *const *files = chain_files[which].files;

	for (i = chain->n; i < 2 && files[i] != NULL; i++) {
		FILE *f = fopen(files[i], "rb");

		if (f == NULL)
			err(1, "%s", files[i]);
		chain->certs[i].len = fread(chain->der[i], 1,
		    sizeof chain->der[i], f);
		chain->certs[i].der = chain->der[i];
		fclose(f);
		chain->n = i + 1;
	}
}

/* How long late and exim wait before their greeting. */
#define LATE_MS 600

static int
listen_on(unsigned *port, int type)
{
	struct sockaddr_in address;
	socklen_t len = sizeof address;
	int fd, one = 1;

	if ((fd = socket(AF_INET, type, 0)) < 0)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&address, 0, sizeof address);
	address.sin_family = AF_INET;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 16) < 0) ||
	    getsockname(fd, (struct sockaddr *)&address, &len) < 0)
		err(1, "listen");
	*port = ntohs(address.sin_port);
	return fd;
}

static void
say(int fd, const char *text, size_t len)
{
	if (write(fd, text, len) < 0)
		return;
}

static void
greet(struct client *c)
{
	static const char escapes[] =
	    "220 \033[2J\033]0;owned\007 mail.example ESMTP\r\n";
	static const char cleartext[] =
	    "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n";
	static const char sieve[] = "\"IMPLEMENTATION\" {13}\r\n"
	    "NO such thing\r\n\"SASL\" {11}\r\nPLAIN LOGIN\r\n"
	    "\"STARTTLS\"\r\nOK \"ready\"\r\n";
	static const char imapcaps[] = "* OK [CAPABILITY IMAP4rev1 STARTTLS "
	    "LOGINDISABLED AUTH=SCRAM-SHA-256] ready\r\n";
	static const char greetmixed[] =
	    "220-mx ESMTP\r\n250-STARTTLS\r\n220 ready\r\n";

	c->greeted = true;
	if (strcmp(c->mode, "drip") == 0)
		say(c->fd, "220 ", 4);
	else if (strcmp(c->mode, "nonewline") == 0)
		say(c->fd, "220 no line end", 15);
	else if (strcmp(c->mode, "reset") == 0)
		say(c->fd, "* OK half", 9);
	else if (strcmp(c->mode, "plaintext") == 0)
		say(c->fd, "* OK IMAP4rev1 ready\r\n", 22);
	else if (strcmp(c->mode, "notmail") == 0)
		say(c->fd, "SSH-2.0-OpenSSH_9.2\r\n", 21);
	else if (strcmp(c->mode, "escapes") == 0)
		say(c->fd, escapes, sizeof escapes - 1);
	else if (strcmp(c->mode, "cleartext") == 0)
		say(c->fd, cleartext, sizeof cleartext - 1);
	else if (strcmp(c->mode, "imapcaps") == 0 ||
	    strcmp(c->mode, "imaprefuse") == 0)
		say(c->fd, imapcaps, sizeof imapcaps - 1);
	else if (strncmp(c->mode, "pop3", 4) == 0)
		say(c->fd, "+OK ready\r\n", 11);
	else if (strcmp(c->mode, "imapmute") == 0)
		say(c->fd, "* OK ready\r\n", 12);
	else if (strcmp(c->mode, "postscreen") == 0)
		say(c->fd, "220-mx ESMTP\r\n", 14);
	else if (strcmp(c->mode, "longline") == 0) {
		char line[702];

		memset(line, 'x', sizeof line);
		memcpy(line, "220 ", 4);
		memcpy(line + 700, "\r\n", 2);
		say(c->fd, line, sizeof line);
	}
	else if (strcmp(c->mode, "sieve") == 0)
		say(c->fd, sieve, sizeof sieve - 1);
	else if (strcmp(c->mode, "cyrus") == 0)
		say(c->fd, "* OK cyrus ready\r\n", 18);
	else if (strcmp(c->mode, "ehlomixed") == 0 ||
	    strcmp(c->mode, "hangup") == 0 ||
	    strcmp(c->mode, "challenge") == 0 || is_late(c) || smtp_tls(c))
		say(c->fd, "220 mx ESMTP\r\n", 14);
	else if (strcmp(c->mode, "greetmixed") == 0)
		say(c->fd, greetmixed, sizeof greetmixed - 1);
}

/* Whether bytes hold the len bytes of what, anywhere. */
static bool
holds(const char *bytes, size_t n, const char *what, size_t len)
{
	size_t i;

	for (i = 0; i + len <= n; i++)
		if (memcmp(bytes + i, what, len) == 0)
			return true;
	return false;
}

/*
 * Sends a flight whole, whatever the socket's room: the client reads it
 * as it comes.  It is the flight of the mode of flight.h named, or, for
 * NULL, the chain of the client's mode.  The flight of tlscut then hangs
 * up, its last record cut short.
 */
static void
send_flight(struct client *c, const char *mode, const char *hello, size_t len)
{
	static unsigned char out[FLIGHT_SIZE], synthetic[100];
	struct flight_cert certs[100];
	const struct chain *chain = &chains[chain_of(c->mode)];
	int flags = fcntl(c->fd, F_GETFL);
	size_t n, i;

	memset(synthetic, 0x5a, sizeof synthetic);
	for (i = 0; i < 100; i++) {
		certs[i].der = i < chain->n ? chain->certs[i].der : synthetic;
		certs[i].len = i < chain->n ? chain->certs[i].len :
		    sizeof synthetic;
	}
	if (mode != NULL)
		n = flight(out, mode,
		    holds(hello, len, "\x00\x2b\x00\x05\x04\x03\x04", 7));
	else
		n = flight_chain(out, certs,
		    strcmp(c->mode, "chain100") == 0 ? 100 : chain->n,
		    strcmp(c->mode, "chaindowngrade") == 0,
		    strcmp(c->mode, "chainsplit") == 0 ? 100 : 16384);

	fcntl(c->fd, F_SETFL, flags & ~O_NONBLOCK);
	say(c->fd, (const char *)out, n);
	fcntl(c->fd, F_SETFL, flags);
	if (mode != NULL && strcmp(mode, "tlscut") == 0) {
		close(c->fd);
		c->fd = -1;
	}
}

/* Whether a mode speaks TLS from the first byte. */
static bool
tls_mode(const struct client *c)
{
	return strncmp(c->mode, "tls", 3) == 0 ||
	    strcmp(c->mode, "oldtls") == 0 || strcmp(c->mode, "hello") == 0 ||
	    strcmp(c->mode, "sni") == 0 || strcmp(c->mode, "nulcert") == 0 ||
	    strncmp(c->mode, "chain", 5) == 0;
}

/* What a mode answers to a ClientHello of len bytes. */
static void
answer_hello(struct client *c, const char *hello, size_t len)
{
	static const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	static const unsigned char old[] = { 0x15, 0x03, 0x01, 0x00, 0x02,
		0x02, 0x46 };
	static const unsigned char unnamed[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x70 };
	static const char plain[] = "500 5.5.2 Error: bad syntax\r\n";

	if (strcmp(c->mode, "tls") == 0)
		say(c->fd, (const char *)alert, sizeof alert);
	else if (strncmp(c->mode, "tls", 3) == 0)
		send_flight(c, c->mode, hello, len);
	else if (strcmp(c->mode, "starttls13") == 0)
		send_flight(c, "tls13only", hello, len);
	else if (strcmp(c->mode, "cutafter") == 0)
		send_flight(c, "tlscut", hello, len);
	else if (strcmp(c->mode, "oldtls") == 0)
		say(c->fd, (const char *)old, sizeof old);
	else if (strcmp(c->mode, "sni") == 0 &&
	    !holds(hello, len, "\x00\x09localhost", 11))
		say(c->fd, (const char *)unnamed, sizeof unnamed);
	else if (strcmp(c->mode, "plainafter") == 0)
		say(c->fd, plain, sizeof plain - 1);
	else if (strcmp(c->mode, "closeafter") == 0) {
		close(c->fd);
		c->fd = -1;
	} else
		send_flight(c, NULL, hello, len);
}

/*
 * What a mode answers to STARTTLS, or POP3's STLS: no, for those that
 * refuse it, else yes in the words of the protocol the command is in;
 * then the ClientHello may come.
 */
static void
answer_starttls(struct client *c, const char *command)
{
	static const char *const refusals[][2] = {
		{ "smtprefuse", "454 4.7.0 TLS not available\r\n" },
		{ "imaprefuse", "M3 NO STARTTLS unavailable\r\n" },
		{ "pop3refuse", "-ERR STLS unavailable\r\n" }
	};
	const char *text = "220 2.0.0 Ready to start TLS\r\n";
	size_t i;

	if (command[0] == 'M')
		text = "M3 OK Begin TLS negotiation now\r\n";
	else if (strncmp(command, "STLS", 4) == 0)
		text = "+OK Begin TLS negotiation\r\n";
	else if (strcmp(c->mode, "sieve") == 0)
		text = "OK \"Begin TLS negotiation now\"\r\n";
	c->upgraded = true;
	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
		if (strcmp(c->mode, refusals[i][0]) == 0) {
			text = refusals[i][1];
			c->upgraded = false;
		}
	say(c->fd, text, strlen(text));
}

/* What a mode answers to what the probe sent. */
static void
answer(struct client *c)
{
	static const char early[] = "554 SMTP synchronization error\r\n";
	static const char capability[] =
	    "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nM1 OK done\r\n";
	static const char ehlomixed[] =
	    "550-mx does not like you\r\n250-STARTTLS\r\n550 go away\r\n";
	static const char ehlo[] = "250-mx\r\n250 STARTTLS\r\n";
	static const char pop3[] = "+OK\r\nSTLS\r\nSASL SCRAM-SHA-256\r\n.\r\n";
	static const char challenge[] = "250-mx\r\n250-AUTH CRAM-MD5 "
	    "SCRAM-SHA-256 DIGEST-MD5\r\n250 STARTTLS\r\n";
	static const char cyrus[] = "* CAPABILITY IMAP4rev1 STARTTLS "
	    "AUTH=SCRAM-SHA-256-PLUS AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-1-PLUS "
	    "AUTH=SCRAM-SHA-1 AUTH=DIGEST-MD5 AUTH=CRAM-MD5 AUTH=NTLM "
	    "AUTH=GSS-SPNEGO AUTH=GSSAPI AUTH=OTP AUTH=PLAIN AUTH=LOGIN\r\n"
	    "M1 OK done\r\n";
	char input[4096];
	ssize_t n = read(c->fd, input, sizeof input);

	if (n <= 0) {
		close(c->fd);
		c->fd = -1;
		return;
	}
	if (!c->greeted && strcmp(c->mode, "exim") == 0) {
		say(c->fd, early, sizeof early - 1);
		close(c->fd);
		c->fd = -1;
	} else if (!c->greeted) {
		return;
	} else if (input[0] == 0x16 && (c->upgraded || tls_mode(c))) {
		answer_hello(c, input, (size_t)n);
	} else if (strncmp(input, "STARTTLS\r\n", 10) == 0 ||
	    strncmp(input, "M3 STARTTLS\r\n", 13) == 0 ||
	    strncmp(input, "STLS\r\n", 6) == 0) {
		answer_starttls(c, input);
	} else if (strncmp(c->mode, "pop3", 4) == 0 &&
	    strncmp(input, "CAPA\r\n", 6) == 0) {
		say(c->fd, pop3, sizeof pop3 - 1);
	} else if (strcmp(c->mode, "junk") == 0)
		say(c->fd, "HTTP/1.1 400 Bad Request\r\n\r\n", 28);
	else if (strcmp(c->mode, "cleartext") == 0 &&
	    strncmp(input, "M1 CAPABILITY", 13) == 0)
		say(c->fd, capability, sizeof capability - 1);
	else if (strcmp(c->mode, "cyrus") == 0 &&
	    strncmp(input, "M1 CAPABILITY", 13) == 0)
		say(c->fd, cyrus, sizeof cyrus - 1);
	else if (strncmp(input, "EHLO ", 5) != 0)
		return;
	else if (strcmp(c->mode, "ehlomixed") == 0)
		say(c->fd, ehlomixed, sizeof ehlomixed - 1);
	else if (strcmp(c->mode, "greetmixed") == 0 || is_late(c) ||
	    smtp_tls(c))
		say(c->fd, ehlo, sizeof ehlo - 1);
	else if (strcmp(c->mode, "challenge") == 0)
		say(c->fd, challenge, sizeof challenge - 1);
	else if (strcmp(c->mode, "hangup") == 0) {
		close(c->fd);
		c->fd = -1;
	}
}

/*
 * Writes more of what flood and drip send: flood until the socket is full
 * (it is non-blocking), drip a byte a second.
 */
static void
keep_sending(struct client *c)
{
	static char junk[4096];
	time_t now = time(NULL);

	if (!c->greeted) {
		if (now_ms() - c->accepted >= LATE_MS)
			greet(c);
	} else if (strcmp(c->mode, "flood") == 0) {
		memset(junk, 'A', sizeof junk);
		while (c->sent < 4u << 20) {
			if (write(c->fd, junk, sizeof junk) < 0) {
				if (errno == EAGAIN || errno == EWOULDBLOCK)
					return;
				break;
			}
			c->sent += sizeof junk;
		}
		close(c->fd);
		c->fd = -1;
	} else if (strcmp(c->mode, "reset") == 0 && now > c->dripped) {
		struct linger linger = { 1, 0 };

		/* A second after the half greeting a zero linger resets. */
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &linger,
		    sizeof linger);
		close(c->fd);
		c->fd = -1;
	} else if (strcmp(c->mode, "postscreen") == 0 &&
	    now - c->dripped >= 6) {
		say(c->fd, "220 mx ESMTP\r\n", 14);
		c->dripped = now + 60;
	} else if (strcmp(c->mode, "drip") == 0 && now > c->dripped) {
		c->dripped = now;
		if (write(c->fd, "x", 1) < 0) {
			close(c->fd);
			c->fd = -1;
		}
	}
}

/* Answers a DNS query with a record whose name points at itself. */
static void
answer_dns(int fd)
{
	struct sockaddr_storage from;
	socklen_t len = sizeof from;
	unsigned char packet[600];
	ssize_t n = recvfrom(fd, packet, 512, 0, (struct sockaddr *)&from, &len);
	size_t at;

	if (n < 12)
		return;
	at = (size_t)n;
	packet[2] = 0x81;	/* a response, recursion desired and available */
	packet[3] = 0x80;
	packet[6] = 0;		/* one answer */
	packet[7] = 1;
	packet[at] = (unsigned char)(0xc0 | at >> 8);
	packet[at + 1] = (unsigned char)at;
	at += 2;
	memset(packet + at, 0, 10);
	packet[at + 1] = 33;	/* SRV, class IN */
	packet[at + 3] = 1;
	at += 10;
	sendto(fd, packet, at, 0, (struct sockaddr *)&from, len);
}

static bool
known(const char *mode)
{
	size_t i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(mode, modes[i]) == 0)
			return true;
	for (i = 0; i < sizeof flight_modes / sizeof flight_modes[0]; i++)
		if (strcmp(mode, flight_modes[i]) == 0)
			return true;
	return false;
}

int
main(int argc, char *argv[])
{
	struct pollfd fds[MAX_LISTENERS + MAX_CLIENTS];
	struct client clients[MAX_CLIENTS];
	int listeners[MAX_LISTENERS];
	size_t nlisteners = (size_t)(argc > 1 ? argc - 1 : 0), nclients = 0;
	size_t i, k, live;

	if (nlisteners < 1 || nlisteners > MAX_LISTENERS)
		errx(2, "usage: probe_server MODE...");
	for (i = 0; i < nlisteners; i++) {
		unsigned port;

		if (!known(argv[i + 1]))
			errx(2, "unknown mode %s", argv[i + 1]);
		if (strncmp(argv[i + 1], "dns", 3) != 0)
			load_chain(argv[i + 1]);
		listeners[i] = listen_on(&port, strncmp(argv[i + 1], "dns", 3)
		    == 0 ? SOCK_DGRAM : SOCK_STREAM);
		printf("%s %u\n", argv[i + 1], port);
	}
	fflush(stdout);
	/* A probe hangs up mid-flood: that must not end the server. */
	signal(SIGPIPE, SIG_IGN);
	alarm(60);
	for (;;) {
		for (i = 0; i < nlisteners; i++) {
			fds[i].fd = listeners[i];
			fds[i].events = POLLIN;
		}
		for (live = 0, k = 0; k < nclients; k++) {
			clients[k].slot = 0;
			if (clients[k].fd < 0)
				continue;
			clients[k].slot = nlisteners + live++;
			fds[clients[k].slot].fd = clients[k].fd;
			fds[clients[k].slot].events = POLLIN;
		}
		if (poll(fds, (nfds_t)(nlisteners + live), 20) < 0)
			err(1, "poll");
		for (i = 0; i < nlisteners; i++) {
			int fd;

			if (!(fds[i].revents & POLLIN))
				continue;
			if (strcmp(argv[i + 1], "dns") == 0) {
				answer_dns(listeners[i]);
				continue;
			}
			if (strcmp(argv[i + 1], "dnsmute") == 0) {
				char query[512];

				(void)recv(listeners[i], query, sizeof query, 0);
				continue;
			}
			if ((fd = accept(listeners[i], NULL, NULL)) < 0)
				continue;
			/* A slot of a client gone, or a new one. */
			for (k = 0; k < nclients && clients[k].fd >= 0; k++)
				;
			if (k == MAX_CLIENTS) {
				close(fd);
				continue;
			}
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
			clients[k].fd = fd;
			clients[k].mode = argv[i + 1];
			clients[k].sent = 0;
			clients[k].dripped = time(NULL);
			clients[k].accepted = now_ms();
			clients[k].greeted = false;
			clients[k].upgraded = false;
			clients[k].slot = 0;
			if (!is_late(&clients[k]))
				greet(&clients[k]);
			if (k == nclients)
				nclients++;
		}
		for (k = 0; k < nclients; k++) {
			struct client *c = &clients[k];
			short revents;

			if (c->fd < 0 || c->slot == 0)
				continue;
			revents = fds[c->slot].revents;
			if (revents & (POLLIN | POLLHUP | POLLERR))
				answer(c);
			if (c->fd >= 0)
				keep_sending(c);
		}
	}
}

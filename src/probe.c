/*
 * probe.c - connecting to a mail server on many ports at once and asking
 * each what it speaks: non-blocking sockets and one poll loop, every read
 * bounded in bytes and every connection in time.
 *
 * No data is sent but a TLS ClientHello, a capability command and QUIT
 * or LOGOUT; never a user name or password.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>

#include "probe.h"
#include "sys.h"

/* Enough for any greeting and capability list; more is a flood. */
#define BUFFER_SIZE 8192

enum stage {
	CONNECTING,
	GREETING,	/* waiting for a plaintext greeting */
	CAPABILITIES,	/* waiting for the answer to the capability command */
	TLS_REPLY,	/* waiting for the answer to a ClientHello */
	FINISHED
};

struct connection {
	struct mp_probe_result *result;
	int		 fd;
	enum stage	 stage;
	unsigned	 started;	/* ms, on the monotonic clock */
	unsigned	 deadline;	/* ms: give up */
	unsigned	 quiet_until;	/* ms: a silent server may want TLS */
	size_t		 len;		/* bytes read into buffer */
	size_t		 reply_at;	/* where the capability answer starts */
	size_t		 out_len, out_at;	/* bytes to send, and sent */
	unsigned char	 out[MP_HELLO_SIZE];
	char		 buffer[BUFFER_SIZE];
};

static void
set_reason(struct mp_probe_result *result, const char *reason)
{
	size_t len = strlen(reason);

	if (len >= sizeof result->reason)
		len = sizeof result->reason - 1;
	memcpy(result->reason, reason, len);
	result->reason[len] = '\0';
}

static void
finish(struct connection *c, unsigned now)
{
	if (c->fd >= 0)
		mp_sys_close(c->fd);
	c->fd = -1;
	c->stage = FINISHED;
	c->result->ms = now - c->started;
}

static void
fail(struct connection *c, unsigned now, enum mp_state state, int error)
{
	c->result->state = state;
	if (state == MP_STATE_ERROR) {
		char text[32];

		set_reason(c->result, mp_sys_error_text(error, text));
	}
	finish(c, now);
}

/* The first line of what the server said, raw; escaped when shown. */
static void
keep_banner(struct connection *c)
{
	size_t len = 0;

	while (len < c->len && c->buffer[len] != '\n' &&
	    len < sizeof c->result->banner)
		len++;
	if (len > 0 && len < c->len && c->buffer[len] == '\n' &&
	    c->buffer[len - 1] == '\r')
		len--;
	memcpy(c->result->banner, c->buffer, len);
	c->result->banner_len = len;
}

static void
send_text(struct connection *c, const char *text)
{
	size_t len = strlen(text);

	memcpy(c->out, text, len);
	c->out_len = len;
	c->out_at = 0;
}

static void
send_hello(struct connection *c, const char *server)
{
	c->out_len = mp_client_hello(c->out, server);
	c->out_at = 0;
	c->stage = TLS_REPLY;
}

/* The server greeted in plaintext and answered what it offers: done. */
static void
finish_plaintext(struct connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	const char *quit = mp_quit_command(result->protocol);

	mp_parse_capabilities(result->protocol, c->buffer, c->len,
	    &result->capabilities);
	result->tls = result->capabilities.starttls ? MP_FOUND_STARTTLS :
	    MP_FOUND_NONE;
	if (result->capabilities.cleartext_login)
		result->warnings |= MP_WARN_CLEARTEXT_LOGIN;
	if (result->expect_tls)
		result->warnings |= MP_WARN_PLAINTEXT_ON_TLS;
	/*
	 * A polite goodbye, if it fits in the socket buffer: the answer is
	 * in, so nothing waits for it, and a failure changes nothing.
	 */
	if (quit != NULL) {
		ssize_t sent = mp_sys_write(c->fd, quit, strlen(quit));

		(void)sent;
	}
	finish(c, now);
}

static void
on_greeting(struct connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	enum mp_protocol protocol = mp_greeting_protocol(c->buffer, c->len);
	enum mp_reply reply = mp_greeting_status(protocol, c->buffer, c->len);
	const char *command;

	if (reply == MP_REPLY_MORE)
		return;
	keep_banner(c);
	if (protocol == MP_PROTO_UNKNOWN || reply == MP_REPLY_BAD) {
		result->warnings |= MP_WARN_NOT_MAIL;
		finish(c, now);
		return;
	}
	if (result->expected != MP_PROTO_UNKNOWN &&
	    result->expected != protocol)
		result->warnings |= MP_WARN_OTHER_PROTOCOL;
	result->protocol = protocol;
	command = mp_capability_command(protocol);
	if (command == NULL) {
		finish_plaintext(c, now);
		return;
	}
	send_text(c, command);
	c->reply_at = c->len;
	c->stage = CAPABILITIES;
}

static void
on_capabilities(struct connection *c, unsigned now)
{
	if (mp_capability_status(c->result->protocol, c->buffer + c->reply_at,
	    c->len - c->reply_at) != MP_REPLY_MORE)
		finish_plaintext(c, now);
}

/* What came back for the ClientHello: TLS, a plaintext greeting, or junk. */
static void
on_tls_reply(struct connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	enum mp_tls_reply reply = mp_tls_reply((unsigned char *)c->buffer,
	    c->len);
	enum mp_protocol protocol;

	if (reply == MP_TLS_REPLY_MORE)
		return;
	if (reply != MP_TLS_REPLY_NOT) {
		result->tls = MP_FOUND_IMPLICIT;
		result->protocol = result->expected;
		if (!result->expect_tls)
			result->warnings |= MP_WARN_TLS_ON_PLAINTEXT;
		finish(c, now);
		return;
	}
	/* Plaintext servers speak first: this one did while we said hello. */
	protocol = mp_greeting_protocol(c->buffer, c->len);
	if (mp_greeting_status(protocol, c->buffer, c->len) == MP_REPLY_MORE &&
	    c->len < sizeof c->buffer)
		return;
	keep_banner(c);
	if (protocol == MP_PROTO_UNKNOWN) {
		result->warnings |= MP_WARN_NOT_TLS;
	} else {
		result->protocol = protocol;
		result->tls = MP_FOUND_NONE;
		result->warnings |= MP_WARN_PLAINTEXT_ON_TLS;
		if (result->expected != MP_PROTO_UNKNOWN &&
		    result->expected != protocol)
			result->warnings |= MP_WARN_OTHER_PROTOCOL;
	}
	finish(c, now);
}

static void
on_connected(struct connection *c, unsigned now, unsigned grace,
    const char *server)
{
	int error = mp_sys_socket_error(c->fd);

	if (error == ECONNREFUSED) {
		fail(c, now, MP_STATE_CLOSED, error);
		return;
	}
	if (error != 0) {
		fail(c, now, error == ETIMEDOUT ? MP_STATE_TIMEOUT :
		    MP_STATE_ERROR, error);
		return;
	}
	c->result->state = MP_STATE_OPEN;
	if (c->result->expect_tls) {
		send_hello(c, server);
	} else {
		c->stage = GREETING;
		c->quiet_until = now + grace;
	}
}

/* The server closed or reset the connection: keep what it said. */
static void
on_end(struct connection *c, unsigned now, int error)
{
	if (c->len == 0) {
		char text[32];

		set_reason(c->result, error == 0 ?
		    "connection closed by the server" :
		    mp_sys_error_text(error, text));
		c->result->state = MP_STATE_ERROR;
		finish(c, now);
		return;
	}
	if (c->stage == CAPABILITIES) {
		finish_plaintext(c, now);
		return;
	}
	keep_banner(c);
	c->result->warnings |= MP_WARN_UNFINISHED;
	finish(c, now);
}

static void
on_readable(struct connection *c, unsigned now)
{
	ssize_t n = mp_sys_read(c->fd, c->buffer + c->len,
	    sizeof c->buffer - c->len);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			on_end(c, now, errno);
		return;
	}
	if (n == 0) {
		on_end(c, now, 0);
		return;
	}
	c->len += (size_t)n;
	if (c->stage == GREETING)
		on_greeting(c, now);
	else if (c->stage == CAPABILITIES)
		on_capabilities(c, now);
	else if (c->stage == TLS_REPLY)
		on_tls_reply(c, now);
	/* A reply that fills the buffer without ending is a flood. */
	if (c->stage != FINISHED && c->len == sizeof c->buffer) {
		keep_banner(c);
		c->result->warnings |= MP_WARN_FLOOD;
		finish(c, now);
	}
}

static void
on_writable(struct connection *c, unsigned now)
{
	ssize_t n = mp_sys_write(c->fd, c->out + c->out_at,
	    c->out_len - c->out_at);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			on_end(c, now, errno);
		return;
	}
	c->out_at += (size_t)n;
}

static void
on_deadline(struct connection *c, unsigned now)
{
	if (c->stage == CONNECTING) {
		c->result->state = MP_STATE_TIMEOUT;
		finish(c, now);
		return;
	}
	if (c->len == 0) {
		c->result->warnings |= MP_WARN_SILENT;
	} else {
		keep_banner(c);
		c->result->warnings |= MP_WARN_UNFINISHED;
	}
	finish(c, now);
}

static void
start(struct connection *c, unsigned now, unsigned timeout_ms)
{
	struct mp_probe_result *result = c->result;
	struct sockaddr *address = (struct sockaddr *)&result->sockaddr;
	unsigned short port = htons((unsigned short)result->port);

	c->started = now;
	c->deadline = now + timeout_ms;
	c->stage = CONNECTING;
	if (address->sa_family == AF_INET)
		((struct sockaddr_in *)address)->sin_port = port;
	else
		((struct sockaddr_in6 *)address)->sin6_port = port;
	c->fd = mp_sys_socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC);
	if (c->fd < 0) {
		fail(c, now, MP_STATE_ERROR, errno);
		return;
	}
	if (mp_sys_connect(c->fd, address, result->sockaddr_len) < 0 &&
	    errno != EINPROGRESS)
		fail(c, now, errno == ECONNREFUSED ? MP_STATE_CLOSED :
		    MP_STATE_ERROR, errno);
}

static short
events(const struct connection *c)
{
	if (c->stage == CONNECTING)
		return POLLOUT;
	return (short)(c->out_at < c->out_len ? POLLIN | POLLOUT : POLLIN);
}

/* The time until the first deadline of a live connection, for poll. */
static int
wait_ms(const struct connection *connections, size_t n, unsigned now)
{
	unsigned soonest = now + 60000;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct connection *c = &connections[i];

		if (c->stage == FINISHED)
			continue;
		if (c->deadline < soonest)
			soonest = c->deadline;
		if (c->stage == GREETING && c->len == 0 &&
		    c->quiet_until < soonest)
			soonest = c->quiet_until;
	}
	return soonest > now ? (int)(soonest - now) : 0;
}

size_t
mp_probe_resolve(const char *host, struct mp_address *addresses, size_t max,
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
		for (i = 0; i < n && !mp_same(addresses[i].text,
		    address->text); i++)
			;
		if (i == n)
			n++;
	}
	freeaddrinfo(list);
	if (n == 0)
		*error = "no IPv4 or IPv6 address";
	return n;
}

#define MAX_CONNECTIONS 256

void
mp_probe_run(struct mp_probe_result *results, size_t n, unsigned timeout_ms,
    const char *server)
{
	static struct connection connections[MAX_CONNECTIONS];
	struct pollfd fds[MAX_CONNECTIONS];
	size_t which[MAX_CONNECTIONS];
	unsigned now = mp_sys_now_ms(), grace = timeout_ms / 2;
	size_t i, live;

	if (n > MAX_CONNECTIONS)
		n = MAX_CONNECTIONS;
	for (i = 0; i < n; i++) {
		struct connection *c = &connections[i];

		c->result = &results[i];
		c->fd = -1;
		c->len = c->reply_at = c->out_len = c->out_at = 0;
		c->quiet_until = 0;
		results[i].state = MP_STATE_OPEN;
		results[i].reason[0] = '\0';
		results[i].tls = MP_FOUND_UNKNOWN;
		results[i].protocol = MP_PROTO_UNKNOWN;
		results[i].capabilities.starttls = false;
		results[i].capabilities.cleartext_login = false;
		results[i].capabilities.auth[0] = '\0';
		results[i].banner_len = 0;
		results[i].ms = 0;
		results[i].warnings = 0;
		start(c, now, timeout_ms);
	}
	for (;;) {
		for (live = 0, i = 0; i < n; i++) {
			if (connections[i].stage == FINISHED)
				continue;
			fds[live].fd = connections[i].fd;
			fds[live].events = events(&connections[i]);
			fds[live].revents = 0;
			which[live++] = i;
		}
		if (live == 0)
			break;
		if (mp_sys_poll(fds, live, wait_ms(connections, n, now)) < 0 &&
		    errno != EINTR)
			break;
		now = mp_sys_now_ms();
		for (i = 0; i < live; i++) {
			struct connection *c = &connections[which[i]];
			short revents = fds[i].revents;

			if (c->stage == CONNECTING && revents != 0)
				on_connected(c, now, grace, server);
			else if (revents & (POLLIN | POLLHUP | POLLERR))
				on_readable(c, now);
			if (c->stage != FINISHED && (revents & POLLOUT) &&
			    c->out_at < c->out_len)
				on_writable(c, now);
			if (c->stage == FINISHED)
				continue;
			if (c->stage == GREETING && c->len == 0 &&
			    now >= c->quiet_until) {
				/* Silent so far: perhaps it waits for TLS. */
				send_hello(c, server);
			} else if (now >= c->deadline) {
				on_deadline(c, now);
			}
		}
	}
	/* poll failed: whatever is left ends now. */
	for (i = 0; i < n; i++)
		if (connections[i].stage != FINISHED)
			on_deadline(&connections[i], now);
}

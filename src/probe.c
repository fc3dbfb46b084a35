/*
 * probe.c - connecting to a mail server on many ports at once and asking
 * each what it speaks: non-blocking sockets and one poll loop, every read
 * bounded in bytes and every connection in time.
 *
 * No data is sent but a TLS ClientHello, a capability command, STARTTLS
 * and QUIT or LOGOUT; never a user name or password.  The ClientHello
 * offers TLS 1.2 alone, so that the server's certificates come in clear
 * in the flight that answers it (a server that speaks TLS 1.3 too says
 * so in that flight); only a server that refuses 1.2 is asked again,
 * on a new connection, with a hello that offers 1.3.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "poll_set.h"
#include "probe.h"

/* Enough for any greeting and capability list; more is a flood. */
#define PLAINTEXT_MAX 8192

/* A connection's stage, in its stage field. */
enum stage {
	CONNECTING,
	GREETING,	/* waiting for a plaintext greeting */
	CAPABILITIES,	/* waiting for the answer to the capability command */
	STARTTLS_REPLY,	/* waiting for the answer to STARTTLS */
	TLS_FLIGHT,	/* reading the flight that answers a ClientHello */
	FINISHED
};

static void restart(struct mp_probe_connection *c, unsigned now);

static void
set_reason(struct mp_probe_result *result, const char *reason)
{
	snprintf(result->reason, sizeof result->reason, "%s", reason);
}

/* Sends what it can; a peer gone gives EPIPE, not a SIGPIPE that ends us. */
static ssize_t
send_some(int fd, const void *bytes, size_t len)
{
	return send(fd, bytes, len, MSG_NOSIGNAL);
}

static void
finish(struct mp_probe_connection *c, unsigned now)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->stage = FINISHED;
	c->result->ms = now - c->started;
}

static void
fail(struct mp_probe_connection *c, unsigned now, enum mp_state state,
    int error)
{
	c->result->state = state;
	if (state == MP_STATE_ERROR)
		set_reason(c->result, mp_net_error_text(error));
	finish(c, now);
}

/*
 * The first line of what the server said, raw (escaped when shown), as
 * much of it as fits; banner_cut says when more of it came.
 */
static void
keep_banner(struct mp_probe_connection *c)
{
	const char *newline = memchr(c->buffer, '\n', c->len);
	size_t end = newline != NULL ? (size_t)(newline - c->buffer) : c->len;
	size_t len;

	if (end > 0 && end < c->len && c->buffer[end - 1] == '\r')
		end--;
	len = end < sizeof c->result->banner ? end : sizeof c->result->banner;
	memcpy(c->result->banner, c->buffer, len);
	c->result->banner_len = len;
	c->result->banner_cut = end > len;
}

static void
send_text(struct mp_probe_connection *c, const char *text)
{
	size_t len = strlen(text);

	memcpy(c->out, text, len);
	c->out_len = len;
	c->out_at = 0;
}

static void
send_hello(struct mp_probe_connection *c)
{
	c->out_len = c->modern ?
	    mp_client_hello(c->out, c->result->request.server) :
	    mp_client_hello12(c->out, c->result->request.server);
	c->out_at = 0;
	c->len = 0;
	mp_tls_reader_init(&c->reader, c->flight, sizeof c->flight);
	c->stage = TLS_FLIGHT;
}

/*
 * Done with a plaintext server: what it offers, from the first parsed
 * bytes of what it said.  Unless it answered the capability command, no
 * STARTTLS seen says nothing about TLS.
 */
static void
finish_plaintext(struct mp_probe_connection *c, unsigned now, size_t parsed,
    bool answered)
{
	struct mp_probe_result *result = c->result;
	const char *quit = mp_protocol_handler(result->protocol)->quit_command;

	mp_parse_capabilities(result->protocol, c->buffer, parsed,
	    &result->capabilities);
	result->tls = result->capabilities.starttls ? MP_FOUND_STARTTLS :
	    answered ? MP_FOUND_NONE : MP_FOUND_UNKNOWN;
	if (result->capabilities.cleartext_login)
		result->warnings |= MP_WARN_CLEARTEXT_LOGIN;
	if (result->request.target.implicit)
		result->warnings |= MP_WARN_PLAINTEXT_ON_TLS;
	/* Offered and answered: ask for it, to read the certificate. */
	if (result->tls == MP_FOUND_STARTTLS && answered &&
	    !result->request.target.implicit) {
		send_text(c, mp_protocol_handler(result->protocol)->
		    starttls_command);
		c->reply_at = c->len;
		c->stage = STARTTLS_REPLY;
		return;
	}
	/*
	 * A polite goodbye, if it fits in the socket buffer: the answer is
	 * in, so nothing waits for it, and a failure changes nothing.
	 */
	if (quit != NULL) {
		ssize_t sent = send_some(c->fd, quit, strlen(quit));

		(void)sent;
	}
	finish(c, now);
}

/* The capability command went unanswered: keep what the greeting said. */
static void
finish_unanswered(struct mp_probe_connection *c, unsigned now, unsigned warning)
{
	c->result->warnings |= c->len == c->reply_at ? warning :
	    MP_WARN_UNFINISHED;
	finish_plaintext(c, now, c->reply_at, false);
}

static void
on_greeting(struct mp_probe_connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	enum mp_protocol protocol = mp_greeting_protocol(c->buffer, c->len);
	const struct mp_protocol_handler *handler =
	    mp_protocol_handler(protocol);
	enum mp_reply reply = handler->greeting_status(c->buffer, c->len);

	if (reply == MP_REPLY_MORE)
		return;
	keep_banner(c);
	if (protocol == MP_PROTO_UNKNOWN) {
		result->warnings |= MP_WARN_NOT_MAIL;
		finish(c, now);
		return;
	}
	if (result->request.target.expected != MP_PROTO_UNKNOWN &&
	    result->request.target.expected != protocol)
		result->warnings |= MP_WARN_OTHER_PROTOCOL;
	result->protocol = protocol;
	if (reply == MP_REPLY_BAD) {
		result->warnings |= MP_WARN_MALFORMED;
		finish(c, now);
		return;
	}
	if (reply == MP_REPLY_REFUSED) {
		result->warnings |= MP_WARN_REFUSED;
		finish_plaintext(c, now, c->len, false);
		return;
	}
	if (handler->capability_command == NULL ||
	    handler->greeting_lists(c->buffer, c->len)) {
		finish_plaintext(c, now, c->len, true);
		return;
	}
	send_text(c, handler->capability_command);
	c->reply_at = c->len;
	c->stage = CAPABILITIES;
}

static void
on_capabilities(struct mp_probe_connection *c, unsigned now)
{
	const struct mp_protocol_handler *handler =
	    mp_protocol_handler(c->result->protocol);

	switch (handler->capability_status(c->buffer + c->reply_at,
	    c->len - c->reply_at)) {
	case MP_REPLY_MORE:
		break;
	case MP_REPLY_DONE:
		finish_plaintext(c, now, c->len, true);
		break;
	case MP_REPLY_BAD:
		c->result->warnings |= MP_WARN_MALFORMED;
		finish_plaintext(c, now, c->reply_at, false);
		break;
	case MP_REPLY_REFUSED:
		c->result->warnings |= MP_WARN_REFUSED;
		finish_plaintext(c, now, c->reply_at, false);
		break;
	}
}

/*
 * TLS from the first byte: the protocol behind it cannot be seen, so it
 * is the port's by the table, or else the one the words expect; words
 * that name another protocol than the port's are warned about.
 */
static void
found_implicit(struct mp_probe_result *result)
{
	const struct mp_probe_request *request = &result->request;
	enum mp_protocol by_port = mp_port_protocol(request->target.port);

	result->tls = MP_FOUND_IMPLICIT;
	result->protocol = by_port != MP_PROTO_UNKNOWN ? by_port :
	    request->target.expected;
	if (request->target.expected != MP_PROTO_UNKNOWN &&
	    request->target.expected != result->protocol)
		result->warnings |= MP_WARN_OTHER_PORT;
}

/* The answer to STARTTLS: go on with the ClientHello, or say why not. */
static void
on_starttls_reply(struct mp_probe_connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	const struct mp_protocol_handler *handler =
	    mp_protocol_handler(result->protocol);

	switch (handler->starttls_status(c->buffer + c->reply_at,
	    c->len - c->reply_at)) {
	case MP_REPLY_MORE:
		break;
	case MP_REPLY_DONE:
		/* Bytes past the answer would be plaintext injected before
		 * TLS (RFC 3207 section 6): they are dropped unread. */
		send_hello(c);
		break;
	case MP_REPLY_BAD:
		result->warnings |= MP_WARN_MALFORMED;
		result->cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
		finish(c, now);
		break;
	case MP_REPLY_REFUSED:
		result->warnings |= MP_WARN_STARTTLS_REFUSED;
		result->cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
		finish(c, now);
		break;
	}
}

/* The name a certificate must hold: match, server, or the address. */
static const char *
asked_host(const struct mp_probe_request *request)
{
	if (request->match[0] != '\0')
		return request->match;
	return request->server[0] != '\0' ? request->server : request->address;
}

/* What the flight said of TLS 1.3 and of the certificates. */
static void
read_flight(struct mp_probe_connection *c)
{
	struct mp_probe_result *result = c->result;
	const struct mp_tls_reader *r = &c->reader;

	result->tls_version = r->hello ? r->version : 0;
	if (r->hello)
		result->tls13 = r->tls13 || r->version == 0x0304 ?
		    MP_ANSWER_YES : MP_ANSWER_NO;
	if (r->certificate)
		mp_cert_seen_read(&result->cert, r, asked_host(&result->request),
		    c->owner->store, c->owner->wall);
	else
		result->cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
}

/* TLS spoken, but the handshake refused: the alert says why. */
static void
refused(struct mp_probe_connection *c, int alert)
{
	c->result->warnings |= MP_WARN_TLS_REFUSED;
	c->result->tls_alert = (unsigned char)(alert >= 0 ? alert : 0);
}

/*
 * Done with a flight that ended, or stopped (the connection ended or
 * the time ran out): what was read of it.  Only a fatal alert, or a
 * warning alert and nothing else, is a refusal; a certificate sent
 * before the alert is read all the same, as it tells what went wrong.
 */
static void
end_flight(struct mp_probe_connection *c, unsigned now)
{
	const struct mp_tls_reader *r = &c->reader;

	if (c->stage == TLS_FLIGHT && c->result->tls != MP_FOUND_STARTTLS &&
	    (r->hello || r->records > 0))
		found_implicit(c->result);
	if (c->refused12 && r->hello && r->state != MP_TLS_FLIGHT_ALERT)
		c->result->warnings |= MP_WARN_TLS12_REFUSED;
	if (r->state == MP_TLS_FLIGHT_ALERT ||
	    (!r->hello && r->warning >= 0))
		refused(c, r->state == MP_TLS_FLIGHT_ALERT ? r->alert :
		    r->warning);
	read_flight(c);
	finish(c, now);
}

/*
 * A server that refused a hello of TLS 1.2 alone may speak TLS 1.3 alone
 * (a protocol_version alert), or fail TLS 1.2 for its own reasons (as
 * OpenSMTPD 6.8 on OpenSSL 3 does, with internal_error) while a client
 * of today gets in with TLS 1.3: ask again, from the start, with a hello
 * that offers it, within the same deadline.
 */
static bool
retry_modern(struct mp_probe_connection *c, unsigned now)
{
	const struct mp_tls_reader *r = &c->reader;

	if (c->modern || r->hello || r->state != MP_TLS_FLIGHT_ALERT)
		return false;
	c->refused12 = true;
	c->result->tls_alert = (unsigned char)r->alert;
	close(c->fd);
	c->fd = -1;
	c->modern = true;
	/* Again by the same way: STARTTLS first, or the hello at once. */
	c->hello_first = c->result->tls != MP_FOUND_STARTTLS;
	c->len = c->reply_at = c->out_len = c->out_at = 0;
	restart(c, now);
	return true;
}

/* What came back for the ClientHello: TLS, a plaintext greeting, or junk. */
static void
on_tls_flight(struct mp_probe_connection *c, unsigned now)
{
	struct mp_probe_result *result = c->result;
	enum mp_tls_flight state = mp_tls_read(&c->reader,
	    (unsigned char *)c->buffer, c->len);
	enum mp_protocol protocol;

	/* Whole records are read: keep only the rest. */
	memmove(c->buffer, c->buffer + c->reader.consumed,
	    c->len - c->reader.consumed);
	c->len -= c->reader.consumed;
	c->reader.consumed = 0;
	if (state == MP_TLS_FLIGHT_MORE)
		return;
	if (state == MP_TLS_FLIGHT_MALFORMED) {
		result->warnings |= MP_WARN_TLS_MALFORMED;
		end_flight(c, now);
		return;
	}
	if (state != MP_TLS_FLIGHT_NOT) {
		if (!retry_modern(c, now))
			end_flight(c, now);
		return;
	}
	if (result->tls == MP_FOUND_STARTTLS) {
		result->warnings |= MP_WARN_TLS_FAILED;
		result->cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
		finish(c, now);
		return;
	}
	/* Plaintext servers speak first: this one did while we said hello. */
	protocol = mp_greeting_protocol(c->buffer, c->len);
	if (mp_protocol_handler(protocol)->greeting_status(c->buffer,
	    c->len) == MP_REPLY_MORE &&
	    c->len < PLAINTEXT_MAX)
		return;
	keep_banner(c);
	if (protocol == MP_PROTO_UNKNOWN) {
		result->warnings |= MP_WARN_NOT_TLS;
	} else if (!result->request.target.implicit) {
		/* A late greeting, after the guess: the hello spoilt the rest. */
		result->protocol = protocol;
	} else {
		result->protocol = protocol;
		result->tls = MP_FOUND_NONE;
		result->warnings |= MP_WARN_PLAINTEXT_ON_TLS;
		if (result->request.target.expected != MP_PROTO_UNKNOWN &&
		    result->request.target.expected != protocol)
			result->warnings |= MP_WARN_OTHER_PROTOCOL;
	}
	finish(c, now);
}

static void
on_connected(struct mp_probe_connection *c, unsigned now, unsigned grace)
{
	int error = 0;
	socklen_t len = sizeof error;

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0)
		error = errno;
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
	if (c->result->request.target.implicit || c->hello_first) {
		send_hello(c);
	} else {
		c->stage = GREETING;
		c->quiet_until = c->result->request.target.guess_tls ?
		    now + grace : c->deadline;
	}
}

/*
 * The talk ended, or the time ran out, in the TLS stages: what was read
 * of the flight, or, after STARTTLS was offered and asked for, a
 * handshake that failed.  False when there is nothing of TLS to tell.
 */
static bool
tls_stopped(struct mp_probe_connection *c, unsigned now)
{
	if (c->stage == TLS_FLIGHT && c->reader.records > 0) {
		/* A flight stopped short: a client's handshake fails too. */
		if (c->reader.hello || c->result->tls == MP_FOUND_STARTTLS)
			c->result->warnings |= MP_WARN_TLS_FAILED;
		end_flight(c, now);
		return true;
	}
	if (c->stage == STARTTLS_REPLY || (c->stage == TLS_FLIGHT &&
	    c->result->tls == MP_FOUND_STARTTLS)) {
		c->result->warnings |= MP_WARN_TLS_FAILED;
		c->result->cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
		finish(c, now);
		return true;
	}
	return false;
}

/* The server closed or reset the connection: keep what it said. */
static void
on_end(struct mp_probe_connection *c, unsigned now, int error)
{
	if (tls_stopped(c, now))
		return;
	if (c->len == 0) {
		set_reason(c->result, error == 0 ?
		    "connection closed by the server" :
		    mp_net_error_text(error));
		c->result->state = MP_STATE_ERROR;
		finish(c, now);
		return;
	}
	if (c->stage == CAPABILITIES) {
		finish_unanswered(c, now, MP_WARN_CLOSED_EARLY);
		return;
	}
	keep_banner(c);
	c->result->warnings |= MP_WARN_UNFINISHED;
	finish(c, now);
}

static void
on_readable(struct mp_probe_connection *c, unsigned now)
{
	/* TLS records are read whole; plaintext replies have a bound. */
	size_t room = c->stage == TLS_FLIGHT ? sizeof c->buffer :
	    PLAINTEXT_MAX;
	ssize_t n = read(c->fd, c->buffer + c->len, room - c->len);

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
	else if (c->stage == STARTTLS_REPLY)
		on_starttls_reply(c, now);
	else if (c->stage == TLS_FLIGHT)
		on_tls_flight(c, now);
	/* A reply that fills the buffer without ending is a flood. */
	if (c->stage != FINISHED && c->stage != TLS_FLIGHT &&
	    c->len == PLAINTEXT_MAX) {
		keep_banner(c);
		c->result->warnings |= MP_WARN_FLOOD;
		finish(c, now);
	}
}

static void
on_writable(struct mp_probe_connection *c, unsigned now)
{
	ssize_t n = send_some(c->fd, c->out + c->out_at,
	    c->out_len - c->out_at);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			on_end(c, now, errno);
		return;
	}
	c->out_at += (size_t)n;
}

/*
 * Whether what arrived is the first whole line of a greeting of a known
 * protocol, whose last line had yet to come: a server that delays its
 * greeting, as Postfix's postscreen does, rather than a broken one.
 */
static bool
began_greeting(struct mp_probe_connection *c)
{
	enum mp_protocol protocol = mp_greeting_protocol(c->buffer, c->len);

	if (protocol == MP_PROTO_UNKNOWN ||
	    memchr(c->buffer, '\n', c->len) == NULL)
		return false;
	c->result->protocol = protocol;
	return true;
}

static void
on_deadline(struct mp_probe_connection *c, unsigned now)
{
	if (c->stage == CONNECTING) {
		c->result->state = MP_STATE_TIMEOUT;
		finish(c, now);
		return;
	}
	if (c->stage == CAPABILITIES) {
		finish_unanswered(c, now, MP_WARN_NO_ANSWER);
		return;
	}
	if (tls_stopped(c, now))
		return;
	if (c->len == 0) {
		c->result->warnings |= MP_WARN_SILENT;
	} else if (c->stage == GREETING && began_greeting(c)) {
		keep_banner(c);
		c->result->warnings |= MP_WARN_SLOW_GREETING;
	} else {
		keep_banner(c);
		c->result->warnings |= MP_WARN_UNFINISHED;
	}
	finish(c, now);
}

/* Connects, or connects again; the deadline stays. */
static void
restart(struct mp_probe_connection *c, unsigned now)
{
	const struct mp_probe_request *request = &c->result->request;
	struct sockaddr *address = (struct sockaddr *)&c->to;

	c->stage = CONNECTING;
	c->fd = socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		fail(c, now, MP_STATE_ERROR, errno);
		return;
	}
	if (connect(c->fd, address, request->sockaddr_len) < 0 &&
	    errno != EINPROGRESS)
		fail(c, now, errno == ECONNREFUSED ? MP_STATE_CLOSED :
		    MP_STATE_ERROR, errno);
}

/* The only protocol the words allow on port, or MP_PROTO_UNKNOWN. */
static enum mp_protocol
only_protocol(const struct mp_query *query, unsigned port)
{
	int p;

	for (p = 0; p < MP_NPROTOCOLS; p++) {
		if (!(query->protocols & 1u << p) ||
		    !mp_probed_protocol((enum mp_protocol)p))
			continue;
		if (query->protocols != 1u << p)
			break;
		return (enum mp_protocol)p;
	}
	/* No protocol word, or several: the table's, if it knows the port. */
	return mp_port_protocol(port);
}

enum mp_protocol
mp_port_protocol(unsigned port)
{
	const struct mp_port *row = mp_port_bynumber(port);

	return row != NULL && mp_probed_protocol(row->protocol) ?
	    row->protocol : MP_PROTO_UNKNOWN;
}

/* Whether the words, or else the table, make port one for implicit TLS. */
static bool
implicit_port(const struct mp_query *query, unsigned port)
{
	const struct mp_port *row = mp_port_bynumber(port);

	if (query->tls == 1u << MP_TLS_IMPLICIT)
		return true;
	if (!(query->tls & 1u << MP_TLS_IMPLICIT))
		return false;
	return row != NULL && row->tls == MP_TLS_IMPLICIT;
}

size_t
mp_probe_targets(const struct mp_query *query, unsigned port,
    struct mp_probe_target *targets, size_t max)
{
	const struct mp_port *ports[MP_PORTS_MAX];
	size_t n = 0, found, i, j;

	if (max == 0)
		return 0;
	if (port != 0) {
		targets[0].port = port;
		targets[0].expected = only_protocol(query, port);
		targets[0].implicit = implicit_port(query, port);
		targets[0].guess_tls = !targets[0].implicit &&
		    targets[0].expected == MP_PROTO_UNKNOWN &&
		    mp_port_bynumber(port) == NULL &&
		    (query->tls & 1u << MP_TLS_IMPLICIT);
		return 1;
	}
	found = mp_lookup(query, ports, MP_PORTS_MAX);
	for (i = 0; i < found && i < MP_PORTS_MAX && n < max; i++) {
		if (!mp_probed_protocol(ports[i]->protocol))
			continue;
		for (j = 0; j < n && targets[j].port != ports[i]->number; j++)
			;
		if (j < n)
			continue;
		targets[n].port = ports[i]->number;
		targets[n].expected = ports[i]->protocol;
		targets[n].implicit = ports[i]->tls == MP_TLS_IMPLICIT;
		targets[n].guess_tls = false;
		n++;
	}
	return n;
}

size_t
mp_probe_fill(struct mp_probe_result *results, size_t max,
    const struct mp_address *addresses, size_t naddresses,
    const struct mp_probe_target *targets, size_t ntargets,
    const char *server)
{
	size_t n = 0, t, a, server_len = strlen(server);

	/* A name too long to be one is none: no SNI, as for an address. */
	if (server_len >= sizeof results[0].request.server)
		server_len = 0;
	for (t = 0; t < ntargets; t++) {
		for (a = 0; a < naddresses && n < max; a++, n++) {
			struct mp_probe_request *r = &results[n].request;

			*r = (struct mp_probe_request){
				.sockaddr = addresses[a].sockaddr,
				.sockaddr_len = addresses[a].len,
				.target = targets[t]
			};
			memcpy(r->server, server, server_len);
			memcpy(r->address, addresses[a].text, sizeof r->address);
		}
	}
	return n;
}

/* Nothing seen yet: the response as it starts, the request kept. */
static void
clear_response(struct mp_probe_result *result)
{
	const struct mp_probe_request request = result->request;

	*result = (struct mp_probe_result){
		.request = request,
		.state = MP_STATE_OPEN,
		.tls = MP_FOUND_UNKNOWN,
		.protocol = MP_PROTO_UNKNOWN,
		.tls13 = MP_ANSWER_UNKNOWN
	};
}

/* Whether time at has come by now, across the clock's wrap. */
static bool
reached(unsigned now, unsigned at)
{
	return (int)(now - at) >= 0;
}

/* Connects the request of result; its time runs from now. */
static void
start(struct mp_probe_connection *c, struct mp_prober *owner,
    struct mp_probe_result *result, unsigned now)
{
	struct sockaddr *address = (struct sockaddr *)&c->to;
	unsigned short port =
	    htons((unsigned short)result->request.target.port);

	c->result = result;
	c->owner = owner;
	c->fd = -1;
	c->len = c->reply_at = c->out_len = c->out_at = 0;
	c->quiet_until = 0;
	c->modern = c->hello_first = c->refused12 = false;
	c->started = now;
	c->deadline = now + owner->timeout_ms;
	if (address->sa_family == AF_INET)
		((struct sockaddr_in *)address)->sin_port = port;
	else
		((struct sockaddr_in6 *)address)->sin6_port = port;
	restart(c, now);
}

static short
events(const struct mp_probe_connection *c)
{
	if (c->stage == CONNECTING)
		return POLLOUT;
	return (short)(c->out_at < c->out_len ? POLLIN | POLLOUT : POLLIN);
}

static void
watch(struct mp_probe_connection *c, struct mp_poll_set *set)
{
	c->slot = mp_poll_set_add(set, c->fd, events(c));
	mp_poll_set_due(set, c->deadline);
	if (c->stage == GREETING && c->len == 0)
		mp_poll_set_due(set, c->quiet_until);
}

static bool
has_started(const struct mp_prober *p, size_t i)
{
	size_t bit = i % MP_PROBER_WINDOW;

	return p->started[bit / 8] & 1u << bit % 8;
}

static void
mark_started(struct mp_prober *p, size_t i)
{
	size_t bit = i % MP_PROBER_WINDOW;

	p->started[bit / 8] |= (unsigned char)(1u << bit % 8);
}

/* Moves next past the requests that have started, clearing their bits. */
static void
advance(struct mp_prober *p)
{
	while (p->next < p->n && has_started(p, p->next)) {
		size_t bit = p->next % MP_PROBER_WINDOW;

		p->started[bit / 8] &= (unsigned char)~(1u << bit % 8);
		p->next++;
	}
}

void
mp_prober_start(struct mp_prober *p, struct mp_probe_pool *pool,
    struct mp_probe_result *results, size_t n, unsigned timeout_ms,
    const struct mp_trust *store, unsigned now)
{
	struct timespec wall;
	size_t i;

	/* Nothing connects before want, which reads the poll set's clock. */
	(void)now;
	p->pool = pool;
	p->results = results;
	p->n = n;
	p->next = 0;
	memset(p->started, 0, sizeof p->started);
	p->own = NULL;
	p->timeout_ms = timeout_ms;
	p->grace = timeout_ms / 2;
	p->store = store;
	p->wall = clock_gettime(CLOCK_REALTIME, &wall) == 0 ? wall.tv_sec : 0;
	for (i = 0; i < n; i++) {
		clear_response(&results[i]);
		results[i].timeout_ms = timeout_ms;
	}
}

/*
 * Connects the waiting requests that the pool lets connect, in order,
 * passing over one whose address is at its cap; those that cannot all
 * wait for a connection to end, or, held by the rate, for the time of
 * the next token, which set is asked to wake at.
 */
static void
connect_waiting(struct mp_prober *p, struct mp_poll_set *set)
{
	size_t end = p->n - p->next < MP_PROBER_WINDOW ? p->n :
	    p->next + MP_PROBER_WINDOW;
	size_t i;

	for (i = p->next; i < end && set->n < set->max; i++) {
		const struct sockaddr_storage *to =
		    &p->results[i].request.sockaddr;
		struct mp_probe_connection *c;
		enum mp_probe_admit admit;
		unsigned token_at;

		if (has_started(p, i))
			continue;
		admit = mp_probe_pool_take(p->pool, to, set->now, &c,
		    &token_at);
		if (admit == MP_PROBE_ADDRESS_BUSY)
			continue;
		if (admit == MP_PROBE_NO_TOKEN)
			mp_poll_set_due(set, token_at);
		if (admit != MP_PROBE_ADMITTED)
			break;
		mark_started(p, i);
		start(c, p, &p->results[i], set->now);
		if (c->stage == FINISHED) {
			mp_probe_pool_give(p->pool, c);
			continue;
		}
		c->next_own = p->own;
		p->own = c;
		watch(c, set);
	}
	advance(p);
}

void
mp_prober_want(struct mp_prober *p, struct mp_poll_set *set)
{
	struct mp_probe_connection *c;

	for (c = p->own; c != NULL; c = c->next_own)
		watch(c, set);
	if (p->next < p->n)
		connect_waiting(p, set);
}

/* What the poll found on one connection, and its times at now. */
static void
serve(struct mp_probe_connection *c, short revents, unsigned now,
    unsigned grace)
{
	if (c->stage == CONNECTING && revents != 0)
		on_connected(c, now, grace);
	else if (revents & (POLLIN | POLLHUP | POLLERR))
		on_readable(c, now);
	if (c->stage != FINISHED && (revents & POLLOUT) &&
	    c->out_at < c->out_len)
		on_writable(c, now);
	if (c->stage == FINISHED)
		return;
	if (c->stage == GREETING && c->len == 0 &&
	    c->result->request.target.guess_tls &&
	    reached(now, c->quiet_until) && !reached(now, c->deadline)) {
		/* Silent so far: perhaps it waits for TLS. */
		c->result->warnings |= MP_WARN_HELLO_AFTER_SILENCE;
		send_hello(c);
	} else if (reached(now, c->deadline)) {
		on_deadline(c, now);
	}
}

void
mp_prober_serve(struct mp_prober *p, const struct mp_poll_set *set)
{
	struct mp_probe_connection **link = &p->own;

	while (*link != NULL) {
		struct mp_probe_connection *c = *link;

		serve(c, mp_poll_set_events(set, c->slot), set->now, p->grace);
		if (c->stage != FINISHED) {
			link = &c->next_own;
			continue;
		}
		*link = c->next_own;
		mp_probe_pool_give(p->pool, c);
	}
}

bool
mp_prober_done(const struct mp_prober *p)
{
	return p->next == p->n && p->own == NULL;
}

/*
 * The poll failed (not by a signal): what is connected ends now, as at
 * its deadline, and what waits ends with the poll's error.
 */
static void
abandon(struct mp_prober *p, unsigned now, int error)
{
	size_t i;

	while (p->own != NULL) {
		struct mp_probe_connection *c = p->own;

		on_deadline(c, now);
		p->own = c->next_own;
		mp_probe_pool_give(p->pool, c);
	}
	for (i = p->next; i < p->n; i++) {
		if (i - p->next < MP_PROBER_WINDOW && has_started(p, i))
			continue;
		p->results[i].state = MP_STATE_ERROR;
		set_reason(&p->results[i], mp_net_error_text(error));
	}
	memset(p->started, 0, sizeof p->started);
	p->next = p->n;
}

void
mp_probe_run(struct mp_probe_result *results, size_t n, unsigned timeout_ms,
    const struct mp_trust *store)
{
	static struct mp_probe_pool pool;
	struct pollfd fds[MP_PROBE_POOL_MAX];
	struct mp_poll_set set;
	struct mp_prober prober;

	mp_probe_pool_init(&pool, 0, 0);
	mp_poll_set_init(&set, fds, MP_PROBE_POOL_MAX);
	mp_prober_start(&prober, &pool, results, n, timeout_ms, store,
	    set.now);
	for (;;) {
		mp_poll_set_begin(&set);
		mp_prober_want(&prober, &set);
		if (mp_prober_done(&prober))
			break;
		if (!mp_poll_set_wait(&set)) {
			abandon(&prober, set.now, errno);
			break;
		}
		mp_prober_serve(&prober, &set);
	}
}

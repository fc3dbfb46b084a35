/*
 * autoconfig.c - reads the servers of a clientConfig file (autoconfig.h),
 * and holds the rules of the format that the ISP database's importer
 * applies too.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "autoconfig.h"
#include "escape.h"
#include "http.h"
#include "len.h"
#include "number.h"
#include "xml.h"

#define PLACEHOLDER "%EMAILDOMAIN%"
#define PLACEHOLDER_LEN (sizeof PLACEHOLDER - 1)

/*
 * The tree of a fetched file, in static storage sized for the largest
 * body a fetch keeps.  The arena is MP_XML_ARENA_SIZE of it.  A node
 * takes 4 bytes at least ("<a/>") and an attribute 5 (" a=''"), but a
 * clientConfig file has some dozens of each: an eighth of the body in
 * each holds 16,000 empty server elements with a blank between each two,
 * and anything denser is refused for want of room, with its reason.
 */
#define NODES_SIZE (MP_HTTP_BODY_MAX / 8)
#define ATTRS_SIZE (MP_HTTP_BODY_MAX / 8)
static struct mp_xml_node nodes[NODES_SIZE];
static struct mp_xml_attr attrs[ATTRS_SIZE];
static char arena[MP_XML_ARENA_SIZE(MP_HTTP_BODY_MAX)];

enum mp_autoconfig_type
mp_autoconfig_type(const char *type, bool incoming,
    enum mp_protocol *protocol)
{
	static const char *const exchange[] = { "exchange", "ews", "graph",
		"owa" };
	size_t i;

	if (type == NULL)
		return MP_AUTOCONFIG_OTHER;
	if (strcmp(type, "imap") == 0 || strcmp(type, "pop3") == 0) {
		*protocol = type[0] == 'i' ? MP_PROTO_IMAP : MP_PROTO_POP3;
		return incoming ? MP_AUTOCONFIG_MAIL : MP_AUTOCONFIG_MISPLACED;
	}
	if (strcmp(type, "smtp") == 0) {
		*protocol = MP_PROTO_SMTP;
		return incoming ? MP_AUTOCONFIG_MISPLACED : MP_AUTOCONFIG_MAIL;
	}
	for (i = 0; i < LEN(exchange); i++)
		if (strcmp(type, exchange[i]) == 0)
			return MP_AUTOCONFIG_EXCHANGE;
	return MP_AUTOCONFIG_OTHER;
}

bool
mp_autoconfig_tls(const char *text, enum mp_tls *tls)
{
	if (strcmp(text, "SSL") == 0)
		*tls = MP_TLS_IMPLICIT;
	else if (strcmp(text, "STARTTLS") == 0)
		*tls = MP_TLS_STARTTLS;
	else if (strcmp(text, "plain") == 0)
		*tls = MP_TLS_NONE;
	else
		return false;
	return true;
}

bool
mp_autoconfig_port(const char *text, unsigned *port)
{
	size_t len = strlen(text);
	unsigned long value;

	if (len > 5 || mp_number(text, len, 0, 1, 65535, &value) !=
	    MP_NUMBER_OK)
		return false;
	*port = (unsigned)value;
	return true;
}

bool
mp_autoconfig_username(const char *text, enum mp_username *username,
    bool *repaired)
{
	*repaired = false;
	if (text[0] == '\0')
		*username = MP_USER_NONE;
	else if (strcmp(text, "%EMAILADDRESS%") == 0)
		*username = MP_USER_ADDRESS;
	else if (strcmp(text, "%EMAILADDRESS") == 0) {
		*username = MP_USER_ADDRESS;
		*repaired = true;
	} else if (strcmp(text, "%EMAILLOCALPART%") == 0)
		*username = MP_USER_LOCALPART;
	else if (strcmp(text, "%EMAILLOCALPART%.%EMAILDOMAIN%") == 0)
		*username = MP_USER_LOCALPART_DOMAIN;
	else
		return false;
	return true;
}

enum mp_signin_bit
mp_autoconfig_signin(const char *text)
{
	static const struct {
		const char	*name;
		enum mp_signin_bit bit;
	} methods[] = {
		{ "password-cleartext", MP_SIGNIN_BIT_PASSWORD },
		{ "password-encrypted", MP_SIGNIN_BIT_ENCRYPTED_PASSWORD },
		{ "OAuth2", MP_SIGNIN_BIT_OAUTH2 },
		{ "client-IP-address", MP_SIGNIN_BIT_IP_ADDRESS },
		{ "TLS-client-cert", MP_SIGNIN_BIT_CLIENT_CERTIFICATE },
		{ "none", MP_SIGNIN_BIT_NONE },
	};
	size_t i;

	for (i = 0; i < LEN(methods); i++)
		if (strcmp(text, methods[i].name) == 0)
			return methods[i].bit;
	return MP_NSIGNINS;
}

/* A limit as text, for the fixed messages that name it. */
#define STR(x) STR_(x)
#define STR_(x) #x

struct reader {
	struct mp_autoconfig *config;
	struct mp_xml	 doc;
	const char	*domain;
};

/*
 * Counts a server not taken and says why, if no server before was
 * refused: the first reason is the one a person reads.  The line is the
 * node's; value, from the file, goes between quotes, escaped, after
 * before; NULL for none.  Returns false, for the callers to return.
 */
static bool
refuse(struct reader *r, size_t node, const char *before, const char *value,
    const char *after)
{
	struct mp_autoconfig *config = r->config;
	unsigned line = r->doc.nodes[node].line;

	config->skipped++;
	if (config->reason[0] != '\0')
		return false;
	if (value == NULL) {
		(void)snprintf(config->reason, sizeof config->reason,
		    "line %u: %s%s", line, before, after);
	} else {
		char shown[52];

		(void)snprintf(config->reason, sizeof config->reason,
		    "line %u: %s'%s'%s", line, before,
		    mp_escape(shown, sizeof shown, value, strlen(value)),
		    after);
	}
	return false;
}

/*
 * Whether the name (lower case) has the form of an IPv4 address as
 * inet_aton(3), and so getaddrinfo(3), takes it: one to four numbers in
 * decimal, octal or hex (127.1, 0x7f000001); or of an IPv6 one.  A file
 * names a host, and an address would skip the name's lookup.
 */
static bool
is_address(const char *name)
{
	const char *label = name;
	size_t parts = 0, i;

	if (strchr(name, ':') != NULL || name[0] == '[')
		return true;
	for (;;) {
		size_t n = strcspn(label, ".");
		bool hex = n > 2 && label[0] == '0' && label[1] == 'x';

		if (n == 0)
			return false;
		for (i = hex ? 2 : 0; i < n; i++)
			if (!mp_ascii_isdigit(label[i]) && !(hex &&
			    label[i] >= 'a' && label[i] <= 'f'))
				return false;
		parts++;
		if (label[n] == '\0')
			return parts <= 4;
		label += n + 1;
	}
}

/*
 * The server's host: %EMAILDOMAIN% filled in, in lower case, a host name
 * that is not an address and has no final dot.
 */
static bool
server_host(struct reader *r, size_t element, struct mp_endpoint *e)
{
	size_t i = mp_xml_child(&r->doc, element, "hostname"), n = 0, d;
	size_t dlen = strlen(r->domain);
	const char *text;

	if (i == MP_XML_NONE || (text = mp_xml_text(&r->doc, i)) == NULL ||
	    text[0] == '\0')
		return refuse(r, element, "a server without a hostname", NULL,
		    "");
	for (d = 0; text[d] != '\0'; d++) {
		if (strncmp(text + d, PLACEHOLDER, PLACEHOLDER_LEN) == 0) {
			if (dlen >= sizeof e->host - n)
				break;
			memcpy(e->host + n, r->domain, dlen);
			n += dlen;
			d += PLACEHOLDER_LEN - 1;
			continue;
		}
		if (text[d] == '%')
			return refuse(r, i, "hostname ", text, " holds a "
			    "placeholder other than %EMAILDOMAIN%");
		if (n + 1 >= sizeof e->host)
			break;
		e->host[n++] = mp_ascii_lower(text[d]);
	}
	e->host[n] = '\0';
	if (text[d] != '\0' || n == 0)
		return refuse(r, i, "hostname ", text, " is not a host name");
	if (e->host[n - 1] == '.')
		return refuse(r, i, "hostname ", text, " ends with a dot");
	if (is_address(e->host))
		return refuse(r, i, "hostname ", text, " is an address, not a "
		    "host name");
	if (!mp_host_name_valid(e->host, n))
		return refuse(r, i, "hostname ", text, " is not a host name");
	return true;
}

/*
 * The text of the server's child element of that name: "" when it has
 * none, "(markup)" when it holds other elements; *node is the child, or
 * the server when it has none, for the line of a reason.
 */
static const char *
server_text(struct reader *r, size_t element, const char *name, size_t *node)
{
	size_t i = mp_xml_child(&r->doc, element, name);
	const char *text;

	*node = i == MP_XML_NONE ? element : i;
	if (i == MP_XML_NONE)
		return "";
	return (text = mp_xml_text(&r->doc, i)) != NULL ? text : "(markup)";
}

/*
 * How to sign in: every method the file names that is known here; none
 * named is a password, as for the importer.  False when all named are
 * unknown.
 */
static bool
server_signin(struct reader *r, size_t element, struct mp_endpoint *e)
{
	const char *text;
	bool given = false;
	size_t i;

	e->signin = 0;
	for (i = r->doc.nodes[element].child; i != MP_XML_NONE;
	    i = r->doc.nodes[i].next) {
		enum mp_signin_bit bit;

		if (!mp_xml_is(&r->doc, i, "authentication"))
			continue;
		given = true;
		if ((text = mp_xml_text(&r->doc, i)) != NULL &&
		    (bit = mp_autoconfig_signin(text)) != MP_NSIGNINS)
			e->signin |= 1u << bit;
	}
	if (!given)
		e->signin = MP_SIGNIN_PASSWORD;
	return e->signin != 0 || refuse(r, element, "a server with no "
	    "sign-in method known here", NULL, "");
}
/*
 * Keeps a user name's template as the file has it, for output to escape
 * as each form needs; one with a tab, a line end or another control byte,
 * which no user name holds and a TSV field cannot, or one too long, is
 * kept escaped instead.
 */
static void
keep_template(char *kept, size_t size, const char *text)
{
	size_t len = strlen(text), i;

	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			break;
	if (i == len && len < size)
		memcpy(kept, text, len + 1);
	else
		(void)mp_escape(kept, size, text, len);
}


static bool
server_settings(struct reader *r, size_t element,
    struct mp_autoconfig_server *s)
{
	struct mp_endpoint *e = &s->endpoint;
	const char *text;
	bool repaired;
	size_t node;

	text = server_text(r, element, "port", &node);
	if (!mp_autoconfig_port(text, &e->port))
		return refuse(r, node, "port ", text, " is not 1 to 65535");
	text = server_text(r, element, "socketType", &node);
	if (!mp_autoconfig_tls(text, &e->tls))
		return refuse(r, node, "socketType ", text, " is not SSL, "
		    "STARTTLS or plain");
	/* A username of another form is kept for the person to read. */
	text = server_text(r, element, "username", &node);
	if (!mp_autoconfig_username(text, &e->username, &repaired))
		e->username = MP_USER_NONE;
	keep_template(s->username, sizeof s->username, text);
	return server_signin(r, element, e);
}

/* Takes the server if it is a mail server, whole and not given before. */
static void
take_server(struct reader *r, size_t element, bool incoming)
{
	struct mp_autoconfig *config = r->config;
	const char *type = mp_xml_attr(&r->doc, element, "type");
	struct mp_autoconfig_server s = { .line =
		r->doc.nodes[element].line };
	const char *kind = incoming ? "an incomingServer of type " :
	    "an outgoingServer of type ";
	size_t i;

	config->total++;
	switch (mp_autoconfig_type(type, incoming, &s.endpoint.protocol)) {
	case MP_AUTOCONFIG_MAIL:
		break;
	case MP_AUTOCONFIG_MISPLACED:
		refuse(r, element, kind, type, " in the wrong element");
		return;
	case MP_AUTOCONFIG_EXCHANGE:
	case MP_AUTOCONFIG_OTHER:
		if (type == NULL)
			refuse(r, element, "a server without a type", NULL, "");
		else
			refuse(r, element, kind, type, ", not IMAP, POP3 or "
			    "SMTP");
		return;
	}
	if (!server_host(r, element, &s.endpoint) ||
	    !server_settings(r, element, &s))
		return;
	for (i = 0; i < config->nservers; i++) {
		const struct mp_endpoint *e = &config->servers[i].endpoint;

		if (e->protocol == s.endpoint.protocol &&
		    strcmp(e->host, s.endpoint.host) == 0 &&
		    e->port == s.endpoint.port && e->tls == s.endpoint.tls) {
			refuse(r, element, "a server given before", NULL, "");
			return;
		}
	}
	if (config->nservers == LEN(config->servers)) {
		refuse(r, element, "more than " STR(MP_AUTOCONFIG_SERVERS_MAX)
		    " servers, the rest left out", NULL, "");
		return;
	}
	config->servers[config->nservers++] = s;
}

/* The emailProvider of a clientConfig root, or MP_XML_NONE with why not. */
static size_t
find_provider(struct reader *r)
{
	struct mp_xml *doc = &r->doc;
	size_t i, provider = MP_XML_NONE;

	for (i = doc->nodes[0].child; doc->nodes[i].kind != MP_XML_ELEMENT;
	    i = doc->nodes[i].next)
		;
	if (strcmp(doc->nodes[i].name, "clientConfig") != 0) {
		(void)snprintf(r->config->reason, sizeof r->config->reason,
		    "line %u: the root element is '%s', not clientConfig",
		    doc->nodes[i].line, doc->nodes[i].name);
		return MP_XML_NONE;
	}
	for (i = doc->nodes[i].child; i != MP_XML_NONE; i = doc->nodes[i].next)
		if (mp_xml_is(doc, i, "emailProvider")) {
			if (provider != MP_XML_NONE) {
				(void)snprintf(r->config->reason,
				    sizeof r->config->reason, "line %u: more "
				    "than one emailProvider", doc->nodes[i].line);
				return MP_XML_NONE;
			}
			provider = i;
		}
	if (provider == MP_XML_NONE)
		(void)snprintf(r->config->reason, sizeof r->config->reason,
		    "no emailProvider in clientConfig");
	return provider;
}

bool
mp_autoconfig_read(struct mp_autoconfig *config, const char *body,
    size_t len, const char *domain)
{
	struct reader r = { .config = config, .domain = domain };
	size_t provider, i;
	int pass;

	memset(config, 0, sizeof *config);
	if (len > (size_t)MP_HTTP_BODY_MAX) {
		(void)snprintf(config->reason, sizeof config->reason,
		    "larger than %d bytes", MP_HTTP_BODY_MAX);
		return false;
	}
	mp_xml_init(&r.doc, nodes, LEN(nodes), attrs, LEN(attrs), arena,
	    sizeof arena);
	if (!mp_xml_parse(&r.doc, body, len)) {
		(void)snprintf(config->reason, sizeof config->reason,
		    "line %u: not XML as read here: %s", r.doc.error_line,
		    r.doc.error);
		return false;
	}
	if ((provider = find_provider(&r)) == MP_XML_NONE)
		return false;
	/* Incoming servers first, then outgoing ones, as the importer. */
	for (pass = 0; pass < 2; pass++)
		for (i = r.doc.nodes[provider].child; i != MP_XML_NONE;
		    i = r.doc.nodes[i].next)
			if (mp_xml_is(&r.doc, i, pass == 0 ? "incomingServer" :
			    "outgoingServer"))
				take_server(&r, i, pass == 0);
	if (config->total == 0)
		(void)snprintf(config->reason, sizeof config->reason,
		    "no incomingServer or outgoingServer in emailProvider");
	return true;
}

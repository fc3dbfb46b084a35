/*
 * ispdb.c - converts one file of Mozilla's ISP database into the rows of
 * data/ispdb.def, keeping facts only: names, domains, servers and the
 * addresses of pages, never the prose around them.  Whatever it leaves
 * out or mends, it reports.
 *
 * MX names.  A <domain> of the ISP database is either a domain of the
 * provider's addresses or, so that Thunderbird finds the provider from a
 * domain's MX records, the domain of its mail exchangers; only comments
 * tell them apart.  A comment among the children of <emailProvider> heads
 * MX names when it has the word MX (in capitals, a word of its own) and
 * names no host of its own: "Hosting customers, MX servers", "MX",
 * "MX domain", "MX, for Google Apps", "domain hoster, per MX".  A host a
 * comment names (a word with a dot that is a host name, its last label
 * two letters or more) is the MX of other domains ("many other domains,
 * via MX earthlink.net", "about 1400 domains, all with
 * bgmgate1.biglobe.ne.jp as MX"), so the domains after it are address
 * domains; a host after "e.g." is a sample of the names that follow
 * ("MX e.g. eur.olc.protection.outlook.com") and does not count.  A
 * heading marks every <domain> after it up to the next element of
 * another kind: the database lists MX names last, and a remark among them
 * ("Unfortunately, also used for AOL", before yahoodns.net) does not end
 * them.  Comments anywhere else are not read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "autoconfig.h"
#include "idna.h"
#include "ispdb.h"

const char *const mp_ispdb_methods[MP_NSIGNINS] = {
#define X(name, key, label) key,
	MP_SIGNINS(X)
#undef X
};

#define PLACEHOLDER "%EMAILDOMAIN%"
#define PLACEHOLDER_LEN (sizeof PLACEHOLDER - 1)

struct convert {
	struct mp_ispdb_provider *p;
	struct mp_xml	*doc;
	mp_ispdb_report	*report;
	void		*arg;
	char		 show[220];	/* what shown() wrote last */
};

static void note(const struct convert *, unsigned, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(const struct convert *c, unsigned line, const char *format, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, format);
	/* The analyzer loses va_start where it inlines a variadic function. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void)vsnprintf(message, sizeof message, format, ap);
	va_end(ap);
	c->report(c->arg, c->p->file, line, message);
}

/*
 * A text of the file as reports show it: printable ASCII as it is, other
 * bytes as \xNN, so that no byte of the file reaches a terminal raw; cut
 * after 48 bytes.
 */
static const char *
shown(struct convert *c, const char *text)
{
	char *out = c->show;
	size_t i, n = 0;

	for (i = 0; i < 48 && text[i] != '\0'; i++) {
		unsigned char b = (unsigned char)text[i];

		if (b >= 0x20 && b < 0x7f && b != '\\')
			out[n++] = (char)b;
		else
			n += (size_t)snprintf(out + n, 5, "\\x%02x", b);
	}
	if (text[i] != '\0')
		out[n++] = '.', out[n++] = '.', out[n++] = '.';
	out[n] = '\0';
	return out;
}

bool
mp_ispdb_host_valid(const char *name, size_t len, bool placeholder)
{
	size_t i, end, j;

	if (len == 0 || len > 253)
		return false;
	for (i = 0; i <= len; i = end + 1) {
		const char *dot = memchr(name + i, '.', len - i);

		end = dot != NULL ? (size_t)(dot - name) : len;
		if (placeholder && end - i == PLACEHOLDER_LEN &&
		    memcmp(name + i, PLACEHOLDER, PLACEHOLDER_LEN) == 0)
			continue;
		if (end == i || end - i > 63 || name[i] == '-' ||
		    name[end - 1] == '-')
			return false;
		for (j = i; j < end; j++)
			if (!mp_ascii_isalnum(name[j]) && name[j] != '-')
				return false;
	}
	return true;
}

/* Whether text holds a placeholder: %, capitals or _, %. */
static bool
has_placeholder(const char *text)
{
	const char *p;

	for (p = strchr(text, '%'); p != NULL; p = strchr(p + 1, '%')) {
		const char *q = p + 1 +
		    strspn(p + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");

		if (q > p + 1 && *q == '%')
			return true;
	}
	return false;
}

/* Whether text is UTF-8 without control characters (C0, DEL, C1). */
static bool
printable(const char *text)
{
	size_t len = strlen(text), i, n;
	uint32_t code;

	for (i = 0; i < len; i += n) {
		if ((n = mp_utf8_next(text + i, len - i, &code)) == 0 ||
		    code < 0x20 || (code >= 0x7f && code <= 0x9f))
			return false;
	}
	return true;
}

/* Takes blanks off the ends and makes each run inside one space. */
static void
collapse(char *text)
{
	char *in, *out = text;

	for (in = text; *in != '\0'; in++) {
		if (!mp_xml_isspace(*in))
			*out++ = *in;
		else if (out > text && !mp_xml_isspace(in[1]) && in[1] != '\0')
			*out++ = ' ';
	}
	*out = '\0';
}

/* The text of a name element, or NULL after reporting why not. */
static const char *
usable_name(struct convert *c, size_t provider, const char *element)
{
	size_t i = mp_xml_child(c->doc, provider, element);
	char *text;

	if (i == MP_XML_NONE) {
		note(c, 0, "no %s", element);
		return NULL;
	}
	if ((text = mp_xml_text(c->doc, i)) == NULL) {
		note(c, c->doc->nodes[i].line, "%s holds markup", element);
		return NULL;
	}
	collapse(text);
	if (text[0] == '\0')
		note(c, c->doc->nodes[i].line, "%s is empty", element);
	else if (has_placeholder(text))
		note(c, c->doc->nodes[i].line, "%s '%s' holds a placeholder",
		    element, shown(c, text));
	else if (!printable(text))
		note(c, c->doc->nodes[i].line, "%s '%s' holds a control "
		    "character", element, shown(c, text));
	else
		return text;
	return NULL;
}

static void
take_name(struct convert *c, size_t provider)
{
	struct mp_ispdb_provider *p = c->p;

	if ((p->name = usable_name(c, provider, "displayName")) != NULL)
		return;
	p->counts.names_fallback++;
	if ((p->name = usable_name(c, provider, "displayShortName")) != NULL) {
		note(c, 0, "named by its displayShortName");
		return;
	}
	note(c, 0, "named after the file");
	p->name = p->stem;
}

/* Whether the comment has the word MX: capitals, nothing alphanumeric around. */
static bool
says_mx(const char *text)
{
	const char *p;

	for (p = strstr(text, "MX"); p != NULL; p = strstr(p + 1, "MX"))
		if ((p == text || !mp_ascii_isalnum(p[-1])) &&
		    !mp_ascii_isalnum(p[2]))
			return true;
	return false;
}

/* Whether the word of len bytes at word is a host name, for names_host. */
static bool
is_host_word(const char *word, size_t len)
{
	size_t last;

	while (len > 0 && word[len - 1] == '.')
		len--;
	if (memchr(word, '.', len) == NULL ||
	    !mp_ispdb_host_valid(word, len, false))
		return false;
	for (last = len; word[last - 1] != '.'; last--)
		if (!mp_ascii_isalpha(word[last - 1]))
			return false;
	return len - last >= 2;
}

/* Whether the comment names a host, other than an example after "e.g.". */
static bool
names_host(const char *text)
{
	const char *word = text;
	bool example = false;
	size_t len;

	for (;;) {
		while (*word != '\0' && !mp_ascii_isalnum(*word) &&
		    *word != '.' && *word != '-')
			word++;
		if (*word == '\0')
			return false;
		for (len = 0; mp_ascii_isalnum(word[len]) || word[len] == '.' ||
		    word[len] == '-'; len++)
			;
		if (!example && is_host_word(word, len))
			return true;
		example = len == 4 && memcmp(word, "e.g.", 4) == 0;
		word += len;
	}
}

static void
add_domain(struct convert *c, size_t element, bool mx)
{
	struct mp_ispdb_provider *p = c->p;
	unsigned line = c->doc->nodes[element].line;
	char *name = mp_xml_text(c->doc, element), *s;

	if (name == NULL) {
		note(c, line, "domain holding markup left out");
		p->counts.domains_invalid++;
		return;
	}
	for (s = name; *s != '\0'; s++)
		*s = mp_ascii_lower(*s);
	if (!mp_ispdb_host_valid(name, strlen(name), false)) {
		note(c, line, "domain '%s' is not a host name: left out",
		    shown(c, name));
		p->counts.domains_invalid++;
		return;
	}
	if (mx)
		note(c, line, "domain '%s' is an MX name", name);
	p->domains[p->ndomains++] = (struct mp_ispdb_domain){ name, mx, false,
		line };
}

static void
take_domains(struct convert *c, size_t provider)
{
	struct mp_xml *doc = c->doc;
	bool mx = false;
	size_t i;

	for (i = doc->nodes[provider].child; i != MP_XML_NONE;
	    i = doc->nodes[i].next) {
		struct mp_xml_node *n = &doc->nodes[i];

		if (n->kind == MP_XML_COMMENT && says_mx(n->text)) {
			if (names_host(n->text)) {
				note(c, n->line, "a comment names the MX host "
				    "of other domains: no heading of MX names");
			} else {
				note(c, n->line, "a comment heads MX names");
				mx = true;
			}
		} else if (n->kind == MP_XML_ELEMENT) {
			if (strcmp(n->name, "domain") == 0)
				add_domain(c, i, mx);
			else
				mx = false;
		}
	}
}

/* The server's protocol; false after reporting why it is not one. */
static bool
server_protocol(struct convert *c, size_t element, bool incoming,
    enum mp_protocol *protocol, bool *exchange)
{
	const char *kind = incoming ? "incomingServer" : "outgoingServer";
	const char *type = mp_xml_attr(c->doc, element, "type");
	unsigned line = c->doc->nodes[element].line;

	if (type == NULL) {
		note(c, line, "%s without a type skipped", kind);
		return false;
	}
	switch (mp_autoconfig_type(type, incoming, protocol)) {
	case MP_AUTOCONFIG_MAIL:
		return true;
	case MP_AUTOCONFIG_MISPLACED:
		note(c, line, "error: %s of type %s skipped", kind, type);
		return false;
	case MP_AUTOCONFIG_EXCHANGE:
		*exchange = true;
		break;
	case MP_AUTOCONFIG_OTHER:
		break;
	}
	note(c, line, "%s of type '%s' skipped: not IMAP, POP3 or SMTP", kind,
	    shown(c, type));
	return false;
}

/* The server's host in lower case, but for %EMAILDOMAIN%; or NULL. */
static const char *
server_host(struct convert *c, size_t element)
{
	size_t i = mp_xml_child(c->doc, element, "hostname");
	unsigned line = c->doc->nodes[element].line;
	char *host;
	size_t j;

	if (i == MP_XML_NONE || (host = mp_xml_text(c->doc, i)) == NULL) {
		note(c, line, "server without a hostname skipped");
		return NULL;
	}
	for (j = 0; host[j] != '\0'; j++) {
		if (strncmp(host + j, PLACEHOLDER, PLACEHOLDER_LEN) == 0) {
			j += PLACEHOLDER_LEN - 1;
		} else if (host[j] == '%') {
			note(c, line, "server '%s' skipped: a placeholder "
			    "other than %%EMAILDOMAIN%%", shown(c, host));
			return NULL;
		} else
			host[j] = mp_ascii_lower(host[j]);
	}
	if (!mp_ispdb_host_valid(host, j, true)) {
		note(c, line, "server '%s' skipped: not a host name",
		    shown(c, host));
		return NULL;
	}
	return host;
}

/* The text of the server's element, or NULL after reporting its lack. */
static const char *
server_text(struct convert *c, size_t element, const char *host,
    const char *name)
{
	size_t i = mp_xml_child(c->doc, element, name);
	const char *text;

	if (i == MP_XML_NONE || (text = mp_xml_text(c->doc, i)) == NULL) {
		note(c, c->doc->nodes[element].line, "server '%s' skipped: "
		    "no %s", host, name);
		return NULL;
	}
	return text;
}

static bool
server_port(struct convert *c, size_t element, struct mp_ispdb_server *s)
{
	const char *text = server_text(c, element, s->host, "port");

	if (text == NULL)
		return false;
	if (!mp_autoconfig_port(text, &s->port)) {
		note(c, c->doc->nodes[element].line, "server '%s' skipped: "
		    "port '%s' is not 1 to 65535", s->host, shown(c, text));
		return false;
	}
	return true;
}

static bool
server_tls(struct convert *c, size_t element, struct mp_ispdb_server *s)
{
	const char *text = server_text(c, element, s->host, "socketType");

	if (text == NULL)
		return false;
	if (!mp_autoconfig_tls(text, &s->tls)) {
		note(c, c->doc->nodes[element].line, "server '%s' skipped: "
		    "socketType '%s' is not SSL, STARTTLS or plain", s->host,
		    shown(c, text));
		return false;
	}
	return true;
}

/* Sets *repaired for the typo %EMAILADDRESS, which Thunderbird takes too. */
static bool
server_username(struct convert *c, size_t element, struct mp_ispdb_server *s,
    bool *repaired)
{
	size_t i = mp_xml_child(c->doc, element, "username");
	const char *text = i == MP_XML_NONE ? "" : mp_xml_text(c->doc, i);

	if (text == NULL || !mp_autoconfig_username(text, &s->username,
	    repaired)) {
		note(c, c->doc->nodes[element].line, "server '%s' skipped: "
		    "username '%s' is no placeholder known here", s->host,
		    text == NULL ? "(markup)" : shown(c, text));
		return false;
	}
	return true;
}

/* The sign-in methods in order, once each; none given means a password. */
static bool
server_signin(struct convert *c, size_t element, struct mp_ispdb_server *s)
{
	struct mp_xml *doc = c->doc;
	bool given = false;
	enum mp_signin_bit m = MP_NSIGNINS;
	const char *text;
	size_t i, k;

	s->nsignin = 0;
	for (i = doc->nodes[element].child; i != MP_XML_NONE;
	    i = doc->nodes[i].next) {
		if (!mp_xml_is(doc, i, "authentication"))
			continue;
		given = true;
		if ((text = mp_xml_text(doc, i)) != NULL)
			m = mp_autoconfig_signin(text);
		if (text == NULL || m == MP_NSIGNINS) {
			note(c, doc->nodes[i].line, "server '%s': sign-in "
			    "method '%s' unknown, dropped", s->host,
			    text == NULL ? "(markup)" : shown(c, text));
			c->p->counts.methods_dropped++;
			continue;
		}
		for (k = 0; k < s->nsignin && s->signin[k] != m; k++)
			;
		if (k < s->nsignin) {
			note(c, doc->nodes[i].line, "server '%s': sign-in "
			    "method '%s' given twice", s->host, text);
			continue;
		}
		s->signin[s->nsignin++] = m;
	}
	if (!given)
		s->signin[s->nsignin++] = MP_SIGNIN_BIT_PASSWORD;
	if (s->nsignin == 0) {
		note(c, doc->nodes[element].line, "server '%s' skipped: no "
		    "sign-in method known here", s->host);
		return false;
	}
	return true;
}

/* Adds the server if it is a mail server, whole and not given before. */
static void
add_server(struct convert *c, size_t element, bool incoming, bool *exchange)
{
	struct mp_ispdb_provider *p = c->p;
	struct mp_ispdb_server s;
	unsigned line = c->doc->nodes[element].line;
	bool repaired = false;
	size_t i;

	if (!server_protocol(c, element, incoming, &s.protocol, exchange) ||
	    (s.host = server_host(c, element)) == NULL ||
	    !server_port(c, element, &s) || !server_tls(c, element, &s) ||
	    !server_username(c, element, &s, &repaired) ||
	    !server_signin(c, element, &s)) {
		p->counts.servers_skipped++;
		return;
	}
	for (i = 0; i < p->nservers; i++)
		if (p->servers[i].protocol == s.protocol &&
		    strcmp(p->servers[i].host, s.host) == 0 &&
		    p->servers[i].port == s.port && p->servers[i].tls == s.tls) {
			note(c, line, "server '%s' port %u given twice: left out",
			    s.host, s.port);
			p->counts.servers_duplicate++;
			return;
		}
	if (repaired) {
		note(c, line, "server '%s': username %%EMAILADDRESS repaired "
		    "to %%EMAILADDRESS%%", s.host);
		p->counts.repairs++;
	}
	p->servers[p->nservers++] = s;
}

/* Incoming servers first, then outgoing ones, each in the file's order. */
static void
take_servers(struct convert *c, size_t provider)
{
	struct mp_xml *doc = c->doc;
	size_t i, seen = 0, exchange = 0;
	bool is_exchange;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = doc->nodes[provider].child; i != MP_XML_NONE;
		    i = doc->nodes[i].next) {
			if (!mp_xml_is(doc, i, pass == 0 ? "incomingServer" :
			    "outgoingServer"))
				continue;
			seen++;
			is_exchange = false;
			add_server(c, i, pass == 0, &is_exchange);
			exchange += is_exchange;
		}
	if (c->p->nservers > 0)
		return;
	if (seen == 0)
		c->p->skipped = "no server";
	else if (exchange == seen)
		c->p->skipped = "only Exchange servers";
	else
		c->p->skipped = "no usable IMAP, POP3 or SMTP server";
}

static bool
url_valid(const char *url)
{
	size_t i, scheme;

	if (strncmp(url, "https://", 8) == 0)
		scheme = 8;
	else if (strncmp(url, "http://", 7) == 0)
		scheme = 7;
	else
		return false;
	for (i = 0; url[i] != '\0'; i++)
		if (url[i] <= ' ' || url[i] > '~')
			return false;
	return i > scheme;
}

static void
add_enable(struct convert *c, size_t element)
{
	struct mp_ispdb_provider *p = c->p;
	const char *url = mp_xml_attr(c->doc, element, "visiturl");
	unsigned line = c->doc->nodes[element].line;
	size_t i;

	if (url == NULL) {
		note(c, line, "enable without a visiturl");
		return;
	}
	if (!url_valid(url)) {
		note(c, line, "enable visiturl '%s' is not an http or https "
		    "URL of printable ASCII: left out", shown(c, url));
		return;
	}
	for (i = 0; i < p->nenables; i++)
		if (strcmp(p->enables[i], url) == 0) {
			note(c, line, "enable visiturl given twice");
			return;
		}
	p->enables[p->nenables++] = url;
}

/* Thunderbird reads <enable> in emailProvider; some files have it after. */
static void
take_enables(struct convert *c, size_t root)
{
	struct mp_xml *doc = c->doc;
	size_t i, j;

	for (i = doc->nodes[root].child; i != MP_XML_NONE;
	    i = doc->nodes[i].next) {
		if (mp_xml_is(doc, i, "enable"))
			add_enable(c, i);
		else if (mp_xml_is(doc, i, "emailProvider"))
			for (j = doc->nodes[i].child; j != MP_XML_NONE;
			    j = doc->nodes[j].next)
				if (mp_xml_is(doc, j, "enable"))
					add_enable(c, j);
	}
}

static void
free_tree(struct mp_xml *doc)
{
	free(doc->nodes);
	free(doc->attrs);
	free(doc->arena);
	mp_xml_init(doc, NULL, 0, NULL, 0, NULL, 0);
}

/*
 * Storage for the tree of the len bytes of buf, as many nodes and
 * attributes as it can hold: each element and comment begins with a '<'
 * and each text ends at one, each attribute has its '='.
 */
static bool
make_tree_room(struct mp_xml *doc, const char *buf, size_t len)
{
	size_t marks = 0, equals = 0, i;
	struct mp_xml_node *nodes;
	struct mp_xml_attr *attrs;
	char *arena;

	for (i = 0; i < len; i++) {
		marks += buf[i] == '<';
		equals += buf[i] == '=';
	}
	nodes = calloc(2 * marks + 2, sizeof *nodes);
	attrs = calloc(equals + 1, sizeof *attrs);
	arena = malloc(MP_XML_ARENA_SIZE(len));
	mp_xml_init(doc, nodes, 2 * marks + 2, attrs, equals + 1, arena,
	    MP_XML_ARENA_SIZE(len));
	if (nodes == NULL || attrs == NULL || arena == NULL) {
		free_tree(doc);
		return false;
	}
	return true;
}

/* Room for every row the file could give, as many as its elements. */
static bool
make_room(struct mp_ispdb_provider *p)
{
	size_t n = p->xml.nnodes;

	p->domains = calloc(n, sizeof *p->domains);
	p->servers = calloc(n, sizeof *p->servers);
	p->enables = calloc(n, sizeof *p->enables);
	return p->domains != NULL && p->servers != NULL && p->enables != NULL;
}

/* The provider's element, or MP_XML_NONE with the reason for skipping. */
static size_t
find_provider(struct convert *c, size_t *root)
{
	struct mp_xml *doc = c->doc;
	size_t i, provider = MP_XML_NONE;

	for (i = doc->nodes[0].child; doc->nodes[i].kind != MP_XML_ELEMENT;
	    i = doc->nodes[i].next)
		;
	*root = i;
	if (strcmp(doc->nodes[i].name, "clientConfig") != 0) {
		c->p->skipped = "root element is not clientConfig";
		return MP_XML_NONE;
	}
	for (i = doc->nodes[i].child; i != MP_XML_NONE; i = doc->nodes[i].next)
		if (mp_xml_is(doc, i, "emailProvider")) {
			if (provider != MP_XML_NONE) {
				c->p->skipped = "more than one emailProvider";
				return MP_XML_NONE;
			}
			provider = i;
		}
	if (provider == MP_XML_NONE)
		c->p->skipped = "no emailProvider";
	return provider;
}

bool
mp_ispdb_convert(struct mp_ispdb_provider *p, const char *file,
    const char *buf, size_t len, mp_ispdb_report *report, void *arg)
{
	struct convert c = { .p = p, .doc = &p->xml, .report = report,
		.arg = arg };
	size_t root, provider, n = strlen(file);

	memset(p, 0, sizeof *p);
	p->file = file;
	if (n > 4 && strcmp(file + n - 4, ".xml") == 0)
		n -= 4;
	if (n >= sizeof p->stem || !printable(file)) {
		p->skipped = "file name not printable UTF-8";
		return true;
	}
	memcpy(p->stem, file, n);
	p->stem[n] = '\0';
	if (!make_tree_room(&p->xml, buf, len))
		return false;
	if (!mp_xml_parse(&p->xml, buf, len)) {
		(void)snprintf(p->skip_reason, sizeof p->skip_reason,
		    "malformed XML: line %u: %s", p->xml.error_line,
		    p->xml.error);
		p->skipped = p->skip_reason;
		free_tree(&p->xml);
		return true;
	}
	if (!make_room(p))
		return false;
	if ((provider = find_provider(&c, &root)) == MP_XML_NONE)
		return true;
	take_name(&c, provider);
	take_domains(&c, provider);
	take_servers(&c, provider);
	take_enables(&c, root);
	if (p->skipped == NULL && p->ndomains == 0)
		p->skipped = "no valid domain and no MX name";
	return true;
}

void
mp_ispdb_free(struct mp_ispdb_provider *p)
{
	free(p->domains);
	free(p->servers);
	free(p->enables);
	p->domains = NULL;
	p->servers = NULL;
	p->enables = NULL;
	free_tree(&p->xml);
}

/*
 * test_autoconfig.c - a clientConfig file read as the settings it gives:
 * what is taken, with every placeholder, socketType and sign-in method;
 * what is skipped, with its reason and line; and files refused whole,
 * none past its bounds.  Then the rules the importer shares.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "autoconfig.h"
#include "http.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<clientConfig version=\"1.1\">\n" \
	"<emailProvider id=\"example.com\">\n" \
	"<domain>example.com</domain>\n"
#define TAIL "</emailProvider>\n</clientConfig>\n"

/* One server element of each kind, its children given. */
#define IN(type, inside) "<incomingServer type=\"" type "\">" inside \
	"</incomingServer>\n"
#define OUT(inside) "<outgoingServer type=\"smtp\">" inside \
	"</outgoingServer>\n"
#define SERVER(host, port, socket) "<hostname>" host "</hostname><port>" \
	port "</port><socketType>" socket "</socketType>"

static struct mp_autoconfig config;

static bool
read_text(const char *text)
{
	return mp_autoconfig_read(&config, text, strlen(text), "example.com");
}

/* The reason holds no control byte: a reader of it sees the escapes. */
static void
assert_reason_(const char *expected)
{
	const char *p;

	assert_string_equal(config.reason, expected);
	for (p = config.reason; *p != '\0'; p++)
		assert_true((unsigned char)*p >= 0x20 &&
		    (unsigned char)*p < 0x7f);
}

/* A file of one server, refused for the reason given. */
static void
assert_skips(const char *text, const char *reason)
{
	assert_true(read_text(text));
	assert_int_equal(config.nservers, 0);
	assert_int_equal(config.total, 1);
	assert_int_equal(config.skipped, 1);
	assert_reason_(reason);
}

static void
assert_server(size_t i, const char *host, unsigned port,
    enum mp_protocol protocol, enum mp_tls tls, enum mp_username username,
    unsigned signin)
{
	const struct mp_endpoint *e = &config.servers[i].endpoint;

	assert_string_equal(e->host, host);
	assert_int_equal(e->port, port);
	assert_int_equal(e->protocol, protocol);
	assert_int_equal(e->tls, tls);
	assert_int_equal(e->username, username);
	assert_int_equal(e->signin, signin);
}

static void
test_autoconfig_read_takes_servers(void **state)
{
	(void)state;
	assert_true(read_text(HEAD
	    IN("imap", SERVER("imap.%EMAILDOMAIN%", "993", "SSL")
	    "<username>%EMAILADDRESS%</username>"
	    "<authentication>password-cleartext</authentication>")
	    OUT(SERVER("SMTP.Example.COM", "587", "STARTTLS")
	    "<username>%EMAILLOCALPART%</username>"
	    "<authentication>OAuth2</authentication>"
	    "<authentication>password-cleartext</authentication>")
	    IN("pop3", SERVER(" %EMAILDOMAIN% ", "110", "plain")
	    "<username>%EMAILLOCALPART%.%EMAILDOMAIN%</username>")
	    TAIL));
	assert_int_equal(config.nservers, 3);
	assert_int_equal(config.total, 3);
	assert_int_equal(config.skipped, 0);
	assert_string_equal(config.reason, "");

	/* Incoming first, then outgoing, each in the file's order. */
	assert_server(0, "imap.example.com", 993, MP_PROTO_IMAP,
	    MP_TLS_IMPLICIT, MP_USER_ADDRESS, MP_SIGNIN_PASSWORD);
	assert_string_equal(config.servers[0].username, "%EMAILADDRESS%");
	assert_int_equal(config.servers[0].line, 5);
	/* No authentication element: a password, as the importer has it. */
	assert_server(1, "example.com", 110, MP_PROTO_POP3, MP_TLS_NONE,
	    MP_USER_LOCALPART_DOMAIN, MP_SIGNIN_PASSWORD);
	assert_int_equal(config.servers[1].line, 7);
	assert_server(2, "smtp.example.com", 587, MP_PROTO_SMTP,
	    MP_TLS_STARTTLS, MP_USER_LOCALPART,
	    MP_SIGNIN_OAUTH2 | MP_SIGNIN_PASSWORD);
}

static void
test_autoconfig_read_takes_every_placeholder(void **state)
{
	static const struct {
		const char	*text;
		enum mp_username username;
		const char	*kept;
	} rows[] = {
		{ "%EMAILADDRESS%", MP_USER_ADDRESS, "%EMAILADDRESS%" },
		{ "%EMAILADDRESS", MP_USER_ADDRESS, "%EMAILADDRESS" },
		{ "%EMAILLOCALPART%", MP_USER_LOCALPART, "%EMAILLOCALPART%" },
		{ "%EMAILLOCALPART%.%EMAILDOMAIN%", MP_USER_LOCALPART_DOMAIN,
		    "%EMAILLOCALPART%.%EMAILDOMAIN%" },
		{ "", MP_USER_NONE, "" },
		/* Another form is no setting to fill, but kept to read. */
		{ "%EMAILLOCALPART%@%EMAILDOMAIN%", MP_USER_NONE,
		    "%EMAILLOCALPART%@%EMAILDOMAIN%" },
		{ "mail-%EMAILLOCALPART%", MP_USER_NONE,
		    "mail-%EMAILLOCALPART%" },
		{ "%emailaddress%", MP_USER_NONE, "%emailaddress%" },
		{ "a\tb\\c", MP_USER_NONE, "a\\x09b\\x5cc" },
		{ "<x/>", MP_USER_NONE, "(markup)" },
	};
	char text[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		(void)snprintf(text, sizeof text, "%s%s%s%s", HEAD,
		    "<incomingServer type=\"imap\">"
		    SERVER("mail.example.com", "993", "SSL") "<username>",
		    rows[i].text, "</username></incomingServer>" TAIL);
		assert_true(read_text(text));
		assert_int_equal(config.nservers, 1);
		assert_int_equal(config.servers[0].endpoint.username,
		    rows[i].username);
		assert_string_equal(config.servers[0].username, rows[i].kept);
	}
	/* No username element at all. */
	assert_true(read_text(HEAD IN("imap", SERVER("m.example.com", "993",
	    "SSL")) TAIL));
	assert_int_equal(config.servers[0].endpoint.username, MP_USER_NONE);
	assert_string_equal(config.servers[0].username, "");
	/* %EMAILDOMAIN% in a host name, at each place. */
	assert_true(read_text(HEAD IN("imap", SERVER("%EMAILDOMAIN%.mx."
	    "%EMAILDOMAIN%", "993", "SSL")) TAIL));
	assert_string_equal(config.servers[0].endpoint.host,
	    "example.com.mx.example.com");
}

static void
test_autoconfig_read_takes_every_socket_type(void **state)
{
	(void)state;
	assert_true(read_text(HEAD IN("imap", SERVER("a.example.com", "993",
	    "SSL")) IN("imap", SERVER("a.example.com", "143", "STARTTLS"))
	    IN("imap", SERVER("a.example.com", "143", "plain")) TAIL));
	assert_int_equal(config.nservers, 3);
	assert_int_equal(config.servers[0].endpoint.tls, MP_TLS_IMPLICIT);
	assert_int_equal(config.servers[1].endpoint.tls, MP_TLS_STARTTLS);
	assert_int_equal(config.servers[2].endpoint.tls, MP_TLS_NONE);

	assert_skips(HEAD IN("imap", SERVER("a.example.com", "993", "ssl"))
	    TAIL, "line 5: socketType 'ssl' is not SSL, STARTTLS or plain");
	assert_skips(HEAD IN("imap", SERVER("a.example.com", "993", "TLS"))
	    TAIL, "line 5: socketType 'TLS' is not SSL, STARTTLS or plain");
	assert_skips(HEAD IN("imap", "<hostname>a.example.com</hostname>"
	    "<port>993</port>") TAIL,
	    "line 5: socketType '' is not SSL, STARTTLS or plain");
}

static void
test_autoconfig_read_takes_every_signin(void **state)
{
	static const struct {
		const char	*text;
		unsigned	 signin;
	} rows[] = {
		{ "password-cleartext", MP_SIGNIN_PASSWORD },
		{ "password-encrypted", MP_SIGNIN_ENCRYPTED_PASSWORD },
		{ "OAuth2", MP_SIGNIN_OAUTH2 },
		{ "client-IP-address", MP_SIGNIN_IP_ADDRESS },
		{ "TLS-client-cert", MP_SIGNIN_CLIENT_CERTIFICATE },
		{ "none", MP_SIGNIN_NONE },
	};
	char text[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		/* An unknown method beside it is dropped. */
		(void)snprintf(text, sizeof text, "%s%s%s%s", HEAD,
		    "<outgoingServer type=\"smtp\">"
		    SERVER("smtp.example.com", "465", "SSL")
		    "<authentication>GSSAPI</authentication><authentication>",
		    rows[i].text, "</authentication></outgoingServer>" TAIL);
		assert_true(read_text(text));
		assert_int_equal(config.nservers, 1);
		assert_int_equal(config.servers[0].endpoint.signin,
		    rows[i].signin);
	}
	assert_skips(HEAD OUT(SERVER("smtp.example.com", "465", "SSL")
	    "<authentication>NTLM</authentication>"
	    "<authentication>oauth2</authentication>") TAIL,
	    "line 5: a server with no sign-in method known here");
}

static void
test_autoconfig_read_skips_exchange_and_other_types(void **state)
{
	(void)state;
	assert_true(read_text(HEAD
	    "<incomingServer type=\"exchange\"><hostname>outlook.office365.com"
	    "</hostname><port>443</port><socketType>SSL</socketType>"
	    "</incomingServer>\n"
	    IN("ews", SERVER("a.example.com", "443", "SSL"))
	    IN("graph", SERVER("a.example.com", "443", "SSL"))
	    IN("owa", SERVER("a.example.com", "443", "SSL"))
	    IN("imap", SERVER("imap.example.com", "993", "SSL"))
	    TAIL));
	assert_int_equal(config.nservers, 1);
	assert_string_equal(config.servers[0].endpoint.host,
	    "imap.example.com");
	assert_int_equal(config.total, 5);
	assert_int_equal(config.skipped, 4);
	assert_reason_("line 5: an incomingServer of type 'exchange', not "
	    "IMAP, POP3 or SMTP");

	assert_skips(HEAD IN("jmap", SERVER("a.example.com", "443", "SSL"))
	    TAIL, "line 5: an incomingServer of type 'jmap', not IMAP, POP3 "
	    "or SMTP");
	assert_skips(HEAD IN("smtp", SERVER("a.example.com", "465", "SSL"))
	    TAIL, "line 5: an incomingServer of type 'smtp' in the wrong "
	    "element");
	assert_skips(HEAD "<outgoingServer type=\"imap\">"
	    SERVER("a.example.com", "993", "SSL") "</outgoingServer>" TAIL,
	    "line 5: an outgoingServer of type 'imap' in the wrong element");
	assert_skips(HEAD "<incomingServer>" SERVER("a.example.com", "993",
	    "SSL") "</incomingServer>" TAIL,
	    "line 5: a server without a type");
	assert_skips(HEAD IN("IMAP", SERVER("a.example.com", "993", "SSL"))
	    TAIL, "line 5: an incomingServer of type 'IMAP', not IMAP, POP3 "
	    "or SMTP");
}

static void
test_autoconfig_read_refuses_bad_host_names(void **state)
{
	static const struct {
		const char	*host;
		const char	*reason;
	} rows[] = {
		{ "10.0.0.1", "'10.0.0.1' is an address, not a host name" },
		{ "127.1", "'127.1' is an address, not a host name" },
		{ "0x7f000001", "'0x7f000001' is an address, not a host name" },
		{ "0x7F.0.0.1", "'0x7F.0.0.1' is an address, not a host name" },
		{ "::1", "'::1' is an address, not a host name" },
		{ "[2001:db8::1]", "'[2001:db8::1]' is an address, not a host "
		    "name" },
		{ "mail.example.com.", "'mail.example.com.' ends with a dot" },
		{ "%EMAILDOMAIN%.", "'%EMAILDOMAIN%.' ends with a dot" },
		{ "mail\t.example.com", "'mail\\x09.example.com' is not a host "
		    "name" },
		{ "mail\x7f.example.com", "'mail\\x7f.example.com' is not a "
		    "host name" },
		{ "m\xc2\x85.example.com", "'m\\xc2\\x85.example.com' is not "
		    "a host name" },
		{ "b\xc3\xbc" "cher.example", "'b\\xc3\\xbccher.example' is "
		    "not a host name" },
		{ "mail example.com", "'mail example.com' is not a host name" },
		{ "-mail.example.com", "'-mail.example.com' is not a host "
		    "name" },
		{ "mail..example.com", "'mail..example.com' is not a host "
		    "name" },
		{ "1..2", "'1..2' is not a host name" },
		{ "1.2.3.4.5", "'1.2.3.4.5' is not a host name" },
		{ "%EMAILLOCALPART%.example.com", "'%EMAILLOCALPART%.example."
		    "com' holds a placeholder other than %EMAILDOMAIN%" },
		{ "mail.%EMAILDOMAIN", "'mail.%EMAILDOMAIN' holds a "
		    "placeholder other than %EMAILDOMAIN%" },
		{ "&lt;b&gt;", "'<b>' is not a host name" },
	};
	char text[1024], reason[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		(void)snprintf(text, sizeof text, "%s%s%s%s", HEAD,
		    "<incomingServer type=\"imap\">\n<hostname>", rows[i].host,
		    "</hostname><port>993</port><socketType>SSL</socketType>"
		    "</incomingServer>" TAIL);
		(void)snprintf(reason, sizeof reason, "line 6: hostname %s",
		    rows[i].reason);
		assert_skips(text, reason);
	}
	assert_skips(HEAD IN("imap", "<port>993</port><socketType>SSL"
	    "</socketType>") TAIL, "line 5: a server without a hostname");
	assert_skips(HEAD IN("imap", SERVER("", "993", "SSL")) TAIL,
	    "line 5: a server without a hostname");
	assert_skips(HEAD IN("imap", SERVER("<b/>", "993", "SSL")) TAIL,
	    "line 5: a server without a hostname");
	/* Longer than a name may be (253), once the domain is in. */
	(void)snprintf(text, sizeof text, "%s%s%s%s", HEAD,
	    "<incomingServer type=\"imap\"><hostname>", "%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%.%EMAILDOMAIN%."
	    "%EMAILDOMAIN%.x",
	    "</hostname><port>993</port><socketType>SSL</socketType>"
	    "</incomingServer>" TAIL);
	assert_true(read_text(text));
	assert_int_equal(config.nservers, 0);
	assert_non_null(strstr(config.reason, "is not a host name"));
	/* A domain that does not fit, nor does the name then. */
	(void)memset(text, 'a', 300);
	text[300] = '\0';
	assert_true(mp_autoconfig_read(&config, HEAD IN("imap",
	    SERVER("%EMAILDOMAIN%", "993", "SSL")) TAIL,
	    strlen(HEAD IN("imap", SERVER("%EMAILDOMAIN%", "993", "SSL"))
	    TAIL), text));
	assert_string_equal(config.reason, "line 5: hostname '%EMAILDOMAIN%' "
	    "is not a host name");
	/* %EMAILDOMAIN% alone, for no domain, is no name. */
	assert_true(mp_autoconfig_read(&config, HEAD IN("imap",
	    SERVER("%EMAILDOMAIN%", "993", "SSL")) TAIL,
	    strlen(HEAD IN("imap", SERVER("%EMAILDOMAIN%", "993", "SSL"))
	    TAIL), ""));
	assert_int_equal(config.nservers, 0);
	assert_string_equal(config.reason, "line 5: hostname '%EMAILDOMAIN%' "
	    "is not a host name");
}

static void
test_autoconfig_read_refuses_bad_ports(void **state)
{
	static const char *const ports[] = { "0", "65536", "99999999999",
		"000025", "-1", "+25", "9 93", "0x3e1", "", "&#x39;&#x39;3x" };
	char text[512], reason[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ports / sizeof ports[0]; i++) {
		(void)snprintf(text, sizeof text, "%s%s%s%s", HEAD,
		    "<incomingServer type=\"imap\"><hostname>a.example.com"
		    "</hostname>\n<port>", ports[i], "</port><socketType>SSL"
		    "</socketType></incomingServer>" TAIL);
		(void)snprintf(reason, sizeof reason, "line 6: port '%s' is "
		    "not 1 to 65535", i == 9 ? "993x" : ports[i]);
		assert_skips(text, reason);
	}
	assert_skips(HEAD IN("imap", "<hostname>a.example.com</hostname>"
	    "<socketType>SSL</socketType>") TAIL,
	    "line 5: port '' is not 1 to 65535");
	assert_true(read_text(HEAD IN("imap", SERVER("a.example.com", " 1 ",
	    "SSL")) IN("imap", SERVER("a.example.com", "65535", "SSL")) TAIL));
	assert_int_equal(config.nservers, 2);
	assert_int_equal(config.servers[0].endpoint.port, 1);
	assert_int_equal(config.servers[1].endpoint.port, 65535);
}

static void
test_autoconfig_read_leaves_out_servers_given_twice(void **state)
{
	(void)state;
	assert_true(read_text(HEAD IN("imap", SERVER("a.example.com", "993",
	    "SSL")) IN("imap", SERVER("A.example.com", "993", "SSL"))
	    IN("pop3", SERVER("a.example.com", "993", "SSL")) TAIL));
	assert_int_equal(config.nservers, 2);
	assert_int_equal(config.skipped, 1);
	assert_reason_("line 6: a server given before");
}

/*
 * Ten thousand server elements in a body of the largest size: sixteen
 * kept, every one counted, in a time that is no more than a reading.
 */
static void
test_autoconfig_read_counts_ten_thousand_servers(void **state)
{
	static const char empty[] = "<incomingServer/>\n";
	size_t size = MP_HTTP_BODY_MAX, len, i;
	struct timespec start, end;
	char *text;
	long ms;

	(void)state;
	assert_non_null(text = malloc(size));
	len = (size_t)snprintf(text, size, "%s", HEAD);
	for (i = 0; i < 20; i++) {
		/* Each on a port of its own, not to be a server given twice. */
		len += (size_t)snprintf(text + len, size - len, IN("imap",
		    SERVER("imap.example.com", "%zu", "SSL")), 1000 + i);
	}
	for (; i < 10000; i++) {
		memcpy(text + len, empty, sizeof empty - 1);
		len += sizeof empty - 1;
	}
	len += (size_t)snprintf(text + len, size - len, "%s", TAIL);
	assert_true(len <= MP_HTTP_BODY_MAX);
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_true(mp_autoconfig_read(&config, text, len, "example.com"));
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (end.tv_sec - start.tv_sec) * 1000 +
	    (end.tv_nsec - start.tv_nsec) / 1000000;
	assert_int_equal(config.nservers, MP_AUTOCONFIG_SERVERS_MAX);
	assert_int_equal(config.total, 10000);
	assert_int_equal(config.skipped, 10000 - MP_AUTOCONFIG_SERVERS_MAX);
	assert_int_equal(config.servers[15].endpoint.port, 1015);
	assert_reason_("line 21: more than 16 servers, the rest left out");
	/* A read is linear: a second is more than a hundred times enough. */
	assert_true(ms < 1000);
	free(text);
}

static void
test_autoconfig_read_refuses_what_is_no_client_config(void **state)
{
	(void)state;
	assert_false(read_text("<?xml version=\"1.0\"?>\n<html><body/></html>"));
	assert_reason_("line 2: the root element is 'html', not clientConfig");
	assert_false(read_text("<clientConfig>\n<emailProvider/>\n"
	    "<emailProvider/></clientConfig>"));
	assert_reason_("line 3: more than one emailProvider");
	assert_false(read_text("<!-- a comment first -->\n<clientConfig/>"));
	assert_reason_("no emailProvider in clientConfig");
	assert_false(read_text(""));
	assert_reason_("line 1: not XML as read here: no root element");
	assert_false(read_text("Not found\r\n"));
	assert_reason_("line 1: not XML as read here: text outside the root "
	    "element");
	/* Read, but nothing in it. */
	assert_true(read_text(HEAD TAIL));
	assert_int_equal(config.nservers, 0);
	assert_int_equal(config.total, 0);
	assert_reason_("no incomingServer or outgoingServer in emailProvider");
}

static void
test_autoconfig_read_refuses_hostile_xml(void **state)
{
	char *text;
	size_t i, len;

	(void)state;
	assert_false(read_text("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    "<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n"
	    "<clientConfig>&lol2;</clientConfig>"));
	assert_reason_("line 2: not XML as read here: a DOCTYPE or "
	    "declaration, not read here");
	assert_false(read_text("<!DOCTYPE clientConfig SYSTEM "
	    "\"file:///etc/passwd\"><clientConfig/>"));
	assert_reason_("line 1: not XML as read here: a DOCTYPE or "
	    "declaration, not read here");
	assert_false(read_text(HEAD "<incomingServer type=\"imap\">"
	    "<hostname>&ext;</hostname></incomingServer>" TAIL));
	assert_reason_("line 5: not XML as read here: an entity other than "
	    "lt, gt, amp, apos and quot");
	assert_false(read_text(HEAD "<incomingServer type=\"imap\">\n"
	    "<hostname>mail\x1b[31m.example.com</hostname></incomingServer>"
	    TAIL));
	assert_reason_("line 6: not XML as read here: character U+001B is "
	    "not allowed in XML");
	assert_false(read_text(HEAD "<incomingServer type=\"imap\">\n"
	    "<hostname>mail&#1;.example.com</hostname></incomingServer>"
	    TAIL));
	assert_reason_("line 6: not XML as read here: a reference to a "
	    "character XML does not allow");
	assert_false(read_text(HEAD "<displayName>\xff\xfe</displayName>"
	    TAIL));
	assert_reason_("line 5: not XML as read here: a byte that is not "
	    "UTF-8");
	assert_false(read_text("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<clientConfig/>"));
	assert_reason_("line 1: not XML as read here: an encoding other than "
	    "UTF-8");

	/* Nesting deeper than the reader goes. */
	assert_non_null(text = malloc(64 * 4 + 1));
	for (i = len = 0; i < 64; i++)
		len += (size_t)snprintf(text + len, 64 * 4 + 1 - len, "<a>");
	assert_false(mp_autoconfig_read(&config, text, len, "example.com"));
	assert_reason_("line 1: not XML as read here: elements nested deeper "
	    "than 32");
	free(text);
}

/* The bounds of the storage: a clear refusal, never a write past it. */
static void
test_autoconfig_read_refuses_past_its_storage(void **state)
{
	size_t size = MP_HTTP_BODY_MAX, len, i;
	char *text;

	(void)state;
	assert_non_null(text = malloc(size + 1));
	len = (size_t)snprintf(text, size, "<clientConfig>");
	for (i = 0; len + 4 + 15 <= size; i++, len += 4)
		memcpy(text + len, "<a/>", 4);
	memcpy(text + len, "</clientConfig>", 15);
	len += 15;
	assert_false(mp_autoconfig_read(&config, text, len, "example.com"));
	assert_reason_("line 1: not XML as read here: more than 32767 "
	    "elements, texts and comments");

	memset(text, ' ', size + 1);
	assert_false(mp_autoconfig_read(&config, text, size + 1,
	    "example.com"));
	assert_reason_("larger than 262144 bytes");
	free(text);
}

static void
test_autoconfig_rules_as_the_importer_has_them(void **state)
{
	enum mp_protocol protocol = MP_PROTO_ODMR;
	enum mp_username username = MP_USER_NONE;
	enum mp_tls tls = MP_TLS_NONE;
	bool repaired = true;
	unsigned port = 0;

	(void)state;
	assert_int_equal(mp_autoconfig_type("imap", true, &protocol),
	    MP_AUTOCONFIG_MAIL);
	assert_int_equal(protocol, MP_PROTO_IMAP);
	assert_int_equal(mp_autoconfig_type("pop3", true, &protocol),
	    MP_AUTOCONFIG_MAIL);
	assert_int_equal(protocol, MP_PROTO_POP3);
	assert_int_equal(mp_autoconfig_type("smtp", false, &protocol),
	    MP_AUTOCONFIG_MAIL);
	assert_int_equal(protocol, MP_PROTO_SMTP);
	assert_int_equal(mp_autoconfig_type("smtp", true, &protocol),
	    MP_AUTOCONFIG_MISPLACED);
	assert_int_equal(mp_autoconfig_type("imap", false, &protocol),
	    MP_AUTOCONFIG_MISPLACED);
	assert_int_equal(mp_autoconfig_type("exchange", true, &protocol),
	    MP_AUTOCONFIG_EXCHANGE);
	assert_int_equal(mp_autoconfig_type("ews", true, &protocol),
	    MP_AUTOCONFIG_EXCHANGE);
	assert_int_equal(mp_autoconfig_type("graph", true, &protocol),
	    MP_AUTOCONFIG_EXCHANGE);
	assert_int_equal(mp_autoconfig_type("owa", false, &protocol),
	    MP_AUTOCONFIG_EXCHANGE);
	assert_int_equal(mp_autoconfig_type("Exchange", true, &protocol),
	    MP_AUTOCONFIG_OTHER);
	assert_int_equal(mp_autoconfig_type(NULL, true, &protocol),
	    MP_AUTOCONFIG_OTHER);

	assert_true(mp_autoconfig_tls("SSL", &tls));
	assert_int_equal(tls, MP_TLS_IMPLICIT);
	assert_true(mp_autoconfig_tls("plain", &tls));
	assert_int_equal(tls, MP_TLS_NONE);
	assert_false(mp_autoconfig_tls("starttls", &tls));

	assert_true(mp_autoconfig_port("65535", &port));
	assert_int_equal(port, 65535);
	assert_false(mp_autoconfig_port("065535", &port));
	assert_false(mp_autoconfig_port("0", &port));
	assert_false(mp_autoconfig_port("", &port));

	assert_true(mp_autoconfig_username("%EMAILADDRESS%", &username,
	    &repaired));
	assert_int_equal(username, MP_USER_ADDRESS);
	assert_false(repaired);
	assert_true(mp_autoconfig_username("%EMAILADDRESS", &username,
	    &repaired));
	assert_true(repaired);
	assert_false(mp_autoconfig_username("%EMAILDOMAIN%", &username,
	    &repaired));

	assert_int_equal(mp_autoconfig_signin("OAuth2"), MP_SIGNIN_BIT_OAUTH2);
	assert_int_equal(mp_autoconfig_signin("oauth2"), MP_NSIGNINS);
	assert_int_equal(mp_autoconfig_signin(""), MP_NSIGNINS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_autoconfig_read_takes_servers),
		cmocka_unit_test(test_autoconfig_read_takes_every_placeholder),
		cmocka_unit_test(test_autoconfig_read_takes_every_socket_type),
		cmocka_unit_test(test_autoconfig_read_takes_every_signin),
		cmocka_unit_test(test_autoconfig_read_skips_exchange_and_other_types),
		cmocka_unit_test(test_autoconfig_read_refuses_bad_host_names),
		cmocka_unit_test(test_autoconfig_read_refuses_bad_ports),
		cmocka_unit_test(test_autoconfig_read_leaves_out_servers_given_twice),
		cmocka_unit_test(test_autoconfig_read_counts_ten_thousand_servers),
		cmocka_unit_test(test_autoconfig_read_refuses_what_is_no_client_config),
		cmocka_unit_test(test_autoconfig_read_refuses_hostile_xml),
		cmocka_unit_test(test_autoconfig_read_refuses_past_its_storage),
		cmocka_unit_test(test_autoconfig_rules_as_the_importer_has_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

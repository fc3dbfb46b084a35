/*
 * test_format_config.c - choosing the settings of --config (provider
 * table, a server of one's own, discovery), the checks of what a format
 * can carry (hostile names, missing servers, OAuth2), and each writer,
 * with its escaping.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "config.h"
#include "len.h"
#include "providers.h"

static struct mp_account account;

/* An account at example.com with servers built here, not the table's. */
static void
server(enum mp_protocol protocol, const char *host, unsigned port,
    enum mp_tls tls, unsigned signin)
{
	struct mp_endpoint *s = &account.servers[account.n++];

	s->protocol = protocol;
	strcpy(s->host, host);
	s->port = port;
	s->tls = tls;
	s->username = MP_USER_ADDRESS;
	s->signin = signin;
}

static void
example(const char *address, const char *name, unsigned signin)
{
	assert_true(mp_account_init(&account, address, name));
	server(MP_PROTO_IMAP, "imap.example.com", 993, MP_TLS_IMPLICIT,
	    signin);
	server(MP_PROTO_POP3, "pop.example.com", 995, MP_TLS_IMPLICIT,
	    signin);
	server(MP_PROTO_SMTP, "smtp.example.com", 465, MP_TLS_IMPLICIT,
	    signin);
	server(MP_PROTO_SMTP, "smtp.example.com", 587, MP_TLS_STARTTLS,
	    signin);
}

static char *
written(enum mp_config_id format)
{
	struct capture c;
	char why[256];

	assert_int_equal(mp_config_check(&account, format, why, sizeof why),
	    MP_CONFIG_OK);
	capture_start(&c);
	mp_config_write(c.fp, &account, format);
	return capture_end(&c);
}

static bool
has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	const char *p;

	for (p = text; (p = strstr(p, line)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && (p[len] == '\n' ||
		    p[len] == '\0'))
			return true;
	return false;
}

/* Whether every "--" in the text opens or ends an XML comment. */
static bool
no_double_hyphen(const char *text)
{
	const char *p;

	for (p = text; (p = strstr(p, "--")) != NULL; p += 2)
		if (p[2] != '>' && (p == text || p[-1] != '!'))
			return false;
	return true;
}

static void
test_config_find_names(void **state)
{
	(void)state;
	assert_int_equal(mp_config_find("msmtp"), MP_CONFIG_msmtp);
	assert_int_equal(mp_config_find("srv"), MP_CONFIG_srv);
	assert_int_equal(mp_config_find("MSMTP"), -1);
	assert_int_equal(mp_config_find("mutt"), -1);
}

static void
test_account_init_address_and_domain(void **state)
{
	(void)state;
	assert_true(mp_account_init(&account, "alice@Example.COM.", NULL));
	assert_string_equal(account.domain, "example.com");
	/* The root's dot is no part of an address in a client's file. */
	assert_string_equal(account.address, "alice@Example.COM");
	assert_true(mp_account_init(&account, "example.com", "Alice"));
	assert_null(account.address);
	assert_string_equal(account.name, "Alice");
	assert_false(mp_account_init(&account, "alice@", NULL));
	assert_false(mp_account_init(&account, "@example.com", NULL));
}

static void
test_account_add_provider_skips_plaintext(void **state)
{
	struct mp_query query;
	size_t i;
	int gmail;

	(void)state;
	mp_query_init(&query);
	assert_true(mp_account_init(&account, "alice@gmail.com", NULL));
	gmail = mp_domain_find("gmail.com", 9);
	assert_true(gmail >= 0);
	mp_account_add_provider(&account, (unsigned)gmail, &query);
	assert_string_equal(account.label, "Gmail");
	assert_true(account.n >= 3);
	for (i = 0; i < account.n; i++)
		assert_int_not_equal(account.servers[i].tls, MP_TLS_NONE);
	assert_string_equal(mp_account_first(&account, MP_PROTO_IMAP)->host,
	    "imap.gmail.com");
	/* Words narrow the provider's servers. */
	assert_true(mp_account_init(&account, "alice@gmail.com", NULL));
	assert_int_equal(mp_query_add(&query, "587", 3), MP_OK);
	mp_account_add_provider(&account, (unsigned)gmail, &query);
	assert_int_equal(account.n, 1);
	assert_int_equal(account.servers[0].port, 587);
}

static void
test_account_add_provider_fills_domain(void **state)
{
	struct mp_query query;
	size_t i;

	(void)state;
	mp_query_init(&query);
	/* Any provider whose host holds the placeholder gets the domain. */
	for (i = 0; i < mp_nservers; i++)
		if (strstr(mp_servers[i].host, MP_DOMAIN_PLACEHOLDER) != NULL)
			break;
	if (i == mp_nservers)
		skip();
	assert_true(mp_account_init(&account, "alice@example.org", NULL));
	mp_account_add_provider(&account, mp_servers[i].provider, &query);
	assert_true(account.n > 0);
	assert_non_null(strstr(account.servers[0].host, "example.org"));
}

static void
test_account_add_host_recommended_or_words(void **state)
{
	struct mp_query query;

	(void)state;
	mp_query_init(&query);
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	mp_account_add_host(&account, "mail.example.com", &query);
	assert_int_equal(account.n, 4);
	assert_non_null(mp_account_first(&account, MP_PROTO_IMAP));
	assert_int_equal(mp_account_first(&account, MP_PROTO_IMAP)->port, 993);
	assert_int_equal(mp_account_first(&account, MP_PROTO_POP3)->port, 995);
	/* imap starttls is 143, legacy but with TLS required. */
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	assert_int_equal(mp_query_add(&query, "imap", 4), MP_OK);
	assert_int_equal(mp_query_add(&query, "starttls", 8), MP_OK);
	mp_account_add_host(&account, "mail.example.com", &query);
	assert_int_equal(account.n, 1);
	assert_int_equal(account.servers[0].port, 143);
	assert_int_equal(account.servers[0].tls, MP_TLS_STARTTLS);
	/* "none" names no port with TLS: nothing is added. */
	mp_query_init(&query);
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	assert_int_equal(mp_query_add(&query, "none", 4), MP_OK);
	mp_account_add_host(&account, "mail.example.com", &query);
	assert_int_equal(account.n, 0);
}

static void
test_account_add_discovery_skips_plaintext(void **state)
{
	static struct mp_discovery d;

	(void)state;
	memset(&d, 0, sizeof d);
	d.nsettings = 2;
	d.settings[0].endpoint.protocol = MP_PROTO_IMAP;
	strcpy(d.settings[0].endpoint.host, "mail.example.com");
	d.settings[0].endpoint.port = 143;
	d.settings[0].endpoint.tls = MP_TLS_NONE;
	d.settings[1].endpoint.protocol = MP_PROTO_IMAP;
	strcpy(d.settings[1].endpoint.host, "mail.example.com");
	d.settings[1].endpoint.port = 993;
	d.settings[1].endpoint.tls = MP_TLS_IMPLICIT;
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	mp_account_add_discovery(&account, &d);
	assert_int_equal(account.n, 1);
	assert_int_equal(account.servers[0].port, 993);
	assert_null(mp_account_first(&account, MP_PROTO_SMTP));
}

static void
test_account_add_probe_takes_what_is_secure(void **state)
{
	static struct mp_probe_result r[5];

	(void)state;
	memset(r, 0, sizeof r);
	r[0].request.target.port = 993;
	r[0].state = MP_STATE_OPEN;
	r[0].protocol = MP_PROTO_IMAP;
	r[0].tls = MP_FOUND_IMPLICIT;
	r[1] = r[0];		/* the same port on another address */
	r[2].request.target.port = 143;
	r[2].state = MP_STATE_OPEN;
	r[2].protocol = MP_PROTO_IMAP;
	r[2].tls = MP_FOUND_NONE;	/* no upgrade: never taken */
	r[3].request.target.port = 587;
	r[3].state = MP_STATE_OPEN;
	r[3].protocol = MP_PROTO_SMTP;
	r[3].tls = MP_FOUND_STARTTLS;
	r[4].request.target.port = 4190;
	r[4].state = MP_STATE_OPEN;
	r[4].protocol = MP_PROTO_MANAGESIEVE;
	r[4].tls = MP_FOUND_STARTTLS;
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	mp_account_add_probe(&account, "mail.example.com", r, 5);
	assert_int_equal(account.n, 2);
	assert_int_equal(account.servers[0].port, 993);
	assert_int_equal(account.servers[0].tls, MP_TLS_IMPLICIT);
	assert_int_equal(account.servers[1].port, 587);
	assert_int_equal(account.servers[1].tls, MP_TLS_STARTTLS);
	assert_string_equal(account.servers[1].host, "mail.example.com");
}

/* A DNS name on the certificate of r, the next after those it has. */
static void
cert_name(struct mp_probe_result *r, const char *name)
{
	struct mp_x509_san *san = &r->cert.names[r->cert.nnames++];

	san->type = MP_X509_SAN_DNS;
	san->usable = true;
	san->len = strlen(name);
	memcpy(san->bytes, name, san->len);
	r->cert.names_total = r->cert.nnames;
}

static void
test_account_refused_certificates_and_the_hosts_they_name(void **state)
{
	static struct mp_probe_result r[4];
	char hosts[4][MP_DNS_NAME_SIZE];

	(void)state;
	memset(r, 0, sizeof r);
	r[0].request.target.port = 993;
	r[0].state = MP_STATE_OPEN;
	r[0].protocol = MP_PROTO_IMAP;
	r[0].tls = MP_FOUND_IMPLICIT;
	r[0].cert.read = true;
	r[0].cert.findings = MP_CERT_BIT(MP_CERT_NAME);
	cert_name(&r[0], "imap.example.net");
	cert_name(&r[0], "*.example.net");
	cert_name(&r[0], "mail.other.example");
	r[1] = r[0];		/* the same certificate on another port */
	r[1].request.target.port = 465;
	r[1].protocol = MP_PROTO_SMTP;
	cert_name(&r[1], "smtp.example.net");
	r[2] = r[0];		/* refused for its issuer, not its names */
	r[2].cert.findings = MP_CERT_BIT(MP_CERT_SELF_SIGNED);
	cert_name(&r[2], "pop.example.net");
	r[3] = r[0];		/* a certificate a client takes */
	r[3].cert.findings = 0;
	cert_name(&r[3], "www.example.net");
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	mp_account_add_probe(&account, "mail.example.net", r, 3);
	assert_int_equal(account.n, 0);
	assert_int_equal(mp_account_other_hosts(&account, "mail.example.net",
	    r, 4, hosts, LEN(hosts)), 2);
	assert_string_equal(hosts[0], "imap.example.net");
	assert_string_equal(hosts[1], "smtp.example.net");
	assert_int_equal(mp_account_other_hosts(&account, "mail.example.net",
	    r, 4, hosts, 1), 1);
}

static void
test_account_holds_at_most_its_room(void **state)
{
	struct mp_query query;
	int i;

	(void)state;
	mp_query_init(&query);
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	for (i = 0; i < 5; i++)
		mp_account_add_host(&account, "mail.example.com", &query);
	assert_int_equal(account.n, MP_ACCOUNT_SERVERS_MAX);
}

static void
test_signin_oauth2_only(void **state)
{
	(void)state;
	assert_true(mp_signin_oauth2_only(MP_SIGNIN_OAUTH2));
	assert_false(mp_signin_oauth2_only(MP_SIGNIN_OAUTH2 |
	    MP_SIGNIN_PASSWORD));
	assert_false(mp_signin_oauth2_only(MP_SIGNIN_OAUTH2 |
	    MP_SIGNIN_APP_PASSWORD));
	assert_false(mp_signin_oauth2_only(MP_SIGNIN_PASSWORD));
	assert_true(mp_signin_oauth2(MP_SIGNIN_OAUTH2 | MP_SIGNIN_PASSWORD));
}

static void
test_config_uuid_is_reproducible(void **state)
{
	char a[37], b[37], c[37];

	(void)state;
	mp_config_uuid(a, "example.com", "one");
	mp_config_uuid(b, "example.com", "one");
	mp_config_uuid(c, "example.com", "two");
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[8], '-');
	assert_int_equal(a[14], '8');	/* version 8 */
	assert_non_null(strchr("89AB", a[19]));	/* the variant 10xx */
}

static void
test_write_msmtp(void **state)
{
	char *text;

	(void)state;
	example("alice@example.com", NULL, MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_msmtp);
	assert_true(has_line(text, "account example.com"));
	assert_true(has_line(text, "host smtp.example.com"));
	assert_true(has_line(text, "port 465"));
	assert_true(has_line(text, "tls on"));
	assert_true(has_line(text, "tls_starttls off"));
	assert_true(has_line(text, "tls_trust_file system"));
	assert_true(has_line(text, "user \"alice@example.com\""));
	assert_true(has_line(text, "passwordeval \"PASSWORD-COMMAND\""));
	assert_true(has_line(text, "account default : example.com"));
	free(text);
}

static void
test_write_msmtp_starttls_and_oauth2(void **state)
{
	char *text;

	(void)state;
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	server(MP_PROTO_SMTP, "smtp.example.com", 587, MP_TLS_STARTTLS,
	    MP_SIGNIN_OAUTH2);
	text = written(MP_CONFIG_msmtp);
	assert_true(has_line(text, "tls_starttls on"));
	assert_true(has_line(text, "auth oauthbearer"));
	assert_true(has_line(text, "passwordeval \"TOKEN-COMMAND\""));
	assert_non_null(strstr(text, "takes OAuth2 only"));
	free(text);
}

static void
test_write_mbsync(void **state)
{
	char *text;

	(void)state;
	example("alice@example.com", NULL, MP_SIGNIN_APP_PASSWORD);
	text = written(MP_CONFIG_mbsync);
	assert_true(has_line(text, "IMAPAccount example.com"));
	assert_true(has_line(text, "Host imap.example.com"));
	assert_true(has_line(text, "Port 993"));
	assert_true(has_line(text, "User \"alice@example.com\""));
	assert_true(has_line(text, "PassCmd \"PASSWORD-COMMAND\""));
	assert_true(has_line(text, "SSLType IMAPS"));
	assert_true(has_line(text, "Far :example.com-remote:"));
	assert_true(has_line(text, "Near :example.com-local:"));
	assert_non_null(strstr(text, "takes an app password"));
	free(text);
	account.servers[0].tls = MP_TLS_STARTTLS;
	account.servers[0].signin = MP_SIGNIN_OAUTH2;
	text = written(MP_CONFIG_mbsync);
	assert_true(has_line(text, "SSLType STARTTLS"));
	assert_true(has_line(text, "AuthMechs XOAUTH2"));
	assert_true(has_line(text, "PassCmd \"TOKEN-COMMAND\""));
	free(text);
}

static void
test_write_fetchmail(void **state)
{
	char *text;

	(void)state;
	example("alice@example.com", NULL, MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_fetchmail);
	assert_true(has_line(text, "poll pop.example.com protocol POP3 service "
	    "995"));
	assert_true(has_line(text, "    user \"alice@example.com\""));
	assert_non_null(strstr(text, "    ssl sslproto \"TLS1.2+\"\n    sslcertck"));
	assert_null(strstr(text, "\n    password"));
	free(text);
	/* Without POP3, IMAP; STARTTLS is required by sslproto alone. */
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	server(MP_PROTO_IMAP, "imap.example.com", 143, MP_TLS_STARTTLS,
	    MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_fetchmail);
	assert_true(has_line(text, "poll imap.example.com protocol IMAP service "
	    "143"));
	assert_non_null(strstr(text, "\n    sslproto \"TLS1.2+\"\n    sslcertck"));
	free(text);
}

static void
test_write_neomutt(void **state)
{
	char *text;

	(void)state;
	example("alice@example.com", "Alice", MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_neomutt);
	assert_true(has_line(text, "set real_name = \"Alice\""));
	assert_true(has_line(text, "set imap_user = \"alice@example.com\""));
	assert_true(has_line(text, "set imap_pass = \"`PASSWORD-COMMAND`\""));
	assert_true(has_line(text, "set folder = \"imaps://imap.example.com:"
	    "993/\""));
	assert_true(has_line(text, "set smtp_url = \"smtps://smtp.example.com:"
	    "465/\""));
	assert_true(has_line(text, "set ssl_force_tls = yes"));
	free(text);
	account.servers[0].tls = MP_TLS_STARTTLS;
	account.servers[0].signin = MP_SIGNIN_OAUTH2;
	account.servers[2].tls = MP_TLS_STARTTLS;
	account.name = NULL;
	text = written(MP_CONFIG_neomutt);
	assert_true(has_line(text, "set folder = \"imap://imap.example.com:"
	    "993/\""));
	assert_true(has_line(text, "set smtp_url = \"smtp://smtp.example.com:"
	    "465/\""));
	assert_true(has_line(text, "set imap_authenticators = \"oauthbearer\""));
	assert_true(has_line(text, "set imap_oauth_refresh_command = "
	    "\"TOKEN-COMMAND\""));
	assert_null(strstr(text, "real_name"));
	free(text);
}

static void
test_write_aerc(void **state)
{
	char *text;

	(void)state;
	example("alice+x@example.com", "Alice", MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_aerc);
	assert_true(has_line(text, "[example.com]"));
	assert_true(has_line(text, "source = imaps://alice%2Bx%40example.com@"
	    "imap.example.com:993"));
	assert_true(has_line(text, "source-cred-cmd = PASSWORD-COMMAND"));
	assert_true(has_line(text, "outgoing = smtps://alice%2Bx%40example.com@"
	    "smtp.example.com:465"));
	assert_true(has_line(text, "from = \"Alice\" <alice+x@example.com>"));
	assert_false(has_line(text, "smtp-starttls = true"));
	free(text);
	/* smtp:// is unencrypted to aerc unless STARTTLS is asked for. */
	account.servers[2].tls = MP_TLS_STARTTLS;
	account.servers[2].port = 587;
	text = written(MP_CONFIG_aerc);
	assert_true(has_line(text, "outgoing = smtp://alice%2Bx%40example.com@"
	    "smtp.example.com:587"));
	assert_true(has_line(text, "smtp-starttls = true"));
	free(text);
	account.servers[0].tls = MP_TLS_STARTTLS;
	account.servers[0].signin = MP_SIGNIN_OAUTH2;
	account.name = NULL;
	text = written(MP_CONFIG_aerc);
	assert_true(has_line(text, "source = imap+oauthbearer://alice%2Bx%40"
	    "example.com@imap.example.com:993"));
	assert_true(has_line(text, "source-cred-cmd = TOKEN-COMMAND"));
	assert_true(has_line(text, "from = alice+x@example.com"));
	free(text);
}

static void
test_write_autoconfig(void **state)
{
	char *text;

	(void)state;
	example("example.com", NULL, MP_SIGNIN_PASSWORD);
	account.servers[1].username = MP_USER_LOCALPART;
	account.servers[2].username = MP_USER_LOCALPART_DOMAIN;
	account.servers[3].signin = MP_SIGNIN_OAUTH2 | MP_SIGNIN_PASSWORD;
	account.servers[0].signin = MP_SIGNIN_OAUTH2;
	text = written(MP_CONFIG_autoconfig);
	assert_non_null(strstr(text, "<clientConfig version=\"1.1\">"));
	assert_non_null(strstr(text, "<incomingServer type=\"imap\">"));
	assert_non_null(strstr(text, "<incomingServer type=\"pop3\">"));
	assert_non_null(strstr(text, "<outgoingServer type=\"smtp\">"));
	assert_non_null(strstr(text, "<socketType>STARTTLS</socketType>"));
	assert_non_null(strstr(text, "<username>%EMAILLOCALPART%</username>"));
	assert_non_null(strstr(text, "<username>%EMAILLOCALPART%.%EMAILDOMAIN%"
	    "</username>"));
	assert_non_null(strstr(text, "<displayName>example.com</displayName>"));
	assert_non_null(strstr(text, "<authentication>OAuth2</authentication>\n"
	    "      <authentication>password-cleartext</authentication>"));
	assert_true(no_double_hyphen(text));
	free(text);
}

static void
test_write_mobileconfig(void **state)
{
	char *text;

	(void)state;
	example("alice@example.com", "Alice", MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_mobileconfig);
	assert_non_null(strstr(text, "<string>com.apple.mail.managed</string>"));
	assert_non_null(strstr(text, "<string>EmailTypeIMAP</string>"));
	assert_non_null(strstr(text, "<key>IncomingMailServerUsername</key>\n"
	    "\t\t\t<string>alice@example.com</string>"));
	assert_non_null(strstr(text, "<string>com.example.mail</string>"));
	assert_non_null(strstr(text, "<key>EmailAccountName</key>"));
	assert_true(no_double_hyphen(text));
	free(text);
	/* A domain alone: POP3, and no user name. */
	assert_true(mp_account_init(&account, "example.com", NULL));
	server(MP_PROTO_POP3, "pop.example.com", 995, MP_TLS_IMPLICIT,
	    MP_SIGNIN_PASSWORD);
	server(MP_PROTO_SMTP, "smtp.example.com", 465, MP_TLS_IMPLICIT,
	    MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_mobileconfig);
	assert_non_null(strstr(text, "<string>EmailTypePOP</string>"));
	assert_null(strstr(text, "Username"));
	assert_null(strstr(text, "EmailAccountName"));
	free(text);
}

static void
test_write_srv(void **state)
{
	char *text;

	(void)state;
	example("example.com", NULL, MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_srv);
	assert_true(has_line(text, "_submissions._tcp.example.com. 3600 IN SRV "
	    "0 1 465 smtp.example.com."));
	assert_true(has_line(text, "_submission._tcp.example.com. 3600 IN SRV "
	    "10 1 587 smtp.example.com."));
	assert_true(has_line(text, "_imaps._tcp.example.com. 3600 IN SRV 0 1 "
	    "993 imap.example.com."));
	assert_true(has_line(text, "_imap._tcp.example.com. 3600 IN SRV 0 0 0 ."));
	assert_true(has_line(text, "_pop3._tcp.example.com. 3600 IN SRV 0 0 0 ."));
	free(text);
}

/*
 * Hostile text, to every format: either refused, or escaped so that it
 * cannot end its string, start a directive or run a command.
 */
static const char *const hostile[] = {
	"Eve\"; echo pwned",
	"Eve\\\" x",
	"Eve `id` $(id) ${HOME}",
	"Eve <b>&amp; </displayName>",
	"Eve ]]> -- <!--",
	"Eve ; # [section]",
	"Eve ' \"",
};

static void
test_hostile_names_every_format(void **state)
{
	char why[256];
	size_t i;
	int f;

	(void)state;
	for (f = 0; f < MP_NCONFIGS; f++)
		for (i = 0; i < LEN(hostile); i++) {
			struct capture c;
			const char *p;

			example("alice@example.com", hostile[i],
			    MP_SIGNIN_PASSWORD);
			if (mp_config_check(&account, (enum mp_config_id)f,
			    why, sizeof why) != MP_CONFIG_OK) {
				/* Only aerc refuses, and only ; and #. */
				assert_int_equal(f, MP_CONFIG_aerc);
				assert_non_null(strpbrk(hostile[i], ";#"));
				assert_non_null(strstr(why, "cannot hold"));
				continue;
			}
			capture_start(&c);
			mp_config_write(c.fp, &account, (enum mp_config_id)f);
			capture_end(&c);
			/* Never a raw '<' or '&' from the name in XML. */
			if (f == MP_CONFIG_autoconfig ||
			    f == MP_CONFIG_mobileconfig) {
				assert_null(strstr(c.text, "<b>"));
				if (strchr(hostile[i], '&') != NULL)
					assert_non_null(strstr(c.text,
					    "&amp;amp;"));
				assert_null(strstr(c.text, "]]> --"));
			}
			/* Never an unescaped quote or backtick in NeoMutt's. */
			if (f == MP_CONFIG_neomutt)
				for (p = strstr(c.text, "real_name = \"") + 13;
				    *p != '\n'; p++) {
					if (*p == '\\') {
						p++;
						continue;
					}
					assert_null(strchr("`$", *p));
					if (*p == '"')
						assert_int_equal(p[1], '\n');
				}

			/* No line of the file begins with the name's words. */
			assert_null(strstr(c.text, "\necho pwned"));
			assert_null(strstr(c.text, "\n[section]"));
			free(c.text);
		}
}

static void
test_hostile_text_refused(void **state)
{
	char why[256], longer[MP_ACCOUNT_NAME_MAX + 2];
	int f;

	(void)state;
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	for (f = 0; f < MP_NCONFIGS; f++) {
		example("alice@example.com", "Eve\nset imap_pass = x",
		    MP_SIGNIN_PASSWORD);
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_BAD_TEXT);
		assert_non_null(strstr(why, "a control character"));
		example("alice@example.com", "Eve\x1b[2J", MP_SIGNIN_PASSWORD);
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_BAD_TEXT);
		example("alice@example.com", "Eve\x7f", MP_SIGNIN_PASSWORD);
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_BAD_TEXT);
		example("alice@example.com", longer, MP_SIGNIN_PASSWORD);
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_BAD_TEXT);
		assert_non_null(strstr(why, "too long"));
		example("alice@example.com", NULL, MP_SIGNIN_PASSWORD);
		account.address = "e\tve@example.com";
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_BAD_TEXT);
		assert_non_null(strstr(why, "the address"));
	}
}

static void
test_hostile_address_escaped(void **state)
{
	char *text;

	(void)state;
	example("e\"v`id`$(x)\\@example.com", NULL, MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_neomutt);
	assert_true(has_line(text, "set from = \"e\\\"v\\`id\\`\\$(x)\\\\"
	    "@example.com\""));
	free(text);
	text = written(MP_CONFIG_mbsync);
	assert_true(has_line(text, "User \"e\\\"v`id`$(x)\\\\@example.com\""));
	free(text);
	text = written(MP_CONFIG_fetchmail);
	assert_true(has_line(text, "    user \"e\\\"v`id`$(x)\\\\@example.com\""));
	free(text);
	text = written(MP_CONFIG_aerc);
	assert_non_null(strstr(text, "imaps://e%22v%60id%60%24%28x%29%5C%40"
	    "example.com@imap.example.com:993"));
	free(text);
	text = written(MP_CONFIG_mobileconfig);
	assert_non_null(strstr(text, "<string>e&quot;v`id`$(x)\\@example.com"
	    "</string>"));
	free(text);
	example("a<b>&'@example.com", NULL, MP_SIGNIN_PASSWORD);
	text = written(MP_CONFIG_mobileconfig);
	assert_non_null(strstr(text, "<string>a&lt;b&gt;&amp;&apos;@example.com"
	    "</string>"));
	free(text);
	example("e;v@example.com", NULL, MP_SIGNIN_PASSWORD);
	assert_int_equal(mp_config_check(&account, MP_CONFIG_aerc, (char[64]){ 0 },
	    64), MP_CONFIG_BAD_TEXT);
}

static void
test_check_missing_servers(void **state)
{
	char why[256];

	(void)state;
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	server(MP_PROTO_POP3, "pop.example.com", 995, MP_TLS_IMPLICIT,
	    MP_SIGNIN_PASSWORD);
	assert_int_equal(mp_config_check(&account, MP_CONFIG_mbsync, why,
	    sizeof why), MP_CONFIG_MISSING);
	assert_non_null(strstr(why, "mbsync needs an IMAP server"));
	assert_int_equal(mp_config_check(&account, MP_CONFIG_msmtp, why,
	    sizeof why), MP_CONFIG_MISSING);
	assert_non_null(strstr(why, "an SMTP server"));
	assert_int_equal(mp_config_check(&account, MP_CONFIG_fetchmail, why,
	    sizeof why), MP_CONFIG_OK);
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	server(MP_PROTO_SMTP, "smtp.example.com", 465, MP_TLS_IMPLICIT,
	    MP_SIGNIN_PASSWORD);
	assert_int_equal(mp_config_check(&account, MP_CONFIG_fetchmail, why,
	    sizeof why), MP_CONFIG_MISSING);
	assert_non_null(strstr(why, "an IMAP or POP3 server"));
	assert_true(mp_account_init(&account, "alice@example.com", NULL));
	assert_int_equal(mp_config_check(&account, MP_CONFIG_srv, why,
	    sizeof why), MP_CONFIG_MISSING);
	assert_non_null(strstr(why, "srv needs a server, and none"));
}

static void
test_check_client_needs_address(void **state)
{
	char why[256];

	(void)state;
	example("example.com", NULL, MP_SIGNIN_PASSWORD);
	assert_int_equal(mp_config_check(&account, MP_CONFIG_msmtp, why,
	    sizeof why), MP_CONFIG_BAD_TEXT);
	assert_string_equal(why, "msmtp needs an address, such as "
	    "alice@example.com");
	assert_int_equal(mp_config_check(&account, MP_CONFIG_srv, why,
	    sizeof why), MP_CONFIG_OK);
}

static void
test_check_oauth2_only(void **state)
{
	char why[256];
	int f;

	(void)state;
	for (f = 0; f < MP_NCONFIGS; f++) {
		example("alice@example.com", NULL, MP_SIGNIN_OAUTH2);
		if (mp_config_formats[f].oauth2) {
			assert_int_equal(mp_config_check(&account,
			    (enum mp_config_id)f, why, sizeof why),
			    MP_CONFIG_OK);
			continue;
		}
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_OAUTH2);
		assert_non_null(strstr(why, "takes OAuth2 only (use one of: "));
		assert_non_null(strstr(why, f == MP_CONFIG_fetchmail ?
		    "msmtp mbsync neomutt aerc)" : "autoconfig srv)"));
		/* OAuth2 or a password: the password will do. */
		example("alice@example.com", NULL, MP_SIGNIN_OAUTH2 |
		    MP_SIGNIN_APP_PASSWORD);
		assert_int_equal(mp_config_check(&account, (enum mp_config_id)f,
		    why, sizeof why), MP_CONFIG_OK);
	}
	assert_false(mp_config_formats[MP_CONFIG_fetchmail].oauth2);
	assert_false(mp_config_formats[MP_CONFIG_mobileconfig].oauth2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_find_names),
		cmocka_unit_test(test_account_init_address_and_domain),
		cmocka_unit_test(test_account_add_provider_skips_plaintext),
		cmocka_unit_test(test_account_add_provider_fills_domain),
		cmocka_unit_test(test_account_add_host_recommended_or_words),
		cmocka_unit_test(test_account_add_discovery_skips_plaintext),
		cmocka_unit_test(test_account_add_probe_takes_what_is_secure),
		cmocka_unit_test(
		    test_account_refused_certificates_and_the_hosts_they_name),
		cmocka_unit_test(test_account_holds_at_most_its_room),
		cmocka_unit_test(test_signin_oauth2_only),
		cmocka_unit_test(test_config_uuid_is_reproducible),
		cmocka_unit_test(test_write_msmtp),
		cmocka_unit_test(test_write_msmtp_starttls_and_oauth2),
		cmocka_unit_test(test_write_mbsync),
		cmocka_unit_test(test_write_fetchmail),
		cmocka_unit_test(test_write_neomutt),
		cmocka_unit_test(test_write_aerc),
		cmocka_unit_test(test_write_autoconfig),
		cmocka_unit_test(test_write_mobileconfig),
		cmocka_unit_test(test_write_srv),
		cmocka_unit_test(test_hostile_names_every_format),
		cmocka_unit_test(test_hostile_text_refused),
		cmocka_unit_test(test_hostile_address_escaped),
		cmocka_unit_test(test_check_missing_servers),
		cmocka_unit_test(test_check_client_needs_address),
		cmocka_unit_test(test_check_oauth2_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

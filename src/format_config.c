/*
 * format_config.c - the files of --config: each mail client's own
 * configuration, and what a domain publishes, from one account
 * (src/config.c chose it and checked it for the format).
 *
 * No file holds a password.  The clients get a command that prints it,
 * written as the placeholder PASSWORD-COMMAND (TOKEN-COMMAND for an OAuth2
 * access token), which fails until replaced; fetchmail, which runs no
 * command for it, reads ~/.netrc.  TLS is always required, with the
 * system's CA certificates as trust anchor.  What the user typed (the
 * address, the name) is escaped for each syntax; src/config.c refuses
 * what a syntax cannot carry.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "config.h"
#include "len.h"
#include "mailports.h"
#include "providers.h"

#define PASSWORD_COMMAND "PASSWORD-COMMAND"
#define TOKEN_COMMAND "TOKEN-COMMAND"
/* Debian's bundle of the system's CA certificates (ca-certificates). */
#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* Writes text with a backslash before each byte of specials. */
static void
put_escaped(FILE *fp, const char *text, const char *specials)
{
	for (; *text != '\0'; text++) {
		if (strchr(specials, *text) != NULL)
			putc('\\', fp);
		putc(*text, fp);
	}
}

/* Text between double quotes, with '"' and '\\' escaped. */
static void
put_quoted(FILE *fp, const char *text)
{
	putc('"', fp);
	put_escaped(fp, text, "\"\\");
	putc('"', fp);
}

/* Text for XML character data or an attribute value. */
static void
put_xml(FILE *fp, const char *text)
{
	for (; *text != '\0'; text++)
		switch (*text) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&apos;", fp);
			break;
		default:
			putc(*text, fp);
		}
}

/* Text as the user information of a URL: all but unreserved bytes as %XX. */
static void
put_percent(FILE *fp, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if (mp_ascii_isalnum(*p) || strchr("-._~", *p) != NULL)
			putc(*p, fp);
		else
			fprintf(fp, "%%%c%c", hex[*p >> 4], hex[*p & 0xf]);
}

static const char *
login(const struct mp_account *account, const struct mp_endpoint *s,
    char buf[static MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE])
{
	mp_username_fill(s->username, account->address, buf,
	    MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE);
	return buf;
}

/* The first of IMAP, else POP3. */
static const struct mp_endpoint *
incoming(const struct mp_account *account)
{
	const struct mp_endpoint *s = mp_account_first(account,
	    MP_PROTO_IMAP);

	return s != NULL ? s : mp_account_first(account, MP_PROTO_POP3);
}

/* The columns a comment of a file fits, as the rest of our output does. */
#define COMMENT_COLUMNS 80
/* Where the lines of an XML comment after its first start. */
#define XML_MORE "     "

/*
 * Writes text as comment lines, broken at blanks to fit COMMENT_COLUMNS:
 * the first starts with open, the others with more ("# " and "# ", or
 * XML's "<!-- " and blanks, the text then ending in "-->").  A word longer
 * than a line (a long host name, a URL) has a line of its own.
 */
static void
put_lines(FILE *fp, const char *open, const char *more, const char *text)
{
	const char *mark = open;

	while (*text != '\0') {
		size_t room = COMMENT_COLUMNS - strlen(mark);
		size_t len = strlen(text), take = len;

		if (len > room) {
			for (take = room; take > 0 && text[take] != ' '; take--)
				;
			if (take == 0)
				take = strcspn(text, " ");
		}
		fprintf(fp, "%s%.*s\n", mark, (int)take, text);
		text += take;
		while (*text == ' ')
			text++;
		mark = more;
	}
}

/* Text as comment lines starting with mark and a blank. */
static void
put_comment(FILE *fp, const char *mark, const char *text)
{
	char start[8];

	snprintf(start, sizeof start, "%s ", mark);
	put_lines(fp, start, start, text);
}

/*
 * The heading of a client's file, as comments starting with mark: what it
 * is, and which placeholder each server of it (one or two, the second
 * NULL if none) holds instead of a secret.
 */
static void
heading(FILE *fp, const char *mark, const char *what,
    const struct mp_account *account, const struct mp_endpoint *s,
    const struct mp_endpoint *other)
{
	bool token = mp_signin_oauth2_only(s->signin) ||
	    (other != NULL && mp_signin_oauth2_only(other->signin));
	bool password = !mp_signin_oauth2_only(s->signin) ||
	    (other != NULL && !mp_signin_oauth2_only(other->signin));
	char text[MP_HOST_NAME_SIZE + 160];

	snprintf(text, sizeof text, "%s for %s, written by mailports --config",
	    what, account->label);
	put_comment(fp, mark, text);
	snprintf(text, sizeof text, "No password here: replace %s%s%s%s.",
	    password ? PASSWORD_COMMAND " with a command that prints it" : "",
	    password && token ? ", and " : "", token ? TOKEN_COMMAND : "",
	    !token ? "" : password ? " with one that prints an OAuth2 access "
	    "token" : " with a command that prints an OAuth2 access token");
	put_comment(fp, mark, text);
}

/* What a server's sign-in needs to be told, as a comment. */
static void
signin_note(FILE *fp, const char *mark, const struct mp_endpoint *s)
{
	char text[MP_HOST_NAME_SIZE + 160];

	if (mp_signin_oauth2_only(s->signin))
		snprintf(text, sizeof text, "%s %u takes OAuth2 only (a "
		    "browser login), not a password.", s->host, s->port);
	else if ((s->signin & MP_SIGNIN_APP_PASSWORD) != 0 &&
	    (s->signin & MP_SIGNIN_PASSWORD) == 0)
		snprintf(text, sizeof text, "%s %u takes an app password, "
		    "which the provider issues, not the account's own.",
		    s->host, s->port);
	else
		return;
	put_comment(fp, mark, text);
}

/*
 * msmtp takes the rest of the line as the argument, and only removes a
 * pair of double quotes around it: nothing inside is escaped.
 */
static void
put_msmtp(FILE *fp, const char *text)
{
	fprintf(fp, "\"%s\"", text);
}

static void
write_msmtp(FILE *fp, const struct mp_account *a)
{
	const struct mp_endpoint *s = mp_account_first(a, MP_PROTO_SMTP);
	char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];
	bool oauth2 = mp_signin_oauth2_only(s->signin);

	heading(fp, "#", "msmtp account", a, s, NULL);
	signin_note(fp, "#", s);
	fprintf(fp, "account %s\nhost %s\nport %u\n", a->domain, s->host,
	    s->port);
	fprintf(fp, "tls on\ntls_starttls %s\ntls_trust_file system\n",
	    s->tls == MP_TLS_STARTTLS ? "on" : "off");
	fputs("from ", fp);
	put_msmtp(fp, a->address);
	fputs("\nuser ", fp);
	put_msmtp(fp, login(a, s, user));
	fprintf(fp, "\nauth %s\npasswordeval \"%s\"\n",
	    oauth2 ? "oauthbearer" : "on",
	    oauth2 ? TOKEN_COMMAND : PASSWORD_COMMAND);
	fprintf(fp, "\naccount default : %s\n", a->domain);
}

static void
write_mbsync(FILE *fp, const struct mp_account *a)
{
	const struct mp_endpoint *s = mp_account_first(a, MP_PROTO_IMAP);
	char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];
	bool oauth2 = mp_signin_oauth2_only(s->signin);
	const char *d = a->domain;
	char text[MP_HOST_NAME_SIZE + 160];

	heading(fp, "#", "mbsync (isync 1.4) account", a, s, NULL);
	signin_note(fp, "#", s);
	if (oauth2)
		fputs("# XOAUTH2 needs the SASL plugin of cyrus-sasl-xoauth2.\n",
		    fp);
	snprintf(text, sizeof text, "Make the Maildir first: mkdir -p "
	    "~/Mail/%s", d);
	put_comment(fp, "#", text);
	fprintf(fp, "IMAPAccount %s\nHost %s\nPort %u\nUser ", d, s->host,
	    s->port);
	put_quoted(fp, login(a, s, user));
	fprintf(fp, "\nPassCmd \"%s\"\n", oauth2 ? TOKEN_COMMAND :
	    PASSWORD_COMMAND);
	if (oauth2)
		fputs("AuthMechs XOAUTH2\n", fp);
	fprintf(fp, "SSLType %s\nSystemCertificates yes\n\n",
	    s->tls == MP_TLS_STARTTLS ? "STARTTLS" : "IMAPS");
	fprintf(fp, "IMAPStore %s-remote\nAccount %s\n\n", d, d);
	fprintf(fp, "MaildirStore %s-local\nPath ~/Mail/%s/\n"
	    "Inbox ~/Mail/%s/INBOX\nSubFolders Verbatim\n\n", d, d, d);
	fprintf(fp, "Channel %s\nFar :%s-remote:\nNear :%s-local:\n"
	    "Patterns *\nCreate Near\nSyncState *\n", d, d, d);
}

static void
write_fetchmail(FILE *fp, const struct mp_account *a)
{
	const struct mp_endpoint *s = mp_account_first(a, MP_PROTO_POP3);
	char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];
	char text[MP_HOST_NAME_SIZE + 160];

	if (s == NULL)
		s = mp_account_first(a, MP_PROTO_IMAP);
	snprintf(text, sizeof text, "fetchmail poll entry for %s, written by "
	    "mailports --config", a->label);
	put_comment(fp, "#", text);
	put_comment(fp, "#", "No password is kept here: fetchmail reads it "
	    "from ~/.netrc");
	snprintf(text, sizeof text, "(machine %s login USER password ...) or "
	    "asks for it.", s->host);
	put_comment(fp, "#", text);
	signin_note(fp, "#", s);
	fputs("# Mail goes to the MTA on localhost port 25 unless an mda is "
	    "given;\n# keep leaves it on the server.\n", fp);
	/* fetchmail(1) calls the keyword port obsolete: service takes a number. */
	fprintf(fp, "poll %s protocol %s service %u\n", s->host,
	    s->protocol == MP_PROTO_POP3 ? "POP3" : "IMAP", s->port);
	fputs("    user ", fp);
	put_quoted(fp, login(a, s, user));
	fprintf(fp, "\n    %ssslproto \"TLS1.2+\"\n    sslcertck sslcertfile "
	    "\"%s\"\n    keep\n", s->tls == MP_TLS_IMPLICIT ? "ssl " : "",
	    CA_BUNDLE);
}

/* A neomuttrc string: backticks and $ are expanded in double quotes. */
static void
put_neomutt(FILE *fp, const char *text)
{
	putc('"', fp);
	put_escaped(fp, text, "\"\\`$");
	putc('"', fp);
}

static void
neomutt_server(FILE *fp, const struct mp_account *a,
    const struct mp_endpoint *s, const char *proto)
{
	char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];
	bool oauth2 = mp_signin_oauth2_only(s->signin);

	signin_note(fp, "#", s);
	fprintf(fp, "set %s_user = ", proto);
	put_neomutt(fp, login(a, s, user));
	if (oauth2)
		fprintf(fp, "\nset %s_authenticators = \"oauthbearer\"\n"
		    "set %s_oauth_refresh_command = \"%s\"\n", proto, proto,
		    TOKEN_COMMAND);
	else
		fprintf(fp, "\nset %s_pass = \"`%s`\"\n", proto,
		    PASSWORD_COMMAND);
}

static void
write_neomutt(FILE *fp, const struct mp_account *a)
{
	const struct mp_endpoint *imap = mp_account_first(a,
	    MP_PROTO_IMAP);
	const struct mp_endpoint *smtp = mp_account_first(a,
	    MP_PROTO_SMTP);

	heading(fp, "#", "NeoMutt settings", a, imap, smtp);
	if (a->name != NULL) {
		fputs("set real_name = ", fp);
		put_neomutt(fp, a->name);
		putc('\n', fp);
	}
	fputs("set from = ", fp);
	put_neomutt(fp, a->address);
	putc('\n', fp);
	neomutt_server(fp, a, imap, "imap");
	fprintf(fp, "set folder = \"%s://%s:%u/\"\nset spool_file = "
	    "\"+INBOX\"\n", imap->tls == MP_TLS_IMPLICIT ? "imaps" : "imap",
	    imap->host, imap->port);
	neomutt_server(fp, a, smtp, "smtp");
	fprintf(fp, "set smtp_url = \"%s://%s:%u/\"\n",
	    smtp->tls == MP_TLS_IMPLICIT ? "smtps" : "smtp", smtp->host,
	    smtp->port);
	fputs("set ssl_force_tls = yes\nset ssl_starttls = yes\n", fp);
	fprintf(fp, "set ssl_ca_certificates_file = \"%s\"\n", CA_BUNDLE);
}

/* An aerc connection string: user, host and port; TLS by the scheme. */
static void
aerc_url(FILE *fp, const struct mp_account *a,
    const struct mp_endpoint *s, const char *key, const char *proto)
{
	char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];
	bool oauth2 = mp_signin_oauth2_only(s->signin);

	signin_note(fp, "#", s);
	fprintf(fp, "%s = %s%s%s://", key, proto,
	    s->tls == MP_TLS_IMPLICIT ? "s" : "", oauth2 ? "+oauthbearer" : "");
	put_percent(fp, login(a, s, user));
	fprintf(fp, "@%s:%u\n%s-cred-cmd = %s\n", s->host, s->port, key,
	    oauth2 ? TOKEN_COMMAND : PASSWORD_COMMAND);
	/* aerc-smtp(5): smtp:// is unencrypted unless STARTTLS is asked. */
	if (strcmp(proto, "smtp") == 0 && s->tls == MP_TLS_STARTTLS)
		fputs("smtp-starttls = true\n", fp);
}

static void
write_aerc(FILE *fp, const struct mp_account *a)
{
	heading(fp, "#", "aerc account", a, mp_account_first(a,
	    MP_PROTO_IMAP), mp_account_first(a, MP_PROTO_SMTP));
	fputs("# aerc requires TLS by the schemes imaps and smtps, or imap "
	    "(STARTTLS)\n# and smtp with smtp-starttls, and trusts the "
	    "system's CA certificates.\n", fp);
	fprintf(fp, "[%s]\n", a->domain);
	aerc_url(fp, a, mp_account_first(a, MP_PROTO_IMAP), "source", "imap");
	aerc_url(fp, a, mp_account_first(a, MP_PROTO_SMTP), "outgoing",
	    "smtp");
	fputs("default = INBOX\nfrom = ", fp);
	if (a->name != NULL) {
		/* A quoted-string of RFC 5322, whatever the name holds. */
		put_quoted(fp, a->name);
		fprintf(fp, " <%s>\n", a->address);
	} else
		fprintf(fp, "%s\n", a->address);
	fputs("copy-to = Sent\n", fp);
}

/* The ISP database's placeholders for the user name forms. */
static const char *
autoconfig_username(enum mp_username username)
{
	switch (username) {
	case MP_USER_LOCALPART:
		return "%EMAILLOCALPART%";
	case MP_USER_LOCALPART_DOMAIN:
		return "%EMAILLOCALPART%.%EMAILDOMAIN%";
	default:
		return "%EMAILADDRESS%";
	}
}

static void
write_autoconfig(FILE *fp, const struct mp_account *a)
{
	const char *name = a->name != NULL ? a->name : a->label;
	char text[MP_HOST_NAME_SIZE + 80];
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	/* Each URL on a line of its own, whole. */
	snprintf(text, sizeof text, "Thunderbird's autoconfig for %s, written "
	    "by mailports,", a->domain);
	put_lines(fp, "<!-- ", XML_MORE, text);
	snprintf(text, sizeof text, "to be served as "
	    "https://autoconfig.%s/mail/config-v1.1.xml", a->domain);
	put_lines(fp, XML_MORE, XML_MORE, text);
	snprintf(text, sizeof text, "and "
	    "https://%s/.well-known/autoconfig/mail/config-v1.1.xml -->",
	    a->domain);
	put_lines(fp, XML_MORE, XML_MORE, text);
	fprintf(fp, "<clientConfig version=\"1.1\">\n  <emailProvider "
	    "id=\"%s\">\n    <domain>%s</domain>\n    <displayName>",
	    a->domain, a->domain);
	put_xml(fp, name);
	fputs("</displayName>\n    <displayShortName>", fp);
	put_xml(fp, name);
	fputs("</displayShortName>\n", fp);
	/* The incoming servers first, as the format orders them. */
	for (i = 0; i < 2 * a->n; i++) {
		const struct mp_endpoint *s = &a->servers[i < a->n ? i :
		    i - a->n];
		const char *element = s->protocol == MP_PROTO_SMTP ?
		    "outgoingServer" : "incomingServer";

		if ((s->protocol == MP_PROTO_SMTP) != (i >= a->n))
			continue;

		fprintf(fp, "    <%s type=\"%s\">\n      <hostname>%s"
		    "</hostname>\n      <port>%u</port>\n      <socketType>%s"
		    "</socketType>\n      <username>%s</username>\n", element,
		    mp_protocol_key(s->protocol), s->host, s->port,
		    s->tls == MP_TLS_IMPLICIT ? "SSL" : "STARTTLS",
		    autoconfig_username(s->username));
		if (mp_signin_oauth2(s->signin))
			fputs("      <authentication>OAuth2</authentication>\n",
			    fp);
		if (!mp_signin_oauth2_only(s->signin))
			fputs("      <authentication>password-cleartext"
			    "</authentication>\n", fp);
		fprintf(fp, "    </%s>\n", element);
	}
	fputs("  </emailProvider>\n</clientConfig>\n", fp);
}

static void
plist_string(FILE *fp, const char *indent, const char *key, const char *value)
{
	fprintf(fp, "%s<key>%s</key>\n%s<string>", indent, key, indent);
	put_xml(fp, value);
	fputs("</string>\n", fp);
}

/* The keys of a server, Incoming or Outgoing, of a mail payload. */
static void
plist_server(FILE *fp, const struct mp_account *a,
    const struct mp_endpoint *s, const char *direction)
{
	char key[64];
	const char *in = "\t\t\t";

	snprintf(key, sizeof key, "%sMailServerAuthentication", direction);
	plist_string(fp, in, key, "EmailAuthPassword");
	snprintf(key, sizeof key, "%sMailServerHostName", direction);
	plist_string(fp, in, key, s->host);
	fprintf(fp, "%s<key>%sMailServerPortNumber</key>\n%s<integer>%u"
	    "</integer>\n", in, direction, in, s->port);
	/* Mail takes "SSL" as TLS from the first byte on 993, 995 and 465
	   and as STARTTLS on the others. */
	fprintf(fp, "%s<key>%sMailServerUseSSL</key>\n%s<true/>\n", in,
	    direction, in);
	if (a->address != NULL) {
		char user[MP_ACCOUNT_ADDRESS_MAX + MP_HOST_NAME_SIZE];

		snprintf(key, sizeof key, "%sMailServerUsername", direction);
		plist_string(fp, in, key, login(a, s, user));
	}
}

static void
write_mobileconfig(FILE *fp, const struct mp_account *a)
{
	const struct mp_endpoint *in = incoming(a);
	const struct mp_endpoint *out = mp_account_first(a,
	    MP_PROTO_SMTP);
	char id[MP_HOST_NAME_SIZE + 32], seed[4 * MP_HOST_NAME_SIZE + 32];
	char uuid[37], text[MP_HOST_NAME_SIZE + 160];
	const char *dot, *end;
	size_t used = 0;

	/* The identifier is the domain reversed, as Apple's are. */
	for (end = a->domain + strlen(a->domain); end > a->domain; end = dot) {
		for (dot = end; dot > a->domain && dot[-1] != '.'; dot--)
			;
		used += (size_t)snprintf(id + used, sizeof id - used, "%.*s.",
		    (int)(end - dot), dot);
		if (dot > a->domain)
			dot--;
	}
	snprintf(id + used, sizeof id - used, "mail");
	snprintf(seed, sizeof seed, "%s %s %u %s %u %s", a->domain, in->host,
	    in->port, out->host, out->port,
	    a->address != NULL ? a->address : "");
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist "
	    "PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
	    "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n", fp);
	/* No "--" in an XML comment: it would end the document there. */
	snprintf(text, sizeof text, "An Apple configuration profile for %s, "
	    "written by mailports; unsigned: iOS and macOS show it as not "
	    "verified.  No password is kept: Mail asks for it. -->",
	    a->domain);
	put_lines(fp, "<!-- ", XML_MORE, text);
	fputs("<plist version=\"1.0\">\n<dict>\n\t<key>PayloadContent</key>\n"
	    "\t<array>\n\t\t<dict>\n", fp);
	plist_string(fp, "\t\t\t", "EmailAccountDescription", a->label);
	if (a->name != NULL)
		plist_string(fp, "\t\t\t", "EmailAccountName", a->name);
	plist_string(fp, "\t\t\t", "EmailAccountType",
	    in->protocol == MP_PROTO_IMAP ? "EmailTypeIMAP" : "EmailTypePOP");
	if (a->address != NULL)
		plist_string(fp, "\t\t\t", "EmailAddress", a->address);
	plist_server(fp, a, in, "Incoming");
	plist_server(fp, a, out, "Outgoing");
	fputs("\t\t\t<key>OutgoingPasswordSameAsIncomingPassword</key>\n"
	    "\t\t\t<true/>\n", fp);
	plist_string(fp, "\t\t\t", "PayloadDisplayName", a->label);
	fprintf(fp, "\t\t\t<key>PayloadIdentifier</key>\n\t\t\t<string>%s."
	    "account</string>\n", id);
	plist_string(fp, "\t\t\t", "PayloadType", "com.apple.mail.managed");
	mp_config_uuid(uuid, seed, "com.apple.mail.managed");
	plist_string(fp, "\t\t\t", "PayloadUUID", uuid);
	fputs("\t\t\t<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>\n"
	    "\t\t</dict>\n\t</array>\n", fp);
	plist_string(fp, "\t", "PayloadDisplayName", a->label);
	fprintf(fp, "\t<key>PayloadIdentifier</key>\n\t<string>%s</string>\n",
	    id);
	plist_string(fp, "\t", "PayloadType", "Configuration");
	mp_config_uuid(uuid, seed, "Configuration");
	plist_string(fp, "\t", "PayloadUUID", uuid);
	fputs("\t<key>PayloadVersion</key>\n\t<integer>1</integer>\n</dict>\n"
	    "</plist>\n", fp);
}

/* The SRV labels of RFC 6186 and RFC 8314, implicit TLS first. */
static const struct {
	char		 label[16];
	enum mp_protocol protocol;
	enum mp_tls	 tls;
} srv_labels[] = {
	{ "_submissions", MP_PROTO_SMTP, MP_TLS_IMPLICIT },
	{ "_submission", MP_PROTO_SMTP, MP_TLS_STARTTLS },
	{ "_imaps", MP_PROTO_IMAP, MP_TLS_IMPLICIT },
	{ "_imap", MP_PROTO_IMAP, MP_TLS_STARTTLS },
	{ "_pop3s", MP_PROTO_POP3, MP_TLS_IMPLICIT },
	{ "_pop3", MP_PROTO_POP3, MP_TLS_STARTTLS },
};

static void
write_srv(FILE *fp, const struct mp_account *a)
{
	size_t i, j;

	fprintf(fp, "; SRV records of RFC 6186 and RFC 8314 for %s,\n"
	    "; written by mailports --config.  Priority 0 for TLS from the "
	    "first byte,\n; 10 for STARTTLS, so that clients prefer the "
	    "former (RFC 8314,\n; section 5.1); a target of \".\" is a "
	    "service not offered (RFC 2782).\n", a->domain);
	for (i = 0; i < LEN(srv_labels); i++) {
		const struct mp_endpoint *s = NULL;

		for (j = 0; j < a->n && s == NULL; j++)
			if (a->servers[j].protocol == srv_labels[i].protocol &&
			    a->servers[j].tls == srv_labels[i].tls)
				s = &a->servers[j];
		fprintf(fp, "%s._tcp.%s. 3600 IN SRV ", srv_labels[i].label,
		    a->domain);
		if (s == NULL)
			fputs("0 0 0 .\n", fp);
		else
			fprintf(fp, "%d 1 %u %s.\n",
			    s->tls == MP_TLS_IMPLICIT ? 0 : 10, s->port,
			    s->host);
	}
}

void
mp_config_write(FILE *fp, const struct mp_account *account,
    enum mp_config_id format)
{
	switch (format) {
#define CONFIG(id, name, kind, needs, oauth2, help) \
	case MP_CONFIG_##id: \
		write_##id(fp, account); \
		break;
#include "configs.def"
	default:
		break;
	}
}

/*
 * test_probe_parse.c - greetings, capability lists and TLS replies are
 * read right, bounded, and whatever a server sends is survived; the
 * ClientHello is well formed; the ports to probe follow the words and the
 * table; the verdict picks the best secure port.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <netinet/in.h>
#include <string.h>

#include "probe.h"
#include "query_of.h"

#define TEXT(s) s, sizeof s - 1

static void
test_greeting_names_the_protocol(void **state)
{
	(void)state;
	assert_int_equal(mp_greeting_protocol(TEXT("220 mx ESMTP\r\n")),
	    MP_PROTO_SMTP);
	assert_int_equal(mp_greeting_protocol(TEXT("220-mx ESMTP\r\n")),
	    MP_PROTO_SMTP);
	assert_int_equal(mp_greeting_protocol(TEXT("554 go away\r\n")),
	    MP_PROTO_SMTP);
	assert_int_equal(mp_greeting_protocol(TEXT("+OK ready\r\n")),
	    MP_PROTO_POP3);
	assert_int_equal(mp_greeting_protocol(TEXT("* OK [CAPABILITY "
	    "IMAP4rev1] hi\r\n")), MP_PROTO_IMAP);
	assert_int_equal(mp_greeting_protocol(TEXT("* BYE busy\r\n")),
	    MP_PROTO_IMAP);
	assert_int_equal(mp_greeting_protocol(TEXT("\"IMPLEMENTATION\" "
	    "\"Dovecot\"\r\n")), MP_PROTO_MANAGESIEVE);
	/* Anything else is not a mail server's greeting. */
	assert_int_equal(mp_greeting_protocol(TEXT("SSH-2.0-OpenSSH\r\n")),
	    MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_protocol(TEXT("2200 x\r\n")),
	    MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_protocol(TEXT("HTTP/1.1 400\r\n")),
	    MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_protocol("", 0), MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_protocol(TEXT("\"")), MP_PROTO_UNKNOWN);
}

static void
test_greeting_ends_as_each_protocol_says(void **state)
{
	(void)state;
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("220-first\r\n")), MP_REPLY_MORE);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("220-first\r\n220 last\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("220 no line end")), MP_REPLY_MORE);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("220-first\r\nnonsense\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_IMAP,
	    TEXT("* OK hi\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_greeting_status(MP_PROTO_POP3,
	    TEXT("+OK hi")), MP_REPLY_MORE);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" \"PLAIN\"\r\n")), MP_REPLY_MORE);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" \"PLAIN\"\r\nOK \"ready\"\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_greeting_status(MP_PROTO_UNKNOWN,
	    TEXT("SSH-2.0\n")), MP_REPLY_DONE);
}

static void
test_commands_are_only_capabilities_and_goodbyes(void **state)
{
	(void)state;
	assert_string_equal(mp_capability_command(MP_PROTO_SMTP),
	    "EHLO mailports.invalid\r\n");
	assert_string_equal(mp_capability_command(MP_PROTO_POP3), "CAPA\r\n");
	assert_string_equal(mp_capability_command(MP_PROTO_IMAP),
	    "M1 CAPABILITY\r\n");
	assert_null(mp_capability_command(MP_PROTO_MANAGESIEVE));
	assert_null(mp_capability_command(MP_PROTO_UNKNOWN));
	assert_string_equal(mp_quit_command(MP_PROTO_SMTP), "QUIT\r\n");
	assert_string_equal(mp_quit_command(MP_PROTO_POP3), "QUIT\r\n");
	assert_string_equal(mp_quit_command(MP_PROTO_IMAP), "M2 LOGOUT\r\n");
	assert_string_equal(mp_quit_command(MP_PROTO_MANAGESIEVE),
	    "LOGOUT\r\n");
	assert_null(mp_quit_command(MP_PROTO_UNKNOWN));
}

/* A greeting that lists the capabilities leaves nothing to ask. */
static void
test_greeting_may_list_the_capabilities(void **state)
{
	(void)state;
	assert_true(mp_greeting_lists_capabilities(MP_PROTO_IMAP,
	    TEXT("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")));
	assert_true(mp_greeting_lists_capabilities(MP_PROTO_IMAP,
	    TEXT("* PREAUTH [capability IMAP4rev1] hi\r\n")));
	assert_true(mp_greeting_lists_capabilities(MP_PROTO_MANAGESIEVE,
	    TEXT("\"STARTTLS\"\r\nOK\r\n")));
	assert_false(mp_greeting_lists_capabilities(MP_PROTO_IMAP,
	    TEXT("* OK ready\r\n")));
	assert_false(mp_greeting_lists_capabilities(MP_PROTO_IMAP,
	    TEXT("* OK [ALERT] [CAPABILITY IMAP4rev1]\r\n")));
	assert_false(mp_greeting_lists_capabilities(MP_PROTO_SMTP,
	    TEXT("220 [CAPABILITY STARTTLS]\r\n")));
	assert_false(mp_greeting_lists_capabilities(MP_PROTO_POP3,
	    TEXT("+OK ready\r\n")));
}

static void
test_capability_answers_end_as_each_protocol_says(void **state)
{
	(void)state;
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("250-mx\r\n250-STARTTLS\r\n")), MP_REPLY_MORE);
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("250-mx\r\n250 STARTTLS\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3,
	    TEXT("+OK\r\nSTLS\r\n")), MP_REPLY_MORE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3,
	    TEXT("+OK\r\nSTLS\r\n.\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3,
	    TEXT("-ERR no\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3,
	    TEXT("what\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_capability_status(MP_PROTO_IMAP,
	    TEXT("* CAPABILITY IMAP4rev1\r\n")), MP_REPLY_MORE);
	assert_int_equal(mp_capability_status(MP_PROTO_IMAP,
	    TEXT("* CAPABILITY IMAP4rev1\r\nM1 OK done\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_MANAGESIEVE, "", 0),
	    MP_REPLY_DONE);
}

static void
test_smtp_capabilities(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx ESMTP\r\n"
	    "250-mx\r\n250-PIPELINING\r\n250-STARTTLS\r\n"
	    "250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"), &caps);
	assert_true(caps.starttls);
	assert_true(caps.cleartext_login);
	assert_string_equal(caps.auth, "PLAIN LOGIN");
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n250-mx\r\n"
	    "250-starttls\r\n250 SIZE 100\r\n"), &caps);
	assert_true(caps.starttls);
	assert_false(caps.cleartext_login);
	assert_string_equal(caps.auth, "");
	/* Only whole keywords count: STARTTLSX is not STARTTLS. */
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("250-STARTTLSX\r\n"
	    "550 STARTTLS\r\n"), &caps);
	assert_false(caps.starttls);
}

/* One code on every line of a reply (RFC 5321 4.2.1), and 250 counts only. */
static void
test_smtp_replies_are_read_line_by_line(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	/* A refusal is a refusal, whatever one of its lines says. */
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("550-no\r\n250-STARTTLS\r\n550 no\r\n")), MP_REPLY_BAD);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n550-no\r\n"
	    "250-STARTTLS\r\n550 no\r\n"), &caps);
	assert_false(caps.starttls);
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("550-not you\r\n550 go away\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("421 busy\r\n")), MP_REPLY_REFUSED);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n550-STARTTLS\r\n"
	    "550 AUTH PLAIN\r\n"), &caps);
	assert_false(caps.starttls);
	assert_false(caps.cleartext_login);
	/* No ESMTP at all: an answer, and no STARTTLS in it. */
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("502 what\r\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_SMTP,
	    TEXT("500 what\r\n")), MP_REPLY_DONE);
	/* A greeting's lines are not capabilities, and agree on their code. */
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("220-mx\r\n250-STARTTLS\r\n220 ok\r\n")), MP_REPLY_BAD);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220-mx\r\n220-STARTTLS\r\n"
	    "220 ok\r\n250 mx\r\n"), &caps);
	assert_false(caps.starttls);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220-mx\r\n250-STARTTLS\r\n"
	    "220 ok\r\n250 mx\r\n"), &caps);
	assert_false(caps.starttls);
	/* A greeting that turns the client away. */
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("554 no service\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP,
	    TEXT("421-busy\r\n421 later\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(mp_greeting_status(MP_PROTO_POP3,
	    TEXT("-ERR busy\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(mp_greeting_status(MP_PROTO_IMAP,
	    TEXT("* BYE busy\r\n")), MP_REPLY_REFUSED);
	assert_string_equal(mp_capability_name(MP_PROTO_SMTP), "EHLO");
	assert_string_equal(mp_capability_name(MP_PROTO_POP3), "CAPA");
	assert_string_equal(mp_capability_name(MP_PROTO_IMAP), "CAPABILITY");
	assert_null(mp_capability_name(MP_PROTO_MANAGESIEVE));
}

static void
test_pop3_capabilities(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	mp_parse_capabilities(MP_PROTO_POP3, TEXT("+OK hi\r\n+OK\r\n"
	    "CAPA\r\nTOP\r\nSTLS\r\nSASL PLAIN\r\n.\r\n"), &caps);
	assert_true(caps.starttls);
	assert_true(caps.cleartext_login);
	assert_string_equal(caps.auth, "PLAIN");
	mp_parse_capabilities(MP_PROTO_POP3, TEXT("+OK hi\r\n+OK\r\n"
	    "USER\r\n.\r\n"), &caps);
	assert_false(caps.starttls);
	assert_true(caps.cleartext_login);
	assert_string_equal(caps.auth, "");
}

static void
test_imap_capabilities(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* OK [CAPABILITY IMAP4rev1 "
	    "STARTTLS LOGINDISABLED] ready\r\n* CAPABILITY IMAP4rev1 "
	    "STARTTLS LOGINDISABLED\r\nM1 OK done\r\n"), &caps);
	assert_true(caps.starttls);
	assert_false(caps.cleartext_login);
	/* The greeting and the answer list the same: each mechanism once. */
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* OK [CAPABILITY IMAP4rev1 "
	    "STARTTLS AUTH=PLAIN AUTH=LOGIN] ready\r\n* CAPABILITY "
	    "IMAP4rev1 STARTTLS AUTH=PLAIN AUTH=LOGIN\r\nM1 OK\r\n"), &caps);
	assert_true(caps.starttls);
	assert_true(caps.cleartext_login);
	assert_string_equal(caps.auth, "PLAIN LOGIN");
	/* No capability list at all says nothing about logins. */
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* OK hi\r\nM1 BAD\r\n"),
	    &caps);
	assert_false(caps.cleartext_login);
}

static void
test_sieve_capabilities(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	mp_parse_capabilities(MP_PROTO_MANAGESIEVE, TEXT("\"IMPLEMENTATION\" "
	    "\"Dovecot\"\r\n\"SASL\" \"PLAIN LOGIN\"\r\n\"STARTTLS\"\r\n"
	    "OK \"ready\"\r\n"), &caps);
	assert_true(caps.starttls);
	assert_true(caps.cleartext_login);
	assert_string_equal(caps.auth, "PLAIN LOGIN");
	mp_parse_capabilities(MP_PROTO_MANAGESIEVE, TEXT("\"SASL\" \"\"\r\n"
	    "\"STARTTLS\"\r\nOK\r\n"), &caps);
	assert_false(caps.cleartext_login);
}

/*
 * The cleartext-login warning is for mechanisms that carry the password
 * itself: SASL PLAIN and LOGIN, IMAP LOGIN unless LOGINDISABLED, POP3 USER.
 */
static void
test_cleartext_login_is_only_for_passwords(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n250-mx\r\n"
	    "250-AUTH CRAM-MD5 SCRAM-SHA-256 DIGEST-MD5 NTLM GSSAPI\r\n"
	    "250 STARTTLS\r\n"), &caps);
	assert_string_equal(caps.auth, "CRAM-MD5 SCRAM-SHA-256 DIGEST-MD5 "
	    "NTLM GSSAPI");
	assert_false(caps.cleartext_login);
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* OK [CAPABILITY IMAP4rev1 "
	    "STARTTLS LOGINDISABLED AUTH=SCRAM-SHA-1 AUTH=CRAM-MD5] hi\r\n"),
	    &caps);
	assert_false(caps.cleartext_login);
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* OK [CAPABILITY IMAP4rev1 "
	    "LOGINDISABLED AUTH=PLAIN] hi\r\n"), &caps);
	assert_true(caps.cleartext_login);
	mp_parse_capabilities(MP_PROTO_POP3, TEXT("+OK\r\n+OK\r\n"
	    "SASL CRAM-MD5 SCRAM-SHA-1\r\nSTLS\r\n.\r\n"), &caps);
	assert_false(caps.cleartext_login);
	mp_parse_capabilities(MP_PROTO_POP3, TEXT("+OK\r\n+OK\r\n"
	    "SASL LOGIN\r\n.\r\n"), &caps);
	assert_true(caps.cleartext_login);
	mp_parse_capabilities(MP_PROTO_MANAGESIEVE, TEXT("\"SASL\" "
	    "\"CRAM-MD5\"\r\n\"STARTTLS\"\r\nOK\r\n"), &caps);
	assert_false(caps.cleartext_login);
}

/* Cyrus offers a dozen mechanisms: all are kept, PLAIN and LOGIN last. */
static void
test_mechanisms_are_kept_whole(void **state)
{
	static const char cyrus[] = "* CAPABILITY IMAP4rev1 STARTTLS "
	    "AUTH=SCRAM-SHA-256-PLUS AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-1-PLUS "
	    "AUTH=SCRAM-SHA-1 AUTH=DIGEST-MD5 AUTH=CRAM-MD5 AUTH=NTLM "
	    "AUTH=GSS-SPNEGO AUTH=GSSAPI AUTH=OTP AUTH=PLAIN AUTH=LOGIN\r\n"
	    "M1 OK done\r\n";
	struct mp_capabilities caps;
	char many[2000];
	size_t i;

	(void)state;
	mp_parse_capabilities(MP_PROTO_IMAP, cyrus, sizeof cyrus - 1, &caps);
	assert_string_equal(caps.auth, "SCRAM-SHA-256-PLUS SCRAM-SHA-256 "
	    "SCRAM-SHA-1-PLUS SCRAM-SHA-1 DIGEST-MD5 CRAM-MD5 NTLM GSS-SPNEGO "
	    "GSSAPI OTP PLAIN LOGIN");
	assert_true(caps.cleartext_login);
	assert_false(caps.auth_cut);
	/* More than there is room for: cut, but never PLAIN or LOGIN. */
	memcpy(many, "250 AUTH", 8);
	for (i = 8; i + 8 + 14 < sizeof many; i += 8) {
		memcpy(many + i, " XXXX-", 6);
		many[i + 6] = (char)('A' + i / 8 % 26);
		many[i + 7] = (char)('A' + i / 208 % 26);
	}
	memcpy(many + i, " LOGIN PLAIN\r\n", 14);
	mp_parse_capabilities(MP_PROTO_SMTP, many, i + 14, &caps);
	assert_true(caps.auth_cut);
	assert_true(strlen(caps.auth) < MP_AUTH_SIZE);
	assert_non_null(strstr(caps.auth, " LOGIN PLAIN"));
	assert_true(caps.cleartext_login);
}

/* Strings may be literals, {n} or {n+} and n bytes of anything (RFC 5804). */
static void
test_sieve_literals(void **state)
{
	static const char literals[] = "\"IMPLEMENTATION\" {13}\r\n"
	    "NO such thing\r\n\"SASL\" {11+}\r\nPLAIN LOGIN\r\n"
	    "{8}\r\nSTARTTLS\r\nOK\r\n";
	struct mp_capabilities caps;
	size_t n = sizeof literals - 1, cut;

	(void)state;
	/* A literal's text that begins with NO does not end the list. */
	for (cut = 0; cut + 4 < n; cut++)
		assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
		    literals, cut), MP_REPLY_MORE);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE, literals, n),
	    MP_REPLY_DONE);
	mp_parse_capabilities(MP_PROTO_MANAGESIEVE, literals, n, &caps);
	assert_true(caps.starttls);
	assert_string_equal(caps.auth, "PLAIN LOGIN");
	assert_true(caps.cleartext_login);
	/* Quoted strings may hold escaped quotes. */
	mp_parse_capabilities(MP_PROTO_MANAGESIEVE, TEXT("\"IMPLEMENTATION\" "
	    "\"say \\\"NO\\\"\"\r\n\"STARTTLS\"\r\nOK\r\n"), &caps);
	assert_true(caps.starttls);
	/* A literal that cannot be one is malformed. */
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" {1234567890}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" {x}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" {}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" {2}x\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"SASL\" {99}\r\nOK\r\n")), MP_REPLY_MORE);
}

/* Mechanism names are kept to what prints safely, and to the room there is. */
static void
test_mechanisms_are_clean_and_bounded(void **state)
{
	struct mp_capabilities caps;
	char many[600];
	size_t i;

	(void)state;
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("250 AUTH PLAIN \x1b[2J "
	    "LO\"GIN x\x01y CRAM-MD5\r\n"), &caps);
	assert_string_equal(caps.auth, "PLAIN LO GIN CRAM-MD5");
	memcpy(many, "250 AUTH", 8);
	/* Distinct names, as a repeated one is listed once. */
	for (i = 8; i + 4 < sizeof many; i += 4) {
		many[i] = ' ';
		many[i + 1] = 'M';
		many[i + 2] = (char)('A' + i / 4 % 26);
		many[i + 3] = (char)('A' + i / 104 % 26);
	}
	memcpy(many + i, "\r\n", 2);
	mp_parse_capabilities(MP_PROTO_SMTP, many, i + 2, &caps);
	assert_true(strlen(caps.auth) < MP_AUTH_SIZE);
	assert_true(strlen(caps.auth) > 80);
}

static void
test_tls_reply(void **state)
{
	static const unsigned char hello[] = { 0x16, 0x03, 0x03, 0x00, 0x7a,
		0x02, 0x00, 0x00, 0x76 };
	static const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	static const unsigned char not_hello[] = { 0x16, 0x03, 0x03, 0x00,
		0x10, 0x01 };
	static const unsigned char long_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x10, 0x02 };
	static const unsigned char huge[] = { 0x16, 0x03, 0x03, 0xff, 0xff, 2 };
	static const unsigned char version[] = { 0x16, 0x02, 0x00 };

	(void)state;
	assert_int_equal(mp_tls_reply(hello, sizeof hello), MP_TLS_REPLY_HELLO);
	assert_int_equal(mp_tls_reply(alert, sizeof alert), MP_TLS_REPLY_ALERT);
	assert_int_equal(mp_tls_reply(hello, 0), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(hello, 2), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(hello, 5), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_reply(not_hello, sizeof not_hello),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(long_alert, sizeof long_alert),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(huge, sizeof huge), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(version, sizeof version),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply((const unsigned char *)"* OK", 4),
	    MP_TLS_REPLY_NOT);
}

/* An alert in answer to the ClientHello: TLS, refused, and why. */
static void
test_tls_alerts_are_named(void **state)
{
	static const unsigned char version[] = { 0x15, 0x03, 0x01, 0x00, 0x02,
		0x02, 0x46 };
	static const unsigned char failure[] = { 0x15, 0x03, 0x03, 0x00, 0x02,
		0x02, 0x28 };
	/* A warning that the name is unknown, then the ServerHello anyway. */
	static const unsigned char name_then_hello[] = { 0x15, 0x03, 0x03,
		0x00, 0x02, 0x01, 0x70, 0x16, 0x03, 0x03, 0x00, 0x7a, 0x02 };
	static const unsigned char hello[] = { 0x16, 0x03, 0x03, 0x00, 0x7a,
		0x02 };

	(void)state;
	assert_int_equal(mp_tls_reply(version, sizeof version),
	    MP_TLS_REPLY_ALERT);
	assert_int_equal(mp_tls_alert(version, sizeof version), 70);
	assert_int_equal(mp_tls_alert(failure, sizeof failure), 40);
	assert_int_equal(mp_tls_alert(version, 6), -1);
	assert_int_equal(mp_tls_alert(hello, sizeof hello), -1);
	assert_string_equal(mp_tls_alert_name(70), "protocol_version");
	assert_string_equal(mp_tls_alert_name(40), "handshake_failure");
	assert_string_equal(mp_tls_alert_name(112), "unrecognized_name");
	assert_null(mp_tls_alert_name(255));
	assert_int_equal(mp_tls_reply(name_then_hello, sizeof name_then_hello),
	    MP_TLS_REPLY_HELLO);
	assert_int_equal(mp_tls_reply(name_then_hello, 7), MP_TLS_REPLY_MORE);
	assert_int_equal(mp_tls_alert(name_then_hello, 7), 112);
	assert_int_equal(mp_tls_alert(name_then_hello,
	    sizeof name_then_hello), -1);
}

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Finds an extension of the ClientHello; returns its data or NULL. */
static const unsigned char *
extension(const unsigned char *hello, size_t len, unsigned type,
    unsigned *ext_len)
{
	size_t at = 5 + 4 + 2 + 32;

	at += 1 + hello[at];			/* session id */
	at += 2 + get16(hello + at);		/* cipher suites */
	at += 1 + hello[at];			/* compression */
	assert_int_equal(get16(hello + at), len - at - 2);
	for (at += 2; at + 4 <= len; at += 4 + get16(hello + at + 2))
		if (get16(hello + at) == type) {
			*ext_len = get16(hello + at + 2);
			return hello + at + 4;
		}
	return NULL;
}

static void
test_client_hello_is_well_formed(void **state)
{
	unsigned char hello[MP_HELLO_SIZE];
	size_t len = mp_client_hello(hello, "mail.example.com");
	const unsigned char *sni;
	unsigned sni_len;

	(void)state;
	assert_true(len > 100 && len <= MP_HELLO_SIZE);
	assert_int_equal(hello[0], 0x16);
	assert_int_equal(get16(hello + 3), len - 5);
	assert_int_equal(hello[5], 1);
	assert_int_equal((unsigned)hello[6] << 16 | get16(hello + 7), len - 9);
	assert_int_equal(get16(hello + 9), 0x0303);
	sni = extension(hello, len, 0x0000, &sni_len);
	assert_non_null(sni);
	assert_int_equal(sni_len, 16 + 5);
	assert_memory_equal(sni + 5, "mail.example.com", 16);
	assert_non_null(extension(hello, len, 0x002b, &sni_len));
	assert_non_null(extension(hello, len, 0x0033, &sni_len));
	/* An address is no name for SNI. */
	len = mp_client_hello(hello, "192.0.2.1");
	assert_null(extension(hello, len, 0x0000, &sni_len));
	len = mp_client_hello(hello, "2001:db8::1");
	assert_null(extension(hello, len, 0x0000, &sni_len));
}

static void
test_mp_probe_targets_takes_the_port_given(void **state)
{
	struct mp_probe_target targets[4];
	struct mp_query query;

	(void)state;
	query_of(&query, "imap");
	assert_int_equal(mp_probe_targets(&query, 10993, targets, 4), 1);
	assert_int_equal(targets[0].port, 10993);
	assert_int_equal(targets[0].expected, MP_PROTO_IMAP);
	assert_false(targets[0].implicit);
	/* No words: the table says what the port is for. */
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 993, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_IMAP);
	assert_true(targets[0].implicit);
	query_of(&query, "implicit");
	assert_int_equal(mp_probe_targets(&query, 2525, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_SMTP);
	assert_true(targets[0].implicit);
	/* Two protocols asked for: the table's, if it knows the port. */
	query_of(&query, "imap pop3");
	assert_int_equal(mp_probe_targets(&query, 995, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_POP3);
	assert_int_equal(mp_probe_targets(&query, 10995, targets, 4), 1);
	assert_int_equal(targets[0].expected, MP_PROTO_UNKNOWN);
}

/*
 * A client must not speak first where plaintext greets (RFC 5321 section
 * 3.1): only a port of no known protocol may be tried with TLS after
 * silence.
 */
static void
test_mp_probe_targets_guesses_tls_only_where_nothing_is_known(void **state)
{
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i;

	(void)state;
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 10993, targets, 4), 1);
	assert_true(targets[0].guess_tls);
	assert_int_equal(mp_probe_targets(&query, 587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	assert_int_equal(mp_probe_targets(&query, 25, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "smtp");
	assert_int_equal(mp_probe_targets(&query, 10587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "starttls");
	assert_int_equal(mp_probe_targets(&query, 10587, targets, 4), 1);
	assert_false(targets[0].guess_tls);
	query_of(&query, "");
	n = mp_probe_targets(&query, 0, targets, MP_PORTS_MAX);
	for (i = 0; i < n; i++)
		assert_false(targets[i].guess_tls);
}

/* Behind implicit TLS the protocol is the port's, whatever the words say. */
static void
test_mp_port_protocol_is_the_tables(void **state)
{
	(void)state;
	assert_int_equal(mp_port_protocol(993), MP_PROTO_IMAP);
	assert_int_equal(mp_port_protocol(995), MP_PROTO_POP3);
	assert_int_equal(mp_port_protocol(465), MP_PROTO_SMTP);
	assert_int_equal(mp_port_protocol(4190), MP_PROTO_MANAGESIEVE);
	assert_int_equal(mp_port_protocol(10993), MP_PROTO_UNKNOWN);
}

static void
test_mp_probe_targets_picks_the_tables_ports(void **state)
{
	struct mp_probe_target targets[MP_PORTS_MAX];
	struct mp_query query;
	size_t n, i;

	(void)state;
	query_of(&query, "imap");
	n = mp_probe_targets(&query, 0, targets, MP_PORTS_MAX);
	assert_int_equal(n, 2);
	assert_int_equal(targets[0].port, 993);
	assert_true(targets[0].implicit);
	assert_int_equal(targets[1].port, 143);
	assert_false(targets[1].implicit);
	for (i = 0; i < n; i++)
		assert_int_equal(targets[i].expected, MP_PROTO_IMAP);
	query_of(&query, "");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 3), 3);
}

static void
test_mp_probe_targets_refuses_what_a_probe_cannot_speak(void **state)
{
	struct mp_probe_target targets[4];
	struct mp_query query;

	(void)state;
	query_of(&query, "odmr");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 4), 0);
	query_of(&query, "imap");
	assert_int_equal(mp_probe_targets(&query, 0, targets, 0), 0);
	assert_int_equal(mp_probe_targets(&query, 993, targets, 0), 0);
}

static void
test_mp_probe_fill_crosses_targets_and_addresses(void **state)
{
	static const struct mp_probe_target targets[2] = {
		{ 993, MP_PROTO_IMAP, true, false },
		{ 143, MP_PROTO_IMAP, false, false }
	};
	struct mp_probe_result results[4];
	struct mp_address addresses[2];

	(void)state;
	assert_true(mp_parse_address("192.0.2.1", 0, &addresses[0]));
	assert_true(mp_parse_address("2001:db8::1", 0, &addresses[1]));
	assert_int_equal(mp_probe_fill(results, 4, addresses, 2, targets, 2,
	    "mail.example.com"), 4);
	/* Each result carries its own name for SNI. */
	assert_string_equal(results[0].server, "mail.example.com");
	assert_string_equal(results[3].server, "mail.example.com");
	assert_string_equal(results[0].address, "192.0.2.1");
	assert_string_equal(results[1].address, "2001:db8::1");
	assert_string_equal(results[2].address, "192.0.2.1");
	assert_int_equal(results[1].sockaddr.ss_family, AF_INET6);
	assert_int_equal(results[1].sockaddr_len, sizeof (struct sockaddr_in6));
	assert_int_equal(results[1].port, 993);
	assert_true(results[1].expect_tls);
	assert_int_equal(results[3].port, 143);
	assert_int_equal(results[3].expected, MP_PROTO_IMAP);
	assert_false(results[3].expect_tls);
	assert_int_equal(results[3].banner_len, 0);
	/* No more than there is room for. */
	assert_int_equal(mp_probe_fill(results, 3, addresses, 2, targets, 2,
	    ""), 3);
	assert_string_equal(results[0].server, "");
	assert_int_equal(mp_probe_fill(results, 4, addresses, 0, targets, 2,
	    "mail.example.com"), 0);
}

static struct mp_probe_result
result(unsigned port, enum mp_protocol protocol, enum mp_found_tls tls)
{
	struct mp_probe_result r;

	memset(&r, 0, sizeof r);
	r.port = port;
	r.protocol = protocol;
	r.expected = protocol;
	r.state = MP_STATE_OPEN;
	r.tls = tls;
	return r;
}

static void
test_verdict_prefers_the_tables_order_and_skips_relays(void **state)
{
	struct mp_probe_result r[6];

	(void)state;
	r[0] = result(25, MP_PROTO_SMTP, MP_FOUND_STARTTLS);
	r[1] = result(465, MP_PROTO_SMTP, MP_FOUND_IMPLICIT);
	r[2] = result(587, MP_PROTO_SMTP, MP_FOUND_STARTTLS);
	r[3] = result(143, MP_PROTO_IMAP, MP_FOUND_NONE);
	r[4] = result(993, MP_PROTO_IMAP, MP_FOUND_UNKNOWN);
	r[5] = result(10993, MP_PROTO_IMAP, MP_FOUND_IMPLICIT);
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_SMTP), &r[2]);
	r[2].state = MP_STATE_TIMEOUT;
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_SMTP), &r[1]);
	r[1].tls = MP_FOUND_NONE;
	assert_null(mp_probe_verdict(r, 6, MP_PROTO_SMTP));
	/* A port outside the table counts after the table's. */
	assert_ptr_equal(mp_probe_verdict(r, 6, MP_PROTO_IMAP), &r[5]);
	assert_null(mp_probe_verdict(r, 6, MP_PROTO_POP3));
	assert_false(mp_result_secure(&r[3]));
	assert_true(mp_result_secure(&r[5]));
	/* Relay ports and ports of no known protocol never work securely. */
	assert_false(mp_result_secure(&r[0]));
	r[5].protocol = MP_PROTO_UNKNOWN;
	assert_false(mp_result_secure(&r[5]));
	assert_true(mp_relay_port(25));
	assert_false(mp_relay_port(587));
}

static void
test_names_of_states_and_warnings(void **state)
{
	unsigned bit;

	(void)state;
	assert_string_equal(mp_state_key(MP_STATE_TIMEOUT), "timeout");
	assert_string_equal(mp_found_tls_key(MP_FOUND_STARTTLS), "starttls");
	assert_string_equal(mp_warning_key(MP_WARN_CLEARTEXT_LOGIN),
	    "cleartext-login");
	assert_string_equal(mp_warning_key(MP_WARN_UNFINISHED), "unfinished");
	for (bit = 0; bit < MP_NWARNINGS; bit++) {
		assert_true(strlen(mp_warning_key(1u << bit)) > 3);
		assert_true(strlen(mp_warning_text(1u << bit)) > 10);
	}
}


/* The corners of each parser: what ends a line, a reply, a list. */
static void
test_parser_corners(void **state)
{
	static const unsigned char short_alert[] = { 0x15, 0x03, 0x03, 0x00,
		0x02, 0x05, 0x28 };
	static const unsigned char empty_record[] = { 0x16, 0x03, 0x03, 0x00,
		0x00, 0x02 };
	static const unsigned char tls10[] = { 0x16, 0x03, 0x01, 0x00, 0x02,
		0x02, 0 };
	static const unsigned char tls99[] = { 0x16, 0x03, 0x09, 0x00, 0x04 };
	static const unsigned char hello3[] = { 0x16, 0x03, 0x03, 0x00, 0x03,
		0x02 };
	struct mp_capabilities caps;
	unsigned char hello[MP_HELLO_SIZE];
	char name[300];

	(void)state;
	/* Lines may end in LF alone; a code alone is a last line. */
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP, TEXT("220\n")),
	    MP_REPLY_DONE);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP, TEXT("22\n")),
	    MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP, TEXT("2x0 hi\n")),
	    MP_REPLY_BAD);
	assert_int_equal(mp_greeting_status(MP_PROTO_SMTP, TEXT("220x hi\n")),
	    MP_REPLY_BAD);
	assert_int_equal(mp_greeting_protocol(TEXT("421 busy\r\n")),
	    MP_PROTO_SMTP);
	assert_int_equal(mp_greeting_protocol(TEXT("220x\r\n")),
	    MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_protocol(TEXT("-ERR no\r\n")),
	    MP_PROTO_POP3);
	assert_int_equal(mp_greeting_protocol(TEXT("* PREAUTH hi\r\n")),
	    MP_PROTO_IMAP);
	assert_int_equal(mp_greeting_protocol(TEXT("\"1\"\r\n")),
	    MP_PROTO_UNKNOWN);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("\"A\"\nno \"x\"\n")), MP_REPLY_DONE);
	assert_int_equal(mp_greeting_status(MP_PROTO_MANAGESIEVE,
	    TEXT("BYE \"x\"\n")), MP_REPLY_DONE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3, TEXT("+OK")),
	    MP_REPLY_MORE);
	assert_int_equal(mp_capability_status(MP_PROTO_POP3,
	    TEXT("+OK\n..\n.\n")), MP_REPLY_DONE);
	/* Capability lists, in lower case and with odd spacing. */
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("250-mx\n250-auth=login\n"
	    "250 auth plain login\n"), &caps);
	assert_string_equal(caps.auth, "LOGIN PLAIN");
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("250\n250-X\n"), &caps);
	assert_string_equal(caps.auth, "");
	mp_parse_capabilities(MP_PROTO_IMAP, TEXT("* PREAUTH [CAPABILITY  "
	    "IMAP4rev1  starttls logindisabled auth=x_y] hi\n"), &caps);
	assert_true(caps.starttls);
	assert_string_equal(caps.auth, "X_Y");
	mp_parse_capabilities(MP_PROTO_UNKNOWN, TEXT("STARTTLS\n"), &caps);
	assert_false(caps.starttls);
	mp_parse_capabilities(MP_PROTO_POP3, TEXT("stls\nsasl plain\n"), &caps);
	assert_true(caps.starttls);
	assert_string_equal(caps.auth, "PLAIN");
	/* TLS records of other versions, sizes and alert levels. */
	assert_int_equal(mp_tls_reply(short_alert, sizeof short_alert),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(empty_record, sizeof empty_record),
	    MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls10, sizeof tls10), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls99, sizeof tls99), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(hello3, sizeof hello3), MP_TLS_REPLY_NOT);
	assert_int_equal(mp_tls_reply(tls99, 4), MP_TLS_REPLY_NOT);
	/* No SNI for an empty name, one too long, or one with odd bytes. */
	memset(name, 'a', 260);
	name[260] = '\0';
	assert_true(mp_client_hello(hello, "") > 0);
	assert_true(mp_client_hello(hello, name) > 0);
	assert_true(mp_client_hello(hello, "MAIL.Example.com") >
	    mp_client_hello(hello, "mail_1.example"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_greeting_names_the_protocol),
		cmocka_unit_test(test_greeting_ends_as_each_protocol_says),
		cmocka_unit_test(test_commands_are_only_capabilities_and_goodbyes),
		cmocka_unit_test(test_greeting_may_list_the_capabilities),
		cmocka_unit_test(test_capability_answers_end_as_each_protocol_says),
		cmocka_unit_test(test_smtp_capabilities),
		cmocka_unit_test(test_smtp_replies_are_read_line_by_line),
		cmocka_unit_test(test_pop3_capabilities),
		cmocka_unit_test(test_imap_capabilities),
		cmocka_unit_test(test_sieve_capabilities),
		cmocka_unit_test(test_sieve_literals),
		cmocka_unit_test(test_cleartext_login_is_only_for_passwords),
		cmocka_unit_test(test_mechanisms_are_kept_whole),
		cmocka_unit_test(test_mechanisms_are_clean_and_bounded),
		cmocka_unit_test(test_tls_reply),
		cmocka_unit_test(test_tls_alerts_are_named),
		cmocka_unit_test(test_client_hello_is_well_formed),
		cmocka_unit_test(test_mp_probe_targets_takes_the_port_given),
		cmocka_unit_test(test_mp_probe_targets_guesses_tls_only_where_nothing_is_known),
		cmocka_unit_test(test_mp_port_protocol_is_the_tables),
		cmocka_unit_test(test_mp_probe_targets_picks_the_tables_ports),
		cmocka_unit_test(test_mp_probe_targets_refuses_what_a_probe_cannot_speak),
		cmocka_unit_test(test_mp_probe_fill_crosses_targets_and_addresses),
		cmocka_unit_test(test_verdict_prefers_the_tables_order_and_skips_relays),
		cmocka_unit_test(test_names_of_states_and_warnings),
		cmocka_unit_test(test_parser_corners),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

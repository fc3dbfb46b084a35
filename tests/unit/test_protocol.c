/*
 * test_protocol.c - greetings, capability commands, capability lists and
 * the answers to STARTTLS are read right, row by row of the protocol
 * handlers, bounded, and whatever a server sends is survived.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "protocol.h"

#define TEXT(s) s, sizeof s - 1

static const struct mp_protocol_handler *
of(enum mp_protocol protocol)
{
	return mp_protocol_handler(protocol);
}

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

/* A protocol has a handler of its own when a probe speaks it. */
static void
test_handlers_are_for_the_protocols_probed(void **state)
{
	(void)state;
	assert_true(mp_probed_protocol(MP_PROTO_SMTP));
	assert_true(mp_probed_protocol(MP_PROTO_IMAP));
	assert_true(mp_probed_protocol(MP_PROTO_POP3));
	assert_true(mp_probed_protocol(MP_PROTO_MANAGESIEVE));
	assert_false(mp_probed_protocol(MP_PROTO_ODMR));
	assert_false(mp_probed_protocol(MP_PROTO_UNKNOWN));
	assert_int_equal(of(MP_PROTO_IMAP)->protocol, MP_PROTO_IMAP);
	assert_int_equal(of(MP_PROTO_POP2)->protocol, MP_PROTO_UNKNOWN);
}

static void
test_greeting_ends_as_each_protocol_says(void **state)
{
	(void)state;
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("220-first\r\n")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("220-first\r\n220 last\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("220 no line end")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("220-first\r\nnonsense\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_IMAP)->greeting_status(
	    TEXT("* OK hi\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->greeting_status(
	    TEXT("+OK hi")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" \"PLAIN\"\r\n")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" \"PLAIN\"\r\nOK \"ready\"\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_UNKNOWN)->greeting_status(
	    TEXT("SSH-2.0\n")), MP_REPLY_DONE);
}

static void
test_commands_are_only_capabilities_and_goodbyes(void **state)
{
	(void)state;
	assert_string_equal(of(MP_PROTO_SMTP)->capability_command,
	    "EHLO mailports.invalid\r\n");
	assert_string_equal(of(MP_PROTO_POP3)->capability_command, "CAPA\r\n");
	assert_string_equal(of(MP_PROTO_IMAP)->capability_command,
	    "M1 CAPABILITY\r\n");
	assert_null(of(MP_PROTO_MANAGESIEVE)->capability_command);
	assert_null(of(MP_PROTO_UNKNOWN)->capability_command);
	assert_string_equal(of(MP_PROTO_SMTP)->quit_command, "QUIT\r\n");
	assert_string_equal(of(MP_PROTO_POP3)->quit_command, "QUIT\r\n");
	assert_string_equal(of(MP_PROTO_IMAP)->quit_command, "M2 LOGOUT\r\n");
	assert_string_equal(of(MP_PROTO_MANAGESIEVE)->quit_command,
	    "LOGOUT\r\n");
	assert_null(of(MP_PROTO_UNKNOWN)->quit_command);
	/*
	 * The upgrade to TLS: RFC 3207 (SMTP), RFC 9051 section 6.2.1 (IMAP,
	 * tagged), RFC 2595 section 4 (POP3), RFC 5804 section 2.2.
	 */
	assert_string_equal(of(MP_PROTO_SMTP)->starttls_command,
	    "STARTTLS\r\n");
	assert_string_equal(of(MP_PROTO_IMAP)->starttls_command,
	    "M3 STARTTLS\r\n");
	assert_string_equal(of(MP_PROTO_POP3)->starttls_command, "STLS\r\n");
	assert_string_equal(of(MP_PROTO_MANAGESIEVE)->starttls_command,
	    "STARTTLS\r\n");
	assert_null(of(MP_PROTO_UNKNOWN)->starttls_command);
}

/*
 * The answer to STARTTLS, for each protocol: DONE when the server waits
 * for the ClientHello, REFUSED when it declines, BAD when it says what
 * the protocol does not, MORE while the answer is cut short.
 */
static void
test_starttls_answers_end_as_each_protocol_says(void **state)
{
	static const struct {
		enum mp_protocol protocol;
		const char *text;
		enum mp_reply want;
	} rows[] = {
		/* RFC 3207 section 4: 220 to go on, 454 or 501 not. */
		{ MP_PROTO_SMTP, "220 2.0.0 Ready to start TLS\r\n",
		  MP_REPLY_DONE },
		{ MP_PROTO_SMTP, "220-ready\r\n220 go\r\n", MP_REPLY_DONE },
		{ MP_PROTO_SMTP, "220 go\r\n250 injected\r\n", MP_REPLY_DONE },
		{ MP_PROTO_SMTP, "220 go\n", MP_REPLY_DONE },
		{ MP_PROTO_SMTP, "454 4.7.0 TLS not available\r\n",
		  MP_REPLY_REFUSED },
		{ MP_PROTO_SMTP, "501 5.5.4 Syntax error\r\n",
		  MP_REPLY_REFUSED },
		{ MP_PROTO_SMTP, "421 4.3.2 closing\r\n", MP_REPLY_REFUSED },
		{ MP_PROTO_SMTP, "", MP_REPLY_MORE },
		{ MP_PROTO_SMTP, "220 Ready to st", MP_REPLY_MORE },
		{ MP_PROTO_SMTP, "220-ready\r\n", MP_REPLY_MORE },
		{ MP_PROTO_SMTP, "220-ready\r\n220 go", MP_REPLY_MORE },
		{ MP_PROTO_SMTP, "ready\r\n", MP_REPLY_BAD },
		{ MP_PROTO_SMTP, "220-ready\r\n454 no\r\n", MP_REPLY_BAD },
		{ MP_PROTO_SMTP, "\x16\x03\x03\x01\x02\n", MP_REPLY_BAD },
		/* RFC 9051 section 6.2.1: the tagged answer, after untagged. */
		{ MP_PROTO_IMAP, "M3 OK Begin TLS negotiation now\r\n",
		  MP_REPLY_DONE },
		{ MP_PROTO_IMAP, "* OK still here\r\nM3 OK go\r\n",
		  MP_REPLY_DONE },
		{ MP_PROTO_IMAP, "M3 NO not now\r\n", MP_REPLY_REFUSED },
		{ MP_PROTO_IMAP, "M3 BAD unknown command\r\n",
		  MP_REPLY_REFUSED },
		{ MP_PROTO_IMAP, "", MP_REPLY_MORE },
		{ MP_PROTO_IMAP, "M3 OK Beg", MP_REPLY_MORE },
		{ MP_PROTO_IMAP, "* OK untagged\r\n", MP_REPLY_MORE },
		{ MP_PROTO_IMAP, "* OK untagged\r\nM3 O", MP_REPLY_MORE },
		{ MP_PROTO_IMAP, "M1 OK done\r\n", MP_REPLY_BAD },
		{ MP_PROTO_IMAP, "+ go ahead\r\n", MP_REPLY_BAD },
		{ MP_PROTO_IMAP, "\r\nM3 OK go\r\n", MP_REPLY_BAD },
		/* RFC 2595 section 4: +OK or -ERR. */
		{ MP_PROTO_POP3, "+OK Begin TLS negotiation\r\n",
		  MP_REPLY_DONE },
		{ MP_PROTO_POP3, "-ERR not now\r\n", MP_REPLY_REFUSED },
		{ MP_PROTO_POP3, "", MP_REPLY_MORE },
		{ MP_PROTO_POP3, "+OK Begin", MP_REPLY_MORE },
		{ MP_PROTO_POP3, "* OK\r\n", MP_REPLY_BAD },
		{ MP_PROTO_POP3, "220 go\r\n", MP_REPLY_BAD },
		/* RFC 5804 section 2.2: OK, or NO or BYE. */
		{ MP_PROTO_MANAGESIEVE, "OK \"Begin TLS negotiation now\"\r\n",
		  MP_REPLY_DONE },
		{ MP_PROTO_MANAGESIEVE, "OK\r\n", MP_REPLY_DONE },
		{ MP_PROTO_MANAGESIEVE, "NO \"not now\"\r\n",
		  MP_REPLY_REFUSED },
		{ MP_PROTO_MANAGESIEVE, "BYE \"going\"\r\n", MP_REPLY_REFUSED },
		{ MP_PROTO_MANAGESIEVE, "", MP_REPLY_MORE },
		{ MP_PROTO_MANAGESIEVE, "OK \"Begin", MP_REPLY_MORE },
		{ MP_PROTO_MANAGESIEVE, "\"SASL\" \"PLAIN\"\r\n",
		  MP_REPLY_BAD },
		{ MP_PROTO_MANAGESIEVE, "+OK\r\n", MP_REPLY_BAD },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		enum mp_reply got = of(rows[i].protocol)->starttls_status(
		    rows[i].text, strlen(rows[i].text));

		if (got != rows[i].want)
			fail_msg("row %zu, \"%s\": %d, wanted %d", i,
			    rows[i].text, (int)got, (int)rows[i].want);
	}
	/* Bytes past the length given are not read: a NUL is a byte. */
	assert_int_equal(of(MP_PROTO_POP3)->starttls_status(
	    TEXT("+OK\0\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->starttls_status("+OK\r\n", 3),
	    MP_REPLY_MORE);
	assert_null(of(MP_PROTO_UNKNOWN)->starttls_status);
}

/* A greeting that lists the capabilities leaves nothing to ask. */
static void
test_greeting_may_list_the_capabilities(void **state)
{
	(void)state;
	assert_true(of(MP_PROTO_IMAP)->greeting_lists(
	    TEXT("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")));
	assert_true(of(MP_PROTO_IMAP)->greeting_lists(
	    TEXT("* PREAUTH [capability IMAP4rev1] hi\r\n")));
	assert_true(of(MP_PROTO_MANAGESIEVE)->greeting_lists(
	    TEXT("\"STARTTLS\"\r\nOK\r\n")));
	assert_false(of(MP_PROTO_IMAP)->greeting_lists(
	    TEXT("* OK ready\r\n")));
	assert_false(of(MP_PROTO_IMAP)->greeting_lists(
	    TEXT("* OK [ALERT] [CAPABILITY IMAP4rev1]\r\n")));
	assert_false(of(MP_PROTO_SMTP)->greeting_lists(
	    TEXT("220 [CAPABILITY STARTTLS]\r\n")));
	assert_false(of(MP_PROTO_POP3)->greeting_lists(
	    TEXT("+OK ready\r\n")));
}

static void
test_capability_answers_end_as_each_protocol_says(void **state)
{
	(void)state;
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("250-mx\r\n250-STARTTLS\r\n")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("250-mx\r\n250 STARTTLS\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(
	    TEXT("+OK\r\nSTLS\r\n")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(
	    TEXT("+OK\r\nSTLS\r\n.\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(
	    TEXT("-ERR no\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(
	    TEXT("what\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_IMAP)->capability_status(
	    TEXT("* CAPABILITY IMAP4rev1\r\n")), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_IMAP)->capability_status(
	    TEXT("* CAPABILITY IMAP4rev1\r\nM1 OK done\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->capability_status("", 0),
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
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("550-no\r\n250-STARTTLS\r\n550 no\r\n")), MP_REPLY_BAD);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n550-no\r\n"
	    "250-STARTTLS\r\n550 no\r\n"), &caps);
	assert_false(caps.starttls);
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("550-not you\r\n550 go away\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("421 busy\r\n")), MP_REPLY_REFUSED);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220 mx\r\n550-STARTTLS\r\n"
	    "550 AUTH PLAIN\r\n"), &caps);
	assert_false(caps.starttls);
	assert_false(caps.cleartext_login);
	/* No ESMTP at all: an answer, and no STARTTLS in it. */
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("502 what\r\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_SMTP)->capability_status(
	    TEXT("500 what\r\n")), MP_REPLY_DONE);
	/* A greeting's lines are not capabilities, and agree on their code. */
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("220-mx\r\n250-STARTTLS\r\n220 ok\r\n")), MP_REPLY_BAD);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220-mx\r\n220-STARTTLS\r\n"
	    "220 ok\r\n250 mx\r\n"), &caps);
	assert_false(caps.starttls);
	mp_parse_capabilities(MP_PROTO_SMTP, TEXT("220-mx\r\n250-STARTTLS\r\n"
	    "220 ok\r\n250 mx\r\n"), &caps);
	assert_false(caps.starttls);
	/* A greeting that turns the client away. */
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("554 no service\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(
	    TEXT("421-busy\r\n421 later\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(of(MP_PROTO_POP3)->greeting_status(
	    TEXT("-ERR busy\r\n")), MP_REPLY_REFUSED);
	assert_int_equal(of(MP_PROTO_IMAP)->greeting_status(
	    TEXT("* BYE busy\r\n")), MP_REPLY_REFUSED);
	assert_string_equal(of(MP_PROTO_SMTP)->capability_name, "EHLO");
	assert_string_equal(of(MP_PROTO_POP3)->capability_name, "CAPA");
	assert_string_equal(of(MP_PROTO_IMAP)->capability_name, "CAPABILITY");
	assert_null(of(MP_PROTO_MANAGESIEVE)->capability_name);
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
		assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
		    literals, cut), MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(literals, n),
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
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" {1234567890}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" {x}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" {}\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"SASL\" {2}x\r\nOK\r\n")), MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
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

/* The corners of each reader: what ends a line, a reply, a list. */
static void
test_parser_corners(void **state)
{
	struct mp_capabilities caps;

	(void)state;
	/* Lines may end in LF alone; a code alone is a last line. */
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(TEXT("220\n")),
	    MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(TEXT("22\n")),
	    MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(TEXT("2x0 hi\n")),
	    MP_REPLY_BAD);
	assert_int_equal(of(MP_PROTO_SMTP)->greeting_status(TEXT("220x hi\n")),
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
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("\"A\"\nno \"x\"\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_MANAGESIEVE)->greeting_status(
	    TEXT("BYE \"x\"\n")), MP_REPLY_DONE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(TEXT("+OK")),
	    MP_REPLY_MORE);
	assert_int_equal(of(MP_PROTO_POP3)->capability_status(
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
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_greeting_names_the_protocol),
		cmocka_unit_test(test_handlers_are_for_the_protocols_probed),
		cmocka_unit_test(test_greeting_ends_as_each_protocol_says),
		cmocka_unit_test(test_commands_are_only_capabilities_and_goodbyes),
		cmocka_unit_test(test_greeting_may_list_the_capabilities),
		cmocka_unit_test(test_starttls_answers_end_as_each_protocol_says),
		cmocka_unit_test(test_capability_answers_end_as_each_protocol_says),
		cmocka_unit_test(test_smtp_capabilities),
		cmocka_unit_test(test_smtp_replies_are_read_line_by_line),
		cmocka_unit_test(test_pop3_capabilities),
		cmocka_unit_test(test_imap_capabilities),
		cmocka_unit_test(test_sieve_capabilities),
		cmocka_unit_test(test_cleartext_login_is_only_for_passwords),
		cmocka_unit_test(test_mechanisms_are_kept_whole),
		cmocka_unit_test(test_sieve_literals),
		cmocka_unit_test(test_mechanisms_are_clean_and_bounded),
		cmocka_unit_test(test_parser_corners),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_format_probe.c - what a probe found prints as a table with
 * warnings and a verdict, the secure ports, TSV and JSON; whatever the
 * server sent is escaped in all of them.
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
#include "format_probe.h"

static struct mp_probe_result results[5];

static void
set(struct mp_probe_result *r, const char *address, unsigned port,
    enum mp_state state, enum mp_found_tls tls, enum mp_protocol protocol)
{
	memset(r, 0, sizeof *r);
	strcpy(r->request.address, address);
	r->request.target.port = port;
	r->state = state;
	r->tls = tls;
	r->protocol = protocol;
	r->request.target.expected = protocol;
}

/* An implicit TLS port, a STARTTLS one with a hostile greeting, a closed
 * one, an error, and a flood. */
static int
setup(void **state)
{
	static const char greeting[] = "* OK [CAPABILITY IMAP4rev1 STARTTLS "
	    "AUTH=PLAIN] \033[2J\007hi";

	(void)state;
	set(&results[0], "192.0.2.1", 993, MP_STATE_OPEN, MP_FOUND_IMPLICIT,
	    MP_PROTO_IMAP);
	results[0].ms = 12;
	set(&results[1], "2001:db8::1", 143, MP_STATE_OPEN, MP_FOUND_STARTTLS,
	    MP_PROTO_IMAP);
	memcpy(results[1].banner, greeting, sizeof greeting - 1);
	results[1].banner_len = sizeof greeting - 1;
	results[1].capabilities.starttls = true;
	strcpy(results[1].capabilities.auth, "PLAIN LOGIN");
	results[1].warnings = MP_WARN_CLEARTEXT_LOGIN;
	set(&results[2], "192.0.2.1", 110, MP_STATE_CLOSED, MP_FOUND_UNKNOWN,
	    MP_PROTO_UNKNOWN);
	results[2].request.target.expected = MP_PROTO_POP3;
	set(&results[3], "192.0.2.1", 587, MP_STATE_ERROR, MP_FOUND_UNKNOWN,
	    MP_PROTO_UNKNOWN);
	results[3].request.target.expected = MP_PROTO_SMTP;
	strcpy(results[3].reason, "host unreachable");
	set(&results[4], "192.0.2.1", 4190, MP_STATE_OPEN, MP_FOUND_UNKNOWN,
	    MP_PROTO_UNKNOWN);
	results[4].warnings = MP_WARN_FLOOD | MP_WARN_NOT_MAIL;
	results[4].capabilities.auth_cut = true;
	results[4].banner_cut = true;
	results[4].ms = 123456;
	return 0;
}

static char *
print(void (*printer)(FILE *, const struct mp_probe_result *, size_t),
    size_t n)
{
	struct capture c;

	capture_start(&c);
	printer(c.fp, results, n);
	return capture_end(&c);
}

static void
test_table_warnings_and_verdict(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_probe_table(c.fp, results, 5, true, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "ADDRESS      PORT  STATE   ENCRYPTION"));
	assert_non_null(strstr(text, "\033[32mSSL/TLS\033[0m"));
	assert_non_null(strstr(text, "\\x1b[2J\\x07hi"));
	assert_null(strchr(text, '\007'));
	assert_non_null(strstr(text, "error   -           -         -"));
	assert_non_null(strstr(text, "host unreachable"));
	assert_non_null(strstr(text, "99999"));
	assert_non_null(strstr(text, "warning: 2001:db8::1 port 143: takes a "
	    "password before TLS"));
	assert_non_null(strstr(text, "warning: 192.0.2.1 port 4190: greets, "
	    "but not as a mail server"));
	assert_non_null(strstr(text, "use: IMAP on port 993, SSL/TLS\n"));
	assert_non_null(strstr(text, "     POP3: no secure port found\n"));
	assert_non_null(strstr(text, "     SMTP: no secure port found\n"));
	assert_null(strstr(text, "no secure way in"));
	free(text);
	/* Nothing secure at all: what to check. */
	capture_start(&c);
	mp_print_probe_table(c.fp, results + 2, 3, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "no secure way in was found"));
	free(text);
}

static void
test_ports_are_the_secure_ones_once(void **state)
{
	char *text;

	(void)state;
	results[2] = results[0];
	strcpy(results[2].request.address, "192.0.2.2");
	text = print(mp_print_probe_ports, 5);
	assert_string_equal(text, "993\n143\n");
	free(text);
	setup(NULL);
}

/* A TLS alert for the ClientHello: named, warned of, and not secure. */
static void
test_refused_tls_is_named_and_not_secure(void **state)
{
	struct mp_probe_result refused[2];
	struct capture c;
	char *text;

	(void)state;
	set(&refused[0], "192.0.2.1", 993, MP_STATE_OPEN, MP_FOUND_IMPLICIT,
	    MP_PROTO_IMAP);
	refused[0].warnings = MP_WARN_TLS_REFUSED;
	refused[0].tls_alert = 70;
	refused[1] = refused[0];
	refused[1].request.target.port = 995;
	refused[1].protocol = MP_PROTO_POP3;
	refused[1].tls_alert = 99;
	assert_false(mp_result_secure(&refused[0]));
	capture_start(&c);
	mp_print_probe_table(c.fp, refused, 2, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "warning: 192.0.2.1 port 993: refused "
	    "the TLS handshake: protocol_version; a client"));
	assert_non_null(strstr(text, "port 995: refused the TLS handshake: "
	    "alert 99;"));
	assert_non_null(strstr(text, "use: IMAP: no secure port found\n"));
	assert_non_null(strstr(text, "no secure way in was found"));
	free(text);
	capture_start(&c);
	mp_print_probe_ports(c.fp, refused, 2);
	text = capture_end(&c);
	assert_string_equal(text, "");
	free(text);
	capture_start(&c);
	mp_print_probe_tsv(c.fp, refused, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\ttls-refused\tprotocol_version\t"));
	free(text);
	capture_start(&c);
	mp_print_probe_json(c.fp, "host", refused, 2);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"tls\":\"implicit\",\"tls_alert\":"
	    "\"protocol_version\","));
	assert_non_null(strstr(text, "\"tls_alert\":\"alert 99\","));
	assert_non_null(strstr(text, "\"verdict\":[],\"secure\":false}"));
	free(text);
}

/*
 * One meaning of secure everywhere: port 25 is for servers relaying mail,
 * and never counts as a way in for a mail client, nor does TLS on a port
 * of no known protocol.
 */
static void
test_relay_port_is_never_secure(void **state)
{
	struct mp_probe_result relay[3];
	struct capture c;
	char *text;

	(void)state;
	set(&relay[0], "192.0.2.1", 25, MP_STATE_OPEN, MP_FOUND_STARTTLS,
	    MP_PROTO_SMTP);
	relay[0].capabilities.starttls = true;
	set(&relay[1], "192.0.2.1", 10465, MP_STATE_OPEN, MP_FOUND_IMPLICIT,
	    MP_PROTO_UNKNOWN);
	set(&relay[2], "192.0.2.1", 587, MP_STATE_OPEN, MP_FOUND_STARTTLS,
	    MP_PROTO_SMTP);
	assert_false(mp_result_secure(&relay[0]));
	assert_false(mp_result_secure(&relay[1]));
	assert_true(mp_result_secure(&relay[2]));
	capture_start(&c);
	mp_print_probe_table(c.fp, relay, 2, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "use: SMTP: no secure port found (port "
	    "25 is for servers relaying mail, not for mail clients)\n"));
	/* 25 the only port with STARTTLS: the ports a client sends on. */
	assert_non_null(strstr(text, "\nport 25 offers STARTTLS, but 25 is for "
	    "servers: a mail client sends on 587 or 465 (mailports --probe "
	    "192.0.2.1 send)\n"));
	assert_null(strstr(text, "no secure way in was found"));
	free(text);
	capture_start(&c);
	mp_print_probe_ports(c.fp, relay, 2);
	text = capture_end(&c);
	assert_string_equal(text, "");
	free(text);
	capture_start(&c);
	mp_print_probe_json(c.fp, "host", relay, 2);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"port\":25,\"secure\":false,"));
	assert_non_null(strstr(text, "\"verdict\":[],\"secure\":false}"));
	free(text);
	/* A STARTTLS port works only for a client set to insist on it. */
	capture_start(&c);
	mp_print_probe_table(c.fp, relay, 3, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "use: SMTP on port 587, STARTTLS (set "
	    "the client to require it)\n"));
	free(text);
	capture_start(&c);
	mp_print_probe_json(c.fp, "host", relay, 3);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"port\":587,\"secure\":true,"));
	assert_non_null(strstr(text, "\"secure\":true}\n"));
	free(text);
}

static void
test_table_wraps_warnings_and_verdict_to_the_width(void **state)
{
	struct mp_probe_result relay[2];
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_print_probe_table(c.fp, results, 5, false, 60);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\nwarning: 2001:db8::1 port 143: takes a "
	    "password before TLS:\n         a client not set"));
	free(text);
	set(&relay[0], "192.0.2.1", 25, MP_STATE_OPEN, MP_FOUND_STARTTLS,
	    MP_PROTO_SMTP);
	relay[0].capabilities.starttls = true;
	set(&relay[1], "192.0.2.1", 10465, MP_STATE_OPEN, MP_FOUND_IMPLICIT,
	    MP_PROTO_UNKNOWN);
	capture_start(&c);
	mp_print_probe_table(c.fp, relay, 2, false, 60);
	text = capture_end(&c);
	assert_non_null(strstr(text, "use: SMTP: no secure port found (port 25 "
	    "is for servers\n     relaying mail, not for mail clients)\n"));
	assert_non_null(strstr(text, "\nport 25 offers STARTTLS, but 25 is for "
	    "servers: a mail\nclient sends on 587 or 465"));
	free(text);
	/* TLS of no known protocol: the general advice, wrapped. */
	capture_start(&c);
	mp_print_probe_table(c.fp, relay + 1, 1, false, 60);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\nno secure way in was found: check the "
	    "host name, that these\nports are open from here"));
	free(text);
	/* Piped, the sentence breaks where it always has. */
	capture_start(&c);
	mp_print_probe_table(c.fp, relay + 1, 1, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "no secure way in was found: check the "
	    "host name, that these ports are open\nfrom here (a firewall may "
	    "drop them), and the server's TLS settings\n"));
	free(text);
}

/*
 * No dead end: every port refusing is nothing listening, on one port or
 * on the host's mail ports, and no firewall is blamed.
 */
static void
test_every_port_refusing_is_nothing_listening(void **state)
{
	struct mp_probe_result closed[2];
	struct capture c;
	char *text;

	(void)state;
	set(&closed[0], "127.0.0.1", 993, MP_STATE_CLOSED, MP_FOUND_UNKNOWN,
	    MP_PROTO_UNKNOWN);
	strcpy(closed[0].request.server, "localhost");
	closed[1] = closed[0];
	closed[1].request.target.port = 143;
	capture_start(&c);
	mp_print_probe_table(c.fp, closed, 2, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\nnothing listens on localhost's mail "
	    "ports: check the host name, and that its mail server runs\n"));
	assert_null(strstr(text, "firewall"));
	free(text);
	capture_start(&c);
	mp_print_probe_table(c.fp, closed, 1, false, 0);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\nnothing listens on localhost's port "
	    "993: check the host name and the port\n"));
	free(text);
	/* A port that answers, closed or not, is not nothing. */
	closed[1].state = MP_STATE_TIMEOUT;
	capture_start(&c);
	mp_print_probe_table(c.fp, closed, 2, false, 0);
	text = capture_end(&c);
	assert_null(strstr(text, "nothing listens"));
	free(text);
}

/*
 * A port that said nothing said it within the timeout it was given,
 * which the warning names, with the --timeout that waits twice as long.
 */
static void
test_silence_is_within_the_timeout(void **state)
{
	struct mp_probe_result silent;
	struct capture c;
	char text[160], *out;

	(void)state;
	set(&silent, "192.0.2.1", 143, MP_STATE_OPEN, MP_FOUND_UNKNOWN,
	    MP_PROTO_UNKNOWN);
	silent.warnings = MP_WARN_SILENT;
	silent.timeout_ms = 1500;
	assert_string_equal(mp_silent_text(text, sizeof text, &silent),
	    "accepted the connection but said nothing within the timeout "
	    "(1500 ms): to wait longer, try --timeout 3");
	silent.timeout_ms = 3600000;
	assert_string_equal(mp_silent_text(text, sizeof text, &silent),
	    "accepted the connection but said nothing within the timeout "
	    "(3600000 ms)");
	silent.timeout_ms = 0;
	assert_string_equal(mp_silent_text(text, sizeof text, &silent),
	    mp_warning_text(MP_WARN_SILENT));
	silent.timeout_ms = 500;
	capture_start(&c);
	mp_print_probe_table(c.fp, &silent, 1, false, 0);
	out = capture_end(&c);
	assert_non_null(strstr(out, "warning: 192.0.2.1 port 143: accepted the "
	    "connection but said nothing within the timeout (500 ms): to wait "
	    "longer, try --timeout 1\n"));
	assert_non_null(strstr(out, "\nno secure way in was found: 192.0.2.1 "
	    "accepted the connection but said nothing within the timeout (500 "
	    "ms): to wait longer, try --timeout 1\n"));
	free(out);
}

static void
test_tsv_and_json(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	text = print(mp_print_probe_tsv, 5);
	/* Columns are added at the end; the first ones never change. */
	assert_true(strncmp(text, "address\tport\tstate\ttls\tprotocol\t"
	    "starttls\tauth\tms\tgreeting\twarnings\ttls_alert\ttls13\t", 76)
	    == 0);
	assert_non_null(strstr(text, "2001:db8::1\t143\topen\tstarttls\timap\t"
	    "yes\tPLAIN LOGIN\t0\t* OK [CAPABILITY IMAP4rev1 STARTTLS "
	    "AUTH=PLAIN] \\x1b[2J\\x07hi\tcleartext-login\t\t"));
	assert_non_null(strstr(text, "\terror\tunknown\t\tno\t\t0\thost "
	    "unreachable\t\t\t"));
	assert_non_null(strstr(text, "\tnot-mail flood\t\t"));
	/* Scripts get the time in full; only the table and JSON cap it. */
	assert_non_null(strstr(text, "\t123456\t"));
	free(text);
	capture_start(&c);
	mp_print_probe_json(c.fp, "host", results, 5);
	text = capture_end(&c);
	assert_true(strncmp(text, "{\"host\":\"host\",\"results\":[{\"address\":"
	    "\"192.0.2.1\",\"port\":993,\"secure\":true,\"state\":\"open\",\"reason\":null,"
	    "\"tls\":\"implicit\",\"tls_alert\":null,\"protocol\":\"imap\","
	    "\"starttls\":false,\"auth\":[],\"auth_cut\":false,\"banner\":\"\","
	    "\"banner_cut\":false,\"ms\":12,\"warnings\":[]}", 244) == 0);
	assert_non_null(strstr(text, "\"auth\":[\"PLAIN\",\"LOGIN\"],"
	    "\"auth_cut\":false"));
	assert_non_null(strstr(text, "\"reason\":\"host unreachable\""));
	assert_non_null(strstr(text, "\"protocol\":null"));
	assert_non_null(strstr(text, "\"ms\":65535"));
	assert_non_null(strstr(text, "\"auth\":[],\"auth_cut\":true"));
	assert_non_null(strstr(text, "\"banner\":\"\",\"banner_cut\":true,"));
	assert_non_null(strstr(text, "\"warnings\":[\"not-mail\",\"flood\"]"));
	assert_non_null(strstr(text, "\"verdict\":[{\"protocol\":\"imap\","
	    "\"address\":\"192.0.2.1\",\"port\":993,\"tls\":\"implicit\"}]"));
	assert_non_null(strstr(text, "\"secure\":true}\n"));
	assert_null(strchr(text, '\033'));
	free(text);
	capture_start(&c);
	mp_print_probe_json(c.fp, "host", results + 2, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"verdict\":[],\"secure\":false}\n"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_warnings_and_verdict),
		cmocka_unit_test(test_ports_are_the_secure_ones_once),
		cmocka_unit_test(test_refused_tls_is_named_and_not_secure),
		cmocka_unit_test(test_relay_port_is_never_secure),
		cmocka_unit_test(
		    test_table_wraps_warnings_and_verdict_to_the_width),
		cmocka_unit_test(test_every_port_refusing_is_nothing_listening),
		cmocka_unit_test(test_silence_is_within_the_timeout),
		cmocka_unit_test(test_tsv_and_json),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

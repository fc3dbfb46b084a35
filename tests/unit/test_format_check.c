/*
 * test_format_check.c - a diagnosis prints as a few lines in the words of
 * the client's dialog, wrapped to the terminal, and as TSV and JSON
 * records with the verdict, the cause and the fix as fields.
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
#include "check.h"

static struct mp_check checks[2];

/* A setting that fails, with a fix; one that works, with none. */
static int
setup(void **state)
{
	(void)state;
	memset(checks, 0, sizeof checks);
	strcpy(checks[0].setting.host, "mail.example.com");
	checks[0].setting.port = 25;
	checks[0].setting.protocol = MP_PROTO_SMTP;
	checks[0].setting.tls = MP_TLS_STARTTLS;
	checks[0].verdict = MP_VERDICT_TIMEOUT;
	strcpy(checks[0].cause, "port 25 does not answer from this network: "
	    "it is \"filtered\"");
	strcpy(checks[0].fix, "Outgoing server: port 587, Connection "
	    "security: STARTTLS");
	checks[0].fix_port = 587;
	checks[0].fix_tls = MP_TLS_STARTTLS;
	strcpy(checks[1].setting.host, "2001:db8::1");
	checks[1].setting.port = 4190;
	checks[1].setting.protocol = MP_PROTO_MANAGESIEVE;
	checks[1].setting.tls = MP_TLS_STARTTLS;
	checks[1].verdict = MP_VERDICT_WORKS_STARTTLS;
	checks[1].secure = true;
	strcpy(checks[1].cause, "the server offers STARTTLS on port 4190");
	strcpy(checks[1].fix, "nothing to change");
	return 0;
}

static void
test_mp_print_check_text_dialog_words(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	mp_print_check_text(c.fp, checks, 2, 0);
	assert_string_equal(capture_end(&c),
	    "setting: Outgoing server mail.example.com, port 25, Connection "
	    "security: STARTTLS\n"
	    "verdict: no answer from this network: filtered (timeout)\n"
	    "cause:   port 25 does not answer from this network: it is "
	    "\"filtered\"\n"
	    "fix:     Outgoing server: port 587, Connection security: "
	    "STARTTLS\n"
	    "\n"
	    "setting: Sieve server 2001:db8::1, port 4190, Connection "
	    "security: STARTTLS\n"
	    "verdict: works if the client insists on STARTTLS "
	    "(works-starttls)\n"
	    "cause:   the server offers STARTTLS on port 4190\n"
	    "fix:     nothing to change\n");
	free(c.text);
}

static void
test_mp_print_check_text_wraps_to_the_terminal(void **state)
{
	struct capture c;
	char *text, *line;

	(void)state;
	capture_start(&c);
	mp_print_check_text(c.fp, checks, 1, 40);
	text = capture_end(&c);
	for (line = strtok(text, "\n"); line != NULL;
	    line = strtok(NULL, "\n"))
		assert_true(strlen(line) <= 40);
	free(text);
	capture_start(&c);
	mp_print_check_text(c.fp, checks, 1, 40);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\n         Connection security: "
	    "STARTTLS\n"));
	free(text);
}

static void
test_mp_print_check_tsv_fields(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	mp_print_check_tsv(c.fp, checks, 2);
	assert_string_equal(capture_end(&c),
	    "host\tport\tprotocol\tdirection\ttls\tverdict\tsecure\tcause\t"
	    "fix\tfix_port\tfix_tls\n"
	    "mail.example.com\t25\tsmtp\toutgoing\tstarttls\ttimeout\tno\t"
	    "port 25 does not answer from this network: it is \"filtered\"\t"
	    "Outgoing server: port 587, Connection security: STARTTLS\t587\t"
	    "starttls\n"
	    "2001:db8::1\t4190\tmanagesieve\tfilters\tstarttls\t"
	    "works-starttls\tyes\tthe server offers STARTTLS on port 4190\t"
	    "nothing to change\t\t\n");
	free(c.text);
}

static void
test_mp_print_check_json_fields(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	mp_print_check_json(c.fp, checks, 2);
	assert_string_equal(capture_end(&c),
	    "[{\"host\":\"mail.example.com\",\"port\":25,\"protocol\":\"smtp\","
	    "\"direction\":\"outgoing\",\"tls\":\"starttls\",\"verdict\":"
	    "\"timeout\",\"secure\":false,\"cause\":\"port 25 does not "
	    "answer from this network: it is \\\"filtered\\\"\",\"fix\":"
	    "\"Outgoing server: port 587, Connection security: STARTTLS\","
	    "\"fix_port\":587,\"fix_tls\":\"starttls\"},"
	    "{\"host\":\"2001:db8::1\",\"port\":4190,\"protocol\":"
	    "\"managesieve\",\"direction\":\"filters\",\"tls\":\"starttls\","
	    "\"verdict\":\"works-starttls\",\"secure\":true,\"cause\":\"the "
	    "server offers STARTTLS on port 4190\",\"fix\":\"nothing to "
	    "change\",\"fix_port\":null,\"fix_tls\":null}]\n");
	free(c.text);
	capture_start(&c);
	mp_print_check_json(c.fp, checks, 0);
	assert_string_equal(capture_end(&c), "[]\n");
	free(c.text);
}

static void
test_mp_print_check_incoming_direction(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	checks[0].setting.protocol = MP_PROTO_IMAP;
	capture_start(&c);
	mp_print_check_tsv(c.fp, checks, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\timap\tincoming\t"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mp_print_check_text_dialog_words,
		    setup),
		cmocka_unit_test_setup(
		    test_mp_print_check_text_wraps_to_the_terminal, setup),
		cmocka_unit_test_setup(test_mp_print_check_tsv_fields, setup),
		cmocka_unit_test_setup(test_mp_print_check_json_fields, setup),
		cmocka_unit_test_setup(test_mp_print_check_incoming_direction,
		    setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

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
#include "format_cert.h"

static struct mp_check checks[2];

/*
 * Where TLS was not reached: no certificate, no findings, no server name
 * to type; 12 empty certificate cells after tls13's.
 */
#define NO_CERT_TSV "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"
#define NO_CERT_JSON ",\"tls13\":null,\"certificate\":null," \
	"\"cert_findings\":[],\"fix_host\":null"

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
	    "fix\tfix_port\tfix_tls" MP_CERT_TSV_HEADER "\tcert_findings\t"
	    "fix_host\n"
	    "mail.example.com\t25\tsmtp\toutgoing\tstarttls\ttimeout\tno\t"
	    "port 25 does not answer from this network: it is \"filtered\"\t"
	    "Outgoing server: port 587, Connection security: STARTTLS\t587\t"
	    "starttls" NO_CERT_TSV "\n"
	    "2001:db8::1\t4190\tmanagesieve\tfilters\tstarttls\t"
	    "works-starttls\tyes\tthe server offers STARTTLS on port 4190\t"
	    "nothing to change\t\t" NO_CERT_TSV "\n");
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
	    "\"fix_port\":587,\"fix_tls\":\"starttls\"" NO_CERT_JSON "},"
	    "{\"host\":\"2001:db8::1\",\"port\":4190,\"protocol\":"
	    "\"managesieve\",\"direction\":\"filters\",\"tls\":\"starttls\","
	    "\"verdict\":\"works-starttls\",\"secure\":true,\"cause\":\"the "
	    "server offers STARTTLS on port 4190\",\"fix\":\"nothing to "
	    "change\",\"fix_port\":null,\"fix_tls\":null" NO_CERT_JSON "}]\n");
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

/* Fails with the whole text when it does not hold part. */
static void
assert_holds(const char *text, const char *part)
{
	if (strstr(text, part) == NULL)
		fail_msg("no '%s' in:\n%s", part, text);
}

/*
 * A setting on 993 whose certificate, for imap.hoster.example and
 * self-signed in its chain of one, a client refuses: diagnosed from a
 * result made as the probe makes it.
 */
static void
cert_check(struct mp_check *check, unsigned findings)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 993, .protocol = MP_PROTO_IMAP, .tls = MP_TLS_IMPLICIT };
	static struct mp_probe_result r;
	struct mp_x509_san *name = &r.cert.names[0];

	memset(&r, 0, sizeof r);
	strcpy(r.request.server, "mail.example.com");
	strcpy(r.request.address, "192.0.2.1");
	r.request.target = (struct mp_probe_target){ 993, MP_PROTO_IMAP,
		true, false };
	r.state = MP_STATE_OPEN;
	r.tls = MP_FOUND_IMPLICIT;
	r.protocol = MP_PROTO_IMAP;
	r.tls_version = 0x0303;
	r.tls13 = MP_ANSWER_NO;
	r.cert.read = true;
	r.cert.findings = findings;
	r.cert.chain = 1;
	strcpy(r.cert.subject, "CN=imap.hoster.example");
	strcpy(r.cert.issuer, "CN=Hoster CA");
	strcpy(r.cert.not_before, "2026-01-01T00:00:00Z");
	r.cert.starts = INT64_C(1767225600);
	strcpy(r.cert.not_after, "2026-03-31T00:00:00Z");
	r.cert.expires = INT64_C(1774915200);
	strcpy(r.cert.key, "RSA 2048");
	strcpy(r.cert.signature, "sha256WithRSAEncryption");
	r.cert.issuer_known = findings & MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED) ?
	    MP_ANSWER_UNKNOWN : MP_ANSWER_YES;
	name->type = MP_X509_SAN_DNS;
	name->usable = true;
	name->len = strlen("imap.hoster.example");
	memcpy(name->bytes, "imap.hoster.example", name->len);
	r.cert.nnames = r.cert.names_total = 1;
	/* 2026-06-01: after the certificate's end. */
	mp_check_diagnose(&setting, &r, 1, INT64_C(1780272000), check);
}

static void
test_mp_print_check_certificate(void **state)
{
	const unsigned name = MP_CERT_BIT(MP_CERT_NAME);
	static struct mp_check check;
	static struct mp_probe_result suggested;
	struct capture c;
	char *text;

	(void)state;
	cert_check(&check, name);
	suggested = check.result;
	strcpy(suggested.request.server, "imap.hoster.example");
	suggested.cert.findings = 0;
	mp_check_suggest(&check, &suggested, 1);
	capture_start(&c);
	mp_print_check_text(c.fp, &check, 1, 80);
	assert_string_equal(capture_end(&c),
	    "setting: Incoming server mail.example.com, port 993, Connection "
	    "security:\n"
	    "         SSL/TLS\n"
	    "verdict: a mail client refuses the certificate: another name "
	    "(cert-name)\n"
	    "cause:   the certificate sent on port 993 is made out to "
	    "imap.hoster.example,\n"
	    "         not to mail.example.com, so a mail client refuses it\n"
	    "fix:     Incoming server: imap.hoster.example, port 993, "
	    "Connection security:\n"
	    "         SSL/TLS, the name its certificate is made out to\n"
	    "  certificate: for imap.hoster.example; from CN=Hoster CA; until "
	    "2026-03-31; a\n"
	    "               mail client refuses it (another name)\n"
	    "signatures are not checked here; openssl checks them:\n"
	    "  openssl s_client -connect mail.example.com:993 \\\n"
	    "    -verify_hostname mail.example.com -verify_return_error "
	    "</dev/null\n");
	free(c.text);
	capture_start(&c);
	mp_print_check_tsv(c.fp, &check, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\t993\timplicit\tno\t"
	    "CN=imap.hoster.example\tCN=Hoster CA\timap.hoster.example\t"));
	assert_non_null(strstr(text, "\tcert-name\timap.hoster.example\n"));
	free(text);
	capture_start(&c);
	mp_print_check_json(c.fp, &check, 1);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"verdict\":\"cert-name\""));
	assert_non_null(strstr(text, "\"fix_port\":993,\"fix_tls\":"
	    "\"implicit\",\"tls13\":false,\"certificate\":{\"subject\":"
	    "\"CN=imap.hoster.example\""));
	assert_non_null(strstr(text, "\"matches\":false,\"issuer_known\":"
	    "true},\"cert_findings\":[\"cert-name\"],\"fix_host\":"
	    "\"imap.hoster.example\"}]\n"));
	free(text);
}

/* No trust store: the output says that the issuer was not judged. */
static void
test_mp_print_check_issuer_not_judged(void **state)
{
	static struct mp_check check;
	struct capture c;
	char *text;

	(void)state;
	cert_check(&check, MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED));
	strcpy(check.result.cert.subject, "CN=mail.example.com");
	capture_start(&c);
	mp_print_check_text(c.fp, &check, 1, 80);
	text = capture_end(&c);
	assert_holds(text, "verdict: the setting works securely "
	    "(works)\n");
	assert_holds(text, "no trust store was found, so the issuer of its\n"
	    "         certificate is not judged\n");
	assert_holds(text, "good by name and dates (issuer not "
	    "judged)\n");
	assert_holds(text, "\nnote: no trust store was found");
	free(text);
	capture_start(&c);
	mp_print_check_json(c.fp, &check, 1);
	text = capture_end(&c);
	assert_holds(text, "\"issuer_known\":null},"
	    "\"cert_findings\":[\"cert-issuer-not-judged\"],\"fix_host\":null");
	free(text);
}

/* Every certificate verdict's lines fit a terminal of 80 columns. */
static void
test_mp_print_check_certificate_fits_80_columns(void **state)
{
	static const enum mp_cert_finding refused[] = {
		MP_CERT_NAME, MP_CERT_EXPIRED, MP_CERT_NOT_YET_VALID,
		MP_CERT_SELF_SIGNED, MP_CERT_INCOMPLETE_CHAIN,
		MP_CERT_UNKNOWN_ISSUER
	};
	static struct mp_check check;
	struct capture c;
	char *text, *line;
	size_t i, lines;

	(void)state;
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		cert_check(&check, MP_CERT_BIT(refused[i]));
		assert_string_equal(mp_verdict_key(check.verdict),
		    mp_cert_finding_key(refused[i]));
		capture_start(&c);
		mp_print_check_text(c.fp, &check, 1, 80);
		text = capture_end(&c);
		lines = 0;
		for (line = strtok(text, "\n"); line != NULL;
		    line = strtok(NULL, "\n"), lines++)
			if (strlen(line) > 80)
				fail_msg("%s: %zu columns: %s",
				    mp_verdict_key(check.verdict), strlen(line),
				    line);
		assert_true(lines >= 8);
		free(text);
	}
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
		cmocka_unit_test(test_mp_print_check_certificate),
		cmocka_unit_test(test_mp_print_check_issuer_not_judged),
		cmocka_unit_test(
		    test_mp_print_check_certificate_fits_80_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

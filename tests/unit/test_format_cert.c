/*
 * test_format_cert.c - what a probe saw of a certificate, written: the
 * line under a TLS row fits 80 columns when wrapped and says the same
 * unwrapped; the warnings, the note on the trust store and the openssl
 * command; the JSON object, escaped; the TSV cells, as many as the
 * header's names.
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
#include "format_cert.h"

static struct mp_probe_result result;

static void
add_name(struct mp_cert_seen *cert, enum mp_x509_san_type type,
    const void *bytes, size_t len)
{
	struct mp_x509_san *name = &cert->names[cert->nnames++];

	name->type = type;
	name->len = len;
	memcpy(name->bytes, bytes, len);
	name->usable = true;
	cert->names_total = cert->nnames;
}

/* An IMAP server on 993 with a certificate of four names, two more. */
static int
setup(void **state)
{
	struct mp_cert_seen *cert = &result.cert;
	size_t i;

	(void)state;
	memset(&result, 0, sizeof result);
	strcpy(result.request.address, "192.0.2.1");
	strcpy(result.request.server, "mail.example.com");
	result.request.target.port = 993;
	result.request.target.implicit = true;
	result.state = MP_STATE_OPEN;
	result.tls = MP_FOUND_IMPLICIT;
	result.protocol = MP_PROTO_IMAP;
	result.tls_version = 0x0303;
	result.tls13 = MP_ANSWER_YES;
	cert->read = true;
	cert->chain = 2;
	strcpy(cert->subject, "CN=imap.hoster.example");
	strcpy(cert->issuer, "CN=R11,O=Let's Encrypt,C=US");
	strcpy(cert->not_before, "2026-12-01T12:00:00Z");
	strcpy(cert->not_after, "2027-03-01T12:00:00Z");
	for (i = 0; i < sizeof cert->sha256; i++)
		cert->sha256[i] = (uint8_t)(i * 9);
	strcpy(cert->key, "RSA 2048");
	strcpy(cert->signature, "sha256WithRSAEncryption");
	cert->issuer_known = MP_ANSWER_YES;
	cert->findings = MP_CERT_BIT(MP_CERT_NAME);
	add_name(cert, MP_X509_SAN_DNS, "imap.hoster.example", 19);
	add_name(cert, MP_X509_SAN_DNS, "smtp.hoster.example", 19);
	add_name(cert, MP_X509_SAN_DNS, "*.mail.hoster.example", 21);
	add_name(cert, MP_X509_SAN_IP, "\xc0\x00\x02\x07", 4);
	cert->names_total = 6;
	return 0;
}

/* What fn writes of result, wrapped to columns. */
static char *
written(void (*fn)(FILE *, const struct mp_probe_result *, size_t),
    size_t columns)
{
	struct capture c;

	capture_start(&c);
	fn(c.fp, &result, columns);
	return capture_end(&c);
}

/* No byte of text is a control byte but those of allowed, nor DEL. */
static void
assert_printable(const char *text, const char *allowed)
{
	for (; *text != '\0'; text++)
		if (((unsigned char)*text < 0x20 || *text == 0x7f) &&
		    strchr(allowed, *text) == NULL)
			fail_msg("a raw byte 0x%02x", (unsigned char)*text);
}

/* Every line of text fits columns, and no byte is a control but LF. */
static void
assert_fits(const char *text, size_t columns)
{
	const char *line = text, *end;

	for (; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		if ((size_t)(end - line) > columns)
			fail_msg("%zu columns: %.*s", (size_t)(end - line),
			    (int)(end - line), line);
	}
	assert_printable(text, "\n");
}

/* text with each line end and the indent after it made one blank. */
static char *
unwrapped(const char *text, size_t indent)
{
	char *out = malloc(strlen(text) + 1), *p = out;

	assert_non_null(out);
	for (; *text != '\0'; text++) {
		if (*text == '\n' && text[1] != '\0') {
			assert_true(strspn(text + 1, " ") == indent);
			text += indent;
			*p++ = ' ';
		} else {
			*p++ = *text;
		}
	}
	*p = '\0';
	return out;
}

static void
test_line_fits_80_columns_and_says_the_same(void **state)
{
	char *wide, *narrow, *joined;

	(void)state;
	wide = written(mp_print_cert_line, 0);
	assert_string_equal(wide, "  certificate: for imap.hoster.example "
	    "smtp.hoster.example *.mail.hoster.example 192.0.2.7 and 2 more; "
	    "from CN=R11,O=Let's Encrypt,C=US; until 2027-03-01; a mail "
	    "client refuses it (another name)\n");
	narrow = written(mp_print_cert_line, 80);
	assert_fits(narrow, 80);
	assert_true(strchr(narrow, '\n') < narrow + strlen(narrow) - 1);
	joined = unwrapped(narrow, strlen("  certificate: "));
	assert_string_equal(joined, wide);
	free(joined);
	free(narrow);
	narrow = written(mp_print_cert_line, 40);
	assert_fits(narrow, 40);
	free(narrow);
	free(wide);
}

/* The judgement in few words, and the findings named. */
static void
test_line_says_what_a_client_makes_of_it(void **state)
{
	struct mp_cert_seen *cert = &result.cert;
	char *text;

	(void)state;
	cert->findings = 0;
	text = written(mp_print_cert_line, 0);
	assert_non_null(strstr(text, "; good by name, dates and issuer\n"));
	free(text);
	cert->findings = MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED);
	text = written(mp_print_cert_line, 0);
	assert_non_null(strstr(text, "; good by name and dates ("));
	free(text);
	cert->self_signed = true;
	cert->findings = MP_CERT_BIT(MP_CERT_SELF_SIGNED) |
	    MP_CERT_BIT(MP_CERT_EXPIRED);
	text = written(mp_print_cert_line, 0);
	assert_non_null(strstr(text, "; self-signed; until 2027-03-01; "
	    "a mail client refuses it (expired, self-signed)\n"));
	assert_null(strstr(text, "from "));
	free(text);
	/* Unread: why, when it is TLS 1.3 alone. */
	cert->read = false;
	cert->findings = MP_CERT_BIT(MP_CERT_UNREAD);
	text = written(mp_print_cert_line, 80);
	assert_string_equal(text, "  certificate: not read\n");
	free(text);
	result.tls_version = 0x0304;
	text = written(mp_print_cert_line, 60);
	assert_fits(text, 60);
	assert_non_null(strstr(text, "TLS 1.3 alone"));
	free(text);
	/* No TLS reached: nothing to say. */
	memset(cert, 0, sizeof *cert);
	text = written(mp_print_cert_line, 80);
	assert_string_equal(text, "");
	free(text);
}

/* A name's control bytes and NULs are escaped, and no raw byte passes. */
static void
test_names_are_escaped(void **state)
{
	struct mp_cert_seen *cert = &result.cert;
	char *text;
	struct capture c;

	(void)state;
	cert->nnames = 0;
	add_name(cert, MP_X509_SAN_DNS, "mail.bank.example\0.evil.example", 31);
	add_name(cert, MP_X509_SAN_DNS, "a\033[2J\"\\b", 8);
	add_name(cert, MP_X509_SAN_DNS, "tab\t.example", 12);
	text = written(mp_print_cert_line, 0);
	assert_non_null(strstr(text, "for mail.bank.example\\x00.evil.example "
	    "a\\x1b[2J\"\\x5cb tab\\x09.example;"));
	assert_fits(text, 300);
	free(text);
	capture_start(&c);
	mp_put_cert_json(c.fp, &result);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\"names\":[\"mail.bank.example\\\\x00."
	    "evil.example\",\"a\\\\x1b[2J\\\"\\\\x5cb\","
	    "\"tab\\\\x09.example\"]"));
	assert_printable(text, "");
	free(text);
	capture_start(&c);
	mp_put_cert_tsv(c.fp, &result);
	text = capture_end(&c);
	assert_non_null(strstr(text, "\tmail.bank.example\\x00.evil.example "
	    "a\\x1b[2J\"\\x5cb tab\\x09.example\t"));
	assert_printable(text, "\t");
	free(text);
}

static void
test_json(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	strcpy(result.cert.subject, "CN=a\\,b \"q\"");
	capture_start(&c);
	mp_put_cert_json(c.fp, &result);
	text = capture_end(&c);
	assert_string_equal(text, ",\"tls13\":true,\"certificate\":{"
	    "\"subject\":\"CN=a\\\\,b \\\"q\\\"\","
	    "\"issuer\":\"CN=R11,O=Let's Encrypt,C=US\","
	    "\"names\":[\"imap.hoster.example\",\"smtp.hoster.example\","
	    "\"*.mail.hoster.example\",\"192.0.2.7\"],\"names_total\":6,"
	    "\"not_before\":\"2026-12-01T12:00:00Z\","
	    "\"not_after\":\"2027-03-01T12:00:00Z\",\"sha256\":\""
	    "0009121b242d363f48515a636c757e879099a2abb4bdc6cfd8e1eaf3fc050e17"
	    "\",\"key\":\"RSA 2048\",\"signature\":\"sha256WithRSAEncryption\","
	    "\"self_signed\":false,\"chain\":2,\"matches\":false,"
	    "\"issuer_known\":true}");
	free(text);
	/* Not read, and no ServerHello: null, null. */
	result.cert.read = false;
	result.cert.issuer_known = MP_ANSWER_UNKNOWN;
	result.tls13 = MP_ANSWER_UNKNOWN;
	capture_start(&c);
	mp_put_cert_json(c.fp, &result);
	text = capture_end(&c);
	assert_string_equal(text, ",\"tls13\":null,\"certificate\":null");
	free(text);
	result.tls13 = MP_ANSWER_NO;
	capture_start(&c);
	mp_put_cert_json(c.fp, &result);
	text = capture_end(&c);
	assert_string_equal(text, ",\"tls13\":false,\"certificate\":null");
	free(text);
}

static size_t
tabs(const char *text)
{
	size_t n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\t';
	return n;
}

/* As many cells as the header names, read or not; yes, no or empty. */
static void
test_tsv_cells_are_the_headers(void **state)
{
	struct capture c;
	char *text;

	(void)state;
	capture_start(&c);
	mp_put_cert_tsv(c.fp, &result);
	text = capture_end(&c);
	assert_int_equal(tabs(text), tabs(MP_CERT_TSV_HEADER));
	assert_string_equal(text, "\tyes\tCN=imap.hoster.example"
	    "\tCN=R11,O=Let's Encrypt,C=US\timap.hoster.example "
	    "smtp.hoster.example *.mail.hoster.example 192.0.2.7"
	    "\t2026-12-01T12:00:00Z\t2027-03-01T12:00:00Z"
	    "\t0009121b242d363f48515a636c757e879099a2abb4bdc6cfd8e1eaf3fc050e17"
	    "\tRSA 2048\tsha256WithRSAEncryption\tno\t2\tno\tyes");
	free(text);
	result.cert.read = false;
	result.tls13 = MP_ANSWER_UNKNOWN;
	capture_start(&c);
	mp_put_cert_tsv(c.fp, &result);
	text = capture_end(&c);
	assert_int_equal(tabs(text), tabs(MP_CERT_TSV_HEADER));
	assert_int_equal(strspn(text, "\t"), strlen(text));
	free(text);
}

/* One warning a finding a person acts on; none after a refusal. */
static void
test_warnings(void **state)
{
	char *text;

	(void)state;
	result.cert.findings = MP_CERT_BIT(MP_CERT_NAME) |
	    MP_CERT_BIT(MP_CERT_SELF_SIGNED) |
	    MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED);
	text = written(mp_print_cert_warnings, 80);
	assert_string_equal(text, "warning: 192.0.2.1 port 993: the "
	    "certificate is made out to another name\n"
	    "warning: 192.0.2.1 port 993: the certificate is self-signed\n");
	free(text);
	result.cert.read = false;
	result.cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
	result.warnings = MP_WARN_TLS_REFUSED;
	text = written(mp_print_cert_warnings, 80);
	assert_string_equal(text, "");
	free(text);
	result.warnings = 0;
	result.tls_version = 0x0304;
	text = written(mp_print_cert_warnings, 80);
	assert_fits(text, 80);
	assert_non_null(strstr(text, "TLS 1.3 alone"));
	free(text);
}

/* The notes after a table, for one result. */
static char *
notes(void)
{
	struct capture c;

	capture_start(&c);
	mp_print_cert_notes(c.fp, &result, 1, 80);
	return capture_end(&c);
}

/*
 * The openssl command checks the host as this program did: a name with
 * -verify_hostname, an address, asked as one or not, with -verify_ip
 * (openssl's -verify_hostname matches no IP entry: it says 62, hostname
 * mismatch, for a certificate made out to the very address).
 */
static void
test_openssl_command(void **state)
{
	char *text;

	(void)state;
	text = notes();
	assert_string_equal(text, "signatures are not checked here; openssl "
	    "checks them:\n"
	    "  openssl s_client -connect mail.example.com:993 \\\n"
	    "    -verify_hostname mail.example.com -verify_return_error "
	    "</dev/null\n");
	free(text);
	result.tls = MP_FOUND_STARTTLS;
	result.request.target.port = 143;
	result.cert.findings = MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED);
	text = notes();
	assert_fits(text, 80);
	assert_non_null(strstr(text, "note: no trust store was found"));
	assert_non_null(strstr(text, " -connect mail.example.com:143 "
	    "-starttls imap \\\n"));
	free(text);
	/* An address, not asked by name. */
	result.request.server[0] = '\0';
	strcpy(result.request.address, "2001:db8::1");
	text = notes();
	assert_non_null(strstr(text, " -connect [2001:db8::1]:143 "));
	assert_non_null(strstr(text, " -verify_ip 2001:db8::1 "));
	free(text);
	/* An address asked as one. */
	strcpy(result.request.server, "2001:db8::1");
	text = notes();
	assert_non_null(strstr(text, " -connect [2001:db8::1]:143 "));
	assert_non_null(strstr(text, " -verify_ip 2001:db8::1 "));
	free(text);
	strcpy(result.request.server, "127.0.0.1");
	strcpy(result.request.address, "127.0.0.1");
	text = notes();
	assert_non_null(strstr(text, " -connect 127.0.0.1:143 "));
	assert_non_null(strstr(text, " -verify_ip 127.0.0.1 "));
	free(text);
	/* Nothing read: no command. */
	result.cert.read = false;
	result.cert.findings = MP_CERT_BIT(MP_CERT_UNREAD);
	text = notes();
	assert_string_equal(text, "");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(name) cmocka_unit_test_setup(name, setup)
		TEST(test_line_fits_80_columns_and_says_the_same),
		TEST(test_line_says_what_a_client_makes_of_it),
		TEST(test_names_are_escaped),
		TEST(test_json),
		TEST(test_tsv_cells_are_the_headers),
		TEST(test_warnings),
		TEST(test_openssl_command),
#undef TEST
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

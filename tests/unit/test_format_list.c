/*
 * test_format_list.c - the targets of a list print as one JSON line each,
 * the object of one target with "input" first, or as TSV rows that begin
 * with the input and end with an error column, under one header with as
 * many columns; an input is escaped wherever it could break a line, a row
 * or the JSON; a target that failed is a record with its error.
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
#include "discover.h"
#include "format_probe.h"
#include "print.h"

static struct mp_discovery discovery;
static struct mp_probe_result results[2];
static struct mp_check checks[2];

static const enum mp_records_kind kinds[] = {
	MP_RECORDS_PROBE, MP_RECORDS_DISCOVERY, MP_RECORDS_CHECK
};

/* A quote, a tab, a newline and a control byte. */
#define HOSTILE "a\"b\tc\nd\001e"

static int
setup(void **state)
{
	const struct mp_setting imap = {
		.endpoint = { .protocol = MP_PROTO_IMAP, .port = 993,
		    .host = "imap.example.net", .tls = MP_TLS_IMPLICIT },
		.source = MP_SOURCE_SRV, .via = "_imaps._tcp.example.net",
	};
	const struct mp_check smtp = {
		.setting = { .protocol = MP_PROTO_SMTP, .port = 25,
		    .host = "smtp.example.net", .tls = MP_TLS_STARTTLS },
		.verdict = MP_VERDICT_TIMEOUT, .fix_port = 587,
		.fix_tls = MP_TLS_STARTTLS, .cause = "no answer on 25",
		.fix = "port 587",
	};

	(void)state;
	memset(&discovery, 0, sizeof discovery);
	strcpy(discovery.domain, "example.net");
	discovery.nsteps = 1;
	discovery.steps[0] = (struct mp_step){ .source = MP_SOURCE_SRV,
	    .query = "_imaps._tcp.example.net", .found = "imap.example.net" };
	discovery.nsettings = 2;
	discovery.settings[0] = imap;
	discovery.settings[1] = imap;
	discovery.settings[1].endpoint.protocol = MP_PROTO_SMTP;
	discovery.settings[1].endpoint.port = 465;
	memset(results, 0, sizeof results);
	results[0].request = (struct mp_probe_request){ .address = "192.0.2.1",
	    .target = { .port = 993 } };
	results[0].state = MP_STATE_OPEN;
	results[0].tls = MP_FOUND_IMPLICIT;
	results[0].protocol = MP_PROTO_IMAP;
	results[1].request = results[0].request;
	results[1].request.target.port = 110;
	results[1].state = MP_STATE_CLOSED;
	checks[0] = smtp;
	checks[1] = smtp;
	checks[1].setting.port = 587;
	checks[1].fix_port = 0;
	return 0;
}

/* The records of one target of kind, as a list has them. */
static struct mp_records
records(enum mp_records_kind kind, const char *input)
{
	struct mp_records r = { .kind = kind, .input = input };

	switch (kind) {
	case MP_RECORDS_PROBE:
		r.host = "smtp.example.net";
		r.results = results;
		r.n = 2;
		break;
	case MP_RECORDS_DISCOVERY:
		r.discovery = &discovery;
		break;
	case MP_RECORDS_CHECK:
		r.checks = checks;
		r.n = 2;
		break;
	default:
		fail();
	}
	return r;
}

static char *
list(enum mp_format format, const struct mp_records *r)
{
	struct capture c;

	capture_start(&c);
	mp_print_list_records(c.fp, format, r);
	return capture_end(&c);
}

/* What --json or --tsv writes for the one target of the command line. */
static char *
single(enum mp_format format, const struct mp_records *r)
{
	struct capture c;

	capture_start(&c);
	switch (r->kind) {
	case MP_RECORDS_PROBE:
		if (format == MP_FORMAT_TSV)
			mp_print_probe_tsv(c.fp, r->results, r->n);
		else
			mp_print_probe_json(c.fp, r->host, r->results, r->n);
		break;
	case MP_RECORDS_DISCOVERY:
		if (format == MP_FORMAT_TSV)
			mp_print_discovery_tsv(c.fp, r->discovery);
		else
			mp_print_discovery_json(c.fp, r->discovery);
		break;
	case MP_RECORDS_CHECK:
		if (format == MP_FORMAT_TSV)
			mp_print_check_tsv(c.fp, r->checks, r->n);
		else
			mp_print_check_json(c.fp, r->checks, r->n);
		break;
	default:
		fail();
	}
	return capture_end(&c);
}

static char *
header(enum mp_records_kind kind)
{
	struct capture c;

	capture_start(&c);
	mp_print_records_header(c.fp, kind);
	return capture_end(&c);
}

static char *
error_record(enum mp_format format, enum mp_records_kind kind,
    const char *input, const char *error)
{
	struct capture c;

	capture_start(&c);
	mp_print_error_record(c.fp, format, kind, input, error);
	return capture_end(&c);
}

static void
assert_prefix(const char *text, const char *prefix)
{
	assert_int_equal(strncmp(text, prefix, strlen(prefix)), 0);
}

static size_t
count(const char *text, const char *end, char c)
{
	size_t n = 0;

	for (; text < end; text++)
		n += *text == c;
	return n;
}

/* Each line of text has as many tabs as the header of kind; how many. */
static size_t
assert_columns(const char *text, enum mp_records_kind kind)
{
	char *names = header(kind);
	size_t tabs = count(names, names + strlen(names), '\t'), lines = 0;
	const char *line, *end;

	for (line = text; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		assert_int_equal(count(line, end, '\t'), tabs);
		lines++;
	}
	free(names);
	return lines;
}

static void
test_json_is_the_object_of_one_target_with_input_first(void **state)
{
	static const enum mp_format formats[] = {
		MP_FORMAT_JSON, MP_FORMAT_TABLE, MP_FORMAT_PORTS
	};
	char expected[16384];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct mp_records r = records(kinds[i], "example.com");
		char *one = single(MP_FORMAT_JSON, &r), *text;

		if (kinds[i] == MP_RECORDS_CHECK) {
			one[strlen(one) - 1] = '\0';
			snprintf(expected, sizeof expected, "{\"input\":"
			    "\"example.com\",\"checks\":%s}\n", one);
		} else {
			snprintf(expected, sizeof expected, "{\"input\":"
			    "\"example.com\",%s", one + 1);
		}
		/* A list is JSON lines in every format but TSV. */
		for (j = 0; j < sizeof formats / sizeof formats[0]; j++) {
			text = list(formats[j], &r);
			assert_string_equal(text, expected);
			assert_int_equal(count(text, text + strlen(text),
			    '\n'), 1);
			free(text);
		}
		free(one);
	}
}

static void
test_json_starts_as_each_mode_does(void **state)
{
	struct mp_records r;
	char *text;

	(void)state;
	r = records(MP_RECORDS_DISCOVERY, "a@example.com");
	text = list(MP_FORMAT_JSON, &r);
	assert_prefix(text, "{\"input\":\"a@example.com\",\"domain\":"
	    "\"example.net\",\"steps\":[");
	free(text);
	r = records(MP_RECORDS_PROBE, "smtp.example.net imap");
	text = list(MP_FORMAT_JSON, &r);
	assert_prefix(text, "{\"input\":\"smtp.example.net imap\","
	    "\"host\":\"smtp.example.net\",\"results\":[{\"address\":");
	free(text);
	r = records(MP_RECORDS_CHECK, "smtp.example.net:25 starttls");
	text = list(MP_FORMAT_JSON, &r);
	assert_prefix(text, "{\"input\":\"smtp.example.net:25 "
	    "starttls\",\"checks\":[{\"host\":");
	assert_string_equal(text + strlen(text) - 4, "}]}\n");
	free(text);
}

static void
test_json_escapes_the_input(void **state)
{
	struct mp_records r = records(MP_RECORDS_DISCOVERY, HOSTILE);
	char *text = list(MP_FORMAT_JSON, &r);

	(void)state;
	assert_prefix(text, "{\"input\":\"a\\\"b\\u0009c\\u000ad"
	    "\\u0001e\",\"domain\":");
	assert_int_equal(count(text, text + strlen(text), '\n'), 1);
	free(text);
}

static void
test_json_keeps_utf8_and_escapes_what_is_not(void **state)
{
	struct mp_records r = records(MP_RECORDS_DISCOVERY,
	    "b\xc3\xbc" "cher.de");
	char *text = list(MP_FORMAT_JSON, &r);

	(void)state;
	assert_prefix(text, "{\"input\":\"b\xc3\xbc" "cher.de\",");
	free(text);
	/* A byte of no character cannot be JSON: it is escaped. */
	r.input = "bad\xff\xc3";
	text = list(MP_FORMAT_JSON, &r);
	assert_prefix(text, "{\"input\":\"bad\\\\xff\\\\xc3\",");
	free(text);
}

/*
 * The header of a list is input, the columns of one target and error; its
 * rows are those of one target, with the input first and error last.
 */
static void
test_tsv_is_that_of_one_target_tagged(void **state)
{
	char expected[16384];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct mp_records r = records(kinds[i], "example.com");
		char *one = single(MP_FORMAT_TSV, &r), *text;
		char *row = strchr(one, '\n') + 1, *end;
		size_t len = 0;

		row[-1] = '\0';
		snprintf(expected, sizeof expected, "input\t%s\terror\n", one);
		text = header(kinds[i]);
		assert_string_equal(text, expected);
		free(text);
		for (; *row != '\0'; row = end + 1) {
			end = strchr(row, '\n');
			len += (size_t)snprintf(expected + len,
			    sizeof expected - len, "example.com\t%.*s\t\n",
			    (int)(end - row), row);
		}
		text = list(MP_FORMAT_TSV, &r);
		assert_string_equal(text, expected);
		assert_int_equal(assert_columns(text, kinds[i]), 2);
		free(text);
		free(one);
	}
}

static void
test_tsv_escapes_the_input(void **state)
{
	struct mp_records r = records(MP_RECORDS_CHECK, HOSTILE);
	char *text = list(MP_FORMAT_TSV, &r), *second;

	(void)state;
	assert_prefix(text, "a\"b\\x09c\\x0ad\\x01e\tsmtp.example.net\t25"
	    "\t");
	second = strchr(text, '\n') + 1;
	assert_prefix(second, "a\"b\\x09c\\x0ad\\x01e\tsmtp.example.net"
	    "\t587\t");
	assert_int_equal(assert_columns(text, MP_RECORDS_CHECK), 2);
	free(text);
	r.input = "b\xc3\xbc" "cher.de\xff";
	text = list(MP_FORMAT_TSV, &r);
	assert_prefix(text, "b\xc3\xbc" "cher.de\\xff\t");
	free(text);
}

static void
test_tsv_target_without_rows_has_one(void **state)
{
	struct mp_records r = records(MP_RECORDS_DISCOVERY, "example.org");
	char *text;

	(void)state;
	discovery.nsettings = 0;
	text = list(MP_FORMAT_TSV, &r);
	assert_string_equal(text, "example.org\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n");
	assert_int_equal(assert_columns(text, MP_RECORDS_DISCOVERY), 1);
	free(text);
	r = records(MP_RECORDS_PROBE, "example.org");
	r.n = 0;
	text = list(MP_FORMAT_TSV, &r);
	assert_int_equal(assert_columns(text, MP_RECORDS_PROBE), 1);
	free(text);
}

static void
test_header_of_probe(void **state)
{
	char *text = header(MP_RECORDS_PROBE);

	(void)state;
	assert_prefix(text, "input\taddress\tport\tstate\t");
	assert_string_equal(strstr(text, "\tcert_issuer_known"),
	    "\tcert_issuer_known\terror\n");
	free(text);
}

static void
test_error_record_json(void **state)
{
	char *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		text = error_record(MP_FORMAT_JSON, kinds[i], HOSTILE,
		    "unknown word 'imapp'");
		assert_string_equal(text, "{\"input\":\"a\\\"b\\u0009c\\u000ad"
		    "\\u0001e\",\"error\":\"unknown word 'imapp'\"}\n");
		free(text);
	}
	text = error_record(MP_FORMAT_TABLE, MP_RECORDS_PROBE, "x\xff",
	    "line not UTF-8");
	assert_string_equal(text, "{\"input\":\"x\\\\xff\",\"error\":"
	    "\"line not UTF-8\"}\n");
	free(text);
}

static void
test_error_record_tsv(void **state)
{
	char *text;
	size_t i;

	(void)state;
	text = error_record(MP_FORMAT_TSV, MP_RECORDS_DISCOVERY, HOSTILE,
	    "no\tsuch\ndomain");
	/* The input, 13 empty columns and the error. */
	assert_string_equal(text, "a\"b\\x09c\\x0ad\\x01e"
	    "\t\t\t\t\t\t\t\t\t\t\t\t\t\tno\\x09such\\x0adomain\n");
	free(text);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		text = error_record(MP_FORMAT_TSV, kinds[i], HOSTILE, "bad");
		assert_int_equal(assert_columns(text, kinds[i]), 1);
		assert_string_equal(strrchr(text, '\t'), "\tbad\n");
		free(text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(
		    test_json_is_the_object_of_one_target_with_input_first,
		    setup),
		cmocka_unit_test_setup(test_json_starts_as_each_mode_does,
		    setup),
		cmocka_unit_test_setup(test_json_escapes_the_input, setup),
		cmocka_unit_test_setup(
		    test_json_keeps_utf8_and_escapes_what_is_not, setup),
		cmocka_unit_test_setup(
		    test_tsv_is_that_of_one_target_tagged, setup),
		cmocka_unit_test_setup(test_tsv_escapes_the_input, setup),
		cmocka_unit_test_setup(test_tsv_target_without_rows_has_one,
		    setup),
		cmocka_unit_test_setup(test_header_of_probe, setup),
		cmocka_unit_test_setup(test_error_record_json, setup),
		cmocka_unit_test_setup(test_error_record_tsv, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

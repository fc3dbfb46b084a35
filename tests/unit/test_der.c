/*
 * test_der.c - DER is read as X.690 section 10 has it and nothing else:
 * definite lengths in their shortest form, within the bytes given; each
 * type's content checked; times as RFC 5280 section 4.1.2.5 has them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "der.h"
#include "len.h"

/* A value of the bytes given, read whole. */
static bool
read_one(const uint8_t *bytes, size_t len, struct mp_der *v)
{
	struct mp_der_reader r;

	mp_der_reader(&r, bytes, len);
	return mp_der_next(&r, v) && mp_der_done(&r);
}

/* A time no row expects: none is that far before year 1. */
#define REFUSED INT64_MIN

static struct mp_der
value(unsigned tag, const void *content, size_t len)
{
	struct mp_der v = { tag, content, len, content, len };

	return v;
}

static void
test_next_reads_short_and_long_lengths(void **state)
{
	static const uint8_t big[4 + 256] = { 0x04, 0x82, 0x01, 0x00 };
	static const uint8_t b128[3 + 128] = { 0x04, 0x81, 0x80 };
	static const uint8_t small[] = { 0x02, 0x01, 0x05 };
	struct mp_der v;

	(void)state;
	assert_true(read_one(small, sizeof small, &v));
	assert_int_equal(v.tag, 0x02);
	assert_int_equal(v.len, 1);
	assert_ptr_equal(v.content, small + 2);
	assert_int_equal(v.der_len, 3);
	assert_true(read_one(b128, sizeof b128, &v));
	assert_int_equal(v.len, 128);
	assert_ptr_equal(v.content, b128 + 3);
	assert_true(read_one(big, sizeof big, &v));
	assert_int_equal(v.len, 256);
	assert_int_equal(v.der_len, sizeof big);
}

static void
test_next_walks_nested_values(void **state)
{
	static const uint8_t seq[] = {
		0x30, 0x08, 0x02, 0x01, 0x01, 0xa0, 0x03, 0x01, 0x01, 0xff
	};
	struct mp_der_reader r, in;
	struct mp_der outer, v;
	bool present;

	(void)state;
	mp_der_reader(&r, seq, sizeof seq);
	assert_true(mp_der_expect(&r, MP_DER_SEQUENCE, &outer));
	assert_true(mp_der_done(&r));
	mp_der_enter(&in, &outer);
	assert_false(mp_der_expect(&in, MP_DER_BOOLEAN, &v));
	assert_true(mp_der_optional(&in, MP_DER_BOOLEAN, &v, &present));
	assert_false(present);
	assert_true(mp_der_expect(&in, MP_DER_INTEGER, &v));
	assert_true(mp_der_optional(&in, 0xa0, &v, &present));
	assert_true(present);
	assert_int_equal(v.len, 3);
	assert_true(mp_der_done(&in));
	assert_true(mp_der_optional(&in, 0xa0, &v, &present));
	assert_false(present);
}

static void
test_boolean_reads_der_values(void **state)
{
	static const uint8_t t = 0xff, f = 0x00;
	struct mp_der v;
	bool b = false;

	(void)state;
	v = value(MP_DER_BOOLEAN, &t, 1);
	assert_true(mp_der_boolean(&v, &b));
	assert_true(b);
	v = value(MP_DER_BOOLEAN, &f, 1);
	assert_true(mp_der_boolean(&v, &b));
	assert_false(b);
}

static void
test_int64_reads_twos_complement(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		int64_t		 n;
	} rows[] = {
		{ "\x00", 1, 0 },
		{ "\x7f", 1, 127 },
		{ "\x00\x80", 2, 128 },
		{ "\xff", 1, -1 },
		{ "\x80", 1, -128 },
		{ "\xff\x7f", 2, -129 },
		{ "\x7f\xff\xff\xff\xff\xff\xff\xff", 8, INT64_MAX },
		{ "\x80\x00\x00\x00\x00\x00\x00\x00", 8, INT64_MIN },
	};
	struct mp_der v;
	int64_t n;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v = value(MP_DER_INTEGER, rows[i].bytes, rows[i].len);
		assert_true(mp_der_int64(&v, &n));
		assert_true(n == rows[i].n);
	}
}

/* An INTEGER's magnitude and a BIT STRING's octets: the bytes after what
 * encodes the sign or the unused bits. */
static void
test_unsigned_and_bit_string_give_their_bytes(void **state)
{
	static const struct {
		bool		(*read)(const struct mp_der *, const uint8_t **,
				    size_t *);
		unsigned	 tag;
		const char	*bytes;
		size_t		 len;
		size_t		 want;
	} rows[] = {
		{ mp_der_unsigned, MP_DER_INTEGER, "\x00\xff\x01", 3, 2 },
		{ mp_der_unsigned, MP_DER_INTEGER, "\x7f", 1, 1 },
		{ mp_der_unsigned, MP_DER_INTEGER, "\x00", 1, 0 },
		{ mp_der_integer, MP_DER_INTEGER, "\xff\x7f", 2, 2 },
		{ mp_der_integer, MP_DER_INTEGER, "\x00\x80", 2, 2 },
		{ mp_der_bit_string, MP_DER_BIT_STRING, "\x00\xff\xbb", 3, 2 },
		{ mp_der_bit_string, MP_DER_BIT_STRING, "\x00", 1, 0 },
	};
	const uint8_t *p;
	struct mp_der v;
	size_t i, len;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v = value(rows[i].tag, rows[i].bytes, rows[i].len);
		assert_true(rows[i].read(&v, &p, &len));
		assert_int_equal(len, rows[i].want);
		assert_ptr_equal(p, rows[i].bytes + rows[i].len - len);
	}
}

/* OIDs as their arcs and dotted text; those refused (cut short, not in
 * their shortest form, an arc past 2^32 - 1) after. */
static void
test_oid_reads_arcs_and_refuses_huge_ones(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*text;		/* NULL: refused */
	} rows[] = {
		{ "\x55\x04\x03", 3, "2.5.4.3" },
		{ "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b", 9,
		  "1.2.840.113549.1.1.11" },
		{ "\x00", 1, "0.0" },
		{ "\x27", 1, "0.39" },
		{ "\x28", 1, "1.0" },
		{ "\x88\x37\x03", 3, "2.999.3" },
		{ "\x2a\x8f\xff\xff\xff\x7f", 6, "1.2.4294967295" },
		{ "\x90\x80\x80\x80\x4f", 5, "2.4294967295" },
		{ "", 0, NULL },
		{ "\x55\x84", 2, NULL },
		{ "\x55\x80\x01", 3, NULL },
		{ "\x80\x01", 2, NULL },
		{ "\x2a\x90\x80\x80\x80\x00", 6, NULL },
		{ "\x2a\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11, NULL },
		{ "\x90\x80\x80\x80\x50", 5, NULL },
		{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10, NULL },
	};
	uint32_t arcs[MP_DER_OID_ARCS_MAX];
	char text[64];
	struct mp_der v;
	size_t i, n;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v = value(MP_DER_OID, rows[i].bytes, rows[i].len);
		assert_int_equal(mp_der_oid_arcs(&v, arcs, &n),
		    rows[i].text != NULL);
		assert_int_equal(mp_der_oid_text(&v, text, sizeof text),
		    rows[i].text != NULL);
		if (rows[i].text != NULL)
			assert_string_equal(text, rows[i].text);
	}
	v = value(MP_DER_OID, "\x55\x04\x03", 3);
	assert_true(mp_der_oid_is(&v, (const uint8_t *)"\x55\x04\x03", 3));
	assert_false(mp_der_oid_is(&v, (const uint8_t *)"\x55\x04\x06", 3));
	assert_false(mp_der_oid_is(&v, (const uint8_t *)"\x55\x04", 2));
}

/* 31 bytes of 0x01 are 0.1 and 30 arcs of 1: 32, as many as are read. */
static void
test_oid_takes_32_arcs_and_no_more(void **state)
{
	uint8_t bytes[32];
	uint32_t arcs[MP_DER_OID_ARCS_MAX];
	struct mp_der v;
	size_t n;

	(void)state;
	memset(bytes, 0x01, sizeof bytes);
	v = value(MP_DER_OID, bytes, sizeof bytes - 1);
	assert_true(mp_der_oid_arcs(&v, arcs, &n));
	assert_int_equal(n, MP_DER_OID_ARCS_MAX);
	v = value(MP_DER_OID, bytes, sizeof bytes);
	assert_false(mp_der_oid_arcs(&v, arcs, &n));
}

static void
test_string_width_of_each_type(void **state)
{
	(void)state;
	assert_int_equal(mp_der_string_width(MP_DER_UTF8_STRING), 1);
	assert_int_equal(mp_der_string_width(MP_DER_NUMERIC_STRING), 1);
	assert_int_equal(mp_der_string_width(MP_DER_PRINTABLE_STRING), 1);
	assert_int_equal(mp_der_string_width(MP_DER_T61_STRING), 1);
	assert_int_equal(mp_der_string_width(MP_DER_IA5_STRING), 1);
	assert_int_equal(mp_der_string_width(MP_DER_BMP_STRING), 2);
	assert_int_equal(mp_der_string_width(MP_DER_UNIVERSAL_STRING), 4);
	assert_int_equal(mp_der_string_width(MP_DER_OCTET_STRING), 0);
	assert_int_equal(mp_der_string_width(MP_DER_UTC_TIME), 0);
}

/* Both forms of RFC 5280 4.1.2.5, about 2050 where they meet; what it
 * forbids (no seconds, an offset, a fraction, a date that is not)
 * after. */
static void
test_time_reads_both_forms_and_refuses_others(void **state)
{
	static const struct {
		unsigned	 tag;
		const char	*text;
		int64_t		 t;		/* REFUSED: refused */
	} rows[] = {
		{ MP_DER_UTC_TIME, "700101000000Z", 0 },
		{ MP_DER_UTC_TIME, "491231235959Z", 2524607999 },
		{ MP_DER_UTC_TIME, "500101000000Z", -631152000 },
		{ MP_DER_UTC_TIME, "000229120000Z", 951825600 },
		{ MP_DER_UTC_TIME, "270131120000Z", 1801396800 },
		{ MP_DER_GENERALIZED_TIME, "20500101000000Z", 2524608000 },
		{ MP_DER_GENERALIZED_TIME, "19500101000000Z", -631152000 },
		{ MP_DER_GENERALIZED_TIME, "20240229235959Z", 1709251199 },
		{ MP_DER_GENERALIZED_TIME, "99991231235959Z", 253402300799 },
		{ MP_DER_GENERALIZED_TIME, "00010101000000Z", -62135596800 },
		{ MP_DER_UTC_TIME, "4912312359Z", REFUSED },		/* no seconds */
		{ MP_DER_UTC_TIME, "491231235959+0000", REFUSED },
		{ MP_DER_UTC_TIME, "4912312359590", REFUSED },		/* no Z */
		{ MP_DER_UTC_TIME, "20500101000000Z", REFUSED },
		{ MP_DER_GENERALIZED_TIME, "500101000000Z", REFUSED },
		{ MP_DER_GENERALIZED_TIME, "20500101000000.5Z", REFUSED },
		{ MP_DER_GENERALIZED_TIME, "2050010100000 Z", REFUSED },
		{ MP_DER_UTC_TIME, "4a1231235959Z", REFUSED },
		{ MP_DER_UTC_TIME, "491331235959Z", REFUSED },		/* month 13 */
		{ MP_DER_UTC_TIME, "490031235959Z", REFUSED },
		{ MP_DER_UTC_TIME, "491232235959Z", REFUSED },		/* day 32 */
		{ MP_DER_UTC_TIME, "491200235959Z", REFUSED },
		{ MP_DER_UTC_TIME, "230229000000Z", REFUSED },		/* not leap */
		{ MP_DER_GENERALIZED_TIME, "19000229000000Z", REFUSED },
		{ MP_DER_UTC_TIME, "230431000000Z", REFUSED },
		{ MP_DER_UTC_TIME, "491231245959Z", REFUSED },		/* hour 24 */
		{ MP_DER_UTC_TIME, "491231236059Z", REFUSED },
		{ MP_DER_UTC_TIME, "491231235960Z", REFUSED },		/* second 60 */
		{ MP_DER_UTC_TIME, "-91231235959Z", REFUSED },
		{ MP_DER_OCTET_STRING, "491231235959Z", REFUSED },
	};
	struct mp_der v;
	int64_t t;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v = value(rows[i].tag, rows[i].text, strlen(rows[i].text));
		assert_int_equal(mp_der_time(&v, &t), rows[i].t != REFUSED);
		if (rows[i].t != REFUSED)
			assert_true(t == rows[i].t);
	}
}

static void
test_next_refuses_bad_encodings(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
	} rows[] = {
		{ "", 0 },
		{ "\x02", 1 },				/* no length */
		{ "\x1f\x81\x01\x00", 4 },		/* high tag number */
		{ "\x00\x00", 2 },			/* end of contents */
		{ "\x30\x80\x00\x00", 4 },		/* indefinite */
		{ "\x04\x81\x05xxxxx", 8 },		/* long form below 128 */
		{ "\x04\x82\x00\x80", 4 },		/* leading zero */
		{ "\x04\x85\x01\x00\x00\x00\x00", 7 },	/* five octets */
		{ "\x04\x84\xff\xff\xff\xff", 6 },	/* past the end */
		{ "\x04\x88\xff\xff\xff\xff\xff\xff\xff\xff", 10 },
		{ "\x04\x82\x01", 3 },			/* length cut short */
		{ "\x04\x81", 2 },
		{ "\x04\x03" "ab", 4 },			/* content cut short */
	};
	struct mp_der_reader r;
	struct mp_der v;
	size_t i;
	bool present;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		mp_der_reader(&r, (const uint8_t *)rows[i].bytes, rows[i].len);
		assert_false(mp_der_next(&r, &v));
		assert_false(mp_der_expect(&r, 0x04, &v));
		if (rows[i].len > 0) {
			assert_false(mp_der_optional(&r, (uint8_t)rows[i].bytes[0],
			    &v, &present));
			/* A reader that failed stays where it was. */
			assert_ptr_equal(r.p, rows[i].bytes);
		}
	}
}

static void
test_values_refuse_bad_content(void **state)
{
	static const struct {
		unsigned	 tag;
		const char	*bytes;
		size_t		 len;
	} rows[] = {
		{ MP_DER_BOOLEAN, "\x01", 1 },
		{ MP_DER_BOOLEAN, "\xff\xff", 2 },
		{ MP_DER_BOOLEAN, "", 0 },
		{ MP_DER_INTEGER, "\xff", 1 },
	};
	const uint8_t *p;
	struct mp_der v;
	int64_t n;
	size_t i, len;
	bool b;

	(void)state;
	for (i = 0; i < LEN(rows); i++) {
		v = value(rows[i].tag, rows[i].bytes, rows[i].len);
		assert_false(mp_der_boolean(&v, &b));
	}
	/* INTEGER: empty, not in its shortest form, too big, negative. */
	v = value(MP_DER_INTEGER, "", 0);
	assert_false(mp_der_int64(&v, &n));
	assert_false(mp_der_unsigned(&v, &p, &len));
	assert_false(mp_der_integer(&v, &p, &len));
	v = value(MP_DER_INTEGER, "\x00\x01", 2);
	assert_false(mp_der_int64(&v, &n));
	assert_false(mp_der_integer(&v, &p, &len));
	assert_false(mp_der_unsigned(&v, &p, &len));
	v = value(MP_DER_INTEGER, "\xff\x80", 2);
	assert_false(mp_der_int64(&v, &n));
	v = value(MP_DER_INTEGER, "\x01\x00\x00\x00\x00\x00\x00\x00\x00", 9);
	assert_false(mp_der_int64(&v, &n));
	v = value(MP_DER_INTEGER, "\x80", 1);
	assert_false(mp_der_unsigned(&v, &p, &len));
	v = value(MP_DER_OCTET_STRING, "\x01", 1);
	assert_false(mp_der_int64(&v, &n));
	/* BIT STRING: empty, unused bits, another type. */
	v = value(MP_DER_BIT_STRING, "", 0);
	assert_false(mp_der_bit_string(&v, &p, &len));
	v = value(MP_DER_BIT_STRING, "\x01\xfe", 2);
	assert_false(mp_der_bit_string(&v, &p, &len));
	v = value(MP_DER_OCTET_STRING, "\x00\xfe", 2);
	assert_false(mp_der_bit_string(&v, &p, &len));
}

static void
test_oid_refuses_other_types_and_small_buffers(void **state)
{
	uint32_t arcs[MP_DER_OID_ARCS_MAX];
	char text[64];
	struct mp_der v;
	size_t n;

	(void)state;
	v = value(MP_DER_INTEGER, "\x55\x04\x03", 3);
	assert_false(mp_der_oid_arcs(&v, arcs, &n));
	assert_false(mp_der_oid_is(&v, (const uint8_t *)"\x55\x04\x03", 3));
	/* Text that does not fit. */
	v = value(MP_DER_OID, "\x55\x04\x03", 3);
	assert_false(mp_der_oid_text(&v, text, 7));
	assert_false(mp_der_oid_text(&v, text, 3));
	assert_true(mp_der_oid_text(&v, text, 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_reads_short_and_long_lengths),
		cmocka_unit_test(test_next_walks_nested_values),
		cmocka_unit_test(test_boolean_reads_der_values),
		cmocka_unit_test(test_int64_reads_twos_complement),
		cmocka_unit_test(test_unsigned_and_bit_string_give_their_bytes),
		cmocka_unit_test(test_oid_reads_arcs_and_refuses_huge_ones),
		cmocka_unit_test(test_oid_takes_32_arcs_and_no_more),
		cmocka_unit_test(test_string_width_of_each_type),
		cmocka_unit_test(test_time_reads_both_forms_and_refuses_others),
		cmocka_unit_test(test_next_refuses_bad_encodings),
		cmocka_unit_test(test_values_refuse_bad_content),
		cmocka_unit_test(test_oid_refuses_other_types_and_small_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * fuzz_x509.c - libFuzzer harness for what a server sends as its
 * certificates: the input is read as a chain, each certificate in turn,
 * and what is read stays within its bounds (spans inside the input, names
 * NUL-terminated within their buffers, counts within the arrays, dates
 * in their ISO form); host names are matched against each; and the input
 * is read as DER values of every kind.
 */
#include <stdint.h>
#include <string.h>

#include "der.h"
#include "len.h"
#include "x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_span(struct mp_x509_span s, size_t size)
{
	if (s.off > size || s.len > size - s.off)
		__builtin_trap();
}

/* Values nested this deep at most are read; DER has no limit, a
 * certificate needs a dozen. */
#define DEPTH_MAX 32

/* Every value, each nested one too, read as every kind. */
static void
read_values(const uint8_t *data, size_t size)
{
	struct mp_der_reader stack[DEPTH_MAX];
	struct mp_der v;
	uint32_t arcs[MP_DER_OID_ARCS_MAX];
	const uint8_t *p;
	char text[64];
	size_t depth = 1, len;
	int64_t n;
	bool b;

	mp_der_reader(&stack[0], data, size);
	while (depth > 0) {
		if (!mp_der_next(&stack[depth - 1], &v)) {
			depth--;
			continue;
		}
		if (v.content < data || v.len > size ||
		    v.content + v.len > data + size)
			__builtin_trap();
		(void)mp_der_boolean(&v, &b);
		(void)mp_der_int64(&v, &n);
		(void)mp_der_integer(&v, &p, &len);
		if (mp_der_unsigned(&v, &p, &len) && len > v.len)
			__builtin_trap();
		(void)mp_der_bit_string(&v, &p, &len);
		if (mp_der_oid_arcs(&v, arcs, &len) &&
		    len > MP_DER_OID_ARCS_MAX)
			__builtin_trap();
		if (mp_der_oid_text(&v, text, sizeof text) &&
		    strlen(text) >= sizeof text)
			__builtin_trap();
		(void)mp_der_time(&v, &n);
		if ((v.tag & MP_DER_CONSTRUCTED) && depth < DEPTH_MAX)
			mp_der_enter(&stack[depth++], &v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hosts[] = {
		"mail.example.com", "a.example.net", "127.0.0.1", "::1",
		"mail.bank.example", "x"
	};
	static struct mp_x509 cert;
	char key[MP_X509_KEY_SIZE];
	size_t off = 0, used, i;

	while (off < size && mp_x509_parse(data + off, size - off, &cert,
	    &used)) {
		if (used == 0 || used > size - off ||
		    memchr(cert.subject, '\0', sizeof cert.subject) == NULL ||
		    memchr(cert.issuer, '\0', sizeof cert.issuer) == NULL ||
		    strlen(cert.not_before_iso) != MP_X509_ISO_SIZE - 1 ||
		    strlen(cert.not_after_iso) != MP_X509_ISO_SIZE - 1 ||
		    cert.nsans > MP_X509_SANS_MAX ||
		    cert.nsans > cert.sans_total ||
		    cert.ncns > MP_X509_CNS_MAX || cert.ncns > cert.cns_total)
			__builtin_trap();
		check_span(cert.der, size - off);
		check_span(cert.tbs, size - off);
		check_span(cert.subject_der, size - off);
		check_span(cert.issuer_der, size - off);
		check_span(cert.subject_key_id, size - off);
		check_span(cert.authority_key_id, size - off);
		check_span(cert.spki, size - off);
		for (i = 0; i < cert.nsans; i++)
			if (cert.sans[i].len > sizeof cert.sans[i].bytes)
				__builtin_trap();
		for (i = 0; i < cert.ncns; i++)
			if (cert.cns[i].len >= sizeof cert.cns[i].text)
				__builtin_trap();
		for (i = 0; i < LEN(hosts); i++)
			(void)mp_x509_matches(&cert, hosts[i]);
		mp_x509_key_text(&cert, key, sizeof key);
		off += used;
	}
	read_values(data, size);
	return 0;
}

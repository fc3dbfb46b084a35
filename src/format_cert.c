/*
 * format_cert.c - writing what a probe saw of a certificate, for people
 * and for scripts; see format_cert.h.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "format_cert.h"
#include "output.h"
#include "table.h"

/* The names shown on a person's line; JSON and TSV give all kept. */
#define LINE_NAMES 4
/* Room for a name escaped: each byte may take four. */
#define NAME_TEXT_SIZE (MP_X509_DNS_SIZE * 4 + 8)

/* Whether TLS was reached, so that there is a certificate to speak of. */
static bool
tls_reached(const struct mp_probe_result *result)
{
	return result->cert.read ||
	    (result->cert.findings & MP_CERT_BIT(MP_CERT_UNREAD));
}

/* A name as the server sent it, escaped; an address in its usual form. */
static void
name_text(const struct mp_x509_san *name, char text[NAME_TEXT_SIZE])
{
	if (name->type == MP_X509_SAN_IP) {
		mp_cert_name_text(name, text, NAME_TEXT_SIZE);
		return;
	}
	mp_escape(text, NAME_TEXT_SIZE, (const char *)name->bytes, name->len);
}

/* "TLS 1.3 alone" when the server would not speak 1.2. */
static bool
tls13_alone(const struct mp_probe_result *result)
{
	return result->tls_version == 0x0304;
}

/* Appends to text of size, as snprintf would, keeping it terminated. */
static void
append(char *text, size_t size, size_t *len, const char *part)
{
	int n;

	if (*len >= size)
		return;
	n = snprintf(text + *len, size - *len, "%s", part);
	if (n > 0)
		*len += (size_t)n;
	if (*len >= size)
		*len = size - 1;
}

/* What a client makes of the findings, in few words, then the findings. */
static void
append_judgement(char *text, size_t size, size_t *len, unsigned findings)
{
	const char *between = " (";
	unsigned bit;

	append(text, size, len, findings & MP_CERT_REFUSED ?
	    "a mail client refuses it" :
	    findings & MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED) ?
	    "good by name and dates" : "good by name, dates and issuer");
	for (bit = 0; bit < MP_CERT_NFINDINGS; bit++) {
		if (!(findings & MP_CERT_BIT(bit)))
			continue;
		append(text, size, len, between);
		append(text, size, len,
		    mp_cert_finding_label((enum mp_cert_finding)bit));
		between = ", ";
	}
	if (between[0] == ',')
		append(text, size, len, ")");
}

void
mp_print_cert_line(FILE *fp, const struct mp_probe_result *result,
    size_t columns)
{
	const struct mp_cert_seen *cert = &result->cert;
	char text[2048], name[NAME_TEXT_SIZE];
	size_t len = 0, i;

	if (!tls_reached(result))
		return;
	if (!cert->read) {
		mp_put_wrapped(fp, "  certificate: ", tls13_alone(result) ?
		    "not read: the server speaks TLS 1.3 alone, which sends "
		    "it encrypted" : "not read", columns);
		return;
	}
	for (i = 0; i < cert->nnames && i < LINE_NAMES; i++) {
		name_text(&cert->names[i], name);
		append(text, sizeof text, &len, i > 0 ? " " : "for ");
		append(text, sizeof text, &len, name);
	}
	if (cert->names_total > i) {
		char more[32];

		snprintf(more, sizeof more, " and %zu more",
		    cert->names_total - i);
		append(text, sizeof text, &len, more);
	}
	if (cert->nnames == 0)
		append(text, sizeof text, &len, "for no name");
	append(text, sizeof text, &len, cert->self_signed ?
	    "; self-signed" : "; from ");
	if (!cert->self_signed)
		append(text, sizeof text, &len, cert->issuer);
	append(text, sizeof text, &len, "; until ");
	snprintf(name, sizeof name, "%.10s", cert->not_after);
	append(text, sizeof text, &len, name);
	append(text, sizeof text, &len, "; ");
	append_judgement(text, sizeof text, &len, cert->findings);
	mp_put_wrapped(fp, "  certificate: ", text, columns);
}

void
mp_print_cert_warnings(FILE *fp, const struct mp_probe_result *result,
    size_t columns)
{
	/* After a refusal the refusal is the news: no certificate came. */
	const unsigned failed = MP_WARN_TLS_REFUSED | MP_WARN_STARTTLS_REFUSED |
	    MP_WARN_TLS_FAILED | MP_WARN_TLS_MALFORMED;
	char text[512];
	unsigned bit;

	for (bit = 0; bit < MP_CERT_NFINDINGS; bit++) {
		const char *said =
		    mp_cert_finding_text((enum mp_cert_finding)bit);

		if (!(result->cert.findings & MP_CERT_BIT(bit)) ||
		    bit == MP_CERT_ISSUER_NOT_JUDGED ||
		    (bit == MP_CERT_UNREAD && (result->warnings & failed)))
			continue;
		if (bit == MP_CERT_UNREAD && tls13_alone(result))
			said = "speaks TLS 1.3 alone, which sends the "
			    "certificate encrypted: it is not read here";
		snprintf(text, sizeof text, "%s port %u: %s",
		    result->request.address, result->request.target.port, said);
		mp_put_wrapped(fp, "warning: ", text, columns);
	}
}

/* The name of protocol for openssl s_client -starttls, or NULL. */
static const char *
starttls_name(enum mp_protocol protocol)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
		return "smtp";
	case MP_PROTO_IMAP:
		return "imap";
	case MP_PROTO_POP3:
		return "pop3";
	case MP_PROTO_MANAGESIEVE:
		return "sieve";
	default:
		return NULL;
	}
}

/* The openssl command that checks what is not checked here. */
static void
print_command(FILE *fp, const struct mp_probe_result *result)
{
	const struct mp_probe_request *request = &result->request;
	const char *protocol = starttls_name(result->protocol);
	const char *host = request->server[0] != '\0' ? request->server :
	    request->address;
	unsigned char bytes[16];
	bool v4 = inet_pton(AF_INET, host, bytes) == 1;
	bool v6 = !v4 && inet_pton(AF_INET6, host, bytes) == 1;

	fputs("signatures are not checked here; openssl checks them:\n", fp);
	fprintf(fp, v6 ? "  openssl s_client -connect [%s]:%u" :
	    "  openssl s_client -connect %s:%u", host, request->target.port);
	if (result->tls == MP_FOUND_STARTTLS && protocol != NULL)
		fprintf(fp, " -starttls %s", protocol);
	fprintf(fp, " \\\n    %s %s -verify_return_error </dev/null\n",
	    v4 || v6 ? "-verify_ip" : "-verify_hostname", host);
}

void
mp_print_cert_notes(FILE *fp, const struct mp_probe_result *results,
    size_t n, size_t columns)
{
	const struct mp_probe_result *first = NULL;
	bool not_judged = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (results[i].cert.findings &
		    MP_CERT_BIT(MP_CERT_ISSUER_NOT_JUDGED))
			not_judged = true;
		if (first == NULL && results[i].cert.read)
			first = &results[i];
	}
	if (not_judged)
		mp_put_wrapped(fp, "note: ", "no trust store was found "
		    "(SSL_CERT_FILE, or the system's bundle of CA "
		    "certificates): the issuers are not judged", columns);
	if (first != NULL)
		print_command(fp, first);
}

bool
mp_put_cert_keys(FILE *fp, unsigned findings, const char *separator,
    bool json, bool any)
{
	unsigned bit;

	for (bit = 0; bit < MP_CERT_NFINDINGS; bit++) {
		if (!(findings & MP_CERT_BIT(bit)))
			continue;
		fprintf(fp, json ? "%s\"%s\"" : "%s%s", any ? separator : "",
		    mp_cert_finding_key((enum mp_cert_finding)bit));
		any = true;
	}
	return any;
}

static const char *
answer_json(enum mp_answer answer)
{
	return answer == MP_ANSWER_YES ? "true" :
	    answer == MP_ANSWER_NO ? "false" : "null";
}

static const char *
answer_tsv(enum mp_answer answer)
{
	return answer == MP_ANSWER_YES ? "yes" :
	    answer == MP_ANSWER_NO ? "no" : "";
}

static void
put_hex(FILE *fp, const uint8_t *bytes, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(fp, "%02x", bytes[i]);
}

void
mp_put_cert_json(FILE *fp, const struct mp_probe_result *result)
{
	const struct mp_cert_seen *cert = &result->cert;
	char name[NAME_TEXT_SIZE];
	size_t i;

	fprintf(fp, ",\"tls13\":%s,\"certificate\":", answer_json(result->tls13));
	if (!cert->read) {
		fputs("null", fp);
		return;
	}
	fputs("{\"subject\":", fp);
	mp_put_json_text(fp, cert->subject);
	fputs(",\"issuer\":", fp);
	mp_put_json_text(fp, cert->issuer);
	fputs(",\"names\":[", fp);
	for (i = 0; i < cert->nnames; i++) {
		name_text(&cert->names[i], name);
		fputs(i > 0 ? "," : "", fp);
		mp_put_json_text(fp, name);
	}
	fprintf(fp, "],\"names_total\":%zu,\"not_before\":\"%s\","
	    "\"not_after\":\"%s\",\"sha256\":\"", cert->names_total,
	    cert->not_before, cert->not_after);
	put_hex(fp, cert->sha256, sizeof cert->sha256);
	fputs("\",\"key\":", fp);
	mp_put_json_text(fp, cert->key);
	fputs(",\"signature\":", fp);
	mp_put_json_text(fp, cert->signature);
	fprintf(fp, ",\"self_signed\":%s,\"chain\":%zu,\"matches\":%s,"
	    "\"issuer_known\":%s}", cert->self_signed ? "true" : "false",
	    cert->chain, cert->matches ? "true" : "false",
	    answer_json(cert->issuer_known));
}

void
mp_put_cert_tsv(FILE *fp, const struct mp_probe_result *result)
{
	const struct mp_cert_seen *cert = &result->cert;
	char name[NAME_TEXT_SIZE];
	size_t i;

	fprintf(fp, "\t%s", answer_tsv(result->tls13));
	if (!cert->read) {
		fputs("\t\t\t\t\t\t\t\t\t\t\t\t", fp);
		return;
	}
	fprintf(fp, "\t%s\t%s\t", cert->subject, cert->issuer);
	for (i = 0; i < cert->nnames; i++) {
		name_text(&cert->names[i], name);
		fprintf(fp, "%s%s", i > 0 ? " " : "", name);
	}
	fprintf(fp, "\t%s\t%s\t", cert->not_before, cert->not_after);
	put_hex(fp, cert->sha256, sizeof cert->sha256);
	fprintf(fp, "\t%s\t%s\t%s\t%zu\t%s\t%s", cert->key, cert->signature,
	    cert->self_signed ? "yes" : "no", cert->chain,
	    cert->matches ? "yes" : "no", answer_tsv(cert->issuer_known));
}

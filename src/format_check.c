/*
 * format_check.c - writing the diagnosis of a setting: a few lines in the
 * words of the client's dialog for people; TSV and JSON, one record a
 * setting, for scripts.  The host was checked as a name or an address
 * before it was probed, and a server name suggested as a host name: they
 * hold nothing to escape.  What the certificate holds is written by
 * format_cert.c, escaped, as under a probe's row.
 */
#include <stdio.h>

#include "check.h"
#include "format_cert.h"
#include "output.h"
#include "table.h"

static const char *
direction_key(enum mp_protocol protocol)
{
	if (protocol == MP_PROTO_SMTP)
		return "outgoing";
	if (protocol == MP_PROTO_MANAGESIEVE)
		return "filters";
	return "incoming";
}

void
mp_print_check_text(FILE *fp, const struct mp_check *checks, size_t n,
    size_t columns)
{
	char text[MP_HOST_NAME_SIZE + 96];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_check *c = &checks[i];
		const struct mp_endpoint *s = &c->setting;

		if (i > 0)
			putc('\n', fp);
		snprintf(text, sizeof text, "%s %s, port %u, Connection "
		    "security: %s", mp_check_server_label(s->protocol),
		    s->host, s->port, mp_tls_label(s->tls));
		mp_put_wrapped(fp, "setting: ", text, columns);
		snprintf(text, sizeof text, "%s (%s)",
		    mp_verdict_label(c->verdict), mp_verdict_key(c->verdict));
		mp_put_wrapped(fp, "verdict: ", text, columns);
		mp_put_wrapped(fp, "cause:   ", c->cause, columns);
		mp_put_wrapped(fp, "fix:     ", c->fix, columns);
		/* Where TLS was reached: its certificate, and how to verify. */
		mp_print_cert_line(fp, &c->result, columns);
		mp_print_cert_notes(fp, &c->result, 1, columns);
	}
}

/* The keys of the certificate's findings, then the server name to type. */
static void
put_cert_findings(FILE *fp, const struct mp_check *c, bool json)
{
	unsigned findings = c->result.cert.findings;

	if (!json) {
		putc('\t', fp);
		mp_put_cert_keys(fp, findings, ",", false, false);
		fprintf(fp, "\t%s", c->fix_host);
		return;
	}
	fputs(",\"cert_findings\":[", fp);
	mp_put_cert_keys(fp, findings, ",", true, false);
	fputs("],\"fix_host\":", fp);
	if (c->fix_host[0] != '\0')
		mp_put_json_text(fp, c->fix_host);
	else
		fputs("null", fp);
	putc('}', fp);
}

const char mp_check_tsv_columns[] = "host\tport\tprotocol\tdirection\ttls"
    "\tverdict\tsecure\tcause\tfix\tfix_port\tfix_tls" MP_CERT_TSV_HEADER
    "\tcert_findings\tfix_host";

void
mp_print_check_tsv(FILE *fp, const struct mp_check *checks, size_t n)
{
	fprintf(fp, "%s\n", mp_check_tsv_columns);
	mp_put_check_tsv(fp, checks, n, NULL);
}

void
mp_put_check_tsv(FILE *fp, const struct mp_check *checks, size_t n,
    const char *tag)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_check *c = &checks[i];
		const struct mp_endpoint *s = &c->setting;

		if (tag != NULL)
			fprintf(fp, "%s\t", tag);
		fprintf(fp, "%s\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", s->host,
		    s->port, mp_protocol_key(s->protocol),
		    direction_key(s->protocol), mp_tls_key(s->tls),
		    mp_verdict_key(c->verdict), c->secure ? "yes" : "no",
		    c->cause, c->fix);
		if (c->fix_port != 0)
			fprintf(fp, "%u\t%s", c->fix_port,
			    mp_tls_key(c->fix_tls));
		else
			putc('\t', fp);
		mp_put_cert_tsv(fp, &c->result);
		put_cert_findings(fp, c, false);
		fputs(tag != NULL ? "\t\n" : "\n", fp);
	}
}

void
mp_print_check_json(FILE *fp, const struct mp_check *checks, size_t n)
{
	mp_put_check_json(fp, checks, n);
	putc('\n', fp);
}

void
mp_put_check_json(FILE *fp, const struct mp_check *checks, size_t n)
{
	size_t i;

	putc('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_check *c = &checks[i];
		const struct mp_endpoint *s = &c->setting;

		fputs(i > 0 ? ",{\"host\":" : "{\"host\":", fp);
		mp_put_json_text(fp, s->host);
		fprintf(fp, ",\"port\":%u,\"protocol\":\"%s\",\"direction\":"
		    "\"%s\",\"tls\":\"%s\",\"verdict\":\"%s\",\"secure\":%s,"
		    "\"cause\":", s->port, mp_protocol_key(s->protocol),
		    direction_key(s->protocol), mp_tls_key(s->tls),
		    mp_verdict_key(c->verdict), c->secure ? "true" : "false");
		mp_put_json_text(fp, c->cause);
		fputs(",\"fix\":", fp);
		mp_put_json_text(fp, c->fix);
		if (c->fix_port != 0)
			fprintf(fp, ",\"fix_port\":%u,\"fix_tls\":\"%s\"",
			    c->fix_port, mp_tls_key(c->fix_tls));
		else
			fputs(",\"fix_port\":null,\"fix_tls\":null", fp);
		mp_put_cert_json(fp, &c->result);
		put_cert_findings(fp, c, true);
	}
	putc(']', fp);
}

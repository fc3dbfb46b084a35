/*
 * format_probe.c - writing what a probe found: a table, warnings and the
 * settings to use for people; ports, TSV and JSON for scripts.  Whatever
 * a server sent is escaped before it is written.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "format_cert.h"
#include "len.h"
#include "output.h"
#include "format_probe.h"
#include "probe.h"
#include "table.h"

/* The warnings that name a TLS alert. */
#define ALERTED (MP_WARN_TLS_REFUSED | MP_WARN_TLS12_REFUSED)

enum column { ADDRESS, PORT, STATE, TLS, PROTOCOL, AUTH, MS, GREETING,
	NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"ADDRESS", "PORT", "STATE", "ENCRYPTION", "PROTOCOL", "AUTH", "MS",
	"GREETING"
};

/* What was found, in a mail client's words for "Connection security". */
static const char *const found_tls_labels[MP_NFOUND] = {
	[MP_FOUND_UNKNOWN] = "unknown",
	[MP_FOUND_NONE] = "None",
	[MP_FOUND_STARTTLS] = "STARTTLS",
	[MP_FOUND_IMPLICIT] = "SSL/TLS",
};

/* The protocols a verdict is given for, in the order it is given. */
static const enum mp_protocol verdict_protocols[] = {
	MP_PROTO_IMAP, MP_PROTO_POP3, MP_PROTO_SMTP, MP_PROTO_MANAGESIEVE
};

static const char *
protocol_label(enum mp_protocol protocol)
{
	return protocol == MP_PROTO_UNKNOWN ? "?" : mp_protocol_label(protocol);
}

static const char *
protocol_key(enum mp_protocol protocol)
{
	return protocol == MP_PROTO_UNKNOWN ? NULL : mp_protocol_key(protocol);
}

/* The protocol a result is about: the one seen, else the one expected. */
static enum mp_protocol
subject(const struct mp_probe_result *result)
{
	return result->protocol != MP_PROTO_UNKNOWN ? result->protocol :
	    result->request.target.expected;
}

/* What happened, in a word or a reason. */
static const char *
state_cell(const struct mp_probe_result *result)
{
	if (result->state == MP_STATE_ERROR && result->reason[0] != '\0')
		return "error";
	return mp_state_key(result->state);
}

/* The table's rows: the results, in colour or not. */
struct result_rows {
	const struct mp_probe_result *results;
	bool color;
	size_t columns;
	char number[8], ms[8], greeting[96];
};

static bool
result_row(void *data, size_t i, struct mp_table_row *row)
{
	struct result_rows *rows = data;
	const struct mp_probe_result *result = &rows->results[i];
	bool open = result->state == MP_STATE_OPEN;

	snprintf(rows->number, sizeof rows->number, "%u",
	    result->request.target.port);
	snprintf(rows->ms, sizeof rows->ms, "%u", result->ms < 99999 ?
	    result->ms : 99999);
	row->cell[ADDRESS] = result->request.address;
	row->cell[PORT] = rows->number;
	row->cell[STATE] = state_cell(result);
	row->cell[TLS] = open ? found_tls_labels[result->tls] : "-";
	row->cell[PROTOCOL] = open ? protocol_label(result->protocol) : "-";
	row->cell[AUTH] = result->capabilities.auth[0] != '\0' ?
	    result->capabilities.auth : "-";
	row->cell[MS] = rows->ms;
	if (result->state == MP_STATE_ERROR)
		mp_escape(rows->greeting, sizeof rows->greeting,
		    result->reason, strlen(result->reason));
	else
		mp_escape(rows->greeting, sizeof rows->greeting,
		    result->banner, result->banner_len);
	row->cell[GREETING] = rows->greeting;
	row->color = !rows->color || !open ? NULL :
	    mp_result_secure(result) ? MP_GREEN : MP_RED;
	return true;
}

/* Under a TLS row, its certificate. */
static void
result_below(FILE *fp, void *data, size_t i)
{
	struct result_rows *rows = data;

	mp_print_cert_line(fp, &rows->results[i], rows->columns);
}

/*
 * A warning's sentence, naming the capability command or the TLS alert
 * when it is about one.
 */
static void
print_warning(FILE *fp, const struct mp_probe_result *result,
    unsigned warning, size_t columns)
{
	const char *command =
	    mp_protocol_handler(result->protocol)->capability_name;
	char alert[16], text[512];
	int len = snprintf(text, sizeof text, "%s port %u: ",
	    result->request.address, result->request.target.port);
	char *rest = text + (len > 0 ? len : 0);
	size_t room = sizeof text - (size_t)(rest - text);

	if (warning == MP_WARN_CLOSED_EARLY && command != NULL)
		snprintf(rest, room, "closed the connection before answering "
		    "%s", command);
	else if (warning == MP_WARN_TLS_REFUSED)
		snprintf(rest, room, "refused the TLS handshake: %s; a client "
		    "with TLS 1.2 or 1.3 will not get in",
		    mp_tls_alert_text(alert, result->tls_alert));
	else if (warning == MP_WARN_TLS12_REFUSED)
		snprintf(rest, room, "refused TLS 1.2 (%s) and took TLS 1.3: "
		    "a client without TLS 1.3 will not get in",
		    mp_tls_alert_text(alert, result->tls_alert));
	else if (warning == MP_WARN_SILENT)
		mp_silent_text(rest, room, result);
	else if (warning == MP_WARN_NO_ANSWER && command != NULL)
		snprintf(rest, room, "greeted, but did not answer %s before "
		    "the timeout: try a longer --timeout", command);
	else
		snprintf(rest, room, "%s", mp_warning_text(warning));
	mp_put_wrapped(fp, "warning: ", text, columns);
}

static void
print_warnings(FILE *fp, const struct mp_probe_result *result,
    size_t columns)
{
	unsigned bit;

	for (bit = 0; bit < MP_NWARNINGS; bit++)
		if (result->warnings & 1u << bit)
			print_warning(fp, result, 1u << bit, columns);
	mp_print_cert_warnings(fp, result, columns);
}

/*
 * A relay port that offers TLS for protocol, which a client cannot use,
 * or NULL; MP_PROTO_UNKNOWN stands for any protocol.
 */
static const struct mp_probe_result *
relay_offers(const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((protocol == MP_PROTO_UNKNOWN ||
		    results[i].protocol == protocol) &&
		    results[i].state == MP_STATE_OPEN &&
		    results[i].tls == MP_FOUND_STARTTLS &&
		    mp_relay_port(results[i].request.target.port))
			return &results[i];
	return NULL;
}

/* The host as it was asked for, or else the address probed. */
static const char *
host_of(const struct mp_probe_result *result)
{
	return result->request.server[0] != '\0' ? result->request.server :
	    result->request.address;
}

/*
 * When no port works securely: the one thing to say, in text, or false
 * when the general advice is all there is.  Every port refusing means
 * nothing listens; a relay port with STARTTLS alone is the right server
 * on a port a client must not use; where the ports that took the
 * connection said nothing, the timeout may be too short.
 */
static bool
dead_end(const struct mp_probe_result *results, size_t n, char *text,
    size_t size)
{
	const struct mp_probe_result *relay, *silent = NULL;
	bool one_port = true;
	char sentence[160];
	size_t i;

	for (i = 0; i < n && results[i].state == MP_STATE_CLOSED; i++)
		one_port = one_port && results[i].request.target.port ==
		    results[0].request.target.port;
	if (n > 0 && i == n) {
		if (one_port)
			snprintf(text, size, "nothing listens on %s's port %u: "
			    "check the host name and the port",
			    host_of(&results[0]), results[0].request.target.port);
		else
			snprintf(text, size, "nothing listens on %s's mail "
			    "ports: check the host name, and that its mail "
			    "server runs", host_of(&results[0]));
		return true;
	}
	if ((relay = relay_offers(results, n, MP_PROTO_UNKNOWN)) != NULL) {
		snprintf(text, size, "port %u offers STARTTLS, but %u is for "
		    "servers: a mail client sends on 587 or 465 (mailports "
		    "--probe %s send)", relay->request.target.port,
		    relay->request.target.port, host_of(relay));
		return true;
	}
	for (i = 0; i < n; i++) {
		if (results[i].warnings & MP_WARN_SILENT)
			silent = &results[i];
		else if (results[i].state == MP_STATE_OPEN)
			return false;
	}
	if (silent == NULL)
		return false;
	snprintf(text, size, "no secure way in was found: %s %s",
	    host_of(silent), mp_silent_text(sentence, sizeof sentence, silent));
	return true;
}

/* Whether a port for protocol was refused for its certificate alone. */
static bool
cert_refused(const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((protocol == MP_PROTO_UNKNOWN ||
		    results[i].protocol == protocol) &&
		    (results[i].cert.findings & MP_CERT_REFUSED) &&
		    !mp_relay_port(results[i].request.target.port))
			return true;
	return false;
}

static void
print_verdict(FILE *fp, const struct mp_probe_result *results, size_t n,
    size_t columns)
{
	bool asked[MP_NPROTOCOLS + 1] = { false };
	bool any = false;
	char text[MP_HOST_NAME_SIZE + 160];
	size_t i;

	for (i = 0; i < n; i++)
		asked[subject(&results[i])] = true;
	for (i = 0; i < LEN(verdict_protocols); i++) {
		enum mp_protocol protocol = verdict_protocols[i];
		const char *label = mp_protocol_label(protocol);
		const struct mp_probe_result *best;

		if (!asked[protocol])
			continue;
		best = mp_probe_verdict(results, n, protocol);
		if (best != NULL)
			snprintf(text, sizeof text, "%s on port %u, %s", label,
			    best->request.target.port,
			    best->tls == MP_FOUND_IMPLICIT ? "SSL/TLS" :
			    "STARTTLS (set the client to require it)");
		else if (cert_refused(results, n, protocol))
			snprintf(text, sizeof text, "%s: no secure port found "
			    "(a mail client refuses the certificate)", label);
		else if (relay_offers(results, n, protocol) != NULL)
			snprintf(text, sizeof text, "%s: no secure port found "
			    "(port 25 is for servers relaying mail, not for "
			    "mail clients)", label);
		else
			snprintf(text, sizeof text, "%s: no secure port found",
			    label);
		mp_put_wrapped(fp, any ? "     " : "use: ", text, columns);
		any = true;
	}
	for (i = 0; i < n && !mp_result_secure(&results[i]); i++)
		;
	if (i == n && cert_refused(results, n, MP_PROTO_UNKNOWN))
		mp_put_wrapped(fp, "", "no secure way in was found: a mail "
		    "client refuses the server's certificate, as the warnings "
		    "say", columns);
	else if (i == n && dead_end(results, n, text, sizeof text))
		mp_put_wrapped(fp, "", text, columns);
	else if (i == n && columns == 0)
		fputs("no secure way in was found: check the host name, that "
		    "these ports are open\nfrom here (a firewall may drop "
		    "them), and the server's TLS settings\n", fp);
	else if (i == n)
		mp_put_wrapped(fp, "", "no secure way in was found: check the "
		    "host name, that these ports are open from here (a "
		    "firewall may drop them), and the server's TLS settings",
		    columns);
}

void
mp_print_probe_table(FILE *fp, const struct mp_probe_result *results,
    size_t n, bool color, size_t columns)
{
	struct result_rows rows = { .results = results, .color = color,
	    .columns = columns };
	const struct mp_table table = {
		.header = headers,
		.ncolumns = NCOLUMNS,
		.tinted = 1u << TLS,
		.columns = columns,
		.row = result_row,
		.below = result_below,
		.data = &rows,
	};
	size_t i;

	mp_table_print(fp, &table, n);
	for (i = 0; i < n; i++)
		print_warnings(fp, &results[i], columns);
	print_verdict(fp, results, n, columns);
	mp_print_cert_notes(fp, results, n, columns);
}

/* The ports that work securely, each once, in the order probed. */
void
mp_print_probe_ports(FILE *fp, const struct mp_probe_result *results,
    size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!mp_result_secure(&results[i]))
			continue;
		for (j = 0; j < i; j++)
			if (results[j].request.target.port ==
			    results[i].request.target.port &&
			    mp_result_secure(&results[j]))
				break;
		if (j < i)
			continue;
		fprintf(fp, "%u\n", results[i].request.target.port);
	}
}

/* The keys of a result's warnings, then of its certificate's findings. */
static void
put_warning_keys(FILE *fp, const struct mp_probe_result *result,
    const char *separator, bool json)
{
	const char *between = "";
	unsigned bit;

	for (bit = 0; bit < MP_NWARNINGS; bit++) {
		if (!(result->warnings & 1u << bit))
			continue;
		fprintf(fp, json ? "%s\"%s\"" : "%s%s", between,
		    mp_warning_key(1u << bit));
		between = separator;
	}
	mp_put_cert_keys(fp, result->cert.findings, separator, json,
	    between[0] != '\0');
}

const char mp_probe_tsv_columns[] = "address\tport\tstate\ttls\tprotocol"
    "\tstarttls\tauth\tms\tgreeting\twarnings\ttls_alert" MP_CERT_TSV_HEADER;

void
mp_print_probe_tsv(FILE *fp, const struct mp_probe_result *results, size_t n)
{
	fprintf(fp, "%s\n", mp_probe_tsv_columns);
	mp_put_probe_tsv(fp, results, n, NULL);
}

void
mp_put_probe_tsv(FILE *fp, const struct mp_probe_result *results, size_t n,
    const char *tag)
{
	char greeting[MP_BANNER_SIZE * 4 + 8], alert[16];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_probe_result *r = &results[i];
		const char *protocol = protocol_key(r->protocol);

		if (r->state == MP_STATE_ERROR)
			mp_escape(greeting, sizeof greeting, r->reason,
			    strlen(r->reason));
		else
			mp_escape(greeting, sizeof greeting, r->banner,
			    r->banner_len);
		if (tag != NULL)
			fprintf(fp, "%s\t", tag);
		fprintf(fp, "%s\t%u\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t",
		    r->request.address, r->request.target.port,
		    mp_state_key(r->state), mp_found_tls_key(r->tls),
		    protocol != NULL ? protocol : "",
		    r->capabilities.starttls ? "yes" : "no",
		    r->capabilities.auth, r->ms, greeting);
		put_warning_keys(fp, r, " ", false);
		fprintf(fp, "\t%s", (r->warnings & ALERTED) != 0 ?
		    mp_tls_alert_text(alert, r->tls_alert) : "");
		mp_put_cert_tsv(fp, r);
		fputs(tag != NULL ? "\t\n" : "\n", fp);
	}
}

static void
put_json_result(FILE *fp, const struct mp_probe_result *r)
{
	char greeting[MP_BANNER_SIZE * 4 + 8];
	const char *protocol = protocol_key(r->protocol);
	const char *auth = r->capabilities.auth;

	fputs("{\"address\":", fp);
	mp_put_json_text(fp, r->request.address);
	fprintf(fp, ",\"port\":%u,\"secure\":%s,\"state\":\"%s\",\"reason\":",
	    r->request.target.port, mp_result_secure(r) ? "true" : "false",
	    mp_state_key(r->state));
	if (r->state == MP_STATE_ERROR)
		mp_put_json_text(fp, r->reason);
	else
		fputs("null", fp);
	fprintf(fp, ",\"tls\":\"%s\",\"tls_alert\":", mp_found_tls_key(r->tls));
	/* Alert names hold only letters, digits, _ and a blank. */
	if (r->warnings & ALERTED) {
		char alert[16];

		fprintf(fp, "\"%s\"", mp_tls_alert_text(alert, r->tls_alert));
	} else {
		fputs("null", fp);
	}
	fputs(",\"protocol\":", fp);
	if (protocol != NULL)
		fprintf(fp, "\"%s\"", protocol);
	else
		fputs("null", fp);
	fprintf(fp, ",\"starttls\":%s,\"auth\":[",
	    r->capabilities.starttls ? "true" : "false");
	/* Mechanism names hold only letters, digits, - and _: no escaping. */
	while (*auth != '\0') {
		int len = 0;

		while (auth[len] != '\0' && auth[len] != ' ')
			len++;
		fprintf(fp, "\"%.*s\"", len, auth);
		auth += len;
		if (*auth == ' ') {
			putc(',', fp);
			auth++;
		}
	}
	fprintf(fp, "],\"auth_cut\":%s", r->capabilities.auth_cut ? "true" :
	    "false");
	/* The greeting is escaped to ASCII first: JSON must be UTF-8. */
	mp_escape(greeting, sizeof greeting, r->banner, r->banner_len);
	fputs(",\"banner\":", fp);
	mp_put_json_text(fp, greeting);
	fprintf(fp, ",\"banner_cut\":%s", r->banner_cut ? "true" : "false");
	fprintf(fp, ",\"ms\":%u,\"warnings\":[", r->ms < 65535 ? r->ms : 65535);
	put_warning_keys(fp, r, ",", true);
	putc(']', fp);
	mp_put_cert_json(fp, r);
	putc('}', fp);
}

void
mp_print_probe_json(FILE *fp, const char *host,
    const struct mp_probe_result *results, size_t n)
{
	putc('{', fp);
	mp_put_probe_json(fp, host, results, n);
	fputs("}\n", fp);
}

void
mp_put_probe_json(FILE *fp, const char *host,
    const struct mp_probe_result *results, size_t n)
{
	const char *separator = "";
	bool secure = false;
	size_t i;

	fputs("\"host\":", fp);
	mp_put_json_text(fp, host);
	fputs(",\"results\":[", fp);
	for (i = 0; i < n; i++) {
		fputs(i > 0 ? "," : "", fp);
		put_json_result(fp, &results[i]);
		secure = secure || mp_result_secure(&results[i]);
	}
	fputs("],\"verdict\":[", fp);
	for (i = 0; i < LEN(verdict_protocols); i++) {
		const struct mp_probe_result *best =
		    mp_probe_verdict(results, n, verdict_protocols[i]);

		if (best == NULL)
			continue;
		fprintf(fp, "%s{\"protocol\":\"%s\",\"address\":\"%s\","
		    "\"port\":%u,\"tls\":\"%s\"}", separator,
		    mp_protocol_key(verdict_protocols[i]),
		    best->request.address, best->request.target.port,
		    mp_found_tls_key(best->tls));
		separator = ",";
	}
	fputs(secure ? "],\"secure\":true" : "],\"secure\":false", fp);
}

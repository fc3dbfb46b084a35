/*
 * format.c - writing answers for people (an aligned table) and for
 * scripts (port numbers, TSV, JSON).
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "mailports.h"
#include "topics.h"
#include "output.h"
#include "table.h"

enum column { PORT, PROTOCOL, ROLE, ENCRYPTION, SECURE, STATUS, NOTE, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"PORT", "PROTOCOL", "ROLE", "ENCRYPTION", "SECURE", "STATUS", "NOTE"
};

/*
 * The roles as people know them from a mail client's account dialog:
 * Incoming and Outgoing servers; the ports that are neither say what
 * they are for.
 */
static const char *const role_labels[MP_NROLES] = {
	[MP_ROLE_RELAY] = "Relay",
	[MP_ROLE_SUBMISSION] = "Outgoing",
	[MP_ROLE_ACCESS] = "Incoming",
	[MP_ROLE_FILTERS] = "Filters",
};

/* The table's rows: the ports, in colour or not. */
struct port_rows {
	const struct mp_port *const *ports;
	bool color;
};

static bool
port_row(void *data, size_t i, struct mp_table_row *row)
{
	const struct port_rows *rows = data;
	const struct mp_port *port = rows->ports[i];

	row->cell[PORT] = port->text;
	row->cell[PROTOCOL] = mp_protocol_label(port->protocol);
	row->cell[ROLE] = role_labels[port->role];
	row->cell[ENCRYPTION] = mp_tls_label(port->tls);
	row->cell[SECURE] = port->secure ? "yes" : "no";
	row->cell[STATUS] = mp_status_key(port->status);
	row->cell[NOTE] = port->note;
	row->color = !rows->color ? NULL : port->secure ? MP_GREEN : MP_RED;
	return true;
}

/* The table of the ports, of its first ncolumns columns. */
static void
print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color, size_t columns, size_t ncolumns)
{
	struct port_rows rows = { .ports = ports, .color = color };
	const struct mp_table table = {
		.header = headers,
		.ncolumns = ncolumns,
		.tinted = 1u << ENCRYPTION | 1u << SECURE,
		.columns = columns,
		.row = port_row,
		.data = &rows,
	};

	mp_table_print(fp, &table, n);
}

void
mp_print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color, size_t columns)
{
	print_table(fp, ports, n, color, columns, NCOLUMNS);
}

void
mp_print_table_brief(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color)
{
	print_table(fp, ports, n, color, 0, NOTE);
}

void
mp_print_ports(FILE *fp, const struct mp_port *const *ports, size_t n,
    char separator)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(separator, fp);
		fprintf(fp, "%u", ports[i]->number);
	}
	putc('\n', fp);
}

void
mp_print_tsv_header(FILE *fp)
{
	fputs("port\tprotocol\trole\ttls\tsecure\tstatus\tiana\trfcs\tnote\n",
	    fp);
}

void
mp_print_tsv(FILE *fp, const struct mp_port *const *ports, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_port *port = ports[i];

		fprintf(fp, "%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    port->number, mp_protocol_key(port->protocol),
		    mp_role_key(port->role), mp_tls_key(port->tls),
		    port->secure ? "yes" : "no", mp_status_key(port->status),
		    port->iana != NULL ? port->iana : "", port->rfcs,
		    port->note);
	}
}

/* "RFC 6409, RFC 3207" becomes ["RFC 6409","RFC 3207"]. */
static void
print_json_rfcs(FILE *fp, const char *rfcs)
{
	const char *start = rfcs, *comma;

	putc('[', fp);
	while (*start != '\0') {
		if (start != rfcs)
			putc(',', fp);
		comma = start;
		while (*comma != ',' && *comma != '\0')
			comma++;
		mp_put_json_string(fp, start, (size_t)(comma - start));
		start = comma;
		while (*start == ',' || *start == ' ')
			start++;
	}
	putc(']', fp);
}

void
mp_print_json(FILE *fp, const struct mp_port *const *ports, size_t n)
{
	size_t i;

	putc('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_port *port = ports[i];

		fprintf(fp, "%s{\"port\":%u,\"protocol\":\"%s\","
		    "\"role\":\"%s\",\"tls\":\"%s\",\"secure\":%s,"
		    "\"status\":\"%s\",\"iana\":",
		    i > 0 ? "," : "", port->number,
		    mp_protocol_key(port->protocol), mp_role_key(port->role),
		    mp_tls_key(port->tls), port->secure ? "true" : "false",
		    mp_status_key(port->status));
		if (port->iana != NULL)
			mp_put_json_text(fp, port->iana);
		else
			fputs("null", fp);
		fputs(",\"rfcs\":", fp);
		print_json_rfcs(fp, port->rfcs);
		fputs(",\"note\":", fp);
		mp_put_json_text(fp, port->note);
		putc('}', fp);
	}
	fputs("]\n", fp);
}

/*
 * An address goes into the command as one shell word: in single quotes
 * when it holds anything but the bytes of a plain address, a quote of its
 * own written '\''.
 */
static void
put_shell_word(FILE *fp, const char *word)
{
	const char *p;
	bool plain = *word != '\0';

	for (p = word; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '@' || *p == '.' ||
		    *p == '-' || *p == '_' || *p == '+'))
			plain = false;
	if (plain) {
		fputs(word, fp);
		return;
	}
	putc('\'', fp);
	for (p = word; *p != '\0'; p++) {
		if (*p == '\'')
			fputs("'\\''", fp);
		else
			putc(*p, fp);
	}
	putc('\'', fp);
}

void
mp_print_topic(FILE *fp, const struct mp_topic *topic, const char *address,
    const char *setting)
{
	const char *p = topic->check;

	fputs(topic->answer, fp);
	fputs("Test it: mailports --check ", fp);
	/*
	 * ADDRESS stands for the address asked about, or the setting of the
	 * server asked about by its name, when there is one.
	 */
	if (strncmp(p, "ADDRESS", 7) == 0 && address[0] != '\0') {
		put_shell_word(fp, address);
		p += 7;
	} else if (strncmp(p, "ADDRESS", 7) == 0 && setting[0] != '\0') {
		fputs(setting, fp);
		p += 7;
	}
	fprintf(fp, "%s\n", p);
}

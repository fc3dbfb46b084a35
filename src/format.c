/*
 * format.c - writing answers for people (an aligned table) and for
 * scripts (port numbers, TSV, JSON).
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "mailports.h"
#include "output.h"

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

static void
cells(const struct mp_port *port, char number[static 6],
    const char *cell[NCOLUMNS])
{
	cell[PORT] = mp_format_number(number, port->number);
	cell[PROTOCOL] = mp_protocol_label(port->protocol);
	cell[ROLE] = role_labels[port->role];
	cell[ENCRYPTION] = mp_tls_label(port->tls);
	cell[SECURE] = port->secure ? "yes" : "no";
	cell[STATUS] = mp_status_key(port->status);
	cell[NOTE] = port->note;
}

void
mp_print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color, size_t columns)
{
	size_t width[NCOLUMNS];
	const char *cell[NCOLUMNS];
	char number[6];
	size_t i;
	int c;

	for (c = 0; c < NCOLUMNS; c++)
		width[c] = strlen(headers[c]);
	for (i = 0; i < n; i++) {
		cells(ports[i], number, cell);
		for (c = 0; c < NCOLUMNS; c++)
			if (strlen(cell[c]) > width[c])
				width[c] = strlen(cell[c]);
	}
	mp_row_cells(fp, headers, NULL, width, NCOLUMNS, 0, NULL, columns);
	for (i = 0; i < n; i++) {
		cells(ports[i], number, cell);
		mp_row_cells(fp, cell, NULL, width, NCOLUMNS,
		    1u << ENCRYPTION | 1u << SECURE,
		    !color ? NULL : ports[i]->secure ? MP_GREEN : MP_RED,
		    columns);
	}
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

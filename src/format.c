/*
 * format.c - writing answers for people (an aligned table) and for
 * scripts (port numbers, TSV, JSON).
 */
#include <string.h>

#include "mailports.h"
#include "output.h"

enum column { PORT, PROTOCOL, ROLE, ENCRYPTION, SECURE, STATUS, NOTE, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"PORT", "PROTOCOL", "ROLE", "ENCRYPTION", "SECURE", "STATUS", "NOTE"
};

static void
cells(const struct mp_port *port, char number[static 6],
    const char *cell[NCOLUMNS])
{
	cell[PORT] = mp_format_number(number, port->number);
	cell[PROTOCOL] = mp_protocol_label(port->protocol);
	cell[ROLE] = mp_role_key(port->role);
	cell[ENCRYPTION] = mp_tls_label(port->tls);
	cell[SECURE] = port->secure ? "yes" : "no";
	cell[STATUS] = mp_status_key(port->status);
	cell[NOTE] = port->note;
}

void
mp_print_table(FILE *fp, const struct mp_port *const *ports, size_t n,
    bool color)
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
	mp_row_cells(fp, headers, NULL, width, NCOLUMNS, 0, NULL);
	for (i = 0; i < n; i++) {
		cells(ports[i], number, cell);
		mp_row_cells(fp, cell, NULL, width, NCOLUMNS,
		    1u << ENCRYPTION | 1u << SECURE,
		    !color ? NULL : ports[i]->secure ? MP_GREEN : MP_RED);
	}
}

void
mp_print_ports(FILE *fp, const struct mp_port *const *ports, size_t n,
    char separator)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			mp_put_byte(separator, fp);
		mp_put_number(fp, ports[i]->number);
	}
	mp_put_byte('\n', fp);
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

		const char *const fields[] = {
			"\t", mp_protocol_key(port->protocol),
			"\t", mp_role_key(port->role),
			"\t", mp_tls_key(port->tls),
			"\t", port->secure ? "yes" : "no",
			"\t", mp_status_key(port->status),
			"\t", port->iana != NULL ? port->iana : "",
			"\t", port->rfcs,
			"\t", port->note, "\n", NULL
		};

		mp_put_number(fp, port->number);
		mp_put_all(fp, fields);
	}
}

/* "RFC 6409, RFC 3207" becomes ["RFC 6409","RFC 3207"]. */
static void
print_json_rfcs(FILE *fp, const char *rfcs)
{
	const char *start = rfcs, *comma;

	mp_put_byte('[', fp);
	while (*start != '\0') {
		if (start != rfcs)
			mp_put_byte(',', fp);
		comma = start;
		while (*comma != ',' && *comma != '\0')
			comma++;
		mp_put_json_string(fp, start, (size_t)(comma - start));
		start = comma;
		while (*start == ',' || *start == ' ')
			start++;
	}
	mp_put_byte(']', fp);
}

void
mp_print_json(FILE *fp, const struct mp_port *const *ports, size_t n)
{
	size_t i;

	mp_put_byte('[', fp);
	for (i = 0; i < n; i++) {
		const struct mp_port *port = ports[i];

		const char *const fields[] = {
			",\"protocol\":\"", mp_protocol_key(port->protocol),
			"\",\"role\":\"", mp_role_key(port->role),
			"\",\"tls\":\"", mp_tls_key(port->tls),
			"\",\"secure\":", port->secure ? "true" : "false",
			",\"status\":\"", mp_status_key(port->status),
			"\",\"iana\":", NULL
		};

		fputs(i > 0 ? ",{\"port\":" : "{\"port\":", fp);
		mp_put_number(fp, port->number);
		mp_put_all(fp, fields);
		if (port->iana != NULL)
			mp_put_json_string(fp, port->iana, strlen(port->iana));
		else
			fputs("null", fp);
		fputs(",\"rfcs\":", fp);
		print_json_rfcs(fp, port->rfcs);
		fputs(",\"note\":", fp);
		mp_put_json_string(fp, port->note, strlen(port->note));
		mp_put_byte('}', fp);
	}
	fputs("]\n", fp);
}

/*
 * format.c - writing answers for people (an aligned table) and for
 * scripts (port numbers, TSV, JSON).
 */
#include <string.h>

#include "mailports.h"

enum column { PORT, PROTOCOL, ROLE, ENCRYPTION, SECURE, STATUS, NOTE, NCOLUMNS };

static const char *const headers[NCOLUMNS] = {
	"PORT", "PROTOCOL", "ROLE", "ENCRYPTION", "SECURE", "STATUS", "NOTE"
};

#define GREEN	"\033[32m"
#define RED	"\033[31m"
#define RESET	"\033[0m"

/*
 * Nothing here uses printf: formatting was most of a lookup's own cost,
 * and each libc function linked in costs every run (see make bench).
 */
static char *
format_number(char buf[static 6], unsigned number)
{
	char *p = buf + 5;

	*p = '\0';
	do {
		*--p = (char)('0' + number % 10);
		number /= 10;
	} while (number > 0 && p > buf);
	return p;
}

/* Collects a row so that it is written with one call, not one per cell. */
struct row {
	FILE	*fp;
	size_t	 len;
	char	 text[512];
};

static void
row_add(struct row *row, const char *text, size_t len)
{
	while (len > 0) {
		size_t room = sizeof row->text - row->len;
		size_t chunk = len < room ? len : room;

		memcpy(row->text + row->len, text, chunk);
		row->len += chunk;
		text += chunk;
		len -= chunk;
		if (row->len == sizeof row->text) {
			fwrite(row->text, 1, row->len, row->fp);
			row->len = 0;
		}
	}
}

static void
row_pad(struct row *row, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t chunk = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		row_add(row, spaces, chunk);
		n -= chunk;
	}
}

static void
put_number(FILE *fp, unsigned number)
{
	char buf[6];

	fputs(format_number(buf, number), fp);
}

/* Writes strings one after another, up to a NULL. */
static void
put_all(FILE *fp, const char *const *strings)
{
	for (; *strings != NULL; strings++)
		fputs(*strings, fp);
}

static void
cells(const struct mp_port *port, char number[static 6],
    const char *cell[NCOLUMNS])
{
	cell[PORT] = format_number(number, port->number);
	cell[PROTOCOL] = mp_protocol_label(port->protocol);
	cell[ROLE] = mp_role_key(port->role);
	cell[ENCRYPTION] = mp_tls_label(port->tls);
	cell[SECURE] = port->secure ? "yes" : "no";
	cell[STATUS] = mp_status_key(port->status);
	cell[NOTE] = port->note;
}

static void
print_row(FILE *fp, const char *const cell[NCOLUMNS],
    const size_t width[NCOLUMNS], const char *color)
{
	struct row row;
	int c;

	row.fp = fp;
	row.len = 0;
	for (c = 0; c < NCOLUMNS; c++) {
		bool colored = color != NULL && (c == ENCRYPTION || c == SECURE);
		size_t len = strlen(cell[c]);

		if (colored)
			row_add(&row, color, strlen(color));
		row_add(&row, cell[c], len);
		if (colored)
			row_add(&row, RESET, strlen(RESET));
		if (c != NOTE)
			row_pad(&row, width[c] - len + 2);
	}
	row_add(&row, "\n", 1);
	fwrite(row.text, 1, row.len, fp);
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
	print_row(fp, headers, width, NULL);
	for (i = 0; i < n; i++) {
		cells(ports[i], number, cell);
		print_row(fp, cell, width,
		    !color ? NULL : ports[i]->secure ? GREEN : RED);
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
		put_number(fp, ports[i]->number);
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

		put_number(fp, port->number);
		put_all(fp, fields);
	}
}

static void
print_json_string(FILE *fp, const char *text, size_t len)
{
	size_t i;

	putc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '"' || c == '\\') {
			putc('\\', fp);
			putc(c, fp);
		} else if (c < 0x20) {
			fputs("\\u00", fp);
			putc("0123456789abcdef"[c >> 4], fp);
			putc("0123456789abcdef"[c & 0xf], fp);
		} else {
			putc(c, fp);
		}
	}
	putc('"', fp);
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
		print_json_string(fp, start, (size_t)(comma - start));
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

		const char *const fields[] = {
			",\"protocol\":\"", mp_protocol_key(port->protocol),
			"\",\"role\":\"", mp_role_key(port->role),
			"\",\"tls\":\"", mp_tls_key(port->tls),
			"\",\"secure\":", port->secure ? "true" : "false",
			",\"status\":\"", mp_status_key(port->status),
			"\",\"iana\":", NULL
		};

		fputs(i > 0 ? ",{\"port\":" : "{\"port\":", fp);
		put_number(fp, port->number);
		put_all(fp, fields);
		if (port->iana != NULL)
			print_json_string(fp, port->iana, strlen(port->iana));
		else
			fputs("null", fp);
		fputs(",\"rfcs\":", fp);
		print_json_rfcs(fp, port->rfcs);
		fputs(",\"note\":", fp);
		print_json_string(fp, port->note, strlen(port->note));
		putc('}', fp);
	}
	fputs("]\n", fp);
}

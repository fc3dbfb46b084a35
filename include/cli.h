/*
 * cli.h - what the modes of the command line share: the options as parsed,
 * the exit statuses, and the reports of bad words.
 *
 * src/main.c parses the options and calls one mode; each mode lives in a
 * file of its own (src/cmd_lookup.c, src/cmd_probe.c, src/cmd_discover.c,
 * src/cmd_check.c).
 */
#ifndef MAILPORTS_CLI_H
#define MAILPORTS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "format.h"
#include "mailports.h"
#include "providers.h"
#include "terminal.h"

/* Exit statuses, as grep's. */
enum mp_exit {
	MP_EXIT_FOUND = 0,
	MP_EXIT_NOT_FOUND = 1,
	MP_EXIT_TROUBLE = 2
};

struct mp_cli {
	enum mp_format	 format;
	bool		 best;		/* -1 */
	bool		 color;
	size_t		 width;		/* the terminal's columns, which
					   tables fit, or 0: not a terminal */
	bool		 batch;		/* the single word "-" */
	bool		 buffered;	/* a batch may hold answers back: its
					   input is a file */
	unsigned	 timeout_ms;
	const char	*dns_server;	/* --dns-server, or NULL */
	bool		 verify;
};

/* What --config was asked for. */
struct mp_config_request {
	const char	*format;	/* --config FORMAT */
	const char	*address;	/* the address or domain */
	const char	*server;	/* --server HOST, or NULL */
	const char	*probe;		/* --probe HOST, or NULL */
	const char	*name;		/* --name NAME, or NULL */
	bool		 discover;	/* the address came with --discover */
};

/* The modes, each given the words left after the options. */
int mp_cmd_lookup(const struct mp_cli *cli, char **words, int nwords);
int mp_cmd_probe(const struct mp_cli *cli, const char *host, char **words,
    int nwords);
int mp_cmd_discover(const struct mp_cli *cli, const char *target,
    char **words, int nwords);
int mp_cmd_check(const struct mp_cli *cli, const char *setting, char **words,
    int nwords);
int mp_cmd_config(const struct mp_cli *cli,
    const struct mp_config_request *request, char **words, int nwords);

/*
 * Narrows query by one word, reporting on stderr what is wrong with it;
 * line is the line of standard input it came from, or 0 for the command
 * line.
 */
enum mp_error mp_cli_add_word(struct mp_query *query, const char *word,
    size_t len, unsigned long line);

/*
 * Narrows query by every word, reporting each bad one.  Returns
 * MP_EXIT_FOUND when all are good, MP_EXIT_NOT_FOUND when the only trouble
 * is an address whose domain no provider is known for, else
 * MP_EXIT_TROUBLE.
 */
int mp_cli_add_words(struct mp_query *query, char **words, int nwords);

/*
 * A new query of the words of --probe or --discover (option), which pick
 * ports: a bad word or a provider's is reported, and MP_EXIT_TROUBLE
 * returned; else MP_EXIT_FOUND.
 */
int mp_cli_port_words(struct mp_query *query, char **words, int nwords,
    const char *option);

/* The words as the user typed them, escaped, for a message. */
const char *mp_cli_join(char *dst, size_t size, char **words, int nwords);

/* What a mode found, of one kind of record, to be printed. */
enum mp_records_kind {
	MP_RECORDS_PORTS,	/* ports of the table */
	MP_RECORDS_SERVERS,	/* a provider's servers, for query */
	MP_RECORDS_PROBE,	/* what --probe found at host */
	MP_RECORDS_DISCOVERY,	/* what --discover found */
	MP_RECORDS_CHECK	/* what --check made of each setting */
};

struct mp_probe_result;
struct mp_discovery;
struct mp_check;

struct mp_records {
	enum mp_records_kind		 kind;
	size_t				 n;
	const struct mp_query		*query;
	const struct mp_port *const	*ports;
	const struct mp_server *const	*servers;
	const char			*host;
	const struct mp_probe_result	*results;
	const struct mp_discovery	*discovery;
	const struct mp_check		*checks;
};

/*
 * Writes the records in the format of cli; with header, the TSV header of
 * ports or servers comes first (the other kinds always have theirs).
 */
void mp_print_records(FILE *fp, const struct mp_cli *cli,
    const struct mp_records *records, bool header);

/* --help, which starts with the synopsis, and --version. */
void mp_help(FILE *fp);
void mp_version(FILE *fp);

#endif

/*
 * report.h - the words of a query, read the same way in every mode, and
 * what is said about the bad ones.
 */
#ifndef MAILPORTS_REPORT_H
#define MAILPORTS_REPORT_H

#include <stddef.h>

#include "mailports.h"

/*
 * Says on stderr what is wrong with a word, as error: an unknown word
 * with the known one nearest it, a domain with the command that may find
 * its settings.  line is the line of standard input it came from, or 0.
 */
void mp_cli_report(enum mp_error error, const char *word, size_t len,
    unsigned long line);

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

#endif

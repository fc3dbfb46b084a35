/*
 * mkman.c - writes a manual page from its template, filling in the parts
 * that come from the data files so that the manual never drifts from the
 * program: mailports(1) and the providers' page, mailports-providers(7).
 *
 * Usage: mkman <template >page
 * A template line ".\" @WORDS@" becomes the list of query words,
 * ".\" @PORTS@" the port table and ".\" @PROVIDERS@" the providers.
 * In other lines @VERSION@ becomes the version and @DATE@ the manual's
 * date: the day of SOURCE_DATE_EPOCH if it is set, else the date of the
 * data (data/revision.def), never today, so that the same source makes
 * the same manual.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mailports.h"
#include "meaning.h"
#include "providers.h"

/* Writes text so that roff takes every character literally. */
static void
put_text(const char *text)
{
	if (*text == '.' || *text == '\'')
		fputs("\\&", stdout);
	for (; *text != '\0'; text++) {
		if (*text == '\\')
			fputs("\\e", stdout);
		else
			putchar(*text);
	}
}

/* The sentence that says which ports a word selects. */
static void
put_meaning(const struct mp_word *word)
{
	char meaning[256];

	mp_word_meaning(word, meaning, sizeof meaning);
	put_text(meaning);
	puts(".");
}

static bool
same_meaning(const struct mp_word *a, const struct mp_word *b)
{
	return a->kind == b->kind && a->value == b->value;
}

/*
 * One list item per meaning, its synonyms together: a service name joins
 * the word of words.def that means the same port.
 */
static void
put_words(void)
{
	struct mp_word words[MP_QUERY_WORDS_MAX];
	bool listed[MP_QUERY_WORDS_MAX] = { false };
	size_t n = mp_query_words(words, MP_QUERY_WORDS_MAX), i, j;

	puts(".Bl -tag -width Ds");
	for (i = 0; i < n; i++) {
		if (listed[i])
			continue;
		printf(".It Cm %s", words[i].text);
		for (j = i + 1; j < n; j++) {
			if (!listed[j] && same_meaning(&words[i], &words[j])) {
				printf(" , Cm %s", words[j].text);
				listed[j] = true;
			}
		}
		putchar('\n');
		put_meaning(&words[i]);
	}
	puts(".El");
}

static void
put_ports(void)
{
	size_t i;

	puts(".Bl -column \"Port\" \"ManageSieve\" \"submission\" "
	    "\"implicit TLS\" \"Secure\" \"recommended\"");
	puts(".It Sy Port Ta Sy Protocol Ta Sy Role Ta Sy Encryption Ta "
	    "Sy Secure Ta Sy Status");
	for (i = 0; i < mp_nports; i++) {
		const struct mp_port *port = &mp_ports[i];

		printf(".It %u Ta %s Ta %s Ta %s Ta %s Ta %s\n", port->number,
		    mp_protocol_label(port->protocol), mp_role_key(port->role),
		    mp_tls_label(port->tls), port->secure ? "yes" : "no",
		    mp_status_key(port->status));
	}
	puts(".El");
	puts(".Bl -tag -width Ds");
	for (i = 0; i < mp_nports; i++) {
		const struct mp_port *port = &mp_ports[i];

		printf(".It Sy %u", port->number);
		if (port->iana != NULL)
			printf(" Pq Cm %s", port->iana);
		putchar('\n');
		put_text(port->note);
		puts(".");
		if (*port->rfcs != '\0') {
			fputs("Defined in ", stdout);
			put_text(port->rfcs);
			puts(".");
		}
	}
	puts(".El");
}

static void
put_provider_servers(size_t provider)
{
	const char *forms[2] = { "the whole address", "the part before the @" };
	unsigned seen = 0;
	size_t i;

	puts(".Bl -column \"outgoing\" \"IMAP\" \"outlook.office365.com\" "
	    "\"65535\" \"implicit TLS\" -compact");
	for (i = 0; i < mp_nservers; i++) {
		const struct mp_server *server = &mp_servers[i];

		if (server->provider != provider)
			continue;
		printf(".It %s Ta %s Ta Li %s Ta %u Ta %s\n",
		    mp_server_incoming(server) ? "incoming" : "outgoing",
		    mp_protocol_label(server->protocol), server->host,
		    server->port, mp_tls_label(server->tls));
		seen |= 1u << server->username;
	}
	puts(".El");
	if (seen != 3) {
		printf("User name: %s.\n", forms[seen == 1 ? 0 : 1]);
		return;
	}
	/* Some servers want one form and some the other: say which. */
	fputs("User name:", stdout);
	for (i = 0; i < mp_nservers; i++) {
		const struct mp_server *server = &mp_servers[i];

		if (server->provider == provider)
			printf(" %s on %s port %u%s", forms[server->username],
			    mp_protocol_label(server->protocol), server->port,
			    i + 1 < mp_nservers &&
			    mp_servers[i + 1].provider == provider ? ";" : ".");
	}
	putchar('\n');
}

static void
put_providers(void)
{
	size_t i, j;

	puts(".Bl -tag -width Ds");
	for (i = 0; i < mp_nproviders; i++) {
		const char *separator = "";

		printf(".It Cm %s", mp_providers[i].word);
		for (j = 0; j < mp_naliases; j++)
			if (mp_aliases[j].provider == i)
				printf(" , Cm %s", mp_aliases[j].word);
		putchar('\n');
		put_text(mp_providers[i].name);
		puts(":");
		put_provider_servers(i);
		puts(".Pp");
		fputs("Domains: ", stdout);
		for (j = 0; j < mp_ndomains; j++) {
			if (mp_domains[j].provider != i)
				continue;
			printf("%s%s%s", separator,
			    mp_domains[j].name[0] == '.' ? "*" : "",
			    mp_domains[j].name);
			separator = ", ";
		}
		puts(".");
		for (j = 0; j < mp_nnotes; j++) {
			if (mp_notes[j].provider != i)
				continue;
			put_text(mp_notes[j].text);
			puts(".");
		}
		puts(".Pp");
		fputs("Source: ", stdout);
		put_text(mp_providers[i].source);
		puts(".");
	}
	puts(".El");
}

#ifndef MP_VERSION
#define MP_VERSION "unknown"
#endif

#define REVISION(date) static const char data_revision[] = date;
#include "revision.def"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* The number the n characters at text make, or -1 if one is no digit. */
static int
digits(const char *text, int n)
{
	int value = 0;

	for (; n > 0; n--, text++) {
		if (*text < '0' || *text > '9')
			return -1;
		value = value * 10 + (*text - '0');
	}
	return value;
}

/* A date as YYYY-MM-DD into day. */
static bool
parse_revision(const char *text, struct tm *day)
{
	int year, month, mday;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	year = digits(text, 4);
	month = digits(text + 5, 2);
	mday = digits(text + 8, 2);
	if (year < 1970 || month < 1 || month > 12 || mday < 1 || mday > 31)
		return false;
	day->tm_year = year - 1900;
	day->tm_mon = month - 1;
	day->tm_mday = mday;
	return true;
}

/* The manual's date, as mdoc writes it: "November 23, 2026". */
static bool
manual_date(char *date, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	struct tm day = { 0 };

	if (epoch != NULL) {
		char *end;
		time_t seconds;
		unsigned long long value;

		errno = 0;
		value = strtoull(epoch, &end, 10);
		seconds = (time_t)value;
		if (*epoch < '0' || *epoch > '9' || *end != '\0' ||
		    errno != 0 || (unsigned long long)seconds != value ||
		    gmtime_r(&seconds, &day) == NULL) {
			fprintf(stderr, "mkman: SOURCE_DATE_EPOCH '%s' is not "
			    "a number of seconds\n", epoch);
			return false;
		}
	} else if (!parse_revision(data_revision, &day)) {
		fprintf(stderr, "mkman: bad date '%s' in revision.def\n",
		    data_revision);
		return false;
	}
	snprintf(date, size, "%s %d, %d", months[day.tm_mon], day.tm_mday,
	    day.tm_year + 1900);
	return true;
}

/* Writes line with @DATE@ and @VERSION@ filled in. */
static void
put_line(const char *line, const char *date)
{
	const char *at;

	while ((at = strchr(line, '@')) != NULL) {
		fwrite(line, 1, (size_t)(at - line), stdout);
		if (strncmp(at, "@DATE@", 6) == 0) {
			fputs(date, stdout);
			line = at + 6;
		} else if (strncmp(at, "@VERSION@", 9) == 0) {
			fputs(MP_VERSION, stdout);
			line = at + 9;
		} else {
			putchar('@');
			line = at + 1;
		}
	}
	fputs(line, stdout);
}

int
main(void)
{
	char line[4096], date[64];

	if (!manual_date(date, sizeof date))
		return EXIT_FAILURE;
	while (fgets(line, sizeof line, stdin) != NULL) {
		if (strcmp(line, ".\\\" @WORDS@\n") == 0)
			put_words();
		else if (strcmp(line, ".\\\" @PORTS@\n") == 0)
			put_ports();
		else if (strcmp(line, ".\\\" @PROVIDERS@\n") == 0)
			put_providers();
		else
			put_line(line, date);
	}
	if (ferror(stdin) || fflush(stdout) != 0 || ferror(stdout)) {
		perror("mkman");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

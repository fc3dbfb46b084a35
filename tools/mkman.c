/*
 * mkman.c - writes a manual page from its template, filling in the parts
 * that come from the data files so that the manual never drifts from the
 * program: mailports(1) and the providers' page, mailports-providers(7).
 *
 * Usage: mkman <template >page
 * A template line ".\" @WORDS@" becomes the list of query words,
 * ".\" @TOPICS@" the cheat sheet of data/topics.def,
 * ".\" @PORTS@" the port table, ".\" @PROVIDERS@" the providers and
 * ".\" @CONFIGS@" the formats of --config (data/configs.def).
 * In other lines @VERSION@ becomes the version and @DATE@ the manual's
 * date: the day of SOURCE_DATE_EPOCH if it is set, else the date of the
 * data (data/revision.def), never today, so that the same source makes
 * the same manual.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "idna.h"
#include "len.h"
#include "mailports.h"
#include "meaning.h"
#include "number.h"
#include "providers.h"

/*
 * Text lines of the pages stay within 80 bytes, as mandoc -Wstyle asks,
 * so text goes through a line of its own that breaks at a space.  Never
 * at one after a full stop, question or exclamation mark: roff takes the
 * end of a line there for the end of a sentence and widens the space.
 */
#define TEXT_WIDTH 80

static struct {
	char	 text[1024];
	size_t	 len;
} text_line;

static bool
ends_sentence(size_t end)
{
	while (end > 0 && strchr(")]\"'", text_line.text[end - 1]) != NULL)
		end--;
	return end > 0 && strchr(".?!", text_line.text[end - 1]) != NULL;
}

/* The space to break the line at, or 0 if it has none yet. */
static size_t
line_break(void)
{
	size_t i, first = 0, last = 0;

	for (i = 1; i < text_line.len; i++) {
		if (text_line.text[i] != ' ' || ends_sentence(i))
			continue;
		if (first == 0)
			first = i;
		if (i <= TEXT_WIDTH)
			last = i;
	}
	return last != 0 ? last : first;
}

/*
 * Writes the line up to its break and keeps the rest for the next one,
 * with a zero-width escape before a '.' or '\'' that would begin it: a
 * line of text that starts with one is a request.
 */
static void
put_line_part(size_t end)
{
	size_t rest = end;

	while (rest < text_line.len && text_line.text[rest] == ' ')
		rest++;

	fwrite(text_line.text, 1, end, stdout);
	putchar('\n');
	text_line.len -= rest;
	memmove(text_line.text + 2, text_line.text + rest, text_line.len);
	if (text_line.len > 0 && (text_line.text[2] == '.' || text_line.text[2] == '\'')) {
		memcpy(text_line.text, "\\&", 2);
		text_line.len += 2;
	} else
		memmove(text_line.text, text_line.text + 2, text_line.len);
}

static void
add_char(char c)
{
	size_t at;

	if (text_line.len == 0 && (c == '.' || c == '\'')) {
		memcpy(text_line.text, "\\&", 2);
		text_line.len = 2;
	}
	/* Room for the escape put_line_part may add, whatever comes. */
	if (text_line.len + 3 > sizeof text_line.text) {
		at = line_break();
		put_line_part(at != 0 ? at : text_line.len);
	}
	text_line.text[text_line.len++] = c;
	if (text_line.len > TEXT_WIDTH && (at = line_break()) != 0)
		put_line_part(at);
}

/*
 * A character beyond ASCII, as mandoc reads one: \[uXXXX], which is how
 * long the line is to it.  A name in a script without spaces may be
 * longer than a line: then the line ends in \c, which joins the next to
 * it without a space.
 */
static void
add_unicode(uint32_t cp)
{
	char escape[16];
	int len = snprintf(escape, sizeof escape, "\\[u%04" PRIX32 "]", cp);
	int i;

	if (text_line.len > 0 && text_line.len + (size_t)len > TEXT_WIDTH &&
	    line_break() == 0) {
		fwrite(text_line.text, 1, text_line.len, stdout);
		fputs("\\c\n", stdout);
		text_line.len = 0;
	}
	for (i = 0; i < len; i++)
		add_char(escape[i]);
}

/*
 * Adds text to the line so that roff takes every character literally;
 * the data's texts are UTF-8 (mkproviders and the tests check it).
 */
static void
add_text(const char *text)
{
	size_t left = strlen(text), n;
	uint32_t cp;

	while (left > 0) {
		if (*text == '\\') {
			add_char('\\');
			add_char('e');
			n = 1;
		} else if ((unsigned char)*text < 0x80) {
			add_char(*text);
			n = 1;
		} else if ((n = mp_utf8_next(text, left, &cp)) > 0) {
			add_unicode(cp);
		} else {
			fputs("mkman: a text is not UTF-8\n", stderr);
			exit(1);
		}
		text += n;
		left -= n;
	}
}

/* Ends the line of text, if one was begun. */
static void
end_text(void)
{
	if (text_line.len > 0)
		put_line_part(text_line.len);
}

/* Writes text as a sentence of its own, ending it with a full stop. */
static void
put_sentence(const char *text)
{
	add_text(text);
	add_char('.');
	end_text();
}

/* The sentence that says which ports a word selects. */
static void
put_meaning(const struct mp_word *word)
{
	char meaning[256];

	mp_word_meaning(word, meaning, sizeof meaning);
	put_sentence(meaning);
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

/*
 * The cheat sheet: each topic's lines of data/topics.def, in its order,
 * as the program prints them for a question about one.
 */
static void
put_topics(void)
{
	static const char *const answers[] = {
#define TOPIC(id, words, check, answer) answer,
#include "topics.def"
	};
	const char *p;
	size_t i;
	bool start = true;

	puts(".Bd -literal");
	for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		for (p = answers[i]; *p != '\0'; p++) {
			/* A control character opens a request at a line's start. */
			if (start && (*p == '.' || *p == '\''))
				fputs("\\&", stdout);
			if (*p == '\\')
				fputs("\\e", stdout);
			else
				putchar(*p);
			start = *p == '\n';
		}
	}
	puts(".Ed");
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
		put_sentence(port->note);
		if (*port->rfcs != '\0') {
			add_text("Defined in ");
			put_sentence(port->rfcs);
		}
	}
	puts(".El");
}

static void
put_provider_servers(size_t provider)
{
	static const char *const forms[MP_NUSERNAMES] = {
		"the whole address", "the part before the @",
		"the part before the @, a dot and the domain", "none"
	};
	const struct mp_provider *p = &mp_providers[provider];
	size_t i, end = (size_t)p->first_server + p->nservers;
	unsigned seen = 0, signins = 0;
	char text[MP_TEXT_SIZE];

	puts(".Bl -column \"outgoing\" \"IMAP\" \"outlook.office365.com\" "
	    "\"65535\" \"implicit TLS\" -compact");
	for (i = p->first_server; i < end; i++) {
		const struct mp_server *server = &mp_servers[i];

		printf(".It %s Ta %s Ta Li %s Ta %u Ta %s\n",
		    mp_server_incoming(server) ? "incoming" : "outgoing",
		    mp_protocol_label(server->protocol), server->host,
		    server->port, mp_tls_label(server->tls));
		seen |= 1u << server->username;
		signins |= server->signin;
	}
	puts(".El");
	add_text("User name: ");
	if ((seen & (seen - 1)) == 0) {
		for (i = 0; i < MP_NUSERNAMES; i++)
			if (seen == 1u << i)
				put_sentence(forms[i]);
	} else {
		/* Some servers want one form and some another: say which. */
		for (i = p->first_server; i < end; i++) {
			const struct mp_server *server = &mp_servers[i];
			char part[128];

			snprintf(part, sizeof part, "%s on %s port %u%s",
			    forms[server->username],
			    mp_protocol_label(server->protocol), server->port,
			    i + 1 < end ? "; " : ".");
			add_text(part);
		}
		end_text();
	}
	mp_signin_describe(text, sizeof text, signins);
	add_text("Sign in: ");
	put_sentence(text);
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
		add_text(mp_providers[i].name);
		add_text(mp_providers[i].origin == MP_ORIGIN_DATABASE ?
		    ", from the ISP database:" :
		    mp_providers[i].origin == MP_ORIGIN_BOTH ?
		    ", from the ISP database with curated changes:" :
		    ", curated:");
		end_text();
		put_provider_servers(i);
		puts(".Pp");
		add_text("Domains: ");
		for (j = 0; j < mp_ndomains; j++) {
			if (mp_domains[j].provider != i)
				continue;
			add_text(separator);
			if (mp_domains[j].name[0] == '.')
				add_char('*');
			add_text(mp_domains[j].name);
			separator = ", ";
		}
		add_char('.');
		end_text();
		for (j = mp_providers[i].first_note;
		    j < (size_t)mp_providers[i].first_note +
		    mp_providers[i].nnotes; j++) {
			if (mp_notes[j].kind == MP_NOTE_ENABLE)
				add_text("First: ");
			put_sentence(mp_notes[j].text);
		}
		puts(".Pp");
		add_text("Source: ");
		put_sentence(mp_providers[i].source);
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

/* A date as YYYY-MM-DD into day. */
static bool
parse_revision(const char *text, struct tm *day)
{
	unsigned long year, month, mday;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    mp_number(text, 4, 0, 1970, 9999, &year) != MP_NUMBER_OK ||
	    mp_number(text + 5, 2, 0, 1, 12, &month) != MP_NUMBER_OK ||
	    mp_number(text + 8, 2, 0, 1, 31, &mday) != MP_NUMBER_OK)
		return false;
	day->tm_year = (int)year - 1900;
	day->tm_mon = (int)month - 1;
	day->tm_mday = (int)mday;
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
		if (!mp_ascii_isdigit(*epoch) || *end != '\0' ||
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

/* The formats of --config, each with what it is, from data/configs.def. */
static void
put_configs(void)
{
	static const struct {
		const char *name, *help, *kind;
	} configs[] = {
#define CONFIG(id, name, kind, needs, oauth2, help) { name, help, #kind },
#include "configs.def"
	};
	size_t i;

	puts(".Bl -tag -width mobileconfig");
	for (i = 0; i < LEN(configs); i++) {
		const char *help = configs[i].help;

		printf(".It Cm %s\n%c%s%s.\n", configs[i].name,
		    mp_ascii_upper(help[0]),
		    help + 1, strcmp(configs[i].kind, "PUBLISHED") == 0 ?
		    "; published" : "");
	}
	puts(".El");
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
		else if (strcmp(line, ".\\\" @TOPICS@\n") == 0)
			put_topics();
		else if (strcmp(line, ".\\\" @PROVIDERS@\n") == 0)
			put_providers();
		else if (strcmp(line, ".\\\" @CONFIGS@\n") == 0)
			put_configs();
		else
			put_line(line, date);
	}
	if (ferror(stdin) || fflush(stdout) != 0 || ferror(stdout)) {
		perror("mkman");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

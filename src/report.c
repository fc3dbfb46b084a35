/*
 * report.c - the words of a query, read the same way in every mode, and
 * what is said about the bad ones.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "cli.h"
#include "escape.h"
#include "net.h"
#include "report.h"

/*
 * Whether a command line may hold text as it is: letters, digits, what
 * an address is made of, and UTF-8; no quote, blank or other character a
 * shell reads.
 */
static bool
shell_safe(const char *text)
{
	for (; *text != '\0'; text++)
		if ((unsigned char)*text < 0x80 && !mp_ascii_isalnum(*text) &&
		    strchr("@.-_+%=:/,", *text) == NULL)
			return false;
	return true;
}

/*
 * An unknown domain is not an error, but the person needs a way on: a
 * near domain they may have meant, and the one command that may answer,
 * discovery of the address's (or the domain's) settings.
 */
static void
report_domain(const char *word, size_t len, size_t at, unsigned long line)
{
	const char *suggestion = mp_word_suggest(word + at, len - at);
	char shown[80], whole[4 * MP_WORD_MAX + 1], hint[64] = "";

	mp_escape_utf8(shown, sizeof shown, word + at, len - at);
	if (suggestion != NULL)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)",
		    suggestion);
	if (line > 0) {
		warnx("line %lu: no provider known for '%s'%s", line, shown,
		    hint);
		return;
	}
	warnx("no provider known for '%s'%s", shown, hint);
	mp_escape_utf8(whole, sizeof whole, word, len);
	if (shell_safe(whole)) {
		warnx("try 'mailports --discover %s'", whole);
	} else {
		char quoted[4 * sizeof whole + 3];

		/* An address holds no control byte: as typed, quoted. */
		mp_shell_quote(quoted, sizeof quoted, word, len);
		warnx("try: mailports --discover %s", quoted);
	}
}

/* Whether an address is refused for its length (RFC 5321, 4.5.3.1). */
static bool
too_long(const char *word, size_t len)
{
	size_t at = len;

	while (at > 0 && word[at - 1] != '@')
		at--;
	return len > MP_MAIL_ADDRESS_MAX ||
	    (at > 0 && at - 1 > MP_LOCAL_PART_MAX);
}

void
mp_cli_report(enum mp_error error, const char *word, size_t len,
    unsigned long line)
{
	char shown[104] = "", hint[64] = "", escaped[100];
	const char *suggestion;
	size_t at = len;

	if (error == MP_ERR_DOMAIN) {
		/* Of an address, the domain is what was not known. */
		while (at > 0 && word[at - 1] != '@')
			at--;
		report_domain(word, len, at, line);
		return;
	}
	/* A word too long is shown by its start, enough to find it. */
	mp_escape_utf8(escaped, error == MP_ERR_TOO_LONG ? 40 : sizeof escaped - 3,
	    word, len);
	if (error == MP_ERR_RANGE) {
		/* The number is the subject: what is wrong is its size. */
		if (line > 0)
			warnx("line %lu: port %s is out of range 1-65535", line,
			    escaped);
		else
			warnx("port %s is out of range 1-65535", escaped);
		return;
	}
	if (error != MP_ERR_EMPTY)
		snprintf(shown, sizeof shown, " '%s'", escaped);
	if (error == MP_ERR_UNKNOWN &&
	    (suggestion = mp_word_suggest(word, len)) != NULL)
		snprintf(hint, sizeof hint, " (did you mean '%s'?)",
		    suggestion);
	else if (error == MP_ERR_ADDRESS && too_long(word, len))
		snprintf(hint, sizeof hint, " (at most %d bytes before the @, "
		    "%d in all)", MP_LOCAL_PART_MAX, MP_MAIL_ADDRESS_MAX);
	else if (error == MP_ERR_ADDRESS)
		snprintf(hint, sizeof hint, " (such as alice@example.com)");
	if (line > 0)
		warnx("line %lu: %s%s%s", line, mp_error_text(error), shown,
		    hint);
	else
		warnx("%s%s%s", mp_error_text(error), shown, hint);
}

enum mp_error
mp_cli_add_word(struct mp_query *query, const char *word, size_t len,
    unsigned long line)
{
	enum mp_error error = mp_query_add(query, word, len);

	if (error != MP_OK)
		mp_cli_report(error, word, len, line);
	return error;
}

int
mp_cli_add_words(struct mp_query *query, char **words, int nwords)
{
	bool bad = false, unknown_domain = false;
	int i;

	for (i = 0; i < nwords; i++) {
		enum mp_error error = mp_cli_add_word(query, words[i],
		    strlen(words[i]), 0);

		if (error == MP_ERR_DOMAIN)
			unknown_domain = true;
		else if (error != MP_OK)
			bad = true;
	}
	return bad ? MP_EXIT_TROUBLE : unknown_domain ? MP_EXIT_NOT_FOUND :
	    MP_EXIT_FOUND;
}

const char *
mp_cli_join(char *dst, size_t size, char **words, int nwords)
{
	size_t used = 0;
	int i;

	dst[0] = '\0';
	for (i = 0; i < nwords && used + 8 < size; i++) {
		if (i > 0)
			dst[used++] = ' ';
		mp_escape_utf8(dst + used, size - used, words[i],
		    strlen(words[i]));
		used += strlen(dst + used);
	}
	return dst;
}

int
mp_cli_port_words(struct mp_query *query, char **words, int nwords,
    const char *option)
{
	mp_query_init(query);
	if (mp_cli_add_words(query, words, nwords) != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	if (query->provider != 0) {
		warnx("%s takes the words of ports, not of providers", option);
		return MP_EXIT_TROUBLE;
	}
	return MP_EXIT_FOUND;
}

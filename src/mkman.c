/*
 * mkman.c - writes the manual from its template, filling in the parts that
 * come from the data files so that the manual never drifts from the program.
 *
 * Usage: mkman <template >manual
 * A template line ".\" @WORDS@" becomes the list of query words and
 * ".\" @PORTS@" the port table.
 */
#include <stdlib.h>
#include <string.h>

#include "mailports.h"

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

static const char *const role_meanings[MP_NROLES] = {
	[MP_ROLE_RELAY] = "relaying between servers",
	[MP_ROLE_SUBMISSION] = "sending from a client",
	[MP_ROLE_ACCESS] = "reading a mailbox",
	[MP_ROLE_FILTERS] = "managing server-side filters",
};

/* The sentence that says which ports a word selects. */
static void
put_meaning(const struct mp_word *word)
{
	switch (word->kind) {
	case MP_WORD_PROTO:
		printf("The %s ports.\n",
		    mp_protocol_label((enum mp_protocol)word->value));
		break;
	case MP_WORD_ROLE:
		printf("Ports for %s.\n", role_meanings[word->value]);
		break;
	case MP_WORD_TLS:
		printf("Ports with %s.\n",
		    mp_tls_label((enum mp_tls)word->value));
		break;
	case MP_WORD_SECURE:
		printf("Ports that %s as secure.\n",
		    word->value ? "count" : "do not count");
		break;
	case MP_WORD_STATUS:
		printf("Ports of status %s.\n",
		    mp_status_key((enum mp_status)word->value));
		break;
	case MP_WORD_PORT:
		printf("Port %u.\n", word->value);
		break;
	}
}

static bool
same_meaning(const struct mp_word *a, const struct mp_word *b)
{
	return a->kind == b->kind && a->value == b->value;
}

/* One list item per meaning, its synonyms together. */
static void
put_words(void)
{
	struct mp_word words[MP_PORTS_MAX * 4];
	size_t n = 0, i, j;

	for (i = 0; i < mp_nwords && n < sizeof words / sizeof words[0]; i++)
		words[n++] = mp_words[i];
	for (i = 0; i < mp_nports && n < sizeof words / sizeof words[0]; i++) {
		struct mp_word found;

		/* A service name shadowed by a word of words.def is not one. */
		if (mp_ports[i].iana == NULL ||
		    !mp_word_find(mp_ports[i].iana, strlen(mp_ports[i].iana),
		    &found) || found.kind != MP_WORD_PORT)
			continue;
		words[n++] = found;
	}
	puts(".Bl -tag -width Ds");
	for (i = 0; i < n; i = j) {
		fputs(".It Cm ", stdout);
		for (j = i; j < n && same_meaning(&words[i], &words[j]); j++)
			printf("%s%s", j > i ? " , Cm " : "", words[j].text);
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

int
main(void)
{
	char line[4096];

	while (fgets(line, sizeof line, stdin) != NULL) {
		if (strcmp(line, ".\\\" @WORDS@\n") == 0)
			put_words();
		else if (strcmp(line, ".\\\" @PORTS@\n") == 0)
			put_ports();
		else
			fputs(line, stdout);
	}
	if (ferror(stdin) || fflush(stdout) != 0 || ferror(stdout)) {
		perror("mkman");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

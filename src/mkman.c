/*
 * mkman.c - writes the manual from its template, filling in the parts that
 * come from the data files so that the manual never drifts from the program.
 *
 * Usage: mkman <template >manual
 * A template line ".\" @WORDS@" becomes the list of query words,
 * ".\" @PORTS@" the port table and ".\" @PROVIDERS@" the providers.
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
	case MP_WORD_PROVIDER:
		printf("The servers of %s.\n", mp_providers[word->value].name);
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

int
main(void)
{
	char line[4096];

	while (fgets(line, sizeof line, stdin) != NULL) {
		if (strcmp(line, ".\\\" @WORDS@\n") == 0)
			put_words();
		else if (strcmp(line, ".\\\" @PORTS@\n") == 0)
			put_ports();
		else if (strcmp(line, ".\\\" @PROVIDERS@\n") == 0)
			put_providers();
		else
			fputs(line, stdout);
	}
	if (ferror(stdin) || fflush(stdout) != 0 || ferror(stdout)) {
		perror("mkman");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

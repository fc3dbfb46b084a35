/*
 * mkcomp.c - writes the completions of bash, zsh or fish from the data
 * files, so that they offer exactly the options of options.def, the words
 * of words.def and ports.def, and the providers' words, domains and
 * servers of providers.def.
 *
 * Usage: mkcomp bash|zsh|fish >file
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "len.h"
#include "mailports.h"
#include "meaning.h"
#include "options.h"
#include "providers.h"


struct option {
	const char	*name;
	char		 letter;
	enum mp_argument argument;
	enum mp_complete complete;
	const char	*values;
	const char	*help;
};

static const struct option options[] = {
#define OPTION(name, letter, id, argument, metavar, complete, values, help, \
    modes) \
	{ name, letter, MP_ARGUMENT_##argument, MP_COMPLETE_##complete, \
	    values, help },
#include "options.def"
};

/* Every word a query may hold, with what it means. */
struct word {
	const char	*text;
	char		 meaning[128];
};

static struct word words[MP_QUERY_WORDS_MAX + 256];
static size_t nwords;

static void
add_word(const struct mp_word *word)
{
	if (nwords == LEN(words)) {
		fputs("mkcomp: too many words\n", stderr);
		exit(EXIT_FAILURE);
	}
	words[nwords].text = word->text;
	if (mp_word_meaning(word, words[nwords].meaning,
	    sizeof words[nwords].meaning) >= sizeof words[nwords].meaning) {
		fprintf(stderr, "mkcomp: the meaning of '%s' is too long\n",
		    word->text);
		exit(EXIT_FAILURE);
	}
	nwords++;
}

static void
collect_words(void)
{
	struct mp_word query[MP_QUERY_WORDS_MAX];
	size_t n = mp_query_words(query, MP_QUERY_WORDS_MAX), i;

	/* Words that change nothing, or only join two sides, are no help. */
	for (i = 0; i < n; i++)
		if (query[i].kind != MP_WORD_FILLER &&
		    query[i].kind != MP_WORD_VERSUS)
			add_word(&query[i]);
	for (i = 0; i < mp_nproviders; i++) {
		struct mp_word word = { mp_providers[i].word, MP_WORD_PROVIDER,
			(unsigned)i };

		add_word(&word);
	}
	for (i = 0; i < mp_naliases; i++) {
		struct mp_word word = { mp_aliases[i].word, MP_WORD_PROVIDER,
			mp_aliases[i].provider };

		add_word(&word);
	}
}

/* Whether the server's host came earlier in the table: each once. */
static bool
host_seen(size_t server)
{
	size_t i;

	for (i = 0; i < server; i++)
		if (strcmp(mp_servers[i].host, mp_servers[server].host) == 0)
			return true;
	return false;
}

/* Writes text inside single quotes, for any of the three shells. */
static void
put_quoted(const char *text, bool backslash)
{
	putchar('\'');
	for (; *text != '\0'; text++) {
		if (*text == '\n')
			putchar(' ');
		else if (*text == '\'')
			/* fish escapes in quotes; bash and zsh end them. */
			fputs(backslash ? "\\'" : "'\\''", stdout);
		else if (*text == '\\' && backslash)
			fputs("\\\\", stdout);
		else
			putchar(*text);
	}
	putchar('\'');
}

/* The lists as words separated by spaces, for compgen -W and fish -a. */
static void
put_word_list(const char *separator)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		printf("%s%s", i > 0 ? separator : "", words[i].text);
}

static void
put_domain_list(const char *separator)
{
	const char *before = "";
	size_t i;

	/* A row for every name under a domain is no name to offer. */
	for (i = 0; i < mp_ndomains; i++) {
		if (mp_domains[i].name[0] == '.')
			continue;
		printf("%s%s", before, mp_domains[i].name);
		before = separator;
	}
}

static void
put_host_list(const char *separator)
{
	const char *before = "";
	size_t i;

	/* A host made of the address's domain is no one host to offer. */
	for (i = 0; i < mp_nservers; i++) {
		if (host_seen(i) ||
		    strstr(mp_servers[i].host, MP_DOMAIN_PLACEHOLDER) != NULL)
			continue;
		printf("%s%s", before, mp_servers[i].host);
		before = separator;
	}
}

static void
put_bash(void)
{
	const char *indent;
	bool optional;
	size_t i;

	puts("# bash completion for mailports(1), written by mkcomp from the\n"
	    "# data files: edit data/*.def, not this file.\n"
	    "\n"
	    "_mailports_domains()\n"
	    "{\n"
	    "\tlocal user=\n"
	    "\t[[ $cur == *@* ]] && user=${cur%@*}@\n"
	    "\tCOMPREPLY=($(compgen -P \"$user\" -W '");
	put_domain_list(" ");
	puts("' -- \"${cur##*@}\"))\n"
	    "}\n"
	    "\n"
	    "_mailports()\n"
	    "{\n"
	    "\tlocal cur prev words cword split\n"
	    "\t_init_completion -s || return\n"
	    "\n"
	    "\tcase $prev in");
	for (i = 0; i < LEN(options); i++) {
		const struct option *o = &options[i];

		if (o->argument == MP_ARGUMENT_NONE)
			continue;
		printf("\t--%s)\n", o->name);
		/* An optional argument is only ever --name=value. */
		optional = o->argument == MP_ARGUMENT_OPTIONAL;
		if (optional)
			puts("\t\tif $split; then");
		indent = optional ? "\t\t\t" : "\t\t";
		switch (o->complete) {
		case MP_COMPLETE_NOTHING:
			break;
		case MP_COMPLETE_VALUES:
			printf("%sCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n",
			    indent, o->values);
			break;
		case MP_COMPLETE_HOSTS:
		case MP_COMPLETE_SERVERS:
			printf("%s_known_hosts_real -- \"$cur\"\n", indent);
			if (o->complete == MP_COMPLETE_HOSTS)
				break;
			printf("%sCOMPREPLY+=($(compgen -W '", indent);
			put_host_list(" ");
			puts("' -- \"$cur\"))");
			break;
		case MP_COMPLETE_DOMAINS:
			printf("%s_mailports_domains\n", indent);
			break;
		}
		puts(optional ? "\t\t\treturn\n\t\tfi\n\t\t;;" :
		    "\t\treturn\n\t\t;;");
	}
	puts("\tesac\n"
	    "\t$split && return\n"
	    "\n"
	    "\tcase $cur in\n"
	    "\t-*)");
	fputs("\t\tCOMPREPLY=($(compgen -W '", stdout);
	for (i = 0; i < LEN(options); i++)
		if (options[i].letter != 0)
			printf("-%c ", options[i].letter);
	for (i = 0; i < LEN(options); i++)
		printf("--%s%s%s", options[i].name,
		    options[i].argument == MP_ARGUMENT_OPTIONAL ? "=" : "",
		    i + 1 < LEN(options) ? " " : "");
	puts("' -- \"$cur\"))\n"
	    "\t\t[[ ${COMPREPLY-} == *= ]] && compopt -o nospace\n"
	    "\t\t;;\n"
	    "\t*@*)\n"
	    "\t\t_mailports_domains\n"
	    "\t\t;;\n"
	    "\t*)");
	fputs("\t\tCOMPREPLY=($(compgen -W '", stdout);
	put_word_list(" ");
	puts("' -- \"$cur\"))\n"
	    "\t\t;;\n"
	    "\tesac\n"
	    "} &&\n"
	    "\tcomplete -F _mailports mailports");
}

/* Text for a description in brackets of an _arguments spec. */
static void
put_zsh_description(const char *text)
{
	char escaped[512];
	size_t n = 1;

	escaped[0] = '[';
	for (; *text != '\0'; text++) {
		/* Room for an escaped character, the bracket and the NUL. */
		if (n + 4 > sizeof escaped) {
			fputs("mkcomp: an option's help is too long\n", stderr);
			exit(EXIT_FAILURE);
		}
		if (*text == '[' || *text == ']' || *text == ':' ||
		    *text == '\\')
			escaped[n++] = '\\';
		escaped[n++] = *text;
	}
	escaped[n++] = ']';
	escaped[n] = '\0';
	put_quoted(escaped, false);
}

static void
put_zsh(void)
{
	size_t i;

	puts("#compdef mailports\n"
	    "# zsh completion for mailports(1), written by mkcomp from the\n"
	    "# data files: edit data/*.def, not this file.\n"
	    "\n"
	    "local curcontext=$curcontext state state_descr line expl ret=1\n"
	    "typeset -A opt_args\n"
	    "local -a mailports_words mailports_domains mailports_hosts\n"
	    "\n"
	    "mailports_words=(");
	for (i = 0; i < nwords; i++) {
		char item[256];

		snprintf(item, sizeof item, "%s:%s", words[i].text,
		    words[i].meaning);
		putchar('\t');
		put_quoted(item, false);
		putchar('\n');
	}
	puts(")\nmailports_domains=(");
	put_domain_list("\n");
	puts("\n)\nmailports_hosts=(");
	put_host_list("\n");
	puts("\n)\n\n_arguments -s -S : \\");
	for (i = 0; i < LEN(options); i++) {
		const struct option *o = &options[i];

		putchar('\t');
		if (o->letter != 0)
			printf("'(-%c --%s)'{-%c,--%s}", o->letter, o->name,
			    o->letter, o->name);
		else
			printf("--%s", o->name);
		if (o->argument == MP_ARGUMENT_REQUIRED)
			fputs("=", stdout);
		else if (o->argument == MP_ARGUMENT_OPTIONAL)
			fputs("=-", stdout);
		put_zsh_description(o->help);
		switch (o->argument == MP_ARGUMENT_NONE ?
		    MP_COMPLETE_NOTHING : o->complete) {
		case MP_COMPLETE_NOTHING:
			if (o->argument != MP_ARGUMENT_NONE)
				printf("':%s: '", o->name);
			break;
		case MP_COMPLETE_VALUES:
			printf("'%s%s:(%s)'",
			    o->argument == MP_ARGUMENT_OPTIONAL ? "::" : ":",
			    o->name, o->values);
			break;
		case MP_COMPLETE_HOSTS:
			fputs("':host:_hosts'", stdout);
			break;
		case MP_COMPLETE_SERVERS:
			fputs("':host:->servers'", stdout);
			break;
		case MP_COMPLETE_DOMAINS:
			fputs("':address or domain:->domains'", stdout);
			break;
		}
		puts(" \\");
	}
	puts("\t'*:word:->words' && ret=0\n"
	    "\n"
	    "case $state in\n"
	    "servers)\n"
	    "\t_alternative 'hosts:host:_hosts' \\\n"
	    "\t    'servers:provider server:compadd -a mailports_hosts' && ret=0\n"
	    "\t;;\n"
	    "domains|words)\n"
	    "\tif [[ $state == domains || $PREFIX == *@* ]]; then\n"
	    "\t\tcompset -P '*@'\n"
	    "\t\t_wanted domains expl 'address domain' \\\n"
	    "\t\t    compadd -a mailports_domains && ret=0\n"
	    "\telse\n"
	    "\t\t_describe -t words word mailports_words && ret=0\n"
	    "\tfi\n"
	    "\t;;\n"
	    "esac\n"
	    "return ret");
}

static void
put_fish(void)
{
	size_t i;

	puts("# fish completion for mailports(1), written by mkcomp from the\n"
	    "# data files: edit data/*.def, not this file.\n"
	    "\n"
	    "function __mailports_domains\n"
	    "\tset -l user (string match -r -- '^.*@' (commandline -ct))");
	/* The user's text is no format: it goes in as an argument. */
	fputs("\tset -l domains ", stdout);
	put_domain_list(" ");
	puts("\n\tprintf '%s\\n' \"$user\"$domains\n"
	    "end\n"
	    "\n"
	    "complete -c mailports -f");
	for (i = 0; i < LEN(options); i++) {
		const struct option *o = &options[i];

		if (o->argument == MP_ARGUMENT_OPTIONAL) {
			/* Offered as --name= alone: a bare --name is no help. */
			printf("complete -c mailports -n 'string match -qr -- "
			    "\"^-[^=]*\\$\" (commandline -ct)' -a '--%s=' -d ",
			    o->name);
			put_quoted(o->help, true);
			printf("\ncomplete -c mailports -n 'string match -q -- "
			    "\"--%s=*\" (commandline -ct)' -a '", o->name);
			if (o->complete == MP_COMPLETE_VALUES) {
				const char *v = o->values;

				printf("--%s=", o->name);
				for (; *v != '\0'; v++)
					if (*v == ' ')
						printf(" --%s=", o->name);
					else
						putchar(*v);
			}
			fputs("' -d ", stdout);
			put_quoted(o->help, true);
			putchar('\n');
			continue;
		}
		fputs("complete -c mailports", stdout);
		if (o->letter != 0)
			printf(" -s %c", o->letter);
		printf(" -l %s", o->name);
		if (o->argument == MP_ARGUMENT_REQUIRED)
			fputs(" -x", stdout);
		switch (o->argument == MP_ARGUMENT_NONE ?
		    MP_COMPLETE_NOTHING : o->complete) {
		case MP_COMPLETE_NOTHING:
			break;
		case MP_COMPLETE_VALUES:
			printf(" -a '%s'", o->values);
			break;
		case MP_COMPLETE_HOSTS:
			fputs(" -a '(__fish_print_hostnames)'", stdout);
			break;
		case MP_COMPLETE_SERVERS:
			fputs(" -a '(__fish_print_hostnames; printf \"%s\\n\" ",
			    stdout);
			put_host_list(" ");
			fputs(")'", stdout);
			break;
		case MP_COMPLETE_DOMAINS:
			fputs(" -a '(__mailports_domains)'", stdout);
			break;
		}
		fputs(" -d ", stdout);
		put_quoted(o->help, true);
		putchar('\n');
	}
	puts("complete -c mailports -n 'string match -q -- \"*@*\" "
	    "(commandline -ct)' -a '(__mailports_domains)'");
	for (i = 0; i < nwords; i++) {
		printf("complete -c mailports -a %s -d ", words[i].text);
		put_quoted(words[i].meaning, true);
		putchar('\n');
	}
}

int
main(int argc, char *argv[])
{
	if (argc != 2) {
		fputs("usage: mkcomp bash|zsh|fish\n", stderr);
		return EXIT_FAILURE;
	}
	collect_words();
	if (strcmp(argv[1], "bash") == 0) {
		put_bash();
	} else if (strcmp(argv[1], "zsh") == 0) {
		put_zsh();
	} else if (strcmp(argv[1], "fish") == 0) {
		put_fish();
	} else {
		fprintf(stderr, "mkcomp: unknown shell '%s'\n", argv[1]);
		return EXIT_FAILURE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("mkcomp");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

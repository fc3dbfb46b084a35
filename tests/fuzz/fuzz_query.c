/*
 * fuzz_query.c - libFuzzer harness for the words of a command line: each
 * blank-separated piece of the input is a word, answered in every format,
 * as ports or, when a word names a provider, as its servers.  The input
 * is also read as one quoted question (src/question.c), whose words must
 * lie within it or the reader's own copy, and a topic's answer printed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "mailports.h"
#include "providers.h"
#include "question.h"
#include "topics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as one argument, as a quoted question comes. */
static void
read_question(const uint8_t *data, size_t size, FILE *sink)
{
	static struct mp_question question;
	static char arg[4096];
	char *args[] = { arg };
	size_t i;

	if (size >= sizeof arg || memchr(data, '\0', size) != NULL)
		return;
	memcpy(arg, data, size);
	arg[size] = '\0';
	if (!mp_question_read(&question, args, 1))
		return;
	for (i = 0; i < question.nwords; i++) {
		const char *w = question.words[i].text;
		bool in_arg = w >= arg && w + question.words[i].len <= arg + size;
		bool in_copy = w >= question.text &&
		    w + question.words[i].len <= question.text + sizeof question.text;

		if (!in_arg && !in_copy)
			__builtin_trap();
	}
	for (i = 0; i < mp_ntopics; i++)
		if (question.topics & 1u << i)
			mp_print_topic(sink, &mp_topics[i], "a'b\"c@example.com",
			    "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	const struct mp_port *ports[MP_PORTS_MAX];
	const struct mp_server *servers[MP_SERVERS_MAX];
	const char *text = (const char *)data;
	struct mp_query query;
	char shown[96];
	size_t start = 0, n, i;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		return 0;
	read_question(data, size, sink);
	mp_query_init(&query);
	while (start < size) {
		size_t end = start;

		while (end < size && text[end] != ' ')
			end++;
		enum mp_error error = mp_query_add(&query, text + start,
		    end - start);

		if (error == MP_ERR_UNKNOWN || error == MP_ERR_DOMAIN)
			(void)mp_word_suggest(text + start, end - start);
		if (error == MP_OK && mp_domain_find(text + start,
		    end - start) >= 0 && query.provider == 0)
			__builtin_trap();
		mp_escape(shown, sizeof shown, text + start, end - start);
		start = end + 1;
	}
	if (query.nports > MP_QUERY_PORTS_MAX)
		__builtin_trap();
	n = mp_lookup(&query, ports, MP_PORTS_MAX);
	if (n > MP_PORTS_MAX)
		__builtin_trap();
	for (i = 0; i < n; i++)
		if (!mp_query_matches(&query, ports[i]))
			__builtin_trap();
	mp_print_table(sink, ports, n, size % 2 == 0, size % 3 * 40);
	mp_print_ports(sink, ports, n, ' ');
	mp_print_tsv(sink, ports, n);
	mp_print_json(sink, ports, n);
	if (query.provider == 0)
		return 0;
	/* A domain or address named a provider: its servers, in every format. */
	n = mp_lookup_servers(&query, servers, MP_SERVERS_MAX, size % 3 == 0);
	if (n > MP_SERVERS_MAX)
		__builtin_trap();
	mp_print_servers_table(sink, &query, servers, n, size % 2 == 0,
	    size % 3 * 40);
	mp_print_servers_ports(sink, servers, n, ' ');
	mp_print_servers_tsv(sink, &query, servers, n);
	mp_print_servers_json(sink, &query, servers, n);
	return 0;
}

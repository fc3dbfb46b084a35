/*
 * fuzz_ispdb.c - libFuzzer harness for the importer of Mozilla's ISP
 * database: the input is one file of it, read by the XML reader into
 * storage of its size, whose tree must hold together, then converted and
 * written as .def rows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ispdb.h"
#include "ispdb_def.h"
#include "xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
ignore(void *arg, const char *file, unsigned line, const char *message)
{
	(void)arg;
	(void)file;
	(void)line;
	/* A report is one line: it must never hold a byte of the file raw. */
	for (; *message != '\0'; message++)
		if (*message == '\n' || *message == '\r')
			__builtin_trap();
}

/* Every index of the tree points into it, and texts hold no NUL. */
static void
check_tree(const struct mp_xml *doc)
{
	size_t i;

	for (i = 0; i < doc->nnodes; i++) {
		const struct mp_xml_node *n = &doc->nodes[i];

		if ((n->child != MP_XML_NONE && n->child >= doc->nnodes) ||
		    (n->next != MP_XML_NONE && n->next >= doc->nnodes) ||
		    (i > 0 && n->parent >= i) ||
		    n->attr + n->nattrs > doc->nattrs ||
		    (n->text != NULL && strlen(n->text) != n->len))
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_ispdb_provider provider = { 0 };
	struct mp_xml_node *nodes = calloc(size / 2 + 2, sizeof *nodes);
	struct mp_xml_attr *attrs = calloc(size / 4 + 1, sizeof *attrs);
	char *arena = malloc(MP_XML_ARENA_SIZE(size)), *out = NULL;
	struct mp_xml doc;
	size_t len = 0;
	FILE *fp;

	if (nodes == NULL || attrs == NULL || arena == NULL)
		__builtin_trap();
	/* Room in proportion to the input, not to its markup as the importer
	   gives it: refusals for want of room are read too. */
	mp_xml_init(&doc, nodes, size / 2 + 2, attrs, size / 4 + 1, arena,
	    MP_XML_ARENA_SIZE(size));
	if (mp_xml_parse(&doc, (const char *)data, size))
		check_tree(&doc);
	else if (doc.error[0] == '\0' || doc.nnodes != 0)
		__builtin_trap();
	free(nodes);
	free(attrs);
	free(arena);

	if (mp_ispdb_convert(&provider, "fuzz.example.xml",
	    (const char *)data, size, ignore, NULL) &&
	    (fp = open_memstream(&out, &len)) != NULL) {
		mp_ispdb_write(fp, &provider, 1, "0123456", "2026-01-01");
		fclose(fp);
		free(out);
	}
	mp_ispdb_free(&provider);
	return 0;
}

/*
 * ispdb_xml.h - a small XML reader for the files of Mozilla's ISP
 * database: it reads a document from a buffer into a tree of elements,
 * text and comments, and does no I/O.
 *
 * What it reads: a UTF-8 byte order mark, the XML declaration (whose
 * encoding, if given, must be UTF-8), comments, CDATA sections, elements
 * with attributes in single or double quotes, self-closing tags, the five
 * predefined entities and numeric character references (&#233; &#xE9;),
 * written out as UTF-8.  Line ends are normalised to LF, and in attribute
 * values every tab, CR and LF becomes a space, as XML 1.0 has it.
 *
 * What it refuses, with the line of the error: any malformed markup,
 * bytes that are not UTF-8 or not XML characters, references to other
 * entities or to code points XML does not allow (NUL, surrogates, U+FFFE,
 * beyond U+10FFFF), a DOCTYPE (so no entity of a document's own can grow
 * it), processing instructions other than the declaration, names that
 * are not ASCII, and anything past the limits below.
 *
 * The tree is built without recursion: each node names its parent, first
 * child and next sibling by their index.
 */
#ifndef MAILPORTS_ISPDB_XML_H
#define MAILPORTS_ISPDB_XML_H

#include <stdbool.h>
#include <stddef.h>

#define MP_XML_SIZE_MAX		1048576	/* bytes of a document, 1 MiB */
#define MP_XML_DEPTH_MAX	32	/* elements inside each other */
#define MP_XML_NAME_MAX		64	/* bytes of an element or attribute name */
#define MP_XML_ATTRS_MAX	16	/* attributes of one element */
#define MP_XML_NODES_MAX	65536	/* elements, texts and comments */
#define MP_XML_NONE		((size_t)-1)	/* no such node */

enum mp_xml_kind {
	MP_XML_DOCUMENT,	/* node 0: the root element and comments around it */
	MP_XML_ELEMENT,
	MP_XML_TEXT,		/* character data, CDATA and references, joined */
	MP_XML_COMMENT
};

struct mp_xml_attr {
	const char	*name;
	char		*value;		/* decoded, NUL-terminated */
};

struct mp_xml_node {
	enum mp_xml_kind kind;
	unsigned	 line;		/* where it begins, from 1 */
	const char	*name;		/* an element's name, else NULL */
	char		*text;		/* a text's or comment's, else NULL */
	size_t		 len;		/* of text */
	size_t		 parent, child, last, next;
	size_t		 attr, nattrs;	/* an element's, in attrs */
};

struct mp_xml {
	struct mp_xml_node *nodes;
	size_t		 nnodes;
	struct mp_xml_attr *attrs;
	size_t		 nattrs;
	char		*arena;		/* every string of the tree */
	size_t		 used, size;
	unsigned	 error_line;	/* 0 for an error of no line */
	char		 error[96];
};

/*
 * Reads the len bytes of buf into doc.  Returns false, with doc->error
 * and doc->error_line set and no tree, for malformed input or lack of
 * memory.  Either way mp_xml_free releases what doc holds.
 */
/*
 * XML's white space (production S of XML 1.0): space, tab, CR and LF, not
 * the vertical tab and form feed isspace(3) adds.
 */
static inline bool
mp_xml_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool mp_xml_parse(struct mp_xml *doc, const char *buf, size_t len);
void mp_xml_free(struct mp_xml *doc);

/* The value of the element's attribute of that name, or NULL. */
const char *mp_xml_attr(const struct mp_xml *doc, size_t element,
    const char *name);

/*
 * Decodes the UTF-8 character at s, of at most len bytes, into *code:
 * returns its length, or 0 if it is not a valid UTF-8 sequence (overlong
 * forms and surrogates included).
 */
size_t mp_xml_utf8(const char *s, size_t len, unsigned long *code);

#endif

/*
 * xml.h - a small XML reader, for the files of Mozilla's ISP database the
 * importer reads at build time and the autoconfig file the program
 * fetches from a domain: it reads a document from a buffer into a tree of
 * elements, text and comments, in storage the caller gives, and does no
 * I/O and no allocation.
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
 * it, and nothing external is ever named), processing instructions other
 * than the declaration, names that are not ASCII, and anything past the
 * limits below or the caller's storage.  Names are compared as XML has
 * them, in their case.
 *
 * The tree is built without recursion: each node names its parent, first
 * child and next sibling by their index.
 */
#ifndef MAILPORTS_XML_H
#define MAILPORTS_XML_H

#include <stdbool.h>
#include <stddef.h>

#define MP_XML_SIZE_MAX		1048576	/* bytes of a document, 1 MiB */
#define MP_XML_DEPTH_MAX	32	/* elements inside each other */
#define MP_XML_NAME_MAX		64	/* bytes of an element or attribute name */
#define MP_XML_ATTRS_MAX	16	/* attributes of one element */
#define MP_XML_NONE		((size_t)-1)	/* no such node */
/*
 * The arena a document of len bytes needs at most: decoding never
 * lengthens text, and each string's NUL takes the place of at least one
 * byte of markup, so twice the input is more than enough.
 */
#define MP_XML_ARENA_SIZE(len)	(2 * (len) + 2)

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
	struct mp_xml_node *nodes;	/* the caller's, nodes_size of them */
	size_t		 nnodes, nodes_size;
	struct mp_xml_attr *attrs;	/* the caller's, attrs_size of them */
	size_t		 nattrs, attrs_size;
	char		*arena;		/* every string of the tree */
	size_t		 used, size;
	unsigned	 error_line;	/* 0 for an error of no line */
	char		 error[96];	/* ASCII, no byte of the document */
};

/*
 * XML's white space (production S of XML 1.0): space, tab, CR and LF, not
 * the vertical tab and form feed isspace(3) adds.
 */
static inline bool
mp_xml_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Gives doc its storage: nodes_size nodes (2 at least: the document and
 * its root), attrs_size attributes and an arena of arena_size bytes
 * (MP_XML_ARENA_SIZE of the longest document to read).  A document that
 * needs more is refused with a reason, never written past them.
 */
void mp_xml_init(struct mp_xml *doc, struct mp_xml_node *nodes,
    size_t nodes_size, struct mp_xml_attr *attrs, size_t attrs_size,
    char *arena, size_t arena_size);

/*
 * Reads the len bytes of buf into doc's storage, replacing what it held.
 * Returns false, with doc->error and doc->error_line set and no tree
 * (nnodes 0), for malformed input or input beyond the storage.
 */
bool mp_xml_parse(struct mp_xml *doc, const char *buf, size_t len);

/* The value of the element's attribute of that name, or NULL. */
const char *mp_xml_attr(const struct mp_xml *doc, size_t element,
    const char *name);

/* The first child element of parent of that name, or MP_XML_NONE. */
size_t mp_xml_child(const struct mp_xml *doc, size_t parent,
    const char *name);

/* Whether the node is an element of that name. */
bool mp_xml_is(const struct mp_xml *doc, size_t node, const char *name);

/*
 * The text of an element with nothing but text (comments aside), with
 * the blanks around it taken off in place: "" for an empty element, NULL
 * for one holding other elements or text in pieces.
 */
char *mp_xml_text(struct mp_xml *doc, size_t element);

#endif

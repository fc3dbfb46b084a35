/*
 * xml.c - reads an XML document from a buffer into a tree (xml.h says
 * what it accepts).  One loop over the input, with the open element as
 * its only state, so no input can make it recurse; every read is checked
 * against the end of the buffer, every write against the end of the
 * caller's storage.  Errors are written with fixed formats: the program
 * imports no vsnprintf(3) for them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "idna.h"
#include "len.h"
#include "xml.h"

/* A limit as text, for the fixed messages that name it. */
#define STR(x) STR_(x)
#define STR_(x) #x

struct parser {
	struct mp_xml	*doc;
	const char	*buf;
	size_t		 len, pos;
	size_t		 counted;	/* lines are counted up to here */
	unsigned	 line;
	size_t		 current;	/* the open element, 0 for none */
	unsigned	 depth;
	size_t		 text;		/* the text being filled, or none */
	bool		 root_seen, root_done;
};

/* The line of byte at: LF, CR LF and a lone CR each end one. */
static unsigned
line_of(struct parser *p, size_t at)
{
	size_t i;

	if (at < p->counted) {
		p->counted = 0;
		p->line = 1;
	}
	for (i = p->counted; i < at; i++)
		if (p->buf[i] == '\n' || (p->buf[i] == '\r' &&
		    (i + 1 == p->len || p->buf[i + 1] != '\n')))
			p->line++;
	p->counted = at;
	return p->line;
}

/*
 * Records the error at byte at, unless one is recorded: the first error
 * is the one to report, later ones follow from it.  Returns whether there
 * was none before, so the callers can write their own text.
 */
static bool
first_error(struct parser *p, size_t at)
{
	if (p->doc->error[0] != '\0')
		return false;
	p->doc->error_line = line_of(p, at);
	return true;
}

static bool
fail(struct parser *p, size_t at, const char *message)
{
	if (first_error(p, at))
		(void)snprintf(p->doc->error, sizeof p->doc->error, "%s",
		    message);
	return false;
}

/* An error naming a name of the document, which name() keeps to ASCII. */
static bool
fail_name(struct parser *p, size_t at, const char *before, const char *name,
    const char *after)
{
	if (first_error(p, at))
		(void)snprintf(p->doc->error, sizeof p->doc->error,
		    "%s'%s'%s", before, name, after);
	return false;
}

static bool
starts(const struct parser *p, const char *text)
{
	size_t n = strlen(text);

	return p->len - p->pos >= n && memcmp(p->buf + p->pos, text, n) == 0;
}

static bool
skip_space(struct parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && mp_xml_isspace(p->buf[p->pos]))
		p->pos++;
	return p->pos > start;
}

/* Whether XML 1.0 allows the code point in a document (its Char). */
static bool
xml_code_point(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* The length of the character at the parser's position, or 0 after an error. */
static size_t
xml_char(struct parser *p)
{
	uint32_t c;
	size_t n;

	n = mp_utf8_next(p->buf + p->pos, p->len - p->pos, &c);
	if (n == 0) {
		fail(p, p->pos, "a byte that is not UTF-8");
		return 0;
	}
	if (!xml_code_point(c)) {
		if (first_error(p, p->pos))
			(void)snprintf(p->doc->error, sizeof p->doc->error,
			    "character U+%04X is not allowed in XML",
			    (unsigned)c);
		return 0;
	}
	return n;
}

/*
 * The arena holds every string of the tree; MP_XML_ARENA_SIZE of the
 * input is room enough, and the check keeps a smaller one safe.
 */
static bool
put(struct parser *p, char c)
{
	struct mp_xml *doc = p->doc;

	if (doc->used == doc->size)
		return fail(p, p->pos, "out of room for text");
	doc->arena[doc->used++] = c;
	return true;
}

static bool
put_utf8(struct parser *p, uint32_t c)
{
	char b[4];
	size_t n, i;

	if (c < 0x80) {
		b[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6), n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | c >> 12), n = 3;
	} else {
		b[0] = (char)(0xf0 | c >> 18), n = 4;
	}
	for (i = 1; i < n; i++)
		b[i] = (char)(0x80 | ((c >> (6 * (n - 1 - i))) & 0x3f));
	for (i = 0; i < n; i++)
		if (!put(p, b[i]))
			return false;
	return true;
}

/*
 * Copies the character at the position, a line end as one LF (or, in an
 * attribute value, every tab, CR and LF as a space).
 */
static bool
copy_char(struct parser *p, bool attribute)
{
	char c = p->buf[p->pos];
	size_t n, i;

	if (c == '\r' || (attribute && (c == '\n' || c == '\t'))) {
		p->pos++;
		if (c == '\r' && p->pos < p->len && p->buf[p->pos] == '\n')
			p->pos++;
		return put(p, attribute ? ' ' : '\n');
	}
	if ((n = xml_char(p)) == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!put(p, p->buf[p->pos++]))
			return false;
	return true;
}

static size_t
add_node(struct parser *p, enum mp_xml_kind kind, size_t at)
{
	struct mp_xml *doc = p->doc;
	struct mp_xml_node *parent;
	size_t i;

	if (doc->nnodes == doc->nodes_size) {
		if (first_error(p, at))
			(void)snprintf(doc->error, sizeof doc->error,
			    "more than %zu elements, texts and comments",
			    doc->nodes_size - 1);
		return MP_XML_NONE;
	}
	i = doc->nnodes++;
	doc->nodes[i] = (struct mp_xml_node){ .kind = kind,
		.line = line_of(p, at), .parent = p->current,
		.child = MP_XML_NONE, .last = MP_XML_NONE,
		.next = MP_XML_NONE, .attr = doc->nattrs };
	parent = &doc->nodes[p->current];
	if (parent->last == MP_XML_NONE)
		parent->child = i;
	else
		doc->nodes[parent->last].next = i;
	parent->last = i;
	return i;
}

/* Starts a text node unless one is being filled. */
static bool
begin_text(struct parser *p)
{
	size_t i;

	if (p->text != MP_XML_NONE)
		return true;
	if ((i = add_node(p, MP_XML_TEXT, p->pos)) == MP_XML_NONE)
		return false;
	p->doc->nodes[i].text = p->doc->arena + p->doc->used;
	p->text = i;
	return true;
}

static bool
end_text(struct parser *p)
{
	struct mp_xml_node *n;

	if (p->text == MP_XML_NONE)
		return true;
	n = &p->doc->nodes[p->text];
	n->len = (size_t)(p->doc->arena + p->doc->used - n->text);
	p->text = MP_XML_NONE;
	return put(p, '\0');
}

/* Reads a name into the arena; ASCII only, as the ISP database's are. */
static bool
name(struct parser *p, const char **out)
{
	size_t start = p->pos;

	while (p->pos < p->len) {
		char c = p->buf[p->pos];

		if (!(mp_ascii_isalpha(c) || c == '_' || c == ':' ||
		    (p->pos > start &&
		    (mp_ascii_isdigit(c) || c == '-' || c == '.'))))
			break;
		p->pos++;
	}
	if (p->pos == start)
		return fail(p, p->pos, "expected a name");
	if (p->pos - start > MP_XML_NAME_MAX)
		return fail(p, start, "a name longer than "
		    STR(MP_XML_NAME_MAX) " bytes");
	*out = p->doc->arena + p->doc->used;
	while (start < p->pos)
		if (!put(p, p->buf[start++]))
			return false;
	return put(p, '\0');
}

/* A reference, at its '&': writes the character it stands for. */
static bool
reference(struct parser *p)
{
	static const struct {
		const char	*name;
		char		 c;
	} named[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
		{ "&apos;", '\'' }, { "&quot;", '"' },
	};
	size_t start = p->pos, i, digits = 0;
	uint32_t code = 0, base = 10, digit;

	for (i = 0; i < LEN(named); i++)
		if (starts(p, named[i].name)) {
			p->pos += strlen(named[i].name);
			return put(p, named[i].c);
		}
	if (!starts(p, "&#"))
		return fail(p, start, "an entity other than lt, gt, amp, "
		    "apos and quot");
	p->pos += 2;
	if (p->pos < p->len && p->buf[p->pos] == 'x') {
		base = 16;
		p->pos++;
	}
	for (; p->pos < p->len; p->pos++, digits++) {
		char c = p->buf[p->pos];

		if (mp_ascii_isdigit(c))
			digit = (uint32_t)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			digit = (uint32_t)(c - 'a') + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			digit = (uint32_t)(c - 'A') + 10;
		else
			break;
		/* Past U+10FFFF it stays past, however many digits follow. */
		code = code > 0x10ffff ? code : code * base + digit;
	}
	if (digits == 0 || p->pos == p->len || p->buf[p->pos] != ';')
		return fail(p, start, "a malformed character reference");
	p->pos++;
	if (!xml_code_point(code))
		return fail(p, start, "a reference to a character XML does "
		    "not allow");
	return put_utf8(p, code);
}

/* Attributes up to the end of a tag, '>', "/>" or "?>", which it leaves. */
static bool
attributes(struct parser *p)
{
	struct mp_xml *doc = p->doc;
	size_t first = doc->nattrs, i;
	const char *attr;

	for (;;) {
		bool space = skip_space(p);
		size_t start;
		char quote;

		if (p->pos == p->len)
			return fail(p, p->pos, "end of input inside a tag");
		quote = p->buf[p->pos];
		if (quote == '>' || quote == '/' || quote == '?')
			return true;
		if (!space)
			return fail(p, p->pos, "no space before an attribute");
		start = p->pos;
		if (!name(p, &attr))
			return false;
		for (i = first; i < doc->nattrs; i++)
			if (strcmp(doc->attrs[i].name, attr) == 0)
				return fail_name(p, start, "attribute ", attr,
				    " twice");
		if (doc->nattrs - first == MP_XML_ATTRS_MAX)
			return fail(p, start, "more than "
			    STR(MP_XML_ATTRS_MAX) " attributes");
		skip_space(p);
		if (p->pos == p->len || p->buf[p->pos] != '=')
			return fail_name(p, p->pos, "no '=' after attribute ",
			    attr, "");
		p->pos++;
		skip_space(p);
		if (p->pos == p->len || (p->buf[p->pos] != '"' &&
		    p->buf[p->pos] != '\''))
			return fail_name(p, p->pos, "attribute ", attr,
			    " without quotes");
		quote = p->buf[p->pos++];
		if (doc->nattrs == doc->attrs_size) {
			if (first_error(p, start))
				(void)snprintf(doc->error, sizeof doc->error,
				    "more than %zu attributes in all",
				    doc->attrs_size);
			return false;
		}
		doc->attrs[doc->nattrs].name = attr;
		doc->attrs[doc->nattrs].value = doc->arena + doc->used;
		doc->nattrs++;
		while (p->pos < p->len && p->buf[p->pos] != quote) {
			if (p->buf[p->pos] == '<')
				return fail_name(p, p->pos, "'<' in attribute ",
				    attr, "");
			if (!(p->buf[p->pos] == '&' ? reference(p) :
			    copy_char(p, true)))
				return false;
		}
		if (p->pos == p->len)
			return fail_name(p, start, "attribute ", attr,
			    " not closed");
		p->pos++;
		if (!put(p, '\0'))
			return false;
	}
}

/* Whether text is "UTF-8" in any case, as encoding names are compared. */
static bool
utf8_name(const char *text)
{
	return strlen(text) == 5 && mp_ascii_begins(text, 5, "UTF-8");
}

/* The XML declaration, if the document has one: only its encoding matters. */
static bool
declaration(struct parser *p)
{
	struct mp_xml *doc = p->doc;
	size_t first = doc->nattrs, i;

	if (!starts(p, "<?xml") || p->len - p->pos < 6 ||
	    !mp_xml_isspace(p->buf[p->pos + 5]))
		return true;
	p->pos += 5;
	if (!attributes(p))
		return false;
	if (!starts(p, "?>"))
		return fail(p, p->pos, "XML declaration not closed by '?>'");
	p->pos += 2;
	for (i = first; i < doc->nattrs; i++)
		if (strcmp(doc->attrs[i].name, "encoding") == 0 &&
		    !utf8_name(doc->attrs[i].value))
			return fail(p, p->pos, "an encoding other than UTF-8");
	doc->nattrs = first;
	return true;
}

static bool
comment(struct parser *p)
{
	size_t start = p->pos, i;

	if ((i = add_node(p, MP_XML_COMMENT, start)) == MP_XML_NONE)
		return false;
	p->doc->nodes[i].text = p->doc->arena + p->doc->used;
	for (p->pos += 4; p->pos < p->len; ) {
		if (starts(p, "--")) {
			if (!starts(p, "-->"))
				return fail(p, p->pos, "'--' inside a comment");
			p->doc->nodes[i].len = (size_t)(p->doc->arena +
			    p->doc->used - p->doc->nodes[i].text);
			p->pos += 3;
			return put(p, '\0');
		}
		if (!copy_char(p, false))
			return false;
	}
	return fail(p, start, "comment not closed");
}

static bool
cdata(struct parser *p)
{
	size_t start = p->pos;

	if (p->current == 0)
		return fail(p, start, "CDATA outside the root element");
	if (!begin_text(p))
		return false;
	for (p->pos += 9; p->pos < p->len; )
		if (starts(p, "]]>")) {
			p->pos += 3;
			return true;
		} else if (!copy_char(p, false))
			return false;
	return fail(p, start, "CDATA section not closed");
}

static bool
start_tag(struct parser *p)
{
	struct mp_xml *doc = p->doc;
	size_t start = p->pos, i;

	if (p->root_done)
		return fail(p, start, "a second root element");
	if (p->depth == MP_XML_DEPTH_MAX)
		return fail(p, start, "elements nested deeper than "
		    STR(MP_XML_DEPTH_MAX));
	if ((i = add_node(p, MP_XML_ELEMENT, start)) == MP_XML_NONE)
		return false;
	p->pos++;
	if (!name(p, &doc->nodes[i].name) || !attributes(p))
		return false;
	doc->nodes[i].nattrs = doc->nattrs - doc->nodes[i].attr;
	p->root_seen = true;
	if (starts(p, "/>")) {
		p->pos += 2;
		p->root_done = p->current == 0;
		return true;
	}
	if (p->buf[p->pos] != '>')
		return fail_name(p, p->pos, "tag ", doc->nodes[i].name,
		    " not closed by '>'");
	p->pos++;
	p->current = i;
	p->depth++;
	return true;
}

static bool
end_tag(struct parser *p)
{
	struct mp_xml_node *open = &p->doc->nodes[p->current];
	size_t start = p->pos, n;

	p->pos += 2;
	if (p->current == 0)
		return fail(p, start, "an end tag with no element open");
	n = strlen(open->name);
	if (p->len - p->pos < n || memcmp(p->buf + p->pos, open->name, n) != 0)
		return fail_name(p, start, "end tag does not match ",
		    open->name, "");
	p->pos += n;
	skip_space(p);
	if (p->pos == p->len || p->buf[p->pos] != '>')
		return fail_name(p, start, "end tag of ", open->name,
		    " not closed by '>'");
	p->pos++;
	p->current = open->parent;
	p->depth--;
	p->root_done = p->current == 0;
	return true;
}

static bool
markup(struct parser *p)
{
	/* CDATA goes on the text before it; anything else ends the text. */
	if (starts(p, "<![CDATA["))
		return cdata(p);
	if (!end_text(p))
		return false;
	if (starts(p, "<!--"))
		return comment(p);
	if (starts(p, "<!"))
		return fail(p, p->pos, "a DOCTYPE or declaration, not read "
		    "here");
	if (starts(p, "<?"))
		return fail(p, p->pos, "a processing instruction, not read "
		    "here");
	if (starts(p, "</"))
		return end_tag(p);
	return start_tag(p);
}

static bool
content(struct parser *p)
{
	char c = p->buf[p->pos];

	if (c == '<')
		return markup(p);
	if (p->current == 0) {
		if (!mp_xml_isspace(c))
			return fail(p, p->pos, "text outside the root element");
		p->pos++;
		return true;
	}
	if (!begin_text(p))
		return false;
	if (c == '&')
		return reference(p);
	if (c == ']' && starts(p, "]]>"))
		return fail(p, p->pos, "']]>' in text");
	return copy_char(p, false);
}

void
mp_xml_init(struct mp_xml *doc, struct mp_xml_node *nodes, size_t nodes_size,
    struct mp_xml_attr *attrs, size_t attrs_size, char *arena,
    size_t arena_size)
{
	*doc = (struct mp_xml){ .nodes_size = nodes_size,
		.attrs_size = attrs_size, .size = arena_size };
	doc->nodes = nodes;
	doc->attrs = attrs;
	doc->arena = arena;
}

bool
mp_xml_parse(struct mp_xml *doc, const char *buf, size_t len)
{
	struct parser p = { .doc = doc, .buf = buf, .len = len, .line = 1,
		.text = MP_XML_NONE };

	doc->nnodes = doc->nattrs = doc->used = 0;
	doc->error_line = 0;
	doc->error[0] = '\0';
	if (len > MP_XML_SIZE_MAX)
		return fail(&p, 0, "larger than " STR(MP_XML_SIZE_MAX)
		    " bytes");
	if (doc->nodes_size < 2)
		return fail(&p, 0, "no room for a tree");
	doc->nodes[0] = (struct mp_xml_node){ .kind = MP_XML_DOCUMENT,
		.line = 1, .parent = MP_XML_NONE, .child = MP_XML_NONE,
		.last = MP_XML_NONE, .next = MP_XML_NONE };
	doc->nnodes = 1;
	if (starts(&p, "\xef\xbb\xbf"))
		p.pos += 3;
	if (!declaration(&p))
		goto bad;
	while (p.pos < p.len)
		if (!content(&p))
			goto bad;
	if (p.current != 0) {
		fail_name(&p, len, "end of input inside ",
		    doc->nodes[p.current].name, "");
		goto bad;
	}
	if (!p.root_seen) {
		fail(&p, len, "no root element");
		goto bad;
	}
	return true;
bad:
	doc->nnodes = doc->nattrs = doc->used = 0;
	return false;
}

const char *
mp_xml_attr(const struct mp_xml *doc, size_t element, const char *name)
{
	const struct mp_xml_node *n = &doc->nodes[element];
	size_t i;

	for (i = n->attr; i < n->attr + n->nattrs; i++)
		if (strcmp(doc->attrs[i].name, name) == 0)
			return doc->attrs[i].value;
	return NULL;
}

size_t
mp_xml_child(const struct mp_xml *doc, size_t parent, const char *name)
{
	size_t i;

	for (i = doc->nodes[parent].child; i != MP_XML_NONE;
	    i = doc->nodes[i].next)
		if (mp_xml_is(doc, i, name))
			return i;
	return MP_XML_NONE;
}

bool
mp_xml_is(const struct mp_xml *doc, size_t node, const char *name)
{
	return doc->nodes[node].kind == MP_XML_ELEMENT &&
	    strcmp(doc->nodes[node].name, name) == 0;
}

char *
mp_xml_text(struct mp_xml *doc, size_t element)
{
	static char empty[1];
	char *text = NULL;
	size_t i;

	for (i = doc->nodes[element].child; i != MP_XML_NONE;
	    i = doc->nodes[i].next) {
		struct mp_xml_node *n = &doc->nodes[i];

		if (n->kind == MP_XML_ELEMENT)
			return NULL;
		if (n->kind != MP_XML_TEXT)
			continue;
		while (n->len > 0 && mp_xml_isspace(n->text[0]))
			n->text++, n->len--;
		while (n->len > 0 && mp_xml_isspace(n->text[n->len - 1]))
			n->text[--n->len] = '\0';
		if (n->len == 0)
			continue;
		if (text != NULL)
			return NULL;
		text = n->text;
	}
	return text != NULL ? text : empty;
}

/*
 * test_xml.c - the XML reader builds the tree of what it accepts in the
 * storage it is given, and refuses, with the line, what it does not or
 * what does not fit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "len.h"
#include "xml.h"

/* Storage for the largest document; some tests give less. */
static struct mp_xml_node nodes[70000];
static struct mp_xml_attr attrs[1024];
static char arena[MP_XML_ARENA_SIZE(MP_XML_SIZE_MAX)];

static void
init(struct mp_xml *doc)
{
	mp_xml_init(doc, nodes, LEN(nodes), attrs, LEN(attrs), arena,
	    sizeof arena);
}

/*
 * Writes the tree in a short form: an element as name(attr=value ...)
 * and its children in brackets, a text in quotes, a comment between
 * '#', each with @line when lines is set.  Walks the tree without
 * recursion, as the reader builds it.
 */
static void
dump(const struct mp_xml *doc, char *out, size_t size, bool lines)
{
	size_t used = 0, i = doc->nodes[0].child, a;

	out[0] = '\0';
#define PUT(...) do {							\
	used += (size_t)snprintf(out + used, size - used, __VA_ARGS__);	\
	assert_true(used < size);					\
} while (0)
	while (i != MP_XML_NONE) {
		const struct mp_xml_node *n = &doc->nodes[i];

		if (n->kind == MP_XML_ELEMENT) {
			PUT("%s(", n->name);
			for (a = n->attr; a < n->attr + n->nattrs; a++)
				PUT("%s%s=%s", a > n->attr ? " " : "",
				    doc->attrs[a].name, doc->attrs[a].value);
			PUT(")");
		} else {
			assert_int_equal(strlen(n->text), n->len);
			PUT(n->kind == MP_XML_TEXT ? "\"%s\"" : "#%s#",
			    n->text);
		}
		if (lines)
			PUT("@%u", n->line);
		if (n->kind == MP_XML_ELEMENT && n->child != MP_XML_NONE) {
			PUT("[");
			i = n->child;
			continue;
		}
		/* Up to the first ancestor with a next sibling. */
		while (n->next == MP_XML_NONE && n->parent != 0) {
			n = &doc->nodes[n->parent];
			PUT("]");
		}
		i = n->next;
	}
#undef PUT
}

static void
assert_parses_(const char *input, size_t len, const char *expected,
    bool lines)
{
	struct mp_xml doc;
	char out[1024];

	init(&doc);
	if (!mp_xml_parse(&doc, input, len))
		fail_msg("line %u: %s", doc.error_line, doc.error);
	dump(&doc, out, sizeof out, lines);
	assert_string_equal(out, expected);
}

#define assert_parses(input, expected) \
	assert_parses_(input, sizeof input - 1, expected, false)
#define assert_lines(input, expected) \
	assert_parses_(input, sizeof input - 1, expected, true)

static void
assert_rejects_(const char *input, size_t len, unsigned line,
    const char *error)
{
	struct mp_xml doc;

	init(&doc);
	assert_false(mp_xml_parse(&doc, input, len));
	assert_string_equal(doc.error, error);
	assert_int_equal(doc.error_line, line);
	assert_int_equal(doc.nnodes, 0);
}

#define assert_rejects(input, line, error) \
	assert_rejects_(input, sizeof input - 1, line, error)

static void
test_xml_parse_reads_elements_and_attributes(void **state)
{
	(void)state;
	assert_parses("<a/>", "a()");
	assert_parses("<a></a>", "a()");
	assert_parses("<a-b.c_d:e1 x='1' y=\"2\" z = \"3\"/>",
	    "a-b.c_d:e1(x=1 y=2 z=3)");
	assert_parses("<a x='say \"hi\"' y=\"it's\"></a >",
	    "a(x=say \"hi\" y=it's)");
	assert_parses("<a><b><c/></b><d/></a>", "a()[b()[c()]d()]");
	assert_parses("<a>\n  <b/>\n</a>", "a()[\"\n  \"b()\"\n\"]");
}

static void
test_xml_parse_skips_bom_and_declaration(void **state)
{
	(void)state;
	assert_parses("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "\n<a/>\n", "a()");
	assert_parses("<?xml version='1.0' encoding='utf-8' ?><a/>", "a()");
	assert_parses("<?xml version=\"1.0\"?>\r\n<a/>", "a()");
}

static void
test_xml_parse_decodes_entities_and_references(void **state)
{
	(void)state;
	assert_parses("<a>&lt;&gt;&amp;&apos;&quot;</a>", "a()[\"<>&'\"\"]");
	assert_parses("<a>&#65;&#x42;&#x63;&#233;&#xE9;&#x20AC;&#x1F600;</a>",
	    "a()[\"ABc\xc3\xa9\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]");
	assert_parses("<a x=\"&amp;&#x10FFFF;\"/>", "a(x=&\xf4\x8f\xbf\xbf)");
	assert_parses("<a>&#xe9;&#xaB;]x]]</a>", "a()[\"\xc3\xa9\xc2\xab]x]]\"]");
	assert_parses("<a>M\xc3\xbcller \xe6\x97\xa5</a>",
	    "a()[\"M\xc3\xbcller \xe6\x97\xa5\"]");
}

static void
test_xml_parse_normalises_line_ends_and_attribute_blanks(void **state)
{
	(void)state;
	assert_parses("<a>1\r\n2\r3\n4</a>", "a()[\"1\n2\n3\n4\"]");
	assert_parses("<a x=\"1\t2\n3\r\n4\r5\"/>", "a(x=1 2 3 4 5)");
	assert_parses("<a>1\r</a>\r", "a()[\"1\n\"]");
	/* A reference is what it says, not a blank to normalise. */
	assert_parses("<a x=\"1&#9;2&#10;3\"/>", "a(x=1\t2\n3)");
}

static void
test_xml_parse_joins_cdata_with_text(void **state)
{
	(void)state;
	assert_parses("<a>x<![CDATA[<b>&amp;]]]]>y</a>",
	    "a()[\"x<b>&amp;]]y\"]");
	assert_parses("<a><![CDATA[]]></a>", "a()[\"\"]");
}

static void
test_xml_parse_keeps_comments_in_order(void **state)
{
	(void)state;
	assert_parses("<!-- c1 --><a><!--c2-->t<b/><!-- - c3 --></a>\n"
	    "<!--\nc4\n-->",
	    "# c1 #a()[#c2#\"t\"b()# - c3 #]#\nc4\n#");
	assert_parses("<a>x<!---->y</a>", "a()[\"x\"##\"y\"]");
}

static void
test_xml_parse_counts_lines(void **state)
{
	(void)state;
	assert_lines("<a>\n<b/>\r\n<!--\n-->\r<c\nx='1'/></a>",
	    "a()@1[\"\n\"@1b()@2\"\n\"@2#\n#@3\"\n\"@4c(x=1)@5]");
}

static void
test_xml_parse_takes_deep_nesting_to_its_limit(void **state)
{
	char input[MP_XML_DEPTH_MAX * 8 + 1];
	struct mp_xml doc;
	size_t len = 0, i;

	(void)state;
	for (i = 0; i < MP_XML_DEPTH_MAX; i++)
		len += (size_t)snprintf(input + len, sizeof input - len, "<a>");
	for (i = 0; i < MP_XML_DEPTH_MAX; i++)
		len += (size_t)snprintf(input + len, sizeof input - len, "</a>");
	init(&doc);
	assert_true(mp_xml_parse(&doc, input, len));
	assert_int_equal(doc.nnodes, MP_XML_DEPTH_MAX + 1);
}

static void
test_xml_attr_finds_attributes(void **state)
{
	struct mp_xml doc;
	const char input[] = "<a x='1'><b y='2' z=''/></a>";

	(void)state;
	init(&doc);
	assert_true(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_string_equal(mp_xml_attr(&doc, 1, "x"), "1");
	assert_null(mp_xml_attr(&doc, 1, "y"));
	assert_string_equal(mp_xml_attr(&doc, 2, "y"), "2");
	assert_string_equal(mp_xml_attr(&doc, 2, "z"), "");
	assert_null(mp_xml_attr(&doc, 2, "x"));
}

static void
test_xml_child_is_and_text_find_what_a_reader_asks(void **state)
{
	struct mp_xml doc;
	const char input[] = "<a><!-- c --><b> x <!-- y --> </b><c>1<d/></c>"
	    "<b>second</b><e>p<!-- q -->r</e><f/>\n<B/></a>";

	(void)state;
	init(&doc);
	assert_true(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_int_equal(mp_xml_child(&doc, 1, "b"), 3);
	assert_true(mp_xml_is(&doc, 3, "b"));
	assert_false(mp_xml_is(&doc, 3, "B"));
	assert_false(mp_xml_is(&doc, 2, "b"));	/* a comment */
	assert_string_equal(mp_xml_text(&doc, 3), "x");
	assert_null(mp_xml_text(&doc, mp_xml_child(&doc, 1, "c")));
	assert_null(mp_xml_text(&doc, mp_xml_child(&doc, 1, "e")));
	assert_string_equal(mp_xml_text(&doc, mp_xml_child(&doc, 1, "f")), "");
	assert_int_equal(mp_xml_child(&doc, 1, "g"), MP_XML_NONE);
	assert_true(mp_xml_is(&doc, mp_xml_child(&doc, 1, "B"), "B"));
}

static void
test_xml_parse_rejects_bad_structure(void **state)
{
	(void)state;
	assert_rejects("", 1, "no root element");
	assert_rejects(" \n<!-- x -->\n", 3, "no root element");
	assert_rejects("x<a/>", 1, "text outside the root element");
	assert_rejects("<a/>\nx", 2, "text outside the root element");
	assert_rejects("<a/>&amp;", 1, "text outside the root element");
	assert_rejects("<a/>\n<b/>", 2, "a second root element");
	assert_rejects("<a>\n<b>", 2, "end of input inside 'b'");
	assert_rejects("<a></b>", 1, "end tag does not match 'a'");
	assert_rejects("<ab></a>", 1, "end tag does not match 'ab'");
	assert_rejects("<a></a x>", 1, "end tag of 'a' not closed by '>'");
	assert_rejects("<a></a", 1, "end tag of 'a' not closed by '>'");
	assert_rejects("</a>", 1, "an end tag with no element open");
	assert_rejects("<a/ >", 1, "tag 'a' not closed by '>'");
	assert_rejects("<a?>", 1, "tag 'a' not closed by '>'");
	assert_rejects("<a>]]></a>", 1, "']]>' in text");
	assert_rejects("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", 1,
	    "a DOCTYPE or declaration, not read here");
	assert_rejects("<?xml-stylesheet href='x'?><a/>", 1,
	    "a processing instruction, not read here");
	assert_rejects("<a><?pi x?></a>", 1,
	    "a processing instruction, not read here");
	assert_rejects("<!-- -->\n<?xml version='1.0'?><a/>", 2,
	    "a processing instruction, not read here");
}

static void
test_xml_parse_rejects_bad_tags_and_attributes(void **state)
{
	(void)state;
	assert_rejects("<a", 1, "end of input inside a tag");
	assert_rejects("<a x='1'", 1, "end of input inside a tag");
	assert_rejects("<>", 1, "expected a name");
	assert_rejects("<1a/>", 1, "expected a name");
	assert_rejects("<\xc3\xa4/>", 1, "expected a name");
	assert_rejects("<a x=1/>", 1, "attribute 'x' without quotes");
	assert_rejects("<a x/>", 1, "no '=' after attribute 'x'");
	assert_rejects("<a x='1'y='2'/>", 1, "no space before an attribute");
	assert_rejects("<a x='1' x='2'/>", 1, "attribute 'x' twice");
	assert_rejects("<a x='<'/>", 1, "'<' in attribute 'x'");
	assert_rejects("<a x='1/>\n", 1, "attribute 'x' not closed");
	assert_rejects("<a a='' b='' c='' d='' e='' f='' g='' h='' i='' "
	    "j='' k='' l='' m='' n='' o='' p='' q=''/>", 1,
	    "more than 16 attributes");
	assert_rejects("<a>\n<bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	    "bbbbbbbbbbbbb/></a>", 2, "a name longer than 64 bytes");
	assert_rejects("<?xml version='1.0'><a/>", 1,
	    "XML declaration not closed by '?>'");
	assert_rejects("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", 1,
	    "an encoding other than UTF-8");
	assert_rejects("<?xml version='1.0' encoding=latin1?><a/>", 1,
	    "attribute 'encoding' without quotes");
}

static void
test_xml_parse_rejects_bad_references(void **state)
{
	(void)state;
	assert_rejects("<a>&foo;</a>", 1,
	    "an entity other than lt, gt, amp, apos and quot");
	assert_rejects("<a>&amp</a>", 1,
	    "an entity other than lt, gt, amp, apos and quot");
	assert_rejects("<a>&#;</a>", 1, "a malformed character reference");
	assert_rejects("<a>&#x;</a>", 1, "a malformed character reference");
	assert_rejects("<a>&#X41;</a>", 1, "a malformed character reference");
	assert_rejects("<a>&#12</a>", 1, "a malformed character reference");
	assert_rejects("<a>&#12", 1, "a malformed character reference");
	assert_rejects("<a>&#1a;</a>", 1, "a malformed character reference");
	assert_rejects("<a>&#0;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a>&#1;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a>&#xD800;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a>&#xFFFE;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a>&#x110000;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a>&#99999999999999999999999999;</a>", 1,
	    "a reference to a character XML does not allow");
	assert_rejects("<a x='&bad;'/>", 1,
	    "an entity other than lt, gt, amp, apos and quot");
}

static void
test_xml_parse_rejects_bad_characters(void **state)
{
	(void)state;
	assert_rejects("<a>\n\xff</a>", 2, "a byte that is not UTF-8");
	assert_rejects("<a>\xc3</a>", 1, "a byte that is not UTF-8");
	assert_rejects("<a>\xc0\xaf</a>", 1, "a byte that is not UTF-8");
	assert_rejects("<a>\xed\xa0\x80</a>", 1, "a byte that is not UTF-8");
	assert_rejects("<a>x\x01</a>", 1,
	    "character U+0001 is not allowed in XML");
	assert_rejects("<a>x\0</a>", 1,
	    "character U+0000 is not allowed in XML");
	assert_rejects("<a>\xef\xbf\xbf</a>", 1,
	    "character U+FFFF is not allowed in XML");
	assert_rejects("<a x='\x7f\x02'/>", 1,
	    "character U+0002 is not allowed in XML");
	assert_rejects("<!-- \x1b --><a/>", 1,
	    "character U+001B is not allowed in XML");
}

static void
test_xml_parse_rejects_bad_comments_and_cdata(void **state)
{
	(void)state;
	assert_rejects("<a><!-- a -- b --></a>", 1, "'--' inside a comment");
	assert_rejects("<a><!-- a ---></a>", 1, "'--' inside a comment");
	assert_rejects("<a>\n<!-- a </a>", 2, "comment not closed");
	assert_rejects("<![CDATA[x]]><a/>", 1, "CDATA outside the root element");
	assert_rejects("<a>\n<![CDATA[x</a>", 2, "CDATA section not closed");
	assert_rejects("<a><![CDATA[\xff]]></a>", 1, "a byte that is not UTF-8");
}

static void
test_xml_parse_rejects_past_its_limits(void **state)
{
	size_t n = 65536, len, i;
	char input[MP_XML_DEPTH_MAX * 8 + 16], *big;
	struct mp_xml doc;

	(void)state;
	init(&doc);
	for (i = len = 0; i <= MP_XML_DEPTH_MAX; i++)
		len += (size_t)snprintf(input + len, sizeof input - len, "<a>");
	assert_false(mp_xml_parse(&doc, input, len));
	assert_string_equal(doc.error, "elements nested deeper than 32");

	/* The document and the root are nodes too: room for n - 2 more. */
	assert_non_null(big = malloc(n * 4 + 8));
	memcpy(big, "<a>", 3);
	for (i = 0; i < n - 2; i++)
		memcpy(big + 3 + i * 4, "<b/>", 4);
	memcpy(big + 3 + i * 4, "</a>", 4);
	len = 3 + i * 4 + 4;
	mp_xml_init(&doc, nodes, n, attrs, LEN(attrs), arena, sizeof arena);
	assert_true(mp_xml_parse(&doc, big, len));
	assert_int_equal(doc.nnodes, n);
	memcpy(big + 3 + i * 4, "<b/></a>", 8);
	assert_false(mp_xml_parse(&doc, big, len + 4));
	assert_string_equal(doc.error,
	    "more than 65535 elements, texts and comments");
	assert_int_equal(doc.nnodes, 0);
	free(big);

	assert_non_null(big = calloc(MP_XML_SIZE_MAX + 1, 1));
	assert_false(mp_xml_parse(&doc, big, MP_XML_SIZE_MAX + 1));
	assert_string_equal(doc.error, "larger than 1048576 bytes");
	assert_int_equal(doc.error_line, 1);
	free(big);
}

/* Whatever storage the caller gives, a document is read into it or refused. */
static void
test_xml_parse_keeps_to_the_storage_given(void **state)
{
	static const char input[] = "<a x='1' y='2'><b>text</b></a>";
	struct mp_xml doc;

	(void)state;
	mp_xml_init(&doc, nodes, 4, attrs, 2, arena, sizeof input);
	assert_true(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_int_equal(doc.nnodes, 4);
	assert_int_equal(doc.nattrs, 2);
	assert_string_equal(doc.nodes[3].text, "text");
	/* Read again into the same storage, the tree is the new one. */
	assert_true(mp_xml_parse(&doc, "<c/>", 4));
	assert_int_equal(doc.nnodes, 2);
	assert_string_equal(doc.nodes[1].name, "c");

	mp_xml_init(&doc, nodes, 3, attrs, 2, arena, sizeof input);
	assert_false(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_string_equal(doc.error,
	    "more than 2 elements, texts and comments");
	assert_int_equal(doc.error_line, 1);
	mp_xml_init(&doc, nodes, 4, attrs, 1, arena, sizeof input);
	assert_false(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_string_equal(doc.error, "more than 1 attributes in all");
	mp_xml_init(&doc, nodes, 4, attrs, 2, arena, 8);
	assert_false(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_string_equal(doc.error, "out of room for text");
	mp_xml_init(&doc, nodes, 1, attrs, 2, arena, sizeof input);
	assert_false(mp_xml_parse(&doc, input, sizeof input - 1));
	assert_string_equal(doc.error, "no room for a tree");
	mp_xml_init(&doc, NULL, 0, NULL, 0, NULL, 0);
	assert_false(mp_xml_parse(&doc, "<a/>", 4));
	assert_string_equal(doc.error, "no room for a tree");
}

/* A document cut anywhere is an error, never a read past its end. */
static void
test_xml_parse_rejects_every_truncation(void **state)
{
	static const char input[] = "\xef\xbb\xbf<?xml version=\"1.0\" "
	    "encoding=\"UTF-8\"?>\n<!-- c --><a x='1' y=\"&amp;\"><b>t&#233;"
	    "&#x20AC;&lt;<![CDATA[d]]>\xc3\xa9</b><c/><!-- e --></a>";
	struct mp_xml doc;
	char *copy;
	size_t len;

	(void)state;
	for (len = 0; len < sizeof input - 1; len++) {
		/* An allocation of its own, for ASan to see any over-read. */
		assert_non_null(copy = malloc(len + 1));
		memcpy(copy, input, len);
		init(&doc);
		assert_false(mp_xml_parse(&doc, copy, len));
		assert_true(doc.error[0] != '\0');
		free(copy);
	}
	assert_true(mp_xml_parse(&doc, input, len));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_parse_reads_elements_and_attributes),
		cmocka_unit_test(test_xml_parse_skips_bom_and_declaration),
		cmocka_unit_test(test_xml_parse_decodes_entities_and_references),
		cmocka_unit_test(test_xml_parse_normalises_line_ends_and_attribute_blanks),
		cmocka_unit_test(test_xml_parse_joins_cdata_with_text),
		cmocka_unit_test(test_xml_parse_keeps_comments_in_order),
		cmocka_unit_test(test_xml_parse_counts_lines),
		cmocka_unit_test(test_xml_parse_takes_deep_nesting_to_its_limit),
		cmocka_unit_test(test_xml_attr_finds_attributes),
		cmocka_unit_test(test_xml_child_is_and_text_find_what_a_reader_asks),
		cmocka_unit_test(test_xml_parse_rejects_bad_structure),
		cmocka_unit_test(test_xml_parse_rejects_bad_tags_and_attributes),
		cmocka_unit_test(test_xml_parse_rejects_bad_references),
		cmocka_unit_test(test_xml_parse_rejects_bad_characters),
		cmocka_unit_test(test_xml_parse_rejects_bad_comments_and_cdata),
		cmocka_unit_test(test_xml_parse_rejects_past_its_limits),
		cmocka_unit_test(test_xml_parse_keeps_to_the_storage_given),
		cmocka_unit_test(test_xml_parse_rejects_every_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

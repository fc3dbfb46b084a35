/*
 * test_net.c - ports, addresses and host names are read as people write
 * them and refused otherwise; addresses print as RFC 5952 has them; the
 * byte-order helpers, the clock and the error texts hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>

#include "len.h"
#include "net.h"

static bool
port_of(const char *text, unsigned expected)
{
	unsigned port = 12345;

	if (!mp_parse_port(text, &port)) {
		assert_int_equal(port, 12345);
		return false;
	}
	assert_int_equal(port, expected);
	return true;
}

static void
test_mp_parse_port_accepts_1_to_65535(void **state)
{
	(void)state;
	assert_true(port_of("1", 1));
	assert_true(port_of("25", 25));
	assert_true(port_of("993", 993));
	assert_true(port_of("65535", 65535));
	assert_true(port_of("0025", 25));
}

static void
test_mp_parse_port_rejects_others(void **state)
{
	(void)state;
	assert_false(port_of("", 0));
	assert_false(port_of("0", 0));
	assert_false(port_of("65536", 0));
	assert_false(port_of("99999999999999999999999", 0));
	assert_false(port_of("+25", 0));
	assert_false(port_of("-25", 0));
	assert_false(port_of("0x19", 0));
	assert_false(port_of(" 25", 0));
	assert_false(port_of("25 ", 0));
	assert_false(port_of("2 5", 0));
	assert_false(port_of("25a", 0));
	assert_false(port_of("imap", 0));
}

/* The address's text when it parses, its port checked; NULL when not. */
static const char *
address(const char *text, unsigned port)
{
	static struct mp_address a;

	if (!mp_parse_address(text, 53, &a))
		return NULL;
	if (a.sockaddr.ss_family == AF_INET) {
		assert_int_equal(a.len, sizeof (struct sockaddr_in));
		assert_int_equal(ntohs(((struct sockaddr_in *)&a.sockaddr)->
		    sin_port), port);
	} else {
		assert_int_equal(a.sockaddr.ss_family, AF_INET6);
		assert_int_equal(a.len, sizeof (struct sockaddr_in6));
		assert_int_equal(ntohs(((struct sockaddr_in6 *)&a.sockaddr)->
		    sin6_port), port);
	}
	return a.text;
}

static void
test_mp_parse_address_accepts_ipv4(void **state)
{
	(void)state;
	assert_string_equal(address("127.0.0.1", 53), "127.0.0.1");
	assert_string_equal(address("192.0.2.255", 53), "192.0.2.255");
	assert_string_equal(address("0.0.0.0", 53), "0.0.0.0");
	assert_string_equal(address("127.0.0.1:5353", 5353), "127.0.0.1");
	assert_string_equal(address("192.0.2.1:65535", 65535), "192.0.2.1");
}

static void
test_mp_parse_address_accepts_ipv6(void **state)
{
	(void)state;
	assert_string_equal(address("::1", 53), "::1");
	assert_string_equal(address("::", 53), "::");
	assert_string_equal(address("2001:DB8::1", 53), "2001:db8::1");
	assert_string_equal(address("1:2:3:4:5:6:7:8", 53), "1:2:3:4:5:6:7:8");
	assert_string_equal(address("2001:0db8:0000:0000:0000:0000:0000:0001",
	    53), "2001:db8::1");
	assert_string_equal(address("1::", 53), "1::");
	assert_string_equal(address("1:2::7:8", 53), "1:2::7:8");
	assert_string_equal(address("::ffff:192.0.2.1", 53), "::ffff:192.0.2.1");
	assert_string_equal(address("::1.2.3.4", 53), "::102:304");
}

static void
test_mp_parse_address_accepts_bracketed_ipv6_with_port(void **state)
{
	(void)state;
	assert_string_equal(address("[::1]:5353", 5353), "::1");
	assert_string_equal(address("[2001:db8::53]:53", 53), "2001:db8::53");
	assert_string_equal(address("[::1]", 53), "::1");
}

static void
test_mp_parse_address_rejects_bad_ipv4(void **state)
{
	(void)state;
	assert_null(address("1.2.3", 53));
	assert_null(address("256.1.1.1", 53));
	assert_null(address("01.2.3.4", 53));
	assert_null(address("1.2.3.4.5", 53));
	assert_null(address("1.2.3.4 ", 53));
	assert_null(address("0x7f.0.0.1", 53));
	assert_null(address("[1.2.3.4]", 53));
	assert_null(address("[1.2.3.4]:53", 53));
}

static void
test_mp_parse_address_rejects_bad_ipv6(void **state)
{
	(void)state;
	assert_null(address(":::1", 53));
	assert_null(address("1::2::3", 53));
	assert_null(address("1:2:3:4:5:6:7:8:9", 53));
	assert_null(address("1:2:3:4:5:6:7::8:9", 53));
	assert_null(address("12345::1", 53));
	assert_null(address(":1", 53));
	assert_null(address("1:", 53));
	assert_null(address("::g", 53));
	assert_null(address("fe80::1%eth0", 53));
	assert_null(address("[::1", 53));
	assert_null(address("[::1]x", 53));
	assert_null(address("::1]", 53));
}

static void
test_mp_parse_address_rejects_bad_ports(void **state)
{
	(void)state;
	assert_null(address("127.0.0.1:0", 53));
	assert_null(address("127.0.0.1:65536", 53));
	assert_null(address("127.0.0.1:+25", 53));
	assert_null(address("127.0.0.1:0x19", 53));
	assert_null(address("127.0.0.1:", 53));
	assert_null(address("127.0.0.1:5x", 53));
	assert_null(address("127.0.0.1:99999999", 53));
	assert_null(address("1.2.3.4:5:6", 53));
	assert_null(address("[::1]:0", 53));
	assert_null(address("[::1]:65536", 53));
	assert_null(address("[::1]:", 53));
	assert_null(address("[::1]:+25", 53));
}

static void
test_mp_parse_address_rejects_junk_and_names(void **state)
{
	char text[200];

	(void)state;
	assert_null(address("", 53));
	assert_null(address("localhost", 53));
	assert_null(address("example.com:53", 53));
	assert_null(address("[", 53));
	assert_null(address("[]", 53));
	assert_null(address("[]:53", 53));
	assert_null(address(":", 53));
	assert_null(address("\377\001", 53));
	/* Too long to be an address, whatever it holds. */
	for (size_t i = 0; i + 1 < sizeof text; i++)
		text[i] = i % 2 == 0 ? '0' : ':';
	text[sizeof text - 1] = '\0';
	assert_null(address(text, 53));
	text[0] = '[';
	memcpy(text + sizeof text - 5, "]:53", 4);
	assert_null(address(text, 53));
}

static const char *
text_of(int family, const char *address_text)
{
	static char text[MP_ADDRESS_SIZE];
	struct sockaddr_storage storage = { 0 };
	struct sockaddr_in *v4 = (struct sockaddr_in *)&storage;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&storage;

	storage.ss_family = (sa_family_t)family;
	assert_int_equal(inet_pton(family, address_text, family == AF_INET ?
	    (void *)&v4->sin_addr : (void *)&v6->sin6_addr), 1);
	assert_true(mp_address_text((struct sockaddr *)&storage, text));
	return text;
}

static void
test_mp_address_text_is_rfc_5952(void **state)
{
	(void)state;
	assert_string_equal(text_of(AF_INET, "127.0.0.1"), "127.0.0.1");
	assert_string_equal(text_of(AF_INET, "255.0.10.200"), "255.0.10.200");
	assert_string_equal(text_of(AF_INET6, "::1"), "::1");
	assert_string_equal(text_of(AF_INET6, "::"), "::");
	assert_string_equal(text_of(AF_INET6, "2001:DB8:0:0:0:0:2:1"),
	    "2001:db8::2:1");
	assert_string_equal(text_of(AF_INET6, "2001:db8:0:1:1:1:1:1"),
	    "2001:db8:0:1:1:1:1:1");
	assert_string_equal(text_of(AF_INET6, "2001:0:0:1:0:0:0:1"),
	    "2001:0:0:1::1");
	assert_string_equal(text_of(AF_INET6, "2001:db8:0:0:1:0:0:1"),
	    "2001:db8::1:0:0:1");
	assert_string_equal(text_of(AF_INET6, "fe80::"), "fe80::");
	assert_string_equal(text_of(AF_INET6, "::ffff:192.0.2.1"),
	    "::ffff:192.0.2.1");
	assert_string_equal(text_of(AF_INET6, "::ffff:0:0"), "::ffff:0.0.0.0");
	/* IPv4-compatible addresses are plain IPv6 to RFC 5952. */
	assert_string_equal(text_of(AF_INET6, "::1.2.3.4"), "::102:304");
	assert_string_equal(text_of(AF_INET6, "::0.0.1.0"), "::100");
	assert_string_equal(text_of(AF_INET6, "::ffff"), "::ffff");
	assert_string_equal(text_of(AF_INET6,
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

static void
test_mp_address_text_refuses_other_families(void **state)
{
	struct sockaddr_storage storage = { 0 };
	char text[MP_ADDRESS_SIZE];

	(void)state;
	storage.ss_family = AF_UNIX;
	assert_false(mp_address_text((struct sockaddr *)&storage, text));
}

static void
test_mp_address_set_takes_ipv4_and_ipv6_bytes(void **state)
{
	static const unsigned char v4[4] = { 192, 0, 2, 1 };
	static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct mp_address a;

	(void)state;
	assert_true(mp_address_set(&a, AF_INET, v4, 993));
	assert_string_equal(a.text, "192.0.2.1");
	assert_int_equal(a.len, sizeof (struct sockaddr_in));
	assert_int_equal(ntohs(((struct sockaddr_in *)&a.sockaddr)->sin_port),
	    993);
	assert_true(mp_address_set(&a, AF_INET6, v6, 465));
	assert_string_equal(a.text, "2001:db8::1");
	assert_int_equal(a.len, sizeof (struct sockaddr_in6));
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&a.sockaddr)->sin6_port),
	    465);
	assert_false(mp_address_set(&a, AF_UNIX, v6, 465));
}

/* A host name of len bytes, in labels of 63 letters and a shorter last. */
static void
long_name(char *text, size_t len)
{
	size_t i;

	memset(text, 'a', len);
	for (i = 63; i < len; i += 64)
		text[i] = '.';
	text[len] = '\0';
}

/* The host split off text when it splits, its port checked; else NULL. */
static const char *
host_of(const char *text, unsigned port)
{
	static char host[MP_HOST_NAME_SIZE];
	unsigned got = 12345;

	if (!mp_split_host(text, host, &got))
		return NULL;
	assert_int_equal(got, port);
	return host;
}

static void
test_mp_split_host_accepts_names_and_addresses(void **state)
{
	(void)state;
	assert_string_equal(host_of("mail.example.com", 0), "mail.example.com");
	assert_string_equal(host_of("Mail-1.Example.COM", 0),
	    "Mail-1.Example.COM");
	assert_string_equal(host_of("localhost", 0), "localhost");
	/* An international name goes to DNS and SNI in its ASCII form. */
	assert_string_equal(host_of("caf\303\251.example", 0),
	    "xn--caf-dma.example");
	assert_string_equal(host_of("mail.B\303\274cher.de:993", 993),
	    "mail.xn--bcher-kva.de");
	assert_string_equal(host_of("192.0.2.1", 0), "192.0.2.1");
	assert_string_equal(host_of("2001:db8::1", 0), "2001:db8::1");
	assert_string_equal(host_of("::1", 0), "::1");
	assert_string_equal(host_of("[2001:db8::1]", 0), "2001:db8::1");
	assert_string_equal(host_of("[192.0.2.1]", 0), "192.0.2.1");
}

static void
test_mp_split_host_accepts_a_port(void **state)
{
	(void)state;
	assert_string_equal(host_of("mail.example.com:993", 993),
	    "mail.example.com");
	assert_string_equal(host_of("192.0.2.1:25", 25), "192.0.2.1");
	assert_string_equal(host_of("[2001:db8::1]:587", 587), "2001:db8::1");
	assert_string_equal(host_of("[::1]:65535", 65535), "::1");
}

static void
test_mp_split_host_rejects_bad_ports(void **state)
{
	(void)state;
	assert_null(host_of("mail.example.com:0", 0));
	assert_null(host_of("mail.example.com:65536", 0));
	assert_null(host_of("mail.example.com:+25", 0));
	assert_null(host_of("mail.example.com:0x19", 0));
	assert_null(host_of("mail.example.com:", 0));
	assert_null(host_of("mail.example.com:imap", 0));
	assert_null(host_of("[::1]:0", 0));
	assert_null(host_of("[::1]:", 0));
	assert_null(host_of("[::1]:+25", 0));
}

static void
test_mp_split_host_rejects_junk(void **state)
{
	char text[300];

	(void)state;
	assert_null(host_of("", 0));
	assert_null(host_of(":25", 0));
	assert_null(host_of("[]", 0));
	assert_null(host_of("[]:25", 0));
	assert_null(host_of("[::1", 0));
	assert_null(host_of("[::1]x", 0));
	assert_null(host_of("[[::1]]", 0));
	assert_null(host_of("mail_1.example.com", 0));
	assert_null(host_of("mail example.com", 0));
	assert_null(host_of("mail.example.com/", 0));
	assert_null(host_of("user@example.com", 0));
	assert_null(host_of("\033[31m", 0));
	assert_null(host_of("caf\303.example", 0));
	assert_null(host_of("caf\302\233.example", 0));
	assert_null(host_of("[caf\303\251.example]", 0));
	/* Names as every mode checks them; brackets hold addresses only. */
	assert_null(host_of("-bad-.com", 0));
	assert_null(host_of("-bad-.com:993", 0));
	assert_null(host_of("a..b", 0));
	assert_null(host_of("192.0.2.300", 0));
	assert_null(host_of("[mail.example.com]:25", 0));
	assert_null(host_of("[localhost]", 0));
	/* 253 bytes is the longest name; 254 is too long. */
	long_name(text, 254);
	assert_null(host_of(text, 0));
	memcpy(text + 254, ":25", 4);
	assert_null(host_of(text, 0));
	long_name(text, 253);
	assert_non_null(host_of(text, 0));
	memcpy(text + 253, ":25", 4);
	assert_non_null(host_of(text, 25));
}

/* Host names as RFC 1123 section 2.1 has them: accepted rows first. */
static const struct {
	const char	*name;
	bool		 valid;
} host_names[] = {
	{ "mail.example.com", true },
	{ "localhost", true },
	{ "Mail-1.Example.COM", true },
	{ "1and1.com", true },
	{ "a-b--c.example", true },
	{ "xn--caf-dma.example", true },
	{ "mail.example.com.", true },
	{ "a2345678901234567890123456789012"
	  "3456789012345678901234567890123.com",
	  true },
	{ "", false },
	{ ".", false },
	{ "-bad-.com", false },
	{ "bad-.com", false },
	{ "mail.-bad.com", false },
	{ "mail.example.com-", false },
	{ "-", false },
	{ "-.-", false },
	{ "a..b", false },
	{ ".a", false },
	{ "a.b..", false },
	{ "mail_1.example.com", false },
	{ "mail example.com", false },
	{ "user@example.com", false },
	{ "caf\303\251.example", false },
	{ "192.0.2.1", false },
	{ "1.2.3", false },
	{ "a2345678901234567890123456789012"
	  "34567890123456789012345678901234.com",
	  false },
};

static void
test_mp_host_name_valid_follows_rfc_1123(void **state)
{
	char text[300];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(host_names); i++) {
		print_message("%s\n", host_names[i].name);
		assert_int_equal(mp_host_name_valid(host_names[i].name,
		    strlen(host_names[i].name)), host_names[i].valid);
	}
	long_name(text, 253);
	assert_true(mp_host_name_valid(text, 253));
	long_name(text, 254);
	assert_false(mp_host_name_valid(text, 254));
	/* The length given counts, not a NUL. */
	assert_true(mp_host_name_valid("example.com-", 11));
}

/* Addresses and domains as every mode checks them: where the domain is. */
static const struct {
	const char	*text;
	bool		 valid;
	size_t		 domain;
} mail_addresses[] = {
	{ "alice@example.com", true, 6 },
	{ "Alice.B+tag@Example.COM.", true, 12 },
	{ "a@b@example.com", true, 4 },
	{ "\"a@b\"@example.com", true, 6 },
	{ "example.com", true, 0 },
	{ "example.com.", true, 0 },
	{ "caf\303\251@gmail.com", true, 6 },
	{ "j\303\266rg@gmx.de", true, 6 },
	{ "alice@b\303\274cher.de", true, 6 },
	{ "b\303\274cher.de", true, 0 },
	{ "\344\276\213@\344\276\213\343\201\210.jp", true, 4 },
	{ "@gmail.com", false, 0 },
	{ "@", false, 0 },
	{ "alice@", false, 0 },
	{ "alice@gmail", false, 0 },
	{ "alice@gmail.", false, 0 },
	{ "alice@-bad-.com", false, 0 },
	{ "alice@-.-", false, 0 },
	{ "alice@gm_ail.com", false, 0 },
	{ "alice@gmail..com", false, 0 },
	{ "alice@192.0.2.1", false, 0 },
	{ "alice@gmail.com@", false, 0 },
	{ "al ice@gmail.com", false, 0 },
	{ "al\033ce@gmail.com", false, 0 },
	{ "caf\303.example", false, 0 },
	{ "caf\302\233@gmail.com", false, 0 },
	{ "caf\303@gmail.com", false, 0 },
	{ "a\342\200\256b@gmail.com", false, 0 },
	{ "alice@-b\303\274cher.de", false, 0 },
	{ "alice@b\303\274cher", false, 0 },
	{ "localhost", false, 0 },
	{ "-bad-.com", false, 0 },
	/* RFC 5321, section 4.5.3.1.1: a local part of 64 bytes, no more. */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "@gmail.com", true, 65 },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "@gmail.com", false, 0 },
	/* A label of 63 bytes, no more. */
	{ "alice@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.de",
	    true, 6 },
	{ "alice@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.de",
	    false, 0 },
	/* A quoted local part may hold blanks, an @ and a quoted quote. */
	{ "\"quoted local\"@example.com", true, 15 },
	{ "\"a@b\\\"c\"@example.com", true, 9 },
	{ "quoted local@example.com", false, 0 },
	{ "\"open@example.com", true, 6 },
	{ "\"a\tb\"@example.com", false, 0 },
};

/*
 * An address is at most 254 bytes (RFC 3696, erratum 1690), though its
 * domain alone may be 253.
 */
static void
test_mp_mail_address_holds_254_bytes(void **state)
{
	char text[300];
	size_t domain, i;

	(void)state;
	/* alice@, three labels of 61 bytes with their dots, then one of 62. */
	memset(text, 'a', sizeof text);
	memcpy(text, "alice@", 6);
	for (i = 0; i < 3; i++)
		text[6 + 61 + i * 62] = '.';
	assert_true(mp_mail_address(text, 254, &domain));
	/* The last label of 63 bytes is a good label, but one byte too many. */
	assert_false(mp_mail_address(text, 255, &domain));
}

static void
test_mp_mail_address_is_one_check_for_every_mode(void **state)
{
	size_t i, domain;

	(void)state;
	for (i = 0; i < LEN(mail_addresses); i++) {
		const char *text = mail_addresses[i].text;

		print_message("%s\n", text);
		domain = 12345;
		assert_int_equal(mp_mail_address(text, strlen(text), &domain),
		    mail_addresses[i].valid);
		if (mail_addresses[i].valid)
			assert_int_equal(domain, mail_addresses[i].domain);
	}
}

static void
test_mp_mail_domain_gives_the_ascii_form(void **state)
{
	char ascii[MP_HOST_NAME_SIZE];
	size_t domain = 12345;

	(void)state;
	assert_int_equal(mp_mail_domain("j\303\266rg@B\303\274" "cher.DE", 16,
	    &domain, ascii), 16);
	assert_int_equal(domain, 6);
	assert_string_equal(ascii, "xn--bcher-kva.de");
	assert_int_equal(mp_mail_domain("alice@Example.COM.", 18, &domain,
	    ascii), 12);
	assert_string_equal(ascii, "example.com.");
	assert_int_equal(mp_mail_domain("alice@-b\303\274" "cher.de", 16,
	    &domain, ascii), 0);
	assert_string_equal(ascii, "example.com.");
}

static void
test_mp_is_host_name_accepts_names(void **state)
{
	(void)state;
	assert_true(mp_is_host_name("mail.example.com"));
	assert_true(mp_is_host_name("localhost"));
	assert_true(mp_is_host_name("IMAP-1.Example.COM"));
	assert_true(mp_is_host_name("1.2.3.example"));
}

static void
test_mp_is_host_name_rejects_addresses_and_junk(void **state)
{
	char text[300];

	(void)state;
	assert_false(mp_is_host_name(""));
	assert_false(mp_is_host_name("192.0.2.1"));
	assert_false(mp_is_host_name("2001:db8::1"));
	assert_false(mp_is_host_name("::ffff:192.0.2.1"));
	assert_false(mp_is_host_name("mail_1.example.com"));
	assert_false(mp_is_host_name("mail.example.com:993"));
	assert_false(mp_is_host_name("caf\303\251.example"));
	assert_false(mp_is_host_name("-bad-.com"));
	long_name(text, 254);
	assert_false(mp_is_host_name(text));
	long_name(text, 253);
	assert_true(mp_is_host_name(text));
	/* One label of 253 bytes: no label is longer than 63. */
	memset(text, 'a', 253);
	assert_false(mp_is_host_name(text));
}

static void
test_mp_put16_writes_high_byte_first(void **state)
{
	unsigned char bytes[4] = { 0 };

	(void)state;
	assert_ptr_equal(mp_put16(bytes, 0x1234), bytes + 2);
	assert_ptr_equal(mp_put16(bytes + 2, 0xabcdef), bytes + 4);
	assert_int_equal(bytes[0], 0x12);
	assert_int_equal(bytes[1], 0x34);
	assert_int_equal(bytes[2], 0xcd);
	assert_int_equal(bytes[3], 0xef);
	assert_int_equal(mp_get16(bytes), 0x1234);
	assert_int_equal(mp_get16(bytes + 2), 0xcdef);
}

static void
test_mp_now_ms_counts_the_time_waited(void **state)
{
	unsigned before = mp_now_ms(), waited;

	(void)state;
	assert_int_equal(poll(NULL, 0, 50), 0);
	waited = mp_now_ms() - before;
	assert_true(waited >= 45 && waited < 1000);
}

static void
test_mp_net_error_text_has_words_for_what_a_probe_meets(void **state)
{
	static const int errors[] = {
		ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
		EADDRNOTAVAIL, EAFNOSUPPORT, EACCES, EPERM, EPIPE, EMFILE,
		ENFILE
	};
	size_t i;

	(void)state;
	assert_string_equal(mp_net_error_text(ECONNRESET),
	    "connection reset by the server");
	assert_string_equal(mp_net_error_text(EHOSTUNREACH), "host unreachable");
	assert_string_equal(mp_net_error_text(EPIPE),
	    "connection closed by the server");
	for (i = 0; i < LEN(errors); i++)
		assert_true(strlen(mp_net_error_text(errors[i])) > 5);
}

static void
test_mp_net_error_text_falls_back_to_strerror(void **state)
{
	(void)state;
	assert_string_equal(mp_net_error_text(EILSEQ), strerror(EILSEQ));
	assert_string_equal(mp_net_error_text(ENOBUFS), strerror(ENOBUFS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_parse_port_accepts_1_to_65535),
		cmocka_unit_test(test_mp_parse_port_rejects_others),
		cmocka_unit_test(test_mp_parse_address_accepts_ipv4),
		cmocka_unit_test(test_mp_parse_address_accepts_ipv6),
		cmocka_unit_test(test_mp_parse_address_accepts_bracketed_ipv6_with_port),
		cmocka_unit_test(test_mp_parse_address_rejects_bad_ipv4),
		cmocka_unit_test(test_mp_parse_address_rejects_bad_ipv6),
		cmocka_unit_test(test_mp_parse_address_rejects_bad_ports),
		cmocka_unit_test(test_mp_parse_address_rejects_junk_and_names),
		cmocka_unit_test(test_mp_address_text_is_rfc_5952),
		cmocka_unit_test(test_mp_address_text_refuses_other_families),
		cmocka_unit_test(test_mp_address_set_takes_ipv4_and_ipv6_bytes),
		cmocka_unit_test(test_mp_split_host_accepts_names_and_addresses),
		cmocka_unit_test(test_mp_split_host_accepts_a_port),
		cmocka_unit_test(test_mp_split_host_rejects_bad_ports),
		cmocka_unit_test(test_mp_split_host_rejects_junk),
		cmocka_unit_test(test_mp_host_name_valid_follows_rfc_1123),
		cmocka_unit_test(test_mp_mail_address_is_one_check_for_every_mode),
		cmocka_unit_test(test_mp_mail_address_holds_254_bytes),
		cmocka_unit_test(test_mp_mail_domain_gives_the_ascii_form),
		cmocka_unit_test(test_mp_is_host_name_accepts_names),
		cmocka_unit_test(test_mp_is_host_name_rejects_addresses_and_junk),
		cmocka_unit_test(test_mp_put16_writes_high_byte_first),
		cmocka_unit_test(test_mp_now_ms_counts_the_time_waited),
		cmocka_unit_test(test_mp_net_error_text_has_words_for_what_a_probe_meets),
		cmocka_unit_test(test_mp_net_error_text_falls_back_to_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

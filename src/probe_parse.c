/*
 * probe_parse.c - reading what a mail server says: greetings, capability
 * lists and the first bytes of a TLS handshake, and the ClientHello that
 * asks for one.  Pure functions: the bytes come from src/probe.c.
 */
#include <string.h>

#include "ascii.h"
#include "probe.h"

/* The next whole line from *pos, without its CR LF; false if there is none. */
static bool
next_line(const char *text, size_t len, size_t *pos, const char **line,
    size_t *line_len)
{
	size_t i;

	for (i = *pos; i < len; i++) {
		if (text[i] != '\n')
			continue;
		*line = text + *pos;
		*line_len = i - *pos;
		if (*line_len > 0 && text[i - 1] == '\r')
			(*line_len)--;
		*pos = i + 1;
		return true;
	}
	return false;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An SMTP reply line: three digits, then a blank, a hyphen or nothing. */
static bool
smtp_line(const char *line, size_t len, bool *last)
{
	if (len < 3 || !is_digit(line[0]) || !is_digit(line[1]) ||
	    !is_digit(line[2]))
		return false;
	if (len > 3 && line[3] != ' ' && line[3] != '-')
		return false;
	*last = len == 3 || line[3] == ' ';
	return true;
}

enum mp_protocol
mp_greeting_protocol(const char *text, size_t len)
{
	bool last;

	if (mp_ascii_begins(text, len, "220") || mp_ascii_begins(text, len, "421") ||
	    mp_ascii_begins(text, len, "554"))
		return smtp_line(text, len < 4 ? len : 4, &last) ?
		    MP_PROTO_SMTP : MP_PROTO_UNKNOWN;
	if (mp_ascii_begins(text, len, "+OK") || mp_ascii_begins(text, len, "-ERR"))
		return MP_PROTO_POP3;
	if (mp_ascii_begins(text, len, "* OK") || mp_ascii_begins(text, len, "* PREAUTH") ||
	    mp_ascii_begins(text, len, "* BYE"))
		return MP_PROTO_IMAP;
	/* ManageSieve greets with its capabilities, each a quoted string. */
	if (len > 1 && text[0] == '"' && mp_ascii_upper(text[1]) >= 'A' &&
	    mp_ascii_upper(text[1]) <= 'Z')
		return MP_PROTO_MANAGESIEVE;
	return MP_PROTO_UNKNOWN;
}

/* The number of an SMTP reply line's code. */
static unsigned
smtp_code(const char *line)
{
	return (unsigned)(line[0] - '0') * 100 + (unsigned)(line[1] - '0') * 10 +
	    (unsigned)(line[2] - '0');
}

/*
 * One SMTP reply from *pos: lines up to the one whose code a blank
 * follows.  A multi-line reply has one code, on every line (RFC 5321
 * section 4.2.1): lines that disagree make the reply BAD, not the sum of
 * its lines.  When it is DONE, *code is its code and *pos where the next
 * reply starts.
 */
static enum mp_reply
smtp_reply(const char *text, size_t len, size_t *pos, unsigned *code)
{
	const char *line;
	size_t at = *pos, line_len;
	bool last, first = true;

	while (next_line(text, len, &at, &line, &line_len)) {
		if (!smtp_line(line, line_len, &last) ||
		    (!first && smtp_code(line) != *code))
			return MP_REPLY_BAD;
		*code = smtp_code(line);
		first = false;
		if (last) {
			*pos = at;
			return MP_REPLY_DONE;
		}
	}
	return MP_REPLY_MORE;
}

/* A greeting other than 220 turns the client away (554, 421). */
static enum mp_reply
smtp_greeting_status(const char *text, size_t len)
{
	size_t pos = 0;
	unsigned code = 0;
	enum mp_reply reply = smtp_reply(text, len, &pos, &code);

	return reply == MP_REPLY_DONE && code != 220 ? MP_REPLY_REFUSED : reply;
}

/*
 * The answer to EHLO: 250 lists the extensions; 500 and 502 say there are
 * none (a server of RFC 821, without STARTTLS); any other code refuses.
 */
static enum mp_reply
smtp_ehlo_status(const char *text, size_t len)
{
	size_t pos = 0;
	unsigned code = 0;
	enum mp_reply reply = smtp_reply(text, len, &pos, &code);

	if (reply != MP_REPLY_DONE || code == 250 || code == 500 || code == 502)
		return reply;
	return MP_REPLY_REFUSED;
}

/*
 * A ManageSieve string from *pos: quoted, with backslash escapes, or a
 * literal, {n} or {n+}, a line end and n bytes of anything (RFC 5804
 * section 4).  On DONE, *string holds what it says and *pos is past it.
 */
static enum mp_reply
sieve_string(const char *text, size_t len, size_t *pos, const char **string,
    size_t *string_len)
{
	size_t i = *pos, n = 0, digits = 0;

	if (i < len && text[i] == '"') {
		size_t start = ++i;

		for (; i < len && text[i] != '"'; i++) {
			if (text[i] == '\n')
				return MP_REPLY_BAD;
			if (text[i] == '\\')
				i++;
		}
		if (i >= len)
			return MP_REPLY_MORE;
		*string = text + start;
		*string_len = i - start;
		*pos = i + 1;
		return MP_REPLY_DONE;
	}
	/* Nine digits at most: no longer literal fits in what is read. */
	for (i++; i < len && is_digit(text[i]); i++) {
		if (++digits > 9)
			return MP_REPLY_BAD;
		n = n * 10 + (size_t)(text[i] - '0');
	}
	if (i < len && text[i] == '+')
		i++;
	if (i >= len)
		return MP_REPLY_MORE;
	if (digits == 0 || text[i] != '}')
		return MP_REPLY_BAD;
	if (++i < len && text[i] == '\r')
		i++;
	if (i >= len)
		return MP_REPLY_MORE;
	if (text[i] != '\n')
		return MP_REPLY_BAD;
	if (n > len - i - 1)
		return MP_REPLY_MORE;
	*string = text + i + 1;
	*string_len = n;
	*pos = i + 1 + n;
	return MP_REPLY_DONE;
}

/* What the next line of a ManageSieve response is. */
enum sieve_line {
	SIEVE_MORE,		/* incomplete */
	SIEVE_BAD,		/* a string that is none */
	SIEVE_CAPABILITY,	/* a name and perhaps a value */
	SIEVE_OTHER,		/* a line of something else, skipped */
	SIEVE_END		/* OK, NO or BYE: the end of the response */
};

/*
 * The next line from *pos: a capability, its name and value each a
 * string, or the response that ends the list.  A literal may hold line
 * ends and text such as "NO": only a line that begins outside any string
 * ends the list.
 */
static enum sieve_line
sieve_line(const char *text, size_t len, size_t *pos, const char **name,
    size_t *name_len, const char **value, size_t *value_len)
{
	const char *line;
	size_t i = *pos, line_len;

	*value = "";
	*value_len = 0;
	if (i < len && (text[i] == '"' || text[i] == '{')) {
		enum mp_reply reply = sieve_string(text, len, &i, name,
		    name_len);

		if (reply == MP_REPLY_DONE && i < len && text[i] == ' ') {
			i++;
			if (i < len && (text[i] == '"' || text[i] == '{'))
				reply = sieve_string(text, len, &i, value,
				    value_len);
		}
		if (reply != MP_REPLY_DONE)
			return reply == MP_REPLY_MORE ? SIEVE_MORE : SIEVE_BAD;
		/* Whatever else the line holds, up to its end. */
		if (!next_line(text, len, &i, &line, &line_len))
			return SIEVE_MORE;
		*pos = i;
		return SIEVE_CAPABILITY;
	}
	if (!next_line(text, len, &i, &line, &line_len))
		return SIEVE_MORE;
	*pos = i;
	return mp_ascii_begins(line, line_len, "OK") ||
	    mp_ascii_begins(line, line_len, "NO") ||
	    mp_ascii_begins(line, line_len, "BYE") ? SIEVE_END : SIEVE_OTHER;
}

/* ManageSieve's capability list ends with an OK, NO or BYE response. */
static enum mp_reply
sieve_reply_status(const char *text, size_t len)
{
	const char *name, *value;
	size_t pos = 0, name_len, value_len;

	for (;;) {
		switch (sieve_line(text, len, &pos, &name, &name_len, &value,
		    &value_len)) {
		case SIEVE_MORE:
			return MP_REPLY_MORE;
		case SIEVE_BAD:
			return MP_REPLY_BAD;
		case SIEVE_END:
			return MP_REPLY_DONE;
		default:
			break;
		}
	}
}

/* A one-line greeting; refused, if not NULL, begins one that turns away. */
static enum mp_reply
first_line_status(const char *text, size_t len, const char *refused)
{
	const char *line;
	size_t pos = 0, line_len;

	if (!next_line(text, len, &pos, &line, &line_len))
		return MP_REPLY_MORE;
	return refused != NULL && mp_ascii_begins(line, line_len, refused) ?
	    MP_REPLY_REFUSED : MP_REPLY_DONE;
}

enum mp_reply
mp_greeting_status(enum mp_protocol protocol, const char *text, size_t len)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
		return smtp_greeting_status(text, len);
	case MP_PROTO_MANAGESIEVE:
		return sieve_reply_status(text, len);
	case MP_PROTO_POP3:
		return first_line_status(text, len, "-ERR");
	case MP_PROTO_IMAP:
		return first_line_status(text, len, "* BYE");
	default:
		return first_line_status(text, len, NULL);
	}
}

bool
mp_greeting_lists_capabilities(enum mp_protocol protocol, const char *text,
    size_t len)
{
	if (protocol == MP_PROTO_MANAGESIEVE)
		return true;
	return protocol == MP_PROTO_IMAP &&
	    (mp_ascii_begins(text, len, "* OK [CAPABILITY ") ||
	    mp_ascii_begins(text, len, "* PREAUTH [CAPABILITY "));
}

const char *
mp_capability_command(enum mp_protocol protocol)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
		/* RFC 2606 reserves .invalid: a name that claims no one's. */
		return "EHLO mailports.invalid\r\n";
	case MP_PROTO_POP3:
		return "CAPA\r\n";
	case MP_PROTO_IMAP:
		return "M1 CAPABILITY\r\n";
	default:
		return NULL;
	}
}

const char *
mp_capability_name(enum mp_protocol protocol)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
		return "EHLO";
	case MP_PROTO_POP3:
		return "CAPA";
	case MP_PROTO_IMAP:
		return "CAPABILITY";
	default:
		return NULL;
	}
}

const char *
mp_quit_command(enum mp_protocol protocol)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
	case MP_PROTO_POP3:
		return "QUIT\r\n";
	case MP_PROTO_IMAP:
		return "M2 LOGOUT\r\n";
	case MP_PROTO_MANAGESIEVE:
		return "LOGOUT\r\n";
	default:
		return NULL;
	}
}

/* POP3 CAPA: -ERR, or +OK and lines up to a lone dot. */
static enum mp_reply
pop3_capa_status(const char *text, size_t len)
{
	const char *line;
	size_t pos = 0, line_len;

	if (!next_line(text, len, &pos, &line, &line_len))
		return MP_REPLY_MORE;
	if (mp_ascii_begins(line, line_len, "-ERR"))
		return MP_REPLY_DONE;
	if (!mp_ascii_begins(line, line_len, "+OK"))
		return MP_REPLY_BAD;
	while (next_line(text, len, &pos, &line, &line_len))
		if (line_len == 1 && line[0] == '.')
			return MP_REPLY_DONE;
	return MP_REPLY_MORE;
}

/* IMAP: untagged lines, then the one tagged with the command's tag. */
static enum mp_reply
imap_capability_status(const char *text, size_t len)
{
	const char *line;
	size_t pos = 0, line_len;

	while (next_line(text, len, &pos, &line, &line_len))
		if (mp_ascii_begins(line, line_len, "M1 "))
			return MP_REPLY_DONE;
	return MP_REPLY_MORE;
}

enum mp_reply
mp_capability_status(enum mp_protocol protocol, const char *text, size_t len)
{
	switch (protocol) {
	case MP_PROTO_SMTP:
		return smtp_ehlo_status(text, len);
	case MP_PROTO_POP3:
		return pop3_capa_status(text, len);
	case MP_PROTO_IMAP:
		return imap_capability_status(text, len);
	default:
		return MP_REPLY_DONE;
	}
}

static bool
is_mechanism_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    is_digit(c) || c == '-' || c == '_';
}

/* Whether name, of len bytes, is in the blank-separated list, in any case. */
static bool
listed(const char *list, const char *name, size_t len)
{
	while (*list != '\0') {
		size_t word = 0, i;

		while (list[word] != '\0' && list[word] != ' ')
			word++;
		for (i = 0; i < len && i < word && mp_ascii_upper(name[i]) == list[i]; i++)
			;
		if (word == len && i == len)
			return true;
		list += word;
		while (*list == ' ')
			list++;
	}
	return false;
}

/* The SASL mechanisms that send the password itself, not a proof of it. */
static const char *const password_mechanisms[] = { "PLAIN", "LOGIN" };
#define NPASSWORD_MECHANISMS \
	(sizeof password_mechanisms / sizeof password_mechanisms[0])

/*
 * Adds one mechanism of len bytes to the list unless it is there already.
 * Others leave room for the password mechanisms not yet listed, which are
 * the ones the warnings are about; what does not fit is counted as cut.
 */
static void
add_mechanism(struct mp_capabilities *capabilities, const char *name,
    size_t len)
{
	size_t used = strlen(capabilities->auth), room = len + 2, i;

	if (listed(capabilities->auth, name, len))
		return;
	for (i = 0; i < NPASSWORD_MECHANISMS; i++) {
		size_t n = strlen(password_mechanisms[i]);

		if (len == n && mp_ascii_begins(name, len,
		    password_mechanisms[i])) {
			room = len + 2;
			break;
		}
		if (!listed(capabilities->auth, password_mechanisms[i], n))
			room += n + 1;
	}
	if (room > MP_AUTH_SIZE - used) {
		capabilities->auth_cut = true;
		return;
	}
	if (used > 0)
		capabilities->auth[used++] = ' ';
	for (i = 0; i < len; i++)
		capabilities->auth[used++] = mp_ascii_upper(name[i]);
	capabilities->auth[used] = '\0';
}

/*
 * Adds the mechanisms in text, separated by blanks (or quotes), to the
 * list; a name with other bytes is not a mechanism and is dropped.
 */
static void
add_mechanisms(struct mp_capabilities *capabilities, const char *text,
    size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start, end;

		while (i < len && (text[i] == ' ' || text[i] == '"'))
			i++;
		start = i;
		while (i < len && text[i] != ' ' && text[i] != '"')
			i++;
		end = i;
		for (i = start; i < end && is_mechanism_char(text[i]); i++)
			;
		if (end > start && i == end)
			add_mechanism(capabilities, text + start, end - start);
		i = end;
	}
}

/* Whether the list holds a mechanism that sends the password itself. */
static bool
password_listed(const char *auth)
{
	size_t i;

	for (i = 0; i < NPASSWORD_MECHANISMS; i++)
		if (listed(auth, password_mechanisms[i],
		    strlen(password_mechanisms[i])))
			return true;
	return false;
}

/* A line of a 250 reply, its code checked by smtp_reply. */
static void
smtp_capability(const char *line, size_t len, struct mp_capabilities *caps)
{
	if (len < 4)
		return;
	line += 4;
	len -= 4;
	if (len == 8 && mp_ascii_begins(line, len, "STARTTLS"))
		caps->starttls = true;
	else if (mp_ascii_begins(line, len, "AUTH ") || mp_ascii_begins(line, len, "AUTH="))
		add_mechanisms(caps, line + 5, len - 5);
}

/*
 * The extensions in the 250 replies of text, reply by reply: the lines
 * of the greeting (220) or of a refusal never count, whatever they say.
 */
static void
smtp_capabilities(const char *text, size_t len, struct mp_capabilities *caps)
{
	const char *line;
	size_t pos = 0, start, line_len;
	unsigned code = 0;

	for (start = 0; smtp_reply(text, len, &pos, &code) == MP_REPLY_DONE;
	    start = pos) {
		if (code != 250)
			continue;
		while (next_line(text, pos, &start, &line, &line_len))
			smtp_capability(line, line_len, caps);
	}
}

static void
pop3_capabilities(const char *line, size_t len, struct mp_capabilities *caps)
{
	if (len == 4 && mp_ascii_begins(line, len, "STLS"))
		caps->starttls = true;
	else if (len == 4 && mp_ascii_begins(line, len, "USER"))
		caps->cleartext_login = true;
	else if (mp_ascii_begins(line, len, "SASL "))
		add_mechanisms(caps, line + 5, len - 5);
}

/* The atoms of an IMAP capability list, from its start to "]" or the end. */
static void
imap_capability_list(const char *text, size_t len,
    struct mp_capabilities *caps, bool *login_disabled)
{
	size_t i = 0;

	while (i < len && text[i] != ']') {
		size_t start;

		while (i < len && text[i] == ' ')
			i++;
		start = i;
		while (i < len && text[i] != ' ' && text[i] != ']')
			i++;
		if (i - start == 8 && mp_ascii_begins(text + start, 8, "STARTTLS"))
			caps->starttls = true;
		else if (i - start == 13 &&
		    mp_ascii_begins(text + start, 13, "LOGINDISABLED"))
			*login_disabled = true;
		else if (i - start > 5 && mp_ascii_begins(text + start, 5, "AUTH="))
			add_mechanisms(caps, text + start + 5, i - start - 5);
	}
}

static void
imap_capabilities(const char *line, size_t len, struct mp_capabilities *caps,
    bool *listed, bool *login_disabled)
{
	static const char *const openers[] = {
		"* CAPABILITY ", "* OK [CAPABILITY ", "* PREAUTH [CAPABILITY "
	};
	size_t i, skip;

	for (i = 0; i < sizeof openers / sizeof openers[0]; i++) {
		if (!mp_ascii_begins(line, len, openers[i]))
			continue;
		skip = strlen(openers[i]);
		*listed = true;
		imap_capability_list(line + skip, len - skip, caps,
		    login_disabled);
		return;
	}
}

static void
sieve_capabilities(const char *text, size_t len, struct mp_capabilities *caps)
{
	const char *name, *value;
	size_t pos = 0, name_len, value_len;
	enum sieve_line line;

	while ((line = sieve_line(text, len, &pos, &name, &name_len, &value,
	    &value_len)) == SIEVE_CAPABILITY || line == SIEVE_OTHER) {
		if (line != SIEVE_CAPABILITY)
			continue;
		if (name_len == 8 && mp_ascii_begins(name, name_len, "STARTTLS"))
			caps->starttls = true;
		else if (name_len == 4 && mp_ascii_begins(name, name_len, "SASL"))
			add_mechanisms(caps, value, value_len);
	}
}

void
mp_parse_capabilities(enum mp_protocol protocol, const char *text,
    size_t len, struct mp_capabilities *caps)
{
	const char *line;
	size_t pos = 0, line_len;
	bool has_list = false, login_disabled = false;

	caps->starttls = false;
	caps->cleartext_login = false;
	caps->auth_cut = false;
	caps->auth[0] = '\0';
	/* SMTP replies and ManageSieve strings may be more than a line. */
	if (protocol == MP_PROTO_SMTP)
		smtp_capabilities(text, len, caps);
	else if (protocol == MP_PROTO_MANAGESIEVE)
		sieve_capabilities(text, len, caps);
	while (protocol != MP_PROTO_SMTP && protocol != MP_PROTO_MANAGESIEVE &&
	    next_line(text, len, &pos, &line, &line_len)) {
		switch (protocol) {
		case MP_PROTO_POP3:
			pop3_capabilities(line, line_len, caps);
			break;
		case MP_PROTO_IMAP:
			imap_capabilities(line, line_len, caps, &has_list,
			    &login_disabled);
			break;
		default:
			return;
		}
	}
	/*
	 * Challenge-response mechanisms (CRAM-MD5, SCRAM-*, DIGEST-MD5, NTLM,
	 * GSSAPI) never send the password; IMAP's LOGIN command does, unless
	 * LOGINDISABLED says it is off.
	 */
	if (password_listed(caps->auth) || (has_list && !login_disabled))
		caps->cleartext_login = true;
}

/*
 * Where the record that answers the ClientHello starts: past the warning
 * alerts (unrecognized_name, say) a server may send before its
 * ServerHello, but not past close_notify, which ends the talk.
 */
static size_t
answer_at(const unsigned char *bytes, size_t len)
{
	size_t at = 0;

	while (len - at >= 7 && bytes[at] == 0x15 && bytes[at + 1] == 3 &&
	    mp_get16(bytes + at + 3) == 2 && bytes[at + 5] == 1 &&
	    bytes[at + 6] != 0)
		at += 7;
	return at;
}

/* The first record of bytes. */
static enum mp_tls_reply
tls_record(const unsigned char *bytes, size_t len)
{
	unsigned record_len;

	if (len < 1)
		return MP_TLS_REPLY_MORE;
	/* Record types: 0x16 handshake, 0x15 alert. */
	if (bytes[0] != 0x16 && bytes[0] != 0x15)
		return MP_TLS_REPLY_NOT;
	if (len < 3)
		return MP_TLS_REPLY_MORE;
	if (bytes[1] != 3 || bytes[2] > 4)
		return MP_TLS_REPLY_NOT;
	if (len < 5)
		return MP_TLS_REPLY_MORE;
	record_len = mp_get16(bytes + 3);
	if (record_len == 0 || record_len > 16384 + 2048)
		return MP_TLS_REPLY_NOT;
	if (len < 6)
		return MP_TLS_REPLY_MORE;
	if (bytes[0] == 0x15) {
		/* An alert's level is 1 (warning) or 2 (fatal). */
		if (record_len != 2 || (bytes[5] != 1 && bytes[5] != 2))
			return MP_TLS_REPLY_NOT;
		/* Then its description, which names the reason. */
		return len < 7 ? MP_TLS_REPLY_MORE : MP_TLS_REPLY_ALERT;
	}
	/* Handshake type 2 is ServerHello. */
	return bytes[5] == 2 && record_len >= 4 ? MP_TLS_REPLY_HELLO :
	    MP_TLS_REPLY_NOT;
}

enum mp_tls_reply
mp_tls_reply(const unsigned char *bytes, size_t len)
{
	size_t at = answer_at(bytes, len);

	return tls_record(bytes + at, len - at);
}

int
mp_tls_alert(const unsigned char *bytes, size_t len)
{
	size_t at = answer_at(bytes, len);

	if (at > 0 && at == len)
		return bytes[at - 1];
	if (tls_record(bytes + at, len - at) == MP_TLS_REPLY_ALERT)
		return bytes[at + 6];
	return -1;
}

/*
 * The TLS alerts of IANA's TLS Alerts registry: RFC 8446 section 6 and
 * RFC 5246 section 7.2, with the older codes of SSL 3.0 (41, RFC 6101),
 * TLS 1.0 (21, 60) and RFC 6066 (111, 113, 114), RFC 7507 (86) and
 * RFC 7301 (120).
 */
static const char *const alert_names[] = {
	[0] = "close_notify", [10] = "unexpected_message",
	[20] = "bad_record_mac", [21] = "decryption_failed",
	[22] = "record_overflow", [30] = "decompression_failure",
	[40] = "handshake_failure", [41] = "no_certificate",
	[42] = "bad_certificate", [43] = "unsupported_certificate",
	[44] = "certificate_revoked", [45] = "certificate_expired",
	[46] = "certificate_unknown", [47] = "illegal_parameter",
	[48] = "unknown_ca", [49] = "access_denied", [50] = "decode_error",
	[51] = "decrypt_error", [60] = "export_restriction",
	[70] = "protocol_version", [71] = "insufficient_security",
	[80] = "internal_error", [86] = "inappropriate_fallback",
	[90] = "user_canceled", [100] = "no_renegotiation",
	[109] = "missing_extension", [110] = "unsupported_extension",
	[111] = "certificate_unobtainable", [112] = "unrecognized_name",
	[113] = "bad_certificate_status_response",
	[114] = "bad_certificate_hash_value", [115] = "unknown_psk_identity",
	[116] = "certificate_required", [120] = "no_application_protocol"
};

const char *
mp_tls_alert_name(unsigned description)
{
	return description < sizeof alert_names / sizeof alert_names[0] ?
	    alert_names[description] : NULL;
}

const char *
mp_tls_alert_text(char buf[static 16], unsigned description)
{
	const char *name = mp_tls_alert_name(description);

	if (name != NULL)
		return name;
	snprintf(buf, 16, "alert %u", description);
	return buf;
}

size_t
mp_client_hello(unsigned char *out, const char *server)
{
	/* TLS 1.3 suites, then ECDHE and RSA ones for TLS 1.2 servers. */
	static const unsigned char suites[] = {
		0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b, 0xc0, 0x2f,
		0xc0, 0x2c, 0xc0, 0x30, 0xcc, 0xa9, 0xcc, 0xa8, 0xc0, 0x13,
		0xc0, 0x14, 0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f, 0x00, 0x35
	};
	static const unsigned char extensions[] = {
		/* supported_groups: x25519, secp256r1, secp384r1 */
		0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17,
		0x00, 0x18,
		/* ec_point_formats: uncompressed */
		0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
		/* signature_algorithms */
		0x00, 0x0d, 0x00, 0x14, 0x00, 0x12, 0x04, 0x03, 0x08, 0x04,
		0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06,
		0x06, 0x01, 0x02, 0x01,
		/* extended_master_secret, renegotiation_info */
		0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00,
		/* supported_versions: TLS 1.3, TLS 1.2 */
		0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03,
		/* psk_key_exchange_modes: psk_dhe_ke */
		0x00, 0x2d, 0x00, 0x02, 0x01, 0x01,
		/*
		 * key_share: an x25519 public key.  Nothing is negotiated,
		 * so the base point (9) serves as well as any key.
		 */
		0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20,
		0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	};
	unsigned char *p = out, *record_len, *handshake, *body, *extensions_len;
	size_t i;

	*p++ = 0x16;				/* handshake record */
	p = mp_put16(p, 0x0301);		/* as TLS 1.0, for old servers */
	record_len = p;
	p += 2;					/* its length, below */
	handshake = p;
	*p++ = 0x01;				/* ClientHello */
	*p++ = 0;				/* its length, 3 bytes, below */
	p += 2;
	body = p;
	p = mp_put16(p, 0x0303);		/* TLS 1.2; 1.3 is an extension */
	for (i = 0; i < 32; i++)		/* random: any bytes will do */
		*p++ = (unsigned char)(0x6d + i);
	*p++ = 32;				/* a session id, as TLS 1.3 */
	for (i = 0; i < 32; i++)		/* clients send for middleboxes */
		*p++ = (unsigned char)(0x70 + i);
	p = mp_put16(p, sizeof suites);
	memcpy(p, suites, sizeof suites);
	p += sizeof suites;
	*p++ = 1;				/* compression: none */
	*p++ = 0;
	extensions_len = p;
	p += 2;
	/* SNI carries host names only, never addresses (RFC 6066). */
	if (mp_is_host_name(server)) {
		size_t name_len = strlen(server);

		p = mp_put16(p, 0x0000);	/* server_name */
		p = mp_put16(p, name_len + 5);
		p = mp_put16(p, name_len + 3);
		*p++ = 0;			/* host_name */
		p = mp_put16(p, name_len);
		memcpy(p, server, name_len);
		p += name_len;
	}
	memcpy(p, extensions, sizeof extensions);
	p += sizeof extensions;
	mp_put16(extensions_len, (size_t)(p - extensions_len - 2));
	mp_put16(body - 2, (size_t)(p - body));
	mp_put16(record_len, (size_t)(p - handshake));
	return (size_t)(p - out);
}

static const char *const state_keys[MP_NSTATES] = {
	[MP_STATE_OPEN] = "open",
	[MP_STATE_CLOSED] = "closed",
	[MP_STATE_TIMEOUT] = "timeout",
	[MP_STATE_ERROR] = "error",
};

static const char *const found_tls_keys[MP_NFOUND] = {
	[MP_FOUND_UNKNOWN] = "unknown",
	[MP_FOUND_NONE] = "none",
	[MP_FOUND_STARTTLS] = "starttls",
	[MP_FOUND_IMPLICIT] = "implicit",
};

static const char *const warning_keys[MP_NWARNINGS] = {
	"cleartext-login", "plaintext-on-tls-port", "tls-on-plaintext-port",
	"not-mail", "other-protocol", "silent", "flood", "not-tls",
	"unfinished", "malformed", "refused", "closed-early", "no-answer",
	"hello-after-silence", "tls-refused", "slow-greeting", "other-port"
};

static const char *const warning_texts[MP_NWARNINGS] = {
	"takes a password before TLS: a client not set to insist on TLS "
	    "may send it in cleartext",
	"speaks plaintext on a port for implicit TLS: set the client to "
	    "STARTTLS or use the TLS port",
	"speaks TLS on a port for plaintext and STARTTLS: set the client to "
	    "implicit TLS (SSL/TLS) here",
	"greets, but not as a mail server",
	"speaks another protocol than the one this port is for",
	"accepts connections but says nothing",
	"sent too much without ending its reply",
	"answered a TLS ClientHello with something that is not TLS",
	"never ended its reply",
	"sent a reply that breaks its protocol's rules (such as an SMTP "
	    "reply whose lines carry different codes)",
	"turned the probe away (a refusal in its greeting or in answer to "
	    "the capability command)",
	"closed the connection before answering the capability command",
	"greeted, but did not answer the capability command before the "
	    "timeout: try a longer --timeout",
	"said nothing for half the timeout on a port of no known protocol, "
	    "so a TLS ClientHello was sent to see whether it wants TLS",
	"refused the TLS handshake: a client with TLS 1.2 or 1.3 will not "
	    "get in",
	"had begun its greeting but not ended it when the timeout came (a "
	    "greeting delay, as Postfix's postscreen makes): try a longer "
	    "--timeout",
	"is the port of another protocol than the one asked for: behind TLS "
	    "the probe cannot see which it speaks, so it goes by the port"
};

const char *
mp_state_key(enum mp_state state)
{
	return state_keys[state];
}

const char *
mp_found_tls_key(enum mp_found_tls tls)
{
	return found_tls_keys[tls];
}

/* The index of the lowest bit set in warning. */
static unsigned
warning_index(unsigned warning)
{
	unsigned i = 0;

	while (i + 1 < MP_NWARNINGS && !(warning & 1u << i))
		i++;
	return i;
}

const char *
mp_warning_key(unsigned warning)
{
	return warning_keys[warning_index(warning)];
}

const char *
mp_warning_text(unsigned warning)
{
	return warning_texts[warning_index(warning)];
}

/* A port the table has for relaying between servers, such as 25. */
bool
mp_relay_port(unsigned number)
{
	size_t i;

	for (i = 0; i < mp_nports; i++)
		if (mp_ports[i].number == number &&
		    mp_ports[i].role == MP_ROLE_RELAY)
			return true;
	return false;
}

bool
mp_result_secure(const struct mp_probe_result *result)
{
	if (result->state != MP_STATE_OPEN ||
	    result->protocol == MP_PROTO_UNKNOWN ||
	    mp_relay_port(result->port))
		return false;
	if (result->tls == MP_FOUND_IMPLICIT)
		return !(result->warnings & MP_WARN_TLS_REFUSED);
	return result->tls == MP_FOUND_STARTTLS;
}

static const struct mp_probe_result *
secure_on(const struct mp_probe_result *results, size_t n, unsigned port,
    enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (results[i].port == port &&
		    results[i].protocol == protocol &&
		    mp_result_secure(&results[i]))
			return &results[i];
	return NULL;
}

const struct mp_probe_result *
mp_probe_verdict(const struct mp_probe_result *results, size_t n,
    enum mp_protocol protocol)
{
	const struct mp_probe_result *found;
	unsigned status;
	size_t i;

	for (status = 0; status < MP_NSTATUSES; status++) {
		for (i = 0; i < mp_nports; i++) {
			const struct mp_port *port = &mp_ports[i];

			if (port->status != status ||
			    port->protocol != protocol ||
			    port->role == MP_ROLE_RELAY)
				continue;
			found = secure_on(results, n, port->number, protocol);
			if (found != NULL)
				return found;
		}
	}
	/* Then any other port that was asked for, in the order asked. */
	for (i = 0; i < n; i++)
		if (results[i].protocol == protocol &&
		    mp_result_secure(&results[i]))
			return &results[i];
	return NULL;
}

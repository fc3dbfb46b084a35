/*
 * protocol.c - the protocols a probe speaks, one handler each: what it
 * sends (a capability command, a goodbye) and how it reads a greeting,
 * the answer to the capability command and the capabilities listed, and
 * the answer to STARTTLS.
 * Pure functions: the bytes come from src/probe.c.
 */
#include <string.h>

#include "ascii.h"
#include "len.h"
#include "protocol.h"

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

/* An SMTP reply line: three digits, then a blank, a hyphen or nothing. */
static bool
smtp_line(const char *line, size_t len, bool *last)
{
	if (len < 3 || !mp_ascii_isdigit(line[0]) ||
	    !mp_ascii_isdigit(line[1]) || !mp_ascii_isdigit(line[2]))
		return false;
	if (len > 3 && line[3] != ' ' && line[3] != '-')
		return false;
	*last = len == 3 || line[3] == ' ';
	return true;
}

static bool
smtp_greets(const char *text, size_t len)
{
	bool last;

	return (mp_ascii_begins(text, len, "220") ||
	    mp_ascii_begins(text, len, "421") ||
	    mp_ascii_begins(text, len, "554")) &&
	    smtp_line(text, len < 4 ? len : 4, &last);
}

static bool
pop3_greets(const char *text, size_t len)
{
	return mp_ascii_begins(text, len, "+OK") ||
	    mp_ascii_begins(text, len, "-ERR");
}

static bool
imap_greets(const char *text, size_t len)
{
	return mp_ascii_begins(text, len, "* OK") ||
	    mp_ascii_begins(text, len, "* PREAUTH") ||
	    mp_ascii_begins(text, len, "* BYE");
}

/* ManageSieve greets with its capabilities, each a quoted string. */
static bool
sieve_greets(const char *text, size_t len)
{
	return len > 1 && text[0] == '"' && mp_ascii_upper(text[1]) >= 'A' &&
	    mp_ascii_upper(text[1]) <= 'Z';
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
	for (i++; i < len && mp_ascii_isdigit(text[i]); i++) {
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
sieve_greeting_status(const char *text, size_t len)
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

static enum mp_reply
pop3_greeting_status(const char *text, size_t len)
{
	return first_line_status(text, len, "-ERR");
}

static enum mp_reply
imap_greeting_status(const char *text, size_t len)
{
	return first_line_status(text, len, "* BYE");
}

/* A greeting of no protocol known ends with its first line. */
static enum mp_reply
any_greeting_status(const char *text, size_t len)
{
	return first_line_status(text, len, NULL);
}

static bool
imap_greeting_lists(const char *text, size_t len)
{
	return mp_ascii_begins(text, len, "* OK [CAPABILITY ") ||
	    mp_ascii_begins(text, len, "* PREAUTH [CAPABILITY ");
}

static bool
always(const char *text, size_t len)
{
	(void)text;
	(void)len;
	return true;
}

static bool
never(const char *text, size_t len)
{
	(void)text;
	(void)len;
	return false;
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

/*
 * The answers to STARTTLS: DONE when the server is ready for the
 * ClientHello (SMTP 220, POP3 +OK, IMAP's tagged OK, ManageSieve OK),
 * REFUSED for any other answer, as SMTP 454 "TLS not available".  SMTP's
 * is read as its greeting is: 220 and nothing else goes on.
 */
/* A one-line answer: ready, refused (refused or also), or neither. */
static enum mp_reply
one_line_answer(const char *text, size_t len, const char *ready,
    const char *refused, const char *also)
{
	const char *line;
	size_t pos = 0, line_len;

	if (!next_line(text, len, &pos, &line, &line_len))
		return MP_REPLY_MORE;
	if (mp_ascii_begins(line, line_len, ready))
		return MP_REPLY_DONE;
	return mp_ascii_begins(line, line_len, refused) ||
	    mp_ascii_begins(line, line_len, also) ? MP_REPLY_REFUSED :
	    MP_REPLY_BAD;
}

static enum mp_reply
pop3_stls_status(const char *text, size_t len)
{
	return one_line_answer(text, len, "+OK", "-ERR", "-ERR");
}

/* Untagged lines, then the one tagged M3: OK, or NO or BAD. */
static enum mp_reply
imap_starttls_status(const char *text, size_t len)
{
	const char *line;
	size_t pos = 0, line_len;

	while (next_line(text, len, &pos, &line, &line_len)) {
		if (mp_ascii_begins(line, line_len, "M3 OK"))
			return MP_REPLY_DONE;
		if (mp_ascii_begins(line, line_len, "M3 "))
			return MP_REPLY_REFUSED;
		if (line_len == 0 || line[0] != '*')
			return MP_REPLY_BAD;
	}
	return MP_REPLY_MORE;
}

static enum mp_reply
sieve_starttls_status(const char *text, size_t len)
{
	return one_line_answer(text, len, "OK", "NO", "BYE");
}

/* Without a capability command there is no answer to wait for. */
static enum mp_reply
no_answer_status(const char *text, size_t len)
{
	(void)text;
	(void)len;
	return MP_REPLY_DONE;
}

static bool
is_mechanism_char(char c)
{
	return mp_ascii_isalnum(c) || c == '-' || c == '_';
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
	for (i = 0; i < LEN(password_mechanisms); i++) {
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

	for (i = 0; i < LEN(password_mechanisms); i++)
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
pop3_capability(const char *line, size_t len, struct mp_capabilities *caps)
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
imap_capability_line(const char *line, size_t len,
    struct mp_capabilities *caps, bool *listed, bool *login_disabled)
{
	static const char *const openers[] = {
		"* CAPABILITY ", "* OK [CAPABILITY ", "* PREAUTH [CAPABILITY "
	};
	size_t i, skip;

	for (i = 0; i < LEN(openers); i++) {
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

static void
pop3_capabilities(const char *text, size_t len, struct mp_capabilities *caps)
{
	const char *line;
	size_t pos = 0, line_len;

	while (next_line(text, len, &pos, &line, &line_len))
		pop3_capability(line, line_len, caps);
}

/*
 * IMAP's LOGIN command sends the password itself, unless LOGINDISABLED
 * says it is off.
 */
static void
imap_capabilities(const char *text, size_t len, struct mp_capabilities *caps)
{
	const char *line;
	size_t pos = 0, line_len;
	bool has_list = false, login_disabled = false;

	while (next_line(text, len, &pos, &line, &line_len))
		imap_capability_line(line, line_len, caps, &has_list,
		    &login_disabled);
	if (has_list && !login_disabled)
		caps->cleartext_login = true;
}

/*
 * The protocols a probe speaks, in the order their greetings are
 * recognised.  The commands are those of RFC 5321 and RFC 3207 (SMTP),
 * RFC 9051 section 6.2.1 (IMAP, whose commands the probe tags M1, M2 and
 * M3), RFC 2449 and RFC 2595 section 4 (POP3) and RFC 5804 section 2.2
 * (ManageSieve); RFC 2606 reserves .invalid, a name that claims no one's,
 * for EHLO.
 */
static const struct mp_protocol_handler handlers[] = {
	{
		.protocol = MP_PROTO_SMTP,
		.greets = smtp_greets,
		.greeting_status = smtp_greeting_status,
		.greeting_lists = never,
		.capability_command = "EHLO mailports.invalid\r\n",
		.capability_name = "EHLO",
		.capability_status = smtp_ehlo_status,
		.capabilities = smtp_capabilities,
		.starttls_command = "STARTTLS\r\n",
		.starttls_status = smtp_greeting_status,
		.quit_command = "QUIT\r\n",
	}, {
		.protocol = MP_PROTO_POP3,
		.greets = pop3_greets,
		.greeting_status = pop3_greeting_status,
		.greeting_lists = never,
		.capability_command = "CAPA\r\n",
		.capability_name = "CAPA",
		.capability_status = pop3_capa_status,
		.capabilities = pop3_capabilities,
		.starttls_command = "STLS\r\n",
		.starttls_status = pop3_stls_status,
		.quit_command = "QUIT\r\n",
	}, {
		.protocol = MP_PROTO_IMAP,
		.greets = imap_greets,
		.greeting_status = imap_greeting_status,
		.greeting_lists = imap_greeting_lists,
		.capability_command = "M1 CAPABILITY\r\n",
		.capability_name = "CAPABILITY",
		.capability_status = imap_capability_status,
		.capabilities = imap_capabilities,
		.starttls_command = "M3 STARTTLS\r\n",
		.starttls_status = imap_starttls_status,
		.quit_command = "M2 LOGOUT\r\n",
	}, {
		.protocol = MP_PROTO_MANAGESIEVE,
		.greets = sieve_greets,
		.greeting_status = sieve_greeting_status,
		.greeting_lists = always,	/* it greets with the list */
		.capability_status = no_answer_status,
		.capabilities = sieve_capabilities,
		.starttls_command = "STARTTLS\r\n",
		.starttls_status = sieve_starttls_status,
		.quit_command = "LOGOUT\r\n",
	},
};

/* A server of no protocol a probe knows: its first line, and not a word. */
static const struct mp_protocol_handler unknown = {
	.protocol = MP_PROTO_UNKNOWN,
	.greets = never,
	.greeting_status = any_greeting_status,
	.greeting_lists = never,
	.capability_status = no_answer_status,
};


const struct mp_protocol_handler *
mp_protocol_handler(enum mp_protocol protocol)
{
	size_t i;

	for (i = 0; i < LEN(handlers); i++)
		if (handlers[i].protocol == protocol)
			return &handlers[i];
	return &unknown;
}

bool
mp_probed_protocol(enum mp_protocol protocol)
{
	return mp_protocol_handler(protocol) != &unknown;
}

enum mp_protocol
mp_greeting_protocol(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < LEN(handlers); i++)
		if (handlers[i].greets(text, len))
			return handlers[i].protocol;
	return MP_PROTO_UNKNOWN;
}

void
mp_parse_capabilities(enum mp_protocol protocol, const char *text,
    size_t len, struct mp_capabilities *caps)
{
	const struct mp_protocol_handler *handler =
	    mp_protocol_handler(protocol);

	caps->starttls = false;
	caps->cleartext_login = false;
	caps->auth_cut = false;
	caps->auth[0] = '\0';
	if (handler->capabilities != NULL)
		handler->capabilities(text, len, caps);
	/*
	 * Challenge-response mechanisms (CRAM-MD5, SCRAM-*, DIGEST-MD5, NTLM,
	 * GSSAPI) never send the password.
	 */
	if (password_listed(caps->auth))
		caps->cleartext_login = true;
}

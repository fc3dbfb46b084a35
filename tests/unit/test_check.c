/*
 * test_check.c - the ports a check probes, and its diagnosis: one row per
 * cell of what the server speaks on the port of the setting by what the
 * client is set to, with the verdict, the cause and the fix each gives.
 * The probe's results are made here as src/probe.c makes them for such
 * a server, for each way the port is probed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "len.h"

/* What a server speaks on a port. */
enum server {
	IMPLICIT,	/* TLS from the first byte */
	STARTTLS,	/* a plaintext greeting, STARTTLS offered */
	STARTTLS_LOGIN,	/* the same, and a password taken before TLS */
	PLAINTEXT,	/* a plaintext greeting, no STARTTLS */
	PLAIN_LOGIN,	/* the same, and a password taken */
	ALERT,		/* a TLS alert for the ClientHello */
	FILTERED,	/* no answer to the connection */
	CLOSED,		/* refused */
	NOT_MAIL,	/* greets as SSH */
	SILENT,		/* accepts, says nothing */
	OTHER,		/* greets as SMTP where IMAP was asked for */
	AS_TABLE	/* as the table has the port: implicit or STARTTLS */
};

/* The result a probe of a target finds at such a server. */
static void
simulate(struct mp_probe_result *r, const struct mp_probe_target *t,
    enum server server, enum mp_protocol protocol)
{
	memset(r, 0, sizeof *r);
	strcpy(r->request.address, "192.0.2.1");
	r->request.target.port = t->port;
	r->request.target.expected = t->expected;
	r->request.target.implicit = t->implicit;
	r->request.target.guess_tls = t->guess_tls;
	r->protocol = MP_PROTO_UNKNOWN;
	if (server == AS_TABLE)
		server = t->port == 465 || t->port == 993 || t->port == 995 ?
		    IMPLICIT : STARTTLS;
	switch (server) {
	case FILTERED:
		r->state = MP_STATE_TIMEOUT;
		return;
	case CLOSED:
		r->state = MP_STATE_CLOSED;
		return;
	default:
		r->state = MP_STATE_OPEN;
		break;
	}
	if (server == IMPLICIT || server == ALERT) {
		if (!t->implicit && !t->guess_tls) {
			r->warnings = MP_WARN_SILENT;
			return;
		}
		r->tls = MP_FOUND_IMPLICIT;
		r->protocol = protocol;
		if (server == ALERT) {
			r->warnings |= MP_WARN_TLS_REFUSED;
			r->tls_alert = 70;
		}
		return;
	}
	if (server == SILENT) {
		r->warnings = MP_WARN_SILENT;
		return;
	}
	if (server == NOT_MAIL) {
		r->warnings = t->implicit ? MP_WARN_NOT_TLS : MP_WARN_NOT_MAIL;
		return;
	}
	r->protocol = server == OTHER ? MP_PROTO_SMTP : protocol;
	if (t->implicit) {
		/* The greeting came while the hello went. */
		r->tls = MP_FOUND_NONE;
		r->warnings = MP_WARN_PLAINTEXT_ON_TLS;
		return;
	}
	r->capabilities.starttls = server == STARTTLS ||
	    server == STARTTLS_LOGIN || server == OTHER;
	r->capabilities.cleartext_login = server == STARTTLS_LOGIN ||
	    server == PLAIN_LOGIN;
	r->tls = r->capabilities.starttls ? MP_FOUND_STARTTLS : MP_FOUND_NONE;
}

/* The time of the checks: 2026-06-01, inside the certificates' dates. */
#define NOW INT64_C(1780272000)

/* Adds a DNS name to the certificate of r. */
static void
add_name(struct mp_probe_result *r, const char *name)
{
	struct mp_x509_san *san = &r->cert.names[r->cert.nnames++];

	san->type = MP_X509_SAN_DNS;
	san->len = strlen(name);
	san->usable = memchr(name, '\1', san->len) == NULL;
	memcpy(san->bytes, name, san->len);
	r->cert.names_total++;
}

/*
 * The certificate a result holds, as src/cert_seen.c keeps it: from
 * 2026-01-01 to 2026-12-31, for imap.hoster.example, with findings.
 */
static void
give_cert(struct mp_probe_result *r, unsigned findings)
{
	memset(&r->cert, 0, sizeof r->cert);
	r->cert.read = true;
	r->cert.findings = findings;
	r->cert.chain = 1;
	strcpy(r->cert.subject, "CN=imap.hoster.example");
	strcpy(r->cert.issuer, "CN=Test CA");
	strcpy(r->cert.not_before, "2026-01-01T00:00:00Z");
	r->cert.starts = INT64_C(1767225600);
	strcpy(r->cert.not_after, "2026-12-31T00:00:00Z");
	r->cert.expires = INT64_C(1798675200);
	r->cert.self_signed = (findings & MP_CERT_BIT(MP_CERT_SELF_SIGNED)) != 0;
	r->cert.matches = !(findings & MP_CERT_BIT(MP_CERT_NAME));
	add_name(r, "imap.hoster.example");
}

/* Whether r reached TLS, so that it holds a certificate. */
static bool
reached_tls(const struct mp_probe_result *r)
{
	return r->state == MP_STATE_OPEN && (r->tls == MP_FOUND_STARTTLS ||
	    (r->tls == MP_FOUND_IMPLICIT &&
	    !(r->warnings & MP_WARN_TLS_REFUSED)));
}

/*
 * A check of a setting whose port is served as server, the others as
 * others; every TLS reached holds a certificate, with findings on the
 * port of the setting and none elsewhere.
 */
static void
check_cert_of(struct mp_check *check, enum mp_protocol protocol,
    unsigned port, enum mp_tls tls, enum server server, enum server others,
    unsigned findings)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = port, .protocol = protocol, .tls = tls };
	struct mp_probe_target targets[MP_CHECK_TARGETS_MAX];
	static struct mp_probe_result results[MP_CHECK_TARGETS_MAX];
	size_t n, i;

	n = mp_check_targets(&setting, targets, MP_CHECK_TARGETS_MAX);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		simulate(&results[i], &targets[i],
		    targets[i].port == port ? server : others, protocol);
		if (reached_tls(&results[i]))
			give_cert(&results[i],
			    targets[i].port == port ? findings : 0);
	}
	mp_check_diagnose(&setting, results, n, NOW, check);
}

/* A check of a setting whose port is served as server, the others as
 * others. */
static void
check_of(struct mp_check *check, enum mp_protocol protocol, unsigned port,
    enum mp_tls tls, enum server server, enum server others)
{
	check_cert_of(check, protocol, port, tls, server, others, 0);
}

struct cell {
	enum server	 server;
	enum mp_tls	 tls;		/* the client's */
	enum mp_protocol protocol;
	unsigned	 port;
	enum server	 others;
	enum mp_verdict	 verdict;
	const char	*cause;		/* a part of the cause */
	const char	*fix;		/* the whole fix */
	unsigned	 fix_port;
	enum mp_tls	 fix_tls;
};

#define SMTP MP_PROTO_SMTP
#define IMAP MP_PROTO_IMAP
#define POP3 MP_PROTO_POP3
#define T_SSL MP_TLS_IMPLICIT
#define T_STARTTLS MP_TLS_STARTTLS
#define T_NONE MP_TLS_NONE
#define V(x) MP_VERDICT_##x

static const char nothing[] = "nothing to change";
static const char out587[] =
    "Outgoing server: port 587, Connection security: STARTTLS";
static const char out465[] =
    "Outgoing server: port 465, Connection security: SSL/TLS";
static const char in993[] =
    "Incoming server: port 993, Connection security: SSL/TLS";
static const char in143[] =
    "Incoming server: port 143, Connection security: STARTTLS";
static const char unreachable[] = "nothing on this network reaches the "
    "server: try another network, or the provider's alternative port, "
    "such as 2525 where the provider documents it";
static const char unreachable_in[] = "nothing on this network reaches "
    "the server: try another network, or an alternative port the provider "
    "documents";
static const char unlistened[] = "no mail port of this server takes "
    "connections: check the server name";
static const char no_secure[] = "no port of this server works securely: "
    "ask the provider for its settings";

static const struct cell cells[] = {
	/* Implicit TLS, by what the client is set to. */
	{ IMPLICIT, T_SSL, SMTP, 465, AS_TABLE, V(WORKS),
	  "speaks TLS from the first byte on port 465, as a client set to "
	  "SSL/TLS expects", nothing, 0, 0 },
	{ IMPLICIT, T_STARTTLS, SMTP, 465, AS_TABLE, V(WRONG_MODE),
	  "so a client set to STARTTLS waits for a greeting that never comes",
	  out465, 465, T_SSL },
	{ IMPLICIT, T_NONE, IMAP, 993, AS_TABLE, V(WRONG_MODE),
	  "so a client set to None waits for a greeting that never comes",
	  in993, 993, T_SSL },
	/* The same on a port the table does not have. */
	{ IMPLICIT, T_SSL, IMAP, 10993, CLOSED, V(WORKS),
	  "on port 10993", nothing, 0, 0 },
	{ IMPLICIT, T_STARTTLS, IMAP, 10993, CLOSED, V(WRONG_MODE),
	  "waits for a greeting",
	  "Incoming server: port 10993, Connection security: SSL/TLS",
	  10993, T_SSL },
	/* STARTTLS offered. */
	{ STARTTLS, T_SSL, SMTP, 587, AS_TABLE, V(WRONG_MODE),
	  "the server sends a plaintext greeting on port 587, so a client "
	  "set to SSL/TLS fails its handshake", out587, 587, T_STARTTLS },
	{ STARTTLS, T_STARTTLS, SMTP, 587, AS_TABLE, V(WORKS_STARTTLS),
	  "a client set to STARTTLS upgrades before it logs in", nothing, 0,
	  0 },
	{ STARTTLS_LOGIN, T_STARTTLS, IMAP, 143, AS_TABLE, V(WORKS_STARTTLS),
	  "takes a password before TLS too: the client must insist", nothing,
	  0, 0 },
	{ STARTTLS, T_NONE, SMTP, 587, AS_TABLE, V(INSECURE),
	  "which a client set to None never uses", out587, 587, T_STARTTLS },
	{ STARTTLS_LOGIN, T_NONE, IMAP, 143, AS_TABLE, V(INSECURE),
	  "takes a password before TLS on port 143, so a client set to None "
	  "sends it in cleartext", in143, 143, T_STARTTLS },
	{ STARTTLS, T_SSL, SMTP, 2626, CLOSED, V(WRONG_MODE),
	  "plaintext greeting on port 2626",
	  "Outgoing server: port 2626, Connection security: STARTTLS", 2626,
	  T_STARTTLS },
	/* Plaintext without STARTTLS. */
	{ PLAINTEXT, T_SSL, SMTP, 587, AS_TABLE, V(WRONG_MODE),
	  "plaintext greeting on port 587", out465, 465, T_SSL },
	{ PLAINTEXT, T_STARTTLS, SMTP, 587, AS_TABLE, V(NO_STARTTLS),
	  "does not offer STARTTLS on port 587, so a client set to STARTTLS "
	  "gives up before it logs in", out465, 465, T_SSL },
	{ PLAINTEXT, T_NONE, SMTP, 587, CLOSED, V(INSECURE),
	  "greets in plaintext on port 587 and offers no TLS there",
	  no_secure, 0, 0 },
	{ PLAIN_LOGIN, T_NONE, IMAP, 143, AS_TABLE, V(INSECURE),
	  "takes a password before TLS on port 143 and offers no TLS there",
	  in993, 993, T_SSL },
	{ PLAINTEXT, T_SSL, IMAP, 993, CLOSED, V(WRONG_MODE),
	  "plaintext greeting on port 993", no_secure, 0, 0 },
	/* TLS refused by an alert. */
	{ ALERT, T_SSL, IMAP, 993, AS_TABLE, V(TLS_REFUSED),
	  "refused the handshake (protocol_version): it does not take TLS "
	  "1.2 or 1.3", in143, 143, T_STARTTLS },
	{ ALERT, T_STARTTLS, IMAP, 10143, AS_TABLE, V(TLS_REFUSED),
	  "on port 10143 but refused", in993, 993, T_SSL },
	{ ALERT, T_NONE, POP3, 995, CLOSED, V(TLS_REFUSED),
	  "protocol_version", no_secure, 0, 0 },
	/* Filtered, as an ISP does with 25. */
	{ FILTERED, T_STARTTLS, SMTP, 25, AS_TABLE, V(TIMEOUT),
	  "port 25 does not answer from this network: it is filtered, as "
	  "many ISPs do", out587, 587, T_STARTTLS },
	{ FILTERED, T_SSL, SMTP, 465, AS_TABLE, V(TIMEOUT),
	  "by a firewall on the way or at the server", out587, 587,
	  T_STARTTLS },
	{ FILTERED, T_NONE, SMTP, 25, FILTERED, V(TIMEOUT),
	  "filtered", unreachable, 0, 0 },
	/* 2525 is offered for sending only. */
	{ FILTERED, T_SSL, IMAP, 993, FILTERED, V(TIMEOUT),
	  "filtered", unreachable_in, 0, 0 },
	/* Closed. */
	{ CLOSED, T_STARTTLS, SMTP, 26, AS_TABLE, V(REFUSED),
	  "the server refuses connections on port 26: nothing listens there",
	  out587, 587, T_STARTTLS },
	{ CLOSED, T_SSL, IMAP, 993, CLOSED, V(REFUSED),
	  "port 993", unlistened, 0, 0 },
	{ CLOSED, T_NONE, IMAP, 143, FILTERED, V(REFUSED),
	  "port 143", unlistened, 0, 0 },
	/* Not mail. */
	{ NOT_MAIL, T_SSL, SMTP, 2222, AS_TABLE, V(NOT_MAIL),
	  "port 2222 answers, but it is no SMTP server", out587, 587,
	  T_STARTTLS },
	{ NOT_MAIL, T_STARTTLS, SMTP, 2222, AS_TABLE, V(NOT_MAIL),
	  "it is no SMTP server", out587, 587, T_STARTTLS },
	{ NOT_MAIL, T_NONE, IMAP, 143, AS_TABLE, V(NOT_MAIL),
	  "it is no IMAP server", in993, 993, T_SSL },
	{ OTHER, T_STARTTLS, IMAP, 143, AS_TABLE, V(NOT_MAIL),
	  "port 143 answers as SMTP, not IMAP", in993, 993, T_SSL },
	/* Silence, and port 25 for clients. */
	{ SILENT, T_STARTTLS, SMTP, 587, AS_TABLE, V(NO_ANSWER),
	  "the server on port 587 accepted the connection but said nothing "
	  "within the timeout",
	  out465, 465, T_SSL },
	{ STARTTLS, T_STARTTLS, SMTP, 25, AS_TABLE, V(RELAY_PORT),
	  "port 25 is for servers relaying mail", out587, 587, T_STARTTLS },
	{ STARTTLS, T_SSL, SMTP, 25, AS_TABLE, V(WRONG_MODE),
	  "plaintext greeting on port 25", out587, 587, T_STARTTLS },
	{ IMPLICIT, T_SSL, SMTP, 25, AS_TABLE, V(RELAY_PORT),
	  "port 25 is for servers relaying mail", out587, 587, T_STARTTLS },
	/* No ClientHello goes to a plaintext port of the table unless the
	 * client is set to SSL/TLS: TLS there is silence. */
	{ IMPLICIT, T_STARTTLS, SMTP, 25, AS_TABLE, V(NO_ANSWER),
	  "on port 25 accepted the connection but said nothing", out587, 587,
	  T_STARTTLS },
	{ STARTTLS, T_NONE, SMTP, 25, CLOSED, V(INSECURE),
	  "which a client set to None never uses", no_secure, 0, 0 },
};

static void
test_mp_check_diagnose_every_cell(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cells); i++) {
		const struct cell *c = &cells[i];
		struct mp_check check;

		check_of(&check, c->protocol, c->port, c->tls, c->server,
		    c->others);
		if (check.verdict != c->verdict ||
		    strstr(check.cause, c->cause) == NULL ||
		    strcmp(check.fix, c->fix) != 0 ||
		    check.fix_port != c->fix_port ||
		    (c->fix_port != 0 && check.fix_tls != c->fix_tls))
			fail_msg("cell %zu (port %u): %s; %s; %s (%u)", i,
			    c->port, mp_verdict_key(check.verdict),
			    check.cause, check.fix, check.fix_port);
		assert_int_equal(check.secure, c->verdict == V(WORKS) ||
		    c->verdict == V(WORKS_STARTTLS));
		assert_int_equal(check.setting.port, c->port);
	}
}

static void
test_mp_check_diagnose_best_result_of_addresses(void **state)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 993, .protocol = IMAP, .tls = T_SSL };
	struct mp_probe_target target = { 993, IMAP, true, false };
	struct mp_probe_result results[2];
	struct mp_check check;

	(void)state;
	/* IPv6 filtered, IPv4 open: the client gets in over IPv4. */
	simulate(&results[0], &target, FILTERED, IMAP);
	simulate(&results[1], &target, IMPLICIT, IMAP);
	mp_check_diagnose(&setting, results, 2, NOW, &check);
	assert_int_equal(check.verdict, V(WORKS));
	mp_check_diagnose(&setting, results, 1, NOW, &check);
	assert_int_equal(check.verdict, V(TIMEOUT));
	/* No result at all for the port. */
	mp_check_diagnose(&setting, results, 0, NOW, &check);
	assert_int_equal(check.verdict, V(NO_ANSWER));
	assert_string_equal(check.cause, "port 993 was not probed");
}

static void
test_mp_check_diagnose_silence_and_errors(void **state)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 587, .protocol = SMTP, .tls = T_STARTTLS };
	struct mp_probe_target target = { 587, SMTP, false, false };
	struct mp_probe_target hello = { 587, SMTP, true, false };
	struct mp_probe_result r;
	struct mp_check check;

	(void)state;
	simulate(&r, &target, SILENT, SMTP);
	r.warnings = MP_WARN_SLOW_GREETING;
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(NO_ANSWER));
	assert_non_null(strstr(check.cause, "had begun its greeting"));
	r.warnings = 0;
	r.timeout_ms = 1000;
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_string_equal(check.cause, "the server on port 587 accepted the "
	    "connection but said nothing within the timeout (1000 ms): to wait "
	    "longer, try --timeout 2");
	assert_string_equal(check.fix, no_secure);
	r.state = MP_STATE_ERROR;
	strcpy(r.reason, "connection reset by the server");
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(NO_ANSWER));
	assert_string_equal(check.cause, "connecting to port 587 failed: "
	    "connection reset by the server");
	/* Only the hello found a greeting, and the answer never came. */
	simulate(&r, &hello, STARTTLS, SMTP);
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(NO_ANSWER));
	assert_non_null(strstr(check.cause, "try a longer --timeout"));
	/* An alert of no known name. */
	setting.tls = T_SSL;
	simulate(&r, &hello, ALERT, SMTP);
	r.tls_alert = 99;
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(TLS_REFUSED));
	assert_non_null(strstr(check.cause, "(alert 99)"));
}

static void
test_mp_check_diagnose_never_fixes_to_the_relay_port(void **state)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 25, .protocol = SMTP, .tls = T_NONE };
	struct mp_probe_target hello = { 25, SMTP, true, false };
	struct mp_probe_result r;
	struct mp_check check;

	(void)state;
	simulate(&r, &hello, IMPLICIT, SMTP);
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(WRONG_MODE));
	assert_int_equal(check.fix_port, 0);
	assert_string_equal(check.fix, no_secure);
}

static void
test_mp_check_targets_table_ports_and_the_clients_way(void **state)
{
	struct mp_endpoint setting = { .host = "h", .port = 465,
		.protocol = SMTP, .tls = T_STARTTLS };
	struct mp_probe_target t[MP_CHECK_TARGETS_MAX];
	size_t n, i;

	(void)state;
	/* 587 465 25 2525 26, and 465 waiting for a greeting. */
	n = mp_check_targets(&setting, t, MP_CHECK_TARGETS_MAX);
	assert_int_equal(n, 6);
	assert_int_equal(t[0].port, 587);
	assert_int_equal(t[1].port, 465);
	assert_true(t[1].implicit);
	assert_int_equal(t[5].port, 465);
	assert_false(t[5].implicit);
	assert_false(t[5].guess_tls);
	for (i = 0; i < n; i++)
		assert_int_equal(t[i].expected, SMTP);
	/* As the table has it: nothing more. */
	setting.tls = T_SSL;
	assert_int_equal(mp_check_targets(&setting, t, MP_CHECK_TARGETS_MAX),
	    5);
	setting.protocol = IMAP;
	setting.port = 143;
	setting.tls = T_SSL;
	n = mp_check_targets(&setting, t, MP_CHECK_TARGETS_MAX);
	assert_int_equal(n, 3);
	assert_int_equal(t[2].port, 143);
	assert_true(t[2].implicit);
	/* Unknown to the table: both ways, or a greeting with a guess. */
	setting.port = 10143;
	n = mp_check_targets(&setting, t, MP_CHECK_TARGETS_MAX);
	assert_int_equal(n, 4);
	assert_true(t[2].implicit);
	assert_false(t[3].implicit);
	assert_false(t[3].guess_tls);
	setting.tls = T_NONE;
	n = mp_check_targets(&setting, t, MP_CHECK_TARGETS_MAX);
	assert_int_equal(n, 3);
	assert_false(t[2].implicit);
	assert_true(t[2].guess_tls);
	/* No room is never overrun. */
	assert_int_equal(mp_check_targets(&setting, t, 2), 2);
	setting.port = 143;
	setting.tls = T_SSL;
	assert_int_equal(mp_check_targets(&setting, t, 2), 2);
}

#define F(x) MP_CERT_BIT(MP_CERT_##x)

/* A certificate verdict's cause and fix, for SSL/TLS and for STARTTLS. */
struct cert_cell {
	unsigned	 findings;
	enum mp_verdict	 verdict;
	int		 code;		/* openssl's verify code, or -1 */
	const char	*cause;		/* a part of the cause on 993 */
	const char	*fix;		/* a part of the fix */
};

static const struct cert_cell cert_cells[] = {
	{ F(NAME), V(CERT_NAME), 62,
	  "the certificate sent on port 993 is made out to "
	  "imap.hoster.example, not to mail.example.com, so a mail client "
	  "refuses it",
	  "the provider's certificate does not cover mail.example.com: ask "
	  "the provider for the server name it is made out to; an exception "
	  "in the client is no fix, as it trusts whoever answers" },
	{ F(EXPIRED), V(CERT_EXPIRED), 10,
	  "a certificate of the chain sent on port 993 has expired",
	  "the provider must replace it; tell them: \"a certificate of the "
	  "chain of mail.example.com on port 993 has expired\"" },
	{ F(NOT_YET_VALID), V(CERT_NOT_YET_VALID), 9,
	  "a certificate of the chain sent on port 993 is not valid yet",
	  "check the date and time of this computer; if they are right, tell "
	  "the provider: \"a certificate of the chain of mail.example.com on "
	  "port 993 is not valid yet\"" },
	{ F(SELF_SIGNED), V(CERT_SELF_SIGNED), 18,
	  "the certificate sent on port 993 is self-signed: no issuer a mail "
	  "client trusts vouches for it, so the client refuses it",
	  "ask the provider for a certificate from a public certificate "
	  "authority; an exception in the client trusts whoever answers on "
	  "port 993" },
	{ F(INCOMPLETE_CHAIN), V(CERT_INCOMPLETE_CHAIN), 20,
	  "on port 993, the server does not send the intermediate "
	  "certificate that issued its own, so a mail client refuses it",
	  "the provider must fix its server; tell them: \"on port 993 the "
	  "server does not send its intermediate certificate\"" },
	{ F(UNKNOWN_ISSUER), V(CERT_UNKNOWN_ISSUER), 19,
	  "the certificate sent on port 993 comes from an issuer this system "
	  "does not trust, so a mail client refuses it",
	  "ask the provider for a certificate from a public certificate "
	  "authority, or for its own CA certificate by a way you trust; an "
	  "exception in the client trusts whoever answers" },
	/* Several findings: the one openssl names first. */
	{ F(NAME) | F(SELF_SIGNED) | F(EXPIRED), V(CERT_SELF_SIGNED), 18,
	  "is self-signed", "public certificate authority" },
	{ F(INCOMPLETE_CHAIN) | F(UNKNOWN_ISSUER), V(CERT_UNKNOWN_ISSUER), 19,
	  "an issuer this system does not trust", "its own CA certificate" },
	{ F(NAME) | F(INCOMPLETE_CHAIN), V(CERT_INCOMPLETE_CHAIN), 20,
	  "does not send the intermediate", "intermediate" },
	{ F(EXPIRED) | F(NAME) | F(EXPIRES_SOON), V(CERT_NAME), 62,
	  "made out to imap.hoster.example", "does not cover" },
	{ F(EXPIRED) | F(NOT_YET_VALID), V(CERT_NOT_YET_VALID), 9,
	  "not valid yet", "date and time of this computer" },
	{ F(EXPIRED) | F(WEAK), V(CERT_EXPIRED), 10,
	  "has expired", "replace it" },
	/* No trust store: name and dates are judged all the same. */
	{ F(NAME) | F(ISSUER_NOT_JUDGED), V(CERT_NAME), -1,
	  "not to mail.example.com", "does not cover" },
	{ F(SELF_SIGNED) | F(ISSUER_NOT_JUDGED), V(CERT_SELF_SIGNED), 18,
	  "self-signed", "trusts whoever answers" },
};

static void
test_mp_check_diagnose_certificate_verdicts(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cert_cells); i++) {
		const struct cert_cell *c = &cert_cells[i];
		struct mp_check check;

		check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE,
		    c->findings);
		if (check.verdict != c->verdict ||
		    strstr(check.cause, c->cause) == NULL ||
		    strstr(check.fix, c->fix) == NULL)
			fail_msg("cell %zu: %s; %s; %s", i,
			    mp_verdict_key(check.verdict), check.cause,
			    check.fix);
		/*
		 * The verdict is what openssl names first; with no trust
		 * store it may name the issuer first, which is not judged.
		 */
		assert_int_equal(mp_cert_verify_code(c->findings), c->code);
		assert_false(check.secure);
		assert_int_equal(check.fix_port, 0);
		assert_string_equal(check.fix_host, "");
		assert_int_equal(check.result.cert.findings, c->findings);
		/* The same after STARTTLS. */
		check_cert_of(&check, SMTP, 587, T_STARTTLS, STARTTLS, AS_TABLE,
		    c->findings);
		assert_int_equal(check.verdict, c->verdict);
		assert_false(check.secure);
		assert_non_null(strstr(check.cause,
		    "after STARTTLS on port 587"));
	}
	assert_string_equal(mp_verdict_key(V(CERT_INCOMPLETE_CHAIN)),
	    "cert-incomplete-chain");
	assert_string_equal(mp_verdict_label(V(CERT_NAME)),
	    "a mail client refuses the certificate: another name");
}

/* The leaf's own dates are named, with the date to tell the provider. */
static void
test_mp_check_diagnose_certificate_dates_of_the_leaf(void **state)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 465, .protocol = SMTP, .tls = T_SSL };
	struct mp_probe_target target = { 465, SMTP, true, false };
	struct mp_probe_result r;
	struct mp_check check;

	(void)state;
	simulate(&r, &target, IMPLICIT, SMTP);
	give_cert(&r, F(EXPIRED));
	strcpy(r.cert.not_after, "2026-03-31T12:00:00Z");
	r.cert.expires = NOW - 86400 * 62;
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(CERT_EXPIRED));
	assert_string_equal(check.cause, "the certificate sent on port 465 "
	    "expired on 2026-03-31, so a mail client refuses it");
	assert_string_equal(check.fix, "the provider must renew it; tell "
	    "them: \"the certificate of mail.example.com on port 465 expired "
	    "on 2026-03-31\"; an exception in the client is no fix");
	give_cert(&r, F(NOT_YET_VALID));
	strcpy(r.cert.not_before, "2026-06-01T00:00:01Z");
	r.cert.starts = INT64_C(1780272001);
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_int_equal(check.verdict, V(CERT_NOT_YET_VALID));
	assert_string_equal(check.cause, "the certificate sent on port 465 is "
	    "valid only from 2026-06-01, so a mail client refuses it");
	assert_string_equal(check.fix, "check the date and time of this "
	    "computer; if they are right, tell the provider: \"the certificate "
	    "of mail.example.com on port 465 is not valid before "
	    "2026-06-01\"");
	/* Begun a second ago: an issuer above it is not valid yet. */
	strcpy(r.cert.not_before, "2026-05-31T23:59:59Z");
	r.cert.starts = INT64_C(1780271999);
	mp_check_diagnose(&setting, &r, 1, NOW, &check);
	assert_non_null(strstr(check.cause, "a certificate of the chain"));
}

/* The port and the security come first; the certificate after them. */
static void
test_mp_check_diagnose_port_and_mode_before_certificate(void **state)
{
	const unsigned refused = F(SELF_SIGNED) | F(NAME);
	struct mp_check check;

	(void)state;
	check_cert_of(&check, IMAP, 993, T_STARTTLS, IMPLICIT, AS_TABLE,
	    refused);
	assert_int_equal(check.verdict, V(WRONG_MODE));
	assert_string_equal(check.fix, in993);
	assert_false(check.result.cert.read);
	check_cert_of(&check, SMTP, 465, T_NONE, IMPLICIT, AS_TABLE, refused);
	assert_int_equal(check.verdict, V(WRONG_MODE));
	check_cert_of(&check, SMTP, 25, T_STARTTLS, STARTTLS, AS_TABLE,
	    refused);
	assert_int_equal(check.verdict, V(RELAY_PORT));
	check_cert_of(&check, SMTP, 25, T_SSL, IMPLICIT, AS_TABLE, refused);
	assert_int_equal(check.verdict, V(RELAY_PORT));
	check_cert_of(&check, SMTP, 587, T_NONE, STARTTLS, AS_TABLE, refused);
	assert_int_equal(check.verdict, V(INSECURE));
	assert_string_equal(check.fix, out587);
	/*
	 * No port works securely, as every certificate is refused: the fix
	 * is still the port that works but for its certificate, which a
	 * check of that setting then judges.
	 */
	check_cert_of(&check, SMTP, 587, T_SSL, STARTTLS, IMPLICIT, 0);
	assert_int_equal(check.verdict, V(WRONG_MODE));
	assert_string_equal(check.fix, out587);
	check_cert_of(&check, SMTP, 587, T_STARTTLS, PLAINTEXT, IMPLICIT, 0);
	assert_int_equal(check.verdict, V(NO_STARTTLS));
	assert_string_equal(check.fix, out465);
}

/* Good by name and dates, with no trust store: works, and says so. */
static void
test_mp_check_diagnose_issuer_not_judged(void **state)
{
	struct mp_check check;

	(void)state;
	check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE,
	    F(ISSUER_NOT_JUDGED));
	assert_int_equal(check.verdict, V(WORKS));
	assert_true(check.secure);
	assert_string_equal(check.cause, "the server speaks TLS from the "
	    "first byte on port 993, as a client set to SSL/TLS expects; no "
	    "trust store was found, so the issuer of its certificate is not "
	    "judged");
	assert_string_equal(check.fix, nothing);
	check_cert_of(&check, SMTP, 587, T_STARTTLS, STARTTLS, AS_TABLE,
	    F(ISSUER_NOT_JUDGED) | F(EXPIRES_SOON) | F(WEAK));
	assert_int_equal(check.verdict, V(WORKS_STARTTLS));
	assert_non_null(strstr(check.cause, "issuer of its certificate is "
	    "not judged"));
	/* Judged and good: nothing more is said. */
	check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE, 0);
	assert_null(strstr(check.cause, "judged"));
	assert_true(check.result.cert.read);
}

/* A client reaches any address: one refused certificate is the verdict. */
static void
test_mp_check_diagnose_certificate_of_any_address(void **state)
{
	struct mp_endpoint setting = { .host = "mail.example.com",
		.port = 993, .protocol = IMAP, .tls = T_SSL };
	struct mp_probe_target target = { 993, IMAP, true, false };
	struct mp_probe_result results[2];
	struct mp_check check;

	(void)state;
	simulate(&results[0], &target, IMPLICIT, IMAP);
	give_cert(&results[0], 0);
	simulate(&results[1], &target, IMPLICIT, IMAP);
	give_cert(&results[1], F(EXPIRED));
	strcpy(results[1].request.address, "192.0.2.2");
	mp_check_diagnose(&setting, results, 2, NOW, &check);
	assert_int_equal(check.verdict, V(CERT_EXPIRED));
	assert_string_equal(check.result.request.address, "192.0.2.2");
	/* STARTTLS refused after it was offered: no way in. */
	setting.port = 143;
	setting.tls = T_STARTTLS;
	target.port = 143;
	target.implicit = false;
	simulate(&results[0], &target, STARTTLS, IMAP);
	results[0].warnings = MP_WARN_STARTTLS_REFUSED;
	mp_check_diagnose(&setting, results, 1, NOW, &check);
	assert_int_equal(check.verdict, V(TLS_REFUSED));
	assert_string_equal(check.cause, "the server on port 143 offers "
	    "STARTTLS but refused it when asked: a client set to STARTTLS will "
	    "not get in");
	assert_false(check.secure);
	results[0].warnings = MP_WARN_TLS_FAILED;
	mp_check_diagnose(&setting, results, 1, NOW, &check);
	assert_int_equal(check.verdict, V(TLS_REFUSED));
	assert_non_null(strstr(check.cause, "never finished its first flight"));
}

/* The names a cert-name check may suggest, and the one it does. */
static void
test_mp_check_candidates_and_suggest(void **state)
{
	static const char *const names[] = {
		"*.hoster.example", "IMAP.Hoster.Example", "mail.example.com",
		"bad name", "imap.hoster.example", "evil\1.example",
		"smtp.hoster.example", "pop.hoster.example", "x.hoster.example"
	};
	char got[MP_CHECK_CANDIDATES_MAX][MP_HOST_NAME_SIZE];
	struct mp_probe_target target = { 993, IMAP, true, false };
	static struct mp_probe_result results[4];
	struct mp_check check;
	size_t i;

	(void)state;
	check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE, F(NAME));
	memset(&check.result.cert.names, 0, sizeof check.result.cert.names);
	check.result.cert.nnames = check.result.cert.names_total = 0;
	for (i = 0; i < LEN(names); i++)
		add_name(&check.result, names[i]);
	assert_int_equal(mp_check_candidates(&check, got,
	    MP_CHECK_CANDIDATES_MAX), 3);
	assert_string_equal(got[0], "imap.hoster.example");
	assert_string_equal(got[1], "smtp.hoster.example");
	assert_string_equal(got[2], "pop.hoster.example");
	assert_int_equal(mp_check_candidates(&check, got, 1), 1);
	/*
	 * imap's certificate is refused too; smtp works on one address of
	 * two; pop works on its one: pop is the name to type.
	 */
	simulate(&results[0], &target, IMPLICIT, IMAP);
	give_cert(&results[0], F(NAME));
	strcpy(results[0].request.server, "imap.hoster.example");
	simulate(&results[1], &target, IMPLICIT, IMAP);
	give_cert(&results[1], 0);
	strcpy(results[1].request.server, "smtp.hoster.example");
	simulate(&results[2], &target, FILTERED, IMAP);
	strcpy(results[2].request.server, "smtp.hoster.example");
	simulate(&results[3], &target, IMPLICIT, IMAP);
	give_cert(&results[3], 0);
	strcpy(results[3].request.server, "pop.hoster.example");
	mp_check_suggest(&check, results, 3);
	assert_string_equal(check.fix_host, "");
	assert_int_equal(check.fix_port, 0);
	assert_non_null(strstr(check.fix, "does not cover mail.example.com"));
	mp_check_suggest(&check, results, 4);
	assert_string_equal(check.fix_host, "pop.hoster.example");
	assert_int_equal(check.fix_port, 993);
	assert_int_equal(check.fix_tls, T_SSL);
	assert_string_equal(check.fix, "Incoming server: pop.hoster.example, "
	    "port 993, Connection security: SSL/TLS, the name its certificate "
	    "is made out to");
	assert_int_equal(check.verdict, V(CERT_NAME));
	assert_false(check.secure);
	/* Another verdict has no candidates. */
	check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE,
	    F(EXPIRED));
	assert_int_equal(mp_check_candidates(&check, got,
	    MP_CHECK_CANDIDATES_MAX), 0);
	mp_check_suggest(&check, results, 4);
	assert_string_equal(check.fix_host, "");
	/* An address typed: the name on the certificate is the one to type. */
	check_cert_of(&check, IMAP, 993, T_SSL, IMPLICIT, AS_TABLE, F(NAME));
	strcpy(check.setting.host, "192.0.2.1");
	assert_int_equal(mp_check_candidates(&check, got,
	    MP_CHECK_CANDIDATES_MAX), 1);
	assert_string_equal(got[0], "imap.hoster.example");
}

static void
test_mp_verdict_key_and_label(void **state)
{
	(void)state;
	assert_string_equal(mp_verdict_key(V(WORKS)), "works");
	assert_string_equal(mp_verdict_key(V(WORKS_STARTTLS)),
	    "works-starttls");
	assert_string_equal(mp_verdict_key(V(NO_ANSWER)), "no-answer");
	assert_string_equal(mp_verdict_label(V(TIMEOUT)),
	    "no answer from this network: filtered");
	assert_string_equal(mp_check_server_label(SMTP), "Outgoing server");
	assert_string_equal(mp_check_server_label(POP3), "Incoming server");
	assert_string_equal(mp_check_server_label(MP_PROTO_MANAGESIEVE),
	    "Sieve server");
}

/*
 * A server name that does not resolve is a verdict, no dead end: check
 * the spelling, and under a known provider's domain its servers for the
 * setting's protocol, the name to type, never the name typed.
 */
static void
test_mp_check_no_such_host(void **state)
{
	struct mp_endpoint setting = { .host = "smpt.gmail.com", .port = 587,
	    .protocol = MP_PROTO_SMTP, .tls = MP_TLS_STARTTLS };
	struct mp_check check;

	(void)state;
	mp_check_no_such_host(&setting, "Name or service not known", &check);
	assert_int_equal(check.verdict, V(NO_SUCH_HOST));
	assert_string_equal(mp_verdict_key(check.verdict), "no-such-host");
	assert_false(check.secure);
	assert_string_equal(check.cause, "no address is known for "
	    "smpt.gmail.com (Name or service not known): the name is "
	    "misspelt, or does not exist");
	assert_string_equal(check.fix, "check the spelling of the server "
	    "name: Gmail gives Outgoing server smtp.gmail.com");
	assert_string_equal(check.fix_host, "smtp.gmail.com");
	assert_int_equal(check.fix_port, 0);
	/* Incoming: the servers of the setting's protocol alone. */
	strcpy(setting.host, "IMAP.Mail.GMAIL.com");
	setting.protocol = MP_PROTO_IMAP;
	mp_check_no_such_host(&setting, "Name or service not known", &check);
	assert_string_equal(check.fix, "check the spelling of the server "
	    "name: Gmail gives Incoming server imap.gmail.com");
	/* The provider's own name is never the fix for itself. */
	strcpy(setting.host, "imap.gmail.com");
	mp_check_no_such_host(&setting, "no IPv4 or IPv6 address", &check);
	assert_string_equal(check.fix, "check the spelling of the server "
	    "name, as the provider gives it");
	assert_string_equal(check.fix_host, "");
	/* No provider known: the spelling, or what discovery finds. */
	strcpy(setting.host, "mail.nowhere.invalid");
	mp_check_no_such_host(&setting, "Name or service not known", &check);
	assert_int_equal(check.verdict, V(NO_SUCH_HOST));
	assert_string_equal(check.fix, "check the spelling of the server "
	    "name, as the provider gives it, or find the domain's servers "
	    "with mailports --discover nowhere.invalid");
	assert_string_equal(check.fix_host, "");
	strcpy(setting.host, "nowhere.invalid");
	mp_check_no_such_host(&setting, "Name or service not known", &check);
	assert_string_equal(check.fix, "check the spelling of the server "
	    "name, as the provider gives it");
	strcpy(setting.host, "localhost");
	mp_check_no_such_host(&setting, "Name or service not known", &check);
	assert_string_equal(check.fix_host, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mp_check_diagnose_every_cell),
		cmocka_unit_test(
		    test_mp_check_diagnose_best_result_of_addresses),
		cmocka_unit_test(test_mp_check_diagnose_silence_and_errors),
		cmocka_unit_test(
		    test_mp_check_diagnose_never_fixes_to_the_relay_port),
		cmocka_unit_test(
		    test_mp_check_targets_table_ports_and_the_clients_way),
		cmocka_unit_test(test_mp_verdict_key_and_label),
		cmocka_unit_test(test_mp_check_diagnose_certificate_verdicts),
		cmocka_unit_test(
		    test_mp_check_diagnose_certificate_dates_of_the_leaf),
		cmocka_unit_test(
		    test_mp_check_diagnose_port_and_mode_before_certificate),
		cmocka_unit_test(test_mp_check_diagnose_issuer_not_judged),
		cmocka_unit_test(
		    test_mp_check_diagnose_certificate_of_any_address),
		cmocka_unit_test(test_mp_check_candidates_and_suggest),
		cmocka_unit_test(test_mp_check_no_such_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * check.h - "why can't I send?": a setting as a mail client holds it
 * (server, port, connection security), what the server speaks there and
 * on the protocol's other ports, and what to change.
 *
 * Which ports to probe and the diagnosis are pure functions of the
 * setting and of what the probe found (src/check.c, the certificate's
 * part src/check_cert.c); src/cmd_check.c does the probing and
 * src/format_check.c the output.
 */
#ifndef MAILPORTS_CHECK_H
#define MAILPORTS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "endpoint.h"
#include "mailports.h"
#include "net.h"
#include "probe.h"

/*
 * The verdicts, each with its key for scripts (documented in the manual,
 * never changing meaning) and its words for people.  Only WORKS and
 * WORKS_STARTTLS work securely: the exit status is 0 for them alone.
 * Add a row at the end: scripts may keep a verdict's place.  The CERT_
 * rows are for a setting that works but for its certificate, which a
 * mail client refuses (cert_findings.def has the findings they name).
 * NO_SUCH_HOST is for a server name that does not resolve: nothing was
 * probed.
 */
#define MP_VERDICTS(X) \
	X(WORKS,          "works",          "the setting works securely") \
	X(WORKS_STARTTLS, "works-starttls", "works if the client insists on STARTTLS") \
	X(INSECURE,       "insecure",       "works, but without TLS") \
	X(WRONG_MODE,     "wrong-mode",     "the port and the connection security do not match") \
	X(NO_STARTTLS,    "no-starttls",    "the server offers no STARTTLS on this port") \
	X(TLS_REFUSED,    "tls-refused",    "the server refuses the TLS handshake") \
	X(RELAY_PORT,     "relay-port",     "a port for servers, not for mail clients") \
	X(TIMEOUT,        "timeout",        "no answer from this network: filtered") \
	X(REFUSED,        "refused",        "the connection is refused: closed") \
	X(NOT_MAIL,       "not-mail",       "not the mail server expected") \
	X(NO_ANSWER,      "no-answer",      "the server did not answer in time") \
	X(CERT_NAME,      "cert-name", \
	    "a mail client refuses the certificate: another name") \
	X(CERT_EXPIRED,   "cert-expired", \
	    "a mail client refuses the certificate: expired") \
	X(CERT_NOT_YET_VALID, "cert-not-yet-valid", \
	    "a mail client refuses the certificate: not valid yet") \
	X(CERT_SELF_SIGNED, "cert-self-signed", \
	    "a mail client refuses the certificate: self-signed") \
	X(CERT_INCOMPLETE_CHAIN, "cert-incomplete-chain", \
	    "a mail client refuses the certificate: incomplete chain") \
	X(CERT_UNKNOWN_ISSUER, "cert-unknown-issuer", \
	    "a mail client refuses the certificate: unknown issuer") \
	X(NO_SUCH_HOST,   "no-such-host",   "the server name does not resolve")

#define MP_ENUM_VERDICT(value, key, label) MP_VERDICT_##value,
enum mp_verdict { MP_VERDICTS(MP_ENUM_VERDICT) MP_NVERDICTS };
#undef MP_ENUM_VERDICT

const char *mp_verdict_key(enum mp_verdict verdict);
const char *mp_verdict_label(enum mp_verdict verdict);

/*
 * A cause or a fix: one sentence, no final period, room for two host
 * names in it.
 */
#define MP_CHECK_TEXT_SIZE 1024

/*
 * A diagnosis.  The setting to change to is fix_port and fix_tls, and
 * fix_host when the server name is what to change (then the port and the
 * security are the setting's own).  result is the probe's result on the
 * port of the setting in its mode, whose certificate the verdict judged:
 * all zero when the setting does not reach TLS.
 */
struct mp_check {
	struct mp_endpoint setting;	/* as the account dialog holds it */
	enum mp_verdict	 verdict;
	bool		 secure;	/* the setting works securely */
	unsigned	 fix_port;	/* the setting to change to, or 0 */
	enum mp_tls	 fix_tls;	/* with fix_port */
	char		 fix_host[MP_HOST_NAME_SIZE];	/* or "" */
	char		 cause[MP_CHECK_TEXT_SIZE];
	char		 fix[MP_CHECK_TEXT_SIZE];
	struct mp_probe_result result;
};

/* "Incoming server", "Outgoing server" or "Sieve server". */
const char *mp_check_server_label(enum mp_protocol protocol);

/*
 * The setting of argument, HOST:PORT, and of the words that say its
 * connection security and, unless the port does, its protocol; false
 * with what is wrong, in a sentence that names the form expected, in
 * error of size bytes (MP_CHECK_ERROR_SIZE is enough).
 */
#define MP_CHECK_ERROR_SIZE 192
bool mp_check_setting(const char *argument, char **words, int nwords,
    struct mp_endpoint *setting, char *error, size_t size);

/*
 * The ports to probe for a setting, at most max: every port of the table
 * for its protocol, each probed the way the table has it; and the port
 * of the setting probed the way the client is set to as well, when that
 * differs.  A port the table does not have for the protocol is probed
 * both ways: with a ClientHello at once when the client is set to
 * SSL/TLS, besides waiting for a greeting; else waiting for a greeting,
 * with a ClientHello after half the timeout of silence, as the probe
 * does where nothing is known of a port.  Returns how many.
 */
#define MP_CHECK_TARGETS_MAX (MP_PORTS_MAX + 2)
size_t mp_check_targets(const struct mp_endpoint *setting,
    struct mp_probe_target *targets, size_t max);

/*
 * The diagnosis of setting from the n results of probing its targets (on
 * one or more addresses of its host): the verdict, its cause and the
 * setting to change to, in the words of the client's dialog.  The port
 * and the connection security come first: a certificate is judged only
 * where the setting otherwise works, and of its findings the one openssl
 * names first gives the verdict (mp_cert_verify_code).  now (seconds
 * since the epoch, as the certificates were judged) tells whether the
 * leaf's own dates are the ones at fault.  Pure: no I/O, nothing sent.
 */
void mp_check_diagnose(const struct mp_endpoint *setting,
    const struct mp_probe_result *results, size_t n, int64_t now,
    struct mp_check *check);

/*
 * The diagnosis of a setting whose host does not resolve, for reason (the
 * resolver's words): the verdict no-such-host, and the fix to check the
 * spelling.  When the host is under an address domain of a known provider
 * (smpt.gmail.com), the fix names the provider's servers for the
 * setting's protocol, the first of them fix_host; under another domain,
 * the --discover of that domain.  Pure.
 */
void mp_check_no_such_host(const struct mp_endpoint *setting,
    const char *reason, struct mp_check *check);

/*
 * Part of mp_check_diagnose: a setting that works as far as the port and
 * the security go, and the certificate of r (or of another address of
 * the host, of the n results) decides.  With no trust store, the cause
 * says the issuer was not judged.
 */
void mp_check_certificate(struct mp_check *check,
    const struct mp_probe_result *r, const struct mp_probe_result *results,
    size_t n, int64_t now);

/*
 * The server names a check of verdict cert-name may suggest instead of
 * the host typed, at most max: the certificate's DNS names, in its
 * order, that are host names other than the host (no wildcard: nothing
 * can be typed for one), in lower case.  Returns how many; 0 for another
 * verdict.
 */
#define MP_CHECK_CANDIDATES_MAX 3
size_t mp_check_candidates(const struct mp_check *check,
    char names[][MP_HOST_NAME_SIZE], size_t max);

/*
 * Given the n results of probing the candidates (mp_check_candidates) on
 * the port of the setting in its mode, each request's server the
 * candidate's name: the first candidate that works securely on each of
 * its addresses, its certificate made out to it, becomes the fix, the
 * server name to type.  Else the fix stays: the certificate does not
 * cover the name typed.  Pure.
 */
void mp_check_suggest(struct mp_check *check,
    const struct mp_probe_result *results, size_t n);

/* Output: a few lines a setting for people; TSV and JSON for scripts. */
void mp_print_check_text(FILE *fp, const struct mp_check *checks, size_t n,
    size_t columns);
void mp_print_check_tsv(FILE *fp, const struct mp_check *checks, size_t n);
void mp_print_check_json(FILE *fp, const struct mp_check *checks, size_t n);
/*
 * For a list of settings, the parts of those: the names of the TSV
 * columns, tab between them; the rows alone, each with tag (the input,
 * escaped) and a tab first and one more column, empty, last, unless tag
 * is NULL; and the JSON array without its newline.
 */
extern const char mp_check_tsv_columns[];
void mp_put_check_tsv(FILE *fp, const struct mp_check *checks, size_t n,
    const char *tag);
void mp_put_check_json(FILE *fp, const struct mp_check *checks, size_t n);

#endif

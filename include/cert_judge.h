/*
 * cert_judge.h - what a mail client would say about the certificates a
 * server sent: the name, the dates, the issuer and the strength, judged
 * from the parsed chain, the trust store and a time given by the caller.
 *
 * Signatures are not verified (that needs a TLS library's arithmetic):
 * a chain is linked by names and key identifiers alone.
 *
 * The issuer, by a walk up the chain as sent, leaf first.  At each
 * certificate: if the trust store holds its issuer (OpenSSL tries the
 * store first), the chain is trusted; else if it is self-issued, the
 * walk ends at a root the system does not trust: the leaf alone is
 * "self-signed" (OpenSSL's 18), a longer walk ends at an "unknown
 * issuer" (19: a private CA's root sent along); else the walk goes on to
 * the certificate sent that issued it, and when there is none the chain
 * is "incomplete" (20): the server did not send the issuer and the store
 * lacks it.  From the chain alone an intermediate left out and a private
 * CA not sent look the same, as they do to OpenSSL, which reports 20 for
 * both; the fix is the server's in the common case, an intermediate its
 * configuration forgot.
 *
 * Without a trust store the issuer is not judged, and the verdict says
 * so; a self-issued leaf is still self-signed, since nothing on such a
 * machine can vouch for it.
 *
 * Dates and strength are judged on the certificates of the walk, the
 * leaf and the issuers sent above it: expired, not yet valid, expiring
 * within MP_CERT_SOON seconds; an RSA key below 2048 bits, or a SHA-1
 * or MD5 signature on a certificate the store does not hold itself.
 */
#ifndef MAILPORTS_CERT_JUDGE_H
#define MAILPORTS_CERT_JUDGE_H

#include <stddef.h>
#include <stdint.h>

#include "trust.h"
#include "x509.h"

enum mp_cert_finding {
#define FINDING(name, key, text, label) MP_CERT_##name,
#include "cert_findings.def"
	MP_CERT_NFINDINGS
};

/* A finding's bit in a verdict. */
#define MP_CERT_BIT(finding)	(1u << (finding))

/* "Expires soon": within 14 days, as the mail clients warn. */
#define MP_CERT_SOON		(INT64_C(14) * 86400)

/* An RSA key of fewer bits is weak. */
#define MP_CERT_RSA_BITS_MIN	2048

/* A certificate as sent: parsed, and the DER its spans point into. */
struct mp_cert_sent {
	const struct mp_x509	*x509;
	const uint8_t		*der;
};

/*
 * The findings, as bits, about the n certificates chain (leaf first) a
 * server sent when asked for host (a DNS name in A-labels, or an
 * address), with store the trust store or NULL when there is none, at
 * now (seconds since the epoch).  No certificate: MP_CERT_UNREAD alone.
 */
unsigned mp_cert_judge(const char *host, const struct mp_cert_sent *chain,
    size_t n, const struct mp_trust *store, int64_t now);

/* The key, the sentence and the few words of a finding. */
const char *mp_cert_finding_key(enum mp_cert_finding finding);
const char *mp_cert_finding_text(enum mp_cert_finding finding);
const char *mp_cert_finding_label(enum mp_cert_finding finding);

/*
 * The error openssl s_client -verify_return_error -verify_hostname HOST
 * (or openssl verify -verify_hostname HOST) names first for a chain with
 * these findings: 18 self-signed certificate, 19 self-signed certificate
 * in certificate chain, 20 unable to get local issuer certificate, 62
 * hostname mismatch, 9 certificate is not yet valid, 10 certificate has
 * expired; 0 when it would accept the chain as far as these findings
 * go (weak keys and signatures depend on its security level); -1 when
 * it cannot be told: no certificate, or an issuer not judged.  OpenSSL
 * builds the chain first, then checks the name, then the dates from the
 * root down; a chain with one certificate not yet valid and another
 * expired is given 9.
 */
int mp_cert_verify_code(unsigned findings);

#endif

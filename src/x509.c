/*
 * x509.c - an X.509 certificate (RFC 5280 section 4.1) read from untrusted
 * DER into fixed fields; include/x509.h says what is kept.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "der.h"
#include "oids.h"
#include "x509.h"
#include "x509_name.h"

/* The content bytes of the extensions' OIDs (id-ce, RFC 5280 4.2.1). */
static const uint8_t OID_SKI[] = { 0x55, 0x1d, 0x0e };
static const uint8_t OID_SAN[] = { 0x55, 0x1d, 0x11 };
static const uint8_t OID_BASIC[] = { 0x55, 0x1d, 0x13 };
static const uint8_t OID_AKI[] = { 0x55, 0x1d, 0x23 };

/* The context tags read: TBSCertificate's (RFC 5280 4.1), explicit [0]
 * and [3] and implicit [1] and [2]; GeneralName's choices kept (RFC 5280
 * 4.2.1.6); AuthorityKeyIdentifier's keyIdentifier. */
enum {
	TAG_VERSION = 0xa0,
	TAG_ISSUER_UID = 0x81,
	TAG_SUBJECT_UID = 0x82,
	TAG_EXTENSIONS = 0xa3,
	GN_DNS = 0x82,
	GN_IP = 0x87,
	TAG_KEY_ID = 0x80
};

/* The extensions read once; a second one makes the certificate unread. */
enum { SEEN_SKI = 1, SEEN_SAN = 2, SEEN_BASIC = 4, SEEN_AKI = 8 };

static struct mp_x509_span
span(const uint8_t *base, const uint8_t *p, size_t len)
{
	struct mp_x509_span s = { (size_t)(p - base), len };

	return s;
}

/* A name's byte that makes it never match: a NUL or a control. */
static bool
name_usable(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

/* The years of GeneralizedTime, 0 to 9999, all fit time_t and the form. */
static void
iso_time(int64_t t, char iso[MP_X509_ISO_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	/* The remainders tell the compiler the widths it cannot know. */
	snprintf(iso, MP_X509_ISO_SIZE, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) %
	    100, (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100,
	    (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100);
}

static bool
read_validity(struct mp_der_reader *tbs, struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der v, t;

	if (!mp_der_expect(tbs, MP_DER_SEQUENCE, &v))
		return false;
	mp_der_enter(&r, &v);
	if (!mp_der_next(&r, &t) || !mp_der_time(&t, &cert->not_before) ||
	    !mp_der_next(&r, &t) || !mp_der_time(&t, &cert->not_after) ||
	    !mp_der_done(&r))
		return false;
	iso_time(cert->not_before, cert->not_before_iso);
	iso_time(cert->not_after, cert->not_after_iso);
	return true;
}

/* An AlgorithmIdentifier: its OID, and its parameters if any. */
static bool
read_algorithm(struct mp_der_reader *r, struct mp_der *oid,
    struct mp_der *params, bool *has_params)
{
	struct mp_der_reader a;
	struct mp_der seq;

	if (!mp_der_expect(r, MP_DER_SEQUENCE, &seq))
		return false;
	mp_der_enter(&a, &seq);
	if (!mp_der_expect(&a, MP_DER_OID, oid))
		return false;
	*has_params = !mp_der_done(&a);
	return (!*has_params || mp_der_next(&a, params)) && mp_der_done(&a);
}

static unsigned
bits_of(const uint8_t *p, size_t len)
{
	unsigned bits = 0;
	uint8_t top;

	if (len == 0)
		return 0;
	for (top = p[0]; top != 0; top >>= 1)
		bits++;
	return (unsigned)(len - 1) * 8 + bits;
}

/*
 * The size in bits of the first INTEGER of the SEQUENCE that the len bytes
 * hold: an RSA key's modulus, a DSA key's prime (its first parameter).
 */
static bool
read_key_bits(const uint8_t *p, size_t len, struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der seq, n;
	const uint8_t *mag;
	size_t maglen;

	mp_der_reader(&r, p, len);
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &seq) || !mp_der_done(&r))
		return false;
	mp_der_enter(&r, &seq);
	/* No key is near 64 Kibit; the bound keeps the count from wrapping. */
	if (!mp_der_expect(&r, MP_DER_INTEGER, &n) ||
	    !mp_der_unsigned(&n, &mag, &maglen) || maglen > 8192)
		return false;
	cert->key_bits = bits_of(mag, maglen);
	return true;
}

static bool
read_key(struct mp_der_reader *tbs, const uint8_t *base, struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der spki, oid, params, bits;
	const struct mp_oid *row, *curve;
	bool has_params;
	const uint8_t *key;
	size_t len;

	if (!mp_der_expect(tbs, MP_DER_SEQUENCE, &spki))
		return false;
	cert->spki = span(base, spki.der, spki.der_len);
	mp_der_enter(&r, &spki);
	if (!read_algorithm(&r, &oid, &params, &has_params) ||
	    !mp_der_expect(&r, MP_DER_BIT_STRING, &bits) ||
	    !mp_der_done(&r) || !mp_der_bit_string(&bits, &key, &len))
		return false;
	cert->key = MP_X509_KEY_UNKNOWN;
	if ((row = mp_oid_find(MP_OID_KEY, &oid)) == NULL)
		return true;
	if (strcmp(row->name, "RSA") == 0) {
		cert->key = MP_X509_KEY_RSA;
		return read_key_bits(key, len, cert);
	}
	if (strcmp(row->name, "RSA-PSS") == 0) {
		cert->key = MP_X509_KEY_RSA_PSS;
		return read_key_bits(key, len, cert);
	}
	if (strcmp(row->name, "DSA") == 0) {
		cert->key = MP_X509_KEY_DSA;
		return has_params && read_key_bits(params.der, params.der_len,
		    cert);
	}
	if (strcmp(row->name, "EC") == 0) {
		cert->key = MP_X509_KEY_EC;
		if (has_params && (curve = mp_oid_find(MP_OID_CURVE,
		    &params)) != NULL) {
			cert->curve = curve->name;
			cert->key_bits = curve->bits;
		}
		return true;
	}
	cert->key = strcmp(row->name, "Ed25519") == 0 ? MP_X509_KEY_ED25519 :
	    MP_X509_KEY_ED448;
	cert->key_bits = row->bits;
	return true;
}

static bool
read_sans(const struct mp_der *value, struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der seq, gn;
	struct mp_x509_san *san;

	mp_der_reader(&r, value->content, value->len);
	/* GeneralNames is SEQUENCE SIZE (1..MAX). */
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &seq) || !mp_der_done(&r) ||
	    seq.len == 0)
		return false;
	mp_der_enter(&r, &seq);
	while (!mp_der_done(&r)) {
		if (!mp_der_next(&r, &gn))
			return false;
		if (gn.tag != GN_DNS && gn.tag != GN_IP)
			continue;
		cert->sans_total++;
		if (cert->nsans == MP_X509_SANS_MAX)
			continue;
		san = &cert->sans[cert->nsans++];
		san->type = gn.tag == GN_DNS ? MP_X509_SAN_DNS : MP_X509_SAN_IP;
		san->len = gn.len < sizeof san->bytes ? gn.len :
		    sizeof san->bytes;
		memcpy(san->bytes, gn.content, san->len);
		if (san->type == MP_X509_SAN_DNS)
			san->usable = gn.len < sizeof san->bytes &&
			    gn.len > 0 && name_usable(gn.content, gn.len);
		else
			san->usable = gn.len == 4 || gn.len == 16;
	}
	return true;
}

static bool
read_basic_constraints(const struct mp_der *value, struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der seq, ca;
	bool present;

	mp_der_reader(&r, value->content, value->len);
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &seq) || !mp_der_done(&r))
		return false;
	mp_der_enter(&r, &seq);
	cert->has_basic_constraints = true;
	if (!mp_der_optional(&r, MP_DER_BOOLEAN, &ca, &present) ||
	    (present && !mp_der_boolean(&ca, &cert->ca)))
		return false;
	/* pathLenConstraint, if there, is not needed. */
	return true;
}

static bool
read_key_id(const struct mp_der *value, const uint8_t *base, bool authority,
    struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der id;
	bool present;

	mp_der_reader(&r, value->content, value->len);
	if (!authority) {
		if (!mp_der_expect(&r, MP_DER_OCTET_STRING, &id) ||
		    !mp_der_done(&r))
			return false;
		cert->subject_key_id = span(base, id.content, id.len);
		return true;
	}
	/* AuthorityKeyIdentifier: [0] IMPLICIT KeyIdentifier OPTIONAL, ... */
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &id) || !mp_der_done(&r))
		return false;
	mp_der_enter(&r, &id);
	if (!mp_der_optional(&r, TAG_KEY_ID, &id, &present))
		return false;
	if (present)
		cert->authority_key_id = span(base, id.content, id.len);
	return true;
}

static bool
read_extension(const struct mp_der *ext, const uint8_t *base, unsigned *seen,
    struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der oid, flag, value;
	bool present, critical = false;
	unsigned which;

	mp_der_enter(&r, ext);
	if (!mp_der_expect(&r, MP_DER_OID, &oid) ||
	    !mp_der_optional(&r, MP_DER_BOOLEAN, &flag, &present) ||
	    (present && !mp_der_boolean(&flag, &critical)) ||
	    !mp_der_expect(&r, MP_DER_OCTET_STRING, &value) ||
	    !mp_der_done(&r))
		return false;
	if (mp_der_oid_is(&oid, OID_SAN, sizeof OID_SAN))
		which = SEEN_SAN;
	else if (mp_der_oid_is(&oid, OID_BASIC, sizeof OID_BASIC))
		which = SEEN_BASIC;
	else if (mp_der_oid_is(&oid, OID_SKI, sizeof OID_SKI))
		which = SEEN_SKI;
	else if (mp_der_oid_is(&oid, OID_AKI, sizeof OID_AKI))
		which = SEEN_AKI;
	else
		return true;
	if (*seen & which)
		return false;
	*seen |= which;
	switch (which) {
	case SEEN_SAN:
		cert->san_critical = critical;
		return read_sans(&value, cert);
	case SEEN_BASIC:
		cert->basic_constraints_critical = critical;
		return read_basic_constraints(&value, cert);
	default:
		return read_key_id(&value, base, which == SEEN_AKI, cert);
	}
}

static bool
read_extensions(struct mp_der_reader *tbs, const uint8_t *base,
    struct mp_x509 *cert)
{
	struct mp_der_reader r;
	struct mp_der wrap, seq, ext;
	unsigned seen = 0;
	bool present;

	if (!mp_der_optional(tbs, TAG_EXTENSIONS, &wrap, &present))
		return false;
	if (!present)
		return true;
	mp_der_enter(&r, &wrap);
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &seq) || !mp_der_done(&r) ||
	    seq.len == 0)
		return false;
	mp_der_enter(&r, &seq);
	while (!mp_der_done(&r))
		if (!mp_der_expect(&r, MP_DER_SEQUENCE, &ext) ||
		    !read_extension(&ext, base, &seen, cert))
			return false;
	return true;
}

/* The subject's common names, for the names to match when no DNS name. */
static void
read_cns(const struct mp_der *name, struct mp_x509 *cert)
{
	struct mp_der_reader names, rdns, avas;
	struct mp_der rdn, ava, type, value;
	struct mp_x509_cn *cn;

	/* The Name was read whole before: this walk cannot fail. */
	mp_der_enter(&names, name);
	while (mp_der_next(&names, &rdn)) {
		mp_der_enter(&rdns, &rdn);
		while (mp_der_next(&rdns, &ava)) {
			mp_der_enter(&avas, &ava);
			if (!mp_der_next(&avas, &type) ||
			    !mp_der_next(&avas, &value) ||
			    !mp_x509_name_is_cn(&type))
				continue;
			cert->cns_total++;
			if (cert->ncns == MP_X509_CNS_MAX)
				continue;
			cn = &cert->cns[cert->ncns++];
			cn->usable = mp_x509_string_utf8(&value, cn->text,
			    sizeof cn->text - 1, &cn->len) && cn->len > 0 &&
			    name_usable((const uint8_t *)cn->text, cn->len);
			cn->text[cn->len] = '\0';
		}
	}
}

static bool
read_name(struct mp_der_reader *tbs, const uint8_t *base, char *text,
    struct mp_x509_span *der, struct mp_der *name)
{
	if (!mp_der_expect(tbs, MP_DER_SEQUENCE, name) ||
	    !mp_x509_name_text(name, text, MP_X509_NAME_SIZE))
		return false;
	*der = span(base, name->der, name->der_len);
	return true;
}

static bool
read_tbs(const struct mp_der *tbs_der, const uint8_t *base,
    struct mp_x509 *cert)
{
	struct mp_der_reader tbs, r;
	struct mp_der v, serial, oid, params, issuer, subject;
	bool present, has_params;
	int64_t version = 0;
	const uint8_t *p;
	size_t len;

	mp_der_enter(&tbs, tbs_der);
	if (!mp_der_optional(&tbs, TAG_VERSION, &v, &present))
		return false;
	if (present) {
		mp_der_enter(&r, &v);
		/* DER leaves out a DEFAULT value: v1 is never written. */
		if (!mp_der_expect(&r, MP_DER_INTEGER, &v) ||
		    !mp_der_int64(&v, &version) || !mp_der_done(&r) ||
		    version < 1 || version > 2)
			return false;
	}
	cert->version = (int)version + 1;
	/* A serial number may be negative (RFC 5280 4.1.2.2 asks for one that
	 * is not, but OpenSSL reads it), not longer than it needs to be. */
	if (!mp_der_expect(&tbs, MP_DER_INTEGER, &serial) ||
	    !mp_der_integer(&serial, &p, &len) ||
	    !read_algorithm(&tbs, &oid, &params, &has_params) ||
	    !read_name(&tbs, base, cert->issuer, &cert->issuer_der, &issuer) ||
	    !read_validity(&tbs, cert) ||
	    !read_name(&tbs, base, cert->subject, &cert->subject_der,
	    &subject) || !read_key(&tbs, base, cert))
		return false;
	cert->serial = span(base, p, len);
	cert->self_issued = issuer.der_len == subject.der_len &&
	    memcmp(issuer.der, subject.der, issuer.der_len) == 0;
	read_cns(&subject, cert);
	/* The unique identifiers of v2, [1] and [2], are not needed. */
	if (!mp_der_optional(&tbs, TAG_ISSUER_UID, &v, &present) ||
	    !mp_der_optional(&tbs, TAG_SUBJECT_UID, &v, &present))
		return false;
	if (cert->version == 3 && !read_extensions(&tbs, base, cert))
		return false;
	return mp_der_done(&tbs);
}

bool
mp_x509_parse(const uint8_t *bytes, size_t len, struct mp_x509 *cert,
    size_t *used)
{
	struct mp_der_reader r;
	struct mp_der certificate, tbs, oid, params, sig;
	const struct mp_oid *row;
	const uint8_t *sigbytes;
	size_t siglen;
	bool has_params;

	memset(cert, 0, sizeof *cert);
	mp_der_reader(&r, bytes, len);
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &certificate))
		return false;
	*used = certificate.der_len;
	mp_der_enter(&r, &certificate);
	if (!mp_der_expect(&r, MP_DER_SEQUENCE, &tbs) ||
	    !read_tbs(&tbs, bytes, cert) ||
	    !read_algorithm(&r, &oid, &params, &has_params) ||
	    !mp_der_expect(&r, MP_DER_BIT_STRING, &sig) ||
	    !mp_der_bit_string(&sig, &sigbytes, &siglen) || !mp_der_done(&r))
		return false;
	if ((row = mp_oid_find(MP_OID_SIG, &oid)) != NULL)
		snprintf(cert->signature, sizeof cert->signature, "%s",
		    row->name);
	else if (!mp_der_oid_text(&oid, cert->signature,
	    sizeof cert->signature))
		return false;
	cert->der = span(bytes, certificate.der, certificate.der_len);
	cert->tbs = span(bytes, tbs.der, tbs.der_len);
	mp_sha256(certificate.der, certificate.der_len, cert->sha256);
	return true;
}

void
mp_x509_key_text(const struct mp_x509 *cert, char *text, size_t size)
{
	switch (cert->key) {
	case MP_X509_KEY_RSA:
	case MP_X509_KEY_RSA_PSS:
		snprintf(text, size, "%s %u", cert->key == MP_X509_KEY_RSA ?
		    "RSA" : "RSA-PSS", cert->key_bits);
		break;
	case MP_X509_KEY_DSA:
		snprintf(text, size, "DSA %u", cert->key_bits);
		break;
	case MP_X509_KEY_EC:
		snprintf(text, size, "EC%s%s", cert->curve ? " " : "",
		    cert->curve ? cert->curve : "");
		break;
	case MP_X509_KEY_ED25519:
		snprintf(text, size, "Ed25519");
		break;
	case MP_X509_KEY_ED448:
		snprintf(text, size, "Ed448");
		break;
	default:
		snprintf(text, size, "unknown");
		break;
	}
}

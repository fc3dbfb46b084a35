/*
 * x509_dump.c - prints what mailports reads of a DER certificate in the
 * forms of openssl x509 -noout -subject -issuer -dates -fingerprint
 * -sha256 -ext subjectAltName -nameopt RFC2253, a line each, and the key,
 * the signature algorithm and the names given after the file that the
 * certificate matches; for tests/cli/x509.sh, which compares them with
 * openssl's.
 *
 * Usage: x509_dump FILE.der [HOST...]
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "x509.h"

/* Certificates of the tests are far smaller. */
static unsigned char der[65536];

/* A date as ASN1_TIME_print writes it: "Jan  3 20:05:19 2027 GMT". */
static void
print_date(const char *key, int64_t t)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	printf("%s=%s %2d %02d:%02d:%02d %d GMT\n", key, months[tm.tm_mon],
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
}

/* The entries as OpenSSL's GENERAL_NAME_print writes them. */
static void
print_sans(const struct mp_x509 *cert)
{
	const struct mp_x509_san *san;
	size_t i, j;

	if (cert->nsans == 0)
		return;
	printf("san=");
	for (i = 0; i < cert->nsans; i++) {
		san = &cert->sans[i];
		printf("%s", i ? ", " : "");
		if (san->type == MP_X509_SAN_DNS)
			printf("DNS:%.*s", (int)san->len, (const char *)san->bytes);
		else if (san->len == 4)
			printf("IP Address:%u.%u.%u.%u", san->bytes[0],
			    san->bytes[1], san->bytes[2], san->bytes[3]);
		else if (san->len == 16)
			for (j = 0; j < 16; j += 2)
				printf("%s%X", j ? ":" : "IP Address:",
				    (unsigned)(san->bytes[j] << 8 |
				    san->bytes[j + 1]));
		else
			printf("IP Address:<invalid>");
	}
	printf("\n");
}

int
main(int argc, char *argv[])
{
	static struct mp_x509 cert;
	char key[MP_X509_KEY_SIZE];
	FILE *f;
	size_t len, used, i;
	int arg;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: x509_dump FILE.der [HOST...]\n");
		return 2;
	}
	len = fread(der, 1, sizeof der, f);
	fclose(f);
	if (!mp_x509_parse(der, len, &cert, &used)) {
		printf("unread\n");
		return 1;
	}
	printf("subject=%s\nissuer=%s\n", cert.subject, cert.issuer);
	print_date("notBefore", cert.not_before);
	print_date("notAfter", cert.not_after);
	printf("sha256 Fingerprint=");
	for (i = 0; i < MP_SHA256_SIZE; i++)
		printf("%s%02X", i ? ":" : "", cert.sha256[i]);
	printf("\n");
	print_sans(&cert);
	mp_x509_key_text(&cert, key, sizeof key);
	printf("key=%s\nsignature=%s\n", key, cert.signature);
	printf("iso=%s %s\nself_issued=%d\nca=%d\n", cert.not_before_iso,
	    cert.not_after_iso, cert.self_issued, cert.ca);
	for (arg = 2; arg < argc; arg++)
		printf("match %s=%d\n", argv[arg],
		    mp_x509_matches(&cert, argv[arg]));
	return fflush(stdout) != 0 || ferror(stdout) ? 1 : 0;
}

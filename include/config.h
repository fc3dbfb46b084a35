/*
 * config.h - --config: one answer turned into a file that works, for a
 * mail client (msmtp, mbsync, fetchmail, NeoMutt, aerc) or for a domain
 * to publish (Thunderbird's autoconfig, an Apple profile, SRV records).
 *
 * Choosing the settings (src/config.c) is pure: an account is filled from
 * the provider table, from what discovery found, or from the port table's
 * recommendations for a server of one's own, and checked against the
 * format.  The writers (src/format_config.c) write it to the stream given.
 */
#ifndef MAILPORTS_CONFIG_H
#define MAILPORTS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "discover.h"
#include "endpoint.h"
#include "mailports.h"
#include "net.h"
#include "probe.h"
#include "providers.h"

enum mp_config_id {
#define CONFIG(id, name, kind, needs, oauth2, help) MP_CONFIG_##id,
#include "configs.def"
	MP_NCONFIGS
};

enum mp_config_kind { MP_CONFIG_CLIENT, MP_CONFIG_PUBLISHED };

/* What a format cannot do without, as bits. */
enum mp_config_needs {
	MP_NEEDS_ANY = 0,
	MP_NEEDS_IMAP = 1,
	MP_NEEDS_INCOMING = 2,
	MP_NEEDS_SMTP = 4,
	MP_NEEDS_IMAP_SMTP = MP_NEEDS_IMAP | MP_NEEDS_SMTP,
	MP_NEEDS_INCOMING_SMTP = MP_NEEDS_INCOMING | MP_NEEDS_SMTP
};

struct mp_config_format {
	const char		*name;
	enum mp_config_kind	 kind;
	unsigned		 needs;
	bool			 oauth2;
	const char		*help;
};

extern const struct mp_config_format mp_config_formats[MP_NCONFIGS];

/* The format of that name, or -1. */
int mp_config_find(const char *name);

/* Every format, a line each with what it writes, for a message. */
void mp_config_list(FILE *fp);

/* The most servers an account holds, and the longest texts it takes. */
#define MP_ACCOUNT_SERVERS_MAX 8
#define MP_ACCOUNT_ADDRESS_MAX 254	/* RFC 5321's path, less its <> */
#define MP_ACCOUNT_NAME_MAX 128

struct mp_account {
	const char	*address;	/* alice@example.com (without a final
					   dot), or NULL: a domain */
	char		 address_text[MP_ACCOUNT_ADDRESS_MAX + 1];
	char		 domain[MP_HOST_NAME_SIZE];	/* in ASCII */
	const char	*name;		/* the sender's name, or NULL */
	const char	*label;		/* the provider's name, or the domain */
	size_t		 n;
	struct mp_endpoint servers[MP_ACCOUNT_SERVERS_MAX];	/* with TLS */
};

/*
 * Starts an account for an address or a domain alone (argument, as
 * typed); false when it is neither.
 */
bool mp_account_init(struct mp_account *account, const char *argument,
    const char *name);

/*
 * Adds the servers of provider (an index into mp_providers) that the
 * query allows, in its order, but never one without TLS.
 */
void mp_account_add_provider(struct mp_account *account, unsigned provider,
    const struct mp_query *query);

/*
 * Adds the ports of the port table that the query allows at host, for a
 * server of one's own: with no words, the recommended ports a mail client
 * uses (993, 995, 465 and 587); with words, every port they name that a
 * client uses with TLS (143 for "imap starttls").
 */
void mp_account_add_host(struct mp_account *account, const char *host,
    const struct mp_query *query);

/* Adds what discovery found, but never a setting without TLS. */
void mp_account_add_discovery(struct mp_account *account,
    const struct mp_discovery *discovery);

/*
 * Adds what a probe of host found to work securely (mp_result_secure),
 * for IMAP, POP3 and SMTP, in the order of the results, each port once.
 */
void mp_account_add_probe(struct mp_account *account, const char *host,
    const struct mp_probe_result *results, size_t n);

/*
 * The hosts of the same provider named on the certificates of a probe of
 * host that a client refuses for their names (mp_cert_other_hosts), each
 * once, at most max: the servers to probe next, whose own certificates
 * may be good.
 */
size_t mp_account_other_hosts(const struct mp_account *account,
    const char *host, const struct mp_probe_result *results, size_t n,
    char (*hosts)[MP_DNS_NAME_SIZE], size_t max);

/* The first server of the protocol, or NULL. */
const struct mp_endpoint *mp_account_first(
    const struct mp_account *account, enum mp_protocol protocol);

/* Whether a server lets a client sign in with OAuth2 and nothing else. */
bool mp_signin_oauth2_only(unsigned signin);

/* Whether a server lets a client sign in with OAuth2. */
bool mp_signin_oauth2(unsigned signin);

/* Why the account cannot be written in a format. */
enum mp_config_trouble {
	MP_CONFIG_OK,
	MP_CONFIG_BAD_TEXT,	/* a name or address the format cannot carry */
	MP_CONFIG_MISSING,	/* a server the format needs is missing */
	MP_CONFIG_OAUTH2	/* the format cannot sign in where it must */
};

/*
 * Checks the account for the format; on trouble, writes a one-line
 * explanation, without the program's name, in why of size bytes.
 */
enum mp_config_trouble mp_config_check(const struct mp_account *account,
    enum mp_config_id format, char *why, size_t size);

/* Writes the account in the format; check it first. */
void mp_config_write(FILE *fp, const struct mp_account *account,
    enum mp_config_id format);

/*
 * A UUID (RFC 9562 version 8, its bits from a 128-bit FNV-1a hash of
 * text and salt), as 36 characters and a NUL: the same settings make the
 * same profile, as no clock nor randomness enters the output.
 */
void mp_config_uuid(char out[static 37], const char *text, const char *salt);

#endif

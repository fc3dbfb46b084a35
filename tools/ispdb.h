/*
 * ispdb.h - one file of Mozilla's ISP database as the rows of
 * data/ispdb.def: its name, domains, MX names, mail servers and the pages
 * that enable access, or the reason it gives none.  No I/O: the caller
 * reads the file, and hears of every decision through a callback.
 */
#ifndef MAILPORTS_ISPDB_H
#define MAILPORTS_ISPDB_H

#include <stdbool.h>
#include <stddef.h>

#include "providers.h"
#include "xml.h"

/* The key of each sign-in method (MP_SIGNIN_BIT_), as the .def writes it. */
extern const char *const mp_ispdb_methods[MP_NSIGNINS];

/* The types of the program (mailports.h, providers.h), for one idea each. */
struct mp_ispdb_server {
	enum mp_protocol protocol;	/* IMAP, POP3 or SMTP */
	const char	*host;		/* lower case; may hold %EMAILDOMAIN% */
	unsigned	 port;
	enum mp_tls	 tls;
	enum mp_username username;
	enum mp_signin_bit signin[MP_NSIGNINS];	/* in order, once each */
	size_t		 nsignin;
};

/* A domain of the provider's addresses, or the name of its MX hosts. */
struct mp_ispdb_domain {
	const char	*name;		/* lower case */
	bool		 mx;
	bool		 dropped;	/* left out: given before */
	unsigned	 line;
};

/* What one decision the conversion makes: one line to report. */
typedef void mp_ispdb_report(void *arg, const char *file, unsigned line,
    const char *message);

struct mp_ispdb_counts {
	size_t		 servers_skipped;	/* not a mail server, or unusable */
	size_t		 servers_duplicate;
	size_t		 domains_invalid;
	size_t		 repairs;		/* typos taken for what they mean */
	size_t		 methods_dropped;
	size_t		 names_fallback;
};

struct mp_ispdb_provider {
	const char	*file;		/* as given, with its .xml */
	char		 stem[256];	/* the file's name without .xml */
	const char	*skipped;	/* why the file gives no provider, or NULL */
	char		 skip_reason[160];
	const char	*name;
	struct mp_ispdb_domain *domains;
	size_t		 ndomains;
	struct mp_ispdb_server *servers;
	size_t		 nservers;
	const char	**enables;
	size_t		 nenables;
	struct mp_ispdb_counts counts;
	struct mp_xml	 xml;		/* holds the strings, in storage
					   mp_ispdb_convert allocates */
};

/*
 * Converts the len bytes of file (named file, e.g. "gmx.net.xml") into
 * provider; sets provider->skipped if it gives none.  Reports each
 * decision through report.  Returns false only when out of memory.
 * mp_ispdb_free releases what provider holds either way.
 */
bool mp_ispdb_convert(struct mp_ispdb_provider *provider, const char *file,
    const char *buf, size_t len, mp_ispdb_report *report, void *arg);
void mp_ispdb_free(struct mp_ispdb_provider *provider);

/*
 * Whether the len bytes of name are a host name (RFC 1123: labels of 1
 * to 63 letters, digits and hyphens, not beginning or ending with one,
 * joined by single dots, 253 bytes at most); with placeholder, the label
 * %EMAILDOMAIN% stands for one or more labels.
 */
bool mp_ispdb_host_valid(const char *name, size_t len, bool placeholder);

#endif

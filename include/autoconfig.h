/*
 * autoconfig.h - the settings a clientConfig file gives (the format of
 * Mozilla's ISP database and of a domain's own autoconfig file, version
 * 1.1): its incoming and outgoing servers as endpoints, read through the
 * XML reader (xml.h), with the rules the ISP database importer applies,
 * so a fetched file and the compiled table never read alike files apart.
 * No I/O.
 */
#ifndef MAILPORTS_AUTOCONFIG_H
#define MAILPORTS_AUTOCONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "endpoint.h"

#define MP_AUTOCONFIG_SERVERS_MAX 16	/* kept; the rest are counted */

/* One server of the file, as a setting to type. */
struct mp_autoconfig_server {
	struct mp_endpoint endpoint;	/* host with %EMAILDOMAIN% filled in;
					   username the form the file's
					   template is, MP_USER_NONE for
					   another */
	char		 username[128];	/* the template as the file has it */
	unsigned	 line;		/* of its element */
};

struct mp_autoconfig {
	size_t			 nservers;	/* taken */
	struct mp_autoconfig_server servers[MP_AUTOCONFIG_SERVERS_MAX];
	size_t			 total;		/* server elements seen */
	size_t			 skipped;	/* not taken (Exchange, invalid) */
	/* Why nothing was taken, or why the first server skipped was, in
	   words for people with the line ("line 12: hostname '10.0.0.1' is
	   an address, not a host name"); "" when all were taken. */
	char			 reason[160];
};

/*
 * Reads the clientConfig document in the len bytes of body, filling in
 * domain (ASCII, lower case) for %EMAILDOMAIN% in host names.  Returns
 * whether it is a clientConfig document at all (XML well formed,
 * <clientConfig> the root); config->nservers may still be 0.
 */
bool mp_autoconfig_read(struct mp_autoconfig *config, const char *body,
    size_t len, const char *domain);

#endif

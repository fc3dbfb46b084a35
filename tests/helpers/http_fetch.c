/*
 * http_fetch.c - one fetch through mp_http_get, for tests/cli/http.sh:
 * prints what came of it, one "name value" line each (status, code,
 * redirects, length, final_url, reason), and writes the body to
 * BODY_FILE when one is named.
 *
 * Usage: http_fetch URL ADDRESS|@SERVER|- TIMEOUT_MS [BODY_FILE]
 * ADDRESS is where the URL's host is; else the name server SERVER
 * (ADDRESS[:PORT]), or those of /etc/resolv.conf for -, says where it
 * and the hosts of redirects are.  Exits 0 when the fetch is "ok", else 1.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "escape.h"
#include "http.h"

int
main(int argc, char *argv[])
{
	static struct mp_http_fetch fetch;
	struct mp_address servers[3];
	size_t nservers;
	char text[MP_URL_SIZE * 4], *end;
	long timeout;

	if (argc < 4 || argc > 5)
		errx(2, "usage: http_fetch URL ADDRESS|@SERVER|- TIMEOUT_MS "
		    "[BODY_FILE]");
	if (strlen(argv[1]) >= sizeof fetch.url)
		errx(2, "URL too long");
	memcpy(fetch.url, argv[1], strlen(argv[1]) + 1);
	if (argv[2][0] != '-' && argv[2][0] != '@') {
		if (!mp_parse_address(argv[2], 80, &fetch.addresses[0]))
			errx(2, "not an address: %s", argv[2]);
		fetch.naddresses = 1;
	}
	timeout = strtol(argv[3], &end, 10);
	if (*end != '\0' || timeout <= 0 || timeout > 3600000)
		errx(2, "bad timeout: %s", argv[3]);
	nservers = mp_dns_name_servers(argv[2][0] == '@' ? argv[2] + 1 : NULL,
	    servers, 3);
	mp_http_get(&fetch, 1, servers, nservers, (unsigned)timeout);
	printf("status %s\n", mp_http_status_key(fetch.status));
	printf("code %u\n", fetch.code);
	printf("redirects %zu\n", fetch.redirects);
	printf("length %zu\n", fetch.len);
	printf("final_url %s\n", mp_escape(text, sizeof text, fetch.final_url,
	    strlen(fetch.final_url)));
	printf("reason %s\n", fetch.reason);
	if (argc == 5) {
		FILE *f = fopen(argv[4], "wb");

		if (f == NULL || fwrite(fetch.body, 1, fetch.len, f) != fetch.len ||
		    fclose(f) != 0)
			err(2, "%s", argv[4]);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		err(2, "stdout");
	return fetch.status == MP_HTTP_OK ? 0 : 1;
}

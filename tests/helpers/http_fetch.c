/*
 * http_fetch.c - fetches through mp_http_get, for tests/cli/http.sh:
 * prints what came of each, one "name value" line a field (status, code,
 * redirects, length, final_url, reason), and writes the first one's body
 * to BODY_FILE when one is named.
 *
 * Usage: http_fetch URL ADDRESS[,ADDRESS]|@SERVER|- TIMEOUT_MS
 *            [BODY_FILE [URL...]]
 * ADDRESS is where the URL's host is (one or two of them); else the name
 * server SERVER (ADDRESS[:PORT]), or those of /etc/resolv.conf for -,
 * says where it and the hosts of redirects are.  The URLs after
 * BODY_FILE are fetched at the same time as the first, and printed after
 * it.  Exits 0 when every fetch is "ok", else 1.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "escape.h"
#include "http.h"

#define FETCHES_MAX 10

int
main(int argc, char *argv[])
{
	static struct mp_http_fetch fetches[FETCHES_MAX];
	struct mp_address servers[3], addresses[2];
	size_t nservers, n = 1, i, given = 0;
	char text[MP_URL_SIZE * 4], *end, *comma;
	int ok = 0;
	long timeout;

	if (argc < 4 || argc > 5 + FETCHES_MAX - 1)
		errx(2, "usage: http_fetch URL ADDRESS[,ADDRESS]|@SERVER|- "
		    "TIMEOUT_MS [BODY_FILE [URL...]]");
	if (argv[2][0] != '-' && argv[2][0] != '@') {
		if ((comma = strchr(argv[2], ',')) != NULL)
			*comma = '\0';
		if (!mp_parse_address(argv[2], 80, &addresses[0]) ||
		    (comma != NULL && !mp_parse_address(comma + 1, 80,
		    &addresses[1])))
			errx(2, "not an address: %s", argv[2]);
		given = comma != NULL ? 2 : 1;
	}
	timeout = strtol(argv[3], &end, 10);
	if (*end != '\0' || timeout <= 0 || timeout > 3600000)
		errx(2, "bad timeout: %s", argv[3]);
	for (i = 0; i < FETCHES_MAX; i++) {
		const char *url = i == 0 ? argv[1] : 4 + i < (size_t)argc ?
		    argv[4 + i] : NULL;

		if (url == NULL)
			break;
		if (strlen(url) >= sizeof fetches[i].url)
			errx(2, "URL too long");
		memcpy(fetches[i].url, url, strlen(url) + 1);
		memcpy(fetches[i].addresses, addresses, sizeof addresses);
		fetches[i].naddresses = given;
		n = i + 1;
	}
	nservers = mp_dns_name_servers(argv[2][0] == '@' ? argv[2] + 1 : NULL,
	    servers, 3);
	mp_http_get(fetches, n, servers, nservers, (unsigned)timeout);
	for (i = 0; i < n; i++) {
		const struct mp_http_fetch *fetch = &fetches[i];

		printf("status %s\n", mp_http_status_key(fetch->status));
		printf("code %u\n", fetch->code);
		printf("redirects %zu\n", fetch->redirects);
		printf("length %zu\n", fetch->len);
		printf("final_url %s\n", mp_escape(text, sizeof text,
		    fetch->final_url, strlen(fetch->final_url)));
		printf("reason %s\n", fetch->reason);
		ok += fetch->status == MP_HTTP_OK;
	}
	if (argc >= 5) {
		FILE *f = fopen(argv[4], "wb");

		if (f == NULL || fwrite(fetches[0].body, 1, fetches[0].len, f) !=
		    fetches[0].len || fclose(f) != 0)
			err(2, "%s", argv[4]);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		err(2, "stdout");
	return (size_t)ok == n ? 0 : 1;
}

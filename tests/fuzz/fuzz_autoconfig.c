/*
 * fuzz_autoconfig.c - libFuzzer harness for what a web server may send
 * as a domain's autoconfig file: the input is the body, read as a
 * clientConfig document.  Whatever it holds, the servers taken are host
 * names and ports a client may use, the counts add up, and no reason nor
 * username holds a byte a terminal would act on.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "autoconfig.h"
#include "net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Printable ASCII only: every other byte of the file is escaped. */
static void
check_text(const char *text, size_t size)
{
	size_t i;

	if (memchr(text, '\0', size) == NULL)
		__builtin_trap();
	for (i = 0; text[i] != '\0'; i++)
		if ((unsigned char)text[i] < 0x20 ||
		    (unsigned char)text[i] >= 0x7f)
			__builtin_trap();
}

/* A user name's template: as written, UTF-8, but no control byte. */
static void
check_user(const char *text, size_t size)
{
	size_t i;

	if (memchr(text, '\0', size) == NULL)
		__builtin_trap();
	for (i = 0; text[i] != '\0'; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mp_autoconfig config;
	size_t i;

	if (!mp_autoconfig_read(&config, (const char *)data, size,
	    "example.com")) {
		if (config.reason[0] == '\0' || config.nservers != 0)
			__builtin_trap();
	} else if (config.nservers > MP_AUTOCONFIG_SERVERS_MAX ||
	    config.nservers + config.skipped != config.total ||
	    (config.skipped > 0 && config.reason[0] == '\0'))
		__builtin_trap();
	check_text(config.reason, sizeof config.reason);
	for (i = 0; i < config.nservers; i++) {
		const struct mp_autoconfig_server *s = &config.servers[i];
		const struct mp_endpoint *e = &s->endpoint;

		if (!mp_host_name_valid(e->host, strlen(e->host)) ||
		    e->host[strlen(e->host) - 1] == '.' ||
		    e->port == 0 || e->port > 65535 || e->signin == 0 ||
		    (e->protocol != MP_PROTO_IMAP &&
		    e->protocol != MP_PROTO_POP3 &&
		    e->protocol != MP_PROTO_SMTP))
			__builtin_trap();
		check_user(s->username, sizeof s->username);
	}
	return 0;
}

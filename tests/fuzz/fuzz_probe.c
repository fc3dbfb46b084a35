/*
 * fuzz_probe.c - libFuzzer harness for what a server may send the probe:
 * the input is a reply, read as a greeting, a capability answer and an
 * answer to STARTTLS of every protocol (SMTP replies line by line,
 * ManageSieve literals) and as the flight that answers a ClientHello
 * (its alerts named), and then formatted as a result would be; and,
 * as text, the host to probe, split from its port and named in a hello.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format_probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	static struct mp_probe_result result;
	static unsigned char flight[MP_TLS_FLIGHT_SIZE];
	const char *text = (const char *)data;
	struct mp_capabilities caps;
	struct mp_tls_reader reader;
	char argument[300];
	int p;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		return 0;
	mp_tls_reader_init(&reader, flight, sizeof flight);
	(void)mp_tls_read(&reader, data, size);
	if (reader.alert > 255 || reader.warning > 255)
		__builtin_trap();
	if (reader.alert >= 0)
		(void)mp_tls_alert_name((unsigned)reader.alert);
	(void)mp_greeting_protocol(text, size);
	for (p = 0; p <= MP_PROTO_UNKNOWN; p++) {
		enum mp_protocol protocol = (enum mp_protocol)p;
		const struct mp_protocol_handler *handler =
		    mp_protocol_handler(protocol);

		(void)handler->greeting_status(text, size);
		(void)handler->greeting_lists(text, size);
		(void)handler->capability_status(text, size);
		if (handler->starttls_status != NULL)
			(void)handler->starttls_status(text, size);
		mp_parse_capabilities(protocol, text, size, &caps);
		if (strlen(caps.auth) >= MP_AUTH_SIZE)
			__builtin_trap();
	}
	memset(&result, 0, sizeof result);
	memcpy(result.request.address, "127.0.0.1", 10);
	result.request.target.port = size % 5 == 0 ? 25 : 993;
	result.protocol = mp_greeting_protocol(text, size);
	result.request.target.expected = MP_PROTO_IMAP;
	result.tls = (enum mp_found_tls)(size % MP_NFOUND);
	result.state = (enum mp_state)(size % MP_NSTATES);
	result.warnings = size > 1 ? (unsigned)data[0] | (unsigned)data[1] << 8 |
	    (size > 2 ? (unsigned)(data[2] & 1) << 16 : 0) : 0;
	result.tls_alert = size > 3 ? data[3] : 0;
	result.banner_cut = size % 3 == 0;
	result.capabilities = caps;
	result.banner_len = size < sizeof result.banner ? size :
	    sizeof result.banner;
	memcpy(result.banner, data, result.banner_len);
	memcpy(result.reason, "connection reset", 17);
	mp_print_probe_table(sink, &result, 1, size % 2 == 0, size % 3 * 40);
	mp_print_probe_tsv(sink, &result, 1);
	mp_print_probe_json(sink, "host", &result, 1);
	mp_print_probe_ports(sink, &result, 1);
	if (size < sizeof argument) {
		unsigned char hello[MP_HELLO_SIZE];
		char host[MP_HOST_NAME_SIZE];
		unsigned port;

		memcpy(argument, data, size);
		argument[size] = '\0';
		if (mp_split_host(argument, host, &port) &&
		    (strlen(host) > 253 || port > 65535))
			__builtin_trap();
		/* What a name holds, SNI carries: the hello must stay in bounds. */
		if (strlen(argument) <= 253 &&
		    mp_client_hello(hello, argument) > MP_HELLO_SIZE)
			__builtin_trap();
	}
	return 0;
}

/*
 * fuzz_dns.c - libFuzzer harness for what a name server may send: the
 * input is a reply, read as an answer to questions of every type, and,
 * as text, as an address, a domain name and resolv.conf.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned types[] = {
		MP_DNS_A, MP_DNS_AAAA, MP_DNS_MX, MP_DNS_SRV
	};
	static struct mp_dns_answer answer;
	struct mp_address addresses[3];
	char text[300];
	unsigned id = size >= 2 ? (unsigned)data[0] << 8 | data[1] : 0;
	size_t i, j;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		mp_dns_parse(data, size, id, "_imaps._tcp.example.com",
		    types[i], &answer);
		if (answer.n > MP_DNS_RECORDS_MAX)
			__builtin_trap();
		for (j = 0; j < answer.n; j++)
			if (strlen(answer.records[j].name) > 253)
				__builtin_trap();
	}
	(void)mp_dns_servers((const char *)data, size, addresses, 3);
	if (size < sizeof text) {
		memcpy(text, data, size);
		text[size] = '\0';
		if (mp_parse_address(text, 53, &addresses[0]) &&
		    strlen(addresses[0].text) >= MP_ADDRESS_SIZE)
			__builtin_trap();
		(void)mp_dns_name_valid(text);
	}
	return 0;
}

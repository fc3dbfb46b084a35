/*
 * fuzz_dns.c - libFuzzer harness for what a name server may send: the
 * input is a reply, read as an answer to questions of every type (its
 * records followed through CNAMEs, kept best first, counted), and, as
 * text, as an address, a domain name, a host, an email address and
 * resolv.conf.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dns.h"
#include "len.h"

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

	for (i = 0; i < LEN(types); i++) {
		mp_dns_parse(data, size, id, "_imaps._tcp.example.com",
		    types[i], &answer);
		if (answer.n > MP_DNS_RECORDS_MAX || answer.n > answer.total ||
		    (answer.status != MP_DNS_ANSWERED && answer.n != 0))
			__builtin_trap();
		for (j = 0; j < answer.n; j++) {
			const struct mp_dns_record *r = &answer.records[j];

			if (strlen(r->name) > 253)
				__builtin_trap();
			/* Kept in RFC 2782 order: never a better one after. */
			if (j > 0 && (r->priority < r[-1].priority ||
			    (r->priority == r[-1].priority &&
			    r->weight > r[-1].weight)) &&
			    (types[i] == MP_DNS_SRV || types[i] == MP_DNS_MX))
				__builtin_trap();
		}
	}
	(void)mp_dns_servers((const char *)data, size, addresses, 3);
	if (size < sizeof text) {
		char host[MP_HOST_NAME_SIZE];
		unsigned port;
		size_t domain, n;

		memcpy(text, data, size);
		text[size] = '\0';
		if (mp_parse_address(text, 53, &addresses[0]) &&
		    strlen(addresses[0].text) >= MP_ADDRESS_SIZE)
			__builtin_trap();
		(void)mp_dns_name_valid(text);
		if (mp_split_host(text, host, &port) &&
		    strlen(host) >= MP_HOST_NAME_SIZE)
			__builtin_trap();
		/* An address's domain is a host name once in ASCII. */
		if ((n = mp_mail_domain(text, size, &domain, host)) > 0 &&
		    (domain > size || !mp_host_name_valid(host, n)))
			__builtin_trap();
	}
	return 0;
}

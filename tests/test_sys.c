/*
 * test_sys.c - the probe's system calls work as the libc ones do, and
 * every error a probe meets has words.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "sys.h"

static void
test_error_texts(void **state)
{
	static const int errors[] = {
		ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
		EADDRNOTAVAIL, EAFNOSUPPORT, EACCES, EPERM, EPIPE, EMFILE,
		ENFILE
	};
	char buffer[32];
	size_t i;

	(void)state;
	assert_string_equal(mp_sys_error_text(ECONNRESET, buffer),
	    "connection reset by the server");
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++)
		assert_true(strlen(mp_sys_error_text(errors[i], buffer)) > 5);
	assert_string_equal(mp_sys_error_text(EILSEQ, buffer),
	    EILSEQ == 84 ? "system error 84" : buffer);
	assert_ptr_equal(mp_sys_error_text(EILSEQ, buffer), buffer);
	assert_string_equal(mp_sys_error_text(-1, buffer), "system error 0");
}

/* A closed port of loopback refuses: the calls a probe makes, end to end. */
static void
test_socket_calls_on_loopback(void **state)
{
	struct sockaddr_in address;
	struct pollfd pfd;
	unsigned before = mp_sys_now_ms();
	int fd, listener;
	socklen_t len = sizeof address;
	char byte;

	(void)state;
	memset(&address, 0, sizeof address);
	address.sin_family = AF_INET;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* A port just bound and closed again is a port nobody listens on. */
	listener = mp_sys_socket(AF_INET, SOCK_STREAM);
	assert_true(listener >= 0);
	assert_int_equal(bind(listener, (struct sockaddr *)&address,
	    sizeof address), 0);
	assert_int_equal(getsockname(listener, (struct sockaddr *)&address,
	    &len), 0);
	assert_int_equal(mp_sys_close(listener), 0);
	fd = mp_sys_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
	assert_true(fd >= 0);
	assert_true(mp_sys_connect(fd, (struct sockaddr *)&address,
	    sizeof address) == 0 || errno == EINPROGRESS ||
	    errno == ECONNREFUSED);
	pfd.fd = fd;
	pfd.events = POLLOUT;
	assert_int_equal(mp_sys_poll(&pfd, 1, 2000), 1);
	assert_int_equal(mp_sys_socket_error(fd), ECONNREFUSED);
	assert_true(mp_sys_write(fd, "x", 1) < 0);
	assert_true(mp_sys_read(fd, &byte, 1) <= 0);
	assert_int_equal(mp_sys_close(fd), 0);
	assert_true(mp_sys_socket_error(fd) != 0);
	assert_true(mp_sys_now_ms() - before < 2000);
}

static void
test_poll_waits_its_time(void **state)
{
	unsigned before = mp_sys_now_ms(), waited;

	(void)state;
	assert_int_equal(mp_sys_poll(NULL, 0, 50), 0);
	waited = mp_sys_now_ms() - before;
	assert_true(waited >= 45 && waited < 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_texts),
		cmocka_unit_test(test_socket_calls_on_loopback),
		cmocka_unit_test(test_poll_waits_its_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

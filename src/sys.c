/*
 * sys.c - the system calls of the probe, through syscall(2) on Linux so
 * that they cost one symbol lookup at start rather than eight.
 */
/* syscall(2) is not POSIX: glibc declares it with its default features. */
#define _DEFAULT_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "sys.h"

#ifdef __linux__
#include <sys/syscall.h>

int
mp_sys_socket(int domain, int type)
{
	return (int)syscall(SYS_socket, domain, type, 0);
}

int
mp_sys_connect(int fd, const struct sockaddr *address, socklen_t len)
{
	return (int)syscall(SYS_connect, fd, address, len);
}

/* ppoll is the one every Linux architecture has. */
int
mp_sys_poll(struct pollfd *fds, size_t n, int timeout_ms)
{
	struct timespec timeout;

	timeout.tv_sec = timeout_ms / 1000;
	timeout.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
	return (int)syscall(SYS_ppoll, fds, n, &timeout, NULL, (size_t)8);
}

ssize_t
mp_sys_read(int fd, void *buffer, size_t size)
{
	return (ssize_t)syscall(SYS_read, fd, buffer, size);
}

/* A peer that hung up must give EPIPE, not a SIGPIPE that ends us. */
ssize_t
mp_sys_write(int fd, const void *buffer, size_t size)
{
	return (ssize_t)syscall(SYS_sendto, fd, buffer, size, MSG_NOSIGNAL,
	    NULL, 0);
}

int
mp_sys_close(int fd)
{
	return (int)syscall(SYS_close, fd);
}

int
mp_sys_socket_error(int fd)
{
	int error = 0;
	socklen_t len = sizeof error;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_ERROR, &error,
	    &len) < 0)
		return errno;
	return error;
}

unsigned
mp_sys_now_ms(void)
{
	struct timespec now;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
	return (unsigned)((unsigned long long)now.tv_sec * 1000 +
	    (unsigned long long)now.tv_nsec / 1000000);
}

unsigned
mp_sys_random(void)
{
	unsigned value;

	if (syscall(SYS_getrandom, &value, sizeof value, 0) ==
	    (long)sizeof value)
		return value;
	return mp_sys_now_ms() * 2654435761u;
}

ssize_t
mp_sys_read_file(const char *path, char *buffer, size_t size)
{
	size_t used = 0;
	ssize_t n = 0;
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path,
	    O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (used < size && (n = mp_sys_read(fd, buffer + used,
	    size - used)) > 0)
		used += (size_t)n;
	mp_sys_close(fd);
	return n < 0 ? -1 : (ssize_t)used;
}

#else /* not Linux: the libc functions */

int
mp_sys_socket(int domain, int type)
{
	return socket(domain, type, 0);
}

int
mp_sys_connect(int fd, const struct sockaddr *address, socklen_t len)
{
	return connect(fd, address, len);
}

int
mp_sys_poll(struct pollfd *fds, size_t n, int timeout_ms)
{
	return poll(fds, (nfds_t)n, timeout_ms);
}

ssize_t
mp_sys_read(int fd, void *buffer, size_t size)
{
	return read(fd, buffer, size);
}

ssize_t
mp_sys_write(int fd, const void *buffer, size_t size)
{
#ifdef MSG_NOSIGNAL
	return send(fd, buffer, size, MSG_NOSIGNAL);
#else
	return write(fd, buffer, size);
#endif
}

int
mp_sys_close(int fd)
{
	return close(fd);
}

int
mp_sys_socket_error(int fd)
{
	int error = 0;
	socklen_t len = sizeof error;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0)
		return errno;
	return error;
}

unsigned
mp_sys_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (unsigned)((unsigned long long)now.tv_sec * 1000 +
	    (unsigned long long)now.tv_nsec / 1000000);
}

/* No portable source of random bytes in POSIX: the clock, mixed. */
unsigned
mp_sys_random(void)
{
	return mp_sys_now_ms() * 2654435761u;
}

ssize_t
mp_sys_read_file(const char *path, char *buffer, size_t size)
{
	size_t used = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (used < size && (n = read(fd, buffer + used, size - used)) > 0)
		used += (size_t)n;
	close(fd);
	return n < 0 ? -1 : (ssize_t)used;
}

#endif

/* strerror would be one more symbol; these are the errors a probe meets. */
const char *
mp_sys_error_text(int error, char buffer[static 32])
{
	static const char prefix[] = "system error ";
	char number[6];
	const char *digits;
	size_t used = 0, i;

	switch (error) {
	case ECONNREFUSED:
		return "connection refused";
	case ECONNRESET:
		return "connection reset by the server";
	case ETIMEDOUT:
		return "connection timed out";
	case EHOSTUNREACH:
		return "host unreachable";
	case ENETUNREACH:
		return "network unreachable";
	case EADDRNOTAVAIL:
		return "address not available";
	case EAFNOSUPPORT:
		return "address family not supported";
	case EACCES:
	case EPERM:
		return "not permitted";
	case EPIPE:
		return "connection closed by the server";
	case EMFILE:
	case ENFILE:
		return "too many open files";
	default:
		break;
	}
	for (i = 0; prefix[i] != '\0'; i++)
		buffer[used++] = prefix[i];
	digits = mp_format_number(number, error > 0 && error < 65536 ?
	    (unsigned)error : 0);
	for (i = 0; digits[i] != '\0'; i++)
		buffer[used++] = digits[i];
	buffer[used] = '\0';
	return buffer;
}

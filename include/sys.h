/*
 * sys.h - the system calls of the probe.
 *
 * Every libc function a program links costs a symbol lookup at each start
 * under -z now, and the network code would otherwise add a dozen to every
 * lookup (see make bench).  On Linux these go through syscall(2), one
 * symbol for all of them; elsewhere they are the libc functions.
 * Each returns what the system call does, with errno set on failure.
 */
#ifndef SYS_H
#define SYS_H

#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

int mp_sys_socket(int domain, int type);
int mp_sys_connect(int fd, const struct sockaddr *address, socklen_t len);
int mp_sys_poll(struct pollfd *fds, size_t n, int timeout_ms);
ssize_t mp_sys_read(int fd, void *buffer, size_t size);
/* Writes to a socket; a peer gone gives EPIPE, never SIGPIPE. */
ssize_t mp_sys_write(int fd, const void *buffer, size_t size);
int mp_sys_close(int fd);
/* The pending error of a socket, as SO_ERROR gives it; errno on failure. */
int mp_sys_socket_error(int fd);
/* Milliseconds on the monotonic clock. */
unsigned mp_sys_now_ms(void);
/* Random bits, for DNS query IDs; the clock if the kernel has none. */
unsigned mp_sys_random(void);
/* Reads at most size bytes of the file at path; -1 on failure. */
ssize_t mp_sys_read_file(const char *path, char *buffer, size_t size);

/* A short explanation of an errno value, such as "connection reset". */
const char *mp_sys_error_text(int error, char buffer[static 32]);

#endif /* SYS_H */

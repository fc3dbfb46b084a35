/*
 * big_buffers.h - a test server's socket with room for a burst of
 * datagrams: beyond net.core.rmem_max and wmem_max as root (the FORCE
 * options), else as large as those allow.
 */
#ifndef BIG_BUFFERS_H
#define BIG_BUFFERS_H

#include <sys/socket.h>

static void
big_buffers(int fd, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
}

#endif

/*
 * poll_set.h - one poll(2) over the sockets of many engines: the resolver,
 * the HTTP fetches and the probes each add what they wait for, poll runs
 * once for all of them, and each reads its own descriptors' events back.
 *
 * An engine that runs alone (one target, one mode) makes a poll set of its
 * own around the same calls, so that one code path serves both.
 */
#ifndef MAILPORTS_POLL_SET_H
#define MAILPORTS_POLL_SET_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

/* The slot of a descriptor that found no room: no events ever. */
#define MP_POLL_NONE ((size_t)-1)
/* Longest a poll waits with nothing due: the loop looks again. */
#define MP_POLL_IDLE_MS 60000u

struct mp_poll_set {
	struct pollfd	*fds;		/* the caller's storage */
	size_t		 max;
	size_t		 n;
	unsigned	 now;		/* ms, mp_now_ms after the last poll */
	unsigned	 wake;		/* the soonest time an engine is due */
};

void mp_poll_set_init(struct mp_poll_set *set, struct pollfd *fds,
    size_t max);
/* Empties the set before the engines add what they wait for. */
void mp_poll_set_begin(struct mp_poll_set *set);
/*
 * Adds fd, waiting for events; returns its slot, for mp_poll_set_events,
 * or MP_POLL_NONE when the set is full (the engine then wakes at the
 * next poll and tries again).
 */
size_t mp_poll_set_add(struct mp_poll_set *set, int fd, short events);
/* Asks for a poll to return no later than at (ms, mp_now_ms's clock). */
void mp_poll_set_due(struct mp_poll_set *set, unsigned at);
/* What happened on a slot in the last poll: 0 for MP_POLL_NONE. */
short mp_poll_set_events(const struct mp_poll_set *set, size_t slot);
/*
 * Polls until an event or the soonest due time, and sets now.  Returns
 * false when poll failed other than by a signal (EINTR), whose handler
 * the caller then reads.
 */
bool mp_poll_set_wait(struct mp_poll_set *set);

#endif

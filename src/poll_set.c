/*
 * poll_set.c - one poll(2) for many engines, its time-out the soonest time
 * any of them is due.
 */
#include <errno.h>

#include "net.h"
#include "poll_set.h"

void
mp_poll_set_init(struct mp_poll_set *set, struct pollfd *fds, size_t max)
{
	set->fds = fds;
	set->max = max;
	set->n = 0;
	set->now = mp_now_ms();
	set->wake = set->now + MP_POLL_IDLE_MS;
}

void
mp_poll_set_begin(struct mp_poll_set *set)
{
	set->n = 0;
	set->wake = set->now + MP_POLL_IDLE_MS;
}

size_t
mp_poll_set_add(struct mp_poll_set *set, int fd, short events)
{
	if (set->n == set->max) {
		/* Look again at once, when others may have left room. */
		set->wake = set->now;
		return MP_POLL_NONE;
	}
	set->fds[set->n].fd = fd;
	set->fds[set->n].events = events;
	set->fds[set->n].revents = 0;
	return set->n++;
}

/*
 * Times are milliseconds of a clock that wraps after 49 days; a time
 * is before another when their difference, as a signed number, is
 * negative, which holds across the wrap for waits shorter than 24 days.
 */
void
mp_poll_set_due(struct mp_poll_set *set, unsigned at)
{
	if ((int)(at - set->wake) < 0)
		set->wake = at;
}

short
mp_poll_set_events(const struct mp_poll_set *set, size_t slot)
{
	if (slot >= set->n)
		return 0;
	return set->fds[slot].revents;
}

bool
mp_poll_set_wait(struct mp_poll_set *set)
{
	int wait = (int)(set->wake - set->now);
	int ready;

	ready = poll(set->fds, set->n, wait > 0 ? wait : 0);
	set->now = mp_now_ms();
	return ready >= 0 || errno == EINTR;
}

/*
 * probe_pool.c - the connections that every probe in flight shares: how
 * many at once, how many to one address, and how many new ones a second.
 *
 * Hosters put thousands of domains on one address, so a run over many
 * targets would open many connections to one server at once, which a
 * polite client does not do and which servers count against it; and a
 * run over a long list could flood a network.  The pool holds both back.
 * Only its own small arrays are touched when it is readied: a connection
 * is touched when it is first used, and reused from the last freed.
 */
#include <netinet/in.h>
#include <string.h>

#include "probe.h"

/*
 * The burst the rate allows, in thousandths of a connection: one, or ten
 * milliseconds' worth when that is more, so that a fast rate is not held
 * to one connection a turn of the loop.
 */
static uint64_t
bucket_size(const struct mp_probe_pool *pool)
{
	uint64_t ten_ms = (uint64_t)pool->rate * 10;

	return ten_ms > 1000 ? ten_ms : 1000;
}

void
mp_probe_pool_init(struct mp_probe_pool *pool, unsigned per_address,
    unsigned rate)
{
	size_t i;

	pool->used = 0;
	pool->per_address = per_address;
	pool->rate = rate;
	pool->credit = 0;
	pool->refilled = 0;
	pool->ticking = false;
	/* Handed out from the top: the first connection first. */
	pool->nfree = MP_PROBE_POOL_MAX;
	for (i = 0; i < MP_PROBE_POOL_MAX; i++)
		pool->free[i] = &pool->connections[MP_PROBE_POOL_MAX - 1 - i];
	for (i = 0; i < MP_PROBE_POOL_BUCKETS; i++)
		pool->buckets[i] = NULL;
}

/* The bytes of an address that say which host it is, its port aside. */
static const unsigned char *
host_bytes(const struct sockaddr_storage *address, size_t *len)
{
	if (address->ss_family == AF_INET6) {
		*len = sizeof ((const struct sockaddr_in6 *)address)->sin6_addr;
		return (const unsigned char *)
		    &((const struct sockaddr_in6 *)address)->sin6_addr;
	}
	*len = sizeof ((const struct sockaddr_in *)address)->sin_addr;
	return (const unsigned char *)
	    &((const struct sockaddr_in *)address)->sin_addr;
}

static bool
same_host(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	size_t alen, blen;
	const unsigned char *abytes = host_bytes(a, &alen);
	const unsigned char *bbytes = host_bytes(b, &blen);

	return a->ss_family == b->ss_family && alen == blen &&
	    memcmp(abytes, bbytes, alen) == 0;
}

/* FNV-1a over the host's bytes: addresses of one network spread out. */
static size_t
bucket_of(const struct sockaddr_storage *address)
{
	size_t len, i;
	const unsigned char *bytes = host_bytes(address, &len);
	uint32_t hash = 2166136261u;

	for (i = 0; i < len; i++)
		hash = (hash ^ bytes[i]) * 16777619u;
	return hash % MP_PROBE_POOL_BUCKETS;
}

static unsigned
open_to(const struct mp_probe_pool *pool,
    const struct sockaddr_storage *address)
{
	const struct mp_probe_connection *c;
	unsigned n = 0;

	for (c = pool->buckets[bucket_of(address)]; c != NULL;
	    c = c->next_same)
		if (same_host(&c->to, address))
			n++;
	return n;
}

/*
 * Adds the credit earned since the last time, up to the bucket's size;
 * times compare across the clock's wrap, as in poll_set.c.  The first
 * look finds the bucket full.
 */
static void
refill(struct mp_probe_pool *pool, unsigned now)
{
	int elapsed = (int)(now - pool->refilled);
	uint64_t size = bucket_size(pool);

	if (!pool->ticking) {
		pool->ticking = true;
		pool->refilled = now;
		pool->credit = size;
		return;
	}
	if (elapsed <= 0)
		return;
	pool->refilled = now;
	/* Past a second the bucket is full whatever the rate: no overflow. */
	if (elapsed > 1000)
		elapsed = 1000;
	pool->credit += (uint64_t)elapsed * pool->rate;
	if (pool->credit > size)
		pool->credit = size;
}

enum mp_probe_admit
mp_probe_pool_take(struct mp_probe_pool *pool,
    const struct sockaddr_storage *address, unsigned now,
    struct mp_probe_connection **c, unsigned *token_at)
{
	size_t bucket;

	if (pool->nfree == 0)
		return MP_PROBE_POOL_FULL;
	if (pool->per_address != 0 &&
	    open_to(pool, address) >= pool->per_address)
		return MP_PROBE_ADDRESS_BUSY;
	if (pool->rate != 0 && token_at != NULL) {
		refill(pool, now);
		if (pool->credit < 1000) {
			/* The rate earns rate thousandths a millisecond: the
			   next whole one is at least a millisecond away. */
			*token_at = now + (unsigned)((1000 - pool->credit +
			    pool->rate - 1) / pool->rate);
			return MP_PROBE_NO_TOKEN;
		}
		pool->credit -= 1000;
	}
	*c = pool->free[--pool->nfree];
	(*c)->to = *address;
	bucket = bucket_of(address);
	(*c)->next_same = pool->buckets[bucket];
	pool->buckets[bucket] = *c;
	pool->used++;
	return MP_PROBE_ADMITTED;
}

void
mp_probe_pool_give(struct mp_probe_pool *pool, struct mp_probe_connection *c)
{
	struct mp_probe_connection **link = &pool->buckets[bucket_of(&c->to)];

	while (*link != c)
		link = &(*link)->next_same;
	*link = c->next_same;
	pool->free[pool->nfree++] = c;
	pool->used--;
}

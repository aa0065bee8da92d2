/* ratelimit.h - the rule of a limiter of events per key (a client address, a name tried from an
 * address, later a commenter's address): up to `limit` events in a window of `window` seconds
 * pass; the event that reaches the limit blocks the key for `block` seconds. After a block the
 * key is on probation until it has been quiet for a window: each event then blocks it again,
 * for twice as long as the block before, up to `max_block`. A key quiet for a window after
 * its last block starts again from nothing. Pure: the caller keeps the state (store/
 * store_ratelimit.h, shared by every kfq process on the database) and passes the time. */
#ifndef KFQ_CORE_RATELIMIT_H
#define KFQ_CORE_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit_policy {
	int limit;         /* events that pass in a window before the first block */
	int64_t window;    /* seconds */
	int64_t block;     /* seconds of the first block */
	int64_t max_block; /* seconds: no block is longer */
};

/* A key's state; all zero = never seen. Times are epoch seconds. */
struct ratelimit_state {
	int count;             /* events in the window that began at window_start */
	int64_t window_start;  /* 0 = no window open */
	int64_t blocked_until; /* the end of the last block; 0 = none */
	int strikes;           /* blocks since the key was last quiet for a window */
};

/* Seconds the key must wait before its next event; 0 = the event may happen now. */
int64_t ratelimit_wait(const struct ratelimit_state *s, int64_t now);
/* Records one event at `now` (when ratelimit_wait is 0). *next is the state after it; returns
 * the block it started (seconds), 0 when the key may go on. */
int64_t ratelimit_hit(const struct ratelimit_policy *p, const struct ratelimit_state *cur,
                      int64_t now, struct ratelimit_state *next);
/* From when the state means no more than a fresh one (no window, block or probation left):
 * the row may be deleted then. */
int64_t ratelimit_expires(const struct ratelimit_policy *p, const struct ratelimit_state *s);

#endif

/* store_ratelimit.h - the limiters' state (core/ratelimit.h) in table rate_limit: one row per
 * key, changed only by compare-and-set, so that every kfq process on the database counts into
 * the same rows and no concurrent event is lost. Each call is one statement (no transaction,
 * no audit record: these are counters, not records). */
#ifndef KFQ_STORE_STORE_RATELIMIT_H
#define KFQ_STORE_STORE_RATELIMIT_H

#include "core/ratelimit.h"
#include "store/store.h"

/* The key's state; KFQ_ENOTFOUND with *out all zero when the key has no row. */
int store_ratelimit_get(struct store *s, const char *key, struct ratelimit_state *out);
/* Writes next (deletable from `expires`) if the key still holds seen, or has no row when
 * `exists` is false; KFQ_ECONFLICT when another event changed it first: read and decide
 * again. */
int store_ratelimit_put(struct store *s, const char *key, bool exists,
                        const struct ratelimit_state *seen, const struct ratelimit_state *next,
                        int64_t expires);
/* Deletes one key (a login that succeeded forgets its failures). */
int store_ratelimit_delete(struct store *s, const char *key);
/* Deletes every key that starts with prefix (a lock lifted by an administrator). */
int store_ratelimit_clear(struct store *s, const char *prefix);
/* Deletes the rows that expired before now. */
int store_ratelimit_prune(struct store *s, int64_t now);

#endif

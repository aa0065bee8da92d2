/* ratelimit.c - the limiters (core/ratelimit.h) applied to requests: reads a key's state from
 * the database, lets the rule decide, and writes it back by compare-and-set, deciding again
 * when another request of this or another kfq process counted first. Failed logins use it
 * (session.c); so will anything else that anyone may call, such as public comments. Must not
 * hold a route's own logic. */
#include "api/api.h"

#include "store/store_ratelimit.h"

#include <stdatomic.h>

#define PRUNE_SECONDS 60 /* expired rows are deleted at most this often per process */
#define MAX_TRIES     16 /* compare-and-set rounds before giving up (503) */

static atomic_llong last_prune;

int api_ratelimit_wait(struct api_ctx *c, const char *key, int64_t *wait)
{
	struct ratelimit_state st;
	int rc = store_ratelimit_get(c->db, key, &st);

	*wait = 0;
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	*wait = ratelimit_wait(&st, c->now);
	return 0;
}

int api_ratelimit_hit(struct api_ctx *c, const char *key, const struct ratelimit_policy *p,
                      int64_t *block)
{
	struct ratelimit_state cur, next;
	long long pruned = atomic_load(&last_prune);
	int rc = KFQ_ECONFLICT;

	*block = 0;
	if (c->now - pruned >= PRUNE_SECONDS &&
	    atomic_compare_exchange_strong(&last_prune, &pruned, (long long)c->now) &&
	    (rc = store_ratelimit_prune(c->db, c->now)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < MAX_TRIES; i++) {
		rc = store_ratelimit_get(c->db, key, &cur);
		if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
			break;
		bool exists = rc == KFQ_OK;
		*block = ratelimit_hit(p, &cur, c->now, &next);
		rc = store_ratelimit_put(c->db, key, exists, &cur, &next,
		                         ratelimit_expires(p, &next));
		if (rc != KFQ_ECONFLICT)
			break;
	}
	if (rc == KFQ_ECONFLICT)
		rc = KFQ_EBUSY; /* counted over and over by others: come back later */
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

int api_ratelimit_forget(struct api_ctx *c, const char *key, bool prefix)
{
	int rc = prefix ? store_ratelimit_clear(c->db, key) : store_ratelimit_delete(c->db, key);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* store_ratelimit.c - the limiters' rows. Must not decide anything: core/ratelimit.c does. */
#include "store/store_ratelimit.h"

#include "util/log.h"

#include <string.h>

static const char sql_get[] =
    "SELECT count, window_start, blocked_until, strikes FROM rate_limit WHERE key = ?1";
/* RETURNING 1: a row back means written; none means another event changed the key first */
static const char sql_insert[] =
    "INSERT INTO rate_limit (key, count, window_start, blocked_until, strikes, expires) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO NOTHING RETURNING 1";
static const char sql_update[] =
    "UPDATE rate_limit SET count = ?2, window_start = ?3, blocked_until = ?4, strikes = ?5, "
    "expires = ?6 WHERE key = ?1 AND count = ?7 AND window_start = ?8 AND blocked_until = ?9 "
    "AND strikes = ?10 RETURNING 1";
static const char sql_delete[] = "DELETE FROM rate_limit WHERE key = ?1";
static const char sql_clear[] =
    "DELETE FROM rate_limit WHERE substr(key, 1, length(CAST(?1 AS TEXT))) = ?1";
static const char sql_prune[] = "DELETE FROM rate_limit WHERE expires < ?1";

/* element: a struct ratelimit_state */
static void read_state(struct store_stmt *st, struct arena *a, void *element)
{
	struct ratelimit_state *out = element;

	(void)a;
	out->count = (int)store_col_int(st, 0);
	out->window_start = store_col_int(st, 1);
	out->blocked_until = store_col_int(st, 2);
	out->strikes = (int)store_col_int(st, 3);
}

int store_ratelimit_get(struct store *s, const char *key, struct ratelimit_state *out)
{
	struct store_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, key);
	rc = store_row(st, NULL, read_state, out);
	if (rc != KFQ_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

int store_ratelimit_put(struct store *s, const char *key, bool exists,
                        const struct ratelimit_state *seen, const struct ratelimit_state *next,
                        int64_t expires)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, exists ? sql_update : sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, key);
	store_bind_int(st, 2, next->count);
	store_bind_int(st, 3, next->window_start);
	store_bind_int(st, 4, next->blocked_until);
	store_bind_int(st, 5, next->strikes);
	store_bind_int(st, 6, expires);
	if (exists) {
		store_bind_int(st, 7, seen->count);
		store_bind_int(st, 8, seen->window_start);
		store_bind_int(st, 9, seen->blocked_until);
		store_bind_int(st, 10, seen->strikes);
	}
	rc = store_run_id(st, NULL);
	return rc == KFQ_ENOTFOUND ? KFQ_ECONFLICT : rc;
}

/* Runs one DELETE of sql with ?1 = text, or = n when text is NULL. */
static int delete_where(struct store *s, const char *sql, const char *text, int64_t n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (text)
		store_bind_text(st, 1, text);
	else
		store_bind_int(st, 1, n);
	return store_run(st);
}

int store_ratelimit_delete(struct store *s, const char *key)
{
	return delete_where(s, sql_delete, key, 0);
}

int store_ratelimit_clear(struct store *s, const char *prefix)
{
	return delete_where(s, sql_clear, prefix, 0);
}

int store_ratelimit_prune(struct store *s, int64_t now)
{
	return delete_where(s, sql_prune, NULL, now);
}

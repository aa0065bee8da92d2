/* store_import.c - import batches and their sealed downloads in SQL. Must not read files or
 * decide what a row means: app/import.c does. */
#include "store/store_import.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <string.h>

static const char sql_find[] =
    "SELECT id, kind, sha256, filename, size, format, n_rows, n_bad, outcome, "
    "COALESCE(user_id, 0), created_at FROM import_batch "
    "WHERE kind = ?1 AND sha256 = ?2 AND outcome = 'imported' AND (?3 = 0 OR user_id IN "
    "(SELECT id FROM app_user WHERE org_id = ?3)) ORDER BY id DESC LIMIT 1";
static const char sql_latest[] =
    "SELECT id, kind, sha256, filename, size, format, n_rows, n_bad, outcome, "
    "COALESCE(user_id, 0), created_at FROM import_batch "
    "WHERE kind = ?1 AND outcome = 'imported' AND (?2 = 0 OR user_id IN "
    "(SELECT id FROM app_user WHERE org_id = ?2)) ORDER BY id DESC LIMIT 1";
static const char sql_insert[] =
    "INSERT INTO import_batch (kind, sha256, filename, size, format, n_rows, n_bad, outcome, "
    "user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
static const char sql_secret_expire[] = "DELETE FROM import_secret WHERE expires_at <= ?1";
static const char sql_secret_put[] =
    "INSERT INTO import_secret (import_id, token_hash, box, expires_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_secret_get[] =
    "SELECT token_hash, box, expires_at FROM import_secret WHERE import_id = ?1";
static const char sql_secret_del[] = "DELETE FROM import_secret WHERE import_id = ?1";

static void read_batch(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_import_batch *out = element;

	out->id = store_col_int(st, 0);
	out->kind = store_col_dup(st, 1, a);
	out->sha256 = store_col_dup(st, 2, a);
	out->filename = store_col_dup(st, 3, a);
	out->size = store_col_int(st, 4);
	out->format = store_col_dup(st, 5, a);
	out->n_rows = store_col_int(st, 6);
	out->n_bad = store_col_int(st, 7);
	out->outcome = store_col_dup(st, 8, a);
	out->user_id = store_col_int(st, 9);
	out->created_at = store_col_dup(st, 10, a);
}

int store_import_find(struct store *s, struct arena *a, const char *kind, const char *sha256,
                      int64_t org_id, struct store_import_batch *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_find, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, kind);
	store_bind_text(st, 2, sha256);
	store_bind_int(st, 3, org_id);
	return store_row(st, a, read_batch, out);
}

int store_import_latest(struct store *s, struct arena *a, const char *kind, int64_t org_id,
                        struct store_import_batch *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_latest, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, kind);
	store_bind_int(st, 2, org_id);
	return store_row(st, a, read_batch, out);
}

int store_import_record(struct store *s, const struct store_actor *who,
                        struct store_import_batch *b, const char *audit_after)
{
	char now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, b->kind);
	store_bind_text(st, 2, b->sha256);
	store_bind_text(st, 3, b->filename);
	store_bind_int(st, 4, b->size);
	store_bind_text(st, 5, b->format);
	store_bind_int(st, 6, b->n_rows);
	store_bind_int(st, 7, b->n_bad);
	store_bind_text(st, 8, b->outcome);
	store_bind_id(st, 9, who->user_id);
	store_bind_text(st, 10, now);
	if ((rc = store_run_id(st, &b->id)) != KFQ_OK)
		return rc;
	return store_audit_append_id(s, who, "import", "import", b->id, NULL, audit_after);
}

/* Runs a statement with ?1 = an integer, expecting no rows. */
static int run_int(struct store *s, const char *sql, int64_t v)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, v);
	return store_run(st);
}

int store_import_secret_put(struct store *s, int64_t import_id, const char *token_hash,
                            const char *box, int64_t expires_at, int64_t now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = run_int(s, sql_secret_expire, now)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_secret_put, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, import_id);
	store_bind_text(st, 2, token_hash);
	store_bind_text(st, 3, box);
	store_bind_int(st, 4, expires_at);
	return store_run(st);
}

int store_import_secret_take(struct store *s, struct arena *a, const struct store_actor *who,
                             int64_t import_id, const char *token_hash, int64_t now,
                             const char **box)
{
	struct store_stmt *st;
	bool match = false;
	int rc;

	*box = NULL;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_secret_get, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, import_id);
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		const char *h = store_col_text(st, 0);
		match = h && strlen(h) == strlen(token_hash) && !strcmp(h, token_hash) &&
		        store_col_int(st, 2) > now;
		*box = store_col_dup(st, 1, a);
	}
	store_reset(st);
	if (rc != KFQ_ROW && rc != KFQ_DONE)
		goto done;
	if (!match) {
		rc = KFQ_ENOTFOUND;
		goto done;
	}
	if ((rc = run_int(s, sql_secret_del, import_id)) == KFQ_OK)
		rc = store_audit_append_id(s, who, "download_secret", "import", import_id, NULL,
		                           NULL);
done:
	if ((rc = store_end(s, rc)) != KFQ_OK)
		*box = NULL;
	return rc;
}

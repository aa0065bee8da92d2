/* store_backup.c - the reads a backup and a restore need: the files in the evidence store
 * referred to (attachments of any entity, report evidence among them, and imported files), and
 * the emptiness of a target database (the one dialect difference: each catalogue's name).
 * Must not write. */
#include "store/store_backup.h"

#include "util/log.h"

/* attachments of any entity (report evidence among them) and the files imports kept */
static const char sql_blobs[] =
    "SELECT sha256, MAX(size) FROM (SELECT sha256, size FROM import_batch WHERE outcome = "
    "'imported' UNION ALL SELECT sha256, size FROM attachment) f GROUP BY sha256 ORDER BY sha256";
static const char sql_empty_sqlite[] = "SELECT COUNT(*) FROM sqlite_master";
static const char sql_empty_pg[] = "SELECT COUNT(*) FROM pg_catalog.pg_tables "
                                   "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')";

int store_backup_blobs(struct store *s, struct arena *a, struct store_blob **out, size_t *n)
{
	struct store_stmt *st;
	struct store_blob *v = NULL;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_blobs, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == (size_t)cap)
			v = arena_grow(a, v, sizeof(*v), &cap);
		v[*n].sha256 = store_col_dup(st, 0, a);
		v[*n].size = store_col_int(st, 1);
		(*n)++;
	}
	store_reset(st);
	*out = v;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_is_empty(struct store *s, bool *empty)
{
	int64_t n = 0;
	int rc =
	    store_query_int(s, store_kind(s) == STORE_PG ? sql_empty_pg : sql_empty_sqlite, &n);

	*empty = n == 0;
	return rc;
}

/* store_user_bulk.c - what the users import writes and reads in SQL: the bulk insert of new
 * accounts (store_bulk) and the taken login names. Must not decide which rows are valid. */
#include "store/store_user.h"

#include "util/log.h"

const struct store_bulk_spec store_user_bulk = {
    .copy_sql = "COPY app_user (username, display_name, org_id, role, data_scope, "
                "password_hash, must_change, created_at, updated_at, phone, job_title) "
                "FROM STDIN",
    .insert_sql = "INSERT INTO app_user (username, display_name, org_id, role, data_scope, "
                  "password_hash, must_change, created_at, updated_at, phone, job_title) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    .ncols = 11,
};

static const char sql_names[] = "SELECT username FROM app_user";

int store_user_bulk_row(struct store_bulk *b, const struct store_user *u, const char *hash,
                        const char *now)
{
	store_bulk_text(b, u->username);
	store_bulk_text(b, u->display_name);
	store_bulk_int(b, u->org_id);
	store_bulk_text(b, u->role);
	store_bulk_text(b, u->data_scope);
	store_bulk_text(b, hash);
	store_bulk_int(b, u->must_change);
	store_bulk_text(b, now);
	store_bulk_text(b, now);
	store_bulk_text(b, u->phone);
	store_bulk_text(b, u->job_title);
	return store_bulk_row(b);
}

int store_user_names(struct store *s, struct arena *a, const char ***out, int *n)
{
	struct store_stmt *st;
	const char **names = NULL;
	int rc, cap = 0;

	*n = 0;
	if ((rc = store_prepare(s, sql_names, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			names = arena_grow(a, names, sizeof(*names), &cap);
		names[(*n)++] = store_col_dup(st, 0, a);
	}
	store_reset(st);
	*out = names;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

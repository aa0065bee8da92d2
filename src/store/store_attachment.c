/* store_attachment.c - attachment records in SQL: uploads, the files of an entity, claiming
 * and releasing them inside a module's write. Must not touch files (api/ stores the bytes
 * through util/blobstore) nor decide who may read them (api/attachment.c asks the entity's
 * module). */
#include "store/store_attachment.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <string.h>

#define COLS                                                                                       \
	"x.id, x.entity_type, x.entity_id, x.sha256, x.filename, x.mime, x.size, x.org_id, "       \
	"x.created_at, x.created_by, u.display_name"
#define FROM " FROM attachment x LEFT JOIN app_user u ON u.id = x.created_by"

static const char sql_insert[] =
    "INSERT INTO attachment (entity_type, entity_id, sha256, filename, mime, size, org_id, "
    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
static const char sql_get[] = "SELECT " COLS FROM " WHERE x.id = ?1";
static const char sql_list[] =
    "SELECT " COLS FROM " WHERE x.entity_type = ?1 AND x.entity_id = ?2 ORDER BY x.id";
/* the files of a set of entities (store_ids_text) */
static const char *const sql_list_many[] = {
    "SELECT " COLS FROM " WHERE x.entity_type = ?1 AND x.entity_id" STORE_IDS_IN_SQLITE(
        "?2") " ORDER BY x.entity_id, x.id",
    "SELECT " COLS FROM " WHERE x.entity_type = ?1 AND x.entity_id" STORE_IDS_IN_PG(
        "?2") " ORDER BY x.entity_id, x.id"};
static const char sql_claim[] = "UPDATE attachment SET entity_id = ?2 WHERE id = ?3 AND "
                                "entity_type = ?1 AND entity_id IS NULL AND org_id = ?4 "
                                "RETURNING id";
static const char sql_release[] =
    "UPDATE attachment SET entity_id = NULL WHERE entity_type = ?1 AND entity_id = ?2";

/* element: a struct store_attachment */
static void read_attachment(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_attachment *x = element;

	x->id = store_col_int(st, 0);
	x->entity_type = store_col_dup(st, 1, a);
	x->entity_id = store_col_int(st, 2);
	x->sha256 = store_col_dup(st, 3, a);
	x->filename = store_col_dup(st, 4, a);
	x->mime = store_col_dup(st, 5, a);
	x->size = store_col_int(st, 6);
	x->org_id = store_col_int(st, 7);
	x->created_at = store_col_dup(st, 8, a);
	x->created_by = store_col_int(st, 9);
	x->created_by_name = store_col_dup(st, 10, a);
}

int store_attachment_get(struct store *s, struct arena *a, int64_t id, struct store_attachment *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_attachment, out);
}

/* arg: a struct entity_ref */
struct entity_ref {
	const char *type;
	int64_t id;
};

static void bind_entity(struct store_stmt *st, const void *arg)
{
	const struct entity_ref *e = arg;

	store_bind_text(st, 1, e->type);
	store_bind_int(st, 2, e->id);
}

int store_attachment_list(struct store *s, struct arena *a, const char *type, int64_t id,
                          struct store_attachment **out, int *n)
{
	struct entity_ref ref = {type, id};
	struct store_list l = {
	    .list_sql = sql_list,
	    .bind = bind_entity,
	    .arg = &ref,
	    .read = read_attachment,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* arg: a struct ids_ref */
struct ids_ref {
	const char *type;
	const char *ids;
};

static void bind_ids(struct store_stmt *st, const void *arg)
{
	const struct ids_ref *e = arg;

	store_bind_text(st, 1, e->type);
	store_bind_text(st, 2, e->ids);
}

int store_attachment_list_many(struct store *s, struct arena *a, const char *type,
                               const int64_t *ids, int n, struct store_attachment **out,
                               int *counts)
{
	struct ids_ref ref = {type, NULL};
	struct store_list l = {
	    .list_sql = sql_list_many[store_kind(s) == STORE_PG],
	    .bind = bind_ids,
	    .arg = &ref,
	    .read = read_attachment,
	    .elem_size = sizeof(struct store_attachment),
	};
	struct store_attachment *all;
	void *arr;
	int64_t total;
	int m, rc;

	for (int i = 0; i < n; i++) {
		out[i] = NULL;
		counts[i] = 0;
	}
	if (n == 0)
		return KFQ_OK;
	ref.ids = store_ids_text(s, a, ids, n);
	if ((rc = store_list_page(s, a, &l, &arr, &m, &total)) != KFQ_OK)
		return rc;
	all = arr;
	/* the rows come grouped by entity: each id's run of them */
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
			if (all[j].entity_id == ids[i]) {
				out[i] = &all[j];
				while (j + counts[i] < m && all[j + counts[i]].entity_id == ids[i])
					counts[i]++;
				break;
			}
	return KFQ_OK;
}

int store_attachment_insert(struct store *s, const struct store_actor *who, int64_t entity_id,
                            struct store_attachment *x)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, x->entity_type);
	store_bind_id(st, 2, entity_id);
	store_bind_text(st, 3, x->sha256);
	store_bind_text(st, 4, x->filename);
	store_bind_text(st, 5, x->mime);
	store_bind_int(st, 6, x->size);
	store_bind_int(st, 7, x->org_id);
	store_bind_text(st, 8, now);
	store_bind_id(st, 9, who->user_id);
	x->entity_id = entity_id;
	x->created_by = who->user_id;
	return store_run_id(st, &x->id);
}

int store_attachment_add(struct store *s, const struct store_actor *who,
                         const struct store_attachment_json *json, struct store_attachment *x)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_attachment_insert(s, who, 0, x)) != KFQ_OK)
		goto done;
	x->created_at = now;
	jsonw_init(&w, &sb);
	json->attachment(&w, x);
	/* the file's hash is in the record: the audit log vouches for the bytes too */
	rc = store_audit_append_id(s, who, "upload", "attachment", x->id, NULL, sb.buf);
done:
	strbuf_release(&sb);
	x->created_at = NULL;
	return store_end(s, rc);
}

int store_attachment_claim(struct store *s, const char *type, int64_t id, int64_t org_id,
                           const int64_t *ids, int n)
{
	struct store_stmt *st;
	int rc;

	for (int i = 0; i < n; i++) {
		if ((rc = store_prepare(s, sql_claim, &st)) != KFQ_OK)
			return rc;
		store_bind_text(st, 1, type);
		store_bind_int(st, 2, id);
		store_bind_int(st, 3, ids[i]);
		store_bind_int(st, 4, org_id);
		rc = store_run_id(st, NULL);
		if (rc == KFQ_ENOTFOUND)
			return KFQ_EINVAL;
		if (rc != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

int store_attachment_release(struct store *s, const char *type, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_release, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, type);
	store_bind_int(st, 2, id);
	return store_run(st);
}

/* store_land_case.c - the cases of low-efficiency land in SQL: opened from a parcel's or a
 * batch's finding with the handling chosen, closed with the result, each audited. Must not
 * decide the finding or the handling (core/land.c and api/ do). */
#include "store/store_land.h"
#include "core/land.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define CASE_SELECT                                                                                \
	"SELECT c.id, c.zone_id, o.name, c.parcel_id, p.parcel_no, c.batch_id, b.batch_no, "       \
	"c.kind, "                                                                                 \
	"c.handling, c.fee_fen, c.due_on, c.note, c.status, c.result, c.opened_at, c.closed_at "   \
	"FROM land_case c JOIN org o ON o.id = c.zone_id LEFT JOIN land_parcel p ON p.id = "       \
	"c.parcel_id LEFT JOIN land_batch b ON b.id = c.batch_id"
static const char sql_count[] = "SELECT COUNT(*) FROM land_case c";
static const char sql_list[] = CASE_SELECT;
static const char sql_get[] = CASE_SELECT " WHERE c.id = ?1";
static const char sql_insert[] =
    "INSERT INTO land_case (zone_id, parcel_id, batch_id, kind, handling, fee_fen, due_on, note, "
    "status, opened_at, opened_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?10) "
    "RETURNING id";
/* ?1 the parcel, ?2 the batch (one of them NULL) */
static const char sql_open_count[] = "SELECT COUNT(*) FROM land_case WHERE status = 'open' AND "
                                     "(parcel_id = ?1 OR batch_id = ?2)";
static const char sql_close[] = "UPDATE land_case SET status = 'closed', result = ?2, "
                                "closed_at = ?3, closed_by = ?4 WHERE id = ?1";

static void read_case(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_land_case *c = element;

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->zone_id = store_col_int(st, 1);
	c->zone_name = store_col_dup(st, 2, a);
	c->parcel_id = store_col_int(st, 3);
	c->parcel_no = store_col_dup(st, 4, a);
	c->batch_id = store_col_int(st, 5);
	c->batch_no = store_col_dup(st, 6, a);
	c->kind = store_col_dup(st, 7, a);
	c->handling = store_col_dup(st, 8, a);
	c->fee_fen = store_col_int(st, 9);
	c->due_on = store_col_dup(st, 10, a);
	c->note = store_col_dup(st, 11, a);
	c->status = store_col_dup(st, 12, a);
	c->result = store_col_dup(st, 13, a);
	c->opened_at = store_col_dup(st, 14, a);
	c->closed_at = store_col_dup(st, 15, a);
}

static void case_filter(struct store_sql *q, const void *arg)
{
	const struct store_land_case_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND c.zone_id = ?", f->zone_id);
	if (f->parcel_id)
		store_sql_int(q, " AND c.parcel_id = ?", f->parcel_id);
	if (f->status)
		store_sql_text(q, " AND c.status = ?", f->status);
	if (f->late_before)
		store_sql_text(q, " AND c.status = 'open' AND c.due_on < ?", f->late_before);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "c.zone_id", &f->scope);
	}
}

/* the cases f selects */
static struct store_list case_list(const struct store_land_case_filter *f)
{
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_case,
	    .elem_size = sizeof(struct store_land_case),
	    .filter = case_filter,
	    .order = " ORDER BY c.id DESC",
	};
}

int store_land_case_list(struct store *s, struct arena *a, const struct store_land_case_filter *f,
                         struct store_land_case **out, int *n, int64_t *total)
{
	struct store_list l = case_list(f);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_land_case_each(struct store *s, const struct store_land_case_filter *f, store_each_fn fn,
                         void *ctx)
{
	struct store_list l = case_list(f);

	return store_list_each(s, &l, fn, ctx);
}

int store_land_case_get(struct store *s, struct arena *a, int64_t id, struct store_land_case *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_case, out);
}

static int write_case(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_land_json *shape = json;
	struct store_land_case c;
	int rc;

	if ((rc = store_land_case_get(s, a, id, &c)) == KFQ_OK)
		shape->land_case(w, &c);
	return rc;
}

/* Tells the inbox of a step of case id (core land_case_step_item), after the step's audit
 * record, from the case as the step left it. */
static int tell(struct store *s, const struct store_actor *who, enum land_case_step step,
                int64_t id)
{
	struct store_land_case c;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_land_case_get(s, &a, id, &c)) == KFQ_OK) {
		land_case_step_item(step, id, c.zone_id, c.zone_name,
		                    c.parcel_id ? c.parcel_no : c.batch_no, c.due_on, c.result, &a,
		                    &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_land_case_create(struct store *s, const struct store_actor *who,
                           const struct store_land_json *json, struct store_land_case *c)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	/* one open case per parcel or batch: a second would levy the idle fee twice */
	if ((rc = store_prepare(s, sql_open_count, &st)) != KFQ_OK)
		goto done;
	store_bind_id(st, 1, c->parcel_id);
	store_bind_id(st, 2, c->batch_id);
	if ((rc = store_step(st)) == KFQ_ROW)
		rc = store_col_int(st, 0) > 0 ? KFQ_ECONFLICT : KFQ_OK;
	else if (rc == KFQ_DONE)
		rc = KFQ_ENOTFOUND; /* COUNT always answers a row */
	store_reset(st);
	if (rc != KFQ_OK)
		goto done;
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, c->zone_id);
	store_bind_id(st, 2, c->parcel_id);
	store_bind_id(st, 3, c->batch_id);
	store_bind_text(st, 4, c->kind);
	store_bind_text(st, 5, c->handling);
	store_bind_int(st, 6, c->fee_fen);
	store_bind_text(st, 7, c->due_on);
	store_bind_text(st, 8, c->note);
	store_bind_text(st, 9, now);
	store_bind_id(st, 10, who->user_id);
	if ((rc = store_run_id(st, &c->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "land_case", c->id, NULL, write_case,
		                        json);
	if (rc == KFQ_OK)
		rc = tell(s, who, LAND_CASE_STEP_OPENED, c->id);
done:
	return store_end(s, rc);
}

int store_land_case_close(struct store *s, const struct store_actor *who,
                          const struct store_land_json *json, int64_t id, const char *result)
{
	struct store_land_case c;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_case, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_land_case_get(s, &a, id, &c)) != KFQ_OK)
		goto done;
	if (strcmp(c.status, "open") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = store_prepare(s, sql_close, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, result);
	store_bind_text(st, 3, now);
	store_bind_id(st, 4, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "close", "land_case", id, before, write_case, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, LAND_CASE_STEP_CLOSED, id);
done:
	free(before);
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}

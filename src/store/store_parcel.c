/* store_parcel.c - land batches and parcels in SQL: lists scoped and filtered per combination,
 * creation and replacement with their audit records, the numbers and bulk insert of the parcel
 * import. Must not classify parcels (core/land.c does, for the caller) nor decide who may
 * change them (api/). */
#include "store/store_land.h"
#include "store/store_bulk.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* ---- batches ---- */

#define BATCH_SELECT                                                                               \
	"SELECT b.id, b.zone_id, o.name, b.batch_no, b.approved_on, b.approved_m2x100, "           \
	"(SELECT COALESCE(SUM(p.area_m2x100), 0) FROM land_parcel p WHERE p.batch_id = b.id), "    \
	"b.created_at FROM land_batch b JOIN org o ON o.id = b.zone_id"
static const char sql_batch_list[] = BATCH_SELECT;
static const char sql_batch_get[] = BATCH_SELECT " WHERE b.id = ?1";
static const char sql_batch_insert[] =
    "INSERT INTO land_batch (zone_id, batch_no, approved_on, approved_m2x100, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char sql_batch_taken[] =
    "SELECT id FROM land_batch WHERE zone_id = ?1 AND batch_no = ?2";
static const char sql_zone_type[] = "SELECT type FROM org WHERE id = ?1";
/* a batch's zone, its approved area and the area of its parcels other than ?2 */
static const char sql_batch_room[] =
    "SELECT zone_id, approved_m2x100, (SELECT COALESCE(SUM(p.area_m2x100), 0) FROM land_parcel p "
    "WHERE p.batch_id = ?1 AND p.id <> ?2) FROM land_batch WHERE id = ?1";

static void read_batch(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_batch *b = element;

	memset(b, 0, sizeof(*b));
	b->id = store_col_int(st, 0);
	b->zone_id = store_col_int(st, 1);
	b->zone_name = store_col_dup(st, 2, a);
	b->batch_no = store_col_dup(st, 3, a);
	b->approved_on = store_col_dup(st, 4, a);
	b->approved_m2x100 = store_col_int(st, 5);
	b->supplied_m2x100 = store_col_int(st, 6);
	b->created_at = store_col_dup(st, 7, a);
}

struct batch_args {
	const struct store_scope *scope;
	int64_t zone_id;
};

static void batch_filter(struct store_sql *q, const void *arg)
{
	const struct batch_args *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND b.zone_id = ?", f->zone_id);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "b.zone_id", f->scope);
	}
}

int store_batch_list(struct store *s, struct arena *a, const struct store_scope *scope,
                     int64_t zone_id, struct store_batch **out, int *n)
{
	struct batch_args args = {scope, zone_id};
	struct store_list l = {
	    .list_sql = sql_batch_list,
	    .arg = &args,
	    .read = read_batch,
	    .elem_size = sizeof(**out),
	    .filter = batch_filter,
	    .order = " ORDER BY b.approved_on DESC, b.id DESC",
	};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

int store_batch_get(struct store *s, struct arena *a, int64_t id, struct store_batch *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_batch_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_batch, out);
}

static int write_batch(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	const struct store_land_json *shape = json;
	struct store_batch b;
	int rc;

	if ((rc = store_batch_get(s, a, id, &b)) == KFQ_OK)
		shape->batch(w, &b);
	return rc;
}

/* KFQ_OK for a zone, KFQ_ECONSTRAINT for another organization or none. */
static int zone_ok(struct store *s, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_zone_type, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_ROW)
		rc = strcmp(store_col_text(st, 0), "zone") ? KFQ_ECONSTRAINT : KFQ_OK;
	else if (rc == KFQ_DONE)
		rc = KFQ_ECONSTRAINT;
	store_reset(st);
	return rc;
}

int store_batch_create(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, struct store_batch *b)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = zone_ok(s, b->zone_id)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_batch_taken, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, b->zone_id);
	store_bind_text(st, 2, b->batch_no);
	if ((rc = store_run_id(st, NULL)) == KFQ_OK)
		rc = KFQ_ECONFLICT;
	if (rc != KFQ_ENOTFOUND || (rc = store_prepare(s, sql_batch_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, b->zone_id);
	store_bind_text(st, 2, b->batch_no);
	store_bind_text(st, 3, b->approved_on);
	store_bind_int(st, 4, b->approved_m2x100);
	store_bind_text(st, 5, now);
	if ((rc = store_run_id(st, &b->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "land_batch", b->id, NULL, write_batch,
		                        json);
done:
	return store_end(s, rc);
}

/* ---- parcels ---- */

#define PARCEL_FIELDS                                                                              \
	"zone_id, batch_id, parcel_no, location, land_use, area_m2x100, developed_m2x100, "        \
	"land_price_fen, investment_agreed_fen, investment_done_fen, agreed_start, "               \
	"agreed_finish, "                                                                          \
	"agreed_production, actual_start, actual_finish, actual_production, stopped_since, "       \
	"far_agreed_x100, far_x100, tax_per_mu_agreed_fen, tax_last_year_fen, idle_cause, "        \
	"geojson, where_code, enterprise_id"
#define PARCEL_NFIELDS 25
#define PARCEL_SELECT                                                                              \
	"SELECT p.id, p.zone_id, o.name, p.batch_id, b.batch_no, p.parcel_no, p.location, "        \
	"p.land_use, p.area_m2x100, p.developed_m2x100, p.land_price_fen, "                        \
	"p.investment_agreed_fen, p.investment_done_fen, p.agreed_start, p.agreed_finish, "        \
	"p.agreed_production, p.actual_start, p.actual_finish, p.actual_production, "              \
	"p.stopped_since, p.far_agreed_x100, p.far_x100, p.tax_per_mu_agreed_fen, "                \
	"p.tax_last_year_fen, p.idle_cause, p.geojson, p.where_code, p.created_at, p.updated_at, " \
	"p.enterprise_id, e.name, e.uscc, (SELECT SUM(x.amount_fen) FROM tax_record x WHERE "      \
	"x.enterprise_id = p.enterprise_id AND x.year = ?1), (SELECT SUM(y.area_m2x100) FROM "     \
	"land_parcel y WHERE y.enterprise_id = p.enterprise_id), (SELECT MIN(lc.id) FROM "         \
	"land_case "                                                                               \
	"lc WHERE lc.parcel_id = p.id AND lc.status = 'open') FROM land_parcel p JOIN org o ON "   \
	"o.id = p.zone_id LEFT JOIN land_batch b ON b.id = p.batch_id LEFT JOIN enterprise e ON "  \
	"e.id = p.enterprise_id"
static const char sql_parcel_count[] = "SELECT COUNT(*) FROM land_parcel p";
/* ?1: the year of the registry's tax (tax_head) */
static const char sql_parcel_list[] = PARCEL_SELECT;
static const char sql_parcel_get[] = PARCEL_SELECT " WHERE p.id = ?2";
static const char sql_parcel_insert[] =
    "INSERT INTO land_parcel (" PARCEL_FIELDS ", created_at, updated_at) VALUES (?1, ?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
    "?23, ?24, ?26, ?25, ?25) RETURNING id";
static const char sql_parcel_update[] =
    "UPDATE land_parcel SET zone_id = ?1, batch_id = ?2, parcel_no = ?3, location = ?4, "
    "land_use = ?5, area_m2x100 = ?6, developed_m2x100 = ?7, land_price_fen = ?8, "
    "investment_agreed_fen = ?9, investment_done_fen = ?10, agreed_start = ?11, "
    "agreed_finish = ?12, agreed_production = ?13, actual_start = ?14, actual_finish = ?15, "
    "actual_production = ?16, stopped_since = ?17, far_agreed_x100 = ?18, far_x100 = ?19, "
    "tax_per_mu_agreed_fen = ?20, tax_last_year_fen = ?21, idle_cause = ?22, geojson = ?23, "
    "where_code = ?24, enterprise_id = ?26, updated_at = ?25 WHERE id = ?27";
static const char sql_parcel_taken[] = "SELECT id FROM land_parcel WHERE parcel_no = ?1";
static const char sql_parcel_numbers[] = "SELECT parcel_no FROM land_parcel ORDER BY parcel_no";

static void read_parcel(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_parcel *p = element;
	const char **dates[] = {&p->agreed_start, &p->agreed_finish, &p->agreed_production,
	                        &p->actual_start, &p->actual_finish, &p->actual_production,
	                        &p->stopped_since};

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->zone_id = store_col_int(st, 1);
	p->zone_name = store_col_dup(st, 2, a);
	p->batch_id = store_col_int(st, 3);
	p->batch_no = store_col_dup(st, 4, a);
	p->parcel_no = store_col_dup(st, 5, a);
	p->location = store_col_dup(st, 6, a);
	p->land_use = store_col_dup(st, 7, a);
	p->area_m2x100 = store_col_int(st, 8);
	p->developed_m2x100 = store_col_int(st, 9);
	p->land_price_fen = store_col_int(st, 10);
	p->investment_agreed_fen = store_col_int(st, 11);
	p->investment_done_fen = store_col_int(st, 12);
	for (int i = 0; i < 7; i++)
		*dates[i] = store_col_dup(st, 13 + i, a);
	p->far_agreed_x100 = store_col_int(st, 20);
	p->far_x100 = store_col_int(st, 21);
	p->tax_per_mu_agreed_fen = store_col_int(st, 22);
	p->tax_last_year_fen = store_col_int(st, 23);
	p->idle_cause = store_col_dup(st, 24, a);
	p->geojson = store_col_dup(st, 25, a);
	p->where_code = store_col_dup(st, 26, a);
	p->created_at = store_col_dup(st, 27, a);
	p->updated_at = store_col_dup(st, 28, a);
	p->enterprise_id = store_col_int(st, 29);
	p->enterprise_name = store_col_dup(st, 30, a);
	p->enterprise_uscc = store_col_dup(st, 31, a);
	p->registry_tax = !store_col_null(st, 32);
	p->registry_tax_fen = store_col_int(st, 32);
	p->registry_area_m2x100 = store_col_int(st, 33);
	p->open_case_id = store_col_int(st, 34);
}

static void parcel_filter(struct store_sql *q, const void *arg)
{
	const struct store_parcel_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND p.zone_id = ?", f->zone_id);
	if (f->batch_id)
		store_sql_int(q, " AND p.batch_id = ?", f->batch_id);
	if (f->land_use)
		store_sql_text(q, " AND p.land_use = ?", f->land_use);
	if (f->enterprise_id)
		store_sql_int(q, " AND p.enterprise_id = ?", f->enterprise_id);
	if (f->q)
		store_sql_text(
		    q,
		    " AND (p.parcel_no LIKE ? ESCAPE '\\' OR p.location LIKE ? ESCAPE '\\' OR "
		    "EXISTS (SELECT 1 FROM enterprise x WHERE x.id = p.enterprise_id AND "
		    "x.name LIKE ? ESCAPE '\\'))",
		    f->q);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.zone_id", &f->scope);
	}
}

/* the list's ?1: the year of the registry's tax */
static void tax_head(struct store_sql *q, const void *arg)
{
	store_sql_param_int(q, ((const struct store_parcel_filter *)arg)->tax_year);
}

/* the list of the parcels f selects; g: f with its LIKE pattern, in a */
static struct store_list parcel_list(struct arena *a, const struct store_parcel_filter *f,
                                     struct store_parcel_filter *g)
{
	*g = *f;
	g->q = store_like_contains(a, f->q);
	return (struct store_list){
	    .count_sql = sql_parcel_count,
	    .list_sql = sql_parcel_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = g,
	    .read = read_parcel,
	    .elem_size = sizeof(struct store_parcel),
	    .head = tax_head,
	    .filter = parcel_filter,
	    .order = " ORDER BY p.id DESC",
	};
}

int store_parcel_list(struct store *s, struct arena *a, const struct store_parcel_filter *f,
                      struct store_parcel **out, int *n, int64_t *total)
{
	struct store_parcel_filter g;
	struct store_list l = parcel_list(a, f, &g);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_parcel_each(struct store *s, struct arena *a, const struct store_parcel_filter *f,
                      store_each_fn fn, void *ctx)
{
	struct store_parcel_filter g;
	struct store_list l = parcel_list(a, f, &g);

	return store_list_each(s, &l, fn, ctx);
}

int store_parcel_get(struct store *s, struct arena *a, int64_t id, int tax_year,
                     struct store_parcel *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_parcel_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, tax_year);
	store_bind_int(st, 2, id);
	return store_row(st, a, read_parcel, out);
}

static int write_parcel(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_land_json *shape = json;
	struct store_parcel p;
	int rc;

	/* the record of the parcel itself: no year of the registry's tax */
	if ((rc = store_parcel_get(s, a, id, 0, &p)) == KFQ_OK)
		shape->parcel(w, &p);
	return rc;
}

static void bind_parcel(struct store_stmt *st, const struct store_parcel *p, const char *now)
{
	const char *dates[] = {p->agreed_start, p->agreed_finish, p->agreed_production,
	                       p->actual_start, p->actual_finish, p->actual_production,
	                       p->stopped_since};

	store_bind_int(st, 1, p->zone_id);
	store_bind_id(st, 2, p->batch_id);
	store_bind_text(st, 3, p->parcel_no);
	store_bind_text(st, 4, p->location);
	store_bind_text(st, 5, p->land_use);
	store_bind_int(st, 6, p->area_m2x100);
	store_bind_int(st, 7, p->developed_m2x100);
	store_bind_int(st, 8, p->land_price_fen);
	store_bind_int(st, 9, p->investment_agreed_fen);
	store_bind_int(st, 10, p->investment_done_fen);
	for (int i = 0; i < 7; i++)
		store_bind_text(st, 11 + i, dates[i]);
	store_bind_int(st, 18, p->far_agreed_x100);
	store_bind_int(st, 19, p->far_x100);
	store_bind_int(st, 20, p->tax_per_mu_agreed_fen);
	store_bind_int(st, 21, p->tax_last_year_fen);
	store_bind_text(st, 22, p->idle_cause);
	store_bind_text(st, 23, p->geojson);
	store_bind_text(st, 24, p->where_code);
	store_bind_text(st, 25, now);
	store_bind_id(st, 26, p->enterprise_id);
}

struct batch_room {
	int64_t zone_id, approved_m2x100, others_m2x100;
};

static void read_room(struct store_stmt *st, struct arena *a, void *element)
{
	struct batch_room *r = element;

	(void)a;
	r->zone_id = store_col_int(st, 0);
	r->approved_m2x100 = store_col_int(st, 1);
	r->others_m2x100 = store_col_int(st, 2);
}

/* The references of p inside the transaction: a zone, its own batch with room for p's area (its
 * other parcels and p within the approved area), a number not taken by another parcel. */
static int parcel_refs(struct store *s, const struct store_parcel *p)
{
	struct store_stmt *st;
	int64_t other = 0;
	int rc;

	if ((rc = zone_ok(s, p->zone_id)) != KFQ_OK)
		return rc;
	if (p->batch_id) {
		struct batch_room room;
		if ((rc = store_prepare(s, sql_batch_room, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, p->batch_id);
		store_bind_int(st, 2, p->id);
		if ((rc = store_row(st, NULL, read_room, &room)) == KFQ_ENOTFOUND ||
		    (rc == KFQ_OK && room.zone_id != p->zone_id))
			return KFQ_ECONSTRAINT;
		if (rc != KFQ_OK)
			return rc;
		if (room.others_m2x100 + p->area_m2x100 > room.approved_m2x100)
			return KFQ_EINVAL;
	}
	if ((rc = store_prepare(s, sql_parcel_taken, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, p->parcel_no);
	rc = store_run_id(st, &other);
	if (rc == KFQ_ENOTFOUND)
		return KFQ_OK;
	return rc == KFQ_OK && other != p->id ? KFQ_ECONFLICT : rc;
}

int store_parcel_create(struct store *s, const struct store_actor *who,
                        const struct store_land_json *json, struct store_parcel *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	p->id = 0;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = parcel_refs(s, p)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_parcel_insert, &st)) != KFQ_OK)
		goto done;
	bind_parcel(st, p, now);
	if ((rc = store_run_id(st, &p->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "land_parcel", p->id, NULL, write_parcel,
		                        json);
done:
	return store_end(s, rc);
}

int store_parcel_update(struct store *s, const struct store_actor *who,
                        const struct store_land_json *json, const struct store_parcel *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, p->id, write_parcel, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = parcel_refs(s, p)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_parcel_update, &st)) != KFQ_OK)
		goto done;
	bind_parcel(st, p, now);
	store_bind_int(st, 27, p->id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "land_parcel", p->id, before,
		                        write_parcel, json);
done:
	free(before);
	return store_end(s, rc);
}

/* ---- the import ---- */

static void read_text(struct store_stmt *st, struct arena *a, void *element)
{
	*(const char **)element = store_col_dup(st, 0, a);
}

int store_parcel_numbers(struct store *s, struct arena *a, const char ***out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_parcel_numbers, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_text(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

const struct store_bulk_spec store_parcel_bulk = {
    .copy_sql = "COPY land_parcel (" PARCEL_FIELDS ", created_at, updated_at) FROM STDIN",
    .insert_sql = "INSERT INTO land_parcel (" PARCEL_FIELDS ", created_at, updated_at) VALUES "
                  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                  "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    .ncols = PARCEL_NFIELDS + 2,
};

int store_parcel_bulk_row(struct store_bulk *b, const struct store_parcel *p, const char *now)
{
	const char *dates[] = {p->agreed_start, p->agreed_finish, p->agreed_production,
	                       p->actual_start, p->actual_finish, p->actual_production,
	                       p->stopped_since};

	store_bulk_int(b, p->zone_id);
	if (p->batch_id)
		store_bulk_int(b, p->batch_id);
	else
		store_bulk_text(b, NULL);
	store_bulk_text(b, p->parcel_no);
	store_bulk_text(b, p->location);
	store_bulk_text(b, p->land_use);
	store_bulk_int(b, p->area_m2x100);
	store_bulk_int(b, p->developed_m2x100);
	store_bulk_int(b, p->land_price_fen);
	store_bulk_int(b, p->investment_agreed_fen);
	store_bulk_int(b, p->investment_done_fen);
	for (int i = 0; i < 7; i++)
		store_bulk_text(b, dates[i]);
	store_bulk_int(b, p->far_agreed_x100);
	store_bulk_int(b, p->far_x100);
	store_bulk_int(b, p->tax_per_mu_agreed_fen);
	store_bulk_int(b, p->tax_last_year_fen);
	store_bulk_text(b, p->idle_cause);
	store_bulk_text(b, p->geojson);
	store_bulk_text(b, p->where_code);
	if (p->enterprise_id)
		store_bulk_int(b, p->enterprise_id);
	else
		store_bulk_text(b, NULL);
	store_bulk_text(b, now);
	store_bulk_text(b, now);
	return store_bulk_row(b);
}

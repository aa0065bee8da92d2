/* store_project.c - projects located by a point or an outline, in SQL: listed (the flagged
 * ones by the rule core/land.h states, written as a predicate), created and replaced with their
 * audit records. Must not locate anything (the caller gives where_code from core/geo.c). */
#include "store/store_land.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define PROJECT_SELECT                                                                             \
	"SELECT p.id, p.zone_id, o.name, p.name, p.industrial, p.geojson, p.where_code, "          \
	"p.exception_reason, p.created_at, p.updated_at FROM land_project p JOIN org o ON o.id = " \
	"p.zone_id"
static const char sql_count[] = "SELECT COUNT(*) FROM land_project p";
static const char sql_list[] = PROJECT_SELECT;
static const char sql_get[] = PROJECT_SELECT " WHERE p.id = ?1";
static const char sql_insert[] =
    "INSERT INTO land_project (zone_id, name, industrial, geojson, where_code, "
    "exception_reason, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
    "RETURNING id";
static const char sql_update[] =
    "UPDATE land_project SET zone_id = ?1, name = ?2, industrial = ?3, geojson = ?4, "
    "where_code = ?5, exception_reason = ?6, updated_at = ?7 WHERE id = ?8";

static void read_project(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_project *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->zone_id = store_col_int(st, 1);
	p->zone_name = store_col_dup(st, 2, a);
	p->name = store_col_dup(st, 3, a);
	p->industrial = store_col_int(st, 4) != 0;
	p->geojson = store_col_dup(st, 5, a);
	p->where_code = store_col_dup(st, 6, a);
	p->exception_reason = store_col_dup(st, 7, a);
	p->created_at = store_col_dup(st, 8, a);
	p->updated_at = store_col_dup(st, 9, a);
}

static void project_filter(struct store_sql *q, const void *arg)
{
	const struct store_project_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND p.zone_id = ?", f->zone_id);
	if (f->industrial >= 0)
		store_sql_int(q, " AND p.industrial = ?", f->industrial);
	if (f->flagged)
		store_sql_add(q, " AND p.industrial = 0 AND p.where_code <> 'outside' AND "
		                 "p.exception_reason IS NULL");
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.zone_id", &f->scope);
	}
}

int store_project_list(struct store *s, struct arena *a, const struct store_project_filter *f,
                       struct store_project **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_project,
	    .elem_size = sizeof(**out),
	    .filter = project_filter,
	    .order = " ORDER BY p.id DESC",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_project_get(struct store *s, struct arena *a, int64_t id, struct store_project *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_project, out);
}

static int write_project(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_land_json *shape = json;
	struct store_project p;
	int rc;

	if ((rc = store_project_get(s, a, id, &p)) == KFQ_OK)
		shape->project(w, &p);
	return rc;
}

static void bind_project(struct store_stmt *st, const struct store_project *p, const char *now)
{
	store_bind_int(st, 1, p->zone_id);
	store_bind_text(st, 2, p->name);
	store_bind_int(st, 3, p->industrial);
	store_bind_text(st, 4, p->geojson);
	store_bind_text(st, 5, p->where_code);
	store_bind_text(st, 6, p->exception_reason);
	store_bind_text(st, 7, now);
}

int store_project_create(struct store *s, const struct store_actor *who,
                         const struct store_land_json *json, struct store_project *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_insert, &st)) == KFQ_OK) {
		bind_project(st, p, now);
		if ((rc = store_run_id(st, &p->id)) == KFQ_OK)
			rc = store_audit_entity(s, who, "create", "land_project", p->id, NULL,
			                        write_project, json);
	}
	return store_end(s, rc);
}

int store_project_update(struct store *s, const struct store_actor *who,
                         const struct store_land_json *json, const struct store_project *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, p->id, write_project, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_update, &st)) == KFQ_OK) {
		bind_project(st, p, now);
		store_bind_int(st, 8, p->id);
		if ((rc = store_run(st)) == KFQ_OK)
			rc = store_audit_entity(s, who, "update", "land_project", p->id, before,
			                        write_project, json);
	}
	free(before);
	return store_end(s, rc);
}

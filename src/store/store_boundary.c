/* store_boundary.c - zones' approved areas and boundaries in SQL: read, list within a scope,
 * set with its audit record, and with it the re-check of the zone's projects and parcels
 * against the new boundary, whose changed flags the record lists. Must not compute geometry
 * (the caller gives the area and box, and locates, with core/geo.c) nor decide who may set one
 * (api/ does). */
#include "store/store_land.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define COLS_WITH(g)                                                                               \
	"SELECT b.zone_id, o.name, b.catalogue_code, b.approved_ha_x100, "                         \
	"b.four_to, " g ", CASE WHEN b.geojson IS NULL THEN 0 ELSE 1 END, b.area_m2x100, "         \
	"b.tolerance_bp, b.min_lon, "                                                              \
	"b.min_lat, b.max_lon, b.max_lat, b.updated_at FROM zone_boundary b JOIN org o ON "        \
	"o.id = b.zone_id"
static const char sql_list[] = COLS_WITH("NULL");
static const char sql_list_geo[] = COLS_WITH("b.geojson");
static const char sql_get[] = COLS_WITH("b.geojson") " WHERE b.zone_id = ?1";
static const char sql_org_type[] = "SELECT type FROM org WHERE id = ?1";
static const char sql_exists[] = "SELECT 1 FROM zone_boundary WHERE zone_id = ?1";
static const char sql_insert[] =
    "INSERT INTO zone_boundary (zone_id, catalogue_code, approved_ha_x100, four_to, geojson, "
    "area_m2x100, tolerance_bp, min_lon, min_lat, max_lon, max_lat, updated_at, updated_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_update[] =
    "UPDATE zone_boundary SET catalogue_code = ?2, approved_ha_x100 = ?3, four_to = ?4, "
    "geojson = ?5, area_m2x100 = ?6, tolerance_bp = ?7, min_lon = ?8, min_lat = ?9, "
    "max_lon = ?10, max_lat = ?11, updated_at = ?12, updated_by = ?13 WHERE zone_id = ?1";

/* What the re-check reads of a project or parcel: its name (the parcel's number) for the record */
static const char sql_projects[] = "SELECT id, name, geojson, where_code FROM land_project "
                                   "WHERE zone_id = ?1 ORDER BY id";
static const char sql_parcels[] = "SELECT id, parcel_no, geojson, where_code FROM land_parcel "
                                  "WHERE zone_id = ?1 AND geojson IS NOT NULL ORDER BY id";
static const char sql_project_where[] = "UPDATE land_project SET where_code = ?2 WHERE id = ?1";
static const char sql_parcel_where[] = "UPDATE land_parcel SET where_code = ?2 WHERE id = ?1";

struct located {
	int64_t id;
	const char *name, *geojson, *where_code;
};

static void read_located(struct store_stmt *st, struct arena *a, void *element)
{
	struct located *l = element;

	l->id = store_col_int(st, 0);
	l->name = store_col_dup(st, 1, a);
	l->geojson = store_col_dup(st, 2, a);
	l->where_code = store_col_dup(st, 3, a);
}

static void read_boundary(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_boundary *b = element;

	memset(b, 0, sizeof(*b));
	b->zone_id = store_col_int(st, 0);
	b->zone_name = store_col_dup(st, 1, a);
	b->catalogue_code = store_col_dup(st, 2, a);
	b->approved_ha_x100 = store_col_int(st, 3);
	b->four_to = store_col_dup(st, 4, a);
	b->geojson = store_col_dup(st, 5, a);
	b->has_geometry = store_col_int(st, 6) != 0;
	b->area_m2x100 = store_col_int(st, 7);
	b->tolerance_bp = (int)store_col_int(st, 8);
	for (int i = 0; i < 4; i++)
		b->bbox[i] = store_col_int(st, 9 + i);
	b->updated_at = store_col_dup(st, 13, a);
}

static void boundary_filter(struct store_sql *q, const void *arg)
{
	const struct store_scope *scope = arg;

	if (!store_scope_everything(scope)) {
		store_sql_add(q, " WHERE ");
		store_sql_scope(q, "b.zone_id", scope);
	}
}

int store_boundary_list(struct store *s, struct arena *a, const struct store_scope *scope,
                        bool with_geometry, struct store_boundary **out, int *n)
{
	struct store_list l = {
	    .list_sql = with_geometry ? sql_list_geo : sql_list,
	    .arg = scope,
	    .read = read_boundary,
	    .elem_size = sizeof(**out),
	    .filter = boundary_filter,
	    .order = " ORDER BY o.name, b.zone_id",
	};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

int store_boundary_get(struct store *s, struct arena *a, int64_t zone_id,
                       struct store_boundary *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	return store_row(st, a, read_boundary, out);
}

static int write_boundary(struct store *s, struct arena *a, int64_t id, const void *json,
                          struct jsonw *w)
{
	const struct store_land_json *shape = json;
	struct store_boundary b;
	int rc;

	if ((rc = store_boundary_get(s, a, id, &b)) == KFQ_OK)
		shape->boundary(w, &b);
	return rc;
}

/* KFQ_OK for a zone, KFQ_ENOTFOUND for no organization, KFQ_ECONSTRAINT for another type. */
static int zone_check(struct store *s, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_org_type, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_ROW)
		rc = strcmp(store_col_text(st, 0), "zone") ? KFQ_ECONSTRAINT : KFQ_OK;
	else if (rc == KFQ_DONE)
		rc = KFQ_ENOTFOUND;
	store_reset(st);
	return rc;
}

/* Re-locates every row select lists of zone_id against the boundary loc stands for, writes
 * the changed codes with update, and appends each change to moved ({entity, id, name, from,
 * to}). */
static int relocate(struct store *s, struct arena *a, const struct store_locator *loc,
                    int64_t zone_id, const char *select, const char *update, const char *entity,
                    json_t *moved)
{
	struct store_stmt *st;
	struct located *rows;
	const char *to;
	int n, rc;

	if ((rc = store_collect(s, a, select, zone_id, sizeof(*rows), read_located, (void **)&rows,
	                        &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if (loc->locate(loc->arg, rows[i].geojson, &to) != 0)
			return KFQ_EINVAL;
		if (rows[i].where_code && !strcmp(rows[i].where_code, to))
			continue;
		if ((rc = store_prepare(s, update, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, rows[i].id);
		store_bind_text(st, 2, to);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
		if (json_array_append_new(moved, json_pack("{s:s, s:I, s:s, s:s?, s:s}", "entity",
		                                           entity, "id", (json_int_t)rows[i].id,
		                                           "name", rows[i].name, "from",
		                                           rows[i].where_code, "to", to)) != 0)
			return KFQ_ERR;
	}
	return KFQ_OK;
}

/* The record's "after": the boundary as it is now, with "relocated" when flags changed. */
static int set_record(struct store *s, const struct store_land_json *json, int64_t zone_id,
                      json_t *moved, char **out)
{
	json_t *v = NULL;
	json_error_t err;
	char *text;
	int rc = KFQ_OK;

	*out = NULL;
	text = store_entity_json(s, zone_id, write_boundary, json, &rc);
	if (rc != KFQ_OK || !json_array_size(moved)) {
		*out = text;
		return rc;
	}
	if (!(v = json_loads(text, 0, &err)) || json_object_set(v, "relocated", moved) != 0 ||
	    !(*out = json_dumps(v, JSON_COMPACT)))
		rc = KFQ_ERR;
	json_decref(v);
	free(text);
	return rc;
}

int store_boundary_set(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, const struct store_boundary *b,
                       const struct store_locator *loc, int *changed)
{
	struct store_stmt *st;
	struct arena a;
	json_t *moved = json_array();
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	int64_t exists = 0;
	int rc;

	arena_init(&a);
	if (changed)
		*changed = 0;
	time_format(time_now(), now);
	if (!moved) {
		rc = KFQ_ERR;
		goto cleanup;
	}
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = zone_check(s, b->zone_id)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_exists, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, b->zone_id);
	if ((rc = store_run_id(st, &exists)) == KFQ_OK)
		before = store_entity_json(s, b->zone_id, write_boundary, json, &rc);
	else if (rc == KFQ_ENOTFOUND)
		rc = KFQ_OK;
	if (rc != KFQ_OK ||
	    (rc = store_prepare(s, exists ? sql_update : sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, b->zone_id);
	store_bind_text(st, 2, b->catalogue_code);
	store_bind_int(st, 3, b->approved_ha_x100);
	store_bind_text(st, 4, b->four_to);
	store_bind_text(st, 5, b->geojson);
	store_bind_int(st, 6, b->area_m2x100);
	store_bind_int(st, 7, b->tolerance_bp);
	for (int i = 0; i < 4; i++) {
		if (b->geojson)
			store_bind_int(st, 8 + i, b->bbox[i]);
		else
			store_bind_null(st, 8 + i);
	}
	store_bind_text(st, 12, now);
	store_bind_id(st, 13, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	/* without coordinates there is nothing to check against: the flags stay as they were */
	if (b->geojson && loc &&
	    ((rc = relocate(s, &a, loc, b->zone_id, sql_projects, sql_project_where, "land_project",
	                    moved)) != KFQ_OK ||
	     (rc = relocate(s, &a, loc, b->zone_id, sql_parcels, sql_parcel_where, "land_parcel",
	                    moved)) != KFQ_OK))
		goto done;
	if ((rc = set_record(s, json, b->zone_id, moved, &after)) == KFQ_OK)
		rc = store_audit_append_id(s, who, "set", "zone_boundary", b->zone_id, before,
		                           after);
	if (rc == KFQ_OK && changed)
		*changed = (int)json_array_size(moved);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	free(after);
	json_decref(moved);
	arena_release(&a);
	return rc;
}

/* store_boundary.c - zones' approved areas and boundaries in SQL: read, list within a scope,
 * set with its audit record. Must not compute geometry (the caller gives the area and box from
 * core/geo.c) nor decide who may set one (api/ does). */
#include "store/store_land.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

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

int store_boundary_set(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, const struct store_boundary *b)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t exists = 0;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
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
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "set", "zone_boundary", b->zone_id, before,
		                        write_boundary, json);
done:
	free(before);
	return store_end(s, rc);
}

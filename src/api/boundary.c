/* boundary.c - each zone's approved area (审核公告目录) and boundary (四至 as GeoJSON in
 * CGCS2000 longitude/latitude): read and exported (.xlsx, CSV) by everyone who reads land, set
 * by an organization holding manage_land (市自然资源局), which re-locates the zone's projects
 * and parcels against the new boundary in the same transaction. The GeoJSON is read and checked by
 * core/geojson.c and core/geo.c (validity, the geodesic area, the approved-area check); coordinates
 * copied from a consumer web map (GCJ-02) are not converted, and the refusal messages say what is
 * expected. Also the land module's shared checks (land_impl.h). Must not write SQL. */
#include "api/api.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "core/cellval.h"
#include "core/geo.h"
#include "core/geojson.h"
#include "core/land.h"
#include "core/plan.h"
#include "store/store_land.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BOUNDARY_GEOJSON_MAX (4 * 1024 * 1024)

void land_scope(struct api_ctx *c, struct store_scope *out)
{
	const char *role = c->sess.user.role;

	api_scope(c, out);
	if (strcmp(role, "zone") != 0 && strcmp(role, "county") != 0)
		out->kind = "all";
}

int land_may_change(struct api_ctx *c, int64_t zone_id)
{
	struct store_scope scope;
	bool may;

	land_scope(c, &scope);
	if (api_scope_check(c, &scope, zone_id) != 0)
		return -1;
	if (api_org_may(c, CAP_MANAGE_LAND, &may) != 0)
		return -1;
	if (may || !strcmp(c->sess.user.role, "zone"))
		return 0;
	return api_require_capability(c, CAP_MANAGE_LAND);
}

int land_body_hundredths(struct api_ctx *c, const char *name, bool positive, int64_t *out)
{
	const char *text = api_body_str(c, name), *why = NULL;
	char field[64];

	*out = 0;
	if (!text)
		return 0;
	if (cellval_amount_fen(text, false, out, &why) == 0 && (!positive || *out > 0) && *out >= 0)
		return 0;
	snprintf(field, sizeof(field), "/%s", name);
	return api_error(c, 400, "invalid_value",
	                 positive ? "应为大于零的数，最多两位小数"
	                          : "应为不小于零的数，最多两位小数",
	                 arena_strdup(c->a, field));
}

int land_body_date(struct api_ctx *c, const char *name, const char **out)
{
	char field[64];

	*out = api_body_str(c, name);
	if (!*out || plan_day(*out) >= 0)
		return 0;
	snprintf(field, sizeof(field), "/%s", name);
	return api_error(c, 400, "invalid_value", "日期应为 YYYY-MM-DD 格式的有效日期",
	                 arena_strdup(c->a, field));
}

/* Reads text as GeoJSON into s, checked; 0, or -1 after answering 400. */
static int shape_read(struct api_ctx *c, const char *text, struct geo_shape *s)
{
	struct geojson_error e;
	struct geo_problem p = {{0}};

	if (geojson_read(text, strlen(text), c->a, s, &e) != 0)
		return api_error(c, 400, "invalid_geometry", e.message, "/geojson");
	if (geo_validate(s, &p) != 0)
		return api_error(c, 400, "invalid_geometry", p.message, "/geojson");
	return 0;
}

int land_locate(struct api_ctx *c, int64_t zone_id, const char **text, const char **where)
{
	const char *in = api_body_str(c, "geojson");
	struct store_boundary b;
	struct geo_shape s, zone;
	struct geo_problem p = {{0}};
	struct strbuf sb = STRBUF_INIT;
	enum geo_where w;
	int rc;

	*text = *where = NULL;
	if (!in)
		return 0;
	if (shape_read(c, in, &s) != 0)
		return -1;
	geojson_write(&sb, &s);
	*text = arena_strndup(c->a, sb.buf, sb.len);
	strbuf_release(&sb);
	rc = store_boundary_get(c->db, c->a, zone_id, &b);
	if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && !b.geojson))
		return 0;
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (shape_read(c, b.geojson, &zone) != 0)
		return -1;
	if (geo_locate(&zone, &s, &w, &p) != 0)
		return api_error(c, 500, "internal", p.message, NULL);
	*where = land_where_code(w);
	return 0;
}

/* GET /api/land/zones: every zone of the caller's land scope, with a boundary or not, for the
 * land pages' pickers (the boundaries' list holds only the zones with one) */
static int zones(struct api_ctx *c)
{
	struct store_scope scope;

	land_scope(c, &scope);
	return api_zone_list(c, &scope);
}

static int list(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_boundary *bs;
	int n, rc;

	land_scope(c, &scope);
	rc =
	    store_boundary_list(c->db, c->a, &scope, api_query_int(c, "geometry", 0) != 0, &bs, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_boundary(&c->w, &bs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",        "目录代码",     "核准面积（公顷）", "测算面积（公顷）", "偏差（%）",
	    "允许偏差（%）", "超出允许偏差", "已有边界图形",     "四至范围",         "更新时间"};
	static const double widths[] = {28, 12, 16, 16, 12, 14, 14, 14, 50, 22};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_scope scope;
	struct store_boundary *bs;
	struct export_table x;
	int n, rc;

	land_scope(c, &scope);
	if ((rc = store_boundary_list(c->db, c->a, &scope, false, &bs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "开发区边界", headers, widths, ncols) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_boundary *b = &bs[i];
		int64_t bp = 0;
		bool off = b->has_geometry && geo_area_deviates(b->area_m2x100, b->approved_ha_x100,
		                                                b->tolerance_bp, &bp);
		export_text(&x, b->zone_name);
		export_text(&x, b->catalogue_code);
		export_amount(&x, b->approved_ha_x100, 2);
		if (b->has_geometry) {
			/* hundredths of m² to hundredths of ha, half-up, as the list shows it */
			export_amount(&x, (b->area_m2x100 + 5000) / 10000, 2);
			export_bp_percent(&x, bp);
		} else {
			export_text(&x, NULL);
			export_text(&x, NULL);
		}
		export_bp_percent(&x, b->tolerance_bp);
		export_text(&x, off ? "是" : "否");
		export_text(&x, b->has_geometry ? "是" : "否");
		export_text(&x, b->four_to);
		export_time(&x, b->updated_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "开发区边界");
}

static int get(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_boundary b;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, id) != 0)
		return -1;
	if ((rc = store_boundary_get(c->db, c->a, id, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	land_json_boundary(&c->w, &b);
	return api_ok(c, 200);
}

/* Reads, checks and measures the body's geojson into b and prepares it for the re-check in
 * *zone (the caller frees it); nothing when absent. */
static int geometry(struct api_ctx *c, struct store_boundary *b, struct geo_prepared **zone)
{
	const char *text = api_body_str(c, "geojson");
	struct geojson_error e;
	struct geo_problem p = {{0}};
	struct geo_shape s;
	struct strbuf sb = STRBUF_INIT;
	double box[4];

	if (!text)
		return 0;
	if (geojson_read(text, strlen(text), c->a, &s, &e) != 0)
		return api_error(c, 400, "invalid_geometry", e.message, "/geojson");
	if (s.kind == GEO_POINT)
		return api_error(c, 400, "invalid_geometry", "边界应为 Polygon 或 MultiPolygon",
		                 "/geojson");
	if (geo_validate(&s, &p) != 0)
		return api_error(c, 400, "invalid_geometry", p.message, "/geojson");
	if (geo_prepare(&s, zone, &p) != 0)
		return api_error(c, 500, "internal", p.message, NULL);
	b->area_m2x100 = geo_area_m2x100(&s);
	geo_bbox(&s, &box[0], &box[1], &box[2], &box[3]);
	for (int i = 0; i < 4; i++)
		b->bbox[i] = llround(box[i] * 1e7);
	geojson_write(&sb, &s);
	b->geojson = arena_strndup(c->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return 0;
}

/* The re-check of a boundary's change (store_locator): each stored shape read and located
 * against the new boundary, prepared once. */
struct recheck {
	struct arena *a;
	struct geo_prepared *zone;
	struct geo_problem p;
};

static int recheck_locate(void *arg, const char *geojson, const char **where_code)
{
	struct recheck *r = arg;
	struct geojson_error e;
	struct geo_shape s;
	enum geo_where w;

	if (geojson_read(geojson, strlen(geojson), r->a, &s, &e) != 0) {
		/* stored shapes were normalized when saved: this is a damaged row, not input */
		snprintf(r->p.message, sizeof(r->p.message), "已存的项目或地块位置无法读取");
		return -1;
	}
	if (geo_prepared_locate(r->zone, &s, &w, &r->p) != 0)
		return -1;
	*where_code = land_where_code(w);
	return 0;
}

static int set(struct api_ctx *c)
{
	struct store_boundary b = {0};
	struct recheck r = {.a = c->a};
	struct store_locator loc = {recheck_locate, &r};
	int changed = 0, rc;

	if (api_path_id(c, &b.zone_id) != 0)
		return -1;
	if (land_may_change(c, b.zone_id) != 0 || api_require_capability(c, CAP_MANAGE_LAND) != 0)
		return -1;
	if (land_body_hundredths(c, "approved_ha", true, &b.approved_ha_x100) != 0)
		return -1;
	b.catalogue_code = api_body_str(c, "catalogue_code");
	b.four_to = api_body_str(c, "four_to");
	b.tolerance_bp =
	    api_body_has(c, "tolerance_bp") ? (int)api_body_int(c, "tolerance_bp") : 300;
	if (geometry(c, &b, &r.zone) != 0)
		return -1;
	rc = store_boundary_set(c->db, &c->actor, &land_json_audit, &b, r.zone ? &loc : NULL,
	                        &changed);
	geo_prepared_free(r.zone);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "只能为开发区设置边界", NULL);
	if (rc == KFQ_EINVAL)
		return api_error(c, 500, "internal", r.p.message, NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_boundary_get(c->db, c->a, b.zone_id, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	/* the boundary with how many flags its change moved */
	jsonw_obj_open(&c->w);
	land_json_boundary_fields(&c->w, &b);
	jsonw_kint(&c->w, "relocated", changed);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static const struct api_field list_query[] = {
    API_INT_FIELD("geometry", false, 0, 1),
    API_FIELDS_END,
};

static const struct api_field set_body[] = {
    {"catalogue_code", API_STR, false, 20},
    {"approved_ha", API_STR, true, 20},
    {"four_to", API_STR, false, 2000},
    {"geojson", API_STR, false, BOUNDARY_GEOJSON_MAX},
    API_INT_FIELD("tolerance_bp", false, 0, 10000),
    API_FIELDS_END,
};

const struct api_route api_boundary_routes[] = {
    {"GET", "/api/land/zones", zones, PERM_LAND_READ, 0, NULL, NULL},
    {"GET", "/api/land/boundaries", list, PERM_LAND_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/land/boundaries/export.xlsx", export, PERM_LAND_READ, 0, NULL, NULL},
    {"GET", "/api/land/boundaries/export.csv", export, PERM_LAND_READ, 0, NULL, NULL},
    {"GET", "/api/land/boundaries/:id", get, PERM_LAND_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/land/boundaries/:id", set, PERM_LAND_WRITE, 0, NULL, set_body,
     BOUNDARY_GEOJSON_MAX + 64 * 1024},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* project.c - projects located by a point or an outline against their zone's approved boundary
 * (art. 2): a non-industrial project inside it, partly inside or on its line is flagged unless
 * an exception (必要的生产生活配套) records why it may stay. Located by core/geo.c when saved,
 * and again when the zone's boundary changes (api/boundary.c); listed and exported (.xlsx, CSV)
 * with the same filters. Must not write SQL. */
#include "api/api.h"
#include "api/export.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "core/land.h"
#include "store/store_land.h"

#include <string.h>

/* The filters of the list and its exports. */
static void filter_from_query(struct api_ctx *c, struct store_project_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->industrial = (int)api_query_int(c, "industrial", -1);
	f->flagged = api_query_int(c, "flagged", 0) != 0;
	land_scope(c, &f->scope);
}

static int list(struct api_ctx *c)
{
	struct store_project_filter f;
	struct store_project *ps;
	int64_t total;
	int n, rc;

	filter_from_query(c, &f);
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_project_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_project(&c->w, &ps[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"项目名称", "开发区",   "性质",     "与边界关系",
	                                      "应调出",   "例外理由", "录入时间", "更新时间"};
	static const double widths[] = {30, 28, 12, 14, 10, 40, 22, 22};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_project_filter f;
	struct store_project *ps;
	struct export_table x;
	int64_t total;
	int n, rc;

	filter_from_query(c, &f);
	if ((rc = store_project_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "位置核查项目", headers, widths, ncols) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_project *p = &ps[i];
		enum geo_where w = land_where_parse(p->where_code);
		export_text(&x, p->name);
		export_text(&x, p->zone_name);
		export_text(&x, p->industrial ? "产业项目" : "非产业项目");
		export_text(&x, land_where_label(w));
		export_text(&x, land_project_flagged(p->industrial, w, p->exception_reason) ? "是"
		                                                                            : "否");
		export_text(&x, p->exception_reason);
		export_time(&x, p->created_at);
		export_time(&x, p->updated_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "位置核查项目");
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_project p;
	int rc;

	if ((rc = store_project_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	land_json_project(&c->w, &p);
	return api_ok(c, status);
}

static int from_body(struct api_ctx *c, struct store_project *p)
{
	p->zone_id = api_body_int(c, "zone_id");
	p->name = api_body_str(c, "name");
	p->industrial = api_body_bool(c, "industrial");
	p->exception_reason = api_body_str(c, "exception_reason");
	if (land_may_change(c, p->zone_id) != 0 ||
	    land_locate(c, p->zone_id, &p->geojson, &p->where_code) != 0)
		return -1;
	if (!p->where_code)
		return api_error(c, 409, "invalid_state",
		                 "该开发区尚未录入边界坐标，无法判断项目位置", "/zone_id");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_project p = {0};
	int rc;

	if (from_body(c, &p) != 0)
		return -1;
	if ((rc = store_project_create(c->db, &c->actor, &land_json_audit, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_project old, p = {0};
	int rc;

	if (api_path_id(c, &p.id) != 0)
		return -1;
	if ((rc = store_project_get(c->db, c->a, p.id, &old)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, old.zone_id) != 0 || land_may_change(c, old.zone_id) != 0)
		return -1;
	if (from_body(c, &p) != 0)
		return -1;
	if ((rc = store_project_update(c->db, &c->actor, &land_json_audit, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 200);
}

#define PROJECT_FILTER                                                                             \
	API_ID_FIELD("zone_id", false), API_INT_FIELD("industrial", false, 0, 1),                  \
	    API_INT_FIELD("flagged", false, 0, 1)
static const struct api_field list_query[] = {PROJECT_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {PROJECT_FILTER, API_FIELDS_END};

static const struct api_field body[] = {
    API_ID_FIELD("zone_id", true),
    {"name", API_STR, true, 200},
    {"industrial", API_BOOL, true, 0},
    {"geojson", API_STR, true, 512 * 1024},
    {"exception_reason", API_STR, false, 500},
    API_FIELDS_END,
};

const struct api_route api_project_routes[] = {
    {"GET", "/api/land/projects", list, PERM_LAND_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/land/projects/export.xlsx", export, PERM_LAND_READ, 0, export_query, NULL},
    {"GET", "/api/land/projects/export.csv", export, PERM_LAND_READ, 0, export_query, NULL},
    {"POST", "/api/land/projects", create, PERM_LAND_WRITE, 0, NULL, body},
    {"PUT", "/api/land/projects/:id", update, PERM_LAND_WRITE, 0, NULL, body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

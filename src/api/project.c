/* project.c - projects located by a point or an outline against their zone's approved boundary
 * (art. 2): a non-industrial project inside it, partly inside or on its line is flagged unless
 * an exception (必要的生产生活配套) records why it may stay. Located by core/geo.c when saved.
 * Must not write SQL. */
#include "api/api.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "store/store_land.h"

#include <string.h>

static int list(struct api_ctx *c)
{
	struct store_project_filter f = {0};
	struct store_project *ps;
	int64_t total;
	int n, rc;

	f.zone_id = api_query_int(c, "zone_id", 0);
	f.industrial = (int)api_query_int(c, "industrial", -1);
	f.flagged = api_query_int(c, "flagged", 0) != 0;
	land_scope(c, &f.scope);
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_project_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_project(&c->w, &ps[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
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

static const struct api_field list_query[] = {
    API_ID_FIELD("zone_id", false),
    API_INT_FIELD("industrial", false, 0, 1),
    API_INT_FIELD("flagged", false, 0, 1),
    API_QPAGE,
    API_FIELDS_END,
};

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
    {"POST", "/api/land/projects", create, PERM_LAND_WRITE, 0, NULL, body},
    {"PUT", "/api/land/projects/:id", update, PERM_LAND_WRITE, 0, NULL, body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

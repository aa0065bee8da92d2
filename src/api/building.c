/* building.c - 腾笼换鸟 over HTTP: idle buildings (闲置厂房、闲置商务楼宇) listed within the
 * caller's land scope with filters (matching=1: those with a match still pending, 我的待办's
 * link), days vacant for today, the .xlsx export; created and
 * changed, and their matches with enterprises recorded and ended with an outcome, by whoever
 * may change the zone's land (a lease or a sale puts the building back to use). Must not write
 * SQL nor decide an outcome's meaning (core/space.c does). */
#include "api/api.h"
#include "api/export.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "app/space_json.h"
#include "core/enums.h"
#include "core/plan.h"
#include "core/space.h"
#include "store/store_enterprise.h"
#include "store/store_space.h"
#include "util/blank.h"
#include "util/timeutil.h"

#include <string.h>

/* to today, or for a reused building to the day of the lease or sale that reused it */
static int64_t days_vacant(struct api_ctx *c, const struct store_building *b)
{
	int64_t until;

	if (!b->reused_at || time_parse(b->reused_at, &until) != 0 || until > c->now)
		until = c->now;
	return space_vacant_days(plan_day(b->vacant_since), plan_today(until));
}

static int filter_from_query(struct api_ctx *c, struct store_building_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->kind = api_query_str(c, "kind");
	f->status = api_query_str(c, "status");
	f->matching = api_query_int(c, "matching", 0) != 0;
	f->q = api_query_str(c, "q");
	land_scope(c, &f->scope);
	if (f->kind && !enum_valid(&enum_building_kind, f->kind))
		return api_error(c, 400, "invalid_parameter", "kind 应为 factory 或 office",
		                 "kind");
	if (f->status && !enum_valid(&enum_building_status, f->status))
		return api_error(c, 400, "invalid_parameter", "status 应为 vacant 或 reused",
		                 "status");
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_building_filter f;
	struct store_building *bs;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f) != 0)
		return -1;
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_building_list(c->db, c->a, &f, &bs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		space_json_building(&c->w, &bs[i], days_vacant(c, &bs[i]));
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* what a building row of the export needs */
struct building_export {
	struct export_table x;
	struct api_ctx *c;
};

/* store_each_fn: one building as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct building_export *e = ctx;
	struct export_table *x = &e->x;
	const struct store_building *b = element;

	export_text(x, b->name);
	export_text(x, enum_label(&enum_building_kind, b->kind));
	export_text(x, b->zone_name);
	export_text(x, b->address);
	export_amount(x, b->area_m2x100, 2);
	export_text(x, b->owner);
	export_text(x, b->vacant_since);
	export_int(x, days_vacant(e->c, b));
	if (b->rent_fen)
		export_amount(x, b->rent_fen, 2);
	else
		export_text(x, NULL);
	if (b->price_fen)
		export_amount(x, b->price_fen, 2);
	else
		export_text(x, NULL);
	export_text(x, b->terms);
	export_text(x, enum_label(&enum_building_status, b->status));
	export_int(x, b->matches);
	export_end_row(x);
	return 0;
}

/* The buildings as .xlsx or CSV, with the list's filters: written out one at a time as the
 * store reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "名称",       "类型",           "开发区",
	    "坐落",       "面积（平方米）", "产权人",
	    "闲置起始",   "闲置天数",       "租金（元/平方米·月）",
	    "售价（元）", "其他条件",       "状态",
	    "对接次数"};
	static const double widths[] = {28, 14, 28, 28, 14, 28, 12, 10, 18, 16, 30, 10, 10};
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_building_filter f;
	struct building_export e = {.c = c};
	int rc;

	if (filter_from_query(c, &f) != 0 ||
	    export_begin(c, &e.x, "闲置楼宇", headers, widths,
	                 (int)(sizeof(widths) / sizeof(widths[0]))) != 0)
		return -1;
	if ((rc = store_building_each(c->db, c->a, &f, export_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.x, "闲置楼宇");
}

/* Loads the :id building; 404 when absent or outside the caller's land scope. */
static int load(struct api_ctx *c, struct store_building *b)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_building_get(c->db, c->a, id, b)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	return api_scope_check(c, &scope, b->zone_id);
}

/* The building with its matches. */
static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_building b;
	struct store_match *ms;
	int n, rc;

	if ((rc = store_building_get(c->db, c->a, id, &b)) != KFQ_OK ||
	    (rc = store_match_list(c->db, c->a, id, &ms, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "building");
	space_json_building(&c->w, &b, days_vacant(c, &b));
	jsonw_key(&c->w, "matches");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		space_json_match(&c->w, &ms[i]);
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	struct store_building b;

	if (load(c, &b) != 0)
		return -1;
	return answer(c, b.id, 200);
}

/* An enterprise of the registry in zone_id (the owner or the one that needs space). */
static int enterprise_check(struct api_ctx *c, int64_t id, int64_t zone_id, const char *field)
{
	struct store_enterprise e;
	int rc;

	if (!id)
		return 0;
	rc = store_enterprise_get(c->db, c->a, id, &e);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_ENOTFOUND || e.zone_id != zone_id)
		return api_error(c, 400, "invalid_value", "企业不存在或不在该开发区", field);
	return 0;
}

static int from_body(struct api_ctx *c, struct store_building *b)
{
	b->zone_id = api_body_int(c, "zone_id");
	b->kind = api_body_str(c, "kind");
	b->name = api_body_str(c, "name");
	b->address = api_body_str(c, "address");
	b->owner = api_body_str(c, "owner");
	b->owner_enterprise_id = api_body_int(c, "owner_enterprise_id");
	b->terms = api_body_str(c, "terms");
	if (land_may_change(c, b->zone_id) != 0 ||
	    enterprise_check(c, b->owner_enterprise_id, b->zone_id, "/owner_enterprise_id") != 0)
		return -1;
	if (!enum_valid(&enum_building_kind, b->kind))
		return api_error(c, 400, "invalid_value",
		                 "类型应为 factory（闲置厂房）或 office（闲置商务楼宇）", "/kind");
	if (land_body_hundredths(c, "area_m2", true, &b->area_m2x100) != 0 ||
	    land_body_hundredths(c, "rent", false, &b->rent_fen) != 0 ||
	    land_body_hundredths(c, "price", false, &b->price_fen) != 0 ||
	    land_body_date(c, "vacant_since", &b->vacant_since) != 0)
		return -1;
	if (plan_day(b->vacant_since) > plan_today(c->now))
		return api_error(c, 400, "invalid_value", "闲置起始日期不能晚于今天",
		                 "/vacant_since");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_building b = {0};
	int rc;

	if (from_body(c, &b) != 0)
		return -1;
	if ((rc = store_building_create(c->db, &c->actor, &space_json_audit, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, b.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_building old, b = {0};
	int rc;

	if (load(c, &old) != 0 || land_may_change(c, old.zone_id) != 0)
		return -1;
	b.id = old.id;
	if (from_body(c, &b) != 0)
		return -1;
	if ((rc = store_building_update(c->db, &c->actor, &space_json_audit, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, b.id, 200);
}

static int match_create(struct api_ctx *c)
{
	struct store_building b;
	struct store_match m = {0};
	const char *why;
	int rc;

	if (load(c, &b) != 0 || land_may_change(c, b.zone_id) != 0)
		return -1;
	m.building_id = b.id;
	m.enterprise_id = api_body_int(c, "enterprise_id");
	m.enterprise_name = api_body_str(c, "enterprise_name");
	m.note = api_body_str(c, "note");
	if (enterprise_check(c, m.enterprise_id, b.zone_id, "/enterprise_id") != 0 ||
	    land_body_hundredths(c, "need_m2", false, &m.need_m2x100) != 0)
		return -1;
	if (blank_all(m.enterprise_name))
		m.enterprise_name = NULL; /* a blank name is no name: the registry's, or refused */
	if (m.enterprise_id) {
		struct store_enterprise e;
		if ((rc = store_enterprise_get(c->db, c->a, m.enterprise_id, &e)) != KFQ_OK)
			return api_store_error(c, rc);
		/* the match lists the registry's name: another beside its id would be shown as it
		 */
		if (m.enterprise_name && strcmp(m.enterprise_name, e.name) != 0)
			return api_error(
			    c, 400, "invalid_value",
			    arena_printf(c->a, "所选企业在企业名录中名为“%s”，与填写的名称不一致",
			                 e.name),
			    "/enterprise_name");
		m.enterprise_name = e.name;
	}
	if (!m.enterprise_name)
		return api_error(c, 400, "invalid_value", "应选择企业或填写企业名称",
		                 "/enterprise_name");
	if ((why = space_need_problem(m.need_m2x100, b.area_m2x100)))
		return api_error(c, 400, "invalid_value", why, "/need_m2");
	rc = store_match_create(c->db, &c->actor, &space_json_audit, &m);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该楼宇已盘活，不再对接", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, b.id, 201);
}

static int match_close(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_match m;
	const char *outcome = api_body_str(c, "outcome");
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_match_get(c->db, c->a, id, &m)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, m.zone_id) != 0 || land_may_change(c, m.zone_id) != 0)
		return -1;
	if (!space_outcome_ends(outcome))
		return api_error(c, 400, "invalid_value",
		                 "结果应为 leased（已租赁）、sold（已出售）或 declined（未达成）",
		                 "/outcome");
	rc = store_match_close(c->db, &c->actor, &space_json_audit, id, outcome,
	                       api_body_str(c, "result"), space_outcome_reuses(outcome));
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该对接已有结果", NULL);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "invalid_state",
		                 "该楼宇已租赁或出售，其他对接只能记为未达成", "/outcome");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, m.building_id, 200);
}

#define BUILDING_FILTER                                                                            \
	API_ID_FIELD("zone_id", false), API_QSTR("kind", 16), API_QSTR("status", 16),              \
	    API_INT_FIELD("matching", false, 0, 1), API_QSTR("q", 100)
static const struct api_field list_query[] = {BUILDING_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {BUILDING_FILTER, API_FIELDS_END};

static const struct api_field body[] = {
    API_ID_FIELD("zone_id", true),
    {"kind", API_STR, true, 16},
    {"name", API_STR, true, 200},
    {"address", API_STR, false, 200},
    {"area_m2", API_STR, true, 20},
    {"owner", API_STR, true, 200},
    API_ID_FIELD("owner_enterprise_id", false),
    {"vacant_since", API_STR, true, 10},
    {"rent", API_STR, false, 20},
    {"price", API_STR, false, 20},
    {"terms", API_STR, false, 2000},
    API_FIELDS_END,
};

static const struct api_field match_body[] = {
    API_ID_FIELD("enterprise_id", false),
    {"enterprise_name", API_STR, false, 200},
    {"need_m2", API_STR, false, 20},
    {"note", API_STR, false, 2000},
    API_FIELDS_END,
};

static const struct api_field close_body[] = {
    {"outcome", API_STR, true, 16},
    {"result", API_STR, false, 2000},
    API_FIELDS_END,
};

const struct api_route api_building_routes[] = {
    {"GET", "/api/land/buildings", list, PERM_LAND_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/land/buildings/export.xlsx", export, PERM_LAND_READ, 0, export_query, NULL},
    {"GET", "/api/land/buildings/export.csv", export, PERM_LAND_READ, 0, export_query, NULL},
    {"POST", "/api/land/buildings", create, PERM_LAND_WRITE, 0, NULL, body},
    {"GET", "/api/land/buildings/:id", get, PERM_LAND_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/land/buildings/:id", update, PERM_LAND_WRITE, 0, NULL, body},
    {"POST", "/api/land/buildings/:id/matches", match_create, PERM_LAND_WRITE, 0, NULL, match_body},
    {"POST", "/api/land/matches/:id/close", match_close, PERM_LAND_WRITE, 0, NULL, close_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

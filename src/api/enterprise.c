/* enterprise.c - the enterprise registry: lists with filters and exports, one enterprise with
 * its tax years and arrangements, creating and editing (a zone its own enterprises, the office
 * any), and one enterprise's tax for a year (the finance bureau). Must not write SQL. */
#include "api/api.h"
#include "api/export.h"
#include "api/money.h"

#include "app/arrangement_json.h"
#include "app/enterprise_json.h"
#include "app/industry_catalog.h"
#include "core/enterprise.h"
#include "core/money.h"
#include "core/plan.h"
#include "store/store_arrangement.h"
#include "store/store_enterprise.h"
#include "store/store_org.h"

#include <stdlib.h>
#include <string.h>

static int catalog(struct api_ctx *c, const struct industry_catalog **out)
{
	bool loaded;
	int rc = industry_catalog_in_force(c->db, c->a, out, &loaded);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static const char *industry_name(const struct industry_catalog *cat, const char *code)
{
	const struct industry_entry *e = industry_find(cat, code);

	return e ? e->name : NULL;
}

static void write_one(struct api_ctx *c, const struct store_enterprise *e,
                      const struct industry_catalog *cat)
{
	jsonw_obj_open(&c->w);
	enterprise_json_fields(&c->w, e);
	jsonw_kint(&c->w, "arrival_year", enterprise_arrival_year(e->registered_on, e->settled_on));
	jsonw_kstr(&c->w, "industry_name", industry_name(cat, e->industry_code));
	jsonw_kstr(&c->w, "scale_label", enterprise_scale_label(e->scale));
	jsonw_obj_close(&c->w);
}

static int filter_from_query(struct api_ctx *c, struct store_enterprise_filter *f, bool paged)
{
	const char *attracted = api_query_str(c, "attracted");

	memset(f, 0, sizeof(*f));
	money_scope(c, &f->scope);
	f->q = api_query_str(c, "q");
	f->scale = api_query_str(c, "scale");
	f->industry = api_query_str(c, "industry");
	f->attracted = -1;
	if (attracted && strcmp(attracted, "true") != 0 && strcmp(attracted, "false") != 0)
		return api_error(c, 400, "invalid_parameter", "attracted 应为 true 或 false",
		                 "attracted");
	if (attracted)
		f->attracted = strcmp(attracted, "true") == 0;
	if (f->scale && strcmp(f->scale, "above") != 0 && strcmp(f->scale, "below") != 0)
		return api_error(c, 400, "invalid_parameter", "scale 应为 above 或 below", "scale");
	if (f->industry &&
	    (strlen(f->industry) > 4 || strspn(f->industry, "0123456789") != strlen(f->industry)))
		return api_error(c, 400, "invalid_parameter", "industry 应为1至4位行业代码",
		                 "industry");
	f->zone_id = api_query_int(c, "zone_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	const struct industry_catalog *cat;
	struct store_enterprise_filter f;
	struct store_enterprise *e;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0 || catalog(c, &cat) != 0)
		return -1;
	if ((rc = store_enterprise_list(c->db, c->a, &f, &e, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		write_one(c, &e[i], cat);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* what an enterprise row of the export needs */
struct export_ctx {
	struct export_table out;
	const struct industry_catalog *cat;
};

/* store_each_fn: one enterprise as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct export_ctx *x = ctx;
	const struct store_enterprise *e = element;

	export_text(&x->out, e->uscc);
	export_text(&x->out, e->name);
	export_text(&x->out, e->zone_name);
	export_text(&x->out, e->address);
	export_text(&x->out, e->industry_code);
	export_text(&x->out, industry_name(x->cat, e->industry_code));
	export_text(&x->out, enterprise_scale_label(e->scale));
	export_text(&x->out, e->registered_on);
	export_text(&x->out, e->attracted ? "是" : "否");
	export_text(&x->out, e->contract_on);
	export_text(&x->out, e->settled_on);
	export_text(&x->out, e->production_on);
	export_end_row(&x->out);
	return 0;
}

/* GET /api/enterprises/export.xlsx and .csv (the route's extension picks the format): a city's
 * enterprises written out one at a time as the store reads them */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "统一社会信用代码", "企业名称", "所在开发区",   "地址",
	    "行业代码",         "行业",     "规模",         "成立日期",
	    "招商引资",         "签约日期", "落地注册日期", "投产日期"};
	static const double widths[] = {22, 36, 24, 36, 10, 30, 8, 12, 10, 12, 14, 12};
	struct store_enterprise_filter f;
	struct export_ctx x;
	int rc;

	if (filter_from_query(c, &f, false) != 0 || catalog(c, &x.cat) != 0 ||
	    export_begin(c, &x.out, "企业名录", headers, widths, 12) != 0)
		return -1;
	if ((rc = store_enterprise_each(c->db, c->a, &f, export_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x.out, "企业名录");
}

/* the enterprise of the path, if the caller sees it */
static int load(struct api_ctx *c, struct store_enterprise *e)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_enterprise_get(c->db, c->a, id, e)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, e->zone_id);
}

static int get(struct api_ctx *c)
{
	const struct industry_catalog *cat;
	struct store_enterprise e;
	struct store_tax_year *years;
	struct store_arrangement *ars;
	struct store_scope all = {"all", 0, 0};
	int n, nars, rc;

	if (load(c, &e) != 0 || catalog(c, &cat) != 0)
		return -1;
	if ((rc = store_tax_years(c->db, c->a, e.id, &years, &n)) != KFQ_OK ||
	    (rc = store_arrangement_list(c->db, c->a, e.zone_id, &all, &ars, &nars)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "enterprise");
	write_one(c, &e, cat);
	jsonw_key(&c->w, "taxes");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		enterprise_json_tax_year(&c->w, 0, &years[i]);
	jsonw_arr_close(&c->w);
	/* the arrangements that list it */
	jsonw_key(&c->w, "arrangements");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < nars; i++)
		for (int k = 0; k < ars[i].n_members; k++)
			if (ars[i].members[k].id == e.id)
				arrangement_json_write(&c->w, &ars[i]);
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* reads and checks the body into *e (its id untouched) */
static int read_body(struct api_ctx *c, const struct industry_catalog *cat,
                     struct store_enterprise *e)
{
	char today[11];

	plan_day_format(plan_today(c->now), today);
	struct enterprise_input in = {
	    .uscc = api_body_str(c, "uscc"),
	    .name = api_body_str(c, "name"),
	    .address = api_body_str(c, "address"),
	    .industry_code = api_body_str(c, "industry_code"),
	    .scale = api_body_str(c, "scale"),
	    .registered_on = api_body_str(c, "registered_on"),
	    .attracted = api_body_bool(c, "attracted"),
	    .contract_on = api_body_str(c, "contract_on"),
	    .settled_on = api_body_str(c, "settled_on"),
	    .production_on = api_body_str(c, "production_on"),
	    .today = today,
	};
	struct enterprise_checked ok;
	struct enterprise_problem p;
	bool ours;
	int rc;

	if (enterprise_validate(&in, cat, &ok, &p) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, p.message),
		                 arena_printf(c->a, "/%s", p.field));
	e->uscc = arena_strdup(c->a, ok.uscc);
	e->name = in.name;
	e->zone_id = api_body_int(c, "zone_id");
	e->address = in.address ? in.address : "";
	e->industry_code = in.industry_code;
	e->scale = ok.scale;
	e->registered_on = in.registered_on;
	e->attracted = in.attracted;
	e->contract_on = in.contract_on;
	e->settled_on = in.settled_on;
	e->production_on = in.production_on;
	if ((rc = store_enterprise_zone_check(c->db, e->zone_id)) != KFQ_OK) {
		if (rc == KFQ_ENOTFOUND || rc == KFQ_ECONSTRAINT)
			return api_error(c, 400, "invalid_value", "所在开发区应为一个开发区",
			                 "/zone_id");
		return api_store_error(c, rc);
	}
	/* a zone registers enterprises of its own scope only */
	if (money_zone_in_scope(c, e->zone_id, &ours) != 0)
		return -1;
	return ours ? 0 : api_error(c, 403, "forbidden", "只能登记本开发区的企业", "/zone_id");
}

static int conflict(struct api_ctx *c, int64_t existing)
{
	return api_error(
	    c, 409, "uscc_taken",
	    arena_printf(c->a, "该统一社会信用代码已登记（企业编号%lld）", (long long)existing),
	    "/uscc");
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	const struct industry_catalog *cat;
	struct store_enterprise e;
	int rc;

	if (catalog(c, &cat) != 0)
		return -1;
	if ((rc = store_enterprise_get(c->db, c->a, id, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	write_one(c, &e, cat);
	return api_ok(c, status);
}

static int create(struct api_ctx *c)
{
	const struct industry_catalog *cat;
	struct store_enterprise e = {0};
	int64_t existing;
	int rc;

	if (catalog(c, &cat) != 0 || read_body(c, cat, &e) != 0)
		return -1;
	rc = store_enterprise_create(c->db, &c->actor, &enterprise_json_audit, &e, &existing);
	if (rc == KFQ_ECONFLICT && existing)
		return conflict(c, existing);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, e.id, 201);
}

/* An arrangement's members are its host zone's enterprises: moved elsewhere, the city's
 * revenue-sharing computation could no longer place its revenue. */
static int hosted(struct api_ctx *c, int64_t arrangement_id)
{
	struct store_arrangement x;
	int rc;

	if ((rc = store_arrangement_get(c->db, c->a, arrangement_id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_error(c, 409, "invalid_state",
	                 arena_printf(c->a,
	                              "该企业列入%s「%s」，所在开发区应为承接的%s；"
	                              "请先在该安排中移出该企业",
	                              arrangement_kind_label(x.ar.kind), x.name, x.host_zone_name),
	                 "/zone_id");
}

/* A zone's land stays in it: the enterprise's parcels and idle buildings in its zone, named,
 * must go to another holder first. */
static int holds_land(struct api_ctx *c, const struct store_enterprise *cur,
                      const struct store_enterprise_held *held)
{
	const char *what;

	if (held->parcels && held->buildings)
		what = arena_printf(c->a, "%lld宗地块和%lld处闲置厂房（楼宇）",
		                    (long long)held->parcels, (long long)held->buildings);
	else if (held->parcels)
		what = arena_printf(c->a, "%lld宗地块", (long long)held->parcels);
	else
		what = arena_printf(c->a, "%lld处闲置厂房（楼宇）", (long long)held->buildings);
	return api_error(c, 409, "invalid_state",
	                 arena_printf(c->a,
	                              "该企业在%s持有%s，土地和房屋不随企业迁移；"
	                              "请先在%s的土地管理中将其改由其他企业持有或移除，"
	                              "再变更所在开发区",
	                              cur->zone_name, what, cur->zone_name),
	                 "/zone_id");
}

static int update(struct api_ctx *c)
{
	const struct industry_catalog *cat;
	struct store_enterprise e, cur;
	struct store_enterprise_held held;
	int64_t existing;
	int rc;

	if (load(c, &cur) != 0 || catalog(c, &cat) != 0)
		return -1;
	e.id = cur.id;
	if (read_body(c, cat, &e) != 0)
		return -1;
	rc =
	    store_enterprise_update(c->db, &c->actor, &enterprise_json_audit, &e, &existing, &held);
	if (rc == KFQ_ECONFLICT && existing)
		return conflict(c, existing);
	if (rc == KFQ_ESTATE && held.arrangement_id)
		return hosted(c, held.arrangement_id);
	if (rc == KFQ_ESTATE && (held.parcels || held.buildings))
		return holds_land(c, &cur, &held);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, e.id, 200);
}

/* PUT /api/enterprises/:id/taxes/:year {"amounts":[{"tax_type","amount_fen"}]} */
static int set_tax(struct api_ctx *c)
{
	struct store_enterprise e;
	struct store_tax_year y = {0};
	const char *year = http_param(c->req, "year");
	json_t *amounts = json_object_get(c->body, "amounts");
	char *end;
	long v = year ? strtol(year, &end, 10) : 0;
	int rc;

	if (money_require_manage(c) != 0 || load(c, &e) != 0)
		return -1;
	if (!year || *end || v < REVSHARE_YEAR_MIN || v > REVSHARE_YEAR_MAX)
		return api_error(c, 400, "invalid_parameter", "年度应在2000至2100之间", "year");
	y.year = (int)v;
	for (size_t i = 0; i < json_array_size(amounts); i++) {
		json_t *it = json_array_get(amounts, i);
		const char *code = json_string_value(json_object_get(it, "tax_type"));
		json_int_t fen = json_integer_value(json_object_get(it, "amount_fen"));
		int t = tax_type_find(code);
		if (t < 0)
			return api_error(c, 400, "invalid_value", "未知的税种",
			                 arena_printf(c->a, "/amounts/%zu/tax_type", i));
		if (y.present[t])
			return api_error(c, 400, "invalid_value", "税种重复",
			                 arena_printf(c->a, "/amounts/%zu/tax_type", i));
		y.present[t] = true;
		y.fen[t] = fen;
	}
	rc = store_tax_set_year(c->db, &c->actor, &enterprise_json_audit, e.id, &y);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	enterprise_json_tax_year(&c->w, e.id, &y);
	return api_ok(c, 200);
}

/* GET /api/enterprises/zones: the zones whose enterprises the caller sees, for pickers */
static int zones(struct api_ctx *c)
{
	struct store_scope scope;

	money_scope(c, &scope);
	return api_zone_list(c, &scope);
}

#define ENTERPRISE_FILTER                                                                          \
	API_QSTR("q", 200), API_ID_FIELD("zone_id", false), API_QSTR("attracted", 5),              \
	    API_QSTR("scale", 5), API_QSTR("industry", 4)
static const struct api_field list_query[] = {ENTERPRISE_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {ENTERPRISE_FILTER, API_FIELDS_END};

static const struct api_field body[] = {
    {"uscc", API_STR, true, 64},           {"name", API_STR, true, 200},
    API_ID_FIELD("zone_id", true),         {"address", API_STR, false, 300},
    {"industry_code", API_STR, true, 16},  {"scale", API_STR, true, 16},
    {"registered_on", API_STR, true, 16},  {"attracted", API_BOOL, false, 0},
    {"contract_on", API_STR, false, 16},   {"settled_on", API_STR, false, 16},
    {"production_on", API_STR, false, 16}, API_FIELDS_END,
};

static const struct api_field amount_fields[] = {
    {"tax_type", API_STR, true, 32},
    API_INT_FIELD("amount_fen", true, -MONEY_AMOUNT_MAX, MONEY_AMOUNT_MAX),
    API_FIELDS_END,
};

static const struct api_field tax_body[] = {
    {"amounts", API_OBJ_ARRAY, true, TAX_TYPE_COUNT, amount_fields},
    API_FIELDS_END,
};

const struct api_route api_enterprise_routes[] = {
    {"GET", "/api/enterprises", list, PERM_ENTERPRISE_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/enterprises/export.xlsx", export, PERM_ENTERPRISE_READ, 0, export_query, NULL},
    {"GET", "/api/enterprises/export.csv", export, PERM_ENTERPRISE_READ, 0, export_query, NULL},
    {"GET", "/api/enterprises/zones", zones, PERM_ENTERPRISE_READ, 0, NULL, NULL},
    {"POST", "/api/enterprises", create, PERM_ENTERPRISE_WRITE, 0, NULL, body},
    {"GET", "/api/enterprises/:id", get, PERM_ENTERPRISE_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/enterprises/:id", update, PERM_ENTERPRISE_WRITE, 0, NULL, body},
    {"PUT", "/api/enterprises/:id/taxes/:year", set_tax, PERM_REVSHARE_MANAGE, 0, NULL, tax_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

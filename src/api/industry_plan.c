/* industry_plan.c - industry plans (art. 2, lead 市发改委): the areas of 战略性新兴产业分类(2018)
 * and the 未来产业 directions, each zone's plans (list, export, one with the shares its leading
 * industries hold of a year's output and tax and of the land, its enterprises matched), the zone
 * writing its own, the office approving an exception to "at most 3", and the enterprises' yearly
 * output. Must not write SQL. */
#include "api/api.h"
#include "api/export.h"
#include "api/money.h"
#include "app/industry_catalog.h"
#include "app/industry_plan_json.h"
#include "store/store_enterprise.h"

#include "core/enums.h"
#include "core/land.h"
#include "core/money.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

static int sei_areas(struct api_ctx *c, const struct sei_catalog **out)
{
	if ((*out = industry_sei_areas()) == NULL)
		return api_store_error(c, KFQ_ERR);
	return 0;
}

/* the categories under parent (-1: the areas), each with its own in "children" when it has
 * any (a category without is one a picker ends on) */
static void categories(struct jsonw *w, const struct sei_catalog *sei, int parent)
{
	jsonw_arr_open(w);
	for (size_t i = 0; i < sei->n; i++) {
		if (sei->items[i].parent != parent)
			continue;
		jsonw_obj_open(w);
		/* a category's own follow it at once in the file */
		if (i + 1 < sei->n && sei->items[i + 1].parent == (int)i) {
			jsonw_key(w, "children");
			categories(w, sei, (int)i);
		}
		jsonw_kstr(w, "code", sei->items[i].code);
		jsonw_kint(w, "level", sei->items[i].level);
		jsonw_kstr(w, "name", sei->items[i].name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

/* GET /api/industry/areas: the classification's categories as a tree (areas, 中类) and the
 * future directions */
static int areas(struct api_ctx *c)
{
	const struct sei_catalog *sei;

	if (sei_areas(c, &sei) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "areas");
	categories(&c->w, sei, -1);
	jsonw_key(&c->w, "futures");
	jsonw_arr_open(&c->w);
	for (size_t i = 0; i < enum_future_direction.n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "code", enum_future_direction.entries[i].code);
		jsonw_kstr(&c->w, "name", enum_future_direction.entries[i].label);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int filter_from_query(struct api_ctx *c, struct store_industry_plan_filter *f,
                             struct store_scope *scope, bool paged)
{
	memset(f, 0, sizeof(*f));
	money_scope(c, scope);
	f->scope = scope;
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->year = (int)api_query_int(c, "year", 0);
	f->exception = api_query_str(c, "exception");
	if (f->exception && !enum_valid(&enum_plan_exception, f->exception))
		return api_error(c, 400, "invalid_value", "例外状态应为无需批准、待批准或已批准",
		                 "exception");
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_industry_plan_filter f;
	struct store_industry_plan *p;
	struct store_scope scope;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, &scope, true) != 0)
		return -1;
	if ((rc = store_industry_plan_list(c->db, c->a, &f, &p, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		industry_plan_json_write(&c->w, &p[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* a leading industry's tag as one text: "新能源汽车产业 / 未来能源" */
static const char *tags(struct api_ctx *c, const struct sei_catalog *sei,
                        const struct industry_lead *l)
{
	const struct sei_category *x = sei_find(sei, l->sei_code);
	const char *future = l->future ? enum_label(&enum_future_direction, l->future) : NULL;
	char path[SEI_PATH_MAX];

	if (x)
		sei_path(sei, x, path, sizeof(path));
	if (x && future)
		return arena_printf(c->a, "%s / %s", path, future);
	return x ? arena_strdup(c->a, path) : future ? future : "";
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",           "规划名称", "起始年份",
	    "截止年份",         "主导产业", "战略性新兴产业 / 未来产业",
	    "国民经济行业代码", "例外状态", "例外理由"};
	static const double widths[] = {24, 24, 10, 10, 20, 30, 30, 10, 30};
	const struct sei_catalog *sei;
	struct store_industry_plan_filter f;
	struct store_industry_plan *p;
	struct store_scope scope;
	struct export_table t;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, &scope, false) != 0)
		return -1;
	if (sei_areas(c, &sei) != 0)
		return -1;
	if ((rc = store_industry_plan_list(c->db, c->a, &f, &p, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &t, "产业规划", headers, widths, 9) != 0)
		return -1;
	/* one row per leading industry */
	for (int i = 0; i < n; i++)
		for (int k = 0; k < p[i].r.n_leads; k++) {
			const struct industry_lead *l = &p[i].r.leads[k];
			char *codes = arena_strdup(c->a, "");
			for (int m = 0; m < l->n_codes; m++)
				codes =
				    arena_printf(c->a, "%s%s%s", codes, m ? "、" : "", l->codes[m]);
			export_text(&t, p[i].zone_name);
			export_text(&t, p[i].name);
			export_int(&t, p[i].r.start_year);
			export_int(&t, p[i].r.end_year);
			export_text(&t, l->name);
			export_text(&t, tags(c, sei, l));
			export_text(&t, codes);
			export_text(&t, enum_label(&enum_plan_exception, p[i].exception));
			export_text(&t, p[i].r.exception_reason);
			export_end_row(&t);
		}
	return export_finish(c, &t, "产业规划");
}

/* the plan of the path, if the caller sees its zone */
static int load(struct api_ctx *c, struct store_industry_plan *p)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_industry_plan_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, p->zone_id);
}

/* a share's members; name (a leading industry's) when not NULL */
static void share_json(struct jsonw *w, const struct industry_share *s, const char *name)
{
	jsonw_kint(w, "enterprises", s->enterprises);
	jsonw_kint(w, "land_m2x100", s->land_m2x100);
	jsonw_kint(w, "land_mu_x100", land_mu_x100(s->land_m2x100));
	if (s->has_land_bp)
		jsonw_kint(w, "land_share_bp", s->land_bp);
	else
		jsonw_knull(w, "land_share_bp");
	if (name)
		jsonw_kstr(w, "name", name);
	jsonw_kint(w, "output_fen", s->output_fen);
	if (s->has_output_bp)
		jsonw_kint(w, "output_share_bp", s->output_bp);
	else
		jsonw_knull(w, "output_share_bp");
	jsonw_kint(w, "tax_fen", s->tax_fen);
	if (s->has_tax_bp)
		jsonw_kint(w, "tax_share_bp", s->tax_bp);
	else
		jsonw_knull(w, "tax_share_bp");
}

/* The year of a plan's figures: ?year=, else the plan's first year's previous one (the base
 * year a 十五五 plan starts from). */
static int figures_year(struct api_ctx *c, const struct store_industry_plan *p)
{
	return (int)api_query_int(c, "year", p->r.start_year - 1);
}

/* The figures of a plan's year: its leading industries' sums, all of them together, the zone. */
struct shares {
	const struct store_industry_plan *p;
	const struct industry_share *s, *total;
	int year;
};

/* the member "shares" (industry_plan_json_fields' writer), keys in byte order */
static void shares_json(struct jsonw *w, const void *arg)
{
	const struct shares *x = arg;

	jsonw_obj_open(w);
	jsonw_key(w, "industries");
	jsonw_arr_open(w);
	for (int i = 0; i < x->p->r.n_leads; i++) {
		jsonw_obj_open(w);
		share_json(w, &x->s[i], x->p->r.leads[i].name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "leading");
	jsonw_obj_open(w);
	share_json(w, &x->s[x->p->r.n_leads], NULL);
	jsonw_obj_close(w);
	jsonw_kint(w, "year", x->year);
	jsonw_key(w, "zone");
	jsonw_obj_open(w);
	share_json(w, x->total, NULL);
	jsonw_obj_close(w);
	jsonw_obj_close(w);
}

/* GET /api/industry-plans/:id?year=: the plan and the shares of the year's output and tax and of
 * the land held now (DECISIONS 145). */
static int get(struct api_ctx *c)
{
	struct store_industry_plan p;
	struct industry_sum *rows;
	struct industry_share *s, total;
	struct shares x;
	int n, rc;

	if (load(c, &p) != 0)
		return -1;
	x.year = figures_year(c, &p);
	if ((rc = store_industry_sums(c->db, c->a, p.zone_id, x.year, &rows, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	s = arena_alloc(c->a, (size_t)(p.r.n_leads + 1) * sizeof(*s));
	industry_plan_shares(&p.r, rows, (size_t)n, s, &total);
	x.p = &p;
	x.s = s;
	x.total = &total;
	jsonw_obj_open(&c->w);
	industry_plan_json_fields(&c->w, &p, shares_json, &x);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* the body's plan into *p (id untouched), checked by core/industry_plan.c */
static int read_body(struct api_ctx *c, struct store_industry_plan *p)
{
	json_t *inds = json_object_get(c->body, "industries");
	const struct industry_catalog *cat;
	const struct sei_catalog *sei;
	struct industry_plan_problem why = {0};
	struct industry_lead *l;
	bool loaded;
	int rc;

	if (sei_areas(c, &sei) != 0)
		return -1;
	if ((rc = industry_catalog_in_force(c->db, c->a, &cat, &loaded)) != KFQ_OK)
		return api_store_error(c, rc);
	p->zone_id = api_body_int(c, "zone_id");
	p->name = api_body_str(c, "name");
	p->r.start_year = (int)api_body_int(c, "start_year");
	p->r.end_year = (int)api_body_int(c, "end_year");
	p->r.exception_reason = api_body_str(c, "exception_reason");
	p->r.n_leads = (int)json_array_size(inds);
	l = arena_zalloc(c->a, (size_t)(p->r.n_leads + 1) * sizeof(*l));
	for (int i = 0; i < p->r.n_leads; i++) {
		json_t *it = json_array_get(inds, (size_t)i);
		json_t *codes = json_object_get(it, "codes");
		l[i].name = json_string_value(json_object_get(it, "name"));
		l[i].sei_code = json_string_value(json_object_get(it, "sei_code"));
		l[i].future = json_string_value(json_object_get(it, "future"));
		l[i].n_codes = (int)json_array_size(codes);
		l[i].codes = arena_zalloc(c->a, (size_t)(l[i].n_codes + 1) * sizeof(*l[i].codes));
		for (int k = 0; k < l[i].n_codes; k++)
			l[i].codes[k] = json_string_value(json_array_get(codes, (size_t)k));
		if (l[i].sei_code && !*l[i].sei_code)
			l[i].sei_code = NULL;
		if (l[i].future && !*l[i].future)
			l[i].future = NULL;
	}
	p->r.leads = l;
	/* a plan within 3 keeps no reason: nothing asks for it */
	if (!industry_plan_needs_exception(&p->r))
		p->r.exception_reason = "";
	if (industry_plan_check(&p->r, cat, sei, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	return money_zone_visible(c, p->zone_id);
}

static int save(struct api_ctx *c, int64_t id)
{
	struct store_industry_plan p = {.id = id};
	int rc;

	if (read_body(c, &p) != 0)
		return -1;
	rc = store_industry_plan_save(c->db, &c->actor, &industry_plan_json_audit, &p);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "请选择开发区", "/zone_id");
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "conflict",
		                 "该开发区已有与所填年份重叠的产业规划：同一年只能有一个产业规划，"
		                 "请修改原规划或调整起止年份",
		                 "/start_year");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_industry_plan_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	industry_plan_json_write(&c->w, &p);
	return api_ok(c, id ? 200 : 201);
}

static int create(struct api_ctx *c)
{
	return save(c, 0);
}

static int update(struct api_ctx *c)
{
	struct store_industry_plan p;

	/* another organization's plan answers as a missing one */
	if (load(c, &p) != 0)
		return -1;
	return save(c, p.id);
}

static int approve(struct api_ctx *c)
{
	struct store_industry_plan p;
	int rc;

	if (load(c, &p) != 0)
		return -1;
	rc = store_industry_plan_approve(c->db, &c->actor, &industry_plan_json_audit, p.id);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 "该规划没有待批准的例外（主导产业未超过3个，"
		                 "或已批准）",
		                 NULL);
	if (rc == KFQ_EINVAL)
		return api_error(c, 403, "own_plan", "不能批准本人填报的规划", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_industry_plan_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	industry_plan_json_write(&c->w, &p);
	return api_ok(c, 200);
}

/* GET /api/industry-plans/:id/enterprises?year=: the zone's enterprises, each with the
 * leading industry its code falls in (null: none), its output and tax of the year */
static int enterprises(struct api_ctx *c)
{
	struct store_industry_plan p;
	struct store_industry_enterprise *e;
	int64_t offset, limit, total;
	int n, rc, year;

	if (load(c, &p) != 0)
		return -1;
	year = figures_year(c, &p);
	api_query_page(c, &offset, &limit);
	rc =
	    store_industry_enterprises(c->db, c->a, p.zone_id, year, offset, limit, &e, &n, &total);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		int lead = industry_plan_match(&p.r, e[i].industry_code);
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", e[i].id);
		jsonw_kstr(&c->w, "industry_code", e[i].industry_code);
		jsonw_kint(&c->w, "land_m2x100", e[i].land_m2x100);
		jsonw_kint(&c->w, "land_mu_x100", land_mu_x100(e[i].land_m2x100));
		if (lead >= 0) {
			jsonw_kint(&c->w, "lead", lead);
			jsonw_kstr(&c->w, "lead_name", p.r.leads[lead].name);
		} else {
			jsonw_knull(&c->w, "lead");
			jsonw_knull(&c->w, "lead_name");
		}
		jsonw_kstr(&c->w, "name", e[i].name);
		jsonw_kint(&c->w, "output_fen", e[i].output_fen);
		jsonw_kint(&c->w, "tax_fen", e[i].tax_fen);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

/* POST /api/industry-outputs: an enterprise's output of a year, by its zone */
static int output_save(struct api_ctx *c)
{
	struct store_enterprise_output o = {0};
	struct store_enterprise e;
	int rc;

	o.enterprise_id = api_body_int(c, "enterprise_id");
	o.year = (int)api_body_int(c, "year");
	o.output_fen = api_body_int(c, "output_fen");
	rc = store_enterprise_get(c->db, c->a, o.enterprise_id, &e);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "企业不存在", "/enterprise_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (money_zone_visible(c, e.zone_id) != 0)
		return -1;
	if ((rc = store_enterprise_output_save(c->db, &c->actor, &industry_plan_json_audit, &o)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_enterprise_output_get(c->db, c->a, o.enterprise_id, o.year, &o)) != KFQ_OK)
		return api_store_error(c, rc);
	industry_plan_json_output(&c->w, &o);
	return api_ok(c, 200);
}

static const struct api_field list_query[] = {
    API_ID_FIELD("zone_id", false),
    API_INT_FIELD("year", false, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_QSTR("exception", 16),
    API_QPAGE,
    API_FIELDS_END,
};

static const struct api_field export_query[] = {
    API_ID_FIELD("zone_id", false),
    API_INT_FIELD("year", false, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_QSTR("exception", 16),
    API_FIELDS_END,
};

static const struct api_field year_query[] = {
    API_INT_FIELD("year", false, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_FIELDS_END,
};

static const struct api_field enterprises_query[] = {
    API_INT_FIELD("year", false, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_QPAGE,
    API_FIELDS_END,
};

static const struct api_field lead_fields[] = {
    {"name", API_STR, true, 100},
    {"sei_code", API_STR, false, SEI_CODE_MAX - 1},
    {"future", API_STR, false, 16},
    /* more than INDUSTRY_PLAN_CODES_MAX is refused by core/industry_plan.c with the rule */
    {"codes", API_STR_ARRAY, true, 100, NULL, 0, 0},
    API_FIELDS_END,
};

static const struct api_field body[] = {
    API_ID_FIELD("zone_id", true),
    {"name", API_STR, true, 200},
    API_INT_FIELD("start_year", true, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_INT_FIELD("end_year", true, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    {"exception_reason", API_STR, false, 2000},
    {"industries", API_OBJ_ARRAY, true, 20, lead_fields},
    API_FIELDS_END,
};

static const struct api_field output_body[] = {
    API_ID_FIELD("enterprise_id", true),
    API_INT_FIELD("year", true, INDUSTRY_PLAN_YEAR_MIN, INDUSTRY_PLAN_YEAR_MAX),
    API_INT_FIELD("output_fen", true, 0, MONEY_AMOUNT_MAX),
    API_FIELDS_END,
};

const struct api_route api_industry_plan_routes[] = {
    {"GET", "/api/industry/areas", areas, PERM_INDUSTRY_READ, 0, NULL, NULL},
    {"GET", "/api/industry-plans", list, PERM_INDUSTRY_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/industry-plans/export.xlsx", export, PERM_INDUSTRY_READ, 0, export_query, NULL},
    {"GET", "/api/industry-plans/export.csv", export, PERM_INDUSTRY_READ, 0, export_query, NULL},
    {"POST", "/api/industry-plans", create, PERM_INDUSTRY_WRITE, 0, NULL, body},
    {"GET", "/api/industry-plans/:id", get, PERM_INDUSTRY_READ, 0, year_query, NULL},
    {"PUT", "/api/industry-plans/:id", update, PERM_INDUSTRY_WRITE, 0, NULL, body},
    {"POST", "/api/industry-plans/:id/approve", approve, PERM_INDUSTRY_APPROVE, 0, NULL, NULL},
    {"GET", "/api/industry-plans/:id/enterprises", enterprises, PERM_INDUSTRY_READ, 0,
     enterprises_query, NULL},
    {"POST", "/api/industry-outputs", output_save, PERM_INDUSTRY_WRITE, 0, NULL, output_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* budget.c - zone budgets (art. 5 of the seed, lead 市财政局): the year's overview of every
 * zone in the caller's view (fiscal mode, approval, totals, execution), one zone's accounts
 * subject by subject (budget against final accounts), recording a zone's fiscal mode and its
 * approval, and exports of both. The accounts' lines come in through the budget import
 * (app/import_budget.c); projects' performance is api/budget_project.c. Writes need the
 * organization's manage_budget capability. Must not write SQL. */
#include "api/api.h"
#include "api/budget_impl.h"
#include "app/budget_json.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/money.h"

#include "core/enums.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

int budget_require_manage(struct api_ctx *c)
{
	return api_require_capability(c, CAP_MANAGE_BUDGET);
}

int budget_query_year(struct api_ctx *c)
{
	char now[TIME_RFC3339_LEN];

	/* this year (UTC is close enough to Shanghai for a default) unless asked */
	time_format(time_now(), now);
	return (int)api_query_int(c, "year", atoi(now));
}

/* The totals of a zone's accounts as an execution. */
static struct budget_exec totals(int64_t budget_fen, int64_t final_fen, bool has_budget,
                                 bool has_final)
{
	struct budget_exec e = {.budget_fen = budget_fen,
	                        .final_fen = final_fen,
	                        .has_budget = has_budget,
	                        .has_final = has_final};

	/* sums of amounts within MONEY_AMOUNT_MAX each over a few thousand lines fit */
	(void)budget_exec_compute(&e);
	return e;
}

static struct budget_exec zone_totals(const struct store_budget_zone *z)
{
	return totals(z->budget_fen, z->final_fen, z->budget_lines > 0, z->final_lines > 0);
}

/* GET /api/budgets?year= */
static int overview(struct api_ctx *c)
{
	struct store_budget_zone *z;
	struct store_scope scope;
	int year = budget_query_year(c);
	int n, rc;

	money_scope(c, &scope);
	if ((rc = store_budget_overview(c->db, c->a, year, &scope, &z, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		struct budget_exec e = zone_totals(&z[i]);
		jsonw_obj_open(&c->w);
		budget_json_year_fields(&c->w, &z[i].y);
		budget_json_exec_fields(&c->w, &e);
		jsonw_kint(&c->w, "budget_lines", z[i].budget_lines);
		jsonw_kint(&c->w, "final_lines", z[i].final_lines);
		jsonw_kbool(&c->w, "recorded", z[i].has_year);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static void export_exec(struct export_table *t, const struct budget_exec *e)
{
	if (e->has_budget)
		export_amount(t, e->budget_fen, 2);
	else
		export_text(t, "");
	if (e->has_final)
		export_amount(t, e->final_fen, 2);
	else
		export_text(t, "");
	if (e->has_budget && e->has_final)
		export_amount(t, e->diff_fen, 2);
	else
		export_text(t, "");
	if (e->has_rate)
		export_bp_percent(t, e->rate_bp);
	else
		export_text(t, "");
}

/* GET /api/budgets/export.xlsx|.csv?year= */
static int overview_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",       "年度",       "财政管理方式",
	                                      "人大批准日期", "批准文件",   "预算（元）",
	                                      "决算（元）",   "差额（元）", "执行率"};
	static const double widths[] = {26, 8, 14, 14, 30, 18, 18, 18, 10};
	struct store_budget_zone *z;
	struct store_scope scope;
	struct export_table t;
	int year = budget_query_year(c);
	int n, rc;

	money_scope(c, &scope);
	if ((rc = store_budget_overview(c->db, c->a, year, &scope, &z, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &t, "开发区预决算", headers, widths, 9) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct budget_exec e = zone_totals(&z[i]);
		export_text(&t, z[i].zone_name);
		export_int(&t, year);
		export_text(&t, z[i].has_year ? enum_label(&enum_budget_mode,
		                                           budget_mode_code(z[i].y.by.mode))
		                              : "未登记");
		export_text(&t, z[i].y.by.approved_on);
		export_text(&t, z[i].y.by.approval_doc);
		export_exec(&t, &e);
		export_end_row(&t);
	}
	return export_finish(c, &t, arena_printf(c->a, "开发区预决算-%d", year));
}

/* One subject of a zone's accounts: both kinds' lines of one code merged. */
struct subject {
	const char *code, *name;
	struct budget_exec e;
};

/* Merges the lines (by code, then kind) into subjects; *total sums the 类. */
static struct subject *merge(struct arena *a, const struct store_budget_line *l, int n, int *nsub,
                             struct budget_exec *total)
{
	struct subject *s = arena_zalloc(a, sizeof(*s) * (size_t)(n + 1));
	int64_t budget = 0, final = 0;
	bool has_budget = false, has_final = false;

	*nsub = 0;
	for (int i = 0; i < n; i++) {
		struct subject *cur =
		    *nsub && !strcmp(s[*nsub - 1].code, l[i].code) ? &s[*nsub - 1] : &s[(*nsub)++];
		bool top = budget_subject_level(l[i].code) == 1;
		cur->code = l[i].code;
		if (!cur->name || l[i].kind == BUDGET_KIND_FINAL)
			cur->name = l[i].name;
		if (l[i].kind == BUDGET_KIND_BUDGET) {
			cur->e.budget_fen = l[i].amount_fen;
			cur->e.has_budget = true;
			if (top) {
				budget += l[i].amount_fen;
				has_budget = true;
			}
		} else {
			cur->e.final_fen = l[i].amount_fen;
			cur->e.has_final = true;
			if (top) {
				final += l[i].amount_fen;
				has_final = true;
			}
		}
	}
	for (int i = 0; i < *nsub; i++)
		(void)budget_exec_compute(&s[i].e); /* amounts within MONEY_AMOUNT_MAX fit */
	*total = totals(budget, final, has_budget, has_final);
	return s;
}

/* The zone of the path (visible to the caller) and the year asked; *y its record, *recorded
 * whether there is one. */
static int load_zone_year(struct api_ctx *c, struct store_budget_year *y, bool *recorded)
{
	struct store_org org;
	int64_t id;
	int year = budget_query_year(c), rc;

	if (api_path_id(c, &id) != 0 || money_zone_visible(c, id) != 0)
		return -1;
	if ((rc = store_org_get(c->db, c->a, id, &org)) != KFQ_OK)
		return api_store_error(c, rc);
	if (strcmp(org.type, "zone") != 0)
		return api_store_error(c, KFQ_ENOTFOUND);
	rc = store_budget_year_get(c->db, c->a, id, year, y);
	*recorded = rc == KFQ_OK;
	if (rc == KFQ_ENOTFOUND)
		*y = (struct store_budget_year){.zone_id = id, .zone_name = org.name, .year = year};
	else if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* A zone's accounts of the year asked, subject by subject. */
struct accounts {
	struct store_budget_year y;
	bool recorded;
	struct subject *s;
	int n;
	struct budget_exec total;
};

static int load_accounts(struct api_ctx *c, struct accounts *out)
{
	struct store_budget_line *l;
	int n, rc;

	if (load_zone_year(c, &out->y, &out->recorded) != 0)
		return -1;
	if ((rc = store_budget_lines(c->db, c->a, out->y.zone_id, out->y.year, &l, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	out->s = merge(c->a, l, n, &out->n, &out->total);
	return 0;
}

/* GET /api/budgets/zones/:id?year= */
static int zone_year(struct api_ctx *c)
{
	struct accounts x;

	if (load_accounts(c, &x) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	budget_json_year_fields(&c->w, &x.y);
	budget_json_exec_fields(&c->w, &x.total);
	jsonw_key(&c->w, "lines");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < x.n; i++) {
		jsonw_obj_open(&c->w);
		budget_json_exec_fields(&c->w, &x.s[i].e);
		jsonw_kstr(&c->w, "code", x.s[i].code);
		jsonw_kint(&c->w, "level", budget_subject_level(x.s[i].code));
		jsonw_kstr(&c->w, "name", x.s[i].name);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_kbool(&c->w, "recorded", x.recorded);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* GET /api/budgets/zones/:id/export.xlsx|.csv?year= */
static int zone_export(struct api_ctx *c)
{
	static const char *const headers[] = {"科目编码",   "科目名称",   "级次",  "预算（元）",
	                                      "决算（元）", "差额（元）", "执行率"};
	static const char *const levels[] = {"", "类", "款", "项"};
	static const double widths[] = {12, 36, 6, 18, 18, 18, 10};
	struct export_table t;
	struct accounts x;

	if (load_accounts(c, &x) != 0)
		return -1;
	if (export_begin(c, &t, "预算执行", headers, widths, 7) != 0)
		return -1;
	for (int i = 0; i < x.n; i++) {
		export_text(&t, x.s[i].code);
		export_text(&t, x.s[i].name);
		export_text(&t, levels[budget_subject_level(x.s[i].code)]);
		export_exec(&t, &x.s[i].e);
		export_end_row(&t);
	}
	export_text(&t, "");
	export_text(&t, "合计");
	export_text(&t, "");
	export_exec(&t, &x.total);
	export_end_row(&t);
	return export_finish(c, &t, arena_printf(c->a, "%s-%d年预算执行", x.y.zone_name, x.y.year));
}

/* PUT /api/budgets/zones/:id {"year","mode","approved_on","approval_doc","note"} */
static int set_year(struct api_ctx *c)
{
	struct store_budget_year y = {0};
	struct budget_problem why;
	int64_t id;
	int mode, rc;

	if (budget_require_manage(c) != 0 || api_path_id(c, &id) != 0)
		return -1;
	mode = budget_mode_find(api_body_str(c, "mode"));
	if (mode < 0)
		return api_error(c, 400, "invalid_value", "财政管理方式应为独立核算或单独列示",
		                 "/mode");
	y.zone_id = id;
	y.year = (int)api_body_int(c, "year");
	y.by.mode = (enum budget_mode)mode;
	y.by.approved_on = api_body_str(c, "approved_on");
	y.by.approval_doc = api_body_str(c, "approval_doc");
	if (y.by.approved_on && !*y.by.approved_on)
		y.by.approved_on = NULL;
	if (y.by.approval_doc && !*y.by.approval_doc)
		y.by.approval_doc = NULL;
	y.note = api_body_str(c, "note");
	if (budget_year_validate(y.year, &y.by, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	rc = store_budget_year_save(c->db, &c->actor, &budget_json_audit, &y);
	if (rc == KFQ_ECONSTRAINT)
		return api_store_error(c, KFQ_ENOTFOUND);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_budget_year_get(c->db, c->a, y.zone_id, y.year, &y)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	budget_json_year_fields(&c->w, &y);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static const struct api_field year_query[] = {
    API_INT_FIELD("year", false, BUDGET_YEAR_MIN, BUDGET_YEAR_MAX),
    API_FIELDS_END,
};

static const struct api_field year_body[] = {
    API_INT_FIELD("year", true, BUDGET_YEAR_MIN, BUDGET_YEAR_MAX),
    {"mode", API_STR, true, 16},
    {"approved_on", API_STR, false, 10},
    {"approval_doc", API_STR, false, 200},
    {"note", API_STR, false, 2000},
    API_FIELDS_END,
};

const struct api_route api_budget_routes[] = {
    {"GET", "/api/budgets", overview, PERM_BUDGET_READ, API_CACHED, year_query, NULL},
    {"GET", "/api/budgets/export.xlsx", overview_export, PERM_BUDGET_READ, 0, year_query, NULL},
    {"GET", "/api/budgets/export.csv", overview_export, PERM_BUDGET_READ, 0, year_query, NULL},
    {"GET", "/api/budgets/zones/:id", zone_year, PERM_BUDGET_READ, API_CACHED, year_query, NULL},
    {"GET", "/api/budgets/zones/:id/export.xlsx", zone_export, PERM_BUDGET_READ, 0, year_query,
     NULL},
    {"GET", "/api/budgets/zones/:id/export.csv", zone_export, PERM_BUDGET_READ, 0, year_query,
     NULL},
    {"PUT", "/api/budgets/zones/:id", set_year, PERM_BUDGET_MANAGE, 0, NULL, year_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* invest.c - the investment pipeline (招商引资, art. 13): each zone's projects with filters
 * (stage, stalled, a name, the responsible person), exports, one with its stage history, a zone
 * entering and changing its own with a person of its roster as the responsible staff (the store
 * checks the roster in its transaction), stage changes (forward only, each kept and audited),
 * and the office's number of days after which a project without a change has stalled. A stalled
 * project is a 督办单 subject (api/notice_subject.c). Must not write SQL. */
#include "api/invest.h"
#include "api/export.h"
#include "api/money.h"
#include "app/industry_catalog.h"
#include "app/invest_json.h"

#include "core/enums.h"
#include "core/money.h"
#include "core/plan.h"
#include "util/jsonw.h"

#include <string.h>

/* the office's setting, or -1 after answering the store's error */
static int stall_days(struct api_ctx *c, int *days)
{
	int rc = store_invest_stall_days(c->db, days);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* the last stage day of a stalled project, "YYYY-MM-DD" in the request's arena */
static const char *stall_cutoff(struct api_ctx *c, int days)
{
	char *on = arena_alloc(c->a, 11);

	plan_day_format(invest_stall_cutoff(plan_today(c->now), days), on);
	return on;
}

void invest_project_json(struct api_ctx *c, const struct store_invest_project *p, int days)
{
	struct invest_json_stall st;

	st.stalled =
	    invest_stalled(p->stage, plan_day(p->stage_on), plan_today(c->now), days, &st.days);
	jsonw_obj_open(&c->w);
	invest_json_fields(&c->w, p, &st);
	jsonw_obj_close(&c->w);
}

static int filter_from_query(struct api_ctx *c, struct store_invest_filter *f,
                             struct store_scope *scope, int days, bool paged)
{
	memset(f, 0, sizeof(*f));
	money_scope(c, scope);
	f->scope = scope;
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->stage = api_query_str(c, "stage");
	if (f->stage && invest_stage_find(f->stage) < 0)
		return api_error(c, 400, "invalid_value",
		                 "阶段应为洽谈、签约、落地、开工、投产或达产", "stage");
	f->q = api_query_str(c, "q");
	f->staff_person_id = api_query_int(c, "staff_person_id", 0);
	if (api_query_int(c, "stalled", 0))
		f->stalled_on = stall_cutoff(c, days);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

int invest_stalled_list(struct api_ctx *c, int64_t zone_id, int64_t limit,
                        struct store_invest_project **out, int *n, int64_t *total, int *days)
{
	struct store_scope scope;
	struct store_invest_filter f = {.zone_id = zone_id, .scope = &scope, .limit = limit};
	int rc;

	if (stall_days(c, days) != 0)
		return -1;
	money_scope(c, &scope);
	f.stalled_on = stall_cutoff(c, *days);
	if ((rc = store_invest_list(c->db, c->a, &f, out, n, total)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_invest_filter f;
	struct store_invest_project *p;
	struct store_scope scope;
	int64_t total;
	int n, rc, days;

	if (stall_days(c, &days) != 0 || filter_from_query(c, &f, &scope, days, true) != 0)
		return -1;
	if ((rc = store_invest_list(c->db, c->a, &f, &p, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		invest_project_json(c, &p[i], days);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* The responsible staff as the export writes it: the roster person, or the text written before
 * projects named one, each with what the page shows beside it (a: the row's). */
static const char *staff_cell(struct arena *a, const struct store_invest_project *p)
{
	if (!p->p.staff_person_id)
		return arena_printf(a, "%s（未关联名册）", p->staff_text);
	if (p->staff_left_on)
		return arena_printf(a, "%s（已离开名册）", p->staff_person_name);
	return p->staff_person_name;
}

/* what a project row of the export needs */
struct invest_export {
	struct export_table t;
	int64_t today;
	int days; /* a stage kept longer stalls */
};

/* store_each_fn: one project as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct invest_export *e = ctx;
	struct export_table *t = &e->t;
	const struct store_invest_project *p = element;
	int64_t since;
	bool stalled = invest_stalled(p->stage, plan_day(p->stage_on), e->today, e->days, &since);

	export_text(t, p->zone_name);
	export_text(t, p->p.name);
	export_text(t, p->p.investor);
	export_text(t, p->p.industry_code);
	export_text(t, enum_label(&enum_invest_stage, invest_stage_code(p->stage)));
	export_text(t, p->stage_on);
	export_int(t, since);
	export_amount(t, p->p.agreed_fen, 2);
	export_amount(t, p->p.realized_fen, 2);
	export_amount(t, p->p.expected_output_fen, 2);
	export_amount(t, p->p.expected_tax_fen, 2);
	export_text(t, staff_cell(export_row_arena(t), p));
	export_text(t, stalled ? "是" : "否");
	export_end_row(t);
	return 0;
}

/* The projects as .xlsx or CSV, with the list's filters: written out one at a time as the store
 * reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",         "项目名称", "投资方",         "行业代码",       "阶段",
	    "进入日期",       "停留天数", "协议投资（元）", "到位投资（元）", "预计产值（元）",
	    "预计税收（元）", "责任人",   "是否停滞"};
	static const double widths[] = {24, 28, 20, 10, 8, 12, 10, 16, 16, 16, 16, 12, 10};
	struct store_invest_filter f;
	struct store_scope scope;
	struct invest_export e = {.today = plan_today(c->now)};
	int rc;

	if (stall_days(c, &e.days) != 0 || filter_from_query(c, &f, &scope, e.days, false) != 0 ||
	    export_begin(c, &e.t, "招商项目", headers, widths, 13) != 0)
		return -1;
	if ((rc = store_invest_each(c->db, c->a, &f, export_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.t, "招商项目");
}

/* the project of the path, if the caller sees its zone */
static int load(struct api_ctx *c, struct store_invest_project *p)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_invest_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, p->zone_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_invest_project p;
	int rc, days;

	if (stall_days(c, &days) != 0)
		return -1;
	if ((rc = store_invest_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	invest_project_json(c, &p, days);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	struct store_invest_project p;

	if (load(c, &p) != 0)
		return -1;
	return answer(c, p.id, 200);
}

/* the facts of the body (not the stage) into *p, checked */
static int read_facts(struct api_ctx *c, struct store_invest_project *p)
{
	const struct industry_catalog *cat;
	const struct industry_entry *e;
	struct invest_problem why = {0};
	bool loaded;
	int rc;

	p->p.name = api_body_str(c, "name");
	p->p.investor = api_body_str(c, "investor");
	p->p.industry_code = api_body_str(c, "industry_code");
	p->p.staff_person_id = api_body_int(c, "staff_person_id");
	p->note = api_body_str(c, "note");
	p->p.agreed_fen = api_body_int(c, "agreed_fen");
	p->p.realized_fen = api_body_has(c, "realized_fen") ? api_body_int(c, "realized_fen") : 0;
	p->p.expected_output_fen = api_body_int(c, "expected_output_fen");
	p->p.expected_tax_fen = api_body_int(c, "expected_tax_fen");
	if (invest_project_check(&p->p, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	if ((rc = industry_catalog_in_force(c->db, c->a, &cat, &loaded)) != KFQ_OK)
		return api_store_error(c, rc);
	e = industry_find(cat, p->p.industry_code);
	if (!e || e->level != INDUSTRY_CLASS)
		return api_error(c, 400, "invalid_value",
		                 "行业代码应为国民经济行业分类（GB/T 4754-2017）的4位小类代码",
		                 "/industry_code");
	return 0;
}

/* a refused responsible person (the store's roster check), or the store's error */
static int save_error(struct api_ctx *c, int rc, const struct invest_problem *why)
{
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why->message),
		                 arena_strdup(c->a, why->field));
	return api_store_error(c, rc);
}

static int create(struct api_ctx *c)
{
	struct store_invest_project p = {0};
	struct invest_problem why = {0};
	int64_t day;
	int stage, rc;

	p.zone_id = api_body_int(c, "zone_id");
	if (read_facts(c, &p) != 0)
		return -1;
	if ((stage = invest_stage_find(api_body_str(c, "stage"))) < 0)
		return api_error(c, 400, "invalid_value",
		                 "阶段应为洽谈、签约、落地、开工、投产或达产", "/stage");
	p.stage = (enum invest_stage)stage;
	p.stage_on = api_body_str(c, "stage_on");
	if ((day = plan_day(p.stage_on)) < 0 || day > plan_today(c->now))
		return api_error(c, 400, "invalid_value", "进入当前阶段的日期应为今天或以前的日期",
		                 "/stage_on");
	if (money_zone_visible(c, p.zone_id) != 0)
		return -1;
	rc = store_invest_save(c->db, &c->actor, &invest_json_audit, &p, &why);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "请选择开发区", "/zone_id");
	if (rc != KFQ_OK)
		return save_error(c, rc, &why);
	return answer(c, p.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_invest_project p;
	struct invest_problem why = {0};
	int rc;

	/* another organization's project answers as a missing one */
	if (load(c, &p) != 0 || read_facts(c, &p) != 0)
		return -1;
	if ((rc = store_invest_save(c->db, &c->actor, &invest_json_audit, &p, &why)) != KFQ_OK)
		return save_error(c, rc, &why);
	return answer(c, p.id, 200);
}

/* POST /api/invest-projects/:id/stage */
static int move(struct api_ctx *c)
{
	struct store_invest_project p;
	struct invest_problem why = {0};
	const char *on = api_body_str(c, "changed_on");
	int64_t realized = api_body_has(c, "realized_fen") ? api_body_int(c, "realized_fen") : -1;
	int to, rc;

	if (load(c, &p) != 0)
		return -1;
	if ((to = invest_stage_find(api_body_str(c, "stage"))) < 0)
		return api_error(c, 400, "invalid_value",
		                 "阶段应为洽谈、签约、落地、开工、投产或达产", "/stage");
	if (invest_stage_check(p.stage, plan_day(p.stage_on), (enum invest_stage)to, plan_day(on),
	                       plan_today(c->now), &why) != 0)
		return api_error(c, !strcmp(why.field, "/stage") ? 409 : 400,
		                 !strcmp(why.field, "/stage") ? "invalid_state" : "invalid_value",
		                 arena_strdup(c->a, why.message), arena_strdup(c->a, why.field));
	if (realized > p.p.agreed_fen)
		return api_error(c, 400, "invalid_value",
		                 "实际到位投资不应超过协议投资额（增资请修改协议投资额）",
		                 "/realized_fen");
	rc = store_invest_move(c->db, &c->actor, &invest_json_audit, p.id, p.stage,
	                       (enum invest_stage)to, on, api_body_str(c, "note"), realized);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "项目阶段已被他人修改，请刷新后重试",
		                 "/stage");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 200);
}

static int setting_get(struct api_ctx *c)
{
	int days;

	if (stall_days(c, &days) != 0)
		return -1;
	invest_json_audit.setting(&c->w, days);
	return api_ok(c, 200);
}

static int setting_put(struct api_ctx *c)
{
	int days = (int)api_body_int(c, "stall_days");
	int rc = store_invest_set_stall_days(c->db, &c->actor, &invest_json_audit, days);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return setting_get(c);
}

static const struct api_field list_query[] = {
    API_ID_FIELD("zone_id", false),
    API_QSTR("stage", 16),
    API_INT_FIELD("stalled", false, 0, 1),
    API_QSTR("q", 100),
    API_ID_FIELD("staff_person_id", false), /* the projects a person answers for */
    API_QPAGE,
    API_FIELDS_END,
};

static const struct api_field export_query[] = {
    API_ID_FIELD("zone_id", false),
    API_QSTR("stage", 16),
    API_INT_FIELD("stalled", false, 0, 1),
    API_QSTR("q", 100),
    API_ID_FIELD("staff_person_id", false), /* the projects a person answers for */
    API_FIELDS_END,
};

#define FACTS                                                                                      \
	{"name", API_STR, true, 200}, {"investor", API_STR, false, 200},                           \
	    {"industry_code", API_STR, true, 4}, API_ID_FIELD("staff_person_id", true),            \
	    {"note", API_STR, false, 2000},                                                        \
	    API_INT_FIELD("agreed_fen", true, 0, MONEY_AMOUNT_MAX),                                \
	    API_INT_FIELD("realized_fen", false, 0, MONEY_AMOUNT_MAX),                             \
	    API_INT_FIELD("expected_output_fen", true, 0, MONEY_AMOUNT_MAX),                       \
	    API_INT_FIELD("expected_tax_fen", true, 0, MONEY_AMOUNT_MAX)

static const struct api_field create_body[] = {
    API_ID_FIELD("zone_id", true),
    {"stage", API_STR, true, 16},
    {"stage_on", API_STR, true, 10},
    FACTS,
    API_FIELDS_END,
};

static const struct api_field update_body[] = {FACTS, API_FIELDS_END};

static const struct api_field move_body[] = {
    {"stage", API_STR, true, 16},
    {"changed_on", API_STR, true, 10},
    {"note", API_STR, false, 2000},
    API_INT_FIELD("realized_fen", false, 0, MONEY_AMOUNT_MAX),
    API_FIELDS_END,
};

static const struct api_field setting_body[] = {
    API_INT_FIELD("stall_days", true, 1, INVEST_STALL_DAYS_MAX),
    API_FIELDS_END,
};

const struct api_route api_invest_routes[] = {
    {"GET", "/api/invest-projects", list, PERM_INDUSTRY_READ, 0, list_query, NULL},
    {"GET", "/api/invest-projects/export.xlsx", export, PERM_INDUSTRY_READ, 0, export_query, NULL},
    {"GET", "/api/invest-projects/export.csv", export, PERM_INDUSTRY_READ, 0, export_query, NULL},
    {"POST", "/api/invest-projects", create, PERM_INDUSTRY_WRITE, 0, NULL, create_body},
    {"GET", "/api/invest-projects/:id", get, PERM_INDUSTRY_READ, 0, NULL, NULL},
    {"PUT", "/api/invest-projects/:id", update, PERM_INDUSTRY_WRITE, 0, NULL, update_body},
    {"POST", "/api/invest-projects/:id/stage", move, PERM_INDUSTRY_WRITE, 0, NULL, move_body},
    {"GET", "/api/invest/settings", setting_get, PERM_INDUSTRY_READ, 0, NULL, NULL},
    {"PUT", "/api/invest/settings", setting_put, PERM_INDUSTRY_APPROVE, 0, NULL, setting_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

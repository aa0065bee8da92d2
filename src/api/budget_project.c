/* budget_project.c - projects' performance (绩效管理, art. 5: 加强对开发区资金使用的绩效管理):
 * each project's funds, performance targets and results, and its evaluation's score and grade;
 * lists with filters, pages and exports, one project, creating and editing (the organization
 * holding manage_budget). Must not write SQL. */
#include "api/api.h"
#include "api/budget_impl.h"
#include "app/budget_json.h"
#include "api/export.h"
#include "api/money.h"
#include "api/todo.h"

#include "core/enums.h"
#include "core/money.h"

#include <string.h>

/* 0, or -1 answered (a grade that is none of the four). */
static int filter_from_query(struct api_ctx *c, struct store_budget_project_filter *f,
                             struct store_scope *scope, bool paged)
{
	const char *grade = api_query_str(c, "grade");

	memset(f, 0, sizeof(*f));
	money_scope(c, scope);
	f->scope = scope;
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->year = (int)api_query_int(c, "year", 0);
	f->grade = budget_grade_find(grade, &f->score_lo, &f->score_hi);
	if (grade && f->grade == BUDGET_GRADE_NONE)
		return api_error(c, 400, "invalid_parameter",
		                 "评价等级应为 excellent、good、fair 或 poor", "grade");
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_budget_project_filter f;
	struct store_budget_project *p;
	struct store_scope scope;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, &scope, true) != 0)
		return -1;
	if ((rc = store_budget_project_list(c->db, c->a, &f, &p, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		budget_json_project(&c->w, &p[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",   "年度",     "项目名称", "支出科目", "项目资金（元）", "已支出（元）",
	    "支出进度", "绩效目标", "绩效结果", "评价得分", "评价等级"};
	static const double widths[] = {24, 8, 30, 12, 18, 18, 10, 40, 40, 10, 10};
	struct store_budget_project_filter f;
	struct store_budget_project *p;
	struct store_scope scope;
	struct export_table t;
	int64_t total, bp;
	int n, rc;

	if (filter_from_query(c, &f, &scope, false) != 0)
		return -1;
	if ((rc = store_budget_project_list(c->db, c->a, &f, &p, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &t, "项目绩效", headers, widths, 11) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *grade = budget_grade_code(budget_grade_of(&p[i].p));
		export_text(&t, p[i].zone_name);
		export_int(&t, p[i].year);
		export_text(&t, p[i].name);
		export_text(&t, p[i].subject_code);
		export_amount(&t, p[i].p.funds_fen, 2);
		export_amount(&t, p[i].p.spent_fen, 2);
		if (budget_project_spent_bp(&p[i].p, &bp) == 0)
			export_bp_percent(&t, bp);
		else
			export_text(&t, "");
		export_text(&t, p[i].target);
		export_text(&t, p[i].result);
		if (p[i].p.scored)
			export_int(&t, p[i].p.score);
		else
			export_text(&t, "");
		export_text(&t, *grade ? enum_label(&enum_budget_grade, grade) : "");
		export_end_row(&t);
	}
	return export_finish(c, &t, "项目绩效");
}

/* the project of the path, if the caller sees its zone */
static int load(struct api_ctx *c, struct store_budget_project *p)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_budget_project_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, p->zone_id);
}

static int get(struct api_ctx *c)
{
	struct store_budget_project p;

	if (load(c, &p) != 0)
		return -1;
	budget_json_project(&c->w, &p);
	return api_ok(c, 200);
}

static int save(struct api_ctx *c, int64_t id)
{
	struct store_budget_project p = {.id = id};
	struct budget_problem why;
	const char *code;
	int rc;

	if (budget_require_manage(c) != 0)
		return -1;
	p.zone_id = api_body_int(c, "zone_id");
	p.year = (int)api_body_int(c, "year");
	p.name = api_body_str(c, "name");
	code = api_body_str(c, "subject_code");
	if (code && *code && !budget_subject_level(code))
		return api_error(c, 400, "invalid_value",
		                 "支出科目编码应为3位（类）、5位（款）或7位（项）数字",
		                 "/subject_code");
	p.subject_code = code;
	p.p.funds_fen = api_body_int(c, "funds_fen");
	p.p.spent_fen = api_body_has(c, "spent_fen") ? api_body_int(c, "spent_fen") : 0;
	/* null: not evaluated (yet, or any more) */
	p.p.scored = api_body_given(c, "score");
	p.p.score = p.p.scored ? api_body_int(c, "score") : 0;
	p.target = api_body_str(c, "target");
	p.result = api_body_str(c, "result");
	if (budget_project_validate(&p.p, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	rc = store_budget_project_save(c->db, &c->actor, &budget_json_audit, &p);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "请选择开发区", "/zone_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_budget_project_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	budget_json_project(&c->w, &p);
	return api_ok(c, id ? 200 : 201);
}

static int create(struct api_ctx *c)
{
	return save(c, 0);
}

static int update(struct api_ctx *c)
{
	struct store_budget_project p;

	/* another organization's project answers as a missing one */
	if (load(c, &p) != 0)
		return -1;
	return save(c, p.id);
}

/* DELETE /api/budget-projects/:id: a project entered by mistake; not one a 督办单 is about */
static int discard(struct api_ctx *c)
{
	struct store_budget_project p;
	int rc;

	if (budget_require_manage(c) != 0 || load(c, &p) != 0)
		return -1;
	rc = store_budget_project_delete(c->db, &c->actor, &budget_json_audit, p.id);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 "已有督办单针对该项目，不能删除；如有错误请修改项目内容", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

static const struct api_field list_query[] = {
    API_ID_FIELD("zone_id", false),
    API_INT_FIELD("year", false, BUDGET_YEAR_MIN, BUDGET_YEAR_MAX),
    API_QSTR("grade", 16),
    API_QPAGE,
    API_FIELDS_END,
};

static const struct api_field export_query[] = {
    API_ID_FIELD("zone_id", false),
    API_INT_FIELD("year", false, BUDGET_YEAR_MIN, BUDGET_YEAR_MAX),
    API_QSTR("grade", 16),
    API_FIELDS_END,
};

static const struct api_field body[] = {
    API_ID_FIELD("zone_id", true),
    API_INT_FIELD("year", true, BUDGET_YEAR_MIN, BUDGET_YEAR_MAX),
    {"name", API_STR, true, 200},
    {"subject_code", API_STR, false, 7},
    /* 0 is refused by core/budget.c with the reason */
    API_INT_FIELD("funds_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("spent_fen", false, 0, MONEY_AMOUNT_MAX),
    {"target", API_STR, true, 4000},
    {"result", API_STR, false, 4000},
    API_INT_FIELD("score", false, 0, BUDGET_SCORE_MAX),
    API_FIELDS_END,
};

const struct api_route api_budget_perf_routes[] = {
    {"GET", "/api/budget-projects", list, PERM_BUDGET_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/budget-projects/export.xlsx", export, PERM_BUDGET_READ, 0, export_query, NULL},
    {"GET", "/api/budget-projects/export.csv", export, PERM_BUDGET_READ, 0, export_query, NULL},
    {"POST", "/api/budget-projects", create, PERM_BUDGET_MANAGE, 0, NULL, body},
    {"GET", "/api/budget-projects/:id", get, PERM_BUDGET_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/budget-projects/:id", update, PERM_BUDGET_MANAGE, 0, NULL, body},
    {"DELETE", "/api/budget-projects/:id", discard, PERM_BUDGET_MANAGE, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* 我的待办 (api/todo.h): the zone's projects evaluated 差 in the newest year with one, which it
 * must rectify (the list of that year's poor projects shows them). Only a zone acts on them:
 * 财政局 evaluated them. */
static int poor(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_budget_project_filter f;
	struct store_budget_project *p;
	struct store_scope scope;
	int n, rc;

	out->level = "danger";
	out->link = "/budget-projects?grade=poor";
	memset(&f, 0, sizeof(f));
	money_scope(c, &scope);
	f.scope = &scope;
	f.grade = budget_grade_find("poor", &f.score_lo, &f.score_hi);
	f.limit = 1;
	/* the newest year first, in the list's order */
	if ((rc = store_budget_project_list(c->db, c->a, &f, &p, &n, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!n)
		return 0;
	f.year = p[0].year;
	out->link = arena_printf(c->a, "/budget-projects?year=%d&grade=poor", f.year);
	if ((rc = store_budget_project_list(c->db, c->a, &f, &p, &n, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_todo api_budget_todos[] = {
    {.key = "budget_projects_poor",
     .label = "绩效评价为差待整改的项目",
     .perm = PERM_BUDGET_READ,
     .role = "zone",
     .fill = poor},
    {.key = NULL},
};

/* pay.c - performance pay (art. 11, 14): the office sets the year's R and reference salary per
 * government level, the coefficient of each grade and each zone's grade; everyone with
 * people_read sees the pools of the zones in people_scope with their derivation (and exports
 * them); a zone writes its distribution plan and files it (备案); each organization holding
 * ack_pay_filing acknowledges or returns it. Must not write SQL nor compute a pool. */
#include "api/capability.h"
#include "api/export.h"
#include "api/people_impl.h"
#include "api/todo.h"
#include "app/pay_json.h"

#include "core/enums.h"
#include "store/store_org.h"
#include "store/store_pay.h"

#include <jansson.h>
#include <string.h>

static int pay_refuse(struct api_ctx *c, int status, enum pay_rule rule, const char *field)
{
	return api_error(c, status, pay_rule_code(rule), pay_rule_message(rule), field);
}

static int year_of(struct api_ctx *c)
{
	return (int)api_query_int(c, "year", 0);
}

/* ---- the year's figures ---- */

static int year_levels(struct api_ctx *c, int year)
{
	struct store_pay_level *ls;
	int n, rc;

	if ((rc = store_pay_level_list(c->db, c->a, year, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		pay_json_level(&c->w, &ls[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int levels(struct api_ctx *c)
{
	return year_levels(c, year_of(c));
}

static int level_set(struct api_ctx *c)
{
	struct store_pay_level l = {0};
	struct store_org o;
	int rc;

	l.year = (int)api_body_int(c, "year");
	l.level_org_id = api_body_int(c, "level_org_id");
	l.ref_salary_fen = api_body_int(c, "ref_salary_fen");
	l.r_fen = api_body_int(c, "r_fen");
	if (l.level_org_id) {
		rc = store_org_get(c->db, c->a, l.level_org_id, &o);
		if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && strcmp(o.type, "county") != 0))
			return api_error(c, 400, "invalid_value",
			                 "同级政府应为市本级（不填）或一个县区", "/level_org_id");
		if (rc != KFQ_OK)
			return api_store_error(c, rc);
	}
	if ((rc = store_pay_level_set(c->db, &c->actor, &pay_json_audit, &l)) != KFQ_OK)
		return api_store_error(c, rc);
	return year_levels(c, l.year);
}

static int year_coefs(struct api_ctx *c, int year)
{
	struct store_pay_coef *cs;
	int n, rc;

	if ((rc = store_pay_coef_list(c->db, c->a, year, &cs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		pay_json_coef(&c->w, &cs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int coefs(struct api_ctx *c)
{
	return year_coefs(c, year_of(c));
}

static int coef_set(struct api_ctx *c)
{
	struct store_pay_coef x = {0};
	int rc;

	x.year = (int)api_body_int(c, "year");
	x.grade = api_body_str(c, "grade");
	x.coef_bp = api_body_int(c, "coef_bp");
	if (!enum_valid(&enum_pay_grade, x.grade))
		return api_error(c, 400, "invalid_value", "等级应为优秀、良好、一般或较差",
		                 "/grade");
	if (x.coef_bp > PAY_COEF_MAX_BP)
		return pay_refuse(c, 400, PAY_COEF_OVER_CAP, "/coef_bp");
	if ((rc = store_pay_coef_set(c->db, &c->actor, &pay_json_audit, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return year_coefs(c, x.year);
}

static int year_grades(struct api_ctx *c, int year)
{
	struct store_zone_grade *gs;
	struct store_scope scope;
	int n, rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_zone_grade_list(c->db, c->a, year, &scope, &gs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		pay_json_grade(&c->w, &gs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int grades(struct api_ctx *c)
{
	return year_grades(c, year_of(c));
}

static int grade_set(struct api_ctx *c)
{
	struct store_zone_grade g = {0};
	int rc;

	g.year = (int)api_body_int(c, "year");
	g.org_id = api_body_int(c, "org_id");
	g.grade = api_body_str(c, "grade");
	if (!enum_valid(&enum_pay_grade, g.grade))
		return api_error(c, 400, "invalid_value", "等级应为优秀、良好、一般或较差",
		                 "/grade");
	if (people_require_zone(c, g.org_id, "/org_id") != 0)
		return -1;
	rc = store_zone_grade_set(c->db, &c->actor, &pay_json_audit, &g);
	if (rc == KFQ_ESTATE)
		return api_error(
		    c, 409, "assessment_published",
		    "该开发区本年度考核结果已公布，年度等级以考核结果为准，不能手工设定", "/grade");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return year_grades(c, g.year);
}

/* ---- pools ---- */

static int load_pools(struct api_ctx *c, struct store_pay_pool **ps, int *n)
{
	struct store_scope scope;
	int rc;

	/* a pool is a year's: without one there is nothing to derive */
	if (!year_of(c))
		return api_error(c, 400, "missing_parameter", "请指定年度", "year");
	if (people_scope(c, &scope) != 0)
		return -1;
	rc = store_pay_pools(c->db, c->a, year_of(c), api_query_int(c, "org_id", 0), &scope, ps, n);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int pools(struct api_ctx *c)
{
	struct store_pay_pool *ps;
	int n;

	if (load_pools(c, &ps, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		pay_json_pool(&c->w, &ps[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int pools_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",  "年度", "等级",         "同级政府",
	                                      "R（元）", "系数", "12月31日在册", "不计的挂职人员",
	                                      "员额",    "N",    "总额（元）",   "上限（元）"};
	static const double widths[] = {30, 8, 8, 14, 14, 8, 12, 14, 8, 8, 16, 16};
	struct export_table x;
	struct store_pay_pool *ps;
	int n;

	if (load_pools(c, &ps, &n) != 0 || export_begin(c, &x, "绩效薪酬总额", headers, widths, 12))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_pay_pool *p = &ps[i];
		bool ok = p->rule == PAY_OK;
		export_text(&x, p->org_name);
		export_int(&x, p->year);
		export_text(&x, p->grade ? enum_label(&enum_pay_grade, p->grade) : "");
		export_text(&x, p->level_name);
		export_amount(&x, p->p.r_fen, 2);
		/* no coefficient before the grade has one: blank, not 0 */
		export_text(&x, p->have_coef ? arena_printf(c->a, "%lld.%04lld",
		                                            (long long)p->p.coef_bp / 10000,
		                                            (long long)p->p.coef_bp % 10000)
		                             : "");
		export_int(&x, p->p.on_roster);
		export_int(&x, p->p.unpaid_secondees);
		export_int(&x, p->p.quota);
		export_int(&x, p->p.n);
		/* amounts as number cells, so that the columns can be summed (DECISIONS 77); a zone
		 * without a pool says why in the pool's column */
		if (ok) {
			export_amount(&x, p->p.pool_fen, 2);
			export_amount(&x, p->p.cap_fen, 2);
		} else {
			export_text(&x, pay_rule_message(p->rule));
			export_text(&x, "");
		}
		export_end_row(&x);
	}
	return export_finish(c, &x, "绩效薪酬总额");
}

/* ---- plans ---- */

/* The pools of one year, read once for the plans of that year: of one zone, or of all (only
 * 0). */
struct pools_now {
	int64_t only;
	int year; /* 0: none read yet */
	struct store_pay_pool *ps;
	int n;
};

/* The pool zone org_id has now in year (*now NULL when none is derived): 0, or -1 after
 * answering a store error. */
static int pool_now(struct api_ctx *c, struct pools_now *k, int year, int64_t org_id,
                    const struct store_pay_pool **now)
{
	struct store_scope all = {.kind = "all"};
	int rc;

	*now = NULL;
	if (k->year != year) {
		/* the plan was read in the caller's scope: its zone's pool is the plan's to show */
		if ((rc = store_pay_pools(c->db, c->a, year, k->only, &all, &k->ps, &k->n)) !=
		    KFQ_OK)
			return api_store_error(c, rc);
		k->year = year;
	}
	for (int i = 0; i < k->n; i++)
		if (k->ps[i].org_id == org_id)
			*now = &k->ps[i];
	return 0;
}

/* whole: with its lines and acknowledgements, which a list does not read */
static int plan_write(struct api_ctx *c, struct pools_now *k, const struct store_pay_plan *p,
                      bool whole)
{
	const struct store_pay_pool *now;

	if (pool_now(c, k, p->year, p->org_id, &now) != 0)
		return -1;
	pay_json_plan_read(&c->w, p, now, whole);
	return 0;
}

/* The year's plans in the caller's scope, for the list and its export. */
static int read_plans(struct api_ctx *c, struct store_pay_plan **ps, int *n)
{
	struct store_scope scope;
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_pay_plan_list(c->db, c->a, year_of(c), &scope, ps, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int plans(struct api_ctx *c)
{
	struct store_pay_plan *ps;
	struct pools_now k = {0};
	int n;

	if (read_plans(c, &ps, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		if (plan_write(c, &k, &ps[i], false) != 0)
			return -1;
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* The plans of the year as the list shows them, each beside its zone's pool of now. */
static int plans_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",
	                                      "年度",
	                                      "状态",
	                                      "方案依据的总额（元）",
	                                      "当前总额（元）",
	                                      "基本部分（元）",
	                                      "绩效部分（元）",
	                                      "激励部分（元）",
	                                      "合计（元）",
	                                      "绩效部分超出当前总额",
	                                      "待接收备案的部门",
	                                      "报备时间",
	                                      "生效时间"};
	static const double widths[] = {30, 8, 10, 18, 16, 14, 14, 14, 14, 18, 16, 20, 20};
	struct export_table x;
	struct store_pay_plan *ps;
	struct pools_now k = {0};
	int n;

	if (read_plans(c, &ps, &n) != 0)
		return -1;
	if (export_begin(c, &x, "绩效薪酬分配方案", headers, widths, 13))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_pay_plan *p = &ps[i];
		const struct store_pay_pool *now;

		if (pool_now(c, &k, p->year, p->org_id, &now) != 0)
			return -1;
		bool known = now && now->rule == PAY_OK;
		export_text(&x, p->org_name);
		export_int(&x, p->year);
		export_text(&x, enum_label(&enum_pay_plan_status, p->status));
		export_amount(&x, p->pool_fen, 2);
		if (known)
			export_amount(&x, now->p.pool_fen, 2);
		else
			export_text(&x, "");
		export_amount(&x, p->t.base_fen, 2);
		export_amount(&x, p->t.perf_fen, 2);
		export_amount(&x, p->t.incentive_fen, 2);
		export_amount(&x, p->t.total_fen, 2);
		/* as the list's over_current_pool: the performance part against the pool */
		export_text(&x, p->t.perf_fen > (known ? now->p.pool_fen : 0) ? "是" : "");
		export_int(&x, p->pending);
		export_time(&x, p->filed_at);
		export_time(&x, p->effective_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "绩效薪酬分配方案");
}

/* The :id plan within scope (the caller's own data scope when own). */
static int load(struct api_ctx *c, bool own, struct store_pay_plan *p)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || (!own && people_scope(c, &scope) != 0))
		return -1;
	if ((rc = store_pay_plan_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, own ? NULL : &scope, p->org_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_pay_plan p;
	struct pools_now k = {0};
	int rc;

	if ((rc = store_pay_plan_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	k.only = p.org_id;
	if (plan_write(c, &k, &p, true) != 0)
		return -1;
	return api_ok(c, status);
}

static int plan_get(struct api_ctx *c)
{
	struct store_pay_plan p;
	struct pools_now k = {0};

	if (load(c, false, &p) != 0)
		return -1;
	k.only = p.org_id;
	if (plan_write(c, &k, &p, true) != 0)
		return -1;
	return api_ok(c, 200);
}

/* A plan that breaks a rule of core/pay.h: the line at fault, or the plan as a whole. */
static int refuse_plan(struct api_ctx *c, enum pay_rule rule, int bad)
{
	return pay_refuse(c, 409, rule, bad >= 0 ? arena_printf(c->a, "/lines/%d", bad) : "/lines");
}

static int plan_save(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "lines");
	size_t k = json_array_size(arr);
	struct store_pay_plan p = {0};
	enum pay_rule rule;
	int bad, rc;

	p.org_id = api_body_has(c, "org_id") ? api_body_int(c, "org_id") : c->sess.user.org_id;
	if (api_scope_check(c, NULL, p.org_id) != 0 ||
	    people_require_zone(c, p.org_id, "/org_id") != 0)
		return -1;
	p.year = (int)api_body_int(c, "year");
	p.note = api_body_str(c, "note");
	p.lines = arena_zalloc(c->a, sizeof(*p.lines) * (k + 1));
	p.nlines = (int)k;
	for (size_t i = 0; i < k; i++) {
		json_t *o = json_array_get(arr, i);
		p.lines[i].person_id = json_integer_value(json_object_get(o, "person_id"));
		p.lines[i].base_fen = json_integer_value(json_object_get(o, "base_fen"));
		p.lines[i].perf_fen = json_integer_value(json_object_get(o, "perf_fen"));
		p.lines[i].incentive_fen = json_integer_value(json_object_get(o, "incentive_fen"));
	}
	rc = store_pay_plan_save(c->db, &c->actor, &pay_json_audit, &p, &rule, &bad);
	if (rc == KFQ_EINVAL)
		return refuse_plan(c, rule, bad);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "方案已备案或已生效，不能再修改", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 200);
}

static int plan_file(struct api_ctx *c)
{
	struct store_pay_plan p;
	enum pay_rule rule;
	int bad, rc;

	if (load(c, true, &p) != 0)
		return -1;
	rc = store_pay_plan_file(c->db, &c->actor, &pay_json_audit, p.id, &rule, &bad);
	if (rc == KFQ_EINVAL)
		return refuse_plan(c, rule, bad);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "方案已备案或已生效", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 200);
}

static int plan_ack(struct api_ctx *c)
{
	struct store_pay_plan p;
	const char *decision = api_body_str(c, "decision"), *comment = api_body_str(c, "comment");
	int rc;

	if (api_require_capability(c, CAP_ACK_PAY_FILING) != 0 || load(c, false, &p) != 0)
		return -1;
	if (strcmp(decision, "ack") != 0 && strcmp(decision, "return") != 0)
		return api_error(c, 400, "invalid_value",
		                 "处理意见应为 ack（接收备案）或 return（退回）", "/decision");
	if (!strcmp(decision, "return") && !comment)
		return api_error(c, 400, "missing_field", "退回须写明意见", "/comment");
	rc = store_pay_plan_ack(c->db, &c->actor, &pay_json_audit, p.id, c->sess.user.org_id,
	                        decision, comment);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "方案不在备案中，不能接收或退回", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, p.id, 200);
}

#define YEAR_FIELD(required) API_INT_FIELD("year", required, 2000, 2100)
#define FEN_FIELD(name)      API_INT_FIELD(name, true, 0, PAY_R_MAX_FEN)
static const struct api_field year_query[] = {YEAR_FIELD(false), API_FIELDS_END};
static const struct api_field pool_query[] = {YEAR_FIELD(false), API_ID_FIELD("org_id", false),
                                              API_FIELDS_END};
static const struct api_field level_body[] = {YEAR_FIELD(true), API_ID_FIELD("level_org_id", false),
                                              FEN_FIELD("ref_salary_fen"), FEN_FIELD("r_fen"),
                                              API_FIELDS_END};
/* up to 100 so that a coefficient above 5 reaches the rule that names it */
static const struct api_field coef_body[] = {YEAR_FIELD(true),
                                             {"grade", API_STR, true, 16},
                                             API_INT_FIELD("coef_bp", true, 0, 1000000),
                                             API_FIELDS_END};
static const struct api_field grade_body[] = {
    YEAR_FIELD(true), API_ID_FIELD("org_id", true), {"grade", API_STR, true, 16}, API_FIELDS_END};
static const struct api_field line_fields[] = {
    API_ID_FIELD("person_id", true), API_INT_FIELD("base_fen", true, 0, PAY_LINE_MAX),
    API_INT_FIELD("perf_fen", true, 0, PAY_LINE_MAX),
    API_INT_FIELD("incentive_fen", false, 0, PAY_LINE_MAX), API_FIELDS_END};
static const struct api_field plan_body[] = {
    API_ID_FIELD("org_id", false),
    YEAR_FIELD(true),
    {"note", API_STR, false, 2000},
    {"lines", API_OBJ_ARRAY, true, PAY_PLAN_LINES_MAX, line_fields},
    API_FIELDS_END};
static const struct api_field ack_body[] = {
    {"decision", API_STR, true, 16}, {"comment", API_STR, false, 2000}, API_FIELDS_END};

const struct api_route api_pay_routes[] = {
    {"GET", "/api/pay/levels", levels, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"PUT", "/api/pay/levels", level_set, PERM_PAY_SET, 0, NULL, level_body},
    {"GET", "/api/pay/coefficients", coefs, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"PUT", "/api/pay/coefficients", coef_set, PERM_PAY_SET, 0, NULL, coef_body},
    {"GET", "/api/pay/grades", grades, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"PUT", "/api/pay/grades", grade_set, PERM_PAY_SET, 0, NULL, grade_body},
    {"GET", "/api/pay/pools", pools, PERM_PEOPLE_READ, 0, pool_query, NULL},
    {"GET", "/api/pay/pools/export.xlsx", pools_export, PERM_PEOPLE_READ, 0, pool_query, NULL},
    {"GET", "/api/pay/pools/export.csv", pools_export, PERM_PEOPLE_READ, 0, pool_query, NULL},
    {"GET", "/api/pay/plans", plans, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"PUT", "/api/pay/plans", plan_save, PERM_PEOPLE_WRITE, 0, NULL, plan_body},
    {"GET", "/api/pay/plans/export.xlsx", plans_export, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"GET", "/api/pay/plans/export.csv", plans_export, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"GET", "/api/pay/plans/:id", plan_get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"POST", "/api/pay/plans/:id/file", plan_file, PERM_PEOPLE_WRITE, 0, NULL, NULL},
    {"POST", "/api/pay/plans/:id/ack", plan_ack, PERM_PEOPLE_READ, 0, NULL, ack_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* Whether plan p (filed) still waits for the caller's organization: 1 yes, 0 no, -1 answered. */
static int waits_for_me(struct api_ctx *c, const struct store_pay_plan *p)
{
	struct store_pay_plan full;
	int rc;

	if ((rc = store_pay_plan_get(c->db, c->a, p->id, &full)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < full.nacks; i++)
		if (full.acks[i].org_id == c->sess.user.org_id)
			return 0;
	return 1;
}

/* 我的待办 (api/todo.h): the filed plans of the newest year with one that the caller's
 * organization has not yet acknowledged or returned, for the organizations that do (the plans
 * tab of that year shows them). A zone files a plan a year, so the list is short. */
static int to_ack(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_pay_plan *ps;
	struct store_scope scope;
	int n, rc, year = 0;
	bool *waits;

	out->link = "/pay?tab=plans";
	out->level = "warning";
	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_pay_plan_list(c->db, c->a, 0, &scope, &ps, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	waits = arena_alloc(c->a, sizeof(*waits) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		int w = strcmp(ps[i].status, "filed") != 0 ? 0 : waits_for_me(c, &ps[i]);
		if (w < 0)
			return -1;
		waits[i] = w;
		if (w && ps[i].year > year)
			year = ps[i].year;
	}
	for (int i = 0; i < n; i++)
		out->count += waits[i] && ps[i].year == year;
	if (year)
		out->link = arena_printf(c->a, "/pay?tab=plans&year=%d", year);
	return 0;
}

const struct api_todo api_pay_todos[] = {
    {.key = "pay_plans_to_ack",
     .label = "待接收的绩效薪酬备案",
     .perm = PERM_PEOPLE_READ,
     .capability = "ack_pay_filing",
     .fill = to_ack},
    {.key = NULL},
};

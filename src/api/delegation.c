/* delegation.c - each zone's list of delegated powers (一区一单, art. 4): the list in the caller's
 * scope, the workflow's steps, guidance, monthly case figures, the evaluation figures of every
 * delegated power and the evaluations recorded, the office's setting of the evaluation (the
 * months without a case that flag a power 下放了用不上), and exports. The department's steps need
 * its organization to hold delegate_power and to be the power's department (谁赋权、谁指导); the
 * zone's steps need the caller's organization to be that zone. Must not write SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "api/power_impl.h"
#include "app/power_json.h"

#include "core/enums.h"
#include "core/plan.h"
#include "store/store_org.h"

#include <string.h>

static int filter_from_query(struct api_ctx *c, struct store_delegation_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->q = api_query_str(c, "q");
	f->status = api_query_str(c, "status");
	if (f->status && !power_status_valid(f->status))
		return api_error(c, 400, "invalid_parameter", "状态无效", "status");
	f->zone_org_id = api_query_int(c, "zone_org_id", 0);
	f->dept_org_id = api_query_int(c, "dept_org_id", 0);
	f->power_id = api_query_int(c, "power_id", 0);
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f->scope) != 0)
		return -1;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_delegation_filter f;
	struct store_delegation *ds;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_delegation_list(c->db, c->a, &f, &ds, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_delegation(&c->w, &ds[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* Loads the :id entry; 404 when absent or outside the caller's scope (an entry of another
 * organization is not acknowledged to exist). */
static int load(struct api_ctx *c, struct store_delegation *d)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_delegation_get(c->db, c->a, id, d)) != KFQ_OK)
		return api_store_error(c, rc);
	return power_readable(c, CAP_PUBLISH_POWER_LIST, d->zone_org_id, d->power.dept_org_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_delegation d;
	int rc;

	if ((rc = store_delegation_get(c->db, c->a, id, &d)) != KFQ_OK)
		return api_store_error(c, rc);
	power_json_delegation(&c->w, &d);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	struct store_delegation d;

	if (load(c, &d) != 0)
		return -1;
	power_json_delegation(&c->w, &d);
	return api_ok(c, 200);
}

/* Whether the caller may take a step of `side` on an entry of department dept (named dept_name)
 * and zone zone; what names the step in a refusal ("“下放”", "培训指导"). */
static int may_act(struct api_ctx *c, enum power_action a, const char *what, int64_t dept,
                   const char *dept_name, int64_t zone)
{
	if (power_action_side(a) == POWER_SIDE_ZONE) {
		if (c->sess.user.org_id != zone)
			return api_error(c, 403, "forbidden", "只有该开发区本身才能办理此步骤",
			                 NULL);
		return 0;
	}
	if (power_require_department(c, what, dept_name) != 0)
		return -1;
	if (c->sess.user.org_id != dept)
		return api_error(c, 403, "forbidden",
		                 "谁赋权、谁指导：只有该事项的实施部门才能办理此步骤", NULL);
	return 0;
}

/* A step as a refusal names it: “下放”. */
static const char *step_what(struct api_ctx *c, enum power_action a)
{
	return arena_printf(c->a, "“%s”", power_action_label(a));
}

/* The fields each action needs, checked and copied into x. */
static int step_fields(struct api_ctx *c, struct store_delegation_step *x)
{
	const char *mode = api_body_str(c, "mode");

	x->note = api_body_str(c, "note");
	if (x->note && !*x->note)
		x->note = NULL;
	switch (x->action) {
	case POWER_DECLINE:
	case POWER_NOT_READY:
	case POWER_REVOKE:
		return power_need(c, "note", "请填写理由", &x->note);
	case POWER_DELEGATE:
	case POWER_ACT:
	case POWER_REASSESS:
		if (!power_mode_fits(x->action == POWER_ACT ? POWER_ACT : POWER_DELEGATE, mode))
			return api_error(
			    c, 400, "invalid_value",
			    x->action == POWER_ACT
			        ? "代办方式应为派驻人员、加挂牌子、领办或代办"
			        : "下放方式应为直接下放、委托、派驻人员、加挂牌子、领办或代办",
			    "/mode");
		x->mode = mode;
		break;
	case POWER_PROPOSE:
	case POWER_PLAN:
	case POWER_ACCEPT_PROPOSAL:
	case POWER_ACCEPT:
	case POWER_NACTIONS:
		break;
	}
	if (x->action == POWER_DELEGATE) {
		if (power_need(c, "document", "请填写下放依据的文件（文号）", &x->document) != 0 ||
		    power_date(c, "effective_from", &x->effective_from) != 0)
			return -1;
		if (!x->effective_from)
			return api_error(c, 400, "missing_field", "请填写下放生效日期",
			                 "/effective_from");
	}
	if (x->action == POWER_ACCEPT || x->action == POWER_ACT) {
		/* the power is in use for the zone from today (Asia/Shanghai): 下放了用不上 counts
		 * its months from then (DECISIONS 322) */
		char *today = arena_alloc(c->a, 11);
		plan_day_format(plan_today(c->now), today);
		x->taken_on = today;
	}
	if (x->action == POWER_ACCEPT)
		return power_need(c, "service_place", "请填写办理地点（企业到哪里申请）",
		                  &x->service_place);
	if (x->action == POWER_ACT) {
		if (power_need(c, "acting_by", "请填写代办（派驻）的单位或窗口", &x->acting_by) !=
		        0 ||
		    power_date(c, "acting_until", &x->acting_until) != 0)
			return -1;
		if (!x->acting_until || plan_day(x->acting_until) < plan_today(c->now))
			return api_error(c, 400, "invalid_value",
			                 "请填写代办截止日期（不早于今天）", "/acting_until");
	}
	return 0;
}

static int refused(struct api_ctx *c, int rc, const char *status, enum power_action a)
{
	if (rc == KFQ_EBUSY)
		return api_error(c, 409, "invalid_state", power_refusal(status, a), NULL);
	return api_store_error(c, rc);
}

/* propose (a zone) or plan (a department): puts a power on a zone's list. */
static int create(struct api_ctx *c)
{
	struct store_delegation_step x = {0};
	struct store_power p;
	struct store_org z;
	const char *status;
	int64_t id;
	int a = power_action_parse(api_body_str(c, "action")), rc;

	if (a != POWER_PROPOSE && a != POWER_PLAN)
		return api_error(c, 400, "invalid_value",
		                 "action 应为 propose（开发区主动提出）或 plan（拟下放）",
		                 "/action");
	x.action = (enum power_action)a;
	x.power_id = api_body_int(c, "power_id");
	x.zone_org_id = api_body_int(c, "zone_org_id");
	rc = store_power_get(c->db, c->a, x.power_id, &p);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "权力事项不存在", "/power_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	rc = store_org_get(c->db, c->a, x.zone_org_id, &z);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_ENOTFOUND || strcmp(z.type, "zone") != 0)
		return api_error(c, 400, "invalid_value", "应选择一个开发区", "/zone_org_id");
	if (may_act(c, x.action, step_what(c, x.action), p.dept_org_id, p.dept_name,
	            x.zone_org_id) != 0 ||
	    step_fields(c, &x) != 0)
		return -1;
	rc = store_delegation_step(c->db, c->a, &c->actor, &power_json_audit, &x, &id, &status);
	if (rc != KFQ_OK)
		return refused(c, rc, status, x.action);
	return answer(c, id, 201);
}

static int step(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_delegation_step x = {0};
	const char *status;
	int64_t id;
	int a = power_action_parse(api_body_str(c, "action")), rc;

	if (load(c, &d) != 0)
		return -1;
	if (a < 0 || a == POWER_PROPOSE || a == POWER_PLAN)
		return api_error(c, 400, "invalid_value", "不支持的办理步骤", "/action");
	x.action = (enum power_action)a;
	x.id = d.id;
	if (may_act(c, x.action, step_what(c, x.action), d.power.dept_org_id, d.power.dept_name,
	            d.zone_org_id) != 0 ||
	    step_fields(c, &x) != 0)
		return -1;
	rc = store_delegation_step(c->db, c->a, &c->actor, &power_json_audit, &x, &id, &status);
	if (rc != KFQ_OK)
		return refused(c, rc, status, x.action);
	return answer(c, id, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",   "事项编码",           "事项名称", "事项类型", "实施部门", "状态",
	    "下放方式", "生效日期",           "下放文件", "办理地点", "代办方式", "代办单位",
	    "代办截止", "承诺时限（工作日）", "是否公开", "说明"};
	static const double widths[] = {30, 16, 36, 12, 20, 16, 12, 12,
	                                24, 30, 12, 24, 12, 12, 10, 30};
	struct store_delegation_filter f;
	struct store_delegation *ds;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_delegation_list(c->db, c->a, &f, &ds, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "一区一单", headers, widths, 16) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_delegation *d = &ds[i];
		export_text(&x, d->zone_name);
		export_text(&x, d->power.code);
		export_text(&x, d->power.name);
		export_text(&x, enum_label(&enum_power_kind, d->power.kind));
		export_text(&x, d->power.dept_name);
		export_text(&x, power_status_label(d->status));
		export_text(&x, d->mode ? enum_label(&enum_power_mode, d->mode) : NULL);
		export_text(&x, d->effective_from);
		export_text(&x, d->document);
		export_text(&x, d->service_place);
		export_text(&x,
		            d->acting_mode ? enum_label(&enum_power_mode, d->acting_mode) : NULL);
		export_text(&x, d->acting_by);
		export_text(&x, d->acting_until);
		export_int(&x, d->power.promised_days);
		export_text(&x, d->published && power_status_public(d->status) ? "是" : "否");
		export_text(&x, d->note);
		export_end_row(&x);
	}
	return export_finish(c, &x, "一区一单");
}

/* ---- guidance ---- */

static int guidance_list(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_guidance *gs;
	int n, rc;

	if (load(c, &d) != 0)
		return -1;
	if ((rc = store_guidance_list(c->db, c->a, d.id, &gs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_guidance(&c->w, &gs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* The guidance records in the caller's scope (谁赋权、谁指导), as .xlsx or CSV. */
static int guidance_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区", "事项编码", "事项名称", "实施部门",
	                                      "日期",   "类别",     "内容",     "参加人数",
	                                      "记录人", "记录时间"};
	static const double widths[] = {30, 16, 36, 20, 12, 10, 50, 10, 12, 20};
	struct store_guidance_filter f = {0};
	struct store_guidance *gs;
	struct export_table x;
	int n, rc;

	f.delegation_id = api_query_int(c, "delegation_id", 0);
	f.zone_org_id = api_query_int(c, "zone_org_id", 0);
	f.dept_org_id = api_query_int(c, "dept_org_id", 0);
	f.power_id = api_query_int(c, "power_id", 0);
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	if ((rc = store_guidance_all(c->db, c->a, &f, &gs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "培训指导记录", headers, widths, 10) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&x, gs[i].zone_name);
		export_text(&x, gs[i].power_code);
		export_text(&x, gs[i].power_name);
		export_text(&x, gs[i].dept_name);
		export_text(&x, gs[i].held_on);
		export_text(&x, enum_label(&enum_guidance_kind, gs[i].kind));
		export_text(&x, gs[i].content);
		export_int(&x, gs[i].participants);
		export_text(&x, gs[i].created_by_name);
		export_time(&x, gs[i].created_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "赋权事项培训指导记录");
}

static int guidance_add(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_guidance g = {0};
	const char *why;
	int rc;

	if (load(c, &d) != 0 ||
	    may_act(c, POWER_DELEGATE, "培训指导", d.power.dept_org_id, d.power.dept_name, 0) != 0)
		return -1;
	/* on a power delegated to the zone, of a day that has been (DECISIONS 324) */
	if ((why = power_guidance_refusal(d.status)))
		return api_error(c, 409, "invalid_state", why, NULL);
	g.delegation_id = d.id;
	g.kind = api_body_str(c, "kind");
	if (!enum_valid(&enum_guidance_kind, g.kind))
		return api_error(c, 400, "invalid_value", "类别应为业务培训、业务指导或监督检查",
		                 "/kind");
	if (power_date(c, "held_on", &g.held_on) != 0)
		return -1;
	if (plan_day(g.held_on) > plan_today(c->now))
		return api_error(c, 400, "invalid_value", "培训指导的日期不能晚于今天", "/held_on");
	if (power_need(c, "content", "请填写培训或指导的内容", &g.content) != 0)
		return -1;
	g.participants = api_body_int(c, "participants");
	if ((rc = store_guidance_add(c->db, &c->actor, &power_json_audit, &g)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "id", g.id);
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
}

/* ---- monthly figures ---- */

static int months(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_case_month *ms;
	int n, rc;

	if (load(c, &d) != 0)
		return -1;
	if ((rc = store_case_month_list(c->db, c->a, d.id, &ms, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_case_month(&c->w, &ms[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* The zone (who handles the cases) or the delegating department enters a month's figures. */
static int month_put(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_case_month m = {0};
	const char *field, *message, *why;
	bool state;
	int rc;

	if (load(c, &d) != 0)
		return -1;
	if (c->sess.user.org_id != d.zone_org_id && c->sess.user.org_id != d.power.dept_org_id)
		return api_error(c, 403, "forbidden", "只有承接的开发区或实施部门才能填报办件数据",
		                 NULL);
	m.delegation_id = d.id;
	m.month = api_body_str(c, "month");
	/* only a power in use, of a month from its 生效日期's to this one (DECISIONS 323) */
	why = power_month_refusal(d.status, d.effective_from, power_month(m.month),
	                          workday_month(plan_today(c->now)), c->a, &state);
	if (why && state)
		return api_error(c, 409, "invalid_state", why, NULL);
	if (power_month(m.month) < 0)
		return api_error(c, 400, "invalid_value", "月份应为 YYYY-MM", "/month");
	if (why)
		return api_error(c, 400, "invalid_value", why, "/month");
	m.f.received = api_body_int(c, "received");
	m.f.done = api_body_int(c, "done");
	m.f.done_in_time = api_body_int(c, "done_in_time");
	m.f.days_x100 = api_body_int(c, "days_x100");
	m.f.good = api_body_int(c, "good");
	m.f.bad = api_body_int(c, "bad");
	if (power_month_check(&m.f, &field, &message) != 0)
		return api_error(c, 400, "invalid_value", message, field);
	if ((rc = store_case_month_put(c->db, &c->actor, &power_json_audit, &m)) != KFQ_OK)
		return api_store_error(c, rc);
	power_json_case_month(&c->w, &m);
	return api_ok(c, 200);
}

/* ---- evaluation ---- */

struct period {
	const char *from, *to;
	int64_t to_month;
	struct power_rules rules;
};

static int period_of(struct api_ctx *c, const char *from, const char *to, int64_t idle,
                     struct period *p, const char *ffield, const char *tfield)
{
	p->from = from;
	p->to = to;
	p->to_month = power_month(to);
	if (power_month(from) < 0)
		return api_error(c, 400, "invalid_value", "起始月份应为 YYYY-MM", ffield);
	if (p->to_month < 0 || p->to_month < power_month(from))
		return api_error(c, 400, "invalid_value", "截止月份应为 YYYY-MM，且不早于起始月份",
		                 tfield);
	if (p->to_month - power_month(from) >= 36)
		return api_error(c, 400, "invalid_value", "评估期不超过36个月", tfield);
	/* a month still to come has no cases yet, and would count toward 下放了用不上 */
	if (p->to_month > workday_month(plan_today(c->now)))
		return api_error(c, 400, "invalid_value", "截止月份不能晚于本月", tfield);
	p->rules.idle_months = (int)idle;
	p->rules.min_good_bp = POWER_MIN_GOOD_BP;
	return 0;
}

/* The months without a case that flag a power 下放了用不上: the office's setting (or the
 * default); a request may name others to see what they would flag. */
static int idle_setting(struct api_ctx *c, int64_t *out)
{
	struct store_power_setting p;
	int rc;

	if ((rc = store_power_setting_get(c->db, c->a, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	*out = p.idle_months;
	return 0;
}

static void write_setting(struct api_ctx *c, const struct store_power_setting *p)
{
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "changed_at", p->changed_at);
	jsonw_kstr(&c->w, "changed_by_name", p->changed_by_name);
	jsonw_kint(&c->w, "default_idle_months", POWER_IDLE_MONTHS);
	jsonw_kint(&c->w, "idle_months", p->idle_months);
	jsonw_obj_close(&c->w);
}

static int setting_get(struct api_ctx *c)
{
	struct store_power_setting p;
	int rc;

	if ((rc = store_power_setting_get(c->db, c->a, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	write_setting(c, &p);
	return api_ok(c, 200);
}

/* The office keeps the setting (calendar_write: the office's bit for the module's settings, as
 * for the working-day calendar). */
static int setting_put(struct api_ctx *c)
{
	struct store_power_setting p;
	int rc;

	if ((rc = store_power_setting_put(c->db, &c->actor, &power_json_audit,
	                                  api_body_int(c, "idle_months"))) != KFQ_OK ||
	    (rc = store_power_setting_get(c->db, c->a, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	write_setting(c, &p);
	return api_ok(c, 200);
}

static void write_sums(struct api_ctx *c, const struct store_power_sums *s, const struct period *p)
{
	struct power_figures f;

	power_figures(&s->sums, p->to_month, s->promised_days, &p->rules, &f);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "delegation_id", s->delegation_id);
	jsonw_kint(&c->w, "dept_org_id", s->dept_org_id);
	jsonw_kstr(&c->w, "dept_org_name", s->dept_name);
	jsonw_kint(&c->w, "evaluations", s->evaluations);
	jsonw_key(&c->w, "figures");
	power_json_figures(&c->w, &f);
	jsonw_kstr(&c->w, "last_result", s->last_result);
	jsonw_kstr(&c->w, "power_code", s->power_code);
	jsonw_kint(&c->w, "power_id", s->power_id);
	jsonw_kstr(&c->w, "power_name", s->power_name);
	jsonw_kint(&c->w, "promised_days", s->promised_days);
	jsonw_kstr(&c->w, "status", s->status);
	jsonw_kint(&c->w, "zone_org_id", s->zone_org_id);
	jsonw_kstr(&c->w, "zone_org_name", s->zone_name);
	jsonw_obj_close(&c->w);
}

static int sums_query(struct api_ctx *c, struct store_sums_filter *f, struct period *p, bool paged)
{
	int64_t idle = POWER_IDLE_MONTHS;

	memset(f, 0, sizeof(*f));
	f->zone_org_id = api_query_int(c, "zone_org_id", 0);
	f->dept_org_id = api_query_int(c, "dept_org_id", 0);
	if (idle_setting(c, &idle) != 0)
		return -1;
	idle = api_query_int(c, "idle_months", idle);
	if (!api_query_str(c, "from") || !api_query_str(c, "to"))
		return api_error(c, 400, "invalid_parameter", "请给出评估期 from 和 to（YYYY-MM）",
		                 api_query_str(c, "from") ? "to" : "from");
	if (period_of(c, api_query_str(c, "from"), api_query_str(c, "to"), idle, p, "from", "to") !=
	    0)
		return -1;
	f->from = p->from;
	f->to = p->to;
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f->scope) != 0)
		return -1;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int figures(struct api_ctx *c)
{
	struct store_sums_filter f;
	struct store_power_sums *ss;
	struct period p;
	int64_t total;
	int n, rc;

	if (sums_query(c, &f, &p, true) != 0)
		return -1;
	if ((rc = store_power_sums(c->db, c->a, &f, &ss, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		write_sums(c, &ss[i], &p);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* 平均办理时长 in an export as the pages show it (DECISIONS 267): a number of two decimals (a
 * number cell in .xlsx), and an empty cell where no case was done, for there is no average
 * then (the pages' "—"; the rates beside it are empty for the same reason). */
static void export_avg_days(struct export_table *x, const struct power_figures *fg)
{
	if (fg->done > 0)
		export_amount(x, fg->avg_days_x100, 2);
	else
		export_text(x, NULL);
}

static int figures_export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",       "事项编码",   "事项名称",    "实施部门", "状态",
	    "受理",         "办结",       "按时办结",    "超期",     "平均办理时长（工作日）",
	    "承诺时限",     "按时办结率", "好评",        "差评",     "满意率",
	    "下放了用不上", "建议结果",   "最近评估结果"};
	static const double widths[] = {30, 16, 36, 20, 14, 8,  8,  8,  8,
	                                12, 10, 12, 8,  8,  10, 12, 10, 12};
	struct store_sums_filter f;
	struct store_power_sums *ss;
	struct export_table x;
	struct period p;
	int64_t total;
	int n, rc;

	if (sums_query(c, &f, &p, false) != 0)
		return -1;
	if ((rc = store_power_sums(c->db, c->a, &f, &ss, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "赋权评估", headers, widths, 18) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct power_figures fg;
		power_figures(&ss[i].sums, p.to_month, ss[i].promised_days, &p.rules, &fg);
		export_text(&x, ss[i].zone_name);
		export_text(&x, ss[i].power_code);
		export_text(&x, ss[i].power_name);
		export_text(&x, ss[i].dept_name);
		export_text(&x, power_status_label(ss[i].status));
		export_int(&x, fg.received);
		export_int(&x, fg.done);
		export_int(&x, fg.done_in_time);
		export_int(&x, fg.overdue);
		export_avg_days(&x, &fg);
		export_int(&x, ss[i].promised_days);
		if (fg.on_time_bp >= 0)
			export_bp_percent(&x, fg.on_time_bp);
		else
			export_text(&x, NULL);
		export_int(&x, fg.good);
		export_int(&x, fg.bad);
		if (fg.satisfaction_bp >= 0)
			export_bp_percent(&x, fg.satisfaction_bp);
		else
			export_text(&x, NULL);
		export_text(&x, fg.idle ? "是" : "否");
		export_text(&x, enum_label(&enum_power_result, power_result_name(fg.suggested)));
		export_text(&x, ss[i].last_result
		                    ? enum_label(&enum_power_result, ss[i].last_result)
		                    : NULL);
		export_end_row(&x);
	}
	return export_finish(c, &x, "赋权事项评估");
}

/* The department records its evaluation of one delegated power: the figures are computed here
 * from the monthly rows, never taken from the request. */
static int evaluate(struct api_ctx *c)
{
	struct store_delegation d;
	struct store_sums_filter f = {0};
	struct store_power_sums *ss;
	struct store_evaluation e = {0};
	struct period p;
	int64_t total, idle = POWER_IDLE_MONTHS;
	int n, rc;

	if (load(c, &d) != 0 ||
	    may_act(c, POWER_DELEGATE, "评估", d.power.dept_org_id, d.power.dept_name, 0) != 0 ||
	    idle_setting(c, &idle) != 0)
		return -1;
	if (api_body_has(c, "idle_months"))
		idle = api_body_int(c, "idle_months");
	if (period_of(c, api_body_str(c, "period_from"), api_body_str(c, "period_to"), idle, &p,
	              "/period_from", "/period_to") != 0)
		return -1;
	if (power_result_parse(api_body_str(c, "result")) < 0)
		return api_error(c, 400, "invalid_value", "评估结果应为良好、需改进或建议收回",
		                 "/result");
	if (power_need(c, "reason", "请填写评估理由", &e.reason) != 0)
		return -1;
	f.delegation_id = d.id;
	f.from = p.from;
	f.to = p.to;
	f.scope.kind = "all";
	if ((rc = store_power_sums(c->db, c->a, &f, &ss, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (n != 1)
		return api_error(c, 409, "invalid_state", "只能评估已下放的事项", NULL);
	power_figures(&ss[0].sums, p.to_month, ss[0].promised_days, &p.rules, &e.fig);
	e.delegation_id = d.id;
	e.period_from = p.from;
	e.period_to = p.to;
	e.result = api_body_str(c, "result");
	e.problems = api_body_str(c, "problems");
	if ((rc = store_evaluation_create(c->db, &c->actor, &power_json_audit, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "figures");
	power_json_figures(&c->w, &e.fig);
	jsonw_kint(&c->w, "id", e.id);
	jsonw_kstr(&c->w, "result", e.result);
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
}

/* The recorded evaluations' filters, scoped as the delegations are. */
static int eval_filter_from_query(struct api_ctx *c, struct store_eval_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->delegation_id = api_query_int(c, "delegation_id", 0);
	f->zone_org_id = api_query_int(c, "zone_org_id", 0);
	f->dept_org_id = api_query_int(c, "dept_org_id", 0);
	f->power_id = api_query_int(c, "power_id", 0);
	f->result = api_query_str(c, "result");
	if (f->result && power_result_parse(f->result) < 0)
		return api_error(c, 400, "invalid_parameter", "评估结果应为良好、需改进或建议收回",
		                 "result");
	f->from = api_query_str(c, "from");
	f->to = api_query_str(c, "to");
	if (f->from && power_month(f->from) < 0)
		return api_error(c, 400, "invalid_parameter", "起始月份应为 YYYY-MM", "from");
	if (f->to && power_month(f->to) < 0)
		return api_error(c, 400, "invalid_parameter", "截止月份应为 YYYY-MM", "to");
	if (f->from && f->to && power_month(f->to) < power_month(f->from))
		return api_error(c, 400, "invalid_parameter", "截止月份不能早于起始月份", "to");
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f->scope) != 0)
		return -1;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int evaluations(struct api_ctx *c)
{
	struct store_eval_filter f;
	struct store_evaluation *es;
	int64_t total;
	int n, rc;

	if (eval_filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_evaluation_list(c->db, c->a, &f, &es, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_evaluation(&c->w, &es[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* The filtered evaluations counted by department and result: {items: [{dept_org_id,
 * dept_org_name, good, improve, revoke}]}, in department name order (the page's chart). */
static int evaluation_counts(struct api_ctx *c)
{
	struct store_eval_filter f;
	struct store_eval_count *cs;
	int n, rc;

	if (eval_filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_evaluation_counts(c->db, c->a, &f, &cs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n;) {
		int64_t by[POWER_NRESULTS] = {0}, dept = cs[i].dept_org_id;
		const char *name = cs[i].dept_name;

		for (; i < n && cs[i].dept_org_id == dept; i++)
			if (power_result_parse(cs[i].result) >= 0)
				by[power_result_parse(cs[i].result)] = cs[i].n;
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "dept_org_id", dept);
		jsonw_kstr(&c->w, "dept_org_name", name);
		for (int r = 0; r < POWER_NRESULTS; r++)
			jsonw_kint(&c->w, power_result_name(r), by[r]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int evaluations_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",
	                                      "事项编码",
	                                      "事项名称",
	                                      "实施部门",
	                                      "评估期起",
	                                      "评估期止",
	                                      "受理",
	                                      "办结",
	                                      "按时办结",
	                                      "超期",
	                                      "平均办理时长（工作日）",
	                                      "好评",
	                                      "差评",
	                                      "下放了用不上",
	                                      "评估结果",
	                                      "评估理由",
	                                      "发现的问题",
	                                      "评估人",
	                                      "评估时间"};
	static const double widths[] = {30, 16, 36, 20, 10, 10, 8,  8,  8, 8,
	                                12, 8,  8,  12, 10, 40, 40, 12, 20};
	struct store_eval_filter f;
	struct store_evaluation *es;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (eval_filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_evaluation_list(c->db, c->a, &f, &es, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "评估记录", headers, widths, 19) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&x, es[i].zone_name);
		export_text(&x, es[i].power_code);
		export_text(&x, es[i].power_name);
		export_text(&x, es[i].dept_name);
		export_text(&x, es[i].period_from);
		export_text(&x, es[i].period_to);
		export_int(&x, es[i].fig.received);
		export_int(&x, es[i].fig.done);
		export_int(&x, es[i].fig.done_in_time);
		export_int(&x, es[i].fig.overdue);
		export_avg_days(&x, &es[i].fig);
		export_int(&x, es[i].fig.good);
		export_int(&x, es[i].fig.bad);
		export_text(&x, es[i].fig.idle ? "是" : "否");
		export_text(&x, enum_label(&enum_power_result, es[i].result));
		export_text(&x, es[i].reason);
		export_text(&x, es[i].problems);
		export_text(&x, es[i].evaluated_by_name);
		export_time(&x, es[i].evaluated_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "赋权事项评估记录");
}

#define DELEG_FILTER                                                                               \
	API_QSTR("q", 100), API_QSTR("status", 16), API_ID_FIELD("zone_org_id", false),            \
	    API_ID_FIELD("dept_org_id", false), API_ID_FIELD("power_id", false)
static const struct api_field list_query[] = {DELEG_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {DELEG_FILTER, API_FIELDS_END};
#define FIGURES_FILTER                                                                             \
	API_QSTR("from", 7), API_QSTR("to", 7), API_ID_FIELD("zone_org_id", false),                \
	    API_ID_FIELD("dept_org_id", false), API_INT_FIELD("idle_months", false, 1, 24)
static const struct api_field figures_query[] = {FIGURES_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field figures_export_query[] = {FIGURES_FILTER, API_FIELDS_END};
#define EVAL_FILTER                                                                                \
	API_ID_FIELD("delegation_id", false), API_ID_FIELD("zone_org_id", false),                  \
	    API_ID_FIELD("dept_org_id", false), API_ID_FIELD("power_id", false),                   \
	    API_QSTR("result", 10), API_QSTR("from", 7), API_QSTR("to", 7)
static const struct api_field eval_query[] = {EVAL_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field guidance_query[] = {
    API_ID_FIELD("delegation_id", false), API_ID_FIELD("zone_org_id", false),
    API_ID_FIELD("dept_org_id", false), API_ID_FIELD("power_id", false), API_FIELDS_END};
static const struct api_field eval_export_query[] = {EVAL_FILTER, API_FIELDS_END};

static const struct api_field setting_body[] = {
    API_INT_FIELD("idle_months", true, 1, 24),
    {NULL, 0, false, 0},
};
static const struct api_field create_body[] = {
    {"action", API_STR, true, 20},
    API_ID_FIELD("power_id", true),
    API_ID_FIELD("zone_org_id", true),
    {"note", API_STR, false, 2000},
    {NULL, 0, false, 0},
};
static const struct api_field step_body[] = {
    {"action", API_STR, true, 20},
    {"mode", API_STR, false, 20},
    {"effective_from", API_STR, false, 10},
    {"document", API_STR, false, 200},
    {"service_place", API_STR, false, 200},
    {"acting_by", API_STR, false, 200},
    {"acting_until", API_STR, false, 10},
    {"note", API_STR, false, 2000},
    {NULL, 0, false, 0},
};
static const struct api_field guidance_body[] = {
    {"kind", API_STR, true, 20},
    {"held_on", API_STR, true, 10},
    {"content", API_STR, true, 4000},
    API_INT_FIELD("participants", false, 0, 100000),
    {NULL, 0, false, 0},
};
static const struct api_field month_body[] = {
    {"month", API_STR, true, 7},
    API_INT_FIELD("received", true, 0, POWER_CASES_MAX),
    API_INT_FIELD("done", true, 0, POWER_CASES_MAX),
    API_INT_FIELD("done_in_time", true, 0, POWER_CASES_MAX),
    API_INT_FIELD("days_x100", true, 0, POWER_DAYS_X100_MAX),
    API_INT_FIELD("good", true, 0, POWER_CASES_MAX),
    API_INT_FIELD("bad", true, 0, POWER_CASES_MAX),
    {NULL, 0, false, 0},
};
static const struct api_field evaluate_body[] = {
    {"period_from", API_STR, true, 7},
    {"period_to", API_STR, true, 7},
    {"result", API_STR, true, 10},
    {"reason", API_STR, true, 2000},
    {"problems", API_STR, false, 4000},
    API_INT_FIELD("idle_months", false, 1, 24),
    {NULL, 0, false, 0},
};

const struct api_route api_delegation_routes[] = {
    {"GET", "/api/power-delegations", list, PERM_POWER_READ, 0, list_query, NULL},
    {"GET", "/api/power-delegations/export.xlsx", export, PERM_POWER_READ, 0, export_query, NULL},
    {"GET", "/api/power-delegations/export.csv", export, PERM_POWER_READ, 0, export_query, NULL},
    {"POST", "/api/power-delegations", create, PERM_POWER_WRITE, 0, NULL, create_body},
    {"GET", "/api/power-delegations/:id", get, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/power-delegations/:id/steps", step, PERM_POWER_WRITE, 0, NULL, step_body},
    {"GET", "/api/power-delegations/:id/guidance", guidance_list, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/power-delegations/:id/guidance", guidance_add, PERM_POWER_WRITE, 0, NULL,
     guidance_body},
    {"GET", "/api/power-guidance/export.xlsx", guidance_export, PERM_POWER_READ, 0, guidance_query,
     NULL},
    {"GET", "/api/power-guidance/export.csv", guidance_export, PERM_POWER_READ, 0, guidance_query,
     NULL},
    {"GET", "/api/power-delegations/:id/months", months, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/power-delegations/:id/months", month_put, PERM_POWER_WRITE, 0, NULL, month_body},
    {"POST", "/api/power-delegations/:id/evaluations", evaluate, PERM_POWER_WRITE, 0, NULL,
     evaluate_body},
    {"GET", "/api/power-evaluations", evaluations, PERM_POWER_READ, 0, eval_query, NULL},
    {"GET", "/api/power-evaluations/export.xlsx", evaluations_export, PERM_POWER_READ, 0,
     eval_export_query, NULL},
    {"GET", "/api/power-evaluations/export.csv", evaluations_export, PERM_POWER_READ, 0,
     eval_export_query, NULL},
    {"GET", "/api/power-evaluations/by-department", evaluation_counts, PERM_POWER_READ, 0,
     eval_export_query, NULL},
    {"GET", "/api/power-settings", setting_get, PERM_POWER_READ, 0, NULL, NULL},
    {"PUT", "/api/power-settings", setting_put, PERM_CALENDAR_WRITE, 0, NULL, setting_body},
    {"GET", "/api/power-evaluations/figures", figures, PERM_POWER_READ, 0, figures_query, NULL},
    {"GET", "/api/power-evaluations/figures/export.xlsx", figures_export, PERM_POWER_READ, 0,
     figures_export_query, NULL},
    {"GET", "/api/power-evaluations/figures/export.csv", figures_export, PERM_POWER_READ, 0,
     figures_export_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

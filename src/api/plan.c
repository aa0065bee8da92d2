/* plan.c - 一区一策 plans: list (with the review queue's filters), export, one, versions,
 * create, change (an approved plan's change is a proposed revision beside it), submit,
 * approve (one or a batch), return, discard a revision; and who may read or write a plan's
 * data (plan_impl.h). A zone or county user writes for the organizations in its data scope that
 * the task names as responsible; the reform office approves or returns, never what the same
 * account submitted; everyone with task access reads what their scope (or their organization's
 * lead role on the task) allows. Must not write SQL. */
#include "api/plan_impl.h"

#include "api/export.h"
#include "app/task_json.h"
#include "core/enums.h"
#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_task.h"

#include <string.h>

void api_plan_bounds(struct api_ctx *c, struct milestone_bounds *b)
{
	milestone_bounds(plan_today(c->now), b);
}

static bool org_in(const struct store_org_ref *r, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (r[i].id == id)
			return true;
	return false;
}

/* May the caller read the plans of org on task? Its scope covers org, or its organization
 * leads the task (谁牵头、谁督促). */
int api_plan_readable(struct api_ctx *c, int64_t task_id, int64_t org_id, bool *yes)
{
	struct store_task t;
	int64_t *ids;
	int nids, rc;

	*yes = true;
	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	if (api_scope_allows(ids, nids, org_id))
		return 0;
	if ((rc = store_task_get(c->db, c->a, task_id, &t)) != KFQ_OK)
		return api_store_error(c, rc);
	*yes = org_in(t.lead, t.nlead, c->sess.user.org_id);
	return 0;
}

int api_plan_can_read(struct api_ctx *c, int64_t task_id, int64_t org_id)
{
	bool yes;

	if (api_plan_readable(c, task_id, org_id, &yes) != 0)
		return -1;
	return yes ? 0 : api_store_error(c, KFQ_ENOTFOUND);
}

int api_plan_refused(struct api_ctx *c, enum store_plan_problem problem, const char *wrong_state,
                     const char *field)
{
	switch (problem) {
	case PLAN_OWN_SUBMISSION:
		return api_error(c, 403, "own_submission",
		                 "不能审核本人提交的内容，请由其他人员审核", field);
	case PLAN_NOT_A_MILESTONE:
		return api_error(c, 400, "invalid_value",
		                 "节点不属于该计划的现行版本，或被重复引用",
		                 field ? field : "/milestones");
	case PLAN_HAS_REPORTS:
		return api_error(c, 409, "milestone_has_reports",
		                 "已有进展报告的节点不能删除，只能关闭并说明理由",
		                 field ? field : "/milestones");
	case PLAN_REPORT_NOT_FOUND:
		return api_error(c, 400, "invalid_value", "进展报告不存在", field);
	case PLAN_MILESTONE_DONE:
		return api_error(c, 409, "milestone_done",
		                 "该节点已完成，不能再通过其他进展报告，请退回该报告", field);
	case PLAN_MILESTONE_CLOSED:
		return api_error(c, 409, "milestone_closed",
		                 "该节点已被计划修订关闭，不能再通过进展报告，请退回该报告", field);
	case PLAN_WRONG_STATE:
	case PLAN_OK:
		break;
	}
	return api_error(c, 409, "invalid_state", wrong_state, field);
}

/* A plan whose organization the office has removed from its task's responsible units is kept
 * with its milestones and reports, readable as before, and is no longer changed, submitted or
 * approved (nor reported on: store_report_create). field: where a batch names it. */
static int still_responsible(struct api_ctx *c, const struct store_plan *p, const char *field)
{
	if (p->responsible)
		return 0;
	return api_error(c, 409, "no_longer_responsible",
	                 arena_printf(c->a,
	                              "“%s”已不是该任务的责任单位，计划不能再修改、提交或批准",
	                              p->org_name),
	                 field);
}

/* May the caller write for org (own scope, plan-writing role)? */
int api_plan_can_write(struct api_ctx *c, int64_t org_id)
{
	int64_t *ids;
	int nids;

	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	if (!api_scope_allows(ids, nids, org_id))
		return api_error(c, 403, "forbidden", "只能为本单位填报", NULL);
	return 0;
}

/* The milestones a revision or an edit closes: {"id", "reason"} each, a reason required. */
static int read_closes(struct api_ctx *c, struct store_milestone_close **out, int *n)
{
	json_t *arr = json_object_get(c->body, "closed");
	size_t k = json_array_size(arr);

	*out = arena_zalloc(c->a, sizeof(**out) * (k + 1));
	*n = (int)k;
	for (size_t i = 0; i < k; i++) {
		json_t *o = json_array_get(arr, i);
		const char *reason = json_string_value(json_object_get(o, "reason"));
		(*out)[i].milestone_id = json_integer_value(json_object_get(o, "id"));
		(*out)[i].reason = reason;
		if (!reason || !*reason)
			return api_error(c, 400, "missing_field", "关闭节点请说明理由",
			                 arena_printf(c->a, "/closed/%zu/reason", i));
	}
	return 0;
}

static int read_milestones(struct api_ctx *c, int64_t plan_org, struct store_milestone **out,
                           int *n)
{
	json_t *arr = json_object_get(c->body, "milestones");
	size_t k = json_array_size(arr);
	struct store_milestone *ms = arena_zalloc(c->a, sizeof(*ms) * (k + 1));
	struct plan_milestone *pm = arena_zalloc(c->a, sizeof(*pm) * (k + 1));
	struct plan_problem p;

	for (size_t i = 0; i < k; i++) {
		json_t *o = json_array_get(arr, i);
		ms[i].id = json_integer_value(json_object_get(o, "id"));
		ms[i].title = json_string_value(json_object_get(o, "title"));
		ms[i].deliverable = json_string_value(json_object_get(o, "deliverable"));
		ms[i].owner_org_id = json_integer_value(json_object_get(o, "owner_org_id"));
		ms[i].owner_person = json_string_value(json_object_get(o, "owner_person"));
		ms[i].start_date = json_string_value(json_object_get(o, "start_date"));
		ms[i].due_date = json_string_value(json_object_get(o, "due_date"));
		ms[i].weight = (int)json_integer_value(json_object_get(o, "weight"));
		pm[i].title = ms[i].title;
		pm[i].deliverable = ms[i].deliverable;
		pm[i].start_date = ms[i].start_date;
		pm[i].due_date = ms[i].due_date;
		pm[i].weight = ms[i].weight;
		if (ms[i].owner_org_id == plan_org)
			ms[i].owner_org_id = 0;
		if (ms[i].owner_org_id) {
			struct store_org o2;
			int rc = store_org_get(c->db, c->a, ms[i].owner_org_id, &o2);
			if (rc == KFQ_ENOTFOUND)
				return api_error(
				    c, 400, "invalid_value", "责任单位不存在",
				    arena_printf(c->a, "/milestones/%zu/owner_org_id", i));
			if (rc != KFQ_OK)
				return api_store_error(c, rc);
		}
	}
	if (plan_validate(pm, (int)k, &p) != 0)
		return api_error(c, 400, "invalid_plan", p.message, arena_strdup(c->a, p.field));
	*out = ms;
	*n = (int)k;
	return 0;
}

/* The plans a list (paged) or an export shows: filters from the query, the caller's scope and
 * lead role. Answers errors itself and returns -1. */
static int select_plans(struct api_ctx *c, bool paged, struct store_plan_filter *f,
                        struct store_plan **p, int *n, int64_t *total)
{
	struct milestone_bounds b;
	int rc;

	memset(f, 0, sizeof(*f));
	f->status = api_query_str(c, "status");
	f->review = api_query_str(c, "review");
	if (f->status && !enum_valid(&enum_plan_status, f->status))
		return api_error(c, 400, "invalid_parameter",
		                 "status 应为 draft、submitted、approved 或 returned", "status");
	if (f->review && strcmp(f->review, "pending") != 0 && strcmp(f->review, "returned") != 0)
		return api_error(c, 400, "invalid_parameter", "review 应为 pending 或 returned",
		                 "review");
	f->policy_id = api_query_int(c, "policy_id", 0);
	f->task_id = api_query_int(c, "task_id", 0);
	f->org_id = api_query_int(c, "org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	api_scope(c, &f->scope);
	f->lead_org_id = c->sess.user.org_id; /* as api_plan_can_read allows */
	api_plan_bounds(c, &b);
	if ((rc = store_plan_list(c->db, c->a, f, &b, p, n, total)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int plan_list(struct api_ctx *c)
{
	struct store_plan_filter f;
	struct store_plan *p;
	int64_t total;
	int n;

	if (select_plans(c, true, &f, &p, &n, &total) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		plan_json_write(&c->w, &p[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* 政策文件 first, as the tasks' export: a draft's and its revision's tasks share numbers */
static const char *const plan_headers[] = {"政策文件", "条目",     "任务",    "单位",
                                           "状态",     "版本",     "节点数",  "完成率",
                                           "逾期节点", "提交时间", "审核时间"};

/* One row per plan: the board's task × organization cells with their status. */
static int plan_export(struct api_ctx *c)
{
	static const double widths[] = {36, 6, 26, 26, 8, 6, 8, 10, 10, 22, 22};
	struct store_plan_filter f;
	struct store_plan *p;
	struct store_policy *pol;
	struct task_policy_names docs;
	struct export_table t;
	int64_t total;
	int n, npol, rc;

	if (select_plans(c, false, &f, &p, &n, &total) != 0)
		return -1;
	if ((rc = store_policy_list(c->db, c->a, &pol, &npol)) != KFQ_OK)
		return api_store_error(c, rc);
	task_policy_names_make(c->a, pol, npol, &docs);
	if (export_begin(c, &t, "一区一策", plan_headers, widths, 11) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&t, task_policy_names_get(&docs, p[i].policy_id));
		export_int(&t, p[i].article_number);
		export_text(&t, p[i].task_title);
		export_text(&t, p[i].org_name);
		export_text(&t, enum_label(&enum_plan_status, p[i].status));
		export_int(&t, p[i].version);
		export_int(&t, p[i].n_milestones);
		export_bp_percent(&t, p[i].completion_bp);
		export_int(&t, p[i].n_overdue);
		export_time(&t, p[i].submitted_at);
		export_time(&t, p[i].reviewed_at);
		export_end_row(&t);
	}
	return export_finish(c, &t, "一区一策");
}

static int reply_plan(struct api_ctx *c, int64_t id, int status)
{
	struct milestone_bounds b;
	struct store_plan p;
	int rc;

	api_plan_bounds(c, &b);
	if ((rc = store_plan_get(c->db, c->a, id, &b, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	plan_json_write(&c->w, &p);
	return api_ok(c, status);
}

static int load_plan(struct api_ctx *c, struct store_plan *p)
{
	struct milestone_bounds b;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	api_plan_bounds(c, &b);
	if ((rc = store_plan_get(c->db, c->a, id, &b, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_plan_can_read(c, p->task_id, p->org_id);
}

static int plan_get(struct api_ctx *c)
{
	struct store_plan p;

	if (load_plan(c, &p) != 0)
		return -1;
	plan_json_write(&c->w, &p);
	return api_ok(c, 200);
}

static int plan_versions(struct api_ctx *c)
{
	struct store_plan p;
	struct store_plan_version *v;
	int n, rc;

	if (load_plan(c, &p) != 0)
		return -1;
	if ((rc = store_plan_versions(c->db, c->a, p.id, &v, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "version", v[i].version);
		jsonw_kstr(&c->w, "approved_at", v[i].approved_at);
		jsonw_kstr(&c->w, "approved_by_name", v[i].approved_by_name);
		jsonw_key(&c->w, "milestones");
		jsonw_raw(&c->w, v[i].milestones_json, strlen(v[i].milestones_json));
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int plan_create(struct api_ctx *c)
{
	struct store_task t;
	struct store_org o;
	struct store_milestone *ms;
	int64_t task_id = api_body_int(c, "task_id"), org_id = api_body_int(c, "org_id"), id;
	int n, rc;

	if (!org_id)
		org_id = c->sess.user.org_id;
	rc = store_task_get(c->db, c->a, task_id, &t);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "改革任务不存在", "/task_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (api_plan_can_write(c, org_id) != 0)
		return -1;
	if ((rc = store_org_get(c->db, c->a, org_id, &o)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!org_in(t.responsible, t.nresponsible, org_id) ||
	    (strcmp(o.type, "zone") != 0 && strcmp(o.type, "county") != 0))
		return api_error(c, 400, "not_responsible",
		                 arena_printf(c->a, "“%s”不是该任务的责任开发区或县区", o.name),
		                 "/org_id");
	if (read_milestones(c, org_id, &ms, &n) != 0)
		return -1;
	rc = store_plan_create(c->db, &c->actor, &plan_json_audit, task_id, org_id, ms, n, &id);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "plan_exists", "该单位已有此任务的计划，请修改原计划",
		                 "/task_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_plan(c, id, 201);
}

static int plan_update(struct api_ctx *c)
{
	struct store_plan p;
	struct store_milestone *ms;
	struct store_milestone_close *closes;
	enum store_plan_problem problem;
	int n, nclose, rc;

	if (load_plan(c, &p) != 0 || api_plan_can_write(c, p.org_id) != 0 ||
	    still_responsible(c, &p, NULL) != 0 || read_milestones(c, p.org_id, &ms, &n) != 0 ||
	    read_closes(c, &closes, &nclose) != 0)
		return -1;
	rc = store_plan_update(c->db, &c->actor, &plan_json_audit, p.id, ms, n, closes, nclose,
	                       &problem);
	if (rc == KFQ_EINVAL && problem == PLAN_WRONG_STATE)
		return api_error(c, 409, "plan_under_review",
		                 "计划（或其修订）正在审核中，不能修改", NULL);
	if (rc == KFQ_EINVAL)
		return api_plan_refused(c, problem, NULL, NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_plan(c, p.id, 200);
}

/* A step on the plan, or on its open revision once the plan is approved. */
static int plan_act(struct api_ctx *c, enum store_plan_action action)
{
	static const char *const refused[] = {
	    "只有草稿或被退回的计划（修订）可以提交", "只有待审核的计划（修订）可以批准",
	    "只有待审核的计划（修订）可以退回", "只有未提交审核的修订可以撤销"};
	struct store_plan p;
	enum store_plan_problem problem;
	const char *comment = api_body_str(c, "comment");
	int rc;

	if (load_plan(c, &p) != 0)
		return -1;
	if ((action == PLAN_SUBMIT || action == PLAN_DISCARD) &&
	    api_plan_can_write(c, p.org_id) != 0)
		return -1;
	if ((action == PLAN_SUBMIT || action == PLAN_APPROVE) &&
	    still_responsible(c, &p, NULL) != 0)
		return -1;
	if (action == PLAN_RETURN && (!comment || !*comment))
		return api_error(c, 400, "missing_field", "退回时请填写意见", "/comment");
	if (action == PLAN_DISCARD && !p.revision)
		return api_plan_refused(c, PLAN_WRONG_STATE, "计划没有修订，无需撤销", NULL);
	if (action == PLAN_SUBMIT && (p.revision ? p.revision->n_milestones : p.n_milestones) == 0)
		return api_error(c, 400, "invalid_plan", "计划没有节点，不能提交", NULL);
	rc = store_plan_act(c->db, &c->actor, &plan_json_audit, p.id, action, comment, &problem);
	if (rc == KFQ_EINVAL)
		return api_plan_refused(c, problem, refused[action], NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_plan(c, p.id, 200);
}

/* 批量通过: every plan (or revision) named, with one comment, or none of them. */
static int plan_approve_all(struct api_ctx *c)
{
	struct milestone_bounds b;
	enum store_plan_problem problem;
	struct store_plan p;
	const char *comment = api_body_str(c, "comment");
	int64_t *ids;
	int n, failed, rc;

	ids = api_body_ints(c, "ids", &n);
	if (n == 0)
		return api_error(c, 400, "missing_field", "请选择要通过的计划", "/ids");
	api_plan_bounds(c, &b);
	for (int i = 0; i < n; i++) {
		const char *field = arena_printf(c->a, "/ids/%d", i);
		bool readable = false;
		rc = store_plan_get(c->db, c->a, ids[i], &b, &p);
		if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
			return api_store_error(c, rc);
		if (rc == KFQ_OK && api_plan_readable(c, p.task_id, p.org_id, &readable) != 0)
			return -1;
		/* another organization's plan is refused as a missing one */
		if (!readable)
			return api_error(c, 400, "invalid_value", "计划不存在", field);
		if (still_responsible(c, &p, field) != 0)
			return -1;
	}
	rc = store_plan_approve_all(c->db, &c->actor, &plan_json_audit, ids, n, comment, &failed,
	                            &problem);
	if (rc == KFQ_EINVAL)
		return api_plan_refused(c, problem, "只有待审核的计划（修订）可以批准",
		                        arena_printf(c->a, "/ids/%d", failed));
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		if ((rc = store_plan_get(c->db, c->a, ids[i], &b, &p)) != KFQ_OK)
			return api_store_error(c, rc);
		plan_json_write(&c->w, &p);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int plan_submit(struct api_ctx *c)
{
	return plan_act(c, PLAN_SUBMIT);
}

static int plan_approve(struct api_ctx *c)
{
	return plan_act(c, PLAN_APPROVE);
}

static int plan_return(struct api_ctx *c)
{
	return plan_act(c, PLAN_RETURN);
}

static int plan_discard(struct api_ctx *c)
{
	return plan_act(c, PLAN_DISCARD);
}

#define PLAN_FILTER                                                                                \
	API_ID_FIELD("policy_id", false), API_ID_FIELD("task_id", false),                          \
	    API_ID_FIELD("org_id", false), API_QSTR("status", 16), API_QSTR("review", 16)
static const struct api_field plan_query[] = {PLAN_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field plan_export_query[] = {PLAN_FILTER, API_FIELDS_END};

static const struct api_field milestone_fields[] = {
    API_ID_FIELD("id", false),
    {"title", API_STR, true, 200},
    {"deliverable", API_STR, true, 500},
    API_ID_FIELD("owner_org_id", false),
    {"owner_person", API_STR, false, 64},
    {"start_date", API_STR, true, 10},
    {"due_date", API_STR, true, 10},
    API_INT_FIELD("weight", true, 1, PLAN_WEIGHT_TOTAL),
    {NULL, 0, false, 0},
};
static const struct api_field plan_create_body[] = {
    API_ID_FIELD("task_id", true),
    API_ID_FIELD("org_id", false),
    {"milestones", API_OBJ_ARRAY, true, PLAN_MAX_MILESTONES, milestone_fields},
    {NULL, 0, false, 0},
};
static const struct api_field close_fields[] = {
    API_ID_FIELD("id", true),
    {"reason", API_STR, true, 500},
    {NULL, 0, false, 0},
};
static const struct api_field plan_update_body[] = {
    {"milestones", API_OBJ_ARRAY, true, PLAN_MAX_MILESTONES, milestone_fields},
    {"closed", API_OBJ_ARRAY, false, PLAN_MAX_MILESTONES, close_fields},
    {NULL, 0, false, 0},
};
static const struct api_field comment_body[] = {
    {"comment", API_STR, false, 1000},
    {NULL, 0, false, 0},
};
static const struct api_field batch_body[] = {
    API_IDS_FIELD("ids", true, 100),
    {"comment", API_STR, false, 1000},
    {NULL, 0, false, 0},
};
static const struct api_field no_body[] = {{NULL, 0, false, 0}};

const struct api_route api_plan_routes[] = {
    {"GET", "/api/plans", plan_list, PERM_TASK_READ, API_CACHED, plan_query, NULL},
    {"POST", "/api/plans", plan_create, PERM_PLAN_WRITE, 0, NULL, plan_create_body},
    {"POST", "/api/plans/approve", plan_approve_all, PERM_PLAN_REVIEW, 0, NULL, batch_body},
    {"GET", "/api/plans/export.xlsx", plan_export, PERM_TASK_READ, 0, plan_export_query, NULL},
    {"GET", "/api/plans/export.csv", plan_export, PERM_TASK_READ, 0, plan_export_query, NULL},
    {"GET", "/api/plans/:id", plan_get, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/plans/:id", plan_update, PERM_PLAN_WRITE, 0, NULL, plan_update_body},
    {"GET", "/api/plans/:id/versions", plan_versions, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {"POST", "/api/plans/:id/submit", plan_submit, PERM_PLAN_WRITE, 0, NULL, no_body},
    {"POST", "/api/plans/:id/approve", plan_approve, PERM_PLAN_REVIEW, 0, NULL, comment_body},
    {"POST", "/api/plans/:id/return", plan_return, PERM_PLAN_REVIEW, 0, NULL, comment_body},
    {"DELETE", "/api/plans/:id/revision", plan_discard, PERM_PLAN_WRITE, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

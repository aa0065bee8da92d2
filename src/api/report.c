/* report.c - progress reports on the milestones of approved plans (created by the plan's
 * organization, accepted or returned by the reform office within its data scope, never by the
 * account that made them; a batch accepted at once), the review queue across milestones, and
 * the evidence files they carry: attachments of type STORE_REPORT_FILES (api/attachment.h),
 * uploaded first and claimed by the report, readable by whoever may read the report. Must
 * not write SQL or touch files. */
#include "api/attachment.h"
#include "api/export.h"
#include "api/plan_impl.h"
#include "app/task_json.h"

#include "core/enums.h"

#include <string.h>

/* Answers a report refused by store_report_create. */
static int create_refused(struct api_ctx *c, enum store_report_problem problem)
{
	switch (problem) {
	case REPORT_PLAN_NOT_APPROVED:
		return api_error(c, 409, "plan_not_approved", "计划尚未批准，不能填报进展", NULL);
	case REPORT_MILESTONE_CLOSED:
		return api_error(c, 409, "milestone_closed", "该节点已关闭，不能填报进展", NULL);
	case REPORT_NOT_RESPONSIBLE:
		return api_error(c, 409, "no_longer_responsible",
		                 "该单位已不是该任务的责任单位，不能再填报进展", NULL);
	case REPORT_MILESTONE_DONE:
		return api_error(c, 409, "milestone_done", "该节点已完成，不能再填报进展", NULL);
	case REPORT_EVIDENCE_INVALID:
	case REPORT_OK:
		break;
	}
	return api_error(c, 400, "invalid_value",
	                 "证明材料不存在、已被其他报告使用或不是本单位上传的", "/evidence_ids");
}

static int report_create(struct api_ctx *c)
{
	struct store_milestone m;
	struct store_report r = {0};
	struct milestone_bounds b;
	enum store_report_problem problem;
	int64_t *ev;
	int nev, rc;

	if (api_plan_load_milestone(c, &m) != 0 || api_plan_can_write(c, m.org_id) != 0)
		return -1;
	r.milestone_id = m.id;
	r.status = api_body_str(c, "status");
	r.percent = (int)api_body_int(c, "percent");
	r.narrative = api_body_str(c, "narrative");
	if (!enum_valid(&enum_progress_status, r.status))
		return api_error(c, 400, "invalid_value", "状态应为 未开始、进行中、已完成 或 受阻",
		                 "/status");
	if (!strcmp(r.status, "done") && r.percent != 100)
		return api_error(c, 400, "invalid_value", "已完成的节点进度应为100", "/percent");
	/* a percentage under 未开始 would count in the completion of a milestone that reads as not
	 * begun */
	if (!strcmp(r.status, "not_started") && r.percent != 0)
		return api_error(c, 400, "invalid_value", "未开始的节点进度应为0", "/percent");
	ev = api_body_ints(c, "evidence_ids", &nev);
	r.evidence = arena_zalloc(c->a, sizeof(*r.evidence) * (size_t)(nev + 1));
	r.nevidence = nev;
	for (int i = 0; i < nev; i++)
		r.evidence[i].id = ev[i];
	api_plan_bounds(c, &b);
	rc = store_report_create(c->db, &c->actor, &plan_json_audit, &r, m.org_id, b.today,
	                         &problem);
	if (rc == KFQ_EINVAL)
		return create_refused(c, problem);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_report_get(c->db, c->a, r.id, &r)) != KFQ_OK)
		return api_store_error(c, rc);
	plan_json_report(&c->w, &r, true);
	return api_ok(c, 201);
}

/* Report id, if the caller may review it: the data scope of its plan's organization, or its
 * task's lead, as for plans. field: where a batch names it (NULL: the path). */
static int reviewable(struct api_ctx *c, int64_t id, const char *field, struct store_report *r)
{
	int rc = store_report_get(c->db, c->a, id, r);
	bool readable = false;

	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_OK && api_plan_readable(c, r->task_id, r->org_id, &readable) != 0)
		return -1;
	if (readable)
		return 0;
	/* another organization's report answers as a missing one */
	return field ? api_error(c, 400, "invalid_value", "进展报告不存在", field)
	             : api_store_error(c, KFQ_ENOTFOUND);
}

static int report_review(struct api_ctx *c, bool accept)
{
	struct store_report r;
	enum store_plan_problem problem;
	const char *comment = api_body_str(c, "comment");
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || reviewable(c, id, NULL, &r) != 0)
		return -1;
	if (!accept && (!comment || !*comment))
		return api_error(c, 400, "missing_field", "退回时请填写意见", "/comment");
	rc = store_report_review(c->db, &c->actor, &plan_json_audit, id, accept, comment, &problem);
	if (rc == KFQ_EINVAL)
		return api_plan_refused(c, problem, "该进展报告已审核", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_report_get(c->db, c->a, id, &r)) != KFQ_OK)
		return api_store_error(c, rc);
	plan_json_report(&c->w, &r, true);
	return api_ok(c, 200);
}

/* 批量通过: every report named, with one comment, or none of them. */
static int report_accept_all(struct api_ctx *c)
{
	struct store_report r;
	enum store_plan_problem problem;
	const char *comment = api_body_str(c, "comment");
	int64_t *ids;
	int n, failed, rc;

	ids = api_body_ints(c, "ids", &n);
	if (n == 0)
		return api_error(c, 400, "missing_field", "请选择要通过的进展报告", "/ids");
	for (int i = 0; i < n; i++)
		if (reviewable(c, ids[i], arena_printf(c->a, "/ids/%d", i), &r) != 0)
			return -1;
	rc = store_report_accept_all(c->db, &c->actor, &plan_json_audit, ids, n, comment, &failed,
	                             &problem);
	if (rc == KFQ_EINVAL)
		return api_plan_refused(c, problem, "该进展报告已审核",
		                        arena_printf(c->a, "/ids/%d", failed));
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		if ((rc = store_report_get(c->db, c->a, ids[i], &r)) != KFQ_OK)
			return api_store_error(c, rc);
		plan_json_report(&c->w, &r, true);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* The review queue's filters from the query and the caller's view; paged: with the page asked
 * for. Answers errors itself and returns -1. */
static int queue_filter(struct api_ctx *c, bool paged, struct store_report_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->state = api_query_str(c, "state");
	if (f->state && !enum_valid(&enum_report_state, f->state))
		return api_error(c, 400, "invalid_parameter",
		                 "state 应为 submitted、accepted 或 returned", "state");
	f->latest = api_query_int(c, "latest", 0) != 0;
	f->open = api_query_int(c, "open", 0) != 0;
	f->task_id = api_query_int(c, "task_id", 0);
	f->org_id = api_query_int(c, "org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	api_scope(c, &f->scope);
	f->lead_org_id = c->sess.user.org_id; /* as api_plan_can_read allows */
	return 0;
}

/* The review queue: reports across milestones in the caller's view, oldest first. */
static int report_list(struct api_ctx *c)
{
	struct store_report_filter f;
	struct store_report *r;
	int64_t total;
	int n, rc;

	if (queue_filter(c, true, &f) != 0)
		return -1;
	if ((rc = store_report_page(c->db, c->a, &f, &r, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		plan_json_report(&c->w, &r[i], true);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* what each row of the export is written with */
struct report_export {
	struct export_table t;
	struct task_policy_names docs; /* every policy's, to name the row's */
};

/* store_each_fn: one report as one row of the export (ctx: its struct report_export) */
static int report_row(void *ctx, const void *element)
{
	struct report_export *x = ctx;
	struct export_table *t = &x->t;
	const struct store_report *r = element;

	export_text(t, task_policy_names_get(&x->docs, r->policy_id));
	export_int(t, r->article_number);
	export_text(t, r->task_title);
	export_text(t, r->org_name);
	export_text(t, r->milestone_title);
	export_int(t, r->percent);
	export_text(t, enum_label(&enum_progress_status, r->status));
	export_text(t, r->narrative);
	export_int(t, r->nevidence);
	export_text(t, r->created_by_name);
	export_time(t, r->created_at);
	export_text(t, enum_label(&enum_report_state, r->state));
	export_end_row(t);
	return 0;
}

/* The review queue as .xlsx or CSV, with the list's filters: written out one report at a time
 * as the store reads them. */
static int report_export(struct api_ctx *c)
{
	/* 政策文件 first, as the tasks' and plans' exports: two policies' tasks share numbers */
	static const char *const headers[] = {"政策文件", "条目",     "任务",     "单位",
	                                      "节点",     "填报进度", "节点状态", "进展情况",
	                                      "证明材料", "填报人",   "填报时间", "审核状态"};
	static const double widths[] = {36, 6, 26, 26, 26, 8, 10, 50, 8, 12, 20, 10};
	struct store_report_filter f;
	struct report_export x;
	struct store_policy *pol;
	int npol, rc;

	if (queue_filter(c, false, &f) != 0)
		return -1;
	if ((rc = store_policy_list(c->db, c->a, &pol, &npol)) != KFQ_OK)
		return api_store_error(c, rc);
	task_policy_names_make(c->a, pol, npol, &x.docs);
	if (export_begin(c, &x.t, "进展报告", headers, widths, 12) != 0)
		return -1;
	if ((rc = store_report_each(c->db, &f, report_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x.t, "进展报告");
}

static int report_accept(struct api_ctx *c)
{
	return report_review(c, true);
}

static int report_return(struct api_ctx *c)
{
	return report_review(c, false);
}

static int evidence_upload(struct api_ctx *c)
{
	struct store_attachment x;

	if (api_attachment_upload(c, STORE_REPORT_FILES, &x) != 0)
		return -1;
	plan_json_evidence(&c->w, &x);
	return api_ok(c, 201);
}

static int evidence_get(struct api_ctx *c)
{
	return api_attachment_send(c, STORE_REPORT_FILES);
}

/* A report's files: read by whoever may read the report (its plan's rule). */
static int report_files(struct api_ctx *c, int64_t id)
{
	struct store_report r;
	int rc = store_report_get(c->db, c->a, id, &r);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return api_plan_can_read(c, r.task_id, r.org_id);
}

const struct api_attachment_kind api_report_attachment_kinds[] = {
    {STORE_REPORT_FILES, "进展报告", PERM_PLAN_WRITE, PERM_TASK_READ, report_files},
    {NULL, NULL, 0, 0, NULL},
};

static const struct api_field upload_query[] = {API_QSTR("name", 255), API_FIELDS_END};
#define REPORT_FILTER                                                                              \
	API_QSTR("state", 16), API_INT_FIELD("latest", false, 0, 1),                               \
	    API_INT_FIELD("open", false, 0, 1), API_ID_FIELD("task_id", false),                    \
	    API_ID_FIELD("org_id", false)
static const struct api_field list_query[] = {REPORT_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {REPORT_FILTER, API_FIELDS_END};

static const struct api_field comment_body[] = {
    {"comment", API_STR, false, 1000},
    {NULL, 0, false, 0},
};
static const struct api_field batch_body[] = {
    API_IDS_FIELD("ids", true, 100),
    {"comment", API_STR, false, 1000},
    {NULL, 0, false, 0},
};
static const struct api_field report_body[] = {
    {"status", API_STR, true, 16},
    API_INT_FIELD("percent", true, 0, 100),
    {"narrative", API_STR, true, 4000},
    API_IDS_FIELD("evidence_ids", false, 20),
    {NULL, 0, false, 0},
};

const struct api_route api_report_routes[] = {
    {"POST", "/api/milestones/:id/reports", report_create, PERM_PLAN_WRITE, 0, NULL, report_body},
    {"GET", "/api/reports", report_list, PERM_TASK_READ, 0, list_query, NULL},
    {"GET", "/api/reports/export.xlsx", report_export, PERM_TASK_READ, 0, export_query, NULL},
    {"GET", "/api/reports/export.csv", report_export, PERM_TASK_READ, 0, export_query, NULL},
    {"POST", "/api/reports/accept", report_accept_all, PERM_PLAN_REVIEW, 0, NULL, batch_body},
    {"POST", "/api/reports/:id/accept", report_accept, PERM_PLAN_REVIEW, 0, NULL, comment_body},
    {"POST", "/api/reports/:id/return", report_return, PERM_PLAN_REVIEW, 0, NULL, comment_body},
    {"POST", "/api/evidence", evidence_upload, PERM_PLAN_WRITE, API_UPLOAD, upload_query, NULL},
    {"GET", "/api/evidence/:id", evidence_get, PERM_TASK_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* milestone.c - milestones across plans: list (by task, organization, state, text), export,
 * one with its progress reports and whether the caller may report on it now. A caller sees the
 * milestones of the organizations in its data scope and of the tasks its organization leads. Must
 * not write SQL. */
#include "api/plan_impl.h"

#include "api/export.h"
#include "app/task_json.h"
#include "core/account.h"
#include "core/enums.h"

#include <string.h>

/* The milestones a list (paged) or an export shows: filters from the query, the caller's scope
 * and lead role, and the day's bounds. Answers errors itself and returns -1. */
static int ms_filter(struct api_ctx *c, bool paged, struct store_milestone_filter *f,
                     struct milestone_bounds *b)
{
	memset(f, 0, sizeof(*f));
	f->state = api_query_str(c, "state");
	f->q = api_query_str(c, "q");
	if (f->state && !enum_valid(&enum_milestone_state, f->state))
		return api_error(c, 400, "invalid_parameter",
		                 "state 应为 done、overdue、due_soon、stale 或 on_track", "state");
	f->task_id = api_query_int(c, "task_id", 0);
	f->policy_id = api_query_int(c, "policy_id", 0);
	f->org_id = api_query_int(c, "org_id", 0);
	api_scope(c, &f->scope);
	f->lead_org_id = c->sess.user.org_id; /* 谁牵头、谁督促, as can_read allows */
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	api_plan_bounds(c, b);
	return 0;
}

static int ms_list(struct api_ctx *c)
{
	struct store_milestone_filter f;
	struct milestone_bounds b;
	struct store_milestone *m;
	int64_t total;
	int n, rc;

	if (ms_filter(c, true, &f, &b) != 0)
		return -1;
	if ((rc = store_milestone_list(c->db, c->a, &f, &b, &m, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		plan_json_milestone(&c->w, &m[i], true);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* 政策文件 first, as the tasks' and plans' exports: two policies' tasks share numbers */
static const char *const ms_headers[] = {"政策文件", "条目",     "任务",     "单位",
                                         "节点",     "交付成果", "开始日期", "完成期限",
                                         "权重",     "进度%",    "状态"};

/* what each row of an export is written with */
struct ms_export {
	struct export_table t;
	struct task_policy_names docs; /* every policy's, to name the row's */
};

/* store_each_fn: one milestone as one row of the export (ctx: its struct ms_export) */
static int ms_row(void *ctx, const void *element)
{
	struct ms_export *x = ctx;
	struct export_table *t = &x->t;
	const struct store_milestone *m = element;

	export_text(t, task_policy_names_get(&x->docs, m->policy_id));
	export_int(t, m->article_number);
	export_text(t, m->task_title);
	export_text(t, m->org_name);
	export_text(t, m->title);
	export_text(t, m->deliverable);
	export_text(t, m->start_date);
	export_text(t, m->due_date);
	export_int(t, m->weight);
	export_int(t, m->percent);
	export_text(t, enum_label(&enum_milestone_state, m->state));
	export_end_row(t);
	return 0;
}

/* The milestones as .xlsx or CSV, with the list's filters: written out one at a time as the
 * store reads them. */
static int ms_export(struct api_ctx *c)
{
	static const double widths[] = {36, 6, 26, 26, 26, 30, 12, 12, 6, 6, 10};
	struct store_milestone_filter f;
	struct milestone_bounds b;
	struct ms_export x;
	struct store_policy *pol;
	int npol, rc;

	if (ms_filter(c, false, &f, &b) != 0)
		return -1;
	if ((rc = store_policy_list(c->db, c->a, &pol, &npol)) != KFQ_OK)
		return api_store_error(c, rc);
	task_policy_names_make(c->a, pol, npol, &x.docs);
	if (export_begin(c, &x.t, "推进节点", ms_headers, widths, 11) != 0)
		return -1;
	if ((rc = store_milestone_each(c->db, c->a, &f, &b, ms_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x.t, "推进节点");
}

int api_plan_load_milestone(struct api_ctx *c, struct store_milestone *m)
{
	struct milestone_bounds b;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	api_plan_bounds(c, &b);
	if ((rc = store_milestone_get(c->db, c->a, id, &b, m)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_plan_can_read(c, m->task_id, m->org_id);
}

/* May the caller report progress on m now? What store_report_create allows (the plan approved,
 * the milestone neither closed nor finished, the plan's organization still responsible for the
 * task) for whoever writes for that organization: the page offers 填报进展 only then. */
static int may_report(struct api_ctx *c, const struct store_milestone *m, bool *yes)
{
	int64_t *ids;
	int nids;

	*yes = false;
	if (!(account_role_perms(c->sess.user.role) & PERM_PLAN_WRITE) ||
	    strcmp(m->plan_status, "approved") != 0 || !strcmp(m->state, "closed") ||
	    !strcmp(m->status, "done") || m->off_task_on)
		return 0;
	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	*yes = api_scope_allows(ids, nids, m->org_id);
	return 0;
}

static int ms_get(struct api_ctx *c)
{
	struct store_milestone m;
	struct store_report *r;
	bool reportable;
	int n, rc;

	if (api_plan_load_milestone(c, &m) != 0 || may_report(c, &m, &reportable) != 0)
		return -1;
	if ((rc = store_report_list(c->db, c->a, m.id, &r, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kbool(&c->w, "may_report", reportable);
	jsonw_key(&c->w, "milestone");
	plan_json_milestone(&c->w, &m, true);
	jsonw_key(&c->w, "reports");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		plan_json_report(&c->w, &r[i], false);
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

#define MS_FILTER                                                                                  \
	API_ID_FIELD("task_id", false), API_ID_FIELD("policy_id", false),                          \
	    API_ID_FIELD("org_id", false), API_QSTR("state", 16), API_QSTR("q", 100)
static const struct api_field ms_query[] = {MS_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field ms_export_query[] = {MS_FILTER, API_FIELDS_END};

const struct api_route api_milestone_routes[] = {
    {"GET", "/api/milestones", ms_list, PERM_TASK_READ, API_CACHED, ms_query, NULL},
    {"GET", "/api/milestones/export.xlsx", ms_export, PERM_TASK_READ, 0, ms_export_query, NULL},
    {"GET", "/api/milestones/export.csv", ms_export, PERM_TASK_READ, 0, ms_export_query, NULL},
    {"GET", "/api/milestones/:id", ms_get, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* plan_todo.c - the plan module's to-dos (api/todo.h): for reviewers, the plans (or revisions)
 * and the progress reports waiting for review; for the zones and counties that write plans,
 * what was returned to them, their milestones due soon and late, and the plans still to write.
 * Each counts what its link's list shows, over the same view (data scope and lead rule). Must
 * not write SQL. */
#include "api/plan_impl.h"
#include "api/todo.h"

#include <string.h>

/* The plans a list with review=`review` shows the caller. */
static int count_plans(struct api_ctx *c, const char *review, int64_t *n)
{
	struct store_plan_filter f = {.review = review, .limit = 1};
	struct milestone_bounds b;
	struct store_plan *p;
	int k, rc;

	api_scope(c, &f.scope);
	f.lead_org_id = c->sess.user.org_id;
	api_plan_bounds(c, &b);
	if ((rc = store_plan_list(c->db, c->a, &f, &b, &p, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* The reports a list with state, latest and open shows the caller. */
static int count_reports(struct api_ctx *c, const char *state, bool latest, bool open, int64_t *n)
{
	struct store_report_filter f = {.state = state, .latest = latest, .open = open, .limit = 1};
	struct store_report *r;
	int k, rc;

	api_scope(c, &f.scope);
	f.lead_org_id = c->sess.user.org_id;
	if ((rc = store_report_page(c->db, c->a, &f, &r, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int count_milestones(struct api_ctx *c, const char *state, int64_t *n)
{
	struct store_milestone_filter f = {.state = state, .limit = 1};
	struct milestone_bounds b;
	struct store_milestone *m;
	int k, rc;

	api_scope(c, &f.scope);
	f.lead_org_id = c->sess.user.org_id;
	api_plan_bounds(c, &b);
	if ((rc = store_milestone_list(c->db, c->a, &f, &b, &m, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int plans_to_review(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/plans?review=pending";
	out->level = "warning";
	return count_plans(c, "pending", &out->count);
}

static int reports_to_review(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/reports?state=submitted";
	out->level = "warning";
	return count_reports(c, "submitted", false, false, &out->count);
}

static int plans_returned(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/plans?review=returned";
	out->level = "danger";
	return count_plans(c, "returned", &out->count);
}

static int reports_returned(struct api_ctx *c, struct api_todo_item *out)
{
	/* a returned report is to redo only while its milestone takes another (DECISIONS 286) */
	out->link = "/reports?state=returned&latest=1&open=1";
	out->level = "danger";
	return count_reports(c, "returned", true, true, &out->count);
}

static int due_soon(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/milestones?state=due_soon";
	out->level = "warning";
	return count_milestones(c, "due_soon", &out->count);
}

static int overdue(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/milestones?state=overdue";
	out->level = "danger";
	return count_milestones(c, "overdue", &out->count);
}

/* The tasks an organization in scope is responsible for and has no plan for yet (the pairs
 * come in task order). */
static int plans_to_write(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_scope scope;
	int64_t *tasks, *orgs;
	int n, rc;

	api_scope(c, &scope);
	if ((rc = store_plan_missing(c->db, c->a, &scope, 0, &tasks, &orgs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		out->count += i == 0 || tasks[i] != tasks[i - 1];
	out->link = "/tasks?plan=missing";
	out->level = "info";
	return 0;
}

const struct api_todo api_plan_todos[] = {
    {.key = "plans_to_review",
     .label = "计划待审核",
     .perm = PERM_PLAN_REVIEW,
     .fill = plans_to_review},
    {.key = "reports_to_review",
     .label = "进展待审核",
     .perm = PERM_PLAN_REVIEW,
     .fill = reports_to_review},
    {.key = "plans_returned",
     .label = "被退回的计划",
     .perm = PERM_PLAN_WRITE,
     .fill = plans_returned},
    {.key = "reports_returned",
     .label = "被退回的进展",
     .perm = PERM_PLAN_WRITE,
     .fill = reports_returned},
    {.key = "milestones_due_soon",
     .label = "即将到期的节点",
     .perm = PERM_PLAN_WRITE,
     .fill = due_soon},
    {.key = "milestones_overdue",
     .label = "已逾期的节点",
     .perm = PERM_PLAN_WRITE,
     .fill = overdue},
    {.key = "plans_to_write",
     .label = "待编制的计划",
     .perm = PERM_PLAN_WRITE,
     .fill = plans_to_write},
    {.key = NULL},
};

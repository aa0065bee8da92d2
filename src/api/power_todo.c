/* power_todo.c - the powers module's to-dos (api/todo.h): the zones' proposals a department is
 * to answer and the delegated powers a zone is to accept (each counted over the list its link
 * opens, in the caller's view of the zones' lists), the 权责清单 waiting for 编办, the reported
 * problems still open, and the rule adjustments past their target date. Each goes only to the
 * organizations that take the step (a department holding delegate_power, the zone itself, 编办
 * holding approve_duty_list, the 承办单位 of an open problem, the office and a department with
 * rules to adjust), declared in the table where a capability or role decides. Must not write
 * SQL. */
#include "api/capability.h"
#include "api/power_impl.h"
#include "api/todo.h"

#include "core/plan.h"
#include "store/store_affairs.h"

#include <string.h>

/* The entries in `status` the caller's list shows; of the powers of department dept_org_id
 * when not 0. */
static int count_entries(struct api_ctx *c, const char *status, int64_t dept_org_id, int64_t *n)
{
	struct store_delegation_filter f = {
	    .status = status, .dept_org_id = dept_org_id, .limit = 1};
	struct store_delegation *d;
	int k, rc;

	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	if ((rc = store_delegation_list(c->db, c->a, &f, &d, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* only the power's own department answers a zone's proposal (谁赋权、谁指导): the office
 * holding delegate_power too is counted the proposals of its own powers alone */
static int proposals(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = arena_printf(c->a, "/power-lists?status=proposed&dept_org_id=%lld",
	                         (long long)c->sess.user.org_id);
	out->level = "warning";
	return count_entries(c, "proposed", c->sess.user.org_id, &out->count);
}

static int to_accept(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/power-lists?status=delegated";
	out->level = "warning";
	return count_entries(c, "delegated", 0, &out->count);
}

static int duty_waiting(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_scope scope;
	struct store_duty_list *ls;
	int n, rc;

	out->link = "/duty-lists?status=submitted";
	out->level = "warning";
	if (power_scope(c, CAP_APPROVE_DUTY_LIST, &scope) != 0)
		return -1;
	if ((rc = store_duty_current(c->db, c->a, &scope, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		out->count += !strcmp(ls[i].status, "submitted");
	return 0;
}

/* The office and the holder of publish_power_list, which registers problems and closes them,
 * follow every open one in their view; any other organization answers only those assigned to
 * it (承办单位), so the tile is its while one is open (its list shows it among the others). */
static int problems_open(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_affairs_filter f = {.status = "open", .limit = 1};
	struct store_problem *p;
	bool tracks;
	int k, rc;

	out->link = "/power-affairs?tab=matters&problem_status=open";
	out->level = "danger";
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0 ||
	    api_org_may(c, CAP_PUBLISH_POWER_LIST, &tracks) != 0)
		return -1;
	tracks = tracks || !strcmp(c->sess.user.role, "office");
	if (!tracks)
		f.org_id = c->sess.user.org_id;
	if ((rc = store_problem_list(c->db, c->a, &f, &p, &k, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return tracks || out->count > 0 ? 0 : 1;
}

/* The rules not done past their target date (art. 17) in the caller's view, as the rules' tab
 * lists them with 只看逾期: the office follows every department's to closure; a department's
 * view holds its own (the holder of publish_power_list, which publishes the lists, reads them
 * all), so the tile is its while it lists any. Zones and counties list none. */
static int rules_overdue(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_affairs_filter f = {0};
	struct store_status_count *cs;
	bool office = !strcmp(c->sess.user.role, "office");
	char today[11];
	int n, rc;

	if (!office && strcmp(c->sess.user.role, "department") != 0)
		return 1;
	out->link = "/power-affairs?tab=rules&rule_overdue=1";
	out->level = "danger";
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	plan_day_format(plan_today(c->now), today);
	if ((rc = store_rule_counts(c->db, c->a, &f, today, &cs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		out->count += cs[i].overdue;
	return office || n > 0 ? 0 : 1;
}

const struct api_todo api_power_todos[] = {
    {.key = "power_proposals",
     .label = "待答复的承接申请",
     .perm = PERM_POWER_WRITE,
     .capability = "delegate_power",
     .fill = proposals},
    /* only the zone itself accepts */
    {.key = "powers_to_accept",
     .label = "待承接的下放事项",
     .perm = PERM_POWER_WRITE,
     .role = "zone",
     .fill = to_accept},
    {.key = "duty_lists_waiting",
     .label = "待审定的权责清单",
     .perm = PERM_POWER_WRITE,
     .capability = "approve_duty_list",
     .fill = duty_waiting},
    {.key = "problems_open",
     .label = "办理中的堵点问题",
     .perm = PERM_POWER_WRITE,
     .fill = problems_open},
    {.key = "rules_overdue",
     .label = "逾期未完成的规则调整",
     .perm = PERM_POWER_WRITE,
     .fill = rules_overdue},
    {.key = NULL},
};

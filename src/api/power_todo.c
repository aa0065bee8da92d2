/* power_todo.c - the powers module's to-dos (api/todo.h): the zones' proposals a department is
 * to answer and the delegated powers a zone is to accept (each counted over the list its link
 * opens, in the caller's view of the zones' lists), the 权责清单 waiting for 编办, and the reported
 * problems still open. Each goes only to the organizations that take the step (a department
 * holding delegate_power, the zone itself, 编办 holding approve_duty_list). Must not write SQL. */
#include "api/capability.h"
#include "api/power_impl.h"
#include "api/todo.h"

#include "store/store_affairs.h"

#include <string.h>

/* 0 when the caller's organization holds cap, 1 when not (the to-do is not its), -1 answered. */
static int holds(struct api_ctx *c, enum capability cap)
{
	bool may;

	if (api_org_may(c, cap, &may) != 0)
		return -1;
	return may ? 0 : 1;
}

/* The entries in `status` the caller's list shows. */
static int count_entries(struct api_ctx *c, const char *status, int64_t *n)
{
	struct store_delegation_filter f = {.status = status, .limit = 1};
	struct store_delegation *d;
	int k, rc;

	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	if ((rc = store_delegation_list(c->db, c->a, &f, &d, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int proposals(struct api_ctx *c, struct api_todo_item *out)
{
	int r;

	out->link = "/power-lists?status=proposed";
	out->level = "warning";
	if ((r = holds(c, CAP_DELEGATE_POWER)) != 0)
		return r;
	return count_entries(c, "proposed", &out->count);
}

static int to_accept(struct api_ctx *c, struct api_todo_item *out)
{
	out->link = "/power-lists?status=delegated";
	out->level = "warning";
	if (strcmp(c->sess.user.role, "zone") != 0)
		return 1; /* only the zone itself accepts */
	return count_entries(c, "delegated", &out->count);
}

static int duty_waiting(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_scope scope;
	struct store_duty_list *ls;
	int n, r, rc;

	out->link = "/duty-lists?status=submitted";
	out->level = "warning";
	if ((r = holds(c, CAP_APPROVE_DUTY_LIST)) != 0)
		return r;
	if (power_scope(c, CAP_APPROVE_DUTY_LIST, &scope) != 0)
		return -1;
	if ((rc = store_duty_current(c->db, c->a, &scope, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		out->count += !strcmp(ls[i].status, "submitted");
	return 0;
}

static int problems_open(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_affairs_filter f = {.status = "open", .limit = 1};
	struct store_problem *p;
	int k, rc;

	out->link = "/power-affairs?tab=matters&problem_status=open";
	out->level = "danger";
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	if ((rc = store_problem_list(c->db, c->a, &f, &p, &k, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_todo api_power_todos[] = {
    {"power_proposals", "待答复的承接申请", PERM_POWER_WRITE, proposals},
    {"powers_to_accept", "待承接的下放事项", PERM_POWER_WRITE, to_accept},
    {"duty_lists_waiting", "待审定的权责清单", PERM_POWER_WRITE, duty_waiting},
    {"problems_open", "办理中的堵点问题", PERM_POWER_WRITE, problems_open},
    {NULL, NULL, 0, NULL},
};

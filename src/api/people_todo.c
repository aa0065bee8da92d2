/* people_todo.c - the people module's to-dos (api/todo.h): for 编办, the zones whose staffing
 * of this year it has not yet approved; for a zone and for the office, the internal KPI
 * schemes that the year's minimum weights leave below them; for 组织部, the zones graded 优秀
 * or 较差 without a record of their leaders' reward or adjustment. Each counts over the
 * caller's people_scope what its link's page shows, the page filtered by the link to exactly
 * those. Must not write SQL. */
#include "api/people_impl.h"
#include "api/todo.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_kpi.h"
#include "store/store_leader.h"
#include "store/store_norm.h"
#include "util/timeutil.h"

/* The zones without figures of this year (Asia/Shanghai): the 编制测算 page of the year filtered
 * to them (DECISIONS 184). */
static int staffing_to_approve(struct api_ctx *c, struct api_todo_item *out)
{
	int year = notice_year(plan_today(time_now())), n, rc;
	struct store_norm_zone *z;
	struct store_scope scope;

	out->level = "warning";
	out->link = arena_printf(c->a, "/staffing-norm?year=%d&unapproved=1", year);
	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_norm_zones(c->db, c->a, year, &scope, true, &z, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	out->count = n;
	return 0;
}

/* The schemes below their year's minimums, of the newest year with one (the KPI page of that
 * year). */
static int kpi_below(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_kpi_below *k;
	struct store_scope scope;
	int n, rc;

	out->level = "danger";
	out->link = "/kpi";
	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_kpi_below_list(c->db, c->a, 0, &scope, &k, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!n)
		return 0;
	out->link = arena_printf(c->a, "/kpi?year=%d", k[0].year);
	for (int i = 0; i < n; i++)
		out->count += k[i].year == k[0].year;
	return 0;
}

/* Art. 15: 优秀 calls for 优先提拔使用, 较差 for 及时调整 (or 不予调整 after 容错免责); 组织部
 * records them on the county view, which the link opens filtered to these zones of the newest
 * year with any (DECISIONS 184). */
static int leaders_to_record(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_leader_awaiting *z;
	struct store_scope scope;
	int n, rc;

	out->level = "warning";
	out->link = "/county-view";
	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_leader_awaiting(c->db, c->a, &scope, 0, &z, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	out->count = n;
	if (n)
		out->link = arena_printf(c->a, "/county-view?from=%d&to=%d&awaiting=1",
		                         z[0].year - 4, z[0].year);
	return 0;
}

const struct api_todo api_people_todos[] = {
    {.key = "staffing_to_approve",
     .label = "待核定本年度编制的开发区",
     .perm = PERM_PEOPLE_READ,
     .capability = "approve_staffing",
     .fill = staffing_to_approve},
    {.key = "kpi_below_floor",
     .label = "低于最低权重的内部考核方案",
     .perm = PERM_PEOPLE_READ,
     .any = PERM_PEOPLE_WRITE | PERM_PAY_SET,
     .fill = kpi_below},
    {.key = "leaders_to_record",
     .label = "待记录班子成员奖惩的开发区",
     .perm = PERM_LEADER_RECORD,
     .capability = "record_leader_action",
     .fill = leaders_to_record},
    {.key = NULL},
};

/* land_todo.c - the land module's to-dos (api/todo.h): a zone's open cases of low-efficiency
 * land (低效用地处置, the overdue ones said under the count), the open cases past their deadline
 * for those who follow the zones' land up (the office, which may raise a 督办单 on a case, and
 * the holders of manage_land, which close cases of any zone), and the idle buildings whose match
 * with an enterprise is still being negotiated (the zone and the holders of manage_land take it
 * to an outcome). Each counted over the caller's land scope as the list its link opens counts it
 * (DECISIONS 174). Must not write SQL. */
#include "api/api.h"
#include "api/capability.h"
#include "api/land_impl.h"
#include "api/todo.h"

#include "core/plan.h"
#include "store/store_land.h"
#include "store/store_space.h"

#include <string.h>

/* The cases in the caller's land scope with status (NULL = any), past their deadline when
 * late. */
static int count_cases(struct api_ctx *c, const char *status, bool late, int64_t *n)
{
	struct store_land_case_filter f = {.status = status, .limit = 1};
	struct store_land_case *cs;
	char today[11];
	int k, rc;

	land_scope(c, &f.scope);
	if (late) {
		plan_day_format(plan_today(c->now), today);
		f.late_before = today;
	}
	if ((rc = store_land_case_list(c->db, c->a, &f, &cs, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* 0 when the caller's organization holds manage_land, 1 when not, -1 answered. */
static int follows_land(struct api_ctx *c)
{
	bool may;

	if (api_org_may(c, CAP_MANAGE_LAND, &may) != 0)
		return -1;
	return may ? 0 : 1;
}

static int cases_open(struct api_ctx *c, struct api_todo_item *out)
{
	int64_t late;

	out->link = "/land/cases?status=open";
	if (count_cases(c, "open", false, &out->count) != 0 ||
	    count_cases(c, NULL, true, &late) != 0)
		return -1;
	out->level = late ? "danger" : "warning";
	if (late)
		out->detail = arena_printf(c->a, "其中已逾期%lld件", (long long)late);
	return 0;
}

static int cases_overdue(struct api_ctx *c, struct api_todo_item *out)
{
	int r = strcmp(c->sess.user.role, "office") != 0 ? follows_land(c) : 0;

	if (r != 0)
		return r;
	out->link = "/land/cases?overdue=1";
	out->level = "danger";
	return count_cases(c, NULL, true, &out->count);
}

static int matches_pending(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_building_filter f = {.matching = true, .limit = 1};
	struct store_building *bs;
	int k, rc, r = strcmp(c->sess.user.role, "zone") != 0 ? follows_land(c) : 0;

	if (r != 0)
		return r;
	out->link = "/land/buildings?matching=1";
	out->level = "warning";
	land_scope(c, &f.scope);
	if ((rc = store_building_list(c->db, c->a, &f, &bs, &k, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_todo api_land_todos[] = {
    /* only the zone handles its own cases */
    {.key = "land_cases_open",
     .label = "待办结的低效用地处置",
     .perm = PERM_LAND_WRITE,
     .role = "zone",
     .fill = cases_open},
    /* the office (by role) and the holders of manage_land (by capability, in the fill) */
    {.key = "land_cases_overdue",
     .label = "逾期未办结的低效用地处置",
     .perm = PERM_LAND_READ,
     .any = PERM_LAND_WRITE | PERM_NOTICE_ISSUE,
     .fill = cases_overdue},
    /* the zone (by role) and the holders of manage_land (in the fill) */
    {.key = "space_matches_pending",
     .label = "对接中的闲置楼宇",
     .perm = PERM_LAND_WRITE,
     .fill = matches_pending},
    {.key = NULL},
};

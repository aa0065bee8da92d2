/* industry_todo.c - the industry module's to-dos (api/todo.h): the 招商 projects that have
 * stalled (no stage change for more than the office's number of days), counted over the
 * caller's view as 招商项目?stalled=1 lists them, and the plans whose exception to "at most 3
 * leading industries" waits for the office. Must not write SQL. */
#include "api/invest.h"
#include "api/money.h"
#include "api/todo.h"

#include "store/store_industry_plan.h"

static int stalled(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_invest_project *p;
	int n, days;

	out->link = "/invest?stalled=1";
	out->level = "danger";
	return invest_stalled_list(c, 0, 1, &p, &n, &out->count, &days);
}

static int exceptions(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_scope scope;
	struct store_industry_plan_filter f = {.scope = &scope, .exception = "pending", .limit = 1};
	struct store_industry_plan *p;
	int n, rc;

	out->link = "/industry-plans?exception=pending";
	out->level = "warning";
	money_scope(c, &scope);
	if ((rc = store_industry_plan_list(c->db, c->a, &f, &p, &n, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_todo api_industry_todos[] = {
    /* the zone moves its projects on, the office follows them up; departments and counties
     * only read the pipeline */
    {.key = "invest_stalled",
     .label = "招商项目停滞",
     .perm = PERM_INDUSTRY_READ,
     .any = PERM_INDUSTRY_WRITE | PERM_INDUSTRY_APPROVE,
     .fill = stalled},
    {.key = "industry_exceptions",
     .label = "主导产业例外待批准",
     .perm = PERM_INDUSTRY_APPROVE,
     .fill = exceptions},
    {.key = NULL},
};

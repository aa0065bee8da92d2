/* store_board.c - what the supervision board reads: one row per submitted or approved plan
 * whose organization is still responsible for its task (DECISIONS 264) with the sums it keeps,
 * the change counter (plan_change) its per-process cache watches: plan writes and changes
 * of a task's units (store_plan_units_changed) bump it, and the organizations the tasks name
 * responsible (the zones it ranks, DECISIONS 381). Must not read milestones: the kept sums
 * and open due dates are enough. */
#include "store/store_plan_impl.h"

#include "util/log.h"

static const char sql_version[] = "SELECT n FROM plan_change WHERE id = 1";
/* the board reads what each plan keeps and counts its late milestones from open_due */
static const char sql_board[] =
    "SELECT task_id, org_id, sum_weighted, sum_weight, n_milestones, open_due FROM zone_plan "
    "WHERE status IN ('submitted', 'approved') AND n_milestones > 0 AND off_task_on IS NULL "
    "ORDER BY task_id, org_id";

/* the organizations responsible for a task (of one policy): read per request, not cached, so
 * that a policy imported or a task's units changed show at once */
static const char sql_responsible[] =
    "SELECT DISTINCT x.org_id FROM task_org x WHERE x.role = 'responsible' ORDER BY x.org_id";
static const char sql_responsible_policy[] =
    "SELECT DISTINCT x.org_id FROM task_org x JOIN task t ON t.id = x.task_id "
    "WHERE x.role = 'responsible' AND t.policy_id = ?1 ORDER BY x.org_id";

int store_plan_version(struct store *s, int64_t *n)
{
	return store_query_int(s, sql_version, n);
}

int store_board(struct store *s, struct arena *a, const struct milestone_bounds *b,
                struct store_board_cell **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_board, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		struct store_board_cell *c = &(*out)[(*n)++];
		c->task_id = store_col_int(st, 0);
		c->org_id = store_col_int(st, 1);
		c->weighted = store_col_int(st, 2);
		c->weight_total = store_col_int(st, 3);
		c->completion_bp = plan_completion_from_sums(c->weighted, c->weight_total);
		c->milestones = (int)store_col_int(st, 4);
		c->overdue = plan_count_overdue(store_col_text(st, 5), b->today);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_board_responsible(struct store *s, struct arena *a, int64_t policy_id, int64_t **ids,
                            int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*ids = NULL;
	*n = 0;
	if ((rc = store_prepare(s, policy_id ? sql_responsible_policy : sql_responsible, &st)) !=
	    KFQ_OK)
		return rc;
	if (policy_id)
		store_bind_int(st, 1, policy_id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*ids = arena_grow(a, *ids, sizeof(**ids), &cap);
		(*ids)[(*n)++] = store_col_int(st, 0);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

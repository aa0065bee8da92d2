/* store_milestone.c - reading milestones: lists across plans (by task, organization, state,
 * text and data scope), their counts by state, and one milestone (closed ones too), with the
 * states the queries compute from the day bounds of core/plan.c. Must not write: a plan's
 * milestones are written with the plan (store_plan.c), their progress by accepted reports
 * (store_report.c). */
#include "store/store_plan_impl.h"

#include "core/enums.h"
#include "util/log.h"

#include <string.h>

/* ?4 task ?5 org ?6 plan ?7 state ?8 like; in the data scope ?10 ?11 ?12 or of a task ?9 leads
 * (谁牵头、谁督促; 0 = none); the list adds LIMIT ?13 OFFSET ?14, last, so that the count
 * leaves no parameter unused (PostgreSQL cannot type one). The state test is MS_STATE spelled
 * out as conditions an index can serve (PostgreSQL folds the branches for the given state). */
#define MS_VIEW     PLAN_IN_VIEW("?9", "?10", "?11", "?12")
#define MS_STATE_IS MS_STATE_BOUND " = ?7"
#define MS_WHERE                                                                                   \
	" WHERE m.removed = 0 AND (?4 = 0 OR p.task_id = ?4) AND (?5 = 0 OR p.org_id = ?5) "       \
	"AND " MS_VIEW " AND (?6 = 0 OR m.plan_id = ?6) "                                          \
	"AND (?6 <> 0 OR p.status IN ('submitted', 'approved')) "                                  \
	"AND (CAST(?7 AS TEXT) IS NULL OR (?7 IN ('done', 'done_late') AND m.status = 'done' "     \
	"AND " MS_STATE_IS ") "                                                                    \
	"OR (?7 = 'overdue' AND m.status <> 'done' AND m.due_date < ?1) "                          \
	"OR (?7 = 'due_soon' AND m.status <> 'done' AND m.due_date >= ?1 AND m.due_date <= ?2) "   \
	"OR (?7 IN ('stale', 'on_track') AND m.status <> 'done' AND m.due_date > ?2 "              \
	"AND " MS_STATE_IS ")) AND (CAST(?8 AS TEXT) IS NULL OR m.title LIKE ?8 ESCAPE '\\' "      \
	"OR m.deliverable LIKE ?8 ESCAPE '\\')"

static const char sql_ms_count[] = "SELECT COUNT(*)" MS_FROM MS_WHERE;
static const char sql_ms_list[] =
    "SELECT " MS_COLS MS_FROM MS_WHERE " ORDER BY m.due_date, m.id LIMIT ?13 OFFSET ?14";
static const char sql_ms_get[] = "SELECT " MS_COLS MS_FROM " WHERE m.id = ?4";
/* the list's selection without a state, counted by state (?7 stays NULL) */
static const char sql_ms_states[] = "SELECT state, COUNT(*) FROM (SELECT " MS_STATE_BOUND
                                    " AS state" MS_FROM MS_WHERE ") x GROUP BY state";

void store_milestone_bind_bounds(struct store_stmt *st, const struct milestone_bounds *b)
{
	store_bind_text(st, 1, b->today);
	store_bind_text(st, 2, b->soon);
	store_bind_text(st, 3, b->stale);
}

void store_milestone_read(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone *m = element;

	memset(m, 0, sizeof(*m));
	m->id = store_col_int(st, 0);
	m->plan_id = store_col_int(st, 1);
	m->seq = (int)store_col_int(st, 2);
	m->title = store_col_dup(st, 3, a);
	m->deliverable = store_col_dup(st, 4, a);
	m->owner_org_id = store_col_int(st, 5);
	m->owner_org_name = store_col_dup(st, 6, a);
	m->owner_person = store_col_dup(st, 7, a);
	m->start_date = store_col_dup(st, 8, a);
	m->due_date = store_col_dup(st, 9, a);
	m->weight = (int)store_col_int(st, 10);
	m->status = store_col_dup(st, 11, a);
	m->percent = (int)store_col_int(st, 12);
	m->last_report_date = store_col_dup(st, 13, a);
	m->state = store_col_dup(st, 14, a);
	m->task_id = store_col_int(st, 15);
	m->article_number = (int)store_col_int(st, 16);
	m->task_title = store_col_dup(st, 17, a);
	m->org_id = store_col_int(st, 18);
	m->org_name = store_col_dup(st, 19, a);
	m->plan_status = store_col_dup(st, 20, a);
	m->done_date = store_col_dup(st, 21, a);
	m->closed_reason = store_col_dup(st, 22, a);
	m->closed_at = store_col_dup(st, 23, a);
	m->pending_report = store_col_int(st, 24) != 0;
}

/* arg: the struct list_arg of store_milestone_list */
struct list_arg {
	const struct store_milestone_filter *f;
	const struct milestone_bounds *b;
	const char *like;
};

static void bind_list(struct store_stmt *st, const void *arg)
{
	const struct list_arg *x = arg;

	store_milestone_bind_bounds(st, x->b);
	store_bind_int(st, 4, x->f->task_id);
	store_bind_int(st, 5, x->f->org_id);
	store_bind_int(st, 6, x->f->plan_id);
	store_bind_text(st, 7, x->f->state);
	store_bind_text(st, 8, x->like);
	store_bind_int(st, 9, x->f->lead_org_id);
	store_bind_scope(st, 10, &x->f->scope);
}

int store_milestone_list(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, struct store_milestone **out, int *n,
                         int64_t *total)
{
	struct list_arg arg = {f, b, store_like_contains(a, f->q)};
	struct store_list l = {
	    .count_sql = f->skip_total ? NULL : sql_ms_count,
	    .list_sql = sql_ms_list,
	    .limit_param = 13,
	    .offset = f->offset,
	    .limit = f->limit,
	    .bind = bind_list,
	    .read = store_milestone_read,
	    .elem_size = sizeof(**out),
	    .arg = &arg,
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_milestone_count_states(struct store *s, const struct store_milestone_filter *f,
                                 const struct milestone_bounds *b, int64_t counts[])
{
	struct store_milestone_filter all = *f;
	struct list_arg arg = {&all, b, NULL};
	struct store_stmt *st;
	int rc;

	all.state = NULL;
	for (size_t i = 0; i < enum_milestone_state.n; i++)
		counts[i] = 0;
	if ((rc = store_prepare(s, sql_ms_states, &st)) != KFQ_OK)
		return rc;
	bind_list(st, &arg);
	while ((rc = store_step(st)) == KFQ_ROW) {
		const char *state = store_col_text(st, 0);
		for (size_t i = 0; i < enum_milestone_state.n; i++)
			if (!strcmp(state, enum_milestone_state.entries[i].code))
				counts[i] = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_milestone_get(struct store *s, struct arena *a, int64_t id,
                        const struct milestone_bounds *b, struct store_milestone *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_ms_get, &st)) != KFQ_OK)
		return rc;
	store_milestone_bind_bounds(st, b);
	store_bind_int(st, 4, id);
	return store_row(st, a, store_milestone_read, out);
}

/* store_milestone.c - reading milestones: lists across plans (by task, organization, state,
 * text and data scope), their counts by state, and one milestone (closed ones too), with their
 * states by the rules of core/plan.c: computed here for the rows read, in SQL from the day's
 * bounds for the filters and counts. Must not write: a plan's milestones are written with the
 * plan (store_plan.c), their progress by accepted reports (store_report.c). */
#include "store/store_plan_impl.h"

#include "core/enums.h"
#include "core/plan.h"
#include "util/log.h"

#include <string.h>

/* the state computed in kfq, the names from the connection's (DECISIONS 183): the filters read
 * only m and p */
static const char sql_ms_count[] = "SELECT COUNT(*)" MS_FROM_PLAN;
static const char sql_ms_list[] = "SELECT " MS_COLS_BARE MS_FROM_PLAN;
/* the export's rows, complete in themselves (nothing else may run on the connection while they
 * stream): the state computed from ?1 ?2 ?3 and the names joined */
/* with the task's policy after MS_COLS: two policies' tasks share article numbers */
static const char sql_ms_export[] = "SELECT " MS_COLS ", t.policy_id" MS_FROM;
static const char sql_ms_get[] = "SELECT " MS_COLS_BARE MS_FROM_PLAN " WHERE m.id = ?1";
/* the list's selection counted by state (its filter completes the subquery) */
static const char sql_ms_states[] =
    "SELECT state, COUNT(*) FROM (SELECT " MS_STATE_BOUND " AS state" MS_FROM_PLAN;

void store_milestone_bind_bounds(struct store_stmt *st, const struct milestone_bounds *b)
{
	store_bind_text(st, 1, b->today);
	store_bind_text(st, 2, b->soon);
	store_bind_text(st, 3, b->stale);
}

/* A row of MS_COLS_WITH into m, but for the state and the names. */
static void read_row(struct store_stmt *st, struct arena *a, struct store_milestone *m)
{
	memset(m, 0, sizeof(*m));
	m->id = store_col_int(st, 0);
	m->plan_id = store_col_int(st, 1);
	m->seq = (int)store_col_int(st, 2);
	m->title = store_col_dup(st, 3, a);
	m->deliverable = store_col_dup(st, 4, a);
	m->owner_org_id = store_col_int(st, 5);
	m->owner_person = store_col_dup(st, 7, a);
	m->start_date = store_col_dup(st, 8, a);
	m->due_date = store_col_dup(st, 9, a);
	m->weight = (int)store_col_int(st, 10);
	m->status = store_col_dup(st, 11, a);
	m->percent = (int)store_col_int(st, 12);
	m->last_report_date = store_col_dup(st, 13, a);
	m->task_id = store_col_int(st, 15);
	m->org_id = store_col_int(st, 18);
	m->plan_status = store_col_dup(st, 20, a);
	m->done_date = store_col_dup(st, 21, a);
	m->closed_reason = store_col_dup(st, 22, a);
	m->closed_at = store_col_dup(st, 23, a);
	m->pending_report = store_col_int(st, 24) != 0;
	m->off_task_on = store_col_dup(st, 25, a);
}

void store_milestone_read(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone *m = element;

	read_row(st, a, m);
	m->owner_org_name = store_col_dup(st, 6, a);
	m->state = store_col_dup(st, 14, a);
	m->article_number = (int)store_col_int(st, 16);
	m->task_title = store_col_dup(st, 17, a);
	m->org_name = store_col_dup(st, 19, a);
}

/* element: a struct store_milestone of a row of sql_ms_export */
static void read_exported(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone *m = element;

	store_milestone_read(st, a, m);
	m->policy_id = store_col_int(st, MS_NCOLS);
}

/* element: a struct store_milestone of a row of MS_COLS_BARE, its state only if closed (the
 * first rule: m.removed), completed by complete() */
static void read_bare(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone *m = element;

	read_row(st, a, m);
	if (store_col_int(st, 14) != 0)
		m->state = milestone_state_name(MILESTONE_CLOSED);
	store_names_seen(st, MS_NCOLS);
}

/* The states (on the day of b) and the names of m[0..n), read by read_bare. */
static int complete(struct store *s, struct arena *a, const struct milestone_bounds *b,
                    struct store_milestone *m, int n)
{
	int rc = KFQ_OK;

	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		if (!m[i].state) {
			struct milestone_dates d = {
			    .start = m[i].start_date,
			    .due = m[i].due_date,
			    .done = !strcmp(m[i].status, "done"),
			    .done_date = m[i].done_date,
			    .off_task = m[i].off_task_on != NULL,
			    .last_report = m[i].last_report_date,
			};
			m[i].state = milestone_state_name(milestone_state_iso(&d, b));
		}
		if ((rc = store_names_org(s, a, m[i].org_id, &m[i].org_name)) == KFQ_OK &&
		    (rc = store_names_org(s, a, m[i].owner_org_id, &m[i].owner_org_name)) == KFQ_OK)
			rc = store_names_task(s, a, m[i].task_id, &m[i].article_number,
			                      &m[i].task_title);
	}
	return rc;
}

/* arg: the struct list_arg of store_milestone_list */
struct list_arg {
	const struct store_milestone_filter *f;
	const struct milestone_bounds *b;
	const char *like;
};

/* the state counts' and the export's own ?1 ?2 ?3: the day bounds their state column is
 * computed from */
static void ms_head(struct store_sql *q, const void *arg)
{
	const struct list_arg *x = arg;

	store_sql_param_text(q, x->b->today);
	store_sql_param_text(q, x->b->soon);
	store_sql_param_text(q, x->b->stale);
}

/* MS_STATE's branch for state, as conditions an index can serve (the lists hold no closed
 * milestones; across plans, none off its task) */
static void ms_state(struct store_sql *q, const char *state, const struct milestone_bounds *b)
{
	if (!strcmp(state, "done")) {
		store_sql_add(q, " AND m.status = 'done' AND (m.done_date IS NULL OR "
		                 "m.done_date <= m.due_date)");
		return;
	}
	if (!strcmp(state, "done_late")) {
		store_sql_add(q, " AND m.status = 'done' AND m.done_date > m.due_date");
		return;
	}
	if (!strcmp(state, "off_task")) {
		store_sql_add(q, " AND m.status <> 'done' AND p.off_task_on IS NOT NULL");
		return;
	}
	store_sql_add(q, " AND m.status <> 'done' AND p.off_task_on IS NULL");
	if (!strcmp(state, "overdue")) {
		store_sql_text(q, " AND m.due_date < ?", b->today);
	} else if (!strcmp(state, "due_soon")) {
		store_sql_text(q, " AND m.due_date >= ?", b->today);
		store_sql_text(q, " AND m.due_date <= ?", b->soon);
	} else if (!strcmp(state, "stale")) {
		store_sql_text(q, " AND m.due_date > ?", b->soon);
		store_sql_text(q, " AND m.start_date <= ?", b->today);
		store_sql_text(q, " AND COALESCE(m.last_report_date, m.start_date) < ?", b->stale);
	} else if (!strcmp(state, "on_track")) {
		store_sql_text(q, " AND m.due_date > ?", b->soon);
		store_sql_text(q, " AND (m.start_date > ?", b->today);
		store_sql_text(q, " OR COALESCE(m.last_report_date, m.start_date) >= ?)", b->stale);
	} else { /* no list holds one in this state */
		store_sql_add(q, " AND 1 = 0");
	}
}

/* the predicates of the filters given, in the caller's view */
static void ms_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *x = arg;
	const struct store_milestone_filter *f = x->f;

	store_sql_add(q, " WHERE m.removed = 0");
	if (f->task_id)
		store_sql_int(q, " AND p.task_id = ?", f->task_id);
	if (f->policy_id)
		store_sql_int(q, " AND p.task_id IN (SELECT id FROM task WHERE policy_id = ?)",
		              f->policy_id);
	if (f->org_id)
		store_sql_int(q, " AND p.org_id = ?", f->org_id);
	/* a plan's own milestones in any of its states; across plans, those under way: of plans
	 * submitted or approved whose organization is still responsible for the task (DECISIONS
	 * 277) */
	if (f->plan_id)
		store_sql_int(q, " AND m.plan_id = ?", f->plan_id);
	else
		store_sql_add(q, " AND p.status IN ('submitted', 'approved') AND "
		                 "p.off_task_on IS NULL");
	store_plan_view(q, &f->scope, f->lead_org_id);
	if (f->state)
		ms_state(q, f->state, x->b);
	if (x->like)
		store_sql_text(
		    q, " AND (m.title LIKE ? ESCAPE '\\' OR m.deliverable LIKE ? ESCAPE '\\')",
		    x->like);
}

/* the milestones x selects, their rows by sql and read */
static struct store_list ms_list(const struct list_arg *x, const char *sql, store_reader read)
{
	return (struct store_list){
	    .count_sql = x->f->skip_total ? NULL : sql_ms_count,
	    .list_sql = sql,
	    .offset = x->f->offset,
	    .limit = x->f->limit,
	    .arg = x,
	    .read = read,
	    .elem_size = sizeof(struct store_milestone),
	    .filter = ms_filter,
	    .order = " ORDER BY m.due_date, m.id",
	    .count_in_page = true,
	};
}

int store_milestone_list(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, struct store_milestone **out, int *n,
                         int64_t *total)
{
	struct list_arg arg = {f, b, store_like_contains(a, f->q)};
	struct store_list l = ms_list(&arg, sql_ms_list, read_bare);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc == KFQ_OK ? complete(s, a, b, *out, *n) : rc;
}

int store_milestone_each(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, store_each_fn fn, void *ctx)
{
	struct list_arg arg = {f, b, store_like_contains(a, f->q)};
	struct store_list l = ms_list(&arg, sql_ms_export, read_exported);

	l.head = ms_head;
	return store_list_each(s, &l, fn, ctx);
}

int store_milestone_count_states(struct store *s, const struct store_milestone_filter *f,
                                 const struct milestone_bounds *b, int64_t counts[])
{
	struct store_milestone_filter all = *f;
	struct list_arg arg = {&all, b, NULL};
	struct store_sql q;
	struct store_stmt *st;
	int rc;

	all.state = NULL;
	for (size_t i = 0; i < enum_milestone_state.n; i++)
		counts[i] = 0;
	store_sql_init(&q);
	ms_head(&q, &arg);
	store_sql_add(&q, sql_ms_states);
	ms_filter(&q, &arg);
	store_sql_add(&q, ") x GROUP BY state");
	rc = store_sql_prepare(s, &q, &st);
	store_sql_release(&q);
	if (rc != KFQ_OK)
		return rc;
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
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_bare, out)) != KFQ_OK)
		return rc;
	return complete(s, a, b, out, 1);
}

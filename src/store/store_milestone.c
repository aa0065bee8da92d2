/* store_milestone.c - reading milestones: lists across plans (by task, organization, state,
 * text and data scope) and one milestone, with the states the queries compute from the day
 * bounds of core/plan.c. Must not write: a plan's milestones are written with the plan
 * (store_plan.c), their progress by accepted reports (store_report.c). */
#include "store/store_plan_impl.h"

#include "util/log.h"

#include <string.h>

/* ?4 task ?5 org (or a task ?9 leads; 0 = none) ?6 plan ?7 state ?8 like. The state test is
 * MS_STATE spelled out as conditions an index can serve (PostgreSQL folds the branches for the
 * given state). */
#define MS_WHERE                                                                                   \
	" WHERE m.removed = 0 AND (?4 = 0 OR p.task_id = ?4) AND (?5 = 0 OR p.org_id = ?5 "        \
	"OR (?9 <> 0 AND EXISTS (SELECT 1 FROM task_org x WHERE x.task_id = p.task_id "            \
	"AND x.org_id = ?9 AND x.role = 'lead'))) "                                                \
	"AND (?6 = 0 OR m.plan_id = ?6) AND (?6 <> 0 OR p.status IN ('submitted', 'approved')) "   \
	"AND (CAST(?7 AS TEXT) IS NULL OR (?7 = 'done' AND m.status = 'done') "                    \
	"OR (?7 = 'overdue' AND m.status <> 'done' AND m.due_date < ?1) "                          \
	"OR (?7 = 'due_soon' AND m.status <> 'done' AND m.due_date >= ?1 AND m.due_date <= ?2) "   \
	"OR (?7 IN ('stale', 'on_track') AND m.status <> 'done' AND m.due_date > ?2 "              \
	"AND " MS_STATE("?1", "?2",                                                                \
	                "?3") " = ?7)) "                                                           \
	                      "AND (CAST(?8 AS TEXT) IS NULL OR m.title LIKE ?8 ESCAPE '\\' "      \
	                      "OR m.deliverable LIKE ?8 ESCAPE '\\')"

static const char sql_ms_count[] = "SELECT COUNT(*)" MS_FROM MS_WHERE;
static const char sql_ms_list[] =
    "SELECT " MS_COLS MS_FROM MS_WHERE " ORDER BY m.due_date, m.id LIMIT ?10 OFFSET ?11";
static const char sql_ms_get[] = "SELECT " MS_COLS MS_FROM " WHERE m.id = ?4 AND m.removed = 0";

void store_milestone_bind_bounds(struct store_stmt *st, const struct milestone_bounds *b)
{
	store_bind_text(st, 1, b->today);
	store_bind_text(st, 2, b->soon);
	store_bind_text(st, 3, b->stale);
}

void store_milestone_read(struct store_stmt *st, struct arena *a, struct store_milestone *m)
{
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
}

static const char sql_led_tasks[] =
    "SELECT task_id FROM task_org WHERE org_id = ?1 AND role = 'lead' ORDER BY task_id";

static void read_id(struct store_stmt *st, struct arena *a, void *element)
{
	(void)a;
	*(int64_t *)element = store_col_int(st, 0);
}

int store_milestone_list(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, struct store_milestone **out, int *n,
                         int64_t *total)
{
	struct store_stmt *st;
	const char *like = store_like_contains(a, f->q);
	int64_t org = f->org_id, lead = 0;
	const int64_t *led = NULL;
	/* one organization in scope filters in SQL; several are filtered here (an organization in
	 * scope or a task lead_org_id leads), paging too */
	bool in_c = f->ids && f->nids > 1;
	int rc, cap = 0, nled = 0;
	int64_t seen = 0;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (f->ids && f->nids == 0)
		return KFQ_OK;
	if (f->ids && f->nids == 1) {
		if (org && org != f->ids[0])
			return KFQ_OK;
		if (!org)
			lead = f->lead_org_id;
		org = f->ids[0];
	}
	if (in_c && f->lead_org_id) {
		void *arr = NULL;
		if ((rc = store_collect(s, a, sql_led_tasks, f->lead_org_id, sizeof(*led), read_id,
		                        &arr, &nled)) != KFQ_OK)
			return rc;
		led = arr;
	}
	bool count = !in_c && !f->skip_total;
	if ((rc = store_prepare(s, count ? sql_ms_count : sql_ms_list, &st)) != KFQ_OK)
		return rc;
	if (count) {
		store_milestone_bind_bounds(st, b);
		store_bind_int(st, 4, f->task_id);
		store_bind_int(st, 5, org);
		store_bind_int(st, 6, f->plan_id);
		store_bind_text(st, 7, f->state);
		store_bind_text(st, 8, like);
		store_bind_int(st, 9, lead);
		rc = store_step(st);
		*total = rc == KFQ_ROW ? store_col_int(st, 0) : 0;
		store_reset(st);
		if (rc != KFQ_ROW)
			return rc < 0 ? rc : KFQ_ERR;
		if ((rc = store_prepare(s, sql_ms_list, &st)) != KFQ_OK)
			return rc;
	}
	store_milestone_bind_bounds(st, b);
	store_bind_int(st, 4, f->task_id);
	store_bind_int(st, 5, org);
	store_bind_int(st, 6, f->plan_id);
	store_bind_text(st, 7, f->state);
	store_bind_text(st, 8, like);
	store_bind_int(st, 9, lead);
	store_bind_limit(st, 10, in_c ? 0 : f->limit);
	store_bind_int(st, 11, in_c ? 0 : f->offset);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (in_c) {
			if (!in_ids(store_col_int(st, 18), f->ids, f->nids) &&
			    !in_ids(store_col_int(st, 15), led, nled))
				continue;
			seen++;
			if (seen <= f->offset || (f->limit > 0 && *n >= f->limit))
				continue;
		}
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		store_milestone_read(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	if (in_c)
		*total = seen;
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
	rc = store_step(st);
	if (rc == KFQ_ROW)
		store_milestone_read(st, a, out);
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
}

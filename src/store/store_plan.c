/* store_plan.c - 一区一策 plans and their approved versions in SQL: list, get, create, change
 * the milestones (at once for a draft; as a proposed revision for an approved plan, see
 * store_revision.c), submit, approve, return (one or a batch), each step with its inbox items
 * in its transaction; and the sums each plan keeps. Validation of a plan's content is
 * core/plan.c's; this file checks only what needs the database (ownership of milestones,
 * milestones with reports, status transitions, who submitted) inside the transaction. The
 * module's other files: store_revision.c (proposed revisions), store_milestone.c (reading
 * milestones), store_report.c (reports and evidence), store_board.c (the board's reads);
 * store_plan_impl.h holds what they share. */
#include "store/store_plan_impl.h"
#include "store/store_inbox.h"

#include "core/plan_step.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_ms_of_plan[] =
    "SELECT " MS_COLS MS_FROM " WHERE m.plan_id = ?4 AND m.removed = 0 ORDER BY m.seq";
static const char sql_ms_closed[] = "SELECT " MS_COLS MS_FROM " WHERE m.plan_id = ?4 AND "
                                    "m.removed <> 0 AND m.closed_reason IS NOT NULL ORDER BY m.seq";

/* sums and open due dates kept on zone_plan (KEEP_SUMS); the status of the open revision;
 * the day the organization was taken off the task's responsible units (NULL while among them,
 * store_plan_units_changed); when the open revision was submitted */
#define PLAN_COLS                                                                                  \
	"p.id, p.task_id, t.article_number, t.title, p.org_id, o.name, p.status, p.version, "      \
	"p.review_comment, p.submitted_at, p.reviewed_at, p.updated_at, p.sum_weighted, "          \
	"p.sum_weight, p.n_milestones, p.open_due, p.submitted_by, (SELECT r.status FROM "         \
	"plan_revision r WHERE r.plan_id = p.id AND r.status <> 'approved'), p.off_task_on, "      \
	"(SELECT r.submitted_at FROM plan_revision r WHERE r.plan_id = p.id AND "                  \
	"r.status <> 'approved'), t.policy_id"
#define PLAN_FROM " FROM zone_plan p JOIN task t ON t.id = p.task_id JOIN org o ON o.id = p.org_id"

/* whether the plan or its open revision is in status S */
#define PLAN_OR_REVISION(S)                                                                        \
	"(p.status = '" S "' OR EXISTS (SELECT 1 FROM plan_revision r WHERE r.plan_id = p.id "     \
	"AND r.status = '" S "'))"
static const char sql_plan_count[] = "SELECT COUNT(*)" PLAN_FROM;
static const char sql_plan_list[] = "SELECT " PLAN_COLS PLAN_FROM;
static const char sql_plan_get[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?1";
static const char sql_plan_state[] =
    "SELECT p.status, p.version, p.submitted_by, r.id, r.status, r.version, r.submitted_by "
    "FROM zone_plan p LEFT JOIN plan_revision r ON r.plan_id = p.id AND r.status <> 'approved' "
    "WHERE p.id = ?1";
static const char sql_plan_insert[] =
    "INSERT INTO zone_plan (task_id, org_id, status, version, created_at, updated_at) "
    "VALUES (?1, ?2, 'draft', 1, ?3, ?3) RETURNING id";
static const char sql_plan_touch[] = "UPDATE zone_plan SET updated_at = ?2 WHERE id = ?1";
static const char sql_plan_submit[] =
    "UPDATE zone_plan SET status = 'submitted', submitted_at = ?2, submitted_by = ?3, "
    "updated_at = ?2 WHERE id = ?1";
static const char sql_plan_review[] =
    "UPDATE zone_plan SET status = ?2, review_comment = ?3, reviewed_at = ?4, "
    "reviewed_by = ?5, updated_at = ?4 WHERE id = ?1";
static const char sql_version_insert[] =
    "INSERT INTO plan_version (plan_id, version, milestones_json, approved_at, approved_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_versions[] =
    "SELECT v.version, v.milestones_json, v.approved_at, u.display_name FROM plan_version v "
    "LEFT JOIN app_user u ON u.id = v.approved_by WHERE v.plan_id = ?1 ORDER BY v.version DESC";
static const char sql_ms_insert[] =
    "INSERT INTO milestone (plan_id, seq, title, deliverable, owner_org_id, owner_person, "
    "start_date, due_date, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_ms_update[] =
    "UPDATE milestone SET seq = ?2, title = ?3, deliverable = ?4, owner_org_id = ?5, "
    "owner_person = ?6, start_date = ?7, due_date = ?8, weight = ?9, removed = 0 "
    "WHERE id = ?10 AND plan_id = ?1 RETURNING id";
/* every ruling milestone leaves; what the new list names comes back */
static const char sql_ms_remove_live[] =
    "UPDATE milestone SET removed = 1 WHERE plan_id = ?1 AND removed = 0";
static const char sql_ms_close[] = "UPDATE milestone SET removed = 1, closed_reason = ?2, "
                                   "closed_at = ?3 WHERE id = ?1 AND plan_id = ?4";
/* the ruling milestones and whether each has reports */
static const char sql_ms_live[] =
    "SELECT m.id, CASE WHEN EXISTS (SELECT 1 FROM progress_report r WHERE r.milestone_id = m.id) "
    "THEN 1 ELSE 0 END FROM milestone m WHERE m.plan_id = ?1 AND m.removed = 0";
/* (task, organization) pairs of zones and counties responsible for a task and without a plan
 * for it; store_plan_missing adds the organization and the scope */
static const char sql_missing[] =
    "SELECT x.task_id, x.org_id FROM task_org x JOIN org o ON o.id = x.org_id "
    "WHERE x.role = 'responsible' AND o.type IN ('zone', 'county') AND NOT EXISTS (SELECT 1 "
    "FROM zone_plan p WHERE p.task_id = x.task_id AND p.org_id = x.org_id)";

static const char sql_bump[] = "UPDATE plan_change SET n = n + 1 WHERE id = 1";
/* ?1 the task whose organizations were replaced, ?2 the day: its plans whose organization left
 * the responsible units are off the task from that day; those put back are on it again */
#define RESPONSIBLE_ROW                                                                            \
	"(SELECT 1 FROM task_org x WHERE x.task_id = zone_plan.task_id AND "                       \
	"x.org_id = zone_plan.org_id AND x.role = 'responsible')"
static const char sql_off_task[] = "UPDATE zone_plan SET off_task_on = ?2 WHERE task_id = ?1 AND "
                                   "off_task_on IS NULL AND NOT EXISTS " RESPONSIBLE_ROW;
static const char sql_on_task[] = "UPDATE zone_plan SET off_task_on = NULL WHERE task_id = ?1 AND "
                                  "off_task_on IS NOT NULL AND EXISTS " RESPONSIBLE_ROW;

/* A plan's kept sums and open due dates (migration 0007) over its current milestones. The
 * dialects differ only in the name of the string aggregate. */
#define KEEP_SUMS(AGG, PLAN)                                                                       \
	"UPDATE zone_plan SET sum_weighted = (SELECT COALESCE(SUM(weight * percent), 0) "          \
	"FROM milestone WHERE plan_id = zone_plan.id AND removed = 0), "                           \
	"sum_weight = (SELECT COALESCE(SUM(weight), 0) FROM milestone "                            \
	"WHERE plan_id = zone_plan.id AND removed = 0), "                                          \
	"n_milestones = (SELECT COUNT(*) FROM milestone WHERE plan_id = zone_plan.id "             \
	"AND removed = 0), open_due = COALESCE((SELECT " AGG "(due_date, ' ') FROM milestone "     \
	"WHERE plan_id = zone_plan.id AND removed = 0 AND status <> 'done'), '') WHERE id = " PLAN
#define OF_MILESTONE "(SELECT plan_id FROM milestone WHERE id = ?1)"
static const char *const sql_sums_of_plan[] = {KEEP_SUMS("group_concat", "?1"),
                                               KEEP_SUMS("string_agg", "?1")};
static const char *const sql_sums_of_milestone[] = {KEEP_SUMS("group_concat", OF_MILESTONE),
                                                    KEEP_SUMS("string_agg", OF_MILESTONE)};

/* element: a struct store_plan, without its milestones and n_overdue (which needs the day) */
static void read_plan(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_plan *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->task_id = store_col_int(st, 1);
	p->article_number = (int)store_col_int(st, 2);
	p->task_title = store_col_dup(st, 3, a);
	p->org_id = store_col_int(st, 4);
	p->org_name = store_col_dup(st, 5, a);
	p->status = store_col_dup(st, 6, a);
	p->version = (int)store_col_int(st, 7);
	p->review_comment = store_col_dup(st, 8, a);
	p->submitted_at = store_col_dup(st, 9, a);
	p->reviewed_at = store_col_dup(st, 10, a);
	p->updated_at = store_col_dup(st, 11, a);
	p->completion_bp = plan_completion_from_sums(store_col_int(st, 12), store_col_int(st, 13));
	p->n_milestones = (int)store_col_int(st, 14);
	p->open_due = store_col_dup(st, 15, a);
	p->submitted_by = store_col_int(st, 16);
	p->revision_status = store_col_dup(st, 17, a);
	p->off_task_on = store_col_dup(st, 18, a);
	p->revision_submitted_at = store_col_dup(st, 19, a);
	p->policy_id = store_col_int(st, 20);
	p->responsible = !p->off_task_on;
}

/* The plan's late milestones on the day of b: none off its task (DECISIONS 264). */
static int overdue(const struct store_plan *p, const struct milestone_bounds *b)
{
	return p->responsible ? plan_count_overdue(p->open_due, b->today) : 0;
}

void store_plan_view(struct store_sql *q, const struct store_scope *scope, int64_t lead_org_id)
{
	if (store_scope_everything(scope))
		return;
	store_sql_add(q, " AND (");
	store_sql_scope(q, "p.org_id", scope);
	if (lead_org_id)
		store_sql_int(q,
		              " OR p.task_id IN (SELECT task_id FROM task_org WHERE org_id = ? AND "
		              "role = 'lead')",
		              lead_org_id);
	store_sql_add(q, ")");
}

/* the predicates of the filters given, in the caller's view */
static void plan_filter(struct store_sql *q, const void *arg)
{
	const struct store_plan_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->task_id)
		store_sql_int(q, " AND p.task_id = ?", f->task_id);
	if (f->org_id)
		store_sql_int(q, " AND p.org_id = ?", f->org_id);
	if (f->status)
		store_sql_text(q, " AND p.status = ?", f->status);
	if (f->policy_id)
		store_sql_int(q, " AND t.policy_id = ?", f->policy_id);
	if (f->review && !strcmp(f->review, "pending"))
		store_sql_add(q, " AND " PLAN_OR_REVISION("submitted"));
	/* returned for its zone to change: one still on its task */
	else if (f->review && !strcmp(f->review, "returned"))
		store_sql_add(q, " AND " PLAN_OR_REVISION("returned") " AND p.off_task_on IS NULL");
	else if (f->review) /* not a review state: nothing is in it */
		store_sql_add(q, " AND 1 = 0");
	store_plan_view(q, &f->scope, f->lead_org_id);
}

int store_plan_list(struct store *s, struct arena *a, const struct store_plan_filter *f,
                    const struct milestone_bounds *b, struct store_plan **out, int *n,
                    int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_plan_count,
	    .list_sql = sql_plan_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_plan,
	    .elem_size = sizeof(**out),
	    .filter = plan_filter,
	    .order = " ORDER BY t.article_number, o.id",
	    .count_in_page = true,
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	for (int i = 0; i < *n; i++)
		(*out)[i].n_overdue = overdue(&(*out)[i], b);
	return rc;
}

/* The plan's milestones that sql (MS_COLS, ?4 = the plan) selects, in an arena array. */
static int read_milestones(struct store *s, struct arena *a, const char *sql, int64_t plan_id,
                           const struct milestone_bounds *b, struct store_milestone **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*n = 0;
	*out = arena_alloc(a, sizeof(**out));
	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_milestone_bind_bounds(st, b);
	store_bind_int(st, 4, plan_id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		store_milestone_read(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_plan_get(struct store *s, struct arena *a, int64_t id, const struct milestone_bounds *b,
                   struct store_plan *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_plan_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_plan, out)) != KFQ_OK)
		return rc;
	out->n_overdue = overdue(out, b);
	if ((rc = read_milestones(s, a, sql_ms_of_plan, id, b, &out->milestones,
	                          &out->n_milestones)) != KFQ_OK ||
	    (rc = read_milestones(s, a, sql_ms_closed, id, b, &out->closed, &out->n_closed)) !=
	        KFQ_OK)
		return rc;
	return store_revision_open(s, a, id, &out->revision);
}

static void read_version(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_plan_version *v = element;

	v->version = (int)store_col_int(st, 0);
	v->milestones_json = store_col_dup(st, 1, a);
	v->approved_at = store_col_dup(st, 2, a);
	v->approved_by_name = store_col_dup(st, 3, a);
}

int store_plan_versions(struct store *s, struct arena *a, int64_t plan_id,
                        struct store_plan_version **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_versions, plan_id, sizeof(**out), read_version, &arr, n);

	*out = arr;
	return rc;
}

static void today_bounds(struct milestone_bounds *b)
{
	milestone_bounds(plan_today(time_now()), b);
}

int store_plan_write(struct store *s, struct arena *a, int64_t id, const void *json,
                     struct jsonw *w)
{
	const struct store_plan_json *shape = json;
	struct milestone_bounds b;
	struct store_plan p;
	int rc;

	today_bounds(&b);
	if ((rc = store_plan_get(s, a, id, &b, &p)) == KFQ_OK)
		shape->plan(w, &p);
	return rc;
}

/* Writes milestone m as the plan's seq-th: updates it when it has an id, else inserts it. */
static int write_milestone(struct store *s, int64_t plan_id, int seq,
                           const struct store_milestone *m)
{
	struct store_stmt *st;
	int rc = store_prepare(s, m->id ? sql_ms_update : sql_ms_insert, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, plan_id);
	store_bind_int(st, 2, seq);
	store_bind_text(st, 3, m->title);
	store_bind_text(st, 4, m->deliverable);
	store_bind_id(st, 5, m->owner_org_id);
	store_bind_text(st, 6, m->owner_person);
	store_bind_text(st, 7, m->start_date);
	store_bind_text(st, 8, m->due_date);
	store_bind_int(st, 9, m->weight);
	if (!m->id)
		return store_run(st);
	store_bind_int(st, 10, m->id);
	return store_run_id(st, NULL);
}

/* Runs sql with ?1 = id and, when text is not NULL, ?2 = text. */
static int run_id(struct store *s, const char *sql, int64_t id, const char *text)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if (text)
		store_bind_text(st, 2, text);
	return store_run(st);
}

/* A ruling milestone and whether a body names it. */
struct live {
	int64_t id;
	bool has_reports;
	int named; /* times named by the milestones and the closes */
};

static void read_live(struct store_stmt *st, struct arena *a, void *element)
{
	struct live *l = element;

	(void)a;
	l->id = store_col_int(st, 0);
	l->has_reports = store_col_int(st, 1) != 0;
	l->named = 0;
}

/* Counts a reference to id; false when id is not a ruling milestone. */
static bool name_live(struct live *l, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (l[i].id == id) {
			l[i].named++;
			return true;
		}
	return false;
}

static int refuse(enum store_plan_problem *problem, enum store_plan_problem why)
{
	*problem = why;
	return KFQ_EINVAL;
}

int store_plan_check_kept(struct store *s, int64_t plan_id, const struct store_milestone *ms, int n,
                          const struct store_milestone_close *closes, int nclose,
                          enum store_plan_problem *problem)
{
	struct arena a;
	struct live *l;
	void *arr;
	int nl, rc;

	arena_init(&a);
	if ((rc = store_collect(s, &a, sql_ms_live, plan_id, sizeof(*l), read_live, &arr, &nl)) !=
	    KFQ_OK)
		goto cleanup;
	l = arr;
	for (int i = 0; i < n && rc == KFQ_OK; i++)
		if (ms[i].id && !name_live(l, nl, ms[i].id))
			rc = refuse(problem, PLAN_NOT_A_MILESTONE);
	for (int i = 0; i < nclose && rc == KFQ_OK; i++)
		if (!name_live(l, nl, closes[i].milestone_id))
			rc = refuse(problem, PLAN_NOT_A_MILESTONE);
	for (int i = 0; i < nl && rc == KFQ_OK; i++) {
		if (l[i].named > 1)
			rc = refuse(problem, PLAN_NOT_A_MILESTONE);
		else if (!l[i].named && l[i].has_reports)
			rc = refuse(problem, PLAN_HAS_REPORTS);
	}
cleanup:
	arena_release(&a);
	return rc;
}

int store_plan_apply(struct store *s, int64_t plan_id, const struct store_milestone *ms, int n,
                     const struct store_milestone_close *closes, int nclose, const char *now,
                     enum store_plan_problem *problem)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_plan_check_kept(s, plan_id, ms, n, closes, nclose, problem)) != KFQ_OK ||
	    (rc = run_id(s, sql_ms_remove_live, plan_id, NULL)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && rc == KFQ_OK; i++)
		rc = write_milestone(s, plan_id, i + 1, &ms[i]);
	for (int i = 0; i < nclose && rc == KFQ_OK; i++) {
		if ((rc = store_prepare(s, sql_ms_close, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, closes[i].milestone_id);
		store_bind_text(st, 2, closes[i].reason);
		store_bind_text(st, 3, now);
		store_bind_int(st, 4, plan_id);
		rc = store_run(st);
	}
	return rc == KFQ_OK ? store_plan_keep_sums(s, plan_id) : rc;
}

int store_plan_keep_sums(struct store *s, int64_t plan_id)
{
	return run_id(s, sql_sums_of_plan[store_kind(s) == STORE_PG], plan_id, NULL);
}

int store_plan_keep_sums_of_milestone(struct store *s, int64_t milestone_id)
{
	return run_id(s, sql_sums_of_milestone[store_kind(s) == STORE_PG], milestone_id, NULL);
}

/* Moves the change counter the board's cache watches. */
static int bump(struct store *s)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_bump, &st)) != KFQ_OK)
		return rc;
	return store_run(st);
}

int store_plan_units_changed(struct store *s, int64_t task_id, const char *today)
{
	int rc;

	if ((rc = run_id(s, sql_off_task, task_id, today)) != KFQ_OK ||
	    (rc = run_id(s, sql_on_task, task_id, NULL)) != KFQ_OK)
		return rc;
	return bump(s);
}

int store_plan_finish(struct store *s, int rc)
{
	if (rc == KFQ_OK)
		rc = bump(s);
	return store_end(s, rc);
}

int store_plan_create(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t task_id, int64_t org_id,
                      const struct store_milestone *ms, int n, int64_t *plan_id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	*plan_id = 0;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_plan_insert, &st)) == KFQ_OK) {
		store_bind_int(st, 1, task_id);
		store_bind_int(st, 2, org_id);
		store_bind_text(st, 3, now);
		rc = store_run_id(st, plan_id);
	}
	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		struct store_milestone m = ms[i];
		m.id = 0;
		rc = write_milestone(s, *plan_id, i + 1, &m);
	}
	if (rc == KFQ_OK)
		rc = store_plan_keep_sums(s, *plan_id);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "plan", *plan_id, NULL, store_plan_write,
		                        json);
	if ((rc = store_plan_finish(s, rc)) != KFQ_OK)
		*plan_id = 0;
	return rc;
}

/* element: a struct plan_state */
static void read_state(struct store_stmt *st, struct arena *a, void *element)
{
	struct plan_state *p = element;

	p->status = store_col_dup(st, 0, a);
	p->version = (int)store_col_int(st, 1);
	p->submitted_by = store_col_int(st, 2);
	p->rev_id = store_col_int(st, 3);
	p->rev_status = store_col_dup(st, 4, a);
	p->rev_version = (int)store_col_int(st, 5);
	p->rev_submitted_by = store_col_int(st, 6);
}

int store_plan_state(struct store *s, struct arena *a, int64_t plan_id, struct plan_state *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_plan_state, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, plan_id);
	return store_row(st, a, read_state, out);
}

int store_plan_update(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t plan_id,
                      const struct store_milestone *ms, int n,
                      const struct store_milestone_close *closes, int nclose,
                      enum store_plan_problem *problem)
{
	struct plan_state state;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	const char *action = "update";
	int rc;

	*problem = PLAN_OK;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, plan_id, store_plan_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_plan_state(s, &a, plan_id, &state)) != KFQ_OK)
		goto done;
	if (!strcmp(state.status, "submitted")) {
		rc = refuse(problem, PLAN_WRONG_STATE);
	} else if (!strcmp(state.status, "approved")) {
		/* the approved milestones keep ruling: the change is proposed beside them */
		action = "revise";
		rc = store_revision_write(s, who, plan_id, &state, ms, n, closes, nclose, now,
		                          problem);
	} else {
		rc = store_plan_apply(s, plan_id, ms, n, closes, nclose, now, problem);
	}
	if (rc == KFQ_OK)
		rc = run_id(s, sql_plan_touch, plan_id, now);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, action, "plan", plan_id, before, store_plan_write,
		                        json);
done:
	rc = store_plan_finish(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_plan_snapshot(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, int64_t plan_id, int version,
                        const char *now)
{
	struct store_stmt *st;
	struct milestone_bounds b;
	struct store_plan p;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	struct arena a;
	int rc;

	arena_init(&a);
	today_bounds(&b);
	if ((rc = store_plan_get(s, &a, plan_id, &b, &p)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_version_insert, &st)) != KFQ_OK)
		goto cleanup;
	jsonw_init(&w, &sb);
	json->milestones(&w, p.milestones, p.n_milestones);
	store_bind_int(st, 1, plan_id);
	store_bind_int(st, 2, version);
	store_bind_text(st, 3, sb.buf);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	rc = store_run(st);
cleanup:
	strbuf_release(&sb);
	arena_release(&a);
	return rc;
}

/* Whether the actor (an account; the command line is none) submitted what it would review. */
static bool own(const struct store_actor *who, int64_t submitted_by)
{
	return who->user_id && who->user_id == submitted_by;
}

/* The step of a plan that has not been approved yet (store_plan_act's rules). */
static int step_plan(struct store *s, const struct store_actor *who,
                     const struct store_plan_json *json, int64_t plan_id,
                     const struct plan_state *st, enum store_plan_action action,
                     const char *comment, const char *now, const char **audit_action, int *step,
                     enum store_plan_problem *problem)
{
	static const char *const names[] = {"submit", "approve", "return"};
	static const enum plan_step steps[] = {PLAN_STEP_SUBMITTED, PLAN_STEP_APPROVED,
	                                       PLAN_STEP_RETURNED};
	struct store_stmt *st2;
	int rc;

	if (action == PLAN_DISCARD)
		return refuse(problem, PLAN_WRONG_STATE);
	if (action == PLAN_SUBMIT ? strcmp(st->status, "draft") && strcmp(st->status, "returned")
	                          : strcmp(st->status, "submitted"))
		return refuse(problem, PLAN_WRONG_STATE);
	if (action != PLAN_SUBMIT && own(who, st->submitted_by))
		return refuse(problem, PLAN_OWN_SUBMISSION);
	*audit_action = names[action];
	*step = (int)steps[action];
	if ((rc = store_prepare(s, action == PLAN_SUBMIT ? sql_plan_submit : sql_plan_review,
	                        &st2)) != KFQ_OK)
		return rc;
	store_bind_int(st2, 1, plan_id);
	if (action == PLAN_SUBMIT) {
		store_bind_text(st2, 2, now);
		store_bind_id(st2, 3, who->user_id);
	} else {
		store_bind_text(st2, 2, action == PLAN_APPROVE ? "approved" : "returned");
		store_bind_text(st2, 3, comment);
		store_bind_text(st2, 4, now);
		store_bind_id(st2, 5, who->user_id);
	}
	if ((rc = store_run(st2)) == KFQ_OK && action == PLAN_APPROVE)
		rc = store_plan_snapshot(s, who, json, plan_id, st->version, now);
	return rc;
}

/* Tells the inbox of step on plan_id as it is now; submitter: who submitted what was reviewed,
 * version: the revision's. */
static int tell(struct store *s, const struct store_actor *who, int64_t plan_id,
                enum plan_step step, int version, int64_t submitter, const char *comment)
{
	struct milestone_bounds b;
	struct store_plan p;
	struct plan_step_subject subj;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	today_bounds(&b);
	if ((rc = store_plan_get(s, &a, plan_id, &b, &p)) == KFQ_OK) {
		subj = (struct plan_step_subject){
		    .plan_id = p.id,
		    .org_id = p.org_id,
		    .org_name = p.org_name,
		    .article_number = p.article_number,
		    .task_title = p.task_title,
		    .version = version,
		    .submitter_id = submitter,
		    .comment = comment,
		};
		plan_step_item(step, &subj, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

/* One step inside the caller's transaction: audited on the plan and told to the inbox (a
 * store_plan_step_fn; action: an enum store_plan_action). */
static int act_in(struct store *s, const struct store_actor *who,
                  const struct store_plan_json *json, int64_t plan_id, int action,
                  const char *comment, const char *now, enum store_plan_problem *problem)
{
	struct plan_state st;
	struct arena a;
	const char *audit_action = NULL;
	char *before;
	int rc, step = -1;
	bool revision;

	arena_init(&a);
	if (!(before = store_entity_json(s, plan_id, store_plan_write, json, &rc)))
		goto cleanup;
	if ((rc = store_plan_state(s, &a, plan_id, &st)) != KFQ_OK)
		goto cleanup;
	revision = !strcmp(st.status, "approved");
	rc = revision
	         ? store_revision_act(s, who, json, plan_id, &st, (enum store_plan_action)action,
	                              comment, now, &audit_action, &step, problem)
	         : step_plan(s, who, json, plan_id, &st, (enum store_plan_action)action, comment,
	                     now, &audit_action, &step, problem);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, audit_action, "plan", plan_id, before,
		                        store_plan_write, json);
	if (rc == KFQ_OK && step >= 0)
		rc = tell(s, who, plan_id, (enum plan_step)step, st.rev_version,
		          revision ? st.rev_submitted_by : st.submitted_by, comment);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_plan_steps(struct store *s, const struct store_actor *who,
                     const struct store_plan_json *json, store_plan_step_fn step, int action,
                     const int64_t *ids, int n, const char *comment, int *failed,
                     enum store_plan_problem *problem)
{
	char now[TIME_RFC3339_LEN];
	int rc;

	*problem = PLAN_OK;
	*failed = -1;
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && rc == KFQ_OK; i++)
		if ((rc = step(s, who, json, ids[i], action, comment, now, problem)) != KFQ_OK)
			*failed = i;
	return store_plan_finish(s, rc);
}

int store_plan_act(struct store *s, const struct store_actor *who,
                   const struct store_plan_json *json, int64_t plan_id,
                   enum store_plan_action action, const char *comment,
                   enum store_plan_problem *problem)
{
	int failed;

	return store_plan_steps(s, who, json, act_in, (int)action, &plan_id, 1, comment, &failed,
	                        problem);
}

int store_plan_approve_all(struct store *s, const struct store_actor *who,
                           const struct store_plan_json *json, const int64_t *ids, int n,
                           const char *comment, int *failed, enum store_plan_problem *problem)
{
	return store_plan_steps(s, who, json, act_in, PLAN_APPROVE, ids, n, comment, failed,
	                        problem);
}

int store_plan_missing(struct store *s, struct arena *a, const struct store_scope *scope,
                       int64_t org_id, int64_t **task_ids, int64_t **org_ids, int *n)
{
	struct store_sql q;
	struct store_stmt *st;
	int rc, cap = 0, cap2 = 0;

	*n = 0;
	*task_ids = *org_ids = NULL;
	store_sql_init(&q);
	store_sql_add(&q, sql_missing);
	if (org_id)
		store_sql_int(&q, " AND x.org_id = ?", org_id);
	if (!store_scope_everything(scope)) {
		store_sql_add(&q, " AND ");
		store_sql_scope(&q, "x.org_id", scope);
	}
	store_sql_add(&q, " ORDER BY x.task_id, x.org_id");
	rc = store_sql_prepare(s, &q, &st);
	store_sql_release(&q);
	if (rc != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap) {
			*task_ids = arena_grow(a, *task_ids, sizeof(**task_ids), &cap);
			*org_ids = arena_grow(a, *org_ids, sizeof(**org_ids), &cap2);
		}
		(*task_ids)[*n] = store_col_int(st, 0);
		(*org_ids)[(*n)++] = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

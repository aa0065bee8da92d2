/* store_revision.c - proposed revisions of approved plans in SQL: the change a zone makes to
 * an approved plan is kept beside it (plan_revision with its milestones and the milestones it
 * closes) while the approved milestones keep ruling, counted and reported on; the office
 * approves it (then it is applied to the plan's milestones and becomes the plan's next
 * version) or returns it; a revision not under review may be discarded. Must not change the
 * ruling milestones before the approval, nor decide who may act (api/ does). */
#include "store/store_plan_impl.h"

#include "core/plan_step.h"
#include "util/log.h"

#include <string.h>

static const char sql_open[] =
    "SELECT r.id, r.version, r.status, r.review_comment, r.created_at, r.updated_at, "
    "r.submitted_at, r.submitted_by, u.display_name, r.reviewed_at FROM plan_revision r "
    "LEFT JOIN app_user u ON u.id = r.submitted_by WHERE r.plan_id = ?1 "
    "AND r.status <> 'approved'";
static const char sql_rows[] =
    "SELECT rm.milestone_id, rm.seq, rm.title, rm.deliverable, rm.owner_org_id, oo.name, "
    "rm.owner_person, rm.start_date, rm.due_date, rm.weight FROM revision_milestone rm "
    "LEFT JOIN org oo ON oo.id = rm.owner_org_id WHERE rm.revision_id = ?1 ORDER BY rm.seq";
static const char sql_closes[] =
    "SELECT c.milestone_id, m.title, c.reason FROM revision_close c JOIN milestone m "
    "ON m.id = c.milestone_id WHERE c.revision_id = ?1 ORDER BY m.seq";
static const char sql_insert[] =
    "INSERT INTO plan_revision (plan_id, version, status, created_at, created_by, updated_at) "
    "VALUES (?1, ?2, 'draft', ?3, ?4, ?3) RETURNING id";
static const char sql_touch[] = "UPDATE plan_revision SET updated_at = ?2 WHERE id = ?1";
static const char sql_clear_rows[] = "DELETE FROM revision_milestone WHERE revision_id = ?1";
static const char sql_clear_closes[] = "DELETE FROM revision_close WHERE revision_id = ?1";
static const char sql_delete[] = "DELETE FROM plan_revision WHERE id = ?1";
static const char sql_row_insert[] =
    "INSERT INTO revision_milestone (revision_id, seq, milestone_id, title, deliverable, "
    "owner_org_id, owner_person, start_date, due_date, weight) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_close_insert[] =
    "INSERT INTO revision_close (revision_id, milestone_id, reason) VALUES (?1, ?2, ?3)";
static const char sql_submit[] = "UPDATE plan_revision SET status = 'submitted', submitted_at = "
                                 "?2, submitted_by = ?3, updated_at = ?2 WHERE id = ?1";
static const char sql_review[] =
    "UPDATE plan_revision SET status = ?2, review_comment = ?3, reviewed_at = ?4, "
    "reviewed_by = ?5, updated_at = ?4 WHERE id = ?1";
/* the plan takes the approved revision's version; its last review is this one */
static const char sql_plan_approved[] =
    "UPDATE zone_plan SET version = ?2, review_comment = ?3, reviewed_at = ?4, reviewed_by = ?5, "
    "updated_at = ?4 WHERE id = ?1";

/* element: a struct store_revision without its rows */
static void read_revision(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_revision *r = element;

	memset(r, 0, sizeof(*r));
	r->id = store_col_int(st, 0);
	r->version = (int)store_col_int(st, 1);
	r->status = store_col_dup(st, 2, a);
	r->review_comment = store_col_dup(st, 3, a);
	r->created_at = store_col_dup(st, 4, a);
	r->updated_at = store_col_dup(st, 5, a);
	r->submitted_at = store_col_dup(st, 6, a);
	r->submitted_by = store_col_int(st, 7);
	r->submitted_by_name = store_col_dup(st, 8, a);
	r->reviewed_at = store_col_dup(st, 9, a);
}

/* element: a struct store_milestone as a revision proposes it (id 0 = new) */
static void read_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone *m = element;

	memset(m, 0, sizeof(*m));
	m->id = store_col_int(st, 0);
	m->seq = (int)store_col_int(st, 1);
	m->title = store_col_dup(st, 2, a);
	m->deliverable = store_col_dup(st, 3, a);
	m->owner_org_id = store_col_int(st, 4);
	m->owner_org_name = store_col_dup(st, 5, a);
	m->owner_person = store_col_dup(st, 6, a);
	m->start_date = store_col_dup(st, 7, a);
	m->due_date = store_col_dup(st, 8, a);
	m->weight = (int)store_col_int(st, 9);
}

/* element: a struct store_milestone_close */
static void read_close(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_milestone_close *c = element;

	c->milestone_id = store_col_int(st, 0);
	c->title = store_col_dup(st, 1, a);
	c->reason = store_col_dup(st, 2, a);
}

int store_revision_open(struct store *s, struct arena *a, int64_t plan_id,
                        struct store_revision **out)
{
	struct store_stmt *st;
	struct store_revision *r;
	void *rows, *closes;
	int rc;

	*out = NULL;
	if ((rc = store_prepare(s, sql_open, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, plan_id);
	r = arena_alloc(a, sizeof(*r));
	if ((rc = store_row(st, a, read_revision, r)) != KFQ_OK)
		return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
	if ((rc = store_collect(s, a, sql_rows, r->id, sizeof(*r->milestones), read_row, &rows,
	                        &r->n_milestones)) != KFQ_OK ||
	    (rc = store_collect(s, a, sql_closes, r->id, sizeof(*r->closes), read_close, &closes,
	                        &r->n_closes)) != KFQ_OK)
		return rc;
	r->milestones = rows;
	r->closes = closes;
	*out = r;
	return KFQ_OK;
}

/* Runs sql with ?1 = id. */
static int run_id(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run(st);
}

/* Runs sql with ?1 = id, ?2 = now and, when user is not -1, ?3 = user. */
static int run_now(struct store *s, const char *sql, int64_t id, const char *now, int64_t user)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, now);
	if (user >= 0)
		store_bind_id(st, 3, user);
	return store_run(st);
}

static int write_rows(struct store *s, int64_t rev_id, const struct store_milestone *ms, int n,
                      const struct store_milestone_close *closes, int nclose)
{
	struct store_stmt *st;
	int rc = KFQ_OK;

	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		if ((rc = store_prepare(s, sql_row_insert, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, rev_id);
		store_bind_int(st, 2, i + 1);
		store_bind_id(st, 3, ms[i].id);
		store_bind_text(st, 4, ms[i].title);
		store_bind_text(st, 5, ms[i].deliverable);
		store_bind_id(st, 6, ms[i].owner_org_id);
		store_bind_text(st, 7, ms[i].owner_person);
		store_bind_text(st, 8, ms[i].start_date);
		store_bind_text(st, 9, ms[i].due_date);
		store_bind_int(st, 10, ms[i].weight);
		rc = store_run(st);
	}
	for (int i = 0; i < nclose && rc == KFQ_OK; i++) {
		if ((rc = store_prepare(s, sql_close_insert, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, rev_id);
		store_bind_int(st, 2, closes[i].milestone_id);
		store_bind_text(st, 3, closes[i].reason);
		rc = store_run(st);
	}
	return rc;
}

int store_revision_write(struct store *s, const struct store_actor *who, int64_t plan_id,
                         const struct plan_state *st, const struct store_milestone *ms, int n,
                         const struct store_milestone_close *closes, int nclose, const char *now,
                         enum store_plan_problem *problem)
{
	struct store_stmt *stmt;
	int64_t rev_id = st->rev_id;
	int rc;

	if (rev_id && !strcmp(st->rev_status, "submitted")) {
		*problem = PLAN_WRONG_STATE;
		return KFQ_EINVAL;
	}
	/* refused now rather than at the approval */
	if ((rc = store_plan_check_kept(s, plan_id, ms, n, closes, nclose, problem)) != KFQ_OK)
		return rc;
	if (rev_id) {
		/* a draft stays a draft, a returned revision stays returned until submitted */
		if ((rc = run_id(s, sql_clear_rows, rev_id)) != KFQ_OK ||
		    (rc = run_id(s, sql_clear_closes, rev_id)) != KFQ_OK ||
		    (rc = run_now(s, sql_touch, rev_id, now, -1)) != KFQ_OK)
			return rc;
	} else {
		if ((rc = store_prepare(s, sql_insert, &stmt)) != KFQ_OK)
			return rc;
		store_bind_int(stmt, 1, plan_id);
		store_bind_int(stmt, 2, st->version + 1);
		store_bind_text(stmt, 3, now);
		store_bind_id(stmt, 4, who->user_id);
		if ((rc = store_run_id(stmt, &rev_id)) != KFQ_OK)
			return rc;
	}
	return write_rows(s, rev_id, ms, n, closes, nclose);
}

/* Applies the revision under review to the plan's milestones and makes it the plan's version. */
static int approve(struct store *s, const struct store_actor *who,
                   const struct store_plan_json *json, int64_t plan_id, const struct plan_state *st,
                   const char *comment, const char *now, enum store_plan_problem *problem)
{
	struct store_stmt *stmt;
	struct store_revision *r;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_revision_open(s, &a, plan_id, &r)) != KFQ_OK)
		goto cleanup;
	/* reports may have come in since it was proposed: checked again */
	if ((rc = store_plan_apply(s, plan_id, r->milestones, r->n_milestones, r->closes,
	                           r->n_closes, now, problem)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_plan_approved, &stmt)) != KFQ_OK)
		goto cleanup;
	store_bind_int(stmt, 1, plan_id);
	store_bind_int(stmt, 2, st->rev_version);
	store_bind_text(stmt, 3, comment);
	store_bind_text(stmt, 4, now);
	store_bind_id(stmt, 5, who->user_id);
	if ((rc = store_run(stmt)) == KFQ_OK)
		rc = store_plan_snapshot(s, who, json, plan_id, st->rev_version, now);
cleanup:
	arena_release(&a);
	return rc;
}

int store_revision_act(struct store *s, const struct store_actor *who,
                       const struct store_plan_json *json, int64_t plan_id,
                       const struct plan_state *st, enum store_plan_action action,
                       const char *comment, const char *now, const char **audit_action, int *step,
                       enum store_plan_problem *problem)
{
	struct store_stmt *stmt;
	const char *status = st->rev_status;
	bool submitted = st->rev_id && !strcmp(status, "submitted");
	int rc;

	*problem = PLAN_WRONG_STATE;
	if (!st->rev_id || (action == PLAN_SUBMIT || action == PLAN_DISCARD) == submitted)
		return KFQ_EINVAL;
	if ((action == PLAN_APPROVE || action == PLAN_RETURN) && who->user_id &&
	    who->user_id == st->rev_submitted_by) {
		*problem = PLAN_OWN_SUBMISSION;
		return KFQ_EINVAL;
	}
	*problem = PLAN_OK;
	switch (action) {
	case PLAN_SUBMIT:
		*audit_action = "submit_revision";
		*step = REVISION_STEP_SUBMITTED;
		return run_now(s, sql_submit, st->rev_id, now, who->user_id);
	case PLAN_DISCARD:
		*audit_action = "discard_revision";
		if ((rc = run_id(s, sql_clear_rows, st->rev_id)) != KFQ_OK ||
		    (rc = run_id(s, sql_clear_closes, st->rev_id)) != KFQ_OK)
			return rc;
		return run_id(s, sql_delete, st->rev_id);
	case PLAN_APPROVE:
		if ((rc = approve(s, who, json, plan_id, st, comment, now, problem)) != KFQ_OK)
			return rc;
		break;
	case PLAN_RETURN:
		break;
	}
	*audit_action = action == PLAN_APPROVE ? "approve_revision" : "return_revision";
	*step = action == PLAN_APPROVE ? REVISION_STEP_APPROVED : REVISION_STEP_RETURNED;
	if ((rc = store_prepare(s, sql_review, &stmt)) != KFQ_OK)
		return rc;
	store_bind_int(stmt, 1, st->rev_id);
	store_bind_text(stmt, 2, action == PLAN_APPROVE ? "approved" : "returned");
	store_bind_text(stmt, 3, comment);
	store_bind_text(stmt, 4, now);
	store_bind_id(stmt, 5, who->user_id);
	return store_run(stmt);
}

/* store_report.c - progress reports on milestones, in SQL: a report is created submitted with
 * its evidence files claimed (attachments of type STORE_REPORT_FILES, store_attachment.c), and
 * accepting it (one or a batch) sets the milestone's status, percent and the day it was done and
 * the plan's kept sums; each step tells the inbox in its transaction. Also the review queue across
 * milestones. Must not touch files: evidence bytes are api/'s (util/blobstore). */
#include "store/store_plan_impl.h"
#include "store/store_inbox.h"

#include "core/plan_step.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* the plan's status, whether the milestone is closed or finished, whether the plan's
 * organization is still among its task's responsible units */
static const char sql_rep_plan[] =
    "SELECT p.status, m.removed, m.status, CASE WHEN p.off_task_on IS NULL THEN 1 ELSE 0 END "
    "FROM milestone m JOIN zone_plan p ON p.id = m.plan_id WHERE m.id = ?1";
static const char sql_rep_insert[] =
    "INSERT INTO progress_report (milestone_id, status, percent, narrative, state, created_at, "
    "created_by, report_date) VALUES (?1, ?2, ?3, ?4, 'submitted', ?5, ?6, ?7) RETURNING id";
static const char sql_ms_reported[] = "UPDATE milestone SET last_report_date = ?2 WHERE id = ?1";
#define REP_COLS                                                                                   \
	"r.id, r.milestone_id, r.status, r.percent, r.narrative, r.state, r.review_comment, "      \
	"r.created_at, r.created_by, u.display_name, r.reviewed_at, m.title, p.id, p.task_id, "    \
	"t.article_number, t.title, p.org_id, o.name, r.report_date, m.status, CASE WHEN "         \
	"m.removed <> 0 THEN COALESCE(m.closed_reason, '') END, t.policy_id"
#define REP_FROM                                                                                   \
	" FROM progress_report r LEFT JOIN app_user u ON u.id = r.created_by JOIN milestone m "    \
	"ON m.id = r.milestone_id JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON "            \
	"t.id = p.task_id JOIN org o ON o.id = p.org_id"
static const char sql_rep_list[] =
    "SELECT " REP_COLS REP_FROM " WHERE r.milestone_id = ?1 ORDER BY r.id DESC";
static const char sql_rep_get[] = "SELECT " REP_COLS REP_FROM " WHERE r.id = ?1";
/* the review queue: page_filter completes them */
static const char sql_rep_count[] = "SELECT COUNT(*)" REP_FROM;
static const char sql_rep_page[] = "SELECT " REP_COLS REP_FROM;
/* the queue's export: the number of each report's evidence files in place of the files */
static const char sql_rep_export[] =
    "SELECT " REP_COLS
    ", (SELECT COUNT(*) FROM attachment x WHERE x.entity_type = '" STORE_REPORT_FILES
    "' AND x.entity_id = r.id)" REP_FROM;
static const char sql_rep_review[] = "UPDATE progress_report SET state = ?2, review_comment = ?3, "
                                     "reviewed_at = ?4, reviewed_by = ?5 WHERE id = ?1";
/* a finished milestone stays finished, a closed one takes no progress, and one whose newer
 * report (?5: the report's id) was accepted shows that one's (DECISIONS 300): no row then */
static const char sql_ms_progress[] =
    "UPDATE milestone SET status = ?2, percent = ?3, done_date = ?4 WHERE id = ?1 AND status "
    "<> 'done' AND removed = 0 AND NOT EXISTS (SELECT 1 FROM progress_report q WHERE "
    "q.milestone_id = ?1 AND q.state = 'accepted' AND q.id > ?5) RETURNING id";

/* element: a struct store_report without its evidence */
static void read_rep(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_report *r = element;

	memset(r, 0, sizeof(*r));
	r->id = store_col_int(st, 0);
	r->milestone_id = store_col_int(st, 1);
	r->status = store_col_dup(st, 2, a);
	r->percent = (int)store_col_int(st, 3);
	r->narrative = store_col_dup(st, 4, a);
	r->state = store_col_dup(st, 5, a);
	r->review_comment = store_col_dup(st, 6, a);
	r->created_at = store_col_dup(st, 7, a);
	r->created_by = store_col_int(st, 8);
	r->created_by_name = store_col_dup(st, 9, a);
	r->reviewed_at = store_col_dup(st, 10, a);
	r->milestone_title = store_col_dup(st, 11, a);
	r->plan_id = store_col_int(st, 12);
	r->task_id = store_col_int(st, 13);
	r->article_number = (int)store_col_int(st, 14);
	r->task_title = store_col_dup(st, 15, a);
	r->org_id = store_col_int(st, 16);
	r->org_name = store_col_dup(st, 17, a);
	r->report_date = store_col_dup(st, 18, a);
	r->milestone_status = store_col_dup(st, 19, a);
	r->milestone_closed_reason = store_col_dup(st, 20, a);
	r->policy_id = store_col_int(st, 21);
}

/* element: a struct store_report of sql_rep_export, its evidence counted, not read */
static void read_rep_counted(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_report *r = element;

	read_rep(st, a, r);
	r->nevidence = (int)store_col_int(st, 22);
}

/* the evidence of the reports r[0..n), in one statement whatever n */
static int load_evidence(struct store *s, struct arena *a, struct store_report *r, int n)
{
	int64_t *ids;
	struct store_attachment **files;
	int *counts, rc;

	if (n == 0)
		return KFQ_OK;
	ids = arena_alloc(a, (size_t)n * sizeof(*ids));
	files = arena_alloc(a, (size_t)n * sizeof(*files));
	counts = arena_alloc(a, (size_t)n * sizeof(*counts));
	for (int i = 0; i < n; i++)
		ids[i] = r[i].id;
	rc = store_attachment_list_many(s, a, STORE_REPORT_FILES, ids, n, files, counts);
	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		r[i].evidence = files[i];
		r[i].nevidence = counts[i];
	}
	return rc;
}

/* Claims the upload id for report r: the reporter's organization's, else the plan's. */
static int claim(struct store *s, const struct store_actor *who, int64_t plan_org_id,
                 int64_t report_id, int64_t id)
{
	int rc = store_attachment_claim(s, STORE_REPORT_FILES, report_id, who->org_id, &id, 1);

	if (rc == KFQ_EINVAL && plan_org_id != who->org_id)
		rc = store_attachment_claim(s, STORE_REPORT_FILES, report_id, plan_org_id, &id, 1);
	return rc;
}

int store_report_get(struct store *s, struct arena *a, int64_t id, struct store_report *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_rep_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_rep, out)) != KFQ_OK)
		return rc;
	return load_evidence(s, a, out, 1);
}

int store_report_list(struct store *s, struct arena *a, int64_t milestone_id,
                      struct store_report **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_rep_list, milestone_id, sizeof(**out), read_rep, &arr, n);

	*out = arr;
	return rc == KFQ_OK ? load_evidence(s, a, *out, *n) : rc;
}

/* the predicates of the filters given, in the caller's view */
static void page_filter(struct store_sql *q, const void *arg)
{
	const struct store_report_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->state)
		store_sql_text(q, " AND r.state = ?", f->state);
	/* the newest report of each milestone that may take another: none of a plan off its task
	 * (DECISIONS 264) */
	if (f->latest)
		store_sql_add(q, " AND NOT EXISTS (SELECT 1 FROM progress_report x WHERE "
		                 "x.milestone_id = r.milestone_id AND x.id > r.id) AND "
		                 "p.off_task_on IS NULL");
	if (f->open)
		store_sql_add(
		    q, " AND m.status <> 'done' AND m.removed = 0 AND p.off_task_on IS NULL");
	if (f->task_id)
		store_sql_int(q, " AND p.task_id = ?", f->task_id);
	if (f->org_id)
		store_sql_int(q, " AND p.org_id = ?", f->org_id);
	store_plan_view(q, &f->scope, f->lead_org_id);
}

/* the review queue f selects, its rows by sql and read */
static struct store_list queue(const struct store_report_filter *f, const char *sql,
                               store_reader read)
{
	return (struct store_list){
	    .count_sql = sql_rep_count,
	    .list_sql = sql,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read,
	    .elem_size = sizeof(struct store_report),
	    .filter = page_filter,
	    .order = " ORDER BY r.id",
	    .count_in_page = true,
	};
}

int store_report_page(struct store *s, struct arena *a, const struct store_report_filter *f,
                      struct store_report **out, int *n, int64_t *total)
{
	struct store_list l = queue(f, sql_rep_page, read_rep);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc == KFQ_OK ? load_evidence(s, a, *out, *n) : rc;
}

int store_report_each(struct store *s, const struct store_report_filter *f, store_each_fn fn,
                      void *ctx)
{
	struct store_list l = queue(f, sql_rep_export, read_rep_counted);

	return store_list_each(s, &l, fn, ctx);
}

/* The report with its evidence, for audit records. json: a struct store_plan_json. */
static int write_report(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_plan_json *shape = json;
	struct store_report r;
	int rc;

	if ((rc = store_report_get(s, a, id, &r)) == KFQ_OK)
		shape->report(w, &r);
	return rc;
}

/* Runs sql on milestone id with ?2 = text. */
static int exec_ms(struct store *s, const char *sql, int64_t id, const char *text)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, text);
	return store_run(st);
}

/* Whether a milestone may be reported on: its plan approved, itself still in the plan and not
 * finished, the plan's organization still responsible for the task. */
struct reportable {
	bool approved;
	bool removed;
	bool done;
	bool responsible;
};

/* element: a struct reportable */
static void read_reportable(struct store_stmt *st, struct arena *a, void *element)
{
	struct reportable *r = element;

	(void)a;
	r->approved = !strcmp(store_col_text(st, 0), "approved");
	r->removed = store_col_int(st, 1) != 0;
	r->done = !strcmp(store_col_text(st, 2), "done");
	r->responsible = store_col_int(st, 3) != 0;
}

/* The first reason a milestone takes no new report, or REPORT_OK. */
static enum store_report_problem refusal(const struct reportable *r)
{
	if (r->removed)
		return REPORT_MILESTONE_CLOSED;
	if (!r->responsible)
		return REPORT_NOT_RESPONSIBLE;
	if (!r->approved)
		return REPORT_PLAN_NOT_APPROVED;
	if (r->done)
		return REPORT_MILESTONE_DONE;
	return REPORT_OK;
}

/* Tells the inbox of a step on report id as it is now. */
static int tell(struct store *s, const struct store_actor *who, int64_t id, enum plan_step step,
                const char *comment)
{
	struct store_report r;
	struct plan_step_subject subj;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_report_get(s, &a, id, &r)) == KFQ_OK) {
		subj = (struct plan_step_subject){
		    .plan_id = r.plan_id,
		    .org_id = r.org_id,
		    .org_name = r.org_name,
		    .article_number = r.article_number,
		    .task_title = r.task_title,
		    .report_id = r.id,
		    .milestone_id = r.milestone_id,
		    .milestone_title = r.milestone_title,
		    .submitter_id = r.created_by,
		    .comment = comment,
		};
		plan_step_item(step, &subj, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_report_create(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, struct store_report *r,
                        int64_t plan_org_id, const char *today, enum store_report_problem *problem)
{
	struct store_stmt *st;
	struct reportable ok = {0};
	char now[TIME_RFC3339_LEN];
	int rc;

	*problem = REPORT_OK;
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_rep_plan, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, r->milestone_id);
	if ((rc = store_row(st, NULL, read_reportable, &ok)) != KFQ_OK)
		goto done;
	if ((*problem = refusal(&ok)) != REPORT_OK) {
		rc = KFQ_EINVAL;
		goto done;
	}
	if ((rc = store_prepare(s, sql_rep_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, r->milestone_id);
	store_bind_text(st, 2, r->status);
	store_bind_int(st, 3, r->percent);
	store_bind_text(st, 4, r->narrative);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	store_bind_text(st, 7, today);
	if ((rc = store_run_id(st, &r->id)) != KFQ_OK)
		goto done;
	for (int i = 0; i < r->nevidence && rc == KFQ_OK; i++)
		if ((rc = claim(s, who, plan_org_id, r->id, r->evidence[i].id)) == KFQ_EINVAL)
			*problem = REPORT_EVIDENCE_INVALID;
	if (rc == KFQ_OK && (rc = exec_ms(s, sql_ms_reported, r->milestone_id, today)) == KFQ_OK)
		rc =
		    store_audit_entity(s, who, "create", "report", r->id, NULL, write_report, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, r->id, REPORT_STEP_SUBMITTED, NULL);
done:
	return store_plan_finish(s, rc);
}

/* Sets the milestone's progress from the accepted report r: its status, percent and, when it
 * says done, the day the report was made; left as it is when a newer report of it was accepted
 * first (r is true of its day, the newer one of now). Refused (KFQ_EINVAL) when the milestone
 * is closed by a revision (PLAN_MILESTONE_CLOSED: it is no longer in the plan) or finished
 * already (PLAN_MILESTONE_DONE: another report accepted would reopen it), as the update found
 * it. */
static int progress(struct store *s, const struct store_report *r, enum store_plan_problem *problem)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_ms_progress, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, r->milestone_id);
	store_bind_text(st, 2, r->status);
	store_bind_int(st, 3, r->percent);
	store_bind_text(st, 4, strcmp(r->status, "done") ? NULL : r->report_date);
	store_bind_int(st, 5, r->id);
	if ((rc = store_run_id(st, NULL)) == KFQ_ENOTFOUND) {
		struct reportable now;
		if ((rc = store_prepare(s, sql_rep_plan, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, r->milestone_id);
		if ((rc = store_row(st, NULL, read_reportable, &now)) != KFQ_OK)
			return rc;
		if (!now.removed && !now.done)
			return KFQ_OK; /* a newer report rules */
		*problem = now.removed ? PLAN_MILESTONE_CLOSED : PLAN_MILESTONE_DONE;
		return KFQ_EINVAL;
	}
	if (rc == KFQ_OK)
		rc = store_plan_keep_sums_of_milestone(s, r->milestone_id);
	return rc;
}

/* One review inside the caller's transaction: audited and told to the inbox (a
 * store_plan_step_fn; accept: accepted, else returned). */
static int review_in(struct store *s, const struct store_actor *who,
                     const struct store_plan_json *json, int64_t id, int accept,
                     const char *comment, const char *now, enum store_plan_problem *problem)
{
	struct store_stmt *st;
	struct store_report r;
	struct arena a;
	char *before;
	int rc;

	arena_init(&a);
	if (!(before = store_entity_json(s, id, write_report, json, &rc))) {
		if (rc == KFQ_ENOTFOUND)
			*problem = PLAN_REPORT_NOT_FOUND;
		goto cleanup;
	}
	if ((rc = store_report_get(s, &a, id, &r)) != KFQ_OK)
		goto cleanup;
	if (strcmp(r.state, "submitted") != 0) {
		*problem = PLAN_WRONG_STATE;
		rc = KFQ_EINVAL;
		goto cleanup;
	}
	if (who->user_id && who->user_id == r.created_by) {
		*problem = PLAN_OWN_SUBMISSION;
		rc = KFQ_EINVAL;
		goto cleanup;
	}
	if ((rc = store_prepare(s, sql_rep_review, &st)) != KFQ_OK)
		goto cleanup;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, accept ? "accepted" : "returned");
	store_bind_text(st, 3, comment);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK || (accept && (rc = progress(s, &r, problem)) != KFQ_OK))
		goto cleanup;
	rc = store_audit_entity(s, who, accept ? "accept" : "return", "report", id, before,
	                        write_report, json);
	if (rc == KFQ_OK)
		rc =
		    tell(s, who, id, accept ? REPORT_STEP_ACCEPTED : REPORT_STEP_RETURNED, comment);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_report_review(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, int64_t id, bool accept,
                        const char *comment, enum store_plan_problem *problem)
{
	int failed;

	return store_plan_steps(s, who, json, review_in, accept, &id, 1, comment, &failed, problem);
}

int store_report_accept_all(struct store *s, const struct store_actor *who,
                            const struct store_plan_json *json, const int64_t *ids, int n,
                            const char *comment, int *failed, enum store_plan_problem *problem)
{
	return store_plan_steps(s, who, json, review_in, true, ids, n, comment, failed, problem);
}

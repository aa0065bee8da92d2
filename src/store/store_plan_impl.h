/* store_plan_impl.h - what the files of the plan module (store_plan.c, store_revision.c,
 * store_milestone.c, store_report.c, store_board.c) share; private to them. */
#ifndef KFQ_STORE_PLAN_IMPL_H
#define KFQ_STORE_PLAN_IMPL_H

#include "store/store_impl.h"
#include "store/store_plan.h"

/* The milestone state rules of core/plan.c over a query's rows: T = today, S = today + 7,
 * ST = today - 30 (struct milestone_bounds). A milestone no longer in its plan (closed by a
 * revision) reads 'closed'; one not done of a plan off its task 'off_task'. */
#define MS_STATE(T, S, ST)                                                                         \
	"CASE WHEN m.removed <> 0 THEN 'closed' WHEN m.status = 'done' THEN CASE WHEN "            \
	"m.done_date > m.due_date THEN 'done_late' ELSE 'done' END WHEN p.off_task_on IS NOT "     \
	"NULL THEN 'off_task' WHEN m.due_date < " T " THEN 'overdue' WHEN m.due_date <= " S        \
	" THEN 'due_soon' WHEN m.start_date <= " T                                                 \
	" AND COALESCE(m.last_report_date, m.start_date) < " ST " THEN 'stale' "                   \
	"ELSE 'on_track' END"

/* the state with the bounds as ?1 ?2 ?3, as every milestone query binds them */
#define MS_STATE_BOUND MS_STATE("?1", "?2", "?3")
/* A milestone's columns, its state and the names of its organizations and task given as
 * expressions: the owner's name, the state, the task's article and title, the plan's
 * organization's name */
#define MS_COLS_WITH(OWNER, STATE, ARTICLE, TITLE, ORG)                                            \
	"m.id, m.plan_id, m.seq, m.title, m.deliverable, m.owner_org_id, " OWNER ", "              \
	"m.owner_person, m.start_date, m.due_date, m.weight, m.status, m.percent, "                \
	"m.last_report_date, " STATE ", p.task_id, " ARTICLE ", " TITLE ", p.org_id, " ORG         \
	", p.status, m.done_date, m.closed_reason, m.closed_at, CASE WHEN EXISTS (SELECT 1 FROM "  \
	"progress_report pr WHERE pr.milestone_id = m.id AND pr.state = 'submitted') THEN 1 ELSE " \
	"0 "                                                                                       \
	"END, p.off_task_on"
#define MS_NCOLS 26
/* the columns with the state computed and the names joined (MS_FROM) */
#define MS_COLS MS_COLS_WITH("oo.name", MS_STATE_BOUND, "t.article_number", "t.title", "o.name")
/* the columns with m.removed for the state, without the names, and the names' version in column
 * MS_NCOLS: FROM MS_FROM_PLAN, for lists and records that compute the state in kfq and take the
 * names from the connection's (store_milestone.c, DECISIONS 183) */
#define MS_COLS_BARE                                                                               \
	MS_COLS_WITH("NULL", "m.removed", "NULL", "NULL", "NULL") ", " STORE_NAMES_VERSION
#define MS_FROM_PLAN " FROM milestone m JOIN zone_plan p ON p.id = m.plan_id"
#define MS_FROM                                                                                    \
	MS_FROM_PLAN " JOIN task t ON t.id = p.task_id JOIN org o ON o.id = p.org_id "             \
	             "LEFT JOIN org oo ON oo.id = m.owner_org_id"

/* Appends " AND …" limiting plans (zone_plan p) to those a caller reads: of the organizations
 * in its data scope, and of the tasks its organization lead_org_id leads, whatever their
 * organization (谁牵头、谁督促; 0 = none). Nothing for a scope of everything. */
void store_plan_view(struct store_sql *q, const struct store_scope *scope, int64_t lead_org_id);

/* Binds the day bounds as ?1 ?2 ?3 of a query with MS_COLS. */
void store_milestone_bind_bounds(struct store_stmt *st, const struct milestone_bounds *b);
/* Reads a row of MS_COLS into a struct store_milestone (a store_reader). */
void store_milestone_read(struct store_stmt *st, struct arena *a, void *element);

/* Writes plan id as it is now with the caller's writers (json: a struct store_plan_json): the
 * audit records' before and after (a store_entity_writer). */
int store_plan_write(struct store *s, struct arena *a, int64_t id, const void *json,
                     struct jsonw *w);

/* Inside a write transaction: checks that every id of ms and closes names a ruling milestone of
 * the plan, once, and that every ruling milestone with reports is kept or closed. KFQ_EINVAL
 * with *problem otherwise. */
int store_plan_check_kept(struct store *s, int64_t plan_id, const struct store_milestone *ms, int n,
                          const struct store_milestone_close *closes, int nclose,
                          enum store_plan_problem *problem);
/* Inside a write transaction: makes ms the plan's ruling milestones in that order (after
 * store_plan_check_kept), deletes the ruling milestones left out, closes those in closes with
 * their reasons at now, and keeps the plan's sums. */
int store_plan_apply(struct store *s, int64_t plan_id, const struct store_milestone *ms, int n,
                     const struct store_milestone_close *closes, int nclose, const char *now,
                     enum store_plan_problem *problem);
/* Keeps the plan's ruling milestones as approved now, as its version `version`. */
int store_plan_snapshot(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, int64_t plan_id, int version,
                        const char *now);

/* What a workflow step of a plan reads and changes inside its transaction. */
struct plan_state {
	const char *status; /* of the plan */
	int version;
	int64_t submitted_by;
	int64_t rev_id; /* its open revision; 0 = none */
	const char *rev_status;
	int rev_version;
	int64_t rev_submitted_by;
};
int store_plan_state(struct store *s, struct arena *a, int64_t plan_id, struct plan_state *out);

/* The open revision of a plan (NULL when none), with its milestones and closes. */
int store_revision_open(struct store *s, struct arena *a, int64_t plan_id,
                        struct store_revision **out);
/* Makes ms and closes the plan's open revision: a new draft (version + 1) or the draft or
 * returned one replaced; refused while it is under review. Inside a write transaction. */
int store_revision_write(struct store *s, const struct store_actor *who, int64_t plan_id,
                         const struct plan_state *st, const struct store_milestone *ms, int n,
                         const struct store_milestone_close *closes, int nclose, const char *now,
                         enum store_plan_problem *problem);
/* The step of an approved plan's open revision (store_plan_act's rules). *action is the audit
 * action's name and *step the inbox step (-1 = none) of what it did. */
int store_revision_act(struct store *s, const struct store_actor *who,
                       const struct store_plan_json *json, int64_t plan_id,
                       const struct plan_state *st, enum store_plan_action action,
                       const char *comment, const char *now, const char **audit_action, int *step,
                       enum store_plan_problem *problem);

/* One workflow step on entity id inside the caller's write transaction (its own audit record
 * and inbox items); action is the step's kind (enum store_plan_action for plans, accept or not
 * for reports). */
typedef int (*store_plan_step_fn)(struct store *s, const struct store_actor *who,
                                  const struct store_plan_json *json, int64_t id, int action,
                                  const char *comment, const char *now,
                                  enum store_plan_problem *problem);
/* Runs step on every id in one transaction with one comment (and bumps the change counter); the
 * first refusal rolls all of them back, *failed = its index (-1 when none failed). */
int store_plan_steps(struct store *s, const struct store_actor *who,
                     const struct store_plan_json *json, store_plan_step_fn step, int action,
                     const int64_t *ids, int n, const char *comment, int *failed,
                     enum store_plan_problem *problem);

/* Recomputes the sums and open due dates a plan keeps (migration 0007), of the plan or of the
 * plan a milestone belongs to, inside the caller's transaction. */
int store_plan_keep_sums(struct store *s, int64_t plan_id);
int store_plan_keep_sums_of_milestone(struct store *s, int64_t milestone_id);
/* Ends a write of this module: bumps the change counter the board's cache watches and commits
 * when rc is KFQ_OK, else rolls back. Returns the outcome. */
int store_plan_finish(struct store *s, int rc);

#endif

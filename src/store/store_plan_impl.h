/* store_plan_impl.h - what the files of the plan module (store_plan.c, store_milestone.c,
 * store_report.c, store_board.c) share; private to them. */
#ifndef KFQ_STORE_PLAN_IMPL_H
#define KFQ_STORE_PLAN_IMPL_H

#include "store/store_impl.h"
#include "store/store_plan.h"

/* The milestone state rules of core/plan.c over a query's rows: T = today, S = today + 7,
 * ST = today - 30 (struct milestone_bounds). */
#define MS_STATE(T, S, ST)                                                                         \
	"CASE WHEN m.status = 'done' THEN 'done' WHEN m.due_date < " T " THEN 'overdue' "          \
	"WHEN m.due_date <= " S " THEN 'due_soon' WHEN m.start_date <= " T                         \
	" AND COALESCE(m.last_report_date, m.start_date) < " ST " THEN 'stale' "                   \
	"ELSE 'on_track' END"

/* the state with the bounds as ?1 ?2 ?3, as every milestone query binds them */
#define MS_STATE_BOUND MS_STATE("?1", "?2", "?3")
#define MS_COLS                                                                                    \
	"m.id, m.plan_id, m.seq, m.title, m.deliverable, m.owner_org_id, oo.name, "                \
	"m.owner_person, "                                                                         \
	"m.start_date, m.due_date, m.weight, m.status, m.percent, "                                \
	"m.last_report_date, " MS_STATE_BOUND                                                      \
	", p.task_id, t.article_number, t.title, p.org_id, o.name, p.status"
#define MS_FROM                                                                                    \
	" FROM milestone m JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON t.id = p.task_id "  \
	"JOIN org o ON o.id = p.org_id LEFT JOIN org oo ON oo.id = m.owner_org_id"

/* Whose plans (zone_plan p) a caller reads: those of the organizations in its data scope (the
 * parameters K O U of STORE_IN_SCOPE) and those of the tasks its organization LEAD leads,
 * whatever their organization (谁牵头、谁督促; LEAD 0 = none). */
#define PLAN_IN_VIEW(LEAD, K, O, U)                                                                \
	"(" STORE_IN_SCOPE("p.org_id", K, O, U) " OR p.task_id IN (SELECT task_id FROM task_org "  \
	                                        "WHERE org_id = " LEAD " AND role = 'lead'))"

/* Binds the day bounds as ?1 ?2 ?3 of a query with MS_COLS. */
void store_milestone_bind_bounds(struct store_stmt *st, const struct milestone_bounds *b);
/* Reads a row of MS_COLS into a struct store_milestone (a store_reader). */
void store_milestone_read(struct store_stmt *st, struct arena *a, void *element);

/* Recomputes the sums and open due dates a plan keeps (migration 0007), of the plan or of the
 * plan a milestone belongs to, inside the caller's transaction. */
int store_plan_keep_sums(struct store *s, int64_t plan_id);
int store_plan_keep_sums_of_milestone(struct store *s, int64_t milestone_id);
/* Ends a write of this module: bumps the change counter the board's cache watches and commits
 * when rc is KFQ_OK, else rolls back. Returns the outcome. */
int store_plan_finish(struct store *s, int rc);

#endif

/* plan_impl.h - what the API files of the plan module share (plan.c: plans and revisions;
 * milestone.c: milestones; report.c: progress reports and evidence; plan_todo.c: their
 * to-dos); private to them. Who may read a plan's data, and review (approve, return, accept)
 * it with the permission to: its organization's scope, or the organization leading its task
 * (谁牵头、谁督促); who may write: the scope alone. Each answers the refusal itself and returns
 * -1. */
#ifndef KFQ_API_PLAN_IMPL_H
#define KFQ_API_PLAN_IMPL_H

#include "api/api.h"
#include "app/plan_json.h"

/* Today's milestone bounds (core/plan.h) for the request's time. */
void api_plan_bounds(struct api_ctx *c, struct milestone_bounds *b);
/* May the caller read the plans of org on task? *yes; -1 (answered) on a store error. */
int api_plan_readable(struct api_ctx *c, int64_t task_id, int64_t org_id, bool *yes);
/* The same for an :id route: else the 404 of a missing record. */
int api_plan_can_read(struct api_ctx *c, int64_t task_id, int64_t org_id);
/* May the caller write for org (own scope)? */
int api_plan_can_write(struct api_ctx *c, int64_t org_id);
/* The :id milestone, if the caller may read it. */
int api_plan_load_milestone(struct api_ctx *c, struct store_milestone *m);
/* Answers a refused step or change (enum store_plan_problem) with its status, code and
 * message; wrong_state is the message of PLAN_WRONG_STATE, field where the body names the
 * item (a batch) or NULL. */
int api_plan_refused(struct api_ctx *c, enum store_plan_problem problem, const char *wrong_state,
                     const char *field);

#endif

/* plan_impl.h - what the API files of the plan module share (plan.c: plans; milestone.c:
 * milestones; report.c: progress reports and evidence); private to them. Who may read a plan's
 * data: its organization's scope, or the organization leading its task (谁牵头、谁督促); who
 * may write: the scope alone. Each answers the refusal itself and returns -1. */
#ifndef KFQ_API_PLAN_IMPL_H
#define KFQ_API_PLAN_IMPL_H

#include "api/api.h"
#include "app/plan_json.h"

/* Today's milestone bounds (core/plan.h) for the request's time. */
void api_plan_bounds(struct api_ctx *c, struct milestone_bounds *b);
/* May the caller read the plans of org on task? */
int api_plan_can_read(struct api_ctx *c, int64_t task_id, int64_t org_id);
/* May the caller write for org (own scope)? */
int api_plan_can_write(struct api_ctx *c, int64_t org_id);
/* The :id milestone, if the caller may read it. */
int api_plan_load_milestone(struct api_ctx *c, struct store_milestone *m);

#endif

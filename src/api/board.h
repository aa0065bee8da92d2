/* board.h - what other API modules take from the board: each task's progress over the plans
 * the caller may see, the same sums the board shows. */
#ifndef KFQ_API_BOARD_H
#define KFQ_API_BOARD_H

#include "api/api.h"
#include "core/plan.h"

struct board_task_progress {
	int64_t task_id;
	int64_t completion_bp; /* 0..10000 */
	int64_t plans;         /* submitted and approved plans in view */
	int64_t overdue;       /* late milestones */
	int64_t missing;       /* responsible zones and counties in view without such a plan */
	enum task_state state;
};

/* One entry per task over the plans in view, or over one organization's own plans when org_id
 * is not 0, in the request's arena. Answers errors itself and returns -1. */
int board_task_progress(struct api_ctx *c, int64_t org_id, struct board_task_progress **out,
                        int *n);
/* The entry of task_id, or NULL. */
const struct board_task_progress *board_task_find(const struct board_task_progress *p, int n,
                                                  int64_t task_id);

#endif

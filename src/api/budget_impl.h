/* budget_impl.h - what the zone budget handlers (budget.c, budget_project.c) share. Private to
 * those files. */
#ifndef KFQ_API_BUDGET_IMPL_H
#define KFQ_API_BUDGET_IMPL_H

#include "api/api.h"

/* 0 when the caller's organization holds manage_budget (art. 5's lead, 市财政局, by default);
 * else answers 403 and returns -1. The route already demanded PERM_BUDGET_MANAGE. */
int budget_require_manage(struct api_ctx *c);
/* The query's year, this year when absent (the route declares its range). */
int budget_query_year(struct api_ctx *c);

#endif

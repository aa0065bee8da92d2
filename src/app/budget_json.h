/* budget_json.h - zone budgets as JSON (answers and audit records, the demo's too), keys in
 * byte order. */
#ifndef KFQ_APP_BUDGET_JSON_H
#define KFQ_APP_BUDGET_JSON_H

#include "store/store_budget.h"

struct jsonw;

/* A zone's fiscal mode of a year; the members of an object the caller opened. */
void budget_json_year_fields(struct jsonw *w, const struct store_budget_year *y);
/* A project with its spending rate and grade, as one object. */
void budget_json_project(struct jsonw *w, const struct store_budget_project *p);
/* An execution's amounts and rate: the members of an object the caller opened. */
void budget_json_exec_fields(struct jsonw *w, const struct budget_exec *e);

extern const struct store_budget_json budget_json_audit;

#endif

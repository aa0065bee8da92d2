/* industry_plan_json.h - industry plans as JSON (answers, audit records, the demo's), keys in
 * byte order, and 战略性新兴产业分类(2018) as kfq ships it, parsed once per process. */
#ifndef KFQ_APP_INDUSTRY_PLAN_JSON_H
#define KFQ_APP_INDUSTRY_PLAN_JSON_H

#include "store/store_industry_plan.h"

struct jsonw;

/* The shipped categories (data/catalog/sei-2018.tsv), shared read-only; NULL if they do not parse
 * (logged: a build error, the unit test guards it). */
const struct sei_catalog *industry_sei_areas(void);

/* A plan with its leading industries, as one object. */
void industry_plan_json_write(struct jsonw *w, const struct store_industry_plan *p);
/* The members of a plan in an object the caller opened; shares, when not NULL, writes the
 * value of the member "shares" (the API's figures of a year, not audited) from arg. */
void industry_plan_json_fields(struct jsonw *w, const struct store_industry_plan *p,
                               void (*shares)(struct jsonw *w, const void *arg), const void *arg);
/* An enterprise's output of a year, as one object. */
void industry_plan_json_output(struct jsonw *w, const struct store_enterprise_output *o);

extern const struct store_industry_plan_json industry_plan_json_audit;

#endif

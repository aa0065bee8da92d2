/* pay_json.h - performance pay as JSON: the year's figures, a pool with its derivation, a
 * distribution plan with its lines and acknowledgements; what the API answers and what the
 * audit records keep. */
#ifndef KFQ_APP_PAY_JSON_H
#define KFQ_APP_PAY_JSON_H

#include "store/store_pay.h"
#include "util/jsonw.h"

void pay_json_level(struct jsonw *w, const struct store_pay_level *l);
void pay_json_coef(struct jsonw *w, const struct store_pay_coef *c);
void pay_json_grade(struct jsonw *w, const struct store_zone_grade *g);
/* The pool and, in "derivation", each step in words and figures. */
void pay_json_pool(struct jsonw *w, const struct store_pay_pool *p);
/* A plan as stored (the audit record's). */
void pay_json_plan(struct jsonw *w, const struct store_pay_plan *p);
/* A plan for its readers: as stored, with "current_pool_fen" the zone's pool of the plan's year
 * now (now NULL or without a pool: null) and "over_current_pool" whether its 绩效薪酬 exceeds
 * it. A list's plan (whole false, read without its lines and acknowledgements) leaves "lines"
 * and "acks" out rather than show them empty. */
void pay_json_plan_read(struct jsonw *w, const struct store_pay_plan *p,
                        const struct store_pay_pool *now, bool whole);

extern const struct store_pay_json pay_json_audit;

#endif

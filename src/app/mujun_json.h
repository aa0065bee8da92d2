/* mujun_json.h - the JSON shapes of the 亩均效益 evaluation's entities: the API's answers and
 * the audit records' before/after are the same objects (keys in byte order). In app/ because
 * the demo (app/demo_land.c) writes figures and exemptions too. */
#ifndef KFQ_APP_MUJUN_JSON_H
#define KFQ_APP_MUJUN_JSON_H

#include "store/store_mujun.h"
#include "util/jsonw.h"

/* {"below_min_mu_x100","indicators":[{"cap_bp","code","group","label","reference","unit",
 *  "weight"}…],"method","new_years","pct_bp":[A,B,C,D],"thresholds_x100":[A,B,C],"year"}:
 * every indicator of both groups, weight 0 where the group does not use it. */
void mujun_json_scheme(struct jsonw *w, int year, const struct mujun_scheme *s);
/* Money as yuan text ("123.45"), the rest as integers; null where not known. */
void mujun_json_figure(struct jsonw *w, const struct store_figure *f);
void mujun_json_exemption(struct jsonw *w, const struct store_exemption *e);
void mujun_json_measure(struct jsonw *w, const struct store_measure *m);

extern const struct store_mujun_json mujun_json_audit;

#endif

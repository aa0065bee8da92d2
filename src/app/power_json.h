/* power_json.h - the JSON shapes of the powers module (catalogue entries, a zone's list entries,
 * evaluations, 权责清单 versions, calendar years): what the API answers with and what the audit
 * records hold, keys in byte order; working days ×100 as integers (562 = 5.62 days), since
 * the audit record's canonical JSON has no reals. In app/ because the demo writes them. Pure
 * writers. */
#ifndef KFQ_APP_POWER_JSON_H
#define KFQ_APP_POWER_JSON_H

#include "store/store_power.h"

struct jsonw;

void power_json_item(struct jsonw *w, const struct store_power *p);
void power_json_delegation(struct jsonw *w, const struct store_delegation *d);
void power_json_evaluation(struct jsonw *w, const struct store_evaluation *e);
void power_json_figures(struct jsonw *w, const struct power_figures *f);
/* with_items: the items too (a version in full) */
void power_json_duty_list(struct jsonw *w, const struct store_duty_list *l, bool with_items);
void power_json_calendar_year(struct jsonw *w, const struct store_calendar_year *y);
void power_json_guidance(struct jsonw *w, const struct store_guidance *g);
void power_json_case_month(struct jsonw *w, const struct store_case_month *m);

extern const struct store_power_json power_json_audit;

#endif

/* assess_json.h - the annual assessment as JSON: schemes with their indicators and zones, a
 * zone's values, results with every indicator's contribution, history and appeals; what the
 * API answers and what the audit records keep. */
#ifndef KFQ_APP_ASSESS_JSON_H
#define KFQ_APP_ASSESS_JSON_H

#include "store/store_assess.h"
#include "util/jsonw.h"

#include <stdbool.h>

/* The scheme; with its results when nr > 0 (r may be NULL otherwise). */
void assess_json_scheme(struct jsonw *w, const struct store_assess_scheme *s,
                        const struct store_assess_result *r, int nr);
void assess_json_value(struct jsonw *w, const struct store_assess_value *v);
/* full: with its history and appeals (as store_assess_result_get fills them). */
void assess_json_result(struct jsonw *w, const struct store_assess_result *r, bool full);
void assess_json_appeal(struct jsonw *w, const struct store_assess_appeal *a);

extern const struct store_assess_json assess_json_audit;

#endif

/* norm_json.h - the JSON of art. 7's 编制 norm: the year's parameters, a zone's indicators, and
 * a zone's suggestion beside its approved figures; also the writers of the norm's audit
 * records. */
#ifndef KFQ_API_NORM_JSON_H
#define KFQ_API_NORM_JSON_H

#include "store/store_norm.h"
#include "util/jsonw.h"

void norm_json_params(struct jsonw *w, int year, const int64_t params[NORM_NPARAMS]);
void norm_json_indicator(struct jsonw *w, const struct store_zone_indicator *x);
/* r NULL when the zone has no indicators for the year. */
void norm_json_zone(struct jsonw *w, int year, const struct store_norm_zone *z,
                    const struct staffing_norm_result *r);
extern const struct store_norm_json norm_json_audit;

#endif

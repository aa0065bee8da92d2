/* arrangement_json.h - the JSON shape of a 区中园/飞地/托管 arrangement: the API's answers and
 * the audit records' before/after. */
#ifndef KFQ_APP_ARRANGEMENT_JSON_H
#define KFQ_APP_ARRANGEMENT_JSON_H

#include "store/store_arrangement.h"

/* {"created_at","end_date","enterprises":[{"id","name","uscc"}],"host_zone_id",
 *  "host_zone_name","id","kind","kind_label","name","note","partner_name","partner_zone_id",
 *  "partner_zone_name","ratios":[{"from_year","partner_bp"}],"start_date","updated_at"} */
void arrangement_json_write(struct jsonw *w, const struct store_arrangement *x);

extern const struct store_arrangement_json arrangement_json_audit;

#endif

/* space_json.h - the JSON shapes of 腾笼换鸟's entities (idle buildings, matches): the API's
 * answers and the audit records' before/after are the same objects (keys in byte order). In
 * app/ because the demo (app/demo_space.c) writes them too. */
#ifndef KFQ_APP_SPACE_JSON_H
#define KFQ_APP_SPACE_JSON_H

#include "store/store_space.h"
#include "util/jsonw.h"

/* {"address","area_m2","area_m2x100","created_at","id","kind","matches","name","owner",
 *  "owner_enterprise_id","price","rent","status","terms","updated_at","vacant_since",
 *  ["vacant_days",] "zone_id","zone_name"}: money as yuan text (null when not asked);
 * vacant_days only when given (>= 0: the API's answers; the audit records have none). */
void space_json_building(struct jsonw *w, const struct store_building *b, int64_t vacant_days);
void space_json_match(struct jsonw *w, const struct store_match *m);

extern const struct store_space_json space_json_audit;

#endif

/* leader_json.h - the JSON of art. 15's records and of a county's view, for the API and the
 * records' audit entries. */
#ifndef KFQ_API_LEADER_JSON_H
#define KFQ_API_LEADER_JSON_H

#include "store/store_leader.h"
#include "util/jsonw.h"

void leader_json_action(struct jsonw *w, const struct store_leader_action *x);
/* One zone of a county's view: its grades of the years from..to and its records. */
void leader_json_zone(struct jsonw *w, const struct store_county_zone *z, int from, int to);
/* A zone awaiting a record of its leaders (组织部's to-do). */
void leader_json_awaiting(struct jsonw *w, const struct store_leader_awaiting *z);
extern const struct store_leader_json leader_json_audit;

#endif

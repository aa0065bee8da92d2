/* fault_json.h - the JSON of 容错免责 cases and of the case library's entries, for the API and
 * the cases' audit records. The library's writer takes only a library entry, which holds no
 * personal name (store_fault_publish redacted its texts), so nothing of a case can leak into
 * the public answer through it. */
#ifndef KFQ_APP_FAULT_JSON_H
#define KFQ_APP_FAULT_JSON_H

#include "store/store_fault.h"
#include "util/jsonw.h"

void fault_json_case(struct jsonw *w, const struct store_fault_case *c);
void fault_json_entry(struct jsonw *w, const struct store_fault_entry *e);
extern const struct store_fault_json fault_json_audit;

#endif

/* org_json.h - the JSON shape of an organization: the API's answers and the audit record's
 * before/after are the same object. In app/ because `kfq org import` writes organizations
 * too, and its audit records need the shape. */
#ifndef KFQ_APP_ORG_JSON_H
#define KFQ_APP_ORG_JSON_H

#include "store/store_org.h"

/* {"aliases","id","is_sample","level","name","parent_id","type"} */
void org_json_write(struct jsonw *w, const struct store_org *o);

/* What store_org's writes take for their audit records. */
extern const struct store_org_json org_json_audit;

#endif

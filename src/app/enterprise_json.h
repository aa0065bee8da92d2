/* enterprise_json.h - the JSON shapes of an enterprise and of its tax in a year: the API's
 * answers and the audit records' before/after are the same objects. In app/ because imports,
 * which the command line runs too, write enterprises and tax records. */
#ifndef KFQ_APP_ENTERPRISE_JSON_H
#define KFQ_APP_ENTERPRISE_JSON_H

#include "store/store_enterprise.h"

/* {"address","attracted","contract_on","created_at","id","industry_code","name",
 *  "production_on","registered_on","scale","settled_on","updated_at","uscc","zone_id",
 *  "zone_name"} */
void enterprise_json_write(struct jsonw *w, const struct store_enterprise *e);
/* The same members without the braces, for callers that add their own. */
void enterprise_json_fields(struct jsonw *w, const struct store_enterprise *e);
/* {"amounts":{"vat":fen,…},"year"} of the types present; with enterprise_id > 0 also
 * "enterprise_id" (the audit record's shape). */
void enterprise_json_tax_year(struct jsonw *w, int64_t enterprise_id,
                              const struct store_tax_year *y);

/* What store_enterprise's writes take for their audit records. */
extern const struct store_enterprise_json enterprise_json_audit;

#endif

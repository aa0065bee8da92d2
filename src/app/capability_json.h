/* capability_json.h - the JSON shapes of the capability catalogue and of a grant: the API's
 * answers and the grant's audit record are the same object. In app/ because policy import
 * (which the command line runs too) seeds grants, and their audit records need the shape. */
#ifndef KFQ_APP_CAPABILITY_JSON_H
#define KFQ_APP_CAPABILITY_JSON_H

#include "core/capability.h"
#include "store/store_capability.h"

#include <stddef.h>

/* {"code","description","label","seed":"第7条“优化机构编制配置”的牵头单位"|null} */
void capability_json_def(struct jsonw *w, const struct capability_def *d);
/* {"capability","capability_label","granted_at","granted_by","granted_by_name","id","note",
 *  "org_id","org_name","org_type"}; granted_by is null for the command line. */
void capability_json_grant(struct jsonw *w, const struct store_capability_grant *g);
/* Who the seed gives the capability to, in words (in buf), or NULL when it is not seeded. */
const char *capability_json_seed_text(const struct capability_def *d, char *buf, size_t len);

/* What store_capability's writes take: their audit records' shape, and what a revocation
 * sets moving in other modules (app/capability_revoked.c). */
extern const struct store_capability_json capability_json_audit;

#endif

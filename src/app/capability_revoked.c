/* capability_revoked.c - what a capability's revocation sets moving elsewhere, in the
 * revocation's own transaction: a filed pay plan that waited only for the organization that
 * lost ack_pay_filing takes effect. With it the capability_json_audit table store_capability's
 * writes take. Must not decide who may revoke (api/capability.c does) or write SQL. */
#include "app/capability_json.h"
#include "app/pay_json.h"
#include "store/store_pay.h"
#include "util/log.h"

#include <string.h>

static int revoked(struct store *s, const struct store_actor *who, const char *capability)
{
	if (!strcmp(capability, capability_get(CAP_ACK_PAY_FILING)->code))
		return store_pay_plans_settle(s, who, &pay_json_audit);
	return KFQ_OK;
}

const struct store_capability_json capability_json_audit = {.grant = capability_json_grant,
                                                            .revoked = revoked};

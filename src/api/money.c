/* money.c - the data scope and the management right of the money handlers. Must not hold any
 * handler. */
#include "api/money.h"

#include "api/capability.h"
#include "core/enterprise.h"

void money_scope(struct api_ctx *c, struct store_scope *out)
{
	api_scope(c, out);
	out->kind = enterprise_scope_kind(c->sess.user.role, out->kind);
}

int money_zone_in_scope(struct api_ctx *c, int64_t zone_id, bool *in)
{
	struct store_scope scope;
	int64_t *ids;
	int n;

	money_scope(c, &scope);
	if (api_scope_orgs_of(c, &scope, &ids, &n) != 0)
		return -1;
	*in = api_scope_allows(ids, n, zone_id);
	return 0;
}

int money_zone_visible(struct api_ctx *c, int64_t zone_id)
{
	struct store_scope scope;

	money_scope(c, &scope);
	return api_scope_check(c, &scope, zone_id);
}

int money_require_manage(struct api_ctx *c)
{
	/* the route already demanded PERM_REVSHARE_MANAGE (city departments); the capability
	 * narrows it to the organizations the office granted confirm_revenue */
	return api_require_capability(c, CAP_CONFIRM_REVENUE);
}

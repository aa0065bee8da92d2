/* enterprise_scope.c - an import actor's scope over the registry and tax. Must not write. */
#include "app/enterprise_scope.h"

#include "core/capability.h"
#include "core/enterprise.h"
#include "store/store_capability.h"
#include "store/store_user.h"
#include "util/log.h"

#include <stdlib.h>

int enterprise_scope_load(struct store *s, struct arena *a, const struct store_actor *who,
                          struct enterprise_scope *out)
{
	struct store_scope scope;
	struct store_user u;
	int rc;

	*out = (struct enterprise_scope){.manage = true};
	if (who->user_id == 0)
		return KFQ_OK;
	if ((rc = store_user_get(s, a, who->user_id, &u)) != KFQ_OK)
		return rc;
	scope = (struct store_scope){enterprise_scope_kind(u.role, u.data_scope), u.org_id, u.id};
	if ((rc = store_scope_orgs(s, a, &scope, &out->org_ids, &out->n)) != KFQ_OK)
		return rc;
	return store_capability_org_has(s, u.org_id, capability_get(CAP_CONFIRM_REVENUE)->code,
	                                &out->manage);
}

static int by_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

bool enterprise_scope_covers(const struct enterprise_scope *sc, int64_t zone_id)
{
	return !sc->org_ids || (sc->n && bsearch(&zone_id, sc->org_ids, (size_t)sc->n,
	                                         sizeof(*sc->org_ids), by_id));
}

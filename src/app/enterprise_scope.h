/* enterprise_scope.h - whose enterprises and tax an import's actor may write, worked out from
 * the store: the HTTP handlers have the session and ask api/money.h instead; the imports have
 * only the actor (app/import.h). The rule itself is core/enterprise.h's enterprise_scope_kind. */
#ifndef KFQ_APP_ENTERPRISE_SCOPE_H
#define KFQ_APP_ENTERPRISE_SCOPE_H

#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct enterprise_scope {
	int64_t *org_ids; /* the organizations in scope, ascending; NULL = all */
	int n;
	/* may enter tax (revenue sharing's management): the organization holds the
	 * confirm_revenue capability; the command line may */
	bool manage;
};

/* The scope of who (user_id 0, the command line: everything). KFQ_ENOTFOUND when the user is
 * gone. */
int enterprise_scope_load(struct store *s, struct arena *a, const struct store_actor *who,
                          struct enterprise_scope *out);
bool enterprise_scope_covers(const struct enterprise_scope *sc, int64_t zone_id);

#endif

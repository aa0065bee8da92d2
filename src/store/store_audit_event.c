/* store_audit_event.c - an audited event that changes no entity (an auditor verifying the
 * chain): one record in a transaction of its own, so that who did it and what they found are in
 * the log. Must not change anything but the log. */
#include "store/store_audit.h"

#include "util/log.h"

int store_audit_event(struct store *s, const struct store_actor *who, const char *action,
                      const char *entity_type, const char *entity_id, const char *after)
{
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	return store_end(s,
	                 store_audit_append(s, who, action, entity_type, entity_id, NULL, after));
}

/* role_change_step.h - what each step of a role change that waits for the second person tells
 * whom in the inbox: a proposal goes to the security officers (PERM_ACCOUNT_SECURITY), who
 * decide it; the decision (confirmed, rejected with its reason) to the administrator who
 * proposed it. Pure: strings from the arena. */
#ifndef KFQ_CORE_ROLE_CHANGE_STEP_H
#define KFQ_CORE_ROLE_CHANGE_STEP_H

#include "core/inbox.h"
#include "util/arena.h"

enum role_change_step {
	ROLE_CHANGE_STEP_PROPOSED,
	ROLE_CHANGE_STEP_CONFIRMED,
	ROLE_CHANGE_STEP_REJECTED,
};

/* What the item names: the change, its account and what it is to become. */
struct role_change_subject {
	int64_t id;
	const char *display_name;
	const char *username;
	const char *role; /* the role proposed (a code of enum_role) */
	const char *org_name;
	const char *data_scope; /* the scope proposed (enum_data_scope; NULL: not named) */
	int nscope;             /* custom: how many organizations */
	int64_t proposed_by;    /* decisions: the administrator told (0 = unknown: nobody) */
	const char *comment;    /* rejections: the reason */
};

void role_change_step_item(enum role_change_step step, const struct role_change_subject *s,
                           struct arena *a, struct inbox_item *out);

#endif

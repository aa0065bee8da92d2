/* inbox.h - an in-app inbox item and whom it goes to: the one shape that every workflow step
 * (plans, reports, 督办单, and later modules' steps) and `kfq remind` hand to store_inbox_send
 * and store_inbox_add. Each module words its own items in core/ (core/plan_step.c,
 * core/remind.c); the store resolves the recipients to accounts. Pure data. */
#ifndef KFQ_CORE_INBOX_H
#define KFQ_CORE_INBOX_H

#include "core/account.h"

#include <stdint.h>

#define INBOX_MAX_TO 3

/* One group of recipients: the active accounts that match every field given (0 or NULL =
 * any). An entry must give at least one field. */
struct inbox_to {
	int64_t user_id;    /* this account */
	int64_t org_id;     /* the accounts of this organization */
	account_perms perm; /* accounts whose role has all these permission bits (core/account.h) */
	int64_t scope_of;   /* accounts whose data scope covers this organization */
	const char *capability; /* accounts of the organizations holding it (org_capability) */
};

/* Who did what to which entity, where to open it, and who is told. The acting account is the
 * store_actor of the step (never told itself). */
struct inbox_item {
	const char *kind;        /* plan_submitted, report_returned, notice, overdue, ... */
	const char *title;       /* the line the user reads, in Chinese */
	const char *link;        /* a path of the web app */
	const char *entity_type; /* plan, report, notice, ... as in the audit log; NULL = none */
	int64_t entity_id;
	/* one item per account and key; NULL = one per audited step (the key is made from the
	 * audit record the step appended in the same transaction) */
	const char *dedupe_key;
	struct inbox_to to[INBOX_MAX_TO]; /* an account matching several entries gets one item */
	int nto;
};

#endif

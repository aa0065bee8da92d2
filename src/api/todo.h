/* todo.h - 我的待办: what awaits the signed-in user on the home page, counted and linked. A
 * registry of providers: each module declares its to-dos in a table of its own (api_X_todos,
 * {NULL}-terminated) and adds one line to the list in todo.c; GET /api/todos answers those whose
 * audience the caller is in, each counted over the caller's data scope exactly as the list its
 * link opens counts it. The audience is declared in the table, so that a to-do goes only to the
 * organizations that take its step (DECISIONS 93): a department that never confirms a
 * statement sees no tile for it, with a count of 0 or otherwise. */
#ifndef KFQ_API_TODO_H
#define KFQ_API_TODO_H

#include "api/api.h"

/* What one to-do says now. */
struct api_todo_item {
	int64_t count;
	const char *link;   /* the list that shows them: a path of the web app with its filters */
	const char *level;  /* the mark's colour: "danger", "warning", "info" or "success" */
	const char *detail; /* a line under the count (arena or static), NULL = none */
};

/* Written with designated initializers; the audience is every condition given. */
struct api_todo {
	const char *key;    /* stable: plans_to_review */
	const char *label;  /* shown: 计划待审核 */
	account_perms perm; /* the roles with all these permission bits (core/account.h) */
	account_perms any;  /* and, when not 0, at least one of these */
	const char *role;   /* and, when not NULL, only this role */
	/* and, when not NULL, accounts whose organization holds this capability (its code in
	 * core/capability.h) */
	const char *capability;
	/* Fills *out over the caller's view and returns 0; 1 when the to-do is not the caller's
	 * for a reason the table cannot say (nothing is assigned to its organization, or its
	 * audience is the office or a capability's holders); answers an error itself and
	 * returns -1. */
	int (*fill)(struct api_ctx *c, struct api_todo_item *out);
};

/* The modules' tables. */
extern const struct api_todo api_plan_todos[];
extern const struct api_todo api_notice_todos[];
extern const struct api_todo api_audit_todos[];
extern const struct api_todo api_power_todos[];
extern const struct api_todo api_industry_todos[];
extern const struct api_todo api_land_todos[];
extern const struct api_todo api_revshare_todos[];
extern const struct api_todo api_assess_todos[];
extern const struct api_todo api_fault_todos[];
extern const struct api_todo api_pay_todos[];
extern const struct api_todo api_platform_todos[];
extern const struct api_todo api_people_todos[];
extern const struct api_todo api_budget_todos[];

#endif

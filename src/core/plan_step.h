/* plan_step.h - what each step of the plan and progress-report workflow tells whom in the
 * inbox: a submission goes to the reviewers whose data scope covers the organization (roles
 * with PERM_PLAN_REVIEW), a review (approved, returned, accepted) to the organization's
 * plan-writing accounts and to the account that submitted. Pure: strings from the arena. */
#ifndef KFQ_CORE_PLAN_STEP_H
#define KFQ_CORE_PLAN_STEP_H

#include "core/inbox.h"
#include "util/arena.h"

enum plan_step {
	PLAN_STEP_SUBMITTED,
	PLAN_STEP_APPROVED,
	PLAN_STEP_RETURNED,
	REVISION_STEP_SUBMITTED, /* a proposed revision of an approved plan */
	REVISION_STEP_APPROVED,
	REVISION_STEP_RETURNED,
	REPORT_STEP_SUBMITTED,
	REPORT_STEP_ACCEPTED,
	REPORT_STEP_RETURNED,
};

/* What the item names: the plan (and its task and organization), the revision's version, the
 * report's milestone, who submitted, and the reviewer's comment. */
struct plan_step_subject {
	int64_t plan_id;
	int64_t org_id;
	const char *org_name;
	int article_number;
	const char *task_title;
	int version;          /* revision steps: the version proposed */
	int64_t report_id;    /* report steps */
	int64_t milestone_id; /* report steps: the link */
	const char *milestone_title;
	int64_t submitter_id; /* reviews: the account that submitted (0 = unknown) */
	const char *comment;  /* reviews: the reviewer's comment, NULL or "" = none */
};

void plan_step_item(enum plan_step step, const struct plan_step_subject *s, struct arena *a,
                    struct inbox_item *out);

#endif

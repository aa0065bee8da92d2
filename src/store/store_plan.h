/* store_plan.h - 一区一策 plans, their proposed revisions, milestones, progress reports and
 * which evidence files they carry (attachments, store_attachment.h). Every change is audited in its
 * transaction, and every workflow step (submit, approve, return, accept) puts its inbox items
 * (core/plan_step.h) in the same transaction. Milestone states are computed by the query from the
 * day bounds in struct milestone_bounds (core/plan.h), which hold the rules' thresholds. Returned
 * structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_PLAN_H
#define KFQ_STORE_PLAN_H

#include "core/plan.h"
#include "store/store.h"
#include "store/store_attachment.h"
#include "store/store_audit.h"

struct store_milestone {
	int64_t id;
	int64_t plan_id;
	int seq;
	const char *title;
	const char *deliverable;
	int64_t owner_org_id; /* 0 = the plan's organization */
	const char *owner_org_name;
	const char *owner_person;
	const char *start_date;
	const char *due_date;
	int weight;
	const char *status; /* not_started in_progress done blocked (from accepted reports) */
	int percent;
	const char *last_report_date;
	const char *done_date;     /* the day the done report was made (done only) */
	const char *closed_reason; /* closed by an approved revision: why (NULL = not closed) */
	const char *closed_at;
	bool pending_report; /* a report of it waits for review (待审核) */
	const char *state;   /* done done_late overdue due_soon stale on_track closed off_task */
	/* context, filled by lists */
	int64_t task_id;
	int64_t policy_id; /* the task's; filled by the export only (store_milestone_each) */
	int article_number;
	const char *task_title;
	int64_t org_id;
	const char *org_name;
	const char *plan_status;
	const char *off_task_on; /* the plan's (struct store_plan) */
};

/* A ruling milestone a revision closes, and why. */
struct store_milestone_close {
	int64_t milestone_id;
	const char *title; /* read back only */
	const char *reason;
};

/* A proposed change of an approved plan: the milestones it would have (id 0 = new), the ruling
 * milestones it closes. The plan's milestones rule until the office approves it. */
struct store_revision {
	int64_t id;
	int version;        /* the plan's version once approved */
	const char *status; /* draft submitted returned (approved ones are history) */
	const char *review_comment;
	const char *created_at;
	const char *updated_at;
	const char *submitted_at;
	int64_t submitted_by;
	const char *submitted_by_name;
	const char *reviewed_at;
	struct store_milestone *milestones; /* id = the ruling milestone it changes, 0 = new */
	int n_milestones;
	struct store_milestone_close *closes;
	int n_closes;
};

struct store_plan {
	int64_t id;
	int64_t task_id;
	int64_t policy_id; /* the task's */
	int article_number;
	const char *task_title;
	int64_t org_id;
	const char *org_name;
	const char *status; /* draft submitted approved returned */
	int version;
	const char *review_comment;
	const char *submitted_at;
	int64_t submitted_by;
	const char *reviewed_at;
	const char *updated_at;
	int64_t completion_bp;
	int n_milestones;
	int n_overdue;        /* of open_due, late as of the day the caller's bounds give */
	const char *open_due; /* due dates of its open milestones, space-separated (kept sums) */
	const char *revision_status;       /* of its open revision; NULL = none */
	const char *revision_submitted_at; /* when that revision was submitted; NULL = not yet */
	bool responsible; /* still among the task's responsible units: off_task_on is NULL */
	/* not responsible: the day (Asia/Shanghai) it was taken off them, from which the plan
	 * counts as late or owing nowhere (DECISIONS 264); NULL while responsible */
	const char *off_task_on;
	/* get only: the ruling milestones, those closed by revisions, the open revision (NULL
	 * = none) */
	struct store_milestone *milestones;
	struct store_milestone *closed;
	int n_closed;
	struct store_revision *revision;
};

struct store_plan_filter {
	int64_t policy_id; /* 0 = any: plans of this policy's tasks */
	int64_t task_id;   /* 0 = any */
	int64_t org_id;    /* 0 = any */
	const char *status;
	/* "pending": the plan or its revision waits for review; "returned": either was returned */
	const char *review;
	struct store_scope scope; /* plans of the organizations in it */
	int64_t lead_org_id;      /* also the plans of tasks this org leads, whatever the scope */
	int64_t offset, limit;    /* limit 0 = all */
};

struct store_report;

/* The writers the audit records of plans and reports take their before/after from,
 * and an approved version its milestones: the caller's shapes (app/plan_json.c's
 * plan_json_audit). Every write below takes it. */
struct store_plan_json {
	void (*plan)(struct jsonw *w, const struct store_plan *p); /* with its milestones */
	void (*milestones)(struct jsonw *w, const struct store_milestone *m, int n); /* an array */
	void (*report)(struct jsonw *w, const struct store_report *r); /* with its evidence */
};

int store_plan_list(struct store *s, struct arena *a, const struct store_plan_filter *f,
                    const struct milestone_bounds *b, struct store_plan **out, int *n,
                    int64_t *total);
/* With its ruling milestones in seq order, those closed, and its open revision.
 * KFQ_ENOTFOUND when absent. */
int store_plan_get(struct store *s, struct arena *a, int64_t id, const struct milestone_bounds *b,
                   struct store_plan *out);

/* Why a change or a workflow step was refused inside its transaction (with KFQ_EINVAL). */
enum store_plan_problem {
	PLAN_OK,
	PLAN_WRONG_STATE,      /* the plan or its revision is not in a state that allows it */
	PLAN_OWN_SUBMISSION,   /* the reviewer is the account that submitted it */
	PLAN_NOT_A_MILESTONE,  /* an id that is not one of the plan's ruling milestones */
	PLAN_HAS_REPORTS,      /* a milestone with reports would be deleted: close it instead */
	PLAN_REPORT_NOT_FOUND, /* a batch names a report that does not exist */
	PLAN_MILESTONE_DONE,   /* a report accepted on a finished milestone would reopen it */
	PLAN_MILESTONE_CLOSED, /* a report accepted on a milestone a revision closed */
};

/* Creates a draft plan. KFQ_ECONFLICT when the org already has a plan for the task. */
int store_plan_create(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t task_id, int64_t org_id,
                      const struct store_milestone *ms, int n, int64_t *plan_id);
/* Changes the milestones to ms (an entry with an id keeps that ruling milestone, others are
 * new) and closes the milestones in closes with their reasons; a milestone left out is deleted,
 * unless it has reports (PLAN_HAS_REPORTS: it must be kept or closed). A draft or returned plan
 * changes at once; an approved plan is not touched: the change becomes its open revision (a
 * draft, or the returned one changed), version + 1, which the office approves or returns; a
 * plan or revision under review cannot change (PLAN_WRONG_STATE). */
int store_plan_update(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t plan_id,
                      const struct store_milestone *ms, int n,
                      const struct store_milestone_close *closes, int nclose,
                      enum store_plan_problem *problem);

/* One approved version of a plan: its milestones as they were approved. */
struct store_plan_version {
	int version;
	const char *milestones_json; /* a JSON array of milestones */
	const char *approved_at;
	const char *approved_by_name;
};

/* The plan's approved versions, newest first. */
int store_plan_versions(struct store *s, struct arena *a, int64_t plan_id,
                        struct store_plan_version **out, int *n);

enum store_plan_action { PLAN_SUBMIT, PLAN_APPROVE, PLAN_RETURN, PLAN_DISCARD };
/* A workflow step of the plan, or of its open revision when the plan is approved:
 * submit (draft/returned → submitted), approve or return (submitted → approved/returned; not
 * by the account that submitted it: PLAN_OWN_SUBMISSION), discard (a revision not under
 * review is dropped). An approved revision applies its milestones to the plan (closing and
 * deleting as store_plan_update says, checked again now) and becomes the plan's version; each
 * approval keeps the approved milestones in plan_version. KFQ_EINVAL with *problem when
 * refused; the step's inbox items go in the same transaction. */
int store_plan_act(struct store *s, const struct store_actor *who,
                   const struct store_plan_json *json, int64_t plan_id,
                   enum store_plan_action action, const char *comment,
                   enum store_plan_problem *problem);
/* Approves every plan (or revision) in ids with one comment in one transaction, each audited
 * and announced on its own; the first refusal rolls everything back (*failed = its index). */
int store_plan_approve_all(struct store *s, const struct store_actor *who,
                           const struct store_plan_json *json, const int64_t *ids, int n,
                           const char *comment, int *failed, enum store_plan_problem *problem);

/* What a to-do list counts for an organization set: (task, organization) pairs where a zone or
 * county in the scope (or org_id when not 0) is responsible for a task and has no plan for it
 * yet. Arena arrays of task ids and organization ids, *n pairs. */
int store_plan_missing(struct store *s, struct arena *a, const struct store_scope *scope,
                       int64_t org_id, int64_t **task_ids, int64_t **org_ids, int *n);
/* Inside the write transaction that replaced task_id's organizations: marks the plans whose
 * organization it took off the responsible units as off the task since `today` (YYYY-MM-DD,
 * Asia/Shanghai), clears the mark of those it put back, and bumps the change counter the
 * board's cache watches (DECISIONS 264). */
int store_plan_units_changed(struct store *s, int64_t task_id, const char *today);

struct store_milestone_filter {
	int64_t task_id, org_id, plan_id; /* 0 = any */
	int64_t policy_id;                /* the tasks of this policy; 0 = any */
	const char *state;                /* NULL = any */
	const char *q;                    /* substring of the title or deliverable */
	struct store_scope scope;         /* milestones of the plans of the organizations in it */
	int64_t lead_org_id;   /* also the milestones of tasks this org leads, whatever the scope */
	int64_t offset, limit; /* limit 0 = all */
	bool skip_total;       /* *total is not needed (saves a count over the whole selection) */
};

/* Milestones of submitted or approved plans (and drafts when plan_id is given), due date
 * order. */
int store_milestone_list(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, struct store_milestone **out, int *n,
                         int64_t *total);
/* Each milestone f selects (offset and limit ignored), in the list's order, handed to fn
 * (element: a struct store_milestone with its state and names) one at a time, for the export:
 * see store_list_each. a holds what the filter needs. */
int store_milestone_each(struct store *s, struct arena *a, const struct store_milestone_filter *f,
                         const struct milestone_bounds *b, store_each_fn fn, void *ctx);
/* How many milestones the filter selects in each state: counts[i] for the i-th state of
 * enum_milestone_state (core/enums.h), which counts must have room for; the state, text,
 * offset and limit of f are not used. */
int store_milestone_count_states(struct store *s, const struct store_milestone_filter *f,
                                 const struct milestone_bounds *b, int64_t counts[]);
/* One milestone, closed or deleted ones too (their reports stay readable). */
int store_milestone_get(struct store *s, struct arena *a, int64_t id,
                        const struct milestone_bounds *b, struct store_milestone *out);

struct store_report {
	int64_t id;
	int64_t milestone_id;
	const char *status;
	int percent;
	const char *narrative;
	const char *state; /* submitted accepted returned */
	const char *review_comment;
	const char *created_at;
	const char *report_date; /* YYYY-MM-DD, Shanghai: the day it reports on (填报日期) */
	int64_t created_by;
	const char *created_by_name;
	const char *reviewed_at;
	/* its evidence: attachments of entity type STORE_REPORT_FILES (store_attachment.h) */
	struct store_attachment *evidence;
	int nevidence;
	/* its milestone, and the plan's task and organization */
	const char *milestone_title;
	const char *milestone_status; /* done: no other report of it is accepted */
	/* closed by a revision: why ("" when deleted without one); NULL while it is in the plan.
	 * No report of a closed milestone is accepted */
	const char *milestone_closed_reason;
	int64_t plan_id;
	int64_t task_id;
	int64_t policy_id; /* the task's: two policies' tasks share article numbers */
	int article_number;
	const char *task_title;
	int64_t org_id;
	const char *org_name;
};

struct store_report_filter {
	const char *state; /* submitted accepted returned; NULL = any */
	bool latest;       /* only each milestone's newest report */
	/* only reports of milestones that still take one: neither finished nor closed by a
	 * revision, the plan's organization still responsible (what 退回待重报 can redo) */
	bool open;
	int64_t task_id;          /* 0 = any */
	int64_t org_id;           /* 0 = any: the plan's organization */
	struct store_scope scope; /* reports on the plans of the organizations in it */
	int64_t lead_org_id;      /* also those of tasks this org leads, whatever the scope */
	int64_t offset, limit;    /* limit 0 = all */
};

/* Why a report was refused inside the transaction. */
/* The entity type of a report's evidence files in the attachment table (migration 0018). */
#define STORE_REPORT_FILES "report"

enum store_report_problem {
	REPORT_OK,
	REPORT_PLAN_NOT_APPROVED,
	REPORT_EVIDENCE_INVALID, /* missing, attached elsewhere, or of another organization */
	REPORT_MILESTONE_CLOSED, /* closed or deleted by a revision */
	REPORT_NOT_RESPONSIBLE,  /* the plan's organization is no longer responsible for the task */
	REPORT_MILESTONE_DONE,   /* finished (an accepted done report): finished stays finished */
};

/* Creates a submitted report with its evidence (ids in evidence[].id: uploads for
 * STORE_REPORT_FILES not yet attached, by the reporter's organization or the plan's; claimed
 * in the report's transaction), made on the Shanghai day `today`
 * (its report date, and the milestone's last report date; when accepted as done, the day the
 * milestone was finished). *problem explains a KFQ_EINVAL. */
int store_report_create(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, struct store_report *r,
                        int64_t plan_org_id, const char *today, enum store_report_problem *problem);
/* A milestone's reports, newest first, with their evidence. */
int store_report_list(struct store *s, struct arena *a, int64_t milestone_id,
                      struct store_report **out, int *n);
/* Reports across milestones (the review queue), oldest first, with their evidence. */
int store_report_page(struct store *s, struct arena *a, const struct store_report_filter *f,
                      struct store_report **out, int *n, int64_t *total);
/* Each report of the queue f selects (offset and limit ignored), in its order, handed to fn
 * (element: a struct store_report whose evidence is only counted: nevidence, evidence NULL) one
 * at a time, for the export: see store_list_each. */
int store_report_each(struct store *s, const struct store_report_filter *f, store_each_fn fn,
                      void *ctx);
/* One report with its evidence and its milestone and plan. */
int store_report_get(struct store *s, struct arena *a, int64_t id, struct store_report *out);
/* Accepting sets the milestone's status and percent from the report (and the day it was done).
 * Refused (KFQ_EINVAL) unless the report is submitted (PLAN_WRONG_STATE), when the reviewer
 * made it (PLAN_OWN_SUBMISSION), or, accepting, when the milestone is finished already
 * (PLAN_MILESTONE_DONE) or closed by a revision (PLAN_MILESTONE_CLOSED): returning it is the
 * way out. */
int store_report_review(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, int64_t id, bool accept,
                        const char *comment, enum store_plan_problem *problem);
/* Accepts every report in ids with one comment in one transaction, each audited and announced
 * on its own; the first refusal rolls everything back (*failed = its index). */
int store_report_accept_all(struct store *s, const struct store_actor *who,
                            const struct store_plan_json *json, const int64_t *ids, int n,
                            const char *comment, int *failed, enum store_plan_problem *problem);

struct store_board_cell {
	int64_t task_id;
	int64_t org_id;
	int64_t weighted;     /* Σ weight × percent over the plan's milestones */
	int64_t weight_total; /* Σ weight */
	int64_t completion_bp;
	int milestones;
	int overdue;
};

/* A number that changes whenever plans, milestones or reports do (any process). */
int store_plan_version(struct store *s, int64_t *n);
/* Per task and organization: completion and overdue counts over submitted/approved plans. */
int store_board(struct store *s, struct arena *a, const struct milestone_bounds *b,
                struct store_board_cell **out, int *n);
/* The organizations responsible for a task of the policy (0: of any policy), ascending, in an
 * arena array (*ids NULL when none). */
int store_board_responsible(struct store *s, struct arena *a, int64_t policy_id, int64_t **ids,
                            int *n);

#endif

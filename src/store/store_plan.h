/* store_plan.h - 一区一策 plans, milestones, progress reports and evidence records. Every
 * change is audited in its transaction. Milestone states are computed by the query from the
 * day bounds in struct milestone_bounds (core/plan.h), which hold the rules' thresholds.
 * Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_PLAN_H
#define KFQ_STORE_PLAN_H

#include "core/plan.h"
#include "store/store.h"
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
	const char *state; /* done overdue due_soon stale on_track */
	/* context, filled by lists */
	int64_t task_id;
	int article_number;
	const char *task_title;
	int64_t org_id;
	const char *org_name;
	const char *plan_status;
};

struct store_plan {
	int64_t id;
	int64_t task_id;
	int article_number;
	const char *task_title;
	int64_t org_id;
	const char *org_name;
	const char *status; /* draft submitted approved returned */
	int version;
	const char *review_comment;
	const char *submitted_at;
	const char *reviewed_at;
	const char *updated_at;
	int64_t completion_bp;
	int n_milestones;
	int n_overdue;        /* of open_due, late as of the day the caller's bounds give */
	const char *open_due; /* due dates of its open milestones, space-separated (kept sums) */
	struct store_milestone *milestones; /* get only */
};

struct store_plan_filter {
	int64_t policy_id; /* 0 = any: plans of this policy's tasks */
	int64_t task_id;   /* 0 = any */
	int64_t org_id;    /* 0 = any */
	const char *status;
	struct store_scope scope; /* plans of the organizations in it */
	int64_t lead_org_id;      /* also the plans of tasks this org leads, whatever the scope */
	int64_t offset, limit;    /* limit 0 = all */
};

struct store_report;
struct store_evidence;

/* The writers the audit records of plans, reports and evidence take their before/after from,
 * and an approved version its milestones: the caller's shapes (app/plan_json.c's
 * plan_json_audit). Every write below takes it. */
struct store_plan_json {
	void (*plan)(struct jsonw *w, const struct store_plan *p); /* with its milestones */
	void (*milestones)(struct jsonw *w, const struct store_milestone *m, int n); /* an array */
	void (*report)(struct jsonw *w, const struct store_report *r); /* with its evidence */
	void (*evidence)(struct jsonw *w, const struct store_evidence *e);
};

int store_plan_list(struct store *s, struct arena *a, const struct store_plan_filter *f,
                    const struct milestone_bounds *b, struct store_plan **out, int *n,
                    int64_t *total);
/* With milestones (not removed), in seq order. KFQ_ENOTFOUND when absent. */
int store_plan_get(struct store *s, struct arena *a, int64_t id, const struct milestone_bounds *b,
                   struct store_plan *out);

/* Creates a draft plan. KFQ_ECONFLICT when the org already has a plan for the task. */
int store_plan_create(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t task_id, int64_t org_id,
                      const struct store_milestone *ms, int n, int64_t *plan_id);
/* Replaces the milestones: entries with an id keep that milestone (KFQ_EINVAL if it is not
 * the plan's), others are new; milestones left out are marked removed. A plan under review
 * cannot change (KFQ_EBUSY); an approved plan goes back to draft with version + 1. */
int store_plan_update(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t plan_id,
                      const struct store_milestone *ms, int n);

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

enum store_plan_action { PLAN_SUBMIT, PLAN_APPROVE, PLAN_RETURN };
/* Moves the plan's status (submit: draft/returned → submitted; approve, return: submitted →
 * approved/returned). KFQ_EBUSY when the plan is not in a state that allows it. Approval keeps
 * the approved milestones in plan_version. */
int store_plan_act(struct store *s, const struct store_actor *who,
                   const struct store_plan_json *json, int64_t plan_id,
                   enum store_plan_action action, const char *comment);

struct store_milestone_filter {
	int64_t task_id, org_id, plan_id; /* 0 = any */
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
int store_milestone_get(struct store *s, struct arena *a, int64_t id,
                        const struct milestone_bounds *b, struct store_milestone *out);

struct store_evidence {
	int64_t id;
	const char *sha256;
	const char *filename;
	const char *mime;
	int64_t size;
	int64_t org_id;
	int64_t report_id; /* 0 = not attached yet */
	const char *created_at;
};

int store_evidence_add(struct store *s, const struct store_actor *who,
                       const struct store_plan_json *json, struct store_evidence *e);
int store_evidence_get(struct store *s, struct arena *a, int64_t id, struct store_evidence *out);

struct store_report {
	int64_t id;
	int64_t milestone_id;
	const char *status;
	int percent;
	const char *narrative;
	const char *state; /* submitted accepted returned */
	const char *review_comment;
	const char *created_at;
	int64_t created_by;
	const char *created_by_name;
	const char *reviewed_at;
	struct store_evidence *evidence;
	int nevidence;
};

/* Why a report was refused inside the transaction. */
enum store_report_problem {
	REPORT_OK,
	REPORT_PLAN_NOT_APPROVED,
	REPORT_EVIDENCE_INVALID, /* missing, attached elsewhere, or of another organization */
};

/* Creates a submitted report with its evidence (ids in evidence[].id: not yet attached,
 * uploaded by the plan's organization or the reporter's own) and records today as the
 * milestone's last report date. *problem explains a KFQ_EINVAL. */
int store_report_create(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, struct store_report *r,
                        int64_t plan_org_id, const char *today, enum store_report_problem *problem);
int store_report_list(struct store *s, struct arena *a, int64_t milestone_id,
                      struct store_report **out, int *n);
int store_report_get(struct store *s, struct arena *a, int64_t id, struct store_report *out);
/* Accepting sets the milestone's status and percent from the report. KFQ_EBUSY unless the
 * report is submitted. */
int store_report_review(struct store *s, const struct store_actor *who,
                        const struct store_plan_json *json, int64_t id, bool accept,
                        const char *comment);

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

#endif

/* plan.h - the rules of 一区一策 plans and their milestones: what a valid plan is, each
 * milestone's computed state, and weighted completion. Pure; callers pass "today".
 *
 * Dates are ISO 8601 calendar dates (YYYY-MM-DD) in Asia/Shanghai; deadlines fall at the end of
 * their day there. Weights are whole percentage points summing to exactly 100. Completion is
 * in basis points (10000 = 100 %), rounded half-up once. */
#ifndef KFQ_CORE_PLAN_H
#define KFQ_CORE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#define PLAN_MAX_MILESTONES     50
#define PLAN_WEIGHT_TOTAL       100
#define MILESTONE_DUE_SOON_DAYS 7  /* due within this many days: 即将到期 */
#define MILESTONE_STALE_DAYS    30 /* no report for this many days: 长期未更新 */
#define SHANGHAI_OFFSET_SECONDS (8 * 3600)

struct plan_milestone {
	const char *title;
	const char *deliverable;
	int64_t owner_org_id; /* 0 = the plan's organization */
	const char *owner_person;
	const char *start_date;
	const char *due_date;
	int weight;
};

/* The first problem found: which milestone (-1 = the plan as a whole), which field (a JSON
 * Pointer below the milestones array, e.g. "/milestones/2/due_date"), and a Chinese message.
 * Strings are static or point into the caller's buffer. */
struct plan_problem {
	int index;
	const char *field;
	const char *message;
	char field_buf[48];
	char message_buf[96];
};

/* 0 if the milestones form a valid plan, else -1 with *p filled. */
int plan_validate(const struct plan_milestone *m, int n, struct plan_problem *p);

/* Days since 1970-01-01 of an ISO date; -1 if it is not a valid YYYY-MM-DD. */
int64_t plan_day(const char *iso_date);
/* Today's day number in Asia/Shanghai for an epoch time. */
int64_t plan_today(int64_t now);
/* Writes day as YYYY-MM-DD into out[11]. */
void plan_day_format(int64_t day, char out[11]);

enum milestone_state {
	MILESTONE_DONE,      /* 按期完成: done on or before its due date */
	MILESTONE_OVERDUE,   /* 已逾期: past its due date, not done */
	MILESTONE_DUE_SOON,  /* 即将到期: due within 7 days, not done */
	MILESTONE_STALE,     /* 长期未更新: started, no report for 30 days */
	MILESTONE_ON_TRACK,  /* 正常 */
	MILESTONE_DONE_LATE, /* 逾期完成: done after its due date */
	MILESTONE_CLOSED,    /* 已关闭: closed by an approved revision, with a reason */
	MILESTONE_OFF_TASK, /* 已调出责任单位: not done, its plan's organization taken off the
	                     * task (DECISIONS 264): late or due nowhere */
};

struct milestone_facts {
	int64_t start_day;
	int64_t due_day;
	bool done;
	int64_t done_day; /* done: the day the done report was made; -1 = unknown (on time) */
	bool closed;
	bool off_task;           /* its plan's organization is no longer responsible for the task */
	int64_t last_report_day; /* -1: never reported */
};

/* First matching rule wins: closed, done (late when done_day is after due_day), off task,
 * overdue, due soon, stale, on track. */
enum milestone_state milestone_state(const struct milestone_facts *f, int64_t today);
const char *milestone_state_name(enum milestone_state s); /* "done", "overdue", ... */

/* The day boundaries the rules use, as ISO dates, for queries over many milestones:
 * overdue = due < today; due soon = due <= soon; stale = last report (or start) < stale. */
struct milestone_bounds {
	char today[11];
	char soon[11];
	char stale[11];
};
void milestone_bounds(int64_t today, struct milestone_bounds *b);

/* A milestone's dates as stored (ISO YYYY-MM-DD), for milestone_state_iso. */
struct milestone_dates {
	const char *start;
	const char *due;
	bool done;
	const char *done_date; /* done: NULL = unknown (on time) */
	bool closed;
	bool off_task;
	const char *last_report; /* NULL: never reported */
};
/* milestone_state's rules over the dates as they are stored, compared with the bounds of the
 * day: what a list computes for each of its rows without parsing a date (the queries' MS_STATE
 * applies the same comparisons in SQL). */
enum milestone_state milestone_state_iso(const struct milestone_dates *d,
                                         const struct milestone_bounds *b);

/* Σ weight × percent / Σ weight in basis points, half-up; 0 when there is no weight. */
int64_t plan_completion_bp(const int *weights, const int *percents, int n);
/* The same from sums a query made: weighted = Σ weight × percent, total = Σ weight. */
int64_t plan_completion_from_sums(int64_t weighted, int64_t total);

/* How many of a plan's open milestones are overdue on today (YYYY-MM-DD): open_due holds their
 * due dates joined by spaces, in any order, as the store keeps it with the plan, so that the
 * board counts late milestones on any day without reading them. Anything that is not an ISO
 * date is not counted. */
int plan_count_overdue(const char *open_due, const char *today);

/* A task's state over the submitted and approved plans in view; the first rule that holds.
 * missing counts the responsible zones and counties in view without such a plan: a task is not
 * done while one of them has not even planned it. */
enum task_state {
	TASK_NOT_STARTED, /* 未启动: no plan */
	TASK_OVERDUE,     /* 有逾期: a milestone late */
	TASK_DONE,        /* 已完成: every milestone at 100 %, every responsible zone planned */
	TASK_IN_PROGRESS, /* 推进中 */
};
enum task_state plan_task_state(int64_t plans, int64_t completion_bp, int64_t overdue,
                                int64_t missing);
const char *plan_task_state_name(enum task_state s);  /* "not_started", ... */
const char *plan_task_state_label(enum task_state s); /* "未启动", ... */
/* The state a name names; -1 if none. */
int plan_task_state_parse(const char *name);

#endif

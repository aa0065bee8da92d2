/* store_briefing.h - the reads of the weekly briefing (工作周报): per zone in the caller's scope,
 * its plans and their kept sums, the progress reports of the week, the milestones finished and
 * those that became late in it, the 督办单 issued and closed in it; the late milestones and the
 * notices themselves. Reads only, on one snapshot. Returned structs and strings are allocated
 * from the caller's arena. */
#ifndef KFQ_STORE_BRIEFING_H
#define KFQ_STORE_BRIEFING_H

#include "core/briefing.h"
#include "store/store.h"

struct store_briefing_zone {
	int64_t org_id;
	const char *org_name;
	int64_t plans;            /* submitted or approved */
	int64_t weighted, weight; /* their kept sums (Σ weight × percent, Σ weight) */
	int64_t reports;          /* progress reports submitted in the week */
	int64_t accepted;         /* reports accepted in the week */
	int64_t done;             /* milestones finished in the week (a done report accepted) */
	int64_t new_late;         /* milestones that became late in the week and are not done */
	int64_t issued, closed;   /* 督办单 to the zone issued, closed in the week */
};

struct store_briefing_late {
	const char *org_name;
	int article_number;
	const char *task_title;
	const char *title;
	const char *due_date;
};

struct store_briefing_notice {
	int64_t id;
	const char *number;
	const char *org_name;
	const char *subject;
	const char *status;
	const char *issued_at; /* within the week, or earlier */
	const char *closed_at; /* within the week, or NULL */
};

struct store_briefing {
	struct store_briefing_zone *zones; /* by organization id */
	int nzones;
	struct store_briefing_late *late; /* by due date */
	int nlate;
	struct store_briefing_notice *notices; /* issued or closed in the week, by id */
	int nnotices;
};

/* The week w for the zones (and notices to organizations) in scope. */
int store_briefing_week(struct store *s, struct arena *a, const struct briefing_week *w,
                        const struct store_scope *scope, struct store_briefing *out);

#endif

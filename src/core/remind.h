/* remind.h - what the in-app inbox says and when: the daily reminders of `kfq remind` (a
 * milestone due soon or overdue, a returned plan or progress report, a notice whose reply is
 * due) and the messages of a notice's life (issued, replied, closed, escalated). Pure: the
 * facts come from store/, "today" from the caller; strings are allocated from the given arena.
 *
 * Every item carries a dedupe key; the inbox keeps one item per user and key, so the keys
 * decide how often a user hears of the same thing:
 *   overdue:m<ID>:<today>              a late milestone, once a day
 *   due_soon:m<ID>:<due date>          a milestone due within 7 days, once per due date
 *   returned:p<ID>:<review time>       a returned plan, once per return
 *   returned:r<ID>:<review time>       a returned progress report, once per return
 *                                      (the store gives no fact for a return whose workflow
 *                                      step told it already: plan_returned, report_returned)
 *   notice_overdue:n<ID>:<today>       an unanswered notice past its reply date, once a day
 *   notice_due_soon:n<ID>:<reply date> an unanswered notice due within 2 days, once
 *   notice:n<ID>, notice_closed:n<ID>, notice_escalated:n<ID>, notice_replied:n<ID>:<time> */
#ifndef KFQ_CORE_REMIND_H
#define KFQ_CORE_REMIND_H

#include "core/inbox.h"
#include "core/plan.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define REMIND_NOTICE_DUE_DAYS 2 /* an unanswered notice due within this many days */

/* The day bounds of one run: what the store's queries select. */
struct remind_bounds {
	struct milestone_bounds ms; /* milestones due on or before ms.soon, not done */
	char notice_soon[11];       /* unanswered notices due on or before this day */
};
void remind_bounds(int64_t today, struct remind_bounds *b);

enum remind_source {
	REMIND_MILESTONE,       /* a milestone of a submitted or approved plan, not done */
	REMIND_PLAN_RETURNED,   /* a plan in status returned */
	REMIND_REPORT_RETURNED, /* the latest report of a milestone, returned */
	REMIND_NOTICE_DUE,      /* a notice not closed and not answered */
};

/* One thing the store found that may call for a reminder. */
struct remind_fact {
	enum remind_source source;
	int64_t id;     /* the milestone, plan, report or notice */
	int64_t org_id; /* whose users are told: the plan's or the notice's organization */
	int article_number;
	const char *task_title;
	const char *title;    /* milestone and report: the milestone's title; notice: its subject */
	const char *date;     /* milestone: due date; returned: review time (RFC 3339); notice:
	                         reply date */
	int64_t milestone_id; /* milestone and report: the milestone (the link) */
	const char *number;   /* notice: its number (督办〔2026〕3号) */
};

/* The reminder a fact calls for today; false when none does (not yet within its window). */
bool remind_item_for(const struct remind_fact *f, int64_t today, struct arena *a,
                     struct inbox_item *out);

enum remind_notice_event {
	REMIND_NOTICE_ISSUED,    /* to the addressed organization's users */
	REMIND_NOTICE_COPIED,    /* to the users of an organization it is copied to (抄送) */
	REMIND_NOTICE_REPLIED,   /* to those who close notices (PERM_NOTICE_ISSUE) */
	REMIND_NOTICE_CLOSED,    /* to the addressed organization's users */
	REMIND_NOTICE_ESCALATED, /* to the addressed organization's users */
};

/* What the inbox needs to know of a notice. */
struct remind_notice {
	int64_t id;
	const char *number;
	int64_t org_id; /* COPIED: the organization copied */
	const char *org_name;
	const char *subject;
	const char *reply_due; /* YYYY-MM-DD */
	int64_t reply_id;      /* REPLIED: the reply, part of the key */
};

void remind_notice_item(enum remind_notice_event e, const struct remind_notice *n, struct arena *a,
                        struct inbox_item *out);

#endif

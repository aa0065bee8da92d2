/* store_notice.h - 督办单 (supervision notices) and the facts `kfq remind` turns into
 * reminders. Every change of a notice is audited (entity type "notice") in its transaction,
 * together with the inbox items it sends (store_inbox_send; core/remind.h words them and names
 * their keys); the status machine is core/notice.h's.
 * Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_NOTICE_H
#define KFQ_STORE_NOTICE_H

#include "core/notice.h"
#include "core/remind.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_notice {
	int64_t id;
	int year;                       /* of the Shanghai date it was issued on */
	int seq;                        /* 1, 2, ... within the year */
	char number[NOTICE_NUMBER_MAX]; /* 督办〔year〕seq号 */
	int64_t org_id;                 /* the organization it is addressed to */
	const char *org_name;
	int64_t task_id;
	int article_number;
	const char *task_title;
	int64_t milestone_id; /* 0 = none */
	const char *milestone_title;
	const char *subject;
	const char *body;
	const char *reply_due; /* YYYY-MM-DD, Asia/Shanghai */
	const char *status;    /* open replied closed escalated */
	const char *reply;
	const char *replied_at;
	int64_t replied_by;
	const char *replied_by_name;
	const char *closing_comment;
	const char *closed_at;
	int64_t closed_by;
	const char *escalation_comment;
	const char *escalated_at;
	int64_t escalated_by;
	const char *issued_at;
	int64_t issued_by;
	const char *issued_by_name;
	bool overdue; /* computed by the caller (core notice_overdue); written when asked */
};

struct store_notice_filter {
	int64_t org_id;     /* 0 = any */
	int64_t task_id;    /* 0 = any */
	const char *status; /* NULL = any */
	/* non-NULL: only overdue notices (not closed, no reply, reply date before this day) */
	const char *overdue_before;
	bool awaiting_reply;      /* only notices not closed and not replied to (待反馈) */
	struct store_scope scope; /* notices addressed to the organizations in it */
	int64_t offset, limit;    /* limit 0 = all */
};

/* Newest first; *total = notices matching the filter. */
int store_notice_list(struct store *s, struct arena *a, const struct store_notice_filter *f,
                      struct store_notice **out, int *n, int64_t *total);
/* KFQ_ENOTFOUND when absent. */
int store_notice_get(struct store *s, struct arena *a, int64_t id, struct store_notice *out);

/* The writer the audit records of notices take their before/after from: the caller's shape of
 * a notice (api/notice_json.c's notice_json_audit). Every write of a notice takes it. */
struct store_notice_json {
	void (*notice)(struct jsonw *w, const struct store_notice *n);
};

/* Issues a notice (org_id, task_id, milestone_id, subject, body, reply_due from n): numbers it
 * (the year of today's Shanghai date, seq = the year's largest + 1, inside the transaction),
 * audits it as "create" and puts an item in the inbox of every active user of the org.
 * On success n->id, year, seq and number are set. */
int store_notice_create(struct store *s, const struct store_actor *who,
                        const struct store_notice_json *json, struct store_notice *n);

/* The status machine's moves (core/notice.h), each audited ("reply", "close", "escalate") with
 * the notice before and after, and announced in the inbox: a reply to the office's users,
 * closing and escalation to the addressed organization's users. KFQ_ESTATE when the notice's
 * status refuses the action (*status, arena, then says which it is). */
int store_notice_reply(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *reply,
                       const char **status);
int store_notice_close(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *comment,
                       const char **status);
int store_notice_escalate(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_notice_json *json, int64_t id, const char *comment,
                          const char **status);

/* ---- reminders ---- */

/* Everything that may call for a reminder under the bounds (core/remind.h): milestones of
 * submitted or approved plans, not removed, not done, due on or before b->ms.soon; plans in
 * status returned; progress reports returned and not followed by a newer report; notices not
 * closed and unanswered whose reply date is on or before b->notice_soon. */
int store_remind_facts(struct store *s, struct arena *a, const struct remind_bounds *b,
                       struct remind_fact **out, int *n);

#endif

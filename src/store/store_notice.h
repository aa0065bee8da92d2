/* store_notice.h - 督办单 (supervision notices) with their replies, copies (抄送) and files,
 * and the facts `kfq remind` turns into reminders. Every change of a notice is audited (entity
 * type "notice", the whole notice before and after) in its transaction, together with the inbox
 * items it sends (store_inbox_send; core/remind.h words them and names their keys); the status
 * machine is core/notice.h's. Returned structs and strings are allocated from the caller's
 * arena. */
#ifndef KFQ_STORE_NOTICE_H
#define KFQ_STORE_NOTICE_H

#include "core/notice.h"
#include "core/remind.h"
#include "store/store.h"
#include "store/store_attachment.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_notice_cc {
	int64_t org_id;
	const char *org_name;
};

/* One reply (反馈) of the addressed organization; replies are kept, none replaced. */
struct store_notice_reply {
	int64_t id;
	const char *body;
	const char *created_at;
	int64_t created_by;
	const char *created_by_name;
	struct store_attachment *attachments;
	int nattachments;
};

struct store_notice {
	int64_t id;
	int year, seq;      /* of the Shanghai date it was issued on; 0 while a draft */
	const char *number; /* 督办〔year〕seq号 as issued; NULL while a draft */
	int64_t org_id;     /* the organization it is addressed to (主送) */
	const char *org_name;
	const char *entity_type; /* what it concerns: task, milestone, plan, org, ... */
	int64_t entity_id;
	const char *entity_label; /* how the entity was named when the notice was written */
	int64_t task_id;          /* the task the entity belongs to; 0 = none */
	int article_number;
	const char *task_title;
	const char *subject;
	const char *body;
	const char *reply_due;   /* YYYY-MM-DD, Asia/Shanghai */
	const char *status;      /* draft open received replied escalated closed */
	const char *received_at; /* 签收; NULL = not yet */
	int64_t received_by;
	const char *received_by_name;
	const char *replied_at; /* the latest reply */
	int64_t replied_by;
	const char *replied_by_name;
	const char *closing_comment;
	const char *closed_at;
	int64_t closed_by;
	const char *escalation_comment;
	const char *escalated_at;
	int64_t escalated_by;
	const char *created_at; /* drafted (= issued_at for a notice issued at once) */
	int64_t created_by;
	const char *issued_at; /* NULL while a draft */
	int64_t issued_by;
	const char *issued_by_name;
	/* read by store_notice_get, empty in lists */
	struct store_notice_cc *cc; /* 抄送 */
	int ncc;
	struct store_notice_reply *replies;   /* oldest first */
	int nreplies;                         /* lists too */
	struct store_attachment *attachments; /* the office's, on the notice */
	int nattachments;
	bool overdue; /* computed by the caller (core notice_overdue); written when asked */
};

struct store_notice_filter {
	int64_t org_id;     /* 0 = any */
	int64_t task_id;    /* 0 = any */
	const char *status; /* NULL = any */
	/* non-NULL: only overdue notices (issued, not closed, no reply, reply date before this
	 * day) */
	const char *overdue_before;
	bool awaiting_reply; /* only notices issued, not closed and not replied to (待反馈) */
	/* only notices replied to and not closed (待办结), escalated ones too: 已升级 stays the
	 * status through replies */
	bool to_close;
	const char *entity_type; /* non-NULL: only notices about this entity */
	int64_t entity_id;
	bool drafts;              /* drafts too (only those who issue notices see them) */
	struct store_scope scope; /* notices addressed or copied to the organizations in it */
	int64_t offset, limit;    /* limit 0 = all */
};

/* Newest first; *total = notices matching the filter. */
int store_notice_list(struct store *s, struct arena *a, const struct store_notice_filter *f,
                      struct store_notice **out, int *n, int64_t *total);
/* Each notice f selects (offset and limit ignored), in the list's order, handed to fn (element:
 * a struct store_notice as the list reads it) one at a time, for the export: see
 * store_list_each. */
int store_notice_each(struct store *s, const struct store_notice_filter *f, store_each_fn fn,
                      void *ctx);
/* The notice with its copies, replies and attachments. KFQ_ENOTFOUND when absent. */
int store_notice_get(struct store *s, struct arena *a, int64_t id, struct store_notice *out);
/* The notice a reply belongs to; KFQ_ENOTFOUND when the reply is absent. */
int store_notice_of_reply(struct store *s, int64_t reply_id, int64_t *notice_id);

/* The writer the audit records of notices take their before/after from: the caller's shape of
 * a notice (api/notice_json.c's notice_json_audit). Every write of a notice takes it. */
struct store_notice_json {
	void (*notice)(struct jsonw *w, const struct store_notice *n);
};

/* What the office writes: the notice's fields, its copies and its files. */
struct store_notice_input {
	int64_t org_id;
	const char *entity_type;
	int64_t entity_id;
	const char *entity_label;
	int64_t task_id; /* 0 = none */
	const char *subject;
	const char *body;
	const char *reply_due;
	const int64_t *cc; /* organization ids, none the addressed one, no repeats */
	int ncc;
	const int64_t *attachments; /* uploads of the office's organization for "notice" */
	int nattachments;
};

/* The status machine's moves (core/notice.h) below answer KFQ_ESTATE when the notice's
 * status refuses them, saying which status refused in *status and whether the notice had been
 * signed for in *received (arena a). KFQ_EINVAL: an attachment that cannot be claimed
 * (store_attachment_claim). */
struct store_notice_refusal {
	const char *status;
	bool received;
};

/* Writes a notice: a draft when code is NULL (audited "create"), else issued at once,
 * numbered code〔year〕seq号 (the year of today's Shanghai date, seq = the year's largest + 1,
 * inside the transaction), audited "create" and announced: an inbox item to every active
 * user of the addressed organization and of each organization copied. *out is the notice as
 * written (with its children, from arena a), valid when KFQ_OK: the answer needs no read. */
int store_notice_create(struct store *s, struct arena *a, const struct store_actor *who,
                        const struct store_notice_json *json, const struct store_notice_input *in,
                        const char *code, struct store_notice *out);
/* A draft's fields, copies and files replaced ("update"). */
int store_notice_edit(struct store *s, struct arena *a, const struct store_actor *who,
                      const struct store_notice_json *json, int64_t id,
                      const struct store_notice_input *in, struct store_notice_refusal *why);
/* A draft removed ("delete"), its files unattached again. */
int store_notice_discard(struct store *s, struct arena *a, const struct store_actor *who,
                         const struct store_notice_json *json, int64_t id,
                         struct store_notice_refusal *why);
/* A draft issued: numbered as store_notice_create does, audited "issue", announced. */
int store_notice_issue(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *code,
                       struct store_notice_refusal *why);
/* 签收 by the addressed organization ("receive"). */
int store_notice_receive(struct store *s, struct arena *a, const struct store_actor *who,
                         const struct store_notice_json *json, int64_t id,
                         struct store_notice_refusal *why);
/* A reply ("reply"): a new notice_reply row with its files (uploads of the replier's
 * organization for "notice_reply"), announced to the office's users. */
int store_notice_reply(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *body,
                       const int64_t *attachments, int nattachments,
                       struct store_notice_refusal *why);
/* Closing and escalation by the office ("close", "escalate"), announced to the addressed
 * organization's users. */
int store_notice_close(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *comment,
                       struct store_notice_refusal *why);
int store_notice_escalate(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_notice_json *json, int64_t id, const char *comment,
                          struct store_notice_refusal *why);

/* ---- reminders ---- */

/* Everything that may call for a reminder under the bounds (core/remind.h): milestones of
 * submitted or approved plans, not removed, not done, due on or before b->ms.soon; plans in
 * status returned; progress reports returned and not followed by a newer report; notices not
 * closed and unanswered whose reply date is on or before b->notice_soon. */
int store_remind_facts(struct store *s, struct arena *a, const struct remind_bounds *b,
                       struct remind_fact **out, int *n);

#endif

/* store_consult.h - consultations (征求意见), their articles and comments in SQL: each write one
 * transaction with its audit record, whose JSON comes from the caller's struct
 * store_consult_json. Rules (windows, states, contacts, dispositions) are core/consult.h's;
 * who may do what is api/'s. Strings returned live in the caller's arena. Times are epoch
 * seconds in structs and RFC 3339 UTC in the database. */
#ifndef KFQ_STORE_STORE_CONSULT_H
#define KFQ_STORE_STORE_CONSULT_H

#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_task.h"

#include <stdbool.h>
#include <stdint.h>

struct jsonw;

struct store_consultation {
	int64_t id;
	int64_t policy_id;
	const char *title;
	const char *issuer;
	const char *notice_text;
	const char *contact_email;
	const char *contact_phone;
	int64_t window_start, window_end; /* [start, end) */
	const char *released_at;          /* NULL: 草稿 */
	const char *summary;              /* the adoption report's summary; NULL none yet */
	const char *report_published_at;  /* NULL: not published */
	const char *created_at;
	int64_t created_by;
	int64_t n_comments;
};

struct store_consult_article {
	int64_t id;
	int seq, number;
	const char *part_heading, *group_heading, *short_title, *body;
};

struct store_comment_point {
	int64_t id;
	int64_t comment_id;
	int seq;
	const char *body; /* NULL: the whole comment */
	int64_t article_id;
	int article_number;                            /* 0 when none */
	const char *disposition, *reason, *decided_at; /* NULL: not decided */
	int64_t decided_by;
	const char *decided_by_name;
};

/* A file of a comment imported from e-mail: stored as an attachment of the comment (an
 * evidence type, its bytes already in the blob store under sha256) or only recorded by name,
 * size and hash with the warning saying why. */
struct store_comment_file {
	const char *filename;
	const char *content_type; /* as the mail declared it */
	const char *sha256;
	int64_t size;
	const char *mime;      /* to store: the type core/filetype found; NULL: only recorded */
	const char *warning;   /* only recorded: why (Chinese) */
	int64_t attachment_id; /* read back: the stored file's attachment; 0 when not stored */
};

struct store_comment {
	int64_t id;
	int64_t consultation_id;
	int64_t article_id;  /* 0: the whole draft */
	int article_number;  /* 0 when none */
	const char *channel; /* core/enums.h enum_consult_channel */
	const char *name, *contact, *body;
	const char *received_at; /* RFC 3339 */
	const char *client_addr;
	const char *message_id; /* e-mail imports; NULL otherwise */
	bool published;
	const char *created_at;
	int64_t created_by;
	struct store_comment_point *points; /* store_comment_get only */
	int n_points;
	struct store_comment_file *files; /* e-mail's files; store_comment_get only */
	int n_files;
};

/* A revised text of the draft (version 2, 3, …; the draft, the consultation's policy, is 1). */
struct store_consult_version {
	int64_t id;
	int64_t consultation_id;
	int seq;
	const char *title, *title_note;
	const char *note; /* the office's 版本说明, or NULL */
	const char *source_sha256;
	const char *source_text, *parsed_json; /* store_consult_version_get only */
	int n_articles;
	int64_t tasks_policy_id; /* the policy its tasks were created as; 0: none yet */
	const char *created_at;
	int64_t created_by;
	const char *created_by_name;
};

/* An article the step "create tasks from the final version" flagged against the draft. */
struct store_consult_flag {
	const char *status; /* changed added removed unchanged (moved only) */
	bool moved;
	int old_number, new_number;       /* 0 when none */
	int64_t old_task_id, new_task_id; /* 0 when none */
	int similarity_bp;
};

/* The audit record's shapes (api/consult_json.c). */
struct store_consult_json {
	void (*consultation)(struct jsonw *w, const struct store_consultation *c);
	void (*comment)(struct jsonw *w, const struct store_comment *c);
	/* a version, with its flags when tasks were created from it */
	void (*version)(struct jsonw *w, const struct store_consult_version *v,
	                const struct store_consult_flag *flags, int n_flags);
};

/* ---- consultations (store_consult.c) ---- */

/* Stores c (policy_id, title, issuer, notice_text, contacts, window) as a draft with its
 * articles; c->id set. */
int store_consult_create(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, struct store_consultation *c,
                         const struct store_consult_article *arts, int n_arts);
/* KFQ_ENOTFOUND when there is none. */
int store_consult_get(struct store *s, struct arena *a, int64_t id, struct store_consultation *c);
/* The articles in order (arena array, NULL when none). */
int store_consult_articles(struct store *s, struct arena *a, int64_t id,
                           struct store_consult_article **out, int *n);

struct store_consult_filter {
	const char *q;     /* in the title; NULL any */
	const char *state; /* draft upcoming open closed published; NULL any */
	bool released;     /* only those released to the public */
	int64_t now;       /* the clock the states are computed at */
	int64_t offset, limit;
};
int store_consult_list(struct store *s, struct arena *a, const struct store_consult_filter *f,
                       struct store_consultation **out, int *n, int64_t *total);

/* The draft's title, issuer and contacts and window (only while a draft: KFQ_ESTATE). */
int store_consult_update(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, const struct store_consultation *c);
/* Releases the draft to the public (KFQ_ESTATE when it was released already). */
int store_consult_release(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id);
/* When the last comment through the public page came (RFC 3339), or NULL when none has. */
int store_consult_last_web(struct store *s, struct arena *a, int64_t id, const char **at);
/* Moves a released consultation's window (reopening or extending), recorded with the reason;
 * KFQ_ESTATE when not released or its report is published. */
int store_consult_window(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, int64_t id, int64_t start,
                         int64_t end, const char *reason);
/* Saves the adoption report's summary; publish also publishes the report (已公布) and the
 * comments with it, when consult_publishable allows it at window_now (the clock the window is
 * read by). KFQ_ESTATE when the report is published already or may not be published yet. */
int store_consult_report(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, int64_t id, const char *summary,
                         bool publish, int64_t window_now);

/* ---- comments (store_comment.c) ---- */

/* A comment to take: consultation_id, article_id (0: the whole draft), channel, name,
 * contact, body, received_at (RFC 3339), client_addr and message_id (either NULL). */
struct store_comment_new {
	int64_t consultation_id;
	int64_t article_id;
	const char *channel;
	const char *name, *contact, *body;
	const char *received_at;
	const char *client_addr;
	const char *message_id;
	bool refuse_duplicate; /* an exact duplicate (same consultation, article and text) is
	                          refused: what the public page asks */
	const char *pow_id;    /* hex id of a proof-of-work challenge to use up, or NULL */
	int64_t pow_expires;
	/* an e-mail's attachments, recorded with the comment; those with a mime are stored as
	 * attachments of the comment held by organization org_id */
	const struct store_comment_file *files;
	int n_files;
	int64_t org_id;
};

enum store_comment_refusal {
	STORE_COMMENT_TAKEN,
	STORE_COMMENT_DUPLICATE,   /* refuse_duplicate and the same text is there */
	STORE_COMMENT_POW_USED,    /* the challenge was used before */
	STORE_COMMENT_MESSAGE_SEEN /* a comment with this message_id is there (*id is it) */
};

/* Stores one comment with its one point (the whole comment), audited, in one transaction:
 * the use of the proof-of-work challenge, the duplicate check and the insert commit together.
 * KFQ_OK with *why TAKEN and *id set, or KFQ_ECONFLICT with *why telling which refusal. The
 * call an importer of mail uses (channel "email", message_id set, refuse_duplicate false). */
int store_comment_add(struct store *s, const struct store_actor *who,
                      const struct store_consult_json *json, const struct store_comment_new *in,
                      int64_t *id, enum store_comment_refusal *why);

struct store_comment_filter {
	int64_t consultation_id;
	int64_t article_id;      /* 0 any; -1 the whole draft */
	const char *channel;     /* NULL any */
	const char *disposition; /* NULL any; "undecided": a point without one */
	bool published_only;
	int64_t offset, limit;
};
int store_comment_list(struct store *s, struct arena *a, const struct store_comment_filter *f,
                       struct store_comment **out, int *n, int64_t *total);
/* A comment (without its points) with one of its points, as store_comment_each hands them. */
struct store_comment_handled {
	struct store_comment comment;
	bool has_point;                   /* false: the comment has none */
	struct store_comment_point point; /* its comment_id, seq, disposition and reason */
};
/* Each comment f selects (offset and limit ignored) in id order, once with each of its points in
 * point order, or once without one when it has none, handed to fn (element: a struct
 * store_comment_handled) one at a time, for the report's export: see store_list_each. */
int store_comment_each(struct store *s, const struct store_comment_filter *f, store_each_fn fn,
                       void *ctx);
/* One comment with its points. */
int store_comment_get(struct store *s, struct arena *a, int64_t id, struct store_comment *c);
/* The points of every comment of a consultation, in comment and point order (the report). */
int store_comment_points(struct store *s, struct arena *a, int64_t consultation_id,
                         struct store_comment_point **out, int *n);

/* The decided points of a consultation that name an article, their text the comment's when
 * they are the whole comment, in comment and point order: what a changed article lists. */
int store_comment_disposed(struct store *s, struct arena *a, int64_t consultation_id,
                           struct store_comment_point **out, int *n);

/* The points of the comments of a consultation whose ids lie in [lo, hi] (a page of a list
 * ordered by id), in comment and point order. */
int store_comment_points_between(struct store *s, struct arena *a, int64_t consultation_id,
                                 int64_t lo, int64_t hi, struct store_comment_point **out, int *n);

/* A point to write: its text (NULL: the whole comment) and article (0: none). */
struct store_point_new {
	const char *body;
	int64_t article_id;
};
/* The changes of a comment below (split, dispose, link) and store_comment_add answer
 * KFQ_ESTATE, changing nothing, once the consultation's adoption report is published: its
 * counts are stated in its summary (DECISIONS 297). */
/* Splits comment id into the points given (replacing its points; their dispositions go). */
int store_comment_split(struct store *s, const struct store_actor *who,
                        const struct store_consult_json *json, int64_t id,
                        const struct store_point_new *points, int n);
/* Decides point point_id of comment id. KFQ_ENOTFOUND when the point is not the comment's. */
int store_comment_dispose(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id, int64_t point_id,
                          const char *disposition, const char *reason);
/* Links comment id, and its points that are the whole comment, to article_id (0: the whole
 * draft); points the office wrote keep their own articles. */
int store_comment_link(struct store *s, const struct store_actor *who,
                       const struct store_consult_json *json, int64_t id, int64_t article_id);
/* Shows or hides a comment on the public page once the report is out. */
int store_comment_publish(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id, bool published);

/* The adoption report's counts: comments by channel, points by article (article_id 0: the
 * whole draft) and by disposition (NULL: not decided yet), each ordered by its key. */
struct store_consult_count {
	const char *code;   /* channel or disposition; NULL for undecided points */
	int64_t article_id; /* by article */
	int article_number;
	int64_t n;
};
struct store_consult_counts {
	struct store_consult_count *by_channel, *by_article, *by_disposition;
	int n_channel, n_article, n_disposition;
};
int store_consult_counts(struct store *s, struct arena *a, int64_t id,
                         struct store_consult_counts *out);

/* ---- versions (store_consult_version.c) ---- */

/* Adds v (consultation_id, title, title_note, note, source_sha256, source_text, parsed_json,
 * n_articles) as the next version; v->id and v->seq set. KFQ_ECONFLICT when the consultation
 * has that text already; KFQ_ESTATE when tasks were created from its final version. */
int store_consult_version_add(struct store *s, const struct store_actor *who,
                              const struct store_consult_json *json,
                              struct store_consult_version *v);
/* Withdraws the consultation's last version, seq: one imported by mistake before tasks are
 * made from it; audited with what it was. KFQ_ENOTFOUND when seq is not the last version;
 * KFQ_ESTATE when it is the draft (第1稿) or tasks were made from the final text. */
int store_consult_version_withdraw(struct store *s, const struct store_actor *who,
                                   const struct store_consult_json *json, int64_t consultation_id,
                                   int seq);
/* The versions in order, without their texts (arena array; NULL when none). */
int store_consult_versions(struct store *s, struct arena *a, int64_t consultation_id,
                           struct store_consult_version **out, int *n);
/* Version seq (2, 3, …) of a consultation with its text; KFQ_ENOTFOUND when none. */
int store_consult_version_get(struct store *s, struct arena *a, int64_t consultation_id, int seq,
                              struct store_consult_version *out);
/* The flags of version id, in the diff's order. */
int store_consult_flags(struct store *s, struct arena *a, int64_t version_id,
                        struct store_consult_flag **out, int *n);

/* Creates the tasks of version_id (the final version) as policy p with tasks[0..n_tasks)
 * (store_policy_import_tx) and records flags[0..n_flags), each new_task_id found by its
 * new_number among the tasks; one transaction, audited ("tasks" on the version). KFQ_ESTATE
 * when the version is not the last one or has tasks already. */
int store_consult_tasks(struct store *s, const struct store_actor *who,
                        const struct store_consult_json *json,
                        const struct store_task_json *task_json, int64_t version_id,
                        struct store_policy *p, struct store_task *tasks, int n_tasks,
                        struct store_consult_flag *flags, int n_flags);

/* ---- the proof of work's shared state (store_pow.c; counters, not audited) ---- */

/* The servers' shared signing key: read, or made from fresh (random, the caller's) when
 * there is none yet. */
int store_pow_key(struct store *s, const unsigned char fresh[32], unsigned char key[32]);
/* Deletes the used challenges that expired before now. */
int store_pow_prune(struct store *s, int64_t now);

#endif

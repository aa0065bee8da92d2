/* notice_impl.h - what the files of the 督办单 API share (notice.c: the routes and moves,
 * notice_print.c: the printed notice, notice_subject.c: what a notice may concern); private to
 * them. */
#ifndef KFQ_API_NOTICE_IMPL_H
#define KFQ_API_NOTICE_IMPL_H

#include "api/api.h"
#include "api/notice_json.h"

/* What a notice's entity is, as the office writes the notice. */
struct notice_about {
	const char *label; /* how the notice names it: 第2条“聚焦主责主业”节点“组织实施” */
	int64_t task_id; /* the task it belongs to; 0 = none */
};

/* An entity type a notice may concern. A module whose records may be supervised adds one line
 * to the table in notice_subject.c. */
struct notice_subject {
	const char *type;  /* as in the audit log: task, milestone, plan, org, ... */
	const char *label; /* Chinese: 推进节点 */
	/* Checks entity id as what a notice to organization org_id concerns: 0 with out filled,
	 * or -1 after answering 400 with field (the entity missing, or not that organization's). */
	int (*describe)(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
	                struct notice_about *out);
	const char *page; /* the web page of entity id is page + id; NULL = the type has none */
	/* whether entity id has that page (NULL: every one has) */
	bool (*has_page)(struct api_ctx *c, int64_t id);
	/* optional: sends describe's read of entity id ahead, to go with the next statement's round
	 * trip (the organization's check: DECISIONS 194); describe then reads and checks as ever */
	void (*ahead)(struct api_ctx *c, int64_t id);
};

/* The subject type's entry; NULL when notices may not concern it. */
const struct notice_subject *notice_subject_find(const char *type);
/* Every type a notice may concern, for a refusal to name: "task（改革任务）、…" (arena). */
const char *notice_subject_types(struct api_ctx *c);
/* The web page of entity id of kind k (arena), or NULL when it has none. */
const char *notice_subject_link(struct api_ctx *c, const struct notice_subject *k, int64_t id);

/* Loads the :id notice the caller may read (notice_may_read): 0, or -1 after answering 404 for
 * a notice that is missing or not the caller's to see. Computes its overdue flag. */
int notice_load(struct api_ctx *c, struct store_notice *n);

/* GET /api/notices/:id/print (notice_print.c). */
int notice_print(struct api_ctx *c);

#endif

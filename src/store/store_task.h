/* store_task.h - imported policies and their reform tasks (one per article) with lead and
 * responsible organizations. An import writes the policy, every task and their audit records
 * in one transaction. Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_TASK_H
#define KFQ_STORE_TASK_H

#include "core/policy_edit.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_capability.h"

struct store_org_ref {
	int64_t id;
	const char *name;
};

struct store_policy {
	int64_t id;
	const char *title;
	const char *title_note;
	const char *doc_number; /* 文号 (国发〔2018〕38号), or NULL */
	const char *issuer;
	const char *notice_date; /* ISO 8601 dates or NULL */
	const char *contact_email;
	const char *contact_phone;
	const char *window_start;
	const char *window_end;
	const char *encoding;
	const char *source_sha256; /* hex, of source_text; the same text cannot be imported twice */
	const char *source_sha256_raw; /* hex, of the input's bytes when they differ from
	                                  source_text, else NULL: refused too, as policies imported
	                                  before DECISIONS 320 kept that one; not stored */
	const char *source_text; /* the input as UTF-8 with '\n' line ends (policy_doc.text); read
	                            back by store_policy_source only */
	const char *parsed_json; /* the parser's output; read back by get only */
	int n_warnings;
	int n_tasks; /* read back */
	const char *created_at;
	/* what the office corrected in the preview before a corrected import: in that import's
	 * answer and audit record, not stored; NULL otherwise */
	const struct policy_edit_changes *corrections;
};

struct store_task {
	int64_t id;
	int64_t policy_id;
	int article_number;
	const char *part_heading;
	const char *group_heading;
	const char *title;
	const char *body;
	const char *lead_units;        /* JSON array, as written in the text */
	const char *responsible_units; /* JSON array */
	const char *guide_units; /* JSON array: who guides (指导), resolved to no organization */
	const char *scope;       /* 适用范围 as written, or NULL */
	const char *deadline_text; /* 完成时限 as written, or NULL */
	const char *deadline_date; /* YYYY-MM-DD, the last day of the period it names, or NULL */
	const char *unit_source;   /* policy_unit_source_name(); NULL for tasks imported before
	                              migration 0015 */
	int lead_rule_line;        /* the first-listed-leads rule's line, 0 none */
	struct store_org_ref *lead;
	int nlead;
	struct store_org_ref *responsible;
	int nresponsible;
	const char
	    *contact_name; /* the office's contact person for the task (联系人); NULL = none */
	const char *contact_phone; /* a work phone published with the task, like a document's */
	const char *updated_at;
};

/* What the office sets on a task (the rest comes from the policy text). */
struct store_task_office {
	const char *contact_name; /* NULL clears */
	const char *contact_phone;
	bool set_deadline;         /* false leaves 完成时限 as it is */
	const char *deadline_date; /* YYYY-MM-DD, or NULL to clear; read when set_deadline */
};

/* The writers the audit records of policies and tasks take their before/after from: the
 * caller's shapes (app/task_json.c's task_json_audit), and those of the capability grants the
 * import seeds. */
struct store_task_json {
	void (*policy)(struct jsonw *w, const struct store_policy *p);
	void (*task)(struct jsonw *w, const struct store_task *t);
	const struct store_capability_json *grants;
};

/* Creates the policy and its tasks (lead/responsible given as ids in store_org_ref.id), tasks
 * kept in the given (document) order, and in the same transaction the capability grants its
 * articles seed (store_capability.h). KFQ_ECONFLICT when the same text was imported before. */
int store_policy_import(struct store *s, const struct store_actor *who,
                        const struct store_task_json *json, struct store_policy *p,
                        struct store_task *tasks, int ntasks);
/* The same inside the caller's write transaction (a consultation's tasks from its final version
 * commit with their flags); p->created_at is not kept. */
int store_policy_import_tx(struct store *s, const struct store_actor *who,
                           const struct store_task_json *json, struct store_policy *p,
                           struct store_task *tasks, int ntasks);
int store_policy_list(struct store *s, struct arena *a, struct store_policy **out, int *n);
int store_policy_get(struct store *s, struct arena *a, int64_t id, struct store_policy *out);
/* The policy with its imported text (source_text) instead of its parse: what a diff of two
 * versions reads. KFQ_ENOTFOUND when there is none. */
int store_policy_source(struct store *s, struct arena *a, int64_t id, struct store_policy *out);

struct store_task_filter {
	int64_t policy_id;     /* 0 = any */
	int article;           /* 0 = any */
	int64_t org_id;        /* 0 = any: tasks this org leads or is responsible for */
	const char *role;      /* with org_id: "lead", "responsible" or NULL for either */
	const char *q;         /* substring of title or body */
	int64_t offset, limit; /* limit 0 = all */
	bool without_orgs;     /* leave lead/responsible empty (one query instead of one a task) */
};

int store_task_list(struct store *s, struct arena *a, const struct store_task_filter *f,
                    struct store_task **out, int *n, int64_t *total);
int store_task_get(struct store *s, struct arena *a, int64_t id, struct store_task *out);
/* Only a task's id, article number and title (the rest zero): what names it, read alone
 * (store_task_get also reads its text and organizations). KFQ_ENOTFOUND when there is none. */
int store_task_name(struct store *s, struct arena *a, int64_t id, struct store_task *out);
/* store_task_name's read of id sent ahead (store_ahead), so that its answer comes with the next
 * statement's: store_task_name(id) right after that one reads no more. */
void store_task_name_ahead(struct store *s, int64_t id);
/* Sets what the office sets on a task, audited as "update". */
int store_task_update_office(struct store *s, const struct store_actor *who,
                             const struct store_task_json *json, int64_t id,
                             const struct store_task_office *o);
/* Replaces the task's organizations (ids in .id), audited as "update_orgs", on the day `today`
 * (YYYY-MM-DD, Asia/Shanghai): the plans of organizations it takes off the responsible units
 * are off the task from that day, those it puts back on it again (store_plan_units_changed). */
int store_task_set_orgs(struct store *s, const struct store_actor *who,
                        const struct store_task_json *json, int64_t id,
                        const struct store_org_ref *lead, int nlead,
                        const struct store_org_ref *responsible, int nresponsible,
                        const char *today);

#endif

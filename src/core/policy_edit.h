/* policy_edit.h - the office's corrections of an import preview, made before it imports (as
 * one corrects a table in WPS or Excel): a task's title, lead and responsible organizations and
 * 完成时限 changed, neighbouring items merged into one task, one item split into several, an
 * item dropped. The corrected tasks are held to the rules a task's organizations are held to
 * everywhere (PUT /api/tasks/:id/orgs checks the same with the same messages) and their
 * deadlines are read as the parser reads them. Pure: memory from the caller's arena. */
#ifndef KFQ_CORE_POLICY_EDIT_H
#define KFQ_CORE_POLICY_EDIT_H

#include "core/policy_tasks.h"
#include "util/strbuf.h"

#define POLICY_EDIT_MAX_TASKS     2000 /* tasks in one corrected preview */
#define POLICY_EDIT_MAX_ITEMS     100  /* items merged into one task */
#define POLICY_EDIT_MAX_ORGS      200  /* organizations of one role on one task */
#define POLICY_EDIT_TITLE_MAX_CPS 200

/* The messages of the organization rules, wherever a task's organizations are set (an
 * imported task's organizations must name a lead; a preview's may not, as the parse's). */
#define POLICY_MSG_NO_LEAD      "至少需要一个牵头单位"
#define POLICY_MSG_REPEATED_ORG "机构重复"
#define POLICY_MSG_UNKNOWN_ORG  "机构不存在"
#define POLICY_MSG_ALREADY_LEAD "“%s”已是牵头单位" /* the organization's name */
/* the organization's name: it watches the tasks, it neither leads nor does one */
#define POLICY_MSG_SUPERVISORY "%s是监督机构，监督改革任务的落实，不能作为牵头单位或责任单位"

/* One task of the corrected preview. */
struct policy_edit_task {
	const int64_t *items; /* positions of the preview's tasks (0-based) it is made from:
	                         one, or neighbours in order (a merge) */
	size_t n_items;
	const char *title;   /* the task's name */
	const char *body;    /* a piece of a split item: its part of the item's text; else NULL */
	const int64_t *lead; /* organization ids */
	size_t n_lead;
	const int64_t *responsible;
	size_t n_responsible;
	const char *deadline_text; /* 完成时限 as the office writes it; NULL or "" none */
};

/* What is wrong with a corrected preview: the first problem found, in task order. */
struct policy_edit_error {
	const char *field;   /* JSON Pointer into the request: /tasks/2/lead_org_ids/0 */
	const char *message; /* Chinese, one sentence */
};

/* Where a task's organizations break a rule. */
enum policy_orgs_rule {
	POLICY_ORGS_OK,
	POLICY_ORGS_REPEATED,     /* the same organization twice in one role */
	POLICY_ORGS_NO_LEAD,      /* none leads */
	POLICY_ORGS_ALREADY_LEAD, /* a responsible organization also leads */
};

/* Checks lead and responsible ids: *in_responsible and *at say which id breaks the rule
 * returned (POLICY_ORGS_NO_LEAD: neither is set). */
enum policy_orgs_rule policy_orgs_check(const int64_t *lead, size_t n_lead,
                                        const int64_t *responsible, size_t n_responsible,
                                        bool *in_responsible, size_t *at);

/* Builds out (one task per edit, in the given order) from the parsed doc and the corrections,
 * or returns KFQ_EINVAL with *err. Rules: at least one task; each made from existing items,
 * neighbours in ascending order, no item used twice except by the pieces of a split
 * (consecutive tasks of that one item, each with its body, which together give the item's
 * body, blanks aside); a title; organizations of ctx, each once per role, none both lead and
 * responsible. A task without a lead is imported with the parse's warning
 * (POLICY_MSG_NO_LEAD_WARNING), as the parse imports one. A merge joins the items' bodies (a later
 * item's title sentence kept in front of its body), units as written and scopes. Allocated from a.
 */
int policy_edit_apply(const struct policy_doc *doc, const struct unit_resolve_ctx *ctx,
                      const struct policy_edit_task *edits, size_t n, struct arena *a,
                      struct policy_tasks *out, struct policy_edit_error *err);

/* What a corrected preview changed against the parse, each a count of places (the import's
 * audit record says it): tasks whose name, lead organizations, responsible organizations or
 * 完成时限 differ from what the parse gave their items (a merge compared with what merging
 * gives by itself: the first item's name, the items' organizations together, the first
 * 完成时限 written; the later pieces of a split are named by the split and count there),
 * tasks merged from several items, items split, items dropped. */
struct policy_edit_changes {
	int titles;
	int leads;
	int responsible;
	int deadlines;
	int merged;
	int split;
	int dropped;
};

/* Counts edits, which policy_edit_apply() accepted, against parsed (the parse's tasks, one per
 * article, as policy_tasks_build() made them). a: scratch for the parse's task names. */
void policy_edit_count(const struct policy_tasks *parsed, const struct policy_edit_task *edits,
                       size_t n, struct arena *a, struct policy_edit_changes *out);

/* The counts in Chinese, appended to sb: "标题2处、责任单位1处、合并1处" (the nonzero ones in
 * the struct's order), "无" when nothing changed. */
void policy_edit_changes_text(const struct policy_edit_changes *c, struct strbuf *sb);

#endif

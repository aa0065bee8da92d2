/* policy_tasks.h - turns a parsed policy into reform tasks: one task per article, its lead and
 * responsible organizations resolved from the units as written (unit_resolve.h). An article
 * with no unit lines is led by the reform office with every zone responsible. Units that
 * resolve to nothing, or to more than one organization, become warnings naming the article
 * and the nearest known names; the import goes on without them. Pure. */
#ifndef KFQ_CORE_POLICY_TASKS_H
#define KFQ_CORE_POLICY_TASKS_H

#include "core/policy_parse.h"
#include "core/unit_resolve.h"

/* A unit as written that matched no organization: the office maps it or leaves it. */
struct policy_unresolved {
	const char *unit;                              /* as written */
	bool lead;                                     /* a lead unit, else a responsible one */
	const char *nearest[UNIT_RESOLVE_MAX_NEAREST]; /* closest known names, closest first */
	size_t n_nearest;
};

struct policy_task {
	const struct policy_article *article;
	const char *group_heading; /* the article's group, or NULL */
	int64_t *lead;             /* organization ids, no repeats, in table order */
	size_t n_lead;
	int64_t *responsible; /* no repeats; an org that leads is not also listed here */
	size_t n_responsible;
	bool defaulted; /* no unit lines: office leads, every zone responsible */
	struct policy_unresolved *unresolved; /* units that matched nothing, in text order */
	size_t n_unresolved;
};

/* The warning of a task without a lead (the article's number): imported, the office names one. */
#define POLICY_MSG_NO_LEAD_WARNING "第%d条：没有可识别的牵头单位，请导入后指定"

struct policy_tasks {
	struct policy_task *tasks; /* one per article, in document order */
	size_t n_tasks;
	struct policy_warning *warnings; /* resolution problems (line = the article's line) */
	size_t n_warnings;
};

/* office_id: the reform office (工作专班办公室) that leads articles without units. The units
 * of a national document (doc->national) resolve by exact organization names only, so the
 * office sees them as unresolved, with the nearest names, and can map them or leave them.
 * Everything is allocated from a. */
void policy_tasks_build(const struct policy_doc *doc, const struct unit_resolve_ctx *ctx,
                        int64_t office_id, struct arena *a, struct policy_tasks *out);

/* Adds a warning to out (*cap: its room, 0 at first). */
void policy_tasks_warn(struct arena *a, struct policy_tasks *out, size_t *cap, int line,
                       const char *msg);

#endif

/* plan_step.c - the inbox items of the plan and report workflow: kinds, texts, links and
 * recipients. Must not read clocks or storage, nor decide whether a step is allowed. */
#include "core/plan_step.h"

#include "core/account.h"

#include <string.h>

static const struct {
	const char *kind;
	const char *what; /* 一区一策计划 / 计划修订 / 进展报告 */
	const char *done; /* 待审核 / 已批准 / ... */
} steps[] = {
    [PLAN_STEP_SUBMITTED] = {"plan_submitted", "一区一策计划", "待审核"},
    [PLAN_STEP_APPROVED] = {"plan_approved", "一区一策计划", "已批准"},
    [PLAN_STEP_RETURNED] = {"plan_returned", "一区一策计划", "被退回"},
    [REVISION_STEP_SUBMITTED] = {"revision_submitted", "计划修订", "待审核"},
    [REVISION_STEP_APPROVED] = {"revision_approved", "计划修订", "已批准"},
    [REVISION_STEP_RETURNED] = {"revision_returned", "计划修订", "被退回"},
    [REPORT_STEP_SUBMITTED] = {"report_submitted", "进展报告", "待审核"},
    [REPORT_STEP_ACCEPTED] = {"report_accepted", "进展报告", "已审核通过"},
    [REPORT_STEP_RETURNED] = {"report_returned", "进展报告", "被退回"},
};

static bool is_report(enum plan_step step)
{
	return step >= REPORT_STEP_SUBMITTED;
}

static bool is_submission(enum plan_step step)
{
	return step == PLAN_STEP_SUBMITTED || step == REVISION_STEP_SUBMITTED ||
	       step == REPORT_STEP_SUBMITTED;
}

void plan_step_item(enum plan_step step, const struct plan_step_subject *s, struct arena *a,
                    struct inbox_item *out)
{
	const char *what = steps[step].what, *subject, *comment = "";

	memset(out, 0, sizeof(*out));
	out->kind = steps[step].kind;
	if (step >= REVISION_STEP_SUBMITTED && step <= REVISION_STEP_RETURNED)
		what = arena_printf(a, "%s（第%d版）", what, s->version);
	if (is_report(step)) {
		subject = arena_printf(a, "第%d条「%s」节点「%s」（%s）", s->article_number,
		                       s->task_title, s->milestone_title, s->org_name);
		out->entity_type = "report";
		out->entity_id = s->report_id;
		out->link = arena_printf(a, "/milestones/%lld", (long long)s->milestone_id);
	} else {
		subject = arena_printf(a, "第%d条「%s」（%s）", s->article_number, s->task_title,
		                       s->org_name);
		out->entity_type = "plan";
		out->entity_id = s->plan_id;
		out->link = arena_printf(a, "/plans/%lld", (long long)s->plan_id);
	}
	if (!is_submission(step) && s->comment && *s->comment)
		comment = arena_printf(a, "，意见：%s", s->comment);
	out->title = arena_printf(a, "%s%s：%s%s", what, steps[step].done, subject, comment);
	if (is_submission(step)) {
		/* the reviewers who may act on it: their data scope covers the organization */
		out->to[out->nto++] =
		    (struct inbox_to){.perm = PERM_PLAN_REVIEW, .scope_of = s->org_id};
		return;
	}
	out->to[out->nto++] = (struct inbox_to){.org_id = s->org_id, .perm = PERM_PLAN_WRITE};
	if (s->submitter_id) /* a county account may have written for a zone below it */
		out->to[out->nto++] = (struct inbox_to){.user_id = s->submitter_id};
}

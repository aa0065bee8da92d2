/* demo_plan.c - the demo's 一区一策 plans: every sample zone (示例) responsible for a task gets
 * an approved plan with dated milestones, progress reports made before the steps were due and
 * accepted, and, in every fifth plan, a milestone left unfinished past its date; in every third,
 * the latest report still waits for the office's review; all relative to today. Must not write
 * plans other than through store_plan, so that the audit log and the kept sums are as the web app
 * makes them. */
#include "app/demo.h"

#include "core/plan.h"
#include "store/store_org.h"
#include "app/plan_json.h"
#include "util/log.h"

#include <string.h>

/* The milestones every demo plan has, offsets in days from today; varied per plan below. */
static const struct {
	const char *title;
	const char *deliverable;
	int start, due, weight;
} steps[] = {
    {"制定一区一策实施方案", "实施方案（经党工委会议审议）", -120, -60, 20},
    {"出台配套制度文件", "配套制度文件", -59, -5, 30},
    {"组织实施并形成阶段成果", "阶段性成果报告", -4, 45, 30},
    {"总结评估并报送市工作专班", "评估报告", 46, 120, 20},
};
#define NSTEPS (int)(sizeof(steps) / sizeof(steps[0]))

static int seed_plan(struct demo *d, int64_t task_id, int64_t org_id, int variant, int *late)
{
	struct store_milestone ms[NSTEPS];
	char dates[NSTEPS][2][11];
	int64_t plan_id;
	enum store_report_problem problem;
	enum store_plan_problem refused;
	char today_s[11], made[11];
	int rc;

	memset(ms, 0, sizeof(ms));
	plan_day_format(d->today, today_s);
	for (int i = 0; i < NSTEPS; i++) {
		/* a few days' spread between plans; the second step stays before today */
		plan_day_format(d->today + steps[i].start + variant % 4, dates[i][0]);
		plan_day_format(d->today + steps[i].due + variant % 4, dates[i][1]);
		ms[i].title = steps[i].title;
		ms[i].deliverable = steps[i].deliverable;
		ms[i].start_date = dates[i][0];
		ms[i].due_date = dates[i][1];
		ms[i].weight = steps[i].weight;
	}
	if ((rc = store_plan_create(d->s, d->who, &plan_json_audit, task_id, org_id, ms, NSTEPS,
	                            &plan_id)) != KFQ_OK ||
	    (rc = store_plan_act(d->s, d->who, &plan_json_audit, plan_id, PLAN_SUBMIT, NULL,
	                         &refused)) != KFQ_OK ||
	    (rc = store_plan_act(d->s, d->who, &plan_json_audit, plan_id, PLAN_APPROVE, "同意",
	                         &refused)) != KFQ_OK)
		return rc;

	struct arena a;
	struct store_plan p;
	struct milestone_bounds b;
	arena_init(&a);
	milestone_bounds(d->today, &b);
	if ((rc = store_plan_get(d->s, &a, plan_id, &b, &p)) != KFQ_OK)
		goto cleanup;
	/* the first step is done everywhere; the second is done in most plans and left
	 * unfinished past its date in every fifth; the third is under way */
	struct {
		int step;
		const char *status;
		int percent;
		const char *text;
		int before_due; /* made this many days before the step's due date; -1 = today */
	} reports[] = {
	    {0, "done", 100, "实施方案已经党工委会议审议通过并印发。", 3},
	    {1, variant % 5 == 0 ? "in_progress" : "done", variant % 5 == 0 ? 60 : 100,
	     variant % 5 == 0 ? "配套制度正在征求意见，尚未印发。" : "配套制度文件已印发执行。",
	     variant % 5 == 0 ? -1 : 1},
	    {2, "in_progress", 10 + variant * 7 % 50, "正在组织实施，已召开推进会。", -1},
	};
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		struct store_report r = {0};
		int step = reports[i].step;
		/* the latest report of every third plan waits for the office */
		bool wait = i == 2 && variant % 3 == 0;
		r.milestone_id = p.milestones[step].id;
		r.status = reports[i].status;
		r.percent = reports[i].percent;
		r.narrative = reports[i].text;
		if (reports[i].before_due < 0)
			memcpy(made, today_s, sizeof(made));
		else
			plan_day_format(plan_day(dates[step][1]) - reports[i].before_due, made);
		if ((rc = store_report_create(d->s, d->who, &plan_json_audit, &r, org_id, made,
		                              &problem)) != KFQ_OK ||
		    (!wait && (rc = store_report_review(d->s, d->who, &plan_json_audit, r.id, true,
		                                        "已核实", &refused)) != KFQ_OK))
			goto cleanup;
	}
	*late += variant % 5 == 0;
cleanup:
	arena_release(&a);
	return rc;
}

int demo_plan_present(struct demo *d, bool *yes)
{
	struct store_plan_filter f = {0};
	struct milestone_bounds b;
	struct store_plan *plans;
	int64_t total;
	int n, rc;

	milestone_bounds(d->today, &b);
	f.limit = 1;
	rc = store_plan_list(d->s, d->a, &f, &b, &plans, &n, &total);
	*yes = rc == KFQ_OK && total > 0;
	return rc;
}

int demo_plan_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	const struct policy_import_result *r = &d->policy;
	struct store_org *zones;
	int64_t total;
	int nzones, made = 0, late = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK)
		return rc;
	for (int z = 0; z < nzones; z++) {
		if (!zones[z].is_sample)
			continue;
		for (size_t t = 0; t < r->tasks.n_tasks; t++) {
			const struct policy_task *pt = &r->tasks.tasks[t];
			bool responsible = false;
			for (size_t k = 0; k < pt->n_responsible && !responsible; k++)
				responsible = pt->responsible[k] == zones[z].id;
			if (!responsible)
				continue;
			struct store_task_filter tf = {.policy_id = r->policy.id,
			                               .article = pt->article->number};
			struct store_task *found;
			int nfound;
			if ((rc = store_task_list(d->s, d->a, &tf, &found, &nfound, &total)) !=
			    KFQ_OK)
				return rc;
			rc =
			    seed_plan(d, found[0].id, zones[z].id, (int)(t + 3 * (size_t)z), &late);
			if (rc != KFQ_OK)
				return rc;
			made++;
		}
	}
	strbuf_addf(&d->summary,
	            "; %d approved plans with progress for the sample zones; %d with a late "
	            "milestone",
	            made, late);
	return KFQ_OK;
}

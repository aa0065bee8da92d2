/* cmd_demo.c - `kfq demo`: fills a fresh database with a living example for first-time users:
 * imports the seed draft as reform tasks and gives every sample zone (示例) an approved plan per
 * task with dated milestones, progress reports, and a few late milestones, all relative to
 * today. Everything goes through the same store functions (and audit log) as the web app.
 * Must not run against a database that already has plans: it refuses. */
#include "cmd/cmd.h"

#include "api/policy_import.h"
#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_plan.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq demo [--db PATH|URL] [--config FILE] [--policy FILE]\n\n"
    "Imports the policy text (default data/demo/fushun-devzone-reform-draft-2025.txt) and gives\n"
    "each sample zone (示例) a plan per task, with progress and some late milestones, dated from\n"
    "today. Refuses when the database already holds plans.\n";

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

static int seed_plan(struct store *s, const struct store_actor *who, int64_t task_id,
                     int64_t org_id, int variant, int64_t today, int *late)
{
	struct store_milestone ms[NSTEPS];
	char dates[NSTEPS][2][11];
	int64_t plan_id;
	enum store_report_problem problem;
	char today_s[11];
	int rc;

	memset(ms, 0, sizeof(ms));
	plan_day_format(today, today_s);
	for (int i = 0; i < NSTEPS; i++) {
		/* a few days' spread between plans; the second step stays before today */
		plan_day_format(today + steps[i].start + variant % 4, dates[i][0]);
		plan_day_format(today + steps[i].due + variant % 4, dates[i][1]);
		ms[i].title = steps[i].title;
		ms[i].deliverable = steps[i].deliverable;
		ms[i].start_date = dates[i][0];
		ms[i].due_date = dates[i][1];
		ms[i].weight = steps[i].weight;
	}
	if ((rc = store_plan_create(s, who, task_id, org_id, ms, NSTEPS, &plan_id)) != KFQ_OK ||
	    (rc = store_plan_act(s, who, plan_id, PLAN_SUBMIT, NULL)) != KFQ_OK ||
	    (rc = store_plan_act(s, who, plan_id, PLAN_APPROVE, "同意")) != KFQ_OK)
		return rc;

	struct arena a;
	struct store_plan p;
	struct milestone_bounds b;
	arena_init(&a);
	milestone_bounds(today, &b);
	if ((rc = store_plan_get(s, &a, plan_id, &b, &p)) != KFQ_OK)
		goto cleanup;
	/* the first step is done everywhere; the second is done in most plans and left
	 * unfinished past its date in every fifth; the third is under way */
	struct {
		int step;
		const char *status;
		int percent;
		const char *text;
	} reports[] = {
	    {0, "done", 100, "实施方案已经党工委会议审议通过并印发。"},
	    {1, variant % 5 == 0 ? "in_progress" : "done", variant % 5 == 0 ? 60 : 100,
	     variant % 5 == 0 ? "配套制度正在征求意见，尚未印发。" : "配套制度文件已印发执行。"},
	    {2, "in_progress", 10 + variant * 7 % 50, "正在组织实施，已召开推进会。"},
	};
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		struct store_report r = {0};
		r.milestone_id = p.milestones[reports[i].step].id;
		r.status = reports[i].status;
		r.percent = reports[i].percent;
		r.narrative = reports[i].text;
		if ((rc = store_report_create(s, who, &r, org_id, today_s, &problem)) != KFQ_OK ||
		    (rc = store_report_review(s, who, r.id, true, "已核实")) != KFQ_OK)
			goto cleanup;
	}
	*late += variant % 5 == 0;
cleanup:
	arena_release(&a);
	return rc;
}

int cmd_demo(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s;
	struct store_actor who;
	struct policy_import_result r;
	struct store_plan_filter pf = {0};
	struct store_org_filter of = {0};
	struct store_plan *plans;
	struct store_org *zones;
	struct milestone_bounds b;
	struct strbuf text = STRBUF_INIT;
	struct arena a;
	const char *policy = "data/demo/fushun-devzone-reform-draft-2025.txt";
	int64_t total, today = plan_today(time_now());
	int nplans, nzones, made = 0, late = 0, rc, exit = CMD_EXIT_FAIL;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int x = cmd_options_common(&o, argc, argv, &i);
		if (x < 0)
			return CMD_EXIT_USAGE;
		if (x > 0)
			continue;
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			policy = argv[++i];
		else
			return cmd_usage_error("demo", "unexpected argument '%s'", argv[i]);
	}
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	arena_init(&a);
	cmd_actor(&who);
	milestone_bounds(today, &b);
	if ((rc = store_plan_list(s, &a, &pf, &b, &plans, &nplans, &total)) != KFQ_OK)
		goto store_error;
	if (total > 0) {
		fprintf(stderr, "kfq demo: the database already has plans; not adding demo data\n");
		goto cleanup;
	}
	if (cmd_read_file(policy, &text) != KFQ_OK) {
		fprintf(stderr, "kfq demo: cannot read %s\n", policy);
		goto cleanup;
	}
	if (policy_import(s, &a, &who, text.buf, text.len, false, &r) != KFQ_OK) {
		fprintf(stderr, "kfq demo: import failed: %s\n", r.message ? r.message : "");
		goto cleanup;
	}
	of.type = "zone";
	if ((rc = store_org_list(s, &a, &of, &zones, &nzones)) != KFQ_OK)
		goto store_error;
	for (int z = 0; z < nzones; z++) {
		if (!zones[z].is_sample)
			continue;
		for (size_t t = 0; t < r.tasks.n_tasks; t++) {
			const struct policy_task *pt = &r.tasks.tasks[t];
			bool responsible = false;
			for (size_t k = 0; k < pt->n_responsible && !responsible; k++)
				responsible = pt->responsible[k] == zones[z].id;
			if (!responsible)
				continue;
			int64_t task_id;
			struct store_task_filter tf = {.policy_id = r.policy.id,
			                               .article = pt->article->number};
			struct store_task *found;
			int nfound;
			if ((rc = store_task_list(s, &a, &tf, &found, &nfound, &total)) != KFQ_OK)
				goto store_error;
			task_id = found[0].id;
			rc = seed_plan(s, &who, task_id, zones[z].id, (int)(t + 3 * (size_t)z),
			               today, &late);
			if (rc != KFQ_OK)
				goto store_error;
			made++;
		}
	}
	printf("demo: imported %zu tasks; %d approved plans with progress for the sample zones; "
	       "%d with a late milestone\n",
	       r.tasks.n_tasks, made, late);
	exit = CMD_EXIT_OK;
	goto cleanup;
store_error:
	fprintf(stderr, "kfq demo: %s\n", store_errmsg(s));
cleanup:
	strbuf_release(&text);
	arena_release(&a);
	store_close(s);
	return exit;
}

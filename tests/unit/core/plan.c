/* Tests src/core/plan.c: plan validation, milestone states at their boundaries, completion
 * worked by hand. */
#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_validate(void **state)
{
	(void)state;
	struct plan_problem p;
	struct plan_milestone m[3] = {
	    {"制定方案", "方案文本", 0, "张三", "2026-01-01", "2026-03-31", 30},
	    {"组织实施", "实施报告", 0, NULL, "2026-04-01", "2026-09-30", 50},
	    {"总结评估", "评估报告", 0, NULL, "2026-10-01", "2026-12-31", 20},
	};

	assert_int_equal(plan_validate(m, 3, &p), 0);
	m[1].due_date = "2026-03-31"; /* before its start */
	assert_int_equal(plan_validate(m, 3, &p), -1);
	assert_int_equal(p.index, 1);
	assert_string_equal(p.field, "/milestones/1/due_date");
	assert_string_equal(p.message, "完成期限不能早于开始日期");
	m[1].due_date = "2026-09-30";
	m[2].weight = 25; /* 30 + 50 + 25 = 105 */
	assert_int_equal(plan_validate(m, 3, &p), -1);
	assert_int_equal(p.index, -1);
	assert_string_equal(p.field, "/milestones");
	assert_string_equal(p.message, "各节点权重之和应为100，当前为105");
	m[2].weight = 20;
	m[0].start_date = "2026-02-30";
	assert_int_equal(plan_validate(m, 3, &p), -1);
	assert_string_equal(p.field, "/milestones/0/start_date");
	m[0].start_date = "2026-01-01";
	m[2].title = "";
	assert_int_equal(plan_validate(m, 3, &p), -1);
	assert_string_equal(p.field, "/milestones/2/title");
	assert_int_equal(plan_validate(m, 0, &p), -1);
}

static void test_days(void **state)
{
	(void)state;
	char buf[11];
	assert_int_equal(plan_day("1970-01-02"), 1);
	assert_int_equal(plan_day("2026-11-28"), 20785);
	assert_int_equal(plan_day("2026-11-28T00:00:00Z"), -1);
	/* 2026-11-28 16:00 UTC is already 2026-11-29 in Shanghai */
	assert_int_equal(plan_today(20785LL * 86400 + 16 * 3600), 20786);
	assert_int_equal(plan_today(20785LL * 86400 + 15 * 3600 + 3599), 20785);
	plan_day_format(20786, buf);
	assert_string_equal(buf, "2026-11-29");
}

static void test_states(void **state)
{
	(void)state;
	int64_t today = 1000;
	struct milestone_facts f = {
	    .start_day = 900, .due_day = 1100, .done = false, .last_report_day = 990};

	assert_int_equal(milestone_state(&f, today), MILESTONE_ON_TRACK);
	f.due_day = 1007; /* exactly 7 days ahead */
	assert_int_equal(milestone_state(&f, today), MILESTONE_DUE_SOON);
	f.due_day = 1008;
	assert_int_equal(milestone_state(&f, today), MILESTONE_ON_TRACK);
	f.due_day = 1000; /* due today: not yet overdue */
	assert_int_equal(milestone_state(&f, today), MILESTONE_DUE_SOON);
	f.due_day = 999;
	assert_int_equal(milestone_state(&f, today), MILESTONE_OVERDUE);
	f.done = true;
	f.done_day = 999; /* on its due date: 按期完成 */
	assert_int_equal(milestone_state(&f, today), MILESTONE_DONE);
	f.done_day = 1000; /* a day after it: 逾期完成 */
	assert_int_equal(milestone_state(&f, today), MILESTONE_DONE_LATE);
	f.done_day = -1; /* not known (done before the day was kept): on time */
	assert_int_equal(milestone_state(&f, today), MILESTONE_DONE);
	f.closed = true; /* closed by a revision: whatever else holds */
	assert_int_equal(milestone_state(&f, today), MILESTONE_CLOSED);
	f.done = false;
	assert_int_equal(milestone_state(&f, today), MILESTONE_CLOSED);
	f.closed = false;
	f.off_task = true; /* overdue, but its zone was taken off the task: late nowhere */
	assert_int_equal(milestone_state(&f, today), MILESTONE_OFF_TASK);
	f.done = true; /* done before it was taken off: stays done */
	f.done_day = 999;
	assert_int_equal(milestone_state(&f, today), MILESTONE_DONE);
	f.done = false;
	f.off_task = false;
	assert_string_equal(milestone_state_name(MILESTONE_OFF_TASK), "off_task");
	assert_string_equal(milestone_state_name(MILESTONE_DONE_LATE), "done_late");
	assert_string_equal(milestone_state_name(MILESTONE_CLOSED), "closed");
	f.due_day = 1100;
	f.last_report_day = 970; /* 30 days ago: not yet stale */
	assert_int_equal(milestone_state(&f, today), MILESTONE_ON_TRACK);
	f.last_report_day = 969;
	assert_int_equal(milestone_state(&f, today), MILESTONE_STALE);
	f.last_report_day = -1; /* never reported: counted from the start */
	assert_int_equal(milestone_state(&f, today), MILESTONE_STALE);
	f.start_day = 1001; /* not started yet: never stale */
	assert_int_equal(milestone_state(&f, today), MILESTONE_ON_TRACK);
	assert_string_equal(milestone_state_name(MILESTONE_DUE_SOON), "due_soon");

	struct milestone_bounds b;
	milestone_bounds(20785, &b);
	assert_string_equal(b.today, "2026-11-28");
	assert_string_equal(b.soon, "2026-12-05");
	assert_string_equal(b.stale, "2026-10-29");
}

/* milestone_state_iso (dates as stored, against the day's bounds) agrees with milestone_state
 * (day numbers) on every combination around today, across a month's end */
static void test_states_iso(void **state)
{
	(void)state;
	const int64_t today = 20785; /* 2026-11-28 */
	char day[121][11];           /* today - 60 … today + 60 */
	struct milestone_bounds b;
	int n = 0;

	milestone_bounds(today, &b);
	for (int i = 0; i < 121; i++)
		plan_day_format(today - 60 + i, day[i]);
	for (int start = -35; start <= 5; start++)
		for (int due = start; due <= start + 50 && due <= 12; due++)
			for (int last = -36; last <= 0; last++)
				for (int done = 0; done < 4; done++)
					for (int closed = 0; closed < 4; closed++) {
						/* last = -36: never reported; done 1: on an unknown
						 * day, 2: on its due date, 3: a day after it */
						struct milestone_facts f = {
						    .start_day = today + start,
						    .due_day = today + due,
						    .done = done > 0,
						    .done_day =
						        done < 2 ? -1 : today + due + (done - 2),
						    .closed = closed & 1,
						    .off_task = closed >> 1,
						    .last_report_day =
						        last == -36 ? -1 : today + last};
						struct milestone_dates d = {
						    .start = day[60 + start],
						    .due = day[60 + due],
						    .done = done > 0,
						    .done_date = done < 2
						                     ? NULL
						                     : day[60 + due + (done - 2)],
						    .closed = closed & 1,
						    .off_task = closed >> 1,
						    .last_report =
						        last == -36 ? NULL : day[60 + last]};
						assert_int_equal(milestone_state_iso(&d, &b),
						                 milestone_state(&f, today));
						n++;
					}
	assert_true(n > 100000);
	struct milestone_dates d = {.start = "2026-11-01", .due = "2026-11-27"};
	assert_int_equal(milestone_state_iso(&d, &b), MILESTONE_OVERDUE);
}

static void test_completion(void **state)
{
	(void)state;
	int w[3] = {30, 50, 20}, pc[3] = {100, 40, 0};
	/* (30×100 + 50×40 + 20×0) / 100 = 50.00 % */
	assert_int_equal(plan_completion_bp(w, pc, 3), 5000);
	int w2[3] = {1, 1, 1}, p2[3] = {100, 0, 0};
	/* 33.333… % = 3333.33 bp → 3333 */
	assert_int_equal(plan_completion_bp(w2, p2, 3), 3333);
	int p3[3] = {100, 100, 0};
	/* 66.666… % = 6666.67 bp → 6667 (half-up) */
	assert_int_equal(plan_completion_bp(w2, p3, 3), 6667);
	int w4[2] = {1, 1}, p4[2] = {1, 0};
	/* 0.5 % = 50 bp exactly */
	assert_int_equal(plan_completion_bp(w4, p4, 2), 50);
	int w5[3] = {3, 3, 2}, p5[3] = {1, 0, 0};
	/* 3 × 1 × 100 / 8 = 37.5 bp → 38 */
	assert_int_equal(plan_completion_bp(w5, p5, 3), 38);
	assert_int_equal(plan_completion_bp(w, pc, 0), 0);
}

static void test_count_overdue(void **state)
{
	(void)state;
	/* due before today only: the 27th is late on the 28th, the 28th itself is not */
	assert_int_equal(
	    plan_count_overdue("2026-11-28 2026-11-27 2025-01-01 2027-01-01", "2026-11-28"), 2);
	assert_int_equal(plan_count_overdue("", "2026-11-28"), 0);
	assert_int_equal(plan_count_overdue("  2026-11-01  ", "2026-11-28"), 1);
	/* not dates: never counted */
	assert_int_equal(plan_count_overdue("2026-13-01 2026-11-2 x 2026-11-011", "2026-11-28"), 0);
}

static void test_task_state(void **state)
{
	(void)state;
	assert_int_equal(plan_task_state(0, 0, 0, 0), TASK_NOT_STARTED);
	assert_int_equal(plan_task_state(0, 0, 0, 3), TASK_NOT_STARTED);
	/* late wins over everything else, even 100 % (a milestone reported at 100 % not done) */
	assert_int_equal(plan_task_state(2, 10000, 1, 0), TASK_OVERDUE);
	assert_int_equal(plan_task_state(2, 9999, 0, 0), TASK_IN_PROGRESS);
	assert_int_equal(plan_task_state(1, 10000, 0, 0), TASK_DONE);
	/* one zone's plan done while another responsible zone has none: not done */
	assert_int_equal(plan_task_state(1, 10000, 0, 1), TASK_IN_PROGRESS);
	assert_string_equal(plan_task_state_name(TASK_IN_PROGRESS), "in_progress");
	assert_string_equal(plan_task_state_label(TASK_OVERDUE), "有逾期");
	assert_int_equal(plan_task_state_parse("done"), TASK_DONE);
	assert_int_equal(plan_task_state_parse("not_started"), TASK_NOT_STARTED);
	assert_int_equal(plan_task_state_parse("late"), -1);
	assert_int_equal(plan_task_state_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_validate),   cmocka_unit_test(test_days),
	    cmocka_unit_test(test_states),     cmocka_unit_test(test_states_iso),
	    cmocka_unit_test(test_completion), cmocka_unit_test(test_count_overdue),
	    cmocka_unit_test(test_task_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

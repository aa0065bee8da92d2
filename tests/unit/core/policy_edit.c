/* Tests src/core/policy_edit.c: a corrected preview of a short labelled text into tasks — a
 * merge of items whose units came from different places, a split whose pieces are cut at a
 * line break (the blanks trimmed off each piece), the deadline read as the parser reads it —
 * and the organization rules PUT /api/tasks/:id/orgs shares. */
#include "core/policy_edit.h"
#include "policy_check.h"
#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_merge_split_deadline(void **state)
{
	struct arena a;
	struct policy_doc d;
	struct policy_tasks out;
	struct policy_edit_error err;
	const int64_t i01[] = {0, 1}, i2[] = {2}, lead1[] = {1}, lead3[] = {3}, resp2[] = {2};
	const struct policy_edit_task e[] = {
	    {i01, 2, "甲乙合并", NULL, lead1, 1, resp2, 1, "第三季度"},
	    {i2, 1, "丙一", " 先做丙一。", lead3, 1, NULL, 0, NULL},
	    {i2, 1, "丙二", "再做丙二。\n", lead3, 1, NULL, 0, "2027年"},
	};
	(void)state;

	arena_init(&a);
	policy_check_parse(policy_check_edit_text, &a, &d);
	assert_int_equal(d.n_articles, 3);
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, e, 3, &a, &out, &err),
	                 KFQ_OK);
	assert_int_equal(out.n_tasks, 3);
	assert_int_equal(out.n_warnings, 0);
	const struct policy_article *m = out.tasks[0].article;
	assert_string_equal(m->short_title, "甲乙合并");
	assert_string_equal(m->body, "做甲。\n乙事项。做乙。");
	policy_check_units(m->lead_units, m->n_lead_units, UNITS("市商务局"));
	policy_check_units(m->responsible_units, m->n_responsible_units,
	                   UNITS("市发改委", "市财政局"));
	assert_int_equal(m->unit_source, POLICY_UNITS_MIXED);
	assert_string_equal(m->deadline, "第三季度");
	assert_string_equal(m->deadline_date, "2026-09-30");
	assert_int_equal(out.tasks[0].n_lead, 1);
	assert_int_equal(out.tasks[0].lead[0], 1);
	assert_int_equal(out.tasks[0].responsible[0], 2);
	assert_string_equal(out.tasks[1].article->body, " 先做丙一。");
	assert_null(out.tasks[1].article->deadline);
	assert_null(out.tasks[1].article->deadline_date);
	assert_string_equal(out.tasks[2].article->deadline_date, "2027-12-31");
	assert_int_equal(out.tasks[2].article->number, 3);
	arena_release(&a);
}

/* A deadline the office typed with a day its month does not have is said in a warning, as the
 * parser says it; the parser's own deadline, kept unchanged, is not said twice. */
static void test_bad_day(void **state)
{
	struct arena a;
	struct policy_doc d;
	struct policy_tasks out;
	struct policy_edit_error err;
	const int64_t i0[] = {0}, i1[] = {1}, i2[] = {2}, lead1[] = {1}, lead3[] = {3};
	const struct policy_edit_task e[] = {
	    {i0, 1, "甲", NULL, lead1, 1, NULL, 0, "2026年2月30日前"},
	    {i1, 1, "乙", NULL, lead1, 1, NULL, 0, "2026年4月31日、9月底前"},
	    {i2, 1, "丙", NULL, lead3, 1, NULL, 0, "6月底前"},
	};
	(void)state;

	arena_init(&a);
	policy_check_parse(policy_check_edit_text, &a, &d);
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, e, 3, &a, &out, &err),
	                 KFQ_OK);
	assert_null(out.tasks[0].article->deadline_date);
	assert_string_equal(out.tasks[1].article->deadline_date, "2026-09-30");
	assert_string_equal(out.tasks[2].article->deadline_date, "2026-06-30");
	assert_int_equal(out.n_warnings, 2);
	assert_string_equal(out.warnings[0].message,
	                    "第1条：完成时限“2026年2月30日前”中的日期不存在，未换算为日期");
	assert_int_equal(out.warnings[0].line, 3);
	assert_string_equal(
	    out.warnings[1].message,
	    "第2条：完成时限“2026年4月31日、9月底前”中有不存在的日期，已按其余时限定为 "
	    "2026-09-30");
	arena_release(&a);
}

static void test_refusals(void **state)
{
	struct arena a;
	struct policy_doc d;
	struct policy_tasks out;
	struct policy_edit_error err;
	const int64_t i0[] = {0}, i2[] = {2}, lead1[] = {1}, two[] = {2, 1}, nine[] = {9};
	(void)state;

	arena_init(&a);
	policy_check_parse(policy_check_edit_text, &a, &d);
	struct policy_edit_task e = {i0, 1, "甲", NULL, lead1, 1, two, 2, NULL};
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, &e, 1, &a, &out, &err),
	                 KFQ_EINVAL);
	assert_string_equal(err.field, "/tasks/0/responsible_org_ids/1");
	assert_string_equal(err.message, "“市商务局”已是牵头单位");
	e.responsible = nine;
	e.n_responsible = 1;
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, &e, 1, &a, &out, &err),
	                 KFQ_EINVAL);
	assert_string_equal(err.field, "/tasks/0/responsible_org_ids/0");
	assert_string_equal(err.message, "机构不存在");
	/* a supervisory body neither leads nor does a task (DECISIONS 329) */
	const int64_t audit[] = {5};
	e.responsible = audit;
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, &e, 1, &a, &out, &err),
	                 KFQ_EINVAL);
	assert_string_equal(err.field, "/tasks/0/responsible_org_ids/0");
	assert_string_equal(err.message,
	                    "市审计局是监督机构，监督改革任务的落实，不能作为牵头单位或责任单位");
	/* one piece of a split alone is no split: its body is refused */
	struct policy_edit_task one = {i2, 1, "丙", "先做丙一。", lead1, 1, NULL, 0, NULL};
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, &one, 1, &a, &out, &err),
	                 KFQ_EINVAL);
	assert_string_equal(err.field, "/tasks/0/body");
	assert_string_equal(err.message, "只有拆分出的任务才填写正文，其余任务的正文取自原文");
	arena_release(&a);
}

static void test_orgs_rule(void **state)
{
	const int64_t lead[] = {1, 2}, resp[] = {3, 3}, resp2[] = {3, 2};
	bool in_resp = false;
	size_t at = 9;
	(void)state;

	assert_int_equal(policy_orgs_check(lead, 2, resp, 2, &in_resp, &at), POLICY_ORGS_REPEATED);
	assert_true(in_resp);
	assert_int_equal(at, 1);
	assert_int_equal(policy_orgs_check(lead, 0, resp, 1, &in_resp, &at), POLICY_ORGS_NO_LEAD);
	assert_int_equal(policy_orgs_check(lead, 2, resp2, 2, &in_resp, &at),
	                 POLICY_ORGS_ALREADY_LEAD);
	assert_int_equal(at, 1);
	assert_int_equal(policy_orgs_check(lead, 2, resp2, 1, &in_resp, &at), POLICY_ORGS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merge_split_deadline),
	    cmocka_unit_test(test_bad_day),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_orgs_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for core/plan_step.c: each workflow step's kind, text, link, entity and
 * recipients (reviewers by scope for submissions; the organization's writers and the submitter
 * for reviews). */
#include "core/account.h"
#include "core/plan_step.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct plan_step_subject subject = {
    .plan_id = 12,
    .org_id = 3,
    .org_name = "抚顺经济开发区（示例）",
    .article_number = 2,
    .task_title = "聚焦主责主业",
    .version = 3,
    .report_id = 40,
    .milestone_id = 7,
    .milestone_title = "组织实施",
    .submitter_id = 9,
    .comment = "请细化节点",
};

static void test_submissions_go_to_reviewers(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;

	arena_init(&a);
	plan_step_item(PLAN_STEP_SUBMITTED, &subject, &a, &it);
	assert_string_equal(it.kind, "plan_submitted");
	assert_string_equal(it.title,
	                    "一区一策计划待审核：第2条「聚焦主责主业」（抚顺经济开发区（示例））");
	assert_string_equal(it.link, "/plans/12");
	assert_string_equal(it.entity_type, "plan");
	assert_int_equal(it.entity_id, 12);
	assert_null(it.dedupe_key); /* one per step */
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].perm, PERM_PLAN_REVIEW);
	assert_int_equal(it.to[0].scope_of, 3);
	assert_int_equal(it.to[0].org_id, 0);
	assert_int_equal(it.to[0].user_id, 0);

	plan_step_item(REVISION_STEP_SUBMITTED, &subject, &a, &it);
	assert_string_equal(it.kind, "revision_submitted");
	/* a submission carries no comment */
	assert_string_equal(
	    it.title, "计划修订（第3版）待审核：第2条「聚焦主责主业」（抚顺经济开发区（示例））");

	plan_step_item(REPORT_STEP_SUBMITTED, &subject, &a, &it);
	assert_string_equal(it.kind, "report_submitted");
	assert_string_equal(
	    it.title,
	    "进展报告待审核：第2条「聚焦主责主业」节点「组织实施」（抚顺经济开发区（示例））");
	assert_string_equal(it.link, "/milestones/7");
	assert_string_equal(it.entity_type, "report");
	assert_int_equal(it.entity_id, 40);
	assert_int_equal(it.to[0].perm, PERM_PLAN_REVIEW);
	arena_release(&a);
}

static void test_reviews_go_to_the_zone(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct plan_step_subject s = subject;

	arena_init(&a);
	plan_step_item(PLAN_STEP_RETURNED, &s, &a, &it);
	assert_string_equal(it.kind, "plan_returned");
	assert_string_equal(it.title, "一区一策计划被退回：第2条「聚焦主责主业」（抚顺经济开发区（"
	                              "示例）），意见：请细化节点");
	assert_int_equal(it.nto, 2);
	assert_int_equal(it.to[0].org_id, 3);
	assert_int_equal(it.to[0].perm, PERM_PLAN_WRITE);
	assert_int_equal(it.to[1].user_id, 9);

	s.comment = "";
	s.submitter_id = 0; /* not known: the organization alone */
	plan_step_item(REVISION_STEP_APPROVED, &s, &a, &it);
	assert_string_equal(it.kind, "revision_approved");
	assert_string_equal(
	    it.title, "计划修订（第3版）已批准：第2条「聚焦主责主业」（抚顺经济开发区（示例））");
	assert_int_equal(it.nto, 1);

	plan_step_item(REPORT_STEP_ACCEPTED, &subject, &a, &it);
	assert_string_equal(it.kind, "report_accepted");
	assert_string_equal(it.title,
	                    "进展报告已审核通过：第2条「聚焦主责主业」节点「组织实施」（抚顺经济"
	                    "开发区（示例）），意见：请细化节点");
	plan_step_item(REPORT_STEP_RETURNED, &subject, &a, &it);
	assert_string_equal(it.kind, "report_returned");
	plan_step_item(PLAN_STEP_APPROVED, &subject, &a, &it);
	assert_string_equal(it.kind, "plan_approved");
	plan_step_item(REVISION_STEP_RETURNED, &subject, &a, &it);
	assert_string_equal(it.kind, "revision_returned");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_submissions_go_to_reviewers),
	    cmocka_unit_test(test_reviews_go_to_the_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

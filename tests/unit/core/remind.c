/* Tests src/core/remind.c: which facts call for a reminder on a given day, at the window
 * boundaries, and the exact kind, dedupe key, link and text of each item. */
#include "core/account.h"
#include "core/remind.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* 2026-11-28 */
#define TODAY 20785

static void test_bounds(void **state)
{
	(void)state;
	struct remind_bounds b;

	remind_bounds(TODAY, &b);
	assert_string_equal(b.ms.today, "2026-11-28");
	assert_string_equal(b.ms.soon, "2026-12-05");
	assert_string_equal(b.notice_soon, "2026-11-30");
}

static struct remind_fact milestone(const char *due)
{
	struct remind_fact f = {
	    .source = REMIND_MILESTONE,
	    .id = 7,
	    .org_id = 3,
	    .article_number = 2,
	    .task_title = "聚焦主责主业",
	    .title = "组织实施",
	    .date = due,
	    .milestone_id = 7,
	};
	return f;
}

static void test_milestones(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct remind_fact f;

	arena_init(&a);
	f = milestone("2026-11-25");
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	/* the plan's organization, everyone in it */
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 3);
	assert_int_equal(it.to[0].perm, 0);
	assert_string_equal(it.entity_type, "milestone");
	assert_int_equal(it.entity_id, 7);
	assert_string_equal(it.kind, "overdue");
	assert_string_equal(it.dedupe_key, "overdue:m7:2026-11-28");
	assert_string_equal(it.link, "/milestones/7");
	assert_string_equal(it.title,
	                    "已逾期3天：第2条「聚焦主责主业」节点「组织实施」，完成期限2026-11-25");
	/* the next day: a new key, so a new item */
	assert_true(remind_item_for(&f, TODAY + 1, &a, &it));
	assert_string_equal(it.dedupe_key, "overdue:m7:2026-11-29");
	assert_string_equal(it.title,
	                    "已逾期4天：第2条「聚焦主责主业」节点「组织实施」，完成期限2026-11-25");

	f = milestone("2026-11-28");
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	assert_string_equal(it.kind, "due_soon");
	assert_string_equal(it.dedupe_key, "due_soon:m7:2026-11-28");
	assert_string_equal(it.title,
	                    "今日到期：第2条「聚焦主责主业」节点「组织实施」，完成期限2026-11-28");

	f = milestone("2026-12-05"); /* exactly 7 days ahead */
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	assert_string_equal(it.kind, "due_soon");
	assert_string_equal(it.dedupe_key, "due_soon:m7:2026-12-05");
	assert_string_equal(
	    it.title, "还有7天到期：第2条「聚焦主责主业」节点「组织实施」，完成期限2026-12-05");
	/* the same key on every day of the window: one item per due date */
	assert_true(remind_item_for(&f, TODAY + 3, &a, &it));
	assert_string_equal(it.dedupe_key, "due_soon:m7:2026-12-05");

	f = milestone("2026-12-06");
	assert_false(remind_item_for(&f, TODAY, &a, &it));
	f = milestone("not a date");
	assert_false(remind_item_for(&f, TODAY, &a, &it));
	arena_release(&a);
}

static void test_returned(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct remind_fact plan = {
	    .source = REMIND_PLAN_RETURNED,
	    .id = 4,
	    .org_id = 3,
	    .article_number = 2,
	    .task_title = "聚焦主责主业",
	    .date = "2026-11-20T02:00:00Z",
	};
	struct remind_fact report = {
	    .source = REMIND_REPORT_RETURNED,
	    .id = 9,
	    .org_id = 3,
	    .article_number = 2,
	    .task_title = "聚焦主责主业",
	    .title = "组织实施",
	    .date = "2026-11-21T03:04:05Z",
	    .milestone_id = 7,
	};

	arena_init(&a);
	assert_true(remind_item_for(&plan, TODAY, &a, &it));
	assert_string_equal(it.kind, "returned");
	assert_string_equal(it.dedupe_key, "returned:p4:2026-11-20T02:00:00Z");
	assert_string_equal(it.link, "/plans/4");
	assert_string_equal(it.title, "计划被退回：第2条「聚焦主责主业」，请修改后重新提交");
	assert_int_equal(it.to[0].org_id, 3);
	assert_true(remind_item_for(&report, TODAY, &a, &it));
	assert_string_equal(it.kind, "returned");
	assert_string_equal(it.dedupe_key, "returned:r9:2026-11-21T03:04:05Z");
	assert_string_equal(it.link, "/milestones/7");
	assert_string_equal(
	    it.title, "进展报告被退回：第2条「聚焦主责主业」节点「组织实施」，请补充后重新填报");
	arena_release(&a);
}

static void test_notice_due(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct remind_fact f = {
	    .source = REMIND_NOTICE_DUE,
	    .id = 5,
	    .org_id = 3,
	    .article_number = 2,
	    .task_title = "聚焦主责主业",
	    .title = "加快推进园区整合",
	    .number = "督办〔2026〕3号",
	};

	arena_init(&a);
	f.date = "2026-11-30"; /* two days ahead: inside the window */
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	assert_string_equal(it.kind, "notice_due_soon");
	assert_string_equal(it.dedupe_key, "notice_due_soon:n5:2026-11-30");
	assert_string_equal(it.link, "/notices/5");
	assert_string_equal(it.title,
	                    "督办〔2026〕3号还有2天到期，请于2026年11月30日前反馈办理情况");
	f.date = "2026-12-01";
	assert_false(remind_item_for(&f, TODAY, &a, &it));
	f.date = "2026-11-28";
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	assert_string_equal(it.title, "督办〔2026〕3号今日到期，请于2026年11月28日前反馈办理情况");
	f.date = "2026-11-26";
	assert_true(remind_item_for(&f, TODAY, &a, &it));
	assert_string_equal(it.kind, "notice_overdue");
	assert_string_equal(it.dedupe_key, "notice_overdue:n5:2026-11-28");
	assert_string_equal(
	    it.title, "督办〔2026〕3号已超过反馈期限2天（2026年11月26日），请尽快反馈办理情况");
	arena_release(&a);
}

static void test_notice_events(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct remind_notice n = {
	    .id = 5,
	    .number = "督办〔2026〕3号",
	    .org_id = 3,
	    .org_name = "抚顺经济开发区（示例）",
	    .subject = "加快推进园区整合",
	    .reply_due = "2026-12-05",
	    .reply_id = 9,
	};

	arena_init(&a);
	remind_notice_item(REMIND_NOTICE_ISSUED, &n, &a, &it);
	assert_int_equal(it.to[0].org_id, 3);
	assert_string_equal(it.kind, "notice");
	assert_string_equal(it.dedupe_key, "notice:n5");
	assert_string_equal(it.link, "/notices/5");
	assert_string_equal(
	    it.title, "收到督办通知：督办〔2026〕3号 "
	              "关于加快推进园区整合的督办通知，请签收并于2026年12月5日前反馈办理情况");
	remind_notice_item(REMIND_NOTICE_REPLIED, &n, &a, &it);
	/* to those who close notices, whatever their organization */
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 0);
	assert_int_equal(it.to[0].perm, PERM_NOTICE_ISSUE);
	assert_string_equal(it.kind, "notice_replied");
	assert_string_equal(it.dedupe_key, "notice_replied:n5:r9");
	assert_string_equal(it.title, "督办〔2026〕3号已反馈：抚顺经济开发区（示例）");
	remind_notice_item(REMIND_NOTICE_CLOSED, &n, &a, &it);
	assert_int_equal(it.to[0].org_id, 3);
	assert_string_equal(it.kind, "notice_closed");
	assert_string_equal(it.dedupe_key, "notice_closed:n5");
	assert_string_equal(it.title, "督办〔2026〕3号已办结");
	/* a copy goes to the organization the caller names, saying whom the notice addresses */
	n.org_id = 7;
	remind_notice_item(REMIND_NOTICE_COPIED, &n, &a, &it);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 7);
	assert_string_equal(it.entity_type, "notice");
	assert_int_equal(it.entity_id, 5);
	assert_string_equal(it.kind, "notice_cc");
	assert_string_equal(it.dedupe_key, "notice_cc:n5");
	assert_string_equal(it.title,
	                    "抄送督办通知：督办〔2026〕3号 "
	                    "关于加快推进园区整合的督办通知（主送：抚顺经济开发区（示例））");
	remind_notice_item(REMIND_NOTICE_ESCALATED, &n, &a, &it);
	assert_string_equal(it.kind, "notice_escalated");
	assert_string_equal(it.dedupe_key, "notice_escalated:n5");
	assert_string_equal(it.title, "督办〔2026〕3号已升级督办");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bounds),        cmocka_unit_test(test_milestones),
	    cmocka_unit_test(test_returned),      cmocka_unit_test(test_notice_due),
	    cmocka_unit_test(test_notice_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

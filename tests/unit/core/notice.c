/* Tests src/core/notice.c: the status machine in every state, with and without receipt, numbers
 * with their 机关代字, reply dates and overdue at their boundaries, titles. */
#include "core/notice.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* 2026-11-28 */
#define TODAY 20785

static void moves(const char *status, bool received, enum notice_action action, const char *want)
{
	const char *got = notice_next_status(status, received, action);

	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
}

static void test_machine(void **state)
{
	(void)state;
	/* a draft is edited or issued, nothing else */
	moves("draft", false, NOTICE_EDIT, "draft");
	moves("draft", false, NOTICE_ISSUE, "open");
	moves("draft", false, NOTICE_RECEIVE, NULL);
	moves("draft", false, NOTICE_REPLY, NULL);
	moves("draft", false, NOTICE_CLOSE, NULL);
	moves("draft", false, NOTICE_ESCALATE, NULL);
	/* issued: signed for before any reply */
	moves("open", false, NOTICE_EDIT, NULL);
	moves("open", false, NOTICE_ISSUE, NULL);
	moves("open", false, NOTICE_REPLY, NULL);
	moves("open", false, NOTICE_RECEIVE, "received");
	moves("open", false, NOTICE_CLOSE, "closed");
	moves("open", false, NOTICE_ESCALATE, "escalated");
	moves("received", true, NOTICE_RECEIVE, NULL);
	moves("received", true, NOTICE_REPLY, "replied");
	moves("received", true, NOTICE_CLOSE, "closed");
	moves("received", true, NOTICE_ESCALATE, "escalated");
	/* replies go on, each kept */
	moves("replied", true, NOTICE_REPLY, "replied");
	moves("replied", true, NOTICE_RECEIVE, NULL);
	moves("replied", true, NOTICE_CLOSE, "closed");
	moves("replied", true, NOTICE_ESCALATE, "escalated");
	/* escalated stays escalated through receipt and replies, in that order, once */
	moves("escalated", false, NOTICE_RECEIVE, "escalated");
	moves("escalated", false, NOTICE_REPLY, NULL);
	moves("escalated", true, NOTICE_RECEIVE, NULL);
	moves("escalated", true, NOTICE_REPLY, "escalated");
	moves("escalated", true, NOTICE_CLOSE, "closed");
	moves("escalated", false, NOTICE_CLOSE, "closed");
	moves("escalated", true, NOTICE_ESCALATE, NULL);
	moves("escalated", false, NOTICE_EDIT, NULL);
	/* nothing after closed */
	for (int a = NOTICE_EDIT; a <= NOTICE_ESCALATE; a++) {
		moves("closed", true, (enum notice_action)a, NULL);
		moves("closed", false, (enum notice_action)a, NULL);
	}
	moves(NULL, false, NOTICE_CLOSE, NULL);
	moves("bogus", false, NOTICE_CLOSE, NULL);

	assert_string_equal(notice_refusal("open", false, NOTICE_REPLY),
	                    "请先签收督办单，再反馈办理情况");
	assert_string_equal(notice_refusal("escalated", false, NOTICE_REPLY),
	                    "请先签收督办单，再反馈办理情况");
	assert_string_equal(notice_refusal("received", true, NOTICE_RECEIVE), "督办单已签收");
	assert_string_equal(notice_refusal("draft", false, NOTICE_RECEIVE), "督办单尚未下发");
	assert_string_equal(notice_refusal("open", false, NOTICE_EDIT),
	                    "督办单已下发，不能再修改或删除");
	assert_string_equal(notice_refusal("open", false, NOTICE_ISSUE), "督办单已下发");
	assert_string_equal(notice_refusal("closed", true, NOTICE_REPLY),
	                    "督办单已办结，不能再办理");
	assert_string_equal(notice_refusal("escalated", true, NOTICE_ESCALATE), "督办单已升级");
	assert_string_equal(notice_refusal("draft", false, NOTICE_CLOSE),
	                    "督办单尚未下发，不能办结");

	assert_true(notice_status_valid("draft"));
	assert_true(notice_status_valid("received"));
	assert_true(notice_status_valid("escalated"));
	assert_false(notice_status_valid("done"));
	assert_false(notice_status_valid(NULL));
	assert_string_equal(notice_status_label("draft"), "拟稿");
	assert_string_equal(notice_status_label("open"), "待签收");
	assert_string_equal(notice_status_label("received"), "已签收");
	assert_string_equal(notice_status_label("replied"), "已反馈");
	assert_string_equal(notice_status_label("closed"), "已办结");
	assert_string_equal(notice_status_label("escalated"), "已升级");
	assert_string_equal(notice_status_label("other"), "other");
}

static void test_number(void **state)
{
	(void)state;
	char buf[NOTICE_NUMBER_MAX];

	/* the statement that takes the seq appends it and NOTICE_NUMBER_END (督办〔2026〕12号,
	 * tests/api/notice.test.js) */
	notice_number_head(NOTICE_CODE, 2026, buf);
	assert_string_equal(buf, "督办〔2026〕");
	notice_number_head("抚开改办督", 2027, buf);
	assert_string_equal(buf, "抚开改办督〔2027〕");
	assert_string_equal(NOTICE_NUMBER_END, "号");
	assert_true(notice_code_valid("督办"));
	assert_true(notice_code_valid("抚开改办督"));
	assert_true(notice_code_valid("一二三四五六七八九十一二三四五六"));
	assert_false(notice_code_valid("一二三四五六七八九十一二三四五六七"));
	assert_false(notice_code_valid(""));
	assert_false(notice_code_valid(NULL));
	assert_false(notice_code_valid("FK督"));
	assert_false(notice_code_valid("督办〔"));
	assert_false(notice_code_valid("督\u3000办"));
	assert_false(notice_code_valid("督 办"));
	assert_false(notice_code_valid("\xe7\x9d"));
	/* the year of the Shanghai date: 2025-12-31 16:00 UTC is already 2026 there */
	assert_int_equal(notice_year(plan_today(20453LL * 86400 + 16 * 3600)), 2026);
	assert_int_equal(notice_year(plan_today(20453LL * 86400 + 15 * 3600 + 3599)), 2025);
	assert_int_equal(notice_year(20454), 2026); /* 2026-01-01 */
	assert_int_equal(notice_year(0), 1970);
}

static void test_due(void **state)
{
	(void)state;
	assert_int_equal(notice_reply_due_check("2026-11-28", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_OK);
	assert_int_equal(notice_reply_due_check("2027-01-01", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_OK);
	assert_int_equal(notice_reply_due_check("2026-11-27", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_PAST);
	assert_int_equal(notice_reply_due_check("2026-02-30", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_INVALID);
	assert_int_equal(notice_reply_due_check("2026/11/28", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_INVALID);
	assert_int_equal(notice_reply_due_check("2026-11-28T00:00:00Z", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_INVALID);
	assert_int_equal(notice_reply_due_check("", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_INVALID);
	assert_int_equal(notice_reply_due_check(NULL, TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_INVALID);
	/* the horizon: 366 days after 2026-11-28 is 2027-11-29, the day after is too far */
	assert_int_equal(notice_reply_due_check("2027-11-29", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_OK);
	assert_int_equal(notice_reply_due_check("2027-11-30", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_TOO_FAR);
	assert_int_equal(notice_reply_due_check("9999-12-31", TODAY, NOTICE_HORIZON_DAYS),
	                 NOTICE_DUE_TOO_FAR);
	assert_int_equal(notice_reply_due_check("2026-11-28", TODAY, 0), NOTICE_DUE_OK);
	assert_int_equal(notice_reply_due_check("2026-11-29", TODAY, 0), NOTICE_DUE_TOO_FAR);

	/* due today is not yet overdue; the day after it is */
	assert_false(notice_overdue("open", false, "2026-11-28", TODAY));
	assert_true(notice_overdue("open", false, "2026-11-27", TODAY));
	assert_true(notice_overdue("escalated", false, "2026-11-27", TODAY));
	assert_false(notice_overdue("escalated", true, "2026-11-27", TODAY));
	assert_false(notice_overdue("replied", true, "2026-11-01", TODAY));
	assert_false(notice_overdue("closed", false, "2026-11-01", TODAY));
	assert_false(notice_overdue("draft", false, "2026-11-01", TODAY));
	assert_true(notice_overdue("received", false, "2026-11-27", TODAY));
	assert_false(notice_overdue("open", false, "bad", TODAY));
}

static void title_is(const char *subject, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	notice_title(subject, &sb);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_title(void **state)
{
	(void)state;
	title_is("加快推进园区整合", "关于加快推进园区整合的督办通知");
	title_is("关于加快推进园区整合", "关于加快推进园区整合的督办通知");
	title_is("关于加快推进园区整合的督办通知", "关于加快推进园区整合的督办通知");
	title_is("园区整合督办通知", "关于园区整合督办通知");
	title_is("<script>", "关于<script>的督办通知"); /* escaping is the page's job */
	/* 督办 once, whatever the subject says */
	title_is("关于加快推进“X”的督办单", "关于加快推进“X”的督办通知");
	title_is("加快推进“X”督办函", "关于加快推进“X”督办通知");
	title_is("督办：加快推进园区整合", "关于加快推进园区整合的督办通知");
	title_is("督办:关于园区整合的督办通知", "关于园区整合的督办通知");
	title_is("督办园区整合进度", "关于督办园区整合进度的通知");
	title_is("督办", "关于督办的通知");
	title_is("督办：", "关于的督办通知");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_machine),
	    cmocka_unit_test(test_number),
	    cmocka_unit_test(test_due),
	    cmocka_unit_test(test_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

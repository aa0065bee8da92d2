/* Tests src/core/notice.c: the status machine in every state, numbers, reply dates and overdue
 * at their boundaries, Chinese dates worked by hand, titles. */
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

static void test_machine(void **state)
{
	(void)state;
	assert_string_equal(notice_next_status("open", NOTICE_REPLY), "replied");
	assert_string_equal(notice_next_status("open", NOTICE_CLOSE), "closed");
	assert_string_equal(notice_next_status("open", NOTICE_ESCALATE), "escalated");
	assert_string_equal(notice_next_status("replied", NOTICE_REPLY), "replied");
	assert_string_equal(notice_next_status("replied", NOTICE_CLOSE), "closed");
	assert_string_equal(notice_next_status("replied", NOTICE_ESCALATE), "escalated");
	/* an escalated notice stays escalated when answered, and is escalated only once */
	assert_string_equal(notice_next_status("escalated", NOTICE_REPLY), "escalated");
	assert_string_equal(notice_next_status("escalated", NOTICE_CLOSE), "closed");
	assert_null(notice_next_status("escalated", NOTICE_ESCALATE));
	assert_null(notice_next_status("closed", NOTICE_REPLY));
	assert_null(notice_next_status("closed", NOTICE_CLOSE));
	assert_null(notice_next_status("closed", NOTICE_ESCALATE));
	assert_null(notice_next_status("draft", NOTICE_REPLY));
	assert_null(notice_next_status(NULL, NOTICE_CLOSE));
	assert_string_equal(notice_refusal("closed", NOTICE_REPLY), "督办单已办结，不能再反馈");
	assert_string_equal(notice_refusal("escalated", NOTICE_ESCALATE), "督办单已升级");

	assert_true(notice_status_valid("open"));
	assert_true(notice_status_valid("escalated"));
	assert_false(notice_status_valid("done"));
	assert_false(notice_status_valid(NULL));
	assert_string_equal(notice_status_label("open"), "待反馈");
	assert_string_equal(notice_status_label("replied"), "已反馈");
	assert_string_equal(notice_status_label("closed"), "已办结");
	assert_string_equal(notice_status_label("escalated"), "已升级");
	assert_string_equal(notice_status_label("other"), "other");
}

static void test_number(void **state)
{
	(void)state;
	char buf[NOTICE_NUMBER_MAX];

	notice_number(2026, 1, buf);
	assert_string_equal(buf, "督办〔2026〕1号");
	notice_number(2026, 12, buf);
	assert_string_equal(buf, "督办〔2026〕12号");
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
	assert_false(notice_overdue("open", false, "bad", TODAY));
}

static void test_dates(void **state)
{
	(void)state;
	char buf[NOTICE_DATE_CN_MAX];

	notice_date_cn(TODAY, buf);
	assert_string_equal(buf, "二〇二六年十一月二十八日");
	notice_date_cn(20454, buf); /* 2026-01-01 */
	assert_string_equal(buf, "二〇二六年一月一日");
	notice_date_cn(20736, buf); /* 2026-10-10 */
	assert_string_equal(buf, "二〇二六年十月十日");
	notice_date_cn(20818, buf); /* 2026-12-31 */
	assert_string_equal(buf, "二〇二六年十二月三十一日");
	notice_date_cn(20532, buf); /* 2026-03-20 */
	assert_string_equal(buf, "二〇二六年三月二十日");
	notice_date_cn(20588, buf); /* 2026-05-15 */
	assert_string_equal(buf, "二〇二六年五月十五日");
	notice_date_cn(11016, buf); /* 2000-02-29 */
	assert_string_equal(buf, "二〇〇〇年二月二十九日");
	notice_date_plain(20792, buf); /* 2026-12-05 */
	assert_string_equal(buf, "2026年12月5日");
	notice_date_plain(20818, buf);
	assert_string_equal(buf, "2026年12月31日");
	assert_int_equal(plan_day("2026-12-05"), 20792);
	assert_int_equal(plan_day("2026-10-10"), 20736);
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_machine), cmocka_unit_test(test_number),
	    cmocka_unit_test(test_due),     cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

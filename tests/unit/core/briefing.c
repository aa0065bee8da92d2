/* Tests src/core/briefing.c: the week of a day (Monday to Sunday) and its ISO 8601 number at the
 * turn of the year, its bounds in Shanghai time, the due dates that became late in it, and the
 * summary and title lines, all worked by hand. */
#include "core/briefing.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void week_is(const char *day, const char *monday, const char *sunday, int year, int week)
{
	struct briefing_week w;
	char m[11], s[11];

	briefing_week(plan_day(day), &w);
	plan_day_format(w.monday, m);
	plan_day_format(w.sunday, s);
	assert_string_equal(m, monday);
	assert_string_equal(s, sunday);
	assert_int_equal(w.year, year);
	assert_int_equal(w.week, week);
}

static void test_week(void **state)
{
	(void)state;
	/* 2026-11-30 is a Monday; its Thursday 12-03 is day 337 of 2026, whose 1 January was a
	 * Thursday: (337 - 1) / 7 + 1 = 49 */
	week_is("2026-11-30", "2026-11-30", "2026-12-06", 2026, 49);
	week_is("2026-12-06", "2026-11-30", "2026-12-06", 2026, 49);
	week_is("2026-11-29", "2026-11-23", "2026-11-29", 2026, 48);
	/* 2026 began on a Thursday: it has 53 weeks, and 1 January 2027 (a Friday) is in the 53rd
	 */
	week_is("2026-12-31", "2026-12-28", "2027-01-03", 2026, 53);
	week_is("2027-01-01", "2026-12-28", "2027-01-03", 2026, 53);
	week_is("2027-01-04", "2027-01-04", "2027-01-10", 2027, 1);
	/* 29 December 2025 (a Monday) is in the first week of 2026 */
	week_is("2025-12-29", "2025-12-29", "2026-01-04", 2026, 1);
	week_is("2025-12-28", "2025-12-22", "2025-12-28", 2025, 52);
	/* a leap day */
	week_is("2028-02-29", "2028-02-28", "2028-03-05", 2028, 9);
}

static void test_bounds(void **state)
{
	struct briefing_week w;

	(void)state;
	briefing_week(plan_day("2026-12-02"), &w);
	/* Monday 00:00 in Shanghai is Sunday 16:00 UTC; the next Monday ends it */
	assert_string_equal(w.from, "2026-11-29T16:00:00Z");
	assert_string_equal(w.to, "2026-12-06T16:00:00Z");
	/* late on Monday means due on Sunday; late on Sunday, due on Saturday */
	assert_string_equal(w.late_from, "2026-11-29");
	assert_string_equal(w.late_to, "2026-12-05");
}

static void test_text(void **state)
{
	struct briefing_week w;
	struct briefing_totals t = {12, 10, 4, 3, 2, 1};
	char out[BRIEFING_TEXT_MAX];

	(void)state;
	briefing_week(plan_day("2026-11-25"), &w);
	briefing_summary(&w, &t, out);
	assert_string_equal(out,
	                    "本周（11月23日至11月29日），各开发区报送进展报告12份，审核通过10份，"
	                    "完成节点4个；新增逾期节点3个；下发督办单2件，办结1件。");
	briefing_title(&w, out);
	assert_string_equal(out, "开发区体制机制改革工作周报（2026年第48周）");
	/* a week across two months and years */
	briefing_week(plan_day("2026-12-31"), &w);
	memset(&t, 0, sizeof(t));
	briefing_summary(&w, &t, out);
	assert_string_equal(out, "本周（12月28日至1月3日），各开发区报送进展报告0份，审核通过0份，"
	                         "完成节点0个；新增逾期节点0个；下发督办单0件，办结0件。");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_week),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

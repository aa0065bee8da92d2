/* Tests src/core/workday.c on the 2025 calendar of the State Council's notice (国办发明电〔2024〕12
 * 号): 春节 1月28日至2月4日放假, 1月26日（周日）、2月8日（周六）上班; days worked out by hand on a
 * wall calendar. A year the calendar does not cover is refused. */
#include "core/workday.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define D(s) plan_day(s)

static struct workday_special spring[11];
static struct workday_calendar cal;

static int setup(void **state)
{
	static const char *const holidays[] = {"2025-01-28", "2025-01-29", "2025-01-30",
	                                       "2025-01-31", "2025-02-01", "2025-02-02",
	                                       "2025-02-03", "2025-02-04"};
	int n = 0;

	(void)state;
	spring[n++] = (struct workday_special){D("2025-01-01"), WORKDAY_HOLIDAY};
	spring[n++] = (struct workday_special){D("2025-01-26"), WORKDAY_WORK};
	for (int i = 0; i < 8; i++)
		spring[n++] = (struct workday_special){D(holidays[i]), WORKDAY_HOLIDAY};
	spring[n++] = (struct workday_special){D("2025-02-08"), WORKDAY_WORK};
	cal = (struct workday_calendar){2025, 2025, spring, n};
	return 0;
}

static void test_week(void **state)
{
	(void)state;
	assert_int_equal(workday_weekday(0), 3); /* 1970-01-01, a Thursday */
	assert_int_equal(workday_weekday(D("2025-01-26")), 6);
	assert_int_equal(workday_weekday(D("2025-02-08")), 5);
	assert_int_equal(workday_weekday(D("1969-12-31")), 2);
	assert_int_equal(workday_year(D("2025-01-01")), 2025);
	assert_int_equal(workday_year(D("2024-12-31")), 2024);
	assert_int_equal(workday_year(D("2026-02-28")), 2026);
	assert_int_equal(workday_month(D("2025-01-24")), 2025 * 12);
	assert_int_equal(workday_month(0), 1970 * 12);
	assert_int_equal(workday_month(D("2025-02-28")), 2025 * 12 + 1);
	assert_int_equal(workday_month(D("2025-03-01")), 2025 * 12 + 2);
	assert_int_equal(workday_month(D("2024-12-31")), 2024 * 12 + 11);
}

static void test_is_working(void **state)
{
	bool yes;

	(void)state;
	assert_int_equal(workday_is_working(&cal, D("2025-01-24"), &yes), 0); /* Friday */
	assert_true(yes);
	assert_int_equal(workday_is_working(&cal, D("2025-01-25"), &yes), 0); /* Saturday */
	assert_false(yes);
	assert_int_equal(workday_is_working(&cal, D("2025-01-26"), &yes), 0); /* Sunday worked */
	assert_true(yes);
	assert_int_equal(workday_is_working(&cal, D("2025-01-30"), &yes), 0); /* Thursday off */
	assert_false(yes);
	assert_int_equal(workday_is_working(&cal, D("2025-02-08"), &yes), 0); /* Saturday worked */
	assert_true(yes);
	assert_int_equal(workday_is_working(&cal, D("2025-01-01"), &yes), 0); /* New Year */
	assert_false(yes);
	/* no notice covers 2024 or 2026 here: refused, not guessed */
	assert_int_equal(workday_is_working(&cal, D("2024-12-31"), &yes), -1);
	assert_int_equal(workday_is_working(&cal, D("2026-01-05"), &yes), -1);
	struct workday_calendar empty = {0};
	assert_int_equal(workday_is_working(&empty, D("2025-03-03"), &yes), -1);
}

static void test_add(void **state)
{
	int64_t out;

	(void)state;
	/* Friday + 1: Saturday is off, Sunday the 26th is worked */
	assert_int_equal(workday_add(&cal, D("2025-01-24"), 1, &out), 0);
	assert_int_equal(out, D("2025-01-26"));
	/* + 2: Monday the 27th; + 3: the holiday runs to Tuesday 4 February, so Wednesday the 5th
	 */
	assert_int_equal(workday_add(&cal, D("2025-01-24"), 2, &out), 0);
	assert_int_equal(out, D("2025-01-27"));
	assert_int_equal(workday_add(&cal, D("2025-01-24"), 3, &out), 0);
	assert_int_equal(out, D("2025-02-05"));
	/* 5, 6, 7, Saturday 8 (worked), Monday 10 */
	assert_int_equal(workday_add(&cal, D("2025-01-27"), 5, &out), 0);
	assert_int_equal(out, D("2025-02-10"));
	/* 20 working days from 2 January: January has 3..24 (16 days) and 26, 27 (2); then 5, 6 */
	assert_int_equal(workday_add(&cal, D("2025-01-02"), 20, &out), 0);
	assert_int_equal(out, D("2025-02-06"));
	assert_int_equal(workday_add(&cal, D("2025-02-06"), 0, &out), 0);
	assert_int_equal(out, D("2025-02-06"));
	/* a limit that runs past the last year is refused */
	assert_int_equal(workday_add(&cal, D("2025-12-24"), 10, &out), -1);
	assert_int_equal(workday_add(&cal, D("2025-12-24"), 5, &out), 0);
	assert_int_equal(out, D("2025-12-31"));
	assert_int_equal(workday_add(&cal, D("2025-03-03"), -1, &out), -1);
	assert_int_equal(workday_add(&cal, D("2025-03-03"), WORKDAY_MAX_COUNT + 1, &out), -1);
}

static void test_between(void **state)
{
	int n;

	(void)state;
	/* (24 Jan, 10 Feb]: 26, 27 Jan; 5, 6, 7, 8, 10 Feb */
	assert_int_equal(workday_between(&cal, D("2025-01-24"), D("2025-02-10"), &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(workday_between(&cal, D("2025-01-27"), D("2025-01-27"), &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(workday_between(&cal, D("2025-02-10"), D("2025-01-27"), &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(workday_between(&cal, D("2024-12-30"), D("2025-01-03"), &n), -1);
	assert_int_equal(workday_between(&cal, D("2025-12-30"), D("2026-01-05"), &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_week),
	    cmocka_unit_test(test_is_working),
	    cmocka_unit_test(test_add),
	    cmocka_unit_test(test_between),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

/* Tests src/core/space.c: days vacant across a month and a leap day, the outcomes that end a
 * match and those that reuse the building, a need larger than the building. */
#include "core/space.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_vacant_days(void **state)
{
	(void)state;
	/* 2024-02-28 → 2024-03-01: the leap day between, 2 days */
	assert_int_equal(space_vacant_days(plan_day("2024-02-28"), plan_day("2024-03-01")), 2);
	assert_int_equal(space_vacant_days(plan_day("2025-01-01"), plan_day("2026-01-01")), 365);
	assert_int_equal(space_vacant_days(plan_day("2026-12-01"), plan_day("2026-11-30")), 0);
}

static void test_outcomes(void **state)
{
	(void)state;
	assert_true(space_outcome_ends("leased"));
	assert_true(space_outcome_ends("sold"));
	assert_true(space_outcome_ends("declined"));
	assert_false(space_outcome_ends("pending"));
	assert_false(space_outcome_ends(NULL));
	assert_true(space_outcome_reuses("leased"));
	assert_true(space_outcome_reuses("sold"));
	assert_false(space_outcome_reuses("declined"));
}

static void test_need(void **state)
{
	(void)state;
	assert_null(space_need_problem(0, 100));
	assert_null(space_need_problem(100, 100));
	assert_string_equal(space_need_problem(101, 100), "所需面积大于该楼宇的闲置面积");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vacant_days),
	    cmocka_unit_test(test_outcomes),
	    cmocka_unit_test(test_need),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

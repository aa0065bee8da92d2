/* Tests src/core/space.c: days vacant across a month and a leap day, the outcomes that end a
 * match and those that reuse the building, a need larger than the building, and whom a match's
 * steps tell with what words. */
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

static void test_step_item(void **state)
{
	struct space_match_subject m = {
	    .match_id = 31,
	    .zone_id = 5,
	    .zone = "抚顺经济开发区",
	    .building = "原机械厂1号厂房",
	    .enterprise = "示例智能装备有限公司",
	    .outcome = "pending",
	};
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	space_match_step_item(SPACE_MATCH_PROPOSED, &m, &a, &it);
	assert_string_equal(it.kind, "space_match_proposed");
	assert_string_equal(
	    it.title,
	    "闲置楼宇对接待跟进：原机械厂1号厂房（抚顺经济开发区）对接示例智能装备有限公司");
	assert_string_equal(it.link, "/land/buildings?matching=1");
	assert_string_equal(it.entity_type, "space_match");
	assert_int_equal(it.entity_id, 31);
	assert_null(it.dedupe_key);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 5);
	assert_int_equal(it.to[0].perm, PERM_LAND_WRITE);
	assert_null(it.to[0].capability);

	m.outcome = "sold";
	space_match_step_item(SPACE_MATCH_ENDED, &m, &a, &it);
	assert_string_equal(it.kind, "space_match_ended");
	assert_string_equal(it.title, "闲置楼宇对接有结果：原机械厂1号厂房（抚顺经济开发区）与"
	                              "示例智能装备有限公司，已出售");
	assert_string_equal(it.link, "/land/buildings?zone_id=5");
	assert_int_equal(it.nto, 2);
	assert_int_equal(it.to[0].org_id, 5);
	assert_int_equal(it.to[1].org_id, 0);
	assert_string_equal(it.to[1].capability, "manage_land");
	assert_int_equal(it.to[1].perm, PERM_LAND_WRITE);
	m.outcome = "declined";
	space_match_step_item(SPACE_MATCH_ENDED, &m, &a, &it);
	assert_string_equal(it.title, "闲置楼宇对接有结果：原机械厂1号厂房（抚顺经济开发区）与"
	                              "示例智能装备有限公司，未达成");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vacant_days),
	    cmocka_unit_test(test_outcomes),
	    cmocka_unit_test(test_need),
	    cmocka_unit_test(test_step_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/leader.c: each kind of art. 15's record against its basis at the edge. */
#include "core/leader.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_rules(void **state)
{
	struct leader_basis b = {true, "excellent", false};

	(void)state;
	assert_int_equal(leader_action_check("promote", &b), LEADER_OK);
	assert_int_equal(leader_action_check("adjust", &b), LEADER_ADJUST_GRADE);
	assert_int_equal(leader_action_check("kept", &b), LEADER_KEPT_CASE);
	b.grade = "good";
	assert_int_equal(leader_action_check("promote", &b), LEADER_PROMOTE_GRADE);
	b.grade = "poor";
	assert_int_equal(leader_action_check("adjust", &b), LEADER_OK);
	b.grade = NULL;
	assert_int_equal(leader_action_check("adjust", &b), LEADER_NO_GRADE);
	/* a case that forgave the person keeps them whatever the grade */
	b.case_keeps = true;
	assert_int_equal(leader_action_check("kept", &b), LEADER_OK);
	/* one record of a kind a person and year, whatever its basis */
	b.recorded = true;
	assert_int_equal(leader_action_check("kept", &b), LEADER_DUPLICATE);
	assert_string_equal(leader_rule_code(LEADER_DUPLICATE), "duplicate");
	b.recorded = false;
	/* 及时调整 and 不予调整 of one person and year contradict: the second is refused */
	assert_string_equal(leader_opposite("adjust"), "kept");
	assert_string_equal(leader_opposite("kept"), "adjust");
	assert_null(leader_opposite("promote"));
	b.contradicted = true;
	assert_int_equal(leader_action_check("kept", &b), LEADER_CONFLICT);
	assert_string_equal(leader_rule_code(LEADER_CONFLICT), "conflict");
	b.contradicted = false;
	b.is_leader = false;
	assert_int_equal(leader_action_check("kept", &b), LEADER_NOT_LEADER);
	assert_non_null(strstr(leader_rule_message(LEADER_PROMOTE_GRADE), "第15条"));
	assert_string_equal(leader_rule_code(LEADER_KEPT_CASE), "kept_case");
}

/* A record tells the zone and, when a county hosts it, that county. */
static void test_item(void **state)
{
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	leader_action_item(3, 11, "经开区", 4, "赵主任", "adjust", 2025, "市委组织部", &a, &it);
	assert_string_equal(it.kind, "leader_action");
	assert_string_equal(it.title,
	                    "市委组织部记录：经开区赵主任及时调整（2025年度考核），请落实");
	assert_string_equal(it.link, "/leader-actions?year=2025");
	assert_int_equal(it.entity_id, 3);
	assert_int_equal(it.nto, 2);
	assert_int_equal(it.to[0].org_id, 11);
	assert_true(it.to[0].perm == PERM_PEOPLE_WRITE);
	assert_int_equal(it.to[1].org_id, 4);
	assert_true(it.to[1].perm == PERM_PEOPLE_READ);
	leader_action_item(3, 11, "经开区", 0, "赵主任", "promote", 2025, "市委组织部", &a, &it);
	assert_int_equal(it.nto, 1);
	assert_non_null(strstr(it.title, "优先提拔使用"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_item),
	    cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

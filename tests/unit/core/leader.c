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
	b.is_leader = false;
	assert_int_equal(leader_action_check("kept", &b), LEADER_NOT_LEADER);
	assert_non_null(strstr(leader_rule_message(LEADER_PROMOTE_GRADE), "第15条"));
	assert_string_equal(leader_rule_code(LEADER_KEPT_CASE), "kept_case");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

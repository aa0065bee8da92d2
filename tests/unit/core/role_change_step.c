/* Unit tests for core/role_change_step.c: each step's kind, text, link, entity and recipients
 * (the security officers for a proposal; the proposing administrator for a decision). */
#include "core/account.h"
#include "core/role_change_step.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct role_change_subject subject = {
    .id = 5,
    .display_name = "经开区李四",
    .username = "zone_li",
    .role = "office",
    .org_name = "市商务局",
    .proposed_by = 2,
    .comment = "未经党组研究",
};

static void test_proposal_goes_to_the_security_officers(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;

	arena_init(&a);
	role_change_step_item(ROLE_CHANGE_STEP_PROPOSED, &subject, &a, &it);
	assert_string_equal(it.kind, "role_change_proposed");
	assert_string_equal(it.title,
	                    "角色变更待确认：经开区李四（zone_li）拟改为改革办（市商务局）");
	assert_string_equal(it.link, "/users?tab=changes");
	assert_string_equal(it.entity_type, "role_change");
	assert_int_equal(it.entity_id, 5);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].perm, PERM_ACCOUNT_SECURITY);
	assert_int_equal(it.to[0].user_id, 0);
	assert_int_equal(it.to[0].org_id, 0);
	/* the scope named: two changes that differ only in it read differently */
	struct role_change_subject scoped = subject;
	scoped.data_scope = "org_and_below";
	role_change_step_item(ROLE_CHANGE_STEP_PROPOSED, &scoped, &a, &it);
	assert_string_equal(
	    it.title,
	    "角色变更待确认：经开区李四（zone_li）拟改为改革办（市商务局，本机构及以下数据）");
	scoped.data_scope = "custom";
	scoped.nscope = 2;
	role_change_step_item(ROLE_CHANGE_STEP_PROPOSED, &scoped, &a, &it);
	assert_string_equal(
	    it.title,
	    "角色变更待确认：经开区李四（zone_li）拟改为改革办（市商务局，自定义机构2个）");
	arena_release(&a);
}

static void test_decisions_go_to_the_proposer(void **state)
{
	(void)state;
	struct arena a;
	struct inbox_item it;
	struct role_change_subject unknown = subject;

	arena_init(&a);
	role_change_step_item(ROLE_CHANGE_STEP_CONFIRMED, &subject, &a, &it);
	assert_string_equal(it.kind, "role_change_confirmed");
	assert_string_equal(it.title,
	                    "角色变更已确认生效：经开区李四（zone_li）改为改革办（市商务局）");
	assert_string_equal(it.link, "/users?tab=changes&change_status=all");
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].user_id, 2);
	assert_int_equal(it.to[0].perm, 0);

	role_change_step_item(ROLE_CHANGE_STEP_REJECTED, &subject, &a, &it);
	assert_string_equal(it.kind, "role_change_rejected");
	assert_string_equal(
	    it.title,
	    "角色变更被驳回：经开区李四（zone_li）拟改为改革办（市商务局），理由：未经党组研究");
	assert_int_equal(it.entity_id, 5);
	assert_int_equal(it.to[0].user_id, 2);

	/* proposed by an account since deleted: nobody to tell */
	unknown.proposed_by = 0;
	role_change_step_item(ROLE_CHANGE_STEP_CONFIRMED, &unknown, &a, &it);
	assert_int_equal(it.nto, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_proposal_goes_to_the_security_officers),
	    cmocka_unit_test(test_decisions_go_to_the_proposer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

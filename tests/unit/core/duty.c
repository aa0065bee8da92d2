/* Tests src/core/duty.c: a zone–county 权责清单 with every function in exactly one pair of
 * hands; no one's hands and both hands refused; shared functions with one lead and their steps;
 * the versions' status machine. */
#include "core/duty.h"

#include "core/account.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct duty_step steps[] = {
    {"开发区受理企业申请并初审", 3},
    {"县区住建部门现场踏勘并出具意见", 5},
};

static void test_valid(void **state)
{
	const struct duty_fn items[] = {
	    {"招商引资", "zone", NULL, NULL, 0},
	    {"社区管理", "county", NULL, NULL, 0},
	    {"建设工程消防验收", "shared", "zone", steps, 2},
	};
	struct duty_problem p;

	(void)state;
	assert_int_equal(duty_validate(items, 3, &p), 0);
}

static void test_refused(void **state)
{
	struct duty_problem p;

	(void)state;
	/* in no one's hands */
	const struct duty_fn none[] = {{"招商引资", "zone", NULL, NULL, 0}, {"安全生产监管", NULL}};
	assert_int_equal(duty_validate(none, 2, &p), -1);
	assert_int_equal(p.index, 1);
	assert_string_equal(p.field, "holder");
	assert_string_equal(p.message,
	                    "职能“安全生产监管”没有承担主体：应由开发区、县区承担或共同承担");
	/* in both: the same function under the zone and the county */
	const struct duty_fn both[] = {
	    {"社区管理", "county"}, {"招商引资", "zone"}, {"社区管理", "zone"}};
	assert_int_equal(duty_validate(both, 3, &p), -1);
	assert_int_equal(p.index, 2);
	assert_string_equal(p.field, "name");
	assert_string_equal(p.message,
	                    "职能“社区管理”同时列在开发区和县区名下：一项职能只能有一个承担主体");
	const struct duty_fn twice[] = {{"社区管理", "county"}, {"社区管理", "county"}};
	assert_int_equal(duty_validate(twice, 2, &p), -1);
	assert_string_equal(p.message, "职能“社区管理”重复列出");
	/* shared without one lead, or without steps */
	const struct duty_fn nolead[] = {{"建设工程消防验收", "shared", NULL, steps, 2}};
	assert_int_equal(duty_validate(nolead, 1, &p), -1);
	assert_string_equal(p.field, "lead");
	const struct duty_fn badlead[] = {{"建设工程消防验收", "shared", "both", steps, 2}};
	assert_int_equal(duty_validate(badlead, 1, &p), -1);
	assert_string_equal(p.field, "lead");
	const struct duty_fn nosteps[] = {{"建设工程消防验收", "shared", "county", NULL, 0}};
	assert_int_equal(duty_validate(nosteps, 1, &p), -1);
	assert_string_equal(p.field, "steps");
	const struct duty_step zero[] = {{"移交材料", 0}};
	const struct duty_fn zerodays[] = {{"建设工程消防验收", "shared", "county", zero, 1}};
	assert_int_equal(duty_validate(zerodays, 1, &p), -1);
	assert_string_equal(p.message, "职能“建设工程消防验收”的衔接步骤时限应为1到365个工作日");
	/* a lead or steps on a function that is not shared */
	const struct duty_fn lead[] = {{"招商引资", "zone", "zone", NULL, 0}};
	assert_int_equal(duty_validate(lead, 1, &p), -1);
	assert_string_equal(p.field, "lead");
	const struct duty_fn stepped[] = {{"招商引资", "zone", NULL, steps, 2}};
	assert_int_equal(duty_validate(stepped, 1, &p), -1);
	assert_string_equal(p.field, "steps");
	const struct duty_fn unknown[] = {{"招商引资", "town"}};
	assert_int_equal(duty_validate(unknown, 1, &p), -1);
	assert_string_equal(p.field, "holder");
	const struct duty_fn blank[] = {{" ", "zone"}};
	assert_int_equal(duty_validate(blank, 1, &p), -1);
	assert_string_equal(p.field, "name");
	assert_int_equal(duty_validate(NULL, 0, &p), -1);
	assert_int_equal(p.index, -1);
}

static void test_machine(void **state)
{
	(void)state;
	assert_string_equal(duty_next_status("draft", DUTY_SUBMIT), "submitted");
	assert_string_equal(duty_next_status("returned", DUTY_SUBMIT), "submitted");
	assert_string_equal(duty_next_status("submitted", DUTY_APPROVE), "approved");
	assert_string_equal(duty_next_status("submitted", DUTY_RETURN), "returned");
	assert_null(duty_next_status("draft", DUTY_APPROVE));
	assert_null(duty_next_status("draft", DUTY_RETURN));
	assert_null(duty_next_status("submitted", DUTY_SUBMIT));
	assert_null(duty_next_status("approved", DUTY_SUBMIT));
	assert_null(duty_next_status("approved", DUTY_APPROVE));
	assert_null(duty_next_status("superseded", DUTY_RETURN));
	assert_null(duty_next_status(NULL, DUTY_SUBMIT));
	assert_string_equal(duty_status_label("superseded"), "已被新版本取代");
	assert_true(duty_status_valid("returned"));
	assert_false(duty_status_valid("rejected"));
}

/* A submitted version goes to 编办 (by capability); the answer to the zone and the county. */
static void test_step_item(void **state)
{
	(void)state;
	struct duty_step_subject s = {40, 3, 5, "抚顺经济开发区（示例）", 2, NULL};
	struct inbox_item it;
	struct arena a;

	arena_init(&a);
	duty_step_item(DUTY_SUBMIT, &s, &a, &it);
	assert_string_equal(it.kind, "duty_step");
	assert_string_equal(it.title, "抚顺经济开发区（示例）报送了权责清单（第2版）");
	assert_string_equal(it.link, "/duty-lists/40");
	assert_string_equal(it.entity_type, "duty_list");
	assert_int_equal(it.entity_id, 40);
	assert_int_equal(it.nto, 1);
	assert_string_equal(it.to[0].capability, "approve_duty_list");
	assert_int_equal(it.to[0].org_id, 0);

	s.comment = "第3项请写明时限";
	duty_step_item(DUTY_RETURN, &s, &a, &it);
	assert_string_equal(it.title, "市委编办退回了权责清单（第2版）：第3项请写明时限");
	assert_int_equal(it.nto, 2);
	assert_int_equal(it.to[0].org_id, 3);
	assert_int_equal(it.to[0].perm, PERM_POWER_WRITE);
	assert_int_equal(it.to[1].org_id, 5);
	assert_int_equal(it.to[1].perm, PERM_POWER_WRITE);
	assert_null(it.to[0].capability);
	s.comment = NULL;
	duty_step_item(DUTY_APPROVE, &s, &a, &it);
	assert_string_equal(it.title, "市委编办审定通过了权责清单（第2版）");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_machine),
	    cmocka_unit_test(test_step_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/fault.c: each decision against the three conditions and the 三个区分开来 at
 * its edge, the effects only after a forgiving decision, and the removal of names (blanks
 * between characters, the longest name first, one-character names left alone, nothing of a
 * name left in the text). */
#include "core/fault.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static struct fault_facts all_met(void)
{
	struct fault_facts f = {FAULT_MET, FAULT_MET, FAULT_MET, {1, 2, 1}, "trial_inexperience"};
	return f;
}

static void test_decisions(void **state)
{
	struct fault_facts f = all_met();

	(void)state;
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_OK);
	assert_int_equal(fault_decision_check(&f, "reduced"), FAULT_OK);
	assert_int_equal(fault_decision_check(&f, "refused"), FAULT_OK);
	/* every decision needs the facts complete, even a refusal */
	f.diligence = FAULT_UNANSWERED;
	assert_int_equal(fault_decision_check(&f, "refused"), FAULT_UNANSWERED_CONDITION);
	f = all_met();
	f.evidence[2] = 0;
	assert_int_equal(fault_decision_check(&f, "refused"), FAULT_NO_EVIDENCE);
	f = all_met();
	f.distinction = NULL;
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_NO_DISTINCTION);
	f.distinction = "no_such";
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_NO_DISTINCTION);
	/* 免责 needs all three met */
	f = all_met();
	f.diligence = FAULT_NOT_MET;
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_EXEMPT_CONDITIONS);
	assert_int_equal(fault_decision_check(&f, "reduced"), FAULT_OK);
	/* 减责 never for self-gain */
	f = all_met();
	f.no_gain = FAULT_NOT_MET;
	assert_int_equal(fault_decision_check(&f, "reduced"), FAULT_REDUCE_SELF_GAIN);
	assert_int_equal(fault_decision_check(&f, "refused"), FAULT_OK);
	/* the side of each pair that may not be forgiven */
	f = all_met();
	f.distinction = "exploration_defiance";
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_NOT_TOLERABLE);
	assert_int_equal(fault_decision_check(&f, "reduced"), FAULT_NOT_TOLERABLE);
	assert_int_equal(fault_decision_check(&f, "refused"), FAULT_OK);
	f.distinction = "development_unintended";
	assert_int_equal(fault_decision_check(&f, "exempt"), FAULT_OK);
	assert_non_null(strstr(fault_rule_message(FAULT_NOT_TOLERABLE), "第18条"));
	assert_string_equal(fault_rule_code(FAULT_NOT_TOLERABLE), "distinction_not_tolerable");
	/* six distinctions, three pairs, one forgivable side each */
	for (int i = 0; i < 6; i++)
		assert_int_equal(fault_distinctions[i].tolerable, i % 2 == 0);
}

static void test_effects(void **state)
{
	(void)state;
	assert_int_equal(fault_effect_check("refused", "none", true), FAULT_OK);
	assert_int_equal(fault_effect_check("refused", "waive_deduction", false),
	                 FAULT_EFFECT_NOT_FORGIVEN);
	assert_int_equal(fault_effect_check("exempt", "waive_deduction", false), FAULT_OK);
	assert_int_equal(fault_effect_check("reduced", "leader_kept", true), FAULT_OK);
	assert_int_equal(fault_effect_check("exempt", "leader_kept", false), FAULT_EFFECT_SUBJECT);
	assert_int_equal(fault_effect_check(NULL, "leader_kept", true), FAULT_EFFECT_NOT_FORGIVEN);
}

static void test_redact(void **state)
{
	const char *names[] = {"张三", "李四光", "王", "张三丰"};
	struct arena a;
	char *out;

	(void)state;
	arena_init(&a);
	out = fault_redact(&a, "张三同志与李 四　光、张三丰商定，王局长知悉。张 三", names, 4);
	/* 张三丰 is names[3], longer than names[0]; 王 alone is too short to strike */
	assert_string_equal(out, "当事人同志与有关人员、有关人员商定，王局长知悉。当事人");
	assert_false(fault_mentions(out, names, 4));
	assert_true(fault_mentions("签字：李四光", names, 4));
	assert_true(fault_mentions("张\t三", names, 4));
	assert_false(fault_mentions("张某", names, 4));
	/* a name at the end, text without names, an empty text, no text */
	assert_string_equal(fault_redact(&a, "经办人李四光", names, 2), "经办人有关人员");
	assert_string_equal(fault_redact(&a, "无人名", names, 4), "无人名");
	assert_string_equal(fault_redact(&a, "", names, 4), "");
	assert_null(fault_redact(&a, NULL, names, 4));
	/* a stray byte does not stop the walk */
	assert_string_equal(fault_redact(&a, "\xff张三", names, 1), "\xff当事人");
	arena_release(&a);
}

/* Who is told of each step: the deciders of a registered case, the office of a decision. */
static void test_step_items(void **state)
{
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	fault_step_item(FAULT_STEP_REGISTERED, 7, "试点失误", "经开区", NULL, &a, &it);
	assert_string_equal(it.kind, "fault_registered");
	assert_string_equal(it.title, "容错免责案件待认定：试点失误（经开区）");
	assert_string_equal(it.link, "/fault-cases?status=open");
	assert_int_equal(it.entity_id, 7);
	assert_int_equal(it.nto, 1);
	assert_string_equal(it.to[0].capability, "decide_fault");
	assert_true(it.to[0].perm == PERM_FAULT_DECIDE);
	fault_step_item(FAULT_STEP_DECIDED, 7, "试点失误", "经开区", "reduced", &a, &it);
	assert_string_equal(it.title, "容错免责案件已认定：试点失误（经开区），减责");
	assert_null(it.to[0].capability);
	assert_true(it.to[0].perm == PERM_FAULT_MANAGE);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_step_items),
	    cmocka_unit_test(test_decisions),
	    cmocka_unit_test(test_effects),
	    cmocka_unit_test(test_redact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

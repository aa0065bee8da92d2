/* Tests src/core/invest.c: stages in order, a project's checks, stage changes forward only and
 * dated, and the stall rule at its boundary (days worked by hand). */
#include "core/invest.h"
#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_stages(void **state)
{
	(void)state;
	assert_int_equal(invest_stage_find("talks"), INVEST_TALKS);
	assert_int_equal(invest_stage_find("full"), INVEST_FULL);
	assert_int_equal(invest_stage_find("洽谈"), -1);
	assert_int_equal(invest_stage_find(NULL), -1);
	assert_string_equal(invest_stage_code(INVEST_PRODUCING), "producing");
}

static void test_project(void **state)
{
	struct invest_project p = {"新能源电池项目", "示例集团", "3841", 7, 500000000, 0, 0, 0};
	struct invest_problem why = {0};
	(void)state;

	assert_int_equal(invest_project_check(&p, &why), 0);
	p.realized_fen = 500000001;
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/realized_fen");
	p.realized_fen = 500000000;
	assert_int_equal(invest_project_check(&p, &why), 0);
	p.staff_person_id = 0;
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/staff_person_id");
	assert_string_equal(why.message, "请从人员名册选择项目责任人");
	p.staff_person_id = 7;
	p.expected_tax_fen = -1;
	assert_int_equal(invest_project_check(&p, &why), -1);
	p.expected_tax_fen = 0;
	p.name = NULL;
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/name");
}

/* zone 3's project: its own roster's people only, and those still on it unless already named */
static void test_staff(void **state)
{
	struct invest_problem why = {0};
	struct invest_staff own = {true, 3, false, false}, other = {true, 4, false, false};
	struct invest_staff unknown = {false, 0, false, false}, left = {true, 3, true, false};
	struct invest_staff left_kept = {true, 3, true, true}, other_kept = {true, 4, false, true};
	(void)state;

	assert_int_equal(invest_staff_check(3, &own, &why), 0);
	assert_int_equal(invest_staff_check(3, &left_kept, &why), 0);
	assert_int_equal(invest_staff_check(3, &other, &why), -1);
	assert_string_equal(why.field, "/staff_person_id");
	assert_string_equal(why.message, "项目责任人应为本开发区人员名册上的人员");
	memset(&why, 0, sizeof(why));
	assert_int_equal(invest_staff_check(3, &unknown, &why), -1);
	assert_string_equal(why.message, "项目责任人应为本开发区人员名册上的人员");
	/* kept or not, another zone's person is never right */
	assert_int_equal(invest_staff_check(3, &other_kept, &why), -1);
	assert_int_equal(invest_staff_check(3, &left, &why), -1);
	assert_string_equal(why.field, "/staff_person_id");
	assert_string_equal(why.message, "该人员已离开人员名册，请选择在册人员");
}

static void test_stage_change(void **state)
{
	struct invest_problem why = {0};
	int64_t d0 = plan_day("2026-03-01"), today = plan_day("2026-06-30");
	(void)state;

	assert_int_equal(invest_stage_check(INVEST_TALKS, d0, INVEST_SIGNED, d0, today, &why), 0);
	/* skipping ahead is allowed: 签约 straight to 开工 */
	assert_int_equal(invest_stage_check(INVEST_SIGNED, d0, INVEST_STARTED, today, today, &why),
	                 0);
	assert_int_equal(invest_stage_check(INVEST_SIGNED, d0, INVEST_SIGNED, today, today, &why),
	                 -1);
	assert_string_equal(why.field, "/stage");
	assert_int_equal(invest_stage_check(INVEST_LANDED, d0, INVEST_TALKS, today, today, &why),
	                 -1);
	assert_int_equal(invest_stage_check(INVEST_TALKS, d0, INVEST_SIGNED, d0 - 1, today, &why),
	                 -1);
	assert_string_equal(why.field, "/changed_on");
	assert_int_equal(
	    invest_stage_check(INVEST_TALKS, d0, INVEST_SIGNED, today + 1, today, &why), -1);
	assert_int_equal(invest_stage_check(INVEST_TALKS, d0, INVEST_SIGNED, -1, today, &why), -1);
}

static void test_stalled(void **state)
{
	int64_t days, today = plan_day("2026-06-30");
	(void)state;

	/* 2026-04-01 to 2026-06-30: 30 + 31 + 29 = 90 days: on the line, not stalled at 90 */
	assert_false(invest_stalled(INVEST_SIGNED, plan_day("2026-04-01"), today, 90, &days));
	assert_int_equal(days, 90);
	/* one day more */
	assert_true(invest_stalled(INVEST_SIGNED, plan_day("2026-03-31"), today, 90, &days));
	assert_int_equal(days, 91);
	/* 达产 is the end: never stalled */
	assert_false(invest_stalled(INVEST_FULL, plan_day("2020-01-01"), today, 90, &days));
	/* the lists' cutoff is the last stalled day */
	assert_int_equal(invest_stall_cutoff(today, 90), plan_day("2026-03-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stages),  cmocka_unit_test(test_project),
	    cmocka_unit_test(test_staff),   cmocka_unit_test(test_stage_change),
	    cmocka_unit_test(test_stalled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

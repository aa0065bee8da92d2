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
	struct invest_project p = {"新能源电池项目", "示例集团", "3841", "张三",
	                           500000000,        0,          0,      0};
	struct invest_problem why = {0};
	(void)state;

	assert_int_equal(invest_project_check(&p, &why), 0);
	p.realized_fen = 500000001;
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/realized_fen");
	p.realized_fen = 500000000;
	assert_int_equal(invest_project_check(&p, &why), 0);
	p.staff = "";
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/staff");
	p.staff = "张三";
	p.expected_tax_fen = -1;
	assert_int_equal(invest_project_check(&p, &why), -1);
	p.expected_tax_fen = 0;
	p.name = NULL;
	assert_int_equal(invest_project_check(&p, &why), -1);
	assert_string_equal(why.field, "/name");
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
	    cmocka_unit_test(test_stages),
	    cmocka_unit_test(test_project),
	    cmocka_unit_test(test_stage_change),
	    cmocka_unit_test(test_stalled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

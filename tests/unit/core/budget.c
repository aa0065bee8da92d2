/* Tests src/core/budget.c: fiscal modes and approvals, subject codes, execution rates and
 * performance grades, with values worked by hand. */
#include "core/budget.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_codes(void **state)
{
	(void)state;
	char parent[BUDGET_CODE_LEN];

	assert_int_equal(budget_subject_level("201"), 1);
	assert_int_equal(budget_subject_level("20101"), 2);
	assert_int_equal(budget_subject_level("2010101"), 3);
	assert_int_equal(budget_subject_level(""), 0);
	assert_int_equal(budget_subject_level(NULL), 0);
	assert_int_equal(budget_subject_level("2010"), 0);
	assert_int_equal(budget_subject_level("201010"), 0);
	assert_int_equal(budget_subject_level("20101010"), 0);
	assert_int_equal(budget_subject_level("20a01"), 0);
	assert_int_equal(budget_subject_level("２０１"), 0);
	assert_false(budget_subject_parent("201", parent));
	assert_false(budget_subject_parent("x", parent));
	assert_true(budget_subject_parent("20101", parent));
	assert_string_equal(parent, "201");
	assert_true(budget_subject_parent("2010101", parent));
	assert_string_equal(parent, "20101");
	assert_int_equal(budget_mode_find("independent"), BUDGET_MODE_INDEPENDENT);
	assert_int_equal(budget_mode_find("listed"), BUDGET_MODE_LISTED);
	assert_int_equal(budget_mode_find("独立核算"), -1);
	assert_int_equal(budget_kind_find("final"), BUDGET_KIND_FINAL);
	assert_string_equal(budget_kind_code(BUDGET_KIND_BUDGET), "budget");
}

static void test_year(void **state)
{
	(void)state;
	struct budget_problem why = {0};
	struct budget_year y = {BUDGET_MODE_INDEPENDENT, "2025-01-15", "抚顺县人大〔2025〕3号"};

	assert_int_equal(budget_year_validate(2025, &y, &why), 0);
	y.approved_on = "2024-12-28"; /* the year before */
	assert_int_equal(budget_year_validate(2025, &y, &why), 0);
	y.approved_on = "2023-12-28";
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	assert_string_equal(why.field, "/approved_on");
	y.approved_on = "2026-01-02";
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	y.approved_on = "2025-02-30";
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	assert_string_equal(why.message, "批准日期应为 YYYY-MM-DD 格式的有效日期");
	y.approved_on = "2025-01-15";
	y.approval_doc = NULL;
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	assert_string_equal(why.field, "/approval_doc");
	y.approved_on = NULL; /* not yet approved */
	assert_int_equal(budget_year_validate(2025, &y, &why), 0);
	y.mode = BUDGET_MODE_LISTED;
	assert_int_equal(budget_year_validate(2025, &y, &why), 0);
	y.approval_doc = "某文件";
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	assert_string_equal(why.field, "/approved_on");
	y.mode = BUDGET_MODE_COUNT;
	assert_int_equal(budget_year_validate(2025, &y, &why), -1);
	assert_string_equal(why.field, "/mode");
}

static struct budget_exec exec(int64_t budget, int64_t final)
{
	struct budget_exec e = {.budget_fen = budget, .final_fen = final};

	e.has_budget = e.has_final = true;
	assert_int_equal(budget_exec_compute(&e), 0);
	return e;
}

static void test_exec(void **state)
{
	(void)state;
	/* 987,654.32 of 1,234,567.89 yuan: 0.80000000648 = 8000 bp, 246,913.57 under */
	struct budget_exec e = exec(123456789, 98765432);

	assert_true(e.has_rate);
	assert_int_equal(e.rate_bp, 8000);
	assert_int_equal(e.diff_fen, -24691357);
	/* 100.01 of 200.00 yuan: 5000.5 bp, half-up to 5001 */
	e = exec(20000, 10001);
	assert_int_equal(e.rate_bp, 5001);
	/* 1999.85 of 3000.00: 6666.17 bp -> 6666; 2000.00 of 3000.00: 6666.67 -> 6667 */
	assert_int_equal(exec(300000, 199985).rate_bp, 6666);
	assert_int_equal(exec(300000, 200000).rate_bp, 6667);
	/* over budget: 1234.56 of 1000.00 yuan = 12345.6 bp -> 12346, 234.56 over */
	e = exec(100000, 123456);
	assert_int_equal(e.rate_bp, 12346);
	assert_int_equal(e.diff_fen, 23456);
	/* the largest amounts multiply without overflow */
	e = exec(1000000000000000LL, 999999999999999LL);
	assert_int_equal(e.rate_bp, 10000);
	/* spent without a budget: the difference, no rate */
	e = exec(0, 500);
	assert_false(e.has_rate);
	assert_int_equal(e.diff_fen, 500);
	e = exec(-100, 50);
	assert_false(e.has_rate);
	assert_int_equal(e.diff_fen, 150);
	/* budgeted, not in the final accounts yet */
	e = (struct budget_exec){.budget_fen = 700, .has_budget = true};
	assert_int_equal(budget_exec_compute(&e), 0);
	assert_false(e.has_rate);
	assert_int_equal(e.diff_fen, 0);
}

static void test_project(void **state)
{
	(void)state;
	struct budget_problem why = {0};
	struct budget_project p = {.funds_fen = 500000000, .spent_fen = 412345678};
	int64_t bp;

	assert_int_equal(budget_project_validate(&p, &why), 0);
	/* 4,123,456.78 of 5,000,000.00 yuan: 8246.91 bp -> 8247 */
	assert_int_equal(budget_project_spent_bp(&p, &bp), 0);
	assert_int_equal(bp, 8247);
	assert_int_equal(budget_grade_of(&p), BUDGET_GRADE_NONE);
	assert_string_equal(budget_grade_code(budget_grade_of(&p)), "");
	p.scored = true;
	const int64_t scores[] = {100, 90, 89, 80, 79, 60, 59, 0};
	const char *const grades[] = {"excellent", "excellent", "good", "good",
	                              "fair",      "fair",      "poor", "poor"};
	for (int i = 0; i < 8; i++) {
		p.score = scores[i];
		assert_string_equal(budget_grade_code(budget_grade_of(&p)), grades[i]);
	}
	p.score = 101;
	assert_int_equal(budget_project_validate(&p, &why), -1);
	assert_string_equal(why.field, "/score");
	p.score = 95;
	p.funds_fen = 0;
	assert_int_equal(budget_project_validate(&p, &why), -1);
	assert_string_equal(why.field, "/funds_fen");
	p.funds_fen = 1;
	p.spent_fen = -1;
	assert_int_equal(budget_project_validate(&p, &why), -1);
	assert_string_equal(why.field, "/spent_fen");
}

/* Each grade's scores, the same bounds budget_grade_of uses; a poor project's item. */
static void test_grade_bounds(void **state)
{
	static const char *const codes[] = {"excellent", "good", "fair", "poor"};
	struct inbox_item it;
	struct arena a;
	int64_t lo, hi;

	(void)state;
	for (int i = 0; i < 4; i++) {
		enum budget_grade g = budget_grade_find(codes[i], &lo, &hi);
		struct budget_project in = {.funds_fen = 1, .score = lo, .scored = true};
		struct budget_project top = {.funds_fen = 1, .score = hi, .scored = true};
		assert_int_equal(g, BUDGET_GRADE_A + i);
		assert_int_equal(budget_grade_of(&in), g);
		assert_int_equal(budget_grade_of(&top), g);
	}
	assert_int_equal(budget_grade_find("poor", &lo, &hi), BUDGET_GRADE_D);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 59);
	assert_int_equal(budget_grade_find("bad", &lo, &hi), BUDGET_GRADE_NONE);
	assert_int_equal(budget_grade_find(NULL, &lo, &hi), BUDGET_GRADE_NONE);
	arena_init(&a);
	budget_poor_item(8, 11, "经开区", 2025, "标准厂房", 55, &a, &it);
	assert_string_equal(it.kind, "budget_project_poor");
	assert_string_equal(it.title, "经开区2025年度项目“标准厂房”绩效评价为差（55分），请整改");
	assert_string_equal(it.link, "/budget-projects?year=2025&zone_id=11&grade=poor");
	assert_int_equal(it.to[0].org_id, 11);
	assert_true(it.to[0].perm == PERM_BUDGET_READ);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grade_bounds), cmocka_unit_test(test_codes),
	    cmocka_unit_test(test_year),         cmocka_unit_test(test_exec),
	    cmocka_unit_test(test_project),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

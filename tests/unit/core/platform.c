/* Tests src/core/platform.c: stakes adding up to 100 %, the checklist's evidence rule, the
 * default warning lines by company type and each debt-risk indicator worked by hand. */
#include "core/platform.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_stakes(void **state)
{
	(void)state;
	struct platform_problem why = {0};
	const int64_t good[] = {5100, 4900}, short_[] = {5100, 4800}, zero[] = {0, 10000};

	assert_int_equal(platform_stakes_validate(good, 2, &why), 0);
	assert_int_equal(platform_stakes_validate(short_, 2, &why), -1);
	assert_string_equal(why.field, "/shareholders");
	assert_string_equal(why.message, "各股东持股比例合计应为100%，现为99.00%");
	assert_int_equal(platform_stakes_validate(zero, 2, &why), -1);
	assert_string_equal(why.field, "/shareholders/0/stake_bp");
	assert_int_equal(platform_stakes_validate(good, 0, &why), -1);
}

static void test_checklist(void **state)
{
	(void)state;
	struct platform_problem why = {0};

	assert_true(platform_duty_of_committee(PLATFORM_DUTY_APPROVAL));
	assert_false(platform_duty_of_committee(PLATFORM_DUTY_DEVELOPMENT));
	assert_int_equal(platform_duty_find("capital"), PLATFORM_DUTY_CAPITAL);
	assert_int_equal(platform_duty_validate(PLATFORM_DOING, false, &why), 0);
	assert_int_equal(platform_duty_validate(PLATFORM_DONE, true, &why), 0);
	assert_int_equal(platform_duty_validate(PLATFORM_DONE, false, &why), -1);
	assert_string_equal(why.field, "/evidence");
}

static void test_lines(void **state)
{
	(void)state;
	struct platform_line l[PLATFORM_INDICATOR_COUNT];
	struct platform_problem why = {0};

	/* 国资委 2018: 工业 65/70 %, 非工业 70/75 %, 科研设计 60/65 % */
	platform_default_lines(PLATFORM_INDUSTRIAL, l);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].warning_bp, 6500);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].key_bp, 7000);
	platform_default_lines(PLATFORM_NON_INDUSTRIAL, l);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].warning_bp, 7000);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].key_bp, 7500);
	platform_default_lines(PLATFORM_RESEARCH, l);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].warning_bp, 6000);
	assert_int_equal(l[PLATFORM_DEBT_RATIO].key_bp, 6500);
	assert_true(l[PLATFORM_CURRENT_RATIO].lower_is_worse);
	for (int i = 0; i < PLATFORM_INDICATOR_COUNT; i++)
		assert_int_equal(platform_line_validate((enum platform_indicator)i, &l[i], &why),
		                 0);
	struct platform_line bad = {7000, 6500, false};
	assert_int_equal(platform_line_validate(PLATFORM_DEBT_RATIO, &bad, &why), -1);
	assert_string_equal(why.field, "/key_bp");
	bad = (struct platform_line){10000, 11000, true};
	assert_int_equal(platform_line_validate(PLATFORM_CURRENT_RATIO, &bad, &why), -1);
	assert_string_equal(why.message, "重点监管线不能高于预警线");
}

static void test_assess(void **state)
{
	(void)state;
	struct platform_line l[PLATFORM_INDICATOR_COUNT];
	struct platform_reading r[PLATFORM_INDICATOR_COUNT];
	/* 100,000,000.00 yuan of assets, 66,000,000.00 owed of which 50,000,000.00 bears interest;
	 * current 30,000,000.00 against 32,000,000.00; 18,000,000.00 guaranteed */
	struct platform_sheet s = {10000000000, 6600000000, 5000000000,
	                           3000000000,  3200000000, 1800000000};

	platform_default_lines(PLATFORM_INDUSTRIAL, l);
	assert_int_equal(platform_assess(&s, l, r), 0);
	/* 66 %: over 工业's 65 % warning line, under its 70 % */
	assert_int_equal(r[PLATFORM_DEBT_RATIO].value_bp, 6600);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].level, PLATFORM_LEVEL_WARNING);
	/* 50 ÷ 66 = 75.7575… % -> 7576 bp, over 70 % */
	assert_int_equal(r[PLATFORM_INTEREST_SHARE].value_bp, 7576);
	assert_int_equal(r[PLATFORM_INTEREST_SHARE].level, PLATFORM_LEVEL_WARNING);
	/* 30 ÷ 32 = 0.9375, below 1 */
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].value_bp, 9375);
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].level, PLATFORM_LEVEL_WARNING);
	/* 18 ÷ (100 − 66) = 52.941…% -> 5294 bp, over 50 % */
	assert_int_equal(r[PLATFORM_GUARANTEE].value_bp, 5294);
	assert_int_equal(platform_worst(r), PLATFORM_LEVEL_WARNING);

	/* the same figures for a 非工业 company: 66 % is under its 70 % */
	platform_default_lines(PLATFORM_NON_INDUSTRIAL, l);
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].level, PLATFORM_LEVEL_NORMAL);

	/* on the key line is not over it; half a basis point more rounds over */
	platform_default_lines(PLATFORM_INDUSTRIAL, l);
	s.liabilities = 7000000000;
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].level, PLATFORM_LEVEL_WARNING);
	s.liabilities = 7000500000;
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].value_bp, 7001);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].level, PLATFORM_LEVEL_KEY);
	assert_int_equal(platform_worst(r), PLATFORM_LEVEL_KEY);

	/* 20 ÷ 32 = 0.625: below the 0.8 key line */
	s.current_assets = 2000000000;
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].value_bp, 6250);
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].level, PLATFORM_LEVEL_KEY);

	/* owing more than it owns while guaranteeing: no ratio, the key level */
	s = (struct platform_sheet){100, 150, 0, 0, 0, 1};
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_false(r[PLATFORM_GUARANTEE].has_value);
	assert_int_equal(r[PLATFORM_GUARANTEE].level, PLATFORM_LEVEL_KEY);
	assert_false(r[PLATFORM_CURRENT_RATIO].has_value);
	/* no assets: no ratio at all */
	s = (struct platform_sheet){0};
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_false(r[PLATFORM_DEBT_RATIO].has_value);
	assert_int_equal(platform_worst(r), PLATFORM_LEVEL_NORMAL);
	/* a ratio past what a basis-point count holds (10^15 fen guaranteed on 1 fen of net assets:
	 * 10^19 bp) reads as the largest, over every line, and the others read as they are */
	s = (struct platform_sheet){
	    1000000000000000, 999999999999999, 999999999999999, 1000000000000000, 1,
	    1000000000000000};
	assert_int_equal(platform_assess(&s, l, r), 0);
	assert_true(r[PLATFORM_GUARANTEE].has_value);
	assert_int_equal(r[PLATFORM_GUARANTEE].value_bp, INT64_MAX);
	assert_int_equal(r[PLATFORM_GUARANTEE].level, PLATFORM_LEVEL_KEY);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].value_bp, 10000);
	assert_int_equal(r[PLATFORM_DEBT_RATIO].level, PLATFORM_LEVEL_KEY);
	assert_int_equal(r[PLATFORM_INTEREST_SHARE].value_bp, 10000);
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].value_bp, INT64_MAX);
	assert_int_equal(r[PLATFORM_CURRENT_RATIO].level, PLATFORM_LEVEL_NORMAL);
	/* out of range figures are refused */
	s.assets = -1;
	assert_int_equal(platform_assess(&s, l, r), -1);
}

/* a year's figures are of a year that ended or is under way, once the company existed */
static void test_sheet_year(void **state)
{
	struct platform_problem why = {0};

	(void)state;
	assert_int_equal(platform_sheet_year_check(2025, 2026, "2020-01-01", &why), 0);
	assert_int_equal(platform_sheet_year_check(2026, 2026, "2020-01-01", &why), 0);
	assert_int_equal(platform_sheet_year_check(2020, 2026, "2020-12-31", &why), 0);
	assert_int_equal(platform_sheet_year_check(2025, 2026, NULL, &why), 0);
	assert_int_equal(platform_sheet_year_check(2027, 2026, "2020-01-01", &why), -1);
	assert_string_equal(why.field, "/year");
	assert_string_equal(why.message, "年度不能晚于本年（2026年）");
	assert_int_equal(platform_sheet_year_check(2019, 2026, "2020-01-01", &why), -1);
	assert_string_equal(why.message, "年度早于公司成立的年度（2020年）");
}

static void test_sheet_validate(void **state)
{
	(void)state;
	struct platform_problem why = {0};
	/* liabilities past the assets are allowed: an insolvent company is what the board shows */
	struct platform_sheet s = {.assets = 1000,
	                           .liabilities = 1200,
	                           .interest_bearing = 1200,
	                           .current_assets = 1000,
	                           .current_liabilities = 1200,
	                           .guarantees = 0};

	assert_int_equal(platform_sheet_validate(&s, 0, -5, &why), 0);
	s.interest_bearing = 1201;
	assert_int_equal(platform_sheet_validate(&s, 0, 0, &why), -1);
	assert_string_equal(why.field, "/interest_bearing_fen");
	assert_string_equal(why.message, "带息负债不能超过负债总额");
	s.interest_bearing = 0;
	s.current_liabilities = 1201;
	assert_int_equal(platform_sheet_validate(&s, 0, 0, &why), -1);
	assert_string_equal(why.field, "/current_liabilities_fen");
	s.current_liabilities = 0;
	s.current_assets = 1001;
	assert_int_equal(platform_sheet_validate(&s, 0, 0, &why), -1);
	assert_string_equal(why.field, "/current_assets_fen");
	s.current_assets = 0;
	assert_int_equal(platform_sheet_validate(&s, -1, 0, &why), -1);
	assert_string_equal(why.field, "/revenue_fen");
	assert_int_equal(platform_sheet_validate(&s, 0, -1000000000000001LL, &why), -1);
	assert_string_equal(why.field, "/profit_fen");
	s.guarantees = -1;
	assert_int_equal(platform_sheet_validate(&s, 0, 0, &why), -1);
	assert_string_equal(why.field, "/guarantees_fen");
	assert_string_equal(platform_status_code(PLATFORM_DOING), "doing");
	assert_string_equal(platform_status_code(PLATFORM_STATUS_COUNT), "");
}

/* A year over a line goes to 国资委 and to the office covering the zone, naming the line. */
static void test_risk_item(void **state)
{
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	platform_risk_item(3, "建投公司", 11, "经开区", 2025, PLATFORM_LEVEL_KEY, &a, &it);
	assert_string_equal(it.title,
	                    "建投公司（经开区）2025年度债务风险指标越过重点监管线，请关注");
	assert_string_equal(it.link, "/platform/board?year=2025");
	assert_int_equal(it.nto, 2);
	assert_string_equal(it.to[0].capability, "supervise_platform");
	assert_true(it.to[1].perm == (PERM_PLATFORM_READ | PERM_NOTICE_ISSUE));
	assert_int_equal(it.to[1].scope_of, 11);
	platform_risk_item(3, "建投公司", 11, "经开区", 2025, PLATFORM_LEVEL_WARNING, &a, &it);
	assert_string_equal(it.title, "建投公司（经开区）2025年度债务风险指标越过预警线，请关注");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_risk_item),  cmocka_unit_test(test_stakes),
	    cmocka_unit_test(test_checklist),  cmocka_unit_test(test_lines),
	    cmocka_unit_test(test_assess),     cmocka_unit_test(test_sheet_validate),
	    cmocka_unit_test(test_sheet_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

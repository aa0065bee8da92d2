/* Tests src/core/land.c: a parcel that is 闲置土地 under each clause of 53号令 art. 2 (not
 * started a year after the agreed day; started with under a third of the area or a quarter of
 * the investment and stopped a year), the day before and the day it becomes idle, the handling
 * by cause and by years with the idle fee worked in fen; 供而未用, 用而未尽, 建而未投, 投而未达标;
 * mu; 批而未供; the project location flag. Today is 2026-11-28. */
#include "core/land.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define D(s) plan_day(s)

static int64_t today(void)
{
	return D("2026-11-28");
}

/* 1 hectare, 10,000,000.00 yuan invested by contract, price 12,345,678.93 yuan */
static struct land_parcel_facts parcel(void)
{
	struct land_parcel_facts p = {
	    .area_m2x100 = 1000000,
	    .investment_agreed_fen = 1000000000,
	    .land_price_fen = 1234567893,
	    .agreed_start = LAND_NO_DAY,
	    .agreed_finish = LAND_NO_DAY,
	    .agreed_production = LAND_NO_DAY,
	    .actual_start = LAND_NO_DAY,
	    .actual_finish = LAND_NO_DAY,
	    .actual_production = LAND_NO_DAY,
	    .stopped_since = LAND_NO_DAY,
	    .idle_cause = "enterprise",
	};
	return p;
}

static void test_not_started(void **state)
{
	struct land_parcel_facts p = parcel();
	struct land_finding f;

	(void)state;
	/* agreed 2025-10-01: a year passed on 2026-10-01; enterprise cause, under two years: the
	 * fee is 20% of 1,234,567,893 fen = 246,913,578.6, half-up 246,913,579 fen */
	p.agreed_start = D("2025-10-01");
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_IDLE);
	assert_int_equal(f.flags, 1u << LAND_IDLE);
	assert_int_equal(f.clause, LAND_IDLE_NOT_STARTED);
	assert_int_equal(f.idle_since, D("2026-10-01"));
	assert_int_equal(f.handling, LAND_HANDLE_IDLE_FEE);
	assert_int_equal(f.idle_fee_fen, 246913579);
	assert_string_equal(
	    f.reason,
	    "超过约定动工日期2025-10-01满一年（2026-10-01起）未动工开发，属闲置土地（第53号"
	    "令第二条）；属企业原因，应按出让价款的20%征缴土地闲置费2469135.79元（第53号令"
	    "第十四条）");

	/* the day before the year is full: 供而未用, not idle; the day it is: idle */
	p.agreed_start = D("2025-11-29");
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_UNUSED);
	assert_int_equal(f.clause, LAND_IDLE_NONE);
	assert_int_equal(f.handling, LAND_HANDLE_NONE);
	assert_string_equal(
	    f.reason, "约定动工日期2025-11-29已过，尚未动工；至2026-11-29仍未动工即为闲置土地");
	p.agreed_start = D("2025-11-28");
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_IDLE);
	assert_int_equal(f.idle_since, today());

	/* two full years: reclaimed without compensation; a day short: the fee */
	p.agreed_start = D("2024-11-28");
	land_classify(&p, today(), &f);
	assert_int_equal(f.handling, LAND_HANDLE_RECLAIM);
	assert_int_equal(f.idle_fee_fen, 0);
	p.agreed_start = D("2024-11-29");
	land_classify(&p, today(), &f);
	assert_int_equal(f.handling, LAND_HANDLE_IDLE_FEE);

	/* the government's cause: negotiated, no fee; no cause determined yet: determine it */
	p.idle_cause = "government";
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_IDLE);
	assert_int_equal(f.handling, LAND_HANDLE_NEGOTIATE);
	assert_int_equal(f.idle_fee_fen, 0);
	p.idle_cause = NULL;
	land_classify(&p, today(), &f);
	assert_int_equal(f.handling, LAND_HANDLE_DETERMINE_CAUSE);

	/* before its agreed day: nothing; no agreed day at all: 供而未用 */
	p.agreed_start = D("2026-11-28");
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_NORMAL);
	assert_string_equal(f.reason, "");
	p.agreed_start = LAND_NO_DAY;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_UNUSED);
	assert_string_equal(f.reason, "已供地，未约定动工日期，尚未动工");
}

static void test_stopped(void **state)
{
	struct land_parcel_facts p = parcel();
	struct land_finding f;

	(void)state;
	/* started 2024-03-01; 3,333.33 m² of 10,000 developed (33.33%: 3,333.33 × 3 < 10,000) and
	 * 3,000,000.00 of 10,000,000.00 yuan invested (30%, not under a quarter); stopped
	 * 2025-11-28, a full year ago */
	p.agreed_start = D("2024-01-01");
	p.actual_start = D("2024-03-01");
	p.developed_m2x100 = 333333;
	p.investment_done_fen = 300000000;
	p.stopped_since = D("2025-11-28");
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_IDLE);
	assert_int_equal(f.clause, LAND_IDLE_STOPPED);
	assert_int_equal(f.idle_since, today());
	assert_int_equal(f.handling, LAND_HANDLE_IDLE_FEE);
	assert_string_equal(
	    f.reason,
	    "2024-03-01已动工，已开发面积占33.33%（不足三分之一）、已投资占30.00%，自2025-"
	    "11-28中止开发满一年，属闲置土地（第53号令第二条）；属企业原因，应按出让价款的20%"
	    "征缴土地闲置费2469135.79元（第53号令第十四条）");

	/* by the investment alone: half the area, 24.99% invested */
	p.developed_m2x100 = 500000;
	p.investment_done_fen = 249900000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.clause, LAND_IDLE_STOPPED);
	assert_non_null(strstr(f.reason, "已开发面积占50.00%、已投资占24.99%（不足四分之一）"));

	/* exactly a third and exactly a quarter are not "less than": not idle */
	p.area_m2x100 = 999999;
	p.developed_m2x100 = 333333;
	p.investment_done_fen = 250000000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.clause, LAND_IDLE_NONE);
	assert_int_equal(f.status, LAND_NORMAL);

	/* a day short of the year stopped: not idle */
	p.area_m2x100 = 1000000;
	p.stopped_since = D("2025-11-29");
	land_classify(&p, today(), &f);
	assert_int_equal(f.clause, LAND_IDLE_NONE);

	/* two years stopped: reclaimed, and said so of a parcel that did start */
	p.stopped_since = D("2024-11-28");
	land_classify(&p, today(), &f);
	assert_int_equal(f.handling, LAND_HANDLE_RECLAIM);
	assert_non_null(
	    strstr(f.reason, "属企业原因，中止开发已满两年，应无偿收回（第53号令第十四条）"));
}

/* A stop or a completion before the start, or without one, cannot be: refused before any
 * finding is made of it (a stop before the start would read as a year idle). */
static void test_dates(void **state)
{
	struct land_parcel_facts p = parcel();
	const char *field = NULL;
	int64_t t = D("2026-11-28");

	(void)state;
	assert_null(land_dates_check(&p, t, &field));
	p.actual_start = D("2026-01-01");
	p.stopped_since = D("2025-01-01");
	assert_string_equal(land_dates_check(&p, t, &field), "中止开发日期不能早于实际动工日期");
	assert_string_equal(field, "stopped_since");
	p.stopped_since = D("2026-01-01");
	assert_null(land_dates_check(&p, t, &field));
	p.actual_start = LAND_NO_DAY;
	assert_string_equal(land_dates_check(&p, t, &field),
	                    "填写中止开发日期时应填写实际动工日期（未动工的地块没有中止开发）");
	assert_string_equal(field, "stopped_since");
	p.stopped_since = LAND_NO_DAY;
	p.actual_finish = D("2026-06-01");
	assert_string_equal(land_dates_check(&p, t, &field),
	                    "填写实际竣工日期时应填写实际动工日期");
	assert_string_equal(field, "actual_finish");
	p.actual_start = D("2026-06-02");
	assert_string_equal(land_dates_check(&p, t, &field), "实际竣工日期不能早于实际动工日期");
	assert_string_equal(field, "actual_finish");
	p.actual_start = D("2026-06-01");
	assert_null(land_dates_check(&p, t, &field));
}

/* What happened is not dated after today (a start to come would clear an idle finding), and
 * the contract does not finish before it starts; today itself is not after today. */
static void test_dates_to_come(void **state)
{
	struct land_parcel_facts p = parcel();
	const char *field = NULL;
	int64_t t = D("2026-11-28");

	(void)state;
	p.actual_start = D("2026-11-29");
	assert_string_equal(land_dates_check(&p, t, &field), "实际动工日期不能晚于今天");
	assert_string_equal(field, "actual_start");
	p.actual_start = t;
	assert_null(land_dates_check(&p, t, &field));
	p.actual_start = D("2026-01-01");
	p.stopped_since = D("2026-12-01");
	assert_string_equal(land_dates_check(&p, t, &field), "中止开发日期不能晚于今天");
	assert_string_equal(field, "stopped_since");
	p.stopped_since = LAND_NO_DAY;
	p.actual_finish = D("2027-01-01");
	assert_string_equal(land_dates_check(&p, t, &field), "实际竣工日期不能晚于今天");
	assert_string_equal(field, "actual_finish");
	p.actual_finish = t;
	p.actual_production = D("2026-11-29");
	assert_string_equal(land_dates_check(&p, t, &field), "实际投产日期不能晚于今天");
	assert_string_equal(field, "actual_production");
	p.actual_production = LAND_NO_DAY;
	p.agreed_start = D("2026-03-01");
	p.agreed_finish = D("2026-02-28");
	assert_string_equal(land_dates_check(&p, t, &field), "约定竣工日期不能早于约定动工日期");
	assert_string_equal(field, "agreed_finish");
	p.agreed_finish = D("2026-03-01");
	assert_null(land_dates_check(&p, t, &field));
	/* an agreed completion without an agreed start is not compared */
	p.agreed_start = LAND_NO_DAY;
	p.agreed_finish = D("2020-01-01");
	assert_null(land_dates_check(&p, t, &field));
}

static void test_later_stages(void **state)
{
	struct land_parcel_facts p = parcel();
	struct land_finding f;

	(void)state;
	/* 用而未尽: past the agreed completion with 60% developed */
	p.agreed_start = D("2023-01-01");
	p.actual_start = D("2023-02-01");
	p.agreed_finish = D("2025-12-31");
	p.developed_m2x100 = 600000;
	land_classify(&p, D("2026-01-01"), &f);
	assert_int_equal(f.status, LAND_UNDERUSED);
	assert_string_equal(f.reason, "约定竣工日期2025-12-31已过，已开发面积仅占60.00%");
	land_classify(&p, D("2025-12-31"), &f);
	assert_int_equal(f.status, LAND_NORMAL);

	/* built, floor area ratio 0.80 against the agreed 1.20, agreed production passed: both */
	p.developed_m2x100 = 1000000;
	p.actual_finish = D("2026-03-01");
	p.agreed_production = D("2026-09-30");
	p.far_agreed_x100 = 120;
	p.far_x100 = 80;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_UNDERUSED);
	assert_int_equal(f.flags, (1u << LAND_UNDERUSED) | (1u << LAND_UNPRODUCED));
	assert_string_equal(f.reason,
	                    "容积率0.80低于约定的1.20；已于2026-03-01竣工，约定投产日期2026-"
	                    "09-30已过，尚未投产");

	/* 投而未达标: 15 mu, 1,200,000.00 yuan of tax last year is 80,000.00 per mu against the
	 * agreed 100,000.00 */
	p.far_x100 = 150;
	p.actual_production = D("2026-10-01");
	p.tax_per_mu_agreed_fen = 10000000;
	p.tax_last_year_fen = 120000000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_SUBSTANDARD);
	assert_string_equal(f.reason, "上年亩均税收80000.00元，低于约定的100000.00元");
	/* the registry's records name themselves: the parcel's own field may say another */
	p.tax_from_registry = true;
	land_classify(&p, today(), &f);
	assert_string_equal(
	    f.reason, "上年亩均税收80000.00元（按企业名录的纳税记录），低于约定的100000.00元");
	/* the registry's tax is the enterprise's, over all the land it holds: 1,500,000.00 yuan
	 * is 100,000.00 a mu of this parcel's 15 mu, but 50,000.00 a mu of its 30 mu in all */
	p.tax_last_year_fen = 150000000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_NORMAL);
	p.tax_area_m2x100 = 2000000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_SUBSTANDARD);
	assert_string_equal(f.reason, "上年亩均税收50000.00元（按企业名录的纳税记录和该企业全部用地"
	                              "30.00亩），低于约定的100000.00元");
	/* the parcel alone is the enterprise's land: as before */
	p.tax_area_m2x100 = p.area_m2x100;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_NORMAL);
	p.tax_area_m2x100 = 0;
	p.tax_from_registry = false;
	/* exactly the agreed figure: up to standard */
	p.tax_last_year_fen = 150000000;
	land_classify(&p, today(), &f);
	assert_int_equal(f.status, LAND_NORMAL);
}

static void test_units(void **state)
{
	(void)state;
	/* 10,000 m² = 15 mu; 666.67 m² = 1.00 mu (1.000005, half-up at the hundredth) */
	assert_int_equal(land_mu_x100(1000000), 1500);
	assert_int_equal(land_mu_x100(66667), 100);
	assert_int_equal(land_mu_x100(33333), 50);
	assert_int_equal(land_add_years(D("2024-02-29"), 1), D("2025-02-28"));
	assert_int_equal(land_add_years(D("2024-02-29"), 4), D("2028-02-29"));
	assert_int_equal(land_add_years(D("2025-12-31"), 1), D("2026-12-31"));
	assert_int_equal(land_batch_unsupplied(5000000, 3000000), 2000000);
	assert_int_equal(land_batch_unsupplied(5000000, 6000000), 0);
	enum land_status s;
	assert_true(land_status_parse("idle", &s));
	assert_int_equal(s, LAND_IDLE);
	assert_false(land_status_parse("lazy", &s));
	assert_string_equal(land_status_label(LAND_UNPRODUCED), "建而未投");
	assert_string_equal(land_handling_code(LAND_HANDLE_RECLAIM), "reclaim");
}

static void test_projects(void **state)
{
	(void)state;
	assert_true(land_project_flagged(false, GEO_INSIDE, NULL));
	assert_true(land_project_flagged(false, GEO_PARTLY, ""));
	assert_true(land_project_flagged(false, GEO_ON_EDGE, NULL));
	assert_false(land_project_flagged(false, GEO_OUTSIDE, NULL));
	assert_false(land_project_flagged(true, GEO_INSIDE, NULL));
	assert_false(land_project_flagged(false, GEO_INSIDE, "园区职工宿舍，必要的生活配套"));
	assert_string_equal(land_where_code(GEO_PARTLY), "partly");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_not_started),   cmocka_unit_test(test_stopped),
	    cmocka_unit_test(test_later_stages),  cmocka_unit_test(test_units),
	    cmocka_unit_test(test_projects),      cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_dates_to_come),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

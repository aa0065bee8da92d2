/* Tests src/core/mujun.c: an enterprise scored by hand under the default scheme (references the
 * group's averages, a capped indicator, a missing figure scored the group's average), classes
 * by percentile with ties at the A/B and the C/D boundaries going to the better class, classes
 * by threshold, who is evaluated (industrial, 规下 on 3 mu, newly in production), the scheme's
 * checks. */
#include "core/mujun.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define MU30 2000000 /* 20,000.00 m² = 30 mu */

static struct mujun_figures none(enum mujun_group g)
{
	struct mujun_figures f = {
	    .group = g,
	    .area_m2x100 = MU30,
	    .tax_fen = MUJUN_NONE,
	    .value_added_fen = MUJUN_NONE,
	    .revenue_fen = MUJUN_NONE,
	    .rd_fen = MUJUN_NONE,
	    .energy_kgce = MUJUN_NONE,
	    .emission_kg = MUJUN_NONE,
	    .electricity_kwh = MUJUN_NONE,
	    .staff = MUJUN_NONE,
	};
	return f;
}

/* X, worked by hand, and Y, its only peer (references are the two's averages):
 *                 X                          Y                         avg        X      Y
 * 亩均税收      900,000元/30亩 = 30,000元/亩   300,000元 → 10,000       20,000     45.00* 15.00
 * 亩均增加值    6,000,000元 → 200,000元/亩     3,000,000元 → 100,000    150,000    26.67  13.33
 * 能耗增加值    ÷2,000 tce = 3,000元/tce       ÷500 tce = 6,000         4,500      13.33  26.67
 * 排放增加值    no figure: Y's 10.00           ÷100 t = 30,000元/t      30,000     10.00† 10.00
 * 劳动生产率    ÷200 = 30,000元/人             ÷150 = 20,000            25,000     12.00   8.00
 * R&D 占比      1,200,000 ÷ 40,000,000 = 3.00%  100,000 ÷ 20,000,000 = 0.50%  1.75%  15.00* 2.86
 * * capped at 1.5 × the weight (30 × 2/1 = 60 > 45; 10 × 3/1.75 = 17.14 > 15)
 * † the group's average contribution for the indicator
 * X: 45 + 26.67 + 13.33 + 10 + 12 + 15 = 122.00; Y: 15 + 13.33 + 26.67 + 10 + 8 + 2.86 = 75.86 */
/* R&D or the value added above the revenue cannot be; equal can, and an unknown figure is not
 * compared. */
static void test_figures_check(void **state)
{
	const char *field = NULL;

	(void)state;
	assert_null(mujun_figures_check(100, 100, 100, &field));
	assert_null(mujun_figures_check(MUJUN_NONE, MUJUN_NONE, 500, &field));
	assert_null(mujun_figures_check(500, MUJUN_NONE, 500, &field));
	assert_string_equal(mujun_figures_check(100, 100, 101, &field),
	                    "R&D经费支出不能大于主营业务收入");
	assert_string_equal(field, "rd");
	assert_string_equal(mujun_figures_check(101, 100, MUJUN_NONE, &field),
	                    "工业增加值不能大于主营业务收入");
	assert_string_equal(field, "value_added");
	assert_null(mujun_figures_check(0, 0, 0, &field));
}

static void test_hand_worked(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f[2] = {none(MUJUN_ABOVE), none(MUJUN_ABOVE)};
	struct mujun_result r[2];
	struct mujun_order order[4];

	(void)state;
	mujun_scheme_default(&s);
	f[0].tax_fen = 90000000;
	f[0].value_added_fen = 600000000;
	f[0].energy_kgce = 2000000;
	f[0].staff = 200;
	f[0].rd_fen = 120000000;
	f[0].revenue_fen = 4000000000;
	f[1].tax_fen = 30000000;
	f[1].value_added_fen = 300000000;
	f[1].energy_kgce = 500000;
	f[1].emission_kg = 100000;
	f[1].staff = 150;
	f[1].rd_fen = 10000000;
	f[1].revenue_fen = 2000000000;
	mujun_evaluate(&s, f, 2, r, order);

	assert_int_equal(r[0].value[MUJUN_TAX_PER_MU], 3000000);
	assert_int_equal(r[0].value[MUJUN_VA_PER_MU], 20000000);
	assert_int_equal(r[0].value[MUJUN_VA_PER_ENERGY], 300000);
	assert_int_equal(r[0].value[MUJUN_VA_PER_EMISSION], MUJUN_NONE);
	assert_int_equal(r[0].value[MUJUN_VA_PER_STAFF], 3000000);
	assert_int_equal(r[0].value[MUJUN_RD_SHARE], 300);
	assert_int_equal(r[0].value[MUJUN_TAX_PER_POWER], MUJUN_NONE); /* not a 规上 indicator */

	assert_int_equal(r[0].contribution[MUJUN_TAX_PER_MU], 4500);
	assert_int_equal(r[0].contribution[MUJUN_VA_PER_MU], 2667);
	assert_int_equal(r[0].contribution[MUJUN_VA_PER_ENERGY], 1333);
	assert_int_equal(r[0].contribution[MUJUN_VA_PER_EMISSION], 1000);
	assert_true(r[0].averaged[MUJUN_VA_PER_EMISSION]);
	assert_false(r[0].averaged[MUJUN_VA_PER_STAFF]);
	assert_int_equal(r[0].contribution[MUJUN_VA_PER_STAFF], 1200);
	assert_int_equal(r[0].contribution[MUJUN_RD_SHARE], 1500);
	assert_int_equal(r[0].score_x100, 12200);

	assert_int_equal(r[1].contribution[MUJUN_TAX_PER_MU], 1500);
	assert_int_equal(r[1].contribution[MUJUN_VA_PER_MU], 1333);
	assert_int_equal(r[1].contribution[MUJUN_VA_PER_ENERGY], 2667);
	assert_int_equal(r[1].contribution[MUJUN_VA_PER_EMISSION], 1000);
	assert_int_equal(r[1].contribution[MUJUN_VA_PER_STAFF], 800);
	assert_int_equal(r[1].contribution[MUJUN_RD_SHARE], 286);
	assert_int_equal(r[1].score_x100, 7586);

	/* of 2: A takes 25 % = 0.5 → 1 (half-up), A+B 70 % = 1.4 → 1, A+B+C 95 % = 1.9 → 2 */
	assert_int_equal(r[0].rank, 1);
	assert_string_equal(mujun_class_code(r[0].klass), "A");
	assert_int_equal(r[1].rank, 2);
	assert_string_equal(mujun_class_code(r[1].klass), "C");
}

/* The group's average as the reference is kept exact, not rounded to the indicator's unit: R&D
 * shares of 3.50 %, 4.00 % and 1.00 % average 2.8333… % (850 bp ÷ 3), and 3.50 % scores
 * 350 × 3 ÷ 850 × 10 = 12.3529 → 12.35 (not 350 ÷ 283 × 10 = 12.37), 4.00 % 14.1176 → 14.12,
 * 1.00 % 3.5294 → 3.53. The other indicators have no figures: their average contribution is 0. */
static void test_exact_average(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f[3] = {none(MUJUN_ABOVE), none(MUJUN_ABOVE), none(MUJUN_ABOVE)};
	struct mujun_result r[3];
	struct mujun_order order[6];
	const int64_t rd[3] = {35, 40, 10}, want[3] = {1235, 1412, 353};

	(void)state;
	mujun_scheme_default(&s);
	for (int i = 0; i < 3; i++) {
		f[i].rd_fen = rd[i];
		f[i].revenue_fen = 1000;
	}
	mujun_evaluate(&s, f, 3, r, order);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(r[i].value[MUJUN_RD_SHARE], rd[i] * 10);
		assert_int_equal(r[i].contribution[MUJUN_RD_SHARE], want[i]);
		assert_int_equal(r[i].score_x100, want[i]);
	}
}

/* One indicator, reference 10,000 fen per mu, so that the score is the tax per mu in fen. */
static void one_indicator(struct mujun_scheme *s)
{
	mujun_scheme_default(s);
	memset(s->w, 0, sizeof(s->w));
	s->w[MUJUN_ABOVE][MUJUN_TAX_PER_MU] = (struct mujun_weight){100, 10000, 1000000};
	s->w[MUJUN_BELOW][MUJUN_TAX_PER_MU] = (struct mujun_weight){100, 10000, 1000000};
}

/* 20 enterprises scoring 100.00, 99.00, … ; of 20, A is 5, A+B 14, A+B+C 19. Positions 4 and 5
 * tie (the 5th and 6th), and so do 18 and 19: the 6th joins A, the 20th C, D is empty. */
static void test_percentile_ties(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f[20];
	struct mujun_result r[20];
	struct mujun_order order[40];
	int count[MUJUN_NCLASSES] = {0};

	(void)state;
	one_indicator(&s);
	for (int p = 0; p < 20; p++) {
		int64_t score = 10000 - 100 * p;
		if (p == 5 || p == 19)
			score += 100;
		f[19 - p] =
		    none(MUJUN_ABOVE); /* listed worst first: the order of input is not rank */
		f[19 - p].tax_fen = score * 30;
	}
	mujun_evaluate(&s, f, 20, r, order);
	for (int k = 0; k < 20; k++)
		count[r[k].klass]++;
	assert_int_equal(r[19 - 4].score_x100, 9600);
	assert_int_equal(r[19 - 5].score_x100, 9600);
	assert_int_equal(r[19 - 4].klass, 0);
	assert_int_equal(r[19 - 5].klass, 0);
	assert_int_equal(r[19 - 5].rank, 5);
	assert_int_equal(r[19 - 6].rank, 7);
	assert_int_equal(r[19 - 6].klass, 1);
	assert_int_equal(r[19 - 13].klass, 1); /* the 14th, B's last */
	assert_int_equal(r[19 - 14].klass, 2);
	assert_int_equal(r[0].klass, 2); /* the 20th ties the 19th */
	assert_int_equal(count[0], 6);
	assert_int_equal(count[1], 8);
	assert_int_equal(count[2], 6);
	assert_int_equal(count[3], 0);
}

static void test_thresholds_and_exempt(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f[5];
	struct mujun_result r[5];
	struct mujun_order order[10];
	static const int64_t scores[5] = {8000, 7999, 6000, 3999, 9000};

	(void)state;
	one_indicator(&s);
	s.method = MUJUN_THRESHOLD;
	for (int k = 0; k < 5; k++) {
		f[k] = none(k == 3 ? MUJUN_BELOW : MUJUN_ABOVE);
		f[k].tax_fen = scores[k] * 30;
	}
	f[4].exempt = true;
	mujun_evaluate(&s, f, 5, r, order);
	assert_string_equal(mujun_class_code(r[0].klass), "A");
	assert_string_equal(mujun_class_code(r[1].klass), "B");
	assert_string_equal(mujun_class_code(r[2].klass), "B");
	assert_string_equal(mujun_class_code(r[3].klass), "D");
	assert_int_equal(r[3].rank, 1); /* the only 规下: ranked in its own group */
	assert_int_equal(r[4].klass, -1);
	assert_int_equal(r[4].rank, 0);
	assert_int_equal(r[4].score_x100, 0);
	assert_int_equal(r[4].value[MUJUN_TAX_PER_MU], 9000); /* shown, not scored */
}

static void test_missing_everywhere(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f = none(MUJUN_BELOW);
	struct mujun_result r;
	struct mujun_order order[2];

	(void)state;
	mujun_scheme_default(&s);
	f.area_m2x100 = 0; /* no land: no per-mu value; nobody has data, so 0 */
	f.tax_fen = 100;
	f.electricity_kwh = 0;
	mujun_evaluate(&s, &f, 1, &r, order);
	assert_int_equal(r.value[MUJUN_TAX_PER_MU], MUJUN_NONE);
	assert_int_equal(r.value[MUJUN_TAX_PER_POWER], MUJUN_NONE);
	assert_true(r.averaged[MUJUN_TAX_PER_POWER]);
	assert_int_equal(r.score_x100, 0);
	assert_string_equal(mujun_class_code(r.klass), "B"); /* of 1: A is 0.25 → 0 */
}

static void test_has_data(void **state)
{
	struct mujun_figures f = none(MUJUN_ABOVE);

	(void)state;
	assert_false(mujun_has_data(&f)); /* land, nothing of the year: not classed at all */
	f.tax_fen = 0; /* a year of tax records adding up to nothing is known: 0 a mu */
	assert_true(mujun_has_data(&f));
	f = none(MUJUN_BELOW);
	f.electricity_kwh = 10000; /* a figure without tax: classed, the tax scoring the average */
	assert_true(mujun_has_data(&f));
	f = none(MUJUN_ABOVE);
	f.staff = 10;
	assert_true(mujun_has_data(&f));
}

static void test_who_is_evaluated(void **state)
{
	struct mujun_scheme s;

	(void)state;
	mujun_scheme_default(&s);
	assert_true(mujun_below_eligible(&s, 200000));  /* 2,000.00 m² = 3 mu */
	assert_false(mujun_below_eligible(&s, 199999)); /* just under */
	assert_true(mujun_industrial("0610"));
	assert_true(mujun_industrial("3311"));
	assert_true(mujun_industrial("4620"));
	assert_false(mujun_industrial("0511"));
	assert_false(mujun_industrial("4710"));
	assert_false(mujun_industrial(""));
	assert_true(mujun_new_in_production(&s, 2025, "2024-12-31"));
	assert_true(mujun_new_in_production(&s, 2025, "2026-01-01"));
	assert_false(mujun_new_in_production(&s, 2025, "2023-01-01"));
	assert_false(mujun_new_in_production(&s, 2025, NULL));
}

static void test_scheme_check(void **state)
{
	struct mujun_scheme s;
	char why[160];
	enum mujun_indicator i;

	(void)state;
	mujun_scheme_default(&s);
	assert_int_equal(mujun_scheme_check(&s, why), 0);
	s.w[MUJUN_BELOW][MUJUN_TAX_PER_MU].weight = 40;
	assert_int_equal(mujun_scheme_check(&s, why), -1);
	assert_string_equal(why, "规下企业各指标权重之和应为100");
	mujun_scheme_default(&s);
	s.pct_bp[3] = 600;
	assert_int_equal(mujun_scheme_check(&s, why), -1);
	s.method = MUJUN_THRESHOLD; /* the percentages do not matter then */
	assert_int_equal(mujun_scheme_check(&s, why), 0);
	s.threshold_x100[1] = s.threshold_x100[0];
	assert_int_equal(mujun_scheme_check(&s, why), -1);
	mujun_scheme_default(&s);
	s.w[MUJUN_ABOVE][MUJUN_RD_SHARE].cap_bp = 9999;
	assert_int_equal(mujun_scheme_check(&s, why), -1);
	assert_true(mujun_indicator_parse("rd_share", &i));
	assert_int_equal(i, MUJUN_RD_SHARE);
	assert_false(mujun_indicator_parse("profit", &i));
	assert_string_equal(mujun_indicator_label(MUJUN_TAX_PER_POWER), "单位电耗税收");
}

/* Scores far apart (a reference of 1 fen and caps of 100 × the weight: up to 10,000.00
 * points) and one below zero (a tax refund larger than the tax): ranks by score however wide
 * the spread, the tie at the top sharing rank 1 and class A, in the order given among equals. */
static void test_wide_spread(void **state)
{
	struct mujun_scheme s;
	struct mujun_figures f[5];
	struct mujun_result r[5];
	struct mujun_order order[10];
	static const int64_t tax[5] = {0, 900000000, -3000, 900000000, 30};

	(void)state;
	mujun_scheme_default(&s);
	for (int i = 0; i < MUJUN_NINDICATORS; i++)
		if (s.w[MUJUN_BELOW][i].weight)
			s.w[MUJUN_BELOW][i] = (struct mujun_weight){50, 1, 1000000};
	for (int k = 0; k < 5; k++) {
		f[k] = none(MUJUN_BELOW);
		f[k].tax_fen = tax[k];
		f[k].electricity_kwh = 1000;
	}
	mujun_evaluate(&s, f, 5, r, order);
	/* 1 and 3: both indicators at their caps, 5000.00 points each */
	assert_int_equal(r[1].score_x100, 1000000);
	assert_int_equal(r[3].score_x100, 1000000);
	assert_int_equal(r[0].score_x100, 0);
	assert_true(r[2].score_x100 < 0);
	/* 4: 30 fen on 30 mu is 1 fen per mu (50.00 points), 300 fen per 10,000 kWh (capped) */
	assert_int_equal(r[4].score_x100, 5000 + 500000);
	static const int ranks[5] = {4, 1, 5, 1, 3};
	static const char *const classes[5] = {"B", "A", "C", "A", "B"};
	for (int k = 0; k < 5; k++) {
		assert_int_equal(r[k].rank, ranks[k]);
		assert_string_equal(mujun_class_code(r[k].klass), classes[k]);
	}
}

/* What an audit record can change of a year's evaluation: its inputs' entities, any import, and
 * that year's scheme only */
static void test_audit_touches(void **state)
{
	(void)state;
	assert_true(mujun_audit_touches("enterprise", "12", 2025));
	assert_true(mujun_audit_touches("land_parcel", "3", 2025));
	assert_true(mujun_audit_touches("enterprise_figure", "7", 2025));
	assert_true(mujun_audit_touches("mujun_exemption", "1", 2025));
	assert_true(mujun_audit_touches("import", "9", 2025));
	assert_true(mujun_audit_touches("mujun_scheme", "2025", 2025));
	assert_true(mujun_audit_touches("mujun_scheme", NULL, 2025));
	assert_false(mujun_audit_touches("mujun_scheme", "2030", 2025));
	assert_false(mujun_audit_touches("mujun_scheme", "20250", 2025));
	assert_false(mujun_audit_touches("mujun_measure", "4", 2025));
	assert_false(mujun_audit_touches("zone_boundary", "23", 2025));
	assert_false(mujun_audit_touches("notice", "1", 2025));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_figures_check),
	    cmocka_unit_test(test_hand_worked),
	    cmocka_unit_test(test_exact_average),
	    cmocka_unit_test(test_percentile_ties),
	    cmocka_unit_test(test_thresholds_and_exempt),
	    cmocka_unit_test(test_missing_everywhere),
	    cmocka_unit_test(test_who_is_evaluated),
	    cmocka_unit_test(test_scheme_check),
	    cmocka_unit_test(test_wide_spread),
	    cmocka_unit_test(test_audit_touches),
	    cmocka_unit_test(test_has_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

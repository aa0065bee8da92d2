/* Tests src/core/pay.c: pools worked by hand in fen (under the cap, exactly at it with
 * coefficient 5, above 5 refused, rounding half up, the head-count within the 员额 and without
 * unpaid secondees), a plan's checks each at its edge, and two properties over many generated
 * inputs: no pool above 5 × N × R, a plan's lines add up to its totals; the what-if over the
 * coefficients and the grade thresholds: a zone crossing a threshold changes grade and pool,
 * the quota demotes it back, a zone without a result keeps its hand-set grade. */
#include "core/pay.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_pool_examples(void **state)
{
	/* 12 on the roster on 31 December, 2 of them secondees paid by their unit: 10 count;
	 * 员额 12; R ¥80,000.00; grade 良好 at 1.5 */
	struct pay_pool p = {.on_roster = 12,
	                     .unpaid_secondees = 2,
	                     .quota = 12,
	                     .r_fen = 8000000,
	                     .coef_bp = 15000};

	(void)state;
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.counted, 10);
	assert_int_equal(p.n, 10);
	assert_int_equal(p.base_fen, 80000000);  /* 10 × ¥80,000 = ¥800,000.00 */
	assert_int_equal(p.pool_fen, 120000000); /* × 1.5 = ¥1,200,000.00 */
	assert_int_equal(p.cap_fen, 400000000);  /* 5 × ¥800,000 = ¥4,000,000.00 */
	/* exactly at the cap: coefficient 5 */
	p.coef_bp = 50000;
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 400000000);
	assert_int_equal(p.pool_fen, p.cap_fen);
	/* 5.0001 is refused */
	p.coef_bp = 50001;
	assert_int_equal(pay_pool_compute(&p), PAY_COEF_OVER_CAP);
	/* more on the roster than the 员额: N is the 员额 */
	p = (struct pay_pool){.on_roster = 15, .quota = 12, .r_fen = 8000000, .coef_bp = 10000};
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.n, 12);
	assert_int_equal(p.pool_fen, 96000000);
	/* rounding half up, once: 3 × ¥3,333.33 = ¥9,999.99; × 1.2345 = 1,234,498.7655 fen */
	p = (struct pay_pool){.on_roster = 3, .quota = 3, .r_fen = 333333, .coef_bp = 12345};
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.base_fen, 999999);
	assert_int_equal(p.pool_fen, 1234499);
	/* × 1.0001 = 1,000,098.9999 → 1,000,099; × 0.0003 = 299.9997 → 300 */
	p.coef_bp = 10001;
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 1000099);
	p.coef_bp = 3;
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 300);
	/* the half: 1 fen × 0.5 = 0.5 → 1; × 0.4999 → 0 */
	p = (struct pay_pool){.on_roster = 1, .quota = 1, .r_fen = 1, .coef_bp = 5000};
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 1);
	p.coef_bp = 4999;
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 0);
	/* nobody: nothing */
	p = (struct pay_pool){.quota = 5, .r_fen = 8000000, .coef_bp = 50000};
	assert_int_equal(pay_pool_compute(&p), PAY_OK);
	assert_int_equal(p.pool_fen, 0);
	/* inputs out of range */
	p = (struct pay_pool){.on_roster = 1, .unpaid_secondees = 2, .quota = 5, .r_fen = 1};
	assert_int_equal(pay_pool_compute(&p), PAY_OUT_OF_RANGE);
	p = (struct pay_pool){.on_roster = 1, .quota = 5, .r_fen = PAY_R_MAX_FEN + 1};
	assert_int_equal(pay_pool_compute(&p), PAY_OUT_OF_RANGE);
	p = (struct pay_pool){.on_roster = 1, .quota = 5, .r_fen = 1, .coef_bp = -1};
	assert_int_equal(pay_pool_compute(&p), PAY_OUT_OF_RANGE);
}

static void test_plan_checks(void **state)
{
	struct pay_line l[3] = {
	    {.person_id = 1,
	     .base_fen = 6000000,
	     .perf_fen = 50000000,
	     .on_roster = true,
	     .civil_servant = true},
	    {.person_id = 2,
	     .base_fen = 5000000,
	     .perf_fen = 70000000,
	     .incentive_fen = 3000000,
	     .on_roster = true},
	    {.person_id = 3, .base_fen = 1, .perf_fen = 0, .on_roster = true},
	};
	struct pay_totals t;
	int bad;

	(void)state;
	/* performance pay 120,000,000 = the pool: allowed; the incentive is outside it */
	assert_int_equal(pay_plan_check(l, 3, 120000000, &t, &bad), PAY_OK);
	assert_int_equal(t.base_fen, 11000001);
	assert_int_equal(t.perf_fen, 120000000);
	assert_int_equal(t.incentive_fen, 3000000);
	assert_int_equal(t.total_fen, 134000001);
	/* one fen over */
	assert_int_equal(pay_plan_check(l, 3, 119999999, &t, &bad), PAY_OVER_POOL);
	assert_int_equal(bad, -1);
	l[2].on_roster = false;
	assert_int_equal(pay_plan_check(l, 3, 120000000, &t, &bad), PAY_NOT_ON_ROSTER);
	assert_int_equal(bad, 2);
	l[2].on_roster = true;
	l[2].person_id = 1;
	assert_int_equal(pay_plan_check(l, 3, 120000000, &t, &bad), PAY_DUPLICATE_PERSON);
	assert_int_equal(bad, 2);
	l[2].person_id = 3;
	l[0].incentive_fen = 1;
	assert_int_equal(pay_plan_check(l, 3, 120000000, &t, &bad), PAY_INCENTIVE_CIVIL);
	assert_int_equal(bad, 0);
	l[0].incentive_fen = 0;
	l[1].perf_fen = -1;
	assert_int_equal(pay_plan_check(l, 3, 120000000, &t, &bad), PAY_OUT_OF_RANGE);
	assert_int_equal(bad, 1);
	assert_int_equal(pay_plan_check(l, 0, 0, &t, &bad), PAY_OK);
	assert_int_equal(t.total_fen, 0);
	assert_string_equal(pay_rule_code(PAY_OVER_POOL), "over_pool");
	assert_non_null(strstr(pay_rule_message(PAY_COEF_OVER_CAP), "5"));
	/* the seed's own words: "控制在……5倍以内" */
	assert_string_equal(pay_rule_message(PAY_COEF_OVER_CAP),
	                    "绩效薪酬系数不得超过5（第十一条：绩效薪酬总量控制在5倍以内）");
}

static uint64_t seed = 20261130;

static int64_t below(int64_t n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int64_t)((seed >> 33) % (uint64_t)n);
}

/* 100,000 pools from generated inputs (edges included): never above 5 × N × R, N within the
 * 员额, the same bytes when computed again. */
static void test_pool_property(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		struct pay_pool p =
		                    {
		                        .on_roster = below(PAY_N_MAX + 1),
		                        .quota = below(PAY_N_MAX + 1),
		                        .r_fen = i % 7 ? below(PAY_R_MAX_FEN + 1) : PAY_R_MAX_FEN,
		                        .coef_bp =
		                            i % 5 ? below(PAY_COEF_MAX_BP + 1) : PAY_COEF_MAX_BP,
		                    },
		                q;
		p.unpaid_secondees = below(p.on_roster + 1);
		q = p;
		assert_int_equal(pay_pool_compute(&p), PAY_OK);
		assert_true(p.pool_fen <= p.cap_fen);
		assert_true(p.pool_fen >= 0);
		assert_true(p.n <= p.quota && p.n <= p.counted);
		assert_int_equal(p.cap_fen, 5 * p.n * p.r_fen);
		assert_int_equal(pay_pool_compute(&q), PAY_OK);
		assert_memory_equal(&p, &q, sizeof(p));
	}
}

/* 2,000 generated plans: the totals are the sums of their lines, and a plan is refused over
 * the pool exactly when its performance pay exceeds it. */
static void test_plan_property(void **state)
{
	static struct pay_line l[200];

	(void)state;
	for (int i = 0; i < 2000; i++) {
		int n = (int)below(200), bad;
		int64_t base = 0, perf = 0, inc = 0, pool = below(1000000000);
		struct pay_totals t;
		enum pay_rule r;

		for (int k = 0; k < n; k++) {
			l[k] = (struct pay_line){.person_id = k + 1,
			                         .base_fen = below(10000000),
			                         .perf_fen = below(10000000),
			                         .incentive_fen = below(3) ? 0 : below(1000000),
			                         .on_roster = true};
			base += l[k].base_fen;
			perf += l[k].perf_fen;
			inc += l[k].incentive_fen;
		}
		r = pay_plan_check(l, n, pool, &t, &bad);
		assert_int_equal(r, perf > pool ? PAY_OVER_POOL : PAY_OK);
		assert_int_equal(t.base_fen, base);
		assert_int_equal(t.perf_fen, perf);
		assert_int_equal(t.incentive_fen, inc);
		assert_int_equal(t.total_fen, base + perf + inc);
	}
}

/* Class 0 (thresholds 90 / 80 / 60 points, no quota): zone 1 at 89.50 points (10 counted, R
 * ¥80,000.00), zone 2 at 92.00 (8 counted, R ¥80,000.00), zone 4 at 70.00 (in the class but
 * without R: no pool). Zone 3 has no result: 一般 set by hand (5 counted, R ¥60,000.00).
 * Coefficients 2.0 / 1.5 / 1.0 / 0.5. */
static const struct pay_whatif_zone whatif_zones[] = {
    {.org_id = 1,
     .cls = 0,
     .score_cp = 8950,
     .target_cp = 5000,
     .in_pool = true,
     .inputs = {.on_roster = 10, .quota = 10, .r_fen = 8000000}},
    {.org_id = 2,
     .cls = 0,
     .score_cp = 9200,
     .target_cp = 6000,
     .in_pool = true,
     .inputs = {.on_roster = 8, .quota = 10, .r_fen = 8000000}},
    {.org_id = 3,
     .grade = 2,
     .cls = -1,
     .in_pool = true,
     .inputs = {.on_roster = 5, .quota = 6, .r_fen = 6000000}},
    {.org_id = 4, .cls = 0, .score_cp = 7000},
};

static void expect_row(const struct scenario_outcome *o, size_t i, int64_t key, int64_t pool,
                       const char *grade)
{
	assert_int_equal(o->rows[i].key, key);
	assert_int_equal(o->rows[i].value, pool);
	assert_string_equal(o->rows[i].tag, grade);
}

static void test_whatif_thresholds(void **state)
{
	struct assess_rules rules = {.cap_bp = 12000, .min_cp = {9000, 8000, 6000}};
	struct pay_whatif_ctx ctx = {whatif_zones, 4, &rules, 1};
	int64_t own[PAY_WHATIF_PARAMS] = {20000, 15000, 10000, 5000, -1, -1, -1, -1};
	int64_t lower[PAY_WHATIF_PARAMS] = {20000, 15000, 10000, 5000, 8900, -1, -1, -1};
	int64_t quota[PAY_WHATIF_PARAMS] = {20000, 15000, 10000, 5000, 8900, -1, -1, 5000};
	int64_t bad[PAY_WHATIF_PARAMS] = {20000, 15000, 10000, 5000, -1, 9500, -1, -1};
	struct scenario_outcome o;
	const char *why = NULL;
	struct arena a;

	(void)state;
	arena_init(&a);
	/* the schemes' own thresholds: zone 1 is 良好 (89.50 < 90): 10 × ¥80,000 × 1.5 =
	 * ¥1,200,000.00; zone 2 优秀: 8 × ¥80,000 × 2 = ¥1,280,000.00; zone 3 一般: 5 × ¥60,000
	 * = ¥300,000.00; zone 4 has no pool; the city ¥2,780,000.00 */
	assert_int_equal(pay_whatif_compute(&ctx, own, &a, &o, &why), 0);
	assert_int_equal(o.n_rows, 3);
	expect_row(&o, 0, 1, 120000000, "good");
	expect_row(&o, 1, 2, 128000000, "excellent");
	expect_row(&o, 2, 3, 30000000, "fair");
	assert_int_equal(o.total, 278000000);
	/* 优秀 from 89 points: zone 1 crosses it: 10 × ¥80,000 × 2 = ¥1,600,000.00, the city
	 * ¥3,180,000.00 */
	assert_int_equal(pay_whatif_compute(&ctx, lower, &a, &o, &why), 0);
	expect_row(&o, 0, 1, 160000000, "excellent");
	expect_row(&o, 1, 2, 128000000, "excellent");
	expect_row(&o, 2, 3, 30000000, "fair");
	assert_int_equal(o.total, 318000000);
	/* and at most 50 % of the class (3 results: 1 zone) 优秀: zone 2 ranks first, zone 1 is
	 * demoted to 良好 again, as the assessment would */
	assert_int_equal(pay_whatif_compute(&ctx, quota, &a, &o, &why), 0);
	expect_row(&o, 0, 1, 120000000, "good");
	expect_row(&o, 1, 2, 128000000, "excellent");
	assert_int_equal(o.total, 278000000);
	/* 良好 from 95 points is above the class's own 优秀 line of 90: refused with the rule */
	assert_int_equal(pay_whatif_compute(&ctx, bad, &a, &o, &why), -1);
	assert_string_equal(why, assess_rule_message(ASSESS_BAD_THRESHOLDS));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pool_examples),     cmocka_unit_test(test_plan_checks),
	    cmocka_unit_test(test_pool_property),     cmocka_unit_test(test_plan_property),
	    cmocka_unit_test(test_whatif_thresholds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

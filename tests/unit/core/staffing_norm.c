/* Tests src/core/staffing_norm.c: the art. 7 formula worked by hand with the default
 * parameters (each indicator's part, the 倾斜 of 优秀 and 良好 rounded half up, the cap, the
 * 领导职数 ratio rounded up and clamped), and refusals of bad parameters and indicators. */
#include "core/staffing_norm.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static struct staffing_norm_result run(const int64_t *params, int64_t area, int64_t population,
                                       int64_t gdp, const char *grade)
{
	struct staffing_norm_input in = {area, population, gdp, grade};
	struct staffing_norm_result r;
	const char *msg = NULL;

	assert_int_equal(staffing_norm_compute(params, &in, &r, &msg), 0);
	return r;
}

static void test_examples(void **state)
{
	const int64_t *d = staffing_norm_defaults;
	int64_t capped[NORM_NPARAMS];
	struct staffing_norm_result r;

	(void)state;
	/* 12.34 km² / 2 km² = 6; 42,000 people / 5,000 = 8; 126亿 (1,260,000 万元) / 5亿 = 25;
	 * 30 + 6 + 8 + 25 = 69; 优秀 +10 %: 75.9 → 76; leaders 15 % of 76 = 11.4 → 12 → at most 9
	 */
	r = run(d, 1234, 42000, 1260000, "excellent");
	assert_int_equal(r.area_part, 6);
	assert_int_equal(r.population_part, 8);
	assert_int_equal(r.gdp_part, 25);
	assert_int_equal(r.raw, 69);
	assert_int_equal(r.tilt_bp, 1000);
	assert_int_equal(r.tilted, 76);
	assert_int_equal(r.establishment, 76);
	assert_int_equal(r.leader_posts, 9);
	/* just under every step: 3.99 km² → 1, 4,999 → 0, 49,999 万元 → 0; 一般: no 倾斜;
	 * 31; leaders 4.65 → 5 */
	r = run(d, 399, 4999, 49999, "fair");
	assert_int_equal(r.raw, 31);
	assert_int_equal(r.tilt_bp, 0);
	assert_int_equal(r.establishment, 31);
	assert_int_equal(r.leader_posts, 5);
	/* 良好 +5 %: 30 + 0 + 2 + 2 = 34 → 35.7 → 36; leaders 5.4 → 6 */
	r = run(d, 0, 10000, 100000, "good");
	assert_int_equal(r.raw, 34);
	assert_int_equal(r.tilted, 36);
	assert_int_equal(r.leader_posts, 6);
	/* half up at the half: 50 × 1.05 = 52.5 → 53; 45 × 1.05 = 47.25 → 47 */
	assert_int_equal(run(d, 0, 0, 1000000, "good").tilted, 53);
	assert_int_equal(run(d, 0, 0, 750000, "good").tilted, 47);
	/* no grade yet: no 倾斜 */
	assert_int_equal(run(d, 1234, 42000, 1260000, NULL).establishment, 69);
	/* a cap of 60 cuts the 76; leaders 9 */
	memcpy(capped, d, sizeof(capped));
	capped[NORM_CAP] = 60;
	r = run(capped, 1234, 42000, 1260000, "excellent");
	assert_int_equal(r.tilted, 76);
	assert_int_equal(r.establishment, 60);
	assert_int_equal(r.leader_posts, 9);
	/* base 10 and nothing else: leaders 1.5 → 2, raised to the minimum 3 */
	capped[NORM_BASE] = 10;
	assert_int_equal(run(capped, 0, 0, 0, "poor").leader_posts, 3);
	/* a step of 0 adds nothing */
	capped[NORM_AREA_STEP] = 0;
	assert_int_equal(run(capped, 99999, 0, 0, NULL).area_part, 0);
}

static void test_refusals(void **state)
{
	int64_t p[NORM_NPARAMS];
	struct staffing_norm_input in = {100, 100, 100, NULL};
	struct staffing_norm_result r;
	const char *msg = NULL;

	(void)state;
	memcpy(p, staffing_norm_defaults, sizeof(p));
	in.population = -1;
	assert_int_equal(staffing_norm_compute(p, &in, &r, &msg), -1);
	assert_non_null(strstr(msg, "第7条"));
	in.population = 100;
	p[NORM_LEADER_MIN] = 10;
	assert_int_equal(staffing_norm_compute(p, &in, &r, &msg), -1);
	assert_string_equal(msg, "领导职数下限不能大于上限（第7条）");
	p[NORM_LEADER_MIN] = 3;
	p[NORM_TILT_EXCELLENT] = 10001;
	assert_int_equal(staffing_norm_check(p, &msg), -1);
	p[NORM_TILT_EXCELLENT] = 10000;
	assert_int_equal(staffing_norm_check(p, &msg), 0);
}

static void test_compare(void **state)
{
	/* the two zones of test_examples under the defaults and with 优秀's 倾斜 at 20 %:
	 * 76 + 31 = 107; 69 × 1.2 = 82.8 → 83, 83 + 31 = 114 */
	const int64_t keys[] = {7, 9};
	const struct staffing_norm_input in[] = {{1234, 42000, 1260000, "excellent"},
	                                         {399, 4999, 49999, "fair"}};
	struct staffing_norm_zones z = {keys, in, 2};
	const struct scenario_value v[] = {{"tilt_excellent_bp", 2000}};
	const struct scenario sc[] = {{"倾斜20%", v, 1}};
	struct scenario_comparison cmp;
	struct scenario_problem p = {0};
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(scenario_compare(staffing_norm_params, NORM_NPARAMS,
	                                  staffing_norm_defaults, sc, 1,
	                                  staffing_norm_scenario_compute, &z, &a, &cmp, &p),
	                 0);
	assert_int_equal(cmp.n_columns, 2);
	assert_int_equal(cmp.columns[0].total, 107);
	assert_int_equal(cmp.columns[1].total, 114);
	assert_int_equal(cmp.columns[1].total_delta, 7);
	assert_int_equal(cmp.columns[1].values[0], 83);
	assert_int_equal(cmp.columns[1].deltas[1], 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

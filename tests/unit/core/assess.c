/* Tests src/core/assess.c: a scheme's checks (weights adding to 100, thresholds, the cap), a
 * zone's score worked by hand in centi-points with every indicator's contribution (higher- and
 * lower-is-better targets capped at 120 %, a province score and rank, a deduction capped at
 * its maximum, rounding half up), grades by thresholds with a quota that demotes a tie and
 * the tie-break that separates two equal scores, the appeal window in Asia/Shanghai, and a
 * property: grading the same entries in any order gives the same grades. */
#include "core/assess.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The scheme of the worked examples: 120 % cap; 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60; at most 20 %
 * of the class 优秀; appeals within 7 days. */
static const struct assess_rules rules = {
    .cap_bp = 12000, .min_cp = {9000, 8000, 6000}, .top_quota_bp = 2000, .appeal_days = 7};

/* 规上工业增加值 (higher, 40), 单位GDP能耗 (lower, 20), the province's evaluation out of 100
 * (40), 安全生产事故 (at most 5 points off). */
static const struct assess_indicator scheme[] = {
    {ASSESS_TARGET, ASSESS_HIGHER, 40, 0},
    {ASSESS_TARGET, ASSESS_LOWER, 20, 0},
    {ASSESS_PROVINCE, ASSESS_SCORE, 40, 10000},
    {ASSESS_DEDUCTION, ASSESS_POINTS, 0, 500},
};

static void test_scheme_check(void **state)
{
	struct assess_indicator ind[4];
	struct assess_rules r = rules;
	int bad;

	(void)state;
	assert_int_equal(assess_scheme_check(&r, scheme, 4, &bad), ASSESS_OK);
	/* 40 + 20 + 39 = 99: refused, naming the scheme */
	memcpy(ind, scheme, sizeof(ind));
	ind[2].weight = 39;
	assert_int_equal(assess_scheme_check(&r, ind, 4, &bad), ASSESS_WEIGHTS_NOT_100);
	assert_int_equal(bad, -1);
	ind[2].weight = 41;
	assert_int_equal(assess_scheme_check(&r, ind, 4, &bad), ASSESS_WEIGHTS_NOT_100);
	/* a weight on a deduction, a province indicator without its scale, a wrong mode */
	memcpy(ind, scheme, sizeof(ind));
	ind[3].weight = 1;
	ind[2].weight = 39;
	assert_int_equal(assess_scheme_check(&r, ind, 4, &bad), ASSESS_BAD_INDICATOR);
	assert_int_equal(bad, 3);
	memcpy(ind, scheme, sizeof(ind));
	ind[2].scale = 0;
	assert_int_equal(assess_scheme_check(&r, ind, 4, &bad), ASSESS_BAD_INDICATOR);
	assert_int_equal(bad, 2);
	memcpy(ind, scheme, sizeof(ind));
	ind[0].mode = ASSESS_RANK;
	assert_int_equal(assess_scheme_check(&r, ind, 4, &bad), ASSESS_BAD_INDICATOR);
	assert_int_equal(bad, 0);
	assert_int_equal(assess_scheme_check(&r, scheme, 0, &bad), ASSESS_NO_INDICATORS);
	/* thresholds must descend strictly */
	r.min_cp[1] = 9000;
	assert_int_equal(assess_scheme_check(&r, scheme, 4, &bad), ASSESS_BAD_THRESHOLDS);
	r = rules;
	r.cap_bp = 9999;
	assert_int_equal(assess_scheme_check(&r, scheme, 4, &bad), ASSESS_BAD_CAP);
	r.cap_bp = 30001;
	assert_int_equal(assess_scheme_check(&r, scheme, 4, &bad), ASSESS_BAD_CAP);
	r = rules;
	r.appeal_days = 91;
	assert_int_equal(assess_scheme_check(&r, scheme, 4, &bad), ASSESS_BAD_CAP);
}

static void test_score_worked(void **state)
{
	struct assess_line l[4];
	int64_t score, target, deduct;
	int bad;
	/* target 1000.00, actual 1150.00: 115 % × 40 = 46.00; energy target 50.00, actual 40.00:
	 * 125 % capped at 120 % × 20 = 24.00; province 85.50 of 100: 85.5 % × 40 = 34.20;
	 * 3.00 points off. Score 46 + 24 + 34.2 - 3 = 101.20. */
	struct assess_value v[4] = {
	    {true, 100000, 115000}, {true, 5000, 4000}, {true, 0, 8550}, {true, 0, 300}};

	(void)state;
	assert_int_equal(assess_score(&rules, scheme, v, 4, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[0].completion_bp, 11500);
	assert_int_equal(l[0].contribution_cp, 4600);
	assert_int_equal(l[1].completion_bp, 12000);
	assert_int_equal(l[1].contribution_cp, 2400);
	assert_int_equal(l[2].completion_bp, 8550);
	assert_int_equal(l[2].contribution_cp, 3420);
	assert_int_equal(l[3].contribution_cp, -300);
	assert_int_equal(score, 10120);
	assert_int_equal(target, 7000);
	assert_int_equal(deduct, 300);

	/* rounding half up, once per division: 200.00 of 300.00 = 66.6667 % -> 6667 bp, × 40 =
	 * 26.668 -> 26.67; energy 50.00 against 60.00 = 83.333 % -> 8333 bp, × 20 = 16.666 ->
	 * 16.67; the province 100.00 is 100 %; 8.00 points off capped at 5.00. */
	v[0] = (struct assess_value){true, 30000, 20000};
	v[1] = (struct assess_value){true, 5000, 6000};
	v[2] = (struct assess_value){true, 0, 10000};
	v[3] = (struct assess_value){true, 0, 800};
	assert_int_equal(assess_score(&rules, scheme, v, 4, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[0].completion_bp, 6667);
	assert_int_equal(l[0].contribution_cp, 2667);
	assert_int_equal(l[1].completion_bp, 8333);
	assert_int_equal(l[1].contribution_cp, 1667);
	assert_int_equal(l[2].contribution_cp, 4000);
	assert_int_equal(l[3].contribution_cp, -500);
	assert_int_equal(score, 2667 + 1667 + 4000 - 500); /* 78.34 */
	assert_int_equal(deduct, 500);

	/* a lower-is-better indicator at 0 reaches the cap; a province score above full is 100 % */
	v[1] = (struct assess_value){true, 5000, 0};
	v[2] = (struct assess_value){true, 0, 12000};
	assert_int_equal(assess_score(&rules, scheme, v, 4, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[1].completion_bp, 12000);
	assert_int_equal(l[2].completion_bp, 10000);

	/* missing and bad values name the indicator */
	v[2].have = false;
	assert_int_equal(assess_score(&rules, scheme, v, 4, l, &score, &target, &deduct, &bad),
	                 ASSESS_MISSING_VALUE);
	assert_int_equal(bad, 2);
	v[2].have = true;
	v[0].target = 0;
	assert_int_equal(assess_score(&rules, scheme, v, 4, l, &score, &target, &deduct, &bad),
	                 ASSESS_BAD_VALUE);
	assert_int_equal(bad, 0);
}

static void test_score_rank_and_floor(void **state)
{
	/* the province's rank: 3rd of 11 = (11 - 3) / 10 = 80 % × 60 = 48.00; a half basis point
	 * rounds up: 0.01 of 200.00 = 0.5 bp -> 1 bp; 20 points off (at most 20) */
	static const struct assess_indicator ind[] = {
	    {ASSESS_PROVINCE, ASSESS_RANK, 60, 11},
	    {ASSESS_TARGET, ASSESS_HIGHER, 40, 0},
	    {ASSESS_DEDUCTION, ASSESS_POINTS, 0, 2000},
	};
	struct assess_value v[3] = {{true, 0, 3}, {true, 20000, 1}, {true, 0, 2000}};
	struct assess_line l[3];
	int64_t score, target, deduct;
	int bad;

	(void)state;
	assert_int_equal(assess_score(&rules, ind, v, 3, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[0].completion_bp, 8000);
	assert_int_equal(l[0].contribution_cp, 4800);
	assert_int_equal(l[1].completion_bp, 1);
	assert_int_equal(l[1].contribution_cp, 0); /* 40 × 1 / 100 = 0.4 -> 0 */
	assert_int_equal(score, 2800);
	/* first and last of 11; rank 12 refused */
	v[0].actual = 1;
	assert_int_equal(assess_score(&rules, ind, v, 3, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[0].contribution_cp, 6000);
	v[0].actual = 11;
	assert_int_equal(assess_score(&rules, ind, v, 3, l, &score, &target, &deduct, &bad),
	                 ASSESS_OK);
	assert_int_equal(l[0].contribution_cp, 0);
	assert_int_equal(score, 0); /* -20.00 is floored at 0 */
	v[0].actual = 12;
	assert_int_equal(assess_score(&rules, ind, v, 3, l, &score, &target, &deduct, &bad),
	                 ASSESS_BAD_VALUE);
	assert_int_equal(bad, 0);
}

static struct assess_entry entry(int64_t org, int64_t score, int64_t target, int64_t deduct)
{
	return (struct assess_entry){
	    .org_id = org, .score_cp = score, .target_cp = target, .deduct_cp = deduct};
}

static const struct assess_entry *find(const struct assess_entry *e, int n, int64_t org)
{
	for (int i = 0; i < n; i++)
		if (e[i].org_id == org)
			return &e[i];
	fail();
	return NULL;
}

static void test_quota_demotes_tie(void **state)
{
	/* ten zones, 20 % 优秀 = 2 places. Zone 1 scores 95.00; zones 2 and 3 both 93.00 with the
	 * same target contributions and deductions: together they would make three, so both are
	 * 良好 (demoted), sharing rank 2; zone 4 at 91.00 is demoted too (the quota is closed);
	 * zone 5 is 良好 by its score, 6 一般, 7 较差. */
	struct assess_entry e[10] = {
	    entry(7, 5000, 0, 0),  entry(3, 9300, 6000, 100), entry(2, 9300, 6000, 100),
	    entry(1, 9500, 0, 0),  entry(5, 8500, 0, 0),      entry(6, 7000, 0, 0),
	    entry(4, 9100, 0, 0),  entry(8, 5000, 0, 0),      entry(9, 5000, 0, 0),
	    entry(10, 5000, 0, 0),
	};
	const struct assess_entry *x;

	(void)state;
	assess_grade(&rules, e, 10);
	x = find(e, 10, 1);
	assert_int_equal(x->rank, 1);
	assert_int_equal(x->grade, 0);
	assert_false(x->demoted);
	for (int64_t org = 2; org <= 3; org++) {
		x = find(e, 10, org);
		assert_int_equal(x->rank, 2);
		assert_int_equal(x->grade, 1);
		assert_true(x->demoted);
	}
	x = find(e, 10, 4);
	assert_int_equal(x->rank, 4);
	assert_int_equal(x->grade, 1);
	assert_true(x->demoted);
	assert_int_equal(find(e, 10, 5)->grade, 1);
	assert_false(find(e, 10, 5)->demoted);
	assert_int_equal(find(e, 10, 6)->grade, 2);
	assert_int_equal(find(e, 10, 7)->grade, 3);
	assert_int_equal(find(e, 10, 10)->rank, 7); /* four zones share rank 7 */
	/* sorted by rank, equals by org id */
	assert_int_equal(e[0].org_id, 1);
	assert_int_equal(e[1].org_id, 2);
	assert_int_equal(e[2].org_id, 3);
}

static void test_tie_break(void **state)
{
	/* 93.00 each: zone 3's economic targets gave 60.00, zone 2's 58.00, so zone 3 ranks 2nd and
	 * takes the second place; zone 2 is demoted. With equal targets, fewer points off wins. */
	struct assess_entry e[10] = {
	    entry(1, 9500, 0, 0),  entry(2, 9300, 5800, 0), entry(3, 9300, 6000, 0),
	    entry(4, 5000, 0, 0),  entry(5, 5000, 0, 0),    entry(6, 5000, 0, 0),
	    entry(7, 5000, 0, 0),  entry(8, 5000, 0, 0),    entry(9, 5000, 0, 0),
	    entry(10, 5000, 0, 0),
	};

	(void)state;
	assess_grade(&rules, e, 10);
	assert_int_equal(find(e, 10, 3)->rank, 2);
	assert_int_equal(find(e, 10, 3)->grade, 0);
	assert_int_equal(find(e, 10, 2)->rank, 3);
	assert_int_equal(find(e, 10, 2)->grade, 1);
	assert_true(find(e, 10, 2)->demoted);

	e[0] = entry(1, 9500, 0, 0);
	e[1] = entry(2, 9300, 6000, 100);
	e[2] = entry(3, 9300, 6000, 200);
	assess_grade(&rules, e, 10);
	assert_int_equal(find(e, 10, 2)->grade, 0);
	assert_int_equal(find(e, 10, 3)->grade, 1);
}

static void test_no_quota(void **state)
{
	struct assess_rules r = rules;
	struct assess_entry e[3] = {entry(1, 9000, 0, 0), entry(2, 8999, 0, 0),
	                            entry(3, 5999, 0, 0)};

	(void)state;
	r.top_quota_bp = 0;
	assess_grade(&r, e, 3);
	assert_int_equal(find(e, 3, 1)->grade, 0); /* exactly at the line is 优秀 */
	assert_int_equal(find(e, 3, 2)->grade, 1);
	assert_int_equal(find(e, 3, 3)->grade, 3);
	/* a class of 3 with a 20 % quota has no place for 优秀: floor(3 × 0.2) = 0 */
	assess_grade(&rules, e, 3);
	assert_int_equal(find(e, 3, 1)->grade, 1);
	assert_true(find(e, 3, 1)->demoted);
	assert_string_equal(assess_grade_code(1), "good");
}

static void test_grade_property(void **state)
{
	struct assess_entry a[40] = {0}, b[40];
	unsigned seed = 14;

	(void)state;
	for (int round = 0; round < 200; round++) {
		int n = 1 + (int)(rand_r(&seed) % 40);
		for (int i = 0; i < n; i++)
			a[i] = entry(i + 1, 8500 + rand_r(&seed) % 4, rand_r(&seed) % 2, 0);
		memcpy(b, a, sizeof(a[0]) * (size_t)n);
		for (int i = n - 1; i > 0; i--) {
			int k = (int)(rand_r(&seed) % (unsigned)(i + 1));
			struct assess_entry t = b[i];
			b[i] = b[k];
			b[k] = t;
		}
		assess_grade(&rules, a, n);
		assess_grade(&rules, b, n);
		assert_memory_equal(a, b, sizeof(a[0]) * (size_t)n);
	}
}

static void test_appeal_deadline(void **state)
{
	(void)state;
	/* published 2026-07-01 10:00 in Shanghai, 7 days: in time until 2026-07-08 24:00 Shanghai,
	 * i.e. 2026-07-08T16:00Z */
	assert_int_equal(assess_appeal_deadline(1782871200, 7), 1783526400);
	/* published 2026-06-30 23:30 Shanghai (15:30Z): its day is the 30th */
	assert_int_equal(assess_appeal_deadline(1782833400, 7), 1783440000);
	/* 0 days: the day of publication only */
	assert_int_equal(assess_appeal_deadline(1782871200, 0), 1783526400 - 7 * 86400);
}

/* Publication to the zone, an appeal to the office covering it, the decision back. */
static void test_step_items(void **state)
{
	struct assess_step_subject x = {.id = 5,
	                                .org_id = 11,
	                                .org_name = "经开区",
	                                .scheme_name = "2025年度考核方案",
	                                .decision = "rejected"};
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	assess_step_item(ASSESS_STEP_PUBLISHED, &x, &a, &it);
	assert_string_equal(it.entity_type, "assess_result");
	assert_int_equal(it.to[0].org_id, 11);
	assess_step_item(ASSESS_STEP_APPEALED, &x, &a, &it);
	assert_string_equal(it.title, "经开区对《2025年度考核方案》考核结果提出申诉，请处理");
	assert_true(it.to[0].perm == PERM_PAY_SET);
	assert_int_equal(it.to[0].scope_of, 11);
	assess_step_item(ASSESS_STEP_DECIDED, &x, &a, &it);
	assert_string_equal(it.title, "对《2025年度考核方案》考核结果的申诉已处理：申诉不成立");
	assert_int_equal(it.entity_id, 5);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_step_items),        cmocka_unit_test(test_scheme_check),
	    cmocka_unit_test(test_score_worked),      cmocka_unit_test(test_score_rank_and_floor),
	    cmocka_unit_test(test_quota_demotes_tie), cmocka_unit_test(test_tie_break),
	    cmocka_unit_test(test_no_quota),          cmocka_unit_test(test_grade_property),
	    cmocka_unit_test(test_appeal_deadline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

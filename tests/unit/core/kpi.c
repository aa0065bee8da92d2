/* Tests src/core/kpi.c: a zone's KPI scheme (weights adding up to 100, 招商引资, 项目建设 and
 * 产业发展 at least their minimums), a subject's total worked by hand in centi-points with its
 * one rounding, and the pool split by the staff's totals to the fen (the leftover fen to the
 * largest remainder), with the property that the parts always add up to the pool. */
#include "core/kpi.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const int64_t floors[KPI_KEY_CATEGORIES] = {20, 20, 20};

static void test_scheme(void **state)
{
	struct kpi_indicator ind[4] = {
	    {KPI_INVESTMENT, 30}, {KPI_PROJECT, 25}, {KPI_INDUSTRY, 20}, {KPI_OTHER, 25}};
	int bad;

	(void)state;
	assert_int_equal(kpi_scheme_check(floors, ind, 4, &bad), KPI_OK);
	/* 产业发展 at 15 is below its 20, though the weights still add up to 100 */
	ind[2].weight = 15;
	ind[3].weight = 30;
	assert_int_equal(kpi_scheme_check(floors, ind, 4, &bad), KPI_BELOW_FLOOR);
	assert_int_equal(bad, KPI_INDUSTRY);
	ind[3].weight = 29;
	assert_int_equal(kpi_scheme_check(floors, ind, 4, &bad), KPI_WEIGHTS_NOT_100);
	ind[3].weight = 0;
	assert_int_equal(kpi_scheme_check(floors, ind, 4, &bad), KPI_BAD_INDICATOR);
	assert_int_equal(bad, 3);
	/* minimums adding up to more than 100 cannot be met */
	assert_int_equal(kpi_floor_check((const int64_t[]){40, 40, 21}), KPI_BAD_FLOOR);
	assert_int_equal(kpi_floor_check((const int64_t[]){40, 40, 20}), KPI_OK);
	assert_int_equal(kpi_floor_check((const int64_t[]){-1, 0, 0}), KPI_BAD_FLOOR);
}

static void test_total(void **state)
{
	static const struct kpi_indicator ind[4] = {
	    {KPI_INVESTMENT, 30}, {KPI_PROJECT, 25}, {KPI_INDUSTRY, 20}, {KPI_OTHER, 25}};
	/* 30 × 90.00 + 25 × 80.00 + 20 × 70.50 + 25 × 100.00 = 27 + 20 + 14.1 + 25 = 86.10 */
	int64_t s[4] = {9000, 8000, 7050, 10000};
	static const struct kpi_indicator half[2] = {{KPI_INVESTMENT, 50}, {KPI_OTHER, 50}};

	(void)state;
	assert_int_equal(kpi_total(ind, s, 4), 8610);
	/* one rounding at the end: 50 × 0.01 = 0.005 points -> 0.01 */
	assert_int_equal(kpi_total(half, (const int64_t[]){1, 0}, 2), 1);
	assert_int_equal(kpi_total(half, (const int64_t[]){0, 0}, 2), 0);
}

static void test_split(void **state)
{
	/* ¥100,000.00 over totals 86.10, 86.10, 70.00 (sum 242.20): 3,554,913.29…, the same, and
	 * 2,890,173.41… fen; the floors leave 1 fen, which goes to the largest remainder (the
	 * third) */
	int64_t p[3];

	(void)state;
	assert_int_equal(kpi_split(10000000, (const int64_t[]){8610, 8610, 7000}, 3, p), 0);
	assert_int_equal(p[0], 3554913);
	assert_int_equal(p[1], 3554913);
	assert_int_equal(p[2], 2890174);
	/* nothing to go by: nobody gets a share */
	assert_int_equal(kpi_split(10000000, (const int64_t[]){0, 0}, 2, p), 0);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[1], 0);
	assert_int_equal(kpi_split(100, (const int64_t[]){-1}, 1, p), -1);
}

static void test_split_property(void **state)
{
	unsigned seed = 14;
	int64_t t[50], p[50];

	(void)state;
	for (int round = 0; round < 500; round++) {
		int n = 1 + (int)(rand_r(&seed) % 50);
		int64_t pool = (int64_t)rand_r(&seed) * 1000 + rand_r(&seed) % 1000, sum = 0;
		for (int i = 0; i < n; i++)
			t[i] = rand_r(&seed) % (KPI_SCORE_MAX_CP + 1);
		t[0]++;
		assert_int_equal(kpi_split(pool, t, n, p), 0);
		for (int i = 0; i < n; i++) {
			assert_true(p[i] >= 0);
			sum += p[i];
		}
		assert_int_equal(sum, pool);
	}
}

/* The first key category short of its minimum; the item of a scheme left below them. */
static void test_below(void **state)
{
	const int64_t floor[KPI_KEY_CATEGORIES] = {30, 20, 20};
	const int64_t ok[KPI_KEY_CATEGORIES] = {30, 25, 20}, low[KPI_KEY_CATEGORIES] = {30, 19, 19};
	struct inbox_item it;
	struct arena a;

	(void)state;
	assert_int_equal(kpi_floor_short(floor, ok), -1);
	assert_int_equal(kpi_floor_short(floor, low), KPI_PROJECT);
	arena_init(&a);
	kpi_below_item(9, 11, "经开区", 2026, "department", &a, &it);
	assert_string_equal(it.kind, "kpi_below_floor");
	assert_string_equal(it.title, "2026年度内部考核最低权重调整后，经开区的内设机构考核方案低于"
	                              "最低权重，请重新设定权重");
	assert_string_equal(it.link, "/kpi?year=2026");
	assert_string_equal(it.entity_type, "kpi_scheme");
	assert_int_equal(it.entity_id, 9);
	assert_int_equal(it.nto, 2);
	assert_int_equal(it.to[0].org_id, 11);
	assert_true(it.to[0].perm == PERM_PEOPLE_WRITE);
	assert_true(it.to[1].perm == PERM_PAY_SET);
	assert_int_equal(it.to[1].scope_of, 11);
	kpi_below_item(9, 11, "经开区", 2026, "staff", &a, &it);
	assert_non_null(strstr(it.title, "工作人员考核方案"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_below),          cmocka_unit_test(test_scheme),
	    cmocka_unit_test(test_total),          cmocka_unit_test(test_split),
	    cmocka_unit_test(test_split_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/arrangement.c: validation, the ratio in force year by year, and the parts an
 * enterprise's revenue is split into. */
#include "core/arrangement.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct arrangement_ratio ratios[] = {{2023, 3000}, {2025, 3333}};

static struct arrangement enclave(void)
{
	return (struct arrangement){
	    1, ARRANGEMENT_ENCLAVE, 13, 14, NULL, "2023-07-01", NULL, ratios, 2};
}

static void test_validate(void **state)
{
	(void)state;
	struct arrangement ar = enclave();
	struct arrangement_problem p;
	const struct arrangement_ratio late[] = {{2024, 3000}};
	const struct arrangement_ratio twice[] = {{2023, 3000}, {2023, 1}};
	const struct arrangement_ratio over[] = {{2023, 10001}};

	assert_int_equal(arrangement_validate(&ar, &p), 0);
	ar.partner_zone_id = 13;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.field, "/partner_zone_id");
	ar.partner_zone_id = 0;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	ar.partner_name = "某园区运营有限公司";
	ar.kind = ARRANGEMENT_TRUSTEESHIP;
	assert_int_equal(arrangement_validate(&ar, &p), 0);
	ar = enclave();
	ar.end_date = "2023-06-30";
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.message, "结束日期不能早于开始日期");
	ar = enclave();
	ar.start_date = "2023-02-30";
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.field, "/start_date");
	ar = enclave();
	ar.ratios = late;
	ar.n_ratios = 1;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.message, "请填写2023年（合作开始之年）的分成比例");
	ar.ratios = twice;
	ar.n_ratios = 2;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.field, "/ratios/1");
	ar.ratios = over;
	ar.n_ratios = 1;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.field, "/ratios/0");
	ar = enclave();
	ar.end_date = "2024-12-31"; /* the 2025 ratio would start after the end */
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_string_equal(p.message, "分成比例的起始年度应在合作期内");
	ar.n_ratios = 0;
	assert_int_equal(arrangement_validate(&ar, &p), -1);
	assert_int_equal(arrangement_kind_find("飞地"), ARRANGEMENT_ENCLAVE);
	assert_int_equal(arrangement_kind_find("park_in_park"), ARRANGEMENT_PARK_IN_PARK);
	assert_int_equal(arrangement_kind_find("合资"), -1);
	assert_string_equal(arrangement_kind_label(ARRANGEMENT_TRUSTEESHIP), "托管");
}

static void test_in_force(void **state)
{
	(void)state;
	struct arrangement ar = enclave();

	assert_false(arrangement_in_force(&ar, 2022));
	assert_true(arrangement_in_force(&ar, 2023)); /* from July: the year counts */
	assert_true(arrangement_in_force(&ar, 2030));
	assert_int_equal(arrangement_partner_bp(&ar, 2022), -1);
	assert_int_equal(arrangement_partner_bp(&ar, 2023), 3000);
	assert_int_equal(arrangement_partner_bp(&ar, 2024), 3000);
	assert_int_equal(arrangement_partner_bp(&ar, 2025), 3333);
	assert_int_equal(arrangement_partner_bp(&ar, 2030), 3333);
	ar.end_date = "2026-03-31";
	assert_true(arrangement_in_force(&ar, 2026));
	assert_false(arrangement_in_force(&ar, 2027));

	/* in force in a common year: 2026 (one ends in March, the other starts in October) */
	struct arrangement later = enclave();
	later.start_date = "2026-10-01";
	assert_true(arrangement_overlap(&ar, &later));
	assert_true(arrangement_overlap(&later, &ar));
	later.start_date = "2027-01-01";
	assert_false(arrangement_overlap(&ar, &later));
	later.end_date = NULL;
	ar.end_date = NULL;
	assert_true(arrangement_overlap(&ar, &later));
}

static void test_parts(void **state)
{
	(void)state;
	struct arrangement ar = enclave(), ended = enclave(), company = enclave();
	const struct arrangement *one[] = {&ar}, *two[] = {&ended, &ar}, *co[] = {&company};
	const struct arrangement_ratio all[] = {{2023, 10000}};
	struct revshare_part parts[REVSHARE_MAX_PARTS];
	size_t n;
	const char *why = NULL;

	assert_int_equal(arrangement_parts(NULL, 0, 13, 2025, parts, &n, &why), 0);
	assert_int_equal(n, 1);
	assert_int_equal(parts[0].zone_id, 13);
	assert_int_equal(parts[0].bp, 10000);
	assert_int_equal(arrangement_parts(one, 1, 13, 2025, parts, &n, &why), 0);
	assert_int_equal(n, 2);
	assert_int_equal(parts[0].zone_id, 13);
	assert_int_equal(parts[0].bp, 6667);
	assert_int_equal(parts[1].zone_id, 14);
	assert_int_equal(parts[1].bp, 3333);
	assert_int_equal(arrangement_parts(one, 1, 13, 2022, parts, &n, &why), 0);
	assert_int_equal(n, 1); /* not yet in force */
	/* an arrangement that ended does not clash with the one in force */
	ended.start_date = "2020-01-01";
	ended.end_date = "2022-12-31";
	const struct arrangement_ratio r2020[] = {{2020, 5000}};
	ended.ratios = r2020;
	ended.n_ratios = 1;
	assert_int_equal(arrangement_parts(two, 2, 13, 2025, parts, &n, &why), 0);
	assert_int_equal(parts[1].bp, 3333);
	ended.end_date = NULL;
	assert_int_equal(arrangement_parts(two, 2, 13, 2025, parts, &n, &why), -1);
	assert_string_equal(why, "同一企业同一年度只能属于一个区中园、飞地或托管安排");
	assert_int_equal(arrangement_parts(one, 1, 12, 2025, parts, &n, &why), -1);
	assert_string_equal(why, "企业所属开发区不是合作安排的所在开发区");
	/* a company partner: the host zone keeps the whole enterprise for revenue sharing */
	company.partner_zone_id = 0;
	company.partner_name = "某园区运营有限公司";
	assert_int_equal(arrangement_parts(co, 1, 13, 2025, parts, &n, &why), 0);
	assert_int_equal(n, 1);
	assert_int_equal(parts[0].bp, 10000);
	/* the partner takes everything: one part */
	ar.ratios = all;
	ar.n_ratios = 1;
	assert_int_equal(arrangement_parts(one, 1, 13, 2025, parts, &n, &why), 0);
	assert_int_equal(n, 1);
	assert_int_equal(parts[0].zone_id, 14);
	assert_int_equal(parts[0].bp, 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_validate),
	    cmocka_unit_test(test_in_force),
	    cmocka_unit_test(test_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

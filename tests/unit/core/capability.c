/* Tests src/core/capability.c: the catalogue's codes, and which grants the seed draft's articles
 * give (with the organizations of the demo's data/demo/orgs.tsv as numbers). */
#include "core/capability.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* organization ids as in a demo database */
enum {
	SHANGWU = 1,
	FAGAI = 2,
	KEJI = 4,
	BIANBAN = 6,
	SHUJU = 7,
	CAIZHENG = 8,
	RENSHE = 9,
	ZUZHI = 10,
	GUOZI = 11
};

static void test_catalogue(void **state)
{
	(void)state;
	assert_int_equal(CAP_COUNT, 12);
	for (int i = 0; i < CAP_COUNT; i++) {
		assert_int_equal(capability_defs[i].cap, i);
		assert_ptr_equal(capability_get((enum capability)i), &capability_defs[i]);
		assert_ptr_equal(capability_find(capability_defs[i].code), &capability_defs[i]);
	}
	assert_string_equal(capability_get(CAP_APPROVE_STAFFING)->code, "approve_staffing");
	assert_string_equal(capability_get(CAP_CONFIRM_REVENUE)->code, "confirm_revenue");
	assert_string_equal(capability_get(CAP_ACK_PAY_FILING)->code, "ack_pay_filing");
	assert_string_equal(capability_get(CAP_READ_PERSONAL)->code, "read_personal");
	assert_string_equal(capability_get(CAP_DELEGATE_POWER)->code, "delegate_power");
	assert_string_equal(capability_get(CAP_PUBLISH_POWER_LIST)->code, "publish_power_list");
	assert_string_equal(capability_get(CAP_APPROVE_DUTY_LIST)->code, "approve_duty_list");
	assert_string_equal(capability_get(CAP_MANAGE_LAND)->code, "manage_land");
	assert_int_equal(capability_get(CAP_MANAGE_LAND)->seed_article, 2);
	assert_string_equal(capability_get(CAP_SUPERVISE_PLATFORM)->code, "supervise_platform");
	/* art. 18 names no lead: the office grants decide_fault (市纪委监委 with 市委组织部) */
	assert_string_equal(capability_get(CAP_DECIDE_FAULT)->code, "decide_fault");
	assert_int_equal(capability_get(CAP_DECIDE_FAULT)->seed_from, CAP_SEED_NONE);
	assert_int_equal(capability_get(CAP_RECORD_LEADER_ACTION)->seed_article, 15);
	assert_string_equal(capability_get(CAP_READ_PERSONAL)->label, "查看个人身份信息");
	assert_null(capability_find("approve"));
	assert_null(capability_find(NULL));
	assert_null(capability_get(CAP_COUNT));
	/* nobody reads personal identifiers until the office grants it */
	assert_int_equal(capability_get(CAP_READ_PERSONAL)->seed_from, CAP_SEED_NONE);
}

#define IDS(...) (const int64_t[]){__VA_ARGS__}, sizeof((const int64_t[]){__VA_ARGS__}) / 8

static void test_seed(void **state)
{
	/* the seed draft's articles 4, 6, 7, 11, 14 and 12 as imported: lead, then responsible city
	 * departments (art. 4's 市直相关部门 resolved to the departments other than its lead; art.
	 * 12's only responsible department is 市国资委) */
	const struct capability_article arts[] = {
	    {4, "完善赋权机制", IDS(SHUJU), IDS(SHANGWU, FAGAI, KEJI, BIANBAN)},
	    {6, "健全财力分成机制", IDS(CAIZHENG), IDS(FAGAI, SHANGWU)},
	    {7, "优化机构编制配置", IDS(BIANBAN), IDS(RENSHE)},
	    {11, "推进薪酬制度改革", IDS(RENSHE, ZUZHI), IDS(CAIZHENG, SHANGWU, KEJI)},
	    {14, "完善考核评价体系", IDS(SHANGWU, KEJI), IDS(CAIZHENG, RENSHE)},
	    {12, "完善“管委会+公司”运营模式", IDS(SHANGWU, KEJI), IDS(GUOZI)},
	};
	const struct {
		enum capability cap;
		int64_t org;
		int article;
	} want[] = {
	    {CAP_APPROVE_STAFFING, BIANBAN, 7}, {CAP_CONFIRM_REVENUE, CAIZHENG, 6},
	    {CAP_ACK_PAY_FILING, SHANGWU, 14},  {CAP_ACK_PAY_FILING, KEJI, 14},
	    {CAP_ACK_PAY_FILING, CAIZHENG, 14}, {CAP_ACK_PAY_FILING, RENSHE, 14},
	    {CAP_DELEGATE_POWER, SHANGWU, 4},   {CAP_DELEGATE_POWER, FAGAI, 4},
	    {CAP_DELEGATE_POWER, KEJI, 4},      {CAP_DELEGATE_POWER, BIANBAN, 4},
	    {CAP_PUBLISH_POWER_LIST, SHUJU, 4}, {CAP_SUPERVISE_PLATFORM, GUOZI, 12},
	};
	struct capability_grant *g;
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a);
	n = capability_seed(arts, 6, &a, &g);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(g[i].cap, want[i].cap);
		assert_int_equal(g[i].org_id, want[i].org);
		assert_int_equal(g[i].article, want[i].article);
	}
	arena_release(&a);
}

static void test_seed_other_policy(void **state)
{
	/* another text's article 7 on another subject gives nothing; the same title under another
	 * number gives the grant (titles, not numbers, are what seeding matches) */
	const struct capability_article other[] = {
	    {7, "加强党的领导", IDS(BIANBAN), IDS(RENSHE)},
	    {6, "无牵头单位", NULL, 0, NULL, 0},
	};
	const struct capability_article moved[] = {
	    {9, "优化机构编制配置", IDS(BIANBAN, ZUZHI, BIANBAN), IDS(GUOZI)},
	};
	struct capability_grant *g;
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(capability_seed(other, 2, &a, &g), 0);
	assert_null(g);
	assert_int_equal(capability_seed(NULL, 0, &a, &g), 0);
	/* a repeated organization is granted once */
	assert_int_equal(capability_seed(moved, 1, &a, &g), 2);
	assert_int_equal(g[0].cap, CAP_APPROVE_STAFFING);
	assert_int_equal(g[0].org_id, BIANBAN);
	assert_int_equal(g[0].article, 9);
	assert_int_equal(g[1].org_id, ZUZHI);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_catalogue),
	    cmocka_unit_test(test_seed),
	    cmocka_unit_test(test_seed_other_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/policy_tasks.c on the seed: every article's lead and responsible
 * organizations, resolved against the demo organizations (data/demo/orgs.tsv, ids 1..27 in
 * file order), as a careful reader of the draft would assign them. */
#include "core/policy_tasks.h"
#include "policy_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define CITY UNIT_RESOLVE_CITY_DEPARTMENT
#define CNTY UNIT_RESOLVE_COUNTY
#define ZONE UNIT_RESOLVE_ZONE
#define NONE UNIT_RESOLVE_LEVEL_NONE

static const char *const a1[] = {"商务局", "工作专班办公室"};
static const char *const a2[] = {"发改委", "市发展改革委"};
static const char *const a6[] = {"委编办", "党委编办"};
static const char *const a7[] = {"市数据局(市营商局)", "市营商局", "数据局"};
static const char *const a8[] = {"财政局"};
static const char *const a9[] = {"人社局"};
static const char *const a10[] = {"委组织部"};

/* the demo organizations, in the order data/demo/orgs.tsv creates them */
static const struct unit_resolve_org orgs[] = {
    {1, "市商务局", a1, 2, CITY, NONE},
    {2, "市发改委", a2, 2, CITY, NONE},
    {3, "市自然资源局", NULL, 0, CITY, NONE},
    {4, "市科技局", NULL, 0, CITY, NONE},
    {5, "市工信局", NULL, 0, CITY, NONE},
    {6, "市委编办", a6, 2, CITY, NONE},
    {7, "市数据局", a7, 3, CITY, NONE},
    {8, "市财政局", a8, 1, CITY, NONE},
    {9, "市人社局", a9, 1, CITY, NONE},
    {10, "市委组织部", a10, 1, CITY, NONE},
    {11, "市国资委", NULL, 0, CITY, NONE},
    {12, "市市场监管局", NULL, 0, CITY, NONE},
    {13, "市纪委监委", NULL, 0, UNIT_RESOLVE_SUPERVISORY_BODY, NONE},
    {14, "市委巡察办", NULL, 0, UNIT_RESOLVE_SUPERVISORY_BODY, NONE},
    {15, "市审计局", NULL, 0, UNIT_RESOLVE_SUPERVISORY_BODY, NONE},
    {16, "新抚区", NULL, 0, CNTY, NONE},
    {17, "东洲区", NULL, 0, CNTY, NONE},
    {18, "望花区", NULL, 0, CNTY, NONE},
    {19, "顺城区", NULL, 0, CNTY, NONE},
    {20, "抚顺县", NULL, 0, CNTY, NONE},
    {21, "新宾满族自治县", NULL, 0, CNTY, NONE},
    {22, "清原满族自治县", NULL, 0, CNTY, NONE},
    {23, "抚顺高新技术产业开发区（示例）", NULL, 0, ZONE, UNIT_RESOLVE_LEVEL_NATIONAL},
    {24, "抚顺经济开发区（示例）", NULL, 0, ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
    {25, "抚顺胜利经济开发区（示例）", NULL, 0, ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
    {26, "抚顺县经济开发区（示例）", NULL, 0, ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
    {27, "抚顺高新区建设发展有限公司（示例）", NULL, 0, UNIT_RESOLVE_PLATFORM_COMPANY, NONE},
};
static const int64_t city[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

/* expected ids; 0 ends a list. C = the 7 counties, Z = the 4 zones of provincial level+ */
#define C 16, 17, 18, 19, 20, 21, 22
#define Z 23, 24, 25, 26
static const int64_t lead[18][4] = {
    {1},     {2, 3},  {6},    {7},    {8},    {8},  {6}, {10, 9}, {10, 9},
    {9, 10}, {9, 10}, {1, 4}, {1, 4}, {1, 4}, {10}, {1}, {1},     {1},
};
static const int64_t resp[18][24] = {
    {Z},
    {1, 4, 5, C, Z},
    {C, Z},
    {1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, C, Z},
    {C, Z},
    {2, 1, C, Z},
    {9, C, Z},
    {C, Z},
    {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, C, Z},
    {C, Z},
    {8, 1, 4, C, Z},
    {11, C, Z},
    {2, C, Z},
    {8, 9, C, Z},
    {C, Z},
    {Z},
    {Z},
    {Z},
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	assert_non_null(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void expect_ids(const int64_t *got, size_t n, const int64_t *want, int article,
                       const char *what)
{
	size_t k = 0;
	while (want[k])
		k++;
	if (n != k)
		fail_msg("article %d %s: %zu organizations, expected %zu", article, what, n, k);
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("article %d %s[%zu]: %lld, expected %lld", article, what, i,
			         (long long)got[i], (long long)want[i]);
}

static void test_seed_tasks(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc doc;
	struct policy_tasks out;
	struct unit_resolve_ctx ctx = {orgs, sizeof(orgs) / sizeof(orgs[0]), city, 12};
	size_t len;
	char *text = slurp(KFQ_TEST_DATA "/fushun-devzone-reform-draft-2025.txt", &len);

	arena_init(&a);
	assert_int_equal(policy_parse(text, len, &a, &doc), 0);
	policy_tasks_build(&doc, &ctx, 1, &a, &out);
	assert_int_equal(out.n_tasks, 18);
	/* every unit of the seed resolves */
	for (size_t i = 0; i < out.n_warnings; i++)
		fail_msg("unexpected warning: %s", out.warnings[i].message);
	for (int i = 0; i < 18; i++) {
		const struct policy_task *t = &out.tasks[i];
		assert_int_equal(t->article->number, i + 1);
		expect_ids(t->lead, t->n_lead, lead[i], i + 1, "lead");
		expect_ids(t->responsible, t->n_responsible, resp[i], i + 1, "responsible");
		assert_int_equal(t->defaulted, i == 0 || i >= 15);
	}
	assert_string_equal(out.tasks[1].group_heading, "深化事权制度改革");
	arena_release(&a);
	free(text);
}

static void test_unknown_unit_warns_with_nearest(void **state)
{
	(void)state;
	static const char text[] = "二、任务\n1.做好一件事。具体内容。\n牵头单位：市商务厅\n";
	struct arena a;
	struct policy_doc doc;
	struct policy_tasks out;
	struct unit_resolve_ctx ctx = {orgs, sizeof(orgs) / sizeof(orgs[0]), city, 12};

	arena_init(&a);
	assert_int_equal(policy_parse(text, sizeof(text) - 1, &a, &doc), 0);
	policy_tasks_build(&doc, &ctx, 1, &a, &out);
	assert_int_equal(out.n_tasks, 1);
	assert_int_equal(out.tasks[0].n_lead, 0);
	assert_true(out.n_warnings >= 1);
	assert_non_null(strstr(out.warnings[0].message, "未识别的单位“市商务厅”"));
	assert_non_null(strstr(out.warnings[0].message, "市商务局"));
	arena_release(&a);
}

/* a supervisory body named as a unit is left out, with a warning naming it: it watches the
 * tasks, it neither leads nor does one (DECISIONS 329) */
static void test_supervisory_bodies_left_out(void **state)
{
	(void)state;
	static const char text[] =
	    "二、任务\n1.做好一件事。具体内容。\n牵头单位：市纪委监委、市商务局\n"
	    "责任单位：市审计局\n";
	struct arena a;
	struct policy_doc doc;
	struct policy_tasks out;
	struct unit_resolve_ctx ctx = {orgs, sizeof(orgs) / sizeof(orgs[0]), city, 12};

	arena_init(&a);
	assert_int_equal(policy_parse(text, sizeof(text) - 1, &a, &doc), 0);
	policy_tasks_build(&doc, &ctx, 1, &a, &out);
	assert_int_equal(out.n_tasks, 1);
	assert_int_equal(out.tasks[0].n_lead, 1);
	assert_int_equal(out.tasks[0].lead[0], 1);
	assert_int_equal(out.tasks[0].n_responsible, 0);
	assert_int_equal(out.n_warnings, 2);
	assert_string_equal(out.warnings[0].message,
	                    "第1条：“市纪委监委”是监督机构，不作为牵头单位或责任单位，已略过");
	assert_string_equal(out.warnings[1].message,
	                    "第1条：“市审计局”是监督机构，不作为牵头单位或责任单位，已略过");
	arena_release(&a);
}

/* 国发〔2018〕42号 is national: its 发展改革委 is the ministry, not the city's 市发改委 (an alias
 * there), and its 科技部 is not 市科技局. Its units stay unresolved, with the nearest names, and
 * the article keeps them as written. The same units in a city's document resolve. */
static void test_national_units_stay_unresolved(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc doc;
	struct policy_tasks out;
	struct unit_resolve_ctx ctx = {orgs, sizeof(orgs) / sizeof(orgs[0]), city, 12, false};

	arena_init(&a);
	policy_check_parse_lines("corpus/guofa_2018_42_nongye_jixiehua.txt",
	                         (const int[]){1, 2, 10, 11, 0}, &a, &doc);
	assert_true(doc.national);
	policy_tasks_build(&doc, &ctx, 1, &a, &out);
	assert_int_equal(out.n_tasks, 1);
	assert_int_equal(out.tasks[0].n_lead, 0);
	assert_int_equal(out.tasks[0].n_responsible, 0);
	assert_false(out.tasks[0].defaulted);
	assert_int_equal(out.tasks[0].article->n_lead_units, 1);
	assert_string_equal(out.tasks[0].article->lead_units[0], "工业和信息化部");
	assert_int_equal(out.n_warnings, 5);
	assert_string_equal(
	    out.warnings[0].message,
	    "第3条：未识别的单位“工业和信息化部”，最接近的是：市商务局、市工信局、市委组织部");
	assert_string_equal(
	    out.warnings[1].message,
	    "第3条：未识别的单位“发展改革委”，最接近的是：市发改委、市国资委、市纪委监委");
	assert_string_equal(out.warnings[4].message, "第3条：没有可识别的牵头单位，请导入后指定");
	/* the same, kept on the task for the preview */
	assert_int_equal(out.tasks[0].n_unresolved, 4);
	assert_string_equal(out.tasks[0].unresolved[0].unit, "工业和信息化部");
	assert_true(out.tasks[0].unresolved[0].lead);
	assert_int_equal(out.tasks[0].unresolved[0].n_nearest, 3);
	assert_string_equal(out.tasks[0].unresolved[0].nearest[1], "市工信局");
	assert_string_equal(out.tasks[0].unresolved[3].unit, "农业农村部");
	assert_false(out.tasks[0].unresolved[3].lead);

	/* a city's list (no 文号, no 国务院) with the same names: 发展改革委 is 市发展改革委 */
	policy_check_parse("标题\n1.甲。乙。（牵头单位：发展改革委；责任单位：科技局）\n", &a,
	                   &doc);
	assert_false(doc.national);
	policy_tasks_build(&doc, &ctx, 1, &a, &out);
	assert_int_equal(out.tasks[0].n_lead, 1);
	assert_int_equal(out.tasks[0].lead[0], 2);
	assert_int_equal(out.tasks[0].responsible[0], 4);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed_tasks),
	    cmocka_unit_test(test_unknown_unit_warns_with_nearest),
	    cmocka_unit_test(test_national_units_stay_unresolved),
	    cmocka_unit_test(test_supervisory_bodies_left_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

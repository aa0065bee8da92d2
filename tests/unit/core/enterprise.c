/* Tests src/core/enterprise.c: a valid entry, each refusal with its field, and the arrival year
 * revenue sharing counts from. */
#include "core/enterprise.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static struct industry_catalog cat;
static struct arena cat_arena;

static int setup(void **state)
{
	struct industry_problem p;

	(void)state;
	arena_init(&cat_arena);
	return industry_parse(industry_builtin_text, &cat_arena, &cat, &p);
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&cat_arena);
	return 0;
}

static struct enterprise_input valid(void)
{
	return (struct enterprise_input){
	    .uscc = "91440300192317458f",
	    .name = "示例新材料有限公司",
	    .address = "抚顺经济开发区",
	    .industry_code = "3011",
	    .scale = "规上",
	    .registered_on = "2019-04-01",
	    .attracted = true,
	    .contract_on = "2024-03-01",
	    .settled_on = "2024-05-10",
	    .production_on = "2025-01-15",
	};
}

static void expect(const struct enterprise_input *in, const char *field, const char *message)
{
	struct enterprise_checked out;
	struct enterprise_problem p;

	assert_int_equal(enterprise_validate(in, &cat, &out, &p), -1);
	assert_string_equal(p.field, field);
	assert_string_equal(p.message, message);
}

static void test_valid(void **state)
{
	(void)state;
	struct enterprise_input in = valid();
	struct enterprise_checked out;
	struct enterprise_problem p;

	assert_int_equal(enterprise_validate(&in, &cat, &out, &p), 0);
	assert_string_equal(out.uscc, "91440300192317458F");
	assert_string_equal(out.scale, "above");
	in.attracted = false;
	in.contract_on = in.settled_on = in.production_on = NULL;
	in.scale = "below";
	assert_int_equal(enterprise_validate(&in, &cat, &out, &p), 0);
	assert_string_equal(enterprise_scale_label(out.scale), "规下");
}

static void test_refusals(void **state)
{
	(void)state;
	struct enterprise_input in = valid();

	in.uscc = "91440300192317458A";
	expect(&in, "uscc", "统一社会信用代码校验位错误：第18位应为F，当前为A");
	in = valid();
	in.name = "";
	expect(&in, "name", "请填写企业名称");
	in = valid();
	in.industry_code = "301";
	expect(&in, "industry_code", "行业代码301是“水泥、石灰和石膏制造”，请选择到四位小类");
	in.industry_code = "3019";
	expect(&in, "industry_code", "行业代码“3019”不在国民经济行业分类（GB/T 4754-2017）中");
	in = valid();
	in.scale = "大型";
	expect(&in, "scale", "规模应为规上或规下");
	in = valid();
	in.registered_on = "2019-02-30";
	expect(&in, "registered_on", "成立日期应为 YYYY-MM-DD 格式的有效日期");
	/* founded after the day it is entered: the 营业执照's date has not come yet; on the day
	 * itself it has */
	in = valid();
	in.today = "2019-03-31";
	expect(&in, "registered_on", "成立日期不能晚于今天");
	in.today = "2019-04-01";
	assert_int_equal(enterprise_validate(&in, &cat, &(struct enterprise_checked){{0}},
	                                     &(struct enterprise_problem){0}),
	                 0);
	in = valid();
	in.settled_on = "2019-01-01";
	expect(&in, "settled_on", "落地注册日期不能早于成立日期");
	in = valid();
	in.production_on = "2024-04-01";
	expect(&in, "production_on", "投产日期不能早于落地注册日期");
	in = valid();
	in.attracted = false;
	expect(&in, "attracted", "非招商引资企业不填写签约、落地注册和投产日期");
}

/* Every problem of a row at once, so that an import is fixed in one go: each independent
 * check says its own, in the order of the fields. */
static void test_every_problem(void **state)
{
	(void)state;
	struct enterprise_input in = valid();
	struct enterprise_checked out;
	struct enterprise_problem p;

	in.scale = "中型";
	in.industry_code = "9999";
	in.settled_on = "2019-01-01";    /* before it was founded */
	in.production_on = "2024-02-01"; /* before it was signed */
	assert_int_equal(enterprise_validate(&in, &cat, &out, &p), -1);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.field, "industry_code"); /* the first, for a form's one answer */
	assert_string_equal(p.v[0].message,
	                    "行业代码“9999”不在国民经济行业分类（GB/T 4754-2017）中");
	assert_string_equal(p.v[1].field, "scale");
	assert_string_equal(p.v[2].field, "settled_on");
	assert_string_equal(p.v[2].message, "落地注册日期不能早于成立日期");
	assert_string_equal(p.v[3].field, "production_on");
	assert_string_equal(p.v[3].message, "投产日期不能早于签约日期");
	/* a date that is no date leaves the order of the dates unchecked */
	in = valid();
	in.uscc = "91440300192317458A";
	in.settled_on = "2024-13-01";
	assert_int_equal(enterprise_validate(&in, &cat, &out, &p), -1);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].field, "uscc");
	assert_string_equal(p.v[1].message, "落地注册日期应为 YYYY-MM-DD 格式的有效日期");
}

static void test_arrival(void **state)
{
	(void)state;
	assert_int_equal(enterprise_arrival_year("2019-04-01", "2024-05-10"), 2024);
	assert_int_equal(enterprise_arrival_year("2019-04-01", NULL), 2019);
	assert_int_equal(enterprise_arrival_year("2019-04-01", ""), 2019);
	assert_int_equal(enterprise_arrival_year(NULL, NULL), 0);
}

/* a city department reads the whole city's enterprises; everyone else their own scope */
static void test_scope(void **state)
{
	(void)state;
	assert_string_equal(enterprise_scope_kind("department", "org"), "all");
	assert_string_equal(enterprise_scope_kind("zone", "org"), "org");
	assert_string_equal(enterprise_scope_kind("county", "org_and_below"), "org_and_below");
	assert_string_equal(enterprise_scope_kind("office", "all"), "all");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid),         cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_every_problem), cmocka_unit_test(test_arrival),
	    cmocka_unit_test(test_scope),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* Tests src/core/industry.c: the classification kfq ships (data/catalog/gbt4754-2017.tsv) has
 * the levels of GB/T 4754-2017 as revised by Amendment No. 1 (20 门类, 97 大类, 473 中类, 1381
 * 小类; docs/DECISIONS.md on the count), unique codes each under the category its prefix names,
 * the standard's 门类 ranges; the standard's own column layout reads the same; bad files are
 * refused with their line. */
#include "core/industry.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_builtin(void **state)
{
	(void)state;
	struct arena a;
	struct industry_catalog c;
	struct industry_problem p;
	const struct industry_entry *e;
	/* the 大类 each 门类 spans in the standard */
	static const struct {
		char section;
		int first, last;
	} spans[] = {{'A', 1, 5},   {'B', 6, 12},  {'C', 13, 43}, {'D', 44, 46}, {'E', 47, 50},
	             {'F', 51, 52}, {'G', 53, 60}, {'H', 61, 62}, {'I', 63, 65}, {'J', 66, 69},
	             {'K', 70, 70}, {'L', 71, 72}, {'M', 73, 75}, {'N', 76, 79}, {'O', 80, 82},
	             {'P', 83, 83}, {'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 96}, {'T', 97, 97}};

	arena_init(&a);
	assert_int_equal(industry_parse(industry_builtin_text, &a, &c, &p), 0);
	assert_int_equal(c.per_level[INDUSTRY_SECTION], 20);
	assert_int_equal(c.per_level[INDUSTRY_DIVISION], 97);
	assert_int_equal(c.per_level[INDUSTRY_GROUP], 473);
	assert_int_equal(c.per_level[INDUSTRY_CLASS], 1381);
	assert_int_equal(c.n, 20 + 97 + 473 + 1381);
	for (size_t i = 0; i < c.n; i++) {
		const struct industry_entry *x = &c.entries[i];
		if (x->level == INDUSTRY_SECTION)
			continue;
		/* each code's prefix is its parent (a 大类's is its 门类, by the standard's spans)
		 */
		if (x->level == INDUSTRY_DIVISION) {
			int d = (x->code[0] - '0') * 10 + (x->code[1] - '0');
			assert_int_equal(x->parent[0], spans[x->parent[0] - 'A'].section);
			assert_in_range(d, spans[x->parent[0] - 'A'].first,
			                spans[x->parent[0] - 'A'].last);
		} else {
			assert_memory_equal(x->code, x->parent, strlen(x->parent));
			assert_int_equal(strlen(x->parent) + 1, strlen(x->code));
		}
		assert_non_null(industry_find(&c, x->parent));
	}
	for (size_t i = 1; i < c.n; i++)
		assert_true(strcmp(c.by_code[i - 1]->code, c.by_code[i]->code) < 0);
	e = industry_find(&c, "3011");
	assert_non_null(e);
	assert_string_equal(e->name, "水泥制造");
	assert_string_equal(e->parent, "301");
	e = industry_find(&c, "0232"); /* from Amendment No. 1 */
	assert_non_null(e);
	assert_string_equal(e->name, "森林改培");
	assert_string_equal(industry_find(&c, "3586")->name, "康复辅具制造");
	assert_string_equal(industry_find(&c, "3587")->name, "眼镜制造");
	assert_string_equal(industry_find(&c, "8522")->name, "康复辅具适配服务");
	assert_string_equal(industry_find(&c, "3973")->name, "集成电路制造");
	assert_string_equal(industry_find(&c, "9700")->name, "国际组织");
	assert_string_equal(industry_find(&c, "C")->name, "制造业");
	assert_null(industry_find(&c, "0230")); /* split by the amendment */
	assert_null(industry_find(&c, "9999"));
	arena_release(&a);
}

/* the standard's table, as an office's spreadsheet saved as CSV would hold it */
static const char standard_layout[] =
    "门类,大类,中类,小类,类别名称,说明\n"
    "A,,,,农、林、牧、渔业,本门类包括01～05大类\n"
    ",01,,,农业,\n"
    ",,,,,\n"
    ",,011,,谷物种植,\n"
    ",,,0111,稻谷种植,\n"
    ",,019,0190,其他农业,\n"
    "B,,,,采矿业,\n"
    ",06,,,煤炭开采和洗选业,\n"
    ",,061,0610,烟煤和无烟煤开采洗选,\"指对烟煤、无烟煤的开采，\"\"洗选\"\"等\"\n";

static void test_layouts(void **state)
{
	(void)state;
	struct arena a;
	struct industry_catalog c;
	struct industry_problem p;

	arena_init(&a);
	assert_int_equal(industry_parse(standard_layout, &a, &c, &p), 0);
	assert_int_equal(c.n, 10);
	assert_int_equal(c.per_level[INDUSTRY_CLASS], 3);
	assert_string_equal(industry_find(&c, "0610")->name, "烟煤和无烟煤开采洗选");
	assert_string_equal(industry_find(&c, "06")->parent, "B");
	assert_string_equal(industry_find(&c, "019")->name, "其他农业");
	/* kfq's two-column layout, tab or comma, codes with their letter */
	assert_int_equal(industry_parse("代码\t名称\nC\t制造业\nC30\t非金属矿物制品业\n"
	                                "C301\t水泥、石灰和石膏制造\nC3011\t水泥制造\n",
	                                &a, &c, &p),
	                 0);
	assert_string_equal(industry_find(&c, "3011")->parent, "301");
	arena_release(&a);
}

static void expect(const char *text, const char *message)
{
	struct arena a;
	struct industry_catalog c;
	struct industry_problem p;

	arena_init(&a);
	assert_int_equal(industry_parse(text, &a, &c, &p), -1);
	assert_string_equal(p.message, message);
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	expect("A\t农业\n01\t农业\n011\t谷物\n0111\t稻谷\n0111\t小麦\n",
	       "第5行：代码0111重复（另见第4行）");
	expect("A\t农业\n01\t农业\n011\t谷物\n0121\t豆类\n",
	       "第4行：代码0121应排在其上级012之下（按标准的顺序排列）");
	expect("A\t农业\n01\t农业\n011\t谷物\n012\t豆类\n0111\t稻谷\n0121\t大豆\n",
	       "第5行：代码0111应排在其上级011之下（按标准的顺序排列）");
	expect("01\t农业\n", "第1行：大类01之前没有门类");
	expect("A\t农业\n01\t农业\n011\t谷物\n", "第3行：011“谷物”下没有下级类别");
	expect("A\t农业\n01\t农业\n011\t谷物\n01111\t稻谷\n",
	       "第4行：“01111”不是行业代码（门类为一个大写字母，大类、中类、小类为2至4位数字）");
	expect("A\t农业\n01\t\n", "第2行：代码01缺少类别名称");
	expect("A\t农业\nB06\t煤炭\n", "第2行：大类06写作B门类，但位于A门类之下");
	expect("A,\"农业\n", "第1行：引号没有闭合");
	expect("A\n",
	       "第1行：应为“代码、名称”两列，或标准表格的“门类、大类、中类、小类、类别名称”五列");
	expect("# 空\n\n", "文件中没有行业类别");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_builtin),
	    cmocka_unit_test(test_layouts),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

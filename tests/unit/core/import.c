/* Tests src/core/import.c: finding declared columns in a header row, converting a row's cells
 * (every problem of the row, not the first), text in a number cell, the natural key. */
#include "core/import.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct enum_entry kind_entries[] = {{"vat", "增值税"}, {"cit", "企业所得税"}};
static const struct enum_table kinds = {kind_entries, 2};

static const char *not_zero(const struct import_value *v, struct arena *a)
{
	(void)a;
	return v->num == 0 ? "不能为零" : NULL;
}

static const struct import_column cols[] = {
    {.header = "统一社会信用代码", .type = IMPORT_TEXT, .required = true, .key = true, .max = 18},
    {.header = "年度",
     .type = IMPORT_INT,
     .required = true,
     .key = true,
     .has_min = true,
     .min = 2000,
     .max = 2100},
    {.header = "税种", .type = IMPORT_ENUM, .required = true, .key = true, .options = &kinds},
    {.header = "税额", .type = IMPORT_AMOUNT, .required = true, .check = not_zero},
    {.header = "分成比例", .type = IMPORT_BP, .max = 10000},
    {.header = "入库日期", .type = IMPORT_DATE},
};
#define NCOLS 6

static struct sheet_row row_of(int64_t n, struct sheet_cell *cells, int ncells)
{
	struct sheet_row r = {n, ncells, cells};
	return r;
}

static void test_header(void **state)
{
	(void)state;
	struct arena a;
	struct import_problems p;
	int map[NCOLS];
	struct sheet_cell h[] = {
	    {SHEET_TEXT, false, " 税种 "}, {SHEET_TEXT, false, "年度*"},
	    {SHEET_EMPTY, false, ""},      {SHEET_TEXT, false, "统一社会信用代码＊"},
	    {SHEET_TEXT, false, "税额"},   {SHEET_TEXT, false, "备注"},
	    {SHEET_TEXT, false, "税额"},
	};
	struct sheet_row r = row_of(1, h, 7);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_header_map(cols, NCOLS, &r, map, &p), -1);
	assert_int_equal(map[0], 3);
	assert_int_equal(map[1], 1);
	assert_int_equal(map[2], 0);
	assert_int_equal(map[3], 4);
	assert_int_equal(map[4], -1); /* optional and absent: fine */
	assert_int_equal(p.n, 2);
	assert_string_equal(p.items[0].message, "未知的列“备注”（请使用导入模板）");
	assert_string_equal(p.items[1].message, "列“税额”重复");
	arena_release(&a);
}

static void test_missing_required(void **state)
{
	(void)state;
	struct arena a;
	struct import_problems p;
	int map[NCOLS];
	struct sheet_cell h[] = {{SHEET_TEXT, false, "税额"}};
	struct sheet_row r = row_of(1, h, 1);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_header_map(cols, NCOLS, &r, map, &p), -1);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.items[0].message, "缺少必填列“统一社会信用代码”");
	assert_string_equal(p.items[1].column, "年度");
	assert_string_equal(p.items[2].column, "税种");
	arena_release(&a);
}

static void test_row(void **state)
{
	(void)state;
	static const int map[NCOLS] = {0, 1, 2, 3, 4, 5};
	struct arena a;
	struct import_problems p;
	struct import_value v[NCOLS];
	struct sheet_cell good[] = {
	    {SHEET_TEXT, false, "91210400MA0XXXXX1A"},
	    {SHEET_NUMBER, false, "2025"},
	    {SHEET_TEXT, false, "增值税"},
	    {SHEET_NUMBER, false, "12345.670000000001"},
	    {SHEET_NUMBER, false, "0.35"},
	    {SHEET_NUMBER, true, "46027"},
	};
	struct sheet_row r = row_of(2, good, NCOLS);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_row_convert(cols, NCOLS, map, &r, false, &a, v, &p), 0);
	assert_string_equal(v[0].text, "91210400MA0XXXXX1A");
	assert_false(v[0].number);
	assert_true(v[1].number); /* a code typed as a number has lost its leading zeros */
	assert_int_equal(v[1].num, 2025);
	assert_string_equal(v[2].text, "vat");
	assert_int_equal(v[3].num, 1234567);
	assert_int_equal(v[4].num, 3500);
	assert_string_equal(v[5].text, "2026-01-05");
	assert_string_equal(import_row_key(cols, NCOLS, v, &a), "91210400MA0XXXXX1A\x1f"
	                                                        "2025\x1fvat");
	assert_true(v[4].in_file && v[5].in_file);
	assert_int_equal(p.total, 0);
	arena_release(&a);
}

/* A column the file has, left empty, is in the file and not present; a column the file does
 * not have is neither (an import may keep what it holds for it). */
static void test_absent_column(void **state)
{
	(void)state;
	static const int map[NCOLS] = {0, 1, 2, 3, 4, -1};
	struct arena a;
	struct import_problems p;
	struct import_value v[NCOLS];
	struct sheet_cell cells[] = {
	    {SHEET_TEXT, false, "91210400MA0XXXXX1A"},
	    {SHEET_NUMBER, false, "2025"},
	    {SHEET_TEXT, false, "增值税"},
	    {SHEET_NUMBER, false, "1"},
	    {SHEET_EMPTY, false, ""},
	};
	struct sheet_row r = row_of(2, cells, 5);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_row_convert(cols, NCOLS, map, &r, false, &a, v, &p), 0);
	assert_true(v[4].in_file);
	assert_false(v[4].present);
	assert_false(v[5].in_file);
	assert_false(v[5].present);
	assert_true(v[3].in_file && v[3].present);
	arena_release(&a);
}

/* A text column marked upper (事项编码): a code in small or full-width letters is the code in
 * capitals, a number cell taken as typed (IMPORT_CODE would refuse it), a name left alone. */
static void test_upper(void **state)
{
	(void)state;
	static const struct import_column ucols[] = {
	    {.header = "事项编码",
	     .type = IMPORT_TEXT,
	     .required = true,
	     .key = true,
	     .upper = true},
	    {.header = "事项名称", .type = IMPORT_TEXT},
	};
	static const int map[2] = {0, 1};
	struct arena a;
	struct import_problems p;
	struct import_value v[2];
	struct sheet_cell typed[] = {{SHEET_TEXT, false, " 3704sj-ｂ01 "},
	                             {SHEET_TEXT, false, "食品（sc）许可"}};
	struct sheet_cell number[] = {{SHEET_NUMBER, false, "3704210001"},
	                              {SHEET_EMPTY, false, ""}};
	struct sheet_row r = row_of(2, typed, 2);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_row_convert(ucols, 2, map, &r, false, &a, v, &p), 0);
	assert_string_equal(v[0].text, "3704SJ-B01");
	assert_string_equal(v[1].text, "食品（sc）许可");
	assert_string_equal(import_row_key(ucols, 2, v, &a), "3704SJ-B01");
	r = row_of(3, number, 2);
	assert_int_equal(import_row_convert(ucols, 2, map, &r, false, &a, v, &p), 0);
	assert_string_equal(v[0].text, "3704210001");
	assert_int_equal(p.total, 0);
	arena_release(&a);
}

/* a folded key (登录名) repeats another whatever its letters' case; the value keeps them */
static void test_folded_key(void **state)
{
	static const struct import_column fcols[1] = {
	    {.header = "登录名", .type = IMPORT_TEXT, .key = true, .fold = true},
	};
	struct import_value v[1] = {{.present = true, .text = "Wang.Li_2"}};
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(import_row_key(fcols, 1, v, &a), "wang.li_2");
	assert_string_equal(v[0].text, "Wang.Li_2");
	arena_release(&a);
}

/* an organization's column keyed as the organization it names: its name and an alias are one */
static void test_key_as(void **state)
{
	static const struct import_column kcols[2] = {
	    {.header = "开发区", .type = IMPORT_TEXT, .key = true},
	    {.header = "月份", .type = IMPORT_TEXT, .key = true},
	};
	struct import_value name[2] = {{.present = true, .text = "抚顺经济开发区"},
	                               {.present = true, .text = "2025-03"}};
	struct import_value alias[2] = {{.present = true, .text = "抚顺经开区"},
	                                {.present = true, .text = "2025-03"}};
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(import_row_key_as(kcols, 2, name, 0, 24, &a),
	                    import_row_key_as(kcols, 2, alias, 0, 24, &a));
	assert_string_not_equal(import_row_key_as(kcols, 2, name, 0, 24, &a),
	                        import_row_key_as(kcols, 2, alias, 0, 25, &a));
	assert_string_not_equal(import_row_key_as(kcols, 2, name, 0, 24, &a),
	                        import_row_key(kcols, 2, name, &a));
	assert_string_equal(alias[0].text, "抚顺经开区"); /* the row keeps its text */
	arena_release(&a);
}

static void test_row_problems(void **state)
{
	(void)state;
	static const int map[NCOLS] = {0, 1, 2, 3, 4, 5};
	struct arena a;
	struct import_problems p;
	struct import_value v[NCOLS];
	/* text in number cells, an unknown option, a bound, an error cell and a check: every
	 * problem of the row is reported */
	struct sheet_cell bad[] = {
	    {SHEET_TEXT, false, "　"},     {SHEET_TEXT, false, "二〇二五"},
	    {SHEET_TEXT, false, "房产税"}, {SHEET_TEXT, false, "0"},
	    {SHEET_NUMBER, false, "1.5"},  {SHEET_ERROR, false, "#VALUE!"},
	};
	struct sheet_row r = row_of(7, bad, NCOLS);

	arena_init(&a);
	import_problems_init(&p, &a);
	assert_int_equal(import_row_convert(cols, NCOLS, map, &r, false, &a, v, &p), -1);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.bad_rows, 1);
	assert_string_equal(p.items[0].message, "必填，不能为空");
	assert_string_equal(p.items[1].message, "应为数字");
	assert_string_equal(p.items[2].message, "应为：增值税、企业所得税");
	assert_string_equal(p.items[3].message, "不能为零");
	assert_string_equal(p.items[4].message, "不能大于 100.00%");
	assert_string_equal(p.items[5].message, "单元格是错误值 #VALUE!");
	for (int i = 0; i < 6; i++) {
		assert_int_equal(p.items[i].row, 7);
		assert_string_equal(p.items[i].column, cols[i].header);
	}
	arena_release(&a);
}

static void test_problem_cap(void **state)
{
	(void)state;
	struct arena a;
	struct import_problems p;

	arena_init(&a);
	import_problems_init(&p, &a);
	for (int i = 0; i < IMPORT_MAX_PROBLEMS + 5; i++)
		import_problem_add(&p, i + 2, NULL, "第%d个", i);
	assert_int_equal(p.n, IMPORT_MAX_PROBLEMS);
	assert_int_equal(p.total, IMPORT_MAX_PROBLEMS + 5);
	assert_int_equal(p.bad_rows, IMPORT_MAX_PROBLEMS + 5);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_header),       cmocka_unit_test(test_missing_required),
	    cmocka_unit_test(test_row),          cmocka_unit_test(test_absent_column),
	    cmocka_unit_test(test_folded_key),   cmocka_unit_test(test_key_as),
	    cmocka_unit_test(test_row_problems), cmocka_unit_test(test_problem_cap),
	    cmocka_unit_test(test_upper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

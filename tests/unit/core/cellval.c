/* Tests src/core/cellval.c with exact values worked by hand: Excel's binary noise rounded to the
 * fen only within 1e-6 yuan, everything else refused with its reason; whole numbers, basis
 * points, dates in every written form and as serials of both date bases. */
#include "core/cellval.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static int64_t fen(const char *s, bool number)
{
	const char *why = NULL;
	int64_t v = -999;

	if (cellval_amount_fen(s, number, &v, &why) != 0)
		fail_msg("%s refused: %s", s, why);
	return v;
}

static const char *fen_refused(const char *s, bool number)
{
	const char *why = NULL;
	int64_t v;

	if (cellval_amount_fen(s, number, &v, &why) == 0)
		fail_msg("%s accepted as %lld", s, (long long)v);
	return why;
}

static void test_amounts(void **state)
{
	(void)state;
	assert_int_equal(fen("12345.67", false), 1234567);
	assert_int_equal(fen("12345.670000000001", true), 1234567); /* Excel's double */
	assert_int_equal(fen("12345.669999999999", true), 1234567);
	assert_int_equal(fen("0.30000000000000004", true), 30); /* 0.1 + 0.2 */
	assert_int_equal(fen("12,345.6", false), 1234560);
	assert_int_equal(fen("1,234,567", false), 123456700);
	assert_int_equal(fen("-0.5", false), -50);
	assert_int_equal(fen("+7", false), 700);
	assert_int_equal(fen("0", false), 0);
	assert_int_equal(fen("-0", false), 0);
	assert_int_equal(fen(".5", false), 50);
	assert_int_equal(fen("1.2345E+3", true), 123450);
	assert_int_equal(fen("1E-7", true), 0); /* 1e-7 yuan is within 1e-6 of 0 fen */
	/* exactly 1e-6 yuan off the fen is still taken; a hair more is not */
	assert_int_equal(fen("100.010001", true), 10001);
	assert_int_equal(fen("100.019999", true), 10002);
	assert_int_equal(fen("92233720368547758.07", false), INT64_MAX);
	assert_string_equal(fen_refused("12345.675", true), "金额须精确到分（小数点后最多两位）");
	assert_string_equal(fen_refused("100.0100011", true), "金额须精确到分（小数点后最多两位）");
	assert_string_equal(fen_refused("0.001", false), "金额须精确到分（小数点后最多两位）");
	assert_string_equal(fen_refused("92233720368547758.08", false), "数值超出范围");
	/* a number that is not money (days, an indicator) says so without 元 or 分 */
	const char *why = NULL;
	int64_t h = 0;
	assert_int_equal(cellval_hundredths("6.5", false, &h, &why), 0);
	assert_int_equal(h, 650);
	assert_int_equal(cellval_hundredths("6.555", false, &h, &why), -1);
	assert_string_equal(why, "最多两位小数");
	assert_int_equal(cellval_hundredths("6天", false, &h, &why), -1);
	assert_null(strstr(why, "元"));
	assert_string_equal(fen_refused("1E+30", true), "数值超出范围");
	assert_non_null(strstr(fen_refused("1.23457E+11", false), "科学计数法"));
	assert_string_equal(fen_refused("12,34.5", false), "应为数字");
	assert_string_equal(fen_refused("1,2345", false), "应为数字");
	assert_string_equal(fen_refused("abc", false), "应为数字");
	assert_string_equal(fen_refused("1.2.3", false), "应为数字");
	assert_string_equal(fen_refused("", false), "应为数字");
	assert_string_equal(fen_refused("-", false), "应为数字");
	assert_string_equal(fen_refused("1,234", true),
	                    "应为数字"); /* number cells have no commas */
	assert_string_equal(
	    fen_refused("000000000000000000000000000000000000000000000000000000000000000001",
	                false),
	    "数字过长");
}

static void test_ints(void **state)
{
	(void)state;
	const char *why;
	int64_t v;

	assert_int_equal(cellval_int("42", false, &v, &why), 0);
	assert_int_equal(v, 42);
	assert_int_equal(cellval_int("3.0000000000000004", true, &v, &why), 0);
	assert_int_equal(v, 3);
	assert_int_equal(cellval_int("2.9999999999999996", true, &v, &why), 0);
	assert_int_equal(v, 3);
	assert_int_equal(cellval_int("1,234", false, &v, &why), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cellval_int("-12", false, &v, &why), 0);
	assert_int_equal(v, -12);
	assert_int_equal(cellval_int("2.5", false, &v, &why), -1);
	assert_string_equal(why, "应为整数");
	assert_int_equal(cellval_int("2.000002", true, &v, &why), -1);
	assert_int_equal(cellval_int("9223372036854775808", false, &v, &why), -1);
	assert_string_equal(why, "数值超出范围");
}

static void test_bp(void **state)
{
	(void)state;
	const char *why;
	int64_t v;

	assert_int_equal(cellval_bp("12.34%", false, &v, &why), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cellval_bp("100%", false, &v, &why), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(cellval_bp("5\xef\xbc\x85", false, &v, &why), 0); /* 5％ */
	assert_int_equal(v, 500);
	assert_int_equal(cellval_bp("0.1234", true, &v, &why), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cellval_bp("0.12340000000000001", true, &v, &why), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cellval_bp("0.35", true, &v, &why), 0);
	assert_int_equal(v, 3500);
	assert_int_equal(cellval_bp("12.345%", false, &v, &why), -1);
	assert_string_equal(why, "比例须精确到万分之一（0.01%）");
	assert_int_equal(cellval_bp("0.12345", true, &v, &why), -1);
	assert_int_equal(cellval_bp("12.5", false, &v, &why), -1);
	assert_string_equal(why, "比例须带百分号，如 12.5%");
}

static void expect_date(const char *s, bool number, bool d1904, const char *want)
{
	char out[CELLVAL_DATE_LEN];
	const char *why = NULL;

	if (cellval_date(s, number, d1904, out, &why) != 0)
		fail_msg("%s refused: %s", s, why);
	assert_string_equal(out, want);
}

static const char *date_refused(const char *s, bool number, bool d1904)
{
	char out[CELLVAL_DATE_LEN];
	const char *why = NULL;

	if (cellval_date(s, number, d1904, out, &why) == 0)
		fail_msg("%s accepted as %s", s, out);
	return why;
}

static void test_dates(void **state)
{
	(void)state;
	expect_date("2026-01-05", false, false, "2026-01-05");
	expect_date("2026-1-5", false, false, "2026-01-05");
	expect_date("2026/1/5", false, false, "2026-01-05");
	expect_date("2026.01.05", false, false, "2026-01-05");
	expect_date("2026年1月5日", false, false, "2026-01-05");
	expect_date("2026年1月5", false, false, "2026-01-05");
	expect_date("20260105", false, false, "2026-01-05");
	expect_date("2026/1/5 0:00", false, false, "2026-01-05");
	expect_date("2024-02-29", false, false, "2024-02-29");
	/* serials, 1900 base: 46027 = 2026-01-05; 1 = 1900-01-01; 59 = 1900-02-28; 61 = 03-01 */
	expect_date("46027", true, false, "2026-01-05");
	expect_date("1", true, false, "1900-01-01");
	expect_date("59", true, false, "1900-02-28");
	expect_date("61", true, false, "1900-03-01");
	expect_date("2958465", true, false, "9999-12-31");
	/* 1904 base: 0 = 1904-01-01, and the same day is 1462 less than in the 1900 base */
	expect_date("0", true, true, "1904-01-01");
	expect_date("44565", true, true, "2026-01-05");
	expect_date("20260105", true, false, "2026-01-05");
	expect_date("46027.000000001", true, false, "2026-01-05");
	assert_string_equal(date_refused("60", true, false),
	                    "1900-02-29 不存在（Excel 的闰年错误）");
	assert_string_equal(date_refused("0", true, false), "日期序号超出范围");
	assert_string_equal(date_refused("46027.5", true, false), "日期不能带时间");
	assert_string_equal(date_refused("2025-02-29", false, false), "日期不存在");
	assert_string_equal(date_refused("2026-13-01", false, false), "日期不存在");
	assert_string_equal(date_refused("2026-1/5", false, false),
	                    "日期格式应为 2026-01-05、2026/1/5 或 2026年1月5日");
	assert_string_equal(date_refused("46027", false, false),
	                    "日期格式应为 2026-01-05、2026/1/5 或 2026年1月5日");
	assert_string_equal(date_refused("2026/1/5 8:30", false, false),
	                    "日期格式应为 2026-01-05、2026/1/5 或 2026年1月5日");
	assert_string_equal(date_refused("1899-12-31", false, false), "日期不存在");
}

/* A 月份 cell: typed as a month in its usual forms, or a date Excel made of it (its month). */
static void expect_month(const char *s, bool number, const char *want)
{
	char out[CELLVAL_MONTH_LEN];
	const char *why = NULL;

	if (cellval_month(s, number, false, out, &why) != 0)
		fail_msg("%s refused: %s", s, why);
	assert_string_equal(out, want);
}

static void test_months(void **state)
{
	(void)state;
	static const char msg[] = "应为 YYYY-MM，如 2025-03（也可写 2025/3 或 2025年3月）";
	char out[CELLVAL_MONTH_LEN];
	const char *why;

	expect_month("2027-03", false, "2027-03");
	expect_month("2027-3", false, "2027-03");
	expect_month("2027/4", false, "2027-04");
	expect_month("2027.12", false, "2027-12");
	expect_month("2027年5月", false, "2027-05");
	expect_month("2027-05-20", false, "2027-05");
	expect_month("46447", true, "2027-03"); /* 2027-03-01 as Excel stores a typed 2027-03 */
	expect_month("202703", true, "2027-03");
	const char *bad[] = {"2027-13", "2027-0", "2027", "27-03", "2027-03x", "2027年3", "三月"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (cellval_month(bad[i], false, false, out, &why) == 0)
			fail_msg("%s accepted as %s", bad[i], out);
		assert_string_equal(why, msg);
	}
	assert_int_equal(cellval_month("46447.5", true, false, out, &why), -1);
	assert_string_equal(why, msg);
}

static void test_bool(void **state)
{
	(void)state;
	const char *why;
	bool b;

	assert_int_equal(cellval_bool("是", &b, &why), 0);
	assert_true(b);
	assert_int_equal(cellval_bool("FALSE", &b, &why), 0);
	assert_false(b);
	assert_int_equal(cellval_bool("1", &b, &why), 0);
	assert_true(b);
	assert_int_equal(cellval_bool("maybe", &b, &why), -1);
	assert_string_equal(why, "应为“是”或“否”");
}

static const char *halfwidth(const char *s)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s", s);
	cellval_halfwidth(buf);
	return buf;
}

/* Full-width digits and punctuation read as the ASCII ones; nothing else is touched. */
static void test_halfwidth(void **state)
{
	(void)state;
	assert_string_equal(halfwidth("１００"), "100");
	assert_string_equal(halfwidth("１２．５"), "12.5");
	assert_string_equal(halfwidth("－１，２３４．５６"), "-1,234.56");
	assert_string_equal(halfwidth("１２．５％"), "12.5%");
	assert_string_equal(halfwidth("２０２６／１／５"), "2026/1/5");
	assert_string_equal(halfwidth("２０２６年１月５日"), "2026年1月5日");
	assert_string_equal(halfwidth("９１２１０４００ＭＡ０Ｕ０００００Ｊ"),
	                    "91210400MA0U00000J");
	assert_string_equal(halfwidth("ａ～｝　！"), "a~} !"); /* U+FF41, FF5E, FF5D, 3000, FF01 */
	/* outside the full-width block: ￥ (U+FFE5), 。 (U+3002), （ is FF08 and does change */
	assert_string_equal(halfwidth("￥。（"), "￥。(");
	assert_string_equal(halfwidth(""), "");
	int64_t v;
	const char *why;
	char text[] = "１２３４５．６７";
	cellval_halfwidth(text);
	assert_int_equal(cellval_amount_fen(text, false, &v, &why), 0);
	assert_int_equal(v, 1234567);
}

/* A unit in the cell asks for the plain number in the column's unit. */
static void test_units(void **state)
{
	(void)state;
	const char *unit_amount =
	    "请只填数字，单位为元，不要带“万元”“元”“%”等单位（如 100万元 应填 1000000）";
	const char *why;
	int64_t v;

	assert_string_equal(fen_refused("100万元", false), unit_amount);
	assert_string_equal(fen_refused("100元", false), unit_amount);
	assert_string_equal(fen_refused("1,000.5 元", false), unit_amount);
	assert_string_equal(fen_refused("5%", false), unit_amount);
	assert_string_equal(fen_refused("¥100", false), unit_amount);
	assert_string_equal(fen_refused("￥100", false), unit_amount);
	assert_string_equal(fen_refused("1.2亿", false), unit_amount);
	/* not a number with a unit: the plain reason */
	assert_string_equal(fen_refused("约100", false), "应为数字");
	assert_string_equal(fen_refused("100万5千", false), "应为数字");
	assert_string_equal(fen_refused("元", false), "应为数字");
	assert_string_equal(fen_refused("¥", false), "应为数字");
	assert_int_equal(cellval_int("5%", false, &v, &why), -1);
	assert_string_equal(why, "请只填数字，不要带“年”“个”“%”等单位");
	assert_int_equal(cellval_int("2025年", false, &v, &why), -1);
	assert_string_equal(why, "请只填数字，不要带“年”“个”“%”等单位");
	assert_int_equal(cellval_int("二〇二五", false, &v, &why), -1);
	assert_string_equal(why, "应为数字");
}

/* A code must be text as typed: never a number cell, never Excel's scientific notation. */
static void test_codes(void **state)
{
	(void)state;
	const char *number = "单元格是数字格式，Excel 会去掉前导零、只保留15位数字；"
	                     "请把本列设为文本格式后重新填写";
	const char *exp = "代码已被 Excel 改写成科学计数法，后几位数字已丢失；"
	                  "请把本列设为文本格式后重新填写原代码";
	const char *why = NULL;

	assert_int_equal(cellval_code("91210400MA0U00000J", false, &why), 0);
	assert_int_equal(cellval_code("210402198001011234", false, &why), 0);
	assert_int_equal(cellval_code("11010519491231002X", false, &why), 0);
	assert_int_equal(cellval_code("9E", false, &why), 0);
	assert_int_equal(cellval_code("12E3X", false, &why), 0);
	assert_int_equal(cellval_code("E+17", false, &why), 0);
	assert_int_equal(cellval_code("210402198001011000", true, &why), -1);
	assert_string_equal(why, number);
	assert_int_equal(cellval_code("2.10402198001011E+17", true, &why), -1);
	assert_string_equal(why, number);
	why = NULL;
	assert_int_equal(cellval_code("9.1E+17", false, &why), -1);
	assert_string_equal(why, exp);
	why = NULL;
	assert_int_equal(cellval_code("1.23457E+17", false, &why), -1);
	assert_string_equal(why, exp);
	why = NULL;
	assert_int_equal(cellval_code("9e17", false, &why), -1);
	assert_string_equal(why, exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_amounts),   cmocka_unit_test(test_ints),
	    cmocka_unit_test(test_bp),        cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_months),    cmocka_unit_test(test_bool),
	    cmocka_unit_test(test_halfwidth), cmocka_unit_test(test_units),
	    cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/org_import.c: the demo file, headers and comments, and each refusal with its
 * line number. */
#include "core/org_import.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static int parse(const char *text, struct arena *a, struct org_import *out)
{
	return org_import_parse(text, strlen(text), a, out);
}

static void test_rows_header_comments(void **state)
{
	(void)state;
	struct arena a;
	struct org_import out;
	arena_init(&a);
	assert_int_equal(
	    parse("\xef\xbb\xbf# 演示\r\nname\ttype\tparent\tlevel\taliases\tsample\r\n"
	          "市商务局\tcity_department\t\t\t商务局|工作专班办公室\t0\r\n\r\n"
	          "抚顺经济开发区（示例）\tzone\t顺城区\tprovincial\t\t是\n",
	          &a, &out),
	    0);
	assert_int_equal(out.nrows, 2);
	assert_string_equal(out.rows[0].name, "市商务局");
	assert_int_equal(out.rows[0].line, 3);
	assert_null(out.rows[0].parent);
	assert_null(out.rows[0].level);
	assert_int_equal(out.rows[0].naliases, 2);
	assert_string_equal(out.rows[0].aliases[1], "工作专班办公室");
	assert_false(out.rows[0].is_sample);
	assert_string_equal(out.rows[1].parent, "顺城区");
	assert_string_equal(out.rows[1].level, "provincial");
	assert_true(out.rows[1].is_sample);
	assert_int_equal(out.rows[1].line, 5);
	arena_release(&a);
}

static void expect_error(const char *text, int line, const char *needle)
{
	struct arena a;
	struct org_import out;
	arena_init(&a);
	assert_int_equal(parse(text, &a, &out), -1);
	assert_int_equal(out.error_line, line);
	if (!strstr(out.error, needle))
		fail_msg("error '%s' does not contain '%s'", out.error, needle);
	arena_release(&a);
}

static void test_refusals_name_their_line(void **state)
{
	(void)state;
	expect_error("a\tcounty\n\tcounty\n", 2, "缺少机构名称");
	expect_error("a\tcity\n", 1, "机构类型");
	expect_error("a\tzone\n", 1, "开发区级别");
	expect_error("a\tcounty\t\tnational\n", 1, "只有开发区");
	expect_error("a\tcounty\ta\n", 1, "上级机构不能是自己");
	expect_error("a\tcounty\t\t\tx||y\n", 1, "别名不能为空");
	expect_error("a\tcounty\t\t\tx|\n", 1, "末尾多了");
	expect_error("a\tcounty\t\t\t\tmaybe\n", 1, "示例标记");
	expect_error("a\tcounty\t\t\t\t0\textra\n", 1, "列数过多");
	expect_error("a\tcounty\nb\tcounty\na\tcounty\n", 3, "与第1行重复");
	expect_error("a\tcounty\nb\x01\tcounty\n", 2, "控制字符");
	expect_error("a\tcounty\n\xff\tcounty\n", 2, "UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_header_comments),
	    cmocka_unit_test(test_refusals_name_their_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

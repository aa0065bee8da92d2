/* Tests src/core/uscc.c: published codes of well-known companies (from their public business
 * registrations) pass; every single-character change and every swap of two different
 * neighbours of them is caught with the expected check character; random valid codes pass. */
#include "core/uscc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const char *const published[] = {
    "914403001922038216", /* 华为技术有限公司 */
    "91440300708461136T", /* 腾讯科技（深圳）有限公司 */
    "91330100799655058B", /* 阿里巴巴（中国）有限公司 */
    "91440300192317458F", /* 比亚迪股份有限公司 */
    "91110108551385082Q", /* 小米科技有限责任公司 */
    "91520000214434146R", /* 中航重机股份有限公司 */
    "91340111MA2RAD3M4R", /* 蔚来控股有限公司 */
};

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int parse(const char *s, char out[USCC_LEN + 1], struct uscc_problem *p)
{
	return uscc_parse(s, strlen(s), out, p);
}

static void test_published(void **state)
{
	(void)state;
	char out[USCC_LEN + 1];
	struct uscc_problem p;

	for (size_t i = 0; i < sizeof(published) / sizeof(published[0]); i++) {
		assert_int_equal(parse(published[i], out, &p), 0);
		assert_string_equal(out, published[i]);
	}
	/* as people type it: spaces around, lower case */
	assert_int_equal(parse("  91440300708461136t ", out, &p), 0);
	assert_string_equal(out, "91440300708461136T");
}

static void test_refusals(void **state)
{
	(void)state;
	char out[USCC_LEN + 1];
	struct uscc_problem p;

	assert_int_equal(parse("91440300708461136A", out, &p), -1);
	assert_int_equal(p.expected, 'T');
	assert_string_equal(p.message, "统一社会信用代码校验位错误：第18位应为T，当前为A");
	assert_string_equal(out, "");
	assert_int_equal(parse("9144030070846113", out, &p), -1);
	assert_string_equal(p.message, "统一社会信用代码应为18位，当前为16位");
	assert_int_equal(p.expected, 0);
	/* counted in characters: a full-width digit is one */
	assert_int_equal(parse("91440300708461136\xef\xbc\xb4", out, &p), -1);
	assert_string_equal(p.message,
	                    "统一社会信用代码只能由数字和大写英文字母组成（请勿使用全角字符）");
	assert_int_equal(parse("9144030070846I136T", out, &p), -1);
	assert_string_equal(p.message,
	                    "统一社会信用代码第14位“I”不是有效字符（不使用I、O、Z、S、V）");
	assert_int_equal(parse("91440300708461136\x01", out, &p), -1);
	assert_string_equal(p.message,
	                    "统一社会信用代码第18位不是有效字符（只能是数字和大写字母）");
	assert_int_equal(parse("9144A300708461136T", out, &p), -1);
	assert_string_equal(p.message, "统一社会信用代码第3至8位应为行政区划码（6位数字）");
	assert_int_equal(parse("", out, &p), -1);
	assert_string_equal(p.message, "统一社会信用代码应为18位，当前为0位");
}

/* every change of one character, and every swap of two different neighbours, is refused */
static void test_mutations(void **state)
{
	(void)state;
	char code[USCC_LEN + 1], out[USCC_LEN + 1];
	struct uscc_problem p;
	int refused = 0;

	for (size_t i = 0; i < sizeof(published) / sizeof(published[0]); i++) {
		for (size_t pos = 0; pos < USCC_LEN; pos++) {
			for (const char *c = alphabet; *c; c++) {
				memcpy(code, published[i], sizeof(code));
				if (code[pos] == *c)
					continue;
				code[pos] = *c;
				assert_int_equal(parse(code, out, &p), -1);
				refused++;
			}
			if (pos + 1 < USCC_LEN && published[i][pos] != published[i][pos + 1]) {
				memcpy(code, published[i], sizeof(code));
				code[pos] = published[i][pos + 1];
				code[pos + 1] = published[i][pos];
				assert_int_equal(parse(code, out, &p), -1);
			}
		}
		/* a changed check character is reported with the right one */
		memcpy(code, published[i], sizeof(code));
		code[USCC_LEN - 1] = code[USCC_LEN - 1] == '0' ? '1' : '0';
		assert_int_equal(parse(code, out, &p), -1);
		assert_int_equal(p.expected, published[i][USCC_LEN - 1]);
	}
	assert_int_equal(refused, 7 * 18 * 30);
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* property: any 17 characters with the computed check character form a valid code, and any
 * other last character is refused naming the computed one */
static void test_property(void **state)
{
	(void)state;
	char code[USCC_LEN + 1], out[USCC_LEN + 1];
	struct uscc_problem p;

	for (int round = 0; round < 20000; round++) {
		for (int i = 0; i < USCC_LEN - 1; i++)
			code[i] =
			    i >= 2 && i < 8 ? (char)('0' + next() % 10) : alphabet[next() % 31];
		code[USCC_LEN - 1] = uscc_check_char(code);
		code[USCC_LEN] = 0;
		assert_int_equal(parse(code, out, &p), 0);
		char right = code[USCC_LEN - 1];
		code[USCC_LEN - 1] =
		    alphabet[(strchr(alphabet, right) - alphabet + 1 + next() % 30) % 31];
		assert_int_equal(parse(code, out, &p), -1);
		assert_int_equal(p.expected, right);
	}
	assert_int_equal(uscc_check_char("9144030070846I136"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_published),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_mutations),
	    cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

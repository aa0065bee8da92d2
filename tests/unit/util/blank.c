/* Tests src/util/blank.c: which code points are blank, trimming both ends, text that is blank
 * throughout (U+3000, U+200B, mixed), blank code points inside text, invalid UTF-8. */
#include "util/blank.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_code_points(void **state)
{
	static const uint32_t blank[] = {
	    0x09,   0x0a,   0x0d,   0x20,   0x85,   0xa0,    0xad,    0x034f,
	    0x061c, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b,  0x200d,  0x200f,
	    0x2028, 0x2029, 0x202a, 0x202e, 0x202f, 0x205f,  0x2060,  0x2066,
	    0x3000, 0x3164, 0xfe0f, 0xfeff, 0xfff9, 0x1d173, 0xe0001, 0xe0041,
	};
	static const uint32_t visible[] = {
	    'a',    '0',    0x00,   0x08,   0x1f,   0x7f,    0xa1,     0x2010,
	    0x2027, 0x3001, 0x4e00, 0x00b7, 0xfffd, 0x1f600, 0x10ffff, 0x2800,
	};
	(void)state;
	for (size_t i = 0; i < sizeof(blank) / sizeof(blank[0]); i++)
		assert_true(blank_cp(blank[i]));
	for (size_t i = 0; i < sizeof(visible) / sizeof(visible[0]); i++)
		assert_false(blank_cp(visible[i]));
}

/* The trimmed part of s as a string (static buffer). */
static const char *trimmed(const char *s)
{
	static char out[256];
	size_t start, len;

	blank_trim(s, strlen(s), &start, &len);
	memcpy(out, s + start, len);
	out[len] = 0;
	return out;
}

static void test_trim(void **state)
{
	(void)state;
	assert_string_equal(trimmed("督办"), "督办");
	assert_string_equal(trimmed("  督办\t\n"), "督办");
	/* U+3000 ideographic spaces and a zero-width space around, one inside stays */
	assert_string_equal(trimmed("\u3000\u3000请\u3000反馈\u200b"), "请\u3000反馈");
	/* a byte-order mark, NBSP, word joiner, right-to-left mark */
	assert_string_equal(trimmed("\ufeff\u00a0x\u2060\u200f"), "x");
	/* a variation selector after a visible character is trimmed at the end only */
	assert_string_equal(trimmed("\ufe0f好\ufe0f"), "好");
	assert_string_equal(trimmed(""), "");
}

static void test_blank_throughout(void **state)
{
	(void)state;
	assert_true(blank_all(NULL));
	assert_true(blank_all(""));
	assert_true(blank_all("\u3000\u3000\u3000"));
	assert_true(blank_all("\u200b"));
	assert_true(blank_all(" \t\n\u00a0\u2003\u200b\u200c\u200d\u2060\ufeff\u3164\u3000"));
	assert_true(blank_all("\xf3\xa0\x80\x81")); /* U+E0001 LANGUAGE TAG */
	assert_false(blank_all("\u3000。"));
	assert_false(blank_all("0"));
	/* an invalid byte is not blank: the validator refuses it elsewhere, blank_all never
	 * calls it empty */
	assert_false(blank_all(" \xff "));
}

static void test_offsets(void **state)
{
	const char s[] = "\u3000ab\u3000"; /* 3 + 2 + 3 bytes */
	size_t start, len;

	(void)state;
	blank_trim(s, sizeof(s) - 1, &start, &len);
	assert_int_equal(start, 3);
	assert_int_equal(len, 2);
	blank_trim(s, 3, &start, &len); /* only the leading U+3000 */
	assert_int_equal(start, 0);
	assert_int_equal(len, 0);
	blank_trim(s, 2, &start, &len); /* a cut sequence is two invalid bytes: not blank */
	assert_int_equal(start, 0);
	assert_int_equal(len, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_code_points),
	    cmocka_unit_test(test_trim),
	    cmocka_unit_test(test_blank_throughout),
	    cmocka_unit_test(test_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

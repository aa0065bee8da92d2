/* Tests src/core/policy_deadline.c: the last day of the period a deadline names, the year from
 * the text or the document, the latest of several, and the deadlines that name none. */
#include "core/policy_parse_int.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

/* want: "YYYY-MM-DD", or NULL for no date; need: no year was known for a named period */
static void check(const char *text, int year, const char *want, bool need)
{
	struct ymd t = {0, 0, 0};
	bool need_year = false;
	char got[16] = "";

	if (pp_deadline_date(text, strlen(text), year, &t, &need_year, NULL))
		snprintf(got, sizeof(got), "%04d-%02d-%02d", t.y, t.m, t.d);
	if (strcmp(got, want ? want : "") || need_year != need)
		fail_msg("“%s” (year %d): got %s%s, want %s%s", text, year, *got ? got : "no date",
		         need_year ? " (year needed)" : "", want ? want : "no date",
		         need ? " (year needed)" : "");
}

static void test_periods(void **state)
{
	(void)state;
	/* issue 11's table, the year from the document */
	check("6月底前", 2025, "2025-06-30", false);
	check("上半年", 2025, "2025-06-30", false);
	check("第三季度", 2025, "2025-09-30", false);
	check("2026年", 2025, "2026-12-31", false);
	check("年底前", 2025, "2025-12-31", false);
	check("每年", 2025, NULL, false);
	check("持续推进", 2025, NULL, false);
	check("长期坚持", 2025, NULL, false);
	/* the year written in the text wins over the document's */
	check("2026年6月底前", 2025, "2026-06-30", false);
	check("2025年底前", 2030, "2025-12-31", false);
	check("2024年第四季度", 0, "2024-12-31", false);
	check("2026年上半年", 0, "2026-06-30", false);
	check("2027年下半年", 0, "2027-12-31", false);
	/* a day, and the same in other spellings */
	check("2025年12月15日前", 0, "2025-12-15", false);
	check("于2018年12月31日前报送", 0, "2018-12-31", false);
	check("2025-09-30", 0, "2025-09-30", false);
	check("十二月底前", 2025, "2025-12-31", false);
	check("一季度", 2025, "2025-03-31", false);
	check("2月", 2024, "2024-02-29", false);
	/* several periods: the last one; a year carries to the months after it */
	check("2025年6月底前完成方案，9月底前完成验收", 0, "2025-09-30", false);
	check("2025—2027年", 0, "2027-12-31", false);
	check("2019年6月底前，研究建立以固体废物减量化和循环利用率为核心指标的指标体系", 0,
	      "2019-06-30", false);
	/* recurring: a period without a year names no single day, one with a year still does; a
	 * year with 起 is where it starts (国办发〔2018〕117号) */
	check("每年2月底前", 2019, NULL, false);
	check("每年6月底前，2026年底前全部完成", 2025, "2026-12-31", false);
	check("从2019年起，各有关部门于每年2月底前", 2019, NULL, false);
	/* no year anywhere */
	check("9月底前", 0, NULL, true);
	check("年底", 0, NULL, true);
	check("尽快完成", 2025, NULL, false);
	/* numbers that are no periods */
	check("3个月内", 2025, NULL, false);
	check("12345热线", 2025, NULL, false);
}

/* A day its month does not have is left out and said: 2月29日 only in a leap year. */
static void test_bad_dates(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *want;
		bool bad;
	} cases[] = {
	    {"2025年2月30日前", NULL, true},
	    {"2025年2月29日前", NULL, true},
	    {"2024年2月29日前", "2024-02-29", false},
	    {"2025年4月31日、6月底前", "2025-06-30", true},
	    {"4月30日前", "2025-04-30", false},
	    {"9月31日前", NULL, true},
	    /* a month or quarter that does not exist is no year's end */
	    {"2026年13月", NULL, true},
	    {"2026年0月底前", NULL, true},
	    {"2026年99月前", NULL, true},
	    {"2026年第五季度", NULL, true},
	    {"第0季度", NULL, true},
	    {"2026年13月、6月底前", "2026-06-30", true},
	    {"2026年第四季度", "2026-12-31", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ymd t = {0, 0, 0};
		bool bad = false;
		char got[16] = "";
		if (pp_deadline_date(cases[i].text, strlen(cases[i].text), 2025, &t, NULL, &bad))
			snprintf(got, sizeof(got), "%04d-%02d-%02d", t.y, t.m, t.d);
		if (strcmp(got, cases[i].want ? cases[i].want : "") || bad != cases[i].bad)
			fail_msg("“%s”: got %s%s", cases[i].text, *got ? got : "no date",
			         bad ? " (a bad day)" : "");
	}
}

static void test_time_phrases(void **state)
{
	(void)state;
	assert_true(pp_time_phrase("6月底完成", strlen("6月底完成")));
	assert_true(pp_time_phrase("2025年底前", strlen("2025年底前")));
	assert_true(pp_time_phrase("持续推进", strlen("持续推进")));
	assert_true(pp_time_phrase("第三季度", strlen("第三季度")));
	assert_false(pp_time_phrase("市人社局", strlen("市人社局")));
	assert_false(pp_time_phrase("三明市人民政府", strlen("三明市人民政府")));
	assert_false(pp_time_phrase("12345热线", strlen("12345热线")));
	assert_false(pp_time_phrase("", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_periods),
	    cmocka_unit_test(test_bad_dates),
	    cmocka_unit_test(test_time_phrases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

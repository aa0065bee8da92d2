/* Tests src/core/policy_edit_count.c: what a corrected preview changed against the parse —
 * names, lead and responsible organizations and 完成时限 of the tasks, merges, splits and
 * dropped items — with a merge or a split left as merging and splitting make them counting as
 * that alone, and the counts in Chinese. */
#include "core/policy_edit.h"
#include "policy_check.h"
#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* The counts and their text for edits[0..n) of policy_check_edit_text's parse (甲 led by 1; 乙
 * with 2 and 3 responsible, no lead; 丙 led by 3, 6月底前; every item names units, so the office
 * the parse would give the others, 4, leads none). */
static void check(const struct policy_edit_task *e, size_t n,
                  const struct policy_edit_changes *want, const char *want_text)
{
	struct arena a;
	struct policy_doc d;
	struct policy_tasks parsed, out;
	struct policy_edit_error err;
	struct policy_edit_changes got;
	struct strbuf sb = STRBUF_INIT;

	arena_init(&a);
	policy_check_parse(policy_check_edit_text, &a, &d);
	policy_tasks_build(&d, &policy_check_edit_orgs, 4, &a, &parsed);
	assert_int_equal(parsed.n_tasks, 3);
	assert_int_equal(policy_edit_apply(&d, &policy_check_edit_orgs, e, n, &a, &out, &err),
	                 KFQ_OK);
	policy_edit_count(&parsed, e, n, &a, &got);
	assert_int_equal(got.titles, want->titles);
	assert_int_equal(got.leads, want->leads);
	assert_int_equal(got.responsible, want->responsible);
	assert_int_equal(got.deadlines, want->deadlines);
	assert_int_equal(got.merged, want->merged);
	assert_int_equal(got.split, want->split);
	assert_int_equal(got.dropped, want->dropped);
	policy_edit_changes_text(&got, &sb);
	assert_string_equal(sb.buf, want_text);
	strbuf_release(&sb);
	arena_release(&a);
}

/* Every task as the parse gave it, one's responsible organizations listed in another order. */
static void test_unchanged(void **state)
{
	const int64_t i0[] = {0}, i1[] = {1}, i2[] = {2}, l1[] = {1}, l3[] = {3}, r32[] = {3, 2};
	const struct policy_edit_task e[] = {
	    {i0, 1, "甲事项", NULL, l1, 1, NULL, 0, NULL},
	    {i1, 1, "乙事项", NULL, NULL, 0, r32, 2, ""},
	    {i2, 1, "丙事项", NULL, l3, 1, NULL, 0, "6月底前"},
	};
	const struct policy_edit_changes want = {0};
	(void)state;

	check(e, 3, &want, "无");
}

/* 甲 and 乙 merged (renamed, one responsible organization taken off, a deadline given), 丙
 * split (the first piece renamed and its deadline cleared, the second dated anew). */
static void test_merge_split(void **state)
{
	const int64_t i01[] = {0, 1}, i2[] = {2}, l1[] = {1}, l3[] = {3}, r2[] = {2};
	const struct policy_edit_task e[] = {
	    {i01, 2, "甲乙合并", NULL, l1, 1, r2, 1, "第三季度"},
	    {i2, 1, "丙一", " 先做丙一。", l3, 1, NULL, 0, NULL},
	    {i2, 1, "丙二", "再做丙二。\n", l3, 1, NULL, 0, "2027年"},
	};
	const struct policy_edit_changes want = {
	    .titles = 2, .responsible = 1, .deadlines = 3, .merged = 1, .split = 1};
	(void)state;

	check(e, 3, &want, "标题2处、责任单位1处、完成时限3处、合并1处、拆分1处");
}

/* A merge left as merging makes it (the first name, the organizations together, the first
 * 完成时限 written) is only a merge; a split that keeps the item's name, organizations and
 * 完成时限 is only a split. */
static void test_as_made(void **state)
{
	const int64_t i01[] = {0, 1}, i2[] = {2}, l1[] = {1}, l3[] = {3}, r23[] = {2, 3};
	const struct policy_edit_task e[] = {
	    {i01, 2, "甲事项", NULL, l1, 1, r23, 2, NULL},
	    {i2, 1, "丙事项", "先做丙一。", l3, 1, NULL, 0, "6月底前"},
	    {i2, 1, "丙事项之二", "再做丙二。", l3, 1, NULL, 0, "6月底前"},
	};
	const struct policy_edit_changes want = {.merged = 1, .split = 1};
	(void)state;

	check(e, 3, &want, "合并1处、拆分1处");
}

/* The middle and last items dropped, the first one's lead changed. */
static void test_dropped(void **state)
{
	const int64_t i0[] = {0}, l2[] = {2};
	const struct policy_edit_task e[] = {{i0, 1, "甲事项", NULL, l2, 1, NULL, 0, NULL}};
	const struct policy_edit_changes want = {.leads = 1, .dropped = 2};
	(void)state;

	check(e, 1, &want, "牵头单位1处、删除2处");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unchanged),
	    cmocka_unit_test(test_merge_split),
	    cmocka_unit_test(test_as_made),
	    cmocka_unit_test(test_dropped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

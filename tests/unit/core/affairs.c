/* Tests src/core/affairs.c: the problems' status machine, query codes (made bit by bit from known
 * bytes, and typed back with the usual slips), hand-over progress and overdue at its boundary,
 * and which saves of a rule adjustment tell the office with what words. */
#include "core/affairs.h"

#include "core/plan.h"

#include "core/account.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_machine(void **state)
{
	(void)state;
	assert_string_equal(problem_next_status("open", PROBLEM_ANSWER), "answered");
	assert_null(problem_next_status("open", PROBLEM_CLOSE));
	assert_null(problem_next_status("open", PROBLEM_REOPEN));
	assert_string_equal(problem_next_status("answered", PROBLEM_ANSWER), "answered");
	assert_string_equal(problem_next_status("answered", PROBLEM_CLOSE), "closed");
	assert_string_equal(problem_next_status("answered", PROBLEM_REOPEN), "open");
	assert_null(problem_next_status("closed", PROBLEM_ANSWER));
	assert_null(problem_next_status("closed", PROBLEM_CLOSE));
	assert_null(problem_next_status("closed", PROBLEM_REOPEN));
	assert_null(problem_next_status(NULL, PROBLEM_ANSWER));
	assert_string_equal(problem_refusal("closed", PROBLEM_ANSWER), "该问题已办结");
	assert_string_equal(problem_refusal("open", PROBLEM_CLOSE), "答复后才能办结");
}

static void test_code(void **state)
{
	/* 0x00 0x44 0x32 …: the first 5-bit groups are 00000 00001 00010 00011 00100 … */
	const unsigned char counting[PROBLEM_CODE_BYTES] = {
	    0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF, 0x84, 0x65, 0x3A};
	const unsigned char ones[PROBLEM_CODE_BYTES] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	                                                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	char code[PROBLEM_CODE_SHOWN], norm[PROBLEM_CODE_CHARS + 1];

	(void)state;
	problem_code_make(counting, code);
	assert_string_equal(code, "01234-56789-ABCDE-FGHJK");
	problem_code_make(ones, code);
	assert_string_equal(code, "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ");
	assert_int_equal(problem_code_normalize("01234-56789-ABCDE-FGHJK", norm), 0);
	assert_string_equal(norm, "0123456789ABCDEFGHJK");
	/* lower case, spaces, O for 0 and l for 1 */
	assert_int_equal(problem_code_normalize("o1234 56789 abcde fghjk", norm), 0);
	assert_string_equal(norm, "0123456789ABCDEFGHJK");
	assert_int_equal(problem_code_normalize("0l234-56789-ABCDE-FGHJK", norm), 0);
	assert_string_equal(norm, "0123456789ABCDEFGHJK");
	/* U is not in the alphabet; too short; too long; empty */
	assert_int_equal(problem_code_normalize("U1234-56789-ABCDE-FGHJK", norm), -1);
	assert_int_equal(problem_code_normalize("01234-56789-ABCDE-FGHJ", norm), -1);
	assert_int_equal(problem_code_normalize("01234-56789-ABCDE-FGHJKM", norm), -1);
	assert_int_equal(problem_code_normalize("", norm), -1);
	assert_int_equal(problem_code_normalize("01234%56789-ABCDE-FGHJK", norm), -1);
}

static void test_progress(void **state)
{
	(void)state;
	assert_int_equal(social_progress_bp(0, 0), 0);
	assert_int_equal(social_progress_bp(1, 3), 3333);
	assert_int_equal(social_progress_bp(2, 3), 6667);
	assert_int_equal(social_progress_bp(4, 4), 10000);
	assert_false(affairs_overdue("2025-06-30", false, plan_day("2025-06-30")));
	assert_true(affairs_overdue("2025-06-30", false, plan_day("2025-07-01")));
	assert_false(affairs_overdue("2025-06-30", true, plan_day("2025-07-01")));
	assert_false(affairs_overdue(NULL, false, plan_day("2025-07-01")));
}

/* A new or reopened problem goes to the handler, an answer to the recording organization,
 * closing to the handler. */
static void test_step_item(void **state)
{
	(void)state;
	struct problem_step_subject s = {17, 6, 3, "抚顺某机械有限公司", "2025-05-20", true};
	struct inbox_item it;
	struct arena a;

	arena_init(&a);
	problem_step_item(PROBLEM_ANSWER, &s, &a, &it);
	assert_string_equal(it.kind, "problem_step");
	assert_string_equal(it.title, "抚顺某机械有限公司反映的问题请办理，2025-05-20前答复");
	assert_string_equal(it.link, "/power-affairs?tab=matters");
	assert_string_equal(it.entity_type, "matter_problem");
	assert_int_equal(it.entity_id, 17);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 6);
	assert_int_equal(it.to[0].perm, PERM_POWER_WRITE);

	s.created = false;
	problem_step_item(PROBLEM_ANSWER, &s, &a, &it);
	assert_string_equal(it.title, "抚顺某机械有限公司反映的问题已答复，请回访办结");
	assert_int_equal(it.to[0].org_id, 3);
	problem_step_item(PROBLEM_REOPEN, &s, &a, &it);
	assert_string_equal(it.title, "抚顺某机械有限公司反映的问题需重新办理");
	assert_int_equal(it.to[0].org_id, 6);
	problem_step_item(PROBLEM_CLOSE, &s, &a, &it);
	assert_string_equal(it.title, "抚顺某机械有限公司反映的问题已办结");
	assert_int_equal(it.to[0].org_id, 6);
	arena_release(&a);
}

static void test_rule_item(void **state)
{
	struct rule_step_subject s = {
	    .rule_id = 12,
	    .dept = "市市场监管局",
	    .title = "抚顺市食品经营许可审查细则",
	    .target_date = "2026-06-30",
	    .status = "planned",
	};
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	/* listed: the office follows it from now on */
	assert_true(rule_step_item(&s, &a, &it));
	assert_string_equal(it.kind, "rule_listed");
	assert_string_equal(
	    it.title,
	    "市市场监管局列入需调整的规定：抚顺市食品经营许可审查细则，目标日期2026-06-30");
	assert_string_equal(it.link, "/power-affairs?tab=rules");
	assert_string_equal(it.entity_type, "rule_adjustment");
	assert_int_equal(it.entity_id, 12);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].perm, PERM_NOTICE_ISSUE | PERM_POWER_WRITE);
	assert_int_equal(it.to[0].org_id, 0);
	/* changed without becoming done: nobody */
	s.was = "planned";
	s.status = "in_progress";
	assert_false(rule_step_item(&s, &a, &it));
	/* done: the office checks the document */
	s.status = "done";
	s.result_document = "抚市监规〔2026〕1号";
	assert_true(rule_step_item(&s, &a, &it));
	assert_string_equal(it.kind, "rule_done");
	assert_string_equal(it.title,
	                    "市市场监管局已完成规定调整：抚顺市食品经营许可审查细则，形成文件："
	                    "抚市监规〔2026〕1号");
	/* a done one saved again: nobody */
	s.was = "done";
	assert_false(rule_step_item(&s, &a, &it));
	/* listed as done at once: the office is told it is done */
	s.was = NULL;
	assert_true(rule_step_item(&s, &a, &it));
	assert_string_equal(it.kind, "rule_done");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_machine),   cmocka_unit_test(test_code),
	    cmocka_unit_test(test_progress),  cmocka_unit_test(test_step_item),
	    cmocka_unit_test(test_rule_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/power.c: every step of a zone's list in every state (allowed and refused), who
 * takes it, the catalogue's checks, months, and evaluation figures worked out by hand. */
#include "core/power.h"

#include "core/account.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const char *const states[] = {NULL,       "proposed",  "declined", "planned", "delegated",
                                     "accepted", "not_ready", "acting",   "revoked"};
#define NST (int)(sizeof(states) / sizeof(states[0]))

/* The whole table of core/power.h: the next status of each action in each state, "" refused. */
static const char *const want[NST][POWER_NACTIONS] = {
    /* propose, plan, accept_proposal, decline, delegate, accept, not_ready, act, reassess,
     * revoke */
    {"proposed", "planned", "", "", "", "", "", "", "", ""},
    {"", "", "planned", "declined", "", "", "", "", "", ""},
    {"proposed", "planned", "", "", "", "", "", "", "", ""},
    {"", "", "", "", "delegated", "", "", "", "", ""},
    {"", "", "", "", "", "accepted", "not_ready", "", "", "revoked"},
    {"", "", "", "", "", "", "", "", "", "revoked"},
    {"", "", "", "", "", "", "", "acting", "", "revoked"},
    {"", "", "", "", "", "", "", "", "delegated", "revoked"},
    {"proposed", "planned", "", "", "", "", "", "", "", ""},
};

static void test_machine(void **state)
{
	(void)state;
	for (int s = 0; s < NST; s++)
		for (int a = 0; a < POWER_NACTIONS; a++) {
			const char *next = power_next_status(states[s], (enum power_action)a);
			if (*want[s][a])
				assert_string_equal(next, want[s][a]);
			else
				assert_null(next);
		}
	assert_null(power_next_status("bogus", POWER_ACCEPT));
	assert_null(power_next_status("delegated", POWER_NACTIONS));
	assert_string_equal(power_refusal("accepted", POWER_ACCEPT),
	                    "只有已下放、尚未承接的事项才能承接或说明暂不具备承接条件");
	assert_string_equal(power_refusal(NULL, POWER_DELEGATE), "该事项尚未列入本开发区清单");
	assert_string_equal(power_status_label("not_ready"), "暂不具备承接条件");
	assert_string_equal(power_status_label("acting"), "代办中");
	assert_true(power_status_valid("revoked"));
	assert_false(power_status_valid("deleted"));
	/* the public sees what the zone holds or someone acts for */
	assert_true(power_status_public("accepted"));
	assert_true(power_status_public("acting"));
	assert_false(power_status_public("delegated"));
	assert_false(power_status_public("planned"));
	assert_false(power_status_public(NULL));
}

static void test_sides_and_modes(void **state)
{
	(void)state;
	assert_int_equal(power_action_side(POWER_PROPOSE), POWER_SIDE_ZONE);
	assert_int_equal(power_action_side(POWER_ACCEPT), POWER_SIDE_ZONE);
	assert_int_equal(power_action_side(POWER_NOT_READY), POWER_SIDE_ZONE);
	for (int a = 0; a < POWER_NACTIONS; a++)
		if (a != POWER_PROPOSE && a != POWER_ACCEPT && a != POWER_NOT_READY)
			assert_int_equal(power_action_side((enum power_action)a),
			                 POWER_SIDE_DEPARTMENT);
	assert_int_equal(power_action_parse("not_ready"), POWER_NOT_READY);
	assert_int_equal(power_action_parse("accept_proposal"), POWER_ACCEPT_PROPOSAL);
	assert_int_equal(power_action_parse("approve"), -1);
	assert_string_equal(power_action_name(POWER_REVOKE), "revoke");
	/* delegating takes any mode; an acting arrangement only 派驻人员, 加挂牌子, 领办 or 代办 */
	assert_true(power_mode_fits(POWER_DELEGATE, "direct"));
	assert_true(power_mode_fits(POWER_DELEGATE, "entrust"));
	assert_true(power_mode_fits(POWER_ACT, "stationed"));
	assert_true(power_mode_fits(POWER_ACT, "signboard"));
	assert_true(power_mode_fits(POWER_ACT, "agency"));
	assert_true(power_mode_fits(POWER_ACT, "lead"));
	assert_true(power_mode_fits(POWER_DELEGATE, "lead"));
	assert_false(power_mode_fits(POWER_ACT, "direct"));
	assert_false(power_mode_fits(POWER_DELEGATE, "handover"));
	assert_false(power_mode_fits(POWER_ACCEPT, "direct"));
}

static void test_entry(void **state)
{
	struct power_entry e = {"3704000001",
	                        "企业投资项目备案",
	                        "filing",
	                        "《企业投资项目核准和备案管理条例》第十三条",
	                        3,
	                        1};
	const char *field, *message;

	(void)state;
	assert_int_equal(power_entry_check(&e, &field, &message), 0);
	e.kind = "licence";
	assert_int_equal(power_entry_check(&e, &field, &message), -1);
	assert_string_equal(field, "/kind");
	e.kind = "licensing";
	e.promised_days = 4;
	assert_int_equal(power_entry_check(&e, &field, &message), -1);
	assert_string_equal(field, "/promised_days");
	assert_string_equal(message, "承诺时限应至少1个工作日，且不超过法定时限");
	e.promised_days = 3;
	e.legal_basis = " \t";
	assert_int_equal(power_entry_check(&e, &field, &message), -1);
	assert_string_equal(field, "/legal_basis");
	e.legal_basis = "x";
	e.statutory_days = 366;
	assert_int_equal(power_entry_check(&e, &field, &message), -1);
	assert_string_equal(field, "/statutory_days");
	e.statutory_days = 20;
	e.code = "";
	assert_int_equal(power_entry_check(&e, &field, &message), -1);
	assert_string_equal(field, "/code");
}

static void test_month(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(power_month("2025-01"), 2025 * 12);
	assert_int_equal(power_month("2025-12"), 2025 * 12 + 11);
	assert_int_equal(power_month("2025-13"), -1);
	assert_int_equal(power_month("2025-1"), -1);
	assert_int_equal(power_month("2025/01"), -1);
	assert_int_equal(power_month("2025-01x"), -1);
	assert_int_equal(power_month("20a5-01"), -1);
	assert_int_equal(power_month(NULL), -1);
	power_month_format(2025 * 12 + 11, out);
	assert_string_equal(out, "2025-12");
	power_month_format(power_month("2026-01") - 1, out);
	assert_string_equal(out, "2025-12");
	/* outside the years power_month reads: clamped, the text always fits (gcc checks it) */
	power_month_format(-5, out);
	assert_string_equal(out, "1900-01");
	power_month_format(INT64_MAX, out);
	assert_string_equal(out, "9999-12");
}

/* January: 10 received, 8 done, 7 in time, 6.50 days on average, 6 good and 1 bad; February: 4,
 * 5, 5, 4.20 days, 3 good; nothing from March to June. Promised limit 10 working days. */
static void test_figures(void **state)
{
	struct power_sums s = {
	    .received = 14,
	    .done = 13,
	    .done_in_time = 12,
	    .days_x100_done = 650 * 8 + 420 * 5, /* 7300 */
	    .good = 9,
	    .bad = 1,
	    .last_active = 2025 * 12 + 1, /* 2025-02 */
	};
	struct power_rules six = {6, POWER_MIN_GOOD_BP}, three = {3, POWER_MIN_GOOD_BP};
	int64_t june = 2025 * 12 + 5;
	struct power_figures f;

	(void)state;
	power_figures(&s, june, 10, &six, &f);
	assert_int_equal(f.received, 14);
	assert_int_equal(f.done, 13);
	assert_int_equal(f.overdue, 1);
	assert_int_equal(f.avg_days_x100, 562);    /* 7300 / 13 = 561.54 */
	assert_int_equal(f.on_time_bp, 9231);      /* 12 / 13 = 92.31 % */
	assert_int_equal(f.satisfaction_bp, 9000); /* 9 / 10 */
	assert_false(f.over_limit);
	assert_false(f.idle); /* a case in February, within the six months to June */
	assert_int_equal(f.suggested, POWER_RESULT_GOOD);

	/* three months: March to June saw nothing, so it is idle and revoking is suggested */
	power_figures(&s, june, 10, &three, &f);
	assert_true(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_REVOKE);
	/* the boundary: with April as the last month of the period, February is within three */
	power_figures(&s, 2025 * 12 + 3, 10, &three, &f);
	assert_false(f.idle);

	/* stricter rates: 92.31 % on time is below 95 % */
	struct power_rules strict = {6, 9500};
	power_figures(&s, june, 10, &strict, &f);
	assert_int_equal(f.suggested, POWER_RESULT_IMPROVE);
	/* a promised limit of 5 days is exceeded by 5.62 on average */
	power_figures(&s, june, 5, &six, &f);
	assert_true(f.over_limit);
	assert_int_equal(f.suggested, POWER_RESULT_IMPROVE);

	/* nothing at all: no rates, idle */
	struct power_sums none = {.last_active = -1};
	power_figures(&none, june, 10, &six, &f);
	assert_int_equal(f.on_time_bp, -1);
	assert_int_equal(f.satisfaction_bp, -1);
	assert_int_equal(f.avg_days_x100, 0);
	assert_true(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_REVOKE);
	/* in effect since May: two months to June, short of six, so not yet 下放了用不上 */
	none.since = 2025 * 12 + 4;
	power_figures(&none, june, 10, &six, &f);
	assert_false(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_GOOD);
	power_figures(&none, june, 10, &three, &f);
	assert_false(f.idle);
	/* since April: April, May and June without a case are three months */
	none.since = 2025 * 12 + 3;
	power_figures(&none, june, 10, &three, &f);
	assert_true(f.idle);
	/* in effect since April 2024, but the zone took it on (已承接) only in June 2025: one month
	 * in use, not 下放了用不上 whatever the months since its 生效日期 */
	none.since = 2024 * 12 + 3;
	none.taken = june;
	power_figures(&none, june, 10, &three, &f);
	assert_false(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_GOOD);
	/* taken on in April 2025: April, May and June in use without a case */
	none.taken = 2025 * 12 + 3;
	power_figures(&none, june, 10, &three, &f);
	assert_true(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_REVOKE);
	/* taken on before it took effect (accepted ahead of its 生效日期): counted from May */
	none.since = 2025 * 12 + 4;
	none.taken = 2025 * 12 + 1;
	power_figures(&none, june, 10, &three, &f);
	assert_false(f.idle);
	none.taken = 0;
	none.since = 2025 * 12 + 3;
	/* but only a power in use (已承接, or 代办中 for the zone) can lie unused: one delegated
	 * and not yet accepted, or not ready (暂不具备承接条件), is not 下放了用不上 */
	assert_true(power_taken("accepted"));
	assert_true(power_taken("acting"));
	assert_false(power_taken("delegated"));
	assert_false(power_taken("not_ready"));
	none.not_taken = true;
	power_figures(&none, june, 10, &three, &f);
	assert_false(f.idle);
	assert_int_equal(f.suggested, POWER_RESULT_GOOD);
	none.not_taken = false;
	/* half-up at the basis point: 2 of 3 on time is 66.67 %, 1 of 8 rated good 12.50 % */
	struct power_sums third = {
	    .received = 3, .done = 3, .done_in_time = 2, .good = 1, .bad = 7, .last_active = june};
	power_figures(&third, june, 10, &six, &f);
	assert_int_equal(f.on_time_bp, 6667);
	assert_int_equal(f.satisfaction_bp, 1250);
}

/* One 事项编码 whatever the case it is typed in (DECISIONS 325). */
static void test_code_normal(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(power_code_normal(&a, "2104-scjg-001"), "2104-SCJG-001");
	assert_string_equal(power_code_normal(&a, "ｓｃ－０１"), "SC-01");
	assert_string_equal(power_code_normal(&a, "3704210001"), "3704210001");
	assert_string_equal(power_code_normal(&a, NULL), "");
	arena_release(&a);
}

static void test_month_check(void **state)
{
	struct power_month_figures f = {10, 8, 7, 650, 6, 1};
	const char *field, *message;

	(void)state;
	assert_int_equal(power_month_check(&f, &field, &message), 0);
	f.done_in_time = 9;
	assert_int_equal(power_month_check(&f, &field, &message), -1);
	assert_string_equal(field, "/done_in_time");
	f.done_in_time = 7;
	f.received = -1;
	assert_int_equal(power_month_check(&f, &field, &message), -1);
	assert_string_equal(field, "/received");
	f = (struct power_month_figures){0, 0, 0, 150, 0, 0};
	assert_int_equal(power_month_check(&f, &field, &message), -1);
	assert_string_equal(field, "/days_x100");
	assert_string_equal(message, "没有办结件时平均办理时长应为0");
	/* ratings are of cases done: 6 good and 3 bad of 8 done is one too many */
	f = (struct power_month_figures){10, 8, 7, 650, 6, 3};
	assert_int_equal(power_month_check(&f, &field, &message), -1);
	assert_string_equal(field, "/bad");
	assert_string_equal(message, "好评数与差评数之和不能超过办结件数");
	f.bad = 2;
	assert_int_equal(power_month_check(&f, &field, &message), 0);
	assert_int_equal(power_result_parse("improve"), POWER_RESULT_IMPROVE);
	assert_int_equal(power_result_parse("bad"), -1);
	assert_string_equal(power_result_name(POWER_RESULT_REVOKE), "revoke");
}

/* Figures only of a power in use (已承接, 代办中), of a month from its 生效日期's to this one. */
static void test_month_refusal(void **state)
{
	int64_t march = 2025 * 12 + 2, now = 2026 * 12 + 11;
	const char *why;
	bool whole;
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_null(power_month_refusal("accepted", "2025-03-01", march, now, &a, &whole));
	assert_null(power_month_refusal("acting", "2025-03-15", now, now, &a, &whole));
	/* the month before the one it took effect in, and next month */
	why = power_month_refusal("accepted", "2025-03-01", march - 1, now, &a, &whole);
	assert_string_equal(why, "该事项自2025-03-01起生效，不能填报此前月份的办件数据");
	assert_false(whole);
	why = power_month_refusal("accepted", "2025-03-01", now + 1, now, &a, &whole);
	assert_string_equal(why, "不能填报未来月份的数据");
	assert_false(whole);
	/* the status refuses every month */
	why = power_month_refusal("revoked", "2025-03-01", march, now, &a, &whole);
	assert_string_equal(why, "该事项已收回，不能再填报办件数据");
	assert_true(whole);
	for (int i = 0; i < 3; i++) {
		static const char *const before[] = {"proposed", "declined", "planned"};
		why = power_month_refusal(before[i], NULL, march, now, &a, &whole);
		assert_string_equal(why, "该事项尚未下放，没有办件数据");
		assert_true(whole);
	}
	why = power_month_refusal("delegated", "2025-03-01", march, now, &a, &whole);
	assert_string_equal(why, "该事项尚未承接，也未安排代办，还没有办件数据");
	assert_true(whole);
	why = power_month_refusal("not_ready", "2025-03-01", march, now, &a, &whole);
	assert_string_equal(why, "该事项尚未承接，也未安排代办，还没有办件数据");
	/* guidance: on a power delegated to the zone, whether taken on yet or not */
	for (int i = 0; i < NST; i++) {
		const char *s = states[i];
		bool held = s && (!strcmp(s, "delegated") || !strcmp(s, "accepted") ||
		                  !strcmp(s, "not_ready") || !strcmp(s, "acting"));
		if (held)
			assert_null(power_guidance_refusal(s));
		else
			assert_non_null(power_guidance_refusal(s));
	}
	assert_string_equal(power_guidance_refusal("revoked"), "该事项已收回，不能再登记培训指导");
	assert_string_equal(power_guidance_refusal("planned"),
	                    "该事项尚未下放给开发区，不能登记培训指导");
	/* a 生效日期 not known bounds nothing but this month */
	assert_null(power_month_refusal("accepted", NULL, 1900 * 12, now, &a, &whole));
	arena_release(&a);
}

/* The zone's steps tell the department's accounts that act on powers, the department's the
 * zone's; a reason follows the line. */
static void test_step_item(void **state)
{
	(void)state;
	struct power_step_subject s = {.delegation_id = 21,
	                               .zone_org_id = 3,
	                               .dept_org_id = 8,
	                               .zone_name = "抚顺经济开发区（示例）",
	                               .dept_name = "市市场监管局",
	                               .power_name = "食品经营许可"};
	struct inbox_item it;
	struct arena a;

	arena_init(&a);
	power_step_item(POWER_DELEGATE, &s, &a, &it);
	assert_string_equal(it.kind, "power_step");
	assert_string_equal(it.title, "市市场监管局已下放“食品经营许可”，请办理承接");
	assert_string_equal(it.link, "/power-lists?zone_org_id=3");
	assert_string_equal(it.entity_type, "power_delegation");
	assert_int_equal(it.entity_id, 21);
	assert_null(it.dedupe_key);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 3);
	assert_int_equal(it.to[0].perm, PERM_POWER_WRITE);

	s.note = "检验人员调整";
	power_step_item(POWER_NOT_READY, &s, &a, &it);
	assert_string_equal(
	    it.title,
	    "抚顺经济开发区（示例）暂不具备承接“食品经营许可”的条件，请安排代办：检验人员调整");
	assert_int_equal(it.to[0].org_id, 8);
	s.note = "";
	power_step_item(POWER_PROPOSE, &s, &a, &it);
	assert_string_equal(it.title, "抚顺经济开发区（示例）主动提出承接“食品经营许可”，请答复");
	assert_int_equal(it.to[0].org_id, 8);
	power_step_item(POWER_REVOKE, &s, &a, &it);
	assert_string_equal(it.title, "市市场监管局收回了“食品经营许可”");
	assert_int_equal(it.to[0].org_id, 3);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_machine),     cmocka_unit_test(test_sides_and_modes),
	    cmocka_unit_test(test_entry),       cmocka_unit_test(test_month),
	    cmocka_unit_test(test_figures),     cmocka_unit_test(test_month_check),
	    cmocka_unit_test(test_step_item),   cmocka_unit_test(test_month_refusal),
	    cmocka_unit_test(test_code_normal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

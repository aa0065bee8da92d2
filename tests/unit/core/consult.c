/* Tests src/core/consult.c: window bounds in Asia/Shanghai from dates and date-times, the
 * phase one second before, at and after each bound, the states, the window as people read it,
 * and commenters' contacts. Epoch values worked by hand: 2025-06-23 00:00 +08:00 is
 * 2025-06-22 16:00 UTC = 1750608000. */
#include "core/consult.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define START 1750608000LL /* 2025-06-23 00:00:00 Asia/Shanghai */
#define END   1750867200LL /* 2025-06-26 00:00:00 Asia/Shanghai = START + 3 days */

static void test_bounds(void **state)
{
	char local[CONSULT_LOCAL_MAX];
	int64_t t;

	(void)state;
	assert_int_equal(consult_bound_parse("2025-06-23", false, &t), 0);
	assert_int_equal(t, START);
	/* a last day given as a date ends at the start of the next day */
	assert_int_equal(consult_bound_parse("2025-06-25", true, &t), 0);
	assert_int_equal(t, END);
	assert_int_equal(consult_bound_parse("2025-06-23 09:30", false, &t), 0);
	assert_int_equal(t, START + 9 * 3600 + 30 * 60);
	assert_int_equal(consult_bound_parse("2025-06-25T17:30:15", true, &t), 0);
	assert_int_equal(t, END - 86400 + 17 * 3600 + 30 * 60 + 15);
	/* the year's last day rolls over into the next year */
	assert_int_equal(consult_bound_parse("2025-12-31", true, &t), 0);
	assert_int_equal(t, 1767196800LL); /* 2026-01-01 00:00 +08 = 2025-12-31 16:00 UTC */
	/* 9999-12-31 may open a window, not end one: the next day's year has five digits, which no
	 * bound can be written back as (the fuzzer's find: "9999-12-31" as a last day) */
	assert_int_equal(consult_bound_parse("9999-12-31", false, &t), 0);
	consult_local_format(t, local);
	assert_string_equal(local, "9999-12-31 00:00:00");
	assert_int_equal(consult_bound_parse("9999-12-31 23:59:59", true, &t), 0);
	consult_local_format(t, local);
	assert_string_equal(local, "9999-12-31 23:59:59");
	assert_int_equal(consult_bound_parse("9999-12-31", true, &t), -1);
	assert_int_equal(consult_bound_parse("2025-02-29", false, &t), -1);
	assert_int_equal(consult_bound_parse("2025-06-23 24:00", false, &t), -1);
	assert_int_equal(consult_bound_parse("2025-06-23 9:30", false, &t), -1);
	assert_int_equal(consult_bound_parse("2025-06-23X09:30", false, &t), -1);
	assert_int_equal(consult_bound_parse("2025-06-23 09:30:", false, &t), -1);
	assert_int_equal(consult_bound_parse("", false, &t), -1);
	assert_int_equal(consult_bound_parse(NULL, false, &t), -1);
}

static void test_phase_edges(void **state)
{
	(void)state;
	assert_int_equal(consult_phase(START, END, START - 1), CONSULT_BEFORE);
	assert_int_equal(consult_phase(START, END, START), CONSULT_OPEN);
	assert_int_equal(consult_phase(START, END, START + 1), CONSULT_OPEN);
	assert_int_equal(consult_phase(START, END, END - 1), CONSULT_OPEN);
	assert_int_equal(consult_phase(START, END, END), CONSULT_AFTER);
	assert_int_equal(consult_phase(START, END, END + 1), CONSULT_AFTER);
}

static void test_states(void **state)
{
	(void)state;
	assert_string_equal(consult_state(false, false, START, END, START + 5), "draft");
	assert_string_equal(consult_state(true, false, START, END, START - 1), "upcoming");
	assert_string_equal(consult_state(true, false, START, END, START), "open");
	assert_string_equal(consult_state(true, false, START, END, END - 1), "open");
	assert_string_equal(consult_state(true, false, START, END, END), "closed");
	assert_string_equal(consult_state(true, true, START, END, END + 100), "published");
	/* the report: a released consultation after its window, every point decided */
	assert_int_equal(consult_publishable("draft", 0), CONSULT_PUBLISH_DRAFT);
	assert_int_equal(consult_publishable("upcoming", 0), CONSULT_PUBLISH_OPEN);
	assert_int_equal(consult_publishable("open", 0), CONSULT_PUBLISH_OPEN);
	assert_int_equal(consult_publishable("closed", 1), CONSULT_PUBLISH_UNDECIDED);
	assert_int_equal(consult_publishable("closed", 0), CONSULT_PUBLISHABLE);
	assert_int_equal(consult_publishable("published", 0), CONSULT_PUBLISH_DONE);
	assert_true(consult_window_valid(START, END));
	assert_false(consult_window_valid(END, START));
	assert_false(consult_window_valid(START, START));
	assert_false(consult_window_valid(0, END));
}

static void test_local_and_text(void **state)
{
	char loc[CONSULT_LOCAL_MAX], text[128];

	(void)state;
	consult_local_format(START, loc);
	assert_string_equal(loc, "2025-06-23 00:00:00");
	consult_local_format(END - 1, loc);
	assert_string_equal(loc, "2025-06-25 23:59:59");
	consult_window_text(START, END, text, sizeof(text));
	assert_string_equal(text, "2025年6月23日至2025年6月25日");
	consult_window_text(START + 9 * 3600, END - 86400 + 17 * 3600 + 30 * 60, text,
	                    sizeof(text));
	assert_string_equal(text, "2025年6月23日09:00至2025年6月25日17:29");
	consult_window_text(START + 9 * 3600, END - 86400 + 17 * 3600 + 30 * 60 + 1, text,
	                    sizeof(text));
	assert_string_equal(text, "2025年6月23日09:00至2025年6月25日17:30");
}

static void test_contacts(void **state)
{
	(void)state;
	assert_int_equal(consult_contact_kind("57500610"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("5750061"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("024-57500610"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("02457500610"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("0413-5750061"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("13800138000"), CONSULT_CONTACT_PHONE);
	assert_int_equal(consult_contact_kind("swjkhcjc@163.com"), CONSULT_CONTACT_EMAIL);
	assert_int_equal(consult_contact_kind("a.b@mail.fushun.gov.cn"), CONSULT_CONTACT_EMAIL);
	/* refused: a 12-digit mobile, a 6-digit local, a local starting with 0 or 1, letters */
	assert_int_equal(consult_contact_kind("138001380001"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("12800138000"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("575006"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("17500610"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("024-575006"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("024-07500610"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("00-57500610"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("5750o610"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("swjkhcjc@163"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("@163.com"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("a b@163.com"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("a@b@163.com"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind("a@163..com"), CONSULT_CONTACT_INVALID);
	assert_int_equal(consult_contact_kind(""), CONSULT_CONTACT_INVALID);
}

static void test_chars_and_reasons(void **state)
{
	(void)state;
	assert_int_equal(consult_chars("征求意见abc"), 7);
	assert_int_equal(consult_chars(""), 0);
	assert_false(consult_disposition_needs_reason("adopted"));
	assert_true(consult_disposition_needs_reason("partly"));
	assert_true(consult_disposition_needs_reason("rejected"));
	assert_true(consult_disposition_needs_reason("explained"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bounds),   cmocka_unit_test(test_phase_edges),
	    cmocka_unit_test(test_states),   cmocka_unit_test(test_local_and_text),
	    cmocka_unit_test(test_contacts), cmocka_unit_test(test_chars_and_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

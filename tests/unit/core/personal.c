/* Tests src/core/personal.c: masking of ID numbers, phones and e-mail addresses, worked by hand;
 * the JSON writer masking unless told the reader may see it; the ID number's check character. */
#include "core/personal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void masked_is(enum personal_kind kind, const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	personal_mask(&sb, kind, in);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_id_number(void **state)
{
	(void)state;
	masked_is(PERSONAL_ID_NUMBER, "11010519491231002X", "110***********002X");
	masked_is(PERSONAL_ID_NUMBER, "440524188001010014", "440***********0014");
	/* the old 15-digit form keeps the same ends */
	masked_is(PERSONAL_ID_NUMBER, "320311770706001", "320********6001");
	/* 8 characters still keep 3 + 4; shorter keeps nothing */
	masked_is(PERSONAL_ID_NUMBER, "12345678", "123*5678");
	masked_is(PERSONAL_ID_NUMBER, "1234567", "*******");
	masked_is(PERSONAL_ID_NUMBER, "", "");
	/* one star per character, so UTF-8 stays valid: 份 证 c d hidden as four stars */
	masked_is(PERSONAL_ID_NUMBER, "ab身份证cdefgh", "ab身****efgh");
}

static void test_phone(void **state)
{
	(void)state;
	masked_is(PERSONAL_PHONE, "13812345678", "138****5678");
	masked_is(PERSONAL_PHONE, "138-1234-5678", "138-****-5678");
	/* a local number keeps its last four digits; with the area code, its first three too */
	masked_is(PERSONAL_PHONE, "57500610", "****0610");
	masked_is(PERSONAL_PHONE, "024-57500610", "024-****0610");
	masked_is(PERSONAL_PHONE, "+86 138 1234 5678", "+86 1** **** 5678");
	/* fewer than 7 digits: all hidden */
	masked_is(PERSONAL_PHONE, "110", "***");
	masked_is(PERSONAL_PHONE, "123456", "******");
	masked_is(PERSONAL_PHONE, "1234567", "***4567");
}

static void test_email(void **state)
{
	(void)state;
	masked_is(PERSONAL_EMAIL, "swjkhcjc@163.com", "s***@163.com");
	masked_is(PERSONAL_EMAIL, "a@b.cn", "a***@b.cn");
	/* the last @ separates the domain */
	masked_is(PERSONAL_EMAIL, "\"x@y\"@example.org", "\"***@example.org");
	masked_is(PERSONAL_EMAIL, "张三@example.cn", "张***@example.cn");
	masked_is(PERSONAL_EMAIL, "no-at-sign", "***");
	masked_is(PERSONAL_EMAIL, "@example.org", "***");
}

static void test_masked_view(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_null(personal_masked(&a, PERSONAL_PHONE, NULL));
	assert_string_equal(personal_masked(&a, PERSONAL_PHONE, "13812345678"), "138****5678");
	assert_string_equal(personal_view(&a, PERSONAL_PHONE, "13812345678", false), "138****5678");
	assert_string_equal(personal_view(&a, PERSONAL_PHONE, "13812345678", true), "13812345678");
	arena_release(&a);
}

static void write_person(struct jsonw *w)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "name", "张三");
	personal_kstr(w, "id_number", PERSONAL_ID_NUMBER, "11010519491231002X");
	personal_kstr(w, "phone", PERSONAL_PHONE, "13812345678");
	personal_kstr(w, "email", PERSONAL_EMAIL, NULL);
	jsonw_key(w, "contacts");
	jsonw_arr_open(w);
	personal_str(w, PERSONAL_EMAIL, "li.si@example.cn");
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

static void test_json(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	(void)state;
	/* a fresh writer masks: the audit record's writers never reveal */
	jsonw_init(&w, &sb);
	assert_false(w.reveal_personal);
	write_person(&w);
	assert_string_equal(sb.buf, "{\"name\":\"张三\",\"id_number\":\"110***********002X\","
	                            "\"phone\":\"138****5678\",\"email\":null,"
	                            "\"contacts\":[\"l***@example.cn\"]}");
	strbuf_reset(&sb);
	jsonw_init(&w, &sb);
	w.reveal_personal = true;
	write_person(&w);
	assert_string_equal(sb.buf, "{\"name\":\"张三\",\"id_number\":\"11010519491231002X\","
	                            "\"phone\":\"13812345678\",\"email\":null,"
	                            "\"contacts\":[\"li.si@example.cn\"]}");
	strbuf_release(&sb);
}

static void test_id_valid(void **state)
{
	(void)state;
	/* check characters worked by hand: Σ digit × weight mod 11 → 1 0 X 9 8 7 6 5 4 3 2;
	 * the refused dates below carry their right check character */
	assert_true(personal_id_number_valid("11010519491231002X"));
	assert_false(personal_id_number_valid("440524188001010014")); /* right check, born 1880 */
	assert_true(personal_id_number_valid("110101199003074514"));
	assert_false(personal_id_number_valid("110101199003074518")); /* wrong check */
	assert_false(personal_id_number_valid("11010519491231002x")); /* lower-case x */
	assert_false(personal_id_number_valid("320311770706001"));    /* 15 digits */
	assert_false(personal_id_number_valid("1101011990030745140"));
	assert_false(personal_id_number_valid("110101199013074518")); /* month 13 */
	assert_false(personal_id_number_valid("110101199002304517")); /* 30 February */
	assert_true(personal_id_number_valid("110101200002290018"));  /* 2000 was a leap year */
	assert_false(personal_id_number_valid("110101190002290011")); /* 1900 was not */
	assert_false(personal_id_number_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_id_number), cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_email),     cmocka_unit_test(test_masked_view),
	    cmocka_unit_test(test_json),      cmocka_unit_test(test_id_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

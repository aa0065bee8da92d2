/* Tests src/util/jsonw.c: commas, nesting, escaping, what escaping copies as is, invalid UTF-8,
 * integers. */
#include "util/jsonw.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_nesting_and_commas(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	jsonw_init(&w, &sb);
	jsonw_obj_open(&w);
	jsonw_kint(&w, "a", -5);
	jsonw_key(&w, "b");
	jsonw_arr_open(&w);
	jsonw_str(&w, "x");
	jsonw_bool(&w, true);
	jsonw_null(&w);
	jsonw_obj_open(&w);
	jsonw_obj_close(&w);
	jsonw_arr_close(&w);
	jsonw_kstr(&w, "c", NULL);
	jsonw_kid(&w, "d", 7);
	jsonw_kid(&w, "e", 0);
	jsonw_obj_close(&w);
	assert_string_equal(sb.buf,
	                    "{\"a\":-5,\"b\":[\"x\",true,null,{}],\"c\":null,\"d\":7,\"e\":null}");
	strbuf_release(&sb);
}

static void test_escaping(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	json_escape(&sb, "商务局\"\\\n\x01\x7f", 14);
	assert_string_equal(sb.buf, "\"商务局\\\"\\\\\\n\\u0001\\u007f\"");
	strbuf_reset(&sb);
	/* a lone continuation byte and a truncated sequence become U+FFFD */
	json_escape(&sb,
	            "a\x80"
	            "b\xe5\x95",
	            5);
	assert_string_equal(sb.buf, "\"a\xef\xbf\xbd"
	                            "b\xef\xbf\xbd\xef\xbf\xbd\"");
	strbuf_reset(&sb);
	json_escape(&sb, "\xed\xa0\x80", 3); /* UTF-16 surrogate encoded in UTF-8 */
	assert_string_equal(sb.buf, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	strbuf_release(&sb);
}

static void test_plain_len(void **state)
{
	(void)state;
	/* json_escape copies 商 and "ab" as they are and stops at the quote */
	assert_int_equal(json_plain_len("ab\xe5\x95\x86\"c", 7), 5);
	assert_int_equal(json_plain_len("ab\\c", 4), 2);
	assert_int_equal(json_plain_len("ab\nc", 4), 2);
	assert_int_equal(json_plain_len("ab\x7f", 3), 2);
	/* a truncated sequence and a surrogate are not copied */
	assert_int_equal(json_plain_len("a\xe5\x95", 3), 1);
	assert_int_equal(json_plain_len("\xed\xa0\x80", 3), 0);
	assert_int_equal(json_plain_len("市 ~", 5), 5);
	assert_int_equal(json_plain_len("", 0), 0);
}

static void test_integers(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	jsonw_init(&w, &sb);
	jsonw_arr_open(&w);
	jsonw_int(&w, 0);
	jsonw_int(&w, 7);
	jsonw_int(&w, -1);
	jsonw_int(&w, 1234567890123);
	jsonw_int(&w, INT64_MAX);
	jsonw_int(&w, INT64_MIN);
	jsonw_arr_close(&w);
	assert_string_equal(sb.buf,
	                    "[0,7,-1,1234567890123,9223372036854775807,-9223372036854775808]");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nesting_and_commas),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_plain_len),
	    cmocka_unit_test(test_integers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

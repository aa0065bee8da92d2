/* Tests src/util/jcanon.c: sorted keys, compact form, refused reals. */
#include "util/jcanon.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_canonical(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	json_t *v = json_loads(
	    "{ \"b\": [1, {\"z\":null, \"a\":true}], \"a\": \"市\\n\" , \"B\":-3}", 0, NULL);

	assert_non_null(v);
	assert_int_equal(jcanon_write(&sb, v), 0);
	assert_string_equal(sb.buf, "{\"B\":-3,\"a\":\"市\\n\",\"b\":[1,{\"a\":true,\"z\":null}]}");
	json_decref(v);
	strbuf_reset(&sb);
	v = json_loads("{\"x\":1.5}", 0, NULL);
	assert_int_equal(jcanon_write(&sb, v), -1);
	json_decref(v);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/util/jcanon.c: sorted keys, compact form, refused reals; texts already canonical. */
#include "util/jcanon.h"

#include <string.h>

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

/* jcanon_is: s is canonical exactly when jcanon_write gives it back */
static bool canonical_again(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *v = json_loads(s, JSON_DECODE_ANY, NULL);
	bool same = v && jcanon_write(&sb, v) == 0 && !strcmp(sb.buf, s);

	json_decref(v);
	strbuf_release(&sb);
	return same;
}

static void test_is(void **state)
{
	static const char *const yes[] = {
	    "{\"B\":-3,\"a\":\"市\\n\",\"b\":[1,{\"a\":true,\"z\":null}]}",
	    "{\"a\":\"\\\"\\\\\\b\\f\\n\\r\\t\",\"ab\":0,\"b\":false}",
	    "{}",
	    "[]",
	    "[[],{},\"\",-123456789012345678]",
	    "0",
	    "null",
	    "\"督办〔2026〕1号\"",
	};
	static const char *const no[] = {
	    "{\"b\":1,\"a\":2}",   /* keys out of order */
	    "{\"a\":1,\"a\":2}",   /* a key twice */
	    "{\"ab\":1,\"a\":2}",  /* a longer key first */
	    "{\"a\": 1}",          /* a space */
	    "[1] ",                /* after the value */
	    "-0",                  /* written 0 */
	    "01",                  /* not JSON */
	    "1.5",                 /* a real, refused */
	    "1e3",                 /* a real */
	    "1234567890123456789", /* 19 digits: left to the parser */
	    "\"\\/\"",             /* written / */
	    "\"\\u0041\"",         /* written A */
	    "\"\\u001f\"",         /* canonical, but a \u escape: left to the parser */
	    "{\"a\\n\":1}",        /* a key with an escape: left to the parser */
	    "\"\x7f\"",            /* written \u007f */
	    "\"\xe5\x95\"",        /* a truncated UTF-8 sequence: not JSON */
	    "\"a",                 /* unterminated */
	    "[1,]",                /* not JSON */
	    "nul",                 /* not JSON */
	    "",                    /* nothing */
	};
	char deep[2 * 66 + 1];

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		assert_true(jcanon_is(yes[i], strlen(yes[i])));
		assert_true(canonical_again(yes[i]));
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		assert_false(jcanon_is(no[i], strlen(no[i])));
	/* a NUL within the length */
	assert_false(jcanon_is("\"a\0b\"", 5));
	/* 64 levels below the top are written, 65 refused, as jcanon_write does */
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	assert_true(jcanon_is(deep, 130));
	memset(deep, '[', 66);
	memset(deep + 66, ']', 66);
	assert_false(jcanon_is(deep, 132));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_canonical),
	    cmocka_unit_test(test_is),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

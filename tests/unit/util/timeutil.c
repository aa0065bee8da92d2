/* Tests src/util/timeutil.c: worked epoch values, offsets, impossible dates. */
#include "util/timeutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_parse_and_format(void **state)
{
	(void)state;
	int64_t t;
	char buf[TIME_RFC3339_LEN];

	assert_int_equal(time_parse("2025-06-23", &t), 0);
	assert_int_equal(t, 1750636800); /* 2025-06-23T00:00:00Z */
	assert_int_equal(time_parse("2025-06-23T08:00:00+08:00", &t), 0);
	assert_int_equal(t, 1750636800); /* Asia/Shanghai midnight-plus-8h is UTC midnight */
	assert_int_equal(time_parse("2025-06-25T23:59:59+08:00", &t), 0);
	time_format(t, buf);
	assert_string_equal(buf, "2025-06-25T15:59:59Z");
	assert_int_equal(time_parse("2024-02-29T12:00:00Z", &t), 0);
	assert_int_equal(time_parse("2025-02-29", &t), -1);
	assert_int_equal(time_parse("2025-13-01", &t), -1);
	assert_int_equal(time_parse("2025-06-23T24:00:00Z", &t), -1);
	assert_int_equal(time_parse("2025-06-23T08:00:00", &t), -1); /* no zone: refused */
	assert_int_equal(time_parse("2025-6-23", &t), -1);
	assert_int_equal(time_parse("", &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

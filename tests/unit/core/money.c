/* Tests src/core/money.c: half-up rounding, largest-remainder splits worked by hand, the yuan
 * text, and the property that a split always adds up to its total. */
#include "core/money.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_half_up(void **state)
{
	(void)state;
	int64_t v;

	/* 78,333,332,500 e4 = 7,833,333.25 fen; × 50 % = 3,916,666.625 -> 3,916,667 */
	assert_int_equal(money_mul_div_half_up(78333332500, 5000, 100000000, &v), 0);
	assert_int_equal(v, 3916667);
	assert_int_equal(money_mul_div_half_up(5, 1, 10, &v), 0); /* 0.5 -> 1 */
	assert_int_equal(v, 1);
	assert_int_equal(money_mul_div_half_up(4999, 1, 10000, &v), 0); /* 0.4999 -> 0 */
	assert_int_equal(v, 0);
	assert_int_equal(money_mul_div_half_up(-5, 1, 10, &v), 0); /* -0.5 -> -1: away from 0 */
	assert_int_equal(v, -1);
	assert_int_equal(money_mul_div_half_up(-4, 1, 10, &v), 0);
	assert_int_equal(v, 0);
	/* a product past int64 whose quotient fits */
	assert_int_equal(money_mul_div_half_up(INT64_MAX, 10000, 10000, &v), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(money_mul_div_half_up(INT64_MAX, 10000, 9999, &v), -1);
	assert_int_equal(money_mul_div_half_up(1, 1, 0, &v), -1);
}

static void test_split(void **state)
{
	(void)state;
	int64_t parts[3];
	const int64_t w2[2] = {6667, 3333}, half[2] = {5000, 5000}, w3[3] = {1, 1, 1};

	/* 1,000,002,500 × 66.67 % = 666,701,666.75, × 33.33 % = 333,300,833.25: the one unit
	 * left goes to the larger remainder */
	assert_int_equal(money_split(1000002500, w2, 2, parts), 0);
	assert_int_equal(parts[0], 666701667);
	assert_int_equal(parts[1], 333300833);
	/* a tie goes to the lower index */
	assert_int_equal(money_split(1, half, 2, parts), 0);
	assert_int_equal(parts[0], 1);
	assert_int_equal(parts[1], 0);
	/* 100 in three: 33.33.. each, one left, to the first */
	assert_int_equal(money_split(100, w3, 3, parts), 0);
	assert_int_equal(parts[0], 34);
	assert_int_equal(parts[1], 33);
	assert_int_equal(parts[2], 33);
	/* negative totals mirror */
	assert_int_equal(money_split(-100, w3, 3, parts), 0);
	assert_int_equal(parts[0], -34);
	assert_int_equal(parts[1], -33);
	assert_int_equal(parts[2], -33);
	/* a zero weight takes nothing */
	const int64_t wz[2] = {0, 7};
	assert_int_equal(money_split(9, wz, 2, parts), 0);
	assert_int_equal(parts[0], 0);
	assert_int_equal(parts[1], 9);
	/* refused: no weight, a negative weight, no parts, INT64_MIN */
	const int64_t w0[2] = {0, 0}, wn[2] = {-1, 2};
	assert_int_equal(money_split(9, w0, 2, parts), -1);
	assert_int_equal(money_split(9, wn, 2, parts), -1);
	assert_int_equal(money_split(9, w2, 0, parts), -1);
	assert_int_equal(money_split(INT64_MIN, w2, 2, parts), -1);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* property: the parts add up to the total, each within one unit of its exact share */
static void test_split_property(void **state)
{
	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t n = 1 + next() % 6;
		int64_t w[6], parts[6], sum = 0, wsum = 0;
		int64_t total = (int64_t)(next() % 2000000000000ULL) - 1000000000000LL;
		for (size_t i = 0; i < n; i++) {
			w[i] = (int64_t)(next() % 10001);
			wsum += w[i];
		}
		if (wsum == 0)
			w[0] = wsum = 1;
		assert_int_equal(money_split(total, w, n, parts), 0);
		for (size_t i = 0; i < n; i++) {
			__int128 exact =
			    (__int128)total * w[i]; /* part × wsum is within wsum of it */
			__int128 diff = (__int128)parts[i] * wsum - exact;
			assert_true(diff > -(__int128)wsum && diff < (__int128)wsum);
			sum += parts[i];
		}
		assert_int_equal(sum, total);
	}
}

static void test_format(void **state)
{
	(void)state;
	char t[MONEY_TEXT_LEN];

	money_format_fen(123456, t);
	assert_string_equal(t, "1234.56");
	money_format_fen(-5, t);
	assert_string_equal(t, "-0.05");
	money_format_fen(0, t);
	assert_string_equal(t, "0.00");
	money_format_fen(INT64_MIN, t);
	assert_string_equal(t, "-92233720368547758.08");
	money_format_e4(12345600, t); /* 1,234.56 fen */
	assert_string_equal(t, "12.3456");
	money_format_e4(12300000, t);
	assert_string_equal(t, "12.30");
	money_format_e4(1, t);
	assert_string_equal(t, "0.000001");
	money_format_e4(-8333332500, t);
	assert_string_equal(t, "-8333.3325");
	money_format_bp(3500, t);
	assert_string_equal(t, "35.00%");
	money_format_bp(1, t);
	assert_string_equal(t, "0.01%");
	money_format_bp(10000, t);
	assert_string_equal(t, "100.00%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_half_up),
	    cmocka_unit_test(test_split),
	    cmocka_unit_test(test_split_property),
	    cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

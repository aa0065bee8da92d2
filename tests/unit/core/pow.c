/* Tests src/core/pow.c: a challenge's exact form, its check (forged, expired, elsewhere, too
 * easy, unsolved, malformed) and a solution found by pow_solve. */
#include "core/pow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const unsigned char KEY[POW_KEY_BYTES] = {1, 2, 3, 4, 5, 6, 7, 8};
static const unsigned char NONCE[POW_NONCE_BYTES] = {0xab, 0xcd, 0, 0, 0, 0, 0, 0,
                                                     0,    0,    0, 0, 0, 0, 0, 0x01};

static void test_challenge(void **state)
{
	char c[POW_CHALLENGE_MAX], mac[POW_MAC_HEX], counter[POW_COUNTER_MAX + 1];
	int64_t ex = 0;

	(void)state;
	pow_challenge_make(KEY, 7, 1000, 8, NONCE, c, mac);
	assert_string_equal(c, "kfq-pow1:7:1000:8:abcd0000000000000000000000000001");
	assert_int_equal(strlen(mac), 64);
	pow_solve(c, 8, counter);
	assert_true(pow_solved(c, counter, 8));
	assert_int_equal(pow_check(KEY, c, mac, counter, 7, 999, 8, &ex), POW_OK);
	assert_int_equal(ex, 1000);
	/* the second it expires */
	assert_int_equal(pow_check(KEY, c, mac, counter, 7, 1000, 8, NULL), POW_EXPIRED);
	assert_int_equal(pow_check(KEY, c, mac, counter, 8, 999, 8, NULL), POW_ELSEWHERE);
	assert_int_equal(pow_check(KEY, c, mac, counter, 7, 999, 9, NULL), POW_TOO_EASY);
	/* a counter that is not the solution: the smallest one is, so any below it is not */
	if (strcmp(counter, "0") != 0)
		assert_int_equal(pow_check(KEY, c, mac, "0", 7, 999, 8, NULL), POW_UNSOLVED);
	mac[0] = mac[0] == '0' ? '1' : '0';
	assert_int_equal(pow_check(KEY, c, mac, counter, 7, 999, 8, NULL), POW_FORGED);
	/* a challenge changed (fewer bits) no longer matches its mac */
	pow_challenge_make(KEY, 7, 1000, 8, NONCE, c, mac);
	c[strlen("kfq-pow1:7:1000:")] = '1';
	assert_int_equal(pow_check(KEY, c, mac, counter, 7, 999, 0, NULL), POW_FORGED);
}

static void test_malformed(void **state)
{
	char c[POW_CHALLENGE_MAX], mac[POW_MAC_HEX];

	(void)state;
	pow_challenge_make(KEY, 7, 1000, 8, NONCE, c, mac);
	assert_int_equal(pow_check(KEY, c, mac, "", 7, 0, 8, NULL), POW_MALFORMED);
	assert_int_equal(pow_check(KEY, c, mac, "12a", 7, 0, 8, NULL), POW_MALFORMED);
	assert_int_equal(pow_check(KEY, c, mac, "12345678901234567", 7, 0, 8, NULL), POW_MALFORMED);
	assert_int_equal(pow_check(KEY, c, NULL, "1", 7, 0, 8, NULL), POW_MALFORMED);
	assert_int_equal(pow_check(KEY, c, "abc", "1", 7, 0, 8, NULL), POW_MALFORMED);
	assert_int_equal(pow_check(KEY, "kfq-pow1:7:1000:8:xyz", mac, "1", 7, 0, 8, NULL),
	                 POW_MALFORMED);
	assert_int_equal(pow_check(KEY, "pow:7:1000:8:abcd0000000000000000000000000001", mac, "1",
	                           7, 0, 8, NULL),
	                 POW_MALFORMED);
	assert_int_equal(pow_check(KEY, NULL, mac, "1", 7, 0, 8, NULL), POW_MALFORMED);
}

static void test_solved_bits(void **state)
{
	(void)state;
	/* SHA-256("a:0") = 0ed3… (0000 1110): four leading zero bits, not five */
	assert_true(pow_solved("a", "0", 4));
	assert_false(pow_solved("a", "0", 5));
	assert_true(pow_solved("a", "0", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_challenge),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_solved_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/ratelimit.c: windows, blocks, probation and its doubling, forgetting. */
#include "core/ratelimit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* 3 events a minute; blocks of 10 s doubling to 60 s */
static const struct ratelimit_policy P = {3, 60, 10, 60};
#define T0 1764300000

static void test_fresh_key_passes(void **state)
{
	(void)state;
	struct ratelimit_state s = {0}, n;

	assert_int_equal(ratelimit_wait(&s, T0), 0);
	assert_int_equal(ratelimit_hit(&P, &s, T0, &n), 0);
	assert_int_equal(n.count, 1);
	assert_int_equal(n.window_start, T0);
	assert_int_equal(n.blocked_until, 0);
	assert_int_equal(n.strikes, 0);
}

static void test_limit_blocks(void **state)
{
	(void)state;
	struct ratelimit_state s = {0}, n;

	assert_int_equal(ratelimit_hit(&P, &s, T0, &n), 0);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 1, &n), 0);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 2, &n), 10); /* the 3rd reaches the limit */
	assert_int_equal(n.blocked_until, T0 + 12);
	assert_int_equal(n.strikes, 1);
	assert_int_equal(n.count, 0);
	assert_int_equal(ratelimit_wait(&n, T0 + 2), 10);
	assert_int_equal(ratelimit_wait(&n, T0 + 11), 1);
	assert_int_equal(ratelimit_wait(&n, T0 + 12), 0);
}

static void test_window_slides_on(void **state)
{
	(void)state;
	struct ratelimit_state s = {0}, n;

	/* two events, then a minute of quiet: the count starts again */
	assert_int_equal(ratelimit_hit(&P, &s, T0, &n), 0);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 30, &n), 0);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 60, &n), 0);
	assert_int_equal(n.count, 1);
	assert_int_equal(n.window_start, T0 + 60);
	/* 59 s later the window is still the same one */
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 119, &n), 0);
	assert_int_equal(n.count, 2);
}

static void test_probation_doubles_to_the_cap(void **state)
{
	(void)state;
	struct ratelimit_state s = {.count = 0,
	                            .window_start = T0,
	                            .blocked_until = T0 + 10,
	                            .strikes = 1},
	                       n;

	/* right after a block, one event blocks again: 20, 40, then the cap of 60 */
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 10, &n), 20);
	assert_int_equal(n.blocked_until, T0 + 30);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 30, &n), 40);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 70, &n), 60);
	s = n;
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 130, &n), 60);
	assert_int_equal(n.strikes, 5);
}

static void test_quiet_after_block_forgives(void **state)
{
	(void)state;
	struct ratelimit_state s = {.count = 0,
	                            .window_start = T0,
	                            .blocked_until = T0 + 10,
	                            .strikes = 3},
	                       n;

	/* 59 s after the block ended: still on probation */
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 69, &n), 60);
	/* a full window after it: a fresh start */
	assert_int_equal(ratelimit_hit(&P, &s, T0 + 70, &n), 0);
	assert_int_equal(n.strikes, 0);
	assert_int_equal(n.count, 1);
}

static void test_expires(void **state)
{
	(void)state;
	struct ratelimit_state open = {1, T0, 0, 0};
	struct ratelimit_state blocked = {0, T0, T0 + 40, 2};

	assert_int_equal(ratelimit_expires(&P, &open), T0 + 60);
	assert_int_equal(ratelimit_expires(&P, &blocked), T0 + 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fresh_key_passes),
	    cmocka_unit_test(test_limit_blocks),
	    cmocka_unit_test(test_window_slides_on),
	    cmocka_unit_test(test_probation_doubles_to_the_cap),
	    cmocka_unit_test(test_quiet_after_block_forgives),
	    cmocka_unit_test(test_expires),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/util/arena.c: alignment, big blocks, cleanup order. */
#include "util/arena.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static int order[4];
static int norder;

static void rec(void *arg)
{
	order[norder++] = (int)(intptr_t)arg;
}

static void test_alloc_aligned_and_distinct(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *p = arena_alloc(&a, 3);
	char *q = arena_alloc(&a, 5);
	assert_true(((uintptr_t)p % 16) == 0);
	assert_true(((uintptr_t)q % 16) == 0);
	assert_ptr_not_equal(p, q);
	char *big = arena_alloc(&a, 100000);
	memset(big, 'x', 100000);
	char *after = arena_alloc(&a, 8);
	assert_true(after == q + 16); /* the big block did not waste the current one */
	assert_string_equal(arena_printf(&a, "%s-%d", "任务", 18), "任务-18");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_release(&a);
	assert_null(a.head);
}

static void test_cleanups_run_newest_first(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	norder = 0;
	arena_defer(&a, rec, (void *)1);
	arena_defer(&a, rec, (void *)2);
	arena_defer(&a, rec, (void *)3);
	arena_release(&a);
	assert_int_equal(norder, 3);
	assert_int_equal(order[0], 3);
	assert_int_equal(order[2], 1);
}

/* arena_grow: 16 to begin with, then twice the room, the elements kept */
static void test_grow_keeps_and_doubles(void **state)
{
	(void)state;
	struct arena a;
	int n = 0, cap = 0;
	arena_init(&a);
	int64_t *v = arena_grow(&a, NULL, sizeof(*v), &cap);
	for (int i = 0; i < 40; i++) {
		if (n == cap)
			v = arena_grow(&a, v, sizeof(*v), &cap);
		v[n++] = i * 3;
		assert_int_equal(cap, i < 16 ? 16 : i < 32 ? 32 : 64);
	}
	for (int i = 0; i < n; i++)
		assert_int_equal(v[i], i * 3);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alloc_aligned_and_distinct),
	    cmocka_unit_test(test_cleanups_run_newest_first),
	    cmocka_unit_test(test_grow_keeps_and_doubles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

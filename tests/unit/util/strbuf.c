/* Tests src/util/strbuf.c: always NUL-terminated, the shared empty buffer until the first
 * growth, geometric growth keeping contents, binary data with NULs, formatted appends longer
 * than the room left, integers as printf writes them, reset, detach handing over the memory. */
#include "util/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void test_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ptr_equal(sb.buf, strbuf_empty);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	/* releasing and resetting an empty buffer allocate nothing */
	strbuf_reset(&sb);
	strbuf_release(&sb);
	assert_ptr_equal(sb.buf, strbuf_empty);
	/* an initial hint allocates at once */
	strbuf_init(&sb, 100);
	assert_true(sb.alloc >= 101);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
	assert_ptr_equal(sb.buf, strbuf_empty);
	assert_int_equal(sb.alloc, 0);
}

static void test_add(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "开发区");
	strbuf_addch(&sb, '-');
	strbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 9 + 1 + 3);
	assert_memory_equal(sb.buf, "开发区-a\0b", 14); /* with the terminating NUL */
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_true(sb.alloc > 0); /* kept for reuse */
	strbuf_release(&sb);
}

static void test_growth(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t last = 0, changes = 0;

	(void)state;
	/* 100000 single bytes: contents kept across every reallocation, which doubles */
	for (int i = 0; i < 100000; i++) {
		strbuf_addch(&sb, 'a' + i % 26);
		if (sb.alloc != last) {
			assert_true(last == 0 || sb.alloc == last * 2);
			last = sb.alloc;
			changes++;
		}
	}
	assert_int_equal(sb.len, 100000);
	assert_int_equal(sb.alloc, 131072);
	assert_int_equal(changes, 12); /* 64, 128, ..., 131072 */
	for (int i = 0; i < 100000; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	assert_int_equal(sb.buf[100000], 0);
	/* one large append jumps straight to the size it needs */
	strbuf_grow(&sb, 1000000);
	assert_true(sb.alloc >= 1100001);
	assert_int_equal(sb.len, 100000);
	strbuf_release(&sb);
}

static void test_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[5000];

	(void)state;
	strbuf_addf(&sb, "%s=%d", "page", 3);
	assert_string_equal(sb.buf, "page=3");
	strbuf_addf(&sb, "&%s=%lld", "id", -9223372036854775807LL - 1);
	assert_string_equal(sb.buf, "page=3&id=-9223372036854775808");
	/* longer than the room left: formatted again after growing */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	strbuf_addf(&sb, "[%s]", big);
	assert_int_equal(sb.len, 30 + 5001);
	assert_memory_equal(sb.buf + 30, "[xxx", 4);
	assert_string_equal(sb.buf + sb.len - 3, "xx]");
	/* exactly filling the allocation still leaves room for the NUL */
	strbuf_release(&sb);
	strbuf_init(&sb, 10);
	size_t room = sb.alloc - 1;
	memset(big, 'y', room);
	big[room] = 0;
	strbuf_addf(&sb, "%s", big);
	assert_int_equal(sb.len, room);
	assert_int_equal(sb.buf[room], 0);
	strbuf_addf(&sb, "%s", "");
	assert_int_equal(sb.len, room);
	strbuf_release(&sb);
}

/* the same digits as printf's %lld, at the edges and across a growth */
static void test_addint(void **state)
{
	const int64_t v[] = {0, 7, -1, 10, -10, 1234567890123, INT64_MAX, INT64_MIN, -999999999};
	struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;

	(void)state;
	for (int round = 0; round < 20; round++)
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			strbuf_addint(&sb, v[i]);
			strbuf_addch(&sb, ' ');
			strbuf_addf(&want, "%lld ", (long long)v[i]);
		}
	assert_int_equal(sb.len, want.len);
	assert_string_equal(sb.buf, want.buf);
	strbuf_reset(&sb);
	strbuf_addint(&sb, INT64_MIN);
	assert_string_equal(sb.buf, "-9223372036854775808");
	strbuf_release(&sb);
	strbuf_release(&want);
}

static void test_detach(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;

	(void)state;
	/* detaching an empty buffer still hands over heap memory the caller may free */
	p = strbuf_detach(&sb, &len);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	assert_ptr_not_equal(p, strbuf_empty);
	free(p);
	strbuf_addstr(&sb, "督办单");
	p = strbuf_detach(&sb, NULL);
	assert_string_equal(p, "督办单");
	/* the strbuf is empty and usable again */
	assert_ptr_equal(sb.buf, strbuf_empty);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	strbuf_addstr(&sb, "x");
	assert_string_equal(sb.buf, "x");
	strbuf_release(&sb);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),  cmocka_unit_test(test_add),
	    cmocka_unit_test(test_growth), cmocka_unit_test(test_addf),
	    cmocka_unit_test(test_addint), cmocka_unit_test(test_detach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

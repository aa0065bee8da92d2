/* Tests src/http/peers.c: counts per address through collisions, wrap-around and deletions,
 * against a plain array kept alongside. */
#include "http/peers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define NADDR 40

static void addr_of(int i, unsigned char out[16])
{
	memset(out, 0, 16);
	out[10] = out[11] = 0xff;
	out[12] = 127;
	out[14] = (unsigned char)(i / 250);
	out[15] = (unsigned char)(1 + i % 250);
}

static void test_add_count_drop(void **state)
{
	(void)state;
	struct peers p;
	unsigned char a[16], b[16];

	peers_init(&p, 4);
	addr_of(1, a);
	addr_of(2, b);
	assert_int_equal(peers_count(&p, a), 0);
	peers_add(&p, a);
	peers_add(&p, a);
	peers_add(&p, b);
	assert_int_equal(peers_count(&p, a), 2);
	assert_int_equal(peers_count(&p, b), 1);
	peers_drop(&p, a);
	assert_int_equal(peers_count(&p, a), 1);
	peers_drop(&p, b);
	peers_drop(&p, b); /* holds none: nothing happens */
	assert_int_equal(peers_count(&p, b), 0);
	assert_int_equal(peers_count(&p, a), 1);
	peers_release(&p);
}

/* 40 addresses in a table of 64 buckets collide and wrap; 20,000 adds and drops in a fixed
 * pseudo-random order must leave every count as the reference array has it. */
static void test_against_reference(void **state)
{
	(void)state;
	struct peers p;
	int ref[NADDR] = {0};
	uint32_t x = 12345;
	unsigned char a[16];

	peers_init(&p, 32);
	assert_int_equal(p.size, 64);
	for (int step = 0; step < 20000; step++) {
		x = x * 1103515245u + 12345u;
		int i = (int)((x >> 8) % NADDR);
		addr_of(i, a);
		/* at most 32 addresses hold connections at once, as the table was sized for */
		int held = 0;
		for (int k = 0; k < NADDR; k++)
			held += ref[k] > 0;
		if ((x >> 4) & 1 && (ref[i] > 0 || held < 32)) {
			peers_add(&p, a);
			ref[i]++;
		} else if (ref[i] > 0) {
			peers_drop(&p, a);
			ref[i]--;
		}
		for (int k = 0; k < NADDR; k++) {
			addr_of(k, a);
			assert_int_equal(peers_count(&p, a), ref[k]);
		}
	}
	peers_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_count_drop),
	    cmocka_unit_test(test_against_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

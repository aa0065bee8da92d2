/* Tests src/core/people.c and src/core/personal_seal.c: the counts against the approved
 * figures (each rule at its edge), secondment dates, ID numbers as typed, sealing and the
 * keyed hash. */
#include "core/people.h"
#include "core/personal_seal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

static void test_counts(void **state)
{
	const struct staffing_figures f = {
	    .admin_slots = 2, .inst_slots = 3, .bodies = 2, .leaders = 1, .quota = 3};
	struct roster_counts c = {.people = 3, .leaders = 1, .bodies = 2};

	(void)state;
	/* exactly at every figure is within them */
	assert_int_equal(people_counts_check(&f, &c), PEOPLE_OK);
	c.people = 4;
	assert_int_equal(people_counts_check(&f, &c), PEOPLE_OVER_QUOTA);
	c.leaders = 2; /* 员额 is named first */
	assert_int_equal(people_counts_check(&f, &c), PEOPLE_OVER_QUOTA);
	c.people = 3;
	assert_int_equal(people_counts_check(&f, &c), PEOPLE_OVER_LEADERS);
	c.leaders = 0;
	c.bodies = 3;
	assert_int_equal(people_counts_check(&f, &c), PEOPLE_OVER_BODIES);
	assert_string_equal(people_rule_code(PEOPLE_OVER_QUOTA), "over_quota");
	assert_non_null(strstr(people_rule_message(PEOPLE_OVER_QUOTA), "员额"));
	assert_non_null(strstr(people_rule_message(PEOPLE_OVER_LEADERS), "领导职数"));
	for (int r = 0; r < PEOPLE_RULE_COUNT; r++)
		assert_non_null(people_rule_message((enum people_rule)r));
	assert_string_equal(people_rule_code(PEOPLE_RULE_COUNT), "rule");
}

static void test_secondment(void **state)
{
	(void)state;
	assert_int_equal(people_secondment_check("2026-03-01", NULL), PEOPLE_OK);
	assert_int_equal(people_secondment_check("2026-03-01", "2026-03-02"), PEOPLE_OK);
	assert_int_equal(people_secondment_check("2026-03-01", "2026-03-01"),
	                 PEOPLE_SECONDMENT_ORDER);
	assert_int_equal(people_secondment_check("2026-03-01", "2025-12-31"),
	                 PEOPLE_SECONDMENT_ORDER);
}

static void test_id(void **state)
{
	char out[PEOPLE_ID_LEN + 1];

	(void)state;
	assert_true(people_id_normalize("11010519491231002x", out));
	assert_string_equal(out, "11010519491231002X");
	assert_true(people_id_normalize("11010519491231002X", out));
	/* 83: a residence permit's region, outside the administrative codes */
	assert_true(people_id_normalize("830000199001010012", out));
	assert_false(people_id_normalize("830000199001010013", out));
	assert_false(people_id_normalize("11010519491231002", out));
	assert_false(people_id_normalize(NULL, out));
	assert_false(people_id_normalize("1101051949123100x2", out));
}

static void test_seal(void **state)
{
	uint8_t key[PERSONAL_KEY_BYTES], other[PERSONAL_KEY_BYTES], nonce[PERSONAL_NONCE_BYTES];
	char h1[PERSONAL_HASH_HEX], h2[PERSONAL_HASH_HEX], h3[PERSONAL_HASH_HEX];
	struct arena a;
	const char *sealed, *again;
	char *broken;

	(void)state;
	assert_true(sodium_init() >= 0);
	arena_init(&a);
	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	memset(nonce, 1, sizeof(nonce));
	sealed = personal_seal(&a, key, nonce, "11010519491231002X");
	assert_int_equal(strncmp(sealed, "v1:", 3), 0);
	assert_null(strstr(sealed, "002X"));
	assert_string_equal(personal_open(&a, key, sealed), "11010519491231002X");
	/* another nonce, another text; the same value */
	nonce[0] = 2;
	again = personal_seal(&a, key, nonce, "11010519491231002X");
	assert_string_not_equal(sealed, again);
	assert_string_equal(personal_open(&a, key, again), "11010519491231002X");
	/* a wrong key, a changed character, not ours */
	assert_null(personal_open(&a, other, sealed));
	broken = arena_strdup(&a, sealed);
	broken[10] = broken[10] == 'A' ? 'B' : 'A';
	assert_null(personal_open(&a, key, broken));
	assert_null(personal_open(&a, key, "11010519491231002X"));
	assert_null(personal_open(&a, key, "v1:"));
	assert_null(personal_open(&a, key, NULL));
	/* the hash: equal for equal values under one key, else not */
	personal_hash(key, "11010519491231002X", h1);
	personal_hash(key, "11010519491231002X", h2);
	personal_hash(other, "11010519491231002X", h3);
	assert_string_equal(h1, h2);
	assert_string_not_equal(h1, h3);
	assert_int_equal(strlen(h1), 64);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_secondment),
	    cmocka_unit_test(test_id),
	    cmocka_unit_test(test_seal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

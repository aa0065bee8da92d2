/* Tests src/core/people.c and src/core/personal_seal.c: the counts against the approved
 * figures (each rule at its edge), secondment dates, ID numbers as typed, sealing in both
 * formats (SM4 against GB/T 32907-2016's example, the v2 layout against a text made with the
 * openssl command line, a tampered box refused, v1 and v2 read side by side) and the keyed
 * hash. */
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
	/* the article of the seed each rule comes from: 领导职数 and 内设机构 art. 7, 聘任 leaders
	 * art. 8, 员额总控 art. 10 */
	assert_non_null(strstr(people_rule_message(PEOPLE_OVER_LEADERS), "第七条"));
	assert_non_null(strstr(people_rule_message(PEOPLE_OVER_BODIES), "第七条"));
	assert_non_null(strstr(people_rule_message(PEOPLE_HIRED_LEADER), "第八条"));
	assert_string_equal(people_rule_message(PEOPLE_OVER_QUOTA),
	                    "在册人数不得超过核定的员额（第十条 员额总控）");
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
	sealed = personal_seal(&a, PERSONAL_SECRETBOX, key, nonce, "11010519491231002X");
	assert_int_equal(strncmp(sealed, "v1:", 3), 0);
	assert_null(strstr(sealed, "002X"));
	assert_string_equal(personal_open(&a, key, sealed), "11010519491231002X");
	/* another nonce, another text; the same value */
	nonce[0] = 2;
	again = personal_seal(&a, PERSONAL_SECRETBOX, key, nonce, "11010519491231002X");
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

static void test_sm4_known_answer(void **state)
{
	/* GB/T 32907-2016 附录A 示例1: key = plaintext = 0123456789abcdeffedcba9876543210, the
	 * ciphertext 681edf34d206965e86b3e94f536e4246. CTR with the plaintext as its counter over
	 * a zero block gives the block's encryption. */
	static const uint8_t k[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	                              0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10};
	static const uint8_t c[16] = {0x68, 0x1e, 0xdf, 0x34, 0xd2, 0x06, 0x96, 0x5e,
	                              0x86, 0xb3, 0xe9, 0x4f, 0x53, 0x6e, 0x42, 0x46};
	uint8_t zero[16] = {0}, out[16], back[16];

	(void)state;
	assert_int_equal(personal_sm4_ctr(k, k, zero, 16, out), 0);
	assert_memory_equal(out, c, 16);
	/* and decrypting is encrypting again */
	assert_int_equal(personal_sm4_ctr(k, k, out, 16, back), 0);
	assert_memory_equal(back, zero, 16);
}

/* made with OpenSSL 3.0.19's command line, key 07…07 and counter 01…01:
 *   ENC=$(printf 'kfq personal v2 sm4' | openssl dgst -sm3 -mac HMAC -macopt hexkey:07…07)
 *   MAC=$(printf 'kfq personal v2 mac' | openssl dgst -sm3 -mac HMAC -macopt hexkey:07…07)
 *   CT=$(printf '11010519491231002X' | openssl enc -sm4-ctr -K <ENC's first 32 digits> -iv 01…01)
 *   TAG=$(printf 'v2:' ‖ 01…01 ‖ CT | openssl dgst -sm3 -mac HMAC -macopt hexkey:MAC)
 *   "v2:" base64(01…01 ‖ CT ‖ TAG) */
#define V2_EXPECTED                                                                                \
	"v2:AQEBAQEBAQEBAQEBAQEBAW8slEzrrvttqeEh+KnQzKF6LVfRntvhzfObxEUHNEd8HA6YGMO/"              \
	"zqFf25wLpm69Efe1"

static void test_seal_v2(void **state)
{
	uint8_t key[PERSONAL_KEY_BYTES], other[PERSONAL_KEY_BYTES], nonce[PERSONAL_NONCE_BYTES];
	struct arena a;
	const char *v1, *v2, *again;
	char *broken;

	(void)state;
	assert_true(sodium_init() >= 0);
	arena_init(&a);
	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	memset(nonce, 1, sizeof(nonce));
	v2 = personal_seal(&a, PERSONAL_SM4, key, nonce, "11010519491231002X");
	/* "v2:" + base64(counter 01…01 ‖ SM4-CTR under HMAC-SM3(key, "kfq personal v2 sm4")'s
	 * first 16 bytes ‖ HMAC-SM3(HMAC-SM3(key, "kfq personal v2 mac"), "v2:" ‖ counter ‖
	 * ciphertext)), as `openssl enc -sm4-ctr` and `openssl dgst -sm3 -mac HMAC` make it */
	assert_string_equal(v2, V2_EXPECTED);
	assert_int_equal(personal_sealed_format(v2), PERSONAL_SM4);
	assert_string_equal(personal_open(&a, key, v2), "11010519491231002X");
	nonce[0] = 2;
	again = personal_seal(&a, PERSONAL_SM4, key, nonce, "11010519491231002X");
	assert_string_not_equal(v2, again);
	assert_string_equal(personal_open(&a, key, again), "11010519491231002X");
	/* a wrong key; a changed character in the ciphertext, in the MAC; a prefix alone */
	assert_null(personal_open(&a, other, v2));
	broken = arena_strdup(&a, v2);
	broken[30] = broken[30] == 'A' ? 'B' : 'A';
	assert_null(personal_open(&a, key, broken));
	broken = arena_strdup(&a, v2);
	broken[strlen(broken) - 5] = broken[strlen(broken) - 5] == 'A' ? 'B' : 'A';
	assert_null(personal_open(&a, key, broken));
	assert_null(personal_open(&a, key, "v2:"));
	/* the formats side by side: each opens under the same key, the prefix decides */
	v1 = personal_seal(&a, PERSONAL_SECRETBOX, key, nonce, "110105194912310029");
	assert_int_equal(personal_sealed_format(v1), PERSONAL_SECRETBOX);
	assert_string_equal(personal_open(&a, key, v1), "110105194912310029");
	assert_string_equal(personal_open(&a, key, again), "11010519491231002X");
	assert_int_equal(personal_sealed_format("v3:AAAA"), 0);
	arena_release(&a);
}

/* 编办's approval tells the zone's roster keepers. */
static void test_staffing_item(void **state)
{
	struct inbox_item it;
	struct arena a;

	(void)state;
	arena_init(&a);
	people_staffing_item(5, 11, "经开区", 2026, "抚编发〔2026〕9号", false, &a, &it);
	assert_string_equal(it.kind, "staffing_approved");
	assert_string_equal(
	    it.title, "经开区2026年度机构编制已核定（抚编发〔2026〕9号），请按核定数配备人员");
	assert_string_equal(it.link, "/staffing?year=2026");
	assert_string_equal(it.entity_type, "staffing");
	assert_int_equal(it.entity_id, 5);
	assert_int_equal(it.nto, 1);
	assert_int_equal(it.to[0].org_id, 11);
	assert_true(it.to[0].perm == PERM_PEOPLE_WRITE);
	people_staffing_item(5, 11, "经开区", 2026, "抚编发〔2026〕9号", true, &a, &it);
	assert_non_null(strstr(it.title, "机构编制已调整"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_staffing_item), cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_secondment),    cmocka_unit_test(test_id),
	    cmocka_unit_test(test_seal),          cmocka_unit_test(test_sm4_known_answer),
	    cmocka_unit_test(test_seal_v2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

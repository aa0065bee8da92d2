/* Tests src/core/audit_chain.c: the canonical form, a worked hash, each kind of tampering
 * (edit, delete, reorder, truncate) on an in-memory chain, and checkpoints held against it. */
#include "core/audit_chain.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#define N 4

struct chain {
	struct audit_rec rec[N];
	char canon[N][512];
	char hash[N][AUDIT_HASH_HEX];
	char prev[N][AUDIT_HASH_HEX];
};

static void build_after(struct chain *c, const char *after)
{
	static const char *const ids[N] = {"1", "2", "3", "4"};
	const char *prev = AUDIT_GENESIS;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < N; i++) {
		struct audit_rec *r = &c->rec[i];
		struct strbuf sb = STRBUF_INIT;
		strcpy(c->prev[i], prev);
		r->seq = i + 1;
		r->time = "2026-11-28T03:00:00Z";
		r->user_id = 1;
		r->username = "admin";
		r->org_id = 2;
		r->client_addr = "127.0.0.1";
		r->action = "create";
		r->entity_type = "org";
		r->entity_id = ids[i];
		r->after_json = after;
		r->prev_hash = c->prev[i];
		audit_canonical(r, &sb);
		strcpy(c->canon[i], sb.buf);
		audit_hash(prev, sb.buf, sb.len, c->hash[i]);
		prev = c->hash[i];
		strbuf_release(&sb);
	}
}

static void build(struct chain *c)
{
	build_after(c, "{\"name\":\"市商务局\"}");
}

static bool verify_cp(struct chain *c, const int *order, int n, int64_t head_seq, const char *head,
                      struct audit_checkpoint *cps, size_t ncps, struct audit_verify *v)
{
	audit_verify_init(v);
	audit_verify_expect(v, cps, ncps);
	for (int i = 0; i < n; i++) {
		int k = order[i];
		if (!audit_verify_row(v, &c->rec[k], c->hash[k]))
			return false;
	}
	return audit_verify_head(v, head_seq, head);
}

static bool verify(struct chain *c, const int *order, int n, int64_t head_seq, const char *head,
                   struct audit_verify *v)
{
	return verify_cp(c, order, n, head_seq, head, NULL, 0, v);
}

static void checkpoint(struct audit_checkpoint *cp, int64_t seq, const char *hash)
{
	memset(cp, 0, sizeof(*cp));
	cp->seq = seq;
	strcpy(cp->hash, hash);
}

static void test_canonical_form(void **state)
{
	(void)state;
	struct chain c;
	build(&c);
	assert_string_equal(
	    c.canon[0], "{\"action\":\"create\",\"after\":{\"name\":\"市商务局\"},\"before\":null,"
	                "\"client_addr\":\"127.0.0.1\",\"entity_id\":\"1\",\"entity_type\":\"org\","
	                "\"org_id\":2,\"prev_hash\":\"" AUDIT_GENESIS "\",\"seq\":1,"
	                "\"time\":\"2026-11-28T03:00:00Z\",\"user_id\":1,\"username\":\"admin\"}");
	/* the hash is SHA-256 over prev_hash, a newline and the canonical form */
	unsigned char h[32];
	char hex[65], msg[600];
	snprintf(msg, sizeof(msg), "%s\n%s", AUDIT_GENESIS, c.canon[0]);
	crypto_hash_sha256(h, (const unsigned char *)msg, strlen(msg));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	assert_string_equal(c.hash[0], hex);
}

static void test_intact_chain_verifies(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	int order[N] = {0, 1, 2, 3};
	build(&c);
	assert_true(verify(&c, order, N, N, c.hash[N - 1], &v));
	assert_int_equal(v.count, N);
	assert_string_equal(v.head, c.hash[N - 1]);
	assert_int_equal(v.broken_seq, 0);
}

static void test_edited_record_is_detected(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	int order[N] = {0, 1, 2, 3};
	build(&c);
	c.rec[2].entity_id = "99"; /* a column changed, its hash left */
	assert_false(verify(&c, order, N, N, c.hash[N - 1], &v));
	assert_int_equal(v.broken_seq, 3);
	assert_string_equal(v.reason, "记录内容与其哈希不一致（记录或其哈希被篡改）");
	/* and its hash written for the change: the next record no longer follows it */
	struct strbuf sb = STRBUF_INIT;
	audit_canonical(&c.rec[2], &sb);
	audit_hash(c.prev[2], sb.buf, sb.len, c.hash[2]);
	strbuf_release(&sb);
	assert_false(verify(&c, order, N, N, c.hash[N - 1], &v));
	assert_int_equal(v.broken_seq, 4);
	assert_string_equal(v.reason, "与上一条记录的哈希不衔接（记录被删除、插入或调换）");
}

static void test_deleted_record_is_detected(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	int order[N - 1] = {0, 2, 3};
	build(&c);
	assert_false(verify(&c, order, N - 1, N, c.hash[N - 1], &v));
	assert_int_equal(v.broken_seq, 2);
}

static void test_swapped_records_are_detected(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	int order[N] = {0, 2, 1, 3};
	build(&c);
	/* swap contents but keep seq numbers in order, as an UPDATE of two rows would */
	c.rec[1].seq = 3;
	c.rec[2].seq = 2;
	assert_false(verify(&c, order, N, N, c.hash[N - 1], &v));
	assert_int_equal(v.broken_seq, 2);
}

static void test_truncated_tail_is_detected_by_head(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	int order[N] = {0, 1, 2, 3};
	build(&c);
	assert_false(verify(&c, order, N - 1, N, c.hash[N - 1], &v));
	assert_int_equal(v.broken_seq, N);
	assert_non_null(strstr(v.reason, "最新记录被删除"));
}

static void test_checkpoints_held(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	struct audit_checkpoint cps[3];
	int order[N] = {0, 1, 2, 3};
	build(&c);
	/* given in any order; one by hash only, as --expect gives it */
	checkpoint(&cps[0], 4, c.hash[3]);
	checkpoint(&cps[1], 0, c.hash[2]);
	checkpoint(&cps[2], 2, c.hash[1]);
	assert_true(verify_cp(&c, order, N, N, c.hash[N - 1], cps, 3, &v));
	assert_null(v.cp_failed);
	for (int i = 0; i < 3; i++)
		assert_true(cps[i].held);
}

static void test_cut_tail_with_rewritten_head_needs_a_checkpoint(void **state)
{
	(void)state;
	struct chain c;
	struct audit_verify v;
	struct audit_checkpoint cp;
	int order[N] = {0, 1, 2, 3};
	build(&c);
	/* records 3 and 4 deleted and the head set to record 2: consistent on its own */
	assert_true(verify(&c, order, 2, 2, c.hash[1], &v));
	assert_int_equal(v.count, 2);
	/* the checkpoint taken when there were four records says otherwise */
	checkpoint(&cp, 4, c.hash[3]);
	assert_false(verify_cp(&c, order, 2, 2, c.hash[1], &cp, 1, &v));
	assert_int_equal(v.broken_seq, 0);
	assert_ptr_equal(v.cp_failed, &cp);
	assert_non_null(strstr(v.cp_reason, "日志被截断"));
	/* and so does the head hash written down then, by hash alone */
	checkpoint(&cp, 0, c.hash[3]);
	assert_false(verify_cp(&c, order, 2, 2, c.hash[1], &cp, 1, &v));
	assert_non_null(strstr(v.cp_reason, "没有这个哈希"));
}

static void test_rewritten_chain_fails_its_checkpoint(void **state)
{
	(void)state;
	struct chain c, forged;
	struct audit_verify v;
	struct audit_checkpoint cps[2];
	int order[N] = {0, 1, 2, 3};
	build(&c);
	/* every record rewritten and every hash recomputed: the chain itself verifies */
	build_after(&forged, "{\"name\":\"别的单位\"}");
	assert_true(verify(&forged, order, N, N, forged.hash[N - 1], &v));
	checkpoint(&cps[0], 1, c.hash[0]);
	checkpoint(&cps[1], 3, c.hash[2]);
	assert_false(verify_cp(&forged, order, N, N, forged.hash[N - 1], cps, 2, &v));
	assert_int_equal(v.cp_failed->seq, 1);
	assert_non_null(strstr(v.cp_reason, "日志被改写"));
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_canonical_form),
	    cmocka_unit_test(test_intact_chain_verifies),
	    cmocka_unit_test(test_edited_record_is_detected),
	    cmocka_unit_test(test_deleted_record_is_detected),
	    cmocka_unit_test(test_swapped_records_are_detected),
	    cmocka_unit_test(test_truncated_tail_is_detected_by_head),
	    cmocka_unit_test(test_checkpoints_held),
	    cmocka_unit_test(test_cut_tail_with_rewritten_head_needs_a_checkpoint),
	    cmocka_unit_test(test_rewritten_chain_fails_its_checkpoint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

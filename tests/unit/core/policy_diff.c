/* Tests src/core/policy_diff.c: the character diff (Myers, deletions before insertions, short
 * equal runs folded, invalid bytes, the edit cap), the pairing of articles (same text, same
 * title, similarity at its thresholds, moves) and the whole diff of the seed draft against its
 * revision (tests/data/fushun-devzone-reform-revised-2025.txt: articles 3, 10 and 14 changed,
 * 9 removed, a new 13, 18 moved to the front of 三、保障措施), written out entry by entry. */
#include "core/policy_diff.h"
#include "policy_check.h"

#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* A segment as expected: op and text. */
struct want {
	enum policy_diff_op op;
	const char *text;
};
#define EQ(s)                                                                                      \
	{                                                                                          \
		POLICY_DIFF_EQUAL, s                                                               \
	}
#define DEL(s)                                                                                     \
	{                                                                                          \
		POLICY_DIFF_DELETE, s                                                              \
	}
#define INS(s)                                                                                     \
	{                                                                                          \
		POLICY_DIFF_INSERT, s                                                              \
	}
#define SEGS(...) ((const struct want[]){__VA_ARGS__, {POLICY_DIFF_EQUAL, NULL}})
#define NO_SEGS   ((const struct want[]){{POLICY_DIFF_EQUAL, NULL}})

static void check_segs(const struct policy_diff_segment *s, size_t n, const struct want *w)
{
	size_t k = 0;

	for (; w[k].text; k++) {
		if (k >= n)
			fail_msg("segment %zu missing (want %d '%s')", k, w[k].op, w[k].text);
		if (s[k].op != w[k].op || s[k].len != strlen(w[k].text) ||
		    memcmp(s[k].text, w[k].text, s[k].len) != 0)
			fail_msg("segment %zu: got %d '%.*s', want %d '%s'", k, s[k].op,
			         (int)s[k].len, s[k].text, w[k].op, w[k].text);
	}
	assert_int_equal(n, k);
}

static void check_chars(const char *x, const char *y, const struct want *w)
{
	struct arena a;
	struct policy_diff_segment *s;
	size_t n;

	arena_init(&a);
	policy_diff_chars(&a, x, strlen(x), y, strlen(y), &s, &n);
	check_segs(s, n, w);
	arena_release(&a);
}

static void test_chars(void **state)
{
	(void)state;
	check_chars("明确职责边界", "明确职责边界", SEGS(EQ("明确职责边界")));
	check_chars("", "", NO_SEGS);
	check_chars("", "牵头", SEGS(INS("牵头")));
	check_chars("牵头", "", SEGS(DEL("牵头")));
	/* one character each way: the deletion first */
	check_chars("理清边界", "厘清边界", SEGS(DEL("理"), INS("厘"), EQ("清边界")));
	check_chars("分工衔接", "分工和衔接", SEGS(EQ("分工"), INS("和"), EQ("衔接")));
	check_chars("abc", "axc", SEGS(EQ("a"), DEL("b"), INS("x"), EQ("c")));
	/* 确 between two one-character changes is as long as each: folded into one change */
	check_chars("甲确乙", "丙确丁", SEGS(DEL("甲确乙"), INS("丙确丁")));
	/* a two-character equal run between one-character changes stays */
	check_chars("甲确定乙", "丙确定丁",
	            SEGS(DEL("甲"), INS("丙"), EQ("确定"), DEL("乙"), INS("丁")));
	/* the edit between 市人社局；市委组织部 and 市委组织部；市人社局: 市 in common, then
	 * 人社局；市 deleted, 委组织部 kept, ；市人社局 inserted (10 edits, LCS 5); the kept run of
	 * 4 is not longer than the 5 on either side, so it is folded */
	check_chars("市人社局；市委组织部", "市委组织部；市人社局",
	            SEGS(EQ("市"), DEL("人社局；市委组织部"), INS("委组织部；市人社局")));
	/* bytes that are not UTF-8 are characters of their own and never equal each other */
	check_chars("a\xff"
	            "b",
	            "a\xfe"
	            "b",
	            SEGS(EQ("a"), DEL("\xff"), INS("\xfe"), EQ("b")));
}

/* Past POLICY_DIFF_MAX_EDITS the middle is one deletion and one insertion. */
static void test_chars_cap(void **state)
{
	(void)state;
	size_t n = POLICY_DIFF_MAX_EDITS / 2 + 1, ns;
	char *x = malloc(n + 3), *y = malloc(n + 3);
	struct arena a;
	struct policy_diff_segment *s;

	x[0] = y[0] = '<';
	memset(x + 1, 'a', n);
	memset(y + 1, 'b', n);
	x[n + 1] = y[n + 1] = '>';
	x[n + 2] = y[n + 2] = 0;
	arena_init(&a);
	policy_diff_chars(&a, x, n + 2, y, n + 2, &s, &ns);
	assert_int_equal(ns, 4);
	assert_int_equal(s[0].op, POLICY_DIFF_EQUAL);
	assert_int_equal(s[1].op, POLICY_DIFF_DELETE);
	assert_int_equal(s[1].len, n);
	assert_int_equal(s[2].op, POLICY_DIFF_INSERT);
	assert_int_equal(s[2].len, n);
	assert_int_equal(s[3].op, POLICY_DIFF_EQUAL);
	/* one fewer edit than the cap: a real script (n - 1 of each, alternating runs) */
	x[n] = y[n] = 'c';
	policy_diff_chars(&a, x + 1, n, y + 1, n, &s, &ns);
	assert_int_equal(ns, 3);
	assert_int_equal(s[0].op, POLICY_DIFF_DELETE);
	assert_int_equal(s[0].len, n - 1);
	assert_int_equal(s[2].op, POLICY_DIFF_EQUAL);
	assert_int_equal(s[2].len, 1);
	arena_release(&a);
	free(x);
	free(y);
}

#define ART(num, ttl, txt)                                                                         \
	{                                                                                          \
		.number = num, .caption = txt, .title = ttl, .text = txt                           \
	}

static void run(struct arena *a, const struct policy_diff_article *o, size_t no,
                const struct policy_diff_article *n, size_t nn, struct policy_diff *d)
{
	arena_init(a);
	policy_diff_run(a, o, no, n, nn, d);
}

/* Expected entry: status, moved, old number, new number (0: none), similarity. */
static void check_entry(const struct policy_diff_entry *e, enum policy_diff_status st, bool moved,
                        int old_number, int new_number, int sim)
{
	assert_int_equal(e->status, st);
	assert_int_equal(e->moved, moved);
	assert_int_equal(e->old ? e->old->number : 0, old_number);
	assert_int_equal(e->new_ ? e->new_->number : 0, new_number);
	assert_int_equal(e->similarity_bp, sim);
}

static void test_similarity_thresholds(void **state)
{
	(void)state;
	struct arena a;
	struct policy_diff d;
	/* abcd / abef: 2 of 4 in common, 2·2/8 = 5000 bp: paired */
	const struct policy_diff_article o1[] = {ART(1, NULL, "abcd")},
	                                 n1[] = {ART(2, NULL, "abef")};
	run(&a, o1, 1, n1, 1, &d);
	assert_int_equal(d.n_entries, 1);
	check_entry(&d.entries[0], POLICY_DIFF_CHANGED, false, 1, 2, 5000);
	arena_release(&a);

	/* abcdef / abcxyzuvw: 2·3/15 = 4000 bp: not paired under another number ... */
	const struct policy_diff_article o2[] = {ART(1, NULL, "abcdef")},
	                                 n2[] = {ART(2, NULL, "abcxyzuvw")};
	run(&a, o2, 1, n2, 1, &d);
	assert_int_equal(d.n_entries, 2);
	check_entry(&d.entries[0], POLICY_DIFF_ADDED, false, 0, 2, 0);
	check_entry(&d.entries[1], POLICY_DIFF_REMOVED, false, 1, 0, 0);
	assert_int_equal(d.n_added, 1);
	assert_int_equal(d.n_removed, 1);
	arena_release(&a);
	/* ... but paired under the same number (at least 3000 bp) */
	const struct policy_diff_article n3[] = {ART(1, NULL, "abcxyzuvw")};
	run(&a, o2, 1, n3, 1, &d);
	assert_int_equal(d.n_entries, 1);
	check_entry(&d.entries[0], POLICY_DIFF_CHANGED, false, 1, 1, 4000);
	arena_release(&a);
	/* abcdefghij / abcpqrstuv, the same number: 2·3/20 = 3000 bp, paired; one more different
	 * character (abpqrstuvw, 2000 bp) is not */
	const struct policy_diff_article o4[] = {ART(1, NULL, "abcdefghij")},
	                                 n4[] = {ART(1, NULL, "abcpqrstuv")},
	                                 n5[] = {ART(1, NULL, "abpqrstuvw")};
	run(&a, o4, 1, n4, 1, &d);
	check_entry(&d.entries[0], POLICY_DIFF_CHANGED, false, 1, 1, 3000);
	arena_release(&a);
	run(&a, o4, 1, n5, 1, &d);
	assert_int_equal(d.n_entries, 2);
	arena_release(&a);
}

static void test_pairing(void **state)
{
	(void)state;
	struct arena a;
	struct policy_diff d;
	/* the same title pairs texts that share little; the same text pairs before it */
	const struct policy_diff_article o[] = {
	    ART(1, "甲", "甲。一二三四五六"),
	    ART(2, "乙", "乙。七八九十"),
	    ART(3, "丙", "丙。子丑寅卯"),
	    ART(4, "丁", "丁。辰巳午未"),
	};
	const struct policy_diff_article n[] = {
	    ART(1, "乙", "乙。七八九十"),
	    ART(2, "丙", "丙。子丑寅卯"),
	    ART(3, "甲", "甲。天地玄黄"),
	    ART(4, "丁", "丁。辰巳午未"),
	};
	run(&a, o, 4, n, 4, &d);
	assert_int_equal(d.n_entries, 4);
	/* 甲 went after 乙 and 丙: the run 乙 丙 丁 keeps its order, 甲 moved */
	check_entry(&d.entries[0], POLICY_DIFF_UNCHANGED, false, 2, 1, 10000);
	check_entry(&d.entries[1], POLICY_DIFF_UNCHANGED, false, 3, 2, 10000);
	/* 甲。 in common, 8 and 6 code points: 2·2·10000/14 = 2857 bp */
	check_entry(&d.entries[2], POLICY_DIFF_CHANGED, true, 1, 3, 2857);
	check_segs(d.entries[2].segs, d.entries[2].n_segs,
	           SEGS(EQ("甲。"), DEL("一二三四五六"), INS("天地玄黄")));
	check_entry(&d.entries[3], POLICY_DIFF_UNCHANGED, false, 4, 4, 10000);
	assert_int_equal(d.n_moved, 1);
	assert_int_equal(d.n_changed, 1);
	assert_int_equal(d.n_unchanged, 3);
	arena_release(&a);

	/* duplicates pair in order; a removed article stays where it stood */
	const struct policy_diff_article o2[] = {ART(1, NULL, "同"), ART(2, NULL, "去"),
	                                         ART(3, NULL, "同")};
	const struct policy_diff_article n2[] = {ART(1, NULL, "同"), ART(2, NULL, "同"),
	                                         ART(3, NULL, "来")};
	run(&a, o2, 3, n2, 3, &d);
	assert_int_equal(d.n_entries, 4);
	check_entry(&d.entries[0], POLICY_DIFF_UNCHANGED, false, 1, 1, 10000);
	check_entry(&d.entries[1], POLICY_DIFF_REMOVED, false, 2, 0, 0);
	check_entry(&d.entries[2], POLICY_DIFF_UNCHANGED, false, 3, 2, 10000);
	check_entry(&d.entries[3], POLICY_DIFF_ADDED, false, 0, 3, 0);
	arena_release(&a);

	/* nothing on either side */
	run(&a, NULL, 0, NULL, 0, &d);
	assert_int_equal(d.n_entries, 0);
	arena_release(&a);
}

/* The seed against its revision, every entry. */
static void test_seed_revision(void **state)
{
	(void)state;
	size_t lo, ln;
	char *old = policy_check_slurp("fushun-devzone-reform-draft-2025.txt", &lo);
	char *new_ = policy_check_slurp("fushun-devzone-reform-revised-2025.txt", &ln);
	struct arena a;
	struct policy_doc d_old, d_new;
	struct policy_diff d;
	const struct policy_diff_entry *e;

	arena_init(&a);
	assert_int_equal(policy_parse(old, lo, &a, &d_old), KFQ_OK);
	assert_int_equal(policy_parse(new_, ln, &a, &d_new), KFQ_OK);
	policy_diff_docs(&a, &d_old, &d_new, &d);
	assert_int_equal(d.n_entries, 19);
	assert_int_equal(d.n_unchanged, 14);
	assert_int_equal(d.n_changed, 3);
	assert_int_equal(d.n_added, 1);
	assert_int_equal(d.n_removed, 1);
	assert_int_equal(d.n_moved, 1);
	for (int k = 0; k < 8; k++)
		if (k != 2)
			check_entry(&d.entries[k], POLICY_DIFF_UNCHANGED, false, k + 1, k + 1,
			            10000);

	/* 3: 理清 -> 厘清, 分工衔接 -> 分工和衔接; 143 and 144 code points, 3 edits:
	 * (287 - 3) · 10000 / 287 = 9895 */
	e = &d.entries[2];
	check_entry(e, POLICY_DIFF_CHANGED, false, 3, 3, 9895);
	assert_string_equal(e->old->caption, "明确职责边界");
	assert_string_equal(e->old->part, "二、重点改革任务");
	assert_string_equal(e->old->group, "（二）深化事权制度改革");
	check_segs(e->segs, e->n_segs,
	           SEGS(EQ("明确职责边界。"), DEL("理"), INS("厘"),
	                EQ("清开发区与所在县(区)政府的职责边界,市政府指导形成开发区与所在县(区)"
	                   "政府之间的权责清单,明确职责分工"),
	                INS("和"),
	                EQ("衔接流程。支持开发区管委会建立健全所在地政府部门乡镇(街道)协调配合交叉"
	                   "任职等工作机制\n牵头单位：市委编办\n责任单位：各县(区)党委、政府；"
	                   "各省级开发区党工委、管委会")));

	/* 9 removed, where it stood */
	e = &d.entries[8];
	check_entry(e, POLICY_DIFF_REMOVED, false, 9, 0, 0);
	assert_string_equal(e->old->caption, "创新人才选拔机制");
	assert_int_equal(e->n_segs, 1);
	assert_int_equal(e->segs[0].op, POLICY_DIFF_DELETE);

	/* 10, now 9: 地方 -> 所在县(区), its lead units in the other order; 305 and 309 code
	 * points, 2 + 6 + 10 edits: (614 - 18) · 10000 / 614 = 9706 */
	e = &d.entries[9];
	check_entry(e, POLICY_DIFF_CHANGED, false, 10, 9, 9706);
	assert_int_equal(e->n_segs, 7);
	check_segs(e->segs + 1, 2, SEGS(DEL("地方"), INS("所在县(区)")));
	assert_int_equal(e->segs[3].op, POLICY_DIFF_EQUAL);
	assert_true(strncmp(e->segs[3].text, "政府研究并报同级党委", 30) == 0);
	check_segs(e->segs + 4, 3,
	           SEGS(DEL("人社局；市委组织部"), INS("委组织部；市人社局"),
	                EQ("\n责任单位：各县(区)党委、政府；各省级开发区党工委、管委会")));

	/* 11 to 13 renumbered 10 to 12, unchanged */
	for (int k = 0; k < 3; k++)
		check_entry(&d.entries[10 + k], POLICY_DIFF_UNCHANGED, false, 11 + k, 10 + k,
		            10000);

	/* the new 13 */
	e = &d.entries[13];
	check_entry(e, POLICY_DIFF_ADDED, false, 0, 13, 0);
	check_segs(e->segs, e->n_segs,
	           SEGS(INS("推进开发区数字化管理。建设全市开发区统一的数字化管理平台,实现项目、"
	                    "企业、土地等数据一网统管。\n牵头单位：市数据局(市营商局)\n责任单位："
	                    "各省级开发区党工委、管委会")));
	assert_string_equal(e->new_->group, "（五）深化市场化运营模式创新");

	/* 14: 以此作为 … 的依据 -> 作为 … 的主要依据; 263 code points each, 4 edits:
	 * (526 - 4) · 10000 / 526 = 9923 */
	e = &d.entries[14];
	check_entry(e, POLICY_DIFF_CHANGED, false, 14, 14, 9923);
	assert_int_equal(e->n_segs, 5);
	check_segs(e->segs + 1, 3, SEGS(DEL("以此"), EQ("作为核定绩效薪酬总额的"), INS("主要")));

	check_entry(&d.entries[15], POLICY_DIFF_UNCHANGED, false, 15, 15, 10000);
	/* 三、保障措施: 18 now first (moved), 16 and 17 after it (renumbered only) */
	check_entry(&d.entries[16], POLICY_DIFF_UNCHANGED, true, 18, 16, 10000);
	assert_string_equal(d.entries[16].new_->caption, "建立创新容错机制");
	assert_string_equal(d.entries[16].new_->part, "三、保障措施");
	assert_null(d.entries[16].new_->group);
	check_entry(&d.entries[17], POLICY_DIFF_UNCHANGED, false, 16, 17, 10000);
	check_entry(&d.entries[18], POLICY_DIFF_UNCHANGED, false, 17, 18, 10000);

	/* the reverse: what was added is removed, the moved one is still the one moved */
	policy_diff_docs(&a, &d_new, &d_old, &d);
	assert_int_equal(d.n_added, 1);
	assert_int_equal(d.n_removed, 1);
	assert_int_equal(d.n_changed, 3);
	assert_int_equal(d.n_moved, 1);
	check_entry(&d.entries[8], POLICY_DIFF_ADDED, false, 0, 9, 0);
	check_entry(&d.entries[9], POLICY_DIFF_CHANGED, false, 9, 10, 9706);
	arena_release(&a);
	free(old);
	free(new_);
}

/* An article's compared text: title, body, units, scope and deadline. */
static void test_article_text(void **state)
{
	(void)state;
	struct arena a;
	const char *lead[] = {"市财政局"}, *resp[] = {"市发改委", "各县(区)党委、政府"};
	struct policy_article art = {.number = 5,
	                             .short_title = "规范财政管理体制",
	                             .body = "鼓励开发区创新。",
	                             .lead_units = lead,
	                             .n_lead_units = 1,
	                             .responsible_units = resp,
	                             .n_responsible_units = 2,
	                             .deadline = "2025年底前"};

	arena_init(&a);
	assert_string_equal(policy_diff_article_text(&a, &art),
	                    "规范财政管理体制。鼓励开发区创新。\n牵头单位：市财政局\n责任单位："
	                    "市发改委；各县(区)党委、政府\n完成时限：2025年底前");
	art.short_title = NULL;
	art.n_lead_units = art.n_responsible_units = 0;
	art.deadline = NULL;
	art.scope = "各省级开发区";
	assert_string_equal(policy_diff_article_text(&a, &art),
	                    "鼓励开发区创新。\n适用范围：各省级开发区");
	assert_string_equal(policy_diff_status_name(POLICY_DIFF_REMOVED), "removed");
	assert_string_equal(policy_diff_op_name(POLICY_DIFF_INSERT), "insert");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chars),
	    cmocka_unit_test(test_chars_cap),
	    cmocka_unit_test(test_similarity_thresholds),
	    cmocka_unit_test(test_pairing),
	    cmocka_unit_test(test_seed_revision),
	    cmocka_unit_test(test_article_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

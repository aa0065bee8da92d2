/* Tests src/core/print_title.c: real titles broken as an office would break them (the seed's
 * policy, its consultation notice, a 国务院办公厅 title, notices of this platform), and the rules
 * every arrangement keeps: the width, no lone character, no closing mark first, lengths that
 * rise, fall or rise then fall, every character kept. */
#include "core/print_title.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

/* The lines of title joined by '|'. */
static const char *broken(struct arena *a, const char *title, int per_line)
{
	struct print_title_line *l;
	int n = print_title_break(title, per_line, a, &l);
	char *out = arena_alloc(a, strlen(title) + (size_t)n + 1), *p = out;

	for (int i = 0; i < n; i++) {
		if (i)
			*p++ = '|';
		memcpy(p, title + l[i].off, l[i].len);
		p += l[i].len;
	}
	*p = 0;
	return out;
}

static void is(const char *title, const char *want)
{
	struct arena a;

	arena_init(&a);
	assert_string_equal(broken(&a, title, 20), want);
	arena_release(&a);
}

static void test_one_line(void **state)
{
	(void)state;
	is("关于加快推进园区整合的督办通知", "关于加快推进园区整合的督办通知");
	/* 20 characters fill the line; digits count half */
	is("关于开展2026年度开发区考核评价工作的通知", "关于开展2026年度开发区考核评价工作的通知");
	is("", "");
	is("督办", "督办");
}

static void test_real_titles(void **state)
{
	(void)state;
	/* the seed's policy: the organs on the first line with 关于, the matter below */
	is("中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的意见",
	   "中共抚顺市委 抚顺市人民政府关于|深化开发区体制机制改革的意见");
	/* the seed's consultation notice: three lines, 菱形, the book title split between words */
	is("关于对《中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的意见》征求意见的公告",
	   "关于对《中共抚顺市委 抚顺市|人民政府关于深化开发区体制机制|改革的意见》征求意见的公告");
	/* 国办发〔2019〕39号's title: 电视电话会议 and “放管服” kept whole, 正梯形 */
	is("国务院办公厅关于印发全国深化“放管服”改革转变政府职能电视电话会议重点任务分工方案的通知",
	   "国务院办公厅关于印发全国|深化“放管服”改革转变政府职能|"
	   "电视电话会议重点任务分工方案的通知");
	/* notices: balanced 倒梯形, 2026年 and 第四季度 whole */
	is("关于抚顺经济开发区加快推进园区整合工作的督办通知",
	   "关于抚顺经济开发区加快推进|园区整合工作的督办通知");
	is("关于报送2026年第四季度开发区改革工作进展情况的督办通知",
	   "关于报送2026年第四季度开发区|改革工作进展情况的督办通知");
	is("关于健全财力分成机制加快推进财政管理体制改革的督办通知",
	   "关于健全财力分成机制加快推进|财政管理体制改革的督办通知");
	is("关于抚顺胜利经济开发区（示例）“一区一策”计划第3项节点逾期未完成的督办通知",
	   "关于抚顺胜利经济开发区|（示例）“一区一策”计划|第3项节点逾期未完成的督办通知");
}

static void test_no_arrangement(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	/* a word longer than the line is cut at the width */
	assert_string_equal(broken(&a, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", 20),
	                    "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN|OPQRSTUVWXYZ");
	/* a single character left over goes down with the one before it */
	assert_string_equal(broken(&a, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO", 20),
	                    "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM|NO");
	arena_release(&a);
}

/* Every arrangement keeps the rules. */
static void check_rules(const char *title, int per_line)
{
	struct print_title_line *l;
	struct arena a;
	size_t covered = 0;
	int n;

	arena_init(&a);
	n = print_title_break(title, per_line, &a, &l);
	assert_true(n >= 1);
	for (int i = 0; i < n; i++) {
		assert_true(l[i].width <= 2 * per_line);
		int chars = 0;
		for (size_t k = 0; k < l[i].len; k++)
			chars += ((unsigned char)title[l[i].off + k] & 0xC0) != 0x80;
		if (n > 1)
			assert_true(chars >= 2); /* never one character alone */
		/* nothing lost between lines but the spaces at the break */
		for (size_t k = covered; k < l[i].off; k++)
			assert_int_equal(title[k], ' ');
		covered = l[i].off + l[i].len;
		/* no line starts with a closing mark */
		assert_false(
		    !strncmp(title + l[i].off, "，", 3) || !strncmp(title + l[i].off, "》", 3) ||
		    !strncmp(title + l[i].off, "”", 3) || !strncmp(title + l[i].off, "）", 3));
	}
	assert_int_equal(covered, strlen(title));
	/* 梯形 or 菱形: no line shorter than both its neighbours */
	for (int i = 1; i + 1 < n; i++)
		assert_false(l[i].width < l[i - 1].width && l[i].width < l[i + 1].width);
	arena_release(&a);
}

static void test_rules(void **state)
{
	static const char *const titles[] = {
	    "关于进一步深化开发区体制机制改革推动开发区高质量发展的实施意见",
	    "关于印发《抚顺市开发区“一区一策”“一区一单”管理办法（试行）》的通知",
	    "关于对抚顺高新技术产业开发区、抚顺经济开发区、抚顺胜利经济开发区开展专项督查的通报",
	    "关于2026年度开发区考核评价结果及奖优罚劣、容错免责有关事项的通知",
	    "关于腾笼换鸟盘活闲置资产提升亩均效益工作进展情况的督办通知",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		for (int per = 8; per <= 22; per += 2)
			check_rules(titles[i], per);
}

static void test_lexicon_sorted(void **state)
{
	const char *const *w;
	int n = print_title_lexicon(&w);

	(void)state;
	assert_true(n > 100);
	for (int i = 1; i < n; i++)
		assert_true(strcmp(w[i - 1], w[i]) < 0);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(print_title_width("督办〔2026〕3号"), 2 * 2 + 2 + 4 + 2 + 1 + 2);
	assert_int_equal(print_title_width(""), 0);
	assert_int_equal(print_title_width("ab 中"), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_line),       cmocka_unit_test(test_real_titles),
	    cmocka_unit_test(test_no_arrangement), cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_lexicon_sorted), cmocka_unit_test(test_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/print_doc.c: 成文日期 in Arabic numerals worked by hand, and a document
 * rendered with every part (版头, title lines, 主送, text, headings, a table, 附件说明, the
 * signature with room for the seal, 抄送 and 印发 in the 版记), its user text escaped and no
 * external resource anywhere. */
#include "core/print_doc.h"

#include "core/plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void date_is(const char *iso, const char *want)
{
	char buf[PRINT_DATE_MAX];

	print_date(plan_day(iso), buf);
	assert_string_equal(buf, want);
}

static void test_date(void **state)
{
	(void)state;
	/* GB/T 9704-2012 7.3.5.1: Arabic numerals, the year in full, no leading zeros */
	date_is("2026-11-30", "2026年11月30日");
	date_is("2026-01-01", "2026年1月1日");
	date_is("2026-12-05", "2026年12月5日");
	date_is("2000-02-29", "2000年2月29日");
	date_is("2026-10-10", "2026年10月10日");
	assert_int_equal(plan_day("2026-11-30"), 20787);
}

static bool has(const char *html, const char *part)
{
	return strstr(html, part) != NULL;
}

static void test_render(void **state)
{
	static const char *const head[] = {"开发区", "进展报告", "完成率"};
	static const char *const cells[] = {"抚顺经济开发区", "3", "45.00%",
	                                    "A&B<区>",        "0", "0.00%"};
	static const struct print_table table = {head, cells, 3, 2, "lrr"};
	static const struct print_block blocks[] = {
	    {PRINT_PARA, "第一段 & \"引号\"\n\n  \n第二段<b>加粗</b>", NULL},
	    {PRINT_HEADING1, "一、总体情况", NULL},
	    {PRINT_HEADING2, "（一）进展", NULL},
	    {PRINT_TABLE, NULL, &table},
	};
	static const char *const annex[] = {"整改台账.xlsx", "照片"};
	static const char *const cc[] = {"市纪委监委", "东洲区"};
	struct print_doc d = {
	    .organ = "抚顺市开发区体制机制改革工作专班办公室",
	    .number = "督办〔2026〕3号",
	    .title = "关于抚顺经济开发区加快推进园区整合工作的督办通知",
	    .to = "抚顺经济开发区",
	    .blocks = blocks,
	    .nblocks = 4,
	    .attachments = annex,
	    .nattachments = 2,
	    .signer = "抚顺市开发区体制机制改革工作专班办公室",
	    .date = plan_day("2026-11-30"),
	    .seal = true,
	    .cc = cc,
	    .ncc = 2,
	    .printer = "抚顺市开发区体制机制改革工作专班办公室",
	    .print_date = plan_day("2026-11-30"),
	    .note = "状态：待签收",
	};
	struct strbuf sb = STRBUF_INIT;
	struct arena a;
	const char *h;

	(void)state;
	arena_init(&a);
	print_doc_render(&d, &a, &sb);
	h = sb.buf;
	assert_true(!strncmp(h, "<!DOCTYPE html>", 15));
	assert_true(has(
	    h, "<title>督办〔2026〕3号 关于抚顺经济开发区加快推进园区整合工作的督办通知</title>"));
	/* 19 characters of the organ fit the 442 pt line at 23 pt */
	assert_true(has(h, "<p class=\"organ\" "
	                   "style=\"font-size:23pt\">抚顺市开发区体制机制改革工作专班办公室</p>"));
	assert_true(has(h, "<p class=\"number\">督办〔2026〕3号</p>"));
	assert_true(has(
	    h,
	    "<h1><span>关于抚顺经济开发区加快推进</span><span>园区整合工作的督办通知</span></h1>"));
	assert_true(has(h, "<p class=\"to\">抚顺经济开发区：</p>"));
	assert_true(
	    has(h, "<p>第一段 &amp; &quot;引号&quot;</p>\n<p>第二段&lt;b&gt;加粗&lt;/b&gt;</p>"));
	assert_true(has(h, "<h2>一、总体情况</h2>"));
	assert_true(has(h, "<h3>（一）进展</h3>"));
	assert_true(has(h, "<th>开发区</th><th>进展报告</th><th>完成率</th>"));
	assert_true(has(h, "<td class=\"l\">A&amp;B&lt;区&gt;</td><td class=\"r\">0</td>"));
	/* 附件说明: numbered, names without their extension */
	assert_true(has(h, "<p class=\"\">附件：1.整改台账</p>"));
	assert_true(has(h, "<p class=\"more\">2.照片</p>"));
	/* the date 4 characters from the right; the signature (19) centred over the date (7: its
	 * digits are half-width) would pass the right edge, so it ends there; the seal over the
	 * date's centre, 4 + 3.5 characters in */
	assert_true(has(h, "<p style=\"padding-right:4em\">2026年11月30日</p>"));
	assert_true(
	    has(h, "<p style=\"padding-right:0em\">抚顺市开发区体制机制改革工作专班办公室</p>"));
	assert_true(has(h, "<div class=\"sign sealed\">"));
	assert_true(has(h, "right:calc(7.5em - 21mm)"));
	assert_true(has(h, "<p class=\"cc\">抄送：市纪委监委，东洲区。</p>"));
	assert_true(has(h, "<span>2026年11月30日印发</span>"));
	assert_true(has(h, "<p class=\"note\">状态：待签收（打印时不显示）</p>"));
	assert_true(has(h, "@media print"));
	assert_true(has(h, "@page{size:A4;margin:37mm 26mm 35mm 28mm"));
	/* nothing from outside: no script, link, image, url() or remote font */
	assert_false(has(h, "<script") || has(h, "<link") || has(h, "<img") || has(h, "url(") ||
	             has(h, "http:") || has(h, "https:") || has(h, "@import") || has(h, "src=\""));
	assert_false(has(h, "<b>"));
	strbuf_reset(&sb);

	/* a draft: no number, no 版记 without cc and printer, no seal */
	d.number = NULL;
	d.ncc = 0;
	d.printer = NULL;
	d.seal = false;
	d.nattachments = 1;
	d.note = NULL;
	print_doc_render(&d, &a, &sb);
	h = sb.buf;
	assert_false(has(h, "class=\"number\""));
	assert_false(has(h, "class=\"banji\""));
	assert_false(has(h, "class=\"seal\""));
	assert_false(has(h, "class=\"note\""));
	assert_true(has(h, "<p class=\"\">附件：整改台账</p>"));
	assert_true(has(h, "<div class=\"sign\">"));
	strbuf_release(&sb);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date),
	    cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/policy_body.c on real documents: items whose title starts with digits, numbering
 * that skips or repeats (warned, items kept), (X) decided per group (article or heading), numerals
 * beyond 十, statutes whose 第X条 hold a list, title sentences, the closing, 文号 and date
 * around the body, and a text that prints two documents numbered each on its own. */
#include "core/policy_parse.h"
#include "policy_check.h"

#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* "11.121人才梯队项目。" (广州《关于推进人才集聚工程的实施意见》, 2012) is item 11 titled
 * 121人才梯队项目; so is issue 11's "7.100个重点项目攻坚行动。". Where the numbering does not
 * expect the number, digits after the marker are a decimal in the text. */
static void test_digit_titles(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "关于推进人才集聚工程的实施意见\n"
	    "10.“羊城学者”特聘岗位项目。根据我市战略性主导产业、重点学科和公共管理领域建设发展需"
	    "要，面向全市高校、科研机构和企事业单位择优设立50个“羊城学者”特聘岗位，遴选中青年优秀"
	    "学术人才、技术研发尖子，加快培养造就具有国际先进、国内领先水平的学科带头人、科技领军人"
	    "才，促进学科专业快速发展、企业自主创新和产学研结合。（牵头单位：市委组织部，配合单位："
	    "各有关单位）\n"
	    "11.121人才梯队项目。重点培养不少于10名站在世界科技前沿的中国科学院、中国工程院院士后"
	    "备人才，不少于20名具有国内领先水平的“新世纪百千万人才工程”国家级人选后备人才，不少于"
	    "100名在学科专业领域起骨干带头作用的享受国务院政府特殊津贴的后备人才。（牵头单位：市人"
	    "力资源和社会保障局，配合单位：各区、县级市）\n"
	    "12.博士后培养项目。深入实施博士后培养工程，5年内培养资助博士后研究人员不少于400名。"
	    "加大企业博士后工作站在站研究人员资助力度，支持鼓励博士后科研项目进行成果转化。（牵头单"
	    "位：市人力资源和社会保障局，配合单位：各区、县级市）\n"
	    "1.5倍以内的部分按规定执行。\n",
	    &a, &d);
	assert_int_equal(d.n_articles, 3);
	assert_int_equal(d.articles[1].number, 11);
	assert_string_equal(d.articles[1].short_title, "121人才梯队项目");
	policy_check_units(d.articles[1].responsible_units, d.articles[1].n_responsible_units,
	                   (const char *const[]){"各区、县级市", NULL});
	assert_string_equal(
	    d.articles[2].body,
	    "深入实施博士后培养工程，5年内培养资助博士后研究人员不少于400名。加大企"
	    "业博士后工作站在站研究人员资助力度，支持鼓励博士后科研项目进行成果转化。"
	    "\n1.5倍以内的部分按规定执行。");
	policy_check_warnings(
	    &d, (const struct policy_check_warning[]){{2, "条目编号没有从 1 开始：第一条是 10"}},
	    1);

	policy_check_parse("标题\n6.甲。乙。\n7.100个重点项目攻坚行动。推进重点项目建设。\n", &a,
	                   &d);
	assert_int_equal(d.n_articles, 2);
	assert_int_equal(d.articles[1].number, 7);
	assert_string_equal(d.articles[1].short_title, "100个重点项目攻坚行动");
	arena_release(&a);
}

/* Numbering that skips or repeats is a warning with the line; every item is kept. */
static void test_numbering(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse("标题\n1.甲。乙。\n2.丙。丁。\n2.戊。己。\n5.庚。辛。\n", &a, &d);
	assert_int_equal(d.n_articles, 4);
	assert_int_equal(d.articles[2].number, 2);
	assert_int_equal(d.articles[3].number, 5);
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {4, "条目编号重复：2 之后又是 2"},
	                          {5, "条目编号不连续：2 之后是 5"},
	                      },
	                      2);
	arena_release(&a);
}

/* 国发〔2019〕3号: 二、基本原则's (一)…(四) have no 1. below them and text of their own, so
 * they are articles; 四、主要任务's (一) heads the items 1. and 2. */
static void test_groups_decided_per_group(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines("corpus/guofa_2019_3_zonghe_baoshuiqu.txt",
	                         LINES(1, 7, 8, 9, 10, 11, 14, 15, 16, 17), &a, &d);
	assert_int_equal(d.n_groups, 1);
	assert_string_equal(d.groups[0].heading, "统筹两个市场，打造加工制造中心");
	assert_int_equal(d.n_articles, 6);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(d.articles[i].number, i + 1);
		assert_int_equal(d.articles[i].group, -1);
	}
	assert_string_equal(d.articles[0].short_title, "坚持深化改革，简政放权");
	assert_int_equal(d.articles[4].number, 1);
	assert_int_equal(d.articles[4].group, 0);
	assert_string_equal(d.articles[5].short_title, "提前适用政策");
	arena_release(&a);
}

/* 国发〔2018〕38号 numbers its items （一）…（五十三） straight through the parts. */
static void test_numerals_beyond_ten(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	size_t len;
	char *text = policy_check_slurp("corpus/guofa_2018_38_zimaoqu_gaige.txt", &len);

	arena_init(&a);
	assert_int_equal(policy_parse(text, len, &a, &d), KFQ_OK);
	free(text);
	assert_int_equal(d.n_parts, 5);
	assert_int_equal(d.n_groups, 0);
	assert_int_equal(d.n_articles, 53);
	for (size_t i = 0; i < 53; i++)
		assert_int_equal(d.articles[i].number, (int)i + 1);
	assert_int_equal(d.articles[46].line, 54);
	assert_string_equal(policy_cn_number(&a, d.articles[46].number), "四十七");
	policy_check_warnings(&d, NULL, 0);
	arena_release(&a);
}

/* 河南省开发区条例 第三十三条 holds a （一）…（七） list: one article, the list in its body. */
static void test_statute_list(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines("corpus/henan_kaifaqu_tiaoli.txt",
	                         LINES(1, 54, 55, 56, 57, 58, 59, 60, 61, 62), &a, &d);
	assert_int_equal(d.n_articles, 2);
	assert_int_equal(d.articles[0].number, 33);
	assert_int_equal(d.articles[1].number, 34);
	assert_non_null(strstr(d.articles[0].body, "\n（七）"));
	assert_null(d.articles[0].short_title);
	arena_release(&a);
}

/* The document's own marks around the body: 文号 under the title, the signature and
 * "（此件公开发布）" in the closing, the date from the signature (国办发〔2018〕117号); a
 * statute's dated history as its title note (上海市优化营商环境条例). */
static void test_front_and_closing(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines("corpus/guobanfa_2018_117_ducha_jili.txt",
	                         LINES(1, 2, 3, 4, 5, 6, 38, 39, 40), &a, &d);
	assert_string_equal(d.title,
	                    "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知");
	assert_string_equal(d.doc_number, "国办发〔2018〕117号");
	assert_true(d.national);
	assert_string_equal(d.date, "2018-12-06");
	assert_string_equal(d.closing, "国务院办公厅\n2018年12月6日\n（此件公开发布）");
	assert_int_equal(d.n_articles, 2);
	/* a long first sentence is the provision, not a title */
	assert_null(d.articles[0].short_title);
	policy_check_warnings(&d, NULL, 0);

	policy_check_parse_lines("corpus/shanghai_youhua_yingshang_huanjing_tiaoli.txt",
	                         LINES(1, 2, 3, 4, 5, 6, 7), &a, &d);
	assert_string_equal(d.title, "上海市优化营商环境条例");
	assert_non_null(d.title_note);
	assert_true(!strncmp(d.title_note, "2020年4月10日 上海市第十五届人民代表大会常务委员会",
	                     strlen("2020年4月10日 上海市第十五届人民代表大会常务委员会")));
	assert_string_equal(d.date, "2020-04-10");
	assert_null(d.doc_number);
	assert_false(d.national);
	arena_release(&a);
}

/* A document copied out of its PDF (国发〔2019〕3号 laid out as printed, corpus README):
 * lines broken at the page width are one paragraph again, a page number between two halves
 * of a sentence is neither text nor a heading, and lines keep their input numbers. Page
 * numbers written 第3页 共12页 go too, also in a text typed one paragraph a line. */
static void test_printed_layout(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	size_t len;
	char *text = policy_check_slurp("corpus/guofa_2019_3_zonghe_baoshuiqu_pdf.txt", &len);
	const struct policy_article *art;

	arena_init(&a);
	assert_int_equal(policy_parse(text, len, &a, &d), KFQ_OK);
	assert_string_equal(d.title, "国务院关于促进综合保税区高水平开放高质量发展的若干意见");
	assert_string_equal(d.doc_number, "国发〔2019〕3号");
	assert_int_equal(d.n_articles, 25);
	art = &d.articles[5];
	assert_int_equal(art->line, 44);
	assert_string_equal(art->short_title, "提前适用政策");
	assert_string_equal(art->body, "自国务院批准设立综合保税区之日起，对入区企业进口自用的机器"
	                               "设备等，在确保海关有效监管的前提下，可按现行规定享受综合保"
	                               "税区税收政策。");
	policy_check_units(art->lead_units, art->n_lead_units, (const char *[]){"海关总署", NULL});
	policy_check_units(art->responsible_units, art->n_responsible_units,
	                   (const char *[]){"财政部", "税务总局", NULL});
	assert_int_equal(art->lead_rule_line, 41);
	for (size_t i = 0; i < d.n_articles; i++)
		assert_null(strstr(d.articles[i].body, "—"));
	free(text);

	policy_check_parse(
	    "关于推进人才集聚工程的实施意见\n一、总体目标\n"
	    "1.目标。2012年起5年内，大力实施六大人才行动计划。\n第 1 页 共 2 页\n"
	    "2.加强组织领导。市人才工作领导小组负责全市人才集聚工程实施的统筹协调和宏观"
	    "指导。（牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市）\n"
	    "第2页/共2页\n",
	    &a, &d);
	assert_int_equal(d.n_articles, 2);
	assert_string_equal(d.articles[0].body, "2012年起5年内，大力实施六大人才行动计划。");
	assert_string_equal(d.closing, "");
	arena_release(&a);
}

/* A task table saved or pasted from Word/WPS/Excel (one row a line, cells between tabs):
 * the header row names the columns and is not text, each row is an item with its units and
 * deadline, a section row stays a heading. Headers spread to the column width are read
 * (国办发〔2018〕126号's "主 要 内 容"); its 指导部门 are the row's guiding units and its
 * 推广范围 the scope (DECISIONS 244). */
static void test_task_table(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	const struct policy_article *art;

	arena_init(&a);
	policy_check_parse("重点任务分工\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
	                   "1\t推行“标准地”出让。\t市自然资源局\t各开发区管委会、市发展改革委\t"
	                   "2026年底前\n"
	                   "\t建立“亩均论英雄”评价体系\t市工业和信息化局\t\t持续推进\n",
	                   &a, &d);
	assert_string_equal(d.title, "重点任务分工");
	assert_int_equal(d.n_articles, 2);
	art = &d.articles[0];
	assert_int_equal(art->number, 1);
	assert_string_equal(art->body, "推行“标准地”出让。");
	policy_check_units(art->lead_units, art->n_lead_units,
	                   (const char *[]){"市自然资源局", NULL});
	policy_check_units(art->responsible_units, art->n_responsible_units,
	                   (const char *[]){"各开发区管委会", "市发展改革委", NULL});
	assert_string_equal(art->deadline, "2026年底前");
	assert_string_equal(art->deadline_date, "2026-12-31");
	/* no 序号: the row's place */
	art = &d.articles[1];
	assert_int_equal(art->number, 2);
	policy_check_units(art->lead_units, art->n_lead_units,
	                   (const char *[]){"市工业和信息化局", NULL});
	assert_int_equal(art->n_responsible_units, 0);
	assert_string_equal(art->deadline, "持续推进");
	assert_null(art->deadline_date);
	policy_check_warnings(&d, NULL, 0);

	policy_check_parse("第二批支持创新相关改革举措推广清单\n"
	                   "序号\t改革举措\t主 要 内 容\t指导部门\t推广范围\n"
	                   "一、知识产权保护方面（共5项）\n"
	                   "1\t知识产权民事、刑事、行政案件“三合一”审判\t整合分散的审判资源。\t"
	                   "最高人民法院、国家知识产权局\t全国\n"
	                   "二、科技成果转化激励方面（共4项）\t\t\t\t\n\t\t\t\t\n",
	                   &a, &d);
	/* Excel writes a merged heading row as its text and tabs, an empty row as tabs alone */
	assert_int_equal(d.n_parts, 2);
	assert_string_equal(d.parts[1].heading, "科技成果转化激励方面（共4项）");
	assert_int_equal(d.n_articles, 1);
	assert_string_equal(d.articles[0].short_title, "知识产权民事、刑事、行政案件“三合一”审判");
	assert_string_equal(d.articles[0].body, "整合分散的审判资源。");
	policy_check_units(d.articles[0].guide_units, d.articles[0].n_guide_units,
	                   (const char *[]){"最高人民法院", "国家知识产权局", NULL});
	assert_int_equal(d.articles[0].n_lead_units + d.articles[0].n_responsible_units, 0);
	assert_int_equal(d.articles[0].unit_source, POLICY_UNITS_NONE);
	assert_string_equal(d.articles[0].scope, "全国");
	policy_check_warnings(&d, NULL, 0);
	arena_release(&a);
}

/* The addressee line of a 印发通知 ends with a colon after 单位 ("各直属单位：", "有关单位："):
 * the units a document is sent to, never a label of units that were not read. Quoted from
 * 津政办函〔2017〕103号 as a web page reproduces it (half-width punctuation), its 方案's first
 * item shortened. */
static void test_addressee_line(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "津政办函〔2017〕103号\n天津市人民政府办公厅印发关于促进我市\n"
	    "开发区改革和创新发展实施方案的通知\n"
	    "各区人民政府,各委、局,各直属单位:\n"
	    "经市人民政府同意,现将《关于促进我市开发区改革和创新发展的实施方案》"
	    "印发给你们,请照此执行。\n"
	    "天津市人民政府办公厅\n2017年10月9日\n关于促进我市开发区改革和\n"
	    "创新发展的实施方案\n一、总体要求\n"
	    "(一)指导思想。全面贯彻党的十八大和十八届三中、四中、五中、六中全会精神。\n",
	    &a, &d);
	assert_string_equal(
	    d.title, "天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知");
	assert_string_equal(d.doc_number, "津政办函〔2017〕103号");
	assert_int_equal(d.n_articles, 1);
	assert_int_equal(d.n_warnings, 0);
	/* 有关单位： is an addressee too */
	policy_check_parse("关于开展开发区评价工作的通知\n各开发区管委会，市直有关单位：\n"
	                   "一、评价范围\n（一）省级开发区。全部纳入。\n",
	                   &a, &d);
	assert_int_equal(d.n_warnings, 0);
	arena_release(&a);
}

/* 国办发〔2018〕124号 prints two 规定 after its notice, each numbered from 一、 and （一）: two
 * sections, titled by their title lines (the first's two lines in the preamble, the second's one
 * line with its own preamble after it), parts 1–13 and articles 1–51 numbered on through the
 * second (its （一） is 32), said in one warning; the second's title and preamble no longer in
 * the first's last article; a task's part heading names its 规定 (both have 关于财政税收). A text
 * of one document numbered the same way again without a title line between is one document. */
static void test_two_documents(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	size_t len;
	char *text = policy_check_slurp("guobanfa-2018-124-two-regulations.txt", &len);
	const struct policy_check_warning want[] = {
	    {52,
	     "“进一步支持文化企业发展的规定”是本文中的第二个文件，编号从头开始：其部分和条目已接着"
	     "前文编号，条目从第32条起"},
	};

	arena_init(&a);
	assert_int_equal(policy_parse(text, len, &a, &d), KFQ_OK);
	free(text);
	assert_int_equal(d.n_sections, 2);
	assert_string_equal(d.sections[0].title,
	                    "文化体制改革中经营性文化事业单位转制为企业的规定");
	assert_string_equal(d.sections[0].body, "");
	assert_int_equal(d.sections[0].line, 8);
	assert_string_equal(d.sections[1].title, "进一步支持文化企业发展的规定");
	assert_string_equal(d.sections[1].body,
	                    "为进一步深化文化体制改革，促进文化企业发展，特制定以下规定：");
	assert_int_equal(d.sections[1].line, 52);
	assert_int_equal(d.n_parts, 13);
	for (size_t i = 0; i < 13; i++) {
		assert_int_equal(d.parts[i].number, (int)i + 1);
		assert_int_equal(d.parts[i].section, i < 9 ? 0 : 1);
	}
	assert_int_equal(d.n_articles, 51);
	for (size_t i = 0; i < 51; i++)
		assert_int_equal(d.articles[i].number, (int)i + 1);
	assert_int_equal(d.articles[31].part, 9);
	assert_int_equal(d.articles[31].line, 55);
	assert_non_null(strstr(d.articles[30].body, "执行期限为2019年1月1日至2023年12月31日。"));
	assert_null(strstr(d.articles[30].body, "进一步支持文化企业发展的规定"));
	policy_check_warnings(&d, want, 1);
	assert_string_equal(policy_part_heading(&a, &d, 6),
	                    "《文化体制改革中经营性文化事业单位转制为企业的规定》关于财政税收");
	assert_string_equal(policy_part_heading(&a, &d, 9),
	                    "《进一步支持文化企业发展的规定》关于财政税收");
	assert_null(policy_part_heading(&a, &d, -1));
	arena_release(&a);

	arena_init(&a);
	policy_check_parse(
	    "某方案\n一、甲\n（一）做甲。\n二、乙\n（二）做乙。\n一、丙\n（三）做丙。\n", &a, &d);
	assert_int_equal(d.n_sections, 0);
	assert_int_equal(d.parts[2].number, 1);
	assert_int_equal(d.parts[2].section, -1);
	assert_string_equal(policy_part_heading(&a, &d, 2), "丙");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_digit_titles),
	    cmocka_unit_test(test_numbering),
	    cmocka_unit_test(test_groups_decided_per_group),
	    cmocka_unit_test(test_numerals_beyond_ten),
	    cmocka_unit_test(test_statute_list),
	    cmocka_unit_test(test_front_and_closing),
	    cmocka_unit_test(test_printed_layout),
	    cmocka_unit_test(test_task_table),
	    cmocka_unit_test(test_addressee_line),
	    cmocka_unit_test(test_two_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/policy_clause.c: which clauses of an article assign work and who leads, on
 * sentences quoted from real documents (the corpus in tests/data/corpus names their sources):
 * unlabelled "（A、B负责）" without and with the stated lead rule, 会同, 牵头负责, labels of
 * other kinds (负责部门, 适用范围, 完成时限), where units came from, statutes' duty sentences,
 * and the warnings for look-alikes that were not read. */
#include "core/policy_parse.h"
#include "policy_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void check_units(const struct policy_article *art, const char *const *lead,
                        const char *const *resp, enum policy_unit_source src)
{
	policy_check_units(art->lead_units, art->n_lead_units, lead);
	policy_check_units(art->responsible_units, art->n_responsible_units, resp);
	assert_int_equal(art->unit_source, src);
}

#define CORPUS(name) "corpus/" name ".txt"

/* 国办发〔2018〕117号 states no lead rule: every unit of "（A、B负责）" is responsible, in
 * written order; its 一、 paragraphs are the items and open with no title sentence. */
static void test_paren_without_rule(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("guobanfa_2018_117_ducha_jili"),
	                         LINES(1, 5, 6, 7, 8, 9, 10), &a, &d);
	assert_int_equal(d.n_articles, 6);
	check_units(&d.articles[1], NO_UNITS, UNITS("商务部"), POLICY_UNITS_PAREN);
	check_units(&d.articles[5], NO_UNITS, UNITS("交通运输部", "财政部"), POLICY_UNITS_PAREN);
	assert_null(d.articles[1].short_title);
	/* the clause is cut from the body, the provision keeps its 。 */
	assert_string_equal(d.articles[1].body,
	                    "对促进外贸、外资稳定增长，积极优化营商环境成效明显的省（区、市），"
	                    "在外贸转型升级基地培育中给予优先支持。");
	assert_int_equal(d.articles[5].lead_rule_line, 0);
	/* "（企业直接向国家发展改革委申报，不需省级发展改革部门转报）" in item 3 is no clause */
	policy_check_warnings(&d, NULL, 0);
	arena_release(&a);
}

/* 国发〔2018〕42号 states the rule in its first parenthesis ("列第一位者为牵头单位，下同"):
 * from there on the first listed leads; the rule sentence is not a unit; a bare 等 before 负责
 * is dropped; "A、B牵头负责" makes both lead whatever the rule. */
static void test_paren_with_rule(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("guofa_2018_42_nongye_jixiehua"),
	                         LINES(1, 10, 11, 12, 31, 32, 33), &a, &d);
	assert_int_equal(d.n_articles, 4);
	check_units(&d.articles[0], UNITS("工业和信息化部"),
	            UNITS("发展改革委", "科技部", "农业农村部"), POLICY_UNITS_PAREN_RULE);
	assert_int_equal(d.articles[0].lead_rule_line, 3);
	check_units(&d.articles[1], UNITS("工业和信息化部"),
	            UNITS("发展改革委", "科技部", "农业农村部", "商务部"), POLICY_UNITS_PAREN_RULE);
	assert_int_equal(d.articles[1].lead_rule_line, 3);
	check_units(&d.articles[2], UNITS("农业农村部", "工业和信息化部"), NO_UNITS,
	            POLICY_UNITS_PAREN);
	assert_int_equal(d.articles[2].lead_rule_line, 0);
	check_units(&d.articles[3], UNITS("各省级人民政府"), NO_UNITS, POLICY_UNITS_PAREN_RULE);
	/* the excerpt skips parts and items: reported, and the items are kept */
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {2, "部分编号没有从一开始：第一个是二、"},
	                          {3, "条目编号没有从 1 开始：第一条是 3"},
	                          {5, "部分编号不连续：二、之后是八、"},
	                          {6, "条目编号不连续：4 之后是 18"},
	                      },
	                      4);
	arena_release(&a);
}

/* 国发〔2019〕3号 writes the rule after the assignment, behind a comma, and keeps
 * "…等有关部门" whole; 国发〔2018〕39号 has "…，各省级人民政府按职责分工负责" and a lone
 * "…等有关部门和单位", which leads by the rule. */
static void test_rule_variants(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("guofa_2019_3_zonghe_baoshuiqu"), LINES(1, 16, 17, 22), &a,
	                         &d);
	check_units(&d.articles[0], UNITS("税务总局"), UNITS("财政部", "海关总署"),
	            POLICY_UNITS_PAREN_RULE);
	check_units(&d.articles[1], UNITS("海关总署"), UNITS("财政部", "税务总局"),
	            POLICY_UNITS_PAREN_RULE);
	check_units(&d.articles[2], UNITS("海关总署"), UNITS("商务部等有关部门"),
	            POLICY_UNITS_PAREN_RULE);
	assert_int_equal(d.articles[2].lead_rule_line, 2);
	policy_check_warnings(
	    &d, (const struct policy_check_warning[]){{4, "条目编号不连续：2 之后是 6"}}, 1);

	policy_check_parse_lines(CORPUS("guofa_2018_39_jiuye"), LINES(1, 5, 6, 8, 10, 11), &a, &d);
	check_units(&d.articles[1], UNITS("人力资源社会保障部"),
	            UNITS("科技部", "财政部", "住房城乡建设部", "市场监管总局", "各省级人民政府"),
	            POLICY_UNITS_PAREN_RULE);
	check_units(&d.articles[2], UNITS("人力资源社会保障部等有关部门和单位"), NO_UNITS,
	            POLICY_UNITS_PAREN_RULE);
	policy_check_warnings(
	    &d, (const struct policy_check_warning[]){{5, "条目编号不连续：1 之后是 4"}}, 1);

	/* 国发〔2019〕3号's first parenthesis without its 下同 (changed for this test): the rule
	 * holds for that parenthesis only, and the next item is all responsible again */
	policy_check_parse(
	    "国务院关于促进综合保税区高水平开放高质量发展的若干意见\n"
	    "1.拓展两个市场。积极稳妥地在综合保税区推广增值税一般纳税人资格试点。"
	    "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门）\n"
	    "2.提前适用政策。自国务院批准设立综合保税区之日起，对入区企业进口自用设备，"
	    "符合条件的按规定予以免税。（海关总署、财政部、税务总局负责）\n",
	    &a, &d);
	check_units(&d.articles[0], UNITS("税务总局"), UNITS("财政部", "海关总署"),
	            POLICY_UNITS_PAREN_RULE);
	check_units(&d.articles[1], NO_UNITS, UNITS("海关总署", "财政部", "税务总局"),
	            POLICY_UNITS_PAREN);
	arena_release(&a);
}

/* "X会同Y负责" (国办发〔2018〕117号 items 16 and 18): X leads, Y is responsible. */
static void test_huitong(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("guobanfa_2018_117_ducha_jili"), LINES(1, 20, 22), &a, &d);
	check_units(&d.articles[0], UNITS("国家发展改革委"), UNITS("有关部门"), POLICY_UNITS_PAREN);
	check_units(&d.articles[1], UNITS("国家发展改革委", "财政部"), UNITS("有关部门"),
	            POLICY_UNITS_PAREN);
	arena_release(&a);
}

/* "（A牵头，B负责）", the form city task lists write most: A leads and B, before a bare 负责
 * that ends the parenthesis, is responsible, as with 按职责分工负责; B may be a group. */
static void test_lead_then_responsible(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "关于深化开发区营商环境改革的实施意见\n"
	    "1.推行帮办代办。建立帮办代办队伍。（市数据局牵头，市自然资源局负责）\n"
	    "2.压减审批时限。压减时限。（由市数据局牵头，市自然资源局、各开发区负责）\n"
	    "3.加强监管。加强监管。（市数据局牵头，各开发区按职责分工负责）\n"
	    "4.优化流程。优化流程。（市数据局牵头负责）\n",
	    &a, &d);
	assert_int_equal(d.n_articles, 4);
	check_units(&d.articles[0], UNITS("市数据局"), UNITS("市自然资源局"), POLICY_UNITS_PAREN);
	check_units(&d.articles[1], UNITS("市数据局"), UNITS("市自然资源局", "各开发区"),
	            POLICY_UNITS_PAREN);
	check_units(&d.articles[2], UNITS("市数据局"), UNITS("各开发区"), POLICY_UNITS_PAREN);
	check_units(&d.articles[3], UNITS("市数据局"), NO_UNITS, POLICY_UNITS_PAREN);
	assert_string_equal(d.articles[0].body, "建立帮办代办队伍。");
	policy_check_warnings(&d, NULL, 0);
	arena_release(&a);
}

/* 国发〔2018〕38号: 负责部门 is responsible; 适用范围 is the scope, never a unit, after ；
 * or after a comma; a provision of one sentence and its parenthesis has no title. */
static void test_labels_scope(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("guofa_2018_38_zimaoqu_gaige"), LINES(1, 5, 6, 18, 21), &a,
	                         &d);
	check_units(&d.articles[0], NO_UNITS,
	            UNITS("人力资源社会保障部", "住房城乡建设部", "商务部"), POLICY_UNITS_LABELLED);
	assert_string_equal(d.articles[0].scope,
	                    "所有自贸试验区，以下除标注适用于特定自贸试验区的措施外，适用范围均为"
	                    "所有自贸试验区");
	check_units(&d.articles[1], NO_UNITS, UNITS("知识产权局"), POLICY_UNITS_LABELLED);
	assert_null(d.articles[1].scope);
	assert_null(d.articles[1].short_title);
	assert_string_equal(d.articles[1].body, "支持在自贸试验区设置商标受理窗口。");
	check_units(&d.articles[2], NO_UNITS, UNITS("发展改革委", "粮食和储备局"),
	            POLICY_UNITS_LABELLED);
	assert_string_equal(d.articles[2].scope, "浙江自贸试验区");
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {4, "条目编号不连续：1 之后是 13"},
	                          {5, "条目编号不连续：13 之后是 16"},
	                      },
	                      2);
	arena_release(&a);
}

/* Deadlines as written, with the last day of the period they name; the year from the text or
 * the document's date (here the signature's, 2025). Labels on lines of their own, in a
 * labelled parenthesis, and a time phrase left among the responsible units (湘西州 2020年
 * "放管服"工作计划: "（牵头单位：…；责任单位：…，6月底完成）"). */
static void test_deadlines(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	static const struct {
		const char *deadline, *date;
	} want[] = {
	    {"2025年6月底前", "2025-06-30"},
	    {"上半年", "2025-06-30"},
	    {"第三季度", "2025-09-30"},
	    {"2026年", "2026-12-31"},
	    {"年底前", "2025-12-31"},
	    {"6月底完成", "2025-06-30"},
	    {"每年", NULL},
	    {"持续推进", NULL},
	    {"长期坚持", NULL},
	};

	arena_init(&a);
	policy_check_parse(
	    "开发区改革任务分工方案\n"
	    "1.聚焦主责主业。制定十五五产业发展规划。\n"
	    "牵头单位：市发改委\n"
	    "完成时限：2025年6月底前\n"
	    "2.明确职责边界。形成权责清单。（牵头单位：市委编办；时间进度：上半年）\n"
	    "3.完善赋权机制。编制放权清单。（负责部门：市数据局；完成时间：第三季度）\n"
	    "4.规范财政管理体制。单独编制预决算。\n"
	    "牵头单位：市财政局\n"
	    "完成时限：2026年\n"
	    "5.健全财力分成机制。规范财政收入分享方式。\n"
	    "牵头单位：市财政局\n"
	    "完成时限：年底前\n"
	    "6.优化机构编制配置。科学核定人员编制。（牵头单位：市委编办；责任单位：市人社局，"
	    "6月底完成）\n"
	    "7.完善考核评价体系。分级分类制定年度考核标准。（牵头单位：市商务局；完成时限："
	    "每年）\n"
	    "8.提升市场化运营水平。加强招商引资激励。（牵头单位：市商务局；完成时限：持续推进）\n"
	    "9.建立奖优罚劣机制。保持领导班子相对稳定。（牵头单位：市委组织部；完成时限："
	    "长期坚持）\n"
	    "抚顺市人民政府\n"
	    "2025年6月23日\n",
	    &a, &d);
	assert_string_equal(d.date, "2025-06-23");
	assert_int_equal(d.n_articles, 9);
	for (size_t i = 0; i < 9; i++) {
		assert_string_equal(d.articles[i].deadline, want[i].deadline);
		if (want[i].date)
			assert_string_equal(d.articles[i].deadline_date, want[i].date);
		else
			assert_null(d.articles[i].deadline_date);
	}
	/* the time phrase is not a unit */
	policy_check_units(d.articles[5].responsible_units, d.articles[5].n_responsible_units,
	                   UNITS("市人社局"));
	/* a deadline line is a unit line: the title stands */
	assert_string_equal(d.articles[0].short_title, "聚焦主责主业");
	assert_int_equal(d.articles[0].unit_source, POLICY_UNITS_LINES);
	policy_check_warnings(&d, NULL, 0);

	/* no year in the deadline and no date on the document: kept as written, no date */
	policy_check_parse("标题\n1.甲。乙。（牵头单位：市商务局；完成时限：9月底前）\n", &a, &d);
	assert_string_equal(d.articles[0].deadline, "9月底前");
	assert_null(d.articles[0].deadline_date);
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {2, "完成时限“9月底前”没有写年份，文件也没有日期，未换算为日期"}},
	                      1);

	/* 全年 is the year's end; without a year it is said, as 9月底前 */
	policy_check_parse("标题\n1.甲。乙。（牵头单位：市商务局；完成时限：全年）\n", &a, &d);
	assert_null(d.articles[0].deadline_date);
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {2, "完成时限“全年”没有写年份，文件也没有日期，未换算为日期"}},
	                      1);
	/* a year's work list without a date of its own: its title's year */
	policy_check_parse("2026年重点工作清单\n1.甲。乙。（牵头单位：市商务局；完成时限：全年）\n"
	                   "2.丙。丁。（牵头单位：市商务局；完成时限：9月底前）\n",
	                   &a, &d);
	assert_string_equal(d.articles[0].deadline_date, "2026-12-31");
	assert_string_equal(d.articles[1].deadline_date, "2026-09-30");
	policy_check_warnings(&d, NULL, 0);

	/* a day the month does not have is said, not dropped in silence; another period stands */
	policy_check_parse("标题\n1.甲。乙。（牵头单位：市商务局；完成时限：2025年2月30日前）\n"
	                   "2.丙。丁。（牵头单位：市商务局；完成时限：2025年4月31日、6月底前）\n",
	                   &a, &d);
	assert_null(d.articles[0].deadline_date);
	assert_string_equal(d.articles[1].deadline_date, "2025-06-30");
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){
	        {2, "完成时限“2025年2月30日前”中的日期不存在，未换算为日期"},
	        {3,
	         "完成时限“2025年4月31日、6月底前”中有不存在的日期，已按其余时限定为 2025-06-30"}},
	    2);
	arena_release(&a);
}

/* Statutes assign duties in their sentences ("由省人民政府负责解释", "会同", "牵头建立",
 * "共同牵头"): none is a unit (河南省开发区条例 第五十条; 上海市优化营商环境条例 第三十七条,
 * 第五十四条, 第八十六条). */
static void test_statute_duties(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse_lines(CORPUS("shanghai_youhua_yingshang_huanjing_tiaoli"),
	                         LINES(1, 59, 98, 99, 126, 144, 224, 225), &a, &d);
	assert_int_equal(d.n_articles, 3);
	for (size_t i = 0; i < d.n_articles; i++)
		check_units(&d.articles[i], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	policy_check_parse_lines(CORPUS("henan_kaifaqu_tiaoli"), LINES(1, 83, 85), &a, &d);
	check_units(&d.articles[0], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	arena_release(&a);
}

/* Never silent. An assignment in the middle of a paragraph (国办发〔2018〕121号 （十）) and
 * parentheses that mention 负责 but are no list of units (国发〔2019〕4号, 国办发〔2018〕
 * 128号) stay in the text with a warning quoting them; so does a look-alike outside any
 * article (武汉市 武政办〔2023〕1号). */
static void test_lookalikes(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	char *text;

	arena_init(&a);
	/* the notice's sentence stands before the first item: it belongs to none */
	text = policy_check_excerpt(CORPUS("guobanfa_2018_121_tiyu_jingsai"), LINES(1, 21));
	*strchr(text, '\n') = 0;                                             /* the title */
	text[strlen(text) + 1 + strcspn(text + strlen(text) + 1, "\n")] = 0; /* item （十） */
	policy_check_parse(
	    arena_printf(
	        &a, "%s\n%s\n%s\n%s\n%s\n", text,
	        "特别是牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要统筹相关责任单位制订"
	        "办理方案。",
	        text + strlen(text) + 1,
	        "（十一）深化复合型技术技能人才培养培训模式改革。国务院人力资源社会保障行政部门、教"
	        "育行政部门在职责范围内，分别负责管理监督考核院校外、院校内职业技能等级证书的实施（"
	        "技"
	        "工院校内由人力资源社会保障行政部门负责），国务院人力资源社会保障行政部门组织制定职"
	        "业"
	        "标准，国务院教育行政部门依照职业标准牵头组织开发教学等相关标准。",
	        "（十二）优化固体废物管理体制机制，强化部门分工协作。根据城市经济社会发展实际，以深"
	        "化地方机构改革为契机，建立部门责任清单，进一步明确各类固体废物产生、收集、转移、利"
	        "用、处置等环节的部门职责边界，提升监管能力，形成分工明确、权责明晰、协同增效的综合"
	        "管理体制机制。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不"
	        "再"
	        "列出）"),
	    &a, &d);
	free(text);
	assert_int_equal(d.n_articles, 3);
	check_units(&d.articles[0], NO_UNITS,
	            UNITS("体育总局", "网信办", "科技部", "工业和信息化部"), POLICY_UNITS_PAREN);
	check_units(&d.articles[1], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	check_units(&d.articles[2], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){
	        {2, "“（无牵头单位的，责任单位即为牵头单位，下同）”像是单位分工，但不属于任何条目，"
	            "已保留在正文"},
	        {3, "条目编号没有从 1 开始：第一条是 10"},
	        {3, "条目 10 句中的分工“（市场监管总局负责）”只管前面的句子，未计入本条的单位，"
	            "已保留在正文"},
	        {3, "条目 10 句中的分工“（体育总局、教育部负责）”只管前面的句子，未计入本条的单位，"
	            "已保留在正文"},
	        {4, "条目 11 中的“（技工院校内由人力资源社会保障行政部门负责）”像是单位分工，但未能"
	            "识别，已保留在正文"},
	        {5,
	         "条目 12 中的“（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，"
	         "不再列出）”像是单位分工，但未能识别，已保留在正文"},
	    },
	    6);

	/* a label the parser does not know, on a line of its own in an article */
	policy_check_parse("标题\n1.甲。乙。\n实施单位：市商务局\n", &a, &d);
	check_units(&d.articles[0], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	assert_string_equal(d.articles[0].body, "乙。\n实施单位：市商务局");
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){
	        {3, "条目 1 正文中的“实施单位：市商务局”像是牵头/责任单位，但未能识别为单位列表，"
	            "已保留在正文"}},
	    1);
	arena_release(&a);
}

/* Guiding units (指导) in the real forms of 国办发〔2018〕128号 “无废城市”建设试点工作方案
 * (ZhouYNF/platform-1 db/ge_policy_raw20190217.sql @2197df55, row 7; sentences quoted as
 * written, the items renumbered): "（A、B指导）" at a paragraph's end, in ASCII parentheses too,
 * and "（A指导，B参与）". They neither lead nor answer for the task: kept as guide units, the
 * parenthesis cut from the body like any assignment; who takes part (参与) is responsible. */
static void test_guides(void **state)
{
	struct arena a;
	struct policy_doc d;
	(void)state;

	arena_init(&a);
	policy_check_parse(
	    "“无废城市”建设试点工作方案\n"
	    "（一）实施工业绿色生产，推动大宗工业固体废物贮存处置总量趋零增长。全面实施绿色开采，"
	    "减少矿业固体废物产生和贮存处置量。（自然资源部、工业和信息化部指导）\n"
	    "（二）发展“互联网+”固体废物处理产业。推广回收新技术新模式，鼓励生产企业与销售商合"
	    "作，优化逆向物流体系建设。（商务部指导，供销合作总社参与）\n"
	    "（三）加快建立有利于促进固体废物减量化、资源化、无害化处理的激励约束机制。在政府投资"
	    "公共工程中，优先使用以大宗工业固体废物等为原料的综合利用产品，推广新型墙材等绿色建材"
	    "应用。(国家发展改革委、工业和信息化部、住房城乡建设部、市场监管总局、国管局指导)\n",
	    &a, &d);
	assert_int_equal(d.n_articles, 3);
	check_units(&d.articles[0], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	policy_check_units(d.articles[0].guide_units, d.articles[0].n_guide_units,
	                   UNITS("自然资源部", "工业和信息化部"));
	assert_string_equal(d.articles[0].body,
	                    "全面实施绿色开采，减少矿业固体废物产生和贮存处置量。");
	check_units(&d.articles[1], NO_UNITS, UNITS("供销合作总社"), POLICY_UNITS_PAREN);
	policy_check_units(d.articles[1].guide_units, d.articles[1].n_guide_units, UNITS("商务部"));
	assert_string_equal(
	    d.articles[1].body,
	    "推广回收新技术新模式，鼓励生产企业与销售商合作，优化逆向物流体系建设。");
	check_units(&d.articles[2], NO_UNITS, NO_UNITS, POLICY_UNITS_NONE);
	policy_check_units(
	    d.articles[2].guide_units, d.articles[2].n_guide_units,
	    UNITS("国家发展改革委", "工业和信息化部", "住房城乡建设部", "市场监管总局", "国管局"));
	policy_check_warnings(&d, NULL, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paren_without_rule),
	    cmocka_unit_test(test_paren_with_rule),
	    cmocka_unit_test(test_rule_variants),
	    cmocka_unit_test(test_huitong),
	    cmocka_unit_test(test_lead_then_responsible),
	    cmocka_unit_test(test_labels_scope),
	    cmocka_unit_test(test_deadlines),
	    cmocka_unit_test(test_statute_duties),
	    cmocka_unit_test(test_lookalikes),
	    cmocka_unit_test(test_guides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests src/core/policy_parse.c: the seed's exact structure, the sample documents (statute,
 * full-width, GB18030), encodings and refusals, unit-list splitting, prose units, the other
 * document shapes, warnings with line numbers, and regressions found by fuzzing. */
#include "core/policy_parse.h"
#include "policy_check.h"

#include "util/log.h"
#include "util/textconv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---------- helpers ---------- */

static char *to_json(const struct policy_doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb);
	policy_doc_to_json(d, &w);
	return strbuf_detach(&sb, NULL);
}

static int part_no(const struct policy_doc *d, const struct policy_article *art)
{
	return art->part >= 0 ? d->parts[art->part].number : 0;
}

static int group_no(const struct policy_doc *d, const struct policy_article *art)
{
	return art->group >= 0 ? d->groups[art->group].number : 0;
}

/* ---------- the seed ---------- */

static const char seed_notice_text[] =
    "您现在的位置: 首页 / 通知公告\n"
    "关于对《中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的意见》征求意见的公告\n"
    "【信息来源:  信息时间:2025-06-23  阅读次数:】 【我要打印】 【关闭\n"
    "为进一步深化全省经济开发区体制机制改革,有效激发发展活力,提升创新动力,"
    "在助力辽宁振兴新突破中勇于争先、谱写新篇,根据《关于深化经济开发区体制机制改革的意见》,"
    "市商务局起草了《抚顺市开发区发展促进条例中共抚顺市委 "
    "抚顺市人民政府关于深化开发区体制机制改革的意见》,并征求了市直相关部门、各县区、开发区意见,"
    "经过反复修改完善,形成《中共抚顺市委 "
    "抚顺市人民政府关于深化开发区体制机制改革的意见》。为进一步征求社会面意见建议,"
    "现征求广大公众意见建议。公众可以通过以下方式提出意见:\n"
    "1. 电子邮箱:swjkhcjc@163.com\n"
    "2. 电话反馈:57500610\n"
    "3. 意见反馈时间:2025年6月23日-2025年6月25日\n"
    "附件:中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的意见\n"
    "抚顺市商务局\n"
    "2025年6月23日";
static const char seed_preamble[] =
    "全面贯彻落实省委、省政府关于深化开发区体制机制改革的决策部署,有效激发发展活力,提升创新动力,"
    "壮大综合实力,推进开发区高质量发展,结合抚顺市实际,现就深化开发区体制机制改革提出以下实施意见。";
static const char seed_part1_body[] =
    "以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大和二十届二中、三中全会精神,"
    "深入贯彻习近平总书记关于国家级经济技术开发区工作的重要指示精神,"
    "贯彻落实习近平总书记关于东北、辽宁全面振兴的重要讲话和指示批示精神,勇当改革开放的排头兵,"
    "进一步完善高水平对外开放体制机制,坚持系统思维、问题导向、守正创新、因地制宜,"
    "全面深化事权制度、财税制度、人事薪酬制度改革,深化市场化运营模式创新,"
    "真正把开发区打造成经济发展的主阵地、主战场、主引擎,为抚顺全面振兴新突破提供有力支撑。";

#define COUNTIES "各县(区)党委、政府"
#define ZONES    "各省级开发区党工委、管委会"

struct want_article {
	int number, part, group; /* part and group as numbers, 0 for none */
	int line;
	const char *short_title;
	const char *lead[4];
	const char *resp[8];
};

static const struct want_article seed_articles[] = {
    /* its first sentence is the provision itself, not a title: too long to be one */
    {1, 2, 1, 44, NULL, {NULL}, {NULL}},
    {2,
     2,
     2,
     48,
     "聚焦主责主业",
     {"市发改委", "市自然资源局", NULL},
     {"商务局", "市科技局", "市工信局", COUNTIES, ZONES, NULL}},
    {3, 2, 2, 54, "明确职责边界", {"市委编办", NULL}, {COUNTIES, ZONES, NULL}},
    {4,
     2,
     2,
     60,
     "完善赋权机制",
     {"市数据局(市营商局)", NULL},
     {"市直相关部门", COUNTIES, ZONES, NULL}},
    {5, 2, 3, 68, "规范财政管理体制", {"市财政局", NULL}, {COUNTIES, ZONES, NULL}},
    {6,
     2,
     3,
     74,
     "健全财力分成机制",
     {"市财政局", NULL},
     {"市发改委", "市商务局", COUNTIES, ZONES, NULL}},
    {7, 2, 4, 82, "优化机构编制配置", {"市委编办", NULL}, {"市人社局", COUNTIES, ZONES, NULL}},
    {8,
     2,
     4,
     88,
     "选优配强开发区领导班子",
     {"市委组织部", "市人社局", NULL},
     {COUNTIES, ZONES, NULL}},
    {9,
     2,
     4,
     94,
     "创新人才选拔机制",
     {"市委组织部", "市人社局", NULL},
     {"市直相关部门", COUNTIES, ZONES, NULL}},
    {10,
     2,
     4,
     100,
     "实行全员聘用管理制度",
     {"市人社局", "市委组织部", NULL},
     {COUNTIES, ZONES, NULL}},
    {11,
     2,
     4,
     106,
     "推进薪酬制度改革",
     {"市人社局", "市委组织部", NULL},
     {"市财政局", "市商务局", "市科技局", COUNTIES, ZONES, NULL}},
    {12,
     2,
     5,
     114,
     "完善“管委会+公司”运营模式",
     {"市商务局", "市科技局", NULL},
     {"市国资委", COUNTIES, ZONES, NULL}},
    {13,
     2,
     5,
     120,
     "提升市场化运营水平",
     {"市商务局", "市科技局", NULL},
     {"市发改委", COUNTIES, ZONES, NULL}},
    {14,
     2,
     6,
     128,
     "完善考核评价体系",
     {"市商务局", "市科技局", NULL},
     {"财政局", "市人社局", COUNTIES, ZONES, NULL}},
    {15, 2, 6, 134, "建立奖优罚劣机制", {"市委组织部", NULL}, {COUNTIES, ZONES, NULL}},
    {16, 3, 0, 142, "强化组织领导", {NULL}, {NULL}},
    {17, 3, 0, 144, "强化责任落实", {NULL}, {NULL}},
    {18, 3, 0, 146, "建立创新容错机制", {NULL}, {NULL}},
};

static const struct policy_check_warning seed_warnings[] = {
    {44, "条目 1 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
    {66, "分组标题“深化财税制度改革”缺少编号标记，按位置定为（三）"},
    {80, "分组标题“)深化人事薪酬制度改革”缺少编号标记，按位置定为（四）"},
    {86, "单位“市人社局各县(区)党委、政府”缺少分隔符，已拆分为“市人社局”和“各县(区)党委、政府”"},
    {112, "分组标题“深化市场化运营模式创新”缺少编号标记，按位置定为（五）"},
    {126, "分组标题“)强化考核评价”缺少编号标记，按位置定为（六）"},
    {142, "条目 16 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
    {144, "条目 17 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
    {146, "条目 18 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
};

/* Replaces every occurrence of from by to in s (heap result). */
static char *replace_all(const char *s, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t fl = strlen(from);
	const char *p = s, *hit;

	while ((hit = strstr(p, from))) {
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addstr(&sb, to);
		p = hit + fl;
	}
	strbuf_addstr(&sb, p);
	return strbuf_detach(&sb, NULL);
}

/* Line `no` (1-based) of buf, without its newline. */
static const char *nth_line(const char *buf, int no, size_t *n)
{
	const char *p = buf;

	for (int i = 1; i < no; i++) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	const char *e = strchr(p, '\n');
	*n = e ? (size_t)(e - p) : strlen(p);
	return p;
}

/* Checks the structure every spelling of the seed must produce (units, groups, articles).
 * fullwidth: the text had its ASCII commas turned into ， (units are the same either way). */
static void check_seed_structure(const struct policy_doc *d, bool fullwidth)
{
	static const char *const parts[] = {"总体要求", "重点改革任务", "保障措施"};
	static const char *const groups[] = {"坚持和加强党的全面领导", "深化事权制度改革",
	                                     "深化财税制度改革",       "深化人事薪酬制度改革",
	                                     "深化市场化运营模式创新", "强化考核评价"};
	static const int group_lines[] = {42, 46, 66, 80, 112, 126};
	static const bool recovered[] = {false, false, true, true, true, true};

	assert_string_equal(d->title, "中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革意见");
	assert_string_equal(d->title_note, "征求意见稿");
	assert_int_equal(d->n_parts, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(d->parts[i].number, i + 1);
		assert_string_equal(d->parts[i].heading, parts[i]);
	}
	assert_int_equal(d->parts[0].line, 36);
	assert_int_equal(d->parts[1].line, 40);
	assert_int_equal(d->parts[2].line, 140);
	assert_string_equal(d->parts[1].body, "");
	assert_string_equal(d->parts[2].body, "");
	assert_int_equal(d->n_groups, 6);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(d->groups[i].part, 1);
		assert_int_equal(d->groups[i].number, i + 1);
		assert_string_equal(d->groups[i].heading, groups[i]);
		assert_string_equal(d->groups[i].body, "");
		assert_int_equal(d->groups[i].line, group_lines[i]);
		assert_int_equal(d->groups[i].recovered, recovered[i]);
	}
	assert_int_equal(d->n_articles, 18);
	for (size_t i = 0; i < 18; i++) {
		const struct policy_article *art = &d->articles[i];
		const struct want_article *w = &seed_articles[i];
		assert_int_equal(art->number, w->number);
		assert_int_equal(part_no(d, art), w->part);
		assert_int_equal(group_no(d, art), w->group);
		assert_int_equal(art->line, w->line);
		if (w->short_title) {
			char *title = replace_all(w->short_title, ",", fullwidth ? "，" : ",");
			assert_non_null(art->short_title);
			assert_string_equal(art->short_title, title);
			free(title);
		} else {
			assert_null(art->short_title);
		}
		policy_check_units(art->lead_units, art->n_lead_units, w->lead);
		policy_check_units(art->responsible_units, art->n_responsible_units, w->resp);
		/* own lines 牵头单位：… / 责任单位：…, nothing else */
		assert_int_equal(art->unit_source,
		                 w->lead[0] ? POLICY_UNITS_LINES : POLICY_UNITS_NONE);
		assert_null(art->scope);
		assert_null(art->deadline);
	}
	assert_string_equal(d->closing, fullwidth ? "附件下载：" : "附件下载:");
}

static void test_seed(void **state)
{
	(void)state;
	size_t len, n;
	char *buf = policy_check_slurp("fushun-devzone-reform-draft-2025.txt", &len);
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_OK);
	assert_null(d.error);
	assert_string_equal(d.encoding, "UTF-8");
	check_seed_structure(&d, false);

	assert_true(d.notice.present);
	assert_int_equal(d.notice.line, 1);
	assert_string_equal(d.notice.heading,
	                    "关于对《中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的意见》"
	                    "征求意见的公告");
	assert_string_equal(d.notice.issuer, "抚顺市商务局");
	assert_string_equal(d.notice.date, "2025-06-23");
	assert_string_equal(d.notice.email, "swjkhcjc@163.com");
	assert_string_equal(d.notice.phone, "57500610");
	assert_string_equal(d.notice.window_start, "2025-06-23");
	assert_string_equal(d.notice.window_end, "2025-06-25");
	assert_string_equal(d.notice.text, seed_notice_text);
	/* the draft is dated by its notice; it has no 文号 */
	assert_string_equal(d.date, "2025-06-23");
	assert_null(d.doc_number);
	assert_string_equal(d.preamble, seed_preamble);
	assert_string_equal(d.parts[0].body, seed_part1_body);

	/* no text lost: each article's line is "N." + short title + "。" + body, give or take
	 * the NBSP that became a space (article 10) */
	for (size_t i = 0; i < d.n_articles; i++) {
		const struct policy_article *art = &d.articles[i];
		const char *s = nth_line(buf, art->line, &n);
		char *whole = art->short_title
		                  ? arena_printf(&a, "%s。%s", art->short_title, art->body)
		                  : arena_strdup(&a, art->body);
		char *line, *want;
		while (n && ((*s >= '0' && *s <= '9') || *s == '.' || *s == ' '))
			s++, n--;
		if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
			s += 2, n -= 2;
		line = arena_strndup(&a, s, n);
		want = replace_all(line, "\xc2\xa0", " ");
		assert_string_equal(whole, want);
		free(want);
	}
	assert_string_equal(
	    d.articles[2].body,
	    "理清开发区与所在县(区)政府的职责边界,市政府指导形成开发区与所在县(区)"
	    "政府之间的权责清单,明确职责分工衔接流程。支持开发区管委会建立健全所在地"
	    "政府部门乡镇(街道)协调配合交叉任职等工作机制");
	policy_check_warnings(&d, seed_warnings, sizeof(seed_warnings) / sizeof(seed_warnings[0]));
	arena_release(&a);
	free(buf);
}

/* The same seed with full-width ，：（） must give the same structure and units. */
static void test_seed_fullwidth_punctuation(void **state)
{
	(void)state;
	size_t len;
	char *buf = policy_check_slurp("fushun-devzone-reform-draft-2025.txt", &len);
	char *s1 = replace_all(buf, ",", "，");
	char *s2 = replace_all(s1, ":", "：");
	char *s3 = replace_all(s2, "(", "（");
	char *s4 = replace_all(s3, ")", "）");
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(s4, &a, &d);
	check_seed_structure(&d, true);
	assert_string_equal(d.notice.email, "swjkhcjc@163.com");
	assert_string_equal(d.notice.window_end, "2025-06-25");
	assert_int_equal(d.n_warnings, 9);
	assert_string_equal(d.warnings[2].message,
	                    "分组标题“）深化人事薪酬制度改革”缺少编号标记，按位置定为（四）");
	arena_release(&a);
	free(s4);
	free(s3);
	free(s2);
	free(s1);
	free(buf);
}

/* A UTF-8 BOM and CRLF line ends change nothing but the reported encoding. */
static void test_seed_bom_crlf(void **state)
{
	(void)state;
	size_t len;
	char *buf = policy_check_slurp("fushun-devzone-reform-draft-2025.txt", &len);
	char *crlf = replace_all(buf, "\n", "\r\n");
	char *bom = replace_all(crlf, "您现在", "\xef\xbb\xbf您现在");
	struct arena a;
	struct policy_doc d1, d2;

	arena_init(&a);
	policy_check_parse(buf, &a, &d1);
	policy_check_parse(bom, &a, &d2);
	assert_string_equal(d2.encoding, "UTF-8 (BOM)");
	d2.encoding = d1.encoding;
	char *j1 = to_json(&d1), *j2 = to_json(&d2);
	assert_string_equal(j1, j2);
	free(j1);
	free(j2);
	arena_release(&a);
	free(bom);
	free(crlf);
	free(buf);
}

/* ---------- the sample documents ---------- */

static void check_fullwidth_sample(const struct policy_doc *d)
{
	static const struct want_article arts[] = {
	    {1,
	     2,
	     1,
	     11,
	     "推行“高效办成一件事”",
	     {"市数据局(市营商局)", NULL},
	     {"各县(区)人民政府", "各省级开发区管委会", NULL}},
	    {2,
	     2,
	     1,
	     16,
	     "深化容缺受理和告知承诺",
	     {"市数据局", NULL},
	     {"市市场监管局", "市自然资源局", NULL}},
	    {3,
	     2,
	     2,
	     21,
	     "保障项目用地",
	     {"市自然资源局", NULL},
	     {"各县(区)人民政府", "各省级开发区管委会", NULL}},
	    {4,
	     2,
	     2,
	     22,
	     "加强融资服务",
	     {"市财政局", NULL},
	     {"市金融发展局", "人民银行抚顺市分行", NULL}},
	    {5, 3, 0, 24, "加强统筹调度", {NULL}, {NULL}},
	};

	assert_string_equal(d->title,
	                    "抚顺市人民政府办公室关于印发抚顺市开发区营商环境提升行动方案的通知");
	assert_null(d->title_note);
	assert_false(d->notice.present);
	assert_string_equal(d->preamble,
	                    "各县（区）人民政府，市政府各部门，各省级开发区管委会：\n"
	                    "经市政府同意，现将《抚顺市开发区营商环境提升行动方案》印发给你们，"
	                    "请结合实际认真贯彻落实。");
	assert_int_equal(d->n_parts, 3);
	assert_string_equal(d->parts[0].heading, "总体目标");
	assert_string_equal(
	    d->parts[0].body,
	    "到2026年底，开发区政务服务事项网上可办率达到100%，企业开办时间压缩至1个"
	    "工作日以内，营商环境主要指标进入全省前列。");
	assert_string_equal(d->parts[1].heading, "重点任务");
	assert_string_equal(d->parts[2].heading, "保障措施");
	assert_int_equal(d->n_groups, 2);
	assert_string_equal(d->groups[0].heading, "提升政务服务效能");
	assert_int_equal(d->groups[0].line, 10);
	assert_string_equal(d->groups[1].heading, "强化要素保障");
	assert_int_equal(d->groups[1].number, 2);
	assert_int_equal(d->n_articles, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct policy_article *art = &d->articles[i];
		assert_int_equal(art->number, arts[i].number);
		assert_int_equal(part_no(d, art), arts[i].part);
		assert_int_equal(group_no(d, art), arts[i].group);
		assert_int_equal(art->line, arts[i].line);
		assert_string_equal(art->short_title, arts[i].short_title);
		policy_check_units(art->lead_units, art->n_lead_units, arts[i].lead);
		policy_check_units(art->responsible_units, art->n_responsible_units, arts[i].resp);
	}
	assert_string_equal(
	    d->articles[0].body,
	    "梳理开发区企业全生命周期高频事项，编制“一件事”清单并动态调整。具体包括：\n"
	    "（１）企业开办、变更、注销“一网通办”；\n"
	    "（２）工程建设项目审批“一窗受理”；\n"
	    "（３）惠企政策“免申即享”。");
	assert_string_equal(d->articles[1].body,
	                    "一是对非关键性材料缺失的申请先行受理，限期补齐；\n"
	                    "二是对具备条件的涉企经营许可事项实行告知承诺制；\n"
	                    "三是建立承诺事项事中事后核查机制。");
	/* the prose clause is data and text at once: it stays in the body */
	assert_string_equal(
	    d->articles[2].body,
	    "推行“标准地”出让，新增工业用地原则上按“标准地”供应，盘活批而未供和闲置"
	    "土地。市自然资源局牵头，各县（区）人民政府、各省级开发区管委会按职责分工"
	    "负责。");
	assert_string_equal(d->articles[3].body,
	                    "建立开发区重点项目融资需求清单，定期组织银企对接。");
	/* where the units came from: a labelled parenthesis on its own line or at the end of a
	 * paragraph, and a prose sentence */
	assert_int_equal(d->articles[0].unit_source, POLICY_UNITS_LABELLED);
	assert_int_equal(d->articles[1].unit_source, POLICY_UNITS_LABELLED);
	assert_int_equal(d->articles[2].unit_source, POLICY_UNITS_PROSE);
	assert_int_equal(d->articles[3].unit_source, POLICY_UNITS_LABELLED);
	assert_int_equal(d->articles[4].unit_source, POLICY_UNITS_NONE);
	assert_string_equal(d->closing, "");
	policy_check_warnings(
	    d,
	    (const struct policy_check_warning[]){
	        {24, "条目 5 没有牵头单位和责任单位，而本文件多数条目都有，请核对"}},
	    1);
}

static void test_fullwidth_sample(void **state)
{
	(void)state;
	size_t len;
	char *buf = policy_check_slurp("policy-sample-fullwidth.txt", &len);
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_OK);
	assert_string_equal(d.encoding, "UTF-8");
	check_fullwidth_sample(&d);
	arena_release(&a);
	free(buf);
}

/* The GB18030 copy (made with iconv) parses to the very same document. */
static void test_gb18030_sample(void **state)
{
	(void)state;
	size_t len, len8;
	char *buf = policy_check_slurp("policy-sample-fullwidth-gb18030.txt", &len);
	char *utf8 = policy_check_slurp("policy-sample-fullwidth.txt", &len8);
	struct arena a;
	struct policy_doc d, d8;

	arena_init(&a);
	assert_false(textconv_utf8_valid(buf, len));
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_OK);
	assert_string_equal(d.encoding, "GB18030");
	check_fullwidth_sample(&d);
	assert_int_equal(policy_parse(utf8, len8, &a, &d8), KFQ_OK);
	d.encoding = d8.encoding;
	char *j = to_json(&d), *j8 = to_json(&d8);
	assert_string_equal(j, j8);
	free(j);
	free(j8);
	arena_release(&a);
	free(utf8);
	free(buf);
}

static void test_statute_sample(void **state)
{
	(void)state;
	size_t len;
	char *buf = policy_check_slurp("policy-sample-statute.txt", &len);
	struct arena a;
	struct policy_doc d;
	static const struct want_article arts[] = {
	    {1, 1, 0, 6, NULL, {NULL}, {NULL}},
	    {2, 1, 0, 8, NULL, {NULL}, {NULL}},
	    {3, 1, 0, 10, NULL, {"市商务局", NULL}, {"各县(区)人民政府", NULL}},
	    {4, 2, 0, 15, NULL, {"市委编办", NULL}, {"市司法局", "市直有关部门", NULL}},
	    {5, 2, 0, 21, NULL, {"市数据局", NULL}, {"市直有关部门", NULL}},
	    {6, 3, 0, 25, NULL, {NULL}, {NULL}},
	};

	arena_init(&a);
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_OK);
	assert_string_equal(d.title, "抚顺市开发区发展促进条例");
	assert_string_equal(d.title_note,
	                    "2025年5月28日抚顺市第十七届人民代表大会常务委员会第二十次会议通过　"
	                    "2025年6月20日辽宁省第十四届人民代表大会常务委员会第十七次会议批准");
	assert_false(d.notice.present);
	assert_string_equal(d.preamble, "");
	assert_int_equal(d.n_parts, 3);
	assert_string_equal(d.parts[0].heading, "总则");
	assert_string_equal(d.parts[1].heading, "管理体制");
	assert_string_equal(d.parts[2].heading, "附则");
	assert_int_equal(d.parts[2].number, 3);
	assert_int_equal(d.n_groups, 0);
	assert_int_equal(d.n_articles, 6);
	for (size_t i = 0; i < 6; i++) {
		const struct policy_article *art = &d.articles[i];
		assert_int_equal(art->number, arts[i].number);
		assert_int_equal(part_no(&d, art), arts[i].part);
		assert_int_equal(art->group, -1);
		assert_int_equal(art->line, arts[i].line);
		assert_null(art->short_title);
		policy_check_units(art->lead_units, art->n_lead_units, arts[i].lead);
		policy_check_units(art->responsible_units, art->n_responsible_units, arts[i].resp);
	}
	assert_string_equal(
	    d.articles[0].body,
	    "为了促进开发区高质量发展，深化开发区体制机制改革，根据有关法律、法规，结合"
	    "本市实际，制定本条例。");
	assert_string_equal(d.articles[3].body,
	                    "开发区管委会作为市或者县（区）人民政府的派出机构，履行下列职责：\n"
	                    "（一）组织编制开发区发展规划和产业规划；\n"
	                    "（二）负责开发区内的投资促进和项目建设；\n"
	                    "（三）承接市、县（区）人民政府及其部门依法赋予的管理权限。");
	/* the inline clause is cut out, the sentence keeps its 。 */
	assert_string_equal(
	    d.articles[4].body,
	    "市人民政府有关部门应当按照“谁赋权、谁指导”的原则，对开发区承接的管理权限"
	    "加强业务指导和监督评估。");
	assert_string_equal(d.articles[5].body, "本条例自2025年8月1日起施行。");
	assert_int_equal(d.n_warnings, 0);
	arena_release(&a);
	free(buf);
}

/* ---------- refusals and encodings ---------- */

static void expect_error(const char *buf, size_t len, const char *msg)
{
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_EINVAL);
	assert_string_equal(d.error, msg);
	assert_int_equal(d.n_articles, 0);
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	char *big;

	expect_error("", 0, "文件为空");
	expect_error("\xef\xbb\xbf", 3, "文件为空");
	expect_error(" \n\t\r\n\xc2\xa0\xe3\x80\x80\n", 11, "文件为空");
	expect_error("abc\0def", 7, "不是文本文件（含有二进制内容）");
	expect_error("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "不是文本文件（含有二进制内容）");
	expect_error("\x7f"
	             "ELF\x02\x01\x01",
	             7, "不是文本文件（含有二进制内容）");
	/* what users pick instead of a .txt: told what the file is and how to get the text */
	expect_error("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15, POLICY_MSG_PDF);
	expect_error("PK\x03\x04\x14\0\x06\0", 8, POLICY_MSG_WORD);
	expect_error("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10, POLICY_MSG_WORD);
	assert_string_equal(POLICY_MSG_PDF,
	                    "这是 PDF 文件，不是文本文件：请在 PDF 阅读器中复制正文，"
	                    "粘贴到记事本等处保存为 .txt 文件后再导入");
	assert_string_equal(POLICY_MSG_WORD,
	                    "这是 Word、WPS 或 Excel 文件，不是文本文件：请用“另存为”保存为纯文本"
	                    "（.txt；表格可存为“文本文件(制表符分隔)”）后再导入");
	/* Latin-1 is neither UTF-8 nor Chinese in GB18030 */
	expect_error("caf\xe9 cr\xe8me br\xfbl\xe9"
	             "e\n",
	             18, "无法识别的文本编码");
	/* an odd byte count cannot be UTF-16 */
	expect_error("\xff\xfe\x00\x4e\x8c", 5, "无法识别的文本编码");
	/* UTF-16 that hides a NUL character */
	expect_error("\xff\xfe"
	             "a\0\0\0",
	             6, "不是文本文件（含有二进制内容）");
	big = xmalloc(POLICY_MAX_BYTES + 1);
	memset(big, 'a', POLICY_MAX_BYTES + 1);
	expect_error(big, POLICY_MAX_BYTES + 1, "文件过大（超过 4 MiB）");
	memset(big, '\n', POLICY_MAX_LINES);
	expect_error(big, POLICY_MAX_LINES, "文件行数过多（超过 100000 行）");
	free(big);
}

static void test_utf16(void **state)
{
	(void)state;
	/* "一、总体要求\n1.加强领导。内容。\n" in UTF-16LE with its BOM */
	static const char *const text = "一、总体要求\r\n1.加强领导。内容。\r\n";
	char buf[256];
	size_t n = 0, i = 0, len = strlen(text);
	struct arena a;
	struct policy_doc d;

	buf[n++] = (char)0xff;
	buf[n++] = (char)0xfe;
	while (i < len) {
		uint32_t c;
		i += textconv_utf8_next(text + i, len - i, &c);
		buf[n++] = (char)(c & 0xff);
		buf[n++] = (char)(c >> 8);
	}
	arena_init(&a);
	assert_int_equal(policy_parse(buf, n, &a, &d), KFQ_OK);
	assert_string_equal(d.encoding, "UTF-16LE");
	assert_int_equal(d.n_articles, 1);
	assert_int_equal(d.articles[0].line, 2);
	assert_string_equal(d.articles[0].short_title, "加强领导");
	assert_string_equal(d.articles[0].body, "内容。");
	arena_release(&a);
}

/* ---------- unit lists ---------- */

static void test_unit_lists(void **state)
{
	(void)state;
	static const char text[] =
	    "关于推进开发区改革的实施方案\n"
	    "\n"
	    "1.加强领导。成立专班。\n"
	    "牵头单位：市发改委 市财政局、市委、市政府、市纪委、监委\n"
	    "责任单位：各县()、市数据局()、市财政局市商务局、市委组织部各开发区管委会，\n"
	    "市工信局、市工信局\n"
	    "2.优化服务。内容。\n"
	    "牵头单位：市商务局（市外事办\n"
	    "责任单位：\n"
	    "4.完善机制。内容（牵头单位：市科技局；责任单位：各县区政府）（配合单位：市人社局）\n"
	    "由市发改委、市财政局牵头，各县（区）政府按职责分工负责。\n"
	    "5.要发挥牵头作用。各部门要牵头抓总。市委深改委牵头抓总，市直有关部门配合。\n"
	    "6.统筹推进。牵头部门：市商务局 责任主体：各县（区）党委和政府；责任部门：市直部门\n"
	    "（牵头单位：市市场监管局;配合部门:县（区）党委、政府, 各开发区党工委、管委会）\n"
	    "7.其他。正文里写着牵头单位：市商务局的情况，以及责任单位：市财政局等。\n";
	static const struct policy_check_warning warnings[] = {
	    {5, "单位“市数据局()”中有空括号，已删去"},
	    {5, "单位“市财政局市商务局”缺少分隔符，已拆分为“市财政局”和“市商务局”"},
	    {5, "单位“市委组织部各开发区管委会”缺少分隔符，已拆分为“市委组织部”和“各开发区管委会”"},
	    {5, "单位“市工信局”重复出现，只保留一次"},
	    {8, "单位列表“市商务局（市外事办”括号不成对，已按原文拆分"},
	    {9, "责任单位为空"},
	    {10, "条目编号不连续：2 之后是 4"},
	    {15, "条目 7 正文中的“牵头单位：市商务局的情况，以及责任单位：市财政局等”像是牵头/"
	         "责任单位，但未能识别为单位列表，已保留在正文"},
	    {15, "条目 7 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
	};
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	assert_int_equal(d.n_articles, 6);
	/* space between two names splits; 市委、市政府 are two; 市纪委、监委 is one */
	policy_check_units(
	    d.articles[0].lead_units, d.articles[0].n_lead_units,
	    (const char *[]){"市发改委", "市财政局", "市委", "市政府", "市纪委、监委", NULL});
	/* 各县() gets its 区 back; a wrapped list continues on the next line */
	policy_check_units(d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	                   (const char *[]){"各县(区)", "市数据局", "市财政局", "市商务局",
	                                    "市委组织部", "各开发区管委会", "市工信局", NULL});
	policy_check_units(d.articles[1].lead_units, d.articles[1].n_lead_units,
	                   (const char *[]){"市商务局(市外事办", NULL});
	assert_int_equal(d.articles[1].n_responsible_units, 0);
	/* two trailing clauses are taken in text order; the prose below them is then ignored */
	policy_check_units(d.articles[2].lead_units, d.articles[2].n_lead_units,
	                   (const char *[]){"市科技局", NULL});
	policy_check_units(d.articles[2].responsible_units, d.articles[2].n_responsible_units,
	                   (const char *[]){"各县区政府", "市人社局", NULL});
	assert_string_equal(d.articles[2].body,
	                    "内容\n由市发改委、市财政局牵头，各县（区）政府按职责分工负责。");
	/* 牵头抓总 after 各部门要 is prose; after 市委深改委 it names the lead */
	policy_check_units(d.articles[3].lead_units, d.articles[3].n_lead_units,
	                   (const char *[]){"市委深改委", NULL});
	policy_check_units(d.articles[3].responsible_units, d.articles[3].n_responsible_units,
	                   (const char *[]){"市直有关部门", NULL});
	/* the synonyms, after a sentence and on a line of their own, half-width ; : , mixed in;
	 * all taken in text order */
	policy_check_units(d.articles[4].lead_units, d.articles[4].n_lead_units,
	                   (const char *[]){"市商务局", "市市场监管局", NULL});
	policy_check_units(d.articles[4].responsible_units, d.articles[4].n_responsible_units,
	                   (const char *[]){"各县(区)党委和政府", "市直部门", "县(区)党委、政府",
	                                    "各开发区党工委、管委会", NULL});
	assert_string_equal(d.articles[4].short_title, "统筹推进");
	assert_string_equal(d.articles[4].body, "");
	/* lines, a labelled parenthesis, prose; the last article mixes its own lines with a
	 * labelled parenthesis on a line of its own */
	assert_int_equal(d.articles[0].unit_source, POLICY_UNITS_LINES);
	assert_int_equal(d.articles[2].unit_source, POLICY_UNITS_LABELLED);
	assert_int_equal(d.articles[3].unit_source, POLICY_UNITS_PROSE);
	assert_int_equal(d.articles[4].unit_source, POLICY_UNITS_MIXED);
	/* keywords in the middle of a sentence are prose: kept, and reported */
	assert_int_equal(d.articles[5].n_lead_units, 0);
	assert_string_equal(d.articles[5].body,
	                    "正文里写着牵头单位：市商务局的情况，以及责任单位：市财政局等。");
	policy_check_warnings(&d, warnings, sizeof(warnings) / sizeof(warnings[0]));
	arena_release(&a);
}

/* ---------- other shapes ---------- */

static void test_grouped_document(void **state)
{
	(void)state;
	static const char text[] =
	    "一、总体要求\n"
	    "坚持党的领导。\n"
	    "（一）加强组织领导。各地要成立专班（牵头单位：市委组织部；责任单位：各县区）。\n"
	    "（二）强化督查。定期督查。\n"
	    "（1）月度调度；\n"
	    "（2）季度通报。\n"
	    "市商务局牵头，各开发区按职责分工负责。\n"
	    "二、保障措施\n"
	    "（一）经费保障。列入预算。\n";
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	assert_null(d.title);
	assert_int_equal(d.n_parts, 2);
	assert_string_equal(d.parts[0].body, "坚持党的领导。");
	assert_int_equal(d.n_groups, 0);
	assert_int_equal(d.n_articles, 3);
	assert_int_equal(d.articles[0].number, 1);
	assert_string_equal(d.articles[0].short_title, "加强组织领导");
	assert_string_equal(d.articles[0].body, "各地要成立专班。");
	policy_check_units(d.articles[0].lead_units, d.articles[0].n_lead_units,
	                   (const char *[]){"市委组织部", NULL});
	policy_check_units(d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	                   (const char *[]){"各县区", NULL});
	assert_string_equal(d.articles[1].body, "定期督查。\n（1）月度调度；\n（2）季度通报。\n"
	                                        "市商务局牵头，各开发区按职责分工负责。");
	policy_check_units(d.articles[1].lead_units, d.articles[1].n_lead_units,
	                   (const char *[]){"市商务局", NULL});
	policy_check_units(d.articles[1].responsible_units, d.articles[1].n_responsible_units,
	                   (const char *[]){"各开发区", NULL});
	assert_int_equal(part_no(&d, &d.articles[2]), 2);
	assert_int_equal(d.articles[2].number, 1);
	assert_int_equal(d.articles[2].group, -1);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){
	        {1, "未找到文件标题"},
	        {9, "条目 1 没有牵头单位和责任单位，而本文件多数条目都有，请核对"}},
	    2);
	arena_release(&a);
}

static void test_parts_only_and_plain(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "一、加强组织领导。成立专班。\n二、强化督查考核。定期督查（牵头单位：市商务局）。\n",
	    &a, &d);
	assert_int_equal(d.n_parts, 0);
	assert_int_equal(d.n_articles, 2);
	assert_int_equal(d.articles[1].number, 2);
	assert_string_equal(d.articles[1].short_title, "强化督查考核");
	assert_string_equal(d.articles[1].body, "定期督查。");
	policy_check_units(d.articles[1].lead_units, d.articles[1].n_lead_units,
	                   (const char *[]){"市商务局", NULL});

	policy_check_parse("这是一段没有任何结构的文字，\n只是普通的说明。\n", &a, &d);
	assert_null(d.title);
	assert_string_equal(d.preamble, "这是一段没有任何结构的文字，\n只是普通的说明。");
	assert_int_equal(d.n_articles, 0);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){{1, "未找到文件标题"}, {1, "未识别出任何条目"}},
	    2);
	arena_release(&a);
}

static void test_misplaced_text(void **state)
{
	(void)state;
	static const char text[] = "牵头单位：市商务局\n"
	                           "(1)孤立的子项\n"
	                           "一、总体要求\n"
	                           "1.第一条。内容。\n"
	                           "牵头单位：市商务局\n"
	                           "后面的文字。\n"
	                           "3.第三条。内容\n"
	                           "（三）跳号分组\n"
	                           "1.重新开始。内容。\n"
	                           "一)半个括号\n"
	                           "2.x。y\n"
	                           "\n";
	static const struct policy_check_warning warnings[] = {
	    {1, "牵头/责任单位行不属于任何条目，已作为正文保留"},
	    {3, "未找到文件标题"},
	    {6, "条目 1 的单位行之后还有文字，已并入该条正文"},
	    {7, "条目编号不连续：1 之后是 3"},
	    {8, "分组编号没有从（一）开始：第一个是（三）"},
	    {10, "分组标题“一)半个括号”的括号不完整，按（一）处理"},
	    {10, "分组编号不连续：（三）之后是（一）"},
	};
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	assert_string_equal(d.preamble, "牵头单位：市商务局\n(1)孤立的子项");
	assert_int_equal(d.n_articles, 4);
	assert_string_equal(d.articles[0].body, "内容。\n后面的文字。");
	assert_int_equal(d.n_groups, 2);
	assert_int_equal(d.groups[1].number, 1);
	assert_true(d.groups[1].recovered);
	assert_string_equal(d.groups[1].heading, "半个括号");
	assert_int_equal(group_no(&d, &d.articles[3]), 1);
	policy_check_warnings(&d, warnings, sizeof(warnings) / sizeof(warnings[0]));

	/* "）…" that continues a bracket is text, not a heading */
	policy_check_parse(
	    "一、总体要求\n1.甲。乙（见附表，\n）按附表执行，逐项落实。\n2.丙。丁。\n", &a, &d);
	assert_int_equal(d.n_groups, 0);
	assert_string_equal(d.articles[0].body, "乙（见附表，\n）按附表执行，逐项落实。");
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {1, "未找到文件标题"}, {3, "行首的编号标记不完整，已按正文处理"}},
	                      2);

	/* a unit line after a part heading, before any article, stays in the part's body */
	policy_check_parse("一、总体要求\n责任单位：市商务局\n1.甲。乙。\n", &a, &d);
	assert_string_equal(d.parts[0].body, "责任单位：市商务局");
	assert_int_equal(d.articles[0].n_responsible_units, 0);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){
	        {1, "未找到文件标题"}, {2, "牵头/责任单位行不属于任何条目，已作为正文保留"}},
	    2);
	arena_release(&a);
}

/* Under 第N条 articles a "1." line is a numbered item of the article. One numbered from 3 with
 * no 1 before it is more likely the next article written in another style, merged with its
 * units into the article before: the reader is told (a text from the bug bash). Items from 1,
 * and a second list of another kind, are not warned about. */
static void test_sub_items_not_from_one(void **state)
{
	(void)state;
	static const char text[] =
	    "某某实施方案\n"
	    "2026年3月1日\n"
	    "第一条 推进一网通办。牵头单位：市数据局。完成时限：2026年6月底前。\n"
	    "第二条 压缩开办时间。牵头单位：市市场监管局。完成时限：2026年9月底前。\n"
	    "3.建立首问负责制。牵头单位：市商务局。完成时限：2027年上半年。\n"
	    "第三条 管委会履行下列职责：\n"
	    "1.组织编制规划；\n"
	    "2.负责投资促进；\n"
	    "（一）其他职责。\n";
	static const struct policy_check_warning warnings[] = {
	    {5, "条目 2 中的编号“3”不是从1编起，可能是另一条，已并入条目 2，请核对"},
	    {6, "条目 3 没有牵头单位和责任单位，而本文件多数条目都有，请核对"},
	};
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	assert_int_equal(d.n_articles, 3);
	policy_check_warnings(&d, warnings, sizeof(warnings) / sizeof(warnings[0]));
	arena_release(&a);
}

static void test_notice_variants(void **state)
{
	(void)state;
	static const char text[] =
	    "关于公开征求《抚顺市开发区考核办法（征求意见稿）》意见的通知\n"
	    "\n"
	    "为广泛听取意见，现公开征求意见。联系人：张三，联系电话：024-57500610、57500611\n"
	    "电子邮件：kfq@fushun.gov.cn。\n"
	    "征求意见时间：2025年7月1日至7月15日\n"
	    "\n"
	    "抚顺市商务局\n"
	    "二〇二五年六月三十日\n"
	    "\n"
	    "抚顺市开发区考核办法\n"
	    "（征求意见稿）\n"
	    "\n"
	    "第一条【目的】为了规范考核，制定本办法。\n"
	    "第二条 本办法适用于各开发区。\n"
	    "\n"
	    "附件：1.考核指标\n"
	    "2.评分细则\n";
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	assert_true(d.notice.present);
	assert_string_equal(d.notice.heading,
	                    "关于公开征求《抚顺市开发区考核办法（征求意见稿）》意见的通知");
	assert_string_equal(d.notice.issuer, "抚顺市商务局");
	assert_string_equal(d.notice.date, "2025-06-30");
	assert_string_equal(d.notice.email, "kfq@fushun.gov.cn");
	assert_string_equal(d.notice.phone, "024-57500610");
	assert_string_equal(d.notice.window_start, "2025-07-01");
	assert_string_equal(d.notice.window_end, "2025-07-15");
	assert_string_equal(d.title, "抚顺市开发区考核办法");
	assert_string_equal(d.title_note, "征求意见稿");
	assert_int_equal(d.n_articles, 2);
	assert_string_equal(d.articles[0].short_title, "目的");
	assert_string_equal(d.articles[0].body, "为了规范考核，制定本办法。");
	assert_null(d.articles[1].short_title);
	assert_string_equal(d.articles[1].body, "本办法适用于各开发区。");
	/* the attachment list is closing matter, not articles */
	assert_string_equal(d.closing, "附件：1.考核指标\n2.评分细则");
	assert_int_equal(d.n_warnings, 0);

	/* a deadline only, a bad address, a date without digits */
	policy_check_parse("征求意见公告\n电子邮箱：无\n反馈截止时间：请于2025年2月30日前反馈\n"
	                   "意见反馈时间：截至2025年7月1日\n\n标题\n1.甲。乙。\n",
	                   &a, &d);
	assert_true(d.notice.present);
	assert_null(d.notice.email);
	assert_null(d.notice.window_start);
	assert_string_equal(d.notice.window_end, "2025-07-01");
	assert_string_equal(d.title, "标题");
	policy_check_warnings(&d,
	                      (const struct policy_check_warning[]){
	                          {2, "电子邮箱“无”不是有效的邮件地址"},
	                          {3, "意见反馈时间“请于2025年2月30日前反馈”中没有可识别的日期"}},
	                      2);
	arena_release(&a);
}

static void test_json_shape(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	char *json;

	arena_init(&a);
	policy_check_parse("标题\n一、总体\n(一)分组\n1.甲。乙。\n牵头单位：市商务局\n三、其他\n",
	                   &a, &d);
	json = to_json(&d);
	assert_string_equal(
	    json,
	    "{\"title\":\"标题\",\"title_note\":null,\"doc_number\":null,\"date\":null,"
	    "\"national\":false,"
	    "\"encoding\":\"UTF-8\",\"notice\":null,"
	    "\"preamble\":\"\",\"sections\":[],\"parts\":[{\"section\":null,\"number\":1,"
	    "\"heading\":\"总体\",\"body\":\"\",\"line\":2},{\"section\":null,\"number\":3,"
	    "\"heading\":\"其他\",\"body\":\"\",\"line\":6}],"
	    "\"groups\":[{\"part\":1,\"number\":1,\"heading\":\"分组\",\"body\":\"\","
	    "\"recovered\":false,\"line\":3}],\"articles\":[{\"number\":1,\"part\":1,"
	    "\"group\":1,\"short_title\":\"甲\",\"body\":\"乙。\",\"lead_units\":[\"市商务局\"],"
	    "\"responsible_units\":[],\"guide_units\":[],\"scope\":null,\"deadline\":null,"
	    "\"deadline_date\":null,"
	    "\"unit_source\":\"lines\",\"lead_rule_line\":null,\"line\":4}],\"closing\":\"\","
	    "\"warnings\":[{\"line\":6,"
	    "\"message\":\"部分编号不连续：一、之后是三、\"}]}");
	free(json);
	arena_release(&a);
}

/* Chinese numerals in markers and dates (clang 14 -O2 once read 三十 as 10). */
static void test_chinese_numerals(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse("二十、部分\n（十一）分组\n3.甲。乙。\n", &a, &d);
	assert_int_equal(d.parts[0].number, 20);
	assert_int_equal(d.groups[0].number, 11);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){{1, "未找到文件标题"},
	                                          {1, "部分编号没有从一开始：第一个是二十、"},
	                                          {2, "分组编号没有从（一）开始：第一个是（十一）"},
	                                          {3, "条目编号没有从 1 开始：第一条是 3"}},
	    4);
	policy_check_parse(
	    "条例\n第十二章　总则\n第三十条　甲。\n第三十一条【标题】乙。\n第一百零五条 丙。\n", &a,
	    &d);
	assert_int_equal(d.parts[0].number, 12);
	assert_int_equal(d.articles[0].number, 30);
	assert_int_equal(d.articles[1].number, 31);
	assert_string_equal(d.articles[1].short_title, "标题");
	assert_string_equal(d.articles[1].body, "乙。");
	assert_int_equal(d.articles[2].number, 105);
	policy_check_warnings(
	    &d,
	    (const struct policy_check_warning[]){{2, "部分编号没有从一开始：第一个是十二、"},
	                                          {3, "条目编号没有从 1 开始：第一条是 30"},
	                                          {5, "条目编号不连续：31 之后是 105"}},
	    3);
	policy_check_parse(
	    "征求意见公告\n电话：57500610\n\n抚顺市商务局\n二〇二五年十二月三十一日\n\n标题\n"
	    "1.甲。乙。\n",
	    &a, &d);
	assert_string_equal(d.notice.date, "2025-12-31");
	arena_release(&a);
}

/* A task title for an article without a title sentence: the start of its text. */
static void test_article_caption(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "标题\n1.聚焦主责主业。开发区要坚持发展实体经济。\n"
	    "2.把党的领导贯彻到开发区建设发展各领域全过程,完善党委领导。\n"
	    "3.对深化商事制度改革成效显著、落实事中事后监管等相关政策措施社会反映好的"
	    "市（地、州、盟），优先纳入。\n",
	    &a, &d);
	assert_string_equal(policy_article_caption(&a, &d.articles[0], 30), "聚焦主责主业");
	assert_null(d.articles[1].short_title);
	assert_string_equal(policy_article_caption(&a, &d.articles[1], 30),
	                    "把党的领导贯彻到开发区建设发展各领域全过程");
	assert_string_equal(policy_article_caption(&a, &d.articles[2], 30),
	                    "对深化商事制度改革成效显著、落实事中事后监管等相关政策措施社…");
	d.articles[2].body = "";
	assert_string_equal(policy_article_caption(&a, &d.articles[2], 30), "第3条");
	arena_release(&a);
}

/* The codes the JSON, the task table and the export use, in the enum's order. */
static void test_unit_source_names(void **state)
{
	(void)state;
	static const char *const want[] = {"none",       "lines", "labelled", "paren",
	                                   "paren_rule", "prose", "mixed"};

	for (int s = POLICY_UNITS_NONE; s <= POLICY_UNITS_MIXED; s++)
		assert_string_equal(policy_unit_source_name((enum policy_unit_source)s), want[s]);
}

static void test_cn_number(void **state)
{
	(void)state;
	struct arena a;

	arena_init(&a);
	assert_string_equal(policy_cn_number(&a, 1), "一");
	assert_string_equal(policy_cn_number(&a, 10), "十");
	assert_string_equal(policy_cn_number(&a, 16), "十六");
	assert_string_equal(policy_cn_number(&a, 20), "二十");
	assert_string_equal(policy_cn_number(&a, 105), "一百零五");
	assert_string_equal(policy_cn_number(&a, 110), "一百一十");
	assert_string_equal(policy_cn_number(&a, 1001), "一千零一");
	assert_string_equal(policy_cn_number(&a, 0), "0");
	assert_string_equal(policy_cn_number(&a, 10000), "10000");
	arena_release(&a);
}

static void test_text_key(void **state)
{
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a);
	/* lines' closing spaces (ASCII, tab, full-width) and blank lines around the text go */
	static const char in[] = "\n\n标题  \n\n　1.第一条\t\u3000\n正文 x\n\n  \n";
	assert_string_equal(policy_text_key(&a, in, sizeof(in) - 1, &n),
	                    "标题\n\n　1.第一条\n正文 x");
	assert_int_equal(n, strlen("标题\n\n　1.第一条\n正文 x"));
	/* nothing else changes: a space inside a line, a leading full-width space, an ending */
	static const char same[] = "标题\n\n　1.第一条\n正文 x";
	assert_string_equal(policy_text_key(&a, same, sizeof(same) - 1, &n), same);
	assert_string_equal(policy_text_key(&a, " \n\t\n", 4, &n), "");
	assert_int_equal(n, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed),
	    cmocka_unit_test(test_seed_fullwidth_punctuation),
	    cmocka_unit_test(test_seed_bom_crlf),
	    cmocka_unit_test(test_fullwidth_sample),
	    cmocka_unit_test(test_gb18030_sample),
	    cmocka_unit_test(test_statute_sample),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_utf16),
	    cmocka_unit_test(test_unit_lists),
	    cmocka_unit_test(test_grouped_document),
	    cmocka_unit_test(test_parts_only_and_plain),
	    cmocka_unit_test(test_misplaced_text),
	    cmocka_unit_test(test_sub_items_not_from_one),
	    cmocka_unit_test(test_notice_variants),
	    cmocka_unit_test(test_json_shape),
	    cmocka_unit_test(test_chinese_numerals),
	    cmocka_unit_test(test_article_caption),
	    cmocka_unit_test(test_unit_source_names),
	    cmocka_unit_test(test_cn_number),
	    cmocka_unit_test(test_text_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* print_title.c - title line breaking (print_title.h): the text cut into segments (lexicon
 * words by forward maximum matching, digit runs with their unit, single characters), a cost
 * for ending a line at each segment boundary, and a dynamic programme over the lines that keeps
 * their lengths unimodal. Must not measure fonts: widths are counted in characters, which is
 * what a fixed-size CJK title on the fixed type area of GB/T 9704 comes to. */
#include "core/print_title.h"

#include "util/textconv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Words of reform and supervision titles that a line break must not split. Sorted by bytes
 * (the lexicon test checks). Two to six characters; longer phrases split between these. */
static const char *const words[] = {
    "一区一单", "一区一策", "三年",     "上半年",     "下半年",   "专班",         "专项",
    "专项整治", "专题",     "东北",     "东洲区",     "严格",     "中共",         "主业",
    "主导产业", "主要",     "主责",     "主责主业",   "举措",     "事项",         "产业",
    "产业园",   "亩均",     "亩均效益", "人员",       "人才",     "人民",         "人民政府",
    "人社局",   "从严",     "任务",     "任务分工",   "企业",     "优化",         "优化营商环境",
    "会议",     "低效",     "低效用地", "体制",       "体制机制", "体系",         "作风",
    "促进",     "保障",     "做好",     "健全",       "党工委",   "全员",         "全员聘用",
    "全国",     "全市",     "全省",     "全面",       "公司",     "公告",         "关于",
    "具体",     "内设机构", "决定",     "准入",       "分工",     "分成",         "分成机制",
    "切实",     "切实做好", "创新",     "初步",       "制度",     "办公厅",       "办公室",
    "办理",     "办理情况", "加大",     "加强",       "加快",     "加快推进",     "动力",
    "助力",     "区域",     "协调",     "单位",       "印发",     "反馈",         "发展",
    "取得",     "台账",     "各县区",   "合作",       "名单",     "员额",         "周报",
    "商务局",   "园区",     "园区整合", "国务院",     "国家",     "国有",         "土地",
    "基层",     "增强",     "处置",     "大力",       "奖优罚劣", "季度",         "学习",
    "安全",     "完善",     "完成",     "实施",       "实施意见", "实施方案",     "实施细则",
    "实行",     "审批",     "审计",     "审计局",     "宣传",     "容缺",         "容错",
    "容错免责", "容错机制", "尽快",     "巡察",       "工业园区", "工作",         "工作周报",
    "工作方案", "工作要点", "工作规则", "市场化",     "市委",     "市政府",       "市直",
    "干部",     "平台",     "平台公司", "年度",       "建立",     "建设",         "开发区",
    "开展",     "征求",     "征求意见", "征求意见稿", "情况",     "意见",         "成效",
    "战略性",   "执行",     "扩大",     "批复",       "批评",     "技术",         "抓紧",
    "投资",     "抚顺",     "抚顺县",   "抚顺市",     "报告",     "报送",         "招商",
    "招商引资", "指导",     "指导意见", "指标",       "按期",     "振兴",         "排名",
    "推动",     "推进",     "推进会",   "提升",       "改革",     "改革创新",     "放管服",
    "政务",     "政府",     "效益",     "数字",       "数据",     "数据局",       "整合",
    "整改",     "整改情况", "整治",     "新兴产业",   "新宾",     "新抚区",       "新突破",
    "方案",     "时限",     "明确",     "暂行办法",   "有关",     "有关事项",     "有关工作",
    "有关情况", "服务",     "未来产业", "机制",       "机构",     "机构编制",     "权责",
    "权责清单", "材料",     "条例",     "构建",       "标准",     "核查",         "检查",
    "模式",     "汇总",     "治理",     "法治",       "活力",     "深化",         "清单",
    "清原",     "满族",     "激发",     "牵头",       "牵头单位", "环境",         "现代化",
    "班子",     "生产",     "用地",     "申报",       "电视",     "电视电话会议", "电话",
    "电话会议", "监委",     "监督",     "盘活",       "相关",     "省委",         "督促",
    "督办",     "督办通知", "督导",     "督查",       "研究",     "示范",         "示范区",
    "科技",     "科技局",   "税收",     "第一",       "简政放权", "管委会",       "管理",
    "管理体制", "管理办法", "精神",     "约谈",       "纪委",     "纪委监委",     "纪要",
    "组织",     "组织领导", "经济",     "经济开发区", "结果",     "统计",         "绩效",
    "编制",     "考核",     "考核评价", "考评",       "职能",     "职责",         "联动",
    "聘任",     "聘用",     "胜利",     "腾笼换鸟",   "自治县",   "节点",         "若干意见",
    "若干措施", "营商",     "营商环境", "落地",       "落实",     "薪酬",         "薪酬制度",
    "行动",     "行动方案", "表扬",     "规划",       "规定",     "规范",         "计划",
    "评价",     "试点",     "请示",     "调度",       "财力",     "财政",         "财政局",
    "财政管理", "责任",     "责任单位", "责任落实",   "贯彻",     "资产",         "资源",
    "资金",     "赋权",     "赋权清单", "转变",       "转移支付", "边界",         "辽宁",
    "辽宁省",   "运营",     "运营模式", "运营水平",   "进一步",   "进展",         "进展情况",
    "进度",     "送审稿",   "选优配强", "选拔",       "通报",     "通知",         "逾期",
    "部署",     "部门",     "配置",     "重大",       "重点",     "问责",         "问题",
    "闲置",     "限期",     "项目",     "项目建设",   "顺城区",   "领导",         "领导班子",
    "高新",     "高新区",   "高新技术", "高质量",
};

#define WORD_MAX_CHARS  6
#define TITLE_MAX_CHARS 300 /* longer texts are only filled at the width */
#define INF             INT32_MAX

/* The cost of ending a line at a boundary, in the unit of the balance term (a quarter of a
 * character, squared: two lines differing by one character cost 4). */
enum {
	COST_AFTER_GUANYU = 4, /* 关于 / X的通知 */
	COST_BEFORE_DE = 8,    /* X / 的通知 */
	COST_PAUSE = 8,        /* after 、，；： or a closing mark, before an opening one */
	COST_CONJ = 12,        /* before 和 与 及 暨 并 */
	COST_SEGMENT = 20,     /* between two words */
	COST_AFTER_DE = 24,
	COST_SINGLES = 36,    /* between two characters no word holds: perhaps inside a word */
	COST_IN_BRACKET = 16, /* added inside 《》“”（）〔〕 */
};

struct ch {
	uint32_t cp;
	size_t off, len; /* bytes */
	int width;       /* half-width units */
};

static bool in_set(uint32_t c, const uint32_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == c)
			return true;
	return false;
}

#define IN(c, ...)                                                                                 \
	in_set(c, (const uint32_t[]){__VA_ARGS__},                                                 \
	       sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

static bool is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xFF10 && c <= 0xFF19);
}

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* closing brackets and quotes: ）》〕】」』”’ ) */
static bool is_close_mark(uint32_t c)
{
	return IN(c, 0xFF09, 0x300B, 0x3015, 0x3011, 0x300D, 0x300F, 0x201D, 0x2019, ')');
}

/* may not start a line: closing marks, pauses and stops */
static bool is_closer(uint32_t c)
{
	return is_close_mark(c) ||
	       IN(c, 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0x00B7, 0x2026, 0x2014,
	          0xFF05, ',', '.', ';', ':', '?', '!', '%');
}

/* may not end a line: （《〔【「『“‘ ( */
static bool is_opener(uint32_t c)
{
	return IN(c, 0xFF08, 0x300A, 0x3014, 0x3010, 0x300C, 0x300E, 0x201C, 0x2018, '(');
}

/* 、，；： and spaces */
static bool is_pause(uint32_t c)
{
	return IN(c, 0x3001, 0xFF0C, 0xFF1B, 0xFF1A, ' ', 0x3000);
}

/* stays with the digits before it: 年月日号条项期届次个家亿万元周季度 and 〕 */
static bool is_unit(uint32_t c)
{
	return IN(c, 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x6761, 0x9879, 0x671F, 0x5C4A, 0x6B21, 0x4E2A,
	          0x5BB6, 0x4EBF, 0x4E07, 0x5143, 0x5468, 0x5B63, 0x5EA6, 0x3015);
}

/* 〇一二三四五六七八九十百 */
static bool is_cn_numeral(uint32_t c)
{
	return IN(c, 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
	          0x5341, 0x767E);
}

/* 和与及暨并 */
static bool is_conj(uint32_t c)
{
	return IN(c, 0x548C, 0x4E0E, 0x53CA, 0x66A8, 0x5E76);
}

#define CP_DE   0x7684 /* 的 */
#define CP_DI   0x7B2C /* 第 */
#define CP_GUAN 0x5173 /* 关 */
#define CP_YU   0x4E8E /* 于 */

struct span {
	const char *s;
	size_t len;
};

static int cmp_word(const void *key, const void *elem)
{
	const struct span *k = key;
	const char *w = *(const char *const *)elem;
	size_t wl = strlen(w), n = k->len < wl ? k->len : wl;
	int c = memcmp(k->s, w, n);

	return c ? c : (k->len > wl) - (k->len < wl);
}

static bool in_lexicon(const char *s, size_t len)
{
	struct span key = {s, len};

	return bsearch(&key, words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), cmp_word);
}

int print_title_lexicon(const char *const **out)
{
	*out = words;
	return (int)(sizeof(words) / sizeof(words[0]));
}

static int char_width(uint32_t cp)
{
	/* full-width: CJK, full-width forms and marks; half-width: ASCII and Latin */
	return cp < 0x1100 ? 1 : 2;
}

int print_title_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		i += textconv_utf8_next(s + i, n - i, &cp);
		w += char_width(cp);
	}
	return w;
}

/* Decodes the title into chs (arena); returns the count. */
static int decode(const char *title, struct arena *a, struct ch **out)
{
	size_t n = strlen(title), i = 0;
	struct ch *v = arena_alloc(a, sizeof(*v) * (n + 1));
	int k = 0;

	while (i < n) {
		struct ch *c = &v[k++];
		c->off = i;
		c->len = textconv_utf8_next(title + i, n - i, &c->cp);
		c->width = char_width(c->cp);
		i += c->len;
	}
	*out = v;
	return k;
}

/* The length in characters of the segment that starts at character i: a run of letters and
 * digits (with its unit after digits, 2026年), 第 with its number, the longest lexicon word
 * there (*word set), else one character. */
static int segment_at(const char *title, const struct ch *c, int n, int i, bool *word)
{
	int len = 1;

	*word = false;
	if (is_alnum(c[i].cp)) {
		while (i + len < n &&
		       (is_alnum(c[i + len].cp) ||
		        (c[i + len].cp == '.' && i + len + 1 < n && is_digit(c[i + len + 1].cp))))
			len++;
		if (is_digit(c[i + len - 1].cp) && i + len < n && is_unit(c[i + len].cp))
			len++;
		return len;
	}
	if (c[i].cp == CP_DI && i + 1 < n && is_digit(c[i + 1].cp))
		return 1 + segment_at(title, c, n, i + 1, word);
	if (c[i].cp == CP_DI && i + 1 < n && is_cn_numeral(c[i + 1].cp)) {
		/* 第四季度, 第十二条: the numerals and the unit after them */
		while (i + len < n && is_cn_numeral(c[i + len].cp))
			len++;
		if (i + len < n && (is_unit(c[i + len].cp) ||
		                    IN(c[i + len].cp, 0x5B63, 0x6279, 0x7AE0, 0x8282, 0x6B3E)))
			len++;
		return len;
	}
	for (int l = WORD_MAX_CHARS; l >= 2; l--) {
		if (i + l > n)
			continue;
		if (in_lexicon(title + c[i].off, c[i + l - 1].off + c[i + l - 1].len - c[i].off)) {
			*word = true;
			return l;
		}
	}
	return 1;
}

/* cost[i] = the cost of a line ending before character i (1..n-1); INF where no line may end:
 * inside a segment, before a closing mark, after an opening one. */
static void break_costs(const char *title, const struct ch *c, int n, struct arena *a,
                        int32_t *cost)
{
	bool *start = arena_zalloc(a, (size_t)n + 1), *word = arena_zalloc(a, (size_t)n + 1);
	int depth = 0;

	for (int i = 0; i < n;) {
		bool w;
		int len = segment_at(title, c, n, i, &w);
		start[i] = true;
		for (int j = 0; j < len; j++)
			word[i + j] = w;
		i += len;
	}
	for (int i = 1; i < n; i++) {
		uint32_t prev = c[i - 1].cp, next = c[i].cp;
		int32_t k;

		if (is_opener(prev))
			depth++;
		else if (is_close_mark(prev) && depth > 0)
			depth--;
		if (!start[i] || is_closer(next) || is_opener(prev)) {
			cost[i] = INF;
			continue;
		}
		if (i >= 2 && prev == CP_YU && c[i - 2].cp == CP_GUAN && word[i - 1])
			k = COST_AFTER_GUANYU;
		else if (next == CP_DE && !word[i])
			k = COST_BEFORE_DE;
		else if (is_pause(prev) || is_closer(prev) || is_opener(next))
			k = COST_PAUSE;
		else if (is_conj(next) && !word[i])
			k = COST_CONJ;
		else if (prev == CP_DE && !word[i - 1])
			k = COST_AFTER_DE;
		else if (!word[i - 1] && !word[i] && !is_alnum(prev) && !is_alnum(next))
			k = COST_SINGLES;
		else
			k = COST_SEGMENT;
		cost[i] = k + (depth > 0 ? COST_IN_BRACKET : 0);
	}
}

/* One state of the programme: k lines placed, the last ending at boundary b with width w, its
 * phase (0 while the lengths rise or stay, 1 once they fell); where it came from. */
struct cell {
	int32_t cost;
	int from; /* the boundary the last line started at */
	int16_t pw;
	int8_t pphase;
};

/* The cheapest arrangement in exactly k lines whose lengths rise, fall or rise then fall: the
 * breaks' costs plus the squared differences of neighbouring lines. ends[j] = the boundary
 * line j ends at. false when no arrangement fits. */
static bool arrange(const int *pre, int n, const int32_t *cost, int cap, int k, struct arena *a,
                    int *ends)
{
	size_t W = (size_t)cap + 1, layer = (size_t)(n + 1) * W * 2;
	struct cell *dp = arena_alloc(a, sizeof(*dp) * layer * (size_t)(k + 1));
	int32_t best = INF;
	int bw = 0, bp = 0;

#define AT(j, b, w, p) dp[(size_t)(j)*layer + ((size_t)(b)*W + (size_t)(w)) * 2 + (size_t)(p)]
	for (size_t i = 0; i < layer * (size_t)(k + 1); i++)
		dp[i].cost = INF;
	for (int to = 2; to <= n && pre[to] <= cap; to++)
		if (to == n || cost[to] != INF)
			AT(1, to, pre[to], 0) = (struct cell){to < n ? cost[to] : 0, 0, 0, 0};
	for (int j = 1; j < k; j++)
		for (int b = 2; b < n; b++)
			for (int w = 0; w <= cap; w++)
				for (int p = 0; p < 2; p++) {
					const struct cell *s = &AT(j, b, w, p);
					if (s->cost == INF)
						continue;
					for (int to = b + 2; to <= n && pre[to] - pre[b] <= cap;
					     to++) {
						int w2 = pre[to] - pre[b], p2 = w2 < w ? 1 : p;
						int32_t total;
						struct cell *t;
						if ((to < n && cost[to] == INF) ||
						    (w2 > w && p == 1))
							continue;
						total = s->cost + (w2 - w) * (w2 - w) +
						        (to < n ? cost[to] : 0);
						t = &AT(j + 1, to, w2, p2);
						if (total < t->cost)
							*t = (struct cell){total, b, (int16_t)w,
							                   (int8_t)p};
					}
				}
	for (int w = 0; w <= cap; w++)
		for (int p = 0; p < 2; p++)
			if (AT(k, n, w, p).cost < best) {
				best = AT(k, n, w, p).cost;
				bw = w;
				bp = p;
			}
	if (best == INF)
		return false;
	for (int j = k, b = n, w = bw, p = bp; j >= 1; j--) {
		const struct cell *s = &AT(j, b, w, p);
		ends[j - 1] = b;
		b = s->from;
		w = s->pw;
		p = s->pphase;
	}
#undef AT
	return true;
}

/* Lines filled to the width, the last taking a character from the one before when it would
 * hold only one. */
static int fill(const int *pre, int n, int cap, int *ends)
{
	int k = 0, from = 0;

	while (from < n) {
		int to = from + 1;
		while (to < n && pre[to + 1] - pre[from] <= cap)
			to++;
		if (k == PRINT_TITLE_MAX_LINES - 1)
			to = n;
		ends[k++] = to;
		from = to;
	}
	if (k >= 2 && ends[k - 1] - ends[k - 2] == 1 &&
	    ends[k - 2] - (k >= 3 ? ends[k - 3] : 0) > 2)
		ends[k - 2]--;
	return k;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000;
}

int print_title_break(const char *title, int per_line, struct arena *a,
                      struct print_title_line **lines)
{
	struct ch *c;
	int n = decode(title, a, &c), cap = 2 * per_line, k = 0, from = 0;
	int *pre = arena_alloc(a, sizeof(*pre) * ((size_t)n + 1));
	int ends[PRINT_TITLE_MAX_LINES];
	struct print_title_line *out;

	pre[0] = 0;
	for (int i = 0; i < n; i++)
		pre[i + 1] = pre[i] + c[i].width;
	if (pre[n] <= cap || n < 4) {
		k = 1;
		ends[0] = n;
	} else if (n <= TITLE_MAX_CHARS) {
		int32_t *cost = arena_zalloc(a, sizeof(*cost) * ((size_t)n + 1));
		int kmin = (pre[n] + cap - 1) / cap;
		break_costs(title, c, n, a, cost);
		for (int j = kmin; !k && j <= kmin + 2 && j <= PRINT_TITLE_MAX_LINES; j++)
			if (arrange(pre, n, cost, cap, j, a, ends))
				k = j;
	}
	if (!k)
		k = fill(pre, n, cap, ends);
	out = arena_alloc(a, sizeof(*out) * (size_t)k);
	for (int j = 0; j < k; j++) {
		int lo = from, hi = ends[j];
		while (lo < hi && is_space(c[lo].cp))
			lo++;
		while (hi > lo && is_space(c[hi - 1].cp))
			hi--;
		out[j].off = lo < n ? c[lo].off : strlen(title);
		out[j].len = hi > lo ? c[hi - 1].off + c[hi - 1].len - c[lo].off : 0;
		out[j].width = pre[hi] - pre[lo];
		from = ends[j];
	}
	*lines = out;
	return k;
}

/* assess.c - annual assessment rules: a scheme's checks, a zone's score with each indicator's
 * contribution, a class's grades with the top-grade quota and its tie-break, the appeal
 * window. Must not read storage or the clock, nor decide who may publish or appeal. */
#include "core/assess.h"

#include <stdlib.h>
#include <string.h>

#define SHANGHAI_OFFSET (8 * 3600)
#define DAY             86400

static const struct {
	const char *code;
	const char *message;
} rules[ASSESS_RULE_COUNT] = {
    [ASSESS_OK] = {"ok", "符合规定"},
    [ASSESS_WEIGHTS_NOT_100] = {"weights_not_100",
                                "目标类和全省综合评价类指标的权重合计应为100（第十四条）"},
    [ASSESS_BAD_INDICATOR] =
        {"bad_indicator",
         "指标设置有误：类别与计分方式不符、扣分项带权重或未设满分/名次数/扣分上限"},
    [ASSESS_BAD_THRESHOLDS] = {"bad_thresholds",
                               "等次分数线应为优秀＞良好＞一般，且在0至300分之间"},
    [ASSESS_BAD_CAP] = {"bad_cap",
                        "完成率上限应在100%至300%之间，优秀名额比例不超过100%，申诉期不超过90天"},
    [ASSESS_NO_INDICATORS] = {"no_indicators", "考核方案至少要有一项指标，至多50项"},
    [ASSESS_MISSING_VALUE] = {"missing_value", "该开发区有指标尚未录入目标值或完成值"},
    [ASSESS_BAD_VALUE] = {"bad_value",
                          "指标数值有误：目标值须大于0，数值不得为负，名次须在1至参评数之间"},
};

const char *assess_rule_code(enum assess_rule r)
{
	return r >= 0 && r < ASSESS_RULE_COUNT ? rules[r].code : "rule";
}

const char *assess_rule_message(enum assess_rule r)
{
	return r >= 0 && r < ASSESS_RULE_COUNT ? rules[r].message : "不符合规定";
}

static const char *const kinds[] = {"target", "province", "deduction"};
static const char *const modes[] = {"higher", "lower", "score", "rank", "points"};

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int assess_kind_parse(const char *s, enum assess_kind *out)
{
	int i = lookup(kinds, 3, s);
	if (i < 0)
		return -1;
	*out = (enum assess_kind)i;
	return 0;
}

int assess_mode_parse(const char *s, enum assess_mode *out)
{
	int i = lookup(modes, 5, s);
	if (i < 0)
		return -1;
	*out = (enum assess_mode)i;
	return 0;
}

static bool indicator_ok(const struct assess_indicator *x)
{
	switch (x->kind) {
	case ASSESS_TARGET:
		return (x->mode == ASSESS_HIGHER || x->mode == ASSESS_LOWER) && x->weight > 0 &&
		       x->weight <= ASSESS_WEIGHT_TOTAL;
	case ASSESS_PROVINCE:
		return (x->mode == ASSESS_SCORE || x->mode == ASSESS_RANK) && x->weight > 0 &&
		       x->weight <= ASSESS_WEIGHT_TOTAL && x->scale > 0 &&
		       x->scale <= ASSESS_VALUE_MAX;
	case ASSESS_DEDUCTION:
		return x->mode == ASSESS_POINTS && x->weight == 0 && x->scale > 0 &&
		       x->scale <= ASSESS_SCORE_MAX_CP;
	}
	return false;
}

bool assess_thresholds_ok(const int64_t min_cp[3])
{
	return min_cp[0] > min_cp[1] && min_cp[1] > min_cp[2] && min_cp[2] > 0 &&
	       min_cp[0] <= ASSESS_SCORE_MAX_CP;
}

enum assess_rule assess_scheme_check(const struct assess_rules *r,
                                     const struct assess_indicator *ind, int n, int *bad)
{
	int64_t sum = 0;

	*bad = -1;
	if (r->cap_bp < ASSESS_CAP_MIN_BP || r->cap_bp > ASSESS_CAP_MAX_BP || r->top_quota_bp < 0 ||
	    r->top_quota_bp > 10000 || r->appeal_days < 0 ||
	    r->appeal_days > ASSESS_APPEAL_DAYS_MAX)
		return ASSESS_BAD_CAP;
	if (!assess_thresholds_ok(r->min_cp))
		return ASSESS_BAD_THRESHOLDS;
	if (n < 1 || n > ASSESS_INDICATORS_MAX)
		return ASSESS_NO_INDICATORS;
	for (int i = 0; i < n; i++) {
		if (!indicator_ok(&ind[i])) {
			*bad = i;
			return ASSESS_BAD_INDICATOR;
		}
		sum += ind[i].weight;
	}
	return sum == ASSESS_WEIGHT_TOTAL ? ASSESS_OK : ASSESS_WEIGHTS_NOT_100;
}

/* num × 10000 / den rounded half up; num, den ≥ 0, den > 0, num ≤ ASSESS_VALUE_MAX. */
static int64_t ratio_bp(int64_t num, int64_t den)
{
	return (num * 10000 + den / 2) / den;
}

static enum assess_rule line_of(const struct assess_rules *r, const struct assess_indicator *x,
                                const struct assess_value *v, struct assess_line *l)
{
	int64_t c = 0;

	if (!v->have)
		return ASSESS_MISSING_VALUE;
	if (v->actual < 0 || v->actual > ASSESS_VALUE_MAX)
		return ASSESS_BAD_VALUE;
	switch (x->mode) {
	case ASSESS_HIGHER:
	case ASSESS_LOWER:
		if (v->target <= 0 || v->target > ASSESS_VALUE_MAX)
			return ASSESS_BAD_VALUE;
		if (x->mode == ASSESS_HIGHER)
			c = ratio_bp(v->actual, v->target);
		else /* at or below nothing is the best a lower-is-better indicator can do */
			c = v->actual == 0 ? r->cap_bp : ratio_bp(v->target, v->actual);
		if (c > r->cap_bp)
			c = r->cap_bp;
		break;
	case ASSESS_SCORE:
		c = ratio_bp(v->actual, x->scale);
		if (c > 10000)
			c = 10000;
		break;
	case ASSESS_RANK:
		if (v->actual < 1 || v->actual > x->scale)
			return ASSESS_BAD_VALUE;
		c = x->scale == 1 ? 10000 : ratio_bp(x->scale - v->actual, x->scale - 1);
		break;
	case ASSESS_POINTS:
		l->completion_bp = 0;
		l->contribution_cp = -(v->actual < x->scale ? v->actual : x->scale);
		return ASSESS_OK;
	}
	l->completion_bp = c;
	l->contribution_cp = (x->weight * c + 50) / 100;
	return ASSESS_OK;
}

enum assess_rule assess_score(const struct assess_rules *r, const struct assess_indicator *ind,
                              const struct assess_value *vals, int n, struct assess_line *lines,
                              int64_t *score_cp, int64_t *target_cp, int64_t *deduct_cp, int *bad)
{
	int64_t sum = 0;

	*score_cp = *target_cp = *deduct_cp = 0;
	*bad = -1;
	for (int i = 0; i < n; i++) {
		enum assess_rule rule = line_of(r, &ind[i], &vals[i], &lines[i]);
		if (rule != ASSESS_OK) {
			*bad = i;
			return rule;
		}
		sum += lines[i].contribution_cp;
		if (ind[i].kind == ASSESS_TARGET)
			*target_cp += lines[i].contribution_cp;
		else if (ind[i].kind == ASSESS_DEDUCTION)
			*deduct_cp -= lines[i].contribution_cp;
	}
	*score_cp = sum > 0 ? sum : 0;
	return ASSESS_OK;
}

/* Rank order: negative when a comes first. */
static int order(const struct assess_entry *a, const struct assess_entry *b)
{
	if (a->score_cp != b->score_cp)
		return a->score_cp > b->score_cp ? -1 : 1;
	if (a->target_cp != b->target_cp)
		return a->target_cp > b->target_cp ? -1 : 1;
	if (a->deduct_cp != b->deduct_cp)
		return a->deduct_cp < b->deduct_cp ? -1 : 1;
	return 0;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct assess_entry *a = pa, *b = pb;
	int o = order(a, b);
	if (o)
		return o;
	return (a->org_id > b->org_id) - (a->org_id < b->org_id);
}

static int by_threshold(const struct assess_rules *r, int64_t score)
{
	for (int g = 0; g < 3; g++)
		if (score >= r->min_cp[g])
			return g;
	return 3;
}

void assess_grade(const struct assess_rules *r, struct assess_entry *e, int n)
{
	int64_t top_max = r->top_quota_bp > 0 ? (int64_t)n * r->top_quota_bp / 10000 : n;
	int64_t top = 0;
	bool closed = false; /* the quota is spent or a tie overflowed it */

	if (n <= 0)
		return;
	qsort(e, (size_t)n, sizeof(*e), cmp_entry);
	for (int i = 0; i < n;) {
		int j = i + 1, g = by_threshold(r, e[i].score_cp);
		while (j < n && order(&e[i], &e[j]) == 0)
			j++;
		bool demote = g == 0 && (closed || top + (j - i) > top_max);
		if (demote)
			closed = true;
		else if (g == 0)
			top += j - i;
		for (int k = i; k < j; k++) {
			e[k].rank = i + 1;
			e[k].grade = demote ? 1 : g;
			e[k].demoted = demote;
		}
		i = j;
	}
}

const char *assess_grade_code(int grade)
{
	static const char *const codes[ASSESS_GRADES] = {"excellent", "good", "fair", "poor"};
	return grade >= 0 && grade < ASSESS_GRADES ? codes[grade] : "poor";
}

int64_t assess_appeal_deadline(int64_t published_at, int64_t days)
{
	int64_t local = published_at + SHANGHAI_OFFSET;
	int64_t day = local >= 0 ? local / DAY : (local - DAY + 1) / DAY;
	return (day + days + 1) * DAY - SHANGHAI_OFFSET;
}

void assess_step_item(enum assess_step step, const struct assess_step_subject *x, struct arena *a,
                      struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	switch (step) {
	case ASSESS_STEP_PUBLISHED:
		out->kind = "assess_published";
		out->entity_type = "assess_result";
		out->link = "/assess";
		out->title = arena_printf(a, "《%s》考核结果已公布，请查看本区的得分、排名和等次",
		                          x->scheme_name);
		out->to[out->nto++] =
		    (struct inbox_to){.org_id = x->org_id, .perm = PERM_PEOPLE_READ};
		break;
	case ASSESS_STEP_APPEALED:
		out->kind = "assess_appealed";
		out->entity_type = "assess_appeal";
		out->link = "/assess?tab=appeals";
		out->title = arena_printf(a, "%s对《%s》考核结果提出申诉，请处理", x->org_name,
		                          x->scheme_name);
		out->to[out->nto++] =
		    (struct inbox_to){.perm = PERM_PAY_SET, .scope_of = x->org_id};
		break;
	case ASSESS_STEP_DECIDED:
		out->kind = "assess_appeal_decided";
		out->entity_type = "assess_appeal";
		out->link = "/assess?tab=appeals";
		out->title =
		    arena_printf(a, "对《%s》考核结果的申诉已处理：%s%s%s", x->scheme_name,
		                 !strcmp(x->decision, "upheld") ? "申诉成立" : "申诉不成立",
		                 x->comment ? "。" : "", x->comment ? x->comment : "");
		out->to[out->nto++] =
		    (struct inbox_to){.org_id = x->org_id, .perm = PERM_PEOPLE_WRITE};
		break;
	}
	out->entity_id = x->id;
}

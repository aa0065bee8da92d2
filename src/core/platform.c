/* platform.c - platform companies' rules: stakes, the separation checklist, debt-risk indicators
 * and their warning lines. Must not read or write anything. */
#include "core/platform.h"

#include "core/money.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LINE_MAX_BP 1000000 /* 10000 %: no indicator's line is set beyond */

static const char *const type_codes[PLATFORM_TYPE_COUNT] = {"industrial", "non_industrial",
                                                            "research"};
static const char *const duty_codes[PLATFORM_DUTY_COUNT] = {"policy",      "planning",   "approval",
                                                            "development", "attraction", "capital"};
static const char *const status_codes[PLATFORM_STATUS_COUNT] = {"todo", "doing", "done"};
static const char *const indicator_codes[PLATFORM_INDICATOR_COUNT] = {
    "debt_ratio", "interest_share", "current_ratio", "guarantee"};

static int find(const char *const *codes, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(codes[i], code))
			return i;
	return -1;
}

int platform_type_find(const char *code)
{
	return find(type_codes, PLATFORM_TYPE_COUNT, code);
}

const char *platform_type_code(enum platform_type t)
{
	return t < PLATFORM_TYPE_COUNT ? type_codes[t] : "";
}

const char *platform_duty_code(enum platform_duty d)
{
	return d < PLATFORM_DUTY_COUNT ? duty_codes[d] : "";
}

int platform_duty_find(const char *code)
{
	return find(duty_codes, PLATFORM_DUTY_COUNT, code);
}

bool platform_duty_of_committee(enum platform_duty d)
{
	return d <= PLATFORM_DUTY_APPROVAL;
}

int platform_status_find(const char *code)
{
	return find(status_codes, PLATFORM_STATUS_COUNT, code);
}

const char *platform_status_code(enum platform_status s)
{
	return s < PLATFORM_STATUS_COUNT ? status_codes[s] : "";
}

const char *platform_indicator_code(enum platform_indicator i)
{
	return i < PLATFORM_INDICATOR_COUNT ? indicator_codes[i] : "";
}

static int problem(struct platform_problem *why, const char *field, const char *message)
{
	snprintf(why->field, sizeof(why->field), "%s", field);
	snprintf(why->message, sizeof(why->message), "%s", message);
	return -1;
}

int platform_stakes_validate(const int64_t *stake_bp, size_t n, struct platform_problem *why)
{
	int64_t sum = 0;

	if (n == 0 || n > PLATFORM_MAX_SHAREHOLDERS)
		return problem(why, "/shareholders", "股东应有1至64个");
	for (size_t i = 0; i < n; i++) {
		if (stake_bp[i] < 1 || stake_bp[i] > MONEY_BP) {
			char field[32];
			snprintf(field, sizeof(field), "/shareholders/%zu/stake_bp", i);
			return problem(why, field, "持股比例应大于0且不超过100%");
		}
		sum += stake_bp[i];
	}
	if (sum != MONEY_BP) {
		char msg[PLATFORM_PROBLEM_LEN], pct[MONEY_TEXT_LEN];
		money_format_bp(sum, pct);
		snprintf(msg, sizeof(msg), "各股东持股比例合计应为100%%，现为%s", pct);
		return problem(why, "/shareholders", msg);
	}
	return 0;
}

int platform_duty_validate(enum platform_status s, bool has_evidence, struct platform_problem *why)
{
	if (s >= PLATFORM_STATUS_COUNT)
		return problem(why, "/status", "状态应为未开始、推进中或已完成");
	if (s == PLATFORM_DONE && !has_evidence)
		return problem(why, "/evidence", "标记为已完成须附佐证材料或说明");
	return 0;
}

void platform_default_lines(enum platform_type t,
                            struct platform_line out[PLATFORM_INDICATOR_COUNT])
{
	/* 资产负债率: 国务院国资委《关于加强国有企业资产负债约束的指导意见》(2018) */
	static const int64_t debt[PLATFORM_TYPE_COUNT][2] = {
	    {6500, 7000}, {7000, 7500}, {6000, 6500}};
	enum platform_type k = t < PLATFORM_TYPE_COUNT ? t : PLATFORM_NON_INDUSTRIAL;

	out[PLATFORM_DEBT_RATIO] = (struct platform_line){debt[k][0], debt[k][1], false};
	out[PLATFORM_INTEREST_SHARE] = (struct platform_line){7000, 8000, false};
	out[PLATFORM_CURRENT_RATIO] = (struct platform_line){10000, 8000, true};
	out[PLATFORM_GUARANTEE] = (struct platform_line){5000, 10000, false};
}

int platform_line_validate(enum platform_indicator i, const struct platform_line *l,
                           struct platform_problem *why)
{
	if (i >= PLATFORM_INDICATOR_COUNT)
		return problem(why, "/indicator", "未知的指标");
	if (l->warning_bp < 0 || l->warning_bp > LINE_MAX_BP || l->key_bp < 0 ||
	    l->key_bp > LINE_MAX_BP)
		return problem(why, "/warning_bp", "警戒线应在0至10000%之间");
	if (l->lower_is_worse ? l->key_bp > l->warning_bp : l->key_bp < l->warning_bp)
		return problem(why, "/key_bp",
		               l->lower_is_worse ? "重点监管线不能高于预警线"
		                                 : "重点监管线不能低于预警线");
	return 0;
}

static bool in_range(int64_t v)
{
	return v >= 0 && v <= MONEY_AMOUNT_MAX;
}

int platform_sheet_validate(const struct platform_sheet *s, int64_t revenue, int64_t profit,
                            struct platform_problem *why)
{
	static const char *const fields[] = {
	    "/assets_fen",         "/liabilities_fen",         "/interest_bearing_fen",
	    "/current_assets_fen", "/current_liabilities_fen", "/guarantees_fen",
	    "/revenue_fen"};
	const int64_t v[] = {s->assets,
	                     s->liabilities,
	                     s->interest_bearing,
	                     s->current_assets,
	                     s->current_liabilities,
	                     s->guarantees,
	                     revenue};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (!in_range(v[i]))
			return problem(why, fields[i], "金额应在0至10万亿元之间");
	if (profit < -MONEY_AMOUNT_MAX || profit > MONEY_AMOUNT_MAX)
		return problem(why, "/profit_fen", "利润应在正负10万亿元之间");
	if (s->interest_bearing > s->liabilities)
		return problem(why, "/interest_bearing_fen", "带息负债不能超过负债总额");
	if (s->current_liabilities > s->liabilities)
		return problem(why, "/current_liabilities_fen", "流动负债不能超过负债总额");
	if (s->current_assets > s->assets)
		return problem(why, "/current_assets_fen", "流动资产不能超过资产总额");
	return 0;
}

int platform_sheet_year_check(int year, int this_year, const char *established_on,
                              struct platform_problem *why)
{
	char text[PLATFORM_PROBLEM_LEN];
	int founded = 0;

	if (year > this_year) {
		snprintf(text, sizeof(text), "年度不能晚于本年（%d年）", this_year);
		return problem(why, "/year", text);
	}
	for (int i = 0;
	     established_on && i < 4 && established_on[i] >= '0' && established_on[i] <= '9'; i++)
		founded = founded * 10 + (established_on[i] - '0');
	if (founded >= 1000 && year < founded) {
		snprintf(text, sizeof(text), "年度早于公司成立的年度（%d年）", founded);
		return problem(why, "/year", text);
	}
	return 0;
}

static enum platform_level level_of(int64_t v, const struct platform_line *l)
{
	bool key = l->lower_is_worse ? v < l->key_bp : v > l->key_bp;
	bool warn = l->lower_is_worse ? v < l->warning_bp : v > l->warning_bp;

	return key ? PLATFORM_LEVEL_KEY : warn ? PLATFORM_LEVEL_WARNING : PLATFORM_LEVEL_NORMAL;
}

/* num ÷ den in basis points, half-up, against the line; no value where den is not positive.
 * num and den are in range (0 … MONEY_AMOUNT_MAX): the quotient can pass what an int64 holds
 * only by being far over any line, and reads as INT64_MAX, not as no reading. */
static void ratio(int64_t num, int64_t den, const struct platform_line *l,
                  struct platform_reading *r)
{
	*r = (struct platform_reading){0};
	if (den <= 0)
		return;
	if (money_mul_div_half_up(num, MONEY_BP, den, &r->value_bp) != 0)
		r->value_bp = INT64_MAX;
	r->has_value = true;
	r->level = level_of(r->value_bp, l);
}

int platform_assess(const struct platform_sheet *s,
                    const struct platform_line lines[PLATFORM_INDICATOR_COUNT],
                    struct platform_reading out[PLATFORM_INDICATOR_COUNT])
{
	const int64_t v[] = {s->assets,         s->liabilities,         s->interest_bearing,
	                     s->current_assets, s->current_liabilities, s->guarantees};
	int64_t net;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (!in_range(v[i]))
			return -1;
	net = s->assets - s->liabilities;
	ratio(s->liabilities, s->assets, &lines[PLATFORM_DEBT_RATIO], &out[PLATFORM_DEBT_RATIO]);
	ratio(s->interest_bearing, s->liabilities, &lines[PLATFORM_INTEREST_SHARE],
	      &out[PLATFORM_INTEREST_SHARE]);
	ratio(s->current_assets, s->current_liabilities, &lines[PLATFORM_CURRENT_RATIO],
	      &out[PLATFORM_CURRENT_RATIO]);
	ratio(s->guarantees, net, &lines[PLATFORM_GUARANTEE], &out[PLATFORM_GUARANTEE]);
	/* guarantees given while the company owes more than it owns: the worst case there is */
	if (net <= 0 && s->guarantees > 0)
		out[PLATFORM_GUARANTEE].level = PLATFORM_LEVEL_KEY;
	return 0;
}

enum platform_level platform_worst(const struct platform_reading r[PLATFORM_INDICATOR_COUNT])
{
	enum platform_level w = PLATFORM_LEVEL_NORMAL;

	for (int i = 0; i < PLATFORM_INDICATOR_COUNT; i++)
		if (r[i].level > w)
			w = r[i].level;
	return w;
}

void platform_risk_item(int64_t company_id, const char *company, int64_t zone_id, const char *zone,
                        int year, enum platform_level level, struct arena *a,
                        struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = "platform_risk";
	out->entity_type = "platform_company";
	out->entity_id = company_id;
	out->link = arena_printf(a, "/platform/board?year=%d", year);
	out->title = arena_printf(a, "%s（%s）%d年度债务风险指标越过%s，请关注", company, zone,
	                          year, level == PLATFORM_LEVEL_KEY ? "重点监管线" : "预警线");
	out->to[out->nto++] =
	    (struct inbox_to){.capability = "supervise_platform", .perm = PERM_PLATFORM_READ};
	out->to[out->nto++] =
	    (struct inbox_to){.perm = PERM_PLATFORM_READ | PERM_NOTICE_ISSUE, .scope_of = zone_id};
}

/* budget.c - the zone budget rules: fiscal modes, subject codes, execution against budget and
 * performance grades. Must not read or write anything. */
#include "core/budget.h"

#include "core/money.h"
#include "core/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const mode_codes[BUDGET_MODE_COUNT] = {"independent", "listed"};
static const char *const kind_codes[BUDGET_KIND_COUNT] = {"budget", "final"};

static int find(const char *const *codes, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(codes[i], code))
			return i;
	return -1;
}

int budget_mode_find(const char *code)
{
	return find(mode_codes, BUDGET_MODE_COUNT, code);
}

const char *budget_mode_code(enum budget_mode m)
{
	return m < BUDGET_MODE_COUNT ? mode_codes[m] : "";
}

int budget_kind_find(const char *code)
{
	return find(kind_codes, BUDGET_KIND_COUNT, code);
}

const char *budget_kind_code(enum budget_kind k)
{
	return k < BUDGET_KIND_COUNT ? kind_codes[k] : "";
}

int budget_subject_level(const char *code)
{
	size_t n = code ? strlen(code) : 0;

	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return n == 3 ? 1 : n == 5 ? 2 : n == 7 ? 3 : 0;
}

bool budget_subject_parent(const char *code, char parent[BUDGET_CODE_LEN])
{
	int level = budget_subject_level(code);

	if (level < 2)
		return false;
	memcpy(parent, code, (size_t)(level * 2 - 1));
	parent[level * 2 - 1] = '\0';
	return true;
}

static int problem(struct budget_problem *why, const char *field, const char *message)
{
	snprintf(why->field, sizeof(why->field), "%s", field);
	snprintf(why->message, sizeof(why->message), "%s", message);
	return -1;
}

static bool given(const char *s)
{
	return s && *s;
}

int budget_year_validate(int year, const struct budget_year *y, struct budget_problem *why)
{
	if (y->mode >= BUDGET_MODE_COUNT)
		return problem(why, "/mode", "财政管理方式应为独立核算或单独列示");
	if (y->mode == BUDGET_MODE_LISTED) {
		if (given(y->approved_on) || given(y->approval_doc))
			return problem(
			    why, "/approved_on",
			    "单独列示的预决算纳入所在县（区）政府预决算，不单独记录人大批准");
		return 0;
	}
	if (given(y->approved_on) != given(y->approval_doc))
		return problem(why, given(y->approved_on) ? "/approval_doc" : "/approved_on",
		               "县（区）人大批准须同时填写批准日期和批准文件");
	if (!given(y->approved_on))
		return 0;
	if (plan_day(y->approved_on) < 0)
		return problem(why, "/approved_on", "批准日期应为 YYYY-MM-DD 格式的有效日期");
	/* a year's budget is approved by the congress early in that year or late in the one
	 * before, never after the year is over */
	int at = atoi(y->approved_on);
	if (at < year - 1 || at > year)
		return problem(why, "/approved_on", "批准日期应在预算年度或其上一年内");
	return 0;
}

int budget_exec_compute(struct budget_exec *e)
{
	e->diff_fen = 0;
	e->rate_bp = 0;
	e->has_rate = false;
	if (e->has_budget && e->has_final) {
		if (__builtin_sub_overflow(e->final_fen, e->budget_fen, &e->diff_fen))
			return -1;
		if (e->budget_fen != 0) {
			/* a negative budget (a refund line) has no meaningful rate */
			if (e->budget_fen < 0)
				return 0;
			if (money_mul_div_half_up(e->final_fen, MONEY_BP, e->budget_fen,
			                          &e->rate_bp) != 0)
				return -1;
			e->has_rate = true;
		}
	}
	return 0;
}

/* each grade's scores, lowest and highest (art. 26) */
static const int64_t grade_bounds[][2] = {
    [BUDGET_GRADE_A] = {90, BUDGET_SCORE_MAX},
    [BUDGET_GRADE_B] = {80, 89},
    [BUDGET_GRADE_C] = {60, 79},
    [BUDGET_GRADE_D] = {0, 59},
};

enum budget_grade budget_grade_of(const struct budget_project *p)
{
	enum budget_grade g = BUDGET_GRADE_A;

	if (!p->scored)
		return BUDGET_GRADE_NONE;
	while (g < BUDGET_GRADE_D && p->score < grade_bounds[g][0])
		g++;
	return g;
}

const char *budget_grade_code(enum budget_grade g)
{
	static const char *const codes[] = {"", "excellent", "good", "fair", "poor"};

	return g <= BUDGET_GRADE_D ? codes[g] : "";
}

enum budget_grade budget_grade_find(const char *code, int64_t *lo, int64_t *hi)
{
	for (enum budget_grade g = BUDGET_GRADE_A; g <= BUDGET_GRADE_D; g++)
		if (code && !strcmp(code, budget_grade_code(g))) {
			*lo = grade_bounds[g][0];
			*hi = grade_bounds[g][1];
			return g;
		}
	return BUDGET_GRADE_NONE;
}

void budget_poor_item(int64_t project_id, int64_t zone_id, const char *zone, int year,
                      const char *name, int64_t score, struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = "budget_project_poor";
	out->entity_type = "budget_project";
	out->entity_id = project_id;
	out->link = arena_printf(a, "/budget-projects?year=%d&zone_id=%lld&grade=poor", year,
	                         (long long)zone_id);
	out->title = arena_printf(a, "%s%d年度项目“%s”绩效评价为差（%lld分），请整改", zone, year,
	                          name, (long long)score);
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_BUDGET_READ};
}

int budget_project_validate(const struct budget_project *p, struct budget_problem *why)
{
	if (p->funds_fen <= 0 || p->funds_fen > MONEY_AMOUNT_MAX)
		return problem(why, "/funds_fen", "项目资金应大于0");
	if (p->spent_fen < 0 || p->spent_fen > MONEY_AMOUNT_MAX)
		return problem(why, "/spent_fen", "已支出金额不能为负数");
	if (p->scored && (p->score < 0 || p->score > BUDGET_SCORE_MAX))
		return problem(why, "/score", "绩效评价得分应在0至100之间");
	return 0;
}

int budget_project_spent_bp(const struct budget_project *p, int64_t *bp)
{
	return money_mul_div_half_up(p->spent_fen, MONEY_BP, p->funds_fen, bp);
}

/* pay.c - performance pay rules: the pool with its derivation, and a distribution plan's
 * checks and sums. Must not read storage, nor decide who may set or file anything. */
#include "core/pay.h"

#include "core/account.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *code;
	const char *message;
} rules[PAY_RULE_COUNT] = {
    [PAY_OK] = {"ok", "符合规定"},
    [PAY_COEF_OVER_CAP] = {"coefficient_over_cap",
                           "绩效薪酬系数不得超过5（第十一条：绩效薪酬总量控制在5倍以内）"},
    [PAY_OUT_OF_RANGE] = {"out_of_range", "金额或人数超出允许范围"},
    [PAY_OVER_POOL] = {"over_pool", "绩效薪酬合计超过本年度绩效薪酬总额（第十一条）"},
    [PAY_NOT_ON_ROSTER] = {"not_on_roster", "分配方案只能发放给本开发区当年在册人员"},
    [PAY_DUPLICATE_PERSON] = {"duplicate_person", "同一人员在分配方案中出现两次"},
    [PAY_INCENTIVE_CIVIL] = {"incentive_civil_servant",
                             "招商引资奖励只发给非公务员岗位人员（第十三条）"},
    [PAY_NO_POOL] =
        {"no_pool",
         "本年度绩效薪酬总额尚不能核定：须先设定同级政府的R、开发区年度等级和该等级的系数"},
};

const char *pay_rule_code(enum pay_rule r)
{
	return r >= 0 && r < PAY_RULE_COUNT ? rules[r].code : "rule";
}

const char *pay_rule_message(enum pay_rule r)
{
	return r >= 0 && r < PAY_RULE_COUNT ? rules[r].message : "不符合规定";
}

void pay_pool_heads(struct pay_pool *p)
{
	p->counted = p->on_roster - p->unpaid_secondees;
	p->n = p->counted < p->quota ? p->counted : p->quota;
}

enum pay_rule pay_pool_compute(struct pay_pool *p)
{
	int64_t scaled;

	if (p->coef_bp > PAY_COEF_MAX_BP)
		return PAY_COEF_OVER_CAP;
	if (p->on_roster < 0 || p->unpaid_secondees < 0 || p->quota < 0 || p->r_fen < 0 ||
	    p->coef_bp < 0 || p->unpaid_secondees > p->on_roster || p->r_fen > PAY_R_MAX_FEN ||
	    p->on_roster > PAY_N_MAX)
		return PAY_OUT_OF_RANGE;
	pay_pool_heads(p);
	/* within int64: N ≤ 10^6, R ≤ 10^8, coefficient ≤ 5·10^4 gives at most 5·10^18 */
	p->base_fen = p->n * p->r_fen;
	scaled = p->base_fen * p->coef_bp;
	p->pool_fen = scaled / 10000 + (scaled % 10000 >= 5000);
	p->cap_fen = 5 * p->base_fen;
	if (p->pool_fen > p->cap_fen)
		p->pool_fen = p->cap_fen;
	return PAY_OK;
}

static bool in_range(int64_t v)
{
	return v >= 0 && v <= PAY_LINE_MAX;
}

enum pay_rule pay_plan_check(const struct pay_line *lines, int n, int64_t pool_fen,
                             struct pay_totals *t, int *bad)
{
	t->base_fen = t->perf_fen = t->incentive_fen = t->total_fen = 0;
	*bad = -1;
	if (n < 0 || n > PAY_PLAN_LINES_MAX)
		return PAY_OUT_OF_RANGE;
	for (int i = 0; i < n; i++) {
		const struct pay_line *l = &lines[i];
		*bad = i;
		if (!in_range(l->base_fen) || !in_range(l->perf_fen) || !in_range(l->incentive_fen))
			return PAY_OUT_OF_RANGE;
		if (!l->on_roster)
			return PAY_NOT_ON_ROSTER;
		for (int k = 0; k < i; k++)
			if (lines[k].person_id == l->person_id)
				return PAY_DUPLICATE_PERSON;
		if (l->incentive_fen && l->civil_servant)
			return PAY_INCENTIVE_CIVIL;
		/* at most 10^4 lines of at most 10^10 fen each: no overflow */
		t->base_fen += l->base_fen;
		t->perf_fen += l->perf_fen;
		t->incentive_fen += l->incentive_fen;
	}
	*bad = -1;
	t->total_fen = t->base_fen + t->perf_fen + t->incentive_fen;
	return t->perf_fen > pool_fen ? PAY_OVER_POOL : PAY_OK;
}

void pay_step_item(enum pay_step step, int64_t zone_id, const char *zone, int year, int64_t plan_id,
                   const char *comment, struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "pay_plan";
	out->entity_id = plan_id;
	out->link = arena_printf(a, "/pay?tab=plans&year=%d", year);
	switch (step) {
	case PAY_STEP_FILED:
		out->kind = "pay_filed";
		out->title =
		    arena_printf(a, "%s报送%d年度绩效薪酬分配方案备案，请接收或退回", zone, year);
		out->to[out->nto++] =
		    (struct inbox_to){.capability = "ack_pay_filing", .perm = PERM_PEOPLE_READ};
		return;
	case PAY_STEP_RETURNED:
		out->kind = "pay_returned";
		out->title = arena_printf(a, "%d年度绩效薪酬分配方案被退回：%s", year,
		                          comment ? comment : "");
		break;
	case PAY_STEP_EFFECTIVE:
		out->kind = "pay_effective";
		out->title = arena_printf(a, "%d年度绩效薪酬分配方案备案完成，已生效", year);
		break;
	}
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_PEOPLE_WRITE};
}

const struct scenario_param_def pay_scenario_params[PAY_WHATIF_PARAMS] = {
    {"excellent", "优秀等级系数", 0, PAY_COEF_MAX_BP},
    {"good", "良好等级系数", 0, PAY_COEF_MAX_BP},
    {"fair", "一般等级系数", 0, PAY_COEF_MAX_BP},
    {"poor", "较差等级系数", 0, PAY_COEF_MAX_BP},
    {"min_excellent", "优秀最低分", 1, ASSESS_SCORE_MAX_CP},
    {"min_good", "良好最低分", 1, ASSESS_SCORE_MAX_CP},
    {"min_fair", "一般最低分", 1, ASSESS_SCORE_MAX_CP},
    {"top_quota", "优秀名额比例", 0, 10000},
};

int pay_grade_index(const char *grade)
{
	for (int i = 0; grade && i < PAY_GRADES; i++)
		if (!strcmp(pay_scenario_params[i].name, grade))
			return i;
	return -1;
}

/* A class's rules under params: its scheme's own where a threshold is -1. */
static struct assess_rules class_rules(const struct assess_rules *own, const int64_t *params)
{
	struct assess_rules r = *own;

	for (int g = 0; g < 3; g++)
		if (params[PAY_P_MIN_EXCELLENT + g] >= 0)
			r.min_cp[g] = params[PAY_P_MIN_EXCELLENT + g];
	if (params[PAY_P_TOP_QUOTA] >= 0)
		r.top_quota_bp = params[PAY_P_TOP_QUOTA];
	return r;
}

/* Grades every zone of class cls under r into grade[] (indexed as w->zones). */
static void grade_class(const struct pay_whatif_ctx *w, int cls, const struct assess_rules *r,
                        struct assess_entry *e, int *grade)
{
	int n = 0;

	for (size_t i = 0; i < w->n; i++)
		if (w->zones[i].cls == cls)
			e[n++] = (struct assess_entry){.org_id = w->zones[i].org_id,
			                               .score_cp = w->zones[i].score_cp,
			                               .target_cp = w->zones[i].target_cp,
			                               .deduct_cp = w->zones[i].deduct_cp};
	assess_grade(r, e, n);
	for (int k = 0; k < n; k++)
		for (size_t i = 0; i < w->n; i++)
			if (w->zones[i].cls == cls && w->zones[i].org_id == e[k].org_id)
				grade[i] = e[k].grade;
}

int pay_whatif_compute(void *ctx, const int64_t *params, struct arena *a,
                       struct scenario_outcome *out, const char **message)
{
	const struct pay_whatif_ctx *w = ctx;
	struct assess_entry *e = arena_zalloc(a, sizeof(*e) * (w->n + 1));
	int *grade = arena_zalloc(a, sizeof(*grade) * (w->n + 1));

	for (size_t i = 0; i < w->n; i++)
		grade[i] = w->zones[i].grade;
	for (int c = 0; c < w->n_rules; c++) {
		struct assess_rules r = class_rules(&w->rules[c], params);
		if (!assess_thresholds_ok(r.min_cp)) {
			*message = assess_rule_message(ASSESS_BAD_THRESHOLDS);
			return -1;
		}
		grade_class(w, c, &r, e, grade);
	}
	out->rows = arena_zalloc(a, sizeof(*out->rows) * (w->n + 1));
	out->n_rows = 0;
	out->total = 0;
	for (size_t i = 0; i < w->n; i++) {
		struct pay_pool p = w->zones[i].inputs;
		if (!w->zones[i].in_pool)
			continue;
		p.coef_bp = params[grade[i]];
		if (pay_pool_compute(&p) != PAY_OK) {
			*message = pay_rule_message(PAY_COEF_OVER_CAP);
			return -1;
		}
		out->rows[out->n_rows++] = (struct scenario_row){w->zones[i].org_id, p.pool_fen,
		                                                 assess_grade_code(grade[i])};
		out->total += p.pool_fen;
	}
	return 0;
}

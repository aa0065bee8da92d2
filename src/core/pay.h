/* pay.h - the rules of performance pay (art. 11 and 14 of the seed): a zone's pool from its
 * head-count, R and its grade's coefficient, capped at five times N × R, with every step of
 * the derivation kept; and the checks of a distribution plan (the performance pay within the
 * pool, only people on the roster, 招商 incentives only for posts outside the civil service,
 * the lines adding up to the totals). Money in fen (int64), the coefficient in basis points.
 * Pure. */
#ifndef KFQ_CORE_PAY_H
#define KFQ_CORE_PAY_H

#include "core/assess.h"
#include "core/inbox.h"
#include "core/scenario.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define PAY_COEF_MAX_BP    50000         /* a coefficient of 5 (art. 11: 5倍以内) */
#define PAY_R_MAX_FEN      100000000LL   /* R or a reference salary: at most ¥1,000,000 a head */
#define PAY_N_MAX          1000000       /* people in one pool */
#define PAY_LINE_MAX       10000000000LL /* one line's amount: at most ¥100,000,000 */
#define PAY_PLAN_LINES_MAX 10000         /* lines of one plan */

/* A zone's pool and how it came about. */
struct pay_pool {
	/* inputs */
	int64_t on_roster;        /* on the roster on 31 December of the year */
	int64_t unpaid_secondees; /* of them, secondees the zone does not pay: not counted */
	int64_t quota;            /* the 员额 of the year's staffing */
	int64_t r_fen;            /* R of the zone's government level */
	int64_t coef_bp;          /* the coefficient of the zone's grade */
	/* results */
	int64_t counted;  /* on_roster - unpaid_secondees */
	int64_t n;        /* min(counted, quota): the head-count within the 员额 */
	int64_t base_fen; /* N × R, the pool at coefficient 1 */
	int64_t pool_fen; /* N × R × coefficient, rounded half up to the fen */
	int64_t cap_fen;  /* 5 × N × R */
};

enum pay_rule {
	PAY_OK = 0,
	PAY_COEF_OVER_CAP,    /* a coefficient above 5 */
	PAY_OUT_OF_RANGE,     /* a negative or too large input */
	PAY_OVER_POOL,        /* the plan's performance pay exceeds the pool */
	PAY_NOT_ON_ROSTER,    /* a line pays someone not on the zone's roster in the year */
	PAY_DUPLICATE_PERSON, /* two lines for one person */
	PAY_INCENTIVE_CIVIL, /* a 招商 incentive for a civil servant (art. 13: 非公务员岗位) */
	PAY_NO_POOL,         /* the year's R, the zone's grade or its coefficient is not set */
	PAY_RULE_COUNT
};

const char *pay_rule_code(enum pay_rule r);
const char *pay_rule_message(enum pay_rule r);

/* Fills the results of p from its inputs: PAY_OK, PAY_COEF_OVER_CAP, or PAY_OUT_OF_RANGE
 * (negative inputs, more unpaid secondees than people, R or N beyond their bounds). */
enum pay_rule pay_pool_compute(struct pay_pool *p);
/* counted and n alone, from on_roster, unpaid_secondees and quota: the head-count does not
 * wait for a grade, R or a coefficient (pay_pool_compute does this too). */
void pay_pool_heads(struct pay_pool *p);

/* One line of a distribution plan, and what the caller knows of its person. */
struct pay_line {
	int64_t person_id;
	int64_t base_fen;      /* 基础薪酬 */
	int64_t perf_fen;      /* 绩效薪酬: from the pool */
	int64_t incentive_fen; /* 招商 incentive: outside the pool */
	bool on_roster;        /* on the zone's roster at some time in the year */
	bool civil_servant;    /* 公务员 or 参照公务员管理 */
};

struct pay_totals {
	int64_t base_fen, perf_fen, incentive_fen, total_fen;
};

/* Checks a plan against its pool and sums it: PAY_OK with t filled, or the first rule broken
 * with *bad the index of the line (-1 for the plan as a whole: over the pool). Lines are
 * checked in order: range, roster, duplicate, incentive; then the pool. */
enum pay_rule pay_plan_check(const struct pay_line *lines, int n, int64_t pool_fen,
                             struct pay_totals *t, int *bad);

/* What-if over the grade coefficients and the grade thresholds (core/scenario.h): first one
 * coefficient per grade, in enum_pay_grade's order (excellent good fair poor), each
 * 0..PAY_COEF_MAX_BP; then the assessment's thresholds (core/assess.h): the lowest score of
 * excellent, good and fair (cp) and the quota on excellent (bp, 0 = none). A threshold applies
 * to every class of the year; its current value is -1 where the classes' schemes differ, and
 * -1 in a vector means "each class keeps its scheme's own". */
#define PAY_GRADES        4
#define PAY_WHATIF_PARAMS 8
enum { PAY_P_MIN_EXCELLENT = PAY_GRADES, PAY_P_MIN_GOOD, PAY_P_MIN_FAIR, PAY_P_TOP_QUOTA };
extern const struct scenario_param_def pay_scenario_params[PAY_WHATIF_PARAMS];
/* The grade's parameter index, or -1 for an unknown grade. */
int pay_grade_index(const char *grade);

/* A zone as the what-if sees it: the rest of its pool's inputs, already counted, and either a
 * fixed grade (an index of pay_scenario_params; a zone without an assessment result) or its
 * class (an index of the context's rules) and stored score, from which each scenario grades it
 * again with assess_grade: the same order, tie-break and quota as the assessment. */
struct pay_whatif_zone {
	int64_t org_id;
	int grade; /* the fixed grade, when cls < 0 */
	int cls;   /* -1: no assessment result */
	int64_t score_cp, target_cp, deduct_cp;
	bool in_pool; /* R and staffing set: it has a pool (else it only counts in its class) */
	struct pay_pool inputs; /* on_roster, unpaid_secondees, quota, r_fen; coef_bp ignored */
};
struct pay_whatif_ctx {
	const struct pay_whatif_zone *zones;
	size_t n;
	const struct assess_rules *rules; /* per class: its scheme's own thresholds and quota */
	int n_rules;
};
/* scenario_compute_fn: each zone's pool (those in_pool) under the vector params
 * (PAY_WHATIF_PARAMS values), its key the zone's id, its tag the grade's code, the total the city's
 * cost. A set of thresholds that is not strictly descending (after each class's own fill the unset
 * ones) is refused. ctx: a struct pay_whatif_ctx. */
int pay_whatif_compute(void *ctx, const int64_t *params, struct arena *a,
                       struct scenario_outcome *out, const char **message);

/* The steps of a plan's filing that tell someone to act, and the inbox item of each: a filed
 * plan goes to the accounts of the organizations holding ack_pay_filing; a returned or
 * effective one to the zone's accounts that keep its plan. zone: the zone's id and name;
 * comment: a return's reason (NULL otherwise). Strings in a. */
enum pay_step { PAY_STEP_FILED, PAY_STEP_RETURNED, PAY_STEP_EFFECTIVE };
void pay_step_item(enum pay_step step, int64_t zone_id, const char *zone, int year, int64_t plan_id,
                   const char *comment, struct arena *a, struct inbox_item *out);

#endif

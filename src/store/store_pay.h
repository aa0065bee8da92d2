/* store_pay.h - performance pay in SQL: the year's figures the office sets (R and the reference
 * salary per government level, coefficients per grade, each zone's grade), each zone's pool
 * computed from them and the roster (core/pay.h), and the zones' distribution plans with their
 * filing (备案). Every write is one transaction with its audit record (entity types pay_level,
 * pay_coefficient, zone_grade, pay_plan) whose JSON comes from the caller's struct
 * store_pay_json. A plan is checked against its pool and the roster inside its write
 * transaction. Returned structs and strings are allocated from the caller's arena.
 *
 * A zone's government level (同级政府) is the county it is under when that county has R for the
 * year, else the city's. N is the head-count on 31 December of the year (start on or before
 * it, no end or an end after it), without secondees the zone does not pay, at most the 员额 of
 * the staffing that ruled that year (the latest year up to it). */
#ifndef KFQ_STORE_PAY_H
#define KFQ_STORE_PAY_H

#include "core/pay.h"
#include "store/store.h"
#include "store/store_assess.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_pay_level {
	int64_t id;
	int year;
	int64_t level_org_id; /* 0 = the city */
	const char *level_name;
	int64_t ref_salary_fen; /* 基础薪酬的参照：同级全额拨款事业单位平均工资 */
	int64_t r_fen;          /* R: their per-capita performance pay */
	const char *set_at;
};

struct store_pay_coef {
	int64_t id;
	int year;
	const char *grade; /* enum_pay_grade */
	int64_t coef_bp;
	const char *set_at;
};

struct store_zone_grade {
	int64_t id;
	int year;
	int64_t org_id;
	const char *org_name;
	const char *grade;
	const char *set_at;
};

/* A zone's pool with its derivation. rule is PAY_OK when p is computed, PAY_NO_POOL when an
 * input is missing (the have_* say which), else the refusal of core/pay.h. */
struct store_pay_pool {
	int64_t org_id;
	const char *org_name;
	int year;
	const char *grade;
	int64_t level_org_id; /* 0 = the city */
	const char *level_name;
	bool have_level, have_grade, have_coef, have_staffing;
	int staffing_year;
	struct pay_pool p;
	enum pay_rule rule;
};

struct store_pay_line {
	int64_t person_id;
	const char *person_name;
	const char *identity;
	int64_t base_fen, perf_fen, incentive_fen;
};

struct store_pay_ack {
	int64_t org_id;
	const char *org_name;
	const char *decision; /* ack, return */
	const char *comment;
	const char *decided_at;
	const char *decided_by_name;
};

struct store_pay_plan {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int year;
	const char *status; /* enum_pay_plan_status */
	int64_t pool_fen;
	struct pay_totals t;
	const char *note;
	const char *updated_at;
	const char *filed_at;
	const char *effective_at;
	struct store_pay_line *lines;
	int nlines;
	struct store_pay_ack *acks; /* filled by store_pay_plan_get */
	int nacks;
	int64_t pending; /* organizations holding ack_pay_filing that have not acknowledged */
};

struct store_pay_json {
	void (*level)(struct jsonw *w, const struct store_pay_level *l);
	void (*coef)(struct jsonw *w, const struct store_pay_coef *c);
	void (*grade)(struct jsonw *w, const struct store_zone_grade *g);
	void (*plan)(struct jsonw *w, const struct store_pay_plan *p);
};

/* The year's figures: sets (creating or replacing, audited "set") and lists. */
int store_pay_level_set(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, struct store_pay_level *l);
int store_pay_level_list(struct store *s, struct arena *a, int year, struct store_pay_level **out,
                         int *n);
/* A coefficient above 5 is refused by the database's check too (KFQ_ECONSTRAINT). */
int store_pay_coef_set(struct store *s, const struct store_actor *who,
                       const struct store_pay_json *json, struct store_pay_coef *c);
/* Adopts a what-if scenario in one transaction: the n coefficients, each audited
 * ("adopt_scenario", as revenue sharing names its own), and the grade thresholds of the year's
 * schemes (store_assess_thresholds_tx: its refusals in *why). */
int store_pay_whatif_adopt(struct store *s, const struct store_actor *who,
                           const struct store_pay_json *json, struct store_pay_coef *cs, int n,
                           const struct store_assess_json *assess_json,
                           const struct store_assess_thresholds *t,
                           struct store_assess_outcome *why);
int store_pay_coef_list(struct store *s, struct arena *a, int year, struct store_pay_coef **out,
                        int *n);
/* A grade set by hand: KFQ_ESTATE when the zone has a published assessment result of the year
 * (store_assess.h), which then rules its grade. */
int store_zone_grade_set(struct store *s, const struct store_actor *who,
                         const struct store_pay_json *json, struct store_zone_grade *g);
int store_zone_grade_list(struct store *s, struct arena *a, int year,
                          const struct store_scope *scope, struct store_zone_grade **out, int *n);

/* The pools of every zone in scope (org_id 0) or of one, by the zone's name. */
int store_pay_pools(struct store *s, struct arena *a, int year, int64_t org_id,
                    const struct store_scope *scope, struct store_pay_pool **out, int *n);

/* Plans of the year (0 = any) in scope, without their lines. */
int store_pay_plan_list(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                        struct store_pay_plan **out, int *n);
/* With lines, acknowledgements and pending. KFQ_ENOTFOUND when absent. */
int store_pay_plan_get(struct store *s, struct arena *a, int64_t id, struct store_pay_plan *out);
/* Writes org's plan of the year (org_id, year, note, lines): creates it or replaces a draft or
 * returned one (KFQ_ESTATE when filed or effective). Checked inside the transaction against the
 * pool and the roster: KFQ_EINVAL with *rule and *bad (the line, -1 the plan). in->id set. */
int store_pay_plan_save(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, struct store_pay_plan *in,
                        enum pay_rule *rule, int *bad);
/* 备案: a draft or returned plan is filed; earlier acknowledgements are cleared. The plan is
 * checked again against the zone's pool as it is now (the grade, R or roster may have changed
 * since it was saved) and keeps that pool: KFQ_EINVAL with *rule and *bad as store_pay_plan_save
 * when it no longer passes. */
int store_pay_plan_file(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, int64_t id, enum pay_rule *rule,
                        int *bad);
/* org's acknowledgement ("ack") or return ("return", comment required by the caller) of a
 * filed plan (KFQ_ESTATE otherwise). A return sends the plan back (returned); the last
 * acknowledgement of every organization holding ack_pay_filing makes it effective. */
int store_pay_plan_ack(struct store *s, const struct store_actor *who,
                       const struct store_pay_json *json, int64_t id, int64_t org_id,
                       const char *decision, const char *comment);
/* In the caller's write transaction: every filed plan no organization holding ack_pay_filing
 * still has to acknowledge (one lost the grant) takes effect now, audited "take_effect" and
 * told as the last acknowledgement tells it. */
int store_pay_plans_settle(struct store *s, const struct store_actor *who,
                           const struct store_pay_json *json);

#endif

/* assess.h - the rules of the annual assessment of zones (art. 14, 15 of the seed): a yearly
 * scheme per class (分级分类) with indicators of three kinds, the score of a zone with every
 * indicator's contribution, and the grades of a class by thresholds with an optional quota on
 * the top grade and a stated tie-break; the appeal window. Pure: no storage, no clock.
 *
 * Units. Scores are in hundredths of a point (centi-points, "cp": 100 points = 10000 cp).
 * Completion ratios are basis points (10000 = 100 %). An indicator's values are hundredths of
 * its own unit (two decimals, as cellval_amount_fen reads them), except a province rank, which
 * is a whole rank, and a deduction, which is in cp.
 *
 * Indicator kinds:
 *   target     completion = actual / target (mode "higher") or target / actual ("lower"),
 *              capped at the scheme's cap_bp; contribution = weight × completion / 100 cp.
 *   province   the province's comprehensive evaluation: a score out of scale ("score":
 *              completion = value / scale, at most 100 %) or a rank among scale zones ("rank":
 *              completion = (scale - rank) / (scale - 1), the first 100 %, the last 0);
 *              contribution = weight × completion / 100 cp.
 *   deduction  points taken off (mode "points"): contribution = -min(value, scale) cp; carries
 *              no weight.
 * The weights of target and province indicators add up to exactly 100. Each division rounds
 * half up once; the score is the sum of the contributions, never below 0. */
#ifndef KFQ_CORE_ASSESS_H
#define KFQ_CORE_ASSESS_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define ASSESS_WEIGHT_TOTAL    100
#define ASSESS_INDICATORS_MAX  50
#define ASSESS_VALUE_MAX       100000000000000LL /* 10^12 units in hundredths */
#define ASSESS_CAP_MIN_BP      10000             /* a completion cap of at least 100 % */
#define ASSESS_CAP_MAX_BP      30000             /* and at most 300 % */
#define ASSESS_SCORE_MAX_CP    (ASSESS_WEIGHT_TOTAL * ASSESS_CAP_MAX_BP / 100)
#define ASSESS_APPEAL_DAYS_MAX 90
#define ASSESS_GRADES          4 /* excellent good fair poor, as enum_pay_grade */

enum assess_kind { ASSESS_TARGET, ASSESS_PROVINCE, ASSESS_DEDUCTION };
enum assess_mode { ASSESS_HIGHER, ASSESS_LOWER, ASSESS_SCORE, ASSESS_RANK, ASSESS_POINTS };

struct assess_indicator {
	enum assess_kind kind;
	enum assess_mode mode;
	int64_t weight; /* points; 0 for a deduction */
	int64_t scale;  /* province: full score (hundredths) or zones ranked; deduction: max cp */
};

/* A scheme's numbers besides its indicators. */
struct assess_rules {
	int64_t cap_bp;       /* completion cap of target indicators */
	int64_t min_cp[3];    /* lowest score of excellent, good, fair (strictly descending) */
	int64_t top_quota_bp; /* at most this share of the class excellent; 0 = no quota */
	int64_t appeal_days;  /* calendar days after publication */
};

/* One zone's entry for one indicator: target used by target indicators only. */
struct assess_value {
	bool have;
	int64_t target, actual;
};

/* What an indicator added to the score. */
struct assess_line {
	int64_t completion_bp; /* 0 for a deduction */
	int64_t contribution_cp;
};

enum assess_rule {
	ASSESS_OK = 0,
	ASSESS_WEIGHTS_NOT_100, /* target and province weights do not add up to 100 */
	ASSESS_BAD_INDICATOR,   /* a kind without its mode, a weight on a deduction, no scale */
	ASSESS_BAD_THRESHOLDS,  /* thresholds not strictly descending or out of range */
	ASSESS_BAD_CAP,         /* cap outside 100 %..300 %, quota over 100 %, appeal days */
	ASSESS_NO_INDICATORS,
	ASSESS_MISSING_VALUE, /* an indicator without the zone's value */
	ASSESS_BAD_VALUE,     /* a target not above 0, a negative value, a rank outside 1..scale */
	ASSESS_RULE_COUNT
};

const char *assess_rule_code(enum assess_rule r);
const char *assess_rule_message(enum assess_rule r);

/* The kind and mode of their codes ("target", "province", "deduction"; "higher", "lower",
 * "score", "rank", "points"): 0, or -1 for an unknown code. */
int assess_kind_parse(const char *s, enum assess_kind *out);
int assess_mode_parse(const char *s, enum assess_mode *out);

/* The lowest scores of excellent, good and fair are strictly descending, above 0 and at most
 * ASSESS_SCORE_MAX_CP (what a scheme and a what-if's thresholds must be). */
bool assess_thresholds_ok(const int64_t min_cp[3]);

/* Checks a scheme: ASSESS_OK, or the first rule broken with *bad the indicator's index (-1 for
 * the scheme's own numbers or the weights' sum). */
enum assess_rule assess_scheme_check(const struct assess_rules *r,
                                     const struct assess_indicator *ind, int n, int *bad);

/* One zone's score: lines[i] for each indicator, *score_cp their sum floored at 0, *target_cp
 * the sum of the target indicators' contributions and *deduct_cp the points deducted (both
 * for the tie-break). ASSESS_MISSING_VALUE or ASSESS_BAD_VALUE with *bad the indicator. */
enum assess_rule assess_score(const struct assess_rules *r, const struct assess_indicator *ind,
                              const struct assess_value *vals, int n, struct assess_line *lines,
                              int64_t *score_cp, int64_t *target_cp, int64_t *deduct_cp, int *bad);

/* A zone in the grading of its class. */
struct assess_entry {
	int64_t org_id;
	int64_t score_cp, target_cp, deduct_cp; /* in */
	int rank;                               /* out: 1 = first; equals share a rank */
	int grade;                              /* out: 0 excellent .. 3 poor */
	bool demoted;                           /* out: excellent by score, good by the quota */
};

/* Grades a class: sorts e (n entries) into rank order and fills rank, grade and demoted.
 * Order: higher score; then higher target_cp (the economic targets come first in art. 14);
 * then fewer points deducted. Zones equal on all three share a rank. Grade by the thresholds;
 * with a quota, at most floor(n × top_quota_bp / 10000) zones are excellent: a group of
 * equals that would overflow the quota is demoted to good as a whole, never split by an
 * arbitrary order (so zones beneath it are demoted too). Equal entries keep org_id order. */
void assess_grade(const struct assess_rules *r, struct assess_entry *e, int n);

/* The grade code of a grade index (enum_pay_grade's codes). */
const char *assess_grade_code(int grade);

/* The end of the appeal window: the instant (Unix seconds) at which the calendar day
 * days after the day of published_at ends, both days in Asia/Shanghai. An appeal is in time
 * when now < the result. */
int64_t assess_appeal_deadline(int64_t published_at, int64_t days);

/* The steps of the assessment that hand work to someone, and the inbox item of each (link the
 * assessment page): a publication tells each zone of the scheme that its result is out (one
 * item per zone), an appeal goes to the accounts that decide appeals (pay_set: the office) whose
 * data scope covers the zone, and the decision goes back to the zone's accounts that appeal
 * (people_write). decision: upheld or rejected (the decided step only). Strings in a. */
enum assess_step { ASSESS_STEP_PUBLISHED, ASSESS_STEP_APPEALED, ASSESS_STEP_DECIDED };
struct assess_step_subject {
	int64_t id; /* the result (published) or the appeal */
	int64_t org_id;
	const char *org_name;
	const char *scheme_name;
	const char *decision;
	const char *comment; /* the office's, on a decision; NULL = none */
};
void assess_step_item(enum assess_step step, const struct assess_step_subject *x, struct arena *a,
                      struct inbox_item *out);

#endif

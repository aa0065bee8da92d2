/* kpi.h - the rules of a zone's internal KPIs (art. 14: 内部考核向招商引资、项目建设、产业发展
 * 倾斜): each zone scores its departments and staff against indicators it defines, whose
 * weights add up to 100 with 招商引资, 项目建设 and 产业发展 each weighted at least the year's
 * configured minimum (the office sets them; KPI_FLOOR_DEFAULT each when not set). A subject's
 * total is Σ weight × score / 100, rounded half up once; the staff totals split the zone's
 * performance-pay pool into each person's suggested 绩效薪酬, exactly to the fen (largest
 * remainder, core/money.h). Scores are centi-points (0..10000 = 0..100 points). Pure. */
#ifndef KFQ_CORE_KPI_H
#define KFQ_CORE_KPI_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdint.h>

#define KPI_INDICATORS_MAX 30
#define KPI_SCORE_MAX_CP   10000
#define KPI_FLOOR_DEFAULT  20 /* points of 100 for each of the three, when the year has none */
#define KPI_KEY_CATEGORIES 3

enum kpi_category { KPI_INVESTMENT, KPI_PROJECT, KPI_INDUSTRY, KPI_OTHER };

struct kpi_indicator {
	enum kpi_category category;
	int64_t weight; /* points */
};

enum kpi_rule {
	KPI_OK = 0,
	KPI_WEIGHTS_NOT_100,
	KPI_BELOW_FLOOR, /* 招商引资, 项目建设 or 产业发展 weighted below the minimum */
	KPI_BAD_INDICATOR,
	KPI_BAD_FLOOR, /* minimums negative or adding up to more than 100 */
	KPI_BAD_SCORE,
	KPI_RULE_COUNT
};

const char *kpi_rule_code(enum kpi_rule r);
const char *kpi_rule_message(enum kpi_rule r);
/* "investment" "project" "industry" "other": 0, or -1. */
int kpi_category_parse(const char *s, enum kpi_category *out);
const char *kpi_category_label(enum kpi_category c);

/* The minimums: floor[c] points for c in KPI_INVESTMENT..KPI_INDUSTRY. */
enum kpi_rule kpi_floor_check(const int64_t floor[KPI_KEY_CATEGORIES]);
/* The first of 招商引资, 项目建设, 产业发展 whose weight by[c] (the sum of its indicators) is below
 * its minimum floor[c], or -1 when none is. */
int kpi_floor_short(const int64_t floor[KPI_KEY_CATEGORIES], const int64_t by[KPI_KEY_CATEGORIES]);
/* KPI_OK, or the rule broken with *bad: the indicator (KPI_BAD_INDICATOR), the category
 * (KPI_BELOW_FLOOR), -1 otherwise. */
enum kpi_rule kpi_scheme_check(const int64_t floor[KPI_KEY_CATEGORIES],
                               const struct kpi_indicator *ind, int n, int *bad);
/* A subject's total in centi-points from one score per indicator (each 0..KPI_SCORE_MAX_CP). */
int64_t kpi_total(const struct kpi_indicator *ind, const int64_t *score_cp, int n);
/* Splits pool_fen over n people in proportion to their totals: parts add up to the pool
 * exactly; every part 0 when every total is 0 (nothing to go by). 0, or -1 (bad input). */
int kpi_split(int64_t pool_fen, const int64_t *total_cp, int n, int64_t *perf_fen);

/* The inbox item of a zone's scheme of a year (target "department" or "staff") that the office's
 * new minimums leave below them: to the zone's accounts that keep its KPIs (people_write), who
 * must weight it again, and to the office's accounts covering the zone (pay_set, which sets the
 * minimums and follows the zones). Strings in a. */
void kpi_below_item(int64_t scheme_id, int64_t zone_id, const char *zone, int year,
                    const char *target, struct arena *a, struct inbox_item *out);

#endif

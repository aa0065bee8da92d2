/* space.h - the rules of 腾笼换鸟 (art. 2, 13): how long an idle building (闲置厂房、闲置商务
 * 楼宇) has stood vacant, which outcomes end a match with an enterprise that needs space, and
 * what an outcome makes of the building. Days are Asia/Shanghai day numbers (core/plan.h),
 * areas hundredths of m². Pure. */
#ifndef KFQ_CORE_SPACE_H
#define KFQ_CORE_SPACE_H

#include <stdbool.h>
#include <stdint.h>

/* Whole days vacant on day today (0 when vacant_since is today or later). */
int64_t space_vacant_days(int64_t vacant_since, int64_t today);

/* Whether outcome ("leased", "sold", "declined") ends a pending match. */
bool space_outcome_ends(const char *outcome);

/* Whether outcome puts the building back to use (a lease or a sale): it is then "reused". */
bool space_outcome_reuses(const char *outcome);

/* NULL when an enterprise needing need_m2x100 (0: not said) fits a building of area_m2x100;
 * else the Chinese reason. */
const char *space_need_problem(int64_t need_m2x100, int64_t area_m2x100);

#endif

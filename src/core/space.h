/* space.h - the rules of 腾笼换鸟 (art. 2, 13): how long an idle building (闲置厂房、闲置商务
 * 楼宇) has stood vacant, which outcomes end a match with an enterprise that needs space, and
 * what an outcome makes of the building. Days are Asia/Shanghai day numbers (core/plan.h),
 * areas hundredths of m². Pure. */
#ifndef KFQ_CORE_SPACE_H
#define KFQ_CORE_SPACE_H

#include "core/inbox.h"
#include "util/arena.h"

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

/* The steps of a match that hand work to someone, and the inbox item of each (DECISIONS 173).
 * A match proposed goes to the accounts of the zone owning the building that change its land
 * (land_write: the zone takes the match to an outcome with the owner and the enterprise); a
 * match ended goes to them and to the accounts of the organizations holding manage_land that
 * follow the zones' land (a lease or a sale takes the building off the idle list). building:
 * its name; enterprise: the one that needs space; outcome: the ended match's (leased, sold,
 * declined). Strings in a. */
enum space_match_step { SPACE_MATCH_PROPOSED, SPACE_MATCH_ENDED };
struct space_match_subject {
	int64_t match_id, zone_id;
	const char *zone, *building, *enterprise, *outcome;
};
void space_match_step_item(enum space_match_step step, const struct space_match_subject *m,
                           struct arena *a, struct inbox_item *out);

#endif

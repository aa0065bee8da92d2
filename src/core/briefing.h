/* briefing.h - the rules of the weekly briefing (工作周报) the office sends upward: which week
 * a day belongs to (Monday to Sunday, Asia/Shanghai, numbered as ISO 8601 weeks), the time
 * bounds the queries take, the days within which a milestone became late, and the summary
 * line of the printed briefing. Pure; callers pass the day. */
#ifndef KFQ_CORE_BRIEFING_H
#define KFQ_CORE_BRIEFING_H

#include "util/timeutil.h"

#include <stdint.h>

struct briefing_week {
	int64_t monday, sunday; /* day numbers (core/plan.h) */
	int year, week;         /* ISO 8601: the year of the week's Thursday, 1..53 */
	/* RFC 3339 UTC bounds of the week in Shanghai time: from <= t < to */
	char from[TIME_RFC3339_LEN], to[TIME_RFC3339_LEN];
	/* a milestone became late during the week when its due date (YYYY-MM-DD) is within
	 * late_from..late_to: late is due before the day (Monday's late ones fell due Sunday) */
	char late_from[11], late_to[11];
};

/* The week that holds day. */
void briefing_week(int64_t day, struct briefing_week *out);

/* The week's figures over the zones the briefing covers. */
struct briefing_totals {
	int64_t reports, accepted, done, new_late, issued, closed;
};

#define BRIEFING_TEXT_MAX 512
/* 本周（11月23日至11月29日），各开发区报送进展报告12份，审核通过10份，完成节点4个；新增逾期节点3个；
 * 下发督办单2件，办结1件。 */
void briefing_summary(const struct briefing_week *w, const struct briefing_totals *t,
                      char out[BRIEFING_TEXT_MAX]);
/* 开发区体制机制改革工作周报（2026年第48周） */
void briefing_title(const struct briefing_week *w, char out[BRIEFING_TEXT_MAX]);

#endif

/* space.c - 腾笼换鸟's rules: days vacant, the outcomes that end a match and those that put the
 * building back to use, whether a need fits. Must not read or write anything but its
 * arguments. */
#include "core/space.h"

#include <string.h>

int64_t space_vacant_days(int64_t vacant_since, int64_t today)
{
	return today > vacant_since ? today - vacant_since : 0;
}

bool space_outcome_ends(const char *outcome)
{
	return outcome && (!strcmp(outcome, "leased") || !strcmp(outcome, "sold") ||
	                   !strcmp(outcome, "declined"));
}

bool space_outcome_reuses(const char *outcome)
{
	return outcome && (!strcmp(outcome, "leased") || !strcmp(outcome, "sold"));
}

const char *space_need_problem(int64_t need_m2x100, int64_t area_m2x100)
{
	if (need_m2x100 < 0)
		return "所需面积不能为负";
	if (need_m2x100 > area_m2x100)
		return "所需面积大于该楼宇的闲置面积";
	return NULL;
}

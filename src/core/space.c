/* space.c - 腾笼换鸟's rules: days vacant, the outcomes that end a match and those that put the
 * building back to use, whether a need fits, and the inbox items of a match's steps. Must not
 * read or write anything but its arguments. */
#include "core/space.h"

#include "core/enums.h"

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

void space_match_step_item(enum space_match_step step, const struct space_match_subject *m,
                           struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "space_match";
	out->entity_id = m->match_id;
	out->to[out->nto++] = (struct inbox_to){.org_id = m->zone_id, .perm = PERM_LAND_WRITE};
	if (step == SPACE_MATCH_PROPOSED) {
		out->kind = "space_match_proposed";
		out->title = arena_printf(a, "闲置楼宇对接待跟进：%s（%s）对接%s", m->building,
		                          m->zone, m->enterprise);
		out->link = "/land/buildings?matching=1";
		return;
	}
	out->kind = "space_match_ended";
	out->title = arena_printf(a, "闲置楼宇对接有结果：%s（%s）与%s，%s", m->building, m->zone,
	                          m->enterprise, enum_label(&enum_match_outcome, m->outcome));
	out->link = arena_printf(a, "/land/buildings?zone_id=%lld", (long long)m->zone_id);
	out->to[out->nto++] =
	    (struct inbox_to){.capability = "manage_land", .perm = PERM_LAND_WRITE};
}

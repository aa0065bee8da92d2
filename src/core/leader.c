/* leader.c - the rule of art. 15's records (see leader.h). Must not read anything. */
#include "core/leader.h"

#include "core/enums.h"

#include <string.h>

static const struct {
	const char *code, *message;
} rules[LEADER_RULE_COUNT] = {
    [LEADER_OK] = {"ok", "符合规定"},
    [LEADER_NOT_LEADER] = {"not_leader",
                           "奖优罚劣（第15条）：只记录开发区班子成员，该人员不在领导岗位"},
    [LEADER_NO_GRADE] = {"no_grade",
                         "奖优罚劣（第15条）：该开发区该年度尚无考核等级，不能据此记录"},
    [LEADER_PROMOTE_GRADE] = {"promote_grade",
                              "奖优罚劣（第15条）：优先提拔使用须以开发区当年考核结果优秀为依据"},
    [LEADER_ADJUST_GRADE] =
        {"adjust_grade", "奖优罚劣（第15条）：及时调整须以开发区当年考核结果较差（不合格）为依据"},
    [LEADER_KEPT_CASE] = {"kept_case", "容错免责（第18条）：不予调整须依据已对该人员免责或减责、"
                                       "且影响为该年度领导干部不予调整的案件"},
    [LEADER_DUPLICATE] = {"duplicate", "该人员该年度已有同类记录，不再重复记录"},
    [LEADER_CONFLICT] = {"conflict", "该人员该年度已有相反的记录：及时调整与不予调整不能同时记录"},
};

const char *leader_rule_code(enum leader_rule r)
{
	return r >= 0 && r < LEADER_RULE_COUNT ? rules[r].code : "invalid";
}

const char *leader_rule_message(enum leader_rule r)
{
	return r >= 0 && r < LEADER_RULE_COUNT ? rules[r].message : "违反奖优罚劣规则";
}

const char *leader_opposite(const char *kind)
{
	if (!strcmp(kind, "adjust"))
		return "kept";
	return !strcmp(kind, "kept") ? "adjust" : NULL;
}

enum leader_rule leader_action_check(const char *kind, const struct leader_basis *b)
{
	if (!b->is_leader)
		return LEADER_NOT_LEADER;
	if (b->recorded)
		return LEADER_DUPLICATE;
	if (b->contradicted)
		return LEADER_CONFLICT;
	if (!strcmp(kind, "kept"))
		return b->case_keeps ? LEADER_OK : LEADER_KEPT_CASE;
	if (!b->grade)
		return LEADER_NO_GRADE;
	if (!strcmp(kind, "promote"))
		return !strcmp(b->grade, "excellent") ? LEADER_OK : LEADER_PROMOTE_GRADE;
	return !strcmp(b->grade, "poor") ? LEADER_OK : LEADER_ADJUST_GRADE;
}

void leader_action_item(int64_t action_id, int64_t zone_id, const char *zone, int64_t county_id,
                        const char *person, const char *kind, int year, const char *recorder,
                        struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = "leader_action";
	out->entity_type = "leader_action";
	out->entity_id = action_id;
	/* the county view shows five years; it reads from/to, not a single year */
	/* a page every recipient reads: the zone and its county, whose records they carry out */
	out->link = arena_printf(a, "/leader-actions?year=%d", year);
	out->title = arena_printf(a, "%s记录：%s%s%s（%d年度考核），请落实", recorder, zone, person,
	                          enum_label(&enum_leader_action, kind), year);
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_PEOPLE_WRITE};
	if (county_id)
		out->to[out->nto++] =
		    (struct inbox_to){.org_id = county_id, .perm = PERM_PEOPLE_READ};
}

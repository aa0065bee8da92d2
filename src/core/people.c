/* people.c - staffing and roster rules: the counts within the approved figures, secondment
 * dates, ID numbers as typed. Must not read storage or decide who may act. */
#include "core/people.h"

#include "core/personal.h"
#include "core/plan.h"

#include <string.h>

static const struct {
	const char *code;
	const char *message;
} rules[PEOPLE_RULE_COUNT] = {
    [PEOPLE_OK] = {"ok", "符合规定"},
    [PEOPLE_NO_STAFFING] = {"no_staffing",
                            "该开发区本年度尚无市委编办核定的编制（第七条），不能录入人员"},
    [PEOPLE_OVER_QUOTA] = {"over_quota", "在册人数不得超过核定的员额（第十条 员额总控）"},
    [PEOPLE_OVER_LEADERS] = {"over_leaders", "领导岗位人数不得超过核定的领导职数（第七条）"},
    [PEOPLE_OVER_BODIES] = {"over_bodies", "内设机构数不得超过核定数（第七条）"},
    [PEOPLE_TWO_POSTS] = {"two_posts", "同一人不得同时在两个岗位（该身份证号码已在册）"},
    [PEOPLE_POST_TAKEN] = {"post_taken", "该岗位已有在岗人员，一个岗位同时只能一人"},
    [PEOPLE_SECONDMENT_ORDER] = {"secondment_order", "挂职结束日期应晚于开始日期"},
    [PEOPLE_HIRED_LEADER] = {"hired_leader", "聘任制领导须写明批准的党委和聘任的政府（第八条）"},
    [PEOPLE_END_BEFORE_START] = {"end_before_start", "离开日期不能早于到岗日期"},
    [PEOPLE_POST_IN_USE] = {"post_in_use", "该岗位有在岗人员，不能删除"},
};

const char *people_rule_code(enum people_rule r)
{
	return r >= 0 && r < PEOPLE_RULE_COUNT ? rules[r].code : "rule";
}

const char *people_rule_message(enum people_rule r)
{
	return r >= 0 && r < PEOPLE_RULE_COUNT ? rules[r].message : "不符合规定";
}

enum people_rule people_counts_check(const struct staffing_figures *f,
                                     const struct roster_counts *c)
{
	if (c->people > f->quota)
		return PEOPLE_OVER_QUOTA;
	if (c->leaders > f->leaders)
		return PEOPLE_OVER_LEADERS;
	if (c->bodies > f->bodies)
		return PEOPLE_OVER_BODIES;
	return PEOPLE_OK;
}

enum people_rule people_secondment_check(const char *start, const char *end)
{
	if (!end)
		return PEOPLE_OK;
	return plan_day(end) > plan_day(start) ? PEOPLE_OK : PEOPLE_SECONDMENT_ORDER;
}

bool people_id_normalize(const char *in, char out[PEOPLE_ID_LEN + 1])
{
	if (!in || strlen(in) != PEOPLE_ID_LEN)
		return false;
	memcpy(out, in, PEOPLE_ID_LEN + 1);
	if (out[PEOPLE_ID_LEN - 1] == 'x')
		out[PEOPLE_ID_LEN - 1] = 'X';
	return personal_id_number_valid(out);
}

void people_staffing_item(int64_t staffing_id, int64_t zone_id, const char *zone, int year,
                          const char *doc_no, bool change, struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = "staffing_approved";
	out->entity_type = "staffing";
	out->entity_id = staffing_id;
	out->link = arena_printf(a, "/staffing?year=%d", year);
	out->title = arena_printf(a, "%s%d年度机构编制已%s（%s），请按核定数配备人员", zone, year,
	                          change ? "调整" : "核定", doc_no);
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_PEOPLE_WRITE};
}

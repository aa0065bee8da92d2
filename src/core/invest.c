/* invest.c - the investment pipeline's rules: stages, a project's checks, stage changes and
 * stalls. Must not read or write anything. */
#include "core/invest.h"

#include "core/enums.h"

#include <stdio.h>
#include <string.h>

int invest_stage_find(const char *code)
{
	for (int i = 0; code && i < INVEST_NSTAGES; i++)
		if (!strcmp(enum_invest_stage.entries[i].code, code))
			return i;
	return -1;
}

const char *invest_stage_code(enum invest_stage s)
{
	return enum_invest_stage.entries[s].code;
}

static int refuse(struct invest_problem *why, const char *field, const char *msg)
{
	snprintf(why->message, sizeof(why->message), "%s", msg);
	snprintf(why->field, sizeof(why->field), "%s", field);
	return -1;
}

int invest_project_check(const struct invest_project *p, struct invest_problem *why)
{
	if (!p->name || !*p->name)
		return refuse(why, "/name", "请填写项目名称");
	if (p->staff_person_id <= 0)
		return refuse(why, "/staff_person_id", "请从人员名册选择项目责任人");
	if (p->agreed_fen < 0 || p->realized_fen < 0 || p->expected_output_fen < 0 ||
	    p->expected_tax_fen < 0)
		return refuse(why, "/agreed_fen", "金额不能为负数");
	if (p->realized_fen > p->agreed_fen)
		return refuse(why, "/realized_fen",
		              "实际到位投资不应超过协议投资额（增资请修改协议投资额）");
	return 0;
}

int invest_staff_check(int64_t zone_id, const struct invest_staff *s, struct invest_problem *why)
{
	if (!s->found || s->org_id != zone_id)
		return refuse(why, "/staff_person_id", "项目责任人应为本开发区人员名册上的人员");
	if (s->left && !s->kept)
		return refuse(why, "/staff_person_id", "该人员已离开人员名册，请选择在册人员");
	return 0;
}

int invest_stage_check(enum invest_stage from, int64_t from_day, enum invest_stage to,
                       int64_t on_day, int64_t today, struct invest_problem *why)
{
	if (to <= from)
		return refuse(why, "/stage",
		              "项目阶段只能向前推进（洽谈、签约、落地、开工、投产、达产）");
	if (on_day < 0)
		return refuse(why, "/changed_on", "日期应为YYYY-MM-DD");
	if (on_day < from_day)
		return refuse(why, "/changed_on", "进入新阶段的日期不能早于当前阶段的日期");
	if (on_day > today)
		return refuse(why, "/changed_on", "进入新阶段的日期不能晚于今天");
	return 0;
}

bool invest_stalled(enum invest_stage s, int64_t stage_day, int64_t today, int stall_days,
                    int64_t *days)
{
	*days = today - stage_day;
	return s != INVEST_FULL && *days > stall_days;
}

int64_t invest_stall_cutoff(int64_t today, int stall_days)
{
	return today - stall_days - 1;
}

/* capability.c - the capability catalogue and the seeding rule. Must not read or write grants:
 * store/store_capability.c does, and api/ asks it. */
#include "core/capability.h"

#include <string.h>

const struct capability_def capability_defs[CAP_COUNT] = {
    {CAP_APPROVE_STAFFING, "approve_staffing", "核定机构编制",
     "核定开发区的人员编制、内设机构和领导职数，审批员额总控数量", CAP_SEED_LEAD, 7,
     "优化机构编制配置"},
    {CAP_CONFIRM_REVENUE, "confirm_revenue", "确认财力分成结算",
     "确认开发区招商引资新增税收的分成结算单和转移支付返还额", CAP_SEED_LEAD, 6,
     "健全财力分成机制"},
    /* art. 14: the distribution plan 报市财政局、市商务局、市科技局、市人社局等部门备案; these
     * four are exactly that article's lead and responsible city departments */
    {CAP_ACK_PAY_FILING, "ack_pay_filing", "接收薪酬方案备案",
     "接收开发区绩效薪酬分配方案的备案，备案后方案方可实施", CAP_SEED_LEAD_AND_RESPONSIBLE, 14,
     "完善考核评价体系"},
    {CAP_READ_PERSONAL, "read_personal", "查看个人身份信息",
     "查看未遮盖的身份证号码、手机号码和电子邮箱（审计日志中始终遮盖）", CAP_SEED_NONE, 0, NULL},
    /* art. 4: 谁赋权、谁指导 - the delegating departments are its 市直相关部门 */
    {CAP_DELEGATE_POWER, "delegate_power", "向开发区赋权",
     "向开发区下放或委托市级管理权限，并负责业务指导和评估（一区一单）", CAP_SEED_RESPONSIBLE_DEPTS,
     4, "完善赋权机制"},
    /* art. 4: the lead 编制向开发区放权清单, 实行“一区一单”, and keeps the 高效办成一件事 list */
    {CAP_PUBLISH_POWER_LIST, "publish_power_list", "发布放权清单",
     "发布或撤回各开发区的“一区一单”公开清单，维护“高效办成一件事”重点事项清单", CAP_SEED_LEAD, 4,
     "完善赋权机制"},
    /* art. 3: 市政府指导形成开发区与所在县（区）政府之间的权责清单, led by 市委编办 */
    {CAP_APPROVE_DUTY_LIST, "approve_duty_list", "审定权责清单",
     "审定开发区与所在县（区）之间的权责清单及其修订版本", CAP_SEED_LEAD, 3, "明确职责边界"},
    {CAP_MANAGE_BUDGET, "manage_budget", "管理开发区预决算",
     "登记开发区财政管理方式和人大批准情况，导入预算和决算，填报项目绩效目标和结果", CAP_SEED_LEAD,
     5, "规范财政管理体制"},
    /* art. 2: 亩产论英雄、低效用地、审核公告目录的四至; its leads are 市发改委 and 市自然资源局,
     * and the office takes the grant back from whichever should not hold it */
    {CAP_MANAGE_LAND, "manage_land", "管理开发区用地",
     "录入和修改各开发区的批准面积和四至边界、批次、地块、低效用地处置和项目位置", CAP_SEED_LEAD, 2,
     "聚焦主责主业"},
    /* art. 12: 支持市、县(区)国有资产监管部门加快推进平台公司国有优良资产注入 - the state-asset
     * supervisor is that article's only responsible city department */
    {CAP_SUPERVISE_PLATFORM, "supervise_platform", "监管平台公司",
     "维护各开发区平台公司的股权、政企分离和管运分离清单、年度财务数据，设定债务风险预警线",
     CAP_SEED_RESPONSIBLE_DEPTS, 12, "完善“管委会+公司”运营模式"},
    /* art. 18 lists no lead unit, so nothing is seeded from the policy: the office grants it
     * in 职能授权 (市纪委监委 with 市委组织部 by default, as the demo data does) */
    {CAP_DECIDE_FAULT, "decide_fault", "认定容错免责",
     "对开发区单位和个人的容错免责案件作出免责、减责或不予免责的决定", CAP_SEED_NONE, 18, NULL},
    {CAP_RECORD_LEADER_ACTION, "record_leader_action", "记录班子成员奖惩",
     "依据年度考核结果记录开发区班子成员优先提拔使用或及时调整的情况", CAP_SEED_LEAD, 15,
     "建立奖优罚劣机制"},
};

const struct capability_def *capability_find(const char *code)
{
	for (int i = 0; code && i < CAP_COUNT; i++)
		if (!strcmp(capability_defs[i].code, code))
			return &capability_defs[i];
	return NULL;
}

const struct capability_def *capability_get(enum capability cap)
{
	return cap >= 0 && cap < CAP_COUNT ? &capability_defs[cap] : NULL;
}

static bool seen(const struct capability_grant *g, size_t n, enum capability cap, int64_t org)
{
	for (size_t i = 0; i < n; i++)
		if (g[i].cap == cap && g[i].org_id == org)
			return true;
	return false;
}

/* Appends the grant unless it is there already; out has room for it. */
static void add(struct capability_grant *out, size_t *n, enum capability cap, int64_t org,
                int article)
{
	if (seen(out, *n, cap, org))
		return;
	out[*n].cap = cap;
	out[*n].org_id = org;
	out[*n].article = article;
	(*n)++;
}

size_t capability_seed(const struct capability_article *arts, size_t n, struct arena *a,
                       struct capability_grant **out)
{
	size_t room = 0, cnt = 0;

	*out = NULL;
	for (size_t i = 0; i < n; i++)
		room += arts[i].n_lead + arts[i].n_responsible_depts;
	if (!room)
		return 0;
	/* each article may match every capability at most once */
	*out = arena_alloc(a, sizeof(**out) * room * CAP_COUNT);
	for (int c = 0; c < CAP_COUNT; c++) {
		const struct capability_def *d = &capability_defs[c];
		if (d->seed_from == CAP_SEED_NONE)
			continue;
		for (size_t i = 0; i < n; i++) {
			const struct capability_article *art = &arts[i];
			if (!art->title || strcmp(art->title, d->seed_title) != 0)
				continue;
			if (d->seed_from != CAP_SEED_RESPONSIBLE_DEPTS)
				for (size_t k = 0; k < art->n_lead; k++)
					add(*out, &cnt, d->cap, art->lead[k], art->number);
			if (d->seed_from != CAP_SEED_LEAD)
				for (size_t k = 0; k < art->n_responsible_depts; k++)
					add(*out, &cnt, d->cap, art->responsible_depts[k],
					    art->number);
		}
	}
	if (!cnt)
		*out = NULL;
	return cnt;
}

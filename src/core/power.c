/* power.c - the catalogue's checks, the workflow of a zone's list and the evaluation figures.
 * Must not read clocks or storage, nor decide who holds delegate_power (that is data). */
#include "core/power.h"

#include "core/account.h"
#include "core/cellval.h"
#include "core/enums.h"

#include <stdio.h>
#include <string.h>

static const char *const action_names[POWER_NACTIONS] = {
    "propose",   "plan", "accept_proposal", "decline", "delegate", "accept",
    "not_ready", "act",  "reassess",        "revoke",
};

static const char *const action_labels[POWER_NACTIONS] = {
    "主动提出", "拟下放",           "同意申请", "不同意",   "下放",
    "承接",     "暂不具备承接条件", "安排代办", "重新评估", "收回",
};

static const struct {
	const char *status;
	const char *label;
	const char *next[POWER_NACTIONS]; /* by enum power_action; NULL = refused */
} machine[] = {
    /* propose, plan, accept_proposal, decline, delegate, accept, not_ready, act, reassess,
     * revoke */
    {"proposed", "拟申请", {NULL, NULL, "planned", "declined"}},
    {"declined", "未同意", {"proposed", "planned"}},
    {"planned", "拟下放", {NULL, NULL, NULL, NULL, "delegated"}},
    {"delegated",
     "已下放",
     {NULL, NULL, NULL, NULL, NULL, "accepted", "not_ready", NULL, NULL, "revoked"}},
    {"accepted", "已承接", {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "revoked"}},
    {"not_ready",
     "暂不具备承接条件",
     {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "acting", NULL, "revoked"}},
    {"acting", "代办中", {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "delegated", "revoked"}},
    {"revoked", "已收回", {"proposed", "planned"}},
};
#define NSTATES (int)(sizeof(machine) / sizeof(machine[0]))

const char *power_action_name(enum power_action a)
{
	return a >= 0 && a < POWER_NACTIONS ? action_names[a] : NULL;
}

const char *power_action_label(enum power_action a)
{
	return a >= 0 && a < POWER_NACTIONS ? action_labels[a] : NULL;
}

int power_action_parse(const char *name)
{
	for (int i = 0; name && i < POWER_NACTIONS; i++)
		if (!strcmp(action_names[i], name))
			return i;
	return -1;
}

enum power_side power_action_side(enum power_action a)
{
	return a == POWER_PROPOSE || a == POWER_ACCEPT || a == POWER_NOT_READY
	           ? POWER_SIDE_ZONE
	           : POWER_SIDE_DEPARTMENT;
}

static int find(const char *status)
{
	for (int i = 0; status && i < NSTATES; i++)
		if (!strcmp(machine[i].status, status))
			return i;
	return -1;
}

bool power_status_valid(const char *status)
{
	return find(status) >= 0;
}

const char *power_status_label(const char *status)
{
	int i = find(status);

	return i >= 0 ? machine[i].label : status;
}

const char *power_next_status(const char *status, enum power_action a)
{
	int i;

	if (a < 0 || a >= POWER_NACTIONS)
		return NULL;
	if (!status) /* a power not on the zone's list yet */
		return a == POWER_PROPOSE ? "proposed" : a == POWER_PLAN ? "planned" : NULL;
	i = find(status);
	return i >= 0 ? machine[i].next[a] : NULL;
}

const char *power_refusal(const char *status, enum power_action a)
{
	if (!status)
		return "该事项尚未列入本开发区清单";
	switch (a) {
	case POWER_PROPOSE:
	case POWER_PLAN:
		return "该事项已在本开发区清单中";
	case POWER_ACCEPT_PROPOSAL:
	case POWER_DECLINE:
		return "只能答复开发区主动提出、尚未答复的事项";
	case POWER_DELEGATE:
		return "只有拟下放的事项才能下放";
	case POWER_ACCEPT:
	case POWER_NOT_READY:
		return "只有已下放、尚未承接的事项才能承接或说明暂不具备承接条件";
	case POWER_ACT:
		return "只有开发区暂不具备承接条件的事项才能安排代办";
	case POWER_REASSESS:
		return "只有代办中的事项才能重新评估";
	case POWER_REVOKE:
		return "该事项当前状态不能收回";
	case POWER_NACTIONS:
		break;
	}
	return "该事项当前状态不允许此操作";
}

bool power_status_public(const char *status)
{
	return status && (!strcmp(status, "accepted") || !strcmp(status, "acting"));
}

bool power_mode_fits(enum power_action a, const char *mode)
{
	if (!enum_valid(&enum_power_mode, mode))
		return false;
	if (a == POWER_ACT)
		return !strcmp(mode, "stationed") || !strcmp(mode, "signboard") ||
		       !strcmp(mode, "lead") || !strcmp(mode, "agency");
	return a == POWER_DELEGATE;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static int fail(const char **field, const char **message, const char *f, const char *m)
{
	*field = f;
	*message = m;
	return -1;
}

char *power_code_normal(struct arena *a, const char *code)
{
	char *out = arena_strdup(a, code ? code : "");

	cellval_halfwidth(out);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return out;
}

int power_entry_check(const struct power_entry *e, const char **field, const char **message)
{
	if (blank(e->code))
		return fail(field, message, "/code", "请填写事项编码");
	if (blank(e->name))
		return fail(field, message, "/name", "请填写事项名称");
	if (!enum_valid(&enum_power_kind, e->kind))
		return fail(field, message, "/kind", "事项类型应为权力清单的类别之一");
	if (blank(e->legal_basis))
		return fail(field, message, "/legal_basis", "请填写设定依据（法律法规名称及条款）");
	if (e->statutory_days < 1 || e->statutory_days > POWER_MAX_DAYS)
		return fail(field, message, "/statutory_days", "法定时限应为1到365个工作日");
	if (e->promised_days < 1 || e->promised_days > e->statutory_days)
		return fail(field, message, "/promised_days",
		            "承诺时限应至少1个工作日，且不超过法定时限");
	return 0;
}

void power_step_item(enum power_action a, const struct power_step_subject *s, struct arena *ar,
                     struct inbox_item *out)
{
	static const char *const fmt[POWER_NACTIONS] = {
	    [POWER_PROPOSE] = "%s主动提出承接“%s”，请答复",
	    [POWER_PLAN] = "%s拟向本开发区下放“%s”",
	    [POWER_ACCEPT_PROPOSAL] = "%s同意本开发区承接“%s”的申请",
	    [POWER_DECLINE] = "%s未同意本开发区承接“%s”",
	    [POWER_DELEGATE] = "%s已下放“%s”，请办理承接",
	    [POWER_ACCEPT] = "%s已承接“%s”",
	    [POWER_NOT_READY] = "%s暂不具备承接“%s”的条件，请安排代办",
	    [POWER_ACT] = "%s已安排代办“%s”",
	    [POWER_REASSESS] = "%s已重新评估“%s”，请办理承接",
	    [POWER_REVOKE] = "%s收回了“%s”",
	};
	bool zone_side = power_action_side(a) == POWER_SIDE_ZONE;
	const char *title =
	    arena_printf(ar, fmt[a], zone_side ? s->zone_name : s->dept_name, s->power_name);

	memset(out, 0, sizeof(*out));
	out->kind = "power_step";
	out->title = s->note && *s->note ? arena_printf(ar, "%s：%s", title, s->note) : title;
	out->link = arena_printf(ar, "/power-lists?zone_org_id=%lld", (long long)s->zone_org_id);
	out->entity_type = "power_delegation";
	out->entity_id = s->delegation_id;
	out->to[0].org_id = zone_side ? s->dept_org_id : s->zone_org_id;
	out->to[0].perm = PERM_POWER_WRITE;
	out->nto = 1;
}

/* ---- evaluation ---- */

int64_t power_month(const char *ym)
{
	int y, m;
	char tail;

	if (!ym || strlen(ym) != 7 || ym[4] != '-' || sscanf(ym, "%4d-%2d%c", &y, &m, &tail) != 2 ||
	    y < 1900 || y > 9999 || m < 1 || m > 12)
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (ym[i] < '0' || ym[i] > '9'))
			return -1;
	return (int64_t)y * 12 + m - 1;
}

/* The month of a text that begins "YYYY-MM" (a day YYYY-MM-DD), -1 when it does not. */
static int64_t month_of_day(const char *day)
{
	char ym[8];

	memcpy(ym, day, 7);
	ym[7] = 0;
	return power_month(ym);
}

void power_month_format(int64_t m, char out[8])
{
	/* a month number of power_month is year 1900..9999: clamped so the text always fits */
	int64_t k = m < 1900 * 12 ? 1900 * 12 : m > 9999 * 12 + 11 ? 9999 * 12 + 11 : m;
	unsigned year = (unsigned)(k / 12), month = (unsigned)(k % 12) + 1;

	snprintf(out, 8, "%04u-%02u", year % 10000u, month % 100u);
}

/* num / den in basis points, half-up; den > 0, num >= 0. */
static int64_t ratio_bp(int64_t num, int64_t den)
{
	return (num * 20000 + den) / (2 * den);
}

bool power_taken(const char *status)
{
	return status && (!strcmp(status, "accepted") || !strcmp(status, "acting"));
}

void power_figures(const struct power_sums *s, int64_t to, int64_t promised_days,
                   const struct power_rules *rules, struct power_figures *out)
{
	/* in use from the later of the month it took effect and the month it was taken on */
	int64_t from = s->taken > s->since ? s->taken : s->since;

	memset(out, 0, sizeof(*out));
	out->received = s->received;
	out->done = s->done;
	out->done_in_time = s->done_in_time;
	out->overdue = s->done - s->done_in_time;
	out->good = s->good;
	out->bad = s->bad;
	out->avg_days_x100 = s->done > 0 ? (s->days_x100_done * 2 + s->done) / (2 * s->done) : 0;
	out->on_time_bp = s->done > 0 ? ratio_bp(s->done_in_time, s->done) : -1;
	out->satisfaction_bp = s->good + s->bad > 0 ? ratio_bp(s->good, s->good + s->bad) : -1;
	out->over_limit = s->done > 0 && out->avg_days_x100 > promised_days * 100;
	/* idle: the months to-idle_months+1 .. to saw no case received, and the power was in use
	 * through all of them, from the later of the month it took effect and the month the zone
	 * took it on (a power delegated last month, accepted only this month, or not taken on, has
	 * not been left unused) */
	out->idle = !s->not_taken && (from <= 0 || to - from + 1 >= rules->idle_months) &&
	            (s->last_active < 0 || s->last_active <= to - rules->idle_months);
	if (out->idle)
		out->suggested = POWER_RESULT_REVOKE;
	else if (out->over_limit ||
	         (out->on_time_bp >= 0 && out->on_time_bp < rules->min_good_bp) ||
	         (out->satisfaction_bp >= 0 && out->satisfaction_bp < rules->min_good_bp))
		out->suggested = POWER_RESULT_IMPROVE;
	else
		out->suggested = POWER_RESULT_GOOD;
}

static const char *const result_names[] = {"good", "improve", "revoke"};

const char *power_result_name(enum power_result r)
{
	return r >= 0 && r <= POWER_RESULT_REVOKE ? result_names[r] : NULL;
}

int power_result_parse(const char *name)
{
	for (int i = 0; name && i <= POWER_RESULT_REVOKE; i++)
		if (!strcmp(result_names[i], name))
			return i;
	return -1;
}

int power_month_check(const struct power_month_figures *f, const char **field, const char **message)
{
	const int64_t big = POWER_CASES_MAX;

	if (f->received < 0 || f->received > big)
		return fail(field, message, "/received", "受理件数应为0到1亿之间的整数");
	if (f->done < 0 || f->done > big)
		return fail(field, message, "/done", "办结件数应为0到1亿之间的整数");
	if (f->done_in_time < 0 || f->done_in_time > f->done)
		return fail(field, message, "/done_in_time", "按时办结件数应在0到办结件数之间");
	if (f->days_x100 < 0 || f->days_x100 > POWER_DAYS_X100_MAX)
		return fail(field, message, "/days_x100", "平均办理时长应为0到365个工作日");
	if (f->done == 0 && f->days_x100 != 0)
		return fail(field, message, "/days_x100", "没有办结件时平均办理时长应为0");
	if (f->good < 0 || f->good > big)
		return fail(field, message, "/good", "好评数应为0到1亿之间的整数");
	if (f->bad < 0 || f->bad > big)
		return fail(field, message, "/bad", "差评数应为0到1亿之间的整数");
	/* a rating is of a case done (好差评 follows the 办件) */
	if (f->good + f->bad > f->done)
		return fail(field, message, "/bad", "好评数与差评数之和不能超过办结件数");
	return 0;
}

const char *power_guidance_refusal(const char *status)
{
	if (status && !strcmp(status, "revoked"))
		return "该事项已收回，不能再登记培训指导";
	if (!status || !strcmp(status, "proposed") || !strcmp(status, "declined") ||
	    !strcmp(status, "planned"))
		return "该事项尚未下放给开发区，不能登记培训指导";
	return NULL;
}

const char *power_month_refusal(const char *status, const char *effective, int64_t m, int64_t now,
                                struct arena *a, bool *state)
{
	int64_t from = effective && strlen(effective) >= 7 ? month_of_day(effective) : -1;

	*state = true;
	if (status && !strcmp(status, "revoked"))
		return "该事项已收回，不能再填报办件数据";
	if (!status || !strcmp(status, "proposed") || !strcmp(status, "declined") ||
	    !strcmp(status, "planned"))
		return "该事项尚未下放，没有办件数据";
	if (!power_taken(status))
		return "该事项尚未承接，也未安排代办，还没有办件数据";
	*state = false;
	if (m > now)
		return "不能填报未来月份的数据";
	if (from >= 0 && m < from)
		return arena_printf(a, "该事项自%s起生效，不能填报此前月份的办件数据", effective);
	return NULL;
}

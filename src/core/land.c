/* land.c - low-efficiency land and the project location flag: the clauses of 53号令 on dates
 * and shares worked in integers, each finding explained in Chinese. Must not read or store
 * anything: store/ keeps the facts, api/ shows the findings. */
#include "core/land.h"

#include "core/plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *label;
} statuses[LAND_STATUS_COUNT] = {
    {"idle", "闲置土地"},       {"unused", "供而未用"},        {"underused", "用而未尽"},
    {"unproduced", "建而未投"}, {"substandard", "投而未达标"}, {"normal", "正常"},
};

static const struct {
	const char *code, *label;
} handlings[] = {
    {"none", "无需处置"},
    {"determine_cause", "认定闲置原因"},
    {"negotiate", "协商处置（延长动工期限、调整用途、临时使用、协议收回或置换）"},
    {"idle_fee", "征缴土地闲置费（出让价款的20%）"},
    {"reclaim", "无偿收回国有建设用地使用权"},
};

const char *land_status_code(enum land_status s)
{
	return s >= 0 && s < LAND_STATUS_COUNT ? statuses[s].code : NULL;
}

const char *land_status_label(enum land_status s)
{
	return s >= 0 && s < LAND_STATUS_COUNT ? statuses[s].label : NULL;
}

bool land_status_parse(const char *code, enum land_status *out)
{
	for (int i = 0; code && i < LAND_STATUS_COUNT; i++)
		if (!strcmp(code, statuses[i].code)) {
			*out = (enum land_status)i;
			return true;
		}
	return false;
}

const char *land_handling_code(enum land_handling h)
{
	return handlings[h].code;
}

const char *land_handling_label(enum land_handling h)
{
	return handlings[h].label;
}

int64_t land_add_years(int64_t day, int n)
{
	char d[11], out[11];
	int y, m, dd;

	plan_day_format(day, d);
	if (sscanf(d, "%d-%d-%d", &y, &m, &dd) != 3)
		return day;
	y += n;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		dd = 28;
	snprintf(out, sizeof(out), "%04d-%02d-%02d", y, m, dd);
	return plan_day(out);
}

int64_t land_mu_x100(int64_t area_m2x100)
{
	return (area_m2x100 * 3 + 1000) / 2000;
}

int64_t land_batch_unsupplied(int64_t approved_m2x100, int64_t supplied_m2x100)
{
	return approved_m2x100 > supplied_m2x100 ? approved_m2x100 - supplied_m2x100 : 0;
}

/* part / whole in basis points, half-up; 0 when whole is not positive. */
static int64_t share_bp(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return 0;
	return (int64_t)(((__int128)part * 10000 + whole / 2) / whole);
}

__attribute__((format(printf, 2, 3))) static void say(struct land_finding *f, const char *fmt, ...)
{
	size_t len = strlen(f->reason);
	va_list ap;

	if (len && len + 4 < sizeof(f->reason)) {
		strcpy(f->reason + len, "；");
		len += strlen("；");
	}
	va_start(ap, fmt);
	vsnprintf(f->reason + len, sizeof(f->reason) - len, fmt, ap);
	va_end(ap);
}

static void found(struct land_finding *f, enum land_status s)
{
	f->flags |= 1u << s;
	if (s < f->status)
		f->status = s;
}

static const char *day_text(int64_t day, char buf[11])
{
	plan_day_format(day, buf);
	return buf;
}

/* 53号令 art. 12 and 14: the handling by cause and by how long the parcel has been idle since
 * the day its year began (the agreed start, or the day development stopped). */
static void handle_idle(const struct land_parcel_facts *p, int64_t year_from, int64_t today,
                        struct land_finding *f)
{
	if (!p->idle_cause) {
		f->handling = LAND_HANDLE_DETERMINE_CAUSE;
		say(f, "闲置原因待认定（政府原因与企业原因的处置不同）");
	} else if (!strcmp(p->idle_cause, "government")) {
		f->handling = LAND_HANDLE_NEGOTIATE;
		say(f, "属政府原因，应与土地使用权人协商处置（第53号令第十二条），不征缴闲置费");
	} else if (today >= land_add_years(year_from, 2)) {
		f->handling = LAND_HANDLE_RECLAIM;
		say(f, "属企业原因，%s已满两年，应无偿收回（第53号令第十四条）",
		    f->clause == LAND_IDLE_STOPPED ? "中止开发" : "未动工开发");
	} else {
		f->handling = LAND_HANDLE_IDLE_FEE;
		/* 20 % of the price, half-up at the fen */
		f->idle_fee_fen = (int64_t)(((__int128)p->land_price_fen * 2000 + 5000) / 10000);
		say(f,
		    "属企业原因，应按出让价款的20%%征缴土地闲置费%lld.%02lld元（第53号令第十四条）",
		    (long long)(f->idle_fee_fen / 100), (long long)(f->idle_fee_fen % 100));
	}
}

static void not_started(const struct land_parcel_facts *p, int64_t today, struct land_finding *f)
{
	char a[11], b[11];
	int64_t idle_day;

	if (p->agreed_start == LAND_NO_DAY) {
		found(f, LAND_UNUSED);
		say(f, "已供地，未约定动工日期，尚未动工");
		return;
	}
	if (today <= p->agreed_start)
		return; /* its day has not come */
	idle_day = land_add_years(p->agreed_start, 1);
	if (today < idle_day) {
		found(f, LAND_UNUSED);
		say(f, "约定动工日期%s已过，尚未动工；至%s仍未动工即为闲置土地",
		    day_text(p->agreed_start, a), day_text(idle_day, b));
		return;
	}
	found(f, LAND_IDLE);
	f->clause = LAND_IDLE_NOT_STARTED;
	f->idle_since = idle_day;
	say(f, "超过约定动工日期%s满一年（%s起）未动工开发，属闲置土地（第53号令第二条）",
	    day_text(p->agreed_start, a), day_text(idle_day, b));
	handle_idle(p, p->agreed_start, today, f);
}

/* Started: idle under the second clause when too little was developed or invested and the
 * development stopped a year ago. Returns whether it is. */
static bool stopped(const struct land_parcel_facts *p, int64_t today, struct land_finding *f)
{
	int64_t area_bp = share_bp(p->developed_m2x100, p->area_m2x100);
	int64_t inv_bp = share_bp(p->investment_done_fen, p->investment_agreed_fen);
	/* less than a third: developed × 3 < area; less than a quarter: done × 4 < agreed */
	bool little_area = (__int128)p->developed_m2x100 * 3 < p->area_m2x100;
	bool little_money = p->investment_agreed_fen > 0 &&
	                    (__int128)p->investment_done_fen * 4 < p->investment_agreed_fen;
	char a[11], b[11];

	if (p->stopped_since == LAND_NO_DAY || p->actual_finish != LAND_NO_DAY ||
	    !(little_area || little_money) || today < land_add_years(p->stopped_since, 1))
		return false;
	found(f, LAND_IDLE);
	f->clause = LAND_IDLE_STOPPED;
	f->idle_since = land_add_years(p->stopped_since, 1);
	say(f,
	    "%s已动工，已开发面积占%lld.%02lld%%%s、已投资占%lld.%02lld%%%s，自%s中止开发满一年，"
	    "属闲置土地（第53号令第二条）",
	    day_text(p->actual_start, a), (long long)(area_bp / 100), (long long)(area_bp % 100),
	    little_area ? "（不足三分之一）" : "", (long long)(inv_bp / 100),
	    (long long)(inv_bp % 100), little_money ? "（不足四分之一）" : "",
	    day_text(p->stopped_since, b));
	handle_idle(p, p->stopped_since, today, f);
	return true;
}

/* 用而未尽: past the agreed completion, part of the area undeveloped; or the floor area ratio
 * below the contract's minimum once built. */
static void underused(const struct land_parcel_facts *p, int64_t today, struct land_finding *f)
{
	char a[11];
	bool due = p->actual_finish != LAND_NO_DAY ||
	           (p->agreed_finish != LAND_NO_DAY && today > p->agreed_finish);

	if (due && p->developed_m2x100 < p->area_m2x100) {
		int64_t bp = share_bp(p->developed_m2x100, p->area_m2x100);
		found(f, LAND_UNDERUSED);
		if (p->actual_finish == LAND_NO_DAY)
			say(f, "约定竣工日期%s已过，已开发面积仅占%lld.%02lld%%",
			    day_text(p->agreed_finish, a), (long long)(bp / 100),
			    (long long)(bp % 100));
		else
			say(f, "已竣工，已开发面积仅占%lld.%02lld%%", (long long)(bp / 100),
			    (long long)(bp % 100));
	}
	if (p->actual_finish != LAND_NO_DAY && p->far_agreed_x100 > 0 &&
	    p->far_x100 < p->far_agreed_x100) {
		found(f, LAND_UNDERUSED);
		say(f, "容积率%lld.%02lld低于约定的%lld.%02lld", (long long)(p->far_x100 / 100),
		    (long long)(p->far_x100 % 100), (long long)(p->far_agreed_x100 / 100),
		    (long long)(p->far_agreed_x100 % 100));
	}
}

static void after_built(const struct land_parcel_facts *p, int64_t today, struct land_finding *f)
{
	char a[11], b[11];

	if (p->actual_production == LAND_NO_DAY) {
		if (p->agreed_production != LAND_NO_DAY && today > p->agreed_production) {
			found(f, LAND_UNPRODUCED);
			say(f, "已于%s竣工，约定投产日期%s已过，尚未投产",
			    day_text(p->actual_finish, a), day_text(p->agreed_production, b));
		}
		return;
	}
	if (p->tax_per_mu_agreed_fen > 0) {
		int64_t area = p->tax_area_m2x100 > 0 ? p->tax_area_m2x100 : p->area_m2x100;
		/* tax per mu = tax ÷ (m² × 3 / 2000) = tax × 200000 ÷ (m2x100 × 3): compared
		 * without dividing */
		__int128 lhs = (__int128)p->tax_last_year_fen * 200000;
		__int128 rhs = (__int128)p->tax_per_mu_agreed_fen * area * 3;
		if (lhs < rhs) {
			/* rounded down, so that the figure shown is below the agreed one */
			int64_t per_mu = (int64_t)(lhs / (area * 3));
			char whose[96] = "";

			/* which tax it is, as the parcel's own field may say another (DECISIONS
			 * 136), and over which land */
			if (p->tax_from_registry && area != p->area_m2x100) {
				int64_t mu = land_mu_x100(area);
				snprintf(whose, sizeof whose,
				         "（按企业名录的纳税记录和该企业全部用地%lld.%02lld亩）",
				         (long long)(mu / 100), (long long)(mu % 100));
			} else if (p->tax_from_registry) {
				snprintf(whose, sizeof whose, "（按企业名录的纳税记录）");
			}
			found(f, LAND_SUBSTANDARD);
			say(f, "上年亩均税收%lld.%02lld元%s，低于约定的%lld.%02lld元",
			    (long long)(per_mu / 100), (long long)(per_mu % 100), whose,
			    (long long)(p->tax_per_mu_agreed_fen / 100),
			    (long long)(p->tax_per_mu_agreed_fen % 100));
		}
	}
}

const char *land_dates_check(const struct land_parcel_facts *p, int64_t today, const char **field)
{
	*field = "actual_start";
	if (p->actual_start != LAND_NO_DAY && p->actual_start > today)
		return "实际动工日期不能晚于今天";
	*field = "stopped_since";
	if (p->stopped_since != LAND_NO_DAY && p->actual_start == LAND_NO_DAY)
		return "填写中止开发日期时应填写实际动工日期（未动工的地块没有中止开发）";
	if (p->stopped_since != LAND_NO_DAY && p->stopped_since < p->actual_start)
		return "中止开发日期不能早于实际动工日期";
	if (p->stopped_since != LAND_NO_DAY && p->stopped_since > today)
		return "中止开发日期不能晚于今天";
	*field = "actual_finish";
	if (p->actual_finish != LAND_NO_DAY && p->actual_start == LAND_NO_DAY)
		return "填写实际竣工日期时应填写实际动工日期";
	if (p->actual_finish != LAND_NO_DAY && p->actual_finish < p->actual_start)
		return "实际竣工日期不能早于实际动工日期";
	if (p->actual_finish != LAND_NO_DAY && p->actual_finish > today)
		return "实际竣工日期不能晚于今天";
	*field = "actual_production";
	if (p->actual_production != LAND_NO_DAY && p->actual_production > today)
		return "实际投产日期不能晚于今天";
	*field = "agreed_finish";
	if (p->agreed_finish != LAND_NO_DAY && p->agreed_start != LAND_NO_DAY &&
	    p->agreed_finish < p->agreed_start)
		return "约定竣工日期不能早于约定动工日期";
	return NULL;
}

void land_classify(const struct land_parcel_facts *p, int64_t today, struct land_finding *out)
{
	memset(out, 0, sizeof(*out));
	out->status = LAND_NORMAL;
	out->idle_since = LAND_NO_DAY;
	if (p->area_m2x100 <= 0)
		return;
	if (p->actual_start == LAND_NO_DAY) {
		not_started(p, today, out);
		return;
	}
	if (stopped(p, today, out))
		return;
	underused(p, today, out);
	if (p->actual_finish != LAND_NO_DAY)
		after_built(p, today, out);
}

bool land_project_flagged(bool industrial, enum geo_where where, const char *exception)
{
	return !industrial && where != GEO_OUTSIDE && !(exception && *exception);
}

const char *land_where_code(enum geo_where w)
{
	static const char *const codes[] = {"outside", "on_edge", "inside", "partly"};
	return codes[w];
}

void land_case_step_item(enum land_case_step step, int64_t case_id, int64_t zone_id,
                         const char *zone, const char *what, const char *due_on, const char *result,
                         struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "land_case";
	out->entity_id = case_id;
	out->link = "/land/cases";
	if (step == LAND_CASE_STEP_OPENED) {
		out->kind = "land_case_opened";
		out->title = due_on
		                 ? arena_printf(a, "低效用地待处置：%s，处置期限%s", what, due_on)
		                 : arena_printf(a, "低效用地待处置：%s", what);
		out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_LAND_WRITE};
		return;
	}
	out->kind = "land_case_closed";
	out->title = arena_printf(a, "%s的低效用地处置已办结：%s，%s", zone, what, result);
	out->to[out->nto++] =
	    (struct inbox_to){.capability = "manage_land", .perm = PERM_LAND_WRITE};
}

const char *land_where_label(enum geo_where w)
{
	static const char *const labels[] = {"范围外", "压边界线", "范围内", "部分在范围内"};
	return labels[w];
}

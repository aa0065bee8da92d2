/* land.h - the rules of low-efficiency land (低效用地, art. 2 and 13), computed and explained:
 * 批而未供 of a batch; for a parcel 供而未用 with 闲置土地 as 《闲置土地处置办法》(国土资源部令
 * 第53号, 2012) art. 2 defines it, 用而未尽, 建而未投 and 投而未达标; the handling 53号令 art.
 * 12-14 give an idle parcel by its cause (政府原因 / 企业原因), with the idle fee worked in fen;
 * and the flag of a non-industrial project inside a zone's approved boundary (art. 2:
 * 非产业项目原则上一律调出, 必要的生产生活配套 excepted with a reason). Areas are hundredths of a
 * square metre, money fen, days Asia/Shanghai day numbers (core/plan.h). Pure. */
#ifndef KFQ_CORE_LAND_H
#define KFQ_CORE_LAND_H

#include "core/geo.h"
#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define LAND_NO_DAY (-1)

/* A parcel's facts as the contract and the survey give them; LAND_NO_DAY / 0 when unknown. */
struct land_parcel_facts {
	int64_t area_m2x100;      /* > 0 */
	int64_t developed_m2x100; /* area developed so far (已开发面积) */
	int64_t investment_agreed_fen, investment_done_fen;
	int64_t land_price_fen; /* 出让价款 (or 划拨价款): what the idle fee is a share of */
	int64_t agreed_start, agreed_finish, agreed_production;
	int64_t actual_start, actual_finish, actual_production;
	int64_t stopped_since;   /* the day development stopped, when it did */
	int64_t far_agreed_x100; /* the contract's minimum floor area ratio, hundredths; 0 none */
	int64_t far_x100;        /* the built floor area ratio, hundredths */
	int64_t tax_per_mu_agreed_fen; /* the contract's yearly tax per mu; 0 none */
	int64_t tax_last_year_fen;     /* the parcel's enterprise's tax last year */
	bool tax_from_registry; /* that tax is the registry's records, not the parcel's field */
	/* the land that tax is of: with the registry's, all the enterprise's parcels together
	 * (its tax is not the parcel's alone); 0 = this parcel's area */
	int64_t tax_area_m2x100;
	const char *idle_cause; /* "government", "enterprise" or NULL (not yet determined) */
};

/* What a parcel is found to be, most severe first (the map colours by the first). */
enum land_status {
	LAND_IDLE,        /* 闲置土地 (a case of 供而未用) */
	LAND_UNUSED,      /* 供而未用: supplied, not started, not yet idle */
	LAND_UNDERUSED,   /* 用而未尽 */
	LAND_UNPRODUCED,  /* 建而未投 */
	LAND_SUBSTANDARD, /* 投而未达标 */
	LAND_NORMAL,
	LAND_STATUS_COUNT
};

/* Which clause of 53号令 art. 2 makes a parcel idle. */
enum land_idle_clause {
	LAND_IDLE_NONE,
	LAND_IDLE_NOT_STARTED, /* 超过约定动工开发日期满一年未动工开发 */
	LAND_IDLE_STOPPED, /* 已动工，开发面积不足三分之一或投资不足四分之一，中止开发满一年 */
};

/* The handling 53号令 gives an idle parcel (art. 12 for government causes, art. 14 else). */
enum land_handling {
	LAND_HANDLE_NONE,
	LAND_HANDLE_DETERMINE_CAUSE, /* 认定闲置原因 first */
	LAND_HANDLE_NEGOTIATE, /* 政府原因: 延长动工期限、调整用途、临时使用、协议收回、置换 */
	LAND_HANDLE_IDLE_FEE, /* 企业原因, 满一年: 按出让价款的20%征缴土地闲置费 */
	LAND_HANDLE_RECLAIM, /* 企业原因, 满两年: 无偿收回 */
};

#define LAND_REASON_MAX 400

struct land_finding {
	enum land_status status; /* the most severe; LAND_NORMAL when none */
	unsigned flags;          /* 1u << each status found (LAND_NORMAL never set) */
	enum land_idle_clause clause;
	int64_t idle_since; /* the day the parcel became idle, else LAND_NO_DAY */
	enum land_handling handling;
	int64_t idle_fee_fen;         /* LAND_HANDLE_IDLE_FEE: 20% of the land price, half-up */
	char reason[LAND_REASON_MAX]; /* Chinese: every finding with its dates and figures */
};

/* The stable codes and Chinese labels (idle, unused, underused, unproduced, substandard,
 * normal; handling: none, determine_cause, negotiate, idle_fee, reclaim). */
const char *land_status_code(enum land_status s);
const char *land_status_label(enum land_status s);
bool land_status_parse(const char *code, enum land_status *out);
const char *land_handling_code(enum land_handling h);
const char *land_handling_label(enum land_handling h);

/* Whether the parcel's dates can be: a stop (中止开发) or a completion only after a start, not
 * before it; the agreed completion not before the agreed start; and what has happened (动工,
 * 中止开发, 竣工, 投产) not after today, since the finding takes such a date as past (a start to
 * come would clear an idle finding). NULL when they can, else the rule in Chinese with *field
 * the date that breaks it ("actual_start", "stopped_since", "actual_finish",
 * "actual_production" or "agreed_finish"). Checked before a parcel is kept, since a stop before
 * the start would be found a year idle under 53号令's second clause. */
const char *land_dates_check(const struct land_parcel_facts *p, int64_t today, const char **field);

/* Classifies a parcel on day today. */
void land_classify(const struct land_parcel_facts *p, int64_t today, struct land_finding *out);

/* The day n years after day (the same month and day; 29 February to 28 February). */
int64_t land_add_years(int64_t day, int n);

/* mu in hundredths for an area in m² hundredths: m² × 3 / 2000, half-up. */
int64_t land_mu_x100(int64_t area_m2x100);

/* 批而未供 of a batch: the area approved and not yet supplied (0 when none; never negative). */
int64_t land_batch_unsupplied(int64_t approved_m2x100, int64_t supplied_m2x100);

/* What a project's location means (art. 2): a non-industrial project inside the boundary, or
 * partly inside, or on its line, is flagged unless an exception (必要的生产生活配套) has a
 * reason; industrial projects never are. */
bool land_project_flagged(bool industrial, enum geo_where where, const char *exception);
const char *land_where_code(enum geo_where w); /* outside, on_edge, inside, partly */
const char *land_where_label(enum geo_where w); /* 范围外, 压边界线, 范围内, 部分在范围内 */

/* The steps of a low-efficiency land case that hand work to someone, and the inbox item of
 * each (link the cases page): an opened case goes to the zone's accounts that handle it
 * (land_write), a closed one to the accounts of the organizations holding manage_land that
 * follow the zones' land. what: the parcel's or the batch's number; due_on: the handling's
 * deadline (opened), result: how it ended (closed). Strings in a. */
enum land_case_step { LAND_CASE_STEP_OPENED, LAND_CASE_STEP_CLOSED };
void land_case_step_item(enum land_case_step step, int64_t case_id, int64_t zone_id,
                         const char *zone, const char *what, const char *due_on, const char *result,
                         struct arena *a, struct inbox_item *out);

#endif

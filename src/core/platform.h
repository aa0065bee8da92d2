/* platform.h - a zone's platform companies' rules (管委会+公司, art. 12 and 13 of the seed):
 * shareholders' stakes adding up to 100 %, the 政企分离/管运分离 checklist, and debt-risk
 * indicators from a year's balance-sheet figures measured against warning lines by company type.
 * Pure: no I/O, no allocation. */
#ifndef KFQ_CORE_PLATFORM_H
#define KFQ_CORE_PLATFORM_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLATFORM_MAX_SHAREHOLDERS 64
#define PLATFORM_PROBLEM_LEN      160
#define PLATFORM_YEAR_MIN         2000 /* a year of figures */
#define PLATFORM_YEAR_MAX         2100

/* The company types of the 资产负债率 lines of 国务院国资委《关于加强国有企业资产负债约束的指导
 * 意见》(2018): 工业, 非工业, 科研设计. */
enum platform_type {
	PLATFORM_INDUSTRIAL,
	PLATFORM_NON_INDUSTRIAL,
	PLATFORM_RESEARCH,
	PLATFORM_TYPE_COUNT
};
int platform_type_find(const char *code); /* "industrial" "non_industrial" "research"; -1 */
const char *platform_type_code(enum platform_type t);

/* 0, or -1 with why: 1..PLATFORM_MAX_SHAREHOLDERS stakes, each 1..10000 basis points, adding up
 * to exactly 10000. */
struct platform_problem {
	char field[32];
	char message[PLATFORM_PROBLEM_LEN];
};
int platform_stakes_validate(const int64_t *stake_bp, size_t n, struct platform_problem *why);

/* The checklist of art. 12: what the committee keeps, what the company does. */
enum platform_duty {
	PLATFORM_DUTY_POLICY,      /* 管委会: 政策制定 */
	PLATFORM_DUTY_PLANNING,    /* 管委会: 发展规划 */
	PLATFORM_DUTY_APPROVAL,    /* 管委会: 行政审批 */
	PLATFORM_DUTY_DEVELOPMENT, /* 公司: 开发建设 */
	PLATFORM_DUTY_ATTRACTION,  /* 公司: 招商引资 */
	PLATFORM_DUTY_CAPITAL,     /* 公司: 资本运作 */
	PLATFORM_DUTY_COUNT
};
const char *platform_duty_code(enum platform_duty d);
int platform_duty_find(const char *code);
/* true for the committee's duties, false for the company's */
bool platform_duty_of_committee(enum platform_duty d);

enum platform_status { PLATFORM_TODO, PLATFORM_DOING, PLATFORM_DONE, PLATFORM_STATUS_COUNT };
int platform_status_find(const char *code); /* "todo" "doing" "done"; -1 */
const char *platform_status_code(enum platform_status s);
/* 0, or -1 with why: an item is done only with its evidence (a file or a written note). */
int platform_duty_validate(enum platform_status s, bool has_evidence, struct platform_problem *why);

/* A year's balance-sheet figures, fen. */
struct platform_sheet {
	int64_t assets, liabilities;
	int64_t interest_bearing; /* 带息负债 */
	int64_t current_assets, current_liabilities;
	int64_t guarantees; /* 对外担保余额 */
};

/* 0, or -1 with why (field /assets_fen, …): every figure 0..MONEY_AMOUNT_MAX (profit may be
 * negative), interest-bearing and current liabilities within the liabilities, current assets
 * within the assets. */
int platform_sheet_validate(const struct platform_sheet *s, int64_t revenue, int64_t profit,
                            struct platform_problem *why);
/* A year whose figures may be kept: not after this_year (the figures of a year to come are
 * not known), nor before the year of established_on ("YYYY-MM-DD"; NULL: not known). 0, or -1
 * with why (field "/year"). */
int platform_sheet_year_check(int year, int this_year, const char *established_on,
                              struct platform_problem *why);

enum platform_indicator {
	PLATFORM_DEBT_RATIO,     /* 资产负债率: liabilities ÷ assets */
	PLATFORM_INTEREST_SHARE, /* 带息负债比率: interest-bearing ÷ liabilities */
	PLATFORM_CURRENT_RATIO, /* 短期偿债能力 (流动比率): current assets ÷ current liabilities */
	PLATFORM_GUARANTEE, /* 担保: guarantees ÷ net assets */
	PLATFORM_INDICATOR_COUNT
};
const char *platform_indicator_code(enum platform_indicator i);

/* An indicator's two lines in basis points: the warning line (预警线) and the key-supervision
 * line (重点监管线). Crossing means above them, or below them where lower is worse (the current
 * ratio). */
struct platform_line {
	int64_t warning_bp, key_bp;
	bool lower_is_worse;
};
/* The default lines of a company type: 资产负债率 by the 2018 guidance (工业 65/70 %, 非工业
 * 70/75 %, 科研设计 60/65 %); kfq's own for the others (DECISIONS): 带息负债比率 70/80 %,
 * 流动比率 below 100/80 %, 担保 above 50/100 % of net assets. */
void platform_default_lines(enum platform_type t,
                            struct platform_line out[PLATFORM_INDICATOR_COUNT]);
/* 0, or -1 with why: lines within 0..1000000 bp, the key line past the warning line in the
 * indicator's direction. */
int platform_line_validate(enum platform_indicator i, const struct platform_line *l,
                           struct platform_problem *why);

enum platform_level { PLATFORM_LEVEL_NORMAL, PLATFORM_LEVEL_WARNING, PLATFORM_LEVEL_KEY };

struct platform_reading {
	bool has_value;   /* false where the denominator is not positive */
	int64_t value_bp; /* half-up */
	enum platform_level level;
};

/* Each indicator of a sheet against the lines. 0, or -1 when the figures are out of range
 * (negative, or above MONEY_AMOUNT_MAX). A net assets (assets − liabilities) not positive with
 * any guarantee reads as the key level. */
int platform_assess(const struct platform_sheet *s,
                    const struct platform_line lines[PLATFORM_INDICATOR_COUNT],
                    struct platform_reading out[PLATFORM_INDICATOR_COUNT]);
/* The worst level of the readings. */
enum platform_level platform_worst(const struct platform_reading r[PLATFORM_INDICATOR_COUNT]);

/* The inbox item of a company's year whose worst level rose to `level` (warning or key) when
 * its figures were entered: to the accounts of the organizations holding supervise_platform
 * (国资委) and to the office's accounts whose data scope covers the zone (it raises the 督办单),
 * linking the board of that year. Strings in a. */
void platform_risk_item(int64_t company_id, const char *company, int64_t zone_id, const char *zone,
                        int year, enum platform_level level, struct arena *a,
                        struct inbox_item *out);

#endif

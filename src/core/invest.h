/* invest.h - the investment pipeline (招商引资, art. 13): a project's stages (洽谈 → 签约 → 落地 →
 * 开工 → 投产 → 达产), the checks of a project and of a stage change, and when a project has
 * stalled (no stage change for a configured number of days). Pure: days are core/plan.h day
 * numbers, money integer fen. */
#ifndef KFQ_CORE_INVEST_H
#define KFQ_CORE_INVEST_H

#include <stdbool.h>
#include <stdint.h>

enum invest_stage {
	INVEST_TALKS,     /* 洽谈 */
	INVEST_SIGNED,    /* 签约 */
	INVEST_LANDED,    /* 落地 */
	INVEST_STARTED,   /* 开工 */
	INVEST_PRODUCING, /* 投产 */
	INVEST_FULL,      /* 达产: the pipeline's end, never stalled */
	INVEST_NSTAGES
};

#define INVEST_STALL_DAYS_DEFAULT 90 /* kfq's default, the office configures it */
#define INVEST_STALL_DAYS_MAX     3650

/* The stage of a code (enum_invest_stage), or -1. */
int invest_stage_find(const char *code);
const char *invest_stage_code(enum invest_stage s);

struct invest_project {
	const char *name, *investor, *industry_code;
	int64_t staff_person_id; /* the responsible staff: a person on the zone's roster */
	int64_t agreed_fen, realized_fen, expected_output_fen, expected_tax_fen;
};

struct invest_problem {
	char message[160];
	char field[48];
};

/* Name and responsible staff present, amounts not negative, the investment realized within
 * the agreed one (more is a new agreement). The industry code is checked against the
 * classification by the caller, the staff's roster by invest_staff_check. 0, or -1 with *why. */
int invest_project_check(const struct invest_project *p, struct invest_problem *why);

/* What the write's transaction found of the person a project names as its responsible staff. */
struct invest_staff {
	bool found;     /* a person of that id is on some roster */
	int64_t org_id; /* whose roster */
	bool left;      /* their leaving the roster is recorded */
	bool kept;      /* already the project's responsible staff */
};

/* The responsible staff of a project of zone_id: on that zone's roster (another zone's person
 * and an unknown id are refused with the same words: a zone learns nothing of other rosters),
 * and still on it, unless already the project's (who leaves stays named on the projects they
 * answered for until the zone names someone else; DECISIONS 168). 0, or -1 with *why (field
 * "/staff_person_id"). */
int invest_staff_check(int64_t zone_id, const struct invest_staff *s, struct invest_problem *why);

/* A stage change: forward only (stages are not skipped back; a project that fell through is
 * closed, not moved back), on a valid date not before the current stage's and not after today.
 * 0, or -1 with *why (field "/stage" or "/changed_on"). */
int invest_stage_check(enum invest_stage from, int64_t from_day, enum invest_stage to,
                       int64_t on_day, int64_t today, struct invest_problem *why);

/* Whether a project in stage s since stage_day has stalled by today: not 达产 and more than
 * stall_days days without a change. *days = today - stage_day. */
bool invest_stalled(enum invest_stage s, int64_t stage_day, int64_t today, int stall_days,
                    int64_t *days);

/* The last stage day a stalled project can have (today - stall_days - 1): the lists' cutoff. */
int64_t invest_stall_cutoff(int64_t today, int stall_days);

#endif

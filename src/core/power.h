/* power.h - the rules of the power catalogue and of each zone's list of delegated powers (一区一单,
 * art. 4): what a catalogue entry must hold, the workflow of a power in a zone's list, which side
 * takes each step, and the periodic evaluation from monthly case figures (谁赋权、谁指导). Pure.
 *
 * Workflow (D = the delegating department, Z = the zone):
 *
 *   from \ action  propose(Z) plan(D)  accept_proposal(D) decline(D) delegate(D) accept(Z)
 *   (none)         proposed   planned
 *   proposed                           planned            declined
 *   planned                                                          delegated
 *   delegated                                                                    accepted
 *   declined       proposed   planned
 *   revoked        proposed   planned
 *
 *   from \ action  not_ready(Z) act(D)  reassess(D)  revoke(D)
 *   delegated      not_ready                         revoked
 *   accepted                                         revoked
 *   not_ready                   acting               revoked
 *   acting                              delegated    revoked
 *
 * A zone that cannot take a delegated power yet says so (暂不具备承接条件); the department then
 * arranges who acts meanwhile (派驻人员, 加挂牌子 or 代办, until a date) and later re-assesses,
 * which hands the power to the zone again to accept. A power can be withdrawn (收回) with a
 * reason from any state in which the zone holds it or is about to. */
#ifndef KFQ_CORE_POWER_H
#define KFQ_CORE_POWER_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define POWER_MAX_DAYS 365 /* a time limit in working days */
/* A month's cases of one power in one zone: more than a zone could see (the API's range). */
#define POWER_CASES_MAX     100000000
#define POWER_DAYS_X100_MAX (POWER_MAX_DAYS * 100)
#define POWER_IDLE_MONTHS   6    /* default: no case in this many months = 下放了用不上 */
#define POWER_MIN_GOOD_BP   9000 /* on-time and satisfaction rates below this need improving */

enum power_action {
	POWER_PROPOSE,         /* Z: 主动提出 */
	POWER_PLAN,            /* D: 拟下放 */
	POWER_ACCEPT_PROPOSAL, /* D: agrees to a zone's proposal */
	POWER_DECLINE,         /* D: declines it, with a reason */
	POWER_DELEGATE,        /* D: 下放 (mode, from when, by which document) */
	POWER_ACCEPT,          /* Z: 承接 (where to apply) */
	POWER_NOT_READY,       /* Z: 暂不具备承接条件, with a reason */
	POWER_ACT,             /* D: an acting arrangement (who, until when) */
	POWER_REASSESS,        /* D: the zone is ready now: back to delegated */
	POWER_REVOKE,          /* D: 收回, with a reason */
	POWER_NACTIONS
};

enum power_side { POWER_SIDE_DEPARTMENT, POWER_SIDE_ZONE };

/* The action's code ("delegate"), or NULL; and back (-1 when unknown). */
const char *power_action_name(enum power_action a);
int power_action_parse(const char *name);
/* The action as the console names it ("下放"), or NULL. */
const char *power_action_label(enum power_action a);
/* Who takes the action. */
enum power_side power_action_side(enum power_action a);

/* proposed declined planned delegated accepted not_ready acting revoked */
bool power_status_valid(const char *status);
/* 拟申请 未同意 拟下放 已下放 已承接 暂不具备承接条件 代办中 已收回 (static); unknown: itself. */
const char *power_status_label(const char *status);
/* The status after the action taken in `status` (NULL = the power is not on the list yet), or
 * NULL when the workflow refuses it (static). */
const char *power_next_status(const char *status, enum power_action a);
/* Why the action is refused in that status: Chinese (static). */
const char *power_refusal(const char *status, enum power_action a);
/* Whether the public sees an entry in this status (the zone holds it, or someone acts for it). */
bool power_status_public(const char *status);

/* A mode fits the action: delegate takes any mode of enum_power_mode; act takes only the acting
 * ones, as article 4 lists them: stationed, signboard, lead, agency (派驻人员, 加挂牌子, 领办,
 * 代办). */
bool power_mode_fits(enum power_action a, const char *mode);

/* A 事项编码 as kept: full-width forms made ASCII and small letters capitals (a copy in a), so
 * that one code is one whatever the case it is typed in (DECISIONS 325). */
char *power_code_normal(struct arena *a, const char *code);

/* A catalogue entry as entered. */
struct power_entry {
	const char *code, *name, *kind, *legal_basis;
	int64_t statutory_days, promised_days;
};

/* 0, or -1 with *field (a JSON Pointer) and *message (Chinese, static). */
int power_entry_check(const struct power_entry *e, const char **field, const char **message);

/* What a step tells whom in the inbox: the zone's steps go to the department's accounts that
 * act on powers, the department's to the zone's; the link opens the zone's list. */
struct power_step_subject {
	int64_t delegation_id;
	int64_t zone_org_id, dept_org_id;
	const char *zone_name, *dept_name, *power_name;
	const char *note; /* the step's reason, NULL = none */
};
void power_step_item(enum power_action a, const struct power_step_subject *s, struct arena *ar,
                     struct inbox_item *out);

/* ---- evaluation ---- */

/* "YYYY-MM" as a month number (year × 12 + month − 1, as core/workday.h's workday_month), -1
 * when malformed. */
int64_t power_month(const char *ym);
/* Writes a month number as "YYYY-MM" into out[8] (clamped to the years power_month reads). */
void power_month_format(int64_t m, char out[8]);

/* The sums of a delegated power's monthly figures over a period. */
struct power_sums {
	int64_t received, done, done_in_time;
	int64_t days_x100_done; /* Σ (average working days × 100 × cases done) over the months */
	int64_t good, bad;
	int64_t last_active; /* the last month with a case received, -1 = none */
	/* the month the power took effect (its effective_from): a power held fewer months than
	 * make it idle is not judged idle yet; 0 or -1 = not known, judged as held long enough */
	int64_t since;
	/* the month the power came into use for the zone (its taken_on: accepted, or the acting
	 * arrangement begun); its months are counted from the later of since and taken, so a power
	 * taken on long after it took effect is not idle at once; 0 or -1 = not known */
	int64_t taken;
	/* the power is not in use for the zone (power_taken): nothing was left unused */
	bool not_taken;
};

/* Whether a delegation in status is in use for the zone: 已承接 ("accepted"), or 代办中
 * ("acting": the department exercises it for the zone). One delegated and not yet accepted, or
 * not ready (暂不具备承接条件) and not yet acted for, is not. */
bool power_taken(const char *status);

struct power_rules {
	int idle_months;     /* months without a case received that make a power idle */
	int64_t min_good_bp; /* on-time and satisfaction rates below this need improving */
};

enum power_result { POWER_RESULT_GOOD, POWER_RESULT_IMPROVE, POWER_RESULT_REVOKE };
#define POWER_NRESULTS 3

struct power_figures {
	int64_t received, done, done_in_time, overdue, good, bad;
	int64_t avg_days_x100;   /* Σ days_x100_done / done, half-up; 0 without a case done */
	int64_t on_time_bp;      /* done_in_time / done, half-up; -1 without a case done */
	int64_t satisfaction_bp; /* good / (good + bad), half-up; -1 without a rating */
	bool over_limit;         /* average above the promised limit */
	bool idle; /* 下放了用不上: in use idle_months months or more (from the later of its
	            * effective month and the month it was taken on), no case received in the last
	            * idle_months of them */
	enum power_result suggested;
};

/* The figures of a period ending with month `to` (a power_month number), against the power's
 * promised limit in working days: idle first (suggest revoking), then over the limit or a rate
 * below rules->min_good_bp (suggest improving), else good. */
void power_figures(const struct power_sums *s, int64_t to, int64_t promised_days,
                   const struct power_rules *rules, struct power_figures *out);

/* good improve revoke; labels 良好 需改进 建议收回 */
const char *power_result_name(enum power_result r);
int power_result_parse(const char *name);

/* One month's figures as entered: 0, or -1 with *field and *message (static). */
struct power_month_figures {
	int64_t received, done, done_in_time, days_x100, good, bad;
};
int power_month_check(const struct power_month_figures *f, const char **field,
                      const char **message);
/* Why no guidance (谁赋权、谁指导: training, guidance, supervision) is recorded on a delegation in
 * status: NULL when it may be, for a power delegated to the zone (已下放, 已承接, 暂不具备承接条
 * 件, 代办中); otherwise why not, in Chinese (static). */
const char *power_guidance_refusal(const char *status);
/* Why no figures of month m (a power_month number) are recorded on a delegation in status, in
 * effect from the day effective (YYYY-MM-DD; NULL = not known), this month being now: NULL when
 * they may be. Figures are recorded only of a power in use (power_taken: accepted, or acting),
 * of a month from the one it took effect in up to this one. Otherwise a Chinese message (static,
 * or in a); *state is true when the delegation's status refuses every month (a conflict), false
 * when only this month is refused (the field /month). */
const char *power_month_refusal(const char *status, const char *effective, int64_t m, int64_t now,
                                struct arena *a, bool *state);

#endif

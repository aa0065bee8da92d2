/* store_power.h - powers and boundaries in SQL: the working-day calendar, the power catalogue,
 * each zone's list of delegated powers (一区一单) with guidance, monthly case figures,
 * evaluations and publication, and the zone–county 权责清单 in versions. Every change is
 * audited in its transaction with the caller's JSON shape (struct store_power_json); the
 * workflows' rules are core/power.h's and core/duty.h's. Must not decide who may act (api/
 * does). Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_POWER_H
#define KFQ_STORE_POWER_H

#include "core/duty.h"
#include "core/power.h"
#include "core/workday.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_bulk.h"

#include <stdbool.h>

struct jsonw;

/* ---- the working-day calendar ---- */

struct store_calendar_day {
	const char *day;  /* YYYY-MM-DD */
	const char *kind; /* holiday work */
	const char *name;
};

struct store_calendar_year {
	int year;
	const char *notice;
	const char *published;
	struct store_calendar_day *days;
	int ndays;
};

/* Every year with its days, ascending. */
int store_calendar_years(struct store *s, struct arena *a, struct store_calendar_year **out,
                         int *n);
/* The calendar core/workday.h counts on (arena). A gap between years ends it at the gap. */
int store_calendar_load(struct store *s, struct arena *a, struct workday_calendar *out);

/* ---- the catalogue ---- */

struct store_power {
	int64_t id;
	int64_t dept_org_id;
	const char *dept_name;
	const char *code, *name, *kind, *legal_basis;
	int64_t statutory_days, promised_days;
	bool accept_incomplete; /* 容缺受理 */
	bool notify_commit;     /* 告知承诺制 */
	const char *created_at, *updated_at;
};

struct store_power_filter {
	int64_t dept_org_id; /* 0 = any */
	const char *kind;    /* NULL = any */
	const char *q;       /* substring of the code, name or legal basis */
	int64_t offset, limit;
};

/* ---- a zone's list ---- */

struct store_delegation {
	int64_t id;
	struct store_power power;
	int64_t zone_org_id;
	const char *zone_name;
	const char *status, *origin, *mode, *effective_from, *document, *service_place;
	const char *acting_by, *acting_until, *note;
	/* while someone acts for the zone: how (派驻人员 ...; enum_power_mode), beside mode, the
	 * delegation's own 下放方式 that a re-assessment hands back; NULL otherwise */
	const char *acting_mode;
	const char *created_at, *updated_at;
	bool published; /* the zone's list is published */
	/* the day (YYYY-MM-DD, Asia/Shanghai) the power came into use for the zone: accepted, or
	 * the acting arrangement begun; NULL before (migration 0112) */
	const char *taken_on;
};

struct store_delegation_filter {
	int64_t zone_org_id, dept_org_id, power_id; /* 0 = any */
	const char *status;                         /* NULL = any */
	const char *q;                              /* substring of the power's code or name */
	/* rows whose zone or department is in this scope */
	struct store_scope scope;
	int64_t offset, limit;
};

/* One step of the workflow (core/power.h). For propose and plan, power_id and zone_org_id name
 * the entry (made when absent); for the others, id. The fields the action takes are copied. */
struct store_delegation_step {
	enum power_action action;
	int64_t id;
	int64_t power_id, zone_org_id;
	/* delegate and reassess: the 下放方式; act: the acting arrangement's */
	const char *mode, *effective_from, *document, *service_place, *acting_by, *acting_until;
	const char *note;
	const char *taken_on; /* accept and act: the day the power comes into use (YYYY-MM-DD) */
};

struct store_guidance {
	int64_t id, delegation_id;
	const char *kind, *held_on, *content;
	int64_t participants;
	const char *created_at;
	const char *created_by_name;
	/* store_guidance_all only: the entry's zone, its power and department */
	const char *zone_name, *power_code, *power_name, *dept_name;
};

/* The guidance records an export takes: 0 = any; scoped as the delegations are. */
struct store_guidance_filter {
	int64_t delegation_id, zone_org_id, dept_org_id, power_id;
	struct store_scope scope;
};

struct store_case_month {
	int64_t delegation_id;
	const char *month; /* YYYY-MM */
	struct power_month_figures f;
};

/* A delegated power's sums over a period, with what its figures are computed against. */
struct store_power_sums {
	int64_t delegation_id;
	int64_t power_id;
	const char *power_code, *power_name;
	int64_t zone_org_id;
	const char *zone_name;
	int64_t dept_org_id;
	const char *dept_name;
	const char *status;
	int64_t promised_days;
	struct power_sums sums;
	int64_t evaluations; /* evaluations recorded so far */
	const char *last_result;
};

struct store_sums_filter {
	int64_t zone_org_id, dept_org_id, delegation_id; /* 0 = any */
	const char *from, *to;                           /* YYYY-MM, inclusive */
	struct store_scope scope;
	int64_t offset, limit;
};

struct store_evaluation {
	int64_t id, delegation_id;
	const char *period_from, *period_to;
	struct power_figures fig;
	const char *result, *reason, *problems;
	const char *evaluated_at, *evaluated_by_name;
	const char *power_name, *zone_name;
	/* read only: the entry's sides and the power's code */
	int64_t zone_org_id, dept_org_id;
	const char *dept_name, *power_code;
};

/* The recorded evaluations a list shows: those whose period meets [from, to] (YYYY-MM, either
 * may be NULL); 0 and NULL mean any. */
struct store_eval_filter {
	int64_t delegation_id, zone_org_id, dept_org_id, power_id;
	const char *result, *from, *to;
	struct store_scope scope;
	int64_t offset, limit; /* limit 0: every row (exports) */
};

/* Recorded evaluations counted by department and result (the page's chart). */
struct store_eval_count {
	int64_t dept_org_id;
	const char *dept_name, *result;
	int64_t n;
};

/* One zone's published list entry as the public sees it. */
struct store_public_entry {
	int64_t zone_org_id;
	const char *zone_name;
	const char *power_code, *power_name, *kind, *dept_name, *mode, *status;
	const char *service_place, *acting_by;
	int64_t promised_days, statutory_days;
	bool accept_incomplete, notify_commit;
	const char *effective_from; /* the delegation's 生效日期: a later one is not in force yet */
};

/* ---- 权责清单 ---- */

struct store_duty_item {
	int64_t id;
	int seq;
	const char *name, *holder, *lead, *basis;
	struct duty_step *steps;
	int nsteps;
};

struct store_duty_list {
	int64_t id;
	int64_t zone_org_id, county_org_id;
	const char *zone_name, *county_name;
	int version;
	const char *status, *cross_posts, *coordination, *comment;
	const char *created_at, *reviewed_at, *reviewed_by_name;
	struct store_duty_item *items;
	int nitems;
};

/* The office's setting of the evaluation (migration 0066); changed_at and changed_by_name are
 * NULL while the default holds. */
struct store_power_setting {
	int64_t idle_months;
	const char *changed_at, *changed_by_name;
};

/* The shapes audit records take their before/after from (app/power_json.c). */
struct store_power_json {
	void (*power)(struct jsonw *w, const struct store_power *p);
	void (*delegation)(struct jsonw *w, const struct store_delegation *d);
	void (*evaluation)(struct jsonw *w, const struct store_evaluation *e);
	void (*duty_list)(struct jsonw *w, const struct store_duty_list *l);
	void (*calendar_year)(struct jsonw *w, const struct store_calendar_year *y);
	void (*guidance)(struct jsonw *w, const struct store_guidance *g);
	void (*case_month)(struct jsonw *w, const struct store_case_month *m);
	void (*publication)(struct jsonw *w, int64_t zone_org_id, bool published);
	void (*setting)(struct jsonw *w, const struct store_power_setting *p);
};

/* Adds a year's notice and its days in one transaction (audited "work_calendar_year"). The year
 * must follow the last one (or precede the first): the calendar has no gaps. KFQ_ECONFLICT when
 * the year is there, KFQ_EINVAL when it would leave a gap. */
int store_calendar_add(struct store *s, const struct store_actor *who,
                       const struct store_power_json *json, const struct store_calendar_year *y);

int store_power_list(struct store *s, struct arena *a, const struct store_power_filter *f,
                     struct store_power **out, int *n, int64_t *total);
/* Each power item f selects (offset and limit ignored), in the list's order, handed to fn
 * (element: a struct store_power) one at a time, for the export: see store_list_each. a holds
 * what the filter needs. */
int store_power_each(struct store *s, struct arena *a, const struct store_power_filter *f,
                     store_each_fn fn, void *ctx);
int store_power_get(struct store *s, struct arena *a, int64_t id, struct store_power *out);
/* Creates (p->id 0; set on success) or updates an entry, audited "power_item". KFQ_ECONFLICT
 * when another entry has the code. */
int store_power_save(struct store *s, const struct store_actor *who,
                     const struct store_power_json *json, struct store_power *p);
/* Every entry's code and id (arena), for imports. */
int store_power_codes(struct store *s, struct arena *a, struct store_power **out, int *n);
extern const struct store_bulk_spec store_power_bulk;
int store_power_bulk_row(struct store_bulk *b, const struct store_power *p, const char *now);

int store_delegation_list(struct store *s, struct arena *a, const struct store_delegation_filter *f,
                          struct store_delegation **out, int *n, int64_t *total);
int store_delegation_get(struct store *s, struct arena *a, int64_t id,
                         struct store_delegation *out);
/* Takes the step in one transaction, audited "power_delegation" with the action's name.
 * KFQ_EBUSY when the workflow refuses it in the current status (*status, arena, then names it;
 * NULL when the entry does not exist yet); KFQ_ENOTFOUND when id does not exist. *id is the
 * entry's id on success. */
int store_delegation_step(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_power_json *json,
                          const struct store_delegation_step *step, int64_t *id,
                          const char **status);

/* Entries per zone and status, of the zones or departments in scope (the board). */
struct store_delegation_count {
	int64_t zone_org_id;
	const char *zone_name;
	const char *status;
	int64_t n;
};
int store_delegation_counts(struct store *s, struct arena *a, const struct store_scope *scope,
                            struct store_delegation_count **out, int *n);

/* Records guidance given (audited "power_guidance"); sets g->id. */
int store_guidance_add(struct store *s, const struct store_actor *who,
                       const struct store_power_json *json, struct store_guidance *g);
int store_guidance_list(struct store *s, struct arena *a, int64_t delegation_id,
                        struct store_guidance **out, int *n);
/* Every guidance record f finds, with its entry's names; by zone, power code, then newest. */
int store_guidance_all(struct store *s, struct arena *a, const struct store_guidance_filter *f,
                       struct store_guidance **out, int *n);

/* Sets one month's figures (replacing them), audited "power_case_month". */
int store_case_month_put(struct store *s, const struct store_actor *who,
                         const struct store_power_json *json, const struct store_case_month *m);
int store_case_month_list(struct store *s, struct arena *a, int64_t delegation_id,
                          struct store_case_month **out, int *n);
/* Rebuilds the running sums (power_case_run) of every delegation of org_id, as the zone or the
 * department: after an import's bulk rows, inside its transaction. */
int store_case_run_refresh(struct store *s, int64_t org_id);
/* Imports: the bulk writer of new months, and the months recorded for the delegations whose
 * zone or department is org_id (delegation_id and month set only). */
extern const struct store_bulk_spec store_case_month_bulk;
int store_case_month_bulk_row(struct store_bulk *b, const struct store_case_month *m);
int store_case_month_keys(struct store *s, struct arena *a, int64_t org_id,
                          struct store_case_month **out, int *n);
/* The delegations an import may name: (power code, zone name) → id, status (arena). */
struct store_delegation_key {
	int64_t id;
	const char *power_code;
	int64_t zone_org_id;
	const char *zone_name;
	int64_t dept_org_id;
	const char *status;
	const char *effective_from; /* YYYY-MM-DD, NULL before it is delegated */
};
int store_delegation_keys(struct store *s, struct arena *a, struct store_delegation_key **out,
                          int *n);

/* The sums of each delegated power (status delegated, accepted, not_ready or acting) over a
 * period; *total counts them. */
int store_power_sums(struct store *s, struct arena *a, const struct store_sums_filter *f,
                     struct store_power_sums **out, int *n, int64_t *total);
/* Records an evaluation (e->fig computed by the caller), audited "power_evaluation". */
int store_evaluation_create(struct store *s, const struct store_actor *who,
                            const struct store_power_json *json, struct store_evaluation *e);
/* Newest first. */
int store_evaluation_list(struct store *s, struct arena *a, const struct store_eval_filter *f,
                          struct store_evaluation **out, int *n, int64_t *total);
/* The same rows counted in SQL by department and result, in department name order. */
int store_evaluation_counts(struct store *s, struct arena *a, const struct store_eval_filter *f,
                            struct store_eval_count **out, int *n);

/* The setting kept, or the default (POWER_IDLE_MONTHS) when the office has set none. */
int store_power_setting_get(struct store *s, struct arena *a, struct store_power_setting *out);
/* Keeps the setting, audited "power_setting" (id 1) with the values before and after. */
int store_power_setting_put(struct store *s, const struct store_actor *who,
                            const struct store_power_json *json, int64_t idle_months);

/* Publishes or withdraws a zone's list, audited "power_list_publication". */
int store_power_publish(struct store *s, const struct store_actor *who,
                        const struct store_power_json *json, int64_t zone_org_id, bool published);
/* The public page: the published zones' entries the public sees (core power_status_public),
 * by zone then code; zone_org_id 0 = every published zone. */
int store_power_public(struct store *s, struct arena *a, int64_t zone_org_id,
                       struct store_public_entry **out, int *n);
/* The published zones (id, name) for the public page's menu. */
struct store_public_zone {
	int64_t id;
	const char *name;
	int64_t entries;
};
int store_power_public_zones(struct store *s, struct arena *a, struct store_public_zone **out,
                             int *n);

/* ---- 权责清单 ---- */

/* The versions of zone's list, newest first, without items. */
int store_duty_versions(struct store *s, struct arena *a, int64_t zone_org_id,
                        struct store_duty_list **out, int *n);
/* The current list of every zone in scope (the newest version of each), without items. */
int store_duty_current(struct store *s, struct arena *a, const struct store_scope *scope,
                       struct store_duty_list **out, int *n);
int store_duty_get(struct store *s, struct arena *a, int64_t id, struct store_duty_list *out);
/* Saves the zone's working draft: the open version (draft or returned) is replaced, or the next
 * version after an approved one is made (the approved stays as it was). Items are checked by the
 * caller (core duty_validate). KFQ_EBUSY when a version is submitted (waiting for approval). */
int store_duty_save(struct store *s, const struct store_actor *who,
                    const struct store_power_json *json, struct store_duty_list *l);
/* Submits, approves or returns version id (core duty_next_status); approving marks the previous
 * approved version superseded. KFQ_EBUSY with *status when refused. */
int store_duty_act(struct store *s, struct arena *a, const struct store_actor *who,
                   const struct store_power_json *json, int64_t id, enum duty_action action,
                   const char *comment, const char **status);

#endif

/* store_industry_plan.h - industry plans in SQL (art. 2): each zone's plans with their leading
 * industries, the office's approval of an exception, the registry's yearly output, and a zone's
 * year summed by industry code for the shares. Writes are one transaction each with their
 * audit record, whose JSON comes from the caller's struct store_industry_plan_json. */
#ifndef KFQ_STORE_INDUSTRY_PLAN_H
#define KFQ_STORE_INDUSTRY_PLAN_H

#include "core/industry_plan.h"
#include "store/store.h"
#include "store/store_audit.h"

struct jsonw;

struct store_industry_plan {
	int64_t id, zone_id;
	const char *zone_name, *name;
	struct industry_plan_rules r; /* r.leads in the arena of the read */
	const char *exception;        /* none pending approved */
	int64_t approved_by;          /* 0 = not approved */
	const char *approved_by_name, *approved_at;
	int64_t created_by;
	const char *created_at, *updated_at;
};

struct store_industry_plan_filter {
	int64_t zone_id;       /* 0 = any in scope */
	int year;              /* 0 = any; else the plans whose period holds it */
	const char *exception; /* NULL = any */
	const struct store_scope *scope;
	int64_t offset, limit;
};

/* An enterprise's output in a year (enterprise_output). */
struct store_enterprise_output {
	int64_t enterprise_id, zone_id;
	const char *enterprise_name;
	int year;
	int64_t output_fen;
	const char *updated_at;
};

struct store_industry_plan_json {
	void (*plan)(struct jsonw *w, const struct store_industry_plan *p);
	void (*output)(struct jsonw *w, const struct store_enterprise_output *o);
};

/* Plans by zone name then start year, each with its leading industries. */
int store_industry_plan_list(struct store *s, struct arena *a,
                             const struct store_industry_plan_filter *f,
                             struct store_industry_plan **out, int *n, int64_t *total);
int store_industry_plan_get(struct store *s, struct arena *a, int64_t id,
                            struct store_industry_plan *out);
/* Creates (p->id 0, set on return) or replaces a plan and its leading industries; exception
 * becomes 'pending' when it has more than 3 (approval asked again), else 'none'. KFQ_ECONSTRAINT
 * when zone_id is not a zone, KFQ_ECONFLICT when another plan of the zone covers one of its years.
 */
int store_industry_plan_save(struct store *s, const struct store_actor *who,
                             const struct store_industry_plan_json *json,
                             struct store_industry_plan *p);
/* The office approves a pending exception. KFQ_ESTATE unless it is pending; KFQ_EINVAL when
 * the approver wrote the plan. */
int store_industry_plan_approve(struct store *s, const struct store_actor *who,
                                const struct store_industry_plan_json *json, int64_t id);

/* A zone's year by the enterprises' 小类: how many enterprises, their output and tax. */
int store_industry_sums(struct store *s, struct arena *a, int64_t zone_id, int year,
                        struct industry_sum **out, int *n);

/* An enterprise of a zone with its output and tax of a year and the land it holds now. */
struct store_industry_enterprise {
	int64_t id;
	const char *name, *industry_code;
	int64_t output_fen, tax_fen;
	int64_t land_m2x100; /* its parcels' area, m² × 100 (0 when none) */
};

/* A page of the zone's enterprises (by name) with their year's output and tax (0 when none) and
 * the land they hold. */
int store_industry_enterprises(struct store *s, struct arena *a, int64_t zone_id, int year,
                               int64_t offset, int64_t limit,
                               struct store_industry_enterprise **out, int *n, int64_t *total);

/* Records (or replaces) an enterprise's output of a year. KFQ_ECONSTRAINT when the enterprise
 * is missing. */
int store_enterprise_output_save(struct store *s, const struct store_actor *who,
                                 const struct store_industry_plan_json *json,
                                 struct store_enterprise_output *o);
/* KFQ_ENOTFOUND when none is recorded. */
int store_enterprise_output_get(struct store *s, struct arena *a, int64_t enterprise_id, int year,
                                struct store_enterprise_output *out);

#endif

/* store_kpi.h - the zones' internal KPIs in SQL: the year's minimum weights (set by the
 * office), each zone's schemes for its departments and its staff with their indicators, and
 * the subjects' scores. The rules are core/kpi.h's, checked inside the write transaction
 * against the year's minimums and the zone's roster. Every write is one transaction with its
 * audit record (entity types kpi_floor, kpi_scheme) whose JSON comes from the caller's struct
 * store_kpi_json. Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_KPI_H
#define KFQ_STORE_KPI_H

#include "core/kpi.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_kpi_floor {
	int64_t id; /* 0: the year has none, min are core/kpi.h's defaults */
	int year;
	int64_t min[KPI_KEY_CATEGORIES]; /* 招商引资, 项目建设, 产业发展 */
	const char *set_at;
};

struct store_kpi_indicator {
	int64_t id;
	int seq;
	const char *name;
	const char *category; /* investment project industry other */
	int64_t weight;
};

struct store_kpi_score {
	const char *subject_key;  /* staff: the person's id; department: the body's name */
	const char *subject_name; /* as shown */
	int64_t indicator_id;
	int64_t score_cp;
};

struct store_kpi_scheme {
	int64_t id, org_id;
	const char *org_name;
	int year;
	const char *target; /* department staff */
	const char *updated_at;
	struct store_kpi_indicator *ind;
	int nind;
	struct store_kpi_score *scores; /* by subject, then indicator */
	int nscores;
};

struct store_kpi_json {
	void (*floor)(struct jsonw *w, const struct store_kpi_floor *f);
	void (*scheme)(struct jsonw *w, const struct store_kpi_scheme *s);
};

int store_kpi_floor_get(struct store *s, struct arena *a, int year, struct store_kpi_floor *out);
/* Sets the year's minimums (checked by the caller with kpi_floor_check). Each scheme of the
 * year that they leave below them, and that was not below the minimums before, is told to its
 * zone and the office in the same transaction (core kpi_below_item). */
int store_kpi_floor_set(struct store *s, const struct store_actor *who,
                        const struct store_kpi_json *json, struct store_kpi_floor *f);

/* Creates or replaces the zone's scheme of (year, target) with in->ind: KFQ_EINVAL with *rule
 * and *bad when core/kpi.h refuses it under the year's minimums. A replaced scheme's scores
 * are dropped (they were given against the old indicators). in->id set. */
int store_kpi_scheme_save(struct store *s, const struct store_actor *who,
                          const struct store_kpi_json *json, struct store_kpi_scheme *in,
                          enum kpi_rule *rule, int *bad);
/* Schemes of the year in scope (org_id 0 = every zone in scope), with indicators and scores. */
int store_kpi_scheme_list(struct store *s, struct arena *a, int year, int64_t org_id,
                          const struct store_scope *scope, struct store_kpi_scheme **out, int *n);
int store_kpi_scheme_get(struct store *s, struct arena *a, int64_t id,
                         struct store_kpi_scheme *out);

/* A scheme below its year's minimums: raised after it was saved (a save is refused below them). */
struct store_kpi_below {
	int64_t id, org_id;
	const char *org_name;
	int year;
	const char *target;
};
/* The schemes in scope below their year's minimums (year 0: of every year), newest year first,
 * then by zone name and target. */
int store_kpi_below_list(struct store *s, struct arena *a, int year,
                         const struct store_scope *scope, struct store_kpi_below **out, int *n);

/* Replaces every score of the scheme; a person scored (staff) is stored under the roster's
 * name, whatever name was sent. KFQ_EINVAL with *bad the score's index when its indicator is
 * not the scheme's or (staff) its subject is not a person on the zone's roster in the year;
 * *rule KPI_BAD_SCORE for a score outside 0..100. */
int store_kpi_scores_set(struct store *s, const struct store_actor *who,
                         const struct store_kpi_json *json, int64_t scheme_id,
                         const struct store_kpi_score *v, int n, enum kpi_rule *rule, int *bad);

#endif

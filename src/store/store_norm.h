/* store_norm.h - art. 7's 编制 norm in SQL: the formula's parameters of a year as 编办 set them
 * (the defaults of core/staffing_norm.h where a year has none), each zone's indicators of a year,
 * and per zone the inputs of the formula beside the approved figures: its indicators, its
 * assessment grade of the year before (the latest result when the year's staffing is decided,
 * read through store_leader_grade) and the staffing that rules the year. Writes are audited:
 * entity staffing_norm (id = the year) and zone_indicator, JSON from the caller's struct
 * store_norm_json. Returned structs are in the caller's arena. */
#ifndef KFQ_STORE_NORM_H
#define KFQ_STORE_NORM_H

#include "core/staffing_norm.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_zone_indicator {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int year;
	int64_t area, population, gdp;
	const char *set_at;
};

/* A zone as the norm sees it. */
struct store_norm_zone {
	int64_t org_id;
	const char *name;
	bool have_indicator;
	struct staffing_norm_input in; /* in.grade: of year - 1 */
	bool have_staffing;
	int staffing_year;
	int64_t approved_establishment; /* 行政 + 事业编制 */
	int64_t approved_leaders;
};

struct store_norm_json {
	void (*params)(struct jsonw *w, int year, const int64_t params[NORM_NPARAMS]);
	void (*indicator)(struct jsonw *w, const struct store_zone_indicator *x);
};

/* The year's parameters (the defaults where none is set). */
int store_norm_params(struct store *s, int year, int64_t params[NORM_NPARAMS]);
/* Sets all of them in one transaction (action "set", or "adopt_scenario" from a what-if). */
int store_norm_params_set(struct store *s, const struct store_actor *who,
                          const struct store_norm_json *json, int year,
                          const int64_t params[NORM_NPARAMS], const char *action);
/* Creates or replaces the zone's indicators of the year; sets x->id. */
int store_zone_indicator_set(struct store *s, const struct store_actor *who,
                             const struct store_norm_json *json, struct store_zone_indicator *x);
/* Every zone in scope, by name; only those without figures of the year itself when unapproved
 * (编办's to-do, api/people_todo.c, and the page it opens). */
int store_norm_zones(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                     bool unapproved, struct store_norm_zone **out, int *n);

#endif

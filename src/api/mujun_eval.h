/* mujun_eval.h - every zone's 亩均效益 evaluation of a year (api/mujun_eval.c), computed in one
 * pass over the city's inputs (store_mujun_city) and kept per process for as long as the audit
 * head has not moved (DECISIONS 178, on the reasoning of api/cache.c): a zone's page, its
 * filters, its export and next year's year-over-year column are then read from memory, and a
 * city's million enterprises are read once per change instead of once per zone and year. */
#ifndef KFQ_API_MUJUN_EVAL_H
#define KFQ_API_MUJUN_EVAL_H

#include "core/mujun.h"

#include <stdint.h>

struct api_ctx;
struct strbuf;

/* One industrial enterprise of a zone's evaluation. */
struct mujun_eval_row {
	int64_t enterprise_id;
	int64_t area_m2x100;
	enum mujun_group group;
	const char *why; /* not evaluated: the reason; NULL when evaluated */
};

/* One zone's enterprises, by id, and their results (results[k] belongs to rows[k]). */
struct mujun_eval_zone {
	const struct mujun_eval_row *rows;
	const struct mujun_result *results;
	int n;
};

/* A year's evaluation of every zone. Read-only once made; shared between requests. */
struct mujun_eval;

/* The evaluations of year and of year - 1 into *now and *last, kept or made now (both in one
 * pass when neither is kept), held until c's request ends. 0, or -1 when the error was
 * answered. */
int mujun_eval_years(struct api_ctx *c, int year, const struct mujun_eval **now,
                     const struct mujun_eval **last);

/* The year's scheme. */
const struct mujun_scheme *mujun_eval_scheme(const struct mujun_eval *ev);
/* zone_id's enterprises (none when it has no industrial enterprise). */
struct mujun_eval_zone mujun_eval_zone(const struct mujun_eval *ev, int64_t zone_id);

/* The counters of evaluations made and kept through unrelated changes, for /metrics. */
void mujun_eval_metrics_write(struct strbuf *sb);

#endif

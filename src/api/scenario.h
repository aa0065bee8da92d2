/* scenario.h (api) - what the what-if routes of every module share (core/scenario.h): a
 * scenario read from its JSON ({"name","values":[{"name","value"}]}) and a parameter vector
 * written back as such values. Must not compute anything. */
#ifndef KFQ_API_SCENARIO_H
#define KFQ_API_SCENARIO_H

#include "api/api.h"
#include "core/scenario.h"

/* The scenario of object it (a validated body or one item of it); strings borrowed from it,
 * the values in the request arena. */
struct scenario api_scenario_read(struct api_ctx *c, json_t *it);
/* "values":[{"name","value"}] of params, one per definition, in definition order; a negative
 * value (a module's "no single current value") is null. */
void api_scenario_write_values(struct jsonw *w, const struct scenario_param_def *defs, size_t n,
                               const int64_t *params);

/* The keys a module names its comparison's figures with. */
struct api_scenario_keys {
	const char *total;       /* a column's total, e.g. "total_fen" */
	const char *total_delta; /* its difference from the current column's */
	const char *value;       /* a row's value per column, e.g. "pool_fen" */
	const char *delta;       /* a row's difference per column */
	const char *tag;         /* a row's tag per column (pay: "grade"); NULL: none */
};

/* "columns":[{"current","name",total_delta,total,"values"}],"rows":[{delta:[…],value:[…],
 * tag:[…] (when k->tag),"zone_id","zone_name"}] of cmp, inside the caller's open object;
 * zone_name(ctx, key) names a row. */
void api_scenario_write_comparison(struct jsonw *w, const struct scenario_param_def *defs, size_t n,
                                   const struct scenario_comparison *cmp,
                                   const struct api_scenario_keys *k,
                                   const char *(*zone_name)(const void *ctx, int64_t key),
                                   const void *ctx);

#endif

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
/* "values":[{"name","value"}] of params, one per definition, in definition order. */
void api_scenario_write_values(struct jsonw *w, const struct scenario_param_def *defs, size_t n,
                               const int64_t *params);

#endif

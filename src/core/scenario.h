/* scenario.h - what-if comparison, for any module whose outcome follows from a few configured
 * numbers: a scenario is a name and values for some of the module's parameters (the rest keep
 * their current values); each scenario and the current configuration are computed side by side
 * by a function the module supplies, and the outcomes are laid out row by row with each
 * scenario's difference from the current one. Nothing here stores anything: adopting a
 * scenario is the module's write, audited there. Revenue sharing compares sharing ratios with
 * it; pay compares grade coefficients and thresholds. A current value may be negative where the
 * module has no single current value (pay: thresholds that differ between classes); a
 * scenario's own values are always within their definition's range. Pure. */
#ifndef KFQ_CORE_SCENARIO_H
#define KFQ_CORE_SCENARIO_H

#include "util/arena.h"

#include <stddef.h>
#include <stdint.h>

#define SCENARIO_MAX        10 /* scenarios compared at once, besides the current one */
#define SCENARIO_NAME_MAX   64 /* bytes of a scenario's name */
#define SCENARIO_PARAMS_MAX 32
/* The refusal of more than SCENARIO_MAX, worded as the rule; the routes declare it for their
 * scenario arrays so that the validator and this module refuse alike. */
#define SCENARIO_MAX_RULE "一次最多比较10个方案（现行方案之外）"

/* A parameter a module lets scenarios vary. */
struct scenario_param_def {
	const char *name;  /* stable snake_case, as scenarios name it */
	const char *label; /* Chinese, for messages */
	int64_t min, max;  /* inclusive */
};

struct scenario_value {
	const char *name;
	int64_t value;
};

struct scenario {
	const char *name; /* shown as the column's heading */
	const struct scenario_value *values;
	size_t n_values;
};

/* One row of an outcome: a key the module chooses (a zone's id), an amount, and the category
 * the row falls in under these numbers (pay: the zone's grade; NULL where a module has none). */
struct scenario_row {
	int64_t key;
	int64_t value;
	const char *tag; /* static */
};

struct scenario_outcome {
	struct scenario_row *rows; /* arena memory */
	size_t n_rows;
	int64_t total;
};

/* Computes the outcome of a full parameter vector (one value per definition, in definition
 * order) into *out, rows in the arena. 0, or -1 with *message (Chinese, static). */
typedef int (*scenario_compute_fn)(void *ctx, const int64_t *params, struct arena *a,
                                   struct scenario_outcome *out, const char **message);

struct scenario_column {
	const char *name;  /* NULL for the current configuration */
	int64_t *params;   /* the full vector it was computed with */
	int64_t *values;   /* per row of the comparison (0 where its outcome has no such row) */
	const char **tags; /* per row: the outcome's tag (NULL where none) */
	int64_t *deltas;   /* values − the current column's */
	int64_t total;
	int64_t total_delta;
};

struct scenario_comparison {
	size_t n_rows;
	int64_t *keys;                   /* the rows: the current outcome's keys, then new ones */
	struct scenario_column *columns; /* [0] the current configuration, then each scenario */
	size_t n_columns;
};

struct scenario_problem {
	const char
	    *field; /* JSON Pointer below the request's scenarios, e.g. "/scenarios/1/name" */
	const char *message;
	char field_buf[64];
	char message_buf[160];
};

/* The full vector of a scenario: current values overridden by its own. 0, or -1 with *p when
 * it names an unknown parameter, names one twice, or sets one outside its range; index is the
 * scenario's position for the field pointer. */
int scenario_resolve(const struct scenario_param_def *defs, size_t n_defs, const int64_t *current,
                     const struct scenario *s, size_t index, int64_t *params,
                     struct scenario_problem *p);

/* Computes the current configuration and each scenario. Scenarios need distinct non-empty
 * names, at most SCENARIO_MAX of them. 0, or -1 with *p (a bad scenario, or the compute
 * function's refusal). Everything in *out lives in a. */
int scenario_compare(const struct scenario_param_def *defs, size_t n_defs, const int64_t *current,
                     const struct scenario *s, size_t n, scenario_compute_fn fn, void *ctx,
                     struct arena *a, struct scenario_comparison *out, struct scenario_problem *p);

#endif

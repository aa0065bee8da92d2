/* scenario.c - resolving scenarios and laying their outcomes side by side. Must not know any
 * module's parameters or store anything. */
#include "core/scenario.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int problem(struct scenario_problem *p, size_t index, const char *leaf, const char *message)
{
	snprintf(p->field_buf, sizeof(p->field_buf), "/scenarios/%zu%s", index, leaf);
	p->field = p->field_buf;
	p->message = message;
	return -1;
}

static size_t def_index(const struct scenario_param_def *defs, size_t n_defs, const char *name)
{
	for (size_t i = 0; name && i < n_defs; i++)
		if (strcmp(defs[i].name, name) == 0)
			return i;
	return n_defs;
}

int scenario_resolve(const struct scenario_param_def *defs, size_t n_defs, const int64_t *current,
                     const struct scenario *s, size_t index, int64_t *params,
                     struct scenario_problem *p)
{
	bool set[SCENARIO_PARAMS_MAX] = {false};

	if (n_defs > SCENARIO_PARAMS_MAX)
		return problem(p, index, "", "参数过多");
	memcpy(params, current, n_defs * sizeof(*params));
	for (size_t i = 0; i < s->n_values; i++) {
		size_t d = def_index(defs, n_defs, s->values[i].name);
		if (d == n_defs)
			return problem(p, index, "/values", "方案中有无法识别的参数");
		if (set[d]) {
			snprintf(p->message_buf, sizeof(p->message_buf), "参数“%s”重复设置",
			         defs[d].label);
			return problem(p, index, "/values", p->message_buf);
		}
		if (s->values[i].value < defs[d].min || s->values[i].value > defs[d].max) {
			snprintf(p->message_buf, sizeof(p->message_buf),
			         "参数“%s”超出允许范围（%lld至%lld）", defs[d].label,
			         (long long)defs[d].min, (long long)defs[d].max);
			return problem(p, index, "/values", p->message_buf);
		}
		set[d] = true;
		params[d] = s->values[i].value;
	}
	return 0;
}

static size_t key_index(const int64_t *keys, size_t n, int64_t key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i] == key)
			return i;
	return n;
}

/* adds the outcome's keys that are not yet rows */
static void add_keys(struct arena *a, struct scenario_comparison *c, int *cap,
                     const struct scenario_outcome *o)
{
	for (size_t r = 0; r < o->n_rows; r++) {
		if (key_index(c->keys, c->n_rows, o->rows[r].key) < c->n_rows)
			continue;
		if ((int)c->n_rows == *cap)
			c->keys = arena_grow(a, c->keys, sizeof(*c->keys), cap);
		c->keys[c->n_rows++] = o->rows[r].key;
	}
}

int scenario_compare(const struct scenario_param_def *defs, size_t n_defs, const int64_t *current,
                     const struct scenario *s, size_t n, scenario_compute_fn fn, void *ctx,
                     struct arena *a, struct scenario_comparison *out, struct scenario_problem *p)
{
	struct scenario_outcome *outcomes;
	int cap = 0;

	memset(out, 0, sizeof(*out));
	if (n > SCENARIO_MAX) {
		p->field = "/scenarios";
		p->message = SCENARIO_MAX_RULE;
		return -1;
	}
	out->n_columns = n + 1;
	out->columns = arena_zalloc(a, out->n_columns * sizeof(*out->columns));
	outcomes = arena_zalloc(a, out->n_columns * sizeof(*outcomes));
	for (size_t c = 0; c < out->n_columns; c++) {
		struct scenario_column *col = &out->columns[c];
		const char *why = "计算失败";
		col->params = arena_alloc(a, (n_defs ? n_defs : 1) * sizeof(*col->params));
		if (c == 0) {
			memcpy(col->params, current, n_defs * sizeof(*col->params));
		} else {
			const struct scenario *sc = &s[c - 1];
			if (!sc->name || !*sc->name || strlen(sc->name) > SCENARIO_NAME_MAX)
				return problem(p, c - 1, "/name", "请填写方案名称（不超过64字节）");
			for (size_t j = 0; j + 1 < c; j++)
				if (strcmp(s[j].name, sc->name) == 0)
					return problem(p, c - 1, "/name", "方案名称重复");
			if (scenario_resolve(defs, n_defs, current, sc, c - 1, col->params, p) != 0)
				return -1;
			col->name = sc->name;
		}
		if (fn(ctx, col->params, a, &outcomes[c], &why) != 0) {
			if (c > 0)
				return problem(p, c - 1, "", why);
			p->field = "";
			p->message = why;
			return -1;
		}
		add_keys(a, out, &cap, &outcomes[c]);
	}
	for (size_t c = 0; c < out->n_columns; c++) {
		struct scenario_column *col = &out->columns[c];
		size_t rows = out->n_rows ? out->n_rows : 1;
		col->values = arena_zalloc(a, rows * sizeof(*col->values));
		col->deltas = arena_zalloc(a, rows * sizeof(*col->deltas));
		col->tags = arena_zalloc(a, rows * sizeof(*col->tags));
		for (size_t r = 0; r < outcomes[c].n_rows; r++) {
			size_t k = key_index(out->keys, out->n_rows, outcomes[c].rows[r].key);
			col->values[k] = outcomes[c].rows[r].value;
			col->tags[k] = outcomes[c].rows[r].tag;
		}
		col->total = outcomes[c].total;
	}
	for (size_t c = 0; c < out->n_columns; c++) {
		struct scenario_column *col = &out->columns[c];
		for (size_t r = 0; r < out->n_rows; r++)
			col->deltas[r] = col->values[r] - out->columns[0].values[r];
		col->total_delta = col->total - out->columns[0].total;
	}
	return 0;
}

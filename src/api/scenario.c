/* scenario.c (api) - reading a what-if scenario from its JSON and writing a parameter vector,
 * for every module's what-if routes. Must not write SQL nor compute an outcome. */
#include "api/scenario.h"

struct scenario api_scenario_read(struct api_ctx *c, json_t *it)
{
	json_t *values = json_object_get(it, "values");
	size_t nv = json_array_size(values);
	struct scenario_value *v = arena_zalloc(c->a, (nv + 1) * sizeof(*v));

	for (size_t k = 0; k < nv; k++) {
		json_t *x = json_array_get(values, k);
		v[k].name = json_string_value(json_object_get(x, "name"));
		v[k].value = json_integer_value(json_object_get(x, "value"));
	}
	return (struct scenario){json_string_value(json_object_get(it, "name")), v, nv};
}

void api_scenario_write_values(struct jsonw *w, const struct scenario_param_def *defs, size_t n,
                               const int64_t *params)
{
	jsonw_key(w, "values");
	jsonw_arr_open(w);
	for (size_t p = 0; p < n; p++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "name", defs[p].name);
		if (params[p] < 0)
			jsonw_knull(w, "value");
		else
			jsonw_kint(w, "value", params[p]);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static void per_column(struct jsonw *w, const char *key, const struct scenario_comparison *cmp,
                       size_t r, bool delta)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (size_t k = 0; k < cmp->n_columns; k++)
		jsonw_int(w, delta ? cmp->columns[k].deltas[r] : cmp->columns[k].values[r]);
	jsonw_arr_close(w);
}

void api_scenario_write_comparison(struct jsonw *w, const struct scenario_param_def *defs, size_t n,
                                   const struct scenario_comparison *cmp,
                                   const struct api_scenario_keys *k,
                                   const char *(*zone_name)(const void *ctx, int64_t key),
                                   const void *ctx)
{
	jsonw_key(w, "columns");
	jsonw_arr_open(w);
	for (size_t i = 0; i < cmp->n_columns; i++) {
		jsonw_obj_open(w);
		jsonw_kbool(w, "current", i == 0);
		jsonw_kstr(w, "name", cmp->columns[i].name);
		jsonw_kint(w, k->total_delta, cmp->columns[i].total_delta);
		jsonw_kint(w, k->total, cmp->columns[i].total);
		api_scenario_write_values(w, defs, n, cmp->columns[i].params);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "rows");
	jsonw_arr_open(w);
	for (size_t r = 0; r < cmp->n_rows; r++) {
		jsonw_obj_open(w);
		per_column(w, k->delta, cmp, r, true);
		per_column(w, k->value, cmp, r, false);
		if (k->tag) {
			jsonw_key(w, k->tag);
			jsonw_arr_open(w);
			for (size_t i = 0; i < cmp->n_columns; i++)
				jsonw_str(w, cmp->columns[i].tags[r]);
			jsonw_arr_close(w);
		}
		jsonw_kint(w, "zone_id", cmp->keys[r]);
		jsonw_kstr(w, "zone_name", zone_name(ctx, cmp->keys[r]));
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

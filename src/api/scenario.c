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
		jsonw_kint(w, "value", params[p]);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

/* norm_json.c - the JSON shapes of norm_json.h, keys in byte order. Must not read anything nor
 * compute a suggestion. */
#include "app/norm_json.h"

void norm_json_params(struct jsonw *w, int year, const int64_t params[NORM_NPARAMS])
{
	jsonw_obj_open(w);
	jsonw_key(w, "params");
	jsonw_arr_open(w);
	for (int i = 0; i < NORM_NPARAMS; i++) {
		const struct scenario_param_def *d = &staffing_norm_params[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "default", staffing_norm_defaults[i]);
		jsonw_kstr(w, "label", d->label);
		jsonw_kint(w, "max", d->max);
		jsonw_kint(w, "min", d->min);
		jsonw_kstr(w, "name", d->name);
		jsonw_kint(w, "value", params[i]);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "year", year);
	jsonw_obj_close(w);
}

void norm_json_indicator(struct jsonw *w, const struct store_zone_indicator *x)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "area", x->area);
	jsonw_kint(w, "gdp", x->gdp);
	jsonw_kint(w, "id", x->id);
	jsonw_kid(w, "org_id", x->org_id);
	jsonw_kstr(w, "org_name", x->org_name);
	jsonw_kint(w, "population", x->population);
	jsonw_kstr(w, "set_at", x->set_at);
	jsonw_kint(w, "year", x->year);
	jsonw_obj_close(w);
}

static void params_audit(struct jsonw *w, int year, const int64_t params[NORM_NPARAMS])
{
	jsonw_obj_open(w);
	for (int i = 0; i < NORM_NPARAMS; i++)
		jsonw_kint(w, staffing_norm_params[i].name, params[i]);
	jsonw_kint(w, "year", year);
	jsonw_obj_close(w);
}

void norm_json_zone(struct jsonw *w, int year, const struct store_norm_zone *z,
                    const struct staffing_norm_result *r)
{
	jsonw_obj_open(w);
	jsonw_key(w, "approved");
	if (z->have_staffing) {
		jsonw_obj_open(w);
		jsonw_kint(w, "establishment", z->approved_establishment);
		jsonw_kint(w, "leader_posts", z->approved_leaders);
		jsonw_kint(w, "year", z->staffing_year);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "grade", z->in.grade);
	jsonw_kint(w, "grade_year", year - 1);
	jsonw_key(w, "indicator");
	if (z->have_indicator) {
		jsonw_obj_open(w);
		jsonw_kint(w, "area", z->in.area);
		jsonw_kint(w, "gdp", z->in.gdp);
		jsonw_kint(w, "population", z->in.population);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "name", z->name);
	jsonw_kid(w, "org_id", z->org_id);
	jsonw_key(w, "suggestion");
	if (r) {
		jsonw_obj_open(w);
		jsonw_kint(w, "area_part", r->area_part);
		jsonw_kint(w, "establishment", r->establishment);
		jsonw_kint(w, "gdp_part", r->gdp_part);
		jsonw_kint(w, "leader_posts", r->leader_posts);
		jsonw_kint(w, "population_part", r->population_part);
		jsonw_kint(w, "raw", r->raw);
		jsonw_kint(w, "tilt_bp", r->tilt_bp);
		jsonw_kint(w, "tilted", r->tilted);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_obj_close(w);
}

const struct store_norm_json norm_json_audit = {params_audit, norm_json_indicator};

/* mujun_json.c - the 亩均效益 evaluation's JSON shapes, written once for the API and the audit
 * log. Must not score anything (core/mujun.c does). */
#include "app/mujun_json.h"

#include "app/land_json.h"

void mujun_json_scheme(struct jsonw *w, int year, const struct mujun_scheme *s)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "below_min_mu_x100", s->below_min_mu_x100);
	jsonw_key(w, "indicators");
	jsonw_arr_open(w);
	for (int g = 0; g < MUJUN_NGROUPS; g++)
		for (int i = 0; i < MUJUN_NINDICATORS; i++) {
			const struct mujun_weight *x = &s->w[g][i];
			jsonw_obj_open(w);
			jsonw_kint(w, "cap_bp", x->cap_bp);
			jsonw_kstr(w, "code", mujun_indicator_code((enum mujun_indicator)i));
			jsonw_kstr(w, "group", mujun_group_code((enum mujun_group)g));
			jsonw_kstr(w, "label", mujun_indicator_label((enum mujun_indicator)i));
			jsonw_kint(w, "reference", x->reference);
			jsonw_kstr(w, "unit", mujun_indicator_unit((enum mujun_indicator)i));
			jsonw_kint(w, "weight", x->weight);
			jsonw_obj_close(w);
		}
	jsonw_arr_close(w);
	jsonw_kstr(w, "method", s->method == MUJUN_THRESHOLD ? "threshold" : "percentile");
	jsonw_kint(w, "new_years", s->new_years);
	jsonw_key(w, "pct_bp");
	jsonw_arr_open(w);
	for (int k = 0; k < MUJUN_NCLASSES; k++)
		jsonw_int(w, s->pct_bp[k]);
	jsonw_arr_close(w);
	jsonw_key(w, "thresholds_x100");
	jsonw_arr_open(w);
	for (int k = 0; k < MUJUN_NCLASSES - 1; k++)
		jsonw_int(w, s->threshold_x100[k]);
	jsonw_arr_close(w);
	jsonw_kint(w, "year", year);
	jsonw_obj_close(w);
}

static void kmoney(struct jsonw *w, const char *key, int64_t fen)
{
	char buf[24];

	if (fen == MUJUN_NONE) {
		jsonw_knull(w, key);
		return;
	}
	land_json_hundredths(fen, buf);
	jsonw_kstr(w, key, buf);
}

static void kcount(struct jsonw *w, const char *key, int64_t v)
{
	if (v == MUJUN_NONE)
		jsonw_knull(w, key);
	else
		jsonw_kint(w, key, v);
}

void mujun_json_figure(struct jsonw *w, const struct store_figure *f)
{
	jsonw_obj_open(w);
	kcount(w, "electricity_kwh", f->electricity_kwh);
	kcount(w, "emission_kg", f->emission_kg);
	kcount(w, "energy_kgce", f->energy_kgce);
	jsonw_kid(w, "enterprise_id", f->enterprise_id);
	jsonw_kstr(w, "enterprise_name", f->enterprise_name);
	jsonw_kid(w, "id", f->id);
	kmoney(w, "rd", f->rd_fen);
	kmoney(w, "revenue", f->revenue_fen);
	kcount(w, "staff", f->staff);
	jsonw_kstr(w, "updated_at", f->updated_at);
	kmoney(w, "value_added", f->value_added_fen);
	jsonw_kint(w, "year", f->year);
	jsonw_obj_close(w);
}

void mujun_json_exemption(struct jsonw *w, const struct store_exemption *e)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", e->created_at);
	jsonw_kid(w, "enterprise_id", e->enterprise_id);
	jsonw_kstr(w, "enterprise_name", e->enterprise_name);
	jsonw_kid(w, "id", e->id);
	jsonw_kstr(w, "reason", e->reason);
	jsonw_kint(w, "year", e->year);
	jsonw_obj_close(w);
}

void mujun_json_measure(struct jsonw *w, const struct store_measure *m)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "class", m->klass);
	jsonw_kstr(w, "created_at", m->created_at);
	jsonw_kid(w, "id", m->id);
	jsonw_kstr(w, "measure", m->measure);
	jsonw_kint(w, "year", m->year);
	jsonw_kid(w, "zone_id", m->zone_id);
	jsonw_kstr(w, "zone_name", m->zone_name);
	jsonw_obj_close(w);
}

const struct store_mujun_json mujun_json_audit = {
    .scheme = mujun_json_scheme,
    .figure = mujun_json_figure,
    .exemption = mujun_json_exemption,
    .measure = mujun_json_measure,
};

/* kpi_json.c - internal KPIs as JSON. Keys in byte order within each writer, so that the
 * audit record's canonical form is the same text. Must not read or compute anything. */
#include "app/kpi_json.h"

void kpi_json_floor(struct jsonw *w, const struct store_kpi_floor *f)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "industry_min", f->min[KPI_INDUSTRY]);
	jsonw_kint(w, "investment_min", f->min[KPI_INVESTMENT]);
	jsonw_kint(w, "project_min", f->min[KPI_PROJECT]);
	jsonw_kbool(w, "set", f->id != 0);
	jsonw_kstr(w, "set_at", f->set_at);
	jsonw_kint(w, "year", f->year);
	jsonw_obj_close(w);
}

void kpi_json_scheme_open(struct jsonw *w, const struct store_kpi_scheme *s)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", s->id);
	jsonw_key(w, "indicators");
	jsonw_arr_open(w);
	for (int i = 0; i < s->nind; i++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "category", s->ind[i].category);
		jsonw_kint(w, "id", s->ind[i].id);
		jsonw_kstr(w, "name", s->ind[i].name);
		jsonw_kint(w, "seq", s->ind[i].seq);
		jsonw_kint(w, "weight", s->ind[i].weight);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "org_id", s->org_id);
	jsonw_kstr(w, "org_name", s->org_name);
	jsonw_key(w, "scores");
	jsonw_arr_open(w);
	for (int i = 0; i < s->nscores; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "indicator_id", s->scores[i].indicator_id);
		jsonw_kint(w, "score_cp", s->scores[i].score_cp);
		jsonw_kstr(w, "subject_key", s->scores[i].subject_key);
		jsonw_kstr(w, "subject_name", s->scores[i].subject_name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "target", s->target);
	jsonw_kstr(w, "updated_at", s->updated_at);
	jsonw_kint(w, "year", s->year);
}

static void scheme(struct jsonw *w, const struct store_kpi_scheme *s)
{
	kpi_json_scheme_open(w, s);
	jsonw_obj_close(w);
}

const struct store_kpi_json kpi_json_audit = {
    .floor = kpi_json_floor,
    .scheme = scheme,
};

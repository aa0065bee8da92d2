/* assess_json.c - the annual assessment as JSON. Keys in byte order, so that the audit
 * record's canonical form is the same text. Must not read or compute anything. */
#include "app/assess_json.h"

#include "core/enums.h"

static void indicator(struct jsonw *w, const struct store_assess_indicator *x)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", x->id);
	jsonw_kstr(w, "kind", x->kind);
	jsonw_kstr(w, "mode", x->mode);
	jsonw_kstr(w, "name", x->name);
	jsonw_kint(w, "scale", x->scale);
	jsonw_kint(w, "seq", x->seq);
	jsonw_kstr(w, "unit", x->unit);
	jsonw_kint(w, "weight", x->weight);
	jsonw_obj_close(w);
}

void assess_json_scheme(struct jsonw *w, const struct store_assess_scheme *s,
                        const struct store_assess_result *r, int nr)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "appeal_deadline", s->appeal_deadline);
	jsonw_kint(w, "appeal_days", s->r.appeal_days);
	jsonw_kint(w, "cap_bp", s->r.cap_bp);
	jsonw_kstr(w, "class_key", s->class_key);
	jsonw_kint(w, "id", s->id);
	if (s->ind) {
		jsonw_key(w, "indicators");
		jsonw_arr_open(w);
		for (int i = 0; i < s->nind; i++)
			indicator(w, &s->ind[i]);
		jsonw_arr_close(w);
	}
	jsonw_kint(w, "min_excellent_cp", s->r.min_cp[0]);
	jsonw_kint(w, "min_fair_cp", s->r.min_cp[2]);
	jsonw_kint(w, "min_good_cp", s->r.min_cp[1]);
	jsonw_kstr(w, "name", s->name);
	jsonw_kstr(w, "published_at", s->published_at);
	if (nr > 0) {
		jsonw_key(w, "results");
		jsonw_arr_open(w);
		for (int i = 0; i < nr; i++)
			assess_json_result(w, &r[i], false);
		jsonw_arr_close(w);
	}
	jsonw_kint(w, "result_count", s->nresults);
	jsonw_kstr(w, "status", s->status);
	jsonw_kint(w, "top_quota_bp", s->r.top_quota_bp);
	jsonw_kstr(w, "updated_at", s->updated_at);
	jsonw_kint(w, "year", s->year);
	if (s->zones) {
		jsonw_key(w, "zones");
		jsonw_arr_open(w);
		for (int i = 0; i < s->nzones; i++) {
			jsonw_obj_open(w);
			jsonw_kint(w, "org_id", s->zones[i].org_id);
			jsonw_kstr(w, "org_name", s->zones[i].org_name);
			jsonw_obj_close(w);
		}
		jsonw_arr_close(w);
	}
	jsonw_obj_close(w);
}

void assess_json_value(struct jsonw *w, const struct store_assess_value *v)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "actual", v->actual);
	jsonw_kint(w, "indicator_id", v->indicator_id);
	jsonw_kint(w, "org_id", v->org_id);
	jsonw_kstr(w, "org_name", v->org_name);
	if (v->has_target)
		jsonw_kint(w, "target", v->target);
	else
		jsonw_knull(w, "target");
	jsonw_kstr(w, "updated_at", v->updated_at);
	jsonw_obj_close(w);
}

void assess_json_appeal(struct jsonw *w, const struct store_assess_appeal *a)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "comment", a->comment);
	jsonw_kstr(w, "decided_at", a->decided_at);
	jsonw_kstr(w, "filed_at", a->filed_at);
	jsonw_kint(w, "id", a->id);
	jsonw_kint(w, "org_id", a->org_id);
	jsonw_kstr(w, "org_name", a->org_name);
	jsonw_kstr(w, "reason", a->reason);
	jsonw_kint(w, "result_id", a->result_id);
	jsonw_kstr(w, "scheme_name", a->scheme_name);
	jsonw_kstr(w, "status", a->status);
	jsonw_kint(w, "year", a->year);
	jsonw_obj_close(w);
}

void assess_json_result(struct jsonw *w, const struct store_assess_result *r, bool full)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "appeal_deadline", r->appeal_deadline);
	if (full) {
		jsonw_key(w, "appeals");
		jsonw_arr_open(w);
		for (int i = 0; i < r->nappeals; i++)
			assess_json_appeal(w, &r->appeals[i]);
		jsonw_arr_close(w);
	}
	jsonw_kstr(w, "class_key", r->class_key);
	jsonw_kstr(w, "computed_at", r->computed_at);
	jsonw_kint(w, "deduct_cp", r->deduct_cp);
	jsonw_kbool(w, "demoted", r->demoted);
	jsonw_kstr(w, "grade", r->grade);
	jsonw_kstr(w, "grade_label", enum_label(&enum_pay_grade, r->grade));
	if (full) {
		jsonw_key(w, "history");
		jsonw_arr_open(w);
		for (int i = 0; i < r->nhistory; i++) {
			const struct store_assess_history *h = &r->history[i];
			jsonw_obj_open(w);
			jsonw_kstr(w, "changed_at", h->changed_at);
			jsonw_kstr(w, "changed_by", h->changed_by);
			jsonw_kstr(w, "grade", h->grade);
			jsonw_kint(w, "rank", h->rank);
			jsonw_kstr(w, "reason", h->reason);
			jsonw_kint(w, "score_cp", h->score_cp);
			jsonw_kint(w, "version", h->version);
			jsonw_obj_close(w);
		}
		jsonw_arr_close(w);
	}
	jsonw_kint(w, "id", r->id);
	jsonw_key(w, "lines");
	jsonw_arr_open(w);
	for (int i = 0; i < r->nlines; i++) {
		const struct store_assess_line *l = &r->lines[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "completion_bp", l->completion_bp);
		jsonw_kint(w, "contribution_cp", l->contribution_cp);
		jsonw_kint(w, "indicator_id", l->indicator_id);
		jsonw_kstr(w, "kind", l->kind);
		jsonw_kstr(w, "name", l->name);
		jsonw_kint(w, "weight", l->weight);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "org_id", r->org_id);
	jsonw_kstr(w, "org_name", r->org_name);
	jsonw_kint(w, "rank", r->rank);
	jsonw_kint(w, "scheme_id", r->scheme_id);
	jsonw_kstr(w, "scheme_name", r->scheme_name);
	jsonw_kstr(w, "scheme_status", r->scheme_status);
	jsonw_kint(w, "score_cp", r->score_cp);
	jsonw_kint(w, "target_cp", r->target_cp);
	jsonw_kint(w, "version", r->version);
	jsonw_kint(w, "year", r->year);
	jsonw_obj_close(w);
}

static void values(struct jsonw *w, const struct store_assess_value *v, int n)
{
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++)
		assess_json_value(w, &v[i]);
	jsonw_arr_close(w);
}

const struct store_assess_json assess_json_audit = {
    .scheme = assess_json_scheme,
    .values = values,
    .appeal = assess_json_appeal,
};

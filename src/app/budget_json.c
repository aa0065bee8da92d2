/* budget_json.c - zone budgets as JSON, keys in byte order. Must not read anything. */
#include "app/budget_json.h"

#include "core/enums.h"
#include "util/jsonw.h"

void budget_json_year_fields(struct jsonw *w, const struct store_budget_year *y)
{
	const char *mode = budget_mode_code(y->by.mode);

	jsonw_kstr(w, "approval_doc", y->by.approval_doc);
	jsonw_kstr(w, "approved_on", y->by.approved_on);
	jsonw_kid(w, "id", y->id);
	jsonw_kstr(w, "mode", mode);
	jsonw_kstr(w, "mode_label", enum_label(&enum_budget_mode, mode));
	jsonw_kstr(w, "note", y->note);
	jsonw_kstr(w, "updated_at", y->updated_at);
	jsonw_kint(w, "year", y->year);
	jsonw_kint(w, "zone_id", y->zone_id);
	jsonw_kstr(w, "zone_name", y->zone_name);
}

static void year_object(struct jsonw *w, const struct store_budget_year *y)
{
	jsonw_obj_open(w);
	budget_json_year_fields(w, y);
	jsonw_obj_close(w);
}

void budget_json_exec_fields(struct jsonw *w, const struct budget_exec *e)
{
	if (e->has_budget)
		jsonw_kint(w, "budget_fen", e->budget_fen);
	else
		jsonw_knull(w, "budget_fen");
	if (e->has_budget && e->has_final)
		jsonw_kint(w, "diff_fen", e->diff_fen);
	else
		jsonw_knull(w, "diff_fen");
	if (e->has_final)
		jsonw_kint(w, "final_fen", e->final_fen);
	else
		jsonw_knull(w, "final_fen");
	if (e->has_rate)
		jsonw_kint(w, "rate_bp", e->rate_bp);
	else
		jsonw_knull(w, "rate_bp");
}

void budget_json_project(struct jsonw *w, const struct store_budget_project *p)
{
	const char *grade = budget_grade_code(budget_grade_of(&p->p));
	int64_t bp;

	jsonw_obj_open(w);
	jsonw_kint(w, "funds_fen", p->p.funds_fen);
	jsonw_kstr(w, "grade", *grade ? grade : NULL);
	jsonw_kstr(w, "grade_label", *grade ? enum_label(&enum_budget_grade, grade) : NULL);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "name", p->name);
	jsonw_kstr(w, "result", p->result);
	if (p->p.scored)
		jsonw_kint(w, "score", p->p.score);
	else
		jsonw_knull(w, "score");
	jsonw_kint(w, "spent_fen", p->p.spent_fen);
	if (budget_project_spent_bp(&p->p, &bp) == 0)
		jsonw_kint(w, "spent_rate_bp", bp);
	else
		jsonw_knull(w, "spent_rate_bp");
	jsonw_kstr(w, "subject_code", p->subject_code);
	jsonw_kstr(w, "target", p->target);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kint(w, "year", p->year);
	jsonw_kint(w, "zone_id", p->zone_id);
	jsonw_kstr(w, "zone_name", p->zone_name);
	jsonw_obj_close(w);
}

const struct store_budget_json budget_json_audit = {
    .year = year_object,
    .project = budget_json_project,
};

/* invest_json.c - the investment pipeline as JSON, keys in byte order. Must not read anything. */
#include "app/invest_json.h"

#include "core/enums.h"
#include "util/jsonw.h"

static void change_json(struct jsonw *w, const struct store_invest_change *c)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "changed_at", c->changed_at);
	jsonw_kstr(w, "changed_by_name", c->changed_by_name);
	jsonw_kstr(w, "changed_on", c->changed_on);
	jsonw_kstr(w, "from_stage", c->from_stage);
	jsonw_kstr(w, "note", c->note);
	jsonw_kstr(w, "to_stage", c->to_stage);
	jsonw_kstr(w, "to_stage_label", enum_label(&enum_invest_stage, c->to_stage));
	jsonw_obj_close(w);
}

void invest_json_fields(struct jsonw *w, const struct store_invest_project *p,
                        const struct invest_json_stall *st)
{
	const char *stage = invest_stage_code(p->stage);

	jsonw_kint(w, "agreed_fen", p->p.agreed_fen);
	if (p->changes) {
		jsonw_key(w, "changes");
		jsonw_arr_open(w);
		for (int i = 0; i < p->n_changes; i++)
			change_json(w, &p->changes[i]);
		jsonw_arr_close(w);
	}
	if (st)
		jsonw_kint(w, "days_in_stage", st->days);
	jsonw_kint(w, "expected_output_fen", p->p.expected_output_fen);
	jsonw_kint(w, "expected_tax_fen", p->p.expected_tax_fen);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "industry_code", p->p.industry_code);
	jsonw_kstr(w, "investor", p->p.investor);
	jsonw_kstr(w, "name", p->p.name);
	jsonw_kstr(w, "note", p->note);
	jsonw_kint(w, "realized_fen", p->p.realized_fen);
	jsonw_kstr(w, "staff", p->staff_text);
	/* the roster changes without the project: answers say it, audit records do not */
	if (st)
		jsonw_kstr(w, "staff_left_on", p->staff_left_on);
	jsonw_kid(w, "staff_person_id", p->p.staff_person_id);
	jsonw_kstr(w, "staff_person_name", p->staff_person_name);
	jsonw_kstr(w, "stage", stage);
	jsonw_kstr(w, "stage_label", enum_label(&enum_invest_stage, stage));
	jsonw_kstr(w, "stage_on", p->stage_on);
	if (st)
		jsonw_kbool(w, "stalled", st->stalled);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kint(w, "zone_id", p->zone_id);
	jsonw_kstr(w, "zone_name", p->zone_name);
}

void invest_json_write(struct jsonw *w, const struct store_invest_project *p)
{
	jsonw_obj_open(w);
	invest_json_fields(w, p, NULL);
	jsonw_obj_close(w);
}

static void setting_json(struct jsonw *w, int stall_days)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "stall_days", stall_days);
	jsonw_obj_close(w);
}

const struct store_invest_json invest_json_audit = {
    .project = invest_json_write,
    .setting = setting_json,
};

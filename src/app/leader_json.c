/* leader_json.c - the JSON shapes of leader_json.h, keys in byte order. Must not read
 * anything. */
#include "app/leader_json.h"

void leader_json_action(struct jsonw *w, const struct store_leader_action *x)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "basis", x->basis);
	jsonw_kstr(w, "doc_no", x->doc_no);
	jsonw_kid(w, "fault_case_id", x->fault_case_id);
	jsonw_kstr(w, "grade", x->grade);
	jsonw_kint(w, "id", x->id);
	jsonw_kstr(w, "kind", x->kind);
	jsonw_kid(w, "org_id", x->org_id);
	jsonw_kstr(w, "org_name", x->org_name);
	jsonw_kid(w, "person_id", x->person_id);
	jsonw_kstr(w, "person_name", x->person_name);
	jsonw_kstr(w, "recorded_at", x->recorded_at);
	jsonw_kstr(w, "recorded_org_name", x->recorded_org_name);
	jsonw_kint(w, "year", x->year);
	jsonw_obj_close(w);
}

void leader_json_zone(struct jsonw *w, const struct store_county_zone *z, int from, int to)
{
	jsonw_obj_open(w);
	jsonw_key(w, "actions");
	jsonw_arr_open(w);
	for (int i = 0; i < z->nactions; i++)
		leader_json_action(w, &z->actions[i]);
	jsonw_arr_close(w);
	jsonw_key(w, "grades");
	jsonw_arr_open(w);
	for (int y = from; y <= to; y++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "grade", z->grades[y - from]);
		jsonw_kint(w, "year", y);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "level", z->level);
	jsonw_kstr(w, "name", z->name);
	jsonw_kid(w, "org_id", z->org_id);
	jsonw_obj_close(w);
}

void leader_json_awaiting(struct jsonw *w, const struct store_leader_awaiting *z)
{
	jsonw_obj_open(w);
	jsonw_kid(w, "county_id", z->county_id);
	jsonw_kstr(w, "county_name", z->county_name);
	jsonw_kstr(w, "grade", z->grade);
	jsonw_kstr(w, "name", z->name);
	jsonw_kid(w, "org_id", z->org_id);
	jsonw_kint(w, "year", z->year);
	jsonw_obj_close(w);
}

const struct store_leader_json leader_json_audit = {leader_json_action};

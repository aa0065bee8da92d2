/* arrangement_json.c - arrangements as JSON, keys in byte order. Must not read anything. */
#include "app/arrangement_json.h"

#include "util/jsonw.h"

void arrangement_json_write(struct jsonw *w, const struct store_arrangement *x)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", x->created_at);
	jsonw_kstr(w, "end_date", x->ar.end_date);
	jsonw_key(w, "enterprises");
	jsonw_arr_open(w);
	for (int i = 0; i < x->n_members; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "id", x->members[i].id);
		jsonw_kstr(w, "name", x->members[i].name);
		jsonw_kstr(w, "uscc", x->members[i].uscc);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "host_zone_id", x->ar.host_zone_id);
	jsonw_kstr(w, "host_zone_name", x->host_zone_name);
	jsonw_kint(w, "id", x->ar.id);
	jsonw_kstr(w, "kind", arrangement_kind_code(x->ar.kind));
	jsonw_kstr(w, "kind_label", arrangement_kind_label(x->ar.kind));
	jsonw_kstr(w, "name", x->name);
	jsonw_kstr(w, "note", x->note);
	jsonw_kstr(w, "partner_name", x->ar.partner_name);
	jsonw_kid(w, "partner_zone_id", x->ar.partner_zone_id);
	jsonw_kstr(w, "partner_zone_name", x->partner_zone_name);
	jsonw_key(w, "ratios");
	jsonw_arr_open(w);
	for (size_t i = 0; i < x->ar.n_ratios; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "from_year", x->ar.ratios[i].from_year);
		jsonw_kint(w, "partner_bp", x->ar.ratios[i].partner_bp);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "start_date", x->ar.start_date);
	jsonw_kstr(w, "updated_at", x->updated_at);
	jsonw_obj_close(w);
}

const struct store_arrangement_json arrangement_json_audit = {
    .arrangement = arrangement_json_write,
};

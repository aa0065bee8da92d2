/* space_json.c - 腾笼换鸟's JSON shapes, written once for the API and the audit log. Must not
 * decide anything (core/space.c does). */
#include "app/space_json.h"

#include "app/land_json.h"

static void khundredths(struct jsonw *w, const char *key, int64_t v, bool null_when_zero)
{
	char buf[24];

	if (null_when_zero && !v) {
		jsonw_knull(w, key);
		return;
	}
	land_json_hundredths(v, buf);
	jsonw_kstr(w, key, buf);
}

void space_json_building(struct jsonw *w, const struct store_building *b, int64_t vacant_days)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "address", b->address);
	khundredths(w, "area_m2", b->area_m2x100, false);
	jsonw_kint(w, "area_m2x100", b->area_m2x100);
	jsonw_kstr(w, "created_at", b->created_at);
	jsonw_kid(w, "id", b->id);
	jsonw_kstr(w, "kind", b->kind);
	jsonw_kint(w, "matches", b->matches);
	jsonw_kstr(w, "name", b->name);
	jsonw_kstr(w, "owner", b->owner);
	if (b->owner_enterprise_id)
		jsonw_kid(w, "owner_enterprise_id", b->owner_enterprise_id);
	else
		jsonw_knull(w, "owner_enterprise_id");
	khundredths(w, "price", b->price_fen, true);
	khundredths(w, "rent", b->rent_fen, true);
	jsonw_kstr(w, "status", b->status);
	jsonw_kstr(w, "terms", b->terms);
	jsonw_kstr(w, "updated_at", b->updated_at);
	if (vacant_days >= 0)
		jsonw_kint(w, "vacant_days", vacant_days);
	jsonw_kstr(w, "vacant_since", b->vacant_since);
	jsonw_kid(w, "zone_id", b->zone_id);
	jsonw_kstr(w, "zone_name", b->zone_name);
	jsonw_obj_close(w);
}

void space_json_match(struct jsonw *w, const struct store_match *m)
{
	jsonw_obj_open(w);
	jsonw_kid(w, "building_id", m->building_id);
	jsonw_kstr(w, "building_name", m->building_name);
	jsonw_kstr(w, "closed_at", m->closed_at);
	jsonw_kstr(w, "created_at", m->created_at);
	if (m->enterprise_id)
		jsonw_kid(w, "enterprise_id", m->enterprise_id);
	else
		jsonw_knull(w, "enterprise_id");
	jsonw_kstr(w, "enterprise_name", m->enterprise_name);
	jsonw_kid(w, "id", m->id);
	khundredths(w, "need_m2", m->need_m2x100, true);
	jsonw_kstr(w, "note", m->note);
	jsonw_kstr(w, "outcome", m->outcome);
	jsonw_kstr(w, "result", m->result);
	jsonw_obj_close(w);
}

static void audit_building(struct jsonw *w, const struct store_building *b)
{
	space_json_building(w, b, -1);
}

const struct store_space_json space_json_audit = {
    .building = audit_building,
    .match = space_json_match,
};

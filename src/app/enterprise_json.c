/* enterprise_json.c - enterprises and tax years as JSON, keys in byte order. Must not read
 * anything: it writes what it is given. */
#include "app/enterprise_json.h"

#include "util/jsonw.h"

void enterprise_json_fields(struct jsonw *w, const struct store_enterprise *e)
{
	jsonw_kstr(w, "address", e->address);
	jsonw_kbool(w, "attracted", e->attracted);
	jsonw_kstr(w, "contract_on", e->contract_on);
	jsonw_kstr(w, "created_at", e->created_at);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "industry_code", e->industry_code);
	jsonw_kstr(w, "name", e->name);
	jsonw_kstr(w, "production_on", e->production_on);
	jsonw_kstr(w, "registered_on", e->registered_on);
	jsonw_kstr(w, "scale", e->scale);
	jsonw_kstr(w, "settled_on", e->settled_on);
	jsonw_kstr(w, "updated_at", e->updated_at);
	jsonw_kstr(w, "uscc", e->uscc);
	jsonw_kint(w, "zone_id", e->zone_id);
	jsonw_kstr(w, "zone_name", e->zone_name);
}

void enterprise_json_write(struct jsonw *w, const struct store_enterprise *e)
{
	jsonw_obj_open(w);
	enterprise_json_fields(w, e);
	jsonw_obj_close(w);
}

void enterprise_json_tax_year(struct jsonw *w, int64_t enterprise_id,
                              const struct store_tax_year *y)
{
	jsonw_obj_open(w);
	jsonw_key(w, "amounts");
	jsonw_obj_open(w);
	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		if (y->present[t])
			jsonw_kint(w, tax_type_defs[t].code, y->fen[t]);
	jsonw_obj_close(w);
	if (enterprise_id > 0)
		jsonw_kint(w, "enterprise_id", enterprise_id);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

const struct store_enterprise_json enterprise_json_audit = {
    .enterprise = enterprise_json_write,
    .tax_year = enterprise_json_tax_year,
};

/* land_json.c - the land module's JSON shapes, written once for the API and the audit log.
 * Must not compute anything a rule decides beyond what core/ says (the area check is
 * core/geo.c's). */
#include "app/land_json.h"

#include "core/geo.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void land_json_hundredths(int64_t v, char out[24])
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(out, 24, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", u / 100, u % 100);
}

static void khundredths(struct jsonw *w, const char *key, int64_t v)
{
	char buf[24];

	land_json_hundredths(v, buf);
	jsonw_kstr(w, key, buf);
}

void land_json_boundary(struct jsonw *w, const struct store_boundary *b)
{
	int64_t bp = 0;
	bool off = b->has_geometry &&
	           geo_area_deviates(b->area_m2x100, b->approved_ha_x100, b->tolerance_bp, &bp);

	jsonw_obj_open(w);
	khundredths(w, "approved_ha", b->approved_ha_x100);
	/* hundredths of m² to hundredths of ha: / 10,000, half-up */
	khundredths(w, "area_ha", (b->area_m2x100 + 5000) / 10000);
	jsonw_kint(w, "area_m2x100", b->area_m2x100);
	jsonw_kstr(w, "catalogue_code", b->catalogue_code);
	jsonw_kbool(w, "deviates", off);
	jsonw_kint(w, "deviation_bp", b->has_geometry ? bp : 0);
	jsonw_kstr(w, "four_to", b->four_to);
	/* as text: the audit log's canonical JSON holds no fractions */
	jsonw_kstr(w, "geojson", b->geojson);
	jsonw_kbool(w, "has_geometry", b->has_geometry);
	jsonw_kint(w, "tolerance_bp", b->tolerance_bp);
	jsonw_kstr(w, "updated_at", b->updated_at);
	jsonw_kid(w, "zone_id", b->zone_id);
	jsonw_kstr(w, "zone_name", b->zone_name);
	jsonw_obj_close(w);
}

const struct store_land_json land_json_audit = {
    .boundary = land_json_boundary,
};

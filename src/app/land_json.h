/* land_json.h - the JSON shapes of the land module's entities: the API's answers and the audit
 * records' before/after are the same objects (keys in byte order). In app/ because the demo
 * (app/demo_land.c) writes land too, and its audit records need the shapes. */
#ifndef KFQ_APP_LAND_JSON_H
#define KFQ_APP_LAND_JSON_H

#include "store/store_land.h"
#include "util/jsonw.h"

/* {"approved_ha","area_ha","area_m2x100","catalogue_code","deviates","deviation_bp",
 *  "four_to","geojson","has_geometry","tolerance_bp","updated_at","zone_id","zone_name"}:
 * geojson the geometry's GeoJSON text (null without, or in lists: the audit log's canonical
 * JSON holds no fractions); areas in hundredths as text too. */
void land_json_boundary(struct jsonw *w, const struct store_boundary *b);

/* "123.45" for 12345 hundredths (a minus sign first when negative). out has 24 bytes. */
void land_json_hundredths(int64_t v, char out[24]);

extern const struct store_land_json land_json_audit;

#endif

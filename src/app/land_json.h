/* land_json.h - the JSON shapes of the land module's entities: the API's answers and the audit
 * records' before/after are the same objects (keys in byte order). In app/ because the demo
 * (app/demo_land.c) writes land too, and its audit records need the shapes. */
#ifndef KFQ_APP_LAND_JSON_H
#define KFQ_APP_LAND_JSON_H

#include "core/land.h"
#include "store/store_land.h"
#include "util/jsonw.h"

/* {"approved_ha","area_ha","area_m2x100","catalogue_code","deviates","deviation_bp",
 *  "four_to","geojson","has_geometry","tolerance_bp","updated_at","zone_id","zone_name"}:
 * geojson the geometry's GeoJSON text (null without, or in lists: the audit log's canonical
 * JSON holds no fractions); areas in hundredths as text too. */
void land_json_boundary(struct jsonw *w, const struct store_boundary *b);
/* Its fields into an object the caller has opened (an answer that adds its own). */
void land_json_boundary_fields(struct jsonw *w, const struct store_boundary *b);

/* A batch: {"approved_m2","approved_m2x100","approved_on","batch_no","created_at","id",
 *  "supplied_m2x100","unsupplied_m2x100","unsupplied_mu","zone_id","zone_name"}. */
void land_json_batch(struct jsonw *w, const struct store_batch *b);
/* A parcel's stored facts, and with f its finding on a day ("finding": status, every status
 * found, clause, reason, handling, idle fee, idle since); the audit records have none. */
void land_json_parcel(struct jsonw *w, const struct store_parcel *p, const struct land_finding *f);
void land_json_case(struct jsonw *w, const struct store_land_case *c);
/* A project with "flagged" (core/land.h: a non-industrial project inside without exception). */
void land_json_project(struct jsonw *w, const struct store_project *p);

/* The facts core/land.c classifies, from a stored parcel. */
void land_parcel_facts(const struct store_parcel *p, struct land_parcel_facts *out);
/* A parcel's where_code as core's enum (GEO_OUTSIDE when unknown). */
enum geo_where land_where_parse(const char *code);

/* "123.45" for 12345 hundredths (a minus sign first when negative). out has 24 bytes. */
void land_json_hundredths(int64_t v, char out[24]);

extern const struct store_land_json land_json_audit;

#endif

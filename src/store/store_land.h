/* store_land.h - the land module's storage: each zone's approved area and boundary
 * (store_boundary.c). Every change is audited in its transaction with the caller's JSON shapes
 * (struct store_land_json). Returned structs and strings are allocated from the caller's
 * arena. The rules (geometry, what a valid entry is) are core/'s: this stores what the caller
 * has checked and computed. */
#ifndef KFQ_STORE_LAND_H
#define KFQ_STORE_LAND_H

#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* A zone's approved area and boundary. */
struct store_boundary {
	int64_t zone_id;
	const char *zone_name; /* read back */
	const char *catalogue_code;
	int64_t approved_ha_x100; /* hectares, hundredths */
	const char *four_to;
	const char *geojson; /* NULL: no coordinates yet; lists leave it NULL (has_geometry) */
	bool has_geometry;   /* read back */
	int64_t area_m2x100; /* computed by the caller from geojson; 0 without */
	int tolerance_bp;
	int64_t bbox[4]; /* min lon, min lat, max lon, max lat: 1e-7 degrees */
	const char *updated_at;
};

struct store_land_json {
	void (*boundary)(struct jsonw *w, const struct store_boundary *b);
};

/* The zones whose boundaries are recorded, within scope (the zone ids), by name; without the
 * GeoJSON unless with_geometry. */
int store_boundary_list(struct store *s, struct arena *a, const struct store_scope *scope,
                        bool with_geometry, struct store_boundary **out, int *n);
/* KFQ_ENOTFOUND when the zone has none. */
int store_boundary_get(struct store *s, struct arena *a, int64_t zone_id,
                       struct store_boundary *out);
/* Sets (creates or replaces) b->zone_id's record, audited as "set" on entity "zone_boundary".
 * KFQ_ENOTFOUND when the organization does not exist, KFQ_ECONSTRAINT when it is not a zone. */
int store_boundary_set(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, const struct store_boundary *b);

#endif

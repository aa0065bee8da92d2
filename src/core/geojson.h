/* geojson.h - reads the geometry of a GeoJSON text (RFC 7946) in CGCS2000 (EPSG:4490)
 * longitude/latitude: a zone's boundary, a parcel's outline, a project's point. Pure: text in,
 * plain structs out, every refusal a Chinese message naming where it is; no geometry rule
 * (validity, areas, containment: core/geo.h) and no coordinate conversion. Coordinates from
 * consumer web maps (GCJ-02, BD-09) are offset by hundreds of metres and cannot be told from
 * CGCS2000 by their values: kfq does not convert them, and whoever enters coordinates is told so.
 *
 * Accepted: a geometry object (Point, Polygon, MultiPolygon), a Feature with one, or a
 * FeatureCollection whose features are all Polygons or MultiPolygons (merged into one
 * MultiPolygon). A "crs" member, if present, must name EPSG:4490 (or CRS84/EPSG:4326, which
 * differ from CGCS2000 by centimetres). Positions are [longitude, latitude] (an altitude is
 * ignored) inside China's extent; a pair that fits only the other way round is refused as
 * swapped, numbers in the millions as projected metres. Rings are closed, with at least four
 * positions. */
#ifndef KFQ_CORE_GEOJSON_H
#define KFQ_CORE_GEOJSON_H

#include "util/arena.h"
#include "util/strbuf.h"

#include <stddef.h>

#define GEOJSON_MAX_DEPTH     32
#define GEOJSON_MAX_POSITIONS 200000 /* per text: a zone's boundary surveyed point by point */

/* China's extent in degrees (the mainland, Hainan, Taiwan and the southern islands' bounding
 * box, generously rounded). */
#define GEO_CN_LON_MIN 73.0
#define GEO_CN_LON_MAX 136.0
#define GEO_CN_LAT_MIN 3.0
#define GEO_CN_LAT_MAX 54.0

struct geo_point {
	double lon, lat;
};

struct geo_ring {
	struct geo_point *pts; /* closed: pts[0] == pts[n - 1] */
	int n;
};

struct geo_polygon {
	struct geo_ring *rings; /* [0] the exterior, then the holes */
	int nrings;
};

enum geo_kind { GEO_POINT, GEO_POLYGON, GEO_MULTIPOLYGON };

struct geo_shape {
	enum geo_kind kind;
	struct geo_point point;    /* GEO_POINT */
	struct geo_polygon *polys; /* GEO_POLYGON: one; GEO_MULTIPOLYGON: npolys */
	int npolys;
};

struct geojson_error {
	char message[200]; /* Chinese, shown to users as is */
};

/* Reads text[0..len) into *out (arena memory). 0, or -1 with e->message. */
int geojson_read(const char *text, size_t len, struct arena *a, struct geo_shape *out,
                 struct geojson_error *e);

/* Whether (lon, lat) lies in China's extent. */
int geo_in_china(double lon, double lat);

/* Writes s as a GeoJSON geometry object (coordinates with the digits that read back exactly). */
void geojson_write(struct strbuf *sb, const struct geo_shape *s);

#endif

/* geo.h - geometry rules on CGCS2000 longitude/latitude shapes (core/geojson.h): a polygon's
 * validity (GEOS: a self-intersecting ring or a hole outside its shell is refused), its area on
 * the CGCS2000 ellipsoid (PROJ's geodesic polygon area, Karney's algorithm: no grid or database
 * files), where a point or a shape lies against a boundary, the area two shapes share, and the
 * approved-area check. Pure computation: no I/O; GEOS runs in a context of its own per call, so
 * every function may run on any thread. */
#ifndef KFQ_CORE_GEO_H
#define KFQ_CORE_GEO_H

#include "core/geojson.h"

#include <stdbool.h>
#include <stdint.h>

/* The CGCS2000 ellipsoid (GB/T 1.0-2008 geodetic reference: equal to GRS 80 in a and f). */
#define GEO_CGCS2000_A 6378137.0
#define GEO_CGCS2000_F (1.0 / 298.257222101)

struct geo_problem {
	char message[200]; /* Chinese */
};

/* 0 when every polygon of s is valid and the polygons of a multipolygon do not overlap, else -1
 * with p->message saying what and where ("边界自相交（经度 …, 纬度 …附近）"). A point is valid. */
int geo_validate(const struct geo_shape *s, struct geo_problem *p);

/* The geodesic area of s in hundredths of a square metre (exterior rings less holes; 0 for a
 * point), rounded half away from zero. s must have passed geo_validate. */
int64_t geo_area_m2x100(const struct geo_shape *s);

enum geo_where {
	GEO_OUTSIDE, /* nothing in common */
	GEO_ON_EDGE, /* a point on the boundary line; a shape that only touches it */
	GEO_INSIDE,  /* within the boundary, perhaps touching its line from inside */
	GEO_PARTLY,  /* a shape partly inside, partly outside */
};

/* Where s lies against boundary (both validated; boundary a polygon or multipolygon). 0, or -1
 * when GEOS fails (p->message). */
int geo_locate(const struct geo_shape *boundary, const struct geo_shape *s, enum geo_where *out,
               struct geo_problem *p);

/* A boundary made ready to locate many shapes against it (a batch re-check): GEOS's prepared
 * geometry, and the boundary's bounding box, which settles a shape whose box lies apart from it
 * as outside without GEOS. The caller owns it (geo_prepared_free); it keeps its own GEOS context,
 * so one thread at a time uses it. geo_prepare: 0, or -1 (p->message). */
struct geo_prepared;
int geo_prepare(const struct geo_shape *boundary, struct geo_prepared **out, struct geo_problem *p);
/* geo_locate against a prepared boundary. */
int geo_prepared_locate(const struct geo_prepared *pb, const struct geo_shape *s,
                        enum geo_where *out, struct geo_problem *p);
void geo_prepared_free(struct geo_prepared *pb); /* NULL: nothing */

/* The geodesic area a and b share (polygons), hundredths of m². 0, or -1 (p->message). */
int geo_shared_area_m2x100(const struct geo_shape *a, const struct geo_shape *b, int64_t *out,
                           struct geo_problem *p);

/* The approved-area check: whether the computed area (m² hundredths) differs from the approved
 * one (hectare hundredths) by more than tolerance_bp basis points of the approved area; *diff_bp
 * the signed difference in basis points of the approved area, half-up. approved 0: no check. */
bool geo_area_deviates(int64_t computed_m2x100, int64_t approved_ha_x100, int tolerance_bp,
                       int64_t *diff_bp);

/* The bounding box of s (every position). */
void geo_bbox(const struct geo_shape *s, double *min_lon, double *min_lat, double *max_lon,
              double *max_lat);

#endif

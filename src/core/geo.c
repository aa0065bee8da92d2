/* geo.c - validity, containment and shared areas through GEOS's reentrant C API, areas through
 * PROJ's geodesic polygon area on the CGCS2000 ellipsoid. Must not read or write anything, nor
 * convert coordinates between systems. */
#include "core/geo.h"

#include <geodesic.h>
#include <geos_c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void problem(struct geo_problem *p, const char *msg)
{
	snprintf(p->message, sizeof(p->message), "%s", msg);
}

/* ---- shapes to GEOS and back ---- */

static GEOSGeometry *ring_geos(GEOSContextHandle_t h, const struct geo_ring *r)
{
	GEOSCoordSequence *cs = GEOSCoordSeq_create_r(h, (unsigned)r->n, 2);

	if (!cs)
		return NULL;
	for (int i = 0; i < r->n; i++)
		if (!GEOSCoordSeq_setXY_r(h, cs, (unsigned)i, r->pts[i].lon, r->pts[i].lat)) {
			GEOSCoordSeq_destroy_r(h, cs);
			return NULL;
		}
	return GEOSGeom_createLinearRing_r(h, cs);
}

static GEOSGeometry *poly_geos(GEOSContextHandle_t h, const struct geo_polygon *p)
{
	GEOSGeometry *shell = ring_geos(h, &p->rings[0]), **holes = NULL, *g;
	int nh = p->nrings - 1;

	if (!shell)
		return NULL;
	if (nh > 0 && !(holes = calloc((size_t)nh, sizeof(*holes)))) {
		GEOSGeom_destroy_r(h, shell);
		return NULL;
	}
	for (int i = 0; i < nh; i++)
		if (!(holes[i] = ring_geos(h, &p->rings[i + 1]))) {
			for (int k = 0; k < i; k++)
				GEOSGeom_destroy_r(h, holes[k]);
			GEOSGeom_destroy_r(h, shell);
			free(holes);
			return NULL;
		}
	/* the polygon takes the rings, not the array */
	g = GEOSGeom_createPolygon_r(h, shell, holes, (unsigned)nh);
	free(holes);
	return g;
}

static GEOSGeometry *shape_geos(GEOSContextHandle_t h, const struct geo_shape *s)
{
	GEOSGeometry **parts, *g;

	if (s->kind == GEO_POINT)
		return GEOSGeom_createPointFromXY_r(h, s->point.lon, s->point.lat);
	if (s->kind == GEO_POLYGON)
		return poly_geos(h, &s->polys[0]);
	if (!(parts = calloc((size_t)s->npolys, sizeof(*parts))))
		return NULL;
	for (int i = 0; i < s->npolys; i++)
		if (!(parts[i] = poly_geos(h, &s->polys[i]))) {
			for (int k = 0; k < i; k++)
				GEOSGeom_destroy_r(h, parts[k]);
			free(parts);
			return NULL;
		}
	g = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts, (unsigned)s->npolys);
	free(parts);
	return g;
}

static void quiet(const char *fmt, ...)
{
	(void)fmt;
}

static GEOSContextHandle_t geos_open(void)
{
	GEOSContextHandle_t h = GEOS_init_r();

	if (h) {
		GEOSContext_setNoticeHandler_r(h, quiet);
		GEOSContext_setErrorHandler_r(h, quiet);
	}
	return h;
}

/* ---- areas ---- */

static double ring_area(const struct geod_geodesic *g, const struct geo_ring *r)
{
	int n = r->n - 1; /* PROJ closes the ring itself */
	double *lats = malloc(sizeof(double) * (size_t)n),
	       *lons = malloc(sizeof(double) * (size_t)n);
	double area = 0;

	if (lats && lons) {
		for (int i = 0; i < n; i++) {
			lats[i] = r->pts[i].lat;
			lons[i] = r->pts[i].lon;
		}
		geod_polygonarea(g, lats, lons, n, &area, NULL);
	}
	free(lats);
	free(lons);
	return fabs(area);
}

static double polys_area(const struct geo_polygon *ps, int n)
{
	struct geod_geodesic g;
	double sum = 0;

	geod_init(&g, GEO_CGCS2000_A, GEO_CGCS2000_F);
	for (int i = 0; i < n; i++) {
		sum += ring_area(&g, &ps[i].rings[0]);
		for (int k = 1; k < ps[i].nrings; k++)
			sum -= ring_area(&g, &ps[i].rings[k]);
	}
	return sum;
}

int64_t geo_area_m2x100(const struct geo_shape *s)
{
	if (s->kind == GEO_POINT)
		return 0;
	return llround(polys_area(s->polys, s->kind == GEO_POLYGON ? 1 : s->npolys) * 100.0);
}

/* ---- validity ---- */

static const struct {
	const char *geos;
	const char *cn;
} reasons[] = {
    {"Self-intersection", "边界自相交"},
    {"Ring Self-intersection", "边界的环自相交"},
    {"Hole lies outside shell", "内环（洞）在外环之外"},
    {"Holes are nested", "内环（洞）相互嵌套"},
    {"Interior is disconnected", "多边形内部不连通"},
    {"Nested shells", "多个多边形相互嵌套"},
    {"Duplicate Rings", "有重复的环"},
    {"Too few distinct points in geometry component", "环的不同坐标点过少"},
    {"Invalid Coordinate", "坐标无效"},
    {"Ring is not closed", "环未闭合"},
};

int geo_validate(const struct geo_shape *s, struct geo_problem *p)
{
	GEOSContextHandle_t h;
	GEOSGeometry *g = NULL, *where = NULL;
	char *reason = NULL;
	const char *cn = "边界几何无效";
	double x = 0, y = 0;
	int rc = -1;

	if (s->kind == GEO_POINT)
		return 0;
	if (!(h = geos_open())) {
		problem(p, "几何计算初始化失败");
		return -1;
	}
	if (!(g = shape_geos(h, s))) {
		problem(p, "边界几何无效：无法构造多边形");
		goto cleanup;
	}
	if (GEOSisValidDetail_r(h, g, 0, &reason, &where) == 1) {
		rc = 0;
		goto cleanup;
	}
	for (size_t i = 0; reason && i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(reason, reasons[i].geos))
			cn = reasons[i].cn;
	if (where && GEOSGeomGetX_r(h, where, &x) == 1 && GEOSGeomGetY_r(h, where, &y) == 1)
		snprintf(p->message, sizeof(p->message), "%s（经度 %.6f、纬度 %.6f 附近）", cn, x,
		         y);
	else
		problem(p, cn);
cleanup:
	if (reason)
		GEOSFree_r(h, reason);
	if (where)
		GEOSGeom_destroy_r(h, where);
	if (g)
		GEOSGeom_destroy_r(h, g);
	GEOS_finish_r(h);
	return rc;
}

/* ---- where a shape lies ---- */

struct geo_prepared {
	GEOSContextHandle_t h;
	GEOSGeometry *g;
	const GEOSPreparedGeometry *prep;
	double box[4]; /* min lon, min lat, max lon, max lat */
};

void geo_prepared_free(struct geo_prepared *pb)
{
	if (!pb)
		return;
	if (pb->prep)
		GEOSPreparedGeom_destroy_r(pb->h, pb->prep);
	if (pb->g)
		GEOSGeom_destroy_r(pb->h, pb->g);
	if (pb->h)
		GEOS_finish_r(pb->h);
	free(pb);
}

int geo_prepare(const struct geo_shape *boundary, struct geo_prepared **out, struct geo_problem *p)
{
	struct geo_prepared *pb = calloc(1, sizeof(*pb));

	*out = NULL;
	if (!pb || !(pb->h = geos_open())) {
		free(pb);
		problem(p, "几何计算初始化失败");
		return -1;
	}
	if (!(pb->g = shape_geos(pb->h, boundary)) || !(pb->prep = GEOSPrepare_r(pb->h, pb->g))) {
		geo_prepared_free(pb);
		problem(p, "几何无效：无法构造");
		return -1;
	}
	geo_bbox(boundary, &pb->box[0], &pb->box[1], &pb->box[2], &pb->box[3]);
	*out = pb;
	return 0;
}

int geo_prepared_locate(const struct geo_prepared *pb, const struct geo_shape *s,
                        enum geo_where *out, struct geo_problem *p)
{
	GEOSGeometry *g;
	double box[4];
	char t;

	/* most shapes of a city lie far from a given zone: their boxes decide without GEOS */
	geo_bbox(s, &box[0], &box[1], &box[2], &box[3]);
	if (box[0] > pb->box[2] || box[2] < pb->box[0] || box[1] > pb->box[3] ||
	    box[3] < pb->box[1]) {
		*out = GEO_OUTSIDE;
		return 0;
	}
	if (!(g = shape_geos(pb->h, s))) {
		problem(p, "几何无效：无法构造");
		return -1;
	}
	/* Only the predicates GEOS answers from the prepared boundary's index: its "touches" is not
	 * prepared (a full relate per shape), so it is asked only of a shape that is neither
	 * covered nor apart. A point is inside when properly contained, on the line when covered
	 * but not properly contained; a shape with an area that is covered is inside (its interior
	 * meets the boundary's, so it does not merely touch). */
	if (s->kind == GEO_POINT) {
		if ((t = GEOSPreparedContainsProperly_r(pb->h, pb->prep, g)) == 1)
			*out = GEO_INSIDE;
		else if (t == 0 && (t = GEOSPreparedCovers_r(pb->h, pb->prep, g)) != 2)
			*out = t ? GEO_ON_EDGE : GEO_OUTSIDE;
	} else if ((t = GEOSPreparedCovers_r(pb->h, pb->prep, g)) == 1) {
		*out = GEO_INSIDE;
	} else if (t == 0 && (t = GEOSPreparedIntersects_r(pb->h, pb->prep, g)) == 0) {
		*out = GEO_OUTSIDE;
	} else if (t == 1 && (t = GEOSPreparedTouches_r(pb->h, pb->prep, g)) != 2) {
		*out = t ? GEO_ON_EDGE : GEO_PARTLY;
	}
	GEOSGeom_destroy_r(pb->h, g);
	if (t == 2) {
		problem(p, "几何计算失败");
		return -1;
	}
	return 0;
}

int geo_locate(const struct geo_shape *boundary, const struct geo_shape *s, enum geo_where *out,
               struct geo_problem *p)
{
	struct geo_prepared *pb;
	int rc;

	if (geo_prepare(boundary, &pb, p) != 0)
		return -1;
	rc = geo_prepared_locate(pb, s, out, p);
	geo_prepared_free(pb);
	return rc;
}

/* The rings of a GEOS polygon as a geo_polygon (heap arrays: free_poly). */
static int poly_from_geos(GEOSContextHandle_t h, const GEOSGeometry *g, struct geo_polygon *out)
{
	int nh = GEOSGetNumInteriorRings_r(h, g);

	if (nh < 0)
		return -1;
	out->nrings = nh + 1;
	if (!(out->rings = calloc((size_t)out->nrings, sizeof(*out->rings))))
		return -1;
	for (int r = 0; r < out->nrings; r++) {
		const GEOSGeometry *ring =
		    r ? GEOSGetInteriorRingN_r(h, g, r - 1) : GEOSGetExteriorRing_r(h, g);
		const GEOSCoordSequence *cs = ring ? GEOSGeom_getCoordSeq_r(h, ring) : NULL;
		unsigned n = 0;
		if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n))
			return -1;
		out->rings[r].n = (int)n;
		if (!(out->rings[r].pts = calloc(n ? n : 1, sizeof(struct geo_point))))
			return -1;
		for (unsigned i = 0; i < n; i++)
			if (!GEOSCoordSeq_getXY_r(h, cs, i, &out->rings[r].pts[i].lon,
			                          &out->rings[r].pts[i].lat))
				return -1;
	}
	return 0;
}

static void free_poly(struct geo_polygon *p)
{
	for (int r = 0; p->rings && r < p->nrings; r++)
		free(p->rings[r].pts);
	free(p->rings);
}

/* The geodesic area of a GEOS result: its polygons, whatever collection holds them. */
static int geos_area(GEOSContextHandle_t h, const GEOSGeometry *g, double *area)
{
	int type = GEOSGeomTypeId_r(h, g), n;

	if (type == GEOS_POLYGON) {
		struct geo_polygon p = {0};
		int rc = poly_from_geos(h, g, &p);
		if (rc == 0 && p.rings[0].n >= 4)
			*area += polys_area(&p, 1);
		free_poly(&p);
		return rc;
	}
	if (type != GEOS_MULTIPOLYGON && type != GEOS_GEOMETRYCOLLECTION)
		return 0; /* points and lines have no area */
	n = GEOSGetNumGeometries_r(h, g);
	for (int i = 0; i < n; i++)
		if (geos_area(h, GEOSGetGeometryN_r(h, g, i), area) != 0)
			return -1;
	return 0;
}

int geo_shared_area_m2x100(const struct geo_shape *a, const struct geo_shape *b, int64_t *out,
                           struct geo_problem *p)
{
	GEOSContextHandle_t h = geos_open();
	GEOSGeometry *ga = NULL, *gb = NULL, *x = NULL;
	double area = 0;
	int rc = -1;

	if (!h) {
		problem(p, "几何计算初始化失败");
		return -1;
	}
	if (!(ga = shape_geos(h, a)) || !(gb = shape_geos(h, b)) ||
	    !(x = GEOSIntersection_r(h, ga, gb)) || geos_area(h, x, &area) != 0) {
		problem(p, "几何计算失败");
		goto cleanup;
	}
	*out = llround(area * 100.0);
	rc = 0;
cleanup:
	if (x)
		GEOSGeom_destroy_r(h, x);
	if (gb)
		GEOSGeom_destroy_r(h, gb);
	if (ga)
		GEOSGeom_destroy_r(h, ga);
	GEOS_finish_r(h);
	return rc;
}

/* ---- the approved area ---- */

bool geo_area_deviates(int64_t computed_m2x100, int64_t approved_ha_x100, int tolerance_bp,
                       int64_t *diff_bp)
{
	/* 1 ha = 10,000 m², so hundredths of a hectare are 10,000 × hundredths of a m² */
	int64_t approved = approved_ha_x100 * 10000, d = computed_m2x100 - approved;
	int64_t num = (d < 0 ? -d : d) * 10000;

	*diff_bp = 0;
	if (approved <= 0)
		return false;
	*diff_bp = (num + approved / 2) / approved * (d < 0 ? -1 : 1);
	return num > (int64_t)tolerance_bp * approved;
}

/* ---- bounding box ---- */

void geo_bbox(const struct geo_shape *s, double *min_lon, double *min_lat, double *max_lon,
              double *max_lat)
{
	*min_lon = *max_lon = s->point.lon;
	*min_lat = *max_lat = s->point.lat;
	if (s->kind == GEO_POINT)
		return;
	*min_lon = *min_lat = INFINITY;
	*max_lon = *max_lat = -INFINITY;
	for (int i = 0; i < (s->kind == GEO_POLYGON ? 1 : s->npolys); i++)
		for (int k = 0; k < s->polys[i].rings[0].n; k++) {
			const struct geo_point *q = &s->polys[i].rings[0].pts[k];
			*min_lon = fmin(*min_lon, q->lon);
			*max_lon = fmax(*max_lon, q->lon);
			*min_lat = fmin(*min_lat, q->lat);
			*max_lat = fmax(*max_lat, q->lat);
		}
}

/* Tests src/core/geo.c: a point on the boundary line, just outside and inside; a multipolygon
 * zone with a hole; a self-intersecting boundary refused with where; geodesic areas on the
 * CGCS2000 ellipsoid against the closed form; shared areas; the approved-area tolerance worked
 * by hand. */
#include "core/geo.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* 123.90..123.92 E, 41.85..41.87 N (Fushun), with a hole 123.905..123.915 E, 41.855..41.865 N,
 * and a second square 123.95..123.96 E, 41.85..41.86 N */
#define OUTER "[[123.9,41.85],[123.92,41.85],[123.92,41.87],[123.9,41.87],[123.9,41.85]]"
#define HOLE                                                                                       \
	"[[123.905,41.855],[123.905,41.865],[123.915,41.865],[123.915,41.855],[123.905,41.855]]"
#define EAST "[[123.95,41.85],[123.96,41.85],[123.96,41.86],[123.95,41.86],[123.95,41.85]]"
#define ZONE "{\"type\":\"MultiPolygon\",\"coordinates\":[[" OUTER "," HOLE "],[" EAST "]]}"

static struct arena A;

static struct geo_shape shape(const char *text)
{
	struct geo_shape s;
	struct geojson_error e;

	assert_int_equal(geojson_read(text, strlen(text), &A, &s, &e), 0);
	return s;
}

static enum geo_where where(const struct geo_shape *b, const char *text)
{
	struct geo_shape s = shape(text);
	struct geo_problem p = {{0}};
	enum geo_where w;

	assert_int_equal(geo_locate(b, &s, &w, &p), 0);
	return w;
}

static void test_points(void **state)
{
	struct geo_shape zone = shape(ZONE);
	struct geo_problem p = {{0}};

	(void)state;
	assert_int_equal(geo_validate(&zone, &p), 0);
	/* on the southern edge, on a corner, on the hole's edge */
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.91,41.85]}"),
	                 GEO_ON_EDGE);
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.92,41.87]}"),
	                 GEO_ON_EDGE);
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.905,41.86]}"),
	                 GEO_ON_EDGE);
	/* inside; just outside the eastern edge (1e-7 degree, about a centimetre); in the hole */
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.901,41.86]}"),
	                 GEO_INSIDE);
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.9200001,41.86]}"),
	                 GEO_OUTSIDE);
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.91,41.86]}"),
	                 GEO_OUTSIDE);
	/* in the second polygon */
	assert_int_equal(where(&zone, "{\"type\":\"Point\",\"coordinates\":[123.955,41.855]}"),
	                 GEO_INSIDE);
}

static void test_shapes(void **state)
{
	struct geo_shape zone = shape(ZONE);

	(void)state;
	/* a parcel inside touching the outer edge; across the edge; only touching from outside */
	assert_int_equal(
	    where(&zone, "{\"type\":\"Polygon\",\"coordinates\":[[[123.9,41.85],[123.901,41.85],"
	                 "[123.901,41.851],[123.9,41.851],[123.9,41.85]]]}"),
	    GEO_INSIDE);
	assert_int_equal(
	    where(&zone, "{\"type\":\"Polygon\",\"coordinates\":[[[123.919,41.86],[123.921,41.86],"
	                 "[123.921,41.861],[123.919,41.861],[123.919,41.86]]]}"),
	    GEO_PARTLY);
	assert_int_equal(
	    where(&zone, "{\"type\":\"Polygon\",\"coordinates\":[[[123.92,41.86],[123.921,41.86],"
	                 "[123.921,41.861],[123.92,41.861],[123.92,41.86]]]}"),
	    GEO_ON_EDGE);
}

static void test_areas(void **state)
{
	struct geo_shape outer = shape("{\"type\":\"Polygon\",\"coordinates\":[" OUTER "]}");
	struct geo_shape hole = shape("{\"type\":\"Polygon\",\"coordinates\":[" HOLE "]}");
	struct geo_shape east = shape("{\"type\":\"Polygon\",\"coordinates\":[" EAST "]}");
	struct geo_shape zone = shape(ZONE);
	struct geo_problem p = {{0}};
	int64_t shared;

	(void)state;
	/* The closed form of a band between two parallels and two meridians on the CGCS2000
	 * ellipsoid, a²/2·Δλ·(q(φ2) − q(φ1)) with q the authalic function, gives 3,688,969.67 m²,
	 * 922,242.42 m² and 922,313.45 m²; geodesic edges between the corners bulge a few
	 * centimetres poleward, so PROJ's geodesic areas agree to within 0.05 m² (3,688,969.65,
	 * 922,242.42 and 922,313.45). */
	assert_int_equal(geo_area_m2x100(&outer), 368896965);
	assert_int_equal(geo_area_m2x100(&hole), 92224242);
	assert_int_equal(geo_area_m2x100(&east), 92231345);
	/* the zone: outer less the hole plus the east square (each rounded once, together) */
	assert_int_equal(geo_area_m2x100(&zone), 368904069);
	/* the east square lies wholly in the zone; the hole shares nothing with it */
	assert_int_equal(geo_shared_area_m2x100(&zone, &east, &shared, &p), 0);
	assert_int_equal(shared, 92231345);
	assert_int_equal(geo_shared_area_m2x100(&zone, &hole, &shared, &p), 0);
	assert_int_equal(shared, 0);
}

static void test_invalid(void **state)
{
	/* a bow tie: the edges cross at 123.91 E, 41.86 N */
	struct geo_shape bow =
	    shape("{\"type\":\"Polygon\",\"coordinates\":[[[123.9,41.85],[123.92,"
	          "41.87],[123.92,41.85],[123.9,41.87],[123.9,41.85]]]}");
	/* a hole outside its shell */
	struct geo_shape out = shape("{\"type\":\"Polygon\",\"coordinates\":[" OUTER "," EAST "]}");
	struct geo_problem p = {{0}};

	(void)state;
	assert_int_equal(geo_validate(&bow, &p), -1);
	assert_string_equal(p.message, "边界自相交（经度 123.910000、纬度 41.860000 附近）");
	assert_int_equal(geo_validate(&out, &p), -1);
	assert_string_equal(p.message,
	                    "内环（洞）在外环之外（经度 123.950000、纬度 41.850000 附近）");
}

static void test_tolerance(void **state)
{
	int64_t bp;

	(void)state;
	/* approved 368.90 ha = 3,689,000 m²; computed 3,689,040.69 m²: +40.69 m² is 0.11 bp */
	assert_false(geo_area_deviates(368904069, 36890, 300, &bp));
	assert_int_equal(bp, 0);
	/* approved 350.00 ha: +189,040.69 m² of 3,500,000 m² is 540.12 bp, over 300 */
	assert_true(geo_area_deviates(368904069, 35000, 300, &bp));
	assert_int_equal(bp, 540);
	/* exactly at the tolerance is within it: 103.00 ha against 100.00 ha at 300 bp */
	assert_false(geo_area_deviates(103000000, 10000, 300, &bp));
	assert_int_equal(bp, 300);
	assert_true(geo_area_deviates(103000001, 10000, 300, &bp));
	/* below: 96.995 ha against 100 ha is -300.5 bp, half-up away from zero: -301 */
	assert_true(geo_area_deviates(96995000, 10000, 300, &bp));
	assert_int_equal(bp, -301);
	assert_false(geo_area_deviates(5, 0, 300, &bp));
}

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&A);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_points),    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_areas),     cmocka_unit_test(test_invalid),
	    cmocka_unit_test(test_tolerance),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* Tests src/core/geojson.c: the shapes it reads (a geometry, a Feature, a FeatureCollection
 * merged), and every refusal with its message: swapped coordinates, outside China, projected
 * metres, an open ring, too few points, a foreign CRS, malformed JSON; the writer reads back. */
#include "core/geojson.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define SQUARE "[[[123.9,41.85],[123.92,41.85],[123.92,41.87],[123.9,41.87],[123.9,41.85]]]"

static int rd(struct arena *a, const char *text, struct geo_shape *s, struct geojson_error *e)
{
	return geojson_read(text, strlen(text), a, s, e);
}

static void refused(const char *text, const char *message)
{
	struct arena a;
	struct geo_shape s;
	struct geojson_error e;

	arena_init(&a);
	assert_int_equal(rd(&a, text, &s, &e), -1);
	assert_string_equal(e.message, message);
	arena_release(&a);
}

static void test_shapes(void **state)
{
	struct arena a;
	struct geo_shape s;
	struct geojson_error e;

	(void)state;
	arena_init(&a);
	assert_int_equal(rd(&a, "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}", &s, &e), 0);
	assert_int_equal(s.kind, GEO_POLYGON);
	assert_int_equal(s.npolys, 1);
	assert_int_equal(s.polys[0].nrings, 1);
	assert_int_equal(s.polys[0].rings[0].n, 5);
	assert_true(s.polys[0].rings[0].pts[1].lon == 123.92);
	assert_true(s.polys[0].rings[0].pts[2].lat == 41.87);

	assert_int_equal(rd(&a,
	                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"\\u5f00\"},"
	                    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.91,41.86,80]}}",
	                    &s, &e),
	                 0);
	assert_int_equal(s.kind, GEO_POINT);
	assert_true(s.point.lon == 123.91 && s.point.lat == 41.86);

	/* a collection of a Polygon and a MultiPolygon of two: one MultiPolygon of three */
	assert_int_equal(
	    rd(&a,
	       "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{"
	       "\"name\":"
	       "\"EPSG:4490\"}},\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":"
	       "\"Polygon\",\"coordinates\":" SQUARE "}},{\"type\":\"Feature\",\"geometry\":{"
	       "\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "," SQUARE "]}}]}",
	       &s, &e),
	    0);
	assert_int_equal(s.kind, GEO_MULTIPOLYGON);
	assert_int_equal(s.npolys, 3);
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	/* Fushun written latitude first */
	refused("{\"type\":\"Point\",\"coordinates\":[41.86,123.91]}",
	        "坐标 [41.860000, 123.910000] 的顺序颠倒：GeoJSON 应为经度在前、纬度在后");
	refused("{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}",
	        "坐标 [2.350000, 48.850000] 不在中国境内");
	refused("{\"type\":\"Point\",\"coordinates\":[41500123.5,4640321.25]}",
	        "坐标 [41500123.500, 4640321.250] 不是经纬度（像是以米为单位的投影坐标），请提供 "
	        "CGCS2000 经纬度");
	refused("{\"type\":\"Polygon\",\"coordinates\":[[[123.9,41.85],[123.92,41.85],[123.92,41."
	        "87],[123.9,41.87]]]}",
	        "多边形的环未闭合：首尾坐标应相同");
	refused("{\"type\":\"Polygon\",\"coordinates\":[[[123.9,41.85],[123.92,41.85],[123.9,41."
	        "85]]]}",
	        "多边形的环至少需要 4 个坐标点（首尾相同）");
	refused("{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
	        "\"EPSG:4214\"}},\"coordinates\":" SQUARE "}",
	        "坐标系应为 CGCS2000（EPSG:4490）经纬度");
	refused("{\"type\":\"LineString\",\"coordinates\":[[123.9,41.85],[123.92,41.85]]}",
	        "几何类型应为 Point、Polygon 或 MultiPolygon");
	refused("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{"
	        "\"type\":\"Point\",\"coordinates\":[123.9,41.85]}}]}",
	        "边界应为 Polygon 或 MultiPolygon");
	refused("{\"type\":\"Point\",\"coordinates\":[\"123.9\",41.85]}", "坐标应为数字");
	refused("{\"type\":\"Point\",\"coordinates\":[123.9,41.85]",
	        "GeoJSON 格式错误：对象未正确结束");
	refused("{\"type\":\"Point\",\"coordinates\":[123.9,41.85]} x",
	        "GeoJSON 格式错误：末尾有多余内容");
	refused("[1,2]", "GeoJSON 应为对象");
	refused("{\"type\":\"Point\",\"coordinates\":[1e999,41.85]}", "GeoJSON 格式错误：数字无效");
	refused("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	        "GeoJSON 嵌套层次过深");
	refused("", "GeoJSON 格式错误：内容不完整");
}

static void test_write(void **state)
{
	struct arena a;
	struct geo_shape s, back;
	struct geojson_error e;
	struct strbuf sb = STRBUF_INIT;
	const char *text = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[123.9,41.85],[123.92,41."
	                   "85],[123.92,41.87],[123.9,41.87],[123.9,41.85]],[[123.905,41.855],[123."
	                   "905,41.865],[123.915,41.865],[123.915,41.855],[123.905,41.855]]]]}";

	(void)state;
	arena_init(&a);
	assert_int_equal(rd(&a, text, &s, &e), 0);
	geojson_write(&sb, &s);
	assert_string_equal(sb.buf, text);
	assert_int_equal(rd(&a, sb.buf, &back, &e), 0);
	assert_int_equal(back.polys[0].nrings, 2);
	strbuf_release(&sb);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
